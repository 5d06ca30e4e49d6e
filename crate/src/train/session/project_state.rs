//! A whole project installed at once — data, configuration, versions, weights and timeline — as
//! a project file or a share link brings it. Everything that can fail is done before anything
//! changes.

use burn::prelude::*;

use super::resume::TrainingState;
use super::{Session, architecture, output_count};
use crate::data::repo::Repo;
use crate::data::versions::Version;
use crate::data::{Dataset, Task};
use crate::error::Result;
use crate::model::{Architecture, Network};
use crate::train::config::TrainConfig;
use crate::train::timeline::Timeline;

/// A network's parameters as `(name, [rows, cols], values)`, named and shaped as
/// [`Network::named_params`] gives them (biases as one row).
pub type Params = Vec<(String, [usize; 2], Vec<f32>)>;

/// A network read from a file: current weights, output classes, step and timeline snapshots.
#[derive(Debug, Clone)]
pub struct ImportedNetwork {
    /// The current weights.
    pub params: Params,
    /// The label of each output unit (empty for regression).
    pub classes: Vec<u8>,
    /// Optimizer steps taken.
    pub step: u64,
    /// `(step, weights)` of the timeline, oldest first.
    pub snapshots: Vec<(u64, Params)>,
    /// The optimizer's state and the batch order, when the file has them (training resumes
    /// exactly); without them both start afresh.
    pub training: Option<TrainingState>,
}

/// Everything a project holds for the core, checked and ready to install.
#[derive(Debug, Clone)]
pub struct ProjectState {
    /// The current dataset.
    pub dataset: Dataset,
    /// The configuration.
    pub config: TrainConfig,
    /// Committed versions, oldest first.
    pub versions: Vec<Version>,
    /// Content hash of the data the weights were last trained on.
    pub trained_on: Option<String>,
    /// The network (absent only without data).
    pub network: Option<ImportedNetwork>,
    /// The last evaluation remembered with the file (a text program's), if any.
    pub metrics: Option<crate::train::metrics_memo::MetricsMemo>,
}

/// A network of shape `arch` on `device` holding `params`.
pub(super) fn model_from_params(arch: &Architecture, params: Params, device: &Device) -> Result<Network> {
    let mut model = Network::new(arch, device);
    for (name, shape, values) in params {
        model = model.replace_param(&name, Tensor::from_data(TensorData::new(values, shape), device))?;
    }
    Ok(model)
}

impl Session {
    /// The committed versions, oldest first.
    pub fn committed(&self) -> &[Version] {
        self.repo.committed()
    }

    /// Replaces data, configuration, versions, weights and timeline with `state`. The backend in
    /// use stays (the page chooses it); the undo history starts afresh. The optimizer's moments and
    /// the batch order continue from the file's when it has them (training resumes exactly), and
    /// start afresh when it does not (a share link).
    pub fn install_project(&mut self, state: ProjectState) -> Result<()> {
        let ProjectState { dataset, mut config, versions, trained_on, network, metrics } = state;
        config.backend = self.config.backend;
        config.validate()?;
        self.check_fits(&config, &dataset)?;
        let device = self.device.clone().autodiff();
        let network = match network {
            Some(n) => {
                let outputs = if dataset.task() == Task::Regression { 1 } else { n.classes.len().max(output_count(&dataset)) };
                let arch = architecture(&config, &dataset, outputs);
                arch.check()?;
                let model = model_from_params(&arch, n.params, &device)?;
                let snapshots = n
                    .snapshots
                    .into_iter()
                    .map(|(step, p)| Ok((step, model_from_params(&arch, p, &device)?)))
                    .collect::<Result<Vec<_>>>()?;
                let train = crate::train::tensors::rows_of(&dataset, &dataset.split_indices(false), &config);
                let resumed = n.training.map(|t| self.resumed(t, &config, &model, train)).transpose()?;
                Some((model, n.classes, n.step, snapshots, resumed))
            }
            None => None,
        };
        self.repo = Repo::opened(dataset, versions);
        self.config = config;
        self.trained_on = trained_on;
        if let Some(memo) = metrics {
            self.remember_metrics(memo);
        }
        match network {
            Some((model, classes, step, snapshots, resumed)) => {
                self.install(model, classes, step);
                if let (Some((optimizer, order)), Some(net)) = (resumed, self.net.as_mut()) {
                    net.optimizer = optimizer;
                    net.order = order;
                }
                if !snapshots.is_empty() {
                    self.timeline = Timeline::from_snapshots(snapshots, step);
                }
            }
            None => self.rebuild(),
        }
        Ok(())
    }
}
