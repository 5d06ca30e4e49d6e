//! Shipping the binary: the trained model as a safetensors file plus a small JSON description,
//! and as source code with the weights written in as literals.

pub mod code;
pub mod description;
pub mod model_file;
pub mod word_code;

pub use code::{CodeLanguage, export_code};
pub use description::ModelDescription;
pub use model_file::{export_model, import_model};
