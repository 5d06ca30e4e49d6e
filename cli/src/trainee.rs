//! The playground's network as burn-train's learner sees it: a module whose training step is the
//! page's own objective (`sw2_playground::train::step`), and whose output feeds burn-train's
//! loss and accuracy metrics.

use std::sync::{Arc, Mutex};

use burn::prelude::*;
use burn::train::metric::{AccuracyInput, Adaptor, ItemLazy, LossInput};
use burn::train::{InferenceStep, TrainOutput, TrainStep};
use burn_std::ExecutionError;
use sw2_playground::model::Network;
use sw2_playground::train::config::TrainConfig;
use sw2_playground::train::loss::TaskLoss;
use sw2_playground::train::step::step_objective;
use sw2_playground::train::tensors::Targets;
use sw2_playground::train::timeline::Timeline;

/// One step's examples (or one device's share of them).
#[derive(Debug, Clone)]
pub struct Batch {
    /// `[rows, inputs]`: the rows as the network reads them.
    pub inputs: Tensor<2>,
    /// What the network should output for each row.
    pub targets: Targets,
    /// For sequences (the transformer): the flat indices of the positions inside a word, the
    /// only ones that count for accuracy.
    pub real: Option<Tensor<1, Int>>,
    /// This share's rows over the whole step's: several devices each take a share of one step's
    /// batch and burn-train sums their gradients, so each scales its mean loss by its share.
    pub share: f32,
    /// Whether this share is the step's first (the one whose step the timeline counts).
    pub lead: bool,
    /// The project's step count before this step, as the page counts it (it picks the dropout masks).
    pub step: u64,
}

/// The network being trained, with what its step needs beside the weights.
#[derive(Module, Debug)]
pub struct Trainee {
    /// The playground's network.
    pub net: Network,
    /// Configuration, loss and timeline tap; not parameters.
    #[module(skip)]
    pub setup: Setup,
}

/// What the training step reads besides the weights.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The configuration the project trains with (activation, regularization).
    pub config: TrainConfig,
    /// The loss the page minimizes.
    pub loss: TaskLoss,
    /// Where the weights of each step are offered to the timeline.
    pub tap: Tap,
}

/// The timeline shared with the training loop: every training step offers the weights it starts
/// from, so the project file gets the same snapshots the page would have taken.
#[derive(Debug, Clone, Default)]
pub struct Tap(Arc<Mutex<TapState>>);

#[derive(Debug, Default)]
struct TapState {
    step: u64,
    timeline: Timeline,
    /// The step at which the timeline was last kept on disk (see [`Tap::keep`]).
    kept_at: Option<u64>,
}

impl Tap {
    /// A tap continuing `timeline` at `step`.
    pub fn new(timeline: Timeline, step: u64) -> Self {
        Self(Arc::new(Mutex::new(TapState { step, timeline, kept_at: None })))
    }

    /// Keeps the timeline as it is now in the run folder `dir` (at a stretch's end, before its
    /// checkpoint), once per step count however many devices validate.
    pub fn keep(&self, dir: &std::path::Path) -> Result<(), String> {
        let mut state = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if state.kept_at == Some(state.step) {
            return Ok(());
        }
        crate::timeline_store::keep(dir, state.step, state.timeline.snapshots())?;
        state.kept_at = Some(state.step);
        Ok(())
    }

    /// Called at the start of a step with the weights it starts from.
    fn offer(&self, net: &Network) {
        let mut state = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let step = state.step;
        state.timeline.offer(step, net);
        state.step += 1;
    }

    /// The steps counted so far (the step the weights are at after the last optimizer step).
    pub fn step(&self) -> u64 {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).step
    }

    /// The timeline with `net` offered at the final step.
    pub fn finish(&self, net: &Network) -> (u64, Timeline) {
        let mut state = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let step = state.step;
        state.timeline.offer(step, net);
        (step, std::mem::take(&mut state.timeline))
    }
}

/// One step's output for the metrics: the loss, and for classes the logits and the targets.
pub struct StepOutput {
    /// `[1]` the batch's mean loss.
    pub loss: Tensor<1>,
    /// `[rows, classes]` logits and `[rows]` class indices (absent for regression).
    pub classes: Option<(Tensor<2>, Tensor<1, Int>)>,
}

impl StepOutput {
    fn new(loss: Tensor<1>, outputs: Tensor<2>, batch: &Batch) -> Self {
        let classes = match (&batch.targets, &batch.real) {
            (Targets::Classes(t), _) => Some((outputs, t.clone())),
            (Targets::Sequence(t), Some(real)) => {
                let [b, len] = t.dims();
                let flat = t.clone().reshape([b * len]).select(0, real.clone());
                Some((outputs.select(0, real.clone()), flat))
            }
            _ => None,
        };
        Self { loss, classes }
    }
}

impl ItemLazy for StepOutput {
    fn sync(self) -> Result<Self, ExecutionError> {
        self.loss.device().flush()?;
        Ok(Self { loss: self.loss.without_autodiff(), classes: self.classes.map(|(o, t)| (o.without_autodiff(), t.without_autodiff())) })
    }
}

impl Adaptor<LossInput> for StepOutput {
    fn adapt(&self) -> LossInput {
        LossInput::new(self.loss.clone())
    }
}

impl Adaptor<AccuracyInput> for StepOutput {
    fn adapt(&self) -> AccuracyInput {
        let (outputs, targets) = self.classes.clone().expect("accuracy is registered only for programs that predict classes");
        AccuracyInput::new(outputs, targets)
    }
}

impl Trainee {
    fn run(&self, batch: &Batch) -> (Tensor<1>, Tensor<1>, Tensor<2>) {
        let step = step_objective(&self.net, batch.inputs.clone(), &batch.targets, &self.setup.config, &self.setup.loss, batch.step);
        (step.objective, step.loss, step.outputs)
    }
}

impl TrainStep for Trainee {
    type Input = Batch;
    type Output = StepOutput;

    fn step(&self, batch: Batch) -> TrainOutput<StepOutput> {
        if batch.lead {
            self.setup.tap.offer(&self.net);
        }
        let (objective, loss, outputs) = self.run(&batch);
        let objective = if batch.share < 1.0 { objective * batch.share } else { objective };
        let grads = objective.backward();
        TrainOutput::new(self, grads, StepOutput::new(loss, outputs, &batch))
    }
}

impl InferenceStep for Trainee {
    type Input = Batch;
    type Output = StepOutput;

    fn step(&self, batch: Batch) -> StepOutput {
        let (_, loss, outputs) = self.run(&batch);
        StepOutput::new(loss, outputs, &batch)
    }
}
