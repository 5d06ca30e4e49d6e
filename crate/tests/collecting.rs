//! Debugging is data collection: labels placed where `suggest` points raise accuracy more than the
//! same number of labels placed at random, averaged over several seeds.
#![cfg(not(target_family = "wasm"))]

mod common;

use common::random_points;
use pollster::block_on;
use sw2_playground::data::{Dataset, Point};
use sw2_playground::debug::suggest;
use sw2_playground::inspect::predict;
use sw2_playground::model::Activation;
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session};

const STEPS: u64 = 300;

/// The world's true labels: a disc and a band, so a few places matter most.
fn truth(x: f64, y: f64) -> u8 {
    u8::from(x * x + y * y < 0.35 || (y - 0.6 * x).abs() < 0.15 && x > 0.4)
}

fn labelled(places: &[(f64, f64)]) -> Vec<Point> {
    places.iter().map(|&(x, y)| Point { x, y, label: truth(x, y) }).collect()
}

fn trained(points: Vec<Point>) -> Session {
    let mut s = Session::new();
    s.set_dataset(Dataset::new(points, 0.0, 1).unwrap()).unwrap();
    block_on(s.configure(ConfigPatch {
        hidden: Some(vec![8, 8]),
        activation: Some(Activation::Tanh),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.03),
        batch_size: Some(BatchSize::Size(0)),
        seed: Some(1),
        ..Default::default()
    }))
    .unwrap();
    s.train_steps(STEPS).unwrap();
    s
}

fn world_accuracy(s: &Session, world: &[(f64, f64)]) -> f64 {
    let probs = block_on(predict(&s.program(), world)).unwrap();
    let right = world.iter().zip(&probs).filter(|((x, y), p)| (p[1] > p[0]) == (truth(*x, *y) == 1)).count();
    right as f64 / world.len() as f64
}

#[test]
fn labels_at_suggestions_beat_labels_at_random_places() {
    let world = random_points(3000, 999);
    let (mut active, mut random, mut start) = (0.0, 0.0, 0.0);
    let seeds: Vec<u64> = (1..=10).collect();
    for &seed in &seeds {
        let initial = random_points(30, seed);
        let s = trained(labelled(&initial));
        start += world_accuracy(&s, &world);
        let picks: Vec<(f64, f64)> = block_on(suggest(&s.program(), s.dataset(), 15)).unwrap().iter().map(|g| (g.x, g.y)).collect();
        assert_eq!(picks.len(), 15);
        let with = |extra: &[(f64, f64)]| world_accuracy(&trained(labelled(&[initial.clone(), extra.to_vec()].concat())), &world);
        active += with(&picks);
        random += with(&random_points(15, seed + 100));
    }
    let n = seeds.len() as f64;
    let (start, active, random) = (start / n, active / n, random / n);
    println!("30 random labels: {start:.3}; +15 at suggestions: {active:.3}; +15 at random: {random:.3} (mean of {n} seeds)");
    assert!(active > random, "suggestions {active:.3} vs random {random:.3}");
    // The README's figures: start, with suggestions, at random, each within 0.015.
    const STATED: Option<[f64; 3]> = Some([0.880, 0.923, 0.896]);
    if let Some(stated) = STATED {
        for (got, want) in [start, active, random].into_iter().zip(stated) {
            assert!((got - want).abs() <= 0.015, "{got:.3}; the README says {want}");
        }
    }
}

#[test]
fn suggestions_are_spread_out_and_bad_counts_are_refused() {
    let s = trained(labelled(&random_points(40, 7)));
    let picks = block_on(suggest(&s.program(), s.dataset(), 10)).unwrap();
    for (i, a) in picks.iter().enumerate() {
        assert!((-1.0..=1.0).contains(&a.x) && (-1.0..=1.0).contains(&a.y) && (0.0..=1.0).contains(&a.score));
        for b in &picks[i + 1..] {
            assert!((a.x - b.x).hypot(a.y - b.y) >= 0.15, "{a:?} and {b:?} crowd one spot");
        }
    }
    assert!(picks.windows(2).all(|w| w[0].score >= w[1].score));
    for bad in [0, 101] {
        assert!(block_on(suggest(&s.program(), s.dataset(), bad)).is_err());
    }
}
