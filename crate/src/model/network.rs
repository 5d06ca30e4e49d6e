//! The network: a multilayer perceptron, optionally behind a small convolutional stack for images.
//! It is the "binary" that training compiles the dataset into.

use burn::module::Param;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::MaxPool2dConfig;
use burn::nn::{Initializer, Linear, LinearConfig, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation;
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};

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

/// What to build: input width, optional convolutional stack (images only), hidden widths, outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Architecture {
    /// Width of the input rows (features, or pixels).
    pub inputs: usize,
    /// `[width, height]` of image inputs; needed for convolutions.
    pub image: Option<[usize; 2]>,
    /// Output channels of each 3×3 convolution (each followed by ReLU and 2×2 max-pooling);
    /// used only with `image`.
    pub conv: Vec<usize>,
    /// Width of each hidden fully connected layer.
    pub hidden: Vec<usize>,
    /// Number of outputs (classes).
    pub outputs: usize,
    /// Non-linearity after each hidden layer.
    pub activation: Activation,
}

impl Architecture {
    /// The convolution channels actually used (none without an image shape).
    pub fn conv_layers(&self) -> &[usize] {
        if self.image.is_some() { &self.conv } else { &[] }
    }

    /// Width of the first fully connected layer's input: the flattened conv output, or the inputs.
    pub fn dense_inputs(&self) -> usize {
        match (self.image, self.conv_layers().last()) {
            (Some([w, h]), Some(&channels)) => {
                let k = self.conv_layers().len();
                channels * (w >> k) * (h >> k)
            }
            _ => self.inputs,
        }
    }

    /// Checks that every convolution still has pixels to pool.
    pub fn check(&self) -> Result<()> {
        if let (Some([w, h]), k) = (self.image, self.conv_layers().len()) {
            if k > 0 && (w >> k == 0 || h >> k == 0) {
                return Err(PlaygroundError::InvalidConfig(format!(
                    "{k} convolution layers halve {w}×{h} images {k} times, leaving no pixels: use fewer"
                )));
            }
        }
        Ok(())
    }

    /// Every parameter as `(name, shape)`, in the order [`Network::named_params`] lists them.
    pub fn parameter_shapes(&self) -> Vec<(String, Vec<usize>)> {
        let mut out = Vec::new();
        let mut channels = 1;
        for (i, &c) in self.conv_layers().iter().enumerate() {
            out.push((format!("convs.{i}.weight"), vec![c, channels, 3, 3]));
            out.push((format!("convs.{i}.bias"), vec![c]));
            channels = c;
        }
        let widths: Vec<usize> = std::iter::once(self.dense_inputs()).chain(self.hidden.iter().copied()).chain([self.outputs]).collect();
        for (i, w) in widths.windows(2).enumerate() {
            out.push((format!("layers.{i}.weight"), vec![w[0], w[1]]));
            out.push((format!("layers.{i}.bias"), vec![w[1]]));
        }
        out
    }
}

/// Optional convolutions (images), then fully connected layers; the last one produces one logit
/// per class.
#[derive(Module, Debug)]
pub struct Network {
    /// 3×3 convolutions, each followed by ReLU and 2×2 max-pooling (empty for an MLP).
    pub convs: Vec<Conv2d>,
    /// Hidden layers followed by the output layer. Each `Linear` stores its weight as `[d_in, d_out]`.
    pub layers: Vec<Linear>,
    /// `[width, height]` of image inputs when there are convolutions.
    #[module(skip)]
    pub image: Option<[usize; 2]>,
}

impl Network {
    /// A freshly initialized network on `device`, its initial scale suited to the activation:
    /// Glorot (Xavier) for the saturating ones, He (Kaiming) for ReLU (and the convolutions), so
    /// signals neither vanish nor explode with depth and small nets leave their first plateau quickly.
    ///
    /// Initialization draws from the device's random stream: seed the device first for
    /// reproducible weights.
    pub fn new(arch: &Architecture, device: &Device) -> Self {
        let he = Initializer::KaimingUniform { gain: std::f64::consts::SQRT_2, fan_out_only: false };
        let init = match arch.activation {
            Activation::Relu => he.clone(),
            Activation::Tanh | Activation::Sigmoid | Activation::Linear => Initializer::XavierUniform { gain: 1.0 },
        };
        let mut channels = 1;
        let convs = arch
            .conv_layers()
            .iter()
            .map(|&c| {
                let conv =
                    Conv2dConfig::new([channels, c], [3, 3]).with_padding(PaddingConfig2d::Same).with_initializer(he.clone()).init(device);
                channels = c;
                conv
            })
            .collect::<Vec<_>>();
        let widths: Vec<usize> = std::iter::once(arch.dense_inputs()).chain(arch.hidden.iter().copied()).chain([arch.outputs]).collect();
        let layers = widths.windows(2).map(|w| LinearConfig::new(w[0], w[1]).with_initializer(init.clone()).init(device)).collect();
        let image = if convs.is_empty() { None } else { arch.image };
        Self { convs, layers, image }
    }

