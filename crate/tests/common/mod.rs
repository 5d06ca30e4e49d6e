//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Stdio};

use pollster::block_on;
use sw2_playground::data::images::parse_digits_csv;
use sw2_playground::data::rng::SeededRng;
use sw2_playground::data::{Dataset, Image};
use sw2_playground::debug::Advance;
use sw2_playground::engine::{CurveResult, EngineCurveJob};
use sw2_playground::train::{ConfigPatch, Session};

/// `n` points spread uniformly over [-1, 1]², deterministic in `seed`.
pub fn random_points(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = SeededRng::new(seed);
    (0..n).map(|_| (rng.uniform() * 2.0 - 1.0, rng.uniform() * 2.0 - 1.0)).collect()
}

/// Compiles `source` (which defines `predict(x, y)` returning an array) with rustc and runs it
/// on `points`.
pub fn run_rust(source: &str, points: &[(f64, f64)]) -> Vec<Vec<f64>> {
    let dir = std::env::temp_dir().join(format!("sw2-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let main = format!(
        "{source}\nfn main() {{\n    let mut text = String::new();\n    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).unwrap();\n    \
         for line in text.lines() {{\n        let v: Vec<f64> = line.split(' ').map(|t| t.parse().unwrap()).collect();\n        \
         let p = predict(v[0], v[1]);\n        println!(\"{{}}\", p.iter().map(|x| format!(\"{{x:e}}\")).collect::<Vec<_>>().join(\" \"));\n    }}\n}}\n"
    );
    let src = dir.join("model.rs");
    std::fs::write(&src, main).unwrap();
    let exe = dir.join("model-bin");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let status = Command::new(rustc).args(["--edition", "2021", "-O", "-o"]).arg(&exe).arg(&src).status().unwrap();
    assert!(status.success(), "the exported Rust compiles");
    let mut child = Command::new(&exe).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let input: String = points.iter().map(|(x, y)| format!("{x} {y}\n")).collect();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap().lines().map(|l| l.split(' ').map(|t| t.parse().unwrap()).collect()).collect()
}

/// The built-in digits' CSV text: the file the page ships, gunzipped.
pub fn digits_csv() -> String {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/data/digits.csv.gz")).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text).unwrap();
    text
}

/// The built-in digits, 1,797 labelled 8×8 images.
pub fn digits() -> Vec<Image> {
    parse_digits_csv(&digits_csv()).unwrap()
}

/// A session holding `dataset`, configured with `patch`.
pub fn session(dataset: Dataset, patch: ConfigPatch) -> Session {
    let mut s = Session::new();
    s.set_dataset(dataset).unwrap();
    block_on(s.configure(patch)).unwrap();
    s
}

/// Runs an engine curve job to the end in one go.
pub fn run_curve(mut job: EngineCurveJob) -> CurveResult {
    loop {
        if let Advance::Done(r) = block_on(job.advance(f64::INFINITY)).unwrap() {
            return r;
        }
    }
}
