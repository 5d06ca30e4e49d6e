//! Long debugging work as one kind of background job: it advances in slices of a time budget,
//! reports how far it got, and can simply be dropped to cancel it. The worker drives every job the
//! same way (start, advance, progress events, cancel).

use serde::Serialize;

use super::confident::LabelIssue;
use super::influence::{Influence, InfluenceJob};
use super::label_issues::LabelIssuesJob;
use crate::engine::{CurveResult, EngineCurveJob};
use crate::error::Result;

/// How far a job has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Share of the work done, in [0, 1].
    pub done: f64,
    /// What it is doing, for the person waiting.
    pub message: String,
}

/// What one slice of work ended with.
#[derive(Debug, Clone, PartialEq)]
pub enum Advance<T> {
    /// More to do.
    Working(Progress),
    /// Finished, with the result.
    Done(T),
}

/// A running job of any kind.
pub enum Job {
    /// k-fold training and confident learning.
    LabelIssues(LabelIssuesJob),
    /// TracIn over the timeline's checkpoints.
    Influence(InfluenceJob),
    /// The data engine's loop per strategy and seed.
    EngineCurve(EngineCurveJob),
}

/// What a finished job produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum JobOutput {
    /// From [`Job::LabelIssues`].
    LabelIssues(Vec<LabelIssue>),
    /// From [`Job::Influence`].
    Influence(Influence),
    /// From [`Job::EngineCurve`].
    EngineCurve(CurveResult),
}

impl Job {
    /// The job's kind, as progress events name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::LabelIssues(_) => "labelIssues",
            Job::Influence(_) => "influence",
            Job::EngineCurve(_) => "engineCurve",
        }
    }

    /// Works for about `budget_ms` (at least one unit of work), then reports.
    pub async fn advance(&mut self, budget_ms: f64) -> Result<Advance<JobOutput>> {
        Ok(match self {
            Job::LabelIssues(j) => match j.advance(budget_ms).await? {
                Advance::Working(p) => Advance::Working(p),
                Advance::Done(r) => Advance::Done(JobOutput::LabelIssues(r)),
            },
            Job::Influence(j) => match j.advance(budget_ms).await? {
                Advance::Working(p) => Advance::Working(p),
                Advance::Done(r) => Advance::Done(JobOutput::Influence(r)),
            },
            Job::EngineCurve(j) => match j.advance(budget_ms).await? {
                Advance::Working(p) => Advance::Working(p),
                Advance::Done(r) => Advance::Done(JobOutput::EngineCurve(r)),
            },
        })
    }
}
