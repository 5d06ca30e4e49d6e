//! A rule against data: its answers on the dataset's points (accuracy, or squared error for
//! values), its boundary on the same grid the network's is drawn on, the labels it would write,
//! and how often it agrees with the trained network — Software 1.0 and 2.0 side by side.

use serde::Serialize;

use super::{At, Rule};
use crate::data::origin::Origin;
use crate::data::{Dataset, MAX_ABS_VALUE, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::outputs::all_outputs;
use crate::inspect::predict::{BoundaryGrid, grid_cells};
use crate::train::Program;

/// Cells per side of the grid on which a rule and the network are compared.
pub const AGREEMENT_GRID: usize = 64;

/// How a rule does on the dataset it sits beside.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleMetrics {
    /// `classification` or `regression`: what the rule's answers are read as.
    pub task: Task,
    /// Points in the dataset.
    pub count: usize,
    /// Points where the rule gives an answer (a class 0..7, or a finite value).
    pub answered: usize,
    /// Share of all points whose label the rule gives (no answer counts as wrong); `None` without points or for values.
    pub accuracy: Option<f64>,
    /// The same on the training split.
    pub train_accuracy: Option<f64>,
    /// The same on the test split.
    pub test_accuracy: Option<f64>,
    /// Mean squared error over the answered points (values only).
    pub mse: Option<f64>,
    /// The same on the training split.
    pub train_mse: Option<f64>,
    /// The same on the test split.
    pub test_mse: Option<f64>,
    /// Share of the dataset's points where the network predicts the rule's class: how well the
    /// program compiled from examples learnt the rule (classification; `None` otherwise).
    pub agreement: Option<f64>,
    /// Share of a 64 × 64 grid over the whole square where the network's class is the rule's:
    /// whether the two programs draw the same boundary, also where there is no data.
    pub grid_agreement: Option<f64>,
}

/// The points' coordinates, or a clear refusal for image data.
fn coordinates(d: &Dataset) -> Result<Vec<(f64, f64)>> {
    if d.image_size().is_some() {
        return Err(PlaygroundError::InvalidData("a rule reads x and y, and this dataset holds images: load or paint 2D points".into()));
    }
    Ok(d.coordinates())
}

/// Scores `rule` on every point of `d`, split by split (the agreements are left to [`agreement`]).
pub fn rule_metrics(rule: &Rule, d: &Dataset) -> Result<RuleMetrics> {
    let xy = coordinates(d)?;
    let task = d.task();
    // Per split: points, answered, correct, summed squared error.
    let mut tally = [(0usize, 0usize, 0usize, 0.0f64); 2];
    let labels = d.labels();
    let values = (task == Task::Regression).then(|| d.value_points());
    for (i, &(x, y)) in xy.iter().enumerate() {
        let t = &mut tally[d.is_test(i) as usize];
        t.0 += 1;
        let at = At { x, y };
        match values {
            Some(v) => {
                if let Some(answer) = rule.number_at(at) {
                    t.1 += 1;
                    t.3 += (answer - v[i].value).powi(2);
                }
            }
            None => {
                if let Some(class) = rule.class_at(at) {
                    t.1 += 1;
                    t.2 += usize::from(class == labels[i]);
                }
            }
        }
    }
    let both = (tally[0].0 + tally[1].0, tally[0].1 + tally[1].1, tally[0].2 + tally[1].2, tally[0].3 + tally[1].3);
    let classes = task == Task::Classification;
    let accuracy = |(n, _, correct, _): (usize, usize, usize, f64)| (classes && n > 0).then(|| correct as f64 / n as f64);
    let mse = |(_, answered, _, squared): (usize, usize, usize, f64)| (!classes && answered > 0).then(|| squared / answered as f64);
    Ok(RuleMetrics {
        task,
        count: both.0,
        answered: both.1,
        accuracy: accuracy(both),
        train_accuracy: accuracy(tally[0]),
        test_accuracy: accuracy(tally[1]),
        mse: mse(both),
        train_mse: mse(tally[0]),
        test_mse: mse(tally[1]),
        agreement: None,
        grid_agreement: None,
    })
}

