//! The dataset as tensors on the device, built once per data or feature change.

use burn::prelude::*;

use crate::data::{Dataset, Examples};
use crate::model::{Feature, coordinates_tensor, expand_features};

/// Inputs and targets (output indices) for one split.
#[derive(Debug, Clone)]
pub struct Split {
    /// `[n, inputs]`: chosen features of points, or pixels of images.
    pub inputs: Tensor<2>,
    /// `[n]` output index of each example's class.
    pub targets: Tensor<1, Int>,
    /// Number of examples.
    pub len: usize,
}

impl Split {
    /// Uploads the examples at `indices`, or `None` when there are none.
    pub fn new(dataset: &Dataset, indices: &[usize], features: &[Feature], classes: &[u8], device: &Device) -> Option<Self> {
        if indices.is_empty() {
            return None;
        }
        let labels = dataset.labels();
        let targets: Vec<i32> = indices.iter().map(|&i| output_index(classes, labels[i]) as i32).collect();
        let inputs = match dataset.examples() {
            Examples::Points(points) => {
                let xy = coordinates_tensor(indices.iter().map(|&i| (points[i].x, points[i].y)), device);
                expand_features(xy, features)
            }
            Examples::Images(images) => {
                let width = images[0].pixels.len();
                let flat: Vec<f32> = indices.iter().flat_map(|&i| images[i].pixels.iter().copied()).collect();
                Tensor::from_data(TensorData::new(flat, [indices.len(), width]), device)
            }
        };
        Some(Self { inputs, targets: Tensor::from_data(TensorData::new(targets, [indices.len()]), device), len: indices.len() })
    }
}

/// Position of `label` among the classes present (the network's output unit for it).
pub fn output_index(classes: &[u8], label: u8) -> usize {
    classes.iter().position(|&c| c == label).unwrap_or(0)
}

/// Width of the network's input for this dataset: the chosen features, or the pixel count.
pub fn input_width(dataset: &Dataset, features: &[Feature]) -> usize {
    match dataset.image_size() {
        Some((w, h)) => w * h,
        None => features.len(),
    }
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
        let train = dataset.split_indices(false);
        let test = dataset.split_indices(true);
        Self {
            train_autodiff: Split::new(dataset, &train, features, classes, &device.clone().autodiff()),
            train: Split::new(dataset, &train, features, classes, device),
            test: Split::new(dataset, &test, features, classes, device),
        }
    }
}
