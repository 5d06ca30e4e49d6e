//! The "compiler flags": everything that decides how a dataset is compiled into weights.

use serde::{Deserialize, Serialize};

use super::schedule::Schedule;
use super::text_config::TextConfig;
use crate::error::{PlaygroundError, Result};
use crate::model::text::TextArchitecture;
use crate::model::{Activation, Feature};

/// Which optimizer updates the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    /// Plain stochastic gradient descent.
    Sgd,
    /// Adam: per-weight adaptive steps, forgiving about the learning rate.
    Adam,
    /// AdamW: Adam with decoupled weight decay (`weightDecay`), betas 0.9/0.99 as in makemore.
    Adamw,
}

/// A penalty on weight size added to the loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Regularization {
    /// No penalty.
    None,
    /// rate · Σ|w|: pushes weights to exactly zero (sparse programs).
    L1,
    /// rate · Σw²: keeps weights small (smooth boundaries).
    L2,
}

/// Where the tensor math runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendChoice {
    /// Whatever is measured faster for this model here; CPU when WebGPU is missing or fails.
    Auto,
    /// The GPU through the browser's WebGPU.
    Webgpu,
    /// burn's CPU backend compiled to wasm.
    Cpu,
}

/// Examples per optimizer step: a number, or `"full"` for the whole training split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BatchSize {
    /// This many examples (0 also means the full batch).
    Size(usize),
    /// The whole training split every step.
    Full(FullBatch),
}

/// The word `"full"`, for [`BatchSize::Full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FullBatch {
    /// The whole training split.
    Full,
}

impl BatchSize {
    /// The effective batch for a training split of `n` examples.
    pub fn resolve(self, n: usize) -> usize {
        match self {
            BatchSize::Size(0) | BatchSize::Full(_) => n,
            BatchSize::Size(b) => b.min(n),
        }
    }
}

/// The complete training configuration; `configure` patches it field by field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainConfig {
    /// Width of each hidden layer; empty means a linear (logistic-regression) model.
    pub hidden: Vec<usize>,
    /// Output channels of each 3×3 convolution (+ ReLU + 2×2 max-pool) before the hidden layers,
    /// for image datasets (a small CNN); empty means a plain MLP. Ignored for 2D points.
    #[serde(default)]
    pub conv: Vec<usize>,
    /// Non-linearity after each hidden layer.
    pub activation: Activation,
    /// Input columns computed from (x, y).
    pub features: Vec<Feature>,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// Step size.
    pub learning_rate: f64,
    /// Examples per step.
    pub batch_size: BatchSize,
    /// Weight penalty kind.
    pub regularization: Regularization,
    /// Weight penalty strength.
    pub regularization_rate: f64,
    /// Seed for weight initialization and batch order.
    pub seed: u64,
    /// Requested backend.
    pub backend: BackendChoice,
    /// How word lists are compiled (character-level programs).
    #[serde(default)]
    pub text: TextConfig,
    /// AdamW's decoupled weight decay (other optimizers ignore it).
    #[serde(default = "default_weight_decay")]
    pub weight_decay: f64,
    /// How the step size moves over training: constant, or a cosine decay.
    #[serde(default)]
    pub schedule: Schedule,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            hidden: vec![16, 16],
            conv: Vec::new(),
            activation: Activation::Tanh,
            features: vec![Feature::X, Feature::Y],
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.03,
            batch_size: BatchSize::Size(32),
            regularization: Regularization::None,
            regularization_rate: 0.0,
            seed: 1,
            backend: BackendChoice::Auto,
            text: TextConfig::default(),
            weight_decay: default_weight_decay(),
            schedule: Schedule::Constant,
        }
    }
}

fn default_weight_decay() -> f64 {
    0.01
}

/// Reads `hidden` as `configure` takes it: a list of widths, or one width (a word program's
/// single hidden layer).
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Vec<usize>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Widths {
        One(usize),
        Many(Vec<usize>),
    }
    Ok(Option::<Widths>::deserialize(d)?.map(|w| match w {
        Widths::One(w) => vec![w],
        Widths::Many(w) => w,
    }))
}

