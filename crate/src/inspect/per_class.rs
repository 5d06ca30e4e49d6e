//! Accuracy class by class: where the program is weak is where the data engine collects next.

use burn::prelude::*;
use serde::Serialize;

use crate::data::Dataset;
use crate::error::Result;
use crate::model::Network;
use crate::train::Program;
use crate::train::evaluate::read_floats;
use crate::train::tensors::Split;

/// Right and total counts of one class on both splits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassAccuracy {
    /// The class label.
    pub label: u8,
    /// Training examples of this class classified right.
    pub train_correct: usize,
    /// Training examples of this class.
    pub train_total: usize,
    /// Test examples of this class classified right.
    pub test_correct: usize,
    /// Test examples of this class.
    pub test_total: usize,
}

/// `(target, predicted)` output indices of every example of a split, read in one transfer.
async fn outcomes(program: &Program<'_>, model: &Network, split: &Split) -> Result<Vec<(usize, usize)>> {
    let Some(targets) = split.targets.classes() else { return Ok(Vec::new()) };
    let predicted = model.forward(split.inputs.clone(), program.activation()).argmax(1).reshape([split.len]);
    let both = Tensor::cat(vec![targets.clone().float(), predicted.float()], 0);
    let values = read_floats(both).await?;
    let (targets, predicted) = values.split_at(split.len);
    Ok(targets.iter().zip(predicted).map(|(&t, &p)| (t as usize, p as usize)).collect())
}

/// Accuracy per class on `data`'s training and test splits, in label order (empty for
/// regression, which has no classes).
pub async fn class_accuracy(program: &Program<'_>, data: &Dataset) -> Result<Vec<ClassAccuracy>> {
    program.refuse_words("classAccuracy")?;
    let model = program.model()?;
    let split = |test: bool| program.examples(data, &data.split_indices(test), program.device());
    let classes = program.classes();
    let mut out: Vec<ClassAccuracy> =
        classes.iter().map(|&label| ClassAccuracy { label, train_correct: 0, train_total: 0, test_correct: 0, test_total: 0 }).collect();
    for test in [false, true] {
        let Some(split) = split(test) else { continue };
        for (target, predicted) in outcomes(program, &model, &split).await? {
            let row = &mut out[target];
            let (correct, total) =
                if test { (&mut row.test_correct, &mut row.test_total) } else { (&mut row.train_correct, &mut row.train_total) };
            *total += 1;
            *correct += usize::from(target == predicted);
        }
    }
    Ok(out)
}
