//! The non-linearity between layers, and tanh computed through `exp` where that is faster.

use burn::prelude::*;
use burn::tensor::activation;
use serde::{Deserialize, Serialize};

/// The non-linearity applied after every hidden layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// max(0, x): piecewise-linear boundaries.
    Relu,
    /// Smooth, centred at zero: the playground's default.
    Tanh,
    /// Smooth, in (0, 1).
    Sigmoid,
    /// No non-linearity: the whole network collapses to one linear map.
    Linear,
}

impl Activation {
    /// Applies the activation element-wise.
    pub fn apply<const D: usize>(self, t: Tensor<D>) -> Tensor<D> {
        match self {
            Activation::Relu => activation::relu(t),
            Activation::Tanh if t.shape().num_elements() < TANH_BY_EXP_FROM => activation::tanh(t),
            Activation::Tanh => tanh_by_exp(t),
            Activation::Sigmoid => activation::sigmoid(t),
            Activation::Linear => t,
        }
    }
}

/// Smallest activation (in elements) computed by [`tanh_by_exp`]. Below it burn's own `tanh` is
/// cheaper: one op instead of seven, and at a few dozen elements (batch 10 × 4 units, TF Playground's
/// default) a step's cost is per op (dispatch and autodiff bookkeeping), not per element.
pub const TANH_BY_EXP_FROM: usize = 1024;

/// tanh(x) as 1 − 2 / (e^{2x} + 1), from burn's `exp` and element-wise arithmetic.
///
/// Same function, another path through burn: the CPU backends' own `tanh` is scalar libm (ndarray
/// widens each f32 to f64 first), and in wasm it cost more than the rest of a W1a step together,
/// while `exp` and the arithmetic are cheap and vectorized (see README, "Speed"). The exponent is
/// clamped to ±20 (|x| ≤ 10, where tanh is ±1 in f32) so e^{2x} never overflows: an infinity
/// would turn the backward pass's 0 · ∞ into NaN. Agrees with `f32::tanh` to a few ulps.
pub fn tanh_by_exp<const D: usize>(t: Tensor<D>) -> Tensor<D> {
    let e = (t * 2.0).clamp(-20.0, 20.0).exp();
    (e + 1.0).recip() * -2.0 + 1.0
}

#[cfg(test)]
mod tanh_tests {
    use burn::prelude::*;

    use super::tanh_by_exp;

    #[test]
    fn tanh_by_exp_is_tanh_and_its_gradient_stays_finite_when_saturated() {
        let device = Device::flex().autodiff();
        let xs = [-1e4f32, -50.0, -10.0, -3.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 3.0, 10.0, 50.0, 1e4];
        let x = Tensor::<1>::from_floats(xs, &device).require_grad();
        let y = tanh_by_exp(x.clone());
        let grads = y.clone().sum().backward();
        let values: Vec<f32> = y.into_data().try_to_vec().unwrap();
        let slopes: Vec<f32> = x.grad(&grads).unwrap().into_data().try_to_vec().unwrap();
        for ((&v, &s), &x) in values.iter().zip(&slopes).zip(&xs) {
            assert!((v - x.tanh()).abs() < 1e-6, "tanh({x}) = {v}, expected {}", x.tanh());
            let want = 1.0 - x.tanh() * x.tanh();
            assert!(s.is_finite() && (s - want).abs() < 1e-5, "slope at {x} = {s}, expected {want}");
        }
    }
}
