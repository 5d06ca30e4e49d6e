//! The training session: one dataset, one configuration and the network being compiled from them.

use crate::train::metrics_memo::MetricsMemo;
use burn::prelude::*;

use super::backend::{self, Backend};
use super::config::{ConfigPatch, TrainConfig};
use super::loss::TaskLoss;
use super::optimizer::ParamOptimizer;
use super::program::{Program, no_data};
use super::progress::Budget;
use super::schedule::StepSizes;
use super::step::{hold_random_draws, step_objective};
use super::tensors::{DataTensors, input_width, narrow_sequences};
use super::timeline::Timeline;
use crate::data::repo::Repo;
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
pub use batches::{BatchOrder, OrderState};
pub use blueprint::Blueprint;
pub use native::NativeStart;
use project_state::model_from_params;
pub use project_state::{ImportedNetwork, Params, ProjectState};
pub use resume::TrainingState;
use shape::{architecture, output_count, training_value_scale};

mod batches;
mod blueprint;
mod editing;
mod measure;
mod native;
mod project_state;
mod resume;
mod shape;

/// The network installed in a session, with everything that depends on its shape and its data
/// (optimizer state, output classes, data tensors, batch order, worst loss seen).
struct Installed {
    /// The weights, on the autodiff device.
    model: Network,
    optimizer: ParamOptimizer,
    /// Labels present in the data, in output-unit order (none for regression).
    classes: Vec<u8>,
    data: DataTensors,
    order: BatchOrder,
    /// `[1]` on the plain device: the worst training loss seen since these weights were installed
    /// (restored, or given new data), as a lower bound on the whole training split's loss at that
    /// step. Divergence is judged on it as well as on the loss now: a run that blew up and then
    /// settled (dead ReLUs give a flat, finite loss) still diverged, however seldom it is measured.
    peak_loss: Option<Tensor<1>>,
    /// The schedule's step sizes, following the step count.
    step_sizes: StepSizes,
}

/// Everything one playground holds: the "source" (data), the "flags" (config) and the "binary" (weights).
pub struct Session {
    config: TrainConfig,
    /// The dataset with its undo history and versions: the source code under source control.
    repo: Repo,
    backend: Backend,
    device: Device,
    gpu_hardware: bool,
    net: Option<Installed>,
    step: u64,
    loss: TaskLoss,
    timeline: Timeline,
    /// Content hash of the dataset the weights were last trained on.
    trained_on: Option<String>,
    /// The last evaluation of a text program (see [`crate::train::metrics_memo`]).
    metrics_memo: std::sync::Mutex<Option<MetricsMemo>>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// An empty session on the CPU with the default configuration.
    pub fn new() -> Self {
        let device = backend::cpu_device();
        Self {
            config: TrainConfig::default(),
            repo: Repo::default(),
            backend: Backend::Cpu,
            loss: TaskLoss::new(&device),
            device,
            gpu_hardware: false,
            net: None,
            step: 0,
            timeline: Timeline::default(),
            trained_on: None,
            metrics_memo: std::sync::Mutex::new(None),
        }
    }

