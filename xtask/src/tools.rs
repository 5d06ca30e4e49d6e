//! Finding and installing the tools the build and the tests need.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::{Result, say};

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits inside the repo").to_path_buf()
}

/// Cargo's target directory as cargo itself resolves it (`CARGO_TARGET_DIR`, `build.target-dir`, or
/// `target/`), asked once per run so xtask finds the wasm wherever the user told cargo to put it.
pub fn target_dir() -> Result<PathBuf> {
    static DIR: OnceLock<Result<PathBuf>> = OnceLock::new();
    let ask = || -> Result<PathBuf> {
        let json = output(Command::new("cargo").args(["metadata", "--format-version", "1", "--no-deps"]))
            .ok_or("`cargo metadata` failed, so xtask cannot tell where cargo puts its builds; run it to see why")?;
        // The value is a JSON string; paths only ever need \\ and \" undone.
        let start = json.find("\"target_directory\":\"").ok_or("`cargo metadata` printed no target_directory")?;
        let (mut dir, mut chars) = (String::new(), json[start + 20..].chars());
        while let Some(c) = chars.next() {
            match c {
                '"' => return Ok(PathBuf::from(dir)),
                '\\' => dir.extend(chars.next()),
                c => dir.push(c),
            }
        }
        Err("`cargo metadata` printed an unterminated target_directory".to_string())
    };
    DIR.get_or_init(ask).clone()
}

/// Runs a command from the repo root, failing with its name if it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}").replace('"', "");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    let status = cmd.status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} failed ({status})")) }
}

/// Captures a command's stdout, or `None` if it cannot run.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.current_dir(root()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether `program --version` runs.
pub fn on_path(program: &str) -> bool {
    output(Command::new(program).arg("--version")).is_some()
}

/// The version of `wasm-bindgen` that Cargo.lock resolved: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// The wasm32 target and wasm-bindgen-cli at the locked version.
pub fn ensure_wasm_tools() -> Result<()> {
    let targets = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        say("installing the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let want = locked_wasm_bindgen_version()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if !have.split_whitespace().any(|w| w == want) {
        say(&format!("installing wasm-bindgen-cli {want} (matching Cargo.lock; takes a few minutes once)"));
        // --locked is deliberately absent: the CLI's own lockfile pins crates the registry no longer serves.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    }
    Ok(())
}

/// rustfmt, which `cargo xtask test` runs as `cargo fmt --check` (a minimal toolchain lacks it).
pub fn ensure_rustfmt() -> Result<()> {
    if output(Command::new("cargo").args(["fmt", "--version"])).is_none() {
        say("installing rustfmt (rustup component)");
        run(Command::new("rustup").args(["component", "add", "rustfmt"]))?;
    }
    Ok(())
}

/// The browser and its driver: `$CHROMIUM` / `/usr/bin/chromium`, else Debian's packages.
pub fn ensure_chromium() -> Result<()> {
    if let Ok(path) = std::env::var("CHROMIUM") {
        if Path::new(&path).exists() {
            return Ok(());
        }
    }
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    if !on_path("apt-get") {
        return Err("Chromium is missing and apt-get is not available: install Chromium and ChromeDriver \
                    and point CHROMIUM at the browser"
            .into());
    }
    say("installing Chromium and ChromeDriver from Debian (apt-get)");
    apt_install(&["chromium", "chromium-driver"])
}

/// Installs Debian `packages` with apt-get (through sudo unless root), after refreshing its lists.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let sudo = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() != "0");
    let apt = |args: &[&str]| {
        let mut c = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
        if sudo {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut c)
    };
    apt(&["update", "-qq"])?;
    apt(&[&["install", "-y", "-qq"], packages].concat())
}

/// npm packages of the browser tests, exactly as package-lock.json pins them.
pub fn ensure_npm_packages() -> Result<()> {
    if !on_path("npm") {
        return Err("npm is missing: install Node.js 20 or newer".into());
    }
    let installed = root().join("node_modules/playwright-core/package.json").exists();
    if !installed || std::env::var("CI").is_ok() {
        say("installing npm packages (npm ci)");
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}
