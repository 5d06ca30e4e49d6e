//! Character-level programs: they read the last `context` tokens of a word and give logits for
//! the next one. The bigram is one readable table (row = the character before, column = the
//! next); the MLP is Bengio et al. 2003 as in *Neural Networks: Zero to Hero* part 2 — an
//! embedding per character, concatenated over the context, one tanh layer, then the logits.

use burn::module::Param;
use burn::nn::{Embedding, EmbeddingConfig, Initializer, Linear, LinearConfig};
use burn::prelude::*;

use super::activation::Activation;
use crate::error::{PlaygroundError, Result};

/// Which character-level program to build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextArchitecture {
    /// A vocabulary × vocabulary table of logits: the next character given the one before.
    Bigram,
    /// Embeddings of the last `context` characters, a tanh layer, then the logits.
    #[default]
    Mlp,
    /// makemore's GPT: the whole word so far, through causal self-attention blocks.
    Transformer,
}

impl TextArchitecture {
    /// The name the API uses.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bigram => "bigram",
            Self::Mlp => "mlp",
            Self::Transformer => "transformer",
        }
    }
}

/// The shape of a character-level program.
#[derive(Debug, Clone, PartialEq)]
pub struct TextShape {
    /// Which program.
    pub kind: TextArchitecture,
    /// Tokens in the vocabulary (characters and the end token).
    pub vocab: usize,
    /// Tokens read before the one predicted (1 for the bigram).
    pub context: usize,
    /// Width of each character's embedding (the vocabulary for the bigram: its rows are logits).
    pub embedding: usize,
    /// Width of each hidden tanh layer (none for the bigram and the transformer).
    pub hidden: Vec<usize>,
    /// Transformer blocks (transformer only).
    pub layers: usize,
    /// Attention heads per block (transformer only).
    pub heads: usize,
    /// Dropout while training (transformer only; 0 for the others).
    pub dropout: f64,
}

impl TextShape {
    /// Every parameter as `(name, shape)`, in the order [`CharNet::named_params`] lists them.
    pub fn parameter_shapes(&self) -> Vec<(String, Vec<usize>)> {
        if self.kind == TextArchitecture::Transformer {
            return self.transformer_shapes();
        }
        let mut out = vec![("embedding.weight".to_string(), vec![self.vocab, self.embedding])];
        for (i, w) in self.dense_widths().windows(2).enumerate() {
            out.push((format!("layers.{i}.weight"), vec![w[0], w[1]]));
            out.push((format!("layers.{i}.bias"), vec![w[1]]));
        }
        out
    }

    /// The GPT's parameters in the order burn visits them (see [`super::transformer::Gpt`]).
    fn transformer_shapes(&self) -> Vec<(String, Vec<usize>)> {
        let (w, v) = (self.embedding, self.vocab);
        let mut out = vec![("wte.weight".to_string(), vec![v, w]), ("wpe.weight".to_string(), vec![self.context, w])];
        let norm = |out: &mut Vec<(String, Vec<usize>)>, name: String| {
            out.push((format!("{name}.gamma"), vec![w]));
            out.push((format!("{name}.beta"), vec![w]));
        };
        for i in 0..self.layers {
            let b = format!("blocks.{i}");
            norm(&mut out, format!("{b}.ln_1"));
            for part in ["query", "key", "value", "output"] {
                out.push((format!("{b}.attn.{part}.weight"), vec![w, w]));
                out.push((format!("{b}.attn.{part}.bias"), vec![w]));
            }
            norm(&mut out, format!("{b}.ln_2"));
            out.push((format!("{b}.fc.weight"), vec![w, 4 * w]));
            out.push((format!("{b}.fc.bias"), vec![4 * w]));
            out.push((format!("{b}.proj.weight"), vec![4 * w, w]));
            out.push((format!("{b}.proj.bias"), vec![w]));
        }
        norm(&mut out, "ln_f".to_string());
        out.push(("lm_head.weight".to_string(), vec![w, v]));
        out
    }

    /// The GPT this shape describes.
    pub fn gpt(&self) -> super::transformer::GptShape {
        super::transformer::GptShape {
            vocab: self.vocab,
            block: self.context,
            width: self.embedding,
            layers: self.layers,
            heads: self.heads,
            dropout: self.dropout,
        }
    }

    /// Widths of the dense layers' inputs and outputs, first to last (empty for the bigram).
    fn dense_widths(&self) -> Vec<usize> {
        match self.kind {
            TextArchitecture::Bigram | TextArchitecture::Transformer => Vec::new(),
            TextArchitecture::Mlp => {
                std::iter::once(self.context * self.embedding).chain(self.hidden.iter().copied()).chain([self.vocab]).collect()
            }
        }
    }
}

/// A character-level program: an embedding table, then dense layers (none for the bigram).
#[derive(Module, Debug)]
pub struct CharNet {
    /// One row per token: its embedding, or for the bigram its next-character logits.
    pub embedding: Embedding,
    /// Hidden tanh layers, then the output layer (`[d_in, d_out]` weights); empty for the bigram.
    pub layers: Vec<Linear>,
    /// Tokens read before the one predicted.
    #[module(skip)]
    pub context: usize,
}