    /// The last evaluation remembered, with the fingerprint of what it evaluated.
    pub fn metrics_memo(&self) -> Option<MetricsMemo> {
        self.metrics_memo.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Remembers an evaluation (evaluating takes the session shared, hence the lock).
    pub fn remember_metrics(&self, memo: MetricsMemo) {
        *self.metrics_memo.lock().unwrap_or_else(|p| p.into_inner()) = Some(memo);
    }

    /// The configuration in force.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// The dataset being trained on.
    pub fn dataset(&self) -> &Dataset {
        self.repo.dataset()
    }

    /// The dataset's repository: its history, versions and content hash.
    pub fn repo(&self) -> &Repo {
        &self.repo
    }

    /// The backend running now.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Optimizer steps taken since the weights were initialized.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// The plain (non-autodiff) device, for inference.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Tells the session whether a hardware (non-fallback) GPU adapter exists, which `auto` considers.
    pub fn set_gpu_hardware(&mut self, present: bool) {
        self.gpu_hardware = present;
    }

    /// Replaces the dataset, as one undoable step. Weights are kept when the classes and the input
    /// size are unchanged, so a person can add data and keep training (the data engine); otherwise
    /// the network is rebuilt.
    ///
    /// Refuses (changing nothing) a dataset whose size would not fit memory with this network.
    pub fn set_dataset(&mut self, dataset: Dataset) -> Result<()> {
        self.check_fits(&self.config, &dataset)?;
        let keep = self.keeps_weights(&dataset);
        self.repo.change(dataset);
        self.compile_new_data(keep);
        Ok(())
    }

    /// Whether the network can stay as it is on `next`: same classes, task and input width.
    fn keeps_weights(&self, next: &Dataset) -> bool {
        let now = self.repo.dataset();
        self.net.as_ref().is_some_and(|n| {
            n.classes == next.classes()
                && next.vocabulary() == now.vocabulary()
                && next.task() == now.task()
                && input_width(next, &self.config) == input_width(now, &self.config)
        })
    }

    /// After the repository's dataset changed: new data tensors under the same weights (`keep`),
    /// or a network rebuilt for the new shape.
    fn compile_new_data(&mut self, keep: bool) {
        if !keep {
            self.rebuild();
            return;
        }
        let net = self.net.as_mut().expect("weights are kept only when there is a network");
        net.data = DataTensors::new(self.repo.dataset(), &self.config, &net.classes, &self.device);
        net.order = BatchOrder::new(net.data.train.as_ref().map_or(0, |s| s.len), self.config.seed);
        net.peak_loss = None;
    }

    /// Checks that `config` can train on `dataset` within a tab's memory.
    fn check_fits(&self, config: &TrainConfig, dataset: &Dataset) -> Result<()> {
        let outputs = output_count(dataset).max(2);
        architecture(config, dataset, outputs).check()?;
        config.check_memory(input_width(dataset, config), outputs, dataset.len())
    }

    /// The compiled program as tools read it: network, classes, features, device, timeline and
    /// blueprint, without the repository or the optimizer.
    pub fn program(&self) -> Program<'_> {
        let dataset = self.dataset();
        Program {
            config: &self.config,
            backend: self.backend,
            gpu_hardware: self.gpu_hardware,
            device: &self.device,
            loss: &self.loss,
            model: self.net.as_ref().map(|n| &n.model),
            timeline: &self.timeline,
            classes: self.classes(),
            task: dataset.task(),
            image: dataset.image_size(),
            inputs: input_width(dataset, &self.config),
            outputs: output_count(dataset).max(2),
            step: self.step,
        }
    }

    /// Applies a configuration patch (switching backend if asked) and re-initializes the weights.
    pub async fn configure(&mut self, patch: ConfigPatch) -> Result<()> {
        let next = self.config.patched_for(patch, self.dataset().is_words())?;
        self.check_fits(&next, self.dataset())?;
        let backend = self.resolve_backend(&next).await?;
        if backend != self.backend {
            self.device = backend::open(backend).await?;
            self.backend = backend;
            self.loss = TaskLoss::new(&self.device);
        }
        self.config = next;
        self.rebuild();
        Ok(())
    }

    /// Re-initializes the weights from the seed, keeping data and configuration.
    pub fn reset(&mut self) {
        self.rebuild();
    }

    fn rebuild(&mut self) {
        self.step = 0;
        self.timeline = Timeline::default();
        if self.dataset().is_empty() {
            self.net = None;
            return;
        }
        let classes = self.dataset().classes();
        let c = &self.config;
        let train_device = self.device.clone().autodiff();
        // burn's random generator is one per process: seeding it and drawing the weights must not
        // interleave with another session doing the same (parallel native tests), or one seed
        // would give different weights from run to run.
        let _drawing = hold_random_draws();
        train_device.seed(c.seed);
        let mut model = Network::new(&architecture(c, self.dataset(), output_count(self.dataset())), &train_device);
        if let Some((mean, std)) = training_value_scale(self.dataset()) {
            model = model.on_target_scale(mean, std);
        }
        // Touch every parameter now so lazy initialization happens under this seed.
        for (_, p) in model.named_params() {
            drop(p);
        }
        self.install(model, classes, 0);
    }

