//! The README's quality figures on makemore's `names.txt` and split, asserted as stated: the
//! bigram's and the MLP's test loss at fixed step counts, and the transformer's 1.92 with dropout
//! (about 10 minutes of training: run on demand with `cargo test -p sw2-playground --test
//! names_quality -- --ignored`, not in CI; its curve is the example `names_quality`'s).

use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::data::words::{makemore_test_fraction, parse_text};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Schedule, Session, evaluate};

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

#[test]
#[ignore = "about 10 minutes of training natively: cargo test -p sw2-playground --test names_quality -- --ignored"]
fn the_transformer_with_dropout_reaches_makemores_published_figure_in_20000_steps() {
    // makemore's GPT (4 blocks of 4 heads, width 64, batch 32) with dropout 0.1, AdamW from 2e-3
    // down a cosine over the run, weight decay 0.1.
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Transformer),
        batch_size: Some(BatchSize::Size(32)),
        learning_rate: Some(2e-3),
        schedule: Some(Schedule::Cosine { steps: 20_000 }),
        weight_decay: Some(0.1),
        dropout: Some(0.1),
        ..Default::default()
    };
    let loss = test_loss(patch, 20_000);
    println!("transformer with dropout 0.1, 20,000 steps: test loss {loss:.4} (makemore ~1.92)");
    assert!((loss - 1.9227).abs() < 0.01, "README: 1.9227 ± 0.01, got {loss}");
}
