//! How sure the program is, and where its data is thin, over the input square: "confident where it
//! has never seen an example" is the blind spot these two maps make visible.

use burn::prelude::*;
use burn::tensor::activation::softmax;
use serde::{Deserialize, Serialize};

use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::predict::{check_grid, grid_cells, point_inputs};
use crate::model::coordinates_tensor;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Width (in data units; the square is 2 wide) of the Gaussian kernel that spreads each example
/// over its neighbourhood in the density map.
pub const DENSITY_BANDWIDTH: f64 = 0.1;

/// Most kernel evaluations in one tensor, so large grids over large datasets stay in memory.
const DENSITY_CHUNK: usize = 4_000_000;

/// How uncertainty is measured from the predicted class distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Entropy divided by its maximum, ln(classes): 0 certain, 1 a uniform guess.
    #[default]
    Entropy,
    /// One minus the gap between the two most probable classes: 1 a tie.
    Margin,
}

/// A map over the input square, laid out like the boundary grid (row 0 at the top).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridMap {
    /// Cells per side.
    pub size: usize,
    /// `size · size` values, row 0 at the top (y = 1), column 0 at the left (x = -1).
    pub values: Vec<f32>,
    /// `[min, max]` the values can take (uncertainty) or do take (density).
    pub range: [f32; 2],
}

/// Uncertainty of `probs` `[rows, k]` per row, in [0, 1], still on the device.
pub fn uncertainty_of(probs: Tensor<2>, measure: Measure) -> Tensor<2> {
    let [rows, k] = probs.dims();
    if k < 2 {
        return Tensor::zeros([rows, 1], &probs.device());
    }
    match measure {
        Measure::Entropy => (probs.clone() * probs.clamp_min(1e-12).log()).sum_dim(1).neg() / (k as f64).ln(),
        Measure::Margin => {
            let top = probs.clone().max_dim(1);
            let second = probs.clone().mask_fill(probs.equal(top.clone().expand([rows, k])), -1.0).max_dim(1);
            // When every class ties at the top, all are masked: the gap is then 0, as it should be.
            let gap = (top - second.clone()).mask_fill(second.lower_elem(0.0), 0.0);
            gap.neg() + 1.0
        }
    }
}

/// The network's uncertainty on a `size × size` grid over the square (classification).
pub async fn uncertainty(program: &Program<'_>, size: usize, measure: Measure) -> Result<GridMap> {
    program.refuse_words("uncertainty")?;
    check_grid(program, size)?;
    if program.task() == Task::Regression {
        return Err(PlaygroundError::InvalidData(
            "a regression network predicts one value, not a distribution over classes; use density() to see where data is thin".into(),
        ));
    }
    program.check_rows_fit(size * size)?;
    let logits = program.model()?.forward(point_inputs(program, grid_cells(size)), program.activation());
    let values = read_floats(uncertainty_of(softmax(logits, 1), measure)).await?;
    Ok(GridMap { size, values: values.into_iter().map(|v| v as f32).collect(), range: [0.0, 1.0] })
}

/// Kernel density of `points` at `at`: about how many examples lie within a bandwidth of each
/// cell (a Gaussian kernel, so an example counts 1 at its own place and fades with distance),
/// computed on `device`.
pub async fn density_at(device: &Device, at: &[(f64, f64)], points: &[(f64, f64)]) -> Result<Vec<f64>> {
    if points.is_empty() {
        return Ok(vec![0.0; at.len()]);
    }
    let p = coordinates_tensor(points.iter().copied(), device);
    let p_sq = p.clone().square().sum_dim(1).transpose();
    let rows = (DENSITY_CHUNK / points.len()).max(1);
    let mut parts = Vec::new();
    for chunk in at.chunks(rows) {
        let g = coordinates_tensor(chunk.iter().copied(), device);
        let d2 = g.clone().square().sum_dim(1) + p_sq.clone() - g.matmul(p.clone().transpose()) * 2.0;
        parts.push((d2 / (-2.0 * DENSITY_BANDWIDTH * DENSITY_BANDWIDTH)).exp().sum_dim(1));
    }
    read_floats(Tensor::cat(parts, 0)).await
}

/// `d`'s training examples' density on a `size × size` grid over the square: where the data is thin.
pub async fn density(program: &Program<'_>, d: &Dataset, size: usize) -> Result<GridMap> {
    program.refuse_words("density")?;
    check_grid(program, size)?;
    let all = d.coordinates();
    let train: Vec<(f64, f64)> = d.split_indices(false).into_iter().map(|i| all[i]).collect();
    let cells: Vec<(f64, f64)> = grid_cells(size).collect();
    let values: Vec<f32> = density_at(program.device(), &cells, &train).await?.into_iter().map(|v| v as f32).collect();
    let peak = values.iter().copied().fold(0.0f32, f32::max);
    Ok(GridMap { size, values, range: [0.0, peak] })
}
