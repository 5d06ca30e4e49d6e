//! The word programs' quality on makemore's `names.txt` with makemore's split (1,000 test
//! words), natively on the CPU backend: test loss at fixed step counts beside the published
//! figures, with the wall time. A measurement, not a test:
//! `cargo run --release -p sw2-playground --example names_quality -- [bigram|mlp|transformer] [steps]`.
#[cfg(target_family = "wasm")]
fn main() {}

#[cfg(not(target_family = "wasm"))]
fn main() {
    use std::time::Instant;
    use sw2_playground::data::Dataset;
    use sw2_playground::data::words::{makemore_test_fraction, parse_text};
    use sw2_playground::model::text::TextArchitecture;
    use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Session, evaluate};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("bigram", String::as_str);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/names.txt");
    let words = parse_text(&std::fs::read_to_string(path).expect("www/data/names.txt"));
    let fraction = makemore_test_fraction(words.len());
    let mut s = Session::new();
    s.set_dataset(Dataset::from_words(words, fraction, 1).expect("names are valid")).expect("fits");
    // (architecture, steps, learning rate, batch, published test loss)
    let (patch, steps, reference) = match which {
        "bigram" => (
            ConfigPatch {
                architecture: Some(TextArchitecture::Bigram),
                optimizer: Some(OptimizerKind::Adam),
                learning_rate: Some(0.3),
                batch_size: Some(BatchSize::Size(4096)),
                ..Default::default()
            },
            600,
            2.48,
        ),
        "mlp" => (
            ConfigPatch {
                architecture: Some(TextArchitecture::Mlp),
                optimizer: Some(OptimizerKind::Adam),
                learning_rate: Some(0.003),
                batch_size: Some(BatchSize::Size(128)),
                ..Default::default()
            },
            20_000,
            2.17,
        ),
        _ => (
            ConfigPatch { architecture: Some(TextArchitecture::Transformer), batch_size: Some(BatchSize::Size(32)), ..Default::default() },
            10_000,
            1.92,
        ),
    };
    let steps: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(steps);
    pollster::block_on(s.configure(patch)).expect("configures");
    let start = Instant::now();
    let chunk = (steps / 10).max(1);
    let mut done = 0;
    while done < steps {
        let n = chunk.min(steps - done);
        s.train_steps(n).expect("trains");
        done += n;
        let m = pollster::block_on(evaluate(&s)).expect("evaluates");
        println!(
            "{which:<11} step {done:>6}  train {:.4}  test {:.4}  (makemore {reference})  {:.1} s, {:.2} ms/step",
            m.train_loss,
            m.test_loss.unwrap_or(f64::NAN),
            start.elapsed().as_secs_f64(),
            start.elapsed().as_secs_f64() * 1000.0 / done as f64
        );
    }
}
