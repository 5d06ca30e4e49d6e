//! The web face of the debugger: diagnosis, slices, uncertainty and density maps, suggestions,
//! data maps and relabelling, and the background jobs (label issues, influence) the worker drives
//! slice by slice.

use js_sys::{Float32Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::RawExamples;
use super::convert::{from_js, from_js_strict, to_js};
use super::{Playground, js_error, with_session};
use crate::data::Dataset;
use crate::debug::{self, Advance, GridMap, InfluenceJob, InfluenceOptions, Job, LabelIssueOptions, LabelIssuesJob, Measure, SliceSpec};
use crate::error::{PlaygroundError, Result};

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
    let bad = || PlaygroundError::InvalidData("influence: the input must be [x, y], { x, y }, or a row of pixels".into());
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
    let d = match &input.examples {
        RawExamples::Points(p) => Dataset::from_raw(p, 0.0, 0)?,
        RawExamples::Images(i) => Dataset::from_raw_images(i, 0.0, 0)?,
        RawExamples::Values(v) => Dataset::from_raw_values(v, 0.0, 0)?,
    };
    Ok(Some(d))
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

#[wasm_bindgen]
impl Playground {
    /// `{ confusion: { labels, train, test }, mistakes, losses }`, or `{ residuals, losses }` for
    /// regression: where the network is wrong.
    pub fn diagnose(&self) -> Promise {
        with_session(&self.slot, |s| async move {
            let result = debug::diagnose(&s).await.and_then(|d| to_js(&d));
            (s, result)
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
        with_session(&self.slot, |s| async move {
            let result = match (specs, reference) {
                (Ok(specs), Ok(None)) => debug::slice_metrics(&s, &specs).await.and_then(|r| to_js(&r)),
                (Ok(specs), Ok(Some(d))) => debug::slice_metrics_on(&s, &specs, &d).await.and_then(|r| to_js(&r)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            (s, result)
        })
    }

    /// `{ size, measure, values: Float32Array, range: [0, 1] }`: the network's uncertainty over the square.
    pub fn uncertainty(&self, size: usize, measure: JsValue) -> Promise {
        let measure: Result<Measure> = options(&measure, "uncertainty: measure ('entropy' or 'margin')");
        with_session(&self.slot, move |s| async move {
            let result = match measure {
                Ok(m) => debug::uncertainty(&s, size, m).await.and_then(|g| grid_map_js(&g, Some(m))),
                Err(e) => Err(e),
            };
            (s, result)
        })
    }

    /// `{ size, values: Float32Array, range: [0, peak] }`: how many training examples lie near each cell.
    pub fn density(&self, size: usize) -> Promise {
        with_session(&self.slot, move |s| async move {
            let result = debug::density(&s, size).await.and_then(|g| grid_map_js(&g, None));
            (s, result)
        })
    }

    /// `[{ x, y, score }]`: where to collect next, best first, spread out.
    pub fn suggest(&self, count: f64) -> Promise {
        with_session(&self.slot, move |s| async move {
            let result = if count.is_finite() && count.fract() == 0.0 && count >= 1.0 {
                debug::suggest(&s, count as usize).await.and_then(|r| to_js(&r))
            } else {
                Err(PlaygroundError::InvalidConfig(format!("count {count} must be a whole number from 1")))
            };
            (s, result)
        })
    }

    /// `[{ index, confidence, variability, correct, region }]` for every training example.
    #[wasm_bindgen(js_name = dataMap)]
    pub fn data_map(&self) -> Promise {
        with_session(&self.slot, |s| async move {
            let result = debug::data_map(&s).await.and_then(|r| to_js(&r));
            (s, result)
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
        let job = self.sync(|s| LabelIssuesJob::new(s, opts))?;
        *self.job.borrow_mut() = Some(Job::LabelIssues(job));
        Ok(())
    }

    /// Starts explaining `input` (`{ top, label, value }`) as the background job (replacing any other).
    #[wasm_bindgen(js_name = startInfluence)]
    pub fn start_influence(&self, input: JsValue, options_value: JsValue) -> Promise {
        let args = query_input(&input).and_then(|q| Ok((q, options::<InfluenceOptions>(&options_value, "influence")?)));
        let job_slot = self.job.clone();
        with_session(&self.slot, move |s| async move {
            let result = match args {
                Ok((q, o)) => InfluenceJob::new(&s, &q, o).await.map(|j| {
                    *job_slot.borrow_mut() = Some(Job::Influence(j));
                    JsValue::UNDEFINED
                }),
                Err(e) => Err(e),
            };
            (s, result)
        })
    }

    /// Works on the background job for about `budget_ms`: `{ kind, done: false, progress, message }`
    /// while it runs, `{ kind, done: true, result }` at the end.
    #[wasm_bindgen(js_name = advanceJob)]
    pub fn advance_job(&self, budget_ms: f64) -> Promise {
        let slot = self.job.clone();
        future_to_promise(async move {
            let mut job =
                slot.borrow_mut().take().ok_or_else(|| js_error(PlaygroundError::MissingData("no background job is running".into())))?;
            let kind = job.kind();
            let out = Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = Reflect::set(&out, &k.into(), &v);
            };
            set("kind", kind.into());
            match job.advance(budget_ms).await.map_err(js_error)? {
                Advance::Working(p) => {
                    set("done", false.into());
                    set("progress", p.done.into());
                    set("message", p.message.into());
                    // A newer job started meanwhile wins; this one is dropped.
                    slot.borrow_mut().get_or_insert(job);
                }
                Advance::Done(result) => {
                    set("done", true.into());
                    set("progress", 1.0.into());
                    set("result", to_js(&result).map_err(js_error)?);
                }
            }
            Ok(out.into())
        })
    }

    /// Drops the background job, if any; `true` when one was running.
    #[wasm_bindgen(js_name = cancelJob)]
    pub fn cancel_job(&self) -> bool {
        self.job.borrow_mut().take().is_some()
    }
}
