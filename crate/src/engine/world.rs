//! The world a program is deployed into: far more examples than the dataset samples, split into
//! the **stream** the fleet meets (its labels hidden from the program) and a **held-out world test
//! set** that measures how good the deployed program really is.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::data::images::Image;
use crate::data::presets::{self, Digits, PresetOptions};
use crate::data::rng::SeededRng;
use crate::data::{Dataset, Examples, Origin, Point, Task, ValuePoint};
use crate::error::{PlaygroundError, Result};

/// Examples a preset world holds unless told otherwise.
pub const DEFAULT_WORLD_SIZE: usize = 2000;
/// Largest world: big enough to outlast many rounds, small enough to score quickly.
pub const MAX_WORLD_SIZE: usize = 20_000;
/// Share of the world held out to measure the deployed program.
const WORLD_TEST_SHARE: f64 = 0.3;
/// Most world-test examples: measuring stays cheap every round.
const MAX_WORLD_TEST: usize = 1000;
/// Fewest examples a world keeps once the dataset's own examples are left out of it.
const MIN_WORLD_SIZE: usize = 10;
/// Mixed into a preset world's seed: the world draws its own points, never the dataset's (a preset
/// loaded and deployed with the same seed would otherwise copy the user's points into the world).
const WORLD_SEED_STREAM: u64 = 0x574F_524C_44; // "WORLD"

/// Where a world comes from, as `deploy` receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WorldSource {
    /// A preset generator by name (`spiral`, `moons`, `wave`, … or `digits`).
    Preset(String),
    /// Points the person supplies, each with its label (or value).
    Points {
        /// `{ x, y, label }` or `{ x, y, value }`.
        points: Vec<serde_json::Value>,
    },
    /// Images the person supplies.
    Images {
        /// `{ pixels, width, height, label }`.
        images: Vec<crate::data::images::RawImage>,
    },
}

/// A world: its examples with their true labels, the stream order and the held-out test set.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    /// What the world is, in words ("spiral, 2000 examples, seed 3").
    pub name: String,
    /// Every example of the world with its true label or value.
    pub examples: Dataset,
    /// Indices of the stream, in the order the fleet meets them.
    pub stream: Vec<usize>,
    /// Indices of the held-out world test set.
    pub test: Vec<usize>,
    /// Examples of the source left out because the dataset already holds them.
    pub overlap_removed: usize,
}

impl World {
    /// Splits `examples` into a seeded stream and a held-out test set, after checking that they
    /// can judge a program trained on `dataset` (same kind, two or more classes).
    pub fn new(name: String, examples: Dataset, dataset: &Dataset, seed: u64) -> Result<Self> {
        check_matches(&examples, dataset)?;
        let mut order: Vec<usize> = (0..examples.len()).collect();
        SeededRng::new(seed ^ 0x3057_1D).shuffle(&mut order);
        let test_count = ((examples.len() as f64 * WORLD_TEST_SHARE).round() as usize).clamp(1, MAX_WORLD_TEST);
        let test = order[..test_count].to_vec();
        let stream = order[test_count..].to_vec();
        Ok(Self { name, examples, stream, test, overlap_removed: 0 })
    }

    /// Builds the world `source` describes for a program trained on `dataset`; `digits` is the
    /// built-in digits' CSV text, needed only for the `digits` world. A world never holds an example
    /// of the dataset: a preset draws from its own seed stream, and any example whose input equals
    /// one of the dataset's (the digits the dataset holds, points a person copied) is left out and
    /// counted in `overlap_removed`.
    pub fn from_source(source: &WorldSource, dataset: &Dataset, seed: u64, size: usize, digits: Option<&str>) -> Result<Self> {
        if dataset.is_words() {
            return Err(PlaygroundError::InvalidConfig(
                "the data engine deploys programs that read points or images, not word lists".into(),
            ));
        }
        if !(10..=MAX_WORLD_SIZE).contains(&size) {
            return Err(PlaygroundError::InvalidConfig(format!("world size {size} must be between 10 and {MAX_WORLD_SIZE}")));
        }
        let options = PresetOptions { n: size, noise: 0.1, seed: seed ^ WORLD_SEED_STREAM };
        let (name, examples) = match source {
            WorldSource::Preset(name) => {
                let digits = digits.map(|csv| Digits { csv, first: None });
                let examples = presets::dataset(name, options, 0.0, digits)?;
                let described = if name == "digits" {
                    format!("digits, {} images", examples.len())
                } else {
                    format!("{name}, {size} points, seed {seed}")
                };
                (described, examples)
            }
            WorldSource::Points { points } => ("your world".to_string(), given_points(points)?),
            WorldSource::Images { images } => ("your world".to_string(), Dataset::from_raw_images(images, 0.0, seed)?),
        };
        check_matches(&examples, dataset)?;
        let (examples, removed) = apart_from(examples, dataset)?;
        if examples.len() < MIN_WORLD_SIZE {
            return Err(PlaygroundError::InvalidData(format!(
                "the world keeps only {} examples once the {removed} already in your dataset are left out; it needs {MIN_WORLD_SIZE}",
                examples.len()
            )));
        }
        let name = if removed > 0 { format!("{name}, {removed} already in your dataset left out") } else { name };
        Ok(Self { overlap_removed: removed, ..Self::new(name, examples, dataset, seed)? })
    }

