//! Where training stands beyond the weights — the optimizer's moments and the batch order — so a
//! project saved after 100 steps and opened elsewhere trains on exactly as if it had never stopped.

use super::Session;
use super::batches::{BatchOrder, OrderState};
use crate::error::Result;
use crate::model::Network;
use crate::train::config::TrainConfig;
use crate::train::optimizer::{ParamOptimizer, SlotState};

/// The optimizer's state slot by slot and the batch order's state.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingState {
    /// Each optimizer slot (two per layer: weight, bias), `None` where nothing was stepped yet;
    /// empty for SGD, which keeps no state.
    pub optimizer: Vec<Option<SlotState>>,
    /// The batch order.
    pub order: OrderState,
}

impl Session {
    /// Where training stands beyond the weights (`None` without a network), read off the device.
    pub async fn training_state(&self) -> Result<Option<TrainingState>> {
        let Some(net) = &self.net else { return Ok(None) };
        Ok(Some(TrainingState { optimizer: net.optimizer.saved().await?, order: net.order.state() }))
    }

    /// The optimizer and batch order `state` describes for `model` under `config`, over `train`
    /// training examples; a state that does not fit is refused.
    pub(super) fn resumed(
        &self,
        state: TrainingState,
        config: &TrainConfig,
        model: &Network,
        train: usize,
    ) -> Result<(ParamOptimizer, BatchOrder)> {
        let optimizer = ParamOptimizer::restored(config.optimizer, config.weight_decay, state.optimizer, model, &self.device)?;
        Ok((optimizer, BatchOrder::from_state(&state.order, train)?))
    }
}
