//! The built-in datasets by name: seeded generators for the classic 2D toy problems (each a
//! different lesson in what a network must learn), the regression surfaces, and the 8×8 digits —
//! one [`dataset`] for every caller (the page's presets and the data engine's worlds).

use std::f64::consts::PI;

use serde::{Deserialize, Serialize};

use super::Dataset;
use super::images::parse_digits_csv;
use super::origin::Origin;
use super::points::{Point, ValuePoint};
use super::rng::SeededRng;
use crate::error::{PlaygroundError, Result};

/// The built-in 2D datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// A disc of one class inside a ring of the other: needs a curved boundary.
    Circle,
    /// Opposite quadrants share a class: not linearly separable, the classic XOR.
    Xor,
    /// Two Gaussian blobs: nearly linearly separable, the easy warm-up.
    Gaussian,
    /// Two interleaved spiral arms: hard, needs depth or rich features.
    Spiral,
    /// Two interleaving half-moons.
    Moons,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 5] = [Preset::Circle, Preset::Xor, Preset::Gaussian, Preset::Spiral, Preset::Moons];

    /// Looks a classification preset up by its lower-case name (the error lists every preset,
    /// regression ones included).
    pub fn from_name(name: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name).ok_or_else(|| {
            let names: Vec<_> = Self::ALL.iter().map(|p| p.name()).collect();
            let values: Vec<_> = ValuePreset::ALL.iter().map(|p| p.name()).collect();
            PlaygroundError::InvalidConfig(format!(
                "unknown preset '{name}'; choose one of {} (or, for regression, {})",
                names.join(", "),
                values.join(", ")
            ))
        })
    }

    /// The preset's name as the API and the menu spell it.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Circle => "circle",
            Preset::Xor => "xor",
            Preset::Gaussian => "gaussian",
            Preset::Spiral => "spiral",
            Preset::Moons => "moons",
        }
    }
}

/// How to draw a preset: how many points, how noisy, which random stream.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PresetOptions {
    /// Number of points (split evenly between the classes).
    pub n: usize,
    /// Noise from 0 (clean) to 1 (heavily blurred); scales a Gaussian jitter of the coordinates.
    pub noise: f64,
    /// Seed of the random stream; the same seed gives the same points.
    pub seed: u64,
}

impl Default for PresetOptions {
    fn default() -> Self {
        Self { n: 300, noise: 0.1, seed: 1 }
    }
}

impl PresetOptions {
    /// Checks `n` and `noise`.
    pub fn check(&self) -> Result<()> {
        let Self { n, noise, .. } = *self;
        if n < 2 || n > MAX_PRESET_POINTS {
            return Err(PlaygroundError::InvalidConfig(format!("n = {n} must be between 2 and {MAX_PRESET_POINTS}")));
        }
        if !noise.is_finite() || !(0.0..=1.0).contains(&noise) {
            return Err(PlaygroundError::InvalidConfig(format!("noise = {noise} must be between 0 and 1")));
        }
        Ok(())
    }
}

/// Largest dataset a preset will generate; far beyond what the page draws comfortably.
pub const MAX_PRESET_POINTS: usize = 100_000;

/// Generates a preset's points, deterministic in (preset, options).
pub fn generate(preset: Preset, options: PresetOptions) -> Result<Vec<Point>> {
    let PresetOptions { n, noise, seed } = options;
    options.check()?;
    let mut rng = SeededRng::new(seed);
    let jitter = 0.25 * noise;
    let points = (0..n)
        .map(|i| {
            let label = (i % 2) as u8;
            let (x, y) = match preset {
                Preset::Circle => circle(&mut rng, label),
                Preset::Xor => xor(&mut rng, label),
                Preset::Gaussian => gaussian(&mut rng, label),
                Preset::Spiral => spiral(&mut rng, label, i / 2, n.div_ceil(2)),
                Preset::Moons => moons(&mut rng, label),
            };
            let x = x + jitter * rng.normal();
            let y = y + jitter * rng.normal();
            Point { x: x.clamp(-1.0, 1.0), y: y.clamp(-1.0, 1.0), label }
        })
        .collect();
    Ok(points)
}