    /// The true label of world example `i` (classification).
    pub fn label(&self, i: usize) -> u8 {
        match self.examples.examples() {
            Examples::Points(p) => p[i].label,
            Examples::Images(im) => im[i].label,
            Examples::Values(_) | Examples::Words(_) | Examples::Lines(_) => 0,
        }
    }

    /// The true value of world example `i` (regression).
    pub fn value(&self, i: usize) -> f64 {
        match self.examples.examples() {
            Examples::Values(v) => v[i].value,
            _ => f64::NAN,
        }
    }

    /// `(x, y)` of world example `i`, for points.
    pub fn position(&self, i: usize) -> Option<(f64, f64)> {
        match self.examples.examples() {
            Examples::Points(p) => Some((p[i].x, p[i].y)),
            Examples::Values(v) => Some((v[i].x, v[i].y)),
            Examples::Images(_) | Examples::Words(_) | Examples::Lines(_) => None,
        }
    }

    /// World example `i` as an image, for image worlds.
    pub fn image(&self, i: usize) -> Option<&Image> {
        match self.examples.examples() {
            Examples::Images(im) => im.get(i),
            _ => None,
        }
    }
}

/// An example's input, bit for bit: the place of a point, the pixels of an image.
fn input_key(d: &Dataset, i: usize) -> Vec<u64> {
    match d.examples() {
        Examples::Points(p) => vec![p[i].x.to_bits(), p[i].y.to_bits()],
        Examples::Values(v) => vec![v[i].x.to_bits(), v[i].y.to_bits()],
        Examples::Images(im) => im[i].pixels.iter().map(|p| u64::from(p.to_bits())).collect(),
        Examples::Words(w) | Examples::Lines(w) => w[i].chars().map(u64::from).collect(),
    }
}

/// `examples` without those whose input equals an example of `dataset`, and how many that left
/// out: a world test made of training examples would measure memory, not the program.
fn apart_from(examples: Dataset, dataset: &Dataset) -> Result<(Dataset, usize)> {
    let known: HashSet<Vec<u64>> = (0..dataset.len()).map(|i| input_key(dataset, i)).collect();
    let keep: Vec<usize> = (0..examples.len()).filter(|&i| !known.contains(&input_key(&examples, i))).collect();
    let removed = examples.len() - keep.len();
    if removed == 0 {
        return Ok((examples, 0));
    }
    Ok((examples.subset(&keep, 0.0)?, removed))
}

/// Points given as JSON: all labelled or all valued, validated one by one.
fn given_points(points: &[serde_json::Value]) -> Result<Dataset> {
    let valued = points.first().is_some_and(|p| p.get("value").is_some());
    let field = |i: usize, p: &serde_json::Value, k: &str| {
        p.get(k)
            .and_then(serde_json::Value::as_f64)
            .ok_or_else(|| PlaygroundError::InvalidData(format!("world point {i}: '{k}' is missing or not a number")))
    };
    if valued {
        let raw = points
            .iter()
            .enumerate()
            .map(|(i, p)| Ok((field(i, p, "x")?, field(i, p, "y")?, field(i, p, "value")?)))
            .collect::<Result<Vec<_>>>()?;
        Dataset::from_raw_values(&raw, 0.0, 1)
    } else {
        let raw = points
            .iter()
            .enumerate()
            .map(|(i, p)| Ok(crate::data::RawPoint { x: field(i, p, "x")?, y: field(i, p, "y")?, label: field(i, p, "label")? }))
            .collect::<Result<Vec<_>>>()?;
        Dataset::from_raw(&raw, 0.0, 1)
    }
}

