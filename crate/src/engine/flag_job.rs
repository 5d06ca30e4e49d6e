//! Flagging as a job: the fleet's window is taken when the job starts, a committee (for the
//! `disagreement` trigger) trains a slice at a time, and only the finished job moves the engine
//! on and queues its picks — a cancelled flag leaves the engine as it was.

use super::committee::Committee;
use super::reports::Flagged;
use super::rounds::Engine;
use super::trigger::{Trigger, TriggerSpec};
use crate::data::Dataset;
use crate::error::{PlaygroundError, Result};
use crate::train::Program;
use crate::train::progress::{Advance, Budget, Progress};

/// A flag begun but not finished: the trigger, the window of stream examples it judges, where the
/// stream stands after that window, how many to queue, and the committee still training.
pub struct PendingFlag {
    pub(super) trigger: Trigger,
    pub(super) ids: Vec<usize>,
    pub(super) cursor: usize,
    pub(super) count: usize,
    pub(super) committee: Option<Committee>,
}

impl PendingFlag {
    /// Trains the committee (if the trigger has one) within `budget`; `true` once it is trained.
    pub fn train_within(&mut self, budget: &Budget) -> Result<bool> {
        match &mut self.committee {
            Some(c) if !c.trained() => {
                c.train_within(budget)?;
                Ok(c.trained())
            }
            _ => Ok(true),
        }
    }

    /// Share of the work done, in [0, 1].
    fn progress(&self) -> f64 {
        self.committee.as_ref().map_or(1.0, Committee::progress)
    }
}

/// `flag` as a job of the workspace.
pub struct FlagJob {
    pending: Option<PendingFlag>,
}

impl FlagJob {
    /// Checks the request and takes the window; nothing in the engine changes until it finishes.
    pub fn start(engine: &Engine, program: &Program<'_>, data: &Dataset, spec: &TriggerSpec, count: usize, window: usize) -> Result<Self> {
        Ok(Self { pending: Some(engine.begin_flag(program, data, spec, count, window)?) })
    }

    /// Trains the committee for about `budget_ms`; once it is trained (at once for the other
    /// triggers), scores the window with `program` (learnt from `data`) and queues the picks.
    pub async fn advance(
        &mut self,
        engine: &mut Engine,
        program: &Program<'_>,
        data: &Dataset,
        budget_ms: f64,
    ) -> Result<Advance<Vec<Flagged>>> {
        let pending = self.pending.as_mut().ok_or_else(|| PlaygroundError::MissingData("this flag has finished".into()))?;
        if !pending.train_within(&Budget::new(budget_ms))? {
            let done = pending.progress();
            return Ok(Advance::Working(Progress { done, message: format!("training the committee: {:.0} %", done * 100.0) }));
        }
        let pending = self.pending.take().expect("checked above");
        Ok(Advance::Done(engine.finish_flag(program, data, pending).await?))
    }
}
