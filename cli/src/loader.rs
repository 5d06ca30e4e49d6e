//! Batches for burn-train, drawn in the page's own order.
//!
//! burn-train thinks in epochs; the playground thinks in steps. Here one burn-train "epoch" is a
//! stretch of `every` steps (a checkpoint and a validation pass after each), and the batch of
//! every step comes from the session's batch order, planned once at the start: the native run
//! visits the same examples in the same order the page would, and a run resumed from a
//! checkpoint at stretch `e` starts exactly at step `e · every`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use burn::data::dataloader::{DataLoader, DataLoaderIterator, Progress};
use burn::data::dataset::DatasetError;
use burn::prelude::*;
use burn::train::Interrupter;
use sw2_playground::train::BatchOrder;
use sw2_playground::train::tensors::{Split, Targets, narrow_sequences};

use crate::trainee::{Batch, Tap};

/// Which training rows each step of a run uses.
pub struct Plan {
    /// The rows of every step, in order (full-batch steps share one list).
    pub steps: Vec<Arc<[i32]>>,
    /// Rows per step.
    pub batch: usize,
    /// Steps per stretch (burn-train epoch).
    pub every: usize,
    /// The project's step count before the plan's first step: steps are numbered as the page
    /// numbers them (their dropout masks follow the number).
    pub first: u64,
}

impl Plan {
    /// `steps` batches of `batch` rows drawn from `order` (which advances as the page's would), the
    /// first of them the project's step `first`.
    pub fn draw(order: &mut BatchOrder, steps: usize, batch: usize, train_rows: usize, every: usize, first: u64) -> Self {
        let all: Arc<[i32]> = (0..train_rows as i32).collect();
        let steps = (0..steps).map(|_| if batch >= train_rows { all.clone() } else { order.next(batch).into() }).collect();
        Self { steps, batch, every: every.max(1), first }
    }

    /// How many stretches (burn-train epochs) the plan makes.
    pub fn stretches(&self) -> usize {
        self.steps.len().div_ceil(self.every)
    }

    /// The steps of stretch `epoch` (counted from 1, as burn-train counts), with the project's
    /// step number of the first.
    fn stretch(&self, epoch: usize) -> (&[Arc<[i32]>], u64) {
        let start = ((epoch - 1) * self.every).min(self.steps.len());
        let end = (epoch * self.every).min(self.steps.len());
        (&self.steps[start..end], self.first + start as u64)
    }
}

/// A split's tensors with the sequence targets read back once (to find the positions inside words).
#[derive(Clone)]
pub struct Rows {
    split: Split,
    /// `[n, t]` sequence targets on the host, for the transformer.
    sequence: Option<(Vec<i32>, usize)>,
}

impl Rows {
    /// The rows of `split`.
    pub fn new(split: Split) -> Self {
        let sequence = match &split.targets {
            Targets::Sequence(t) => {
                let len = t.dims()[1];
                let values = t.clone().into_data().convert::<i32>().try_to_vec::<i32>().expect("integer targets read back");
                Some((values, len))
            }
            _ => None,
        };
        Self { split, sequence }
    }

    fn to_device(&self, device: &Device) -> Self {
        let targets = match &self.split.targets {
            Targets::Classes(t) => Targets::Classes(t.clone().to_device(device)),
            Targets::Values(t) => Targets::Values(t.clone().to_device(device)),
            Targets::Sequence(t) => Targets::Sequence(t.clone().to_device(device)),
        };
        let split = Split { inputs: self.split.inputs.clone().to_device(device), targets, len: self.split.len };
        Self { split, sequence: self.sequence.clone() }
    }