    /// Starts the output layer on the targets' scale (regression): its weights multiplied by
    /// `std` and its bias set to `mean`, so the first predictions already have the data's level and
    /// spread instead of Adam walking the bias there step by step.
    pub fn on_target_scale(self, mean: f64, std: f64) -> Self {
        let last = self.layers.len() - 1;
        let weight = self.layers[last].weight.val().detach().set_require_grad(false) * std;
        let outputs = weight.dims()[1];
        let bias = Tensor::full([1, outputs], mean, &weight.device());
        let model = self.replace_param(&format!("layers.{last}.weight"), weight).expect("the output layer exists");
        model.replace_param(&format!("layers.{last}.bias"), bias).expect("the output layer has a bias")
    }

    /// The convolutional stack applied to flat pixel rows `[n, w·h]`, flattened again.
    pub(crate) fn features(&self, input: Tensor<2>) -> Tensor<2> {
        let n = input.dims()[0];
        let Some(last) = self.conv_maps(input.clone()).pop() else { return input };
        let x = pool2().forward(last);
        let [_, c, ph, pw] = x.dims();
        x.reshape([n, c * ph * pw])
    }

    /// Each convolution's output after ReLU and before pooling, `[n, channels, h, w]`, for flat
    /// pixel rows `[n, w·h]`: the feature maps a person can look at (empty for an MLP).
    pub fn conv_maps(&self, input: Tensor<2>) -> Vec<Tensor<4>> {
        let Some([w, h]) = self.image.filter(|_| !self.convs.is_empty()) else { return Vec::new() };
        let n = input.dims()[0];
        let mut maps: Vec<Tensor<4>> = Vec::with_capacity(self.convs.len());
        for conv in &self.convs {
            let x = match maps.last() {
                Some(previous) => pool2().forward(previous.clone()),
                None => input.clone().reshape([n, 1, h, w]),
            };
            maps.push(activation::relu(conv.forward(x)));
        }
        maps
    }

    /// Logits `[n, outputs]` for inputs `[n, inputs]`.
    pub fn forward(&self, input: Tensor<2>, act: Activation) -> Tensor<2> {
        self.activations(input, act).pop().expect("a network has an output layer")
    }

    /// Every fully connected layer's output for inputs `[n, inputs]`: hidden layers after the
    /// activation, then the logits.
    pub fn activations(&self, input: Tensor<2>, act: Activation) -> Vec<Tensor<2>> {
        let last = self.layers.len() - 1;
        let mut outputs: Vec<Tensor<2>> = Vec::with_capacity(self.layers.len());
        let features = self.features(input);
        for (i, layer) in self.layers.iter().enumerate() {
            let x = outputs.last().cloned().unwrap_or_else(|| features.clone());
            let z = layer.forward(x);
            outputs.push(if i < last { act.apply(z) } else { z });
        }
        outputs
    }

    /// Sum of |w| (L1) or w² (L2) over all weights (dense and convolution); biases are not penalized.
    pub fn weight_penalty(&self, squared: bool) -> Tensor<1> {
        let mut terms: Vec<Tensor<1>> = self
            .layers
            .iter()
            .map(|l| {
                let w = l.weight.val();
                if squared { w.square().sum() } else { w.abs().sum() }
            })
            .collect();
        for c in &self.convs {
            let w = c.weight.val();
            terms.push(if squared { w.square().sum() } else { w.abs().sum() });
        }
        Tensor::cat(terms, 0).sum()
    }

