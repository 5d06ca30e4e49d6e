//! The network: the "binary" that training compiles the dataset into. Its architecture is one of
//! a few variants — dense layers on feature rows, or convolutions before them on images — so a new
//! kind of program is one more variant, not a change in every tool.

use burn::module::Param;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::MaxPool2dConfig;
use burn::nn::{Initializer, Linear, LinearConfig, PaddingConfig2d};
use burn::prelude::*;
use burn::tensor::activation;

use super::activation::Activation;
use super::architecture::Architecture;
use super::param_walk::{params_of, replace_param_of};
use super::text::{CharNet, TextArchitecture};
use super::transformer::Gpt;
use crate::error::{PlaygroundError, Result};

/// Fully connected layers: the hidden layers, then the output layer with one logit per class.
/// Each `Linear` stores its weight as `[d_in, d_out]`.
#[derive(Module, Debug)]
pub struct DenseLayers {
    /// Hidden layers followed by the output layer.
    pub layers: Vec<Linear>,
}

/// 3×3 convolutions, each followed by ReLU and 2×2 max-pooling, on flat pixel rows of
/// `[width, height]` images, before fully connected layers. Its fields are named as a dense
/// network's are (`convs`, `layers`), so saved tensors keep the names model files have always had.
#[derive(Module, Debug)]
pub struct ConvolutionalNet {
    /// The convolutions, first to last.
    pub convs: Vec<Conv2d>,
    /// The dense layers on the flattened last feature map, output layer last.
    pub layers: Vec<Linear>,
    /// `[width, height]` of the input images.
    #[module(skip)]
    pub image: [usize; 2],
}

/// The program a dataset compiles into, one variant per architecture.
#[derive(Module, Debug)]
pub enum Network {
    /// A multilayer perceptron on feature rows (points, or pixels as a row).
    Dense(DenseLayers),
    /// Convolutions before dense layers, on images.
    Convolutional(ConvolutionalNet),
    /// A character-level program on word lists: it reads the last characters and writes the next.
    Text(CharNet),
    /// makemore's transformer on word lists: it reads the whole word so far.
    Gpt(Gpt),
}

impl Network {
    /// A freshly initialized network on `device`, its initial scale suited to the activation:
    /// Glorot (Xavier) for the saturating ones, He (Kaiming) for ReLU (and the convolutions), so
    /// signals neither vanish nor explode with depth and small nets leave their first plateau quickly.
    ///
    /// Initialization draws from the device's random stream: seed the device first for
    /// reproducible weights.
    pub fn new(arch: &Architecture, device: &Device) -> Self {
        if let Some(shape) = &arch.text {
            if shape.kind == TextArchitecture::Transformer {
                return Self::Gpt(Gpt::new(&shape.gpt(), device));
            }
            return Self::Text(CharNet::new(shape, device));
        }
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
        match arch.image {
            Some(image) if !convs.is_empty() => Self::Convolutional(ConvolutionalNet { convs, layers, image }),
            _ => Self::Dense(DenseLayers { layers }),
        }
    }

    /// The fully connected layers (every variant ends in them), output layer last.
    pub fn layers(&self) -> &[Linear] {
        match self {
            Self::Dense(d) => &d.layers,
            Self::Convolutional(c) => &c.layers,
            Self::Text(t) => &t.layers,
            Self::Gpt(_) => &[],
        }
    }

    /// The fully connected layers, to change.
    pub fn layers_mut(&mut self) -> &mut [Linear] {
        match self {
            Self::Dense(d) => &mut d.layers,
            Self::Convolutional(c) => &mut c.layers,
            Self::Text(t) => &mut t.layers,
            Self::Gpt(_) => &mut [],
        }
    }

    /// The convolutions, first to last (none for a dense network).
    pub fn convs(&self) -> &[Conv2d] {
        match self {
            Self::Dense(_) | Self::Text(_) | Self::Gpt(_) => &[],
            Self::Convolutional(c) => &c.convs,
        }
    }

    /// The convolutions, to change.
    pub fn convs_mut(&mut self) -> &mut [Conv2d] {
        match self {
            Self::Dense(_) | Self::Text(_) | Self::Gpt(_) => &mut [],
            Self::Convolutional(c) => &mut c.convs,
        }
    }

