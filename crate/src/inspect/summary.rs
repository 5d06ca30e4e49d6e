//! The binary at a glance: its size, the spread of its weights and of their latest gradients.

use burn::optim::{GradientsAccumulator, GradientsParams};
use burn::prelude::*;
use serde::Serialize;

use super::weights::{WeightTensor, model_weights};
use crate::data::Dataset;
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::Program;
use crate::train::config::Regularization;
use crate::train::evaluate::read_floats;

/// Rows one gradient pass takes at once: the training set's gradient is summed from chunks this
/// long, so a long word list (hundreds of thousands of characters) cannot exhaust the tab's memory.
const GRADIENT_CHUNK_ROWS: usize = 16_384;

/// Counts of values falling in equal-width bins between `min` and `max`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    /// Left edge of the first bin.
    pub min: f32,
    /// Right edge of the last bin.
    pub max: f32,
    /// Values per bin.
    pub counts: Vec<u32>,
}

/// Bins `values` into `bins` equal bins over their own range (a range of width 0 gets one bin's worth).
pub fn histogram(values: impl Iterator<Item = f32> + Clone, bins: usize) -> Histogram {
    let bins = bins.max(1);
    let (mut min, mut max) =
        values.clone().filter(|v| v.is_finite()).fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if min > max {
        return Histogram { min: 0.0, max: 0.0, counts: vec![0; bins] };
    }
    if min == max {
        min -= 0.5;
        max += 0.5;
    }
    let mut counts = vec![0u32; bins];
    let width = (max - min) / bins as f32;
    for v in values.filter(|v| v.is_finite()) {
        counts[(((v - min) / width) as usize).min(bins - 1)] += 1;
    }
    Histogram { min, max, counts }
}

/// Size and spread of the weights at one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeightSummary {
    /// The step described.
    pub step: u64,
    /// Number of trainable values.
    pub parameters: usize,
    /// Their size as 32-bit floats: "the size of the binary".
    pub bytes: usize,
    /// Largest |w| over the dense weight matrices: one colour scale shared by every matrix.
    pub scale: f32,
    /// Every parameter (weights and biases).
    pub weights: Vec<WeightTensor>,
    /// Gradients of the training loss at these weights, same names and shapes.
    pub gradients: Vec<WeightTensor>,
    /// Histogram of all parameter values.
    pub weight_histogram: Histogram,
    /// Histogram of all gradient values.
    pub gradient_histogram: Histogram,
}

/// Summarizes the weights at `step` (`None`: now), with their gradients on `data`'s whole
/// training split.
pub async fn summary(program: &Program<'_>, data: &Dataset, step: Option<u64>, bins: usize) -> Result<WeightSummary> {
    if !(1..=256).contains(&bins) {
        return Err(PlaygroundError::InvalidConfig(format!("histogram bins {bins} must be between 1 and 256")));
    }
    let model = program.training_model_at(step)?;
    if matches!(model, Network::Gpt(_)) {
        return Err(PlaygroundError::InvalidConfig(
            "weightSummary reads a network of layers; a transformer is read with embeddings, attention or exportModel".into(),
        ));
    }
    let weights = model_weights(&model.valid()).await?;
    let gradients = gradients(program, data, model).await?;
    let parameters: usize = weights.iter().map(|w| w.values.len()).sum();
    let scale = weights
        .iter()
        .filter(|w| w.name.ends_with(".weight"))
        .filter(|w| w.name.starts_with("layers."))
        .flat_map(|w| w.values.iter().map(|v| v.abs()))
        .fold(0.0f32, f32::max);
    let all = |ts: &[WeightTensor]| ts.iter().flat_map(|w| w.values.iter().copied()).collect::<Vec<f32>>();
    Ok(WeightSummary {
        step: step.unwrap_or(program.step()),
        parameters,
        bytes: parameters * std::mem::size_of::<f32>(),
        scale,
        weight_histogram: histogram(all(&weights).into_iter(), bins),
        gradient_histogram: histogram(all(&gradients).into_iter(), bins),
        weights,
        gradients,
    })
}

/// The gradient of the full training loss (with its regularization) with respect to every
/// parameter, summed chunk by chunk: each chunk's mean loss weighs by its share of the rows.
async fn gradients(program: &Program<'_>, data: &Dataset, model: &Network) -> Result<Vec<WeightTensor>> {
    let c = program.config();
    let device = program.device().clone().autodiff();
    let Some(train) = program.examples(data, &data.split_indices(false), &device) else {
        return Err(PlaygroundError::MissingData("there are no training examples to take gradients on".into()));
    };
    let mut accumulated = GradientsAccumulator::<Network>::new();
    let mut start = 0;
    while start < train.len {
        let end = (start + GRADIENT_CHUNK_ROWS).min(train.len);
        let rows = Tensor::<1, Int>::arange(start as i64..end as i64, &device);
        let logits = model.forward(train.inputs.clone().select(0, rows.clone()), c.activation);
        let share = (end - start) as f32 / train.len as f32;
        let mut loss = program.loss_fn().forward(logits, &train.targets.select(rows)) * share;
        if start == 0 && c.regularization != Regularization::None && c.regularization_rate > 0.0 {
            loss = loss + model.weight_penalty(c.regularization == Regularization::L2) * c.regularization_rate;
        }
        accumulated.accumulate(model, GradientsParams::from_grads(loss.backward(), model));
        start = end;
    }
    let grads = accumulated.grads();
    let mut out = Vec::new();
    let flat = |g: Tensor<1>| {
        let n = g.dims()[0];
        g.reshape([1, n])
    };
    for (i, conv) in model.convs().iter().enumerate() {
        let weight = grads.get::<4>(conv.weight.id).map(|g| {
            let [o, c, kh, kw] = g.dims();
            g.reshape([o, c * kh * kw])
        });
        out.push(grad_tensor(format!("convs.{i}.weight"), conv.weight.dims().to_vec(), weight).await?);
        if let Some(bias) = &conv.bias {
            out.push(grad_tensor(format!("convs.{i}.bias"), bias.dims().to_vec(), grads.get::<1>(bias.id).map(flat)).await?);
        }
    }
    for (layer_index, layer) in model.layers().iter().enumerate() {
        let weight = grads.get::<2>(layer.weight.id);
        out.push(grad_tensor(format!("layers.{layer_index}.weight"), layer.weight.dims().to_vec(), weight).await?);
        if let Some(bias) = &layer.bias {
            let g = grads.get::<1>(bias.id).map(flat);
            out.push(grad_tensor(format!("layers.{layer_index}.bias"), bias.dims().to_vec(), g).await?);
        }
    }
    Ok(out)
}

/// Reads one gradient (zeros when the parameter took no part in the loss).
async fn grad_tensor(name: String, shape: Vec<usize>, grad: Option<Tensor<2>>) -> Result<WeightTensor> {
    let len = shape.iter().product();
    let values = match grad {
        Some(g) => read_floats(g).await?.into_iter().map(|v| v as f32).collect(),
        None => vec![0.0; len],
    };
    Ok(WeightTensor { name, shape, values })
}
