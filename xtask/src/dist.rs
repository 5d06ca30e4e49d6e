//! `cargo xtask dist [--out DIR]`: the playground as one self-contained folder for any static host.
//!
//! Every URL in the page is relative, so the folder works from any sub-path (`https://host/a/b/`); it
//! holds only what the page loads, plus `_headers` and `README.txt` for whoever hosts it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::tools::{ensure_wasm_tools, root};
use crate::{Result, build, say};

/// The Content-Security-Policy the page runs under: nothing inline, nothing from elsewhere, wasm allowed.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'";

/// The first line of the README written into every output, which also marks a folder as ours to replace.
const README_TITLE: &str = "Software 2.0 Playground: a static site built by `cargo xtask dist`.";

/// Parses `--out DIR` (default `dist/`), builds both wasm builds, and writes the folder.
pub fn run(args: &[String]) -> Result<()> {
    let out = match args {
        [] => root().join("dist"),
        [flag, dir] if flag == "--out" => std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?.join(dir),
        _ => return Err("usage: cargo xtask dist [--out DIR]".into()),
    };
    check_out(&out)?; // before the build, so a wrong folder fails in a second, not after minutes
    ensure_wasm_tools()?;
    build::build_all()?;
    write(&out)
}

/// Writes the site from the built `pkg/` into `out`, replacing an earlier output there.
pub fn write(out: &Path) -> Result<()> {
    say(&format!("writing the static site to {}", out.display()));
    clear(out)?;
    let root = root();
    copy_file(&root.join("index.html"), &out.join("index.html"))?;
    copy_tree(&root.join("www"), &out.join("www"))?;
    if root.join("lessons").is_dir() {
        copy_tree(&root.join("lessons"), &out.join("lessons"))?;
    }
    for b in &build::BUILDS {
        let (from, to) = (root.join("pkg").join(b.name), out.join("pkg").join(b.name));
        for file in build::SHIPPED_FILES {
            copy_file(&from.join(file), &to.join(file)).map_err(|e| format!("{e}: build the wasm first with `cargo xtask build`"))?;
        }
        // Glue for `#[wasm_bindgen(module = ..)]` / inline JS, if any crate uses it, is imported from here.
        if from.join("snippets").is_dir() {
            copy_tree(&from.join("snippets"), &to.join("snippets"))?;
        }
    }
    write_text(&out.join("_headers"), &headers())?;
    write_text(&out.join("README.txt"), &readme())?;
    say(&format!("done: serve {} from any path; .wasm must be served as application/wasm", out.display()));
    Ok(())
}

/// Refuses an `out` the site cannot replace: one inside what is copied, the repo itself, or a folder
/// that is neither empty nor an earlier output (rather than delete someone's files).
fn check_out(out: &Path) -> Result<()> {
    let repo = root();
    if ["www", "pkg", "lessons"].iter().any(|d| out.starts_with(repo.join(d))) {
        return Err(format!("{} lies inside a folder the site is copied from; choose a folder outside it", out.display()));
    }
    if !out.exists() {
        return Ok(());
    }
    let ours = fs::read_to_string(out.join("README.txt")).is_ok_and(|t| t.starts_with(README_TITLE));
    let empty = fs::read_dir(out).is_ok_and(|mut d| d.next().is_none());
    if repo.starts_with(out) || !(ours || empty) {
        return Err(format!(
            "{} already exists and is not an earlier `cargo xtask dist` output; choose a new or empty folder with --out",
            out.display()
        ));
    }
    Ok(())
}

/// Empties `out` after `check_out` agreed.
fn clear(out: &Path) -> Result<()> {
    check_out(out)?;
    match fs::remove_dir_all(out) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("could not remove the earlier output {}: {e}", out.display())),
        _ => Ok(()),
    }
}

fn copy_file(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("could not create {}: {e}", parent.display()))?;
    }
    fs::copy(from, to).map(|_| ()).map_err(|e| format!("could not copy {} to {}: {e}", from.display(), to.display()))
}

/// Copies a folder's files, skipping hidden files and editor leftovers (`.swp`, `~`).
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let entries = fs::read_dir(from).map_err(|e| format!("could not read {}: {e}", from.display()))?;
    for entry in entries {
        let path: PathBuf = entry.map_err(|e| format!("could not read {}: {e}", from.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') || name.ends_with(".swp") || name.ends_with('~') {
            continue;
        }
        if path.is_dir() { copy_tree(&path, &to.join(name))? } else { copy_file(&path, &to.join(name))? }
    }
    Ok(())
}

fn write_text(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).map_err(|e| format!("could not write {}: {e}", path.display()))
}

/// Netlify / Cloudflare Pages headers: the strict CSP on every file, and the wasm type spelled out.
fn headers() -> String {
    format!(
        "/*\n  Content-Security-Policy: {STRICT_CSP}\n  X-Content-Type-Options: nosniff\n\
         /*.wasm\n  Content-Type: application/wasm\n"
    )
}

fn readme() -> String {
    format!(
        "{README_TITLE}

Serve this folder as static files, at the site's root or under any sub-path: every URL in the
page is relative, and it requests nothing outside this folder.

- `.wasm` files must be served as `application/wasm` (browsers refuse to stream-compile them
  otherwise). Most hosts already do; `_headers` sets it on Netlify and Cloudflare Pages.
- The page runs under this strict Content-Security-Policy (`_headers` sends it there; on other
  hosts, set it as a response header):

    {STRICT_CSP}

  'wasm-unsafe-eval' is what lets the browser compile the WebAssembly; nothing else is relaxed.
- `pkg/cpu/` loads at start; `pkg/gpu/` (larger) only when WebGPU is chosen.

Embed the playground in another page of the same site (path relative to that page):

    <script type=\"module\" src=\"playground/www/sw2-playground.js\"></script>
    <sw2-playground preset=\"circle\"></sw2-playground>
"
    )
}
