//! Training dynamics (Swayamdipta et al., EMNLP 2020, "Dataset Cartography"): how confident the
//! network was in each training example's own label over training, and how much that swung.
//! Easy examples are learnt early and stay learnt; ambiguous ones swing; hard-to-learn ones stay
//! low — where mislabelled examples hide.

use burn::prelude::*;
use burn::tensor::activation::softmax;
use serde::Serialize;

use super::snapshots::weighted_snapshots;
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Mean confidence below this makes an example hard to learn: on average over training the
/// network gave its label less than even odds.
pub const HARD_CONFIDENCE: f64 = 0.5;
/// Variability at or above this makes a learnt example ambiguous.
pub const AMBIGUOUS_VARIABILITY: f64 = 0.2;

/// Where an example sits on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MapRegion {
    /// Confidence high, variability low: learnt and kept.
    Easy,
    /// Confidence high on average, but it swung: learnt late, or back and forth.
    Ambiguous,
    /// Confidence low: never really learnt — often a wrong label.
    Hard,
}

impl MapRegion {
    /// The region of a (confidence, variability) pair, by the thresholds above.
    pub fn of(confidence: f64, variability: f64) -> Self {
        if confidence < HARD_CONFIDENCE {
            MapRegion::Hard
        } else if variability >= AMBIGUOUS_VARIABILITY {
            MapRegion::Ambiguous
        } else {
            MapRegion::Easy
        }
    }
}

/// One training example on the data map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MapPoint {
    /// Its index in the dataset.
    pub index: usize,
    /// Mean probability of its own label over training.
    pub confidence: f64,
    /// Standard deviation of that probability over training.
    pub variability: f64,
    /// Share of training during which it was classified right.
    pub correct: f64,
    /// Easy, ambiguous or hard to learn.
    pub region: MapRegion,
}

/// How many examples lie in each region of a map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RegionCounts {
    /// Learnt and kept.
    pub easy: usize,
    /// Learnt, but swung.
    pub ambiguous: usize,
    /// Never really learnt.
    pub hard: usize,
}

/// Counts `map`'s examples per region.
pub fn region_counts(map: &[MapPoint]) -> RegionCounts {
    map.iter().fold(RegionCounts::default(), |mut c, p| {
        match p.region {
            MapRegion::Easy => c.easy += 1,
            MapRegion::Ambiguous => c.ambiguous += 1,
            MapRegion::Hard => c.hard += 1,
        }
        c
    })
}

/// The data map of `data`'s training split, averaged over the timeline's snapshots, each weighted
/// by the steps it stands for (so it is an average over training time, not over snapshots, which
/// crowd the first steps).
pub async fn data_map(program: &Program<'_>, data: &Dataset) -> Result<Vec<MapPoint>> {
    program.refuse_words("dataMap")?;
    if program.task() == Task::Regression {
        return Err(PlaygroundError::InvalidData("a data map needs labels; a regression dataset has values".into()));
    }
    let snapshots = weighted_snapshots(program)?;
    let indices = data.split_indices(false);
    let Some(train) = program.examples(data, &indices, program.device()) else {
        return Err(PlaygroundError::MissingData("there are no training examples to map".into()));
    };
    let targets = train.targets.classes().expect("classification targets").clone().reshape([train.len, 1]);
    let total: u64 = snapshots.iter().map(|c| c.span).sum();
    let mut sums: Option<Tensor<2>> = None;
    for c in &snapshots {
        let logits = c.model.valid().forward(train.inputs.clone(), program.activation());
        let own = softmax(logits.clone(), 1).gather(1, targets.clone());
        let right = logits.argmax(1).equal(targets.clone()).float();
        let w = c.span as f64 / total as f64;
        let term = Tensor::cat(vec![own.clone(), own.square(), right], 1) * w;
        sums = Some(match sums {
            Some(s) => s + term,
            None => term,
        });
    }
    let values = read_floats(sums.expect("at least one snapshot")).await?;
    Ok(indices
        .into_iter()
        .zip(values.chunks(3))
        .map(|(index, v)| {
            let (confidence, square, correct) = (v[0], v[1], v[2]);
            let variability = (square - confidence * confidence).max(0.0).sqrt();
            MapPoint { index, confidence, variability, correct, region: MapRegion::of(confidence, variability) }
        })
        .collect())
}
