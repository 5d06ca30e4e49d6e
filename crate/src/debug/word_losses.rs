//! Debugging a word list: the words the program finds most surprising, per character. Typos,
//! foreign entries and junk pasted in stand out at the top, the way mislabelled points do.

use burn::prelude::*;
use serde::Serialize;

use super::diagnose::SplitName;
use crate::data::Dataset;
use crate::error::Result;
use crate::train::Program;
use crate::train::evaluate::read_floats;
use crate::train::tensors::Targets;

/// Rows run through the network at once: bounds the memory a long word list needs.
const CHUNK_ROWS: usize = 8192;

/// One word and how surprising the program finds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordLoss {
    /// Its index in the word list.
    pub index: usize,
    /// The word.
    pub word: String,
    /// The split it is in.
    pub split: SplitName,
    /// Mean negative log-likelihood per character in nats, its end included.
    pub loss: f64,
}

/// Every word's loss per character, highest first (ties in list order).
pub async fn word_losses(program: &Program<'_>, d: &Dataset) -> Result<Vec<WordLoss>> {
    let model = program.model()?;
    let all: Vec<usize> = (0..d.len()).collect();
    let Some(split) = program.examples(d, &all, program.device()) else { return Ok(Vec::new()) };
    if let Targets::Sequence(targets) = &split.targets {
        return Ok(ranked(d, sequence_losses(program, &model, &split.inputs, targets).await?));
    }
    let Targets::Classes(targets) = split.targets else { return Ok(Vec::new()) };
    let mut row_losses = Vec::with_capacity(split.len);
    let mut start = 0;
    while start < split.len {
        let end = (start + CHUNK_ROWS).min(split.len);
        let logits = model.forward(split.inputs.clone().slice([start..end]), program.activation());
        let picked =
            burn::tensor::activation::log_softmax(logits, 1).gather(1, targets.clone().slice([start..end]).reshape([end - start, 1]));
        row_losses.extend(read_floats(picked.neg()).await?);
        start = end;
    }
    let mut rows = row_losses.into_iter();
    let per_word = d
        .words()
        .iter()
        .map(|word| {
            let n = word.chars().count() + 1;
            rows.by_ref().take(n).sum::<f64>() / n as f64
        })
        .collect();
    Ok(ranked(d, per_word))
}

/// Each word's mean loss per real position under a transformer, a chunk of words at a time.
async fn sequence_losses(
    program: &Program<'_>,
    model: &crate::model::Network,
    inputs: &Tensor<2>,
    targets: &Tensor<2, Int>,
) -> Result<Vec<f64>> {
    let [n, t] = targets.dims();
    let mut out = Vec::with_capacity(n);
    let chunk = (CHUNK_ROWS / t.max(1)).max(1);
    let mut start = 0;
    while start < n {
        let end = (start + chunk).min(n);
        let y = targets.clone().slice([start..end]);
        let logits = model.forward(inputs.clone().slice([start..end]), program.activation());
        let flat = y.reshape([(end - start) * t, 1]);
        let real = flat.clone().greater_equal_elem(0).float();
        let nll = burn::tensor::activation::log_softmax(logits, 1).gather(1, flat.clamp_min(0)).neg() * real.clone();
        let sums = read_floats(nll.reshape([end - start, t]).sum_dim(1)).await?;
        let counts = read_floats(real.reshape([end - start, t]).sum_dim(1)).await?;
        out.extend(sums.iter().zip(&counts).map(|(s, c)| s / c.max(1.0)));
        start = end;
    }
    Ok(out)
}

/// The words with their losses, highest first (ties in list order).
fn ranked(d: &Dataset, losses: Vec<f64>) -> Vec<WordLoss> {
    let mut out: Vec<WordLoss> = d
        .words()
        .iter()
        .zip(losses)
        .enumerate()
        .map(|(index, (word, loss))| WordLoss { index, word: word.clone(), split: SplitName::of(d, index), loss })
        .collect();
    out.sort_by(|a, b| b.loss.total_cmp(&a.loss));
    out
}
