//! A small GPT as in makemore: token and position embeddings, blocks of causal self-attention
//! and a 4× MLP (each after a LayerNorm, each added back to the stream), a last LayerNorm and the
//! logits. It reads a whole word at once — the start token, then its characters — and predicts
//! every next character in parallel, each position seeing only the ones before it.

use burn::nn::attention::{MhaInput, MultiHeadAttention, MultiHeadAttentionConfig, generate_autoregressive_mask};
use burn::nn::{Dropout, DropoutConfig, Embedding, EmbeddingConfig, LayerNorm, LayerNormConfig, Linear, LinearConfig};
use burn::prelude::*;

use super::gelu::gelu;

/// The shape of a GPT.
#[derive(Debug, Clone, PartialEq)]
pub struct GptShape {
    /// Tokens in the vocabulary.
    pub vocab: usize,
    /// Positions it reads: the start token and up to `block - 1` characters.
    pub block: usize,
    /// Width of the residual stream.
    pub width: usize,
    /// Transformer blocks.
    pub layers: usize,
    /// Attention heads per block (they split the width).
    pub heads: usize,
    /// Share of the embeddings, attention weights and block outputs zeroed while training.
    pub dropout: f64,
}

/// One transformer block: attention then MLP, each on a LayerNorm of the stream, added back.
#[derive(Module, Debug)]
pub struct Block {
    /// Norm before attention.
    pub ln_1: LayerNorm,
    /// Causal self-attention.
    pub attn: MultiHeadAttention,
    /// Norm before the MLP.
    pub ln_2: LayerNorm,
    /// MLP in: width → 4·width.
    pub fc: Linear,
    /// MLP out: 4·width → width (after the exact GELU, see [`gelu`]).
    pub proj: Linear,
}

/// makemore's transformer.
#[derive(Module, Debug)]
pub struct Gpt {
    /// Token embeddings `[vocab, width]`.
    pub wte: Embedding,
    /// Position embeddings `[block, width]`.
    pub wpe: Embedding,
    /// The blocks, first to last.
    pub blocks: Vec<Block>,
    /// Dropout on the embeddings and on each block's two outputs, as in GPT-2 (attention
    /// weights drop inside `attn`); active only on the autodiff device, in training.
    pub dropout: Dropout,
    /// The last norm.
    pub ln_f: LayerNorm,
    /// Logits: width → vocab (no bias, as in makemore).
    pub lm_head: Linear,
}

impl Gpt {
    /// A fresh GPT of `shape` on `device`, initialized as makemore's is (PyTorch's defaults, which
    /// are burn's): embeddings N(0, 1), linear weights and biases uniform in ±1/√fan-in.
    pub fn new(shape: &GptShape, device: &Device) -> Self {
        let linear = |i: usize, o: usize, bias: bool| LinearConfig::new(i, o).with_bias(bias).init(device);
        let w = shape.width;
        let blocks = (0..shape.layers)
            .map(|_| Block {
                ln_1: LayerNormConfig::new(w).init(device),
                attn: MultiHeadAttentionConfig::new(w, shape.heads).with_dropout(shape.dropout).init(device),
                ln_2: LayerNormConfig::new(w).init(device),
                fc: linear(w, 4 * w, true),
                proj: linear(4 * w, w, true),
            })
            .collect();
        Self {
            wte: EmbeddingConfig::new(shape.vocab, w).init(device),
            wpe: EmbeddingConfig::new(shape.block, w).init(device),
            blocks,
            dropout: DropoutConfig::new(shape.dropout).init(),
            ln_f: LayerNormConfig::new(w).init(device),
            lm_head: linear(w, shape.vocab, false),
        }
    }

    /// Positions it reads.
    pub fn block(&self) -> usize {
        self.wpe.weight.dims()[0]
    }

    /// Tokens in the vocabulary.
    pub fn vocab(&self) -> usize {
        self.wte.weight.dims()[0]
    }

    /// Logits `[b, t, vocab]` for token sequences `[b, t]` (t ≤ block), with every block's
    /// attention weights `[b, heads, t, t]` when `keep_attention`.
    pub fn run(&self, tokens: Tensor<2, Int>, keep_attention: bool) -> (Tensor<3>, Vec<Tensor<4>>) {
        let [b, t] = tokens.dims();
        let device = tokens.device();
        let positions = Tensor::<1, Int>::arange(0..t as i64, &device).reshape([1, t]);
        let mut x = self.dropout.forward(self.wte.forward(tokens) + self.wpe.forward(positions));
        let mask = generate_autoregressive_mask(b, t, &device);
        let mut maps = Vec::new();
        for block in &self.blocks {
            let out = block.attn.forward(MhaInput::self_attn(block.ln_1.forward(x.clone())).mask_attn(mask.clone()));
            if keep_attention {
                maps.push(out.weights);
            }
            x = x + self.dropout.forward(out.context);
            let h = block.proj.forward(gelu(block.fc.forward(block.ln_2.forward(x.clone()))));
            x = x + self.dropout.forward(h);
        }
        (self.lm_head.forward(self.ln_f.forward(x)), maps)
    }

    /// Logits `[b·t, vocab]` for sequences given as token numbers `[b, t]` (floats, as every
    /// program's input rows are): every position's prediction, row by row.
    pub fn forward(&self, sequences: Tensor<2>) -> Tensor<2> {
        let [b, t] = sequences.dims();
        let (logits, _) = self.run(sequences.int(), false);
        logits.reshape([b * t, self.vocab()])
    }
}
