//! Small grayscale images (drawn, imported, or the built-in digits), checked on the way in.

use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};

/// Image labels run 0..MAX_IMAGE_CLASSES (ten, so the digits fit).
pub const MAX_IMAGE_CLASSES: usize = 10;

/// Largest side of an image, in pixels.
pub const MAX_SIDE: usize = 64;

/// One labelled image: `width × height` pixels row by row, each in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Pixel intensities, row by row, in [0, 1].
    pub pixels: Vec<f32>,
    /// Pixels per row.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Class label in 0..10.
    pub label: u8,
}

/// An image as it arrives from outside, before validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawImage {
    /// Untrusted pixels.
    pub pixels: Vec<f64>,
    /// Untrusted width.
    pub width: f64,
    /// Untrusted height.
    pub height: f64,
    /// Untrusted label.
    pub label: f64,
}

/// Checks one untrusted image; `index` only serves the error message.
pub fn validate_image(index: usize, raw: &RawImage) -> Result<Image> {
    let bad = |what: String| Err(PlaygroundError::InvalidData(format!("image {index}: {what}")));
    for (name, v) in [("width", raw.width), ("height", raw.height)] {
        if !v.is_finite() || v.fract() != 0.0 || v < 1.0 || v > MAX_SIDE as f64 {
            return bad(format!("{name} = {v} must be a whole number from 1 to {MAX_SIDE}"));
        }
    }
    let (width, height) = (raw.width as usize, raw.height as usize);
    if raw.pixels.len() != width * height {
        return bad(format!("has {} pixels but width × height = {}", raw.pixels.len(), width * height));
    }
    if let Some(i) = raw.pixels.iter().position(|p| !p.is_finite() || !(0.0..=1.0).contains(p)) {
        return bad(format!("pixel {i} = {} must be a number in [0, 1]", raw.pixels[i]));
    }
    let l = raw.label;
    if !l.is_finite() || l.fract() != 0.0 || l < 0.0 || l >= MAX_IMAGE_CLASSES as f64 {
        return bad(format!("label {l} must be a whole number 0..{}", MAX_IMAGE_CLASSES - 1));
    }
    let pixels = raw.pixels.iter().map(|&p| p as f32).collect();
    Ok(Image { pixels, width, height, label: l as u8 })
}

/// Checks that every image has the size of the first (a network takes one input size).
pub fn check_same_size(images: &[Image]) -> Result<()> {
    let Some(first) = images.first() else { return Ok(()) };
    match images.iter().position(|i| (i.width, i.height) != (first.width, first.height)) {
        Some(i) => Err(PlaygroundError::InvalidData(format!(
            "image {i} is {}×{} but image 0 is {}×{}; all images must have one size",
            images[i].width, images[i].height, first.width, first.height
        ))),
        None => Ok(()),
    }
}

/// Parses the built-in digits: lines of 64 pixel counts 0..16 and a class 0..9, no header.
pub fn parse_digits_csv(text: &str) -> Result<Vec<Image>> {
    let bad = |line: usize, m: String| PlaygroundError::InvalidData(format!("digits line {line}: {m}"));
    let mut images = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let values: Vec<u8> = line
            .split(',')
            .map(|v| v.trim().parse::<u8>())
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| bad(i + 1, e.to_string()))?;
        if values.len() != 65 || values[..64].iter().any(|&v| v > 16) || values[64] > 9 {
            return Err(bad(i + 1, format!("expected 64 values 0..16 and a class 0..9, got {} values", values.len())));
        }
        let pixels = values[..64].iter().map(|&v| v as f32 / 16.0).collect();
        images.push(Image { pixels, width: 8, height: 8, label: values[64] });
    }
    Ok(images)
}

/// An image a person imported, as the page decoded it (RGBA bytes, row by row, already fitted
/// onto a `width × height` white canvas), turned into pixels the way the digits are: grey levels
/// (ITU-R 601 luma) in [0, 1], inverted when the picture is mostly light (ink on paper becomes
/// bright strokes on dark, like the built-in digits), rounded to 3 decimals.
pub fn pixels_from_rgba(rgba: &[u8], width: usize, height: usize) -> Result<Vec<f64>> {
    if width == 0 || height == 0 || rgba.len() != width * height * 4 {
        return Err(PlaygroundError::InvalidData(format!(
            "an image of {width}×{height} needs {} RGBA bytes, got {}",
            width * height * 4,
            rgba.len()
        )));
    }
    let grey: Vec<f64> =
        rgba.chunks_exact(4).map(|p| (0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])) / 255.0).collect();
    let light = grey.iter().sum::<f64>() / grey.len() as f64 > 0.5;
    Ok(grey.into_iter().map(|g| ((if light { 1.0 - g } else { g }) * 1000.0).round() / 1000.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pixels: Vec<f64>, w: f64, h: f64, label: f64) -> RawImage {
        RawImage { pixels, width: w, height: h, label }
    }

    #[test]
    fn invalid_images_are_rejected_with_their_index() {
        let cases = [
            (raw(vec![0.5; 3], 2.0, 2.0, 0.0), "3 pixels"),
            (raw(vec![0.5, 1.5, 0.0, 0.0], 2.0, 2.0, 0.0), "pixel 1"),
            (raw(vec![f64::NAN, 0.0, 0.0, 0.0], 2.0, 2.0, 0.0), "pixel 0"),
            (raw(vec![0.5; 4], 2.0, 2.0, 10.0), "label 10"),
            (raw(vec![0.5; 4], 2.5, 2.0, 0.0), "width"),
            (raw(vec![], 0.0, 0.0, 0.0), "width"),
        ];
        for (r, needle) in cases {
            let e = validate_image(4, &r).unwrap_err().to_string();
            assert!(e.contains("image 4") && e.contains(needle), "{e}");
        }
    }

    #[test]
    fn digits_parse_to_8x8_images_scaled_to_unit_range() {
        let line = format!("{},7\n", vec!["16"; 64].join(","));
        let images = parse_digits_csv(&line).unwrap();
        assert_eq!(images.len(), 1);
        assert_eq!((images[0].width, images[0].height, images[0].label), (8, 8, 7));
        assert!(images[0].pixels.iter().all(|&p| p == 1.0));
        assert!(parse_digits_csv("1,2,3\n").unwrap_err().to_string().contains("line 1"));
    }

    #[test]
    fn imported_pictures_become_bright_strokes_on_dark_like_the_digits() {
        // A white picture with one black pixel: inverted, the stroke is 1 and the paper 0.
        let mut rgba = vec![255u8; 2 * 2 * 4];
        rgba[..3].copy_from_slice(&[0, 0, 0]);
        assert_eq!(pixels_from_rgba(&rgba, 2, 2).unwrap(), vec![1.0, 0.0, 0.0, 0.0]);
        // A dark picture keeps its levels: pure red is luma 0.299.
        let dark = [255u8, 0, 0, 255, 0, 0, 0, 255];
        assert_eq!(pixels_from_rgba(&dark, 2, 1).unwrap(), vec![0.299, 0.0]);
        assert!(pixels_from_rgba(&dark, 2, 2).unwrap_err().to_string().contains("needs 16 RGBA bytes, got 8"));
    }
}
