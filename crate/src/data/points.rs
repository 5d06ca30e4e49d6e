//! 2D point datasets: the "source code" a person paints, checked on the way in and split for honest testing.

use serde::{Deserialize, Serialize};

use super::rng::SeededRng;
use crate::error::{PlaygroundError, Result};

/// Labels run 0..MAX_CLASSES; the page has a colour for each.
pub const MAX_CLASSES: usize = 8;

/// One labelled point in the square [-1, 1]².
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal coordinate in [-1, 1].
    pub x: f64,
    /// Vertical coordinate in [-1, 1] (up is positive).
    pub y: f64,
    /// Class label in 0..8.
    pub label: u8,
}

/// A point as it arrives from outside, before validation (any number may be wrong).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RawPoint {
    /// Untrusted x.
    pub x: f64,
    /// Untrusted y.
    pub y: f64,
    /// Untrusted label; must turn out to be an integer in 0..8.
    pub label: f64,
}

/// Checks one untrusted point; `index` only serves the error message.
pub fn validate_point(index: usize, raw: RawPoint) -> Result<Point> {
    let bad = |what: String| Err(PlaygroundError::InvalidData(format!("point {index}: {what}")));
    for (name, v) in [("x", raw.x), ("y", raw.y)] {
        if !v.is_finite() {
            return bad(format!("{name} is {v}, but coordinates must be finite numbers"));
        }
        if !(-1.0..=1.0).contains(&v) {
            return bad(format!("{name} = {v} lies outside [-1, 1]"));
        }
    }
    let l = raw.label;
    if !l.is_finite() || l.fract() != 0.0 {
        return bad(format!("label {l} is not an integer; labels are whole numbers 0..{}", MAX_CLASSES - 1));
    }
    if l < 0.0 || l >= MAX_CLASSES as f64 {
        return bad(format!("label {l} is outside 0..{}", MAX_CLASSES - 1));
    }
    Ok(Point { x: raw.x, y: raw.y, label: l as u8 })
}

/// A validated dataset with its seeded train/test split.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    points: Vec<Point>,
    test_fraction: f64,
    split_seed: u64,
    is_test: Vec<bool>,
}

impl Dataset {
    /// The empty dataset a fresh playground starts with.
    pub fn empty() -> Self {
        Self { points: Vec::new(), test_fraction: 0.3, split_seed: 0, is_test: Vec::new() }
    }

    /// Validates every point and splits them; any bad point rejects the whole set.
    pub fn from_raw(raw: &[RawPoint], test_fraction: f64, split_seed: u64) -> Result<Self> {
        if raw.is_empty() {
            return Err(PlaygroundError::InvalidData(
                "points is empty: a dataset needs at least one point".into(),
            ));
        }
        let points = raw
            .iter()
            .enumerate()
            .map(|(i, p)| validate_point(i, *p))
            .collect::<Result<Vec<_>>>()?;
        Self::new(points, test_fraction, split_seed)
    }

    /// Builds a dataset from points already known to be valid (presets), still checking the fraction.
    pub fn new(points: Vec<Point>, test_fraction: f64, split_seed: u64) -> Result<Self> {
        if !test_fraction.is_finite() || !(0.0..1.0).contains(&test_fraction) {
            return Err(PlaygroundError::InvalidData(format!(
                "testFraction = {test_fraction} must be at least 0 and below 1"
            )));
        }
        let is_test = split(&points, test_fraction, split_seed);
        Ok(Self { points, test_fraction, split_seed, is_test })
    }

    /// All points, in the order they were given.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// The seed of the train/test split.
    pub fn split_seed(&self) -> u64 {
        self.split_seed
    }

    /// The share of points held out for testing.
    pub fn test_fraction(&self) -> f64 {
        self.test_fraction
    }

    /// Whether point `i` is in the test split.
    pub fn is_test(&self, i: usize) -> bool {
        self.is_test[i]
    }

    /// Points used for training.
    pub fn train_points(&self) -> Vec<Point> {
        self.select(false)
    }

    /// Points held out for testing.
    pub fn test_points(&self) -> Vec<Point> {
        self.select(true)
    }

    fn select(&self, test: bool) -> Vec<Point> {
        self.points.iter().zip(&self.is_test).filter(|(_, t)| **t == test).map(|(p, _)| *p).collect()
    }

    /// The sorted distinct labels present: the classes the softmax runs over.
    pub fn classes(&self) -> Vec<u8> {
        let mut seen = [false; MAX_CLASSES];
        for p in &self.points {
            seen[p.label as usize] = true;
        }
        (0..MAX_CLASSES as u8).filter(|c| seen[*c as usize]).collect()
    }
}

/// Marks exactly round(n · fraction) points as test (keeping at least one for training).
///
/// Points are ranked by a seeded hash of their own content, so adding one point moves at most
/// one other point between the splits: the split stays put while a person edits the data.
fn split(points: &[Point], fraction: f64, seed: u64) -> Vec<bool> {
    let n = points.len();
    let n_test = ((n as f64 * fraction).round() as usize).min(n.saturating_sub(1));
    let mut ranked: Vec<(u64, usize)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let key = p.x.to_bits() ^ p.y.to_bits().rotate_left(21) ^ ((p.label as u64) << 56);
            (SeededRng::new(seed ^ key).next_u64(), i)
        })
        .collect();
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
        assert_eq!(a.test_points().len(), 30);
        assert_eq!(a.train_points().len(), 70);
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
    fn classes_are_the_sorted_labels_present() {
        let d = Dataset::from_raw(&[raw(0.0, 0.0, 5.0), raw(0.1, 0.0, 2.0), raw(0.2, 0.0, 5.0)], 0.0, 0).unwrap();
        assert_eq!(d.classes(), vec![2, 5]);
    }
}
