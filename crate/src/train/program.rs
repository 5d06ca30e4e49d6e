//! The compiled program as tools see it: the network (now and on the timeline), what its outputs
//! mean, how it reads its input and where it runs — and nothing of the trainer around it (no
//! undo history, no versions, no optimizer). Tools read a `Program` and a `&Dataset`; the ones
//! that train networks of their own build them from its [`Blueprint`].

use burn::prelude::*;

use super::backend::Backend;
use super::config::TrainConfig;
use super::loss::TaskLoss;
use super::session::Blueprint;
use super::tensors::Split;
use super::timeline::Timeline;
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::model::{Activation, Feature, Network};

/// A read-only view of a session's compiled program, cheap to make and to copy
/// ([`crate::train::Session::program`]).
#[derive(Clone, Copy)]
pub struct Program<'a> {
    pub(super) config: &'a TrainConfig,
    pub(super) backend: Backend,
    pub(super) gpu_hardware: bool,
    pub(super) device: &'a Device,
    pub(super) loss: &'a TaskLoss,
    /// The training (autodiff) weights; `None` before there is data.
    pub(super) model: Option<&'a Network>,
    pub(super) timeline: &'a Timeline,
    pub(super) classes: &'a [u8],
    pub(super) task: Task,
    /// `(width, height)` of the images the network reads; `None` when it reads points.
    pub(super) image: Option<(usize, usize)>,
    /// Width of the network's input: the chosen features, or the pixel count.
    pub(super) inputs: usize,
    /// Output units the memory check assumes (at least 2).
    pub(super) outputs: usize,
    pub(super) step: u64,
}

impl<'a> Program<'a> {
    /// The configuration the program was compiled with (seed, learning rate, regularization, …).
    pub fn config(&self) -> &'a TrainConfig {
        self.config
    }

    /// The features computed from (x, y) that the network reads (2D data).
    pub fn features(&self) -> &'a [Feature] {
        &self.config.features
    }

    /// The non-linearity after each hidden layer, which every forward pass needs.
    pub fn activation(&self) -> Activation {
        self.config.activation
    }

    /// The plain (non-autodiff) device the program runs on, for inference.
    pub fn device(&self) -> &'a Device {
        self.device
    }

    /// The loss function shared by training and evaluation.
    pub fn loss_fn(&self) -> &'a TaskLoss {
        self.loss
    }

    /// Labels in the order of the network's outputs (empty without data, and for regression).
    pub fn classes(&self) -> &'a [u8] {
        self.classes
    }

    /// Whether the network predicts classes or values.
    pub fn task(&self) -> Task {
        self.task
    }

    /// `(width, height)` of the images the network reads, or `None` for a 2D (points) network.
    pub fn image_size(&self) -> Option<(usize, usize)> {
        self.image
    }

    /// Optimizer steps taken since the weights were initialized.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// Entries per probability row a tool returns: the largest label plus one (0 for regression).
    pub fn label_slots(&self) -> usize {
        self.classes.last().map_or(0, |&c| c as usize + 1)
    }

    /// An inference copy of the weights (no autodiff), or an error when there is no data yet.
    pub fn model(&self) -> Result<Network> {
        Ok(self.training_model()?.valid())
    }

    /// The training copy of the weights, for inspection that needs gradients.
    pub fn training_model(&self) -> Result<&'a Network> {
        self.model.ok_or_else(no_data)
    }

    /// Inference weights at a past `step` (a snapshot), or the current ones for `None`.
    pub fn model_at(&self, step: Option<u64>) -> Result<Network> {
        Ok(self.training_model_at(step)?.valid())
    }

    /// Training weights at a past `step` (a snapshot), or the current ones for `None`.
    pub fn training_model_at(&self, step: Option<u64>) -> Result<&'a Network> {
        let model = self.training_model()?;
        match step {
            None => Ok(model),
            Some(s) if s == self.step => Ok(model),
            Some(s) => self.timeline.at(s).ok_or_else(|| self.no_snapshot(s)),
        }
    }

    /// The steps the timeline holds snapshots for, oldest first.
    pub fn timeline_steps(&self) -> Vec<u64> {
        if self.model.is_some() { self.timeline.steps() } else { Vec::new() }
    }

    fn no_snapshot(&self, step: u64) -> PlaygroundError {
        let steps = self.timeline.steps();
        let nearest = steps.iter().min_by_key(|&&s| s.abs_diff(step)).copied();
        PlaygroundError::InvalidConfig(match nearest {
            Some(n) => format!("there is no snapshot at step {step}; the nearest is step {n} (see history())"),
            None => format!("there is no snapshot at step {step}"),
        })
    }

    /// Refuses, for a program that writes words, a tool `what` that reads points or images (a
    /// grid over the square, per-example outputs), naming what word programs offer instead.
    pub fn refuse_words(&self, what: &str) -> Result<()> {
        if matches!(self.model, Some(Network::Text(_) | Network::Gpt(_))) {
            return Err(PlaygroundError::InvalidConfig(format!(
                "{what} reads points or images; this program writes words (try sample, nextChars or evaluate)"
            )));
        }
        Ok(())
    }

    /// Checks that `rows` examples can go through the network at once (predictions, grids).
    pub fn check_rows_fit(&self, rows: usize) -> Result<()> {
        self.config.check_memory(self.inputs, self.outputs, rows)
    }

    /// `data`'s examples at `indices` as this network reads them (its features, or pixels, and
    /// targets in its output order) on `device`, or `None` when `indices` is empty.
    pub fn examples(&self, data: &Dataset, indices: &[usize], device: &Device) -> Option<Split> {
        Split::new(data, indices, self.config, self.classes, device)
    }

    /// How this program was compiled, to train networks beside it (k-fold checks, committees,
    /// comparisons) in sessions of their own, which have no undo history.
    pub fn blueprint(&self) -> Blueprint {
        Blueprint::new(self.config.clone(), self.backend, self.device.clone(), self.gpu_hardware)
    }
}

/// The error of a tool asked about a network that does not exist yet.
pub(super) fn no_data() -> PlaygroundError {
    PlaygroundError::MissingData("There is no data yet: add points or load a preset first.".into())
}
