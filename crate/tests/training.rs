//! End-to-end checks of the core on the CPU backend: data in, weights out, numbers that make sense.
#![cfg(not(target_family = "wasm"))]

use pollster::block_on;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Point, Preset, PresetOptions, RawPoint};
use sw2_playground::inspect::{Predictions, boundary, predict, predict_rows, set_weight, weights};
use sw2_playground::model::{Activation, Feature};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Regularization, Session, evaluate};

fn session_with(points: Vec<Point>, patch: ConfigPatch) -> Session {
    let mut s = Session::new();
    s.set_dataset(Dataset::new(points, 0.3, 7).unwrap()).unwrap();
    block_on(s.configure(patch)).unwrap();
    s
}

fn preset(p: Preset, n: usize, noise: f64) -> Vec<Point> {
    generate(p, PresetOptions { n, noise, seed: 3 }).unwrap()
}

/// The stated configuration each preset is expected to reach 95 % with.
fn stated_config(p: Preset) -> (ConfigPatch, u64) {
    let base = ConfigPatch {
        hidden: Some(vec![8, 8]),
        activation: Some(Activation::Tanh),
        features: Some(vec![Feature::X, Feature::Y]),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.03),
        batch_size: Some(BatchSize::Size(32)),
        seed: Some(1),
        ..Default::default()
    };
    match p {
        Preset::Spiral => {
            (ConfigPatch { hidden: Some(vec![16, 16]), learning_rate: Some(0.02), batch_size: Some(BatchSize::Size(0)), ..base }, 1500)
        }
        _ => (base, 400),
    }
}

#[test]
fn every_preset_reaches_95_percent_test_accuracy_with_its_stated_config() {
    for p in Preset::ALL {
        let (config, steps) = stated_config(p);
        let mut s = session_with(preset(p, 400, 0.1), config);
        s.train_steps(steps).unwrap();
        let m = block_on(evaluate(&s)).unwrap();
        let acc = m.test_accuracy.unwrap();
        assert!(acc >= 0.95, "{p:?}: test accuracy {acc} after {steps} steps ({m:?})");
    }
}

/// Three hand-placed clusters, like a person would click them.
fn three_clusters() -> Vec<Point> {
    let centres = [(-0.6, 0.5), (0.6, 0.5), (0.0, -0.6)];
    let mut pts = Vec::new();
    for (label, (cx, cy)) in centres.iter().enumerate() {
        for k in 0..20 {
            let a = k as f64 * 2.4;
            let r = 0.05 + 0.012 * k as f64;
            pts.push(Point { x: cx + r * a.cos(), y: cy + r * a.sin(), label: label as u8 });
        }
    }
    pts
}

#[test]
fn hand_made_three_class_dataset_reaches_90_percent_with_default_config() {
    let mut s = session_with(three_clusters(), ConfigPatch::default());
    s.train_steps(200).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    assert!(m.test_accuracy.unwrap() >= 0.9, "{m:?}");
    assert_eq!(m.step, 200);
    let probs = block_on(predict(&s.program(), &[(-0.6, 0.5), (0.0, -0.6)])).unwrap();
    assert_eq!(probs.len(), 2);
    assert_eq!(probs[0].len(), 3);
    assert!(probs[0][0] > 0.8 && probs[1][2] > 0.8, "{probs:?}");
}

