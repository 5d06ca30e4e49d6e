//! Input features: what the network is allowed to see of a point, computed with burn on the device.

use burn::prelude::*;
use serde::{Deserialize, Serialize};

/// One input column derived from a point's (x, y).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Feature {
    /// The x coordinate.
    #[serde(rename = "x", alias = "X")]
    X,
    /// The y coordinate.
    #[serde(rename = "y", alias = "Y")]
    Y,
    /// x², lets one layer draw circles and parabolas.
    #[serde(rename = "x2", alias = "x²", alias = "x^2", alias = "xSquared")]
    XSquared,
    /// y².
    #[serde(rename = "y2", alias = "y²", alias = "y^2", alias = "ySquared")]
    YSquared,
    /// x·y, the XOR feature.
    #[serde(rename = "xy", alias = "x*y", alias = "xTimesY")]
    XTimesY,
    /// sin(x), a periodic hint.
    #[serde(rename = "sinX", alias = "sin x", alias = "sinx", alias = "sin_x", alias = "sin(x)")]
    SinX,
    /// sin(y).
    #[serde(rename = "sinY", alias = "sin y", alias = "siny", alias = "sin_y", alias = "sin(y)")]
    SinY,
}

impl Feature {
    /// Every feature, in the order the page lists them.
    pub const ALL: [Feature; 7] =
        [Feature::X, Feature::Y, Feature::XSquared, Feature::YSquared, Feature::XTimesY, Feature::SinX, Feature::SinY];

    /// The feature's name as the API spells it (and as weight views label the inputs).
    pub fn name(self) -> &'static str {
        match self {
            Feature::X => "x",
            Feature::Y => "y",
            Feature::XSquared => "x2",
            Feature::YSquared => "y2",
            Feature::XTimesY => "xy",
            Feature::SinX => "sinX",
            Feature::SinY => "sinY",
        }
    }
}

/// Turns raw coordinates `[n, 2]` into the chosen feature columns `[n, features.len()]`.
pub fn expand_features(xy: Tensor<2>, features: &[Feature]) -> Tensor<2> {
    let x = xy.clone().narrow(1, 0, 1);
    let y = xy.narrow(1, 1, 1);
    let columns = features
        .iter()
        .map(|f| match f {
            Feature::X => x.clone(),
            Feature::Y => y.clone(),
            Feature::XSquared => x.clone().square(),
            Feature::YSquared => y.clone().square(),
            Feature::XTimesY => x.clone() * y.clone(),
            Feature::SinX => x.clone().sin(),
            Feature::SinY => y.clone().sin(),
        })
        .collect();
    Tensor::cat(columns, 1)
}

/// Uploads points' coordinates as a `[n, 2]` tensor.
pub fn coordinates_tensor(xy: impl Iterator<Item = (f64, f64)>, device: &Device) -> Tensor<2> {
    let flat: Vec<f32> = xy.flat_map(|(x, y)| [x as f32, y as f32]).collect();
    let n = flat.len() / 2;
    Tensor::from_data(TensorData::new(flat, [n, 2]), device)
}
