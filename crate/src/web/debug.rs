//! The web face of the debugger: diagnosis, slices, uncertainty and density maps, suggestions,
//! data maps and relabelling, and the background jobs (label issues, influence) the worker drives
//! slice by slice.

use js_sys::{Float32Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{from_js, from_js_strict, to_js};
use super::editing::trained_js;
use super::{Playground, js_error, with_workspace};
use crate::data::Dataset;
use crate::debug::{self, Advance, GridMap, InfluenceOptions, LabelIssueOptions, Measure, SliceSpec};
use crate::error::{PlaygroundError, Result};
use crate::workspace::{JobOutput, Workspace};

/// A map over the square as JS: `{ size, values: Float32Array, range }` (plus `measure`).
fn grid_map_js(map: &GridMap, measure: Option<Measure>) -> Result<JsValue> {
    let out = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&out, &k.into(), &v);
    };
    set("size", map.size.into());
    set("values", Float32Array::from(map.values.as_slice()).into());
    set("range", to_js(&map.range)?);
    if let Some(m) = measure {
        set("measure", to_js(&m)?);
    }
    Ok(out.into())
}

/// An options argument: `undefined`/`null` means the defaults; unknown keys are refused.
fn options<T: serde::de::DeserializeOwned + serde::Serialize + Default>(value: &JsValue, what: &str) -> Result<T> {
    if value.is_undefined() || value.is_null() { Ok(T::default()) } else { from_js_strict(value, what) }
}

/// The query of `influence`: `[x, y]`, `{ x, y }`, or a row of pixels (array or typed array).
fn query_input(value: &JsValue) -> Result<Vec<f64>> {
    let bad = || PlaygroundError::InvalidData("influence: the input must be [x, y], { x, y }, a row of pixels, or a word".into());
    if js_sys::Array::is_array(value) || value.is_instance_of::<Float32Array>() || value.is_instance_of::<js_sys::Float64Array>() {
        return Ok(js_sys::Array::from(value).iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect());
    }
    if value.is_object() {
        let get = |k: &str| Reflect::get(value, &k.into()).ok().and_then(|v| v.as_f64()).ok_or_else(bad);
        return Ok(vec![get("x")?, get("y")?]);
    }
    Err(bad())
}

/// The reference examples of `sliceMetrics(slices, { points })`, checked like `setData`'s
/// (`None` when left out).
fn reference_input(value: &JsValue) -> Result<Option<Dataset>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let input = super::convert::data_input(value).map_err(|e| PlaygroundError::InvalidData(format!("sliceMetrics reference: {e}")))?;
    Ok(Some(input.examples.dataset(0.0, 0)?))
}

/// `[{ index, label }]` (or `{ index, value }` for regression) as `(index, label)` pairs.
fn changes(value: &JsValue) -> Result<Vec<(f64, f64)>> {
    #[derive(serde::Deserialize)]
    struct Change {
        index: f64,
        label: Option<f64>,
        value: Option<f64>,
    }
    let list: Vec<Change> = from_js(value, "relabel: expected [{ index, label }]")?;
    list.into_iter()
        .enumerate()
        .map(|(k, c)| match c.label.or(c.value) {
            Some(l) => Ok((c.index, l)),
            None => Err(PlaygroundError::InvalidData(format!("change {k}: give a label (or, for regression, a value)"))),
        })
        .collect()
}

/// A finished job's result as JS; a comparison's boundaries as typed arrays.
fn job_output(output: &JobOutput) -> Result<JsValue> {
    match output {
        JobOutput::CompareVersions(pair) => {
            let out = js_sys::Array::new();
            for t in pair.iter() {
                out.push(&trained_js(t)?);
            }
            Ok(out.into())
        }
        other => to_js(other),
    }
}