    /// The batch of rows `rows`, `share` of its step (`lead`: the step's first share).
    fn batch(&self, rows: &[i32], share: f32, lead: bool, step: u64) -> Batch {
        let device = self.split.inputs.device();
        let index = Tensor::<1, Int>::from_data(TensorData::new(rows.to_vec(), [rows.len()]), &device);
        let (inputs, targets) = (self.split.inputs.clone().select(0, index.clone()), self.split.targets.select(index));
        let Some((values, len)) = &self.sequence else {
            return Batch { inputs, targets, real: None, share, lead, step };
        };
        // Real positions are a prefix of each row: the batch needs as many as its longest word.
        let used = |r: i32| (0..*len).take_while(|&j| values[r as usize * len + j] >= 0).count();
        let width = rows.iter().map(|&r| used(r)).max().unwrap_or(*len);
        let (inputs, targets) = narrow_sequences(inputs, targets, width);
        let real: Vec<i32> = rows.iter().enumerate().flat_map(|(k, &r)| (0..used(r)).map(move |j| (k * width + j) as i32)).collect();
        let real = Tensor::<1, Int>::from_data(TensorData::new(real.clone(), [real.len()]), &device);
        Batch { inputs, targets, real: Some(real), share, lead, step }
    }
}

/// The training batches, one stretch per burn-train epoch, a share of each step's rows per device.
pub struct StepLoader {
    plan: Arc<Plan>,
    rows: Rows,
    /// The next stretch to serve (from 1).
    next: Arc<AtomicUsize>,
    /// Which part of each step's rows this loader serves, in units of `plan.every` items.
    part: (usize, usize),
    /// Set by Ctrl-C: the next stretch does not start (the last one was checkpointed).
    stop: Arc<AtomicBool>,
    interrupter: Interrupter,
    /// Milliseconds per step of each stretch's training, in order (the lead part's loader times).
    timings: Timings,
}

/// Milliseconds per step of each stretch, shared between the loader that times and the report.
pub type Timings = Arc<Mutex<Vec<f64>>>;

impl StepLoader {
    /// Serves `plan` from stretch `first` on, from the training `rows`.
    pub fn new(plan: Plan, rows: Rows, first: usize, stop: Arc<AtomicBool>, interrupter: Interrupter) -> Self {
        let items = plan.batch * plan.every;
        Self {
            plan: Arc::new(plan),
            rows,
            next: Arc::new(AtomicUsize::new(first)),
            part: (0, items),
            stop,
            interrupter,
            timings: Timings::default(),
        }
    }

    /// Each stretch's training time per step, from the moment its first batch was asked for to the
    /// moment the loop asked past its last (the optimizer step of the last batch included).
    pub fn timings(&self) -> Timings {
        self.timings.clone()
    }

    fn rows_of_part(&self) -> (usize, usize) {
        let every = self.plan.every;
        (self.part.0 / every, (self.part.1 / every).min(self.plan.batch))
    }
}

impl DataLoader<Batch> for StepLoader {
    fn iter<'a>(&'a self) -> Box<dyn DataLoaderIterator<Batch> + 'a> {
        let epoch = self.next.fetch_add(1, Ordering::SeqCst);
        if self.stop.load(Ordering::SeqCst) {
            self.interrupter.stop(Some("stopped by Ctrl-C after the last checkpoint"));
        }
        let (steps, first) = if self.stop.load(Ordering::SeqCst) { (&[][..], 0) } else { self.plan.stretch(epoch) };
        let (from, to) = self.rows_of_part();
        let share = (to - from) as f32 / self.plan.batch as f32;
        let batches = steps.iter().zip(first..).map(move |(rows, step)| {
            let rows = &rows[from.min(rows.len())..to.min(rows.len())];
            self.rows.batch(rows, share, from == 0, step)
        });
        let timing = (from == 0 && !steps.is_empty()).then(|| (Instant::now(), self.timings.clone()));
        Box::new(Served { batches: Box::new(batches), done: 0, total: steps.len(), per: to - from, timing })
    }

    fn num_items(&self) -> usize {
        self.part.1 - self.part.0
    }

    fn to_device(&self, device: &Device) -> Arc<dyn DataLoader<Batch>> {
        Arc::new(Self {
            plan: self.plan.clone(),
            rows: self.rows.to_device(device),
            next: self.next.clone(),
            part: self.part,
            stop: self.stop.clone(),
            interrupter: self.interrupter.clone(),
            timings: self.timings.clone(),
        })
    }

    fn slice(&self, start: usize, end: usize) -> Arc<dyn DataLoader<Batch>> {
        // Each device's loader counts its stretches itself: they all advance together.
        let next = Arc::new(AtomicUsize::new(self.next.load(Ordering::SeqCst)));
        Arc::new(Self {
            plan: self.plan.clone(),
            rows: self.rows.clone(),
            next,
            part: (self.part.0 + start, self.part.0 + end),
            stop: self.stop.clone(),
            interrupter: self.interrupter.clone(),
            timings: self.timings.clone(),
        })
    }
}

