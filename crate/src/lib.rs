//! # Software 2.0 Playground — the core
//!
//! In Software 2.0 the dataset is the source code, training is the compiler and the weights are
//! the binary. This crate is that pipeline, in the order a program flows through it:
//!
//! - [`data`]: the "source code" — 2D point datasets, seeded presets, validation and the
//!   train/test split.
//! - [`model`]: the shape of the program — input features and the multilayer perceptron.
//! - [`train`]: the "compiler" — the session that holds data, configuration and weights, the
//!   optimizer step loop, evaluation and the choice of backend (CPU or WebGPU); on the CPU the
//!   loss is one fused op (a burn backend extension) so a small batch pays for few graph nodes.
//! - [`inspect`]: reading the "binary" — predictions, the decision-boundary grid and the weights.
//! - [`debug`]: finding where the program is wrong and why — mistakes, slices, uncertainty, where
//!   to collect next, label errors, influence and data maps.
//! - [`engine`]: the data engine — deploy the program into a world, let triggers flag where it is
//!   weak, label, fold in, retrain, and measure curating against collecting at random.
//! - [`rule`]: Software 1.0 beside it — a small expression language for hand-written
//!   classifiers and regressors, with its boundary, its accuracy and the labels it would write.
//! - [`project`]: the whole experiment in one file or one link — data, versions, configuration,
//!   weights and timeline.
//! - `web`: the thin wasm-bindgen face the browser worker calls (wasm builds only).
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

#[cfg(target_family = "wasm")]
pub mod web;

pub use error::{PlaygroundError, Result};
