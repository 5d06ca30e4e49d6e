//! JS ⇄ Rust conversions for the web face, with error messages that name the offending field.

use crate::data::origin::Origin;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::data::raw::RawExamples;
use crate::data::{Dataset, Examples, Image, Point, PresetOptions, RawImage, RawPoint, ValuePoint};
use crate::error::{PlaygroundError, Result};
use crate::inspect::BoundaryGrid;
use crate::train::Metrics;

/// Serializes to plain JS values (`None` becomes `null`, maps become objects).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| PlaygroundError::InvalidData(e.to_string()))
}

/// Deserializes a JS value, naming the call in the error.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Result<T> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| PlaygroundError::InvalidConfig(format!("{what}: {e}")))
}

/// Like [`from_js`] for option objects, but also refuses keys `T` does not know, so a typo such as
/// `learnigRate` is an error rather than silently ignored (serde-wasm-bindgen reads only known keys).
pub fn from_js_strict<T: DeserializeOwned + Serialize + Default>(value: &JsValue, what: &str) -> Result<T> {
    if value.is_object() {
        let known = js_sys::Object::keys(&js_sys::Object::from(to_js(&T::default())?));
        let known: Vec<String> = known.iter().filter_map(|k| k.as_string()).collect();
        for key in js_sys::Object::keys(&js_sys::Object::from(value.clone())).iter().filter_map(|k| k.as_string()) {
            if !known.contains(&key) {
                return Err(PlaygroundError::InvalidConfig(format!(
                    "{what}: unknown option '{key}'; known options are {}",
                    known.join(", ")
                )));
            }
        }
    }
    from_js(value, what)
}

/// The parsed argument of `setData`.
pub struct DataInput {
    /// Untrusted examples, in order.
    pub examples: RawExamples,
    /// Requested test fraction, if given.
    pub test_fraction: Option<f64>,
    /// Seed of the train/test split, if given.
    pub seed: Option<u64>,
    /// Who wrote the examples that are new (`origin`, as [`Origin::text`] writes it; default
    /// `import:setData`).
    pub origin: Origin,
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Reads `{ points | images, testFraction, seed }`, example by example, so a malformed one is named
/// by its index.
pub fn data_input(value: &JsValue) -> Result<DataInput> {
    let bad = |m: String| PlaygroundError::InvalidData(m);
    if !value.is_object() {
        return Err(bad(
            "setData expects an object like { points: [{ x, y, label }] }, { points: [{ x, y, value }] }, { images: [...] }, { words: [...] } or { lines: [...] }".into(),
        ));
    }
    let (images, words, lines) = (get(value, "images"), get(value, "words"), get(value, "lines"));
    let examples = if !words.is_undefined() {
        RawExamples::Words(raw_strings(&words, "word")?)
    } else if !lines.is_undefined() {
        RawExamples::Lines(raw_strings(&lines, "line")?)
    } else if images.is_undefined() {
        raw_points(&get(value, "points"))?
    } else {
        RawExamples::Images(raw_images(&images)?)
    };
    let optional_number = |key: &str| {
        let v = get(value, key);
        if v.is_undefined() || v.is_null() { Ok(None) } else { v.as_f64().map(Some).ok_or_else(|| bad(format!("{key} must be a number"))) }
    };
    let test_fraction = optional_number("testFraction")?;
    let seed = match optional_number("seed")? {
        Some(s) if s >= 0.0 && s.fract() == 0.0 && s <= u32::MAX as f64 => Some(s as u64),
        Some(s) => return Err(bad(format!("seed = {s} must be a whole number from 0 to {}", u32::MAX))),
        None => None,
    };
    let origin = match get(value, "origin").as_string() {
        Some(text) => Origin::parse(&text),
        None => Origin::Import { source: "setData".into() },
    };
    Ok(DataInput { examples, test_fraction, seed, origin })
}

/// Reads `[{ x, y, label }]`, or `[{ x, y, value }]` for regression (told by the first point).
fn raw_points(points: &JsValue) -> Result<RawExamples> {
    let bad = |m: String| PlaygroundError::InvalidData(m);
    if !js_sys::Array::is_array(points) {
        return Err(bad("points must be an array of { x, y, label } (or { x, y, value } for regression)".into()));
    }
    let array = js_sys::Array::from(points);
    let valued = array.length() > 0 && !get(&array.get(0), "value").is_undefined();
    let (target, other) = if valued { ("value", "label") } else { ("label", "value") };
    let mut raw = Vec::with_capacity(array.length() as usize);
    for (i, p) in array.iter().enumerate() {
        if !p.is_object() {
            return Err(bad(format!("point {i}: expected an object {{ x, y, {target} }}")));
        }
        if !get(&p, other).is_undefined() {
            return Err(bad(format!(
                "point {i} has a {other}, but point 0 has a {target}: a dataset holds labels (classes) or values (regression), not both"
            )));
        }
        let field = |k: &str| get(&p, k).as_f64().ok_or_else(|| bad(format!("point {i}: {k} is missing or not a number")));
        raw.push((field("x")?, field("y")?, field(target)?));
    }
    Ok(if valued {
        RawExamples::Values(raw)
    } else {
        RawExamples::Points(raw.into_iter().map(|(x, y, label)| RawPoint { x, y, label }).collect())
    })
}

/// Reads `['emma', ...]`, naming the first entry that is not a string.
/// `words` or `lines`: an array of strings, each named `what` and its index when it is not one.
fn raw_strings(list: &JsValue, what: &str) -> Result<Vec<String>> {
    if !js_sys::Array::is_array(list) {
        return Err(PlaygroundError::InvalidData(format!("{what}s must be an array of strings, one {what} each")));
    }
    js_sys::Array::from(list)
        .iter()
        .enumerate()
        .map(|(i, w)| w.as_string().ok_or_else(|| PlaygroundError::InvalidData(format!("{what} {i} is not a string"))))
        .collect()
}

fn raw_images(images: &JsValue) -> Result<Vec<RawImage>> {
    let bad = |m: String| PlaygroundError::InvalidData(m);
    if !js_sys::Array::is_array(images) {
        return Err(bad("images must be an array of { pixels, width, height, label }".into()));
    }
    let array = js_sys::Array::from(images);
    let mut raw = Vec::with_capacity(array.length() as usize);
    for (i, img) in array.iter().enumerate() {
        if !img.is_object() {
            return Err(bad(format!("image {i}: expected an object {{ pixels, width, height, label }}")));
        }
        let field = |k: &str| get(&img, k).as_f64().ok_or_else(|| bad(format!("image {i}: {k} is missing or not a number")));
        let pixels = get(&img, "pixels");
        if !js_sys::Array::is_array(&pixels)
            && !pixels.is_instance_of::<js_sys::Float32Array>()
            && !pixels.is_instance_of::<js_sys::Float64Array>()
        {
            return Err(bad(format!("image {i}: pixels must be an array of numbers in [0, 1]")));
        }
        let pixels: Vec<f64> = js_sys::Array::from(&pixels).iter().map(|p| p.as_f64().unwrap_or(f64::NAN)).collect();
        raw.push(RawImage { pixels, width: field("width")?, height: field("height")?, label: field("label")? });
    }
    Ok(raw)
}

/// What `getData` returns: `{ points }` or `{ images }`, exactly as stored.
#[derive(Serialize)]
#[serde(untagged)]
pub enum DataOutput<'a> {
    /// A point dataset.
    Points {
        /// The points.
        points: &'a [Point],
    },
    /// An image dataset.
    Images {
        /// The images.
        images: &'a [Image],
    },
    /// A regression dataset.
    Values {
        /// The points with their values.
        points: &'a [ValuePoint],
    },
    /// A word list.
    Words {
        /// The words, in order.
        words: &'a [String],
    },
    /// Lines of text.
    Lines {
        /// The lines, in order.
        lines: &'a [String],
    },
}