    /// Makes `model` (on the autodiff device) the network, at `step`, with a fresh optimizer and timeline.
    fn install(&mut self, model: Network, classes: Vec<u8>, step: u64) {
        let c = &self.config;
        let data = DataTensors::new(self.dataset(), c, &classes, &self.device);
        let order = BatchOrder::new(data.train.as_ref().map_or(0, |s| s.len), c.seed);
        self.timeline.start(step, &model);
        self.step = step;
        self.net = Some(Installed {
            model,
            optimizer: ParamOptimizer::with_decay(c.optimizer, c.weight_decay),
            classes,
            data,
            order,
            peak_loss: None,
            step_sizes: StepSizes::new(c),
        });
    }

    /// Installs imported weights with their configuration, replacing network, timeline and step.
    ///
    /// `params` are `(name, [rows, cols], values)` as [`Network::named_params`] names and shapes them
    /// (biases as one row); they must match `config`'s architecture. The dataset's labels must be
    /// among `classes`; a regression model (no `classes`) needs a regression dataset and the other
    /// way round. On error nothing changes.
    pub fn install_imported(&mut self, config: TrainConfig, params: Params, classes: Vec<u8>, step: u64) -> Result<()> {
        let task = if classes.is_empty() { Task::Regression } else { Task::Classification };
        if !self.dataset().is_empty() && task != self.dataset().task() {
            return Err(PlaygroundError::InvalidData(match task {
                Task::Regression => "this model predicts values (regression), but the dataset holds classes".into(),
                Task::Classification => "this model predicts classes, but the dataset holds values (regression)".into(),
            }));
        }
        if let Some(label) = self.dataset().classes().into_iter().find(|l| !classes.contains(l)) {
            return Err(PlaygroundError::InvalidData(format!(
                "the dataset has class {label}, which this model has no output for (its classes: {classes:?})"
            )));
        }
        self.check_fits(&config, self.dataset())?;
        if task != self.dataset().task() {
            // Only an empty dataset gets here (checked above): hold an empty dataset of the
            // model's kind, so the session predicts what the model does (values or classes).
            let (fraction, seed) = (self.dataset().test_fraction(), self.dataset().split_seed());
            self.repo.replace(match task {
                Task::Regression => Dataset::from_values(Vec::new(), fraction, seed)?,
                Task::Classification => Dataset::new(Vec::new(), fraction, seed)?,
            });
        }
        let train_device = self.device.clone().autodiff();
        let outputs = if task == Task::Regression { 1 } else { classes.len() };
        let arch = architecture(&config, self.dataset(), outputs);
        arch.check()?;
        let model = model_from_params(&arch, params, &train_device)?;
        self.config = config;
        self.install(model, classes, step);
        Ok(())
    }

    /// The steps the timeline holds snapshots for, oldest first.
    pub fn timeline_steps(&self) -> Vec<u64> {
        self.program().timeline_steps()
    }

    /// Goes back to the snapshot at `step` and resumes training from there: later snapshots are
    /// dropped and the optimizer starts afresh (its moment estimates are not part of a snapshot).
    pub fn restore(&mut self, step: u64) -> Result<()> {
        let model = self.program().training_model_at(Some(step))?.clone();
        let kind = self.config.optimizer;
        let decay = self.config.weight_decay;
        let net = self.network_mut()?;
        net.model = model;
        net.optimizer = ParamOptimizer::with_decay(kind, decay);
        net.peak_loss = None;
        self.step = step;
        self.timeline.truncate_after(step);
        Ok(())
    }

    /// Labels present, in the order of the network's outputs (empty without data, and for regression).
    pub fn classes(&self) -> &[u8] {
        self.net.as_ref().map_or(&[], |n| &n.classes)
    }

    /// An inference copy of the weights (no autodiff), or an error when there is no data yet.
    pub fn model(&self) -> Result<Network> {
        Ok(self.network()?.model.valid())
    }

