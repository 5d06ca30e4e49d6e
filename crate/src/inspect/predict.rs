//! Running the compiled program: class probabilities (or values, for regression) for points and
//! for a grid over the square.

use burn::prelude::*;
use burn::tensor::activation::softmax;
use serde::{Deserialize, Serialize};

use crate::data::{Dataset, MAX_CLASSES, Task};
use crate::error::{PlaygroundError, Result};
use crate::model::{Network, coordinates_tensor, expand_features};
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Largest boundary grid side; 256² cells is already finer than the canvas needs.
pub const MAX_GRID: usize = 256;

/// Probabilities indexed by label: `probs[i][label]`, 0 for labels absent from the data.
///
/// Each row has `max label present + 1` entries, so `probs[i][label]` reads naturally.
pub async fn predict(program: &Program<'_>, points: &[(f64, f64)]) -> Result<Vec<Vec<f64>>> {
    program.refuse_words("predict")?;
    check_pairs(program, points)?;
    if program.task() == Task::Regression {
        return Err(PlaygroundError::InvalidData("this dataset holds values: use predict_values for regression".into()));
    }
    let flat = probabilities(program, &program.model()?, point_inputs(program, points.iter().copied())).await?;
    Ok(rows_of(program, flat))
}

/// The predicted value at each point (regression).
pub async fn predict_values(program: &Program<'_>, points: &[(f64, f64)]) -> Result<Vec<f64>> {
    program.refuse_words("predict")?;
    check_pairs(program, points)?;
    if program.task() != Task::Regression {
        return Err(PlaygroundError::InvalidData("this dataset holds classes: use predict for probabilities".into()));
    }
    program.check_rows_fit(points.len())?;
    let inputs = point_inputs(program, points.iter().copied());
    read_floats(program.model()?.forward(inputs, program.activation())).await
}

fn check_pairs(program: &Program<'_>, points: &[(f64, f64)]) -> Result<()> {
    if points.is_empty() {
        return Err(PlaygroundError::InvalidData("no points to predict: pass at least one [x, y] pair".into()));
    }
    if let Some(i) = points.iter().position(|(x, y)| !x.is_finite() || !y.is_finite()) {
        let (x, y) = points[i];
        return Err(PlaygroundError::InvalidData(format!("point {i}: [{x}, {y}] is not a pair of finite numbers")));
    }
    if program.image_size().is_some() {
        return Err(PlaygroundError::InvalidData("this dataset holds images: predict takes rows of pixels, not [x, y] pairs".into()));
    }
    Ok(())
}

/// What `predict` gives back: probabilities per row (indexed by label), or one value per row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Predictions {
    /// Classification: `rows[i][label]`.
    Probabilities(Vec<Vec<f64>>),
    /// Regression: the predicted value of each row.
    Values(Vec<f64>),
}

/// Predictions for input rows: `[x, y]` pairs for points, pixel rows for images.
pub async fn predict_rows(program: &Program<'_>, rows: &[Vec<f64>]) -> Result<Predictions> {
    program.refuse_words("predict")?;
    let Some((w, h)) = program.image_size() else {
        let pairs = rows
            .iter()
            .enumerate()
            .map(|(i, r)| match r.as_slice() {
                [x, y] => Ok((*x, *y)),
                _ => Err(PlaygroundError::InvalidData(format!("point {i}: expected [x, y], got {} numbers", r.len()))),
            })
            .collect::<Result<Vec<_>>>()?;
        return match program.task() {
            Task::Regression => predict_values(program, &pairs).await.map(Predictions::Values),
            Task::Classification => predict(program, &pairs).await.map(Predictions::Probabilities),
        };
    };
    if rows.is_empty() {
        return Err(PlaygroundError::InvalidData("no images to predict: pass at least one row of pixels".into()));
    }
    for (i, r) in rows.iter().enumerate() {
        if r.len() != w * h {
            return Err(PlaygroundError::InvalidData(format!("image {i}: {} pixels, but the dataset's images are {w}×{h}", r.len())));
        }
        if let Some(j) = r.iter().position(|p| !p.is_finite()) {
            return Err(PlaygroundError::InvalidData(format!("image {i}: pixel {j} is not a finite number")));
        }
    }
    let flat: Vec<f32> = rows.iter().flatten().map(|&p| p as f32).collect();
    let inputs = Tensor::from_data(TensorData::new(flat, [rows.len(), w * h]), program.device());
    Ok(Predictions::Probabilities(rows_of(program, probabilities(program, &program.model()?, inputs).await?)))
}

