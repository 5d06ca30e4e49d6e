//! Measuring the compiled program: loss and accuracy on the training and the held-out points.

use super::metrics_memo::{MetricsMemo, fingerprint, read_peak};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

use super::loss::sequence_nll;
use super::program::Program;
use super::session::Session;
use super::tensors::{Split, Targets};
use crate::data::Dataset;
use crate::error::{PlaygroundError, Result};
use crate::model::Network;

/// Loss above this (or NaN/∞) means training blew up: a softmax cross-entropy this large comes only
/// from logits in the hundreds, which sane training never produces. For regression the limit is
/// this many times the mean squared target (at least 1), so large values are not mistaken for it.
pub const DIVERGED_LOSS: f64 = 100.0;

fn default_limit() -> f64 {
    DIVERGED_LOSS
}

/// How well the network fits its data right now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// Optimizer steps taken so far.
    pub step: u64,
    /// Mean loss on the training split: cross-entropy, or squared error for regression.
    pub train_loss: f64,
    /// Mean loss on the test split (`None` without test points).
    pub test_loss: Option<f64>,
    /// Share of training points classified right (`None` for regression).
    pub train_accuracy: Option<f64>,
    /// Share of test points classified right (`None` without test points, and for regression).
    pub test_accuracy: Option<f64>,
    /// Loss above which training counts as diverged (see [`DIVERGED_LOSS`]).
    #[serde(skip, default = "default_limit")]
    pub diverged_above: f64,
    /// A lower bound on the worst training loss since the weights were installed (`None` before
    /// the first step): a blow-up between two measurements still counts.
    #[serde(default)]
    pub peak_train_loss: Option<f64>,
    /// Set when the losses are an estimate (see [`estimate`]): each split of more rows than this
    /// was read at this many of them, evenly spaced. `None` when every example was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_from: Option<u64>,
}

impl Metrics {
    /// What the page says when training diverged (see [`Metrics::diverged`]): the step and the
    /// worst loss seen (NaN or ∞ as they are), e.g. "Training diverged by step 12 (the loss
    /// reached 3.90e+4).".
    pub fn divergence_message(&self) -> String {
        let worst = match self.peak_train_loss {
            _ if !self.train_loss.is_finite() => self.train_loss,
            Some(p) if p.is_finite() => self.train_loss.max(p),
            _ => self.train_loss,
        };
        format!("Training diverged by step {} (the loss reached {}).", self.step, three_digits(worst))
    }

    /// Whether the numbers say training diverged (NaN or exploding loss), now or at any step
    /// since the weights were installed.
    pub fn diverged(&self) -> bool {
        let bad = |l: f64| !l.is_finite() || l > self.diverged_above;
        bad(self.train_loss) || self.test_loss.is_some_and(bad) || self.peak_train_loss.is_some_and(bad)
    }
}

/// `[loss, accuracy]` of `model` on one split (`[loss]` for regression), still on the device.
fn split_metrics(program: &Program<'_>, model: &Network, split: &Split) -> Tensor<1> {
    if let Targets::Sequence(targets) = &split.targets {
        return sequence_metrics(model, &split.inputs, targets);
    }
    let outputs = model.forward(split.inputs.clone(), program.activation());
    let loss = program.loss_fn().forward(outputs.clone(), &split.targets);
    let Some(classes) = split.targets.classes() else { return loss };
    let predicted = outputs.argmax(1).reshape([split.len]);
    let accuracy = predicted.equal(classes.clone()).float().mean();
    Tensor::cat(vec![loss, accuracy], 0)
}

/// Words run through a transformer at once when measuring: bounds the activations' memory.
const SEQUENCE_CHUNK: usize = 512;

/// `[loss, accuracy]` over a sequence split's real positions (the mean per character and the
/// share of characters predicted right), measured a chunk of words at a time.
fn sequence_metrics(model: &Network, inputs: &Tensor<2>, targets: &Tensor<2, Int>) -> Tensor<1> {
    let [n, t] = targets.dims();
    let (mut nll, mut right, mut count) = (Vec::new(), Vec::new(), Vec::new());
    let mut start = 0;
    while start < n {
        let end = (start + SEQUENCE_CHUNK).min(n);
        let (x, y) = (inputs.clone().slice([start..end]), targets.clone().slice([start..end]));
        let logits = model.forward(x, crate::model::Activation::Linear);
        let flat = y.clone().reshape([(end - start) * t]);
        let real = flat.clone().greater_equal_elem(0).float();
        right.push((logits.clone().argmax(1).reshape([(end - start) * t]).equal(flat).float() * real).sum());
        let (sum, c) = sequence_nll(logits, &y);
        nll.push(sum);
        count.push(c);
        start = end;
    }
    let total = Tensor::cat(count, 0).sum();
    Tensor::cat(vec![Tensor::cat(nll, 0).sum() / total.clone(), Tensor::cat(right, 0).sum() / total], 0)
}

