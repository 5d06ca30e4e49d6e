//! Folding a round in as a job: the labelled examples go in at once (one undo step, one version),
//! then the program trains on them a slice at a time, so a long retraining reports progress and
//! can be cancelled; the round's record is measured again when the training is done.

use super::reports::RoundRecord;
use super::rounds::Engine;
use crate::error::Result;
use crate::train::Session;
use crate::train::progress::{Advance, Budget, Progress};

/// A round being folded in: how much of its training is left.
pub struct FoldInJob {
    left: u64,
    total: u64,
}

impl FoldInJob {
    /// Folds the labelled examples into `session`'s data and records the round; training follows.
    pub async fn start(engine: &mut Engine, session: &mut Session, steps: u64) -> Result<Self> {
        engine.fold(session, steps).await?;
        Ok(Self { left: steps, total: steps })
    }

    /// Trains the session for about `budget_ms`; when every step is taken, measures the round.
    pub async fn advance(&mut self, engine: &mut Engine, session: &mut Session, budget_ms: f64) -> Result<Advance<RoundRecord>> {
        if self.left > 0 {
            self.left -= session.train_within(self.left, &Budget::new(budget_ms))?;
            if self.left > 0 {
                let done = self.total - self.left;
                return Ok(Advance::Working(Progress {
                    done: done as f64 / self.total as f64,
                    message: format!("training on the new round: {done} of {} steps", self.total),
                }));
            }
        }
        Ok(Advance::Done(engine.remeasure_last_round(&session.program()).await?))
    }
}