fn rows_of(program: &Program<'_>, flat: Vec<f64>) -> Vec<Vec<f64>> {
    flat.chunks(program.label_slots().max(1)).map(<[f64]>::to_vec).collect()
}

/// The chosen features of points, as the network's input.
pub fn point_inputs(program: &Program<'_>, points: impl Iterator<Item = (f64, f64)>) -> Tensor<2> {
    expand_features(coordinates_tensor(points, program.device()), program.features())
}

/// Row-major probabilities (`label_slots` per row) of `model` for network inputs `[n, inputs]`.
pub(crate) async fn probabilities(program: &Program<'_>, model: &Network, inputs: Tensor<2>) -> Result<Vec<f64>> {
    let n = inputs.dims()[0];
    program.check_rows_fit(n)?;
    let logits = model.forward(inputs, program.activation());
    let probs = read_floats(softmax(logits, 1)).await?;
    let classes = program.classes();
    let slots = program.label_slots();
    let mut out = vec![0.0; n * slots];
    for (row, p) in probs.chunks(classes.len()).enumerate() {
        for (k, &label) in classes.iter().enumerate() {
            out[row * slots + label as usize] = p[k];
        }
    }
    Ok(out)
}

/// The decision boundary: class probabilities (or predicted values) on a `size × size` grid over [-1, 1]².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoundaryGrid {
    /// Cells per side.
    pub size: usize,
    /// Entries per cell (largest label + 1, at most 8); 0 for regression.
    pub classes: usize,
    /// `size·size·classes` values; row 0 is the top (y = +1), column 0 the left (x = -1), cell centres.
    /// Empty for regression.
    pub probabilities: Vec<f32>,
    /// Regression: `size·size` predicted values, laid out like `probabilities`; empty otherwise.
    pub values: Vec<f32>,
    /// Regression: `[min, max]` of the dataset's values, the colour scale the page shares between
    /// the points and the predictions.
    pub range: Option<[f32; 2]>,
}

/// Centre coordinate of cell `i` of `size` along an axis running from -1 to 1.
pub fn cell_centre(i: usize, size: usize) -> f64 {
    -1.0 + (2 * i + 1) as f64 / size as f64
}

/// Cell centres of a `size × size` grid over [-1, 1]², row by row from the top.
pub fn grid_cells(size: usize) -> impl Iterator<Item = (f64, f64)> {
    (0..size).flat_map(move |row| (0..size).map(move |col| (cell_centre(col, size), -cell_centre(row, size))))
}

/// Checks a grid side against [`MAX_GRID`] and refuses image datasets (they have no 2D square).
pub fn check_grid(program: &Program<'_>, size: usize) -> Result<()> {
    program.refuse_words("a grid over the square")?;
    if !(2..=MAX_GRID).contains(&size) {
        return Err(PlaygroundError::InvalidConfig(format!("grid size {size} must be between 2 and {MAX_GRID}")));
    }
    if program.image_size().is_some() {
        return Err(PlaygroundError::InvalidData("image datasets have no 2D input square to draw".into()));
    }
    Ok(())
}

/// Computes the boundary grid in one batch on the device, for the current weights or those of a
/// past `step` on the timeline; for values, coloured on the scale of `data`'s values.
pub async fn boundary(program: &Program<'_>, data: &Dataset, size: usize, step: Option<u64>) -> Result<BoundaryGrid> {
    program.refuse_words("boundary")?;
    check_grid(program, size)?;
    let model = program.model_at(step)?;
    let inputs = point_inputs(program, grid_cells(size));
    if program.task() == Task::Regression {
        program.check_rows_fit(size * size)?;
        let values = read_floats(model.forward(inputs, program.activation())).await?;
        let range = data.value_range().map(|[lo, hi]| [lo as f32, hi as f32]);
        let values = values.into_iter().map(|v| v as f32).collect();
        return Ok(BoundaryGrid { size, classes: 0, probabilities: Vec::new(), values, range });
    }
    let probs = probabilities(program, &model, inputs).await?;
    let classes = program.label_slots();
    debug_assert!(classes <= MAX_CLASSES);
    let probabilities = probs.into_iter().map(|p| p as f32).collect();
    Ok(BoundaryGrid { size, classes, probabilities, values: Vec::new(), range: None })
}