impl CharNet {
    /// A fresh program of `shape` on `device`: embeddings from N(0, 1) as in makemore (zeros for
    /// the bigram's table, so it starts uniform), Glorot-scaled dense layers for tanh.
    pub fn new(shape: &TextShape, device: &Device) -> Self {
        let init = match shape.kind {
            TextArchitecture::Bigram => Initializer::Zeros,
            TextArchitecture::Mlp | TextArchitecture::Transformer => Initializer::Normal { mean: 0.0, std: 1.0 },
        };
        let embedding = EmbeddingConfig::new(shape.vocab, shape.embedding).with_initializer(init).init(device);
        let dense = Initializer::XavierUniform { gain: 5.0 / 3.0 };
        let layers =
            shape.dense_widths().windows(2).map(|w| LinearConfig::new(w[0], w[1]).with_initializer(dense.clone()).init(device)).collect();
        let context = if shape.kind == TextArchitecture::Bigram { 1 } else { shape.context };
        Self { embedding, layers, context }
    }

    /// Which program this is.
    pub fn kind(&self) -> TextArchitecture {
        if self.layers.is_empty() { TextArchitecture::Bigram } else { TextArchitecture::Mlp }
    }

    /// Tokens in the vocabulary.
    pub fn vocab(&self) -> usize {
        self.embedding.weight.dims()[0]
    }

    /// Hidden activations (after tanh) and the logits `[n, vocab]`, for contexts `[n, context]`
    /// given as token numbers (floats, as every program's input rows are).
    pub fn activations(&self, contexts: Tensor<2>) -> Vec<Tensor<2>> {
        let n = contexts.dims()[0];
        let tokens: Tensor<2, Int> = contexts.int();
        let embedded = self.embedding.forward(tokens);
        let width = embedded.dims()[1] * embedded.dims()[2];
        let mut x = embedded.reshape([n, width]);
        let mut outputs = Vec::with_capacity(self.layers.len().max(1));
        let last = self.layers.len().saturating_sub(1);
        for (i, layer) in self.layers.iter().enumerate() {
            let z = layer.forward(x);
            x = if i < last { Activation::Tanh.apply(z) } else { z };
            outputs.push(x.clone());
        }
        if outputs.is_empty() {
            outputs.push(x);
        }
        outputs
    }

    /// Logits `[n, vocab]` for contexts `[n, context]`.
    pub fn forward(&self, contexts: Tensor<2>) -> Tensor<2> {
        self.activations(contexts).pop().expect("a program has an output")
    }

    /// Sum of |w| or w² over the embedding and dense weights (biases are not penalized).
    pub fn weight_penalty(&self, squared: bool) -> Tensor<1> {
        let term = |w: Tensor<2>| if squared { w.square().sum() } else { w.abs().sum() };
        let mut terms = vec![term(self.embedding.weight.val())];
        terms.extend(self.layers.iter().map(|l| term(l.weight.val())));
        Tensor::cat(terms, 0).sum()
    }

    /// Every parameter as `(name, values as [rows, cols])`: the embedding table, then each dense
    /// layer's weight and bias (as one row).
    pub fn named_params(&self) -> Vec<(String, Tensor<2>)> {
        let mut out = vec![("embedding.weight".to_string(), self.embedding.weight.val())];
        for (i, layer) in self.layers.iter().enumerate() {
            out.push((format!("layers.{i}.weight"), layer.weight.val()));
            if let Some(b) = &layer.bias {
                let n = b.dims()[0];
                out.push((format!("layers.{i}.bias"), b.val().reshape([1, n])));
            }
        }
        out
    }

    /// The true shape of parameter `name`.
    pub fn param_shape(&self, name: &str) -> Option<Vec<usize>> {
        if name == "embedding.weight" {
            return Some(self.embedding.weight.dims().to_vec());
        }
        let (i, kind) = name.strip_prefix("layers.")?.split_once('.')?;
        let layer = self.layers.get(i.parse::<usize>().ok()?)?;
        match kind {
            "weight" => Some(layer.weight.dims().to_vec()),
            "bias" => layer.bias.as_ref().map(|b| b.dims().to_vec()),
            _ => None,
        }
    }

    /// Replaces one parameter's values (shaped as [`CharNet::named_params`] gives them), keeping
    /// its identity so optimizer state still applies.
    pub fn replace_param(mut self, name: &str, values: Tensor<2>) -> Result<Self> {
        let unknown = || PlaygroundError::InvalidConfig(format!("no parameter named '{name}'"));
        if name == "embedding.weight" {
            self.embedding.weight = trainable(self.embedding.weight.id, values);
            return Ok(self);
        }
        let (i, kind) = name.strip_prefix("layers.").and_then(|r| r.split_once('.')).ok_or_else(unknown)?;
        let layer = self.layers.get_mut(i.parse::<usize>().map_err(|_| unknown())?).ok_or_else(unknown)?;
        match kind {
            "weight" => layer.weight = trainable(layer.weight.id, values),
            "bias" => {
                let n = values.dims()[0] * values.dims()[1];
                let bias = layer.bias.as_mut().ok_or_else(unknown)?;
                *bias = trainable(bias.id, values.reshape([n]));
            }
            _ => return Err(unknown()),
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
