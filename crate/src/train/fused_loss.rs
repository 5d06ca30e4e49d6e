//! Softmax cross-entropy as one differentiable op on the CPU, through burn's backend-extension
//! mechanism: the same math as burn's `CrossEntropyLoss`, but one autodiff node instead of a dozen.
//!
//! At small batches a training step's cost is its count of autodiff ops, not its arithmetic: each
//! op records a graph node and runs its own backward, several microseconds apiece, while the loss of
//! a 10-example batch is a few hundred flops. burn builds the loss from `log_softmax` (seven ops),
//! `gather`, two reshapes, `mean` and `neg`; here the forward runs those on the inner backend, with
//! no graph, and the backward is the textbook gradient `(softmax − one_hot) / n` in one node.
//! Only the CPU backends implement it; WebGPU keeps burn's loss (see [`TaskLoss`](super::loss::TaskLoss)).

use burn::backend::autodiff::checkpoint::base::Checkpointer;
use burn::backend::autodiff::checkpoint::strategy::CheckpointStrategy;
use burn::backend::autodiff::grads::Gradients;
use burn::backend::autodiff::ops::{Backward, Ops, OpsKind, unary};
use burn::backend::tensor::{FloatTensor, IntTensor};
use burn::backend::{Autodiff, Backend, Dispatch, Flex, TensorMetadata, backend_extension};
use burn::prelude::*;
use burn::tensor::IndexingUpdateOp;

/// The fused loss, as a burn backend extension (CPU backends and autodiff over them).
#[backend_extension(Flex, NdArray: cfg(feature = "ndarray"), Autodiff)]
pub trait FusedLossBackend: Backend {
    /// Mean softmax cross-entropy of `logits` `[n, k]` against class indices `targets` `[n]`, as `[1]`.
    fn softmax_cross_entropy(logits: FloatTensor<Self>, targets: IntTensor<Self>) -> FloatTensor<Self> {
        log_softmax_parts::<Self>(logits, targets).0
    }
}

impl FusedLossBackend for Flex {}

#[cfg(feature = "ndarray")]
#[allow(deprecated)] // ndarray is deprecated upstream in favour of flex
impl FusedLossBackend for burn::backend::NdArray {}

/// The loss `[1]` and, for the backward, the softmax `[n, k]` and the targets as `[n, 1]`.
fn log_softmax_parts<B: Backend>(logits: FloatTensor<B>, targets: IntTensor<B>) -> (FloatTensor<B>, FloatTensor<B>, IntTensor<B>) {
    let n = logits.shape()[0];
    let max = B::float_max_dim(logits.clone(), 1);
    let shifted = B::float_sub(logits, max);
    let exp = B::float_exp(shifted.clone());
    let sum = B::float_sum_dim(exp.clone(), 1);
    let log_probs = B::float_sub(shifted, B::float_log(sum.clone()));
    let targets = B::int_reshape(targets, [n, 1].into());
    let picked = B::float_gather(1, log_probs, targets.clone());
    let loss = B::float_neg(B::float_mean(picked));
    (B::float_reshape(loss, [1].into()), B::float_div(exp, sum), targets)
}

impl<B: Backend + FusedLossBackend, C: CheckpointStrategy> FusedLossBackend for Autodiff<B, C> {
    fn softmax_cross_entropy(logits: FloatTensor<Self>, targets: IntTensor<Self>) -> FloatTensor<Self> {
        /// d loss / d logits = (softmax − one_hot(targets)) · upstream / n.
        #[derive(Debug)]
        struct SoftmaxCrossEntropy;

        impl<B: Backend> Backward<B, 1> for SoftmaxCrossEntropy {
            type State = (B::FloatTensorPrimitive, B::IntTensorPrimitive);

            fn backward(self, ops: Ops<Self::State, 1>, grads: &mut Gradients, _checkpointer: &mut Checkpointer) {
                let (softmax, targets) = ops.state;
                unary::<B, _>(ops.parents, ops.node, grads, |grad| {
                    let n = softmax.shape()[0];
                    let minus_one = B::float_full([n, 1].into(), (-1f32).into(), &softmax.device(), softmax.dtype().into());
                    let delta = B::float_scatter(1, softmax, targets, minus_one, IndexingUpdateOp::Add);
                    let scale = B::float_reshape(B::float_mul_scalar(grad, (1.0 / n as f32).into()), [1, 1].into());
                    B::float_mul(delta, scale)
                });
            }
        }

        let guard = logits.node();
        let (loss, softmax, targets) = log_softmax_parts::<B>(logits.into_primitive(), targets);
        match SoftmaxCrossEntropy.prepare::<C>([guard]).compute_bound().stateful() {
            OpsKind::Tracked(prep) => prep.finish((softmax, targets), loss),
            OpsKind::UnTracked(prep) => prep.finish(loss),
        }
    }
}

