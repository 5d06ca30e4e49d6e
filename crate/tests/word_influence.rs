//! `influence(word)` for word programs: TracIn's factored dot products equal the dot products of
//! per-word gradients taken one word at a time by autodiff, and they credit the words that share
//! the query's characters in order.

use burn::prelude::*;
use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::data::words::windows;
use sw2_playground::debug::influence::MAX_TOP;
use sw2_playground::debug::snapshots::{at_most, weighted_snapshots};
use sw2_playground::debug::word_influence::MAX_CHECKPOINTS;
use sw2_playground::debug::{InfluenceOptions, word_influence};
use sw2_playground::model::Network;
use sw2_playground::model::text::{CharNet, TextArchitecture};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session};

fn session(words: &[&str], patch: ConfigPatch, steps: u64) -> Session {
    let mut s = Session::new();
    s.set_dataset(Dataset::from_words(words.iter().map(|w| w.to_string()).collect(), 0.0, 1).unwrap()).unwrap();
    block_on(s.configure(patch)).unwrap();
    s.train_steps(steps).unwrap();
    s
}

/// Every parameter's gradient of `word`'s summed loss under `net`, flattened, by autodiff.
fn word_gradient(s: &Session, net: &CharNet, word: &str) -> Vec<f32> {
    let vocab = s.dataset().vocabulary().unwrap();
    let (contexts, targets) = windows([word], &vocab, net.context);
    let device = s.program().device().clone().autodiff();
    let rows = targets.len();
    let input = Tensor::<2>::from_data(TensorData::new(contexts.iter().map(|&t| t as f32).collect(), [rows, net.context]), &device);
    let targets = Tensor::<2, Int>::from_data(TensorData::new(targets.iter().map(|&t| t as i32).collect(), [rows, 1]), &device);
    let grads = burn::tensor::activation::log_softmax(net.forward(input), 1).gather(1, targets).neg().sum().backward();
    let mut out: Vec<f32> = net.embedding.weight.grad(&grads).unwrap().into_data().try_to_vec::<f32>().unwrap();
    for layer in &net.layers {
        out.extend(layer.weight.grad(&grads).unwrap().into_data().try_to_vec::<f32>().unwrap());
        out.extend(layer.bias.as_ref().unwrap().grad(&grads).unwrap().into_data().try_to_vec::<f32>().unwrap());
    }
    out
}

/// TracIn by brute force: per-word gradients, dotted, weighted as the job weighs them.
fn brute_force(s: &Session, query: &str) -> Vec<f64> {
    let program = s.program();
    let words = s.dataset().words().to_vec();
    let rows: usize = words.iter().map(|w| w.chars().count() + 1).sum();
    let rate = program.config().learning_rate / rows as f64;
    let mut scores = vec![0.0; words.len()];
    for c in at_most(weighted_snapshots(&program).unwrap(), MAX_CHECKPOINTS) {
        let Network::Text(net) = &c.model else { panic!("a window program") };
        let q = word_gradient(s, net, query);
        for (k, w) in words.iter().enumerate() {
            let g = word_gradient(s, net, w);
            scores[k] += rate * c.span as f64 * g.iter().zip(&q).map(|(a, b)| *a as f64 * *b as f64).sum::<f64>();
        }
    }
    scores
}

fn all_scores(s: &Session, query: &str) -> Vec<f64> {
    let r = block_on(word_influence(&s.program(), s.dataset(), query, InfluenceOptions { top: MAX_TOP, ..Default::default() })).unwrap();
    assert_eq!(r.word, query);
    let mut scores = vec![0.0; s.dataset().len()];
    for e in r.proponents.iter().chain(&r.opponents) {
        assert_eq!(s.dataset().words()[e.index], e.word);
        scores[e.index] = e.score;
    }
    scores
}

const WORDS: [&str; 12] = ["ab", "abc", "ba", "cab", "bb", "ca", "acca", "b", "cc", "abba", "bca", "aab"];

