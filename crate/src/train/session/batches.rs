//! The order in which training examples are visited: a seeded shuffle, renewed every epoch.

use crate::data::rng::SeededRng;

/// Which training examples the next step uses: a seeded shuffle, renewed every epoch.
pub struct BatchOrder {
    rng: SeededRng,
    indices: Vec<i32>,
    cursor: usize,
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
}
