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
            Targets::Sequence(t) => {
                let (sum, count) = sequence_nll(outputs, t);
                sum / count
            }
        }
    }
}

/// Summed negative log-likelihood of a sequence split's real positions (`[b·t, vocab]` logits
/// against `[b, t]` targets, [`super::tensors::PAD`] left out) and how many there are, both
/// `[1]`: makemore's loss is their ratio, the mean per character, the end included.
pub fn sequence_nll(logits: Tensor<2>, targets: &Tensor<2, Int>) -> (Tensor<1>, Tensor<1>) {
    let [b, t] = targets.dims();
    let flat = targets.clone().reshape([b * t, 1]);
    let real = flat.clone().greater_equal_elem(0).float();
    let picked = burn::tensor::activation::log_softmax(logits, 1).gather(1, flat.clamp_min(0));
    ((picked * real.clone()).sum().neg(), real.sum())
}
