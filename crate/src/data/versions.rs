//! Versions of the dataset, like commits: a content hash that names what a model was trained on,
//! commits with messages, checkout, and diffs that match examples by their features.

use std::collections::HashMap;

use serde::Serialize;

use super::rng::SeededRng;
use super::{Dataset, Examples, Image, Point, ValuePoint};
use crate::error::{PlaygroundError, Result};

/// The features of one example, bit for bit: what "the same example" means in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FeatureKey {
    Point(u64, u64),
    Image(usize, usize, Vec<u32>),
    /// A point of a regression dataset: never the same example as a labelled point.
    ValuePoint(u64, u64),
    /// A word of a word list.
    Word(String),
}

/// What an example should produce: its label, or its value (regression).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Target {
    /// A class label.
    Label(u8),
    /// A regression value.
    Value(f64),
}

impl Target {
    fn bits(self) -> u64 {
        match self {
            Target::Label(l) => l as u64,
            Target::Value(v) => v.to_bits(),
        }
    }
}

fn keys(d: &Dataset) -> Vec<(FeatureKey, Target)> {
    match d.examples() {
        Examples::Points(p) => p.iter().map(|p| (FeatureKey::Point(p.x.to_bits(), p.y.to_bits()), Target::Label(p.label))).collect(),
        Examples::Images(i) => i
            .iter()
            .map(|i| {
                let pixels = i.pixels.iter().map(|v| v.to_bits()).collect();
                (FeatureKey::Image(i.width, i.height, pixels), Target::Label(i.label))
            })
            .collect(),
        Examples::Values(v) => v.iter().map(|p| (FeatureKey::ValuePoint(p.x.to_bits(), p.y.to_bits()), Target::Value(p.value))).collect(),
        Examples::Words(w) | Examples::Lines(w) => w.iter().map(|w| (FeatureKey::Word(w.clone()), Target::Label(0))).collect(),
    }
}

/// A hash of the dataset's examples (features and labels or values) that ignores their order: two datasets
/// with the same examples have the same hash. 16 hex digits.
pub fn content_hash(d: &Dataset) -> String {
    let mut per_example: Vec<u64> = keys(d)
        .iter()
        .map(|(key, target)| {
            let words: Vec<u64> = match key {
                FeatureKey::Point(x, y) => vec![1, *x, *y],
                FeatureKey::Image(w, h, px) => [2, *w as u64, *h as u64].into_iter().chain(px.iter().map(|&p| p as u64)).collect(),
                FeatureKey::ValuePoint(x, y) => vec![3, *x, *y],
                FeatureKey::Word(w) => [4].into_iter().chain(w.chars().map(u64::from)).collect(),
            };
            words.iter().chain([&target.bits()]).fold(0x5157_0_u64, |h, &w| SeededRng::new(h ^ w).next_u64())
        })
        .collect();
    per_example.sort_unstable();
    let h = per_example.iter().fold(per_example.len() as u64, |h, &e| SeededRng::new(h ^ e).next_u64());
    format!("{h:016x}")
}

/// One committed dataset.
#[derive(Debug, Clone)]
pub struct Version {
    /// Short unique name, e.g. `v2-3fa9c1d0`.
    pub id: String,
    /// What the person said about it.
    pub message: String,
    /// [`content_hash`] of the dataset.
    pub hash: String,
    /// The dataset itself, split included.
    pub dataset: Dataset,
}

/// The list of commits, oldest first.
#[derive(Debug, Default)]
pub struct Versions {
    list: Vec<Version>,
}

impl Versions {
    /// The list of versions as a project file brings them (ids and hashes already checked).
    pub fn from_list(list: Vec<Version>) -> Self {
        Self { list }
    }

