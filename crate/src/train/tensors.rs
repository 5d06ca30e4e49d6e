//! The dataset as tensors on the device, built once per data or feature change.

use burn::prelude::*;

use crate::data::{Dataset, Point};
use crate::model::{Feature, coordinates_tensor, expand_features};

/// Inputs (chosen features) and targets (output indices) for one split.
#[derive(Debug, Clone)]
pub struct Split {
    /// `[n, features]`.
    pub inputs: Tensor<2>,
    /// `[n]` output index of each example's class.
    pub targets: Tensor<1, Int>,
    /// Number of examples.
    pub len: usize,
}

impl Split {
    /// Uploads `points`, or `None` when there are none.
    pub fn new(points: &[Point], features: &[Feature], classes: &[u8], device: &Device) -> Option<Self> {
        if points.is_empty() {
            return None;
        }
        let xy = coordinates_tensor(points.iter().map(|p| (p.x, p.y)), device);
        let targets: Vec<i32> = points.iter().map(|p| output_index(classes, p.label) as i32).collect();
        Some(Self {
            inputs: expand_features(xy, features),
            targets: Tensor::from_data(TensorData::new(targets, [points.len()]), device),
            len: points.len(),
        })
    }
}

/// Position of `label` among the classes present (the network's output unit for it).
pub fn output_index(classes: &[u8], label: u8) -> usize {
    classes.iter().position(|&c| c == label).unwrap_or(0)
}

/// Both splits: training on the autodiff device, evaluation copies on the plain device.
#[derive(Debug, Clone)]
pub struct DataTensors {
    /// Training split on the autodiff device (for steps).
    pub train_autodiff: Option<Split>,
    /// Training split on the plain device (for evaluation).
    pub train: Option<Split>,
    /// Test split on the plain device.
    pub test: Option<Split>,
}

impl DataTensors {
    /// Uploads the dataset for the given features and class order.
    pub fn new(dataset: &Dataset, features: &[Feature], classes: &[u8], device: &Device) -> Self {
        let train_points = dataset.train_points();
        let test_points = dataset.test_points();
        Self {
            train_autodiff: Split::new(&train_points, features, classes, &device.clone().autodiff()),
            train: Split::new(&train_points, features, classes, device),
            test: Split::new(&test_points, features, classes, device),
        }
    }
}
