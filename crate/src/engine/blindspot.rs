//! Blind spots: where the program is confidently wrong, nothing in its own outputs says so — the
//! data simply never went there. The `blindspot` trigger scores each stream example by the
//! model's uncertainty together with how thin the labelled data is around it (the debugger's
//! `suggest` score, on the stream), so regions the start data never touched come back even where
//! the model is sure of itself.

use burn::prelude::*;

use super::world::World;
use crate::data::{Dataset, Examples};
use crate::debug::uncertainty::density_at;
use crate::error::Result;
use crate::train::evaluate::read_floats;

/// Share of the blindspot score that rewards thin data; the rest is the model's uncertainty.
/// Chosen over 0.25 and 0.5 on the worlds of `tests/blindspot.rs` (checkerboard, ring with a
/// missing sector, digits with a class absent): 0.75 was best or tied on each.
pub const EXPLORATION: f64 = 0.75;

/// Closest two blindspot picks may sit (points, in the [-1, 1]² square): one batch visits several
/// unexplored regions instead of filling the emptiest one.
pub const BLINDSPOT_SPREAD: f64 = 0.2;

/// How thin the `labelled` data is around world examples `ids`, in [0, 1], computed on `device`:
/// for points e^−density (the kernel density `density()` draws, about 1 at an example's own
/// place), for images the distance in pixel space to the nearest labelled image over the largest
/// such distance among `ids`.
pub async fn thinness(device: &Device, labelled: &Dataset, world: &World, ids: &[usize]) -> Result<Vec<f64>> {
    match (world.examples.examples(), labelled.examples()) {
        (Examples::Images(seen), Examples::Images(known)) => {
            if known.is_empty() {
                return Ok(vec![1.0; ids.len()]);
            }
            let rows = |images: Vec<&[f32]>| {
                let width = images[0].len();
                let flat: Vec<f32> = images.iter().flat_map(|p| p.iter().copied()).collect();
                Tensor::<2>::from_data(TensorData::new(flat, [images.len(), width]), device)
            };
            let a = rows(ids.iter().map(|&i| seen[i].pixels.as_slice()).collect());
            let b = rows(known.iter().map(|im| im.pixels.as_slice()).collect());
            let d2 = a.clone().square().sum_dim(1) + b.clone().square().sum_dim(1).transpose() - a.matmul(b.transpose()) * 2.0;
            let nearest = read_floats(d2.min_dim(1).clamp_min(0.0).sqrt()).await?;
            let far = nearest.iter().copied().fold(0.0f64, f64::max).max(1e-9);
            Ok(nearest.into_iter().map(|d| d / far).collect())
        }
        _ => {
            let at: Vec<(f64, f64)> = ids.iter().filter_map(|&i| world.position(i)).collect();
            let density = density_at(device, &at, &labelled.coordinates()).await?;
            Ok(density.into_iter().map(|d| (-d).exp()).collect())
        }
    }
}