#[wasm_bindgen]
impl Playground {
    /// `{ confusion: { labels, train, test }, mistakes, losses }`, or `{ residuals, losses }` for
    /// regression: where the network is wrong.
    pub fn diagnose(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            debug::diagnose(&s.program(), s.dataset()).await.and_then(|d| to_js(&d))
        })
    }

    /// `{ whole, slices: [{ name, train, test }] }` for slices `[{ name, region } | { name, labels }]`;
    /// with `reference` (`{ points }` or `{ images }`, labelled like `setData`'s), the network is
    /// scored on those examples instead, all of them as the test split.
    #[wasm_bindgen(js_name = sliceMetrics)]
    pub fn slice_metrics(&self, slices: JsValue, reference: JsValue) -> Promise {
        let specs: Result<Vec<SliceSpec>> =
            from_js(&slices, "sliceMetrics: expected [{ name, region: { x0, y0, x1, y1 } } or { name, labels }]");
        let reference = reference_input(&reference);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match (specs, reference) {
                (Ok(specs), Ok(None)) => debug::slice_metrics(&s.program(), s.dataset(), &specs).await.and_then(|r| to_js(&r)),
                (Ok(specs), Ok(Some(d))) => debug::slice_metrics_on(&s.program(), s.dataset(), &specs, &d).await.and_then(|r| to_js(&r)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        })
    }

    /// `{ size, measure, values: Float32Array, range: [0, 1] }`: the network's uncertainty over the square.
    pub fn uncertainty(&self, size: usize, measure: JsValue) -> Promise {
        let measure: Result<Measure> = options(&measure, "uncertainty: measure ('entropy' or 'margin')");
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            match measure {
                Ok(m) => debug::uncertainty(&s.program(), size, m).await.and_then(|g| grid_map_js(&g, Some(m))),
                Err(e) => Err(e),
            }
        })
    }

    /// `{ size, values: Float32Array, range: [0, peak] }`: how many training examples lie near each cell.
    pub fn density(&self, size: usize) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            debug::density(&s.program(), s.dataset(), size).await.and_then(|g| grid_map_js(&g, None))
        })
    }

    /// `[{ x, y, score }]`: where to collect next, best first, spread out.
    pub fn suggest(&self, count: f64) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            if count.is_finite() && count.fract() == 0.0 && count >= 1.0 {
                debug::suggest(&s.program(), s.dataset(), count as usize).await.and_then(|r| to_js(&r))
            } else {
                Err(PlaygroundError::InvalidConfig(format!("count {count} must be a whole number from 1")))
            }
        })
    }

    /// `[{ index, confidence, variability, correct, region }]` for every training example; the
    /// array also carries `counts: { easy, ambiguous, hard }`.
    #[wasm_bindgen(js_name = dataMap)]
    pub fn data_map(&self) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            let map = debug::data_map(&s.program(), s.dataset()).await?;
            let out = to_js(&map)?;
            let _ = Reflect::set(&out, &"counts".into(), &to_js(&debug::region_counts(&map))?);
            Ok(out)
        })
    }

    /// Gives examples new labels, `[{ index, label }]` (`{ index, value }` for regression), as one
    /// undoable step; a bad index or label throws and changes nothing.
    pub fn relabel(&self, list: JsValue) -> std::result::Result<(), JsValue> {
        let list = changes(&list).map_err(js_error)?;
        self.sync(|s| s.relabel(&list))
    }

    /// Starts the k-fold label check `{ folds, steps }` as the background job (replacing any other).
    #[wasm_bindgen(js_name = startLabelIssues)]
    pub fn start_label_issues(&self, options_value: JsValue) -> std::result::Result<(), JsValue> {
        let opts: LabelIssueOptions = options(&options_value, "labelIssues").map_err(js_error)?;
        self.sync_workspace(|ws| ws.start_label_issues(opts))
    }

    /// Starts explaining `input` (`{ top, label, value }`) as the background job (replacing any
    /// other): a point or an image, or on a word list a word (a string).
    #[wasm_bindgen(js_name = startInfluence)]
    pub fn start_influence(&self, input: JsValue, options_value: JsValue) -> Promise {
        let opts = options::<InfluenceOptions>(&options_value, "influence");
        if let Some(word) = input.as_string() {
            return with_workspace(&self.slot, async move |ws| ws.start_word_influence(&word, opts?).map(|_| JsValue::UNDEFINED));
        }
        let args = query_input(&input).and_then(|q| Ok((q, opts?)));
        with_workspace(&self.slot, async move |ws| {
            let (q, o) = args?;
            ws.start_influence(&q, o).await.map(|_| JsValue::UNDEFINED)
        })
    }

    /// Works on the background job for about `budget_ms`: `{ kind, done: false, progress, message }`
    /// while it runs, `{ kind, done: true, result }` at the end. A job whose data changed since it
    /// started rejects, saying so.
    #[wasm_bindgen(js_name = advanceJob)]
    pub fn advance_job(&self, budget_ms: f64) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let slice = ws.advance_job(budget_ms).await?;
            let out = Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = Reflect::set(&out, &k.into(), &v);
            };
            set("kind", slice.kind.into());
            match slice.advance {
                Advance::Working(p) => {
                    set("done", false.into());
                    set("progress", p.done.into());
                    set("message", p.message.into());
                }
                Advance::Done(result) => {
                    set("done", true.into());
                    set("progress", 1.0.into());
                    set("result", job_output(&result)?);
                }
            }
            Ok(out.into())
        })
    }

    /// Drops the background job, if any; `true` when one was running.
    #[wasm_bindgen(js_name = cancelJob)]
    pub fn cancel_job(&self) -> bool {
        self.slot.borrow_mut().as_mut().is_some_and(Workspace::cancel_job)
    }
}
