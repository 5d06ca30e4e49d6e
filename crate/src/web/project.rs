//! The web face of the project: the whole experiment as a file's bytes or a link's fragment, and
//! back. Opening checks everything first; a bad file or link rejects and changes nothing.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::{Playground, with_workspace};
use crate::error::{PlaygroundError, Result};

/// The page's own part of a project (class names, …): any JSON value, `null` when absent.
fn page_part(value: &JsValue) -> Result<serde_json::Value> {
    if value.is_undefined() || value.is_null() { Ok(serde_json::Value::Null) } else { from_js(value, "the page's state") }
}

/// The bytes of a `Uint8Array` or `ArrayBuffer`.
fn project_bytes(value: &JsValue) -> Result<Vec<u8>> {
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        Ok(a.to_vec())
    } else if value.is_instance_of::<js_sys::ArrayBuffer>() {
        Ok(Uint8Array::new(value).to_vec())
    } else {
        Err(PlaygroundError::InvalidData("importProject takes the file's bytes (a Uint8Array or an ArrayBuffer)".into()))
    }
}

#[wasm_bindgen]
impl Playground {
    /// The whole experiment as a project file (`Uint8Array`), with `page` (the page's own state) inside.
    #[wasm_bindgen(js_name = exportProject)]
    pub fn export_project(&self, page: JsValue) -> Promise {
        let page = page_part(&page);
        with_workspace(&self.slot, async move |ws| Ok(Uint8Array::from(ws.export_project(page?).await?.as_slice()).into()))
    }

    /// Opens a project file (with the data engine, when it was deployed); resolves with the page's
    /// part of it.
    #[wasm_bindgen(js_name = importProject)]
    pub fn import_project(&self, bytes: JsValue) -> Promise {
        let bytes = project_bytes(&bytes);
        with_workspace(&self.slot, async move |ws| to_js(&ws.import_project(&bytes?).await?))
    }

    /// The experiment as a link fragment (`#project=…`): data, configuration and weights, and the
    /// versions when they fit; too large a project rejects, saying to share the file instead.
    #[wasm_bindgen(js_name = exportLink)]
    pub fn export_link(&self, page: JsValue) -> Promise {
        let page = page_part(&page);
        with_workspace(&self.slot, async move |ws| Ok(JsValue::from(ws.export_link(page?).await?)))
    }

    /// Opens a link (a whole URL or its `#project=…` fragment); resolves with the page's part.
    #[wasm_bindgen(js_name = importLink)]
    pub fn import_link(&self, link: String) -> Promise {
        with_workspace(&self.slot, async move |ws| to_js(&ws.import_link(&link).await?))
    }
}
