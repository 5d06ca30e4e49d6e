//! The weights as a program: timeline, neuron maps, summaries, model files and exported code.
#![cfg(not(target_family = "wasm"))]

mod common;

use common::{random_points, run_rust};
use pollster::block_on;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::export::{CodeLanguage, ModelDescription, export_code, export_model, import_model};
use sw2_playground::inspect::{boundary, neurons, predict, set_weight, summary, weights};
use sw2_playground::model::{Activation, Feature};
use sw2_playground::train::{BatchSize, ConfigPatch, Session, evaluate};

fn spiral_session(patch: ConfigPatch) -> Session {
    let mut s = Session::new();
    let points = generate(Preset::Spiral, PresetOptions { n: 300, noise: 0.1, seed: 3 }).unwrap();
    s.set_dataset(Dataset::new(points, 0.3, 7).unwrap()).unwrap();
    block_on(s.configure(ConfigPatch { batch_size: Some(BatchSize::Size(0)), learning_rate: Some(0.02), ..patch })).unwrap();
    s
}

#[test]
fn the_timeline_keeps_log_spaced_snapshots_and_replays_them_exactly() {
    let mut s = spiral_session(ConfigPatch::default());
    let w0 = block_on(weights(&s.program(), None)).unwrap();
    s.train_steps(400).unwrap();
    let steps = s.timeline_steps();
    assert_eq!(steps[0], 0);
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "{steps:?}");
    assert!(steps.len() < 40, "log spacing keeps few snapshots: {steps:?}");
    assert!(steps.contains(&1) && steps.contains(&2), "early steps are dense: {steps:?}");
    // Step 0 replays the initial weights; the current step replays the current ones.
    assert_eq!(block_on(weights(&s.program(), Some(0))).unwrap(), w0);
    assert_eq!(block_on(weights(&s.program(), Some(400))).unwrap(), block_on(weights(&s.program(), None)).unwrap());
    let past = block_on(boundary(&s.program(), s.dataset(), 12, Some(0))).unwrap();
    assert_ne!(past, block_on(boundary(&s.program(), s.dataset(), 12, None)).unwrap(), "the boundary moved while training");
    let err = block_on(weights(&s.program(), Some(7777))).unwrap_err().to_string();
    assert!(err.contains("no snapshot at step 7777"), "{err}");
}

#[test]
fn a_long_run_stays_within_the_snapshot_bound() {
    let mut s = spiral_session(ConfigPatch { hidden: Some(vec![2]), ..Default::default() });
    s.train_steps(20_000).unwrap();
    let steps = s.timeline_steps();
    assert!(steps.len() <= sw2_playground::train::timeline::MAX_SNAPSHOTS, "{}", steps.len());
    assert!(*steps.last().unwrap() as f64 >= 20_000.0 / 1.25, "recent steps are kept: {steps:?}");
    assert_eq!(steps[0], 0, "step 0 is never thinned");
}

#[test]
fn restore_goes_back_and_training_resumes_from_there() {
    let mut s = spiral_session(ConfigPatch::default());
    s.train_steps(200).unwrap();
    let steps = s.timeline_steps();
    let back = *steps.iter().rev().find(|&&st| st <= 50).unwrap();
    let then = block_on(weights(&s.program(), Some(back))).unwrap();
    s.restore(back).unwrap();
    assert_eq!(s.step(), back);
    assert_eq!(block_on(weights(&s.program(), None)).unwrap(), then);
    assert!(s.timeline_steps().iter().all(|&st| st <= back), "the old future is gone: {:?}", s.timeline_steps());
    s.train_steps(10).unwrap();
    assert_eq!(block_on(evaluate(&s)).unwrap().step, back + 10);
    assert!(s.restore(9999).is_err());
}

#[test]
fn neuron_maps_cover_every_unit_and_match_the_outputs() {
    let mut s = spiral_session(ConfigPatch {
        hidden: Some(vec![5, 3]),
        features: Some(vec![Feature::X, Feature::Y, Feature::XSquared]),
        ..Default::default()
    });
    s.train_steps(50).unwrap();
    let maps = block_on(neurons(&s.program(), 10, None)).unwrap();
    let kinds: Vec<_> = maps.layers.iter().map(|l| (l.kind, l.units.len())).collect();
    assert_eq!(kinds, [("input", 3), ("hidden", 5), ("hidden", 3), ("output", 2)]);
    for l in &maps.layers {
        assert_eq!(l.values.len(), l.units.len() * 100);
        assert!(l.values.iter().all(|v| (l.range[0]..=l.range[1]).contains(v)));
    }
    // The x feature map runs from -1 (left) to +1 (right); tanh units stay in (-1, 1).
    let x = &maps.layers[0].values[..10];
    assert!(x[0] < -0.8 && x[9] > 0.8);
    assert!(maps.layers[1].values.iter().all(|v| v.abs() < 1.0));
    // The output maps are the boundary's probabilities.
    let grid = block_on(boundary(&s.program(), s.dataset(), 10, None)).unwrap();
    let out = &maps.layers[3].values;
    for cell in 0..100 {
        assert!((out[cell] - grid.probabilities[cell * 2]).abs() < 1e-5);
    }
    assert!(block_on(neurons(&s.program(), 1000, None)).is_err());
}

