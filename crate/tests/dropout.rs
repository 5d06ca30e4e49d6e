//! The transformer's dropout: it changes what training sees and nothing else — evaluation and
//! predictions never drop, a saved run drops on exactly as the whole run would, and values a
//! network cannot train with are refused.

use burn::prelude::*;
use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::data::words::{makemore_test_fraction, parse_text};
use sw2_playground::inspect::weights;
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::model::transformer::{Gpt, GptShape};
use sw2_playground::project::{Contents, export_project, import_project};
use sw2_playground::train::{BatchSize, ConfigPatch, Session, evaluate};

/// Every 16th of makemore's names: enough words for a few steps of a small transformer.
fn some_names() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/names.txt");
    let words: Vec<String> = parse_text(&std::fs::read_to_string(path).unwrap()).into_iter().step_by(16).collect();
    let fraction = makemore_test_fraction(words.len());
    Dataset::from_words(words, fraction, 1).unwrap()
}

fn transformer(dropout: f64) -> ConfigPatch {
    ConfigPatch {
        architecture: Some(TextArchitecture::Transformer),
        embedding: Some(16),
        layers: Some(2),
        heads: Some(2),
        dropout: Some(dropout),
        learning_rate: Some(3e-3),
        batch_size: Some(BatchSize::Size(16)),
        ..Default::default()
    }
}

fn session(patch: ConfigPatch) -> Session {
    let mut s = Session::new();
    s.set_dataset(some_names()).unwrap();
    block_on(s.configure(patch)).unwrap();
    s
}

fn all_weights(s: &Session) -> Vec<Vec<f32>> {
    block_on(weights(&s.program(), None)).unwrap().into_iter().map(|t| t.values).collect()
}

#[test]
fn dropout_draws_new_masks_in_training_and_none_in_predictions() {
    let device = Device::flex().autodiff();
    device.seed(3);
    let gpt = Gpt::new(&GptShape { vocab: 6, block: 5, width: 8, layers: 2, heads: 2, dropout: 0.5 }, &device);
    let tokens = Tensor::<2>::from_data([[0.0, 1.0, 2.0, 3.0, 4.0], [0.0, 5.0, 4.0, 3.0, 2.0]], &device);
    let training = |g: &Gpt| g.forward(tokens.clone()).into_data().try_to_vec::<f32>().unwrap();
    assert_ne!(training(&gpt), training(&gpt), "each training pass draws its own masks");
    let valid = gpt.valid();
    let plain = Tensor::<2>::from_data(tokens.to_data(), &device.clone().inner());
    let predict = || valid.forward(plain.clone()).into_data().try_to_vec::<f32>().unwrap();
    assert_eq!(predict(), predict(), "predictions never drop");
}

#[test]
fn a_saved_run_with_dropout_drops_on_as_if_it_had_never_stopped() {
    let mut s = session(transformer(0.2));
    assert_eq!(s.config().text.dropout, 0.2);
    s.train_steps(15).unwrap();
    let first = block_on(evaluate(&s)).unwrap();
    assert_eq!(first.test_loss, block_on(evaluate(&s)).unwrap().test_loss, "evaluation does not drop");

    let bytes = block_on(export_project(&s, serde_json::Value::Null, Contents::ALL)).unwrap();
    let mut resumed = Session::new();
    block_on(import_project(&mut resumed, &bytes)).unwrap();
    assert_eq!(resumed.config().text.dropout, 0.2, "the project file keeps the dropout");
    s.train_steps(10).unwrap();
    resumed.train_steps(10).unwrap();
    assert!(all_weights(&s) == all_weights(&resumed), "step 16 on draws the masks the whole run draws");

    // The same seed and steps without dropout reach other weights: the masks did act.
    let mut plain = session(transformer(0.0));
    plain.train_steps(25).unwrap();
    assert!(all_weights(&plain) != all_weights(&s));
    // And a run trained in two stretches equals one trained in one.
    let mut whole = session(transformer(0.2));
    whole.train_steps(25).unwrap();
    assert!(all_weights(&whole) == all_weights(&s));
}

#[test]
fn dropout_a_network_cannot_train_with_is_refused_and_changes_nothing() {
    let mut s = session(transformer(0.1));
    for bad in [1.0, 0.95, -0.1, f64::NAN] {
        let e = block_on(s.configure(ConfigPatch { dropout: Some(bad), ..Default::default() })).unwrap_err().to_string();
        assert!(e.contains("dropout") && e.contains("0 to 0.9"), "{e}");
        assert_eq!(s.config().text.dropout, 0.1);
    }
    block_on(s.configure(ConfigPatch { dropout: Some(0.9), ..Default::default() })).unwrap();
    s.train_steps(3).unwrap();
    assert!(block_on(evaluate(&s)).unwrap().train_loss.is_finite());
}
