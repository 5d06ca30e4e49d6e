//! The manifest of a project file: everything but the weights, as JSON. Datasets are stored as
//! [`DatasetRecord`]s, the saved form `data/record.rs` keeps for every layer that saves data.

use serde::{Deserialize, Serialize};

pub use crate::data::record::DatasetRecord;
use crate::error::{PlaygroundError, Result};
use crate::export::ModelDescription;
use crate::train::TrainConfig;
use crate::train::session::OrderState;

/// The `format` every manifest carries.
pub const FORMAT: &str = "sw2-playground-project";
/// The manifest version this build writes; later ones are refused.
pub const VERSION: u32 = 1;

/// One committed version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionRecord {
    /// Its id (`v<n>-<hash prefix>`).
    pub id: String,
    /// Its commit message.
    pub message: String,
    /// The content hash of its dataset, checked against the dataset on the way in.
    pub hash: String,
    /// The dataset committed.
    pub dataset: DatasetRecord,
}

/// A snapshot of the weights on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotRecord {
    /// The training step it was taken at.
    pub step: u64,
    /// Index of its safetensors blob.
    pub blob: usize,
}

/// The network: its description, current weights and timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkRecord {
    /// Architecture, classes and step, as model files describe them.
    pub description: ModelDescription,
    /// Index of the current weights' safetensors blob.
    pub weights: usize,
    /// The timeline's snapshots, oldest first (may be empty, as in a share link).
    pub timeline: Vec<SnapshotRecord>,
    /// Where training stands beyond the weights (project files; share links leave it out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<TrainingRecord>,
}

/// The optimizer's state and the batch order: each optimizer slot's step count and shape here,
/// its two moments in blob `moments` (f32, little-endian; slot by slot, first moment then second).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingRecord {
    /// One entry per optimizer slot, `null` where nothing was stepped (empty for SGD).
    pub slots: Vec<Option<SlotRecord>>,
    /// The blob holding the moments, when there are any.
    pub moments: Option<usize>,
    /// The batch order.
    pub order: OrderState,
}

/// One optimizer slot's step count and parameter shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotRecord {
    /// Steps the parameter has had.
    pub time: usize,
    /// The parameter's shape.
    pub shape: Vec<usize>,
}

/// The length of each blob, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlobRecord {
    /// What it holds, for people reading the manifest.
    pub name: String,
    /// Its length in bytes.
    pub length: usize,
}

/// Everything in a project file except the blobs' bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The manifest version ([`VERSION`] when written by this build).
    pub version: u32,
    /// The configuration (the compiler flags).
    pub config: TrainConfig,
    /// The dataset (the source code).
    pub dataset: DatasetRecord,
    /// Every committed version, oldest first.
    pub versions: Vec<VersionRecord>,
    /// The content hash of the data the weights were last trained on.
    pub trained_on: Option<String>,
    /// The network, when there is one.
    pub network: Option<NetworkRecord>,
    /// The blobs after the manifest, in order.
    pub blobs: Vec<BlobRecord>,
    /// What the page keeps beside the core (class names): stored as given.
    #[serde(default)]
    pub page: serde_json::Value,
    /// The data engine, when the program is deployed (project files, not links).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<crate::engine::record::EngineRecord>,
    /// The hand-written rule's text, when one is set (files and links).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// A text program's last evaluation, with the fingerprint of what it measured: opening the
    /// file needs no pass over the corpus to show the metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<crate::train::metrics_memo::MetricsMemo>,
}

impl Manifest {
    /// Parses the manifest, refusing other formats and newer versions by name. The JSON is read
    /// twice: a skim for the format and version (nothing else kept), then straight into the types.
    pub fn parse(json: &[u8]) -> Result<Self> {
        /// The two fields that say whether the rest can be read at all.
        #[derive(Deserialize)]
        struct Head {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        let head: Head = serde_json::from_slice(json)
            .map_err(|e| PlaygroundError::InvalidData(format!("the project's manifest is not valid JSON: {e}")))?;
        let format = head.format.as_ref().and_then(|f| f.as_str()).unwrap_or("");
        if format != FORMAT {
            return Err(PlaygroundError::InvalidData(format!("the manifest's format is '{format}', expected '{FORMAT}'")));
        }
        match head.version.as_ref().and_then(|v| v.as_u64()) {
            Some(v) if v > VERSION as u64 => {
                return Err(PlaygroundError::InvalidData(format!(
                    "the project is version {v}, made by a newer playground; this one reads up to version {VERSION}"
                )));
            }
            Some(_) => {}
            None => return Err(PlaygroundError::InvalidData("the manifest has no version".into())),
        }
        serde_json::from_slice(json).map_err(|e| PlaygroundError::InvalidData(format!("the project's manifest is malformed: {e}")))
    }
}