fn assert_matches_brute_force(patch: ConfigPatch, query: &str) {
    let s = session(&WORDS, patch, 60);
    let (fast, slow) = (all_scores(&s, query), brute_force(&s, query));
    let scale = slow.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let worst = fast.iter().zip(&slow).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    println!("{query}: largest difference {worst:.2e} against scores up to {scale:.2e}");
    assert!(scale > 0.0 && worst <= 1e-4 * scale, "factored {fast:?}\nbrute force {slow:?}");
}

#[test]
fn the_bigrams_factored_scores_equal_per_word_gradients() {
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Bigram),
        optimizer: Some(OptimizerKind::Sgd),
        learning_rate: Some(0.5),
        batch_size: Some(BatchSize::Size(8)),
        ..Default::default()
    };
    assert_matches_brute_force(patch, "abca");
}

#[test]
fn the_mlps_factored_scores_equal_per_word_gradients() {
    let mlp = |context, embedding, hidden: Vec<usize>, optimizer, learning_rate, batch| ConfigPatch {
        architecture: Some(TextArchitecture::Mlp),
        context: Some(context),
        embedding: Some(embedding),
        hidden: Some(hidden),
        optimizer: Some(optimizer),
        learning_rate: Some(learning_rate),
        batch_size: Some(BatchSize::Size(batch)),
        ..Default::default()
    };
    assert_matches_brute_force(mlp(3, 4, vec![6], OptimizerKind::Adam, 0.02, 8), "cab");
    // Two hidden layers, full batch, a query the list does not hold.
    assert_matches_brute_force(mlp(2, 3, vec![5, 4], OptimizerKind::Sgd, 0.1, 0), "bbb");
}

#[test]
fn the_words_that_share_a_words_pairs_support_it_and_the_transformer_is_refused() {
    // Two families: words made of x and y, and words made of p and q. "xyx" is written thanks to
    // the first family; the second only competes for the same tokens' probabilities.
    let words = ["xyxy", "yxy", "xyx", "xxy", "yyx", "pqp", "qpq", "ppq", "qqp", "pqqp"];
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Bigram),
        optimizer: Some(OptimizerKind::Adam),
        learning_rate: Some(0.1),
        batch_size: Some(BatchSize::Size(0)),
        ..Default::default()
    };
    let s = session(&words, patch, 100);
    let r = block_on(word_influence(&s.program(), s.dataset(), "xyx", InfluenceOptions { top: 3, ..Default::default() })).unwrap();
    println!("proponents of xyx: {:?}", r.proponents.iter().map(|p| (&p.word, p.score)).collect::<Vec<_>>());
    assert_eq!(r.proponents.len(), 3);
    assert!(r.proponents.iter().all(|p| p.word.chars().all(|c| c == 'x' || c == 'y')), "{:?}", r.proponents);
    assert_eq!(r.proponents[0].word, "xyx", "the word itself helps it most");

    let bad =
        |word: &str, options: InfluenceOptions| block_on(word_influence(&s.program(), s.dataset(), word, options)).unwrap_err().to_string();
    assert!(bad("xaz", InfluenceOptions::default()).contains("'a' is not a character the program knows"));
    assert!(bad("", InfluenceOptions::default()).contains("the word is empty"));
    assert!(bad("xy", InfluenceOptions { label: Some(1.0), ..Default::default() }).contains("label and value apply to points"));
    assert!(bad("xy", InfluenceOptions { top: 0, ..Default::default() }).contains("top 0"));

    let gpt = session(&words, ConfigPatch { architecture: Some(TextArchitecture::Transformer), ..Default::default() }, 2);
    let refused = block_on(word_influence(&gpt.program(), gpt.dataset(), "xyx", InfluenceOptions::default())).unwrap_err().to_string();
    assert!(refused.contains("built for the bigram and the MLP"), "{refused}");
}