    /// Commits `dataset` with `message`; returns the new version's id.
    pub fn commit(&mut self, dataset: &Dataset, message: &str) -> Result<String> {
        let message = message.trim();
        if message.is_empty() {
            return Err(PlaygroundError::InvalidData("a commit needs a message: say what changed in the data".into()));
        }
        if dataset.is_empty() {
            return Err(PlaygroundError::MissingData("there is no data to commit".into()));
        }
        let hash = content_hash(dataset);
        let id = format!("v{}-{}", self.list.len() + 1, &hash[..8]);
        self.list.push(Version { id: id.clone(), message: message.to_string(), hash, dataset: dataset.clone() });
        Ok(id)
    }

    /// Every version, oldest first.
    pub fn list(&self) -> &[Version] {
        &self.list
    }

    /// The version named `id`.
    pub fn get(&self, id: &str) -> Result<&Version> {
        self.list.iter().find(|v| v.id == id).ok_or_else(|| {
            let known: Vec<&str> = self.list.iter().map(|v| v.id.as_str()).collect();
            PlaygroundError::InvalidData(if known.is_empty() {
                format!("there is no version '{id}': nothing has been committed yet")
            } else {
                format!("there is no version '{id}'; the versions are {}", known.join(", "))
            })
        })
    }
}

/// One example as a diff shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DiffExample {
    /// A 2D point.
    Point(Point),
    /// An image.
    Image(Image),
    /// A point carrying a value.
    Value(ValuePoint),
    /// A word.
    Word(String),
}

/// An example whose features stayed and whose label (or value) changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relabel {
    /// The example with its new label or value.
    #[serde(flatten)]
    pub example: DiffExample,
    /// The label (or value) it had.
    pub from: Target,
    /// The label (or value) it has now (also its `label` or `value`).
    pub to: Target,
}

/// What changed from one dataset to another.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Examples only in the newer dataset.
    pub added: Vec<DiffExample>,
    /// Examples only in the older dataset.
    pub removed: Vec<DiffExample>,
    /// Same features, new label (or value).
    pub relabelled: Vec<Relabel>,
}

fn example(d: &Dataset, i: usize) -> DiffExample {
    match d.examples() {
        Examples::Points(p) => DiffExample::Point(p[i]),
        Examples::Images(im) => DiffExample::Image(im[i].clone()),
        Examples::Values(v) => DiffExample::Value(v[i]),
        Examples::Words(w) | Examples::Lines(w) => DiffExample::Word(w[i].clone()),
    }
}

