//! Running the compiled program: class probabilities for points and for a grid over the square.

use burn::tensor::activation::softmax;
use serde::{Deserialize, Serialize};

use crate::data::MAX_CLASSES;
use crate::error::{PlaygroundError, Result};
use crate::model::{coordinates_tensor, expand_features};
use crate::train::Session;
use crate::train::evaluate::read_floats;

/// Largest boundary grid side; 256² cells is already finer than the canvas needs.
pub const MAX_GRID: usize = 256;

/// Probabilities indexed by label: `probs[i][label]`, 0 for labels absent from the data.
///
/// Each row has `max label present + 1` entries, so `probs[i][label]` reads naturally.
pub async fn predict(session: &Session, points: &[(f64, f64)]) -> Result<Vec<Vec<f64>>> {
    if points.is_empty() {
        return Err(PlaygroundError::InvalidData("no points to predict: pass at least one [x, y] pair".into()));
    }
    if let Some(i) = points.iter().position(|(x, y)| !x.is_finite() || !y.is_finite()) {
        let (x, y) = points[i];
        return Err(PlaygroundError::InvalidData(format!("point {i}: [{x}, {y}] is not a pair of finite numbers")));
    }
    let flat = probabilities(session, points.iter().copied()).await?;
    let slots = label_slots(session);
    Ok(flat.chunks(slots).map(<[f64]>::to_vec).collect())
}

/// Number of entries per probability row: the largest label present plus one.
pub fn label_slots(session: &Session) -> usize {
    session.classes().last().map_or(0, |&c| c as usize + 1)
}

/// Row-major probabilities (`label_slots` per point) for the given coordinates.
async fn probabilities(session: &Session, points: impl Iterator<Item = (f64, f64)>) -> Result<Vec<f64>> {
    let model = session.model()?;
    let config = session.config();
    let xy = coordinates_tensor(points, session.device());
    let n = xy.dims()[0];
    let logits = model.forward(expand_features(xy, &config.features), config.activation);
    let probs = read_floats(softmax(logits, 1)).await?;
    let classes = session.classes();
    let slots = label_slots(session);
    let mut out = vec![0.0; n * slots];
    for (row, p) in probs.chunks(classes.len()).enumerate() {
        for (k, &label) in classes.iter().enumerate() {
            out[row * slots + label as usize] = p[k];
        }
    }
    Ok(out)
}

/// The decision boundary: class probabilities on a `size × size` grid over [-1, 1]².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoundaryGrid {
    /// Cells per side.
    pub size: usize,
    /// Entries per cell (largest label + 1, at most 8).
    pub classes: usize,
    /// `size·size·classes` values; row 0 is the top (y = +1), column 0 the left (x = -1), cell centres.
    pub probabilities: Vec<f32>,
}

/// Centre coordinate of cell `i` of `size` along an axis running from -1 to 1.
pub fn cell_centre(i: usize, size: usize) -> f64 {
    -1.0 + (2 * i + 1) as f64 / size as f64
}

/// Computes the boundary grid in one batch on the device.
pub async fn boundary(session: &Session, size: usize) -> Result<BoundaryGrid> {
    if !(2..=MAX_GRID).contains(&size) {
        return Err(PlaygroundError::InvalidConfig(format!("grid size {size} must be between 2 and {MAX_GRID}")));
    }
    let cells = (0..size).flat_map(|row| (0..size).map(move |col| (cell_centre(col, size), -cell_centre(row, size))));
    let probs = probabilities(session, cells).await?;
    let classes = label_slots(session);
    debug_assert!(classes <= MAX_CLASSES);
    Ok(BoundaryGrid { size, classes, probabilities: probs.into_iter().map(|p| p as f32).collect() })
}
