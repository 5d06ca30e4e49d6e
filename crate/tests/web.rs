//! The wasm face in a real browser (headless Chromium via wasm-bindgen-test): the same calls the
//! worker makes, on the CPU backend and, with few steps, on WebGPU.
#![cfg(target_family = "wasm")]

use js_sys::{Array, Reflect};
use sw2_playground::web::Playground;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn field(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

async fn wait(p: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn points(n: usize) -> JsValue {
    let arr = Array::new();
    for i in 0..n {
        let t = i as f64 / n as f64;
        let label = (i % 2) as f64;
        let (x, y) = if label == 0.0 { (-0.5 + 0.3 * t, 0.4) } else { (0.2 + 0.3 * t, -0.4) };
        arr.push(&obj(&[("x", x.into()), ("y", y.into()), ("label", label.into())]));
    }
    obj(&[("points", arr.into()), ("testFraction", 0.25.into())])
}

async fn train_and_check(pg: &Playground, steps: u32) -> JsValue {
    let mut done = 0;
    while done < steps {
        done += wait(pg.train_for(steps - done, 1e9)).await.unwrap().as_f64().unwrap() as u32;
    }
    let m = wait(pg.evaluate()).await.unwrap();
    assert_eq!(field(&m, "step").as_f64(), Some(steps as f64));
    assert!(field(&m, "trainLoss").as_f64().unwrap().is_finite());
    m
}

#[wasm_bindgen_test]
async fn cpu_backend_trains_a_separable_set_and_rejects_bad_points() {
    let pg = Playground::new();
    wait(pg.configure(obj(&[("backend", "cpu".into()), ("seed", 3.into())]))).await.unwrap();
    pg.set_data(points(40)).unwrap();
    let m = train_and_check(&pg, 60).await;
    assert!(field(&m, "testAccuracy").as_f64().unwrap() >= 0.9);
    assert_eq!(pg.backend().unwrap(), "cpu");

    let bad = obj(&[("points", Array::of1(&obj(&[("x", f64::NAN.into()), ("y", 0.into()), ("label", 0.into())])).into())]);
    let err = pg.set_data(bad).unwrap_err();
    let message = field(&err, "message").as_string().unwrap();
    assert!(message.contains("point 0"), "{message}");
    let kept = pg.get_data().unwrap();
    assert_eq!(Array::from(&field(&kept, "points")).length(), 40);

    let grid = wait(pg.boundary(16, None)).await.unwrap();
    assert_eq!(js_sys::Float32Array::from(field(&grid, "probabilities")).length(), 16 * 16 * 2);
}

#[wasm_bindgen_test]
async fn webgpu_backend_runs_a_few_steps_or_explains_why_not() {
    let pg = Playground::new();
    pg.set_data(points(16)).unwrap();
    let configured = wait(pg.configure(obj(&[("backend", "webgpu".into()), ("hidden", Array::of1(&4.into()).into())]))).await;
    if !Playground::has_webgpu() {
        let message = field(&configured.unwrap_err(), "message").as_string().unwrap();
        assert!(message.contains("WebGPU"), "{message}");
        return;
    }
    configured.expect("WebGPU starts in headless Chromium with --enable-unsafe-webgpu");
    assert_eq!(pg.backend().unwrap(), "webgpu");
    train_and_check(&pg, 3).await;
    let w = wait(pg.weights(None)).await.unwrap();
    assert_eq!(Array::from(&w).length(), 4);
    // The program views read back asynchronously, as WebGPU requires.
    let summary = wait(pg.weight_summary(None, 10)).await.unwrap();
    assert_eq!(field(&summary, "parameters").as_f64().unwrap(), (2 * 4 + 4 + 4 * 2 + 2) as f64);
    let exported = wait(pg.export_model()).await.unwrap();
    assert!(js_sys::Uint8Array::from(field(&exported, "safetensors")).length() > 100);
    let steps = pg.history().unwrap();
    assert_eq!(steps.first(), Some(&0.0));
    let maps = wait(pg.neurons(8, Some(0.0))).await.unwrap();
    assert_eq!(Array::from(&field(&maps, "layers")).length(), 3);
    let probs = wait(pg.predict(serde_wasm_bindgen::to_value(&vec![[0.0, 0.0]]).unwrap())).await.unwrap();
    assert_eq!(Array::from(&probs).length(), 1);

    // Regression on the GPU: the output layer starts on the values' scale, predictions are numbers.
    let valued = Array::new();
    for i in 0..16 {
        let x = i as f64 / 8.0 - 1.0;
        valued.push(&obj(&[("x", x.into()), ("y", 0.5.into()), ("value", (3.0 * x).into())]));
    }
    pg.set_data(obj(&[("points", valued.into())])).unwrap();
    assert_eq!(pg.task().unwrap(), "regression");
    let m = train_and_check(&pg, 3).await;
    assert!(field(&m, "trainAccuracy").is_null());
    let grid = wait(pg.boundary(8, None)).await.unwrap();
    assert_eq!(js_sys::Float32Array::from(field(&grid, "values")).length(), 64);
    let values = wait(pg.predict(serde_wasm_bindgen::to_value(&vec![[0.5, 0.5]]).unwrap())).await.unwrap();
    assert!(Array::from(&values).get(0).as_f64().unwrap().is_finite());
}

/// Drives the background job to its end the way the worker does, slice by slice.
async fn finish_job(pg: &Playground) -> JsValue {
    loop {
        let step = wait(pg.advance_job(5.0)).await.unwrap();
        if field(&step, "done").as_bool() == Some(true) {
            return field(&step, "result");
        }
        assert!(field(&step, "progress").as_f64().unwrap() < 1.0);
    }
}

/// The debugger's calls on one backend: every read is asynchronous, so they also run on WebGPU.
async fn debugger_runs(pg: &Playground, steps: u32) {
    train_and_check(pg, steps).await;
    let d = wait(pg.diagnose()).await.unwrap();
    let train = Array::from(&field(&field(&d, "confusion"), "train"));
    assert_eq!(train.length(), 2);
    let u = wait(pg.uncertainty(8, JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(js_sys::Float32Array::from(field(&u, "values")).length(), 64);
    let density = wait(pg.density(8)).await.unwrap();
    assert!(field(&density, "range").is_object());
    assert_eq!(Array::from(&wait(pg.suggest(3.0)).await.unwrap()).length(), 3);
    assert!(Array::from(&wait(pg.data_map()).await.unwrap()).length() > 0);
    let region = obj(&[("x0", (-1.0).into()), ("y0", (-1.0).into()), ("x1", 0.0.into()), ("y1", 1.0.into())]);
    let slices = Array::of1(&obj(&[("name", "left".into()), ("region", region)])).into();
    let report = wait(pg.slice_metrics(slices, JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(field(&field(&report, "slices"), "length").as_f64(), Some(1.0));
    wait(pg.start_influence(Array::of2(&0.0.into(), &0.0.into()).into(), JsValue::UNDEFINED)).await.unwrap();
    let influence = finish_job(pg).await;
    assert!(field(&influence, "proponents").is_object());
    pg.start_label_issues(obj(&[("folds", 2.into()), ("steps", 3.into())])).unwrap();
    assert!(Array::is_array(&finish_job(pg).await));
    assert!(!pg.cancel_job(), "a finished job is gone");
}

#[wasm_bindgen_test]
async fn the_debugger_runs_on_the_cpu() {
    let pg = Playground::new();
    wait(pg.configure(obj(&[("backend", "cpu".into()), ("seed", 3.into())]))).await.unwrap();
    pg.set_data(points(40)).unwrap();
    debugger_runs(&pg, 30).await;
}

#[wasm_bindgen_test]
async fn the_debugger_runs_on_webgpu() {
    if !Playground::has_webgpu() {
        return;
    }
    let pg = Playground::new();
    pg.set_data(points(16)).unwrap();
    wait(pg.configure(obj(&[("backend", "webgpu".into()), ("hidden", Array::of1(&4.into()).into())]))).await.unwrap();
    debugger_runs(&pg, 3).await;
}
