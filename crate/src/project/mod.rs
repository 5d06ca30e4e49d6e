//! The project: a whole experiment in one file — dataset, versions, configuration, weights,
//! timeline — and in a share link. One format, versioned, checked before anything changes.
//!
//! - [`container`]: the bytes (header, manifest, blobs, checksum).
//! - [`manifest`]: the JSON records, and turning them back into checked datasets.
//! - [`save`] and [`open`]: the session to a file and back.
//! - [`link`]: a project in a URL fragment, compressed, with bounded reading.

pub mod container;
pub mod link;
pub mod manifest;
pub mod open;
pub mod save;

pub use link::{from_link, to_link};
pub use open::{ReadProject, engine_in, import_project, read_project};
pub use save::{Beside, Contents, export_link, export_project, export_project_with, export_project_with_engine};
