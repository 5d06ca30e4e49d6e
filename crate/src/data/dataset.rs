//! A dataset of points or images with its seeded train/test split: what the network is compiled from.

use super::images::{Image, MAX_IMAGE_CLASSES, RawImage, check_same_size, validate_image};
use super::origin::Origin;
use super::points::{MAX_CLASSES, Point, RawPoint, ValuePoint, validate_point, validate_value_point};
use super::rng::SeededRng;
use super::words::{MAX_LINE_CHARS, MAX_WORD_CHARS, Vocabulary, validate_lines, validate_words, word_key};
use crate::error::{PlaygroundError, Result};

/// The examples themselves: one kind per dataset. Saved as `{ "points": [...] }` (or `images`,
/// `values`) in project files and the engine's record.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Examples {
    /// 2D points, labels 0..8.
    Points(Vec<Point>),
    /// Same-sized images, labels 0..10.
    Images(Vec<Image>),
    /// 2D points carrying values: a regression dataset.
    Values(Vec<ValuePoint>),
    /// Words, 1–32 letters each: a character-level program learns to write more like them.
    Words(Vec<String>),
    /// Lines of text, 1–64 characters each, spaces, digits and punctuation allowed: read like
    /// words, one line a sequence. A prompt corpus (`reverse: plan => nalp`) is one.
    Lines(Vec<String>),
}

impl Examples {
    /// How many examples there are.
    pub fn len(&self) -> usize {
        match self {
            Examples::Points(p) => p.len(),
            Examples::Images(i) => i.len(),
            Examples::Values(v) => v.len(),
            Examples::Words(w) | Examples::Lines(w) => w.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the network learns from a dataset: a class per example, or a number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// Labels; softmax outputs and cross-entropy.
    #[default]
    Classification,
    /// Values; one linear output and mean squared error.
    Regression,
}

/// Largest class over smallest above which a dataset counts as unbalanced: the program leans
/// towards the class it sees most, and the page says so.
pub const UNBALANCED_RATIO: f64 = 3.0;

/// How even a dataset's classes are.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Balance {
    /// Examples of the most common class.
    pub largest: usize,
    /// Examples of the rarest class present.
    pub smallest: usize,
    /// `largest / smallest`.
    pub ratio: f64,
    /// Whether `ratio` is above [`UNBALANCED_RATIO`].
    pub unbalanced: bool,
}

/// A validated dataset with its seeded train/test split.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    examples: Examples,
    test_fraction: f64,
    split_seed: u64,
    is_test: Vec<bool>,
    /// Who wrote each example (see [`super::origin`]).
    origins: Vec<Origin>,
}

impl Dataset {
    /// The empty dataset a fresh playground starts with.
    pub fn empty() -> Self {
        Self { examples: Examples::Points(Vec::new()), test_fraction: 0.3, split_seed: 0, is_test: Vec::new(), origins: Vec::new() }
    }

    /// Validates every point and splits them; any bad point rejects the whole set.
    pub fn from_raw(raw: &[RawPoint], test_fraction: f64, split_seed: u64) -> Result<Self> {
        non_empty(raw.len(), "points")?;
        let points = raw.iter().enumerate().map(|(i, p)| validate_point(i, *p)).collect::<Result<Vec<_>>>()?;
        Self::new(points, test_fraction, split_seed)
    }

    /// Validates every image (all one size) and splits them.
    pub fn from_raw_images(raw: &[RawImage], test_fraction: f64, split_seed: u64) -> Result<Self> {
        non_empty(raw.len(), "images")?;
        let images = raw.iter().enumerate().map(|(i, r)| validate_image(i, r)).collect::<Result<Vec<_>>>()?;
        Self::from_images(images, test_fraction, split_seed)
    }

    /// Validates every `(x, y, value)` and splits them into a regression dataset.
    pub fn from_raw_values(raw: &[(f64, f64, f64)], test_fraction: f64, split_seed: u64) -> Result<Self> {
        non_empty(raw.len(), "points")?;
        let points = raw.iter().enumerate().map(|(i, &(x, y, v))| validate_value_point(i, x, y, v)).collect::<Result<Vec<_>>>()?;
        Self::from_values(points, test_fraction, split_seed)
    }

