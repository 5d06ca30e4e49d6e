//! Accuracy class by class: where the program is weak is where the data engine collects next.

use burn::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::model::Network;
use crate::train::Session;
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
async fn outcomes(session: &Session, model: &Network, split: &Split) -> Result<Vec<(usize, usize)>> {
    let Some(targets) = split.targets.classes() else { return Ok(Vec::new()) };
    let predicted = model.forward(split.inputs.clone(), session.config().activation).argmax(1).reshape([split.len]);
    let both = Tensor::cat(vec![targets.clone().float(), predicted.float()], 0);
    let values = read_floats(both).await?;
    let (targets, predicted) = values.split_at(split.len);
    Ok(targets.iter().zip(predicted).map(|(&t, &p)| (t as usize, p as usize)).collect())
}

/// Accuracy per class on the training and test splits, in label order (empty for regression,
/// which has no classes).
pub async fn class_accuracy(session: &Session) -> Result<Vec<ClassAccuracy>> {
    let data = session.data_tensors()?;
    let model = session.model()?;
    let classes = session.classes();
    let mut out: Vec<ClassAccuracy> =
        classes.iter().map(|&label| ClassAccuracy { label, train_correct: 0, train_total: 0, test_correct: 0, test_total: 0 }).collect();
    for (split, test) in [(&data.train, false), (&data.test, true)] {
        let Some(split) = split else { continue };
        for (target, predicted) in outcomes(session, &model, split).await? {
            let row = &mut out[target];
            let (correct, total) =
                if test { (&mut row.test_correct, &mut row.test_total) } else { (&mut row.train_correct, &mut row.train_total) };
            *total += 1;
            *correct += usize::from(target == predicted);
        }
    }
    Ok(out)
}
