//! The web face of "the weights are the program": timeline, neuron maps, weight summaries and
//! exporting or importing the binary.

use js_sys::{Float32Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::{Playground, with_workspace};
use crate::error::{PlaygroundError, Result};
use crate::export::{CodeLanguage, ModelDescription, export_code, export_model, import_model};
use crate::inspect::neurons::{NeuronMaps, neurons};
use crate::inspect::summary::summary;

/// A step from JS: a whole number from 0.
fn whole_step(s: f64) -> Result<u64> {
    if s.is_finite() && s >= 0.0 && s.fract() == 0.0 {
        Ok(s as u64)
    } else {
        Err(PlaygroundError::InvalidConfig(format!("step {s} must be a whole number from 0")))
    }
}

/// An optional step argument from JS: a whole number from 0, or absent for "now".
pub fn step_arg(step: Option<f64>) -> Result<Option<u64>> {
    step.map(whole_step).transpose()
}

fn set(obj: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &key.into(), &value);
}

/// Neuron maps with each layer's values as a `Float32Array`.
fn neuron_maps_js(maps: &NeuronMaps) -> Result<JsValue> {
    let out = Object::new();
    set(&out, "size", maps.size.into());
    let layers = js_sys::Array::new();
    for layer in &maps.layers {
        let obj = Object::new();
        set(&obj, "kind", layer.kind.into());
        set(&obj, "units", to_js(&layer.units)?);
        set(&obj, "range", to_js(&layer.range)?);
        set(&obj, "values", Float32Array::from(layer.values.as_slice()).into());
        layers.push(&obj);
    }
    set(&out, "layers", layers.into());
    Ok(out.into())
}

/// The bytes of a `Uint8Array` or `ArrayBuffer`.
fn bytes_of(value: &JsValue) -> Result<Vec<u8>> {
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        Ok(a.to_vec())
    } else if value.is_instance_of::<js_sys::ArrayBuffer>() {
        Ok(Uint8Array::new(value).to_vec())
    } else {
        Err(PlaygroundError::InvalidData("importModel: 'safetensors' must be a Uint8Array or an ArrayBuffer".into()))
    }
}

/// `{ safetensors, config }` from JS; `config` may be the object or its JSON text.
fn model_pair(value: &JsValue) -> Result<(Vec<u8>, ModelDescription)> {
    if !value.is_object() {
        return Err(PlaygroundError::InvalidData("importModel takes { safetensors, config }".into()));
    }
    let get = |k: &str| Reflect::get(value, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let bytes = bytes_of(&get("safetensors"))?;
    let config = get("config");
    let description = match config.as_string() {
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| PlaygroundError::InvalidData(format!("the model description is not valid JSON: {e}")))?,
        None if config.is_object() => from_js(&config, "model description")?,
        None => return Err(PlaygroundError::InvalidData("importModel: 'config' (the model description) is missing".into())),
    };
    Ok((bytes, description))
}

#[wasm_bindgen]
impl Playground {
    /// The steps the timeline holds snapshots for, oldest first.
    pub fn history(&self) -> std::result::Result<Vec<f64>, JsValue> {
        self.sync(|s| Ok(s.timeline_steps().into_iter().map(|step| step as f64).collect()))
    }

    /// Goes back to the snapshot at `step`; training resumes from there.
    pub fn restore(&self, step: f64) -> std::result::Result<(), JsValue> {
        self.sync(|s| s.restore(whole_step(step)?))
    }

    /// `{ size, layers: [{ kind, units, range, values: Float32Array }] }`: every unit's output over
    /// the input square, now or at a past `step`.
    pub fn neurons(&self, size: usize, step: Option<f64>) -> Promise {
        let step = step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match step {
                Ok(step) => neurons(&s.program(), size, step).await.and_then(|m| neuron_maps_js(&m)),
                Err(e) => Err(e),
            }
        })
    }

    /// `{ step, parameters, bytes, scale, weights, gradients, weightHistogram, gradientHistogram }`.
    #[wasm_bindgen(js_name = weightSummary)]
    pub fn weight_summary(&self, step: Option<f64>, bins: usize) -> Promise {
        let step = step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match step {
                Ok(step) => summary(&s.program(), s.dataset(), step, bins).await.and_then(|m| to_js(&m)),
                Err(e) => Err(e),
            }
        })
    }

    /// `{ safetensors: Uint8Array, config }`: the binary and its description.
    #[wasm_bindgen(js_name = exportModel)]
    pub fn export_model(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            export_model(&s.program(), s.dataset()).await.and_then(|(bytes, description)| {
                let out = Object::new();
                set(&out, "safetensors", Uint8Array::from(bytes.as_slice()).into());
                set(&out, "config", to_js(&description)?);
                Ok(out.into())
            })
        })
    }

    /// Loads `{ safetensors, config }` as the network; a bad pair is refused and changes nothing.
    #[wasm_bindgen(js_name = importModel)]
    pub fn import_model(&self, pair: JsValue) -> Promise {
        let pair = model_pair(&pair);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session_mut();
            match pair {
                Ok((bytes, description)) => import_model(s, &bytes, description).await.map(|_| JsValue::UNDEFINED),
                Err(e) => Err(e),
            }
        })
    }

    /// The network as source code: `"js"` (an ES module exporting `predict`) or `"rust"`.
    #[wasm_bindgen(js_name = exportCode)]
    pub fn export_code(&self, language: String) -> Promise {
        let language = CodeLanguage::from_name(&language);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match language {
                Ok(l) => export_code(&s.program(), s.dataset(), l).await.map(JsValue::from),
                Err(e) => Err(e),
            }
        })
    }
}
