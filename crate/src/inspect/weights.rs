//! Reading and editing the "binary": every weight by name, shape and value.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::evaluate::read_floats;
use crate::train::{Program, Session};

/// One parameter tensor, flattened row by row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightTensor {
    /// `layers.<i>.weight` (shape `[inputs, outputs]`), `layers.<i>.bias` (shape `[outputs]`),
    /// `convs.<i>.weight` (shape `[out, in, 3, 3]`) or `convs.<i>.bias` (shape `[out]`).
    pub name: String,
    /// The tensor's shape.
    pub shape: Vec<usize>,
    /// The values, row-major.
    pub values: Vec<f32>,
}

/// All weights, in layer order: the current ones, or those of a past `step` on the timeline.
pub async fn weights(program: &Program<'_>, step: Option<u64>) -> Result<Vec<WeightTensor>> {
    model_weights(&program.model_at(step)?).await
}

/// All weights of `model`, in layer order, read back with one transfer per tensor.
pub async fn model_weights(model: &Network) -> Result<Vec<WeightTensor>> {
    let mut out = Vec::new();
    for (name, tensor) in model.named_params() {
        let shape = model.param_shape(&name).unwrap_or_else(|| tensor.dims().to_vec());
        let values = read_floats(tensor).await?.into_iter().map(|v| v as f32).collect();
        out.push(WeightTensor { name, shape, values });
    }
    Ok(out)
}

/// Sets one weight by hand: a line of Software 1.0 inside a Software 2.0 program.
pub async fn set_weight(session: &mut Session, name: &str, index: usize, value: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(PlaygroundError::InvalidData(format!("weight value {value} is not a finite number")));
    }
    let model = session.training_model()?.clone();
    let (_, tensor) = model
        .named_params()
        .into_iter()
        .find(|(n, _)| n == name)
        .ok_or_else(|| PlaygroundError::InvalidConfig(format!("no parameter named '{name}'")))?;
    let [rows, cols] = tensor.dims();
    if index >= rows * cols {
        return Err(PlaygroundError::InvalidConfig(format!("index {index} is outside '{name}', which has {} values", rows * cols)));
    }
    let mut values: Vec<f32> = read_floats(tensor.clone()).await?.into_iter().map(|v| v as f32).collect();
    values[index] = value as f32;
    let device = tensor.device();
    let updated = Tensor::from_data(TensorData::new(values, [rows, cols]), &device);
    session.replace_model(model.replace_param(name, updated)?)
}
