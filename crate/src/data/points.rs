//! 2D points: the "source code" a person paints, checked one by one on the way in.

use serde::{Deserialize, Serialize};

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

/// Largest |value| a regression point may carry: far beyond what a person paints, small enough
/// that squared errors stay finite in 32-bit floats.
pub const MAX_ABS_VALUE: f64 = 1e6;

/// One point carrying a number to fit (regression) in the square [-1, 1]².
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ValuePoint {
    /// Horizontal coordinate in [-1, 1].
    pub x: f64,
    /// Vertical coordinate in [-1, 1] (up is positive).
    pub y: f64,
    /// The target value, finite, |value| ≤ [`MAX_ABS_VALUE`].
    pub value: f64,
}

fn check_coordinates(index: usize, x: f64, y: f64) -> Result<()> {
    for (name, v) in [("x", x), ("y", y)] {
        if !v.is_finite() {
            return Err(PlaygroundError::InvalidData(format!("point {index}: {name} is {v}, but coordinates must be finite numbers")));
        }
        if !(-1.0..=1.0).contains(&v) {
            return Err(PlaygroundError::InvalidData(format!("point {index}: {name} = {v} lies outside [-1, 1]")));
        }
    }
    Ok(())
}

/// Checks one untrusted regression point; `index` only serves the error message.
pub fn validate_value_point(index: usize, x: f64, y: f64, value: f64) -> Result<ValuePoint> {
    check_coordinates(index, x, y)?;
    if !value.is_finite() || value.abs() > MAX_ABS_VALUE {
        return Err(PlaygroundError::InvalidData(format!(
            "point {index}: value {value} must be a finite number between -{MAX_ABS_VALUE:e} and {MAX_ABS_VALUE:e}"
        )));
    }
    Ok(ValuePoint { x, y, value })
}

/// Checks one untrusted point; `index` only serves the error message.
pub fn validate_point(index: usize, raw: RawPoint) -> Result<Point> {
    let bad = |what: String| Err(PlaygroundError::InvalidData(format!("point {index}: {what}")));
    check_coordinates(index, raw.x, raw.y)?;
    let l = raw.label;
    if !l.is_finite() || l.fract() != 0.0 {
        return bad(format!("label {l} is not an integer; labels are whole numbers 0..{}", MAX_CLASSES - 1));
    }
    if l < 0.0 || l >= MAX_CLASSES as f64 {
        return bad(format!("label {l} is outside 0..{}", MAX_CLASSES - 1));
    }
    Ok(Point { x: raw.x, y: raw.y, label: l as u8 })
}
