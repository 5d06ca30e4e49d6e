//! What the program says about each example — probabilities (or values) and losses, in dataset
//! order: the first step of every debugging tool.

use burn::prelude::*;

use crate::data::{Dataset, Task};
use crate::error::Result;
use crate::inspect::predict::probabilities;
use crate::model::Network;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Floor on a probability before its logarithm, so a certain mistake has a large, finite loss.
const MIN_PROBABILITY: f64 = 1e-7;

/// A network's outputs on a list of examples, with each example's loss against its own target.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleOutputs {
    /// Entries per probability row: the largest label present plus one (0 for regression).
    pub slots: usize,
    /// Classification: `probabilities[i * slots + label]`, 0 for labels the network has no output for.
    pub probabilities: Vec<f64>,
    /// Regression: the predicted value of each example.
    pub values: Vec<f64>,
    /// Cross-entropy (classification) or squared error (regression) of each example.
    pub losses: Vec<f64>,
}

impl ExampleOutputs {
    /// The probability row of example `i`, indexed by label.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.probabilities[i * self.slots..(i + 1) * self.slots]
    }

    /// The label the network predicts for example `i` (the most probable; the lowest on a tie).
    pub fn predicted(&self, i: usize) -> u8 {
        let row = self.row(i);
        (0..row.len()).fold(0, |best, l| if row[l] > row[best] { l } else { best }) as u8
    }
}

/// The network inputs of `dataset`'s examples at `indices`, as `program`'s network reads them
/// (its features, or pixels), or `None` when `indices` is empty.
pub fn inputs_of(program: &Program<'_>, dataset: &Dataset, indices: &[usize]) -> Option<Tensor<2>> {
    program.examples(dataset, indices, program.device()).map(|s| s.inputs)
}

/// `model` (a network shaped like `program`'s, whose classes name its outputs) on `dataset`'s
/// examples at `indices`, in that order: the examples may come from another dataset than the
/// one the program learnt from, as when a k-fold network judges the fold it never saw.
pub async fn outputs_on(program: &Program<'_>, model: &Network, dataset: &Dataset, indices: &[usize]) -> Result<ExampleOutputs> {
    program.refuse_words("per-example outputs")?;
    let slots = program.label_slots().max(dataset.classes().last().map_or(0, |&c| c as usize + 1));
    let empty = ExampleOutputs { slots, probabilities: Vec::new(), values: Vec::new(), losses: Vec::new() };
    let Some(inputs) = inputs_of(program, dataset, indices) else { return Ok(empty) };
    if dataset.task() == Task::Regression {
        program.check_rows_fit(indices.len())?;
        let values = read_floats(model.forward(inputs, program.activation())).await?;
        let targets = dataset.value_points();
        let losses = indices.iter().zip(&values).map(|(&i, v)| (v - targets[i].value).powi(2)).collect();
        return Ok(ExampleOutputs { slots: 0, probabilities: Vec::new(), values, losses });
    }
    let own = program.label_slots();
    let read = probabilities(program, model, inputs).await?;
    let mut probabilities = vec![0.0; indices.len() * slots];
    for (row, p) in read.chunks(own.max(1)).enumerate().take(indices.len()) {
        probabilities[row * slots..row * slots + p.len()].copy_from_slice(p);
    }
    let labels = dataset.labels();
    let losses =
        indices.iter().enumerate().map(|(row, &i)| -probabilities[row * slots + labels[i] as usize].max(MIN_PROBABILITY).ln()).collect();
    Ok(ExampleOutputs { slots, probabilities, values: Vec::new(), losses })
}

/// The program's own network on every example of `data`, in dataset order.
pub async fn all_outputs(program: &Program<'_>, data: &Dataset) -> Result<ExampleOutputs> {
    program.refuse_words("per-example outputs")?;
    let all: Vec<usize> = (0..data.len()).collect();
    outputs_on(program, &program.model()?, data, &all).await
}
