//! Measuring the compiled program: loss and accuracy on the training and the held-out points.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::session::Session;
use super::tensors::Split;
use crate::error::{PlaygroundError, Result};
use crate::model::Mlp;

/// Loss above this (or NaN/∞) means training blew up: a softmax cross-entropy this large comes only
/// from logits in the hundreds, which sane training never produces.
pub const DIVERGED_LOSS: f64 = 100.0;

/// How well the network fits its data right now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// Optimizer steps taken so far.
    pub step: u64,
    /// Mean cross-entropy on the training split.
    pub train_loss: f64,
    /// Mean cross-entropy on the test split (`None` without test points).
    pub test_loss: Option<f64>,
    /// Share of training points classified right.
    pub train_accuracy: f64,
    /// Share of test points classified right (`None` without test points).
    pub test_accuracy: Option<f64>,
}

impl Metrics {
    /// Whether the numbers say training diverged (NaN or exploding loss).
    pub fn diverged(&self) -> bool {
        let bad = |l: f64| !l.is_finite() || l > DIVERGED_LOSS;
        bad(self.train_loss) || self.test_loss.is_some_and(bad)
    }
}

/// `[loss, accuracy]` of `model` on one split, still on the device.
fn split_metrics(session: &Session, model: &Mlp, split: &Split) -> Tensor<1> {
    let logits = model.forward(split.inputs.clone(), session.config().activation);
    let loss = session.loss_fn().forward(logits.clone(), split.targets.clone());
    let predicted = logits.argmax(1).reshape([split.len]);
    let accuracy = predicted.equal(split.targets.clone()).float().mean();
    Tensor::cat(vec![loss, accuracy], 0)
}

/// Evaluates on both splits with a single read from the device.
pub async fn evaluate(session: &Session) -> Result<Metrics> {
    let model = session.model()?;
    let data = session.data_tensors()?;
    let mut parts = Vec::new();
    if let Some(train) = &data.train {
        parts.push(split_metrics(session, &model, train));
    }
    if let Some(test) = &data.test {
        parts.push(split_metrics(session, &model, test));
    }
    if parts.is_empty() {
        return Err(PlaygroundError::MissingData("There is no data to evaluate on: add points or load a preset.".into()));
    }
    let values = read_floats(Tensor::cat(parts, 0)).await?;
    let (train, test) = match (&data.train, &data.test) {
        (Some(_), Some(_)) => ((values[0], values[1]), Some((values[2], values[3]))),
        (Some(_), None) => ((values[0], values[1]), None),
        (None, Some(_)) => ((f64::NAN, f64::NAN), Some((values[0], values[1]))),
        (None, None) => unreachable!("checked above"),
    };
    Ok(Metrics {
        step: session.step(),
        train_loss: train.0,
        train_accuracy: train.1,
        test_loss: test.map(|t| t.0),
        test_accuracy: test.map(|t| t.1),
    })
}

/// Reads a float tensor back to the host, asynchronously (required on WebGPU).
pub async fn read_floats<const D: usize>(t: Tensor<D>) -> Result<Vec<f64>> {
    let data = t
        .into_data_async()
        .await
        .map_err(|e| PlaygroundError::Backend(format!("reading results from the device failed: {e:?}")))?;
    let values: Vec<f32> = data
        .convert::<f32>()
        .try_into_vec()
        .map_err(|e| PlaygroundError::Backend(format!("unexpected tensor data: {e:?}")))?;
    Ok(values.into_iter().map(f64::from).collect())
}