    /// Every parameter as `(name, values as [rows, cols])` in order: convolutions, then dense
    /// layers, weight before bias. Dense weights are `[inputs, outputs]`, convolution kernels
    /// `[out, in·3·3]`, biases one row.
    pub fn named_params(&self) -> Vec<(String, Tensor<2>)> {
        let mut out = Vec::new();
        for (i, conv) in self.convs.iter().enumerate() {
            let [o, c, kh, kw] = conv.weight.dims();
            out.push((format!("convs.{i}.weight"), conv.weight.val().reshape([o, c * kh * kw])));
            if let Some(b) = &conv.bias {
                out.push((format!("convs.{i}.bias"), b.val().reshape([1, o])));
            }
        }
        for (i, layer) in self.layers.iter().enumerate() {
            out.push((format!("layers.{i}.weight"), layer.weight.val()));
            if let Some(b) = &layer.bias {
                let b = b.val();
                let n = b.dims()[0];
                out.push((format!("layers.{i}.bias"), b.reshape([1, n])));
            }
        }
        out
    }

    /// The true shape of parameter `name` (convolution kernels are 4D).
    pub fn param_shape(&self, name: &str) -> Option<Vec<usize>> {
        let (group, i, kind) = parse_param_name(name)?;
        match (group, kind) {
            (Group::Conv, ParamKind::Weight) => self.convs.get(i).map(|c| c.weight.dims().to_vec()),
            (Group::Conv, ParamKind::Bias) => self.convs.get(i)?.bias.as_ref().map(|b| b.dims().to_vec()),
            (Group::Dense, ParamKind::Weight) => self.layers.get(i).map(|l| l.weight.dims().to_vec()),
            (Group::Dense, ParamKind::Bias) => self.layers.get(i)?.bias.as_ref().map(|b| b.dims().to_vec()),
        }
    }

    /// Replaces one parameter's values (given as [`Network::named_params`] shapes them), keeping its
    /// identity so optimizer state still applies.
    pub fn replace_param(mut self, name: &str, values: Tensor<2>) -> Result<Self> {
        let unknown = || PlaygroundError::InvalidConfig(format!("no parameter named '{name}'"));
        let (group, i, kind) = parse_param_name(name).ok_or_else(unknown)?;
        let n = values.dims()[0] * values.dims()[1];
        match (group, kind) {
            (Group::Conv, ParamKind::Weight) => {
                let conv = self.convs.get_mut(i).ok_or_else(unknown)?;
                let dims = conv.weight.dims();
                conv.weight = trainable(conv.weight.id, values.reshape(dims));
            }
            (Group::Conv, ParamKind::Bias) => {
                let bias = self.convs.get_mut(i).ok_or_else(unknown)?.bias.as_mut().ok_or_else(unknown)?;
                *bias = trainable(bias.id, values.reshape([n]));
            }
            (Group::Dense, ParamKind::Weight) => {
                let layer = self.layers.get_mut(i).ok_or_else(unknown)?;
                layer.weight = trainable(layer.weight.id, values);
            }
            (Group::Dense, ParamKind::Bias) => {
                let bias = self.layers.get_mut(i).ok_or_else(unknown)?.bias.as_mut().ok_or_else(unknown)?;
                *bias = trainable(bias.id, values.reshape([n]));
            }
        }
        Ok(self)
    }
}

/// The 2×2 max-pooling after each convolution.
fn pool2() -> burn::nn::pool::MaxPool2d {
    MaxPool2dConfig::new([2, 2]).with_strides([2, 2]).init()
}

/// A trainable parameter holding `value` under an existing identity.
fn trainable<const D: usize>(id: burn::module::ParamId, value: Tensor<D>) -> Param<Tensor<D>> {
    let mut param = Param::from_tensor(value);
    param.id = id;
    param
}

enum Group {
    Conv,
    Dense,
}

enum ParamKind {
    Weight,
    Bias,
}

fn parse_param_name(name: &str) -> Option<(Group, usize, ParamKind)> {
    let (group, rest) =
        if let Some(r) = name.strip_prefix("layers.") { (Group::Dense, r) } else { (Group::Conv, name.strip_prefix("convs.")?) };
    let (index, kind) = rest.split_once('.')?;
    let kind = match kind {
        "weight" => ParamKind::Weight,
        "bias" => ParamKind::Bias,
        _ => return None,
    };
    Some((group, index.parse().ok()?, kind))
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
