//! Project automation: `cargo xtask serve`, `cargo xtask test`, `cargo xtask build`, `cargo xtask dist`,
//! `cargo xtask bench`, `cargo xtask prompts-model`.
//!
//! Each command installs what is missing on a fresh machine (the wasm target, wasm-bindgen-cli at
//! the exact version in Cargo.lock, npm packages, Chromium, a Python virtualenv) and says what it is
//! doing.

mod bench;
mod build;
mod dist;
mod prompts;
mod python;
mod serve;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N]   build the CPU wasm, serve the playground on 127.0.0.1, then build the WebGPU wasm behind it
  test               run everything CI runs: native tests, wasm tests in Chromium, browser end-to-end tests
  build              build the wasm (CPU and WebGPU builds) into pkg/
  dist [--out DIR]   write the playground as a static site for any host and sub-path (default dist/)
  bench [--quick]    benchmark against ConvNetJS and TF.js in headless Chromium; writes bench/RESULTS.md
  prompts-model      rebuild the shipped prompt model (www/models/prompts.sw2) and its log with sw2";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("dist") => dist::run(&args[1..]),
        Some("prompts-model") => prompts::run(&args[1..]),
        Some("build") => tools::ensure_wasm_tools().and_then(|_| build::build_all()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Errors are sentences for the person at the terminal.
pub type Result<T> = std::result::Result<T, String>;

/// Prints a step the way every xtask command announces what it does.
pub fn say(what: &str) {
    eprintln!("\x1b[1m==> {what}\x1b[0m");
}
