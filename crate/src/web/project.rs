//! The web face of the project: the whole experiment as a file's bytes or a link's fragment, and
//! back. Opening checks everything first; a bad file or link rejects and changes nothing.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::{Playground, with_session};
use crate::error::{PlaygroundError, Result};
use crate::project::{self, Contents, engine_in, export_project, export_project_with_engine, import_project};

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
        let engine = self.engine.borrow().as_ref().map(|e| e.record());
        with_session(&self.slot, |s| async move {
            let result = match page {
                Ok(p) => export_project_with_engine(&s, p, Contents::ALL, engine).await.map(|b| Uint8Array::from(b.as_slice()).into()),
                Err(e) => Err(e),
            };
            (s, result)
        })
    }

    /// Opens a project file (with the data engine, when it was deployed); resolves with the page's
    /// part of it.
    #[wasm_bindgen(js_name = importProject)]
    pub fn import_project(&self, bytes: JsValue) -> Promise {
        let bytes = project_bytes(&bytes);
        let engines = self.engine.clone();
        with_session(&self.slot, |mut s| async move {
            let result = async {
                let b = bytes?;
                // The engine's record is checked before anything changes.
                let engine = engine_in(&b)?;
                let page = import_project(&mut s, &b).await?;
                *engines.borrow_mut() = engine;
                to_js(&page)
            }
            .await;
            (s, result)
        })
    }

    /// The experiment as a link fragment (`#project=…`): data, configuration and weights, and the
    /// versions when they fit; too large a project rejects, saying to share the file instead.
    #[wasm_bindgen(js_name = exportLink)]
    pub fn export_link(&self, page: JsValue) -> Promise {
        let page = page_part(&page);
        with_session(&self.slot, |s| async move {
            let result = async {
                let page = page?;
                let with_versions = export_project(&s, page.clone(), Contents { versions: true, timeline: false }).await?;
                match project::to_link(&with_versions) {
                    Ok(link) => Ok(link),
                    Err(_) if !s.committed().is_empty() => {
                        project::to_link(&export_project(&s, page, Contents { versions: false, timeline: false }).await?)
                    }
                    Err(e) => Err(e),
                }
            }
            .await
            .map(JsValue::from);
            (s, result)
        })
    }

    /// Opens a link (a whole URL or its `#project=…` fragment); resolves with the page's part.
    #[wasm_bindgen(js_name = importLink)]
    pub fn import_link(&self, link: String) -> Promise {
        let engines = self.engine.clone();
        with_session(&self.slot, move |mut s| async move {
            let result = match project::from_link(&link) {
                Ok(bytes) => import_project(&mut s, &bytes).await.and_then(|p| {
                    *engines.borrow_mut() = None; // a link carries no deployment
                    to_js(&p)
                }),
                Err(e) => Err(e),
            };
            (s, result)
        })
    }
}
