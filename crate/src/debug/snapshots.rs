//! The timeline's snapshots weighted by training time: each stands for the steps until the next,
//! which is how much it weighs in anything summed over training (TracIn, data maps).

use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::Program;

/// One snapshot of the weights and the training steps it stands for.
pub struct WeightedSnapshot {
    /// The step it was taken at.
    pub step: u64,
    /// The weights then, on the training (autodiff) device.
    pub model: Network,
    /// Steps from this snapshot to the next one (or to the current step, for the last).
    pub span: u64,
}

/// The program's snapshots that stand for at least one step of training, oldest first; an error
/// before any training (there is nothing to sum over yet).
pub fn weighted_snapshots(program: &Program<'_>) -> Result<Vec<WeightedSnapshot>> {
    let steps = program.timeline_steps();
    let ends = steps.iter().skip(1).copied().chain([program.step()]);
    let out = steps
        .iter()
        .zip(ends)
        .filter(|(start, end)| end > start)
        .map(|(&step, end)| Ok(WeightedSnapshot { step, model: program.training_model_at(Some(step))?.clone(), span: end - step }))
        .collect::<Result<Vec<_>>>()?;
    if out.is_empty() {
        return Err(PlaygroundError::MissingData(
            "the network has not been trained yet: train it first, then ask what it learned from which examples".into(),
        ));
    }
    Ok(out)
}

/// At most `k` of `snapshots` (oldest first), for sums too costly to take at every one: the list
/// is cut into `k` runs of consecutive snapshots, each kept as the one that stands for the most
/// steps in it, now standing for the whole run's steps. Fewer than `k` are returned unchanged.
pub fn at_most(snapshots: Vec<WeightedSnapshot>, k: usize) -> Vec<WeightedSnapshot> {
    let n = snapshots.len();
    if n <= k || k == 0 {
        return snapshots;
    }
    let mut runs: Vec<Vec<WeightedSnapshot>> = (0..k).map(|_| Vec::new()).collect();
    for (i, s) in snapshots.into_iter().enumerate() {
        runs[i * k / n].push(s);
    }
    runs.into_iter()
        .map(|run| {
            let steps = run.iter().map(|s| s.span).sum();
            let heaviest = run.into_iter().max_by_key(|s| s.span).expect("each run holds a snapshot");
            WeightedSnapshot { span: steps, ..heaviest }
        })
        .collect()
}
