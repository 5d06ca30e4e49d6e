//! The compiler flags that only word lists have: which character-level program, how many
//! characters it reads, how wide its embeddings and hidden layer are.

use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};
use crate::model::text::{TextArchitecture, TextShape};

/// Most characters a program may read before the one it writes: a whole line of text and the
/// start token.
pub const MAX_CONTEXT: usize = crate::data::words::MAX_LINE_CHARS + 1;
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
    /// Width of the hidden tanh layer(s) (the MLP).
    pub hidden: Vec<usize>,
    /// Transformer blocks.
    pub layers: usize,
    /// Attention heads per block (they split the embedding width).
    pub heads: usize,
    /// The transformer's dropout while it trains: the share of embeddings, attention weights and
    /// block outputs zeroed at each step (0 = none, makemore's setting); predictions never drop.
    pub dropout: f64,
}

/// The most transformer blocks.
pub const MAX_LAYERS: usize = 12;
/// The highest dropout: beyond it too little of the signal reaches the next block to learn from.
pub const MAX_DROPOUT: f64 = 0.9;

impl Default for TextConfig {
    fn default() -> Self {
        Self { architecture: TextArchitecture::Mlp, context: 3, embedding: 10, hidden: vec![200], layers: 4, heads: 4, dropout: 0.0 }
    }
}

impl TextConfig {
    /// Refuses settings no program can be built from, saying which and why.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(PlaygroundError::InvalidConfig(m));
        let auto = self.architecture == TextArchitecture::Transformer && self.context == 0;
        if !auto && !(1..=MAX_CONTEXT).contains(&self.context) {
            return bad(format!("context = {} must be 1 to {MAX_CONTEXT} characters", self.context));
        }
        if self.architecture == TextArchitecture::Transformer {
            if !(1..=MAX_LAYERS).contains(&self.layers) {
                return bad(format!("layers = {} must be 1 to {MAX_LAYERS}", self.layers));
            }
            if self.heads == 0 || self.embedding % self.heads != 0 {
                return bad(format!("heads = {} must divide the embedding width {}", self.heads, self.embedding));
            }
        }
        if !(0.0..=MAX_DROPOUT).contains(&self.dropout) {
            return bad(format!("dropout = {} must be 0 to {MAX_DROPOUT}", self.dropout));
        }
        if !(1..=MAX_EMBEDDING).contains(&self.embedding) {
            return bad(format!("embedding = {} must be 1 to {MAX_EMBEDDING}", self.embedding));
        }
        if let Some(h) = self.hidden.iter().find(|&&h| !(1..=MAX_TEXT_HIDDEN).contains(&h)) {
            return bad(format!("hidden = {h} must be 1 to {MAX_TEXT_HIDDEN} units"));
        }
        Ok(())
    }

    /// Tokens the program reads at once for words of at most `longest` characters: the ones
    /// before the one it writes (bigram, MLP), or for the transformer the start token and a
    /// whole word (`context`, or `longest + 1` when `context` is 0, "auto").
    pub fn reads(&self, longest: usize) -> usize {
        match self.architecture {
            TextArchitecture::Bigram => 1,
            TextArchitecture::Mlp => self.context,
            TextArchitecture::Transformer if self.context == 0 => longest + 1,
            TextArchitecture::Transformer => self.context,
        }
    }

    /// Whether the program reads whole words as sequences (the transformer).
    pub fn reads_sequences(&self) -> bool {
        self.architecture == TextArchitecture::Transformer
    }

    /// The program's shape for a vocabulary of `vocab` tokens and words of at most `longest`
    /// characters.
    pub fn shape(&self, vocab: usize, longest: usize) -> TextShape {
        let bigram = self.architecture == TextArchitecture::Bigram;
        let mlp = self.architecture == TextArchitecture::Mlp;
        TextShape {
            kind: self.architecture,
            vocab,
            context: self.reads(longest),
            embedding: if bigram { vocab } else { self.embedding },
            hidden: if mlp { self.hidden.clone() } else { Vec::new() },
            layers: if bigram || mlp { 0 } else { self.layers },
            heads: if bigram || mlp { 0 } else { self.heads },
            dropout: if bigram || mlp { 0.0 } else { self.dropout },
        }
    }

    /// The defaults that change with the architecture when a patch switches to `next` without
    /// naming them: the MLP's context 3 and embedding 10; the transformer's width 64 and
    /// context "auto" (longest word + 1).
    pub fn switched_to(&self, next: TextArchitecture) -> Self {
        let mut c = self.clone();
        if next != self.architecture {
            match next {
                TextArchitecture::Mlp => (c.context, c.embedding) = (3, 10),
                TextArchitecture::Transformer => (c.context, c.embedding) = (0, 64),
                TextArchitecture::Bigram => {}
            }
        }
        c.architecture = next;
        c
    }
}
