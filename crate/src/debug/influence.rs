//! Why it predicts this: TracIn (Pruthi et al., NeurIPS 2020) over the timeline's snapshots.
//! A training example's influence on a query is the sum, over snapshots, of the learning rate
//! times the steps the snapshot stands for, times the dot product of the example's and the
//! query's loss gradients: positive when training on it lowered the query's loss (a proponent),
//! negative when it raised it (an opponent).
//!
//! Per-example gradients come from one batched backward pass per snapshot: a dense layer's
//! weight gradient for one example is the outer product of its input `a` and its output gradient
//! `δ`, so the dot product of two examples' gradients factors as `(a·a' + 1)(δ·δ')` (the `1` is
//! the bias). `δ` is read as the gradient of a zero "probe" added to each layer's output. For a
//! CNN the convolution kernels' share is left out (dense layers only). With Adam, whose steps are
//! not plain gradient steps, the sum is an approximation; the native test measures it against
//! leave-one-out retraining.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::snapshots::{WeightedSnapshot, weighted_snapshots};
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::predict::{point_inputs, probabilities};
use crate::model::{Activation, coordinates_tensor, expand_features};
use crate::train::Program;
use crate::train::clock::now_ms;
use crate::train::evaluate::read_floats;
use crate::train::loss::TaskLoss;
use crate::train::progress::{Advance, Progress};
use crate::train::tensors::{Targets, output_index};

/// Most proponents (and opponents) one query may ask for.
pub const MAX_TOP: usize = 200;

/// What to explain, and how much of the answer to return.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InfluenceOptions {
    /// How many proponents and how many opponents to list.
    pub top: usize,
    /// The class to explain (default: the one the network predicts).
    pub label: Option<f64>,
    /// Regression: the value the query should have (required there).
    pub value: Option<f64>,
}

impl Default for InfluenceOptions {
    fn default() -> Self {
        Self { top: 10, label: None, value: None }
    }
}

/// A training example and its influence on the query.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Influencer {
    /// Its index in the dataset.
    pub index: usize,
    /// Its TracIn score: the estimated drop in the query's loss owed to training on it.
    pub score: f64,
}

/// The examples that pushed the prediction towards the query's target, and those that pushed away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Influence {
    /// The class explained (`None` for regression).
    pub label: Option<u8>,
    /// The target value explained (regression).
    pub value: Option<f64>,
    /// Strongest positive scores first.
    pub proponents: Vec<Influencer>,
    /// Strongest negative scores first.
    pub opponents: Vec<Influencer>,
}

/// TracIn over the snapshots, one snapshot per unit of work.
pub struct InfluenceJob {
    snapshots: Vec<WeightedSnapshot>,
    next: usize,
    inputs: Tensor<2>,
    targets: Targets,
    train: Vec<usize>,
    activation: Activation,
    loss: TaskLoss,
    rate: f64,
    total: Option<Tensor<2>>,
    top: usize,
    label: Option<u8>,
    value: Option<f64>,
}

impl InfluenceJob {
    /// Prepares the query against `d`'s training examples: `input` is `[x, y]` on a 2D dataset or a
    /// row of pixels on an image dataset. A malformed input or target rejects before any work.
    pub async fn new(program: &Program<'_>, d: &Dataset, input: &[f64], options: InfluenceOptions) -> Result<Self> {
        program.refuse_words("influence")?;
        if !(1..=MAX_TOP).contains(&options.top) {
            return Err(PlaygroundError::InvalidConfig(format!("top {} must be between 1 and {MAX_TOP}", options.top)));
        }
        match d.image_size() {
            Some((w, h)) if input.len() != w * h => {
                return Err(PlaygroundError::InvalidData(format!(
                    "the query image has {} pixels, but the dataset's images are {w}×{h}",
                    input.len()
                )));
            }
            None if input.len() != 2 || input.iter().any(|v| !(-1.0..=1.0).contains(v)) => {
                return Err(PlaygroundError::InvalidData(format!(
                    "the query must be a point [x, y] inside the square [-1, 1]², got {input:?}"
                )));
            }
            _ if input.iter().any(|v| !v.is_finite()) => {
                return Err(PlaygroundError::InvalidData("the query has a value that is not a finite number".into()));
            }
            _ => {}
        }
        let (label, value) = query_target(program, input, options).await?;
        let snapshots = weighted_snapshots(program)?;
        let train = d.split_indices(false);
        if train.is_empty() {
            return Err(PlaygroundError::MissingData("there are no training examples to credit".into()));
        }
        let classes = program.classes();
        let device = program.device().clone().autodiff();
        let split = program.examples(d, &train, &device).expect("training examples exist");
        let query = match d.image_size() {
            Some((w, h)) => Tensor::from_data(TensorData::new(input.iter().map(|&p| p as f32).collect(), [1, w * h]), &device),
            None => expand_features(coordinates_tensor(std::iter::once((input[0], input[1])), &device), program.features()),
        };
        let targets = match (&split.targets, label, value) {
            (Targets::Classes(t), Some(l), _) => {
                let q = Tensor::<1, Int>::from_data(TensorData::new(vec![output_index(classes, l) as i32], [1]), &device);
                Targets::Classes(Tensor::cat(vec![t.clone(), q], 0))
            }
            (Targets::Values(t), _, Some(v)) => Targets::Values(Tensor::cat(vec![t.clone(), Tensor::full([1, 1], v, &device)], 0)),
            _ => return Err(PlaygroundError::InvalidData("the query's target does not match the dataset's kind".into())),
        };
        Ok(Self {
            snapshots,
            next: 0,
            inputs: Tensor::cat(vec![split.inputs, query], 0),
            targets,
            rate: program.config().learning_rate / train.len() as f64,
            train,
            activation: program.activation(),
            loss: program.loss_fn().clone(),
            total: None,
            top: options.top,
            label,
            value,
        })
    }

