//! The learning-rate schedule: how the step size moves over a run. burn's schedulers compute it,
//! the same ones burn-train drives when `sw2 train` runs the project natively, so a page and a
//! native run take the same step sizes.

use burn::lr_scheduler::LrSchedulerConfig;
use burn::lr_scheduler::cosine::CosineAnnealingLrSchedulerConfig;
use burn::lr_scheduler::module_lr_scheduler::ModuleLrScheduler;
use burn::lr_scheduler::sequential::SequentialLrSchedulerConfig;
use serde::{Deserialize, Serialize};

use super::config::TrainConfig;

/// Where a cosine schedule ends, as a share of `learningRate`: it then stays there, so training
/// past the schedule's end still moves, slowly.
pub const COSINE_FLOOR: f64 = 0.01;

/// How the step size moves over training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Schedule {
    /// `learningRate` at every step.
    #[default]
    Constant,
    /// Cosine annealing from `learningRate` at step 1 down to a hundredth of it ([`COSINE_FLOOR`])
    /// after `steps` steps, and that hundredth from there on: large steps while far from a good
    /// program, small ones to settle in, as GPT training schedules do.
    Cosine {
        /// Steps over which the rate falls.
        steps: u64,
    },
}

/// burn's scheduler for `config`, for a run whose first step is step `start + 1` (the steps
/// already taken are stepped through, so a native run continues a page's schedule).
pub fn scheduler(config: &TrainConfig, start: u64) -> ModuleLrScheduler {
    let lr = config.learning_rate;
    let mut scheduler = match config.schedule {
        Schedule::Constant => ModuleLrScheduler::new(lr),
        Schedule::Cosine { steps } => SequentialLrSchedulerConfig::new(
            vec![
                CosineAnnealingLrSchedulerConfig::new(lr, steps as usize).with_min_lr(lr * COSINE_FLOOR).into(),
                LrSchedulerConfig::Constant(lr * COSINE_FLOOR),
            ],
            vec![steps as usize],
        )
        .init()
        .expect("TrainConfig::validate admits only schedules burn can build"),
    };
    for _ in 0..start {
        scheduler.step();
    }
    scheduler
}

/// The step sizes of one run, step by step: follows the session's step count, and starts over
/// when the count goes back (a timeline restore).
pub struct StepSizes {
    scheduler: ModuleLrScheduler,
    /// The step whose size `scheduler` gives next (0: the first).
    next: u64,
}

impl StepSizes {
    /// The sizes for `config`, from the first step.
    pub fn new(config: &TrainConfig) -> Self {
        Self { scheduler: scheduler(config, 0), next: 0 }
    }

    /// The step size for the step after `taken` steps under `config`'s schedule.
    pub fn after(&mut self, config: &TrainConfig, taken: u64) -> f64 {
        if taken < self.next {
            *self = Self::new(config);
        }
        while self.next < taken {
            self.scheduler.step();
            self.next += 1;
        }
        self.next += 1;
        self.scheduler.step().base()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_falls_from_the_rate_to_a_hundredth_and_stays() {
        let config = TrainConfig { learning_rate: 2e-3, schedule: Schedule::Cosine { steps: 100 }, ..TrainConfig::default() };
        let mut sizes = StepSizes::new(&config);
        let all: Vec<f64> = (0..150).map(|k| sizes.after(&config, k)).collect();
        assert!((all[0] - 2e-3).abs() < 1e-12, "the first step takes the whole rate");
        assert!((all[50] - (2e-5 + 0.5 * (2e-3 - 2e-5))).abs() < 1e-12, "halfway, halfway down");
        assert!(all.windows(2).take(100).all(|w| w[1] <= w[0]), "never up");
        assert!(all[100..].iter().all(|&r| (r - 2e-5).abs() < 1e-12), "then a hundredth: {:?}", &all[99..102]);
        // Going back (a restore) starts over; jumping ahead (a project opened at a step) catches up.
        assert_eq!(sizes.after(&config, 10), all[10]);
        assert_eq!(StepSizes::new(&config).after(&config, 77), all[77]);
        let mut native = scheduler(&config, 77);
        assert_eq!(native.step().base(), all[77], "burn-train's scheduler continues where the page is");
    }

    #[test]
    fn constant_is_the_rate_at_every_step() {
        let config = TrainConfig { learning_rate: 0.03, ..TrainConfig::default() };
        let mut sizes = StepSizes::new(&config);
        assert!((0..20).all(|k| sizes.after(&config, k) == 0.03));
    }
}
