//! Architectures and their inputs: what shape of program the dataset gets compiled into.

pub mod features;
pub mod network;

pub use features::{Feature, coordinates_tensor, expand_features};
pub use network::{Activation, Architecture, Network};
