//! Regression mode: points carrying values, mean squared error, predictions as values, and every
//! editor feature (CSV, undo, diff, model files, exported code) on value data.
#![cfg(not(target_family = "wasm"))]

mod common;

use common::{random_points, run_rust};
use pollster::block_on;
use sw2_playground::data::presets::{ValuePreset, generate_values};
use sw2_playground::data::versions::Target;
use sw2_playground::data::{Dataset, PresetOptions, Task, ValuePoint};
use sw2_playground::export::{CodeLanguage, ModelDescription, export_code, export_model, import_model};
use sw2_playground::inspect::{Predictions, boundary, class_accuracy, neurons, predict, predict_rows, predict_values};
use sw2_playground::model::{Activation, Feature};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session, evaluate};

fn wave(n: usize, noise: f64) -> Dataset {
    let points = generate_values(ValuePreset::Wave, PresetOptions { n, noise, seed: 4 }).unwrap();
    Dataset::from_values(points, 0.3, 2).unwrap()
}

fn fitted_config() -> ConfigPatch {
    ConfigPatch {
        hidden: Some(vec![12, 12]),
        activation: Some(Activation::Tanh),
        features: Some(vec![Feature::X, Feature::Y]),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.03),
        batch_size: Some(BatchSize::Size(0)),
        seed: Some(1),
        ..Default::default()
    }
}

fn session(dataset: Dataset) -> Session {
    let mut s = Session::new();
    s.set_dataset(dataset).unwrap();
    block_on(s.configure(fitted_config())).unwrap();
    s
}

fn variance(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let n = values.clone().count() as f64;
    let mean = values.clone().sum::<f64>() / n;
    values.map(|v| (v - mean).powi(2)).sum::<f64>() / n
}

#[test]
fn the_wave_is_learned_to_a_small_fraction_of_its_variance() {
    let mut s = session(wave(400, 0.0));
    assert_eq!(s.task(), Task::Regression);
    let before = block_on(evaluate(&s)).unwrap();
    assert_eq!((before.train_accuracy, before.test_accuracy), (None, None), "regression has no accuracy");
    s.train_steps(1500).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    let test = s.dataset().split_indices(true);
    let spread = variance(test.iter().map(|&i| s.dataset().value_points()[i].value));
    let test_mse = m.test_loss.unwrap();
    assert!(test_mse < 0.1 * spread, "test MSE {test_mse} vs variance {spread}");
    assert!(m.train_loss < before.train_loss / 5.0, "{before:?} → {m:?}");
    assert!(!m.diverged());
    // The loss really is the mean squared error of the predictions.
    let points: Vec<(f64, f64)> = test.iter().map(|&i| (s.dataset().value_points()[i].x, s.dataset().value_points()[i].y)).collect();
    let predicted = block_on(predict_values(&s.program(), &points)).unwrap();
    let mse = test.iter().zip(&predicted).map(|(&i, p)| (p - s.dataset().value_points()[i].value).powi(2)).sum::<f64>() / test.len() as f64;
    assert!((mse - test_mse).abs() < 1e-4 * (1.0 + mse), "{mse} vs {test_mse}");
    assert!(block_on(class_accuracy(&s.program(), s.dataset())).unwrap().is_empty());
}

#[test]
fn the_grid_holds_the_predicted_values_on_the_data_colour_scale() {
    let mut s = session(wave(200, 0.2));
    s.train_steps(50).unwrap();
    let g = block_on(boundary(&s.program(), s.dataset(), 12, None)).unwrap();
    assert_eq!((g.size, g.classes, g.values.len()), (12, 0, 144));
    assert!(g.probabilities.is_empty());
    let [lo, hi] = s.dataset().value_range().unwrap();
    assert_eq!(g.range, Some([lo as f32, hi as f32]));
    // Cell (row 2, col 7) sits at x = cell_centre(7), y = -cell_centre(2).
    let centre = |i: usize| -1.0 + (2 * i + 1) as f64 / 12.0;
    let v = block_on(predict_values(&s.program(), &[(centre(7), -centre(2))])).unwrap();
    assert!((v[0] - g.values[2 * 12 + 7] as f64).abs() < 1e-5);
    let Predictions::Values(rows) = block_on(predict_rows(&s.program(), &[vec![centre(7), -centre(2)]])).unwrap() else { panic!("values") };
    assert_eq!(rows, v);
    assert!(block_on(predict(&s.program(), &[(0.0, 0.0)])).unwrap_err().to_string().contains("predict_values"));
    let maps = block_on(neurons(&s.program(), 12, None)).unwrap();
    let out = maps.layers.last().unwrap();
    assert_eq!(out.units, vec!["value".to_string()]);
    assert!((out.values[2 * 12 + 7] - g.values[2 * 12 + 7]).abs() < 1e-5);
}

