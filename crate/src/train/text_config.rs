//! The compiler flags that only word lists have: which character-level program, how many
//! characters it reads, how wide its embeddings and hidden layer are.

use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};
use crate::model::text::{TextArchitecture, TextShape};

/// Most characters a program may read before the one it writes.
pub const MAX_CONTEXT: usize = 33;
/// Widest embedding.
pub const MAX_EMBEDDING: usize = 256;
/// Widest hidden layer of the character MLP.
pub const MAX_TEXT_HIDDEN: usize = 1024;

/// How a word list is compiled: *Zero to Hero* part 2's MLP by default (context 3, embedding 10,
/// 200 tanh units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TextConfig {
    /// Which program.
    pub architecture: TextArchitecture,
    /// Characters read before the one written (the bigram always reads one).
    pub context: usize,
    /// Width of each character's embedding (the bigram's rows are as wide as the vocabulary).
    pub embedding: usize,
    /// Width of the hidden tanh layer(s).
    pub hidden: Vec<usize>,
}

impl Default for TextConfig {
    fn default() -> Self {
        Self { architecture: TextArchitecture::Mlp, context: 3, embedding: 10, hidden: vec![200] }
    }
}

impl TextConfig {
    /// Refuses settings no program can be built from, saying which and why.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(PlaygroundError::InvalidConfig(m));
        if !(1..=MAX_CONTEXT).contains(&self.context) {
            return bad(format!("context = {} must be 1 to {MAX_CONTEXT} characters", self.context));
        }
        if !(1..=MAX_EMBEDDING).contains(&self.embedding) {
            return bad(format!("embedding = {} must be 1 to {MAX_EMBEDDING}", self.embedding));
        }
        if let Some(h) = self.hidden.iter().find(|&&h| !(1..=MAX_TEXT_HIDDEN).contains(&h)) {
            return bad(format!("hidden = {h} must be 1 to {MAX_TEXT_HIDDEN} units"));
        }
        Ok(())
    }

    /// Tokens the program reads before the one it writes.
    pub fn reads(&self) -> usize {
        match self.architecture {
            TextArchitecture::Bigram => 1,
            TextArchitecture::Mlp => self.context,
        }
    }

    /// The program's shape for a vocabulary of `vocab` tokens.
    pub fn shape(&self, vocab: usize) -> TextShape {
        let bigram = self.architecture == TextArchitecture::Bigram;
        TextShape {
            kind: self.architecture,
            vocab,
            context: self.reads(),
            embedding: if bigram { vocab } else { self.embedding },
            hidden: if bigram { Vec::new() } else { self.hidden.clone() },
        }
    }
}
