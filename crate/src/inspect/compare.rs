//! "Which edit moved the boundary?": the same network, from the same seed, trained on two
//! versions of the data, side by side.

use serde::Serialize;

use super::per_class::{ClassAccuracy, class_accuracy};
use super::predict::{BoundaryGrid, boundary};
use crate::data::repo::Repo;
use crate::data::{Examples, Point, ValuePoint};
use crate::error::{PlaygroundError, Result};
use crate::train::progress::{Advance, Budget, Progress};
use crate::train::{Metrics, Program, Session, evaluate};

/// Most steps one comparison may train per version.
pub const MAX_COMPARE_STEPS: u64 = 20_000;

/// One version's freshly trained model.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainedVersion {
    /// The version id (or `"current"`).
    pub version: String,
    /// Loss and accuracy after training.
    pub metrics: Metrics,
    /// Accuracy class by class.
    pub classes: Vec<ClassAccuracy>,
    /// The decision boundary (2D data only).
    #[serde(skip)]
    pub boundary: Option<BoundaryGrid>,
    /// The version's points (2D data only), to draw over the boundary.
    pub points: VersionPoints,
    /// One byte per point: 1 where it is held out for testing.
    pub test_mask: Vec<u8>,
}

/// The points of a version as the comparison draws them: labelled, or carrying values.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum VersionPoints {
    /// Labelled points (classification; empty for images).
    Labelled(Vec<Point>),
    /// Points with values (regression).
    Valued(Vec<ValuePoint>),
}

impl VersionPoints {
    /// Number of points.
    pub fn len(&self) -> usize {
        match self {
            VersionPoints::Labelled(p) => p.len(),
            VersionPoints::Valued(v) => v.len(),
        }
    }

    /// Whether there are none (image versions).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Trains `program`'s configuration from its seed on versions `a` and `b` of `repo` (either may be
/// `"current"`) for `steps` steps each, in sessions of their own: the program is untouched.
pub async fn compare_versions(
    program: &Program<'_>,
    repo: &Repo,
    a: &str,
    b: &str,
    steps: u64,
    size: usize,
) -> Result<[TrainedVersion; 2]> {
    let mut job = CompareVersionsJob::new(program, repo, a, b, steps, size)?;
    loop {
        if let Advance::Done(pair) = job.advance(f64::INFINITY).await? {
            return Ok(pair);
        }
    }
}

/// A comparison as a job: both versions' networks train a slice at a time, then both are read.
pub struct CompareVersionsJob {
    /// `(version id, its fresh sibling session, steps trained)`, a then b.
    probes: Vec<(String, Session, u64)>,
    steps: u64,
    size: usize,
}

impl CompareVersionsJob {
    /// Sets the comparison up: two networks from the configuration's seed, one per version.
    pub fn new(program: &Program<'_>, repo: &Repo, a: &str, b: &str, steps: u64, size: usize) -> Result<Self> {
        if !(1..=MAX_COMPARE_STEPS).contains(&steps) {
            return Err(PlaygroundError::InvalidConfig(format!("steps {steps} must be between 1 and {MAX_COMPARE_STEPS}")));
        }
        let blueprint = program.blueprint();
        let probe = |id: &str| Ok((id.to_string(), blueprint.fresh(repo.version_dataset(id)?.clone())?, 0));
        Ok(Self { probes: vec![probe(a)?, probe(b)?], steps, size })
    }

    /// Trains for about `budget_ms`; once both networks have all their steps, reads them.
    pub async fn advance(&mut self, budget_ms: f64) -> Result<Advance<[TrainedVersion; 2]>> {
        let budget = Budget::new(budget_ms);
        let mut paused = false;
        for (_, probe, trained) in &mut self.probes {
            if *trained < self.steps {
                *trained += probe.train_within(self.steps - *trained, &budget)?;
                if *trained < self.steps || budget.spent() {
                    paused = true;
                    break;
                }
            }
        }
        if paused {
            let done: u64 = self.probes.iter().map(|p| p.2).sum();
            let total = 2 * self.steps;
            return Ok(Advance::Working(Progress {
                done: done as f64 / total as f64,
                message: format!("training on both versions: {done} of {total} steps"),
            }));
        }
        let a = read_version(&self.probes[0], self.size).await?;
        let b = read_version(&self.probes[1], self.size).await?;
        Ok(Advance::Done([a, b]))
    }
}

async fn read_version((id, probe, _): &(String, Session, u64), size: usize) -> Result<TrainedVersion> {
    let metrics = evaluate(probe).await?;
    let (program, d) = (probe.program(), probe.dataset());
    let classes = class_accuracy(&program, d).await?;
    let (points, boundary) = match d.examples() {
        Examples::Points(p) => (VersionPoints::Labelled(p.clone()), Some(boundary(&program, d, size, None).await?)),
        Examples::Values(v) => (VersionPoints::Valued(v.clone()), Some(boundary(&program, d, size, None).await?)),
        Examples::Images(_) | Examples::Words(_) | Examples::Lines(_) => (VersionPoints::Labelled(Vec::new()), None),
    };
    let test_mask = (0..d.coordinates().len()).map(|i| d.is_test(i) as u8).collect();
    Ok(TrainedVersion { version: id.clone(), metrics, classes, boundary, points, test_mask })
}
