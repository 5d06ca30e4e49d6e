//! Metrics per slice — a region of the input square, or a set of classes — beside the whole: a
//! model can be right on average and wrong on the slice that matters.

use serde::{Deserialize, Serialize};

use crate::data::{Dataset, MAX_CLASSES, MAX_IMAGE_CLASSES, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::outputs::{ExampleOutputs, all_outputs, outputs_on};
use crate::train::Program;

/// Most slices one call may ask for.
pub const MAX_SLICES: usize = 32;

/// A rectangle of the input square, corners in either order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// One corner's x, in [-1, 1].
    pub x0: f64,
    /// One corner's y, in [-1, 1].
    pub y0: f64,
    /// The opposite corner's x, in [-1, 1].
    pub x1: f64,
    /// The opposite corner's y, in [-1, 1].
    pub y1: f64,
}

impl Region {
    /// Whether `(x, y)` lies inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.x0.min(self.x1)..=self.x0.max(self.x1)).contains(&x) && (self.y0.min(self.y1)..=self.y0.max(self.y1)).contains(&y)
    }
}

/// A slice as asked for: a name and either a region or a list of labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SliceSpec {
    /// What to call it (default `slice <i>`).
    pub name: Option<String>,
    /// The examples inside this rectangle (2D datasets).
    pub region: Option<Region>,
    /// The examples with one of these labels (classification).
    pub labels: Option<Vec<f64>>,
}

/// How a slice chooses its examples, once checked.
#[derive(Debug, Clone, PartialEq)]
enum Members {
    Region(Region),
    Labels(Vec<u8>),
}

/// Count, accuracy and loss of a slice on one split.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Examples of the slice in this split.
    pub count: usize,
    /// Those classified right (`None` for regression).
    pub correct: Option<usize>,
    /// `correct / count` (`None` without examples, and for regression).
    pub accuracy: Option<f64>,
    /// Mean loss: cross-entropy, or squared error for regression (`None` without examples).
    pub loss: Option<f64>,
}

/// One slice's scores on both splits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SliceScores {
    /// The slice's name.
    pub name: String,
    /// On the training split.
    pub train: Score,
    /// On the test split.
    pub test: Score,
}

/// Every slice asked for, and the whole dataset beside them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SliceReport {
    /// The whole dataset, for comparison.
    pub whole: SliceScores,
    /// Each slice, in the order asked.
    pub slices: Vec<SliceScores>,
}

fn check(d: &Dataset, specs: &[SliceSpec]) -> Result<Vec<(String, Members)>> {
    if specs.len() > MAX_SLICES {
        return Err(PlaygroundError::InvalidConfig(format!("{} slices; at most {MAX_SLICES} at once", specs.len())));
    }
    let max_label = if d.image_size().is_some() { MAX_IMAGE_CLASSES } else { MAX_CLASSES };
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = s.name.clone().unwrap_or_else(|| format!("slice {i}"));
            let bad = |m: String| Err(PlaygroundError::InvalidData(format!("slice {i} ('{name}'): {m}")));
            let members = match (&s.region, &s.labels) {
                (Some(r), None) => {
                    if d.image_size().is_some() {
                        return bad("images have no 2D square to draw a region on; slice them by labels".into());
                    }
                    for (k, v) in [("x0", r.x0), ("y0", r.y0), ("x1", r.x1), ("y1", r.y1)] {
                        if !v.is_finite() || !(-1.0..=1.0).contains(&v) {
                            return bad(format!("{k} = {v} lies outside the square [-1, 1]"));
                        }
                    }
                    Members::Region(*r)
                }
                (None, Some(labels)) => {
                    if d.task() == Task::Regression {
                        return bad("a regression dataset has no labels; slice it by a region".into());
                    }
                    if labels.is_empty() {
                        return bad("labels is empty".into());
                    }
                    if let Some(l) = labels.iter().find(|l| !l.is_finite() || l.fract() != 0.0 || **l < 0.0 || **l >= max_label as f64) {
                        return bad(format!("label {l} must be a whole number 0..{}", max_label - 1));
                    }
                    Members::Labels(labels.iter().map(|&l| l as u8).collect())
                }
                _ => return bad("give exactly one of a region { x0, y0, x1, y1 } and labels [..]".into()),
            };
            Ok((name, members))
        })
        .collect()
}

/// Scores the program's network on each slice of `d` and on the whole of it. Bad slices (a region
/// outside the square, a label out of range) reject naming the slice, before any work.
pub async fn slice_metrics(program: &Program<'_>, d: &Dataset, specs: &[SliceSpec]) -> Result<SliceReport> {
    program.refuse_words("sliceMetrics")?;
    let slices = check(d, specs)?;
    let out = all_outputs(program, d).await?;
    Ok(score_slices(d, &out, slices, &|i| d.is_test(i)))
}

/// Scores the program's network on `reference` — examples of the world its dataset `own` only
/// samples, as a lesson or a check holds them — slice by slice. Every reference example is
/// held out from training, so all of them count as the test split (the train split is empty).
pub async fn slice_metrics_on(program: &Program<'_>, own: &Dataset, specs: &[SliceSpec], reference: &Dataset) -> Result<SliceReport> {
    program.refuse_words("sliceMetrics")?;
    let slices = check(own, specs)?;
    if reference.task() != own.task() || reference.image_size() != own.image_size() {
        let kind = |d: &Dataset| match (d.image_size(), d.task()) {
            (Some((w, h)), _) => format!("{w}×{h} images"),
            (None, Task::Regression) => "points with values".to_string(),
            (None, Task::Classification) => "points with labels".to_string(),
        };
        return Err(PlaygroundError::InvalidData(format!(
            "sliceMetrics: the reference holds {}, but the network learns from {}",
            kind(reference),
            kind(own)
        )));
    }
    let all: Vec<usize> = (0..reference.len()).collect();
    let out = outputs_on(program, &program.model()?, reference, &all).await?;
    Ok(score_slices(reference, &out, slices, &|_| true))
}

/// Tallies `out` (the network on `d`'s examples) per slice and split.
fn score_slices(d: &Dataset, out: &ExampleOutputs, slices: Vec<(String, Members)>, is_test: &dyn Fn(usize) -> bool) -> SliceReport {
    let coordinates = d.coordinates();
    let labels = d.labels();
    let classes = d.task() == Task::Classification;
    let score = |name: String, inside: &dyn Fn(usize) -> bool| {
        let mut tally = [(0usize, 0usize, 0.0f64); 2];
        for i in (0..d.len()).filter(|&i| inside(i)) {
            let t = &mut tally[is_test(i) as usize];
            t.0 += 1;
            t.1 += usize::from(classes && out.predicted(i) == labels[i]);
            t.2 += out.losses[i];
        }
        let split = |(count, correct, loss): (usize, usize, f64)| Score {
            count,
            correct: classes.then_some(correct),
            accuracy: (classes && count > 0).then(|| correct as f64 / count as f64),
            loss: (count > 0).then(|| loss / count as f64),
        };
        SliceScores { name, train: split(tally[0]), test: split(tally[1]) }
    };
    let whole = score("whole".into(), &|_| true);
    let slices = slices
        .into_iter()
        .map(|(name, members)| match members {
            Members::Region(r) => score(name, &|i| r.contains(coordinates[i].0, coordinates[i].1)),
            Members::Labels(ls) => score(name, &|i| ls.contains(&labels[i])),
        })
        .collect();
    SliceReport { whole, slices }
}
