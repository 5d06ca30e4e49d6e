//! The wasm-bindgen face of the core: translates between JS values and the session, computes nothing.
//!
//! Every method returns a Promise (or throws) with an `Error` whose message is the core's
//! readable message. Calls on one `Playground` must not overlap; the worker serializes them.

mod convert;
mod debug;
mod editing;
mod engine;
mod image_units;
mod program;
mod project;
mod rule;
mod words;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::data::origin::inherit;
use crate::data::presets;
use crate::data::{Dataset, PresetOptions};
use crate::error::{PlaygroundError, Result};
use crate::inspect;
use crate::train::{self, Session};
use crate::workspace::Workspace;
use convert::{from_js, to_js};

/// Installs a panic hook that logs to the console and tells the worker (`self.sw2OnPanic(message)`),
/// which rejects the call in flight and restarts the engine: with `panic = "abort"` a panicking
/// async call would otherwise leave its Promise pending forever.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = JsValue::from(info.to_string());
        let global = js_sys::global();
        let _ = js_sys::Reflect::set(&global, &"sw2LastPanic".into(), &message);
        if let Ok(callback) = js_sys::Reflect::get(&global, &"sw2OnPanic".into()) {
            if let Some(f) = callback.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&JsValue::NULL, &message);
            }
        }
    }));
}

type Slot = Rc<RefCell<Option<Workspace>>>;

/// Runs `f` on the workspace, taken out of its slot for the duration (so an overlapping call
/// fails cleanly with "busy" instead of panicking), and turns the result into a Promise.
fn with_workspace<F>(slot: &Slot, f: F) -> Promise
where
    F: AsyncFnOnce(&mut Workspace) -> Result<JsValue> + 'static,
{
    let slot = slot.clone();
    future_to_promise(async move {
        let mut ws = slot.borrow_mut().take().ok_or(PlaygroundError::Busy).map_err(js_error)?;
        let result = f(&mut ws).await;
        *slot.borrow_mut() = Some(ws);
        result.map_err(js_error)
    })
}

/// The core's error as a JS `Error` with the same message.
fn js_error(e: PlaygroundError) -> JsValue {
    JsError::new(&e.to_string()).into()
}

/// One playground living in the worker: one [`Workspace`] (data, configuration, network, engine,
/// rule and the running job) in one slot.
#[wasm_bindgen]
pub struct Playground {
    slot: Slot,
}