/// A partial configuration: the fields given replace the current ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(missing_docs)]
pub struct ConfigPatch {
    #[serde(default, deserialize_with = "one_or_many")]
    pub hidden: Option<Vec<usize>>,
    #[serde(alias = "convLayers")]
    pub conv: Option<Vec<usize>>,
    pub activation: Option<Activation>,
    pub features: Option<Vec<Feature>>,
    pub optimizer: Option<OptimizerKind>,
    pub learning_rate: Option<f64>,
    pub batch_size: Option<BatchSize>,
    pub regularization: Option<Regularization>,
    pub regularization_rate: Option<f64>,
    pub seed: Option<u64>,
    pub backend: Option<BackendChoice>,
    /// Word lists: `bigram` or `mlp`.
    pub architecture: Option<TextArchitecture>,
    /// Word lists: characters read before the one written.
    pub context: Option<usize>,
    /// Word lists: width of each character's embedding.
    pub embedding: Option<usize>,
    /// Word lists: transformer blocks.
    pub layers: Option<usize>,
    /// Word lists: attention heads per block.
    pub heads: Option<usize>,
    /// Word lists: the transformer's dropout while training (0 to 0.9).
    pub dropout: Option<f64>,
    /// AdamW's decoupled weight decay.
    pub weight_decay: Option<f64>,
    /// The learning-rate schedule: `{ kind: 'constant' }` or `{ kind: 'cosine', steps }`.
    pub schedule: Option<Schedule>,
    /// Word lists: every text setting at once, as `getConfig().text` gives them (the flat
    /// fields above win), so a whole configuration can be handed back to `configure`.
    pub text: Option<TextConfig>,
}

/// Most convolution layers (each halves the image).
pub const MAX_CONV_LAYERS: usize = 3;
/// Most channels per convolution.
pub const MAX_CONV_CHANNELS: usize = 64;

/// Training memory per parameter: the weight, its gradient and Adam's two moments, 4 bytes each.
const BYTES_PER_PARAMETER: usize = 16;

/// What a network may take: wasm32 addresses 4 GiB at most, and the tab needs room for the rest.
const MEMORY_BUDGET_BYTES: usize = 1_500_000_000;

impl TrainConfig {
    /// Weights and biases for `inputs` input columns and `classes` outputs.
    pub fn parameter_count_with(&self, inputs: usize, classes: usize) -> usize {
        let widths: Vec<usize> = std::iter::once(inputs).chain(self.hidden.iter().copied()).chain([classes]).collect();
        widths.windows(2).fold(0usize, |sum, w| sum.saturating_add(w[0].saturating_mul(w[1]).saturating_add(w[1])))
    }

    /// Refuses a network, with `rows` examples flowing through it at once, whose tensors would not
    /// fit a tab's wasm memory: weights with their training state, plus activations kept for backprop.
    pub fn check_memory(&self, inputs: usize, classes: usize, rows: usize) -> Result<()> {
        let params = self.parameter_count_with(inputs, classes);
        let widest = self.hidden.iter().copied().chain([inputs, classes]).max().unwrap_or(1);
        let activations = rows.saturating_mul(widest).saturating_mul(4 * (self.hidden.len() + 2));
        let bytes = params.saturating_mul(BYTES_PER_PARAMETER).saturating_add(activations);
        if bytes > MEMORY_BUDGET_BYTES {
            return Err(PlaygroundError::InvalidConfig(format!(
                "hidden {:?} with {rows} examples at once needs about {:.1} GB ({params} weights with their \
                 gradients and optimizer state, plus activations), more than the {:.1} GB a browser tab's \
                 wasm memory can hold; use fewer or narrower layers, or a smaller batch",
                self.hidden,
                bytes as f64 / 1e9,
                MEMORY_BUDGET_BYTES as f64 / 1e9
            )));
        }
        Ok(())
    }

