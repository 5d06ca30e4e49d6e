//! The saved form of a dataset: its examples, split settings and origins as plain data, for
//! project files, the data engine's record and anything else that stores a dataset. Reading one
//! back checks every example as if it were typed in.

use serde::{Deserialize, Serialize};

use super::images::validate_image;
use super::origin::Origin;
use super::points::{validate_point, validate_value_point};
use super::{Dataset, Examples, RawImage, RawPoint};
use crate::error::{PlaygroundError, Result};

/// A dataset with its split settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetRecord {
    /// The examples, in order.
    pub examples: Examples,
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
        let examples = d.examples().clone();
        let origins = d.origins().iter().map(Origin::text).collect();
        Self { examples, test_fraction: d.test_fraction(), split_seed: d.split_seed(), origins }
    }

    /// The dataset again, every example checked as if typed in (`what` names it in errors).
    pub fn dataset(&self, what: &str) -> Result<Dataset> {
        let (f, seed) = (self.test_fraction, self.split_seed);
        let named =
            |e: PlaygroundError| PlaygroundError::InvalidData(format!("{what}: {}", e.to_string().trim_start_matches("Invalid data: ")));
        let d = match &self.examples {
            Examples::Points(p) => {
                let checked = p.iter().enumerate().map(|(i, p)| validate_point(i, RawPoint { x: p.x, y: p.y, label: p.label as f64 }));
                Dataset::new(checked.collect::<Result<_>>().map_err(named)?, f, seed)
            }
            Examples::Images(im) => {
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
            Examples::Values(v) => {
                let checked = v.iter().enumerate().map(|(i, p)| validate_value_point(i, p.x, p.y, p.value));
                Dataset::from_values(checked.collect::<Result<_>>().map_err(named)?, f, seed)
            }
            Examples::Words(w) => Dataset::from_words(w.clone(), f, seed),
            Examples::Lines(w) => Dataset::from_lines(w.clone(), f, seed),
        };
        let d = d.map_err(named)?;
        if self.origins.is_empty() {
            return Ok(d);
        }
        d.with_origins(self.origins.iter().map(|t| Origin::parse(t)).collect()).map_err(named)
    }
}
