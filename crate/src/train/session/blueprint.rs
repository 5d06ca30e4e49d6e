//! Training beside the session: the one way a tool gets networks of its own (k-fold label checks,
//! version comparisons, data-engine curves) without touching the network a person is training.

use burn::prelude::*;

use super::Session;
use crate::data::Dataset;
use crate::data::repo::Repo;
use crate::error::Result;
use crate::train::Backend;
use crate::train::config::TrainConfig;
use crate::train::loss::TaskLoss;

/// Everything needed to compile a dataset the way the session would — configuration, backend and
/// device — detached from the session, so long jobs can keep it while the session goes on.
#[derive(Debug, Clone)]
pub struct Blueprint {
    config: TrainConfig,
    backend: Backend,
    device: Device,
    gpu_hardware: bool,
}

impl Blueprint {
    /// How a program with `config` on `backend`'s `device` is compiled (see [`super::Session::program`]).
    pub(in crate::train) fn new(config: TrainConfig, backend: Backend, device: Device, gpu_hardware: bool) -> Self {
        Self { config, backend, device, gpu_hardware }
    }

    /// The configuration fresh sessions get.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The same blueprint with weights drawn from `seed`: a committee member, or one run of a
    /// curve averaged over seeds.
    pub fn with_seed(&self, seed: u64) -> Blueprint {
        let mut b = self.clone();
        b.config.seed = seed;
        b
    }

    /// A new session holding `dataset`, with weights fresh from the configuration's seed: the same
    /// starting point the session itself would have on that data.
    pub fn fresh(&self, dataset: Dataset) -> Result<Session> {
        let mut s = Session {
            config: self.config.clone(),
            backend: self.backend,
            device: self.device.clone(),
            loss: TaskLoss::new(&self.device),
            gpu_hardware: self.gpu_hardware,
            ..Session::new()
        };
        s.check_fits(&s.config, &dataset)?;
        s.repo = Repo::new(dataset);
        s.rebuild();
        Ok(s)
    }
}

impl Session {
    /// How this session compiles data, to train networks beside it.
    pub fn blueprint(&self) -> Blueprint {
        self.program().blueprint()
    }

    /// A separate session on the same device with the same configuration, holding `dataset` and
    /// weights fresh from the seed: for training side by side without touching this one.
    pub fn sibling(&self, dataset: Dataset) -> Result<Session> {
        self.blueprint().fresh(dataset)
    }
}