    /// This configuration with `patch` applied, validated as a whole.
    pub fn patched(&self, patch: ConfigPatch) -> Result<Self> {
        self.patched_for(patch, false)
    }

    /// [`TrainConfig::patched`] for the data in hand: on a word list (`words`) `hidden` sets the
    /// character program's hidden layer, elsewhere the network's.
    pub fn patched_for(&self, patch: ConfigPatch, words: bool) -> Result<Self> {
        let c = self.clone();
        // `text` as `getConfig()` gives it (a whole configuration handed back), then the flat fields.
        let given = patch.text.clone().unwrap_or_else(|| c.text.clone());
        let base = given.switched_to(patch.architecture.unwrap_or(given.architecture));
        let (hidden, text_hidden) = match patch.hidden {
            // (with `text` given, that carries the word program's own, and `hidden` is the network's)
            Some(h) if words && patch.text.is_none() => (c.hidden, h),
            Some(h) => (h, base.hidden.clone()),
            None => (c.hidden, base.hidden.clone()),
        };
        let to_transformer =
            patch.architecture == Some(TextArchitecture::Transformer) && given.architecture != TextArchitecture::Transformer;
        let text = TextConfig {
            context: patch.context.unwrap_or(base.context),
            embedding: patch.embedding.unwrap_or(base.embedding),
            hidden: text_hidden,
            layers: patch.layers.unwrap_or(base.layers),
            heads: patch.heads.unwrap_or(base.heads),
            dropout: patch.dropout.unwrap_or(base.dropout),
            ..base
        };
        // makemore trains its transformer with AdamW at 5e-4 (weight decay 0.01, betas 0.9/0.99).
        let (optimizer, learning_rate) = if to_transformer {
            (patch.optimizer.unwrap_or(OptimizerKind::Adamw), patch.learning_rate.unwrap_or(5e-4))
        } else {
            (patch.optimizer.unwrap_or(c.optimizer), patch.learning_rate.unwrap_or(c.learning_rate))
        };
        let next = Self {
            hidden,
            text,
            conv: patch.conv.unwrap_or(c.conv),
            activation: patch.activation.unwrap_or(c.activation),
            features: patch.features.unwrap_or(c.features),
            optimizer,
            learning_rate,
            weight_decay: patch.weight_decay.unwrap_or(c.weight_decay),
            schedule: patch.schedule.unwrap_or(c.schedule),
            batch_size: patch.batch_size.unwrap_or(c.batch_size),
            regularization: patch.regularization.unwrap_or(c.regularization),
            regularization_rate: patch.regularization_rate.unwrap_or(c.regularization_rate),
            seed: patch.seed.unwrap_or(c.seed),
            backend: patch.backend.unwrap_or(c.backend),
        };
        next.validate()?;
        Ok(next)
    }

