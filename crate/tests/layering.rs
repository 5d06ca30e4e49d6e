//! The pipeline's layering: a module imports only from the layers before it, in the order the
//! README and `lib.rs` tell the story — so a newcomer can read the core top to bottom, and no two
//! rooms depend on each other. Reads every `crate::…` path in `src/` (code, not comments).

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules, lowest layer first; modules on one line are siblings and may not
/// import each other either.
const LAYERS: &[&[&str]] = &[
    &["error"],
    &["data"],
    &["model"],
    &["train"],
    &["inspect"],
    &["export"],
    &["debug"],
    &["engine", "rule"],
    &["project"],
    &["workspace"],
    &["web"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module a source file belongs to (`src/debug/slices.rs` → `debug`;
/// `src/error.rs` → `error`), `None` for `lib.rs`, which declares them all.
fn module_of(relative: &str) -> Option<String> {
    let first = relative.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// Every `crate::NAME` a file's code mentions, with its line number.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // `sw2_playground::…` in tests and `$crate::` in macros are not this crate's layers.
            let before = &rest[..at];
            if !name.is_empty() && !before.ends_with('$') && !before.ends_with('_') {
                out.push((n + 1, name));
            }
            rest = after;
        }
        // `use crate::{a, b}` names several modules at once.
        if let Some(at) = code.find("crate::{") {
            let inner = &code[at + "crate::{".len()..];
            for part in inner.split(',') {
                let name: String = part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.push((n + 1, name));
                }
            }
        }
    }
    out
}

/// Every import from a higher (or sibling) layer, as `file:line: from → to` lines.
fn upward_imports(files: &[(String, String)]) -> Vec<String> {
    let mut found = BTreeSet::new();
    for (path, text) in files {
        let Some(from) = module_of(path) else { continue };
        let Some(from_layer) = layer_of(&from) else {
            found.insert(format!("{path}: module '{from}' has no place in LAYERS: add it in pipeline order"));
            continue;
        };
        for (line, to) in crate_paths(text) {
            if to == from || to == "Result" || to == "PlaygroundError" {
                continue; // within the room, or the crate-root re-exports of `error`
            }
            match layer_of(&to) {
                Some(to_layer) if to_layer < from_layer => {}
                Some(_) => {
                    found.insert(format!("{path}:{line}: {from} imports {to}, a layer at or above its own"));
                }
                None => {}
            }
        }
    }
    found.into_iter().collect()
}

fn read_tree(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            read_tree(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((relative, std::fs::read_to_string(&path).expect("a source file is readable")));
        }
    }
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&root, &root, &mut files);
    assert!(files.len() > 50, "read only {} files from {}", files.len(), root.display());
    let upward = upward_imports(&files);
    assert!(upward.is_empty(), "imports against the pipeline's order:\n{}", upward.join("\n"));
}

#[test]
fn a_planted_upward_import_is_caught() {
    let files = vec![
        ("data/dataset.rs".to_string(), "use crate::error::Result;\nuse crate::engine::World; // planted\n".to_string()),
        ("engine/world.rs".to_string(), "use crate::data::Dataset;\nuse crate::{rule, train};\n".to_string()),
        ("inspect/mod.rs".to_string(), "// crate::web in a comment is fine\nfn f() { crate::debug::diagnose(); }\n".to_string()),
        ("lib.rs".to_string(), "pub use crate::web::Playground;\n".to_string()),
    ];
    let upward = upward_imports(&files);
    assert_eq!(
        upward,
        vec![
            "data/dataset.rs:2: data imports engine, a layer at or above its own".to_string(),
            "engine/world.rs:2: engine imports rule, a layer at or above its own".to_string(),
            "inspect/mod.rs:2: inspect imports debug, a layer at or above its own".to_string(),
        ]
    );
    let unknown = upward_imports(&[("cli/main.rs".to_string(), String::new())]);
    assert_eq!(unknown.len(), 1, "{unknown:?}");
}
