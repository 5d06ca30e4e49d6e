//! What each unit of an image network looks for: the first layer's weights of each hidden unit
//! as a picture, the convolution kernels, the feature maps and every unit's activation for one
//! image, and the training images that excite a unit most. The page only draws these numbers.

use burn::prelude::*;
use burn::tensor::activation::softmax;
use serde::Serialize;

use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::outputs::inputs_of;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Most top images one call returns: a row of thumbnails, not a dataset dump.
pub const MAX_TOP_IMAGES: usize = 64;

/// Training images run through the network per batch when ranking them for a unit.
const RANK_BATCH: usize = 512;

/// Several equally shaped maps (unit templates, kernels, feature maps), one after the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapStack {
    /// Number of maps.
    pub count: usize,
    /// Pixels per row of each map.
    pub width: usize,
    /// Rows of each map.
    pub height: usize,
    /// `count · height · width` values, map after map, each row by row from the top.
    pub values: Vec<f32>,
    /// Largest magnitude among the values: a symmetric colour scale shared by the stack.
    pub scale: f32,
}

impl MapStack {
    fn new(count: usize, width: usize, height: usize, values: Vec<f32>) -> Self {
        let scale = values.iter().fold(0f32, |m, v| m.max(v.abs()));
        Self { count, width, height, values, scale }
    }
}

/// The picture of an image network's weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageProgram {
    /// `[width, height]` of the dataset's images.
    pub image: [usize; 2],
    /// Without convolutions: the first hidden layer's incoming weights, one image-shaped map per
    /// unit (positive weights: ink there raises the unit). `None` when convolutions come first.
    pub templates: Option<MapStack>,
    /// Names of the units `templates` belong to (`h1.<unit>`).
    pub template_units: Vec<String>,
    /// Each convolution's 3×3 kernels, `out · in` of them (output channel major).
    pub kernels: Vec<MapStack>,
}

/// One layer's units for one image.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitActivations {
    /// `"hidden"` or `"output"`.
    pub kind: &'static str,
    /// `h<layer>.<unit>`, `class <label>` or `value`.
    pub units: Vec<String>,
    /// Each unit's activation (outputs: class probabilities, or the predicted value).
    pub values: Vec<f32>,
}

/// What the network does with one image, layer by layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageActivations {
    /// Each convolution's output after ReLU (before pooling), one map per channel.
    pub feature_maps: Vec<MapStack>,
    /// Each hidden layer, then the output layer.
    pub layers: Vec<UnitActivations>,
}

/// A training image that excites a unit, and how much.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopImage {
    /// Index in the dataset.
    pub index: usize,
    /// The label the image carries.
    pub label: u8,
    /// The unit's activation for it.
    pub activation: f32,
}

fn image_size(program: &Program<'_>) -> Result<(usize, usize)> {
    program
        .image_size()
        .ok_or_else(|| PlaygroundError::InvalidData("this dataset holds points: unit images are drawn for image datasets".into()))
}

/// The first layer's weights as images (no convolutions) and the convolution kernels, for the
/// current weights or those of a past `step`.
pub async fn image_program(program: &Program<'_>, step: Option<u64>) -> Result<ImageProgram> {
    program.refuse_words("imageProgram")?;
    let (w, h) = image_size(program)?;
    let model = program.model_at(step)?;
    let mut kernels = Vec::with_capacity(model.convs().len());
    for conv in model.convs() {
        let [o, c, kh, kw] = conv.weight.dims();
        let values = floats(conv.weight.val()).await?;
        kernels.push(MapStack::new(o * c, kw, kh, values));
    }
    let (templates, template_units) = if model.convs().is_empty() && model.layers().len() > 1 {
        // `[pixels, units]` → one row of pixels per unit.
        let weight = model.layers()[0].weight.val().transpose();
        let units = weight.dims()[0];
        (Some(MapStack::new(units, w, h, floats(weight).await?)), (0..units).map(|u| format!("h1.{u}")).collect())
    } else {
        (None, Vec::new())
    };
    Ok(ImageProgram { image: [w, h], templates, template_units, kernels })
}

