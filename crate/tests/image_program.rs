//! The image program made visible: unit templates are the first layer's weights, activations for
//! one image agree with the network's own prediction, feature maps have the shapes the
//! convolutions give, and a trained unit's top images are of few classes.
#![cfg(not(target_family = "wasm"))]

mod common;

use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::inspect::image_units::{image_activations, image_program, top_images};
use sw2_playground::inspect::{Predictions, predict_rows, weights};
use sw2_playground::model::Activation;
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session};

fn trained(hidden: Vec<usize>, conv: Vec<usize>, steps: u64) -> Session {
    let mut s = Session::new();
    s.set_dataset(Dataset::from_images(common::digits(), 0.2, 1).unwrap()).unwrap();
    let patch = ConfigPatch {
        hidden: Some(hidden),
        conv: Some(conv),
        activation: Some(Activation::Relu),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.01),
        batch_size: Some(BatchSize::Size(64)),
        seed: Some(1),
        ..Default::default()
    };
    block_on(s.configure(patch)).unwrap();
    s.train_steps(steps).unwrap();
    s
}

#[test]
fn templates_are_the_first_layers_weights_and_activations_agree_with_predict() {
    let s = trained(vec![16], vec![], 300);
    let program = block_on(image_program(&s.program(), None)).unwrap();
    assert_eq!(program.image, [8, 8]);
    assert!(program.kernels.is_empty());
    let templates = program.templates.expect("an MLP has unit templates");
    assert_eq!((templates.count, templates.width, templates.height), (16, 8, 8));
    assert_eq!(program.template_units[3], "h1.3");
    let first = block_on(weights(&s.program(), None)).unwrap().into_iter().find(|w| w.name == "layers.0.weight").unwrap();
    // layers.0.weight is [pixels, units]: unit u's template is column u.
    for (u, p) in [(0, 0), (3, 17), (15, 63)] {
        assert_eq!(templates.values[u * 64 + p], first.values[p * 16 + u], "unit {u}, pixel {p}");
    }

    let image = &s.dataset().images()[5];
    let pixels: Vec<f64> = image.pixels.iter().map(|&p| p as f64).collect();
    let acts = block_on(image_activations(&s.program(), &pixels, None)).unwrap();
    assert!(acts.feature_maps.is_empty());
    assert_eq!(acts.layers.len(), 2);
    assert_eq!((acts.layers[0].kind, acts.layers[0].values.len()), ("hidden", 16));
    assert!(acts.layers[0].values.iter().all(|&v| v >= 0.0), "ReLU units are never negative");
    let Predictions::Probabilities(rows) = block_on(predict_rows(&s.program(), &[pixels.clone()])).unwrap() else { panic!() };
    let output = &acts.layers[1];
    for (k, name) in output.units.iter().enumerate() {
        let label: usize = name.trim_start_matches("class ").parse().unwrap();
        assert!((output.values[k] as f64 - rows[0][label]).abs() < 1e-5, "{name}");
    }

    let err = block_on(image_activations(&s.program(), &pixels[..10], None)).unwrap_err().to_string();
    assert!(err.contains("10 pixels") && err.contains("8×8"), "{err}");
}

#[test]
fn a_trained_units_top_images_are_of_few_classes() {
    let s = trained(vec![32], vec![], 600);
    let labels = s.dataset().labels();
    let mut concentrated = 0;
    let mut lively = 0;
    for unit in 0..32 {
        let top = block_on(top_images(&s.program(), s.dataset(), 1, unit, 8)).unwrap();
        assert_eq!(top.len(), 8);
        assert!(top.windows(2).all(|w| w[0].activation >= w[1].activation), "strongest first");
        assert!(top.iter().all(|t| !s.dataset().is_test(t.index) && t.label == labels[t.index]));
        if top[0].activation <= 0.0 {
            continue; // a dead ReLU unit has no favourite images
        }
        lively += 1;
        let mut classes: Vec<u8> = top.iter().map(|t| t.label).collect();
        classes.sort_unstable();
        classes.dedup();
        if classes.len() <= 2 {
            concentrated += 1;
        }
    }
    println!("top images: {concentrated} of {lively} live units have their 8 strongest images in one or two classes");
    assert!(lively >= 16 && concentrated * 3 >= lively * 2, "{concentrated} of {lively}");

    let err = block_on(top_images(&s.program(), s.dataset(), 2, 0, 8)).unwrap_err().to_string();
    assert!(err.contains("hidden layers are 1 to 1"), "{err}");
    let err = block_on(top_images(&s.program(), s.dataset(), 1, 32, 8)).unwrap_err().to_string();
    assert!(err.contains("units 0 to 31"), "{err}");
}

#[test]
fn a_cnn_shows_its_kernels_and_feature_maps() {
    let s = trained(vec![16], vec![4, 6], 60);
    let program = block_on(image_program(&s.program(), None)).unwrap();
    assert!(program.templates.is_none());
    let shapes: Vec<_> = program.kernels.iter().map(|k| (k.count, k.width, k.height)).collect();
    assert_eq!(shapes, [(4, 3, 3), (24, 3, 3)]);
    let pixels: Vec<f64> = s.dataset().images()[0].pixels.iter().map(|&p| p as f64).collect();
    let acts = block_on(image_activations(&s.program(), &pixels, None)).unwrap();
    let maps: Vec<_> = acts.feature_maps.iter().map(|m| (m.count, m.width, m.height, m.values.len())).collect();
    assert_eq!(maps, [(4, 8, 8, 256), (6, 4, 4, 96)]);
    assert!(acts.feature_maps.iter().all(|m| m.values.iter().all(|&v| v >= 0.0) && m.scale > 0.0));

    let points = Session::new();
    let err = block_on(image_program(&points.program(), None)).unwrap_err().to_string();
    assert!(err.contains("image datasets"), "{err}");
}