impl<'a> DataOutput<'a> {
    /// The dataset's public view.
    pub fn of(d: &'a Dataset) -> Self {
        match d.examples() {
            Examples::Points(points) => Self::Points { points },
            Examples::Images(images) => Self::Images { images },
            Examples::Values(points) => Self::Values { points },
            Examples::Words(words) => Self::Words { words },
            Examples::Lines(lines) => Self::Lines { lines },
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PresetInput {
    n: Option<usize>,
    noise: Option<f64>,
    seed: Option<u64>,
    test_fraction: Option<f64>,
}

/// Reads `{ n, noise, seed, testFraction }`, all optional.
pub fn preset_options(value: &JsValue) -> Result<(PresetOptions, Option<f64>)> {
    let input: PresetInput =
        if value.is_undefined() || value.is_null() { PresetInput::default() } else { from_js_strict(value, "loadPreset")? };
    let d = PresetOptions::default();
    Ok((
        PresetOptions { n: input.n.unwrap_or(d.n), noise: input.noise.unwrap_or(d.noise), seed: input.seed.unwrap_or(d.seed) },
        input.test_fraction,
    ))
}

/// Metrics plus the divergence verdict, as JS sees them.
pub fn metrics(m: &Metrics) -> Result<JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        #[serde(flatten)]
        m: &'a Metrics,
        diverged: bool,
    }
    to_js(&Out { m, diverged: m.diverged() })
}

/// The grid with its probabilities (or, for regression, its `values` and colour `range`) as a
/// `Float32Array` (no per-number conversion).
pub fn boundary(g: &BoundaryGrid) -> JsValue {
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&obj, &k.into(), &v);
    };
    set("size", g.size.into());
    set("classes", g.classes.into());
    if let Some([lo, hi]) = g.range {
        set("values", js_sys::Float32Array::from(g.values.as_slice()).into());
        set("range", js_sys::Array::of2(&lo.into(), &hi.into()).into());
    } else {
        set("probabilities", js_sys::Float32Array::from(g.probabilities.as_slice()).into());
    }
    obj.into()
}
