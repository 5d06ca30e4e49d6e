//! Training done by another loop — the native program `sw2`, on burn-train — that starts where
//! the session stands and hands its result back, so that a project trained natively opens in the
//! page as if the page had trained it: the same batches in the same order, the same objective,
//! its weights, step and timeline.

use burn::prelude::*;

use super::Session;
use super::batches::BatchOrder;
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::config::TrainConfig;
use crate::train::optimizer::ParamOptimizer;
use crate::train::program::no_data;
use crate::train::tensors::Split;
use crate::train::timeline::Timeline;

/// Everything a native training loop needs to continue this session's training.
pub struct NativeStart {
    /// The network to train, on the session's autodiff device.
    pub model: Network,
    /// Optimizer steps already taken.
    pub step: u64,
    /// The batch order, where the session left it: the loop draws the same batches the page would.
    pub order: BatchOrder,
    /// Examples per step.
    pub batch: usize,
    /// The training split, on the autodiff device.
    pub train: Split,
    /// The test split on the plain device, when there is one.
    pub test: Option<Split>,
    /// The timeline so far; the loop offers its weights to it as it goes.
    pub timeline: Timeline,
    /// The configuration the session trains with.
    pub config: TrainConfig,
}

impl Session {
    /// Where training stands, for a native loop to carry on. Refused without a training split.
    pub fn native_start(&self) -> Result<NativeStart> {
        let net = self.net.as_ref().ok_or_else(no_data)?;
        let train = net
            .data
            .train_autodiff
            .clone()
            .ok_or_else(|| PlaygroundError::MissingData("every example is in the test split: lower testFraction or add data".into()))?;
        Ok(NativeStart {
            model: net.model.clone(),
            step: self.step,
            order: net.order.clone(),
            batch: self.config.batch_size.resolve(train.len),
            train,
            test: net.data.test.clone(),
            timeline: self.timeline.clone(),
            config: self.config.clone(),
        })
    }

    /// Takes back a native loop's result: `model` after `step` steps, the `timeline` it kept and
    /// the batch `order` where it stopped. Weights trained on another device come to the
    /// session's; the optimizer's moments start afresh (the native loop keeps its own in its
    /// checkpoints).
    pub fn adopt_native(&mut self, model: Network, step: u64, timeline: Timeline, order: BatchOrder) -> Result<()> {
        let device = self.device.clone().autodiff();
        let (kind, decay) = (self.config.optimizer, self.config.weight_decay);
        let hash = self.repo.hash().to_string();
        let net = self.net.as_mut().ok_or_else(no_data)?;
        net.model = model.to_device(&device);
        net.optimizer = ParamOptimizer::with_decay(kind, decay);
        net.order = order;
        net.peak_loss = None;
        let snapshots = timeline.into_snapshots().into_iter().map(|(s, m)| (s, m.to_device(&device))).collect();
        self.timeline = Timeline::from_snapshots(snapshots, step);
        self.step = step;
        self.trained_on = Some(hash);
        Ok(())
    }
}
