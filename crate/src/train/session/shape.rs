//! The network's shape as the data and configuration decide it.

use crate::data::{Dataset, Task};
use crate::model::Architecture;
use crate::train::config::TrainConfig;
use crate::train::tensors::input_width;

/// Output units for `dataset`: one per class present, or one value for regression.
pub(super) fn output_count(dataset: &Dataset) -> usize {
    match dataset.task() {
        Task::Classification => dataset.classes().len(),
        Task::Regression => 1,
    }
}

/// Mean and standard deviation (at least 1e-3) of the training split's values (regression only).
pub(super) fn training_value_scale(dataset: &Dataset) -> Option<(f64, f64)> {
    let points = dataset.value_points();
    let values: Vec<f64> = dataset.split_indices(false).into_iter().map(|i| points.get(i).map(|p| p.value)).collect::<Option<_>>()?;
    if values.is_empty() {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
    Some((mean, var.sqrt().max(1e-3)))
}

/// The network `config` builds for `dataset` with `outputs` output units.
pub(super) fn architecture(config: &TrainConfig, dataset: &Dataset, outputs: usize) -> Architecture {
    Architecture {
        inputs: input_width(dataset, config),
        image: dataset.image_size().map(|(w, h)| [w, h]),
        conv: config.conv.clone(),
        hidden: config.hidden.clone(),
        outputs,
        activation: config.activation,
        text: dataset.vocabulary().map(|v| config.text.shape(v.len(), dataset.longest_word())),
    }
}
