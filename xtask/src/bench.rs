//! `cargo xtask bench`: release wasm, then every workload for every contender in one headless
//! Chromium run (bench/run.js), writing bench/results.json and bench/RESULTS.md.

use std::process::Command;

use crate::tools::{self, ensure_chromium, ensure_npm_packages, ensure_wasm_tools};
use crate::{Result, build, say};

/// Builds and runs the benchmark; extra arguments (`--quick`, `--only W1a,W3`, `--contenders a,b`) pass through.
pub fn run(args: &[String]) -> Result<()> {
    ensure_wasm_tools()?;
    ensure_chromium()?;
    ensure_npm_packages()?;
    build::build_all()?;
    say("benchmark: every workload, every contender, one browser (takes several minutes)");
    tools::run(Command::new("node").arg("bench/run.js").args(args))
}
