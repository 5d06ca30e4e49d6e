//! The README's quality figures on makemore's `names.txt` and split, asserted as stated: the
//! bigram's and the MLP's test loss at fixed step counts (the transformer's is a bench row:
//! `cargo run --release -p sw2-playground --example names_quality -- transformer`).

use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::data::words::{makemore_test_fraction, parse_text};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session, evaluate};

/// The test loss after `steps` steps of `patch` on all of `names.txt`.
fn test_loss(patch: ConfigPatch, steps: u64) -> f64 {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/names.txt");
    let words = parse_text(&std::fs::read_to_string(path).unwrap());
    let fraction = makemore_test_fraction(words.len());
    let mut s = Session::new();
    s.set_dataset(Dataset::from_words(words, fraction, 1).unwrap()).unwrap();
    block_on(s.configure(patch)).unwrap();
    s.train_steps(steps).unwrap();
    block_on(evaluate(&s)).unwrap().test_loss.unwrap()
}

#[test]
fn the_bigram_reaches_makemores_figure_in_600_steps() {
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Bigram),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.3),
        batch_size: Some(BatchSize::Size(4096)),
        ..Default::default()
    };
    let loss = test_loss(patch, 600);
    println!("bigram, 600 steps: test loss {loss:.4} (makemore 2.48)");
    assert!((loss - 2.47).abs() < 0.02, "README: 2.47 ± 0.02, got {loss}");
}

#[test]
fn the_mlp_reaches_zero_to_heros_figure_in_20000_steps() {
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Mlp),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.003),
        batch_size: Some(BatchSize::Size(128)),
        ..Default::default()
    };
    let loss = test_loss(patch, 20_000);
    println!("MLP, 20,000 steps: test loss {loss:.4} (Zero to Hero 2.17)");
    assert!((loss - 2.13).abs() < 0.03, "README: 2.13 ± 0.03, got {loss}");
}
