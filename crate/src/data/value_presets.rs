//! Seeded generators for regression: surfaces over the square whose value a network learns to
//! reproduce, shown as colour.

use std::f64::consts::PI;

use super::points::ValuePoint;
use super::presets::PresetOptions;
use super::rng::SeededRng;
use crate::error::Result;

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

#[cfg(test)]
mod tests {
    use super::*;

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