/// Every unit's activation and every convolution's feature maps for one image (`pixels` row by
/// row, as the dataset's images), for the current weights or those of a past `step`.
pub async fn image_activations(program: &Program<'_>, pixels: &[f64], step: Option<u64>) -> Result<ImageActivations> {
    program.refuse_words("imageActivations")?;
    let (w, h) = image_size(program)?;
    if pixels.len() != w * h {
        return Err(PlaygroundError::InvalidData(format!("{} pixels, but the dataset's images are {w}×{h}", pixels.len())));
    }
    if let Some(j) = pixels.iter().position(|p| !p.is_finite()) {
        return Err(PlaygroundError::InvalidData(format!("pixel {j} is not a finite number")));
    }
    let model = program.model_at(step)?;
    let row: Vec<f32> = pixels.iter().map(|&p| p as f32).collect();
    let input = Tensor::<2>::from_data(TensorData::new(row, [1, w * h]), program.device());
    let mut feature_maps = Vec::with_capacity(model.convs().len());
    for maps in model.conv_maps(input.clone()) {
        let [_, c, mh, mw] = maps.dims();
        feature_maps.push(MapStack::new(c, mw, mh, floats(maps).await?));
    }
    let mut outputs = model.activations(input, program.activation());
    let logits = outputs.pop().expect("a network has an output layer");
    let mut layers = Vec::with_capacity(outputs.len() + 1);
    for (l, out) in outputs.into_iter().enumerate() {
        let values = floats(out).await?;
        let units = (0..values.len()).map(|u| format!("h{}.{u}", l + 1)).collect();
        layers.push(UnitActivations { kind: "hidden", units, values });
    }
    let (units, values) = match program.task() {
        Task::Regression => (vec!["value".to_string()], floats(logits).await?),
        Task::Classification => (program.classes().iter().map(|c| format!("class {c}")).collect(), floats(softmax(logits, 1)).await?),
    };
    layers.push(UnitActivations { kind: "output", units, values });
    Ok(ImageActivations { feature_maps, layers })
}

/// The `count` training images of `dataset` that drive hidden unit `unit` of hidden layer `layer`
/// (1 is the first) highest, strongest first: what the unit has learned to respond to.
pub async fn top_images(program: &Program<'_>, dataset: &Dataset, layer: usize, unit: usize, count: usize) -> Result<Vec<TopImage>> {
    program.refuse_words("topImages")?;
    image_size(program)?;
    if !(1..=MAX_TOP_IMAGES).contains(&count) {
        return Err(PlaygroundError::InvalidConfig(format!("count {count} must be between 1 and {MAX_TOP_IMAGES}")));
    }
    let model = program.model()?;
    let hidden = model.layers().len() - 1;
    if layer == 0 || layer > hidden {
        let what = if hidden == 0 { "this network has no hidden layer".to_string() } else { format!("hidden layers are 1 to {hidden}") };
        return Err(PlaygroundError::InvalidConfig(format!("layer {layer}: {what}")));
    }
    let width = model.layers()[layer - 1].weight.dims()[1];
    if unit >= width {
        return Err(PlaygroundError::InvalidConfig(format!("unit {unit}: hidden layer {layer} has units 0 to {}", width - 1)));
    }
    let train = dataset.split_indices(false);
    let mut scored = Vec::with_capacity(train.len());
    for chunk in train.chunks(RANK_BATCH) {
        let Some(inputs) = inputs_of(program, dataset, chunk) else { continue };
        let out = model.activations(inputs, program.activation()).swap_remove(layer - 1);
        let values = floats(out.slice([0..chunk.len(), unit..unit + 1])).await?;
        scored.extend(chunk.iter().zip(values).map(|(&i, a)| (i, a)));
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let labels = dataset.labels();
    Ok(scored.into_iter().take(count).map(|(index, activation)| TopImage { index, label: labels[index], activation }).collect())
}

async fn floats<const D: usize>(t: Tensor<D>) -> Result<Vec<f32>> {
    Ok(read_floats(t).await?.into_iter().map(|v| v as f32).collect())
}