#[wasm_bindgen]
impl Playground {
    /// A fresh playground on the CPU with no data.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Playground {
        install_panic_hook();
        Playground { slot: Rc::new(RefCell::new(Some(Workspace::new()))) }
    }

    /// Whether this build includes WebGPU.
    #[wasm_bindgen(js_name = hasWebgpu)]
    pub fn has_webgpu() -> bool {
        train::backend::webgpu_compiled()
    }

    /// Runs `f` on the session now (a call that does not wait on the GPU).
    fn sync<T>(&self, f: impl FnOnce(&mut Session) -> Result<T>) -> std::result::Result<T, JsValue> {
        self.sync_workspace(|ws| f(ws.session_mut()))
    }

    /// Runs `f` on the whole workspace now.
    fn sync_workspace<T>(&self, f: impl FnOnce(&mut Workspace) -> Result<T>) -> std::result::Result<T, JsValue> {
        let mut guard = self.slot.borrow_mut();
        let ws = guard.as_mut().ok_or(PlaygroundError::Busy).map_err(js_error)?;
        f(ws).map_err(js_error)
    }

    /// Tells `auto` whether a hardware GPU adapter exists (a software one never wins).
    #[wasm_bindgen(js_name = setGpuHardware)]
    pub fn set_gpu_hardware(&self, present: bool) -> std::result::Result<(), JsValue> {
        self.sync(|s| Ok(s.set_gpu_hardware(present)))
    }

    /// Replaces the dataset with `{ points: [{x, y, label}], testFraction?, seed? }` (or points
    /// `{x, y, value}` for regression, or `{ images }`); throws and keeps
    /// the old dataset if any point is invalid. Fraction and split seed default to the current ones,
    /// so editing points keeps the split stable.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, value: JsValue) -> std::result::Result<(), JsValue> {
        let input = convert::data_input(&value).map_err(js_error)?;
        self.sync(|s| {
            let seed = input.seed.unwrap_or(s.dataset().split_seed());
            // A word list arriving where there were none gets makemore's split unless told.
            let fraction = match (&input.examples, input.test_fraction) {
                (_, Some(f)) => f,
                (crate::data::raw::RawExamples::Words(w) | crate::data::raw::RawExamples::Lines(w), None) if !s.dataset().is_words() => {
                    crate::data::words::makemore_test_fraction(w.len())
                }
                _ => s.dataset().test_fraction(),
            };
            let given = input.examples.dataset(fraction, seed)?;
            // What was there keeps its author; new examples get the one the caller names.
            s.set_dataset(inherit(given, s.dataset(), input.origin.clone()))
        })
    }

    /// Empties the dataset (the network goes with it).
    #[wasm_bindgen(js_name = clearData)]
    pub fn clear_data(&self) -> std::result::Result<(), JsValue> {
        self.sync(|s| s.set_dataset(Dataset::empty()))
    }

    /// `{ points }` (or `{ images }`) as stored.
    #[wasm_bindgen(js_name = getData)]
    pub fn get_data(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync(|s| to_js(&convert::DataOutput::of(s.dataset())))
    }

    /// `"classification"` or `"regression"`: whether the network learns classes or values.
    pub fn task(&self) -> std::result::Result<String, JsValue> {
        self.sync(|s| Ok(format!("{:?}", s.task()).to_lowercase()))
    }

    /// `[min, max]` of a regression dataset's values (`null` otherwise): the page's colour scale.
    #[wasm_bindgen(js_name = valueRange)]
    pub fn value_range(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync(|s| to_js(&s.dataset().value_range()))
    }

    /// The seed of the train/test split.
    #[wasm_bindgen(js_name = splitSeed)]
    pub fn split_seed(&self) -> std::result::Result<f64, JsValue> {
        self.sync(|s| Ok(s.dataset().split_seed() as f64))
    }

    /// The share of points held out for testing.
    #[wasm_bindgen(js_name = testFraction)]
    pub fn test_fraction(&self) -> std::result::Result<f64, JsValue> {
        self.sync(|s| Ok(s.dataset().test_fraction()))
    }

    /// One byte per example: 1 where it is held out for testing.
    #[wasm_bindgen(js_name = testMask)]
    pub fn test_mask(&self) -> std::result::Result<Vec<u8>, JsValue> {
        self.sync(|s| {
            let d = s.dataset();
            Ok((0..d.len()).map(|i| d.is_test(i) as u8).collect())
        })
    }

    /// `[{ label, train, test }]`: examples per class and split, the dataset's balance.
    #[wasm_bindgen(js_name = classCounts)]
    pub fn class_counts(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync(|s| to_js(&s.dataset().class_counts()))
    }

    /// `{ largest, smallest, ratio, unbalanced }`: how even the classes are (`null` with fewer than two).
    pub fn balance(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync(|s| to_js(&s.dataset().balance()))
    }

    /// Pixels for an image the page decoded and fitted onto a `width × height` canvas (its RGBA
    /// bytes): grey levels in [0, 1], inverted when the picture is mostly light, as the digits are.
    #[wasm_bindgen(js_name = pixelsFromRgba)]
    pub fn pixels_from_rgba(&self, rgba: &[u8], width: usize, height: usize) -> std::result::Result<Vec<f64>, JsValue> {
        crate::data::images::pixels_from_rgba(rgba, width, height).map_err(js_error)
    }

    /// The sentence that says training diverged, for metrics that say so (`evaluate()`'s).
    #[wasm_bindgen(js_name = divergenceMessage)]
    pub fn divergence_message(&self, metrics: JsValue) -> std::result::Result<String, JsValue> {
        let m: train::Metrics = from_js(&metrics, "metrics").map_err(js_error)?;
        Ok(m.divergence_message())
    }

    /// Replaces the dataset with the built-in 8×8 digits, parsed from their CSV text (the worker
    /// fetches it only when asked); `options` is `{ n, seed, testFraction }` (`n`: the first n digits).
    /// (`n` defaults to [`presets::DIGITS_IN_PRESET`]: the rest stay out of the dataset for worlds).
    #[wasm_bindgen(js_name = loadDigits)]
    pub fn load_digits(&self, csv: &str, options: JsValue) -> std::result::Result<(), JsValue> {
        let n = if options.is_object() { js_sys::Reflect::get(&options, &"n".into()).ok().and_then(|v| v.as_f64()) } else { None };
        let (options, fraction): (PresetOptions, Option<f64>) = convert::preset_options(&options).map_err(js_error)?;
        let first = n.map_or(presets::DIGITS_IN_PRESET, |n| n.max(2.0) as usize);
        let digits = presets::Digits { csv, first: Some(first) };
        self.sync(|s| {
            let fraction = fraction.unwrap_or(s.dataset().test_fraction());
            s.set_dataset(presets::dataset("digits", options, fraction, Some(digits))?)
        })
    }

    /// Replaces the dataset with a generated preset (a regression one for `wave` and `hill`);
    /// `options` is `{ n, noise, seed, testFraction }`.
    #[wasm_bindgen(js_name = loadPreset)]
    pub fn load_preset(&self, name: &str, options: JsValue) -> std::result::Result<(), JsValue> {
        presets::check_name(name).map_err(js_error)?;
        let (options, fraction): (PresetOptions, Option<f64>) = convert::preset_options(&options).map_err(js_error)?;
        self.sync(|s| {
            let fraction = fraction.unwrap_or(s.dataset().test_fraction());
            s.set_dataset(presets::dataset(name, options, fraction, None)?)
        })
    }

    /// The configuration in force.
    #[wasm_bindgen(js_name = getConfig)]
    pub fn get_config(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync(|s| to_js(s.config()))
    }

    /// The backend running now: `"cpu"` or `"webgpu"`.
    pub fn backend(&self) -> std::result::Result<String, JsValue> {
        self.sync(|s| Ok(format!("{:?}", s.backend()).to_lowercase()))
    }

    /// Patches the configuration and re-initializes the weights. Resolves when the backend is up.
    pub fn configure(&self, patch: JsValue) -> Promise {
        let patch = convert::from_js_strict(&patch, "configure");
        with_workspace(&self.slot, async move |ws| ws.session_mut().configure(patch?).await.map(|_| JsValue::UNDEFINED))
    }

    /// Re-initializes the weights from the seed.
    pub fn reset(&self) -> std::result::Result<(), JsValue> {
        self.sync(|s| Ok(s.reset()))
    }

    /// Takes up to `max_steps` optimizer steps, stopping early once `budget_ms` has passed.
    /// Resolves with the number of steps taken (at least one unless an error stops it).
    #[wasm_bindgen(js_name = trainFor)]
    pub fn train_for(&self, max_steps: u32, budget_ms: f64) -> Promise {
        with_workspace(&self.slot, async move |ws| ws.train_for(u64::from(max_steps), budget_ms).map(|taken| JsValue::from(taken as u32)))
    }

    /// `{ step, trainLoss, testLoss, trainAccuracy, testAccuracy, diverged }`.
    pub fn evaluate(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| train::evaluate(ws.session()).await.and_then(|m| convert::metrics(&m)))
    }

    /// `evaluate()`'s numbers, estimated on a fixed sample of a long word list (with
    /// `estimatedFrom`, the rows read per split): the worker's progress reports while training.
    #[wasm_bindgen(js_name = estimateMetrics)]
    pub fn estimate_metrics(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| train::estimate(ws.session()).await.and_then(|m| convert::metrics(&m)))
    }

    /// `[{ label, trainCorrect, trainTotal, testCorrect, testTotal }]`: accuracy class by class.
    #[wasm_bindgen(js_name = classAccuracy)]
    pub fn class_accuracy(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            inspect::class_accuracy(&s.program(), s.dataset()).await.and_then(|r| to_js(&r))
        })
    }

    /// Class probabilities (indexed by label) for `[[x, y], ...]`, or for rows of pixels on image
    /// data; for regression, one predicted value per point.
    pub fn predict(&self, points: JsValue) -> Promise {
        let points: Result<Vec<Vec<f64>>> = from_js(&points, "predict");
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match points {
                Ok(p) => inspect::predict_rows(&s.program(), &p).await.and_then(|r| to_js(&r)),
                Err(e) => Err(e),
            }
        })
    }

    /// `{ size, classes, probabilities: Float32Array }` over a `size × size` grid, row 0 at the top
    /// (for regression `{ size, classes: 0, values: Float32Array, range: [min, max] }`);
    /// for the current weights, or those of a past `step` on the timeline.
    pub fn boundary(&self, size: usize, step: Option<f64>) -> Promise {
        let step = program::step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match step {
                Ok(step) => inspect::boundary(&s.program(), s.dataset(), size, step).await.map(|g| convert::boundary(&g)),
                Err(e) => Err(e),
            }
        })
    }

    /// `[{ name, shape, values }]` for every parameter, now or at a past `step` on the timeline.
    pub fn weights(&self, step: Option<f64>) -> Promise {
        let step = program::step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match step {
                Ok(step) => inspect::weights(&s.program(), step).await.and_then(|w| to_js(&w)),
                Err(e) => Err(e),
            }
        })
    }

    /// Sets one value of a named parameter by hand.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&self, name: String, index: f64, value: f64) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session_mut();
            if index.is_finite() && index >= 0.0 && index.fract() == 0.0 {
                inspect::set_weight(s, &name, index as usize, value).await.map(|_| JsValue::UNDEFINED)
            } else {
                Err(PlaygroundError::InvalidConfig(format!("index {index} must be a whole number from 0")))
            }
        })
    }
}

impl Default for Playground {
    fn default() -> Self {
        Self::new()
    }
}