#[test]
fn large_values_start_on_their_scale_and_are_not_called_divergence() {
    let points: Vec<ValuePoint> =
        random_points(200, 3).into_iter().map(|(x, y)| ValuePoint { x, y, value: 5000.0 + 800.0 * x - 300.0 * y }).collect();
    let mut s = session(Dataset::from_values(points, 0.25, 1).unwrap());
    let start = block_on(evaluate(&s)).unwrap();
    assert!(!start.diverged(), "{start:?}");
    // The output starts at the training mean, so the first error is the spread, not 5000².
    assert!(start.train_loss < 4.0 * 800.0 * 800.0, "{start:?}");
    s.train_steps(600).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    assert!(m.test_loss.unwrap() < 0.05 * start.test_loss.unwrap(), "{start:?} → {m:?}");
    // A learning rate far too high does blow up, and is called so.
    block_on(s.configure(ConfigPatch { learning_rate: Some(10.0), optimizer: Some(OptimizerKind::Sgd), ..Default::default() })).unwrap();
    s.train_steps(30).unwrap();
    assert!(block_on(evaluate(&s)).unwrap().diverged());
}

#[test]
fn csv_undo_and_diff_work_on_values() {
    let mut s = Session::new();
    s.import_csv("x,y,value\n0.5,0.5,1.25\n-0.5,0.25,-3\n0,0,0.5\n").unwrap();
    assert_eq!(s.task(), Task::Regression);
    assert_eq!(s.dataset().value_points()[1], ValuePoint { x: -0.5, y: 0.25, value: -3.0 });
    assert_eq!(s.export_csv(), "x,y,value\n0.5,0.5,1.25\n-0.5,0.25,-3\n0,0,0.5\n");
    let err = s.import_csv("x,y,value\n0.5,0.5,1\n0.2,0.1,\n").unwrap_err().to_string();
    assert!(err.contains("line 3: column 3 (value)"), "{err}");
    let first = s.commit("three values").unwrap();
    let mut points = s.dataset().value_points().to_vec();
    points[2].value = 0.75;
    points.push(ValuePoint { x: 0.9, y: -0.9, value: 2.0 });
    s.set_dataset(Dataset::from_values(points, 0.3, 0).unwrap()).unwrap();
    let d = s.diff(&first, "current").unwrap();
    assert_eq!((d.added.len(), d.removed.len(), d.relabelled.len()), (1, 0, 1));
    assert_eq!((d.relabelled[0].from, d.relabelled[0].to), (Target::Value(0.5), Target::Value(0.75)));
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["relabelled"][0]["value"], 0.75);
    assert_eq!(json["relabelled"][0]["from"], 0.5);
    assert!(s.undo().unwrap());
    assert_eq!(s.dataset().value_points().len(), 3);
    // Going from values to classes and back rebuilds the network each way.
    s.import_csv("x,y,label\n0.1,0.1,0\n0.2,0.2,1\n").unwrap();
    assert_eq!((s.task(), s.classes().len()), (Task::Classification, 2));
    assert!(s.undo().unwrap());
    assert_eq!(s.task(), Task::Regression);
    s.train_steps(3).unwrap();
}

/// A small classifier's model file.
fn spiral_model() -> (Vec<u8>, ModelDescription) {
    let mut s = Session::new();
    s.import_csv("x,y,label\n0.1,0.1,0\n0.2,0.2,1\n-0.5,0.3,0\n").unwrap();
    s.train_steps(2).unwrap();
    block_on(export_model(&s.program(), s.dataset())).unwrap()
}

#[test]
fn a_regression_model_file_and_its_exported_rust_reproduce_the_predictions() {
    let mut s = session(wave(200, 0.1));
    s.train_steps(150).unwrap();
    let probe = random_points(300, 8);
    let expected = block_on(predict_values(&s.program(), &probe)).unwrap();

    let (bytes, description) = block_on(export_model(&s.program(), s.dataset())).unwrap();
    assert_eq!((description.task, description.classes.len()), (Task::Regression, 0));
    let mut other = Session::new();
    block_on(import_model(&mut other, &bytes, description.clone())).unwrap();
    assert_eq!(block_on(predict_values(&other.program(), &probe)).unwrap(), expected);
    // Without data, the session takes the kind of whichever model comes in.
    let spiral = spiral_model();
    block_on(import_model(&mut other, &spiral.0, spiral.1)).unwrap();
    assert_eq!(other.task(), Task::Classification);
    assert_eq!(block_on(predict(&other.program(), &probe)).unwrap().len(), probe.len());
    // A classification dataset refuses the regression model.
    let mut labelled = Session::new();
    labelled.import_csv("x,y,label\n0.1,0.1,0\n0.2,0.2,1\n").unwrap();
    assert!(block_on(import_model(&mut labelled, &bytes, description)).unwrap_err().to_string().contains("regression"));

    let rust = block_on(export_code(&s.program(), s.dataset(), CodeLanguage::Rust)).unwrap();
    assert!(rust.contains("pub fn predict(x: f64, y: f64) -> f64"), "{rust}");
    let wrapped =
        rust.replace("pub fn predict(", "pub fn predict_value(") + "\nfn predict(x: f64, y: f64) -> [f64; 1] { [predict_value(x, y)] }\n";
    let got = run_rust(&wrapped, &probe);
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert!((g[0] - e).abs() < 1e-4 * (1.0 + e.abs()), "point {i}: exported {g:?}, playground {e}");
    }
    let js = block_on(export_code(&s.program(), s.dataset(), CodeLanguage::Js)).unwrap();
    assert!(js.contains("The predicted value at (x, y)") && !js.contains("CLASSES"), "{js}");
}
