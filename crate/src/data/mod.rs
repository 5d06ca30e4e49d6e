//! The "source code" of a Software 2.0 program: datasets, their generators and their validation.

pub mod csv;
pub mod dataset;
pub mod images;
pub mod origin;
pub mod points;
pub mod presets;
pub mod prompts;
pub mod raw;
pub mod record;
pub mod relabel;
pub mod repo;
pub mod rng;
pub mod undo;
pub mod versions;
pub mod words;

pub use dataset::{Dataset, Examples, Task};
pub use images::{Image, MAX_IMAGE_CLASSES, RawImage};
pub use origin::{Blame, Origin, blame};
pub use points::{MAX_ABS_VALUE, MAX_CLASSES, Point, RawPoint, ValuePoint};
pub use presets::{Preset, PresetOptions};
