//! How good the deployed program really is: its score on the held-out world test set, which the
//! person's own test split cannot tell (it was sampled like the training data).

use crate::data::Task;
use crate::error::Result;
use crate::inspect::outputs::outputs_on;
use crate::train::Program;

use super::world::World;

/// The program's score on the world test set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorldScore {
    /// Share right (classification); `None` without a network.
    pub accuracy: Option<f64>,
    /// Mean squared error (regression); `None` without a network.
    pub mse: Option<f64>,
}

/// Scores `program`'s network on `world`'s held-out test set (nothing without a network yet).
pub async fn world_score(program: &Program<'_>, world: &World) -> Result<WorldScore> {
    let Ok(model) = program.model() else { return Ok(WorldScore { accuracy: None, mse: None }) };
    let out = outputs_on(program, &model, &world.examples, &world.test).await?;
    let n = world.test.len().max(1) as f64;
    Ok(match program.task() {
        Task::Regression => WorldScore { accuracy: None, mse: Some(out.losses.iter().sum::<f64>() / n) },
        Task::Classification => {
            let right = world.test.iter().enumerate().filter(|&(row, &i)| out.predicted(row) == world.label(i)).count();
            WorldScore { accuracy: Some(right as f64 / n), mse: None }
        }
    })
}