#[test]
fn same_data_config_and_seed_give_the_same_weights() {
    let run = |seed| {
        let mut s = session_with(preset(Preset::Moons, 200, 0.2), ConfigPatch { seed: Some(seed), ..Default::default() });
        s.train_steps(30).unwrap();
        block_on(weights(&s.program(), None)).unwrap()
    };
    let (a, b, c) = (run(5), run(5), run(6));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn autodiff_gradients_agree_with_finite_differences_on_a_tiny_net() {
    let config = ConfigPatch {
        hidden: Some(vec![3]),
        features: Some(vec![Feature::X, Feature::Y, Feature::XTimesY]),
        optimizer: Some(OptimizerKind::Sgd),
        learning_rate: Some(1.0),
        batch_size: Some(BatchSize::Size(0)),
        ..Default::default()
    };
    let pts = preset(Preset::Xor, 20, 0.0);
    let mut s = Session::new();
    s.set_dataset(Dataset::new(pts, 0.0, 1).unwrap()).unwrap();
    block_on(s.configure(config)).unwrap();
    // With plain SGD at lr 1, one step moves each weight by exactly -gradient.
    let before = block_on(weights(&s.program(), None)).unwrap();
    let mut probe = clone_session(&s, &before);
    s.train_steps(1).unwrap();
    let after = block_on(weights(&s.program(), None)).unwrap();
    let h = 1e-2;
    for (tensor, (b, a)) in before.iter().zip(&after).enumerate() {
        for i in 0..b.values.len() {
            let autodiff = (b.values[i] - a.values[i]) as f64;
            let loss_at = |probe: &mut Session, v: f64| {
                block_on(set_weight(probe, &b.name, i, v)).unwrap();
                block_on(evaluate(probe)).unwrap().train_loss
            };
            let w = b.values[i] as f64;
            let numeric = (loss_at(&mut probe, w + h) - loss_at(&mut probe, w - h)) / (2.0 * h);
            block_on(set_weight(&mut probe, &b.name, i, w)).unwrap();
            let tol = 2e-3 + 0.02 * numeric.abs();
            assert!((autodiff - numeric).abs() < tol, "tensor {tensor} {} [{i}]: autodiff {autodiff}, numeric {numeric}", b.name);
        }
    }
}

/// A second session holding the same data, config and weights.
fn clone_session(s: &Session, w: &[sw2_playground::inspect::WeightTensor]) -> Session {
    let mut probe = Session::new();
    probe.set_dataset(s.dataset().clone()).unwrap();
    let c = s.config().clone();
    block_on(probe.configure(ConfigPatch {
        hidden: Some(c.hidden),
        features: Some(c.features),
        optimizer: Some(c.optimizer),
        batch_size: Some(c.batch_size),
        ..Default::default()
    }))
    .unwrap();
    for t in w {
        for (i, v) in t.values.iter().enumerate() {
            block_on(set_weight(&mut probe, &t.name, i, *v as f64)).unwrap();
        }
    }
    probe
}

#[test]
fn a_huge_learning_rate_is_reported_as_divergence() {
    let mut s = session_with(
        preset(Preset::Spiral, 200, 0.1),
        ConfigPatch {
            optimizer: Some(OptimizerKind::Sgd),
            learning_rate: Some(1e6),
            activation: Some(Activation::Relu),
            ..Default::default()
        },
    );
    s.train_steps(20).unwrap();
    assert!(block_on(evaluate(&s)).unwrap().diverged());
}

#[test]
fn a_blow_up_between_two_measurements_still_counts_as_divergence() {
    // Lesson 3's broken flags: Adam at learning rate 10 with ReLU blows the loss up within a few
    // steps, after which dead ReLUs leave a flat, finite loss. However seldom the page measures,
    // the run diverged, until the weights start afresh.
    let spiral = generate(Preset::Spiral, PresetOptions { n: 300, noise: 0.1, seed: 1 }).unwrap();
    let mut s = Session::new();
    s.set_dataset(Dataset::new(spiral, 0.3, 1).unwrap()).unwrap();
    let broken = ConfigPatch {
        hidden: Some(vec![16, 16]),
        activation: Some(Activation::Relu),
        features: Some(vec![Feature::X, Feature::Y]),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(10.0),
        batch_size: Some(BatchSize::Size(0)),
        seed: Some(1),
        ..Default::default()
    };
    block_on(s.configure(broken)).unwrap();
    assert_eq!(block_on(evaluate(&s)).unwrap().peak_train_loss, None, "no step yet");
    let mut worst_now = 0.0f64;
    let mut before = block_on(evaluate(&s)).unwrap();
    for _ in 0..300 {
        s.train_steps(1).unwrap();
        let m = block_on(evaluate(&s)).unwrap();
        // Full batch: a step's loss is the training loss measured just before it.
        assert!(m.peak_train_loss.unwrap() >= before.train_loss * (1.0 - 1e-4), "{before:?} → {m:?}");
        worst_now = worst_now.max(m.train_loss);
        before = m;
    }
    let m = block_on(evaluate(&s)).unwrap();
    assert!(worst_now > m.diverged_above, "the loss blew up at some step: worst {worst_now}");
    assert!(m.train_loss.is_finite() && m.train_loss < m.diverged_above, "and settled since: {m:?}");
    assert!(m.diverged(), "{m:?}");
    assert!(m.peak_train_loss.unwrap() > m.diverged_above, "{m:?}");
    // Measured only now, after 300 more steps, a fresh run reports the same.
    s.reset();
    s.train_steps(600).unwrap();
    assert!(block_on(evaluate(&s)).unwrap().diverged());
    // New weights start clean: a reset, and a sane configuration.
    s.reset();
    assert!(!block_on(evaluate(&s)).unwrap().diverged());
    block_on(s.configure(ConfigPatch { learning_rate: Some(0.03), activation: Some(Activation::Tanh), ..Default::default() })).unwrap();
    s.train_steps(50).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    assert!(!m.diverged() && m.peak_train_loss.unwrap() < 10.0, "{m:?}");
}

#[test]
fn mini_batch_peaks_are_a_lower_bound_on_the_whole_split() {
    // A sane mini-batch run never comes near the limit, though single batches are noisier.
    let mut s = session_with(preset(Preset::Xor, 200, 0.1), ConfigPatch { batch_size: Some(BatchSize::Size(1)), ..Default::default() });
    s.train_steps(300).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    assert!(!m.diverged() && m.peak_train_loss.unwrap() < 1.0, "{m:?}");
}

#[test]
fn regularization_shrinks_the_weights() {
    let norm = |reg| {
        let mut s = session_with(
            preset(Preset::Gaussian, 200, 0.1),
            ConfigPatch { regularization: Some(reg), regularization_rate: Some(0.05), ..Default::default() },
        );
        s.train_steps(200).unwrap();
        block_on(weights(&s.program(), None))
            .unwrap()
            .iter()
            .filter(|t| t.name.ends_with("weight"))
            .flat_map(|t| t.values.clone())
            .map(|v| v.abs() as f64)
            .sum::<f64>()
    };
    let (none, l1, l2) = (norm(Regularization::None), norm(Regularization::L1), norm(Regularization::L2));
    assert!(l1 < none && l2 < none, "none {none}, l1 {l1}, l2 {l2}");
}

#[test]
fn boundary_grid_has_one_distribution_per_cell() {
    let mut s = session_with(preset(Preset::Circle, 100, 0.1), ConfigPatch::default());
    s.train_steps(5).unwrap();
    let g = block_on(boundary(&s.program(), s.dataset(), 20, None)).unwrap();
    assert_eq!((g.size, g.classes, g.probabilities.len()), (20, 2, 800));
    for cell in g.probabilities.chunks(2) {
        assert!((cell.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
    assert!(block_on(boundary(&s.program(), s.dataset(), 1, None)).is_err());
}

#[test]
fn hand_edited_weight_changes_predictions_and_bad_edits_are_refused() {
    let mut s = session_with(preset(Preset::Gaussian, 100, 0.1), ConfigPatch::default());
    let before = block_on(predict(&s.program(), &[(0.3, 0.3)])).unwrap();
    block_on(set_weight(&mut s, "layers.2.bias", 0, 25.0)).unwrap();
    let after = block_on(predict(&s.program(), &[(0.3, 0.3)])).unwrap();
    assert!(after[0][0] > 0.99 && before[0][0] < 0.99, "{before:?} → {after:?}");
    assert!(block_on(set_weight(&mut s, "layers.9.weight", 0, 1.0)).is_err());
    assert!(block_on(set_weight(&mut s, "layers.0.weight", 10_000, 1.0)).is_err());
    assert!(block_on(set_weight(&mut s, "layers.0.weight", 0, f64::NAN)).is_err());
}

#[test]
fn adding_points_of_known_classes_keeps_the_trained_weights() {
    let mut s = session_with(preset(Preset::Xor, 100, 0.1), ConfigPatch::default());
    s.train_steps(10).unwrap();
    let w = block_on(weights(&s.program(), None)).unwrap();
    let mut pts = s.dataset().points().to_vec();
    pts.push(Point { x: 0.5, y: 0.5, label: 0 });
    s.set_dataset(Dataset::new(pts.clone(), 0.3, 7).unwrap()).unwrap();
    assert_eq!(block_on(weights(&s.program(), None)).unwrap(), w);
    assert_eq!(s.step(), 10);
    pts.push(Point { x: 0.1, y: 0.5, label: 2 });
    s.set_dataset(Dataset::new(pts, 0.3, 7).unwrap()).unwrap();
    assert_eq!(s.step(), 0, "a new class rebuilds the network");
    assert_eq!(s.classes(), &[0, 1, 2]);
}

#[test]
fn operations_that_need_data_fail_with_a_clear_message_when_there_is_none() {
    let mut s = Session::new();
    let msg = s.train_steps(1).unwrap_err().to_string();
    assert!(msg.contains("no data"), "{msg}");
    assert!(block_on(evaluate(&s)).is_err());
    assert!(block_on(predict(&s.program(), &[(0.0, 0.0)])).is_err());
    let raw = [RawPoint { x: 0.0, y: 0.0, label: 0.0 }];
    s.set_dataset(Dataset::from_raw(&raw, 0.0, 0).unwrap()).unwrap();
    assert!(block_on(predict(&s.program(), &[])).is_err());
    assert!(block_on(predict(&s.program(), &[(f64::NAN, 0.0)])).unwrap_err().to_string().contains("point 0"));
}

#[test]
fn a_network_without_hidden_layers_is_logistic_regression_and_separates_blobs() {
    let mut s = session_with(preset(Preset::Gaussian, 300, 0.1), ConfigPatch { hidden: Some(vec![]), ..Default::default() });
    s.train_steps(200).unwrap();
    let w = block_on(weights(&s.program(), None)).unwrap();
    assert_eq!(w.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["layers.0.weight", "layers.0.bias"]);
    assert!(block_on(evaluate(&s)).unwrap().test_accuracy.unwrap() >= 0.95);
}

/// The shipped digits, read the way the page reads them (gunzipped CSV text).
fn digits_csv() -> String {
    use std::io::Read;
    let gz = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/digits.csv.gz")).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
    text
}

#[test]
fn digits_train_an_mlp_to_90_percent_test_accuracy_in_ten_epochs() {
    use sw2_playground::data::images::parse_digits_csv;
    let images = parse_digits_csv(&digits_csv()).unwrap();
    assert_eq!(images.len(), 1797);
    let mut s = Session::new();
    s.set_dataset(Dataset::from_images(images, 0.2, 1).unwrap()).unwrap();
    block_on(s.configure(ConfigPatch {
        hidden: Some(vec![128]),
        activation: Some(Activation::Relu),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.001),
        batch_size: Some(BatchSize::Size(64)),
        ..Default::default()
    }))
    .unwrap();
    let train = s.dataset().split_indices(false).len() as u64;
    s.train_steps(10 * train.div_ceil(64)).unwrap();
    let m = block_on(evaluate(&s)).unwrap();
    assert!(m.test_accuracy.unwrap() >= 0.9, "{m:?}");
    let w = block_on(weights(&s.program(), None)).unwrap();
    assert_eq!(w[0].shape, vec![64, 128]);
    assert_eq!(w[2].shape, vec![128, 10]);
    let row: Vec<f64> = s.dataset().images()[0].pixels.iter().map(|&p| p as f64).collect();
    let Predictions::Probabilities(probs) = block_on(predict_rows(&s.program(), &[row])).unwrap() else { panic!("images are classified") };
    assert_eq!(probs[0].len(), 10);
    assert!(block_on(boundary(&s.program(), s.dataset(), 8, None)).is_err(), "images have no 2D boundary");
    // Per-class accuracy adds up to the overall figures.
    let per_class = block_on(sw2_playground::inspect::class_accuracy(&s.program(), s.dataset())).unwrap();
    assert_eq!(per_class.iter().map(|c| c.label).collect::<Vec<_>>(), (0..10).collect::<Vec<u8>>());
    let (right, total) = per_class.iter().fold((0, 0), |(r, t), c| (r + c.test_correct, t + c.test_total));
    assert_eq!(total, s.dataset().split_indices(true).len());
    assert!((right as f64 / total as f64 - m.test_accuracy.unwrap()).abs() < 1e-6);
    assert!(per_class.iter().all(|c| c.train_total > 0 && c.train_correct <= c.train_total));
}