#[test]
fn the_summary_counts_the_binary_and_its_gradients_vanish_at_a_fit() {
    let mut s = spiral_session(ConfigPatch { hidden: Some(vec![16, 16]), ..Default::default() });
    let first = block_on(summary(&s.program(), s.dataset(), None, 20)).unwrap();
    assert_eq!(first.parameters, 2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
    assert_eq!(first.bytes, first.parameters * 4);
    assert_eq!(first.weight_histogram.counts.iter().sum::<u32>() as usize, first.parameters);
    assert_eq!(first.gradients.len(), first.weights.len());
    for (g, w) in first.gradients.iter().zip(&first.weights) {
        assert_eq!((g.name.as_str(), g.shape.clone()), (w.name.as_str(), w.shape.clone()));
    }
    s.train_steps(1500).unwrap();
    let later = block_on(summary(&s.program(), s.dataset(), None, 20)).unwrap();
    let norm = |s: &sw2_playground::inspect::WeightSummary| {
        s.gradients.iter().flat_map(|g| g.values.iter()).map(|v| (*v as f64).powi(2)).sum::<f64>().sqrt()
    };
    assert!(norm(&later) < norm(&first) / 5.0, "gradients shrink as the fit improves: {} → {}", norm(&first), norm(&later));
    assert!(later.scale > 0.0);
}

#[test]
fn an_exported_model_loads_back_with_identical_predictions() {
    let mut s = spiral_session(ConfigPatch {
        hidden: Some(vec![8, 8]),
        features: Some(vec![Feature::X, Feature::Y, Feature::SinX]),
        ..Default::default()
    });
    s.train_steps(300).unwrap();
    let (bytes, description) = block_on(export_model(&s.program(), s.dataset())).unwrap();
    assert_eq!(description.inputs, 3);
    assert_eq!(description.step, 300);
    let probe = random_points(200, 5);
    let expected = block_on(predict(&s.program(), &probe)).unwrap();

    // A fresh session with the same data but another architecture takes the model whole.
    let mut other = spiral_session(ConfigPatch { hidden: Some(vec![3]), ..Default::default() });
    let json = serde_json::to_string(&description).unwrap();
    let parsed: ModelDescription = serde_json::from_str(&json).unwrap();
    block_on(import_model(&mut other, &bytes, parsed)).unwrap();
    assert_eq!(other.config().hidden, vec![8, 8]);
    assert_eq!(other.step(), 300);
    assert_eq!(block_on(predict(&other.program(), &probe)).unwrap(), expected);
    assert_eq!(block_on(weights(&other.program(), None)).unwrap(), block_on(weights(&s.program(), None)).unwrap());
    other.train_steps(5).unwrap();
}

#[test]
fn bad_model_files_are_refused_and_change_nothing() {
    let mut s = spiral_session(ConfigPatch::default());
    s.train_steps(20).unwrap();
    let (bytes, description) = block_on(export_model(&s.program(), s.dataset())).unwrap();
    let mut target = spiral_session(ConfigPatch { hidden: Some(vec![4]), ..Default::default() });
    let before = block_on(weights(&target.program(), None)).unwrap();
    let refuse = |t: &mut Session, b: &[u8], d: ModelDescription, needle: &str| {
        let err = block_on(import_model(t, b, d)).unwrap_err().to_string();
        assert!(err.contains(needle), "expected '{needle}' in: {err}");
    };
    refuse(&mut target, b"not a safetensors file", description.clone(), "safetensors");
    refuse(&mut target, &bytes[..bytes.len() / 2], description.clone(), "safetensors");
    refuse(&mut target, &bytes, ModelDescription { hidden: vec![16, 15], ..description.clone() }, "does not match");
    refuse(&mut target, &bytes, ModelDescription { hidden: vec![16, 16, 4], ..description.clone() }, "does not match");
    refuse(&mut target, &bytes, ModelDescription { format: "other".into(), ..description.clone() }, "format");
    refuse(&mut target, &bytes, ModelDescription { inputs: 3, ..description.clone() }, "inputs");
    refuse(&mut target, &bytes, ModelDescription { classes: vec![0], ..description.clone() }, "class 1");
    assert_eq!(block_on(weights(&target.program(), None)).unwrap(), before);
    assert_eq!(target.config().hidden, vec![4]);
}

#[test]
fn exported_rust_code_agrees_with_the_playground_on_a_thousand_points() {
    let mut s = spiral_session(ConfigPatch {
        hidden: Some(vec![8, 6]),
        activation: Some(Activation::Tanh),
        features: Some(vec![Feature::X, Feature::Y, Feature::XTimesY, Feature::SinY]),
        ..Default::default()
    });
    s.train_steps(200).unwrap();
    let rust = block_on(export_code(&s.program(), s.dataset(), CodeLanguage::Rust)).unwrap();
    assert!(rust.contains("pub fn predict(x: f64, y: f64)"));
    let points = random_points(1000, 11);
    let expected = block_on(predict(&s.program(), &points)).unwrap();
    let got = run_rust(&rust, &points);
    assert_eq!(got.len(), 1000);
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        for (a, b) in g.iter().zip(e) {
            assert!((a - b).abs() < 1e-5, "point {i}: exported {g:?}, playground {e:?}");
        }
    }
    let js = block_on(export_code(&s.program(), s.dataset(), CodeLanguage::Js)).unwrap();
    assert!(js.contains("export function predict(x, y)"));
    assert!(CodeLanguage::from_name("cobol").is_err());
}