    /// Validates every word (and the vocabulary they make) and splits them; any bad word rejects
    /// the whole list, naming its index.
    pub fn from_words(words: Vec<String>, test_fraction: f64, split_seed: u64) -> Result<Self> {
        validate_words(&words)?;
        Self::with_examples(Examples::Words(words), test_fraction, split_seed)
    }

    /// Validates every line of text (and the vocabulary they make) and splits them; any bad line
    /// rejects the whole text, naming its index.
    pub fn from_lines(lines: Vec<String>, test_fraction: f64, split_seed: u64) -> Result<Self> {
        validate_lines(&lines)?;
        Self::with_examples(Examples::Lines(lines), test_fraction, split_seed)
    }

    /// Builds a regression dataset from valid value points.
    pub fn from_values(points: Vec<ValuePoint>, test_fraction: f64, split_seed: u64) -> Result<Self> {
        Self::with_examples(Examples::Values(points), test_fraction, split_seed)
    }

    /// Builds a dataset from points already known to be valid (presets), still checking the fraction.
    pub fn new(points: Vec<Point>, test_fraction: f64, split_seed: u64) -> Result<Self> {
        Self::with_examples(Examples::Points(points), test_fraction, split_seed)
    }

    /// Builds a dataset from examples already known to be valid one by one (parsed CSV, a
    /// generator), checking what spans them: images of one size, and the fraction.
    pub fn from_examples(examples: Examples, test_fraction: f64, split_seed: u64) -> Result<Self> {
        match examples {
            Examples::Images(images) => Self::from_images(images, test_fraction, split_seed),
            Examples::Words(words) => Self::from_words(words, test_fraction, split_seed),
            Examples::Lines(lines) => Self::from_lines(lines, test_fraction, split_seed),
            other => Self::with_examples(other, test_fraction, split_seed),
        }
    }

    /// Builds a dataset from valid images of one size.
    pub fn from_images(images: Vec<Image>, test_fraction: f64, split_seed: u64) -> Result<Self> {
        check_same_size(&images)?;
        Self::with_examples(Examples::Images(images), test_fraction, split_seed)
    }

    pub(crate) fn with_examples(examples: Examples, test_fraction: f64, split_seed: u64) -> Result<Self> {
        if !test_fraction.is_finite() || !(0.0..1.0).contains(&test_fraction) {
            return Err(PlaygroundError::InvalidData(format!("testFraction = {test_fraction} must be at least 0 and below 1")));
        }
        let keys: Vec<u64> = match &examples {
            Examples::Points(p) => p.iter().map(point_key).collect(),
            Examples::Images(i) => i.iter().map(image_key).collect(),
            Examples::Values(v) => v.iter().map(value_key).collect(),
            Examples::Words(w) | Examples::Lines(w) => w.iter().map(|w| word_key(w)).collect(),
        };
        let is_test = split(&keys, test_fraction, split_seed);
        let origins = vec![Origin::Unknown; keys.len()];
        Ok(Self { examples, test_fraction, split_seed, is_test, origins })
    }

    /// Who wrote each example, in order.
    pub fn origins(&self) -> &[Origin] {
        &self.origins
    }

    /// The same examples credited to `origins`, one per example.
    pub fn with_origins(mut self, origins: Vec<Origin>) -> Result<Self> {
        if origins.len() != self.len() {
            return Err(PlaygroundError::InvalidData(format!("{} origins for {} examples", origins.len(), self.len())));
        }
        self.origins = origins;
        Ok(self)
    }

    /// The same examples, all credited to `origin`.
    pub fn with_origin(mut self, origin: Origin) -> Self {
        self.origins = vec![origin; self.len()];
        self
    }

    /// The examples at `indices` (in that order) as a dataset of their own, split anew with
    /// `test_fraction` and this dataset's split seed: the training folds of a k-fold check, or a
    /// world's sample.
    pub fn subset(&self, indices: &[usize], test_fraction: f64) -> Result<Self> {
        let pick = |n: usize| {
            indices
                .iter()
                .find(|&&i| i >= n)
                .map_or(Ok(()), |&i| Err(PlaygroundError::InvalidData(format!("example {i} does not exist: the dataset has {n} examples"))))
        };
        pick(self.len())?;
        let examples = match &self.examples {
            Examples::Points(p) => Examples::Points(indices.iter().map(|&i| p[i]).collect()),
            Examples::Images(im) => Examples::Images(indices.iter().map(|&i| im[i].clone()).collect()),
            Examples::Values(v) => Examples::Values(indices.iter().map(|&i| v[i]).collect()),
            Examples::Words(w) => Examples::Words(indices.iter().map(|&i| w[i].clone()).collect()),
            Examples::Lines(w) => Examples::Lines(indices.iter().map(|&i| w[i].clone()).collect()),
        };
        Self::with_examples(examples, test_fraction, self.split_seed)?
            .with_origins(indices.iter().map(|&i| self.origins[i].clone()).collect())
    }

