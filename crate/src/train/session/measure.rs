//! Choosing a backend by measurement: `auto` times a few steps on the CPU and on a hardware GPU.

use super::Session;
use crate::data::presets::generate;
use crate::data::repo::Repo;
use crate::data::{Dataset, Preset, PresetOptions};
use crate::error::Result;
use crate::train::backend::{self, Backend};
use crate::train::clock::now_ms;
use crate::train::config::{BackendChoice, TrainConfig};
use crate::train::evaluate::evaluate;

impl Session {
    /// The backend `next` asks for; `auto` measures which of CPU and a hardware GPU is faster.
    pub(super) async fn resolve_backend(&self, next: &TrainConfig) -> Result<Backend> {
        match next.backend {
            BackendChoice::Cpu => Ok(Backend::Cpu),
            BackendChoice::Webgpu => {
                backend::webgpu_device().await?;
                Ok(Backend::Webgpu)
            }
            // A software (fallback) adapter is always far slower than the CPU, so only a hardware
            // GPU is worth measuring; then the faster of the two for this model and data wins.
            BackendChoice::Auto if backend::webgpu_compiled() && self.gpu_hardware => {
                let cpu = self.ms_per_step(next, Backend::Cpu).await?;
                Ok(match self.ms_per_step(next, Backend::Webgpu).await {
                    Ok(gpu) if gpu < cpu => Backend::Webgpu,
                    _ => Backend::Cpu,
                })
            }
            BackendChoice::Auto => Ok(Backend::Cpu),
        }
    }

    /// Measures milliseconds per training step of `config` on `backend`, on the current data
    /// (or a spiral when there is none), after a warm-up that compiles kernels.
    async fn ms_per_step(&self, config: &TrainConfig, backend: Backend) -> Result<f64> {
        const WARMUP: u64 = 3;
        const TIMED: u64 = 20;
        let dataset = if self.dataset().is_empty() {
            let points = generate(Preset::Spiral, PresetOptions::default())?;
            Dataset::new(points, 0.3, 1)?
        } else {
            self.dataset().clone()
        };
        let device = backend::open(backend).await?;
        let mut probe = Session { config: config.clone(), repo: Repo::new(dataset), backend, device, ..Session::new() };
        probe.rebuild();
        probe.train_steps(WARMUP)?;
        evaluate(&probe).await?;
        let start = now_ms();
        probe.train_steps(TIMED)?;
        evaluate(&probe).await?;
        Ok((now_ms() - start) / TIMED as f64)
    }
}