#[test]
fn hand_edits_show_in_the_exported_code() {
    let mut s = spiral_session(ConfigPatch { hidden: Some(vec![2]), ..Default::default() });
    block_on(set_weight(&mut s, "layers.0.weight", 0, 1.25)).unwrap();
    let code = block_on(export_code(&s.program(), s.dataset(), CodeLanguage::Js)).unwrap();
    assert!(code.contains("Math.tanh(1.25 * f0"), "{code}");
}

fn digits() -> Dataset {
    use flate2::read::GzDecoder;
    use std::io::Read;
    let gz = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/digits.csv.gz")).unwrap();
    let mut text = String::new();
    GzDecoder::new(gz.as_slice()).read_to_string(&mut text).unwrap();
    let images = sw2_playground::data::images::parse_digits_csv(&text).unwrap();
    Dataset::from_images(images, 0.2, 1).unwrap()
}

#[test]
fn a_small_cnn_learns_the_digits_and_its_model_file_round_trips() {
    let mut s = Session::new();
    s.set_dataset(digits()).unwrap();
    block_on(s.configure(ConfigPatch {
        conv: Some(vec![8]),
        hidden: Some(vec![32]),
        activation: Some(Activation::Relu),
        learning_rate: Some(0.003),
        batch_size: Some(BatchSize::Size(64)),
        ..Default::default()
    }))
    .unwrap();
    let w = block_on(weights(&s.program(), None)).unwrap();
    let shapes: Vec<(&str, &[usize])> = w.iter().map(|t| (t.name.as_str(), t.shape.as_slice())).collect();
    assert_eq!(
        shapes,
        [
            ("convs.0.weight", &[8, 1, 3, 3][..]),
            ("convs.0.bias", &[8][..]),
            ("layers.0.weight", &[8 * 4 * 4, 32][..]),
            ("layers.0.bias", &[32][..]),
            ("layers.1.weight", &[32, 10][..]),
            ("layers.1.bias", &[10][..]),
        ]
    );
    s.train_steps(10 * 1438_u64.div_ceil(64)).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    assert!(m.test_accuracy.unwrap() >= 0.9, "{m:?}");

    let (bytes, description) = block_on(export_model(&s.program(), s.dataset())).unwrap();
    assert_eq!(description.conv, vec![8]);
    let mut other = Session::new();
    other.set_dataset(digits()).unwrap();
    block_on(import_model(&mut other, &bytes, description)).unwrap();
    let rows: Vec<Vec<f64>> = s.dataset().images()[..20].iter().map(|i| i.pixels.iter().map(|&p| p as f64).collect()).collect();
    let predict_rows = sw2_playground::inspect::predict_rows;
    assert_eq!(block_on(predict_rows(&other.program(), &rows)).unwrap(), block_on(predict_rows(&s.program(), &rows)).unwrap());
    let err = block_on(export_code(&s.program(), s.dataset(), CodeLanguage::Js)).unwrap_err().to_string();
    assert!(err.contains("convolutions"), "{err}");
    let summary = block_on(summary(&s.program(), s.dataset(), None, 10)).unwrap();
    assert_eq!(summary.gradients[0].shape, vec![8, 1, 3, 3]);
    assert!(summary.gradients[0].values.iter().any(|g| *g != 0.0));
}

#[test]
fn too_many_convolutions_for_small_images_are_refused_clearly() {
    let mut s = Session::new();
    let img = |label| sw2_playground::data::Image { pixels: vec![0.5; 16], width: 4, height: 4, label };
    s.set_dataset(Dataset::from_images(vec![img(0), img(1)], 0.0, 1).unwrap()).unwrap();
    let err = block_on(s.configure(ConfigPatch { conv: Some(vec![4, 4, 4]), ..Default::default() })).unwrap_err().to_string();
    assert!(err.contains("leaving no pixels"), "{err}");
    assert!(block_on(s.configure(ConfigPatch { conv: Some(vec![4, 4]), ..Default::default() })).is_ok());
    let err = block_on(s.configure(ConfigPatch { conv: Some(vec![0]), ..Default::default() })).unwrap_err().to_string();
    assert!(err.contains("conv[0]"), "{err}");
}
