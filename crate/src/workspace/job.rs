//! The running job: one long operation of any kind, advanced slice by slice by whoever drives the
//! workspace (the worker's scheduler in the browser), each slice reporting progress, and dropped to
//! cancel. A job remembers the data it started on and refuses to finish on other data.

use serde::Serialize;

use crate::debug::confident::LabelIssue;
use crate::debug::{Influence, InfluenceJob, LabelIssuesJob, WordInfluence, WordInfluenceJob};
use crate::engine::{CurveResult, Engine, EngineCurveJob, FlagJob, Flagged, FoldInJob, RoundRecord};
use crate::error::{PlaygroundError, Result};
use crate::inspect::{CompareVersionsJob, TrainedVersion};
use crate::train::Session;
use crate::train::progress::Advance;

/// A long operation of any kind.
pub enum Job {
    /// k-fold training and confident learning.
    LabelIssues(LabelIssuesJob),
    /// TracIn over the timeline's snapshots.
    Influence(InfluenceJob),
    /// TracIn for a word program: the training words behind a word.
    WordInfluence(WordInfluenceJob),
    /// The data engine's loop per strategy and seed.
    EngineCurve(EngineCurveJob),
    /// Two versions' networks trained side by side.
    CompareVersions(CompareVersionsJob),
    /// A round folded into the data, the session trained on it.
    FoldIn(FoldInJob),
    /// The fleet's window judged by a trigger (a committee trained first, for `disagreement`).
    Flag(FlagJob),
}

/// What a finished job produced.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum JobOutput {
    /// From [`Job::LabelIssues`].
    LabelIssues(Vec<LabelIssue>),
    /// From [`Job::Influence`].
    Influence(Influence),
    /// From [`Job::WordInfluence`].
    WordInfluence(WordInfluence),
    /// From [`Job::EngineCurve`].
    EngineCurve(CurveResult),
    /// From [`Job::CompareVersions`].
    CompareVersions(Box<[TrainedVersion; 2]>),
    /// From [`Job::FoldIn`].
    FoldIn(RoundRecord),
    /// From [`Job::Flag`].
    Flag(Vec<Flagged>),
}

impl Job {
    /// The job's kind, as progress events and the public API name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::LabelIssues(_) => "labelIssues",
            Job::Influence(_) | Job::WordInfluence(_) => "influence",
            Job::EngineCurve(_) => "engineCurve",
            Job::CompareVersions(_) => "compareVersions",
            Job::FoldIn(_) => "foldIn",
            Job::Flag(_) => "flag",
        }
    }

    /// Works for about `budget_ms` (at least one unit of work), then reports. Most jobs work on
    /// copies of their own; folding a round in trains the `session` itself, and it and flagging
    /// move the `engine` on.
    pub async fn advance(&mut self, session: &mut Session, engine: Option<&mut Engine>, budget_ms: f64) -> Result<Advance<JobOutput>> {
        let off_the_road = |kind: &str| PlaygroundError::MissingData(format!("the program was taken off the road while {kind} ran"));
        Ok(match self {
            Job::LabelIssues(j) => j.advance(budget_ms).await?.map(JobOutput::LabelIssues),
            Job::Influence(j) => j.advance(budget_ms).await?.map(JobOutput::Influence),
            Job::WordInfluence(j) => j.advance(budget_ms).await?.map(JobOutput::WordInfluence),
            Job::EngineCurve(j) => j.advance(budget_ms).await?.map(JobOutput::EngineCurve),
            Job::CompareVersions(j) => j.advance(budget_ms).await?.map(|pair| JobOutput::CompareVersions(Box::new(pair))),
            Job::FoldIn(j) => {
                let engine = engine.ok_or_else(|| off_the_road("foldIn"))?;
                j.advance(engine, session, budget_ms).await?.map(JobOutput::FoldIn)
            }
            Job::Flag(j) => {
                let engine = engine.ok_or_else(|| off_the_road("flag"))?;
                j.advance(engine, &session.program(), session.dataset(), budget_ms).await?.map(JobOutput::Flag)
            }
        })
    }
}

/// The job in progress and the fingerprint (content hash and split) of the dataset it started on.
pub(super) struct RunningJob {
    pub job: Job,
    pub started_on: String,
}
