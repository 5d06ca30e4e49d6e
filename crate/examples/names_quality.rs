//! The word programs' quality on makemore's `names.txt` with makemore's split (1,000 test
//! words), natively on the CPU backend: test loss at fixed step counts beside the published
//! figures, with the wall time. A measurement, not a test:
//! `cargo run --release -p sw2-playground --example names_quality -- [bigram|mlp|transformer] [steps]
//! [--batch N] [--lr X] [--decay X] [--cosine N] [--dropout X] [--width N] [--layers N] [--minutes M]
//! [--every N]`: `--batch`, `--lr` and `--decay` (AdamW's weight decay) override the architecture's
//! setting, `--dropout`, `--width` (the embedding) and `--layers` the transformer's, `--cosine N` decays the
//! rate by a cosine over N steps, `--minutes` stops at the first report after that much training (the test split is
//! evaluated at each report, `--every` steps apart, and its time is not counted as training).
#[cfg(target_family = "wasm")]
fn main() {}

#[cfg(not(target_family = "wasm"))]
fn main() {
    use std::time::Instant;
    use sw2_playground::data::Dataset;
    use sw2_playground::data::words::{makemore_test_fraction, parse_text};
    use sw2_playground::model::text::TextArchitecture;
    use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind, Schedule, Session, evaluate};

    let all: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| all.iter().position(|a| a == name).and_then(|i| all.get(i + 1)).map(|v| v.parse::<f64>().expect("a number"));
    let args: Vec<String> = all.iter().take_while(|a| !a.starts_with("--")).cloned().collect();
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
    let patch = ConfigPatch {
        batch_size: flag("--batch").map(|b| BatchSize::Size(b as usize)).or(patch.batch_size),
        learning_rate: flag("--lr").or(patch.learning_rate),
        weight_decay: flag("--decay").or(patch.weight_decay),
        schedule: flag("--cosine").map(|n| Schedule::Cosine { steps: n as u64 }).or(patch.schedule),
        dropout: flag("--dropout").or(patch.dropout),
        embedding: flag("--width").map(|w| w as usize).or(patch.embedding),
        layers: flag("--layers").map(|l| l as usize).or(patch.layers),
        ..patch
    };
    let budget_s = flag("--minutes").map_or(f64::INFINITY, |m| m * 60.0);
    pollster::block_on(s.configure(patch)).expect("configures");
    let mut training_s = 0.0;
    let chunk = flag("--every").map_or((steps / 10).max(1), |e| e as u64);
    let mut done = 0;
    while done < steps && training_s < budget_s {
        let n = chunk.min(steps - done);
        let start = Instant::now();
        s.train_steps(n).expect("trains");
        training_s += start.elapsed().as_secs_f64();
        done += n;
        let m = pollster::block_on(evaluate(&s)).expect("evaluates");
        println!(
            "{which:<11} step {done:>6}  train {:.4}  test {:.4}  (makemore {reference})  {training_s:.1} s training, {:.2} ms/step",
            m.train_loss,
            m.test_loss.unwrap_or(f64::NAN),
            training_s * 1000.0 / done as f64
        );
    }
}
