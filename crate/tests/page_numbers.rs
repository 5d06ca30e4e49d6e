//! The numbers the page shows beside the data come from the core, with the data they belong to:
//! the class balance, which examples each confusion cell counts, and how many examples each
//! region of the data map holds.
#![cfg(not(target_family = "wasm"))]

use pollster::block_on;
use sw2_playground::data::presets::generate;
use sw2_playground::data::{Dataset, Point, Preset, PresetOptions};
use sw2_playground::debug::{Diagnosis, MapRegion, data_map, diagnose, region_counts};
use sw2_playground::inspect::predict_rows;
use sw2_playground::model::Activation;
use sw2_playground::train::{ConfigPatch, OptimizerKind, Session};

#[test]
fn the_balance_says_how_much_larger_the_largest_class_is() {
    let point = |label| Point { x: 0.0, y: 0.0, label };
    let lopsided: Vec<Point> = (0..40).map(|i| point(u8::from(i >= 36))).collect();
    let b = Dataset::new(lopsided, 0.25, 1).unwrap().balance().unwrap();
    assert_eq!((b.largest, b.smallest), (36, 4));
    assert!((b.ratio - 9.0).abs() < 1e-12 && b.unbalanced);
    let even: Vec<Point> = (0..40).map(|i| point((i % 2) as u8)).collect();
    assert!(!Dataset::new(even, 0.25, 1).unwrap().balance().unwrap().unbalanced);
    let one: Vec<Point> = (0..5).map(|_| point(3)).collect();
    assert_eq!(Dataset::new(one, 0.0, 1).unwrap().balance(), None);
}

#[test]
fn each_confusion_cell_lists_the_examples_it_counts_and_the_map_counts_its_regions() {
    let points = generate(Preset::Spiral, PresetOptions { n: 200, noise: 0.1, seed: 3 }).unwrap();
    let mut s = Session::new();
    s.set_dataset(Dataset::new(points, 0.3, 1).unwrap()).unwrap();
    let patch = ConfigPatch {
        hidden: Some(vec![6]),
        activation: Some(Activation::Tanh),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.03),
        seed: Some(1),
        ..Default::default()
    };
    block_on(s.configure(patch)).unwrap();
    s.train_steps(150).unwrap();
    let Diagnosis::Classes { confusion, .. } = block_on(diagnose(&s.program(), s.dataset())).unwrap() else { panic!("a classifier") };
    let rows: Vec<Vec<f64>> = s.dataset().points().iter().map(|p| vec![p.x, p.y]).collect();
    let probs = block_on(predict_rows(&s.program(), &rows)).unwrap();
    let probs: Vec<Vec<f64>> = serde_json::from_value(serde_json::to_value(&probs).unwrap()).unwrap();
    let predicted = |i: usize| probs[i].iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
    let mut seen = 0;
    for (split, counts, cells) in [(false, &confusion.train, &confusion.train_examples), (true, &confusion.test, &confusion.test_examples)]
    {
        for (label, row) in cells.iter().enumerate() {
            for (guess, indices) in row.iter().enumerate() {
                assert_eq!(indices.len(), counts[label][guess]);
                for &i in indices {
                    assert_eq!(s.dataset().is_test(i), split);
                    assert_eq!(s.dataset().points()[i].label as usize, label);
                    assert_eq!(predicted(i), guess, "example {i}");
                }
                seen += indices.len();
            }
        }
    }
    assert_eq!(seen, 200, "every example is in exactly one cell");
    let map = block_on(data_map(&s.program(), s.dataset())).unwrap();
    let c = region_counts(&map);
    assert_eq!(c.easy + c.ambiguous + c.hard, map.len());
    assert_eq!(c.hard, map.iter().filter(|p| p.region == MapRegion::Hard).count());
}
