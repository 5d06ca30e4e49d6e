//! Word lists and the programs that write words: the bigram matches counting, the MLP learns
//! names, sampling is reproducible, junk words stand out, and a word list survives a project file.

use std::collections::HashMap;

use pollster::block_on;
use sw2_playground::data::Dataset;
use sw2_playground::data::words::{Vocabulary, makemore_test_fraction, parse_text, windows};
use sw2_playground::debug::{Diagnosis, diagnose};
use sw2_playground::export::{export_model, import_model};
use sw2_playground::inspect::attention::attention;
use sw2_playground::inspect::embeddings::embeddings;
use sw2_playground::inspect::writing::{SampleOptions, program_next_chars, program_sample};
use sw2_playground::inspect::{summary, weights};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::project::{Contents, export_project, import_project};
use sw2_playground::train::{BatchSize, ConfigPatch, Session, estimate, evaluate};

/// makemore's `names.txt`, as the page ships it.
fn names() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/names.txt");
    parse_text(&std::fs::read_to_string(path).expect("www/data/names.txt is shipped"))
}

/// A session holding `words` split as makemore splits them, configured with `patch`.
fn session(words: Vec<String>, patch: ConfigPatch) -> Session {
    let mut s = Session::new();
    let fraction = makemore_test_fraction(words.len());
    s.set_dataset(Dataset::from_words(words, fraction, 1).unwrap()).unwrap();
    block_on(s.configure(patch)).unwrap();
    s
}

/// Mean negative log-likelihood per character of the training words under bigram counts with
/// `smoothing` added to every cell: the bigram a person computes by counting.
fn counted_bigram_loss(d: &Dataset, smoothing: f64) -> f64 {
    let vocab = d.vocabulary().unwrap();
    let train: Vec<&str> = d.split_indices(false).into_iter().map(|i| d.words()[i].as_str()).collect();
    let (contexts, targets) = windows(train.iter().copied(), &vocab, 1);
    let v = vocab.len();
    let mut counts = vec![smoothing; v * v];
    for (c, t) in contexts.iter().zip(&targets) {
        counts[c * v + t] += 1.0;
    }
    let rows: Vec<f64> = (0..v).map(|r| counts[r * v..(r + 1) * v].iter().sum()).collect();
    let nll: f64 = contexts.iter().zip(&targets).map(|(c, t)| -(counts[c * v + t] / rows[*c]).ln()).sum();
    nll / targets.len() as f64
}

#[test]
fn names_split_as_makemore_splits_them() {
    let words = names();
    assert_eq!(words.len(), 32_033);
    let d = Dataset::from_words(words, makemore_test_fraction(32_033), 1).unwrap();
    assert_eq!(d.split_indices(true).len(), 1000);
    assert_eq!(d.vocabulary().unwrap().len(), 27, "26 letters and the end token");
}

#[test]
fn a_trained_bigram_matches_counting() {
    let words: Vec<String> = names().into_iter().step_by(8).collect();
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Bigram),
        learning_rate: Some(0.5),
        batch_size: Some(BatchSize::Size(0)),
        ..Default::default()
    };
    let mut s = session(words, patch);
    s.train_steps(300).unwrap();
    let trained = block_on(evaluate(&s)).unwrap().train_loss;
    let counted = counted_bigram_loss(s.dataset(), 0.0);
    println!("bigram on {} names: trained {trained:.4}, counted {counted:.4} nats/char", s.dataset().len());
    assert!((trained - counted).abs() < 0.01, "trained {trained} against counted {counted}");
}

