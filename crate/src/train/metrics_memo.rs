//! The last evaluation of a text program, remembered with a fingerprint of what it measured — the
//! weights, the data and its split — so that evaluating the same program on the same data again
//! costs a hash instead of a pass over the whole corpus. A prompt model's 16,000 lines take the
//! tab some 40 s to evaluate; after a project opens every panel asks for the metrics at once, and
//! an answer typed meanwhile would wait behind them. Project files keep the memo, so a shipped
//! model opens with its metrics.

use burn::prelude::*;

use super::evaluate::read_floats;
use crate::data::versions::content_hash;
use crate::error::Result;
use crate::model::Network;

/// An evaluation and the fingerprint of what it evaluated.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricsMemo {
    /// [`fingerprint`] of the weights, the data and the split evaluated.
    pub fingerprint: String,
    /// Mean loss on the training split.
    pub train_loss: f64,
    /// Mean loss on the test split.
    pub test_loss: Option<f64>,
    /// Share of the training split right.
    pub train_accuracy: Option<f64>,
    /// Share of the test split right.
    pub test_accuracy: Option<f64>,
}

/// FNV-1a over every weight's bits, the data's content hash and its split: equal exactly when the
/// same program would be evaluated on the same examples.
pub async fn fingerprint(model: &Network, data: &crate::data::Dataset) -> Result<String> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (name, values) in model.named_params() {
        mix(name.as_bytes());
        for v in read_floats(values).await? {
            mix(&(v as f32).to_bits().to_le_bytes());
        }
    }
    mix(content_hash(data).as_bytes());
    mix(&data.test_fraction().to_bits().to_le_bytes());
    mix(&data.split_seed().to_le_bytes());
    Ok(format!("{h:016x}"))
}

/// Reads the one-element peak-loss tensor, if any.
pub async fn read_peak(peak: Option<Tensor<1>>) -> Result<Option<f64>> {
    match peak {
        Some(p) => Ok(read_floats(p).await?.first().copied()),
        None => Ok(None),
    }
}
