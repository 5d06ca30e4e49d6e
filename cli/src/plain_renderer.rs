//! burn-train's progress as plain lines, for when stdout is not a terminal (CI, pipes, logs):
//! one line per stretch of steps with the training and test metrics, instead of the dashboard.

use std::collections::BTreeMap;
use std::time::Instant;

use burn::train::logger::{EvaluationProgressLogger, TrainingProgressLogger};
use burn::train::metric::MetricDefinition;
use burn::train::renderer::{EvaluationName, MetricState, MetricsRenderer, MetricsRendererEvaluation, MetricsRendererTraining};

use crate::loader::Timings;
use crate::trainee::Tap;

/// Prints one line per burn-train epoch (a stretch of steps).
pub struct PlainRenderer {
    names: Vec<(String, String)>,
    train: BTreeMap<String, f64>,
    valid: BTreeMap<String, f64>,
    tap: Tap,
    first_step: u64,
    total_steps: u64,
    started: Instant,
    /// Each stretch's training time per step, as the loader measured it.
    timings: Timings,
}

impl PlainRenderer {
    /// A renderer reading the step count from `tap`, for a run from `first_step` to `total_steps`.
    pub fn new(tap: Tap, first_step: u64, total_steps: u64, timings: Timings) -> Self {
        Self {
            names: Vec::new(),
            train: BTreeMap::new(),
            valid: BTreeMap::new(),
            tap,
            first_step,
            total_steps,
            started: Instant::now(),
            timings,
        }
    }

    fn record(&mut self, state: MetricState, valid: bool) {
        let MetricState::Numeric(entry, Some(value)) = state else { return };
        let id = format!("{:?}", entry.metric_id);
        let Some(name) = self.names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()) else { return };
        let value = value.current();
        if valid { &mut self.valid } else { &mut self.train }.insert(name, value);
    }

    fn line(&self) -> String {
        let show = |m: &BTreeMap<String, f64>| {
            let mut parts = Vec::new();
            if let Some(loss) = m.get("Loss") {
                parts.push(format!("loss {loss:.4}"));
            }
            if let Some(accuracy) = m.get("Accuracy") {
                parts.push(format!("accuracy {accuracy:.1} %"));
            }
            parts.join(", ")
        };
        let mut line = format!("step {}/{}  train {}", self.tap.step(), self.total_steps, show(&self.train));
        if !self.valid.is_empty() {
            line.push_str(&format!("; test {}", show(&self.valid)));
        }
        if let Some(ms) = self.timings.lock().unwrap_or_else(|p| p.into_inner()).last() {
            line.push_str(&format!("; {ms:.3} ms/step"));
        }
        line.push_str(&format!(" ({:.1} s)", self.started.elapsed().as_secs_f64()));
        line
    }
}

impl MetricsRendererTraining for PlainRenderer {
    fn update_train(&mut self, state: MetricState) {
        self.record(state, false);
    }

    fn update_valid(&mut self, state: MetricState) {
        self.record(state, true);
    }
}

impl TrainingProgressLogger for PlainRenderer {
    fn start(&mut self, total_epochs: usize, starting_epoch: usize, _total_items: Option<usize>, _label: Option<&str>) {
        self.started = Instant::now();
        let steps = self.total_steps - self.first_step;
        println!(
            "training {steps} steps, from step {} to {}, in {total_epochs} stretches (from stretch {starting_epoch})",
            self.first_step, self.total_steps
        );
    }

    fn update_epoch(&mut self, _epoch: usize) {
        println!("{}", self.line());
    }

    fn start_split(&mut self, _split: &str, _total_items: usize) {}

    fn update_split(&mut self, _items_processed: usize) {}

    fn end_split(&mut self) {}

    fn end(&mut self) {}

    fn log_event_training(&mut self, _event: String) {}
}

impl EvaluationProgressLogger for PlainRenderer {
    fn start_global_progress(&mut self, _total_tests: usize) {}
    fn start_test(&mut self, _name: &str, _total_items: usize) {}
    fn update_test_progress(&mut self, _items_processed: usize) {}
    fn end_test(&mut self) {}
    fn end_global_progress(&mut self) {}
    fn log_event_evaluation(&mut self, _event: String) {}
}

impl MetricsRendererEvaluation for PlainRenderer {
    fn update_test(&mut self, _name: EvaluationName, _state: MetricState) {}
}

impl MetricsRenderer for PlainRenderer {
    fn manual_close(&mut self) {}

    fn register_metric(&mut self, definition: MetricDefinition) {
        self.names.push((format!("{:?}", definition.metric_id), definition.name.to_string()));
    }
}
