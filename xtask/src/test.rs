//! `cargo xtask test`: everything CI runs, in order from fastest feedback to slowest.

use std::process::Command;

use crate::tools::{self, ensure_chromium, ensure_npm_packages, ensure_rustfmt, ensure_wasm_tools, root};
use crate::{Result, build, dist, say};

/// Formatting (`cargo fmt --check`, seconds), native tests (the layering check among them), wasm tests in headless Chromium (CPU and WebGPU), then the browser end-to-end tests
/// (the last include the static site from `dist`, written under cargo's target dir), and the page's
/// core paths once more on the CPU build without SIMD.
pub fn run_all() -> Result<()> {
    ensure_wasm_tools()?;
    ensure_chromium()?;
    ensure_npm_packages()?;
    ensure_rustfmt()?;

    say("formatting (cargo fmt --check; rustfmt.toml)");
    tools::run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;

    say("native tests (cargo test, CPU backend)");
    tools::run(Command::new("cargo").args(["test", "--workspace"]))?;

    say("wasm tests in headless Chromium (wasm-bindgen-test; CPU and WebGPU backends)");
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    tools::run(
        Command::new("cargo")
            .args(["test", "--release", "--target", "wasm32-unknown-unknown", "-p", "sw2-playground", "--features", "webgpu,simd"])
            .env("RUSTFLAGS", build::SIMD_FLAGS)
            .env("CHROMEDRIVER", chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
            .env("WASM_BINDGEN_USE_BROWSER", "1")
            .current_dir(root().join("crate")),
    )?;

    build::build_all()?;
    // tests/dist.test.js serves this folder under a sub-path with the strict CSP.
    let site = tools::target_dir()?.join("dist-test");
    dist::write(&site)?;

    say("browser end-to-end tests (Playwright + headless Chromium)");
    tools::run(Command::new("npm").arg("test").env("SW2_DIST_DIR", &site))?;

    // The plain build is what a browser without wasm SIMD loads: the page's core paths run on it too.
    say("browser tests again on the CPU build without SIMD (SW2_CPU_BUILD=nosimd)");
    tools::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "tests/ui.test.js", "tests/api.test.js", "tests/rule.test.js"])
            .env("SW2_CPU_BUILD", "nosimd")
            .current_dir(root()),
    )
}

/// Entry point; takes no arguments.
pub fn run(args: &[String]) -> Result<()> {
    if !args.is_empty() {
        return Err("usage: cargo xtask test".into());
    }
    run_all()
}
