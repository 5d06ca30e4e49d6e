//! Reading the "binary": predictions, decision boundaries, what each neuron computes, and the
//! weights themselves with their gradients; the network on every example (`outputs`), which the
//! debugger, the engine and the rule all read.

pub mod attention;
pub mod compare;
pub mod complete;
pub mod embeddings;
pub mod image_units;
pub mod neurons;
pub mod outputs;
pub mod per_class;
pub mod predict;
pub mod prompt_scores;
pub mod summary;
pub mod weights;
pub mod writing;

pub use compare::{CompareVersionsJob, TrainedVersion, compare_versions};
pub use neurons::{NeuronMaps, neurons};
pub use per_class::{ClassAccuracy, class_accuracy};
pub use predict::{BoundaryGrid, Predictions, boundary, predict, predict_rows, predict_values};
pub use summary::{WeightSummary, summary};
pub use weights::{WeightTensor, set_weight, weights};
