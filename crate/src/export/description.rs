//! The JSON that travels beside the weights: what the network looks like and what it reads.

use serde::{Deserialize, Serialize};

use crate::data::{Dataset, MAX_CLASSES, Task, images::MAX_IMAGE_CLASSES, images::MAX_SIDE};
use crate::error::{PlaygroundError, Result};
use crate::model::{Activation, Architecture, Feature};
use crate::train::Program;
use crate::train::config::{MAX_CONV_CHANNELS, MAX_CONV_LAYERS};
use crate::train::tensors::input_width;

/// The `format` every description carries.
pub const FORMAT: &str = "sw2-playground-model";
/// The description version this build writes and reads.
pub const VERSION: u32 = 1;

/// Architecture and inputs of an exported model: enough to rebuild it around its weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelDescription {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// Width of the network's input.
    pub inputs: usize,
    /// Features computed from (x, y) for 2D models; empty for image models.
    #[serde(default)]
    pub features: Vec<Feature>,
    /// `[width, height]` of the images an image model reads; absent for 2D models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_size: Option<[usize; 2]>,
    /// Output channels of each 3×3 convolution (+ ReLU + 2×2 max-pool) of an image model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conv: Vec<usize>,
    /// Width of each hidden layer.
    pub hidden: Vec<usize>,
    /// Non-linearity after each hidden layer.
    pub activation: Activation,
    /// `"classification"` (the default, for files written before regression existed) or
    /// `"regression"` (one output: the value).
    #[serde(default)]
    pub task: Task,
    /// The label each output unit stands for, in output order (empty for regression).
    pub classes: Vec<u8>,
    /// Training steps the weights had taken when exported.
    #[serde(default)]
    pub step: u64,
}

impl ModelDescription {
    /// Describes `program`'s current network, compiled from `data`.
    pub fn of(program: &Program<'_>, data: &Dataset) -> Result<Self> {
        let classes = program.classes().to_vec();
        if data.is_empty() {
            return Err(PlaygroundError::MissingData("There is no model yet: add data first.".into()));
        }
        let c = program.config();
        let image_size = data.image_size().map(|(w, h)| [w, h]);
        Ok(Self {
            format: FORMAT.into(),
            version: VERSION,
            inputs: input_width(data, &c.features),
            features: if image_size.is_some() { Vec::new() } else { c.features.clone() },
            image_size,
            conv: if image_size.is_some() { c.conv.clone() } else { Vec::new() },
            hidden: c.hidden.clone(),
            activation: c.activation,
            task: program.task(),
            classes,
            step: program.step(),
        })
    }

    /// Checks the description is whole and self-consistent, naming what is wrong.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(PlaygroundError::InvalidData(format!("model description: {m}")));
        if self.format != FORMAT {
            return bad(format!("format is '{}', expected '{FORMAT}'", self.format));
        }
        if self.version != VERSION {
            return bad(format!("version {} is not supported (this playground reads version {VERSION})", self.version));
        }
        match self.image_size {
            Some([w, h]) => {
                if !(1..=MAX_SIDE).contains(&w) || !(1..=MAX_SIDE).contains(&h) {
                    return bad(format!("imageSize {w}×{h} must be between 1 and {MAX_SIDE} per side"));
                }
                if self.inputs != w * h {
                    return bad(format!("inputs is {}, but {w}×{h} images have {} pixels", self.inputs, w * h));
                }
            }
            None => {
                if self.features.is_empty() {
                    return bad("a 2D model needs at least one feature".into());
                }
                if self.inputs != self.features.len() {
                    return bad(format!("inputs is {}, but {} features are listed", self.inputs, self.features.len()));
                }
            }
        }
        let max_classes = if self.image_size.is_some() { MAX_IMAGE_CLASSES } else { MAX_CLASSES };
        if self.task == Task::Regression {
            if !self.classes.is_empty() {
                return bad(format!("a regression model has no classes, but {:?} are listed", self.classes));
            }
            if self.image_size.is_some() {
                return bad("regression models read 2D points, not images".into());
            }
        } else if self.classes.is_empty() || self.classes.len() > max_classes {
            return bad(format!("{} classes; a model has 1 to {max_classes}", self.classes.len()));
        }
        if self.classes.windows(2).any(|w| w[0] >= w[1]) || self.classes.iter().any(|&c| c as usize >= max_classes) {
            return bad(format!("classes {:?} must be distinct labels below {max_classes}, in increasing order", self.classes));
        }
        if let Some(w) = self.hidden.iter().find(|&&w| w == 0) {
            return bad(format!("hidden layer width {w} must be at least 1"));
        }
        if !self.conv.is_empty() && self.image_size.is_none() {
            return bad("convolutions need an imageSize".into());
        }
        if self.conv.len() > MAX_CONV_LAYERS || self.conv.iter().any(|c| !(1..=MAX_CONV_CHANNELS).contains(c)) {
            return bad(format!("conv {:?}: at most {MAX_CONV_LAYERS} layers of 1 to {MAX_CONV_CHANNELS} channels", self.conv));
        }
        self.architecture().check()
    }

    /// Output units: one per class, or the one value of a regression model.
    pub fn outputs(&self) -> usize {
        match self.task {
            Task::Classification => self.classes.len(),
            Task::Regression => 1,
        }
    }

    /// The network this description builds.
    pub fn architecture(&self) -> Architecture {
        Architecture {
            inputs: self.inputs,
            image: self.image_size,
            conv: self.conv.clone(),
            hidden: self.hidden.clone(),
            outputs: self.outputs(),
            activation: self.activation,
        }
    }

    /// Every parameter as `(name, [rows, cols])` in the order and 2D form of
    /// [`crate::model::Network::named_params`]: kernels as `[out, in·3·3]`, biases as one row.
    pub fn parameter_shapes(&self) -> Vec<(String, [usize; 2])> {
        self.architecture()
            .parameter_shapes()
            .into_iter()
            .map(|(name, shape)| {
                let rows = if shape.len() == 1 { 1 } else { shape[0] };
                let cols = shape.iter().product::<usize>() / rows;
                (name, [rows, cols])
            })
            .collect()
    }
}
