//! The web face of the data engine: deploy, flag, label, fold in, history, and the curve job.
//! Like every face it computes nothing; the engine lives beside the session, not inside it.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::Promise;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::convert::{from_js, to_js};
use super::{Playground, js_error, with_session};
use crate::debug::Job;
use crate::engine::rounds::{DEFAULT_FOLD_STEPS, DEFAULT_WINDOW};
use crate::engine::world::DEFAULT_WORLD_SIZE;
use crate::engine::{CurveOptions, Engine, EngineCurveJob, Target, TriggerSpec, World, WorldSource};
use crate::error::{PlaygroundError, Result};
use crate::train::Session;

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

/// The engine's slot beside the session's.
pub type EngineSlot = Rc<RefCell<Option<Engine>>>;

fn not_deployed() -> PlaygroundError {
    PlaygroundError::MissingData("nothing is deployed: call deploy({ world }) first".into())
}

/// Runs `f` on the session and the engine, both taken out of their slots for the duration.
fn with_engine<F, Fut>(pg: &Playground, f: F) -> Promise
where
    F: FnOnce(Session, Engine) -> Fut + 'static,
    Fut: Future<Output = (Session, Engine, Result<JsValue>)> + 'static,
{
    let engines = pg.engine.clone();
    with_session(&pg.slot, move |s| async move {
        let Some(engine) = engines.borrow_mut().take() else { return (s, Err(not_deployed())) };
        let (s, engine, result) = f(s, engine).await;
        *engines.borrow_mut() = Some(engine);
        (s, result)
    })
}

#[wasm_bindgen]
impl Playground {
    /// Deploys the current network into a world `{ world, seed, size }` (a preset name, `digits`
    /// with `digitsCsv`, `{ points }` or `{ images }`): resolves with the engine's status.
    pub fn deploy(&self, options: JsValue, digits_csv: Option<String>) -> Promise {
        let opts = from_js::<DeployOptions>(&options, "deploy options (`{ world, seed, size }`)");
        let engines = self.engine.clone();
        with_session(&self.slot, move |s| async move {
            let result = async {
                let o = opts?;
                let world = World::from_source(&o.world, s.dataset(), o.seed, o.size, digits_csv.as_deref())?;
                let engine = Engine::deploy(&s, world, o.seed).await?;
                let status = to_js(&engine.status())?;
                *engines.borrow_mut() = Some(engine);
                Ok(status)
            }
            .await;
            (s, result)
        })
    }

    /// Takes the deployed program off the road: the world, queue and rounds are dropped.
    pub fn undeploy(&self) -> bool {
        self.engine.borrow_mut().take().is_some()
    }

    /// `{ world, streamSize, worldTest, streamSeen, flagged, labelled, round, worldAccuracy,
    /// worldMse, lastFlag }`, or `null` when nothing is deployed.
    #[wasm_bindgen(js_name = engineStatus)]
    pub fn engine_status(&self) -> std::result::Result<JsValue, JsValue> {
        match self.engine.borrow().as_ref() {
            Some(e) => to_js(&e.status()).map_err(js_error),
            None => Ok(JsValue::NULL),
        }
    }

    /// Flags stream examples `{ trigger, count, threshold, class, measure, committee, window }`:
    /// resolves with `[{ id, x, y | pixels, predicted, score, trigger }]`.
    pub fn flag(&self, options: JsValue) -> Promise {
        let opts = from_js::<FlagOptions>(&options, "flag options (`{ trigger, count, … }`)");
        with_engine(self, move |s, mut engine| async move {
            let result = async {
                let o = opts?;
                let flagged = engine.flag(&s, &o.spec, o.count.unwrap_or(10), o.window.unwrap_or(DEFAULT_WINDOW)).await?;
                to_js(&flagged)
            }
            .await;
            (s, engine, result)
        })
    }