    /// The examples, points or images.
    pub fn examples(&self) -> &Examples {
        &self.examples
    }

    /// The labelled points, in the order given (empty for images or values).
    pub fn points(&self) -> &[Point] {
        match &self.examples {
            Examples::Points(p) => p,
            _ => &[],
        }
    }

    /// The images, in the order given (empty for a point dataset).
    pub fn images(&self) -> &[Image] {
        match &self.examples {
            Examples::Images(i) => i,
            _ => &[],
        }
    }

    /// The value points of a regression dataset, in the order given (empty otherwise).
    pub fn value_points(&self) -> &[ValuePoint] {
        match &self.examples {
            Examples::Values(v) => v,
            _ => &[],
        }
    }

    /// The words of a word list or the lines of a text, in the order given (empty otherwise).
    pub fn words(&self) -> &[String] {
        match &self.examples {
            Examples::Words(w) | Examples::Lines(w) => w,
            _ => &[],
        }
    }

    /// Characters in the longest word (0 unless this is a word list).
    pub fn longest_word(&self) -> usize {
        self.words().iter().map(|w| w.chars().count()).max().unwrap_or(0)
    }

    /// Whether this is a word list or lines of text (a character-level program's data).
    pub fn is_words(&self) -> bool {
        matches!(self.examples, Examples::Words(_) | Examples::Lines(_))
    }

    /// Whether this is lines of text rather than words.
    pub fn is_lines(&self) -> bool {
        matches!(self.examples, Examples::Lines(_))
    }

    /// The most characters one sequence of this kind may hold: a word's 32 or a line's 64.
    pub fn max_chars(&self) -> usize {
        if self.is_lines() { MAX_LINE_CHARS } else { MAX_WORD_CHARS }
    }

    /// The characters the words use, behind the end token (`None` unless this is a word list).
    pub fn vocabulary(&self) -> Option<Vocabulary> {
        self.is_words().then(|| Vocabulary::of(self.words().iter().map(String::as_str)))
    }

    /// The `(x, y)` of every 2D example, labelled or valued, in order (empty for images).
    pub fn coordinates(&self) -> Vec<(f64, f64)> {
        match &self.examples {
            Examples::Points(p) => p.iter().map(|p| (p.x, p.y)).collect(),
            Examples::Values(v) => v.iter().map(|p| (p.x, p.y)).collect(),
            Examples::Images(_) | Examples::Words(_) | Examples::Lines(_) => Vec::new(),
        }
    }

    /// Whether the network learns classes or values from this dataset.
    pub fn task(&self) -> Task {
        match &self.examples {
            Examples::Values(_) => Task::Regression,
            _ => Task::Classification,
        }
    }

    /// `[min, max]` of the values of a regression dataset (`None` otherwise or when empty).
    pub fn value_range(&self) -> Option<[f64; 2]> {
        let v = self.value_points();
        (!v.is_empty()).then(|| v.iter().fold([f64::INFINITY, f64::NEG_INFINITY], |[lo, hi], p| [lo.min(p.value), hi.max(p.value)]))
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.is_test.len()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.is_test.is_empty()
    }

    /// `Some((width, height))` for an image dataset.
    pub fn image_size(&self) -> Option<(usize, usize)> {
        self.images().first().map(|i| (i.width, i.height))
    }

    /// Every example's label, in order (empty for a regression dataset or a word list, which
    /// have none).
    pub fn labels(&self) -> Vec<u8> {
        match &self.examples {
            Examples::Points(p) => p.iter().map(|p| p.label).collect(),
            Examples::Images(i) => i.iter().map(|i| i.label).collect(),
            Examples::Values(_) | Examples::Words(_) | Examples::Lines(_) => Vec::new(),
        }
    }

    /// The seed of the train/test split.
    pub fn split_seed(&self) -> u64 {
        self.split_seed
    }

    /// The share of examples held out for testing.
    pub fn test_fraction(&self) -> f64 {
        self.test_fraction
    }