/// The divergence limit for `data` (see [`DIVERGED_LOSS`]).
fn divergence_limit(data: &Dataset) -> f64 {
    let values = data.value_points();
    if values.is_empty() {
        return DIVERGED_LOSS;
    }
    let mean_square = values.iter().map(|p| p.value * p.value).sum::<f64>() / values.len() as f64;
    DIVERGED_LOSS * mean_square.max(1.0)
}

/// Evaluates on both splits with a single read from the device. It reads the trainer's own state
/// (the data tensors it keeps compiled, the worst loss seen while training), so it takes the
/// session rather than a program and a dataset.
pub async fn evaluate(session: &Session) -> Result<Metrics> {
    let program = session.program();
    let model = program.model()?;
    // A text program's evaluation is a pass over every line: remembered while nothing changes.
    let print = if session.dataset().is_words() { Some(fingerprint(&model, session.dataset()).await?) } else { None };
    if let (Some(print), Some(m)) = (&print, session.metrics_memo()) {
        if m.fingerprint == *print {
            return Ok(Metrics {
                step: session.step(),
                train_loss: m.train_loss,
                train_accuracy: m.train_accuracy,
                test_loss: m.test_loss,
                test_accuracy: m.test_accuracy,
                diverged_above: divergence_limit(session.dataset()),
                peak_train_loss: read_peak(session.peak_loss().cloned()).await?,
                estimated_from: None,
            });
        }
    }
    let data = session.data_tensors()?;
    let metrics = measure(session, &program, &model, data.train.as_ref(), data.test.as_ref(), None).await?;
    if let Some(fingerprint) = print {
        session.remember_metrics(MetricsMemo {
            fingerprint,
            train_loss: metrics.train_loss,
            test_loss: metrics.test_loss,
            train_accuracy: metrics.train_accuracy,
            test_accuracy: metrics.test_accuracy,
        });
    }
    Ok(metrics)
}

/// Positions of word or line data a progress estimate reads per split, at most: about 1,000
/// names, as makemore's own estimates during training (ten batches of 100).
pub const ESTIMATE_POSITIONS: usize = 16_384;

/// The metrics as [`evaluate`] gives them, except that a split of word or line data larger than
/// [`ESTIMATE_POSITIONS`] is read at an evenly spaced, fixed sample of its rows (the same rows
/// every time, so a curve of estimates moves only with the program). What the worker reports while
/// training: reading all 31,000 training names would take a sixth of the training time. Exact, and
/// the same as `evaluate`'s, for every other dataset and for lists short enough.
pub async fn estimate(session: &Session) -> Result<Metrics> {
    if !session.dataset().is_words() {
        return evaluate(session).await;
    }
    let data = session.data_tensors()?;
    let (train, test) = (data.train.as_ref(), data.test.as_ref());
    // A transformer's row is a whole word; the bigram's and the MLP's, one character.
    let per_row = |s: &Split| match &s.targets {
        Targets::Sequence(t) => t.dims()[1].max(1),
        _ => 1,
    };
    let rows = train.or(test).map_or(usize::MAX, |s| (ESTIMATE_POSITIONS / per_row(s)).max(1));
    if [train, test].into_iter().flatten().all(|s| s.len <= rows) {
        return evaluate(session).await;
    }
    let (train, test) = (train.map(|s| sample_rows(s, rows)), test.map(|s| sample_rows(s, rows)));
    let program = session.program();
    measure(session, &program, &program.model()?, train.as_ref(), test.as_ref(), Some(rows as u64)).await
}

/// `rows` rows of `split`, evenly spaced from the first (all of them when it has no more).
fn sample_rows(split: &Split, rows: usize) -> Split {
    if split.len <= rows {
        return split.clone();
    }
    let picked: Vec<i64> = (0..rows).map(|i| (i * split.len / rows) as i64).collect();
    let device = split.inputs.device();
    let idx = Tensor::<1, Int>::from_data(TensorData::new(picked, [rows]), &device);
    Split { inputs: split.inputs.clone().select(0, idx.clone()), targets: split.targets.select(idx), len: rows }
}

