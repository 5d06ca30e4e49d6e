//! Architectures and their inputs: what shape of program the dataset gets compiled into.

pub mod activation;
pub mod architecture;
pub mod features;
pub mod gelu;
pub mod network;
pub mod param_walk;
pub mod text;
pub mod transformer;

pub use activation::{Activation, TANH_BY_EXP_FROM, tanh_by_exp};
pub use architecture::Architecture;
pub use features::{Feature, coordinates_tensor, expand_features};
pub use network::{ConvolutionalNet, DenseLayers, Network};