    /// Whether example `i` is in the test split.
    pub fn is_test(&self, i: usize) -> bool {
        self.is_test[i]
    }

    /// Indices of the examples of one split, in order.
    pub fn split_indices(&self, test: bool) -> Vec<usize> {
        (0..self.len()).filter(|&i| self.is_test[i] == test).collect()
    }

    /// The sorted distinct labels present: the classes the softmax runs over (for a word list,
    /// every token of its vocabulary).
    pub fn classes(&self) -> Vec<u8> {
        if let Some(vocab) = self.vocabulary() {
            return (0..vocab.len() as u8).collect();
        }
        const SLOTS: usize = if MAX_IMAGE_CLASSES > MAX_CLASSES { MAX_IMAGE_CLASSES } else { MAX_CLASSES };
        let mut seen = [false; SLOTS];
        for l in self.labels() {
            seen[l as usize] = true;
        }
        (0..seen.len() as u8).filter(|c| seen[*c as usize]).collect()
    }
}

/// How many examples of one class there are, in each split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ClassCount {
    /// The class label.
    pub label: u8,
    /// Training examples of this class.
    pub train: usize,
    /// Test examples of this class.
    pub test: usize,
}

impl Dataset {
    /// How even the classes are: `None` with fewer than two classes (or for regression).
    pub fn balance(&self) -> Option<Balance> {
        let totals: Vec<usize> = self.class_counts().iter().map(|c| c.train + c.test).collect();
        if totals.len() < 2 {
            return None;
        }
        let (largest, smallest) = (*totals.iter().max()?, *totals.iter().min()?);
        let ratio = largest as f64 / smallest.max(1) as f64;
        Some(Balance { largest, smallest, ratio, unbalanced: ratio > UNBALANCED_RATIO })
    }

    /// Examples per class and split, in label order: the dataset's balance.
    pub fn class_counts(&self) -> Vec<ClassCount> {
        if self.is_words() {
            return Vec::new();
        }
        let labels = self.labels();
        self.classes()
            .into_iter()
            .map(|label| {
                let (mut train, mut test) = (0, 0);
                for (i, _) in labels.iter().enumerate().filter(|(_, l)| **l == label) {
                    if self.is_test(i) { test += 1 } else { train += 1 }
                }
                ClassCount { label, train, test }
            })
            .collect()
    }
}

fn non_empty(n: usize, what: &str) -> Result<()> {
    if n == 0 {
        return Err(PlaygroundError::InvalidData(format!("{what} is empty: a dataset needs at least one example")));
    }
    Ok(())
}

fn point_key(p: &Point) -> u64 {
    p.x.to_bits() ^ p.y.to_bits().rotate_left(21) ^ ((p.label as u64) << 56)
}

fn value_key(p: &ValuePoint) -> u64 {
    p.x.to_bits() ^ p.y.to_bits().rotate_left(21) ^ p.value.to_bits().rotate_left(42)
}

fn image_key(img: &Image) -> u64 {
    img.pixels.iter().fold(img.label as u64, |h, p| (h ^ p.to_bits() as u64).wrapping_mul(0x0100_0000_01B3))
}

