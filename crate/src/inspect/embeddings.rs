//! A word program's character embeddings, the lecture's plot: each character at its place, the
//! vectors projected to 2D (principal components, computed here) when wider than 2.

use serde::Serialize;

use crate::data::Dataset;
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// Every token's embedding and its place on a 2D map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Embeddings {
    /// The tokens in order, `"."` (the end of a word) first.
    pub chars: Vec<String>,
    /// Width of each embedding.
    pub dims: usize,
    /// Each token's embedding, one row per token.
    pub values: Vec<Vec<f64>>,
    /// Each token's `[x, y]`: the embedding itself when 2 wide, else its first two principal
    /// components (centred), 0 for a missing component when 1 wide.
    pub projection: Vec<[f64; 2]>,
}

/// The embeddings of the word program now, or at a past `step` of the timeline.
pub async fn embeddings(program: &Program<'_>, data: &Dataset, step: Option<u64>) -> Result<Embeddings> {
    let not_words = || PlaygroundError::InvalidConfig("embeddings belong to programs that write words: load a word list first".into());
    let vocab = data.vocabulary().ok_or_else(not_words)?;
    let table = match program.model_at(step)? {
        Network::Text(net) => net.embedding.weight.val(),
        Network::Gpt(g) => g.wte.weight.val(),
        _ => return Err(not_words()),
    };
    let [rows, dims] = table.dims();
    let flat = read_floats(table).await?;
    let values: Vec<Vec<f64>> = flat.chunks(dims).map(<[f64]>::to_vec).collect();
    let projection = match dims {
        1 => values.iter().map(|v| [v[0], 0.0]).collect(),
        2 => values.iter().map(|v| [v[0], v[1]]).collect(),
        _ => principal_plane(&values),
    };
    Ok(Embeddings { chars: (0..rows).map(|t| vocab.symbol(t)).collect(), dims, values, projection })
}

/// The rows projected on their first two principal components (power iteration on the
/// covariance, the second after deflation), each component's sign fixed so that its largest
/// entry is positive: the same weights always draw the same map.
fn principal_plane(rows: &[Vec<f64>]) -> Vec<[f64; 2]> {
    let (n, d) = (rows.len(), rows[0].len());
    let mean: Vec<f64> = (0..d).map(|j| rows.iter().map(|r| r[j]).sum::<f64>() / n as f64).collect();
    let centred: Vec<Vec<f64>> = rows.iter().map(|r| r.iter().zip(&mean).map(|(x, m)| x - m).collect()).collect();
    let mut cov = vec![vec![0.0; d]; d];
    for r in &centred {
        for i in 0..d {
            for j in 0..d {
                cov[i][j] += r[i] * r[j] / n as f64;
            }
        }
    }
    let first = top_eigenvector(&cov);
    let lambda: f64 = (0..d).map(|i| first[i] * (0..d).map(|j| cov[i][j] * first[j]).sum::<f64>()).sum();
    for i in 0..d {
        for j in 0..d {
            cov[i][j] -= lambda * first[i] * first[j];
        }
    }
    let second = top_eigenvector(&cov);
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    centred.iter().map(|r| [dot(r, &first), dot(r, &second)]).collect()
}

/// The unit eigenvector of the largest eigenvalue of the symmetric `m`, sign-fixed.
fn top_eigenvector(m: &[Vec<f64>]) -> Vec<f64> {
    let d = m.len();
    let mut v: Vec<f64> = (0..d).map(|i| 1.0 + i as f64 / d as f64).collect();
    for _ in 0..300 {
        let next: Vec<f64> = (0..d).map(|i| (0..d).map(|j| m[i][j] * v[j]).sum()).collect();
        let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm < 1e-12 {
            return vec![0.0; d];
        }
        v = next.into_iter().map(|x| x / norm).collect();
    }
    let largest = v.iter().copied().fold(0.0_f64, |a, x| if x.abs() > a.abs() { x } else { a });
    if largest < 0.0 {
        v.iter_mut().for_each(|x| *x = -*x);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plane_follows_the_spread() {
        // Points along (1, 1, 0) with a little spread along (0, 0, 1): the first component is the line.
        let rows: Vec<Vec<f64>> = (0..9).map(|i| vec![i as f64, i as f64, 0.1 * ((i % 3) as f64 - 1.0)]).collect();
        let p = principal_plane(&rows);
        assert!((p[8][0] - p[0][0] - 8.0 * 2f64.sqrt()).abs() < 0.01, "{p:?}");
        assert!(p.iter().all(|q| q[1].abs() < 0.2), "{p:?}");
    }
}
