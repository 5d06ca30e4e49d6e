//! Worlds apart from the data: a deployed world never holds an example of the dataset, so the
//! held-out world test measures the program, not its memory. For every preset deployed with the
//! preset's own seed, for digits after the digits preset, and for a world a person supplies that
//! copies some of the dataset (the copies are left out and counted).
#![cfg(not(target_family = "wasm"))]

mod common;

use std::collections::HashSet;

use sw2_playground::data::presets::{self, DIGITS_IN_PRESET, Digits};
use sw2_playground::data::{Dataset, Examples, PresetOptions};
use sw2_playground::engine::{World, WorldSource};

/// Every example's input, bit for bit.
fn inputs(d: &Dataset) -> Vec<Vec<u64>> {
    match d.examples() {
        Examples::Points(p) => p.iter().map(|p| vec![p.x.to_bits(), p.y.to_bits()]).collect(),
        Examples::Values(v) => v.iter().map(|p| vec![p.x.to_bits(), p.y.to_bits()]).collect(),
        Examples::Images(im) => im.iter().map(|im| im.pixels.iter().map(|p| u64::from(p.to_bits())).collect()).collect(),
        Examples::Words(w) | Examples::Lines(w) => w.iter().map(|w| w.chars().map(u64::from).collect()).collect(),
    }
}

/// How many of the world's examples (stream and test) equal an example of `dataset`.
fn shared(world: &World, dataset: &Dataset) -> usize {
    let known: HashSet<Vec<u64>> = inputs(dataset).into_iter().collect();
    let all = inputs(&world.examples);
    world.stream.iter().chain(&world.test).filter(|&&i| known.contains(&all[i])).count()
}

#[test]
fn a_preset_world_never_holds_the_presets_own_points() {
    for name in ["circle", "xor", "gaussian", "spiral", "moons", "wave", "hill"] {
        for seed in [1, 2, 7] {
            let dataset = presets::dataset(name, PresetOptions { n: 300, noise: 0.1, seed }, 0.2, None).unwrap();
            let world = World::from_source(&WorldSource::Preset(name.into()), &dataset, seed, 2000, None).unwrap();
            assert_eq!(shared(&world, &dataset), 0, "{name}, seed {seed}: the world shares examples with the dataset");
            assert_eq!(world.examples.len(), 2000, "{name}: a world of fresh points needs nothing left out");
        }
    }
}

#[test]
fn the_digits_world_is_the_digits_the_dataset_does_not_hold() {
    let csv = common::digits_csv();
    let options = PresetOptions { n: 0, noise: 0.0, seed: 1 };
    let dataset = presets::dataset("digits", options, 0.2, Some(Digits { csv: &csv, first: Some(DIGITS_IN_PRESET) })).unwrap();
    assert_eq!(dataset.len(), 1500);
    let world = World::from_source(&WorldSource::Preset("digits".into()), &dataset, 1, 2000, Some(&csv)).unwrap();
    assert_eq!(shared(&world, &dataset), 0);
    assert_eq!(world.examples.len() + world.overlap_removed, 1797);
    assert!(world.overlap_removed >= 1500, "the dataset's digits were left out ({} removed)", world.overlap_removed);
    assert!(world.name.contains("already in your dataset left out"), "{}", world.name);

    let everything = presets::dataset("digits", options, 0.2, Some(Digits { csv: &csv, first: None })).unwrap();
    let e = World::from_source(&WorldSource::Preset("digits".into()), &everything, 1, 2000, Some(&csv)).unwrap_err().to_string();
    assert!(e.contains("keeps only 0 examples"), "{e}");
}

#[test]
fn a_world_given_with_copies_of_the_dataset_leaves_them_out_and_says_how_many() {
    let dataset = presets::dataset("moons", PresetOptions { n: 100, noise: 0.1, seed: 3 }, 0.0, None).unwrap();
    let Examples::Points(own) = dataset.examples() else { unreachable!() };
    let fresh = presets::dataset("moons", PresetOptions { n: 200, noise: 0.1, seed: 99 }, 0.0, None).unwrap();
    let Examples::Points(new) = fresh.examples() else { unreachable!() };
    let json = |p: &sw2_playground::data::Point| serde_json::json!({ "x": p.x, "y": p.y, "label": p.label });
    let points = own[..30].iter().chain(new.iter()).map(json).collect();
    let world = World::from_source(&WorldSource::Points { points }, &dataset, 1, 2000, None).unwrap();
    assert_eq!(world.overlap_removed, 30);
    assert_eq!(world.examples.len(), 200);
    assert_eq!(shared(&world, &dataset), 0);
}
