//! `sw2 train`: the experiment a project file describes, trained by burn-train's supervised loop
//! on the chosen backend and devices, and written back as a project the page opens as its own.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use burn::optim::{AdamConfig, AdamWConfig, SgdConfig};
use burn::train::checkpoint::KeepLastNCheckpoints;
use burn::train::metric::{AccuracyMetric, IterationSpeedMetric, LearningRateMetric, LossMetric};
use burn::train::{ExecutionStrategy, Interrupter, Learner, LearningResult, MultiDeviceOptim, SupervisedTraining};
use sw2_playground::data::Task;
use sw2_playground::train::loss::TaskLoss;
use sw2_playground::train::schedule::scheduler;
use sw2_playground::train::{OptimizerKind, TrainConfig, evaluate};

use crate::devices::{self, BackendName};
use crate::experiment::{Experiment, fingerprint};
use crate::loader::{EvalLoader, Plan, Rows, StepLoader};
use crate::plain_renderer::PlainRenderer;
use crate::report::metrics_line;
use crate::run_dir::{self, RunRecord};
use crate::timeline_store;
use crate::trainee::{Setup, Tap, Trainee};

/// What `sw2 train` was asked.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// `--steps N`.
    pub steps: Option<u64>,
    /// `--epochs N`: passes over the training split (each `train / batch` steps, as the page counts).
    pub epochs: Option<u64>,
    /// `--backend`.
    pub backend: BackendName,
    /// `--devices`.
    pub devices: Vec<usize>,
    /// `--ddp`: distributed data parallel with all-reduce (CUDA).
    pub ddp: bool,
    /// `--out`: where the trained project goes (default: over the input, once training is done).
    pub out: Option<PathBuf>,
    /// `--checkpoints`: the run folder (default `EXPERIMENT.sw2-run/`).
    pub checkpoints: Option<PathBuf>,
    /// `--resume`: continue the run in the run folder from its last checkpoint.
    pub resume: bool,
    /// `--every N`: steps between checkpoints (and test-split passes).
    pub every: Option<usize>,
    /// `--learning-rate LR`: this run trains at LR instead of the project's rate (the project's
    /// configuration keeps its own): a second, slower stretch of training, as a schedule would.
    pub learning_rate: Option<f64>,
}

