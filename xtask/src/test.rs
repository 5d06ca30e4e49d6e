//! `cargo xtask test`: everything CI runs, in order from fastest feedback to slowest.

use std::process::Command;

use crate::tools::{self, ensure_chromium, ensure_npm_packages, ensure_rustfmt, ensure_wasm_tools, root};
use crate::{Result, build, dist, python, say};

/// Formatting (`cargo fmt --check`, seconds), native tests (the layering check among them), wasm tests in headless Chromium (CPU and WebGPU), then the browser end-to-end tests
/// (the last include the static site from `dist`, written under cargo's target dir), and the page's
/// core paths once more on the CPU build without SIMD.
pub fn run_all() -> Result<()> {
    ensure_wasm_tools()?;
    ensure_chromium()?;
    ensure_npm_packages()?;
    ensure_rustfmt()?;
    let python = python::ensure_python()?;

    say("formatting (cargo fmt --check; rustfmt.toml)");
    tools::run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;

    say("native tests (cargo test, CPU backend; the core and the sw2 CLI)");
    tools::run(Command::new("cargo").args(["test", "--workspace"]))?;
    check_cli_stays_native()?;
    // The wgpu variant is a second build of burn (about 25 min on 2 cores): CI keeps to the CPU
    // backend within its time budget; a machine with lavapipe tests wgpu too.
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        say("skipping sw2 on wgpu under CI (a second burn build); run `cargo test -p sw2-cli --features wgpu` where lavapipe is installed");
    } else if lavapipe_installed() {
        say("the sw2 CLI on burn's wgpu backend natively (Mesa's lavapipe found: software Vulkan, slow)");
        tools::run(Command::new("cargo").args(["test", "-p", "sw2-cli", "--features", "wgpu"]))?;
    } else {
        say("skipping sw2 on wgpu: no lavapipe here (Debian: mesa-vulkan-drivers); the CPU backend was tested");
    }
    // `cargo test` built the CLI here; tests/cli.test.js trains with it.
    let cli = tools::target_dir()?.join("debug").join("sw2");

    say("wasm tests in headless Chromium (wasm-bindgen-test; CPU and WebGPU backends)");
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    tools::run(
        Command::new("cargo")
            // Only tests/web.rs holds wasm-bindgen tests: naming it spares the build of every other
            // test target as a wasm binary, each linked with the release profile's LTO (~12 min cold).
            .args([
                "test",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "sw2-playground",
                "--test",
                "web",
                "--features",
                "webgpu,simd",
            ])
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
    tools::run(Command::new("npm").arg("test").env("SW2_DIST_DIR", &site).env("SW2_PYTHON", &python).env("SW2_CLI", &cli))?;

    // The plain build is what a browser without wasm SIMD loads: the page's core paths run on it too.
    say("browser tests again on the CPU build without SIMD (SW2_CPU_BUILD=nosimd)");
    tools::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "tests/ui.test.js", "tests/api.test.js", "tests/rule.test.js"])
            .env("SW2_CPU_BUILD", "nosimd")
            .current_dir(root()),
    )
}

/// The CLI's dependencies (burn-train, its terminal dashboard) must never reach the wasm builds:
/// `cargo tree` on the wasm target finds neither.
fn check_cli_stays_native() -> Result<()> {
    for features in ["simd", "webgpu,simd"] {
        for native_only in ["burn-train", "ratatui"] {
            let wasm = ["-p", "sw2-playground", "--target", "wasm32-unknown-unknown", "-e", "normal"];
            let out = Command::new("cargo")
                .arg("tree")
                .args(wasm)
                .args(["--features", features, "-i", native_only])
                .output()
                .map_err(|e| format!("cargo tree: {e}"))?;
            if out.status.success() {
                return Err(format!("{native_only} reaches the wasm build (features {features}): the CLI's dependencies must stay native"));
            }
        }
    }
    Ok(())
}

/// Whether Mesa's software Vulkan driver is installed, so wgpu can run natively without a GPU.
fn lavapipe_installed() -> bool {
    std::fs::read_dir("/usr/share/vulkan/icd.d")
        .map(|dir| dir.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().starts_with("lvp_icd")))
        .unwrap_or(false)
}

/// Entry point; takes no arguments.
pub fn run(args: &[String]) -> Result<()> {
    if !args.is_empty() {
        return Err("usage: cargo xtask test".into());
    }
    run_all()
}
