//! The JSON that travels beside the weights: what the network looks like and what it reads.

use serde::{Deserialize, Serialize};

use crate::data::words::Vocabulary;
use crate::data::{Dataset, MAX_CLASSES, Task, images::MAX_IMAGE_CLASSES, images::MAX_SIDE};
use crate::error::{PlaygroundError, Result};
use crate::model::text::{TextArchitecture, TextShape};
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
    /// A word program's shape and characters; absent for programs on points or images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextDescription>,
}

/// What a word program reads and writes. Its tensors: `embedding.weight` `[vocab, embedding]`
/// (for the bigram `[vocab, vocab]`: row = the character before, column = the logit of the
/// next), then for the MLP `layers.i.weight` `[d_in, d_out]` and `layers.i.bias` `[d_out]`, the
/// first layer reading the context's embeddings concatenated oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextDescription {
    /// `bigram` or `mlp`.
    pub architecture: TextArchitecture,
    /// Tokens read before the one written (1 for the bigram), padded with token 0 at a word's start.
    pub context: usize,
    /// Width of each token's embedding (the vocabulary's size for the bigram).
    pub embedding: usize,
    /// Width of each hidden tanh layer (the MLP only).
    pub hidden: Vec<usize>,
    /// Transformer blocks (the transformer only).
    #[serde(default)]
    pub layers: usize,
    /// Attention heads per block (the transformer only).
    #[serde(default)]
    pub heads: usize,
    /// The characters of tokens 1, 2, … in order; token 0 is the end of a word (shown as `.`).
    pub vocabulary: String,
}

impl TextDescription {
    /// The vocabulary this program reads and writes, checked.
    pub fn vocabulary(&self) -> Result<Vocabulary> {
        Vocabulary::from_chars(self.vocabulary.chars().collect())
    }

    fn shape(&self) -> TextShape {
        TextShape {
            kind: self.architecture,
            vocab: self.vocabulary.chars().count() + 1,
            context: self.context,
            embedding: self.embedding,
            hidden: self.hidden.clone(),
            layers: self.layers,
            heads: self.heads,
            // Dropout acts only in training; a described model is for predictions.
            dropout: 0.0,
        }
    }

    fn validate(&self, classes: &[u8], inputs: usize) -> Result<()> {
        let bad = |m: String| Err(PlaygroundError::InvalidData(format!("model description: {m}")));
        let vocab = self.vocabulary()?;
        if classes.len() != vocab.len() || classes.iter().enumerate().any(|(i, &c)| c as usize != i) {
            return bad(format!("a word program has one class per token, 0..{}", vocab.len() - 1));
        }
        if inputs != self.context || !(1..=crate::train::text_config::MAX_CONTEXT).contains(&self.context) {
            return bad(format!(
                "context {} (inputs {inputs}) must agree and be 1 to {}",
                self.context,
                crate::train::text_config::MAX_CONTEXT
            ));
        }
        let bigram = self.architecture == TextArchitecture::Bigram;
        if bigram && (self.context != 1 || self.embedding != vocab.len() || !self.hidden.is_empty()) {
            return bad("a bigram reads one token and its table is vocabulary × vocabulary".into());
        }
        if self.architecture == TextArchitecture::Transformer
            && (self.layers == 0 || self.heads == 0 || self.embedding % self.heads != 0 || !self.hidden.is_empty())
        {
            return bad("a transformer has at least one block and heads that divide its width".into());
        }
        if !bigram && (self.embedding == 0 || self.hidden.iter().any(|&h| h == 0)) {
            return bad("embedding and hidden widths must be at least 1".into());
        }
        Ok(())
    }
}

impl ModelDescription {
    /// Describes `program`'s current network, compiled from `data`.
    pub fn of(program: &Program<'_>, data: &Dataset) -> Result<Self> {
        let classes = program.classes().to_vec();
        if data.is_empty() {
            return Err(PlaygroundError::MissingData("There is no model yet: add data first.".into()));
        }
        let c = program.config();
        if let Some(vocab) = data.vocabulary() {
            let shape = c.text.shape(vocab.len(), data.longest_word());
            let text = TextDescription {
                architecture: shape.kind,
                context: shape.context,
                embedding: shape.embedding,
                hidden: shape.hidden.clone(),
                layers: shape.layers,
                heads: shape.heads,
                vocabulary: vocab.chars().iter().collect(),
            };
            return Ok(Self {
                format: FORMAT.into(),
                version: VERSION,
                inputs: shape.context,
                features: Vec::new(),
                image_size: None,
                conv: Vec::new(),
                hidden: shape.hidden,
                activation: Activation::Tanh,
                task: Task::Classification,
                classes,
                step: program.step(),
                text: Some(text),
            });
        }
        let image_size = data.image_size().map(|(w, h)| [w, h]);
        Ok(Self {
            format: FORMAT.into(),
            version: VERSION,
            inputs: input_width(data, c),
            features: if image_size.is_some() { Vec::new() } else { c.features.clone() },
            image_size,
            conv: if image_size.is_some() { c.conv.clone() } else { Vec::new() },
            hidden: c.hidden.clone(),
            activation: c.activation,
            task: program.task(),
            classes,
            step: program.step(),
            text: None,
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
        if let Some(text) = &self.text {
            text.validate(&self.classes, self.inputs)?;
            return self.architecture().check();
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
            text: self.text.as_ref().map(TextDescription::shape),
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
