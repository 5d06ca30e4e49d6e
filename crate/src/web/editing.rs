//! The web face of dataset editing: undo/redo, CSV, commits, checkout and diffs.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::Playground;
use super::convert::{self, to_js};
use crate::inspect::TrainedVersion;

/// One trained version as JS: `{ version, metrics, classes, points, testMask, boundary }`.
pub(super) fn trained_js(t: &TrainedVersion) -> crate::error::Result<JsValue> {
    let out = to_js(t)?;
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&out, &k.into(), &v);
    };
    set("metrics", convert::metrics(&t.metrics)?);
    set("boundary", t.boundary.as_ref().map_or(JsValue::NULL, convert::boundary));
    Ok(out)
}

#[wasm_bindgen]
impl Playground {
    /// Steps back one dataset change; `false` when there is nothing to undo.
    pub fn undo(&self) -> Result<bool, JsValue> {
        self.sync(|s| s.undo())
    }

    /// Re-applies the change undone last; `false` when there is nothing to redo.
    pub fn redo(&self) -> Result<bool, JsValue> {
        self.sync(|s| s.redo())
    }

    /// `[undoable, redoable]` step counts.
    #[wasm_bindgen(js_name = undoDepth)]
    pub fn undo_depth(&self) -> Result<Vec<u32>, JsValue> {
        self.sync(|s| {
            let (u, r) = s.undo_depth();
            Ok(vec![u as u32, r as u32])
        })
    }

    /// Replaces the dataset with CSV text; errors name the line (header = line 1) and column.
    /// Returns the names of the columns it ignored.
    #[wasm_bindgen(js_name = importCsv)]
    pub fn import_csv(&self, text: &str) -> Result<Vec<String>, JsValue> {
        self.sync(|s| s.import_csv(text))
    }

    /// The dataset as CSV text; with `sources`, a last `source` column says who wrote each example.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self, sources: Option<bool>) -> Result<String, JsValue> {
        self.sync(|s| Ok(if sources.unwrap_or(false) { s.export_csv_with_sources() } else { s.export_csv() }))
    }

    /// Who wrote the program: `{ origins: [{ kind, … }], counts: [{ origin, kind, text, count }] }`.
    pub fn blame(&self) -> Result<JsValue, JsValue> {
        self.sync(|s| to_js(&crate::data::blame(s.dataset())))
    }

    /// Commits the current dataset; returns the version id.
    pub fn commit(&self, message: &str) -> Result<String, JsValue> {
        self.sync(|s| s.commit(message))
    }

    /// `[{ id, message, hash, examples, classes, trained, current }]`, oldest first.
    pub fn versions(&self) -> Result<JsValue, JsValue> {
        self.sync(|s| to_js(&s.versions()))
    }

    /// Makes a committed version the current dataset (undoable).
    pub fn checkout(&self, id: &str) -> Result<(), JsValue> {
        self.sync(|s| s.checkout(id))
    }

    /// `{ added, removed, relabelled }` from version `a` to version `b` (`"current"`: the data now).
    pub fn diff(&self, a: &str, b: &str) -> Result<JsValue, JsValue> {
        self.sync(|s| to_js(&s.diff(a, b)?))
    }

    /// Starts training the current configuration from its seed on versions `a` and `b` for `steps`
    /// steps each, as the background job; it finishes with both:
    /// `[{ version, metrics, classes, points, testMask, boundary }]`.
    #[wasm_bindgen(js_name = startCompareVersions)]
    pub fn start_compare_versions(&self, a: String, b: String, steps: f64, size: usize) -> Result<(), JsValue> {
        let steps = if steps.is_finite() && steps >= 1.0 { steps as u64 } else { 0 };
        self.sync_workspace(|ws| ws.start_compare_versions(&a, &b, steps, size))
    }

    /// Content hashes: `{ data }` of the current dataset and `{ trainedOn }` of the one the weights
    /// were last trained on (`null` before training).
    #[wasm_bindgen(js_name = dataHashes)]
    pub fn data_hashes(&self) -> Result<JsValue, JsValue> {
        self.sync(|s| {
            #[derive(serde::Serialize)]
            #[serde(rename_all = "camelCase")]
            struct Hashes<'a> {
                data: &'a str,
                trained_on: Option<&'a str>,
            }
            to_js(&Hashes { data: s.dataset_hash(), trained_on: s.trained_on() })
        })
    }
}
