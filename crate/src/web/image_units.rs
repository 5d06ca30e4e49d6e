//! The web face of the image program: unit templates and kernels, one image's activations and
//! feature maps, and the training images that excite a unit most.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::program::step_arg;
use super::{Playground, with_workspace};
use crate::error::{PlaygroundError, Result};
use crate::inspect::image_units::{image_activations, image_program, top_images};

/// A whole number from `min` as `usize`, or a readable error naming `what`.
fn whole(value: f64, min: usize, what: &str) -> Result<usize> {
    if value.is_finite() && value.fract() == 0.0 && value >= min as f64 {
        Ok(value as usize)
    } else {
        Err(PlaygroundError::InvalidConfig(format!("{what} {value} must be a whole number from {min}")))
    }
}

#[wasm_bindgen]
impl Playground {
    /// `{ image: [w, h], templates: { count, width, height, values, scale } | null, templateUnits,
    /// kernels: [stack] }`: what each first-layer unit and each kernel looks for, now or at `step`.
    #[wasm_bindgen(js_name = imageProgram)]
    pub fn image_program(&self, step: Option<f64>) -> Promise {
        let step = step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match step {
                Ok(step) => image_program(&s.program(), step).await.and_then(|p| to_js(&p)),
                Err(e) => Err(e),
            }
        })
    }

    /// `{ featureMaps: [stack], layers: [{ kind, units, values }] }` for one image's pixels.
    #[wasm_bindgen(js_name = imageActivations)]
    pub fn image_activations(&self, pixels: JsValue, step: Option<f64>) -> Promise {
        let args = from_js::<Vec<f64>>(&pixels, "pixels (an array of numbers)").and_then(|p| Ok((p, step_arg(step)?)));
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match args {
                Ok((pixels, step)) => image_activations(&s.program(), &pixels, step).await.and_then(|a| to_js(&a)),
                Err(e) => Err(e),
            }
        })
    }

    /// `[{ index, label, activation }]`: the `count` training images that drive hidden unit `unit`
    /// of hidden layer `layer` (1 is the first) highest, strongest first.
    #[wasm_bindgen(js_name = topImages)]
    pub fn top_images(&self, layer: f64, unit: f64, count: f64) -> Promise {
        let args = (|| Ok((whole(layer, 1, "layer")?, whole(unit, 0, "unit")?, whole(count, 1, "count")?)))();
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match args {
                Ok((layer, unit, count)) => top_images(&s.program(), s.dataset(), layer, unit, count).await.and_then(|t| to_js(&t)),
                Err(e) => Err(e),
            }
        })
    }
}
