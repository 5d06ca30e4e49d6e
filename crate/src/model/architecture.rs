//! What shape of network to build: inputs, convolutions (images), hidden widths, outputs.

use super::activation::Activation;
use super::text::TextShape;
use crate::error::{PlaygroundError, Result};

/// What to build: input width, optional convolutional stack (images only), hidden widths, outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Architecture {
    /// Width of the input rows (features, or pixels).
    pub inputs: usize,
    /// `[width, height]` of image inputs; needed for convolutions.
    pub image: Option<[usize; 2]>,
    /// Output channels of each 3×3 convolution (each followed by ReLU and 2×2 max-pooling);
    /// used only with `image`.
    pub conv: Vec<usize>,
    /// Width of each hidden fully connected layer.
    pub hidden: Vec<usize>,
    /// Number of outputs (classes).
    pub outputs: usize,
    /// Non-linearity after each hidden layer.
    pub activation: Activation,
    /// A character-level program's shape, for word lists (the fields above then do not apply).
    pub text: Option<TextShape>,
}

impl Architecture {
    /// The convolution channels actually used (none without an image shape).
    pub fn conv_layers(&self) -> &[usize] {
        if self.image.is_some() { &self.conv } else { &[] }
    }

    /// Width of the first fully connected layer's input: the flattened conv output, or the inputs.
    pub fn dense_inputs(&self) -> usize {
        match (self.image, self.conv_layers().last()) {
            (Some([w, h]), Some(&channels)) => {
                let k = self.conv_layers().len();
                channels * (w >> k) * (h >> k)
            }
            _ => self.inputs,
        }
    }

    /// Checks that every convolution still has pixels to pool.
    pub fn check(&self) -> Result<()> {
        if let (Some([w, h]), k) = (self.image, self.conv_layers().len()) {
            if k > 0 && (w >> k == 0 || h >> k == 0) {
                return Err(PlaygroundError::InvalidConfig(format!(
                    "{k} convolution layers halve {w}×{h} images {k} times, leaving no pixels: use fewer"
                )));
            }
        }
        Ok(())
    }

    /// Every parameter as `(name, shape)`, in the order [`Network::named_params`] lists them.
    pub fn parameter_shapes(&self) -> Vec<(String, Vec<usize>)> {
        if let Some(text) = &self.text {
            return text.parameter_shapes();
        }
        let mut out = Vec::new();
        let mut channels = 1;
        for (i, &c) in self.conv_layers().iter().enumerate() {
            out.push((format!("convs.{i}.weight"), vec![c, channels, 3, 3]));
            out.push((format!("convs.{i}.bias"), vec![c]));
            channels = c;
        }
        let widths: Vec<usize> = std::iter::once(self.dense_inputs()).chain(self.hidden.iter().copied()).chain([self.outputs]).collect();
        for (i, w) in widths.windows(2).enumerate() {
            out.push((format!("layers.{i}.weight"), vec![w[0], w[1]]));
            out.push((format!("layers.{i}.bias"), vec![w[1]]));
        }
        out
    }
}