/// The next `window` examples of `stream` not `collected` yet, from `cursor` on (wrapping round
/// the stream, which is finite only because the tab is); moves `cursor` past what it looked at.
pub fn next_window(stream: &[usize], collected: &[bool], cursor: &mut usize, window: usize) -> Vec<usize> {
    let mut ids = Vec::new();
    let mut looked = 0;
    while ids.len() < window && looked < stream.len() {
        let id = stream[*cursor % stream.len()];
        *cursor = (*cursor + 1) % stream.len();
        looked += 1;
        if !collected[id] {
            ids.push(id);
        }
    }
    ids
}

/// Refuses a world the program cannot be judged in: another kind of data, another image size,
/// fewer than two classes or too few examples.
pub(crate) fn check_matches(world: &Dataset, dataset: &Dataset) -> Result<()> {
    let kind = |d: &Dataset| match (d.task(), d.image_size()) {
        (Task::Regression, _) => "points with values".to_string(),
        (_, Some((w, h))) => format!("{w}×{h} images"),
        _ => "labelled points".to_string(),
    };
    if world.len() < 10 {
        return Err(PlaygroundError::InvalidData(format!("a world needs at least 10 examples; this one has {}", world.len())));
    }
    if !dataset.is_empty() && kind(world) != kind(dataset) {
        return Err(PlaygroundError::InvalidData(format!(
            "the world holds {} but the dataset holds {}: deploy into a world of the data's kind",
            kind(world),
            kind(dataset)
        )));
    }
    if world.task() == Task::Classification && world.classes().len() < 2 {
        return Err(PlaygroundError::InvalidData("the world has only one class: there is nothing to tell apart".into()));
    }
    Ok(())
}

/// One example of `world` carrying `target` (a label, or a value for regression), ready to join
/// a dataset of the same kind.
pub fn example_with(world: &World, i: usize, target: Target) -> Examples {
    match (world.examples.examples(), target) {
        (Examples::Points(p), Target::Label(label)) => Examples::Points(vec![Point { label, ..p[i] }]),
        (Examples::Images(im), Target::Label(label)) => Examples::Images(vec![Image { label, ..im[i].clone() }]),
        (Examples::Values(v), Target::Value(value)) => Examples::Values(vec![ValuePoint { value, ..v[i] }]),
        (Examples::Values(v), Target::Label(label)) => Examples::Values(vec![ValuePoint { value: label as f64, ..v[i] }]),
        (Examples::Points(p), Target::Value(_)) => Examples::Points(vec![p[i]]),
        (Examples::Images(im), Target::Value(_)) => Examples::Images(vec![im[i].clone()]),
        (Examples::Words(w), _) => Examples::Words(vec![w[i].clone()]),
        (Examples::Lines(w), _) => Examples::Lines(vec![w[i].clone()]),
    }
}

/// What a labeller gives an example: a class, or a number for regression.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Target {
    /// A class label.
    Label(u8),
    /// A regression value.
    Value(f64),
}

/// `dataset` with world examples `added` (id, label, author) appended, split as `dataset` is.
pub fn extended(dataset: &Dataset, world: &World, added: &[(usize, Target, Origin)]) -> Result<Dataset> {
    let mut examples = dataset.examples().clone();
    let mut origins = dataset.origins().to_vec();
    for (id, target, origin) in added {
        let (id, target) = (*id, *target);
        origins.push(origin.clone());
        match (&mut examples, example_with(world, id, target)) {
            (Examples::Points(a), Examples::Points(b)) => a.extend(b),
            (Examples::Images(a), Examples::Images(b)) => a.extend(b),
            (Examples::Values(a), Examples::Values(b)) => a.extend(b),
            (Examples::Points(a), b) if a.is_empty() => examples = b,
            _ => return Err(PlaygroundError::InvalidData("the world's examples are not of the dataset's kind".into())),
        }
    }
    Dataset::with_examples(examples, dataset.test_fraction(), dataset.split_seed())?.with_origins(origins)
}