/// The test split in fixed chunks, for burn-train's validation pass after each stretch (nothing
/// without a test split). A stretch has ended when it is asked for: the timeline is kept then,
/// before burn-train writes the stretch's checkpoint.
pub struct EvalLoader {
    rows: Option<Rows>,
    chunk: usize,
    /// The tap whose timeline is kept, and the run folder it is kept in.
    keeper: Option<(Tap, PathBuf)>,
}

impl EvalLoader {
    /// Serves `rows` in chunks of `chunk` rows; at each stretch's end keeps `keeper`'s timeline.
    pub fn new(rows: Option<Rows>, chunk: usize, keeper: Option<(Tap, PathBuf)>) -> Self {
        Self { rows, chunk: chunk.max(1), keeper }
    }
}

impl DataLoader<Batch> for EvalLoader {
    fn iter<'a>(&'a self) -> Box<dyn DataLoaderIterator<Batch> + 'a> {
        if let Some((tap, dir)) = &self.keeper {
            // Without it a resumed run's timeline starts at the checkpoint: said, not fatal.
            if let Err(e) = tap.keep(dir) {
                eprintln!("{e}");
            }
        }
        let Some(rows) = &self.rows else {
            return Box::new(Served { batches: Box::new(std::iter::empty()), done: 0, total: 0, per: 1, timing: None });
        };
        let n = rows.split.len;
        let chunks: Vec<Vec<i32>> = (0..n).step_by(self.chunk).map(|s| (s as i32..(s + self.chunk).min(n) as i32).collect()).collect();
        let total = chunks.len();
        let batches = Box::new(chunks.into_iter().map(move |r| rows.batch(&r, 1.0, true, 0)));
        Box::new(Served { batches, done: 0, total, per: self.chunk, timing: None })
    }

    fn num_items(&self) -> usize {
        self.rows.as_ref().map_or(0, |r| r.split.len)
    }

    fn to_device(&self, device: &Device) -> Arc<dyn DataLoader<Batch>> {
        Arc::new(Self { rows: self.rows.as_ref().map(|r| r.to_device(device)), chunk: self.chunk, keeper: self.keeper.clone() })
    }

    fn slice(&self, _start: usize, _end: usize) -> Arc<dyn DataLoader<Batch>> {
        Arc::new(Self { rows: self.rows.clone(), chunk: self.chunk, keeper: self.keeper.clone() })
    }
}

/// Batches with their progress, in steps.
struct Served<'a> {
    batches: Box<dyn Iterator<Item = Batch> + 'a>,
    done: usize,
    total: usize,
    /// Items (rows) per batch: progress counts items, as burn-train's `num_items` does.
    per: usize,
    /// When the stretch began and where its time per step goes once it ends (training only).
    timing: Option<(Instant, Timings)>,
}

impl Iterator for Served<'_> {
    type Item = Result<Batch, DatasetError>;

    fn next(&mut self) -> Option<Self::Item> {
        let Some(batch) = self.batches.next() else {
            if let Some((began, timings)) = self.timing.take() {
                let ms = began.elapsed().as_secs_f64() * 1000.0 / self.done.max(1) as f64;
                timings.lock().unwrap_or_else(|p| p.into_inner()).push(ms);
            }
            return None;
        };
        self.done += 1;
        Some(Ok(batch))
    }
}

impl DataLoaderIterator<Batch> for Served<'_> {
    fn progress(&self) -> Progress {
        Progress::new(self.done * self.per, self.total * self.per, Some("items".into()))
    }
}