    /// Sums the next snapshots' contributions for about `budget_ms`; ranks at the end.
    pub async fn advance(&mut self, budget_ms: f64) -> Result<Advance<Influence>> {
        let start = now_ms();
        while self.next < self.snapshots.len() {
            let c = &self.snapshots[self.next];
            let term = self.gradient_products(c) * (self.rate * c.span as f64);
            self.total = Some(match self.total.take() {
                Some(t) => t + term,
                None => term,
            });
            self.next += 1;
            if now_ms() - start >= budget_ms && self.next < self.snapshots.len() {
                let n = self.snapshots.len();
                return Ok(Advance::Working(Progress {
                    done: self.next as f64 / n as f64,
                    message: format!("snapshot {} of {n}", self.next),
                }));
            }
        }
        let scores = read_floats(self.total.take().expect("at least one snapshot")).await?;
        let mut ranked: Vec<Influencer> = self.train.iter().zip(&scores).map(|(&index, &score)| Influencer { index, score }).collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        let proponents = ranked.iter().take_while(|r| r.score > 0.0).take(self.top).copied().collect();
        let opponents = ranked.iter().rev().take_while(|r| r.score < 0.0).take(self.top).copied().collect();
        Ok(Advance::Done(Influence { label: self.label, value: self.value, proponents, opponents }))
    }

    /// `[rows, 1]`: each row's loss gradient dotted with the query's (the last row), at snapshot `c`.
    fn gradient_products(&self, c: &WeightedSnapshot) -> Tensor<2> {
        let rows = self.inputs.dims()[0];
        let device = self.inputs.device();
        let last = c.model.layers().len() - 1;
        let mut x = c.model.features(self.inputs.clone());
        let mut layer_inputs = Vec::new();
        let mut probes = Vec::new();
        for (i, layer) in c.model.layers().iter().enumerate() {
            layer_inputs.push(x.clone().inner());
            let probe = Tensor::<2>::zeros([rows, layer.weight.dims()[1]], &device).require_grad();
            let z = layer.forward(x) + probe.clone();
            probes.push(probe);
            x = if i < last { self.activation.apply(z) } else { z };
        }
        // The summed (not mean) loss: each row's probe gradient is then that example's own.
        let grads = (self.loss.forward(x, &self.targets) * rows as f64).backward();
        let mut total: Option<Tensor<2>> = None;
        for (a, probe) in layer_inputs.into_iter().zip(probes) {
            let delta = probe.grad(&grads).expect("the probe takes part in the loss");
            let a_query = a.clone().narrow(0, rows - 1, 1).transpose();
            let d_query = delta.clone().narrow(0, rows - 1, 1).transpose();
            let term = (a.matmul(a_query) + 1.0) * delta.matmul(d_query);
            total = Some(match total {
                Some(t) => t + term,
                None => term,
            });
        }
        total.expect("a network has an output layer")
    }
}

/// The class (or value) the query is explained for: as asked, or the network's prediction.
async fn query_target(program: &Program<'_>, input: &[f64], options: InfluenceOptions) -> Result<(Option<u8>, Option<f64>)> {
    if program.task() == Task::Regression {
        return match options.value {
            Some(v) if v.is_finite() => Ok((None, Some(v))),
            Some(v) => Err(PlaygroundError::InvalidData(format!("value {v} is not a finite number"))),
            None => Err(PlaygroundError::InvalidData(
                "on a regression dataset, say which value the query should have: influence(input, { value })".into(),
            )),
        };
    }
    let classes = program.classes();
    match options.label {
        Some(l) if l.fract() == 0.0 && l >= 0.0 && classes.contains(&(l as u8)) && l < 256.0 => Ok((Some(l as u8), None)),
        Some(l) => Err(PlaygroundError::InvalidData(format!("label {l} is not one of the network's classes {classes:?}"))),
        None => {
            let inputs = match program.image_size() {
                Some((w, h)) => Tensor::from_data(TensorData::new(input.iter().map(|&p| p as f32).collect(), [1, w * h]), program.device()),
                None => point_inputs(program, std::iter::once((input[0], input[1]))),
            };
            let row = probabilities(program, &program.model()?, inputs).await?;
            Ok((Some((0..row.len()).fold(0, |b, l| if row[l] > row[b] { l } else { b }) as u8), None))
        }
    }
}

/// Ranks `d`'s training examples by their TracIn influence on the query, in one go.
pub async fn influence(program: &Program<'_>, d: &Dataset, input: &[f64], options: InfluenceOptions) -> Result<Influence> {
    let mut job = InfluenceJob::new(program, d, input, options).await?;
    loop {
        if let Advance::Done(result) = job.advance(f64::INFINITY).await? {
            return Ok(result);
        }
    }
}
