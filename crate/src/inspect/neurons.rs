//! What each unit computes: every input feature, hidden neuron and output as a heatmap over the
//! input square, so a person can watch neurons specialize as training goes.

use burn::prelude::*;
use burn::tensor::activation::softmax;
use serde::Serialize;

use super::predict::{check_grid, grid_cells, point_inputs};
use crate::data::Task;
use crate::error::{PlaygroundError, Result};
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Largest neuron-map side: the maps are thumbnails, enlarged smoothly by the page.
pub const MAX_NEURON_GRID: usize = 64;

/// One layer's units over the grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerMaps {
    /// `"input"`, `"hidden"` or `"output"`.
    pub kind: &'static str,
    /// One label per unit: feature names, `h<layer>.<unit>`, `class <label>`, or `value` (regression).
    pub units: Vec<String>,
    /// `units · size · size` values, unit after unit, each map row by row from the top (y = +1).
    pub values: Vec<f32>,
    /// Smallest and largest value in the layer (a shared colour scale for its units).
    pub range: [f32; 2],
}

/// Heatmaps of every unit of the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NeuronMaps {
    /// Cells per side.
    pub size: usize,
    /// The input features, each hidden layer, then the output probabilities per class (or the
    /// predicted value, for regression).
    pub layers: Vec<LayerMaps>,
}

/// Computes every unit's output on a `size × size` grid, with one read from the device; for the
/// current weights or those of a past `step` on the timeline.
pub async fn neurons(program: &Program<'_>, size: usize, step: Option<u64>) -> Result<NeuronMaps> {
    program.refuse_words("neurons")?;
    if size > MAX_NEURON_GRID {
        return Err(PlaygroundError::InvalidConfig(format!("neuron map size {size} must be at most {MAX_NEURON_GRID}")));
    }
    check_grid(program, size)?;
    let model = program.model_at(step)?;
    let inputs = point_inputs(program, grid_cells(size));
    let mut outputs = model.activations(inputs.clone(), program.activation());
    let logits = outputs.pop().expect("a network has an output layer");
    let mut columns = vec![inputs];
    columns.extend(outputs);
    let regression = program.task() == Task::Regression;
    columns.push(if regression { logits } else { softmax(logits, 1) });
    let widths: Vec<usize> = columns.iter().map(|t| t.dims()[1]).collect();
    let total: usize = widths.iter().sum();
    let flat = read_floats(Tensor::cat(columns, 1)).await?;

    let cells = size * size;
    let hidden_layers = widths.len() - 2;
    let mut layers = Vec::with_capacity(widths.len());
    let mut offset = 0;
    for (l, &width) in widths.iter().enumerate() {
        let mut values = Vec::with_capacity(width * cells);
        for unit in 0..width {
            values.extend((0..cells).map(|cell| flat[cell * total + offset + unit] as f32));
        }
        let range = values.iter().fold([f32::INFINITY, f32::NEG_INFINITY], |[lo, hi], &v| [lo.min(v), hi.max(v)]);
        let (kind, units) = if l == 0 {
            ("input", program.features().iter().map(|f| f.name().to_string()).collect())
        } else if l <= hidden_layers {
            ("hidden", (0..width).map(|u| format!("h{l}.{u}")).collect())
        } else if regression {
            ("output", vec!["value".to_string()])
        } else {
            ("output", program.classes().iter().map(|c| format!("class {c}")).collect())
        };
        layers.push(LayerMaps { kind, units, values, range });
        offset += width;
    }
    Ok(NeuronMaps { size, layers })
}
