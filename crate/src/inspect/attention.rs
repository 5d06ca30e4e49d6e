//! Where a transformer looks: for one word, every block's and head's attention — how much each
//! position (the start token, then each character) draws on each position before it.

use burn::prelude::*;
use serde::Serialize;

use crate::data::Dataset;
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// The attention maps of one word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attention {
    /// The positions read: `"."` (the start) then the word's characters.
    pub chars: Vec<String>,
    /// `layers[block][head][i][j]`: the weight position `i` gives position `j` (0 for `j > i`:
    /// a position never sees the ones after it). Each row sums to 1.
    pub layers: Vec<Vec<Vec<Vec<f64>>>>,
}

/// Every block's and head's attention for `word`, now or at a past `step`.
pub async fn attention(program: &Program<'_>, data: &Dataset, word: &str, step: Option<u64>) -> Result<Attention> {
    let vocab = data
        .vocabulary()
        .ok_or_else(|| PlaygroundError::InvalidConfig("attention belongs to transformers on word lists: load a word list first".into()))?;
    let Network::Gpt(g) = program.model_at(step)? else {
        return Err(PlaygroundError::InvalidConfig(
            "attention maps belong to the transformer: configure({ architecture: 'transformer' })".into(),
        ));
    };
    let tokens = vocab.encode(word)?;
    if tokens.len() + 1 > g.block() {
        return Err(PlaygroundError::InvalidConfig(format!(
            "'{word}' has {} characters; this transformer reads at most {}",
            tokens.len(),
            g.block() - 1
        )));
    }
    let seq: Vec<i32> = std::iter::once(0).chain(tokens.iter().map(|&t| t as i32)).collect();
    let t = seq.len();
    let input = Tensor::<2, Int>::from_data(TensorData::new(seq, [1, t]), program.device());
    let (_, maps) = g.run(input, true);
    let mut layers = Vec::with_capacity(maps.len());
    for m in maps {
        let heads = m.dims()[1];
        let values = read_floats(m).await?;
        layers.push(values.chunks(t * t).take(heads).map(|h| h.chunks(t).map(<[f64]>::to_vec).collect()).collect());
    }
    let chars = std::iter::once(".".to_string()).chain(word.chars().map(|c| c.to_string())).collect();
    Ok(Attention { chars, layers })
}
