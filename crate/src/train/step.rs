//! What one training step minimizes, shared by every loop that trains a network: the page's
//! session and the native program's burn-train learner compute the very same objective.

use burn::prelude::*;

use super::config::{Regularization, TrainConfig};
use super::loss::TaskLoss;
use super::tensors::Targets;
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

/// Runs `model` on a batch and scores it as training does.
pub fn step_objective(model: &Network, inputs: Tensor<2>, targets: &Targets, config: &TrainConfig, loss_fn: &TaskLoss) -> StepResult {
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