fn polar(r: f64, angle: f64) -> (f64, f64) {
    (r * angle.cos(), r * angle.sin())
}

fn circle(rng: &mut SeededRng, label: u8) -> (f64, f64) {
    let r = if label == 0 { rng.range(0.0, 0.4) } else { rng.range(0.65, 0.95) };
    polar(r, rng.range(0.0, 2.0 * PI))
}

fn xor(rng: &mut SeededRng, label: u8) -> (f64, f64) {
    // Keep a small margin around the axes so the clean problem is exactly separable.
    let mut coord = || rng.range(0.05, 0.95) * if rng.uniform() < 0.5 { -1.0 } else { 1.0 };
    let (x, y) = (coord(), coord());
    let same_sign = (x > 0.0) == (y > 0.0);
    if same_sign == (label == 0) { (x, y) } else { (-x, y) }
}

fn gaussian(rng: &mut SeededRng, label: u8) -> (f64, f64) {
    let centre = if label == 0 { 0.45 } else { -0.45 };
    (centre + 0.18 * rng.normal(), centre + 0.18 * rng.normal())
}

fn spiral(rng: &mut SeededRng, label: u8, i: usize, per_class: usize) -> (f64, f64) {
    let t = i as f64 / per_class.max(1) as f64;
    let r = 0.05 + 0.9 * t;
    let angle = 1.75 * 2.0 * PI * t + PI * label as f64;
    let _ = rng; // arms are exact; the shared jitter adds the noise
    polar(r, angle)
}

fn moons(rng: &mut SeededRng, label: u8) -> (f64, f64) {
    let t = rng.range(0.0, PI);
    let (x, y) = if label == 0 { (t.cos(), t.sin()) } else { (1.0 - t.cos(), 0.5 - t.sin()) };
    // The two moons span x in [-1, 2] and y in [-0.5, 1]: centre and scale them into the square.
    ((x - 0.5) / 1.6, (y - 0.25) / 1.6)
}

/// The built-in regression datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuePreset {
    /// sin(πx)·sin(πy): four lobes of alternating sign, the regression cousin of XOR.
    Wave,
    /// One smooth bump on a flat floor: a single hidden unit's worth of shape.
    Hill,
}

impl ValuePreset {
    /// Every regression preset, in menu order.
    pub const ALL: [ValuePreset; 2] = [ValuePreset::Wave, ValuePreset::Hill];

    /// Looks a regression preset up by name (`None` when `name` is not one).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The preset's name as the API and the menu spell it.
    pub fn name(self) -> &'static str {
        match self {
            ValuePreset::Wave => "wave",
            ValuePreset::Hill => "hill",
        }
    }

    /// The noiseless value at `(x, y)`.
    pub fn surface(self, x: f64, y: f64) -> f64 {
        match self {
            ValuePreset::Wave => (PI * x).sin() * (PI * y).sin(),
            ValuePreset::Hill => 2.0 * (-((x - 0.2).powi(2) + (y + 0.1).powi(2)) / 0.18).exp() - 1.0,
        }
    }
}

/// Points spread uniformly over the square, each carrying the surface's value plus Gaussian noise
/// (`noise` 1 means a standard deviation of 0.25); deterministic in (preset, options).
pub fn generate_values(preset: ValuePreset, options: PresetOptions) -> Result<Vec<ValuePoint>> {
    options.check()?;
    let mut rng = SeededRng::new(options.seed);
    Ok((0..options.n)
        .map(|_| {
            let (x, y) = (rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
            let value = preset.surface(x, y) + 0.25 * options.noise * rng.normal();
            ValuePoint { x, y, value }
        })
        .collect())
}

/// How many of the 1,797 built-in digits `loadPreset('digits')` loads unless told otherwise: the
/// other 297 are never in the dataset, so a digits world always has examples the program never saw.
pub const DIGITS_IN_PRESET: usize = 1500;

/// The built-in digits' CSV text (the caller fetches or reads it) and how many of them to take.
#[derive(Debug, Clone, Copy)]
pub struct Digits<'a> {
    /// The CSV text: 64 pixel columns and a label per line.
    pub csv: &'a str,
    /// Take only the first this many (at least 2); all of them when `None`.
    pub first: Option<usize>,
}