/// Diffs `a` (older) against `b` (newer). Examples match by features: identical features and label
/// (or value) are unchanged, identical features with another label (value) are a relabel, the rest
/// added or removed. Labelled and valued points never match each other.
/// Duplicates count as many times as they occur.
pub fn diff(a: &Dataset, b: &Dataset) -> Diff {
    let (ka, kb) = (keys(a), keys(b));
    // Unmatched examples of `a`, by features then label.
    let mut open: HashMap<&FeatureKey, Vec<(Target, usize)>> = HashMap::new();
    for (i, (key, label)) in ka.iter().enumerate() {
        open.entry(key).or_default().push((*label, i));
    }
    let mut unmatched_b = Vec::new();
    for (j, (key, label)) in kb.iter().enumerate() {
        let slot = open.get_mut(key).and_then(|v| v.iter().position(|(l, _)| l == label).map(|p| (v, p)));
        match slot {
            Some((v, p)) => {
                v.swap_remove(p);
            }
            None => unmatched_b.push(j),
        }
    }
    let mut out = Diff::default();
    for j in unmatched_b {
        let (key, label) = &kb[j];
        match open.get_mut(key).and_then(|v| v.pop()) {
            Some((from, _)) => out.relabelled.push(Relabel { example: example(b, j), from, to: *label }),
            None => out.added.push(example(b, j)),
        }
    }
    let mut removed: Vec<usize> = open.into_values().flatten().map(|(_, i)| i).collect();
    removed.sort_unstable();
    out.removed = removed.into_iter().map(|i| example(a, i)).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(points: &[(f64, f64, u8)]) -> Dataset {
        Dataset::new(points.iter().map(|&(x, y, label)| Point { x, y, label }).collect(), 0.0, 0).unwrap()
    }

    #[test]
    fn the_hash_ignores_order_and_sees_labels() {
        let a = ds(&[(0.1, 0.2, 0), (0.3, 0.4, 1)]);
        assert_eq!(content_hash(&a), content_hash(&ds(&[(0.3, 0.4, 1), (0.1, 0.2, 0)])));
        assert_ne!(content_hash(&a), content_hash(&ds(&[(0.1, 0.2, 1), (0.3, 0.4, 1)])));
        assert_ne!(content_hash(&a), content_hash(&ds(&[(0.1, 0.2, 0)])));
        assert_eq!(content_hash(&a).len(), 16);
    }

    #[test]
    fn a_diff_tells_added_removed_and_relabelled_apart() {
        let a = ds(&[(0.1, 0.1, 0), (0.2, 0.2, 0), (0.3, 0.3, 1), (0.4, 0.4, 1)]);
        let b = ds(&[(0.4, 0.4, 1), (0.2, 0.2, 1), (0.5, 0.5, 2), (0.1, 0.1, 0)]);
        let d = diff(&a, &b);
        assert_eq!(d.added, vec![DiffExample::Point(Point { x: 0.5, y: 0.5, label: 2 })]);
        assert_eq!(d.removed, vec![DiffExample::Point(Point { x: 0.3, y: 0.3, label: 1 })]);
        assert_eq!(d.relabelled.len(), 1);
        assert_eq!((d.relabelled[0].from, d.relabelled[0].to), (Target::Label(0), Target::Label(1)));
        assert_eq!(diff(&a, &a), Diff::default());
    }

    #[test]
    fn a_changed_value_is_a_relabel_and_values_never_match_labels() {
        let v = |pts: &[(f64, f64, f64)]| Dataset::from_raw_values(pts, 0.0, 0).unwrap();
        let a = v(&[(0.1, 0.1, 0.5), (0.2, 0.2, -1.0)]);
        let b = v(&[(0.1, 0.1, 0.5), (0.2, 0.2, 0.25), (0.3, 0.3, 1.0)]);
        let d = diff(&a, &b);
        assert_eq!((d.added.len(), d.removed.len()), (1, 0));
        assert_eq!((d.relabelled[0].from, d.relabelled[0].to), (Target::Value(-1.0), Target::Value(0.25)));
        assert_ne!(content_hash(&a), content_hash(&b));
        let labelled = ds(&[(0.1, 0.1, 0)]);
        let valued = v(&[(0.1, 0.1, 0.0)]);
        assert_ne!(content_hash(&labelled), content_hash(&valued));
        assert_eq!((diff(&labelled, &valued).added.len(), diff(&labelled, &valued).removed.len()), (1, 1));
    }

    #[test]
    fn duplicates_count_as_often_as_they_occur() {
        let a = ds(&[(0.1, 0.1, 0), (0.1, 0.1, 0)]);
        let b = ds(&[(0.1, 0.1, 0), (0.1, 0.1, 1), (0.1, 0.1, 1)]);
        let d = diff(&a, &b);
        assert_eq!((d.added.len(), d.removed.len(), d.relabelled.len()), (1, 0, 1));
    }

    #[test]
    fn commits_need_a_message_and_unknown_ids_are_named() {
        let mut v = Versions::default();
        let a = ds(&[(0.1, 0.1, 0)]);
        assert!(v.commit(&a, "  ").is_err());
        let id = v.commit(&a, "first").unwrap();
        assert!(id.starts_with("v1-"));
        assert_eq!(v.get(&id).unwrap().dataset, a);
        let err = v.get("v9").unwrap_err().to_string();
        assert!(err.contains(&id), "{err}");
    }
}