    /// The character embeddings of a word program (none for the other variants).
    pub fn embedding(&self) -> Option<&burn::nn::Embedding> {
        match self {
            Self::Text(t) => Some(&t.embedding),
            _ => None,
        }
    }

    /// The character embeddings, to change.
    pub fn embedding_mut(&mut self) -> Option<&mut burn::nn::Embedding> {
        match self {
            Self::Text(t) => Some(&mut t.embedding),
            _ => None,
        }
    }

    /// `[width, height]` of the images a convolutional network reads.
    pub fn image(&self) -> Option<[usize; 2]> {
        match self {
            Self::Dense(_) | Self::Text(_) | Self::Gpt(_) => None,
            Self::Convolutional(c) => Some(c.image),
        }
    }

    /// Starts the output layer on the targets' scale (regression): its weights multiplied by
    /// `std` and its bias set to `mean`, so the first predictions already have the data's level and
    /// spread instead of Adam walking the bias there step by step.
    pub fn on_target_scale(self, mean: f64, std: f64) -> Self {
        let last = self.layers().len() - 1;
        let weight = self.layers()[last].weight.val().detach().set_require_grad(false) * std;
        let outputs = weight.dims()[1];
        let bias = Tensor::full([1, outputs], mean, &weight.device());
        let model = self.replace_param(&format!("layers.{last}.weight"), weight).expect("the output layer exists");
        model.replace_param(&format!("layers.{last}.bias"), bias).expect("the output layer has a bias")
    }

    /// The convolutional stack applied to flat pixel rows `[n, w·h]`, flattened again (the rows
    /// themselves for a dense network).
    pub(crate) fn features(&self, input: Tensor<2>) -> Tensor<2> {
        let n = input.dims()[0];
        let Some(last) = self.conv_maps(input.clone()).pop() else { return input };
        let x = pool2().forward(last);
        let [_, c, ph, pw] = x.dims();
        x.reshape([n, c * ph * pw])
    }

    /// Each convolution's output after ReLU and before pooling, `[n, channels, h, w]`, for flat
    /// pixel rows `[n, w·h]`: the feature maps a person can look at (empty for a dense network).
    pub fn conv_maps(&self, input: Tensor<2>) -> Vec<Tensor<4>> {
        let Self::Convolutional(net) = self else { return Vec::new() };
        let [w, h] = net.image;
        let n = input.dims()[0];
        let mut maps: Vec<Tensor<4>> = Vec::with_capacity(net.convs.len());
        for conv in &net.convs {
            let x = match maps.last() {
                Some(previous) => pool2().forward(previous.clone()),
                None => input.clone().reshape([n, 1, h, w]),
            };
            maps.push(activation::relu(conv.forward(x)));
        }
        maps
    }

    /// Whether training draws dropout masks (a transformer with dropout above 0).
    pub fn drops_in_training(&self) -> bool {
        matches!(self, Self::Gpt(g) if g.dropout.prob > 0.0 && g.dropout.training.is_enabled())
    }

    /// Logits `[n, outputs]` for inputs `[n, inputs]`.
    pub fn forward(&self, input: Tensor<2>, act: Activation) -> Tensor<2> {
        self.activations(input, act).pop().expect("a network has an output layer")
    }

    /// Every fully connected layer's output for inputs `[n, inputs]`: hidden layers after the
    /// activation, then the logits.
    pub fn activations(&self, input: Tensor<2>, act: Activation) -> Vec<Tensor<2>> {
        if let Self::Text(t) = self {
            return t.activations(input);
        }
        if let Self::Gpt(g) = self {
            return vec![g.forward(input)];
        }
        let layers = self.layers();
        let last = layers.len() - 1;
        let mut outputs: Vec<Tensor<2>> = Vec::with_capacity(layers.len());
        let features = self.features(input);
        for (i, layer) in layers.iter().enumerate() {
            let x = outputs.last().cloned().unwrap_or_else(|| features.clone());
            let z = layer.forward(x);
            outputs.push(if i < last { act.apply(z) } else { z });
        }
        outputs
    }

