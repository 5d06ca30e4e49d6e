//! `cargo xtask bench`: release wasm, then the equal-treatment protocol in headless Chromium
//! (bench/run.js): every contender gets the same idle time after load and the same untimed steps
//! before timing, each run in a fresh browser context, >= 3 runs per row (median and range), a cold
//! row per contender, writing bench/results.json and bench/RESULTS.md. `--quick` is CI's smoke test
//! of the harness: tiny budgets, one run, never timing.

use std::process::Command;

use crate::tools::{self, ensure_chromium, ensure_npm_packages, ensure_wasm_tools};
use crate::{Result, build, say};

/// Builds and runs the benchmark; extra arguments (`--quick`, `--only W1a,cold`, `--contenders a,b`,
/// `--runs 5`, `--compare`) pass through.
pub fn run(args: &[String]) -> Result<()> {
    ensure_wasm_tools()?;
    ensure_chromium()?;
    ensure_npm_packages()?;
    build::build_all()?;
    say("benchmark: equal treatment for every contender, 3 runs per row in fresh contexts (takes about half an hour)");
    tools::run(Command::new("node").arg("bench/run.js").args(args))
}
