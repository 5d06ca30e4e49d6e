//! The Python the browser tests run: a virtualenv under cargo's target dir with numpy and
//! safetensors, for `tests/python/next_chars.py`, the reader that shows an exported word program
//! runs without the playground.

use std::path::PathBuf;
use std::process::Command;

use crate::tools::{self, apt_install, on_path, output, run};
use crate::{Result, say};

/// What the reader imports, from PyPI.
const PACKAGES: [&str; 2] = ["numpy", "safetensors"];

/// The virtualenv's interpreter, `<target>/py/bin/python`, made with `python3 -m venv` and pip
/// when it is missing or lacks a package. The browser tests find it in `SW2_PYTHON`.
pub fn ensure_python() -> Result<PathBuf> {
    let venv = tools::target_dir()?.join("py");
    let python = venv.join("bin").join("python");
    let imports = format!("import {}", PACKAGES.join(", "));
    if output(Command::new(&python).args(["-c", &imports])).is_some() {
        return Ok(python);
    }
    ensure_venv_module()?;
    say(&format!("making a Python virtualenv for the model-file reader ({}: {})", venv.display(), PACKAGES.join(", ")));
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python).args(["-m", "pip", "install", "--quiet"]).args(PACKAGES))?;
    Ok(python)
}

/// `python3` with the modules that make a virtualenv; on Debian they are the package python3-venv
/// (which brings python3 too), installed with apt-get when it is there.
fn ensure_venv_module() -> Result<()> {
    if output(Command::new("python3").args(["-c", "import venv, ensurepip"])).is_some() {
        return Ok(());
    }
    if !on_path("apt-get") {
        return Err("python3 with its venv module is missing: install Python 3 (on Debian: apt-get install python3-venv)".into());
    }
    say("installing python3-venv from Debian (apt-get)");
    apt_install(&["python3-venv"])
}