/// Loss and accuracy of the session's program on `train` and `test`, with one read from the device.
async fn measure(
    session: &Session,
    program: &Program<'_>,
    model: &Network,
    train: Option<&Split>,
    test: Option<&Split>,
    estimated_from: Option<u64>,
) -> Result<Metrics> {
    let mut parts = Vec::new();
    if let Some(train) = train {
        parts.push(split_metrics(program, model, train));
    }
    if let Some(test) = test {
        parts.push(split_metrics(program, model, test));
    }
    if parts.is_empty() {
        return Err(PlaygroundError::MissingData("There is no data to evaluate on: add points or load a preset.".into()));
    }
    let peak = session.peak_loss().cloned();
    let has_peak = peak.is_some();
    parts.extend(peak);
    let mut values = read_floats(Tensor::cat(parts, 0)).await?;
    let peak_train_loss = if has_peak { values.pop() } else { None };
    let per_split = values.len() / (train.is_some() as usize + test.is_some() as usize);
    let mut splits = values.chunks(per_split).map(|c| (c[0], c.get(1).copied()));
    let on_train = if train.is_some() { splits.next() } else { None };
    let on_test = splits.next();
    Ok(Metrics {
        step: session.step(),
        train_loss: on_train.map_or(f64::NAN, |t| t.0),
        train_accuracy: on_train.and_then(|t| t.1),
        test_loss: on_test.map(|t| t.0),
        test_accuracy: on_test.and_then(|t| t.1),
        diverged_above: divergence_limit(session.dataset()),
        peak_train_loss,
        estimated_from,
    })
}

/// Reads a float tensor back to the host, asynchronously (required on WebGPU).
pub async fn read_floats<const D: usize>(t: Tensor<D>) -> Result<Vec<f64>> {
    let data = t.into_data_async().await.map_err(|e| PlaygroundError::Backend(format!("reading results from the device failed: {e:?}")))?;
    let values: Vec<f32> =
        data.convert::<f32>().try_into_vec().map_err(|e| PlaygroundError::Backend(format!("unexpected tensor data: {e:?}")))?;
    Ok(values.into_iter().map(f64::from).collect())
}

/// `x` to three significant digits as JavaScript's `toPrecision(3)` writes it: fixed notation for
/// exponents −6 to 2 (`237`, `1.23`, `0.000123`), else `3.90e+4`; `NaN`, `Infinity` as JS names them.
pub fn three_digits(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    if x == 0.0 {
        return "0.00".into();
    }
    // Round to 3 significant digits first: the rounding can carry into the next power of ten.
    let sci = format!("{x:.2e}");
    let (mantissa, exponent) = sci.split_once('e').expect("Rust's {:e} has an exponent");
    let e: i32 = exponent.parse().expect("a whole exponent");
    if !(-6..3).contains(&e) {
        return format!("{mantissa}e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    format!("{x:.*}", (2 - e) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_digits_writes_what_javascripts_to_precision_writes() {
        for (x, js) in [
            (39012.0, "3.90e+4"),
            (237.4, "237"),
            (1.234, "1.23"),
            (0.000123, "0.000123"),
            (999.6, "1.00e+3"),
            (0.0, "0.00"),
            (-1.5, "-1.50"),
            (1.5e-7, "1.50e-7"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(three_digits(x), js, "{x}");
        }
    }

    #[test]
    fn the_divergence_message_quotes_the_worst_loss_seen() {
        let m = |train_loss: f64, peak: Option<f64>| Metrics {
            step: 35,
            train_loss,
            test_loss: None,
            train_accuracy: None,
            test_accuracy: None,
            diverged_above: DIVERGED_LOSS,
            peak_train_loss: peak,
            estimated_from: None,
        };
        assert!(!m(0.7, Some(0.9)).diverged());
        assert!(m(0.7, Some(39012.0)).diverged());
        assert_eq!(m(0.7, Some(39012.0)).divergence_message(), "Training diverged by step 35 (the loss reached 3.90e+4).");
        assert_eq!(m(f64::NAN, Some(2.0)).divergence_message(), "Training diverged by step 35 (the loss reached NaN).");
        assert_eq!(m(250.0, None).divergence_message(), "Training diverged by step 35 (the loss reached 250).");
    }
}