    /// Rejects values no training run could use, saying which and why.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(PlaygroundError::InvalidConfig(m));
        if let Some(i) = self.hidden.iter().position(|&w| w == 0) {
            return bad(format!("hidden[{i}] is 0; every hidden layer needs at least one neuron"));
        }
        if self.conv.len() > MAX_CONV_LAYERS {
            return bad(format!("{} convolution layers; at most {MAX_CONV_LAYERS}", self.conv.len()));
        }
        if let Some((i, c)) = self.conv.iter().enumerate().find(|(_, c)| !(1..=MAX_CONV_CHANNELS).contains(*c)) {
            return bad(format!("conv[{i}] = {c} channels; each convolution has 1 to {MAX_CONV_CHANNELS}"));
        }
        self.check_memory(self.features.len(), crate::data::MAX_CLASSES, 0)?;
        if self.features.is_empty() {
            return bad("features is empty; choose at least one input feature".into());
        }
        let mut seen = self.features.clone();
        seen.sort_by_key(|f| Feature::ALL.iter().position(|g| g == f));
        seen.dedup();
        if seen.len() != self.features.len() {
            return bad("features lists the same feature twice".into());
        }
        if !self.learning_rate.is_finite() || self.learning_rate <= 0.0 {
            return bad(format!("learningRate = {} must be a positive number", self.learning_rate));
        }
        if !self.regularization_rate.is_finite() || self.regularization_rate < 0.0 {
            return bad(format!("regularizationRate = {} must be zero or positive", self.regularization_rate));
        }
        if !self.weight_decay.is_finite() || self.weight_decay < 0.0 {
            return bad(format!("weightDecay = {} must be zero or positive", self.weight_decay));
        }
        if let Schedule::Cosine { steps } = self.schedule {
            if steps == 0 {
                return bad("schedule.steps is 0; a cosine schedule falls over at least one step".into());
            }
            if self.learning_rate > 1.0 {
                return bad(format!("learningRate = {} with a cosine schedule must be at most 1", self.learning_rate));
            }
        }
        self.text.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_configuration_patches_back_in() {
        let mut config = TrainConfig::default();
        config.text.architecture = TextArchitecture::Transformer;
        config.text.context = 0;
        config.text.embedding = 32;
        config.weight_decay = 0.05;
        config.schedule = Schedule::Cosine { steps: 9000 };
        let json = serde_json::to_value(&config).unwrap();
        let patch: ConfigPatch = serde_json::from_value(json).unwrap();
        assert_eq!(TrainConfig::default().patched_for(patch, true).unwrap(), config);
    }

    #[test]
    fn patch_replaces_only_given_fields_and_validates() {
        let base = TrainConfig::default();
        let p = ConfigPatch { learning_rate: Some(0.1), ..Default::default() };
        let next = base.patched(p).unwrap();
        assert_eq!(next.learning_rate, 0.1);
        assert_eq!(next.hidden, base.hidden);
        for bad in [
            ConfigPatch { hidden: Some(vec![4, 0]), ..Default::default() },
            ConfigPatch { features: Some(vec![]), ..Default::default() },
            ConfigPatch { features: Some(vec![Feature::X, Feature::X]), ..Default::default() },
            ConfigPatch { learning_rate: Some(-1.0), ..Default::default() },
            ConfigPatch { learning_rate: Some(f64::NAN), ..Default::default() },
            ConfigPatch { regularization_rate: Some(-0.5), ..Default::default() },
            ConfigPatch { hidden: Some(vec![60_000, 60_000]), ..Default::default() },
            ConfigPatch { hidden: Some(vec![usize::MAX, 2]), ..Default::default() },
            ConfigPatch { schedule: Some(Schedule::Cosine { steps: 0 }), ..Default::default() },
            ConfigPatch { learning_rate: Some(3.0), schedule: Some(Schedule::Cosine { steps: 10 }), ..Default::default() },
        ] {
            assert!(base.patched(bad.clone()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn parameter_count_counts_weights_and_biases_and_big_nets_within_memory_pass() {
        let c = TrainConfig { hidden: vec![4, 3], ..TrainConfig::default() };
        assert_eq!(c.parameter_count_with(2, 2), (2 * 4 + 4) + (4 * 3 + 3) + (3 * 2 + 2));
        let deep = ConfigPatch { hidden: Some(vec![64; 50]), ..Default::default() };
        assert!(TrainConfig::default().patched(deep).is_ok(), "depth is not capped");
        let wide = ConfigPatch { hidden: Some(vec![4000, 4000]), ..Default::default() };
        assert!(TrainConfig::default().patched(wide).is_ok(), "width is capped only by memory");
    }

    #[test]
    fn batch_size_full_and_zero_mean_the_whole_split() {
        assert_eq!(BatchSize::Size(0).resolve(40), 40);
        assert_eq!(BatchSize::Full(FullBatch::Full).resolve(40), 40);
        assert_eq!(BatchSize::Size(10).resolve(40), 10);
        assert_eq!(BatchSize::Size(100).resolve(40), 40);
    }
}
