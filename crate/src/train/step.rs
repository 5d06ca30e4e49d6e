//! What one training step minimizes, shared by every loop that trains a network: the page's
//! session and the native program's burn-train learner compute the very same objective.

use std::sync::{Mutex, MutexGuard};

use burn::prelude::*;

use super::config::{Regularization, TrainConfig};
use super::loss::TaskLoss;
use super::tensors::Targets;
use crate::data::rng::{GOLDEN_GAMMA, mix64};
use crate::model::Network;

/// One batch's forward pass: the objective to differentiate (the loss plus the weight penalty
/// `config` asks for), the loss alone (what metrics and divergence read), and the outputs.
pub struct StepResult {
    /// `[1]`: loss plus regularization; call `backward()` on it.
    pub objective: Tensor<1>,
    /// `[1]`: the task's loss on this batch (cross-entropy, squared error, or nats per character).
    pub loss: Tensor<1>,
    /// The network's outputs: `[n, classes]` logits, `[n, 1]` values, or `[b·t, vocab]` logits.
    pub outputs: Tensor<2>,
}

/// burn's random generator is one per process. Whoever seeds it and draws from it (a session's
/// initial weights, a step's dropout masks) holds this, so that a parallel session (native tests,
/// several devices) cannot interleave and one seed always gives the same draws.
static RANDOM_DRAWS: Mutex<()> = Mutex::new(());

/// Holds burn's random generator for a seed-then-draw sequence (see [`RANDOM_DRAWS`]).
pub fn hold_random_draws() -> MutexGuard<'static, ()> {
    RANDOM_DRAWS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The seed of step `step`'s dropout masks in a run seeded with `seed`: every step draws from its
/// own, so a run resumed at any step (page or `sw2 train --resume`) drops what the whole run would.
pub fn dropout_seed(seed: u64, step: u64) -> u64 {
    // Neighbouring steps get unrelated seeds.
    mix64(seed ^ step.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA))
}

/// Runs `model` on a batch and scores it as training does, as training step `step` (counted from
/// the first weights): the step picks the dropout masks of a program that drops.
pub fn step_objective(
    model: &Network,
    inputs: Tensor<2>,
    targets: &Targets,
    config: &TrainConfig,
    loss_fn: &TaskLoss,
    step: u64,
) -> StepResult {
    // Held through the forward pass, where the masks are drawn.
    let _masks = model.drops_in_training().then(|| {
        let held = hold_random_draws();
        inputs.device().seed(dropout_seed(config.seed, step));
        held
    });
    let outputs = model.forward(inputs, config.activation);
    let loss = loss_fn.forward(outputs.clone(), targets);
    let objective = if config.regularization != Regularization::None && config.regularization_rate > 0.0 {
        let penalty = model.weight_penalty(config.regularization == Regularization::L2);
        loss.clone() + penalty * config.regularization_rate
    } else {
        loss.clone()
    };
    StepResult { objective, loss, outputs }
}

#[cfg(test)]
mod tests {
    use super::dropout_seed;

    #[test]
    fn dropout_seeds_stay_the_ones_the_readme_runs_drew() {
        // The masks behind the README's 1.9227 follow from these seeds (seed 1, steps 0 and
        // 19,999): a change here changes every dropout run.
        assert_eq!(dropout_seed(1, 0), 16_490_336_266_968_443_936);
        assert_eq!(dropout_seed(1, 19_999), 10_262_335_584_307_136_464);
        assert_eq!(dropout_seed(7, 5), 2_505_054_348_717_777_417);
    }
}