/// Mean softmax cross-entropy of `logits` `[n, k]` against class indices `targets` `[n]`, as
/// `[1]`: burn's `CrossEntropyLoss` (logits, no weights, smoothing or padding) in one op. Only for
/// tensors on the CPU backend (plain or autodiff); see [`runs_fused`].
pub fn softmax_cross_entropy(logits: Tensor<2>, targets: Tensor<1, Int>) -> Tensor<1> {
    Tensor::from_dispatch(<Dispatch as FusedLossBackend>::softmax_cross_entropy(logits.into_dispatch(), targets.into_dispatch()))
}

/// Whether tensors on `device` can take the fused loss (the CPU backends, with or without autodiff).
pub fn runs_fused(device: &Device) -> bool {
    crate::model::gelu::on_cpu_backend(device)
}

#[cfg(test)]
mod tests {
    use burn::nn::loss::CrossEntropyLossConfig;
    use burn::tensor::Distribution;

    use super::*;
    use crate::train::backend::cpu_device;

    fn close(a: &[f32], b: &[f32], tolerance: f32) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance * (1.0 + y.abs()))
    }

    fn floats<const D: usize>(t: Tensor<D>) -> Vec<f32> {
        t.into_data().convert::<f32>().try_to_vec().unwrap()
    }

    #[test]
    fn loss_and_gradient_are_burns_cross_entropy() {
        let device = cpu_device().autodiff();
        device.seed(3);
        for (n, k, scale) in [(1, 2, 1.0), (10, 2, 1.0), (7, 3, 4.0), (33, 10, 0.5), (5, 2, 300.0)] {
            let logits = Tensor::<2>::random([n, k], Distribution::Normal(0.0, scale), &device).require_grad();
            let classes: Vec<i32> = (0..n).map(|i| (i * 7 + 1) % k).collect();
            let targets = Tensor::<1, Int>::from_data(TensorData::new(classes, [n]), &device);
            let ours = softmax_cross_entropy(logits.clone(), targets.clone());
            let theirs = CrossEntropyLossConfig::new().init(&device).forward(logits.clone(), targets);
            let (our_grads, their_grads) = (ours.backward(), theirs.backward());
            let (ours, theirs) = (floats(ours), floats(theirs));
            assert!(ours[0].is_finite() && close(&ours, &theirs, 1e-5), "[{n}, {k}] ×{scale}: loss {ours:?} vs {theirs:?}");
            let ours = floats(logits.grad(&our_grads).unwrap());
            let theirs = floats(logits.grad(&their_grads).unwrap());
            assert!(close(&ours, &theirs, 1e-5), "[{n}, {k}] ×{scale}: gradient {ours:?} vs {theirs:?}");
        }
    }

    #[test]
    fn runs_on_plain_cpu_tensors_and_says_where_it_runs() {
        let device = cpu_device();
        assert!(runs_fused(&device) && runs_fused(&device.clone().autodiff()));
        let logits = Tensor::<2>::from_data(TensorData::new(vec![2.0f32, 0.0, 0.0, 2.0], [2, 2]), &device);
        let targets = Tensor::<1, Int>::from_data(TensorData::new(vec![0i32, 0], [2]), &device);
        // −(log σ(2) + log σ(−2)) / 2 for the two-class softmax.
        let expected = ((1.0f32 + (-2.0f32).exp()).ln() + (1.0f32 + 2.0f32.exp()).ln()) / 2.0;
        let loss = floats(softmax_cross_entropy(logits, targets));
        assert!(close(&loss, &[expected], 1e-6), "{loss:?} vs {expected}");
    }
}
