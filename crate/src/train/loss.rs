//! The loss training minimizes: cross-entropy for classes, mean squared error for values.

use burn::nn::loss::{CrossEntropyLoss, CrossEntropyLossConfig, MseLoss, Reduction};
use burn::prelude::*;

use super::tensors::Targets;

/// One loss for both tasks, picked by the kind of targets.
#[derive(Debug, Clone)]
pub struct TaskLoss {
    cross_entropy: CrossEntropyLoss,
}

impl TaskLoss {
    /// The loss on `device` (cross-entropy keeps state there).
    pub fn new(device: &Device) -> Self {
        Self { cross_entropy: CrossEntropyLossConfig::new().init(device) }
    }

    /// Mean loss of network `outputs` (`[n, classes]` logits, or `[n, 1]` values) against `targets`.
    pub fn forward(&self, outputs: Tensor<2>, targets: &Targets) -> Tensor<1> {
        match targets {
            Targets::Classes(t) => self.cross_entropy.forward(outputs, t.clone()),
            Targets::Values(t) => MseLoss::new().forward(outputs, t.clone(), Reduction::Mean),
        }
    }
}
