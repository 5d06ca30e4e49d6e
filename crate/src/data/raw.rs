//! Examples as they arrive from outside (the page's `setData`, a slice reference): not yet
//! checked. [`RawExamples::dataset`] is the one way in, through each kind's validation.

use super::{Dataset, RawImage, RawPoint};
use crate::error::Result;

/// Untrusted examples, one kind per list.
pub enum RawExamples {
    /// `{ points: [{ x, y, label }] }`.
    Points(Vec<RawPoint>),
    /// `{ images: [{ pixels, width, height, label }] }`.
    Images(Vec<RawImage>),
    /// `{ points: [{ x, y, value }] }`: regression.
    Values(Vec<(f64, f64, f64)>),
    /// `{ words: ['emma', ...] }`: a word list.
    Words(Vec<String>),
    /// `{ lines: ['reverse: plan => nalp', ...] }`: lines of text.
    Lines(Vec<String>),
}

impl RawExamples {
    /// The examples checked and split with `test_fraction` and `seed`.
    pub fn dataset(&self, test_fraction: f64, seed: u64) -> Result<Dataset> {
        match self {
            RawExamples::Points(p) => Dataset::from_raw(p, test_fraction, seed),
            RawExamples::Images(i) => Dataset::from_raw_images(i, test_fraction, seed),
            RawExamples::Values(v) => Dataset::from_raw_values(v, test_fraction, seed),
            RawExamples::Words(w) => Dataset::from_words(w.clone(), test_fraction, seed),
            RawExamples::Lines(w) => Dataset::from_lines(w.clone(), test_fraction, seed),
        }
    }
}
