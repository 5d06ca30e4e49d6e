//! # Software 2.0 Playground — the core
//!
//! In Software 2.0 the dataset is the source code, training is the compiler and the weights are
//! the binary. This crate is that pipeline, in the order a program flows through it; a module
//! imports only from the modules above it in this list (`tests/layering.rs` checks it):
//!
//! - [`error`]: one error type whose messages a person can act on.
//! - [`data`]: the "source code" — points, values and images, seeded presets, CSV, versions,
//!   origins, validation, the train/test split and the saved form of a dataset.
//! - [`model`]: the shape of the program — input features and the network's architectures.
//! - [`train`]: the "compiler" — the session that holds data, configuration and weights, the
//!   `Program` view the tools below read (the network, its classes, features and device, without
//!   the trainer), the optimizer step, evaluation, the choice of backend (CPU or WebGPU), progress
//!   and time budgets;
//!   on the CPU the loss is one fused op (a burn backend extension) so a small batch pays for few
//!   graph nodes.
//! - [`inspect`]: reading the "binary" — the network on every example, predictions, the
//!   decision-boundary grid, neurons and the weights.
//! - [`export`]: shipping the binary — safetensors with a description, and source code.
//! - [`debug`]: finding where the program is wrong and why — mistakes, slices, uncertainty, where
//!   to collect next, label errors, influence and data maps.
//! - [`engine`]: the data engine — deploy the program into a world, let triggers flag where it is
//!   weak, label, fold in, retrain, and measure curating against collecting at random.
//! - [`rule`]: Software 1.0 beside it — a small expression language for hand-written
//!   classifiers and regressors, with its boundary, its accuracy and the labels it would write.
//! - [`project`]: the whole experiment in one file or one link — data, versions, configuration,
//!   weights and timeline.
//! - [`workspace`]: the whole experiment as one value — session, engine, rule and the running
//!   job, and the rules of how they meet.
//! - `web`: the thin wasm-bindgen face the browser worker calls (wasm builds only): it converts
//!   values and decides nothing.
//!
//! burn does all tensor math, autodiff and optimization; this crate decides what to compute.

pub mod data;
pub mod debug;
pub mod engine;
pub mod error;
pub mod export;
pub mod inspect;
pub mod model;
pub mod project;
pub mod rule;
pub mod train;
pub mod workspace;

#[cfg(target_family = "wasm")]
pub mod web;

pub use error::{PlaygroundError, Result};
