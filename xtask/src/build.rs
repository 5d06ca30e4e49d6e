//! Building the wasm: a small CPU-only build for the first visit (with wasm SIMD, and a plain twin
//! for the rare browser without it) and a WebGPU build loaded on demand.

use std::path::Path;
use std::process::Command;

use crate::tools::{root, run, target_dir};
use crate::{Result, say};

/// One shipped wasm build.
pub struct WasmBuild {
    /// Folder under `pkg/`.
    pub name: &'static str,
    /// Cargo features of the core.
    pub features: &'static [&'static str],
    /// `RUSTFLAGS` for the wasm target: whether it may use 128-bit SIMD instructions.
    pub rustflags: &'static str,
}

/// Code generation with wasm SIMD (`simd128`): every current browser runs it (Chrome 91+,
/// Firefox 89+, Safari 16.4+), and it gives matrixmultiply's and burn's SIMD kernels their speed.
pub const SIMD_FLAGS: &str = "-C target-feature=+simd128";

/// The CPU-only build the page loads at start, where the browser validates wasm SIMD.
pub const CPU: WasmBuild = WasmBuild { name: "cpu", features: &["simd"], rustflags: SIMD_FLAGS };

/// The same without SIMD: loaded only where the browser fails the SIMD check, so none loses the page.
pub const CPU_NOSIMD: WasmBuild = WasmBuild { name: "cpu-nosimd", features: &[], rustflags: "" };

/// The CPU + WebGPU build the page loads when WebGPU is used (WebGPU browsers all run SIMD).
pub const GPU: WasmBuild = WasmBuild { name: "gpu", features: &["webgpu", "simd"], rustflags: SIMD_FLAGS };

/// The builds the page loads: `cpu` (or `cpu-nosimd`) at start, `gpu` when WebGPU is used.
pub const BUILDS: [WasmBuild; 3] = [CPU, GPU, CPU_NOSIMD];

/// The files of a build the page loads: wasm-bindgen's JS glue and the wasm it fetches.
pub const SHIPPED_FILES: [&str; 2] = ["sw2_playground.js", "sw2_playground_bg.wasm"];

/// Compiles one build in release mode and runs wasm-bindgen (`--target web`) into `pkg/<name>/`.
///
/// wasm-bindgen writes into `pkg/.<name>.partial/`, renamed into place at the end, so a server never
/// hands out a half-written build: the page sees the old build or none, then the whole new one.
pub fn build(b: &WasmBuild) -> Result<()> {
    say(&format!("building the {} wasm (release)", b.name));
    let mut cargo = Command::new("cargo");
    cargo.args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", "sw2-playground", "--lib"]);
    if !b.features.is_empty() {
        cargo.args(["--features", &b.features.join(",")]);
    }
    // Cargo keeps the artifacts of each RUSTFLAGS apart, so switching builds does not recompile burn.
    cargo.env("RUSTFLAGS", b.rustflags);
    run(&mut cargo)?;
    let wasm = target_dir()?.join("wasm32-unknown-unknown/release/sw2_playground.wasm");
    let pkg = root().join("pkg");
    let (partial, out) = (pkg.join(format!(".{}.partial", b.name)), pkg.join(b.name));
    remove_dir(&partial)?;
    // Without the name section (function names for stack traces: ~110 kB gzip of the CPU build);
    // a panic still reports its message and source location through the panic hook.
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--remove-name-section", "--remove-producers-section", "--out-name", "sw2_playground", "--out-dir"])
        .arg(&partial)
        .arg(&wasm))?;
    remove_dir(&out)?;
    std::fs::rename(&partial, &out).map_err(|e| format!("could not move {} to {}: {e}", partial.display(), out.display()))?;
    let size = std::fs::metadata(out.join("sw2_playground_bg.wasm")).map(|m| m.len()).unwrap_or(0);
    say(&format!("pkg/{}/sw2_playground_bg.wasm: {:.2} MB", b.name, size as f64 / 1e6));
    Ok(())
}

/// Builds every shipped build.
pub fn build_all() -> Result<()> {
    BUILDS.iter().try_for_each(build)
}

fn remove_dir(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("could not remove {}: {e}; remove it by hand and build again", dir.display()))
        }
        _ => Ok(()),
    }
}
