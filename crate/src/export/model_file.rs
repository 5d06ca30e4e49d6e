//! The model as a file pair: weights in safetensors (written and read by burn-store) and the
//! [`ModelDescription`] JSON. Loading the pair back gives the same predictions.

use burn::prelude::*;
use burn::store::{ModuleSnapshot, SafetensorsStore};

use super::description::ModelDescription;
use crate::data::Dataset;
use crate::error::{PlaygroundError, Result};
use crate::inspect::weights::model_weights;
use crate::model::Network;
use crate::model::text::TextArchitecture;
use crate::train::backend::cpu_device;
use crate::train::session::Params;
use crate::train::{ConfigPatch, Program, Session};

/// `program`'s current weights as safetensors bytes, with their description (of a network
/// compiled from `data`).
pub async fn export_model(program: &Program<'_>, data: &Dataset) -> Result<(Vec<u8>, ModelDescription)> {
    let description = ModelDescription::of(program, data)?;
    let bytes = safetensors_of(&program.model()?, &description).await?;
    Ok((bytes, description))
}

/// `model`'s weights (an inference copy on any device) as a safetensors file carrying `description`.
///
/// The weights are read back first and saved from a CPU copy, because burn-store's writer reads
/// tensors synchronously, which WebGPU forbids.
pub async fn safetensors_of(model: &Network, description: &ModelDescription) -> Result<Vec<u8>> {
    let weights = model_weights(model).await?;
    let device = cpu_device();
    let mut copy = Network::new(&description.architecture(), &device);
    for (w, (name, shape)) in weights.into_iter().zip(description.parameter_shapes()) {
        copy = copy.replace_param(&name, Tensor::from_data(TensorData::new(w.values, shape), &device))?;
    }
    // Variant names stay out of tensor names: `layers.0.weight`, as model files have always had.
    let mut store = SafetensorsStore::from_bytes(None)
        .skip_enum_variants(true)
        .metadata("sw2-playground.description", serde_json::to_string(description).unwrap_or_default());
    copy.save_into(&mut store).map_err(|e| PlaygroundError::Backend(format!("writing safetensors failed: {e}")))?;
    store.get_bytes().map_err(|e| PlaygroundError::Backend(format!("writing safetensors failed: {e}")))
}

/// Replaces the network with the model in `bytes` described by `description`. Everything is
/// checked before anything changes: on error the session is as it was.
pub async fn import_model(session: &mut Session, bytes: &[u8], description: ModelDescription) -> Result<()> {
    description.validate()?;
    check_fits_dataset(session.dataset(), &description)?;
    let params = params_from_safetensors(bytes, &description).await?;
    let config = match &description.text {
        Some(t) => {
            let patch = ConfigPatch {
                architecture: Some(t.architecture),
                context: (t.architecture == TextArchitecture::Mlp).then_some(t.context),
                embedding: (t.architecture == TextArchitecture::Mlp).then_some(t.embedding),
                hidden: (t.architecture == TextArchitecture::Mlp).then(|| t.hidden.clone()),
                ..ConfigPatch::default()
            };
            session.config().patched_for(patch, true)?
        }
        None => {
            let patch = ConfigPatch {
                hidden: Some(description.hidden.clone()),
                conv: Some(description.conv.clone()),
                activation: Some(description.activation),
                features: (!description.features.is_empty()).then(|| description.features.clone()),
                ..ConfigPatch::default()
            };
            session.config().patched(patch)?
        }
    };
    session.install_imported(config, params, description.classes, description.step)
}

/// Reads the parameters in safetensors `bytes`, checking every tensor's name and shape against
/// `description` (burn-store's validation) and every value's finiteness.
pub async fn params_from_safetensors(bytes: &[u8], description: &ModelDescription) -> Result<Params> {
    let device = cpu_device();
    let mut model = Network::new(&description.architecture(), &device);
    let mut store = SafetensorsStore::from_bytes(Some(bytes.to_vec())).skip_enum_variants(true);
    let result = model.load_from(&mut store).map_err(|e| {
        let e = e.to_string();
        PlaygroundError::InvalidData(match e.strip_prefix("Validation failed: ") {
            Some(detail) => format!("the safetensors file does not match the description: {detail}"),
            None => format!("the safetensors file could not be read: {e}"),
        })
    })?;
    let problems: Vec<String> = result
        .errors
        .iter()
        .map(|e| e.to_string())
        .chain(result.missing.iter().map(|m| format!("tensor '{}' is missing", m.0)))
        .chain(result.unused.iter().map(|u| format!("tensor '{u}' is not part of this architecture")))
        .collect();
    if !problems.is_empty() {
        return Err(PlaygroundError::InvalidData(format!("the safetensors file does not match the description: {}", problems.join("; "))));
    }
    let mut params = Vec::new();
    for (w, (name, shape)) in model_weights(&model).await?.into_iter().zip(description.parameter_shapes()) {
        if let Some(i) = w.values.iter().position(|v| !v.is_finite()) {
            return Err(PlaygroundError::InvalidData(format!("tensor '{name}' holds a non-finite value at index {i}")));
        }
        params.push((name, shape, w.values));
    }
    Ok(params)
}

/// A 2D model needs 2D data (or none); an image model needs images of its size; every label in
/// the data needs an output unit.
pub fn check_fits_dataset(dataset: &Dataset, description: &ModelDescription) -> Result<()> {
    match (&description.text, dataset.vocabulary()) {
        (Some(t), Some(vocab)) if t.vocabulary()? != vocab => {
            return Err(PlaygroundError::InvalidData(format!(
                "this program writes the characters '{}', but the word list uses '{}': load the word list it was trained on",
                t.vocabulary,
                vocab.chars().iter().collect::<String>()
            )));
        }
        (Some(_), Some(_)) => return Ok(()),
        (Some(_), None) if !dataset.is_empty() => {
            return Err(PlaygroundError::InvalidData("this program writes words: load a word list first".into()));
        }
        (None, Some(_)) => {
            return Err(PlaygroundError::InvalidData("this model reads points or images, but the dataset is a word list".into()));
        }
        _ => {}
    }
    if !dataset.is_empty() && dataset.task() != description.task {
        return Err(PlaygroundError::InvalidData(
            format!("this model does {:?}, but the dataset is for {:?}: load matching data first", description.task, dataset.task())
                .to_lowercase(),
        ));
    }
    if let Some(label) = dataset.classes().into_iter().find(|l| !description.classes.contains(l)) {
        return Err(PlaygroundError::InvalidData(format!(
            "the dataset has class {label}, which this model has no output for (its classes: {:?})",
            description.classes
        )));
    }
    match (description.image_size, dataset.image_size()) {
        (Some([w, h]), Some((dw, dh))) if (w, h) != (dw, dh) => {
            Err(PlaygroundError::InvalidData(format!("this model reads {w}×{h} images, but the dataset's images are {dw}×{dh}")))
        }
        (Some([w, h]), None) => {
            Err(PlaygroundError::InvalidData(format!("this model reads {w}×{h} images: load an image dataset of that size first")))
        }
        (None, Some(_)) => {
            Err(PlaygroundError::InvalidData("this model reads 2D points, but the dataset holds images: load a 2D dataset first".into()))
        }
        _ => Ok(()),
    }
}
