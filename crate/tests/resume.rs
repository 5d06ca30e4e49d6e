//! Resume exactly: a project saved after 100 steps and opened in a fresh workspace trains on to
//! the weights of 200 uninterrupted steps (to 1e-6), with SGD and Adam, on points and on images,
//! in mini-batches (so the batch order matters as much as the optimizer's moments). A share link
//! carries neither, and says so by differing.
#![cfg(not(target_family = "wasm"))]

mod common;

use pollster::block_on;
use sw2_playground::data::images::parse_digits_csv;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::model::{Activation, Feature};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind};
use sw2_playground::workspace::Workspace;

fn weights(ws: &Workspace) -> Vec<f32> {
    let model = ws.session().model().unwrap();
    model.named_params().into_iter().flat_map(|(_, t)| t.into_data().convert::<f32>().try_to_vec::<f32>().unwrap()).collect()
}

fn workspace(dataset: &Dataset, patch: &ConfigPatch) -> Workspace {
    let mut ws = Workspace::new();
    ws.session_mut().set_dataset(dataset.clone()).unwrap();
    block_on(ws.session_mut().configure(patch.clone())).unwrap();
    ws
}

/// The largest weight difference between 200 steps in one go and 100 + save + open + 100.
fn resumed_difference(dataset: &Dataset, patch: &ConfigPatch, through_link: bool) -> f32 {
    let mut straight = workspace(dataset, patch);
    straight.session_mut().train_steps(200).unwrap();

    let mut first = workspace(dataset, patch);
    first.session_mut().train_steps(100).unwrap();
    let mut second = Workspace::new();
    if through_link {
        let link = block_on(first.export_link(serde_json::Value::Null)).unwrap();
        block_on(second.import_link(&link)).unwrap();
    } else {
        let bytes = block_on(first.export_project(serde_json::Value::Null)).unwrap();
        block_on(second.import_project(&bytes)).unwrap();
    }
    assert_eq!(second.session().step(), 100);
    second.session_mut().train_steps(100).unwrap();
    assert_eq!(second.session().step(), 200);
    weights(&straight).iter().zip(weights(&second)).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max)
}

fn points() -> Dataset {
    Dataset::new(generate(Preset::Spiral, PresetOptions { n: 200, noise: 0.1, seed: 3 }).unwrap(), 0.2, 1).unwrap()
}

fn images() -> Dataset {
    let images = parse_digits_csv(&common::digits_csv()).unwrap();
    Dataset::from_images(images[..300].to_vec(), 0.2, 1).unwrap()
}

fn patch(optimizer: OptimizerKind, image: bool) -> ConfigPatch {
    ConfigPatch {
        hidden: Some(if image { vec![32] } else { vec![8, 8] }),
        conv: image.then(|| vec![4]),
        activation: Some(if image { Activation::Relu } else { Activation::Tanh }),
        features: (!image).then(|| vec![Feature::X, Feature::Y]),
        optimizer: Some(optimizer),
        learning_rate: Some(if optimizer == OptimizerKind::Adam { 0.01 } else { 0.1 }),
        batch_size: Some(BatchSize::Size(16)),
        seed: Some(2),
        ..Default::default()
    }
}

#[test]
fn a_saved_project_trains_on_exactly_as_if_it_had_never_stopped() {
    for (what, data) in [("points", points()), ("images", images())] {
        for optimizer in [OptimizerKind::Sgd, OptimizerKind::Adam] {
            let image = what == "images";
            let worst = resumed_difference(&data, &patch(optimizer, image), false);
            println!("{what}, {optimizer:?}: largest weight difference {worst:e}");
            assert!(worst <= 1e-6, "{what}, {optimizer:?}: resumed weights differ by {worst}");
        }
    }
}

#[test]
fn a_share_link_carries_no_optimizer_state_so_adam_restarts_its_moments() {
    let worst = resumed_difference(&points(), &patch(OptimizerKind::Adam, false), true);
    assert!(worst > 1e-4, "a link resumed Adam exactly ({worst}); the README says links start the optimizer afresh");
}