    /// Sum of |w| (L1) or w² (L2) over all weights (dense and convolution); biases are not penalized.
    pub fn weight_penalty(&self, squared: bool) -> Tensor<1> {
        if let Self::Text(t) = self {
            return t.weight_penalty(squared);
        }
        if let Self::Gpt(g) = self {
            let terms = params_of(g).into_iter().map(|(_, w, _)| if squared { w.square().sum() } else { w.abs().sum() }).collect();
            return Tensor::cat(terms, 0).sum();
        }
        let mut terms: Vec<Tensor<1>> = self
            .layers()
            .iter()
            .map(|l| {
                let w = l.weight.val();
                if squared { w.square().sum() } else { w.abs().sum() }
            })
            .collect();
        for c in self.convs() {
            let w = c.weight.val();
            terms.push(if squared { w.square().sum() } else { w.abs().sum() });
        }
        Tensor::cat(terms, 0).sum()
    }

    /// Every parameter as `(name, values as [rows, cols])` in order: convolutions, then dense
    /// layers, weight before bias. Dense weights are `[inputs, outputs]`, convolution kernels
    /// `[out, in·3·3]`, biases one row.
    pub fn named_params(&self) -> Vec<(String, Tensor<2>)> {
        if let Self::Text(t) = self {
            return t.named_params();
        }
        if let Self::Gpt(g) = self {
            return params_of(g).into_iter().map(|(name, values, _)| (name, values)).collect();
        }
        let mut out = Vec::new();
        for (i, conv) in self.convs().iter().enumerate() {
            let [o, c, kh, kw] = conv.weight.dims();
            out.push((format!("convs.{i}.weight"), conv.weight.val().reshape([o, c * kh * kw])));
            if let Some(b) = &conv.bias {
                out.push((format!("convs.{i}.bias"), b.val().reshape([1, o])));
            }
        }
        for (i, layer) in self.layers().iter().enumerate() {
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
        if let Self::Text(t) = self {
            return t.param_shape(name);
        }
        if let Self::Gpt(g) = self {
            return params_of(g).into_iter().find(|(n, _, _)| n == name).map(|(_, _, shape)| shape);
        }
        let (group, i, kind) = parse_param_name(name)?;
        match (group, kind) {
            (Group::Conv, ParamKind::Weight) => self.convs().get(i).map(|c| c.weight.dims().to_vec()),
            (Group::Conv, ParamKind::Bias) => self.convs().get(i)?.bias.as_ref().map(|b| b.dims().to_vec()),
            (Group::Dense, ParamKind::Weight) => self.layers().get(i).map(|l| l.weight.dims().to_vec()),
            (Group::Dense, ParamKind::Bias) => self.layers().get(i)?.bias.as_ref().map(|b| b.dims().to_vec()),
        }
    }

    /// Replaces one parameter's values (given as [`Network::named_params`] shapes them), keeping its
    /// identity so optimizer state still applies.
    pub fn replace_param(mut self, name: &str, values: Tensor<2>) -> Result<Self> {
        if let Self::Text(t) = self {
            return Ok(Self::Text(t.replace_param(name, values)?));
        }
        if let Self::Gpt(g) = self {
            return Ok(Self::Gpt(replace_param_of(g, name, values)?));
        }
        let unknown = || PlaygroundError::InvalidConfig(format!("no parameter named '{name}'"));
        let (group, i, kind) = parse_param_name(name).ok_or_else(unknown)?;
        let n = values.dims()[0] * values.dims()[1];
        match (group, kind) {
            (Group::Conv, ParamKind::Weight) => {
                let conv = self.convs_mut().get_mut(i).ok_or_else(unknown)?;
                let dims = conv.weight.dims();
                conv.weight = trainable(conv.weight.id, values.reshape(dims));
            }
            (Group::Conv, ParamKind::Bias) => {
                let bias = self.convs_mut().get_mut(i).ok_or_else(unknown)?.bias.as_mut().ok_or_else(unknown)?;
                *bias = trainable(bias.id, values.reshape([n]));
            }
            (Group::Dense, ParamKind::Weight) => {
                let layer = self.layers_mut().get_mut(i).ok_or_else(unknown)?;
                layer.weight = trainable(layer.weight.id, values);
            }
            (Group::Dense, ParamKind::Bias) => {
                let bias = self.layers_mut().get_mut(i).ok_or_else(unknown)?.bias.as_mut().ok_or_else(unknown)?;
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