/// The rule's boundary on a `size × size` grid laid out like the network's (row 0 at the top):
/// one-hot class rows (all zero where the rule answers nothing), or values on the dataset's scale.
pub fn rule_grid(rule: &Rule, d: &Dataset, size: usize) -> Result<BoundaryGrid> {
    coordinates(d)?;
    if !(2..=crate::inspect::predict::MAX_GRID).contains(&size) {
        return Err(PlaygroundError::InvalidConfig(format!(
            "grid size {size} must be between 2 and {}",
            crate::inspect::predict::MAX_GRID
        )));
    }
    if d.task() == Task::Regression {
        let values: Vec<f32> = grid_cells(size).map(|(x, y)| rule.number_at(At { x, y }).map_or(f32::NAN, |v| v as f32)).collect();
        let finite = values.iter().copied().filter(|v| v.is_finite());
        let own = finite.clone().fold(None, |r: Option<[f32; 2]>, v| Some(r.map_or([v, v], |[lo, hi]| [lo.min(v), hi.max(v)])));
        let range = d.value_range().map(|[lo, hi]| [lo as f32, hi as f32]).or(own).unwrap_or([-1.0, 1.0]);
        return Ok(BoundaryGrid { size, classes: 0, probabilities: Vec::new(), values, range: Some(range) });
    }
    let answers: Vec<Option<u8>> = grid_cells(size).map(|(x, y)| rule.class_at(At { x, y })).collect();
    let most = answers.iter().flatten().chain(d.classes().iter()).copied().max().unwrap_or(1);
    let classes = (most as usize + 1).max(2);
    let mut probabilities = vec![0.0f32; size * size * classes];
    for (cell, answer) in answers.iter().enumerate() {
        if let Some(c) = answer {
            probabilities[cell * classes + *c as usize] = 1.0;
        }
    }
    Ok(BoundaryGrid { size, classes, probabilities, values: Vec::new(), range: None })
}

/// The relabelling that makes every point say what the rule says, as `(index, label or value)`
/// pairs; a point where the rule answers nothing refuses the whole labelling, naming it.
pub fn label_changes(rule: &Rule, d: &Dataset) -> Result<Vec<(f64, f64)>> {
    let xy = coordinates(d)?;
    if xy.is_empty() {
        return Err(PlaygroundError::MissingData("There are no points to label: paint some (or load a preset) first.".into()));
    }
    let regression = d.task() == Task::Regression;
    xy.iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            let at = At { x, y };
            let answer =
                if regression { rule.number_at(at).filter(|v| v.abs() <= MAX_ABS_VALUE) } else { rule.class_at(at).map(f64::from) };
            answer.map(|a| (i as f64, a)).ok_or_else(|| {
                let wanted = if regression { "a finite value" } else { "a class 0..7" };
                PlaygroundError::InvalidData(format!("the rule gives no {wanted} at point {i} (x = {x}, y = {y}); nothing was relabelled"))
            })
        })
        .collect()
}

/// What labelling the data with a rule did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LabelReport {
    /// Points the rule labelled (all of them).
    pub labelled: usize,
    /// Of those, points whose label (or value) it changed.
    pub changed: usize,
}

/// The dataset with every point labelled by the rule: a point whose label the rule changes is
/// now the rule's line (its origin says so), the others keep their author.
pub fn labelled_by_rule(rule: &Rule, d: &Dataset) -> Result<(Dataset, LabelReport)> {
    let changes = label_changes(rule, d)?;
    let labels = d.labels();
    let values = d.value_points();
    let author = Origin::Rule { name: rule.text().to_string() };
    let mut origins = d.origins().to_vec();
    let mut changed = 0;
    for &(i, answer) in &changes {
        let i = i as usize;
        let old = values.get(i).map_or(f64::from(labels[i]), |v| v.value);
        if old != answer {
            changed += 1;
            origins[i] = author.clone();
        }
    }
    let next = d.relabelled(&changes)?.with_origins(origins)?;
    Ok((next, LabelReport { labelled: changes.len(), changed }))
}

/// How often `program`'s network says what the rule says: `(on the points of `d`, its dataset,
/// on the agreement grid)`, or `None` for values, images or an empty dataset, where there is no
/// trained classifier to ask.
pub async fn agreement(program: &Program<'_>, d: &Dataset, rule: &Rule) -> Result<Option<(f64, f64)>> {
    if d.is_empty() || d.task() != Task::Classification || d.image_size().is_some() {
        return Ok(None);
    }
    let outputs = all_outputs(program, d).await?;
    let on_points =
        d.coordinates().iter().enumerate().filter(|(i, (x, y))| rule.class_at(At { x: *x, y: *y }) == Some(outputs.predicted(*i))).count();
    let grid = crate::inspect::boundary(program, d, AGREEMENT_GRID, None).await?;
    let on_grid = grid_cells(AGREEMENT_GRID)
        .enumerate()
        .filter(|(cell, (x, y))| {
            let row = &grid.probabilities[cell * grid.classes..(cell + 1) * grid.classes];
            let predicted = (0..row.len()).fold(0, |best, l| if row[l] > row[best] { l } else { best });
            rule.class_at(At { x: *x, y: *y }) == Some(predicted as u8)
        })
        .count();
    Ok(Some((on_points as f64 / d.len() as f64, on_grid as f64 / (AGREEMENT_GRID * AGREEMENT_GRID) as f64)))
}
