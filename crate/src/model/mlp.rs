//! The multilayer perceptron: the "binary" that training compiles the dataset into.

use burn::module::Param;
use burn::nn::{Initializer, Linear, LinearConfig};
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
            Activation::Tanh => activation::tanh(t),
            Activation::Sigmoid => activation::sigmoid(t),
            Activation::Linear => t,
        }
    }
}

/// A stack of fully connected layers; the last one produces one logit per class.
#[derive(Module, Debug)]
pub struct Mlp {
    /// Hidden layers followed by the output layer. Each `Linear` stores its weight as `[d_in, d_out]`.
    pub layers: Vec<Linear>,
}

impl Mlp {
    /// A freshly initialized network `inputs → hidden… → outputs` on `device`, its initial scale
    /// suited to `act`: Glorot (Xavier) for the saturating ones, He (Kaiming) for ReLU, so signals
    /// neither vanish nor explode with depth and small nets leave their first plateau quickly.
    ///
    /// Initialization draws from the device's random stream: seed the device first for
    /// reproducible weights.
    pub fn new(inputs: usize, hidden: &[usize], outputs: usize, act: Activation, device: &Device) -> Self {
        let init = match act {
            Activation::Relu => Initializer::KaimingUniform { gain: std::f64::consts::SQRT_2, fan_out_only: false },
            Activation::Tanh | Activation::Sigmoid | Activation::Linear => Initializer::XavierUniform { gain: 1.0 },
        };
        let widths: Vec<usize> = std::iter::once(inputs).chain(hidden.iter().copied()).chain([outputs]).collect();
        let layers =
            widths.windows(2).map(|w| LinearConfig::new(w[0], w[1]).with_initializer(init.clone()).init(device)).collect();
        Self { layers }
    }

    /// Logits `[n, outputs]` for inputs `[n, inputs]`.
    pub fn forward(&self, input: Tensor<2>, act: Activation) -> Tensor<2> {
        let last = self.layers.len() - 1;
        self.layers.iter().enumerate().fold(input, |x, (i, layer)| {
            let z = layer.forward(x);
            if i < last { act.apply(z) } else { z }
        })
    }

    /// Every layer's output for inputs `[n, inputs]`: hidden layers after the activation, then the logits.
    pub fn activations(&self, input: Tensor<2>, act: Activation) -> Vec<Tensor<2>> {
        let last = self.layers.len() - 1;
        let mut outputs: Vec<Tensor<2>> = Vec::with_capacity(self.layers.len());
        for (i, layer) in self.layers.iter().enumerate() {
            let x = outputs.last().cloned().unwrap_or_else(|| input.clone());
            let z = layer.forward(x);
            outputs.push(if i < last { act.apply(z) } else { z });
        }
        outputs
    }

    /// Sum of |w| (L1) or w² (L2) over all weight matrices; biases are not penalized.
    pub fn weight_penalty(&self, squared: bool) -> Tensor<1> {
        let terms: Vec<Tensor<1>> = self
            .layers
            .iter()
            .map(|l| {
                let w = l.weight.val();
                if squared { w.square().sum() } else { w.abs().sum() }
            })
            .collect();
        Tensor::cat(terms, 0).sum()
    }

    /// Every parameter as `(name, tensor)`, in layer order: weight then bias.
    pub fn named_params(&self) -> Vec<(String, Tensor<2>)> {
        let mut out = Vec::new();
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

    /// Replaces one parameter's values, keeping its identity (so optimizer state still applies).
    pub fn replace_param(mut self, name: &str, values: Tensor<2>) -> Result<Self> {
        let unknown = || PlaygroundError::InvalidConfig(format!("no parameter named '{name}'"));
        let (i, kind) = parse_param_name(name).ok_or_else(unknown)?;
        let layer = self.layers.get_mut(i).ok_or_else(unknown)?;
        match kind {
            ParamKind::Weight => {
                layer.weight = trainable(layer.weight.id, values);
            }
            ParamKind::Bias => {
                let bias = layer.bias.as_mut().ok_or_else(unknown)?;
                let n = values.dims()[1];
                *bias = trainable(bias.id, values.reshape([n]));
            }
        }
        Ok(self)
    }
}

/// A trainable parameter holding `value` under an existing identity.
fn trainable<const D: usize>(id: burn::module::ParamId, value: Tensor<D>) -> Param<Tensor<D>> {
    let mut param = Param::from_tensor(value);
    param.id = id;
    param
}

enum ParamKind {
    Weight,
    Bias,
}

fn parse_param_name(name: &str) -> Option<(usize, ParamKind)> {
    let rest = name.strip_prefix("layers.")?;
    let (index, kind) = rest.split_once('.')?;
    let kind = match kind {
        "weight" => ParamKind::Weight,
        "bias" => ParamKind::Bias,
        _ => return None,
    };
    Some((index.parse().ok()?, kind))
}