    /// The training copy of the weights, for inspection that needs gradients.
    pub fn training_model(&self) -> Result<&Network> {
        Ok(&self.network()?.model)
    }

    /// Replaces the weights (hand edits); the model must keep its shape.
    pub fn replace_model(&mut self, model: Network) -> Result<()> {
        self.network_mut()?.model = model;
        Ok(())
    }

    /// The dataset as evaluation tensors.
    pub fn data_tensors(&self) -> Result<&DataTensors> {
        Ok(&self.network()?.data)
    }

    /// Whether the network predicts classes or values (that of the dataset).
    pub fn task(&self) -> Task {
        self.dataset().task()
    }

    /// `[1]`: the worst training loss since the weights were installed (see `Installed::peak_loss`),
    /// or `None` before the first step.
    pub fn peak_loss(&self) -> Option<&Tensor<1>> {
        self.net.as_ref().and_then(|n| n.peak_loss.as_ref())
    }

    fn network(&self) -> Result<&Installed> {
        self.net.as_ref().ok_or_else(no_data)
    }

    fn network_mut(&mut self) -> Result<&mut Installed> {
        self.net.as_mut().ok_or_else(no_data)
    }

    /// Takes up to `max_steps` optimizer steps, one at a time, stopping once `budget` is spent
    /// (after at least one step); returns how many it took. The one time-budgeted training loop:
    /// the page's training, k-fold checks and engine curves all go through it.
    pub fn train_within(&mut self, max_steps: u64, budget: &Budget) -> Result<u64> {
        let mut taken = 0;
        while taken < max_steps {
            self.train_steps(1)?;
            taken += 1;
            if budget.spent() {
                break;
            }
        }
        Ok(taken)
    }

    /// Takes `steps` optimizer steps. No tensor is read back, so steps queue without waiting.
    pub fn train_steps(&mut self, steps: u64) -> Result<()> {
        let c = self.config.clone();
        let loss_fn = self.loss.clone();
        let net = self.net.as_mut().ok_or_else(no_data)?;
        let train =
            net.data.train_autodiff.clone().ok_or_else(|| {
                PlaygroundError::MissingData("Every point is in the test split: lower testFraction or add points.".into())
            })?;
        let batch = c.batch_size.resolve(train.len);
        let device = train.inputs.device();
        self.trained_on = Some(self.repo.hash().to_string());
        for _ in 0..steps {
            let (inputs, targets) = if batch == train.len {
                (train.inputs.clone(), train.targets.clone())
            } else {
                let idx = net.order.next(batch);
                let width = idx.iter().filter_map(|&i| net.data.train_widths.get(i as usize)).max().copied();
                let idx = Tensor::<1, Int>::from_data(TensorData::new(idx, [batch]), &device);
                let (inputs, targets) = (train.inputs.clone().select(0, idx.clone()), train.targets.select(idx));
                match width {
                    Some(width) => narrow_sequences(inputs, targets, width),
                    None => (inputs, targets),
                }
            };
            let step = step_objective(&net.model, inputs, &targets, &c, &loss_fn, self.step);
            net.peak_loss = Some(worst_so_far(net.peak_loss.take(), step.loss.inner(), batch as f32 / train.len as f32));
            let mut grads = step.objective.backward();
            let learning_rate = net.step_sizes.after(&c, self.step);
            net.optimizer.step(learning_rate, &mut net.model, &mut grads);
            self.step += 1;
            self.timeline.offer(self.step, &net.model);
        }
        Ok(())
    }
}

/// The larger of `peak` and this step's batch loss scaled by the batch's `share` of the training
/// split: losses are never negative, so that scaled loss is a lower bound on the whole split's.
/// One element-wise op on the plain device (two for mini-batches); nothing is read back.
fn worst_so_far(peak: Option<Tensor<1>>, batch_loss: Tensor<1>, share: f32) -> Tensor<1> {
    let bound = if share < 1.0 { batch_loss * share } else { batch_loss };
    match peak {
        Some(p) => p.max_pair(bound),
        None => bound,
    }
}
