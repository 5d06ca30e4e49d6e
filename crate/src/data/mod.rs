//! The "source code" of a Software 2.0 program: datasets, their generators and their validation.

pub mod points;
pub mod presets;
pub mod rng;

pub use points::{Dataset, MAX_CLASSES, Point, RawPoint};
pub use presets::{Preset, PresetOptions};
