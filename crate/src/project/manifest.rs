//! The manifest of a project file: everything but the weights, as JSON, with the records that
//! turn datasets and versions into plain data and back (checked on the way in).

use crate::data::origin::Origin;
use serde::{Deserialize, Serialize};

use crate::data::images::validate_image;
use crate::data::points::{validate_point, validate_value_point};
use crate::data::{Dataset, Examples, Image, Point, RawImage, RawPoint, ValuePoint};
use crate::error::{PlaygroundError, Result};
use crate::export::ModelDescription;
use crate::train::TrainConfig;

/// The `format` every manifest carries.
pub const FORMAT: &str = "sw2-playground-project";
/// The manifest version this build writes; later ones are refused.
pub const VERSION: u32 = 1;

/// The examples of a dataset as stored: one kind per dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExampleRecord {
    /// Labelled 2D points.
    Points(Vec<Point>),
    /// Labelled images.
    Images(Vec<Image>),
    /// 2D points carrying values (regression).
    Values(Vec<ValuePoint>),
}

/// A dataset with its split settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetRecord {
    /// The examples, in order.
    pub examples: ExampleRecord,
    /// Share held out for testing.
    pub test_fraction: f64,
    /// Seed of the train/test split.
    pub split_seed: u64,
    /// Who wrote each example, as [`Origin::text`] writes it (absent in files from before origins).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<String>,
}

impl DatasetRecord {
    /// The record of `d`.
    pub fn of(d: &Dataset) -> Self {
        let examples = match d.examples() {
            Examples::Points(p) => ExampleRecord::Points(p.clone()),
            Examples::Images(i) => ExampleRecord::Images(i.clone()),
            Examples::Values(v) => ExampleRecord::Values(v.clone()),
        };
        let origins = d.origins().iter().map(Origin::text).collect();
        Self { examples, test_fraction: d.test_fraction(), split_seed: d.split_seed(), origins }
    }

    /// The dataset again, every example checked as if typed in (`what` names it in errors).
    pub fn dataset(&self, what: &str) -> Result<Dataset> {
        let (f, seed) = (self.test_fraction, self.split_seed);
        let named =
            |e: PlaygroundError| PlaygroundError::InvalidData(format!("{what}: {}", e.to_string().trim_start_matches("Invalid data: ")));
        let d = match &self.examples {
            ExampleRecord::Points(p) => {
                let checked = p.iter().enumerate().map(|(i, p)| validate_point(i, RawPoint { x: p.x, y: p.y, label: p.label as f64 }));
                Dataset::new(checked.collect::<Result<_>>().map_err(named)?, f, seed)
            }
            ExampleRecord::Images(im) => {
                let checked = im.iter().enumerate().map(|(i, m)| {
                    let raw = RawImage {
                        pixels: m.pixels.iter().map(|&v| v as f64).collect(),
                        width: m.width as f64,
                        height: m.height as f64,
                        label: m.label as f64,
                    };
                    validate_image(i, &raw).map(|_| m.clone())
                });
                Dataset::from_images(checked.collect::<Result<_>>().map_err(named)?, f, seed)
            }
            ExampleRecord::Values(v) => {
                let checked = v.iter().enumerate().map(|(i, p)| validate_value_point(i, p.x, p.y, p.value));
                Dataset::from_values(checked.collect::<Result<_>>().map_err(named)?, f, seed)
            }
        };
        let d = d.map_err(named)?;
        if self.origins.is_empty() {
            return Ok(d);
        }
        d.with_origins(self.origins.iter().map(|t| Origin::parse(t)).collect()).map_err(named)
    }
}

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
}

impl Manifest {
    /// Parses the manifest, refusing other formats and newer versions by name.
    pub fn parse(json: &[u8]) -> Result<Self> {
        let value: serde_json::Value = serde_json::from_slice(json)
            .map_err(|e| PlaygroundError::InvalidData(format!("the project's manifest is not valid JSON: {e}")))?;
        let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
        if format != FORMAT {
            return Err(PlaygroundError::InvalidData(format!("the manifest's format is '{format}', expected '{FORMAT}'")));
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v > VERSION as u64 => {
                return Err(PlaygroundError::InvalidData(format!(
                    "the project is version {v}, made by a newer playground; this one reads up to version {VERSION}"
                )));
            }
            Some(_) => {}
            None => return Err(PlaygroundError::InvalidData("the manifest has no version".into())),
        }
        serde_json::from_value(value).map_err(|e| PlaygroundError::InvalidData(format!("the project's manifest is malformed: {e}")))
    }
}
