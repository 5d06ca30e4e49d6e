//! The "compiler": turning a dataset into weights, on the CPU or the GPU.

pub mod backend;
pub mod clock;
pub mod config;
pub mod evaluate;
pub mod fused_loss;
pub mod loss;
pub mod metrics_memo;
pub mod optimizer;
pub mod program;
pub mod progress;
pub mod schedule;
pub mod session;
pub mod step;
pub mod tensors;
pub mod text_config;
pub mod timeline;

pub use backend::Backend;
pub use config::{BackendChoice, BatchSize, ConfigPatch, OptimizerKind, Regularization, TrainConfig};
pub use evaluate::{Metrics, estimate, evaluate};
pub use program::Program;
pub use schedule::Schedule;
pub use session::{BatchOrder, Blueprint, NativeStart, Session};
