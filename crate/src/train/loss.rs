//! The loss training minimizes: cross-entropy for classes, mean squared error for values.

use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig, MseLoss, Reduction};
use burn::prelude::*;

use super::fused_loss::{runs_fused, softmax_cross_entropy};
use super::tensors::Targets;

/// One loss for both tasks, picked by the kind of targets.
#[derive(Debug, Clone)]
pub struct TaskLoss {
    cross_entropy: CrossEntropyLoss,
    /// Cross-entropy as one fused op (the CPU backends; see [`super::fused_loss`]).
    fused: bool,
}

impl TaskLoss {
    /// The loss on `device` (cross-entropy keeps state there).
    pub fn new(device: &Device) -> Self {
        Self { cross_entropy: CrossEntropyLossConfig::new().init(device), fused: runs_fused(device) }
    }

    /// Mean loss of network `outputs` (`[n, classes]` logits, or `[n, 1]` values) against `targets`.
    pub fn forward(&self, outputs: Tensor<2>, targets: &Targets) -> Tensor<1> {
        match targets {
            Targets::Classes(t) if self.fused => softmax_cross_entropy(outputs, t.clone()),
            Targets::Classes(t) => self.cross_entropy.forward(outputs, t.clone()),
            Targets::Values(t) => MseLoss::new().forward(outputs, t.clone(), Reduction::Mean),
        }
    }
}
