//! GELU, `x · Φ(x)`, as one differentiable op on the CPU backends, with an erf that costs a
//! quarter of libm's.
//!
//! In a training step of makemore's transformer, burn's GELU took a fifth of the time: flex
//! computes it per element with libm's `erff`, and its backward with `erff` and `exp` again, each a
//! scalar call of a few dozen instructions. Here the forward and the backward are still burn flex's
//! own element-wise kernels (`unary_op`, `binary_op`), given an erf from Abramowitz and Stegun
//! (7.1.26: a degree-5 polynomial in `1 / (1 + p·|x|)` times `exp(−x²)`, within 5e-7 of libm), and
//! the backward shares one `exp` between Φ and its density. The function stays the exact GELU (not
//! the tanh approximation): exported models read the same in numpy. On the GPU burn's GELU runs.

use burn::backend::autodiff::checkpoint::base::Checkpointer;
use burn::backend::autodiff::checkpoint::strategy::CheckpointStrategy;
use burn::backend::autodiff::grads::Gradients;
use burn::backend::autodiff::ops::{Backward, Ops, OpsKind, unary};
use burn::backend::flex::ops::binary::binary_op;
use burn::backend::flex::ops::unary::{erf_f64, unary_op};
use burn::backend::tensor::FloatTensor;
use burn::backend::{Autodiff, Backend, Dispatch, Flex, backend_extension};
use burn::prelude::*;
use burn::tensor::activation;

/// GELU as a burn backend extension: flex's kernels with [`erf`], burn's own GELU elsewhere.
#[backend_extension(Flex, NdArray: cfg(feature = "ndarray"), Autodiff)]
pub trait GeluBackend: Backend {
    /// `x · Φ(x)` element-wise.
    fn gelu_fused(x: FloatTensor<Self>) -> FloatTensor<Self> {
        Self::gelu(x)
    }

    /// `grad · (Φ(x) + x · φ(x))`: the gradient through [`GeluBackend::gelu_fused`].
    fn gelu_fused_backward(x: FloatTensor<Self>, grad: FloatTensor<Self>) -> FloatTensor<Self> {
        Self::gelu_backward(x, grad)
    }
}

impl GeluBackend for Flex {
    fn gelu_fused(x: FloatTensor<Self>) -> FloatTensor<Self> {
        unary_op(x, |x: f32| x * normal_cdf_and_density(x).0, |x: f64| 0.5 * x * (1.0 + erf_f64(x * std::f64::consts::FRAC_1_SQRT_2)))
    }

    fn gelu_fused_backward(x: FloatTensor<Self>, grad: FloatTensor<Self>) -> FloatTensor<Self> {
        let f32_op = |x: f32, g: f32| {
            let (cdf, density) = normal_cdf_and_density(x);
            g * (cdf + x * density)
        };
        let f64_op = |x: f64, g: f64| {
            let cdf = 0.5 * (1.0 + erf_f64(x * std::f64::consts::FRAC_1_SQRT_2));
            g * (cdf + x * (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt())
        };
        binary_op(x, grad, f32_op, f64_op, None)
    }
}

#[cfg(feature = "ndarray")]
#[allow(deprecated)] // ndarray is deprecated upstream in favour of flex
impl GeluBackend for burn::backend::NdArray {}

impl<B: Backend + GeluBackend, C: CheckpointStrategy> GeluBackend for Autodiff<B, C> {
    fn gelu_fused(x: FloatTensor<Self>) -> FloatTensor<Self> {
        #[derive(Debug)]
        struct Gelu;

        impl<B: Backend + GeluBackend> Backward<B, 1> for Gelu {
            type State = B::FloatTensorPrimitive;

            fn backward(self, ops: Ops<Self::State, 1>, grads: &mut Gradients, _checkpointer: &mut Checkpointer) {
                let x = ops.state;
                unary::<B, _>(ops.parents, ops.node, grads, |grad| B::gelu_fused_backward(x, grad));
            }
        }

        let guard = x.node();
        let x = x.into_primitive();
        let y = B::gelu_fused(x.clone());
        match Gelu.prepare::<C>([guard]).compute_bound().stateful() {
            OpsKind::Tracked(prep) => prep.finish(x, y),
            OpsKind::UnTracked(prep) => prep.finish(y),
        }
    }
}

/// Φ(x) and φ(x), the standard normal's distribution and density at `x`, sharing one `exp`:
/// Φ(x) = (1 + erf(x/√2)) / 2 with [`erf`]'s polynomial, φ(x) = e^{−x²/2} / √(2π).
#[inline(always)]
fn normal_cdf_and_density(x: f32) -> (f32, f32) {
    let z = x * std::f32::consts::FRAC_1_SQRT_2;
    let e = (-z * z).exp();
    (0.5 * (1.0 + erf_given_exp(z, e)), e * 0.398_942_3)
}

/// erf(x) within 5e-7 of libm's `erff` (Abramowitz and Stegun 7.1.26; their bound is 1.5e-7 in
/// exact arithmetic): `1 − t·(a₁ + t·(a₂ + …)) · e^{−x²}` with `t = 1 / (1 + p·|x|)`, odd in x.
pub fn erf(x: f32) -> f32 {
    erf_given_exp(x, (-x * x).exp())
}

/// [`erf`] with `e^{−x²}` already computed.
#[inline(always)]
fn erf_given_exp(x: f32, exp_minus_x2: f32) -> f32 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    (1.0 - poly * exp_minus_x2).copysign(x)
}

