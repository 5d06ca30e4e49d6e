//! Building the wasm: a small CPU-only build for the first visit and a WebGPU build loaded on demand.

use std::process::Command;

use crate::tools::{root, run, target_dir};
use crate::{Result, say};

/// One shipped wasm build.
pub struct WasmBuild {
    /// Folder under `pkg/`.
    pub name: &'static str,
    /// Cargo features of the core.
    pub features: &'static [&'static str],
}

/// The builds the page loads: `cpu` at start, `gpu` when WebGPU is used.
pub const BUILDS: [WasmBuild; 2] = [
    WasmBuild { name: "cpu", features: &[] },
    WasmBuild { name: "gpu", features: &["webgpu"] },
];

/// Compiles one build in release mode and runs wasm-bindgen (`--target web`) into `pkg/<name>/`.
pub fn build(b: &WasmBuild) -> Result<()> {
    say(&format!("building the {} wasm (release)", b.name));
    let mut cargo = Command::new("cargo");
    cargo.args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", "sw2-playground", "--lib"]);
    if !b.features.is_empty() {
        cargo.args(["--features", &b.features.join(",")]);
    }
    run(&mut cargo)?;
    let wasm = target_dir()?.join("wasm32-unknown-unknown/release/sw2_playground.wasm");
    let out = root().join("pkg").join(b.name);
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--out-name", "sw2_playground", "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;
    let size = std::fs::metadata(out.join("sw2_playground_bg.wasm")).map(|m| m.len()).unwrap_or(0);
    say(&format!("pkg/{}/sw2_playground_bg.wasm: {:.2} MB", b.name, size as f64 / 1e6));
    Ok(())
}

/// Builds every shipped build.
pub fn build_all() -> Result<()> {
    BUILDS.iter().try_for_each(build)
}
