//! Where to collect next: places where the program is unsure (or, for values, where its data is
//! thin), spread out so a batch of suggestions covers several weak spots instead of one.

use serde::Serialize;

use super::uncertainty::{Measure, density_at, uncertainty};
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::predict::grid_cells;
use crate::train::Program;

/// Most suggestions one call may ask for.
pub const MAX_SUGGESTIONS: usize = 100;

/// Candidate places per side: a grid over the square finer than any useful batch.
const CANDIDATE_GRID: usize = 48;

/// Share of a candidate's score that rewards thin data rather than uncertainty (classification):
/// a little exploration finds blind spots where the network is confidently wrong.
pub const EXPLORATION: f64 = 0.25;

/// Candidates closer than this to an existing example are skipped: that spot is already labelled.
const TAKEN_DISTANCE: f64 = 0.02;

/// A place worth labelling next.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Suggestion {
    /// Where, in [-1, 1].
    pub x: f64,
    /// Where, in [-1, 1] (up is positive).
    pub y: f64,
    /// How much a label there is expected to teach, in [0, 1].
    pub score: f64,
}

/// Up to `count` places to label next beside `data`'s examples, best first, no two closer than a
/// spacing that shrinks as `count` grows (2D datasets).
pub async fn suggest(program: &Program<'_>, data: &Dataset, count: usize) -> Result<Vec<Suggestion>> {
    program.refuse_words("suggest")?;
    if !(1..=MAX_SUGGESTIONS).contains(&count) {
        return Err(PlaygroundError::InvalidConfig(format!("count {count} must be between 1 and {MAX_SUGGESTIONS}")));
    }
    if data.image_size().is_some() {
        return Err(PlaygroundError::InvalidData(
            "suggestions are places on the 2D square; for images, see diagnose() and labelIssues()".into(),
        ));
    }
    let cells: Vec<(f64, f64)> = grid_cells(CANDIDATE_GRID).collect();
    let examples = data.coordinates();
    let thin: Vec<f64> = density_at(program.device(), &cells, &examples).await?.into_iter().map(|d| (-d).exp()).collect();
    let scores: Vec<f64> = match program.task() {
        Task::Regression => thin,
        Task::Classification => {
            let unsure = uncertainty(program, CANDIDATE_GRID, Measure::Entropy).await?.values;
            unsure.iter().zip(&thin).map(|(&u, t)| (1.0 - EXPLORATION) * u as f64 + EXPLORATION * t).collect()
        }
    };
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let free = |&i: &usize| examples.iter().all(|&(x, y)| (x - cells[i].0).hypot(y - cells[i].1) > TAKEN_DISTANCE);
    let candidates: Vec<usize> = order.into_iter().filter(free).collect();
    Ok(spread(&cells, &scores, &candidates, count))
}

/// Greedy picks from `candidates` (best first) keeping a minimum distance, relaxed by halves when
/// too few places qualify.
fn spread(cells: &[(f64, f64)], scores: &[f64], candidates: &[usize], count: usize) -> Vec<Suggestion> {
    let mut picked: Vec<usize> = Vec::new();
    let mut spacing = (0.6 / (count as f64).sqrt()).max(0.12);
    while picked.len() < count && spacing > 0.01 {
        for &i in candidates {
            if picked.len() == count {
                break;
            }
            let far = picked.iter().all(|&j| (cells[i].0 - cells[j].0).hypot(cells[i].1 - cells[j].1) >= spacing);
            if far && !picked.contains(&i) {
                picked.push(i);
            }
        }
        spacing /= 2.0;
    }
    picked.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    picked.into_iter().map(|i| Suggestion { x: cells[i].0, y: cells[i].1, score: scores[i] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_picks_apart_and_best_first() {
        let cells: Vec<(f64, f64)> = (0..10).map(|i| (-0.9 + 0.02 * i as f64, 0.0)).chain([(0.8, 0.8)]).collect();
        let scores: Vec<f64> = (0..11).map(|i| 1.0 - 0.05 * i as f64).collect();
        let candidates: Vec<usize> = (0..11).collect();
        let picks = spread(&cells, &scores, &candidates, 2);
        assert_eq!(picks.len(), 2);
        assert_eq!((picks[0].x, picks[1].x), (cells[0].0, 0.8), "the second pick leaves the cluster");
    }
}