/// GELU of `t`: one fused op on the CPU backends (plain or autodiff), burn's `gelu` elsewhere.
pub fn gelu<const D: usize>(t: Tensor<D>) -> Tensor<D> {
    if on_cpu_backend(&t.device()) {
        Tensor::from_dispatch(<Dispatch as GeluBackend>::gelu_fused(t.into_dispatch()))
    } else {
        activation::gelu(t)
    }
}

/// Whether tensors on `device` run on a CPU backend (flex, or ndarray where it is built), with or
/// without autodiff: the backends that take the playground's fused ops.
pub fn on_cpu_backend(device: &Device) -> bool {
    let plain = device.clone().inner();
    #[cfg(feature = "ndarray")]
    #[allow(deprecated)] // ndarray is deprecated upstream in favour of flex
    if plain == Device::ndarray() {
        return true;
    }
    plain == Device::flex()
}

#[cfg(test)]
mod tests {
    use burn::tensor::Distribution;

    use super::*;

    fn floats<const D: usize>(t: Tensor<D>) -> Vec<f32> {
        t.into_data().convert::<f32>().try_to_vec().unwrap()
    }

    #[test]
    fn erf_is_libms_to_half_a_millionth() {
        let worst = (-4000..=4000)
            .map(|i| i as f32 / 800.0)
            .map(|x| (erf(x) - burn::backend::flex::ops::unary::erf_f32(x)).abs())
            .fold(0.0, f32::max);
        assert!(worst < 5e-7, "worst difference {worst:e}");
        assert_eq!((erf(0.0), erf(-50.0), erf(50.0)), (0.0, -1.0, 1.0));
    }

    #[test]
    fn gelu_and_its_gradient_are_burns_exact_gelu() {
        let device = Device::flex().autodiff();
        device.seed(5);
        let x = Tensor::<3>::random([4, 16, 256], Distribution::Normal(0.0, 3.0), &device).require_grad();
        let upstream = Tensor::<3>::random([4, 16, 256], Distribution::Default, &device);
        let ours = gelu(x.clone());
        let theirs = activation::gelu(x.clone());
        let (our_grads, their_grads) = ((ours.clone() * upstream.clone()).sum().backward(), (theirs.clone() * upstream).sum().backward());
        let close = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| (x - y).abs() / (1.0 + y.abs())).fold(0.0, f32::max);
        let values = close(&floats(ours), &floats(theirs));
        let slopes = close(&floats(x.grad(&our_grads).unwrap()), &floats(x.grad(&their_grads).unwrap()));
        assert!(values < 1e-6 && slopes < 1e-6, "values differ by {values:e}, gradients by {slopes:e}");
        let extremes = Tensor::<1>::from_floats([-1e4f32, -30.0, 0.0, 30.0, 1e4], &Device::flex());
        assert_eq!(floats(gelu(extremes)), vec![-0.0, -0.0, 0.0, 30.0, 1e4]);
    }
}
