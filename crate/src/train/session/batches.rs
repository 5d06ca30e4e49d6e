//! The order in which training examples are visited: a seeded shuffle, renewed every epoch. Its
//! state goes into project files, so training resumed from a file visits the same batches.

use serde::{Deserialize, Serialize};

use crate::data::rng::SeededRng;
use crate::error::{PlaygroundError, Result};

/// Which training examples the next step uses: a seeded shuffle, renewed every epoch.
#[derive(Debug, Clone)]
pub struct BatchOrder {
    rng: SeededRng,
    indices: Vec<i32>,
    cursor: usize,
}

/// A batch order as a project file keeps it: the generator's state, this epoch's order and how
/// far into it training is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderState {
    /// The shuffle generator's state (a `u64` as a decimal string: JSON numbers lose bits).
    pub rng: String,
    /// This epoch's order of the training examples.
    pub indices: Vec<i32>,
    /// How many of them the steps so far used.
    pub cursor: usize,
}

impl BatchOrder {
    /// A fresh order over `n` examples.
    pub fn new(n: usize, seed: u64) -> Self {
        Self { rng: SeededRng::new(seed ^ 0xBA7C4), indices: (0..n as i32).collect(), cursor: n }
    }

    /// The next `size` indices, reshuffling when an epoch ends.
    pub fn next(&mut self, size: usize) -> Vec<i32> {
        if self.cursor + size > self.indices.len() {
            self.rng.shuffle(&mut self.indices);
            self.cursor = 0;
        }
        let batch = self.indices[self.cursor..self.cursor + size].to_vec();
        self.cursor += size;
        batch
    }

    /// The order's state, to save.
    pub fn state(&self) -> OrderState {
        OrderState { rng: self.rng.state().to_string(), indices: self.indices.clone(), cursor: self.cursor }
    }

    /// The order a saved state describes, over `n` training examples; a state that does not fit
    /// (another number of examples, indices out of range or repeated) is refused.
    pub fn from_state(state: &OrderState, n: usize) -> Result<Self> {
        let bad = |why: &str| PlaygroundError::InvalidData(format!("the project's batch order {why}"));
        let rng = state.rng.parse::<u64>().map_err(|_| bad("has an unreadable generator state"))?;
        let mut seen = vec![false; n];
        if state.indices.len() != n || state.cursor > n {
            return Err(bad(&format!("covers {} examples, but the training split has {n}", state.indices.len())));
        }
        for &i in &state.indices {
            let i = usize::try_from(i).ok().filter(|&i| i < n && !seen[i]).ok_or_else(|| bad("repeats or misses an example"))?;
            seen[i] = true;
        }
        Ok(Self { rng: SeededRng::from_state(rng), indices: state.indices.clone(), cursor: state.cursor })
    }
}