#[test]
fn the_mlp_learns_names_and_samples_reproducibly() {
    let words: Vec<String> = names().into_iter().step_by(4).collect();
    let patch = ConfigPatch { learning_rate: Some(0.01), batch_size: Some(BatchSize::Size(64)), ..Default::default() };
    let mut s = session(words, patch);
    let start = block_on(evaluate(&s)).unwrap();
    s.train_steps(1500).unwrap();
    let end = block_on(evaluate(&s)).unwrap();
    println!("MLP on {} names: test loss {:.3} → {:.3}", s.dataset().len(), start.test_loss.unwrap(), end.test_loss.unwrap());
    assert!(start.test_loss.unwrap() > 3.0, "an untrained program is near uniform over 27 tokens (ln 27 = 3.30)");
    assert!(end.test_loss.unwrap() < 2.45, "the MLP beats a bigram's ~2.48 within 1,500 steps: {}", end.test_loss.unwrap());

    let options = SampleOptions { count: 20, seed: 7, ..Default::default() };
    let a = block_on(program_sample(&s.program(), s.dataset(), &options)).unwrap();
    let b = block_on(program_sample(&s.program(), s.dataset(), &options)).unwrap();
    assert_eq!(a, b, "the same seed writes the same words");
    assert!(a.iter().all(|w| !w.word.is_empty() && w.word.chars().all(|c| c.is_ascii_lowercase()) && w.logprob < 0.0));
    let prefixed = block_on(program_sample(&s.program(), s.dataset(), &SampleOptions { prefix: "ka".into(), ..options })).unwrap();
    assert!(prefixed.iter().all(|w| w.word.starts_with("ka")));

    let next = block_on(program_next_chars(&s.program(), s.dataset(), "emm")).unwrap();
    assert_eq!(next.len(), 27);
    assert!((next.iter().map(|n| n.probability).sum::<f64>() - 1.0).abs() < 1e-5);
    assert!(next.windows(2).all(|w| w[0].probability >= w[1].probability), "most likely first");
    assert_eq!(next[0].char, "a", "after 'emm' a name goes on with 'a': {:?}", &next[..3]);
    let map = block_on(embeddings(&s.program(), s.dataset(), None)).unwrap();
    assert_eq!((map.chars.len(), map.dims, map.values.len(), map.projection.len()), (27, 10, 27, 27));
    assert_eq!(map.chars[0], ".");
    let (vowels, spread) = (["a", "e", "i", "o", "u"], |i: usize| map.projection[i]);
    let at = |c: &str| spread(map.chars.iter().position(|x| x == c).unwrap());
    let dist = |a: [f64; 2], b: [f64; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
    let vowel_gap: f64 = vowels.iter().map(|v| dist(at(v), at("a"))).sum::<f64>() / 4.0;
    println!("embedding map: mean distance of the vowels to 'a' {vowel_gap:.2}, of 'q' {:.2}", dist(at("q"), at("a")));
    assert!(vowel_gap < dist(at("q"), at("a")), "the vowels sit together on the map, 'q' apart");
    let start = block_on(embeddings(&s.program(), s.dataset(), Some(0))).unwrap();
    assert_ne!(start.values, map.values, "the timeline scrubs the map back to the start");
    let unknown = block_on(program_next_chars(&s.program(), s.dataset(), "x1")).unwrap_err().to_string();
    assert!(unknown.contains("'1'"), "{unknown}");
}

#[test]
fn one_word_repeated_is_the_only_word_written() {
    let words = vec!["anna".to_string(); 50];
    let patch = ConfigPatch { architecture: Some(TextArchitecture::Mlp), learning_rate: Some(0.02), ..Default::default() };
    let mut s = session(words, patch);
    s.train_steps(300).unwrap();
    let samples = block_on(program_sample(&s.program(), s.dataset(), &SampleOptions { count: 30, ..Default::default() })).unwrap();
    let counts = samples.iter().fold(HashMap::new(), |mut m, w| {
        *m.entry(w.word.clone()).or_insert(0) += 1;
        m
    });
    assert_eq!(counts.get("anna"), Some(&30), "{counts:?}");
    assert!(samples.iter().all(|w| !w.is_new), "a copy of a training word is not new");
}

#[test]
fn a_long_word_list_s_gradient_is_summed_in_chunks_to_the_whole_list_s() {
    // 5,000 copies of one word (22,500 training characters: more than one chunk of rows) have the
    // one word's own gradient, as every row of the mean is one of its rows.
    let patch = ConfigPatch { architecture: Some(TextArchitecture::Mlp), ..Default::default() };
    let once = session(vec!["emma".to_string()], patch.clone());
    let many = session(vec!["emma".to_string(); 5000], patch);
    let a = block_on(summary(&once.program(), once.dataset(), None, 10)).unwrap();
    let b = block_on(summary(&many.program(), many.dataset(), None, 10)).unwrap();
    assert!(a.gradients.iter().any(|g| g.values.iter().any(|v| *v != 0.0)), "an untrained program has a gradient");
    for (x, y) in a.gradients.iter().zip(&b.gradients) {
        assert_eq!((&x.name, &x.shape), (&y.name, &y.shape));
        for (g, h) in x.values.iter().zip(&y.values) {
            assert!((g - h).abs() <= 1e-5 + 1e-4 * g.abs(), "{}: {g} alone, {h} from 5,000 copies", x.name);
        }
    }
}

#[test]
fn bad_word_lists_name_the_word() {
    let bad = |w: &[&str]| Dataset::from_words(w.iter().map(|s| s.to_string()).collect(), 0.1, 1).unwrap_err().to_string();
    assert!(bad(&["emma", "", "ava"]).contains("word 1"));
    assert!(bad(&["emma", "ava", "thirtythreecharacterslongnamexxxx"]).contains("word 2"));
    assert!(bad(&["emma", "jean-luc"]).contains("word 1"));
    assert_eq!(Vocabulary::of(["b", "a"]).chars(), ['a', 'b']);
}

#[test]
fn words_and_their_program_round_trip_through_project_and_model_files_bit_for_bit() {
    let words: Vec<String> = names().into_iter().step_by(40).collect();
    let patch = ConfigPatch { context: Some(4), embedding: Some(6), hidden: Some(vec![32]), seed: Some(3), ..Default::default() };
    let mut s = session(words, patch);
    s.commit("names").unwrap();
    s.train_steps(60).unwrap();
    let fingerprint = |s: &Session| {
        let w: Vec<Vec<f32>> = block_on(weights(&s.program(), None)).unwrap().into_iter().map(|t| t.values).collect();
        let next = block_on(program_next_chars(&s.program(), s.dataset(), "ma")).unwrap();
        (w, next, s.step(), s.timeline_steps())
    };
    let bytes = block_on(export_project(&s, serde_json::Value::Null, Contents::ALL)).unwrap();
    let mut t = Session::new();
    block_on(import_project(&mut t, &bytes)).unwrap();
    assert_eq!(t.dataset(), s.dataset());
    assert!(fingerprint(&t) == fingerprint(&s), "the same weights, next characters, step and timeline");
    s.train_steps(20).unwrap();
    t.train_steps(20).unwrap();
    let (a, b) = (fingerprint(&t), fingerprint(&s));
    assert!(a.0 == b.0 && a.1 == b.1 && a.2 == b.2, "training goes on exactly as if never stopped");

    let (model, description) = block_on(export_model(&s.program(), s.dataset())).unwrap();
    assert_eq!(description.text.as_ref().unwrap().vocabulary, "abcdefghijklmnopqrstuvwxyz");
    let mut u = session(s.dataset().words().to_vec(), ConfigPatch::default());
    block_on(import_model(&mut u, &model, description.clone())).unwrap();
    assert_eq!(u.config().text, s.config().text);
    let a = block_on(program_next_chars(&s.program(), s.dataset(), "ma")).unwrap();
    let b = block_on(program_next_chars(&u.program(), u.dataset(), "ma")).unwrap();
    assert_eq!(a, b);
    let mut other = session(vec!["xyz".into(), "zyx".into()], ConfigPatch::default());
    let refused = block_on(import_model(&mut other, &model, description)).unwrap_err().to_string();
    assert!(refused.contains("characters"), "{refused}");
}

#[test]
fn planted_junk_words_are_the_most_surprising() {
    let mut words: Vec<String> = names().into_iter().step_by(8).collect();
    let junk = ["xqzvkw", "qqjxz", "zkxqvjw", "wxqkz", "jqxzvkq"];
    for (k, j) in junk.iter().enumerate() {
        words.insert(100 + 700 * k, j.to_string());
    }
    let patch = ConfigPatch { learning_rate: Some(0.01), batch_size: Some(BatchSize::Size(64)), ..Default::default() };
    let mut s = session(words, patch);
    s.train_steps(800).unwrap();
    let Diagnosis::Words { words: ranked } = block_on(diagnose(&s.program(), s.dataset())).unwrap() else { panic!("a word diagnosis") };
    assert_eq!(ranked.len(), s.dataset().len());
    assert!(ranked.windows(2).all(|w| w[0].loss >= w[1].loss), "highest loss first");
    let top: Vec<&str> = ranked.iter().take(20).map(|w| w.word.as_str()).collect();
    println!("most surprising of {} words: {top:?}", ranked.len());
    for j in junk {
        assert!(top.contains(&j), "{j} is among the 20 most surprising of {} words: {top:?}", ranked.len());
    }
}

#[test]
fn the_transformer_learns_names_and_shows_where_it_looks() {
    let words: Vec<String> = names().into_iter().step_by(16).collect();
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Transformer),
        embedding: Some(32),
        layers: Some(2),
        heads: Some(4),
        learning_rate: Some(3e-3),
        batch_size: Some(BatchSize::Size(32)),
        ..Default::default()
    };
    let mut s = session(words, patch);
    assert_eq!(s.config().optimizer, sw2_playground::train::OptimizerKind::Adamw, "makemore's optimizer comes with the transformer");
    let refused = block_on(summary(&s.program(), s.dataset(), None, 10)).unwrap_err().to_string();
    assert!(refused.contains("a transformer is read with embeddings, attention or exportModel"), "{refused}");
    let start = block_on(evaluate(&s)).unwrap();
    s.train_steps(300).unwrap();
    let end = block_on(evaluate(&s)).unwrap();
    println!(
        "transformer on {} names: test loss {:.3} → {:.3} in 300 steps",
        s.dataset().len(),
        start.test_loss.unwrap(),
        end.test_loss.unwrap()
    );
    // makemore's initialization (PyTorch's defaults) starts a little above uniform: makemore.py's own
    // first batch on the names reads 3.51 against ln 27 = 3.30.
    let fresh = start.test_loss.unwrap();
    assert!(fresh > 27f64.ln() - 0.05 && fresh < 27f64.ln() + 0.3, "a fresh GPT is close to uniform: {fresh}");
    assert!(end.test_loss.unwrap() < 2.7, "{}", end.test_loss.unwrap());

    let options = SampleOptions { count: 12, seed: 5, prefix: "a".into(), ..Default::default() };
    let a = block_on(program_sample(&s.program(), s.dataset(), &options)).unwrap();
    assert_eq!(a, block_on(program_sample(&s.program(), s.dataset(), &options)).unwrap());
    assert!(a.iter().all(|w| w.word.starts_with('a') && w.word.len() <= s.dataset().longest_word()));
    let next = block_on(program_next_chars(&s.program(), s.dataset(), "emm")).unwrap();
    assert!((next.iter().map(|n| n.probability).sum::<f64>() - 1.0).abs() < 1e-5);

    let maps = block_on(attention(&s.program(), s.dataset(), "emma", None)).unwrap();
    assert_eq!(maps.chars, [".", "e", "m", "m", "a"]);
    assert_eq!((maps.layers.len(), maps.layers[0].len(), maps.layers[0][0].len()), (2, 4, 5));
    for head in maps.layers.iter().flatten() {
        for (i, row) in head.iter().enumerate() {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-4, "each row sums to 1");
            assert!(row[i + 1..].iter().all(|&w| w < 1e-6), "a position never looks ahead");
        }
    }
    let Diagnosis::Words { words: ranked } = block_on(diagnose(&s.program(), s.dataset())).unwrap() else { panic!("a word diagnosis") };
    assert_eq!(ranked.len(), s.dataset().len());
    assert_eq!(block_on(embeddings(&s.program(), s.dataset(), None)).unwrap().dims, 32);

    let bytes = block_on(export_project(&s, serde_json::Value::Null, Contents::ALL)).unwrap();
    let mut t = Session::new();
    block_on(import_project(&mut t, &bytes)).unwrap();
    s.train_steps(10).unwrap();
    t.train_steps(10).unwrap();
    let w = |s: &Session| block_on(weights(&s.program(), None)).unwrap().into_iter().map(|t| t.values).collect::<Vec<_>>();
    assert!(w(&s) == w(&t), "a saved transformer trains on exactly as if never stopped");
}

