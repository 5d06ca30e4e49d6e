//! The web face of the data engine: deploy, flag, label, fold in, history, and the curve job.
//! Like every face it computes nothing: the workspace keeps the engine beside the session.

use js_sys::Promise;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::{Playground, js_error, with_workspace};
use crate::engine::rounds::{DEFAULT_FOLD_STEPS, DEFAULT_WINDOW};
use crate::engine::world::DEFAULT_WORLD_SIZE;
use crate::engine::{CurveOptions, Target, TriggerSpec, World, WorldSource};
use crate::error::PlaygroundError;
use crate::workspace::Workspace;

/// `deploy`'s options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeployOptions {
    world: WorldSource,
    #[serde(default = "one")]
    seed: u64,
    #[serde(default = "world_size")]
    size: usize,
}

fn one() -> u64 {
    1
}

fn world_size() -> usize {
    DEFAULT_WORLD_SIZE
}

/// `flag`'s options: a trigger spec plus how many and from how much of the stream.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FlagOptions {
    #[serde(flatten)]
    spec: TriggerSpec,
    count: Option<usize>,
    window: Option<usize>,
}

#[wasm_bindgen]
impl Playground {
    /// Deploys the current network into a world `{ world, seed, size }` (a preset name, `digits`
    /// with `digitsCsv`, `{ points }` or `{ images }`): resolves with the engine's status.
    pub fn deploy(&self, options: JsValue, digits_csv: Option<String>) -> Promise {
        let opts = from_js::<DeployOptions>(&options, "deploy options (`{ world, seed, size }`)");
        with_workspace(&self.slot, async move |ws| {
            let o = opts?;
            let world = World::from_source(&o.world, ws.session().dataset(), o.seed, o.size, digits_csv.as_deref())?;
            to_js(&ws.deploy(world, o.seed).await?.status())
        })
    }

    /// Takes the deployed program off the road: the world, queue and rounds are dropped.
    pub fn undeploy(&self) -> bool {
        self.slot.borrow_mut().as_mut().is_some_and(Workspace::undeploy)
    }

    /// `{ world, streamSize, worldTest, streamSeen, flagged, labelled, round, worldAccuracy,
    /// worldMse, lastFlag }`, or `null` when nothing is deployed.
    #[wasm_bindgen(js_name = engineStatus)]
    pub fn engine_status(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync_workspace(|ws| ws.engine().map_or(Ok(JsValue::NULL), |e| to_js(&e.status())))
    }

    /// Starts flagging stream examples `{ trigger, count, threshold, class, measure, committee,
    /// window }` as the background job; it finishes with `[{ id, x, y | pixels, predicted, score,
    /// trigger }]`. The trigger defaults to `blindspot`.
    #[wasm_bindgen(js_name = startFlag)]
    pub fn start_flag(&self, options: JsValue) -> Promise {
        let opts = from_js::<FlagOptions>(&options, "flag options (`{ trigger, count, … }`)");
        with_workspace(&self.slot, async move |ws| {
            let mut o = opts?;
            if o.spec.trigger.is_empty() {
                o.spec.trigger = "blindspot".into();
            }
            ws.start_flag(&o.spec, o.count.unwrap_or(10), o.window.unwrap_or(DEFAULT_WINDOW)).map(|_| JsValue::UNDEFINED)
        })
    }

    /// Labels queued examples by hand: `ids` and `labels` (classes, or values) pair up; their labels
    /// go in as given. Throws, changing nothing, on an id not queued or a label out of range.
    pub fn label(&self, ids: JsValue, labels: JsValue) -> std::result::Result<JsValue, JsValue> {
        let ids: Vec<usize> = from_js(&ids, "ids (an array of example ids)").map_err(js_error)?;
        let targets: Vec<Target> = from_js(&labels, "labels (an array of classes or values)").map_err(js_error)?;
        self.sync_workspace(|ws| {
            let (session, engine) = ws.deployed()?;
            engine.label(&ids, &targets, session.task())?;
            to_js(&engine.status())
        })
    }

    /// Labels queued examples (all unlabelled ones when `ids` is absent) with the world's labels.
    #[wasm_bindgen(js_name = labelWithWorld)]
    pub fn label_with_world(&self, ids: JsValue) -> std::result::Result<JsValue, JsValue> {
        let ids: Option<Vec<usize>> = if ids.is_undefined() || ids.is_null() {
            None
        } else {
            Some(from_js(&ids, "ids (an array of example ids)").map_err(js_error)?)
        };
        self.sync_workspace(|ws| {
            let (session, engine) = ws.deployed()?;
            let ids = ids.unwrap_or_else(|| engine.queue().into_iter().filter(|(_, l)| l.is_none()).map(|(id, _)| id).collect());
            engine.label_with_world(&ids, session.task())?;
            to_js(&engine.status())
        })
    }

    /// Folds the labelled examples in as one undoable step and one version, and starts training
    /// `{ steps }` more as the background job; it finishes with the round's record.
    #[wasm_bindgen(js_name = startFoldIn)]
    pub fn start_fold_in(&self, steps: Option<f64>) -> Promise {
        let steps = steps.map_or(Ok(DEFAULT_FOLD_STEPS), |v| {
            if v.is_finite() && v >= 1.0 && v.fract() == 0.0 {
                Ok(v as u64)
            } else {
                Err(PlaygroundError::InvalidConfig(format!("steps {v} must be a whole number from 1")))
            }
        });
        with_workspace(&self.slot, async move |ws| ws.start_fold_in(steps?).await.map(|_| JsValue::UNDEFINED))
    }

    /// The labelling queue `[{ id, x, y | pixels, label?, labeller? }]` in flag order (`[]` when
    /// nothing is deployed): what a reloaded page shows again.
    #[wasm_bindgen(js_name = engineQueue)]
    pub fn engine_queue(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync_workspace(|ws| to_js(&ws.engine().map_or_else(Vec::new, |e| e.queue_view())))
    }

    /// Every round so far, round 0 (the deployment) first; `[]` when nothing is deployed.
    #[wasm_bindgen(js_name = engineHistory)]
    pub fn engine_history(&self) -> std::result::Result<JsValue, JsValue> {
        self.sync_workspace(|ws| to_js(&ws.engine().map_or(&[][..], |e| e.history())))
    }

    /// Starts the curve `{ strategies, rounds, budget, steps, seeds, window }` as the background job.
    #[wasm_bindgen(js_name = startEngineCurve)]
    pub fn start_engine_curve(&self, options: JsValue) -> std::result::Result<(), JsValue> {
        let opts: CurveOptions = if options.is_undefined() || options.is_null() {
            CurveOptions::default()
        } else {
            from_js(&options, "engineCurve options").map_err(js_error)?
        };
        self.sync_workspace(|ws| ws.start_engine_curve(opts))
    }
}