    /// Labels queued examples by hand: `ids` and `labels` (classes, or values) pair up; their labels
    /// go in as given. Throws, changing nothing, on an id not queued or a label out of range.
    pub fn label(&self, ids: JsValue, labels: JsValue) -> std::result::Result<JsValue, JsValue> {
        let ids: Vec<usize> = from_js(&ids, "ids (an array of example ids)").map_err(js_error)?;
        let targets: Vec<Target> = from_js(&labels, "labels (an array of classes or values)").map_err(js_error)?;
        let task = self.sync(|s| Ok(s.task()))?;
        let mut slot = self.engine.borrow_mut();
        let engine = slot.as_mut().ok_or_else(|| js_error(not_deployed()))?;
        engine.label(&ids, &targets, task).map_err(js_error)?;
        to_js(&engine.status()).map_err(js_error)
    }

    /// Labels queued examples (all unlabelled ones when `ids` is absent) with the world's labels.
    #[wasm_bindgen(js_name = labelWithWorld)]
    pub fn label_with_world(&self, ids: JsValue) -> std::result::Result<JsValue, JsValue> {
        let task = self.sync(|s| Ok(s.task()))?;
        let mut slot = self.engine.borrow_mut();
        let engine = slot.as_mut().ok_or_else(|| js_error(not_deployed()))?;
        let ids: Vec<usize> = if ids.is_undefined() || ids.is_null() {
            engine.queue().into_iter().filter(|(_, l)| l.is_none()).map(|(id, _)| id).collect()
        } else {
            from_js(&ids, "ids (an array of example ids)").map_err(js_error)?
        };
        engine.label_with_world(&ids, task).map_err(js_error)?;
        to_js(&engine.status()).map_err(js_error)
    }

    /// Folds the labelled examples in as one undoable step and one version, trains `{ steps }`
    /// more and resolves with the round's record.
    #[wasm_bindgen(js_name = foldIn)]
    pub fn fold_in(&self, steps: Option<f64>) -> Promise {
        let steps = steps.map_or(Ok(DEFAULT_FOLD_STEPS), |v| {
            if v.is_finite() && v >= 1.0 && v.fract() == 0.0 {
                Ok(v as u64)
            } else {
                Err(PlaygroundError::InvalidConfig(format!("steps {v} must be a whole number from 1")))
            }
        });
        with_engine(self, move |mut s, mut engine| async move {
            let result = match steps {
                Ok(steps) => engine.fold_in(&mut s, steps).await.and_then(|r| to_js(&r)),
                Err(e) => Err(e),
            };
            (s, engine, result)
        })
    }

    /// The labelling queue `[{ id, x, y | pixels, label?, labeller? }]` in flag order (`[]` when
    /// nothing is deployed): what a reloaded page shows again.
    #[wasm_bindgen(js_name = engineQueue)]
    pub fn engine_queue(&self) -> std::result::Result<JsValue, JsValue> {
        let slot = self.engine.borrow();
        to_js(&slot.as_ref().map_or_else(Vec::new, |e| e.queue_view())).map_err(js_error)
    }

    /// Every round so far, round 0 (the deployment) first; `[]` when nothing is deployed.
    #[wasm_bindgen(js_name = engineHistory)]
    pub fn engine_history(&self) -> std::result::Result<JsValue, JsValue> {
        let slot = self.engine.borrow();
        to_js(&slot.as_ref().map_or(&[][..], |e| e.history())).map_err(js_error)
    }

    /// Starts the curve `{ strategies, rounds, budget, steps, seeds, window }` as the background job.
    #[wasm_bindgen(js_name = startEngineCurve)]
    pub fn start_engine_curve(&self, options: JsValue) -> std::result::Result<(), JsValue> {
        let opts: CurveOptions = if options.is_undefined() || options.is_null() {
            CurveOptions::default()
        } else {
            from_js(&options, "engineCurve options").map_err(js_error)?
        };
        let world = self.engine.borrow().as_ref().map(|e| e.world().clone()).ok_or_else(|| js_error(not_deployed()))?;
        let job = self.sync(|s| EngineCurveJob::new(s, world, opts))?;
        *self.job.borrow_mut() = Some(Job::EngineCurve(job));
        Ok(())
    }
}