/// Trains; returns the process's exit code (0 done, 130 stopped by Ctrl-C after a checkpoint).
pub fn run(file: &Path, options: &TrainOptions, stop: Arc<AtomicBool>) -> Result<i32, String> {
    let mut experiment = Experiment::open(file)?;
    let devices = devices::open(options.backend, &options.devices)?;
    if options.ddp {
        return Err("--ddp needs burn's all-reduce, which only the CUDA backend has: use --backend cuda in a build with the cuda feature, or leave --ddp out to train data-parallel with --devices".into());
    }
    let dir = options.checkpoints.clone().unwrap_or_else(|| run_dir::default_dir(file));
    let out = options.out.clone().unwrap_or_else(|| file.to_path_buf());
    let session = experiment.workspace.session();
    let start = session.native_start().map_err(|e| e.to_string())?;
    let per_epoch = (start.train.len / start.batch).max(1) as u64;

    if let Some(lr) = options.learning_rate.filter(|lr| !(lr.is_finite() && *lr > 0.0 && *lr <= 10.0)) {
        return Err(format!("--learning-rate {lr} must be above 0 and at most 10"));
    }
    let (steps, every, checkpoint, learning_rate) = if options.resume {
        let record = run_dir::read(&dir)?;
        if record.input != fingerprint(&experiment.bytes) {
            return Err(format!(
                "{} changed since the run in {} started: --resume continues from the file it started with",
                file.display(),
                dir.display()
            ));
        }
        if options.steps.is_some_and(|s| s != record.steps) {
            return Err(format!("the run in {} takes {} steps; leave --steps out to resume it", dir.display(), record.steps));
        }
        if options.learning_rate.is_some() && options.learning_rate != record.learning_rate {
            return Err(format!("the run in {} has its own learning rate; leave --learning-rate out to resume it", dir.display()));
        }
        (record.steps, record.every, run_dir::last_checkpoint(&dir), record.learning_rate)
    } else {
        let steps = match (options.steps, options.epochs) {
            (Some(s), None) => s,
            (None, Some(e)) => e * per_epoch,
            (Some(_), Some(_)) => return Err("give --steps or --epochs, not both".into()),
            (None, None) => return Err("say how long to train: --steps N or --epochs N".into()),
        };
        if steps == 0 {
            return Err("--steps and --epochs must be at least 1".into());
        }
        let every = options.every.unwrap_or_else(|| (steps as usize).div_ceil(10).max(1));
        let record = RunRecord { input: fingerprint(&experiment.bytes), steps, every, learning_rate: options.learning_rate };
        run_dir::start(&dir, &record)?;
        (steps, every, None, options.learning_rate)
    };

    let classes = session.task() == Task::Classification;
    let mut order = start.order.clone();
    let plan = Plan::draw(&mut order, steps as usize, start.batch, start.train.len, every, start.step);
    let stretches = plan.stretches();
    let done = checkpoint.unwrap_or(0) as u64 * every as u64;
    let main = devices[0].clone().autodiff();
    // A resumed run continues the timeline kept at its checkpoint (the project's own otherwise).
    let kept = if done > 0 { timeline_store::load(&dir, start.step + done, &start.model)? } else { None };
    let tap = Tap::new(kept.unwrap_or_else(|| start.timeline.clone()), start.step + done);
    let interrupter = Interrupter::new();
    let train = StepLoader::new(plan, Rows::new(start.train.clone()), checkpoint.unwrap_or(0) + 1, stop.clone(), interrupter.clone());
    let timings = train.timings();
    let chunk = if session.dataset().is_words() { 256 } else { 4096 };
    let valid = EvalLoader::new(start.test.clone().map(Rows::new), chunk, Some((tap.clone(), dir.clone())));

    let config = start.config.clone();
    let optimizer = match config.optimizer {
        OptimizerKind::Sgd => SgdConfig::new().init(),
        OptimizerKind::Adam => AdamConfig::new().init(),
        OptimizerKind::Adamw => AdamWConfig::new().with_beta_2(0.99).with_weight_decay(config.weight_decay as f32).init(),
    };
    // The loss for the device that trains: the CPU's fused cross-entropy does not run on wgpu or CUDA.
    let loss = TaskLoss::new(&main);
    let trainee = Trainee { net: start.model.clone(), setup: Setup { config: config.clone(), loss, tap: tap.clone() } };
    // The page's schedule (burn's scheduler, the one the page steps through), picked up at the
    // project's step; on --resume burn-train loads the checkpoint's state over it.
    let schedule = TrainConfig { learning_rate: learning_rate.unwrap_or(config.learning_rate), ..config.clone() };
    let learner = Learner::new(trainee, optimizer, scheduler(&schedule, start.step));

    let strategy = if devices.len() > 1 {
        ExecutionStrategy::multi(devices.iter().map(|d| d.clone().autodiff()).collect(), MultiDeviceOptim::OptimMainDevice)
    } else {
        ExecutionStrategy::single(main.clone())
    };
    let mut training = SupervisedTraining::new(&dir, Arc::new(train), Arc::new(valid))
        .metric_train_numeric(LossMetric::new())
        .metric_valid_numeric(LossMetric::new())
        .metric_train_numeric(LearningRateMetric::new())
        .metric_train_numeric(IterationSpeedMetric::new())
        .with_checkpointing_strategy(KeepLastNCheckpoints::new(2))
        .with_default_checkpointers()
        .with_training_strategy(strategy.into())
        .with_interrupter(interrupter)
        // burn's logger would add its own panic banner; sw2 reports a failure in one line instead.
        .with_application_logger(None)
        .num_epochs(stretches);
    if classes {
        training = training.metric_train_numeric(AccuracyMetric::new()).metric_valid_numeric(AccuracyMetric::new());
    }
    if let Some(stretch) = checkpoint {
        training = training.checkpoint(stretch);
    }
    let dashboard = Arc::new(AtomicBool::new(std::io::stdout().is_terminal()));
    if dashboard.load(Ordering::SeqCst) {
        crate::terminal::keep_ctrl_c(dashboard.clone());
    } else {
        training = training.renderer(Box::new(PlainRenderer::new(tap.clone(), start.step + done, start.step + steps, timings.clone())));
    }
    if let Some(stretch) = checkpoint {
        println!("resuming at step {} from the checkpoint after stretch {stretch} of {stretches}", start.step + done);
    }

    let clock = Instant::now();
    let LearningResult { model, renderer, interrupted, error } = training.launch(learner);
    let seconds = clock.elapsed().as_secs_f64();
    // The dashboard leaves the terminal's alternate screen as it goes: what follows stays in view.
    drop(renderer);
    dashboard.store(false, Ordering::SeqCst);
    if let Some(error) = error {
        return Err(format!("training failed: {error}"));
    }
    let (step, timeline) = tap.finish(&model.net);
    if interrupted.is_some() || step < start.step + steps {
        let saved = run_dir::last_checkpoint(&dir).map_or(start.step, |e| start.step + (e * every) as u64);
        println!(
            "stopped at step {step} of {}; the last checkpoint is at step {saved}. Nothing was written to {}. Continue with: sw2 train {} --resume{}",
            start.step + steps,
            out.display(),
            file.display(),
            [("--out", &options.out), ("--checkpoints", &options.checkpoints)]
                .iter()
                .filter_map(|(flag, path)| path.as_ref().map(|p| format!(" {flag} {}", p.display())))
                .collect::<String>()
        );
        return Ok(130);
    }
    let device_count = if devices.len() == 1 { "1 device".to_string() } else { format!("{} devices", devices.len()) };
    let resumed = if done > 0 { format!("; resumed at step {}", start.step + done) } else { String::new() };
    let rate = learning_rate.map(|lr| format!(" at learning rate {lr}")).unwrap_or_default();
    let note = format!(
        "trained natively: {}, {device_count}, {} steps{rate} (step {} to {step}{resumed}), {seconds:.1} s",
        options.backend.name(),
        steps,
        start.step
    );
    let session = experiment.workspace.session_mut();
    session.adopt_native(model.net, step, timeline, order).map_err(|e| e.to_string())?;
    session.commit(&note).map_err(|e| e.to_string())?;
    let metrics = pollster::block_on(evaluate(experiment.workspace.session())).map_err(|e| e.to_string())?;
    experiment.save(&out)?;
    println!("{note}; {}", speed_line(&timings.lock().unwrap_or_else(|p| p.into_inner())));
    println!("{}", metrics_line(&metrics));
    println!("wrote {}", out.display());
    Ok(0)
}

/// Time per step, the first stretch apart (it pays for warming up: allocation, caches, the
/// first kernels) from the median and range of the others.
fn speed_line(ms: &[f64]) -> String {
    let Some((&first, rest)) = ms.split_first() else { return "no steps timed".into() };
    if rest.is_empty() {
        return format!("{first:.3} ms/step");
    }
    let mut rest = rest.to_vec();
    rest.sort_by(f64::total_cmp);
    let median = rest[rest.len() / 2];
    format!("first stretch {first:.3} ms/step, then {median:.3} ms/step ({:.3}–{:.3})", rest[0], rest[rest.len() - 1])
}
