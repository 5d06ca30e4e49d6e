//! The playground's workloads trained natively by `sw2 train` (burn-train), for the README's
//! "Outgrow the tab" table: W1a (the spiral MLP, full batch), W2 (the digits MLP, batch 64) and
//! W7 (makemore's transformer on `names.txt`, batch 32). Each run is a fresh process on a fresh
//! project; its first stretch (cold: allocation, caches, first kernels) is reported apart from
//! the median of the others (warm). A measurement, not a test:
//!
//! ```sh
//! cargo build --release -p sw2-cli --bins --examples
//! target/release/examples/native_bench [--backend cpu|wgpu] [--runs 3] [--only W1a,W2,W7]
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

use pollster::block_on;
use sw2_playground::data::images::parse_digits_csv;
use sw2_playground::data::presets::generate;
use sw2_playground::data::words::{makemore_test_fraction, parse_text};
use sw2_playground::data::{Dataset, Preset, PresetOptions};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::model::{Activation, Feature};
use sw2_playground::train::{BatchSize, ConfigPatch, OptimizerKind};
use sw2_playground::workspace::Workspace;

/// A workload: its name, data, configuration, steps per stretch and stretches.
struct Workload {
    name: &'static str,
    what: &'static str,
    dataset: Dataset,
    patch: ConfigPatch,
    every: u64,
    stretches: u64,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn workloads(only: &[String]) -> Vec<Workload> {
    let spiral = Dataset::new(generate(Preset::Spiral, PresetOptions { n: 500, noise: 0.2, seed: 1 }).unwrap(), 0.2, 1).unwrap();
    let bytes = std::fs::read(root().join("www/data/digits.csv.gz")).expect("www/data/digits.csv.gz");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text).unwrap();
    let digits = Dataset::from_images(parse_digits_csv(&text).unwrap(), 0.2, 1).unwrap();
    let words = parse_text(&std::fs::read_to_string(root().join("www/data/names.txt")).expect("www/data/names.txt"));
    let names = Dataset::from_words(words.clone(), makemore_test_fraction(words.len()), 1).unwrap();
    let all = vec![
        Workload {
            name: "W1a",
            what: "spiral, 500 points, 2-16-16-2 tanh, full batch, Adam 0.02",
            dataset: spiral,
            patch: ConfigPatch {
                hidden: Some(vec![16, 16]),
                activation: Some(Activation::Tanh),
                features: Some(vec![Feature::X, Feature::Y]),
                optimizer: Some(OptimizerKind::Adam),
                learning_rate: Some(0.02),
                batch_size: Some(BatchSize::Size(0)),
                seed: Some(1),
                ..Default::default()
            },
            every: 500,
            stretches: 5,
        },
        Workload {
            name: "W2",
            what: "the 1,797 digits, MLP 64-128-10 relu, batch 64, Adam 0.001",
            dataset: digits,
            patch: ConfigPatch {
                hidden: Some(vec![128]),
                activation: Some(Activation::Relu),
                optimizer: Some(OptimizerKind::Adam),
                learning_rate: Some(0.001),
                batch_size: Some(BatchSize::Size(64)),
                seed: Some(1),
                ..Default::default()
            },
            every: 500,
            stretches: 5,
        },
        Workload {
            name: "W7",
            what: "makemore's transformer on names.txt (4 layers, 4 heads, width 64), batch 32, AdamW 5e-4",
            dataset: names,
            patch: ConfigPatch {
                architecture: Some(TextArchitecture::Transformer),
                batch_size: Some(BatchSize::Size(32)),
                seed: Some(1),
                ..Default::default()
            },
            every: 50,
            stretches: 5,
        },
    ];
    all.into_iter().filter(|w| only.is_empty() || only.iter().any(|o| o == w.name)).collect()
}

/// `first stretch A ms/step, then B ms/step (C–D)` → (A, B).
fn parse_speed(out: &str) -> Option<(f64, f64)> {
    let line = out.lines().find(|l| l.starts_with("trained natively"))?;
    let first = line.split("first stretch ").nth(1)?.split(' ').next()?.parse().ok()?;
    let then = line.split(", then ").nth(1)?.split(' ').next()?.parse().ok()?;
    Some((first, then))
}

fn spread(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    format!("{:.3} ({:.3}–{:.3})", v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let backend = flag("--backend").unwrap_or_else(|| "cpu".into());
    let runs: usize = flag("--runs").and_then(|r| r.parse().ok()).unwrap_or(3);
    let only: Vec<String> = flag("--only").map(|o| o.split(',').map(String::from).collect()).unwrap_or_default();
    let sw2 = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("sw2");
    assert!(sw2.exists(), "build the CLI first: cargo build --release -p sw2-cli --bins --examples");
    let dir = std::env::temp_dir().join("sw2-native-bench");
    std::fs::create_dir_all(&dir).unwrap();
    println!("| workload | backend | first stretch, ms/step | then, ms/step (median of runs, range) | runs |");
    println!("|---|---|---|---|---|");
    for w in workloads(&only) {
        let mut ws = Workspace::new();
        ws.session_mut().set_dataset(w.dataset).unwrap();
        block_on(ws.session_mut().configure(w.patch)).unwrap();
        let project = dir.join(format!("{}.sw2", w.name));
        std::fs::write(&project, block_on(ws.export_project(serde_json::Value::Null)).unwrap()).unwrap();
        let (mut cold, mut warm) = (Vec::new(), Vec::new());
        for run in 0..runs {
            let out = Command::new(&sw2)
                .arg("train")
                .arg(&project)
                .args(["--steps", &(w.every * w.stretches).to_string(), "--every", &w.every.to_string(), "--backend", &backend])
                .arg("--out")
                .arg(dir.join(format!("{}-{run}.sw2", w.name)))
                .arg("--checkpoints")
                .arg(dir.join(format!("{}-run", w.name)))
                .output()
                .expect("sw2 runs");
            let text = String::from_utf8_lossy(&out.stdout);
            let (first, then) = parse_speed(&text).unwrap_or_else(|| panic!("{}: {}{text}", w.name, String::from_utf8_lossy(&out.stderr)));
            cold.push(first);
            warm.push(then);
        }
        println!("| {} {} | {backend} | {} | {} | {runs} |", w.name, w.what, spread(cold), spread(warm));
    }
}