/// Marks exactly round(n · fraction) examples as test (keeping at least one for training).
///
/// Examples are ranked by a seeded hash of their own content, so adding one moves at most one
/// other example between the splits: the split stays put while a person edits the data.
fn split(keys: &[u64], fraction: f64, seed: u64) -> Vec<bool> {
    let n = keys.len();
    let n_test = ((n as f64 * fraction).round() as usize).min(n.saturating_sub(1));
    let mut ranked: Vec<(u64, usize)> = keys.iter().enumerate().map(|(i, k)| (SeededRng::new(seed ^ k).next_u64(), i)).collect();
    ranked.sort_unstable();
    let mut is_test = vec![false; n];
    for &(_, i) in ranked.iter().take(n_test) {
        is_test[i] = true;
    }
    is_test
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(x: f64, y: f64, label: f64) -> RawPoint {
        RawPoint { x, y, label }
    }

    #[test]
    fn class_counts_split_by_train_and_test() {
        let points = [raw(0.1, 0.1, 0.0), raw(0.2, 0.2, 0.0), raw(0.3, 0.3, 2.0), raw(0.4, 0.4, 0.0)];
        let d = Dataset::from_raw(&points, 0.25, 1).unwrap();
        let counts = d.class_counts();
        assert_eq!(counts.iter().map(|c| (c.label, c.train + c.test)).collect::<Vec<_>>(), [(0, 3), (2, 1)]);
        assert_eq!(counts.iter().map(|c| c.test).sum::<usize>(), 1);
    }

    #[test]
    fn every_invalid_point_is_rejected_with_its_index() {
        let good = raw(0.1, 0.2, 1.0);
        let cases = [
            (raw(f64::NAN, 0.0, 0.0), "finite", "x is NaN"),
            (raw(0.0, f64::INFINITY, 0.0), "finite", "y is inf"),
            (raw(1.5, 0.0, 0.0), "outside", "x = 1.5"),
            (raw(0.0, -1.01, 0.0), "outside", "y = -1.01"),
            (raw(0.0, 0.0, 8.0), "outside 0..7", "label 8"),
            (raw(0.0, 0.0, -1.0), "outside 0..7", "label -1"),
            (raw(0.0, 0.0, 1.5), "not an integer", "label 1.5"),
        ];
        for (bad, needle, what) in cases {
            let err = Dataset::from_raw(&[good, good, bad], 0.3, 1).unwrap_err().to_string();
            assert!(err.contains("point 2"), "{what}: {err}");
            assert!(err.contains(needle), "{what}: {err}");
        }
    }

    #[test]
    fn empty_points_and_bad_fractions_are_rejected() {
        assert!(Dataset::from_raw(&[], 0.3, 1).unwrap_err().to_string().contains("empty"));
        for f in [-0.1, 1.0, f64::NAN] {
            assert!(Dataset::from_raw(&[raw(0.0, 0.0, 0.0)], f, 1).is_err(), "{f}");
        }
    }

    #[test]
    fn split_holds_out_the_chosen_fraction_and_depends_on_the_seed() {
        let pts: Vec<RawPoint> = (0..100).map(|i| raw(i as f64 / 100.0, 0.0, (i % 3) as f64)).collect();
        let a = Dataset::from_raw(&pts, 0.3, 1).unwrap();
        let b = Dataset::from_raw(&pts, 0.3, 1).unwrap();
        let c = Dataset::from_raw(&pts, 0.3, 2).unwrap();
        assert_eq!(a.split_indices(true).len(), 30);
        assert_eq!(a.split_indices(false).len(), 70);
        assert_eq!(a, b);
        assert_ne!(a.is_test, c.is_test);
    }

    #[test]
    fn adding_a_point_moves_at_most_one_other_point_between_splits() {
        let mut pts: Vec<RawPoint> = (0..50).map(|i| raw(i as f64 / 50.0, 0.5, 0.0)).collect();
        let before = Dataset::from_raw(&pts, 0.3, 9).unwrap();
        pts.push(raw(-0.5, -0.5, 1.0));
        let after = Dataset::from_raw(&pts, 0.3, 9).unwrap();
        let moved = (0..50).filter(|&i| before.is_test(i) != after.is_test(i)).count();
        assert!(moved <= 1, "{moved} points moved");
    }

    #[test]
    fn value_points_make_a_regression_dataset_and_bad_values_are_named() {
        let d = Dataset::from_raw_values(&[(0.0, 0.0, 2.5), (0.5, 0.5, -1.0), (0.1, 0.2, 0.0)], 0.3, 1).unwrap();
        assert_eq!(d.task(), Task::Regression);
        assert_eq!(d.value_range(), Some([-1.0, 2.5]));
        assert!(d.classes().is_empty() && d.class_counts().is_empty());
        assert_eq!(d.split_indices(true).len(), 1);
        for (bad, needle) in [((0.0, 0.0, f64::NAN), "value NaN"), ((0.0, 2.0, 1.0), "y = 2"), ((0.0, 0.0, 1e7), "value 10000000")] {
            let err = Dataset::from_raw_values(&[(0.0, 0.0, 1.0), bad], 0.3, 1).unwrap_err().to_string();
            assert!(err.contains("point 1") && err.contains(needle), "{err}");
        }
    }

    #[test]
    fn classes_are_the_sorted_labels_present() {
        let d = Dataset::from_raw(&[raw(0.0, 0.0, 5.0), raw(0.1, 0.0, 2.0), raw(0.2, 0.0, 5.0)], 0.0, 0).unwrap();
        assert_eq!(d.classes(), vec![2, 5]);
    }
}
