//! A committee: networks from other seeds trained on the same data. Where they disagree, the data
//! leaves the program undecided. Members train a slice at a time, so flagging with a committee is
//! a job like any other long work: it reports progress and can be cancelled.

use burn::prelude::*;
use burn::tensor::activation::softmax;

use super::world::World;
use crate::data::Dataset;
use crate::error::Result;
use crate::inspect::outputs::inputs_of;
use crate::train::evaluate::read_floats;
use crate::train::progress::Budget;
use crate::train::{Blueprint, Session};

/// Committee members, each trained `steps` steps from its own seed on one dataset.
pub struct Committee {
    members: Vec<Session>,
    /// Steps each member has taken so far.
    taken: Vec<u64>,
    steps: u64,
    /// The data's value range (regression), to put the members' spread on a [0, 1] scale.
    range: Option<[f64; 2]>,
}

impl Committee {
    /// `size` members built like `blueprint` with the seeds after its own, holding `data`, each to
    /// be trained `steps` steps (at least one).
    pub fn new(blueprint: &Blueprint, data: &Dataset, size: usize, steps: u64) -> Result<Self> {
        let seed = blueprint.config().seed;
        let members = (0..size).map(|m| blueprint.with_seed(seed + 1 + m as u64).fresh(data.clone())).collect::<Result<Vec<_>>>()?;
        Ok(Self { taken: vec![0; members.len()], members, steps: steps.max(1), range: data.value_range() })
    }

    /// Trains the members in turn until `budget` is spent or every member has its steps.
    pub fn train_within(&mut self, budget: &Budget) -> Result<()> {
        for (member, taken) in self.members.iter_mut().zip(&mut self.taken) {
            if *taken < self.steps {
                *taken += member.train_within(self.steps - *taken, budget)?;
                if budget.spent() {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Whether every member has taken its steps.
    pub fn trained(&self) -> bool {
        self.taken.iter().all(|&t| t >= self.steps)
    }

    /// Share of the committee's training done, in [0, 1].
    pub fn progress(&self) -> f64 {
        self.taken.iter().sum::<u64>() as f64 / (self.steps * self.members.len().max(1) as u64) as f64
    }

    /// How much the members disagree on world examples `ids`: the Jensen–Shannon divergence of
    /// their class probabilities over ln(classes), or for values the standard deviation of their
    /// predictions over the data's range.
    pub async fn disagreement(&self, world: &World, ids: &[usize]) -> Result<Vec<f64>> {
        let regression = self.range.is_some();
        let mut outputs: Vec<Tensor<2>> = Vec::with_capacity(self.members.len());
        for member in &self.members {
            let program = member.program();
            let Some(inputs) = inputs_of(&program, &world.examples, ids) else { return Ok(Vec::new()) };
            let out = program.model()?.forward(inputs, program.activation());
            outputs.push(if regression { out } else { softmax(out, 1) });
        }
        let stacked = Tensor::stack::<3>(outputs, 0); // [members, rows, k]
        if let Some([lo, hi]) = self.range {
            let spread = stacked.var(0).sqrt().squeeze_dim::<2>(0) / (hi - lo).max(1e-9);
            return read_floats(spread).await;
        }
        let k = stacked.dims()[2];
        let entropy = |p: Tensor<3>| (p.clone() * p.clamp_min(1e-12).log()).sum_dim(2).neg();
        let mean = stacked.clone().mean_dim(0);
        let js = entropy(mean).squeeze_dim::<2>(0) - entropy(stacked).mean_dim(0).squeeze_dim::<2>(0);
        read_floats(js.clamp_min(0.0) / (k.max(2) as f64).ln()).await
    }
}
