//! Finding the bugs in the source code: k-fold training gives every example a probability from a
//! network that never saw it, and confident learning ranks the labels those probabilities doubt.

use serde::{Deserialize, Serialize};

use super::confident::{LabelIssue, find_label_issues};
use crate::data::rng::SeededRng;
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::outputs::outputs_on;
use crate::train::progress::{Advance, Budget, Progress};
use crate::train::{Blueprint, Program, Session};

/// Most folds one check may use.
pub const MAX_FOLDS: usize = 10;
/// Most training steps per fold.
pub const MAX_FOLD_STEPS: u64 = 20_000;

/// How thoroughly to check: `folds` networks, each trained `steps` steps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelIssueOptions {
    /// Number of folds (2..=10): each example is judged by a network trained on the others.
    pub folds: usize,
    /// Optimizer steps per fold network.
    pub steps: u64,
}

impl Default for LabelIssueOptions {
    fn default() -> Self {
        Self { folds: 5, steps: 500 }
    }
}

/// Splits example indices into `k` folds, each class dealt round the folds so every fold holds
/// its share of every class (stratified), in a seeded order.
pub fn stratified_folds(labels: &[u8], k: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = SeededRng::new(seed ^ 0xF01D5);
    let mut folds = vec![Vec::new(); k];
    let mut next = 0;
    let mut classes: Vec<u8> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    for c in classes {
        let mut members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == c).collect();
        rng.shuffle(&mut members);
        for i in members {
            folds[next % k].push(i);
            next += 1;
        }
    }
    folds.iter_mut().for_each(|f| f.sort_unstable());
    folds
}

/// The k-fold label check, advancing a few training steps at a time.
pub struct LabelIssuesJob {
    blueprint: Blueprint,
    dataset: Dataset,
    folds: Vec<Vec<usize>>,
    steps: u64,
    fold: usize,
    training: Option<(Session, u64)>,
    slots: usize,
    probs: Vec<f64>,
}

impl LabelIssuesJob {
    /// Prepares the check of `data` with `program`'s configuration; bad options or data without
    /// labels reject before any work.
    pub fn new(program: &Program<'_>, data: &Dataset, options: LabelIssueOptions) -> Result<Self> {
        program.refuse_words("labelIssues")?;
        let LabelIssueOptions { folds, steps } = options;
        if !(2..=MAX_FOLDS).contains(&folds) {
            return Err(PlaygroundError::InvalidConfig(format!("folds {folds} must be between 2 and {MAX_FOLDS}")));
        }
        if !(1..=MAX_FOLD_STEPS).contains(&steps) {
            return Err(PlaygroundError::InvalidConfig(format!("steps {steps} must be between 1 and {MAX_FOLD_STEPS}")));
        }
        let dataset = data.clone();
        if dataset.task() == Task::Regression {
            return Err(PlaygroundError::InvalidData(
                "label errors need labels; a regression dataset has values: see diagnose() for its largest residuals".into(),
            ));
        }
        if dataset.len() < 2 * folds || dataset.classes().len() < 2 {
            return Err(PlaygroundError::MissingData(format!(
                "finding label errors needs at least {} examples of two or more classes",
                2 * folds
            )));
        }
        let labels = dataset.labels();
        let slots = dataset.classes().last().map_or(0, |&c| c as usize + 1);
        Ok(Self {
            folds: stratified_folds(&labels, folds, program.config().seed),
            probs: vec![0.0; labels.len() * slots],
            blueprint: program.blueprint(),
            dataset,
            steps,
            fold: 0,
            training: None,
            slots,
        })
    }

    /// Trains the current fold's network for about `budget_ms`, judging its fold when it is done;
    /// after the last fold, runs confident learning.
    pub async fn advance(&mut self, budget_ms: f64) -> Result<Advance<Vec<LabelIssue>>> {
        let budget = Budget::new(budget_ms);
        let k = self.folds.len();
        while self.fold < k {
            let (mut fold_net, mut trained) = match self.training.take() {
                Some(t) => t,
                None => {
                    let rest: Vec<usize> = (0..k).filter(|&f| f != self.fold).flat_map(|f| self.folds[f].iter().copied()).collect();
                    (self.blueprint.fresh(self.dataset.subset(&rest, 0.0)?)?, 0)
                }
            };
            if trained < self.steps {
                trained += fold_net.train_within(self.steps - trained, &budget)?;
                if trained < self.steps {
                    self.training = Some((fold_net, trained));
                    return Ok(Advance::Working(self.progress(trained)));
                }
            }
            let held = &self.folds[self.fold];
            let program = fold_net.program();
            let out = outputs_on(&program, &program.model()?, &self.dataset, held).await?;
            for (row, &i) in held.iter().enumerate() {
                self.probs[i * self.slots..(i + 1) * self.slots].copy_from_slice(&out.row(row)[..self.slots]);
            }
            self.fold += 1;
            if budget.spent() && self.fold < k {
                return Ok(Advance::Working(self.progress(0)));
            }
        }
        Ok(Advance::Done(find_label_issues(&self.dataset.labels(), &self.probs, self.slots)))
    }

    fn progress(&self, trained: u64) -> Progress {
        let k = self.folds.len();
        let done = (self.fold as f64 + trained as f64 / self.steps as f64) / k as f64;
        Progress { done, message: format!("training fold {} of {k} ({trained}/{} steps)", (self.fold + 1).min(k), self.steps) }
    }
}

/// Ranks `data`'s examples whose labels are probably wrong, worst first, training
/// `options.folds` networks beside `program`'s (never touching it).
pub async fn label_issues(program: &Program<'_>, data: &Dataset, options: LabelIssueOptions) -> Result<Vec<LabelIssue>> {
    let mut job = LabelIssuesJob::new(program, data, options)?;
    loop {
        if let Advance::Done(issues) = job.advance(f64::INFINITY).await? {
            return Ok(issues);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_cover_every_example_once_and_share_each_class() {
        let labels: Vec<u8> = (0..50).map(|i| if i < 40 { 0 } else { 1 }).collect();
        let folds = stratified_folds(&labels, 5, 3);
        let mut all: Vec<usize> = folds.concat();
        all.sort_unstable();
        assert_eq!(all, (0..50).collect::<Vec<_>>());
        for f in &folds {
            assert_eq!(f.len(), 10);
            assert_eq!(f.iter().filter(|&&i| labels[i] == 1).count(), 2);
        }
    }
}