#[test]
fn progress_on_a_long_list_is_estimated_on_a_fixed_sample_close_to_the_whole() {
    // All 32,033 names through a small transformer: a row is a word of 16 positions, so the
    // estimate reads 16,384 / 16 = 1,024 words of each split (the 1,000 test words whole).
    let patch = ConfigPatch {
        architecture: Some(TextArchitecture::Transformer),
        embedding: Some(16),
        layers: Some(1),
        heads: Some(2),
        learning_rate: Some(3e-3),
        batch_size: Some(BatchSize::Size(32)),
        ..Default::default()
    };
    let mut s = session(names(), patch);
    s.train_steps(60).unwrap();
    let whole = block_on(evaluate(&s)).unwrap();
    let guess = block_on(estimate(&s)).unwrap();
    println!("train loss {:.4} on every word, {:.4} estimated", whole.train_loss, guess.train_loss);
    assert_eq!((whole.estimated_from, guess.estimated_from), (None, Some(1_024)));
    assert!((guess.train_loss - whole.train_loss).abs() < 0.03, "{} against {}", guess.train_loss, whole.train_loss);
    assert!((guess.test_loss.unwrap() - whole.test_loss.unwrap()).abs() < 1e-5, "the test split fits the sample: read whole");
    assert_eq!(block_on(estimate(&s)).unwrap().train_loss, guess.train_loss, "the same rows every time");
    assert_eq!(guess.step, whole.step);

    // A list short enough is measured whole: the estimate is the evaluation.
    let mut short = session(
        names().into_iter().take(500).collect(),
        ConfigPatch { architecture: Some(TextArchitecture::Bigram), ..Default::default() },
    );
    short.train_steps(5).unwrap();
    let (exact, same) = (block_on(evaluate(&short)).unwrap(), block_on(estimate(&short)).unwrap());
    assert_eq!(exact, same);
}
