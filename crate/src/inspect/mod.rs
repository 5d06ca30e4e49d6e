//! Reading the "binary": predictions, decision boundaries and the weights themselves.

pub mod predict;
pub mod weights;

pub use predict::{BoundaryGrid, boundary, predict, predict_rows};
pub use weights::{WeightTensor, set_weight, weights};