/// Checks that `name` is a built-in dataset (the error lists them).
pub fn check_name(name: &str) -> Result<()> {
    if name == "digits" || ValuePreset::from_name(name).is_some() { Ok(()) } else { Preset::from_name(name).map(|_| ()) }
}

/// The preset `name` as a dataset split with `test_fraction`, every example credited to the preset:
/// a classification preset, a regression surface (`wave`, `hill`), or `digits` (which needs `digits`).
pub fn dataset(name: &str, options: PresetOptions, test_fraction: f64, digits: Option<Digits>) -> Result<Dataset> {
    let seed = options.seed;
    let d = if name == "digits" {
        let Digits { csv, first } =
            digits.ok_or_else(|| PlaygroundError::MissingData("the digits preset needs the digits' CSV text".into()))?;
        let mut images = parse_digits_csv(csv)?;
        if let Some(n) = first {
            images.truncate(n.max(2));
        }
        Dataset::from_images(images, test_fraction, seed)?
    } else if let Some(v) = ValuePreset::from_name(name) {
        Dataset::from_values(generate_values(v, options)?, test_fraction, seed)?
    } else {
        Dataset::new(generate(Preset::from_name(name)?, options)?, test_fraction, seed)?
    };
    Ok(d.with_origin(Origin::Preset { name: name.to_string(), seed }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_deterministic_balanced_and_inside_the_square() {
        for preset in Preset::ALL {
            let opts = PresetOptions { n: 200, noise: 0.3, seed: 5 };
            let a = generate(preset, opts).unwrap();
            assert_eq!(a, generate(preset, opts).unwrap(), "{preset:?}");
            assert_ne!(a, generate(preset, PresetOptions { seed: 6, ..opts }).unwrap(), "{preset:?}");
            assert_eq!(a.iter().filter(|p| p.label == 0).count(), 100);
            assert!(a.iter().all(|p| p.x.abs() <= 1.0 && p.y.abs() <= 1.0));
        }
    }

    #[test]
    fn bad_preset_names_and_options_are_rejected() {
        assert!(Preset::from_name("spirals").unwrap_err().to_string().contains("circle, xor"));
        assert!(generate(Preset::Xor, PresetOptions { n: 1, ..Default::default() }).is_err());
        assert!(generate(Preset::Xor, PresetOptions { noise: 2.0, ..Default::default() }).is_err());
        assert!(generate(Preset::Xor, PresetOptions { noise: f64::NAN, ..Default::default() }).is_err());
    }

    #[test]
    fn value_presets_are_deterministic_and_follow_their_surface() {
        for preset in ValuePreset::ALL {
            let clean = PresetOptions { n: 100, noise: 0.0, seed: 3 };
            let a = generate_values(preset, clean).unwrap();
            assert_eq!(a, generate_values(preset, clean).unwrap());
            assert!(a.iter().all(|p| p.x.abs() <= 1.0 && p.y.abs() <= 1.0));
            assert!(a.iter().all(|p| (p.value - preset.surface(p.x, p.y)).abs() < 1e-12));
            let noisy = generate_values(preset, PresetOptions { noise: 1.0, ..clean }).unwrap();
            assert!(noisy.iter().zip(&a).any(|(n, c)| (n.value - c.value).abs() > 0.01), "{preset:?}");
            assert_eq!(ValuePreset::from_name(preset.name()), Some(preset));
        }
        assert!(generate_values(ValuePreset::Wave, PresetOptions { n: 1, ..Default::default() }).is_err());
    }
}
