//! The timeline: snapshots of the weights taken during training, spaced log-uniformly so that
//! early steps (where the program changes fastest) are dense and memory stays bounded.

use crate::model::Network;

/// Most snapshots kept at once; beyond it the closest pair (in log-steps) is thinned.
pub const MAX_SNAPSHOTS: usize = 64;

/// Ratio between consecutive snapshot steps once past the first few (1, 2, 3, … then ×1.2).
const GROWTH: f64 = 1.2;

/// Weight snapshots by step. Burn tensors are immutable values, so a snapshot is a cheap clone of
/// the model's tensors (on whatever device trains), read back only when someone looks at it.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    snapshots: Vec<(u64, Network)>,
    next_due: u64,
}

impl Timeline {
    /// Forgets everything and starts a timeline at `step` with `model`.
    pub fn start(&mut self, step: u64, model: &Network) {
        self.snapshots.clear();
        self.next_due = step;
        self.offer(step, model);
    }

    /// A timeline holding `snapshots` (oldest first, as a project file stores them), continuing
    /// after `step`, the network's current step.
    pub fn from_snapshots(snapshots: Vec<(u64, Network)>, step: u64) -> Self {
        let next_due = (step + 1).max((step as f64 * GROWTH).ceil() as u64);
        let mut timeline = Self { snapshots, next_due };
        while timeline.snapshots.len() > MAX_SNAPSHOTS {
            timeline.thin();
        }
        timeline
    }

    /// The snapshots, oldest first.
    pub fn snapshots(&self) -> &[(u64, Network)] {
        &self.snapshots
    }

    /// The snapshots, oldest first, giving up the timeline.
    pub fn into_snapshots(self) -> Vec<(u64, Network)> {
        self.snapshots
    }

    /// Records `model` at `step` if the schedule wants this step. Cheap to call after every step.
    pub fn offer(&mut self, step: u64, model: &Network) {
        if step < self.next_due {
            return;
        }
        self.snapshots.retain(|(s, _)| *s != step);
        self.snapshots.push((step, model.clone()));
        self.next_due = (step + 1).max((step as f64 * GROWTH).ceil() as u64);
        if self.snapshots.len() > MAX_SNAPSHOTS {
            self.thin();
        }
    }

    /// Drops the snapshot closest (in log-step) to its predecessor, never the first or the last.
    fn thin(&mut self) {
        let gap = |a: u64, b: u64| ((b + 1) as f64 / (a + 1) as f64).ln();
        if let Some(i) = (1..self.snapshots.len() - 1).min_by(|&i, &j| {
            let gi = gap(self.snapshots[i - 1].0, self.snapshots[i + 1].0);
            let gj = gap(self.snapshots[j - 1].0, self.snapshots[j + 1].0);
            gi.total_cmp(&gj)
        }) {
            self.snapshots.remove(i);
        }
    }

    /// The steps that have a snapshot, oldest first.
    pub fn steps(&self) -> Vec<u64> {
        self.snapshots.iter().map(|(s, _)| *s).collect()
    }

    /// The weights as they were at `step`, if recorded.
    pub fn at(&self, step: u64) -> Option<&Network> {
        self.snapshots.iter().find(|(s, _)| *s == step).map(|(_, m)| m)
    }

    /// Forgets every snapshot after `step` (training resumes from there and writes a new future).
    pub fn truncate_after(&mut self, step: u64) {
        self.snapshots.retain(|(s, _)| *s <= step);
        self.next_due = step + 1;
    }
}
