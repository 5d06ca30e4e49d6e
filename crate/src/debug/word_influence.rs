//! Why it writes this word: TracIn (Pruthi et al., NeurIPS 2020) for the window programs on
//! words (the bigram and the MLP). A training word's influence on a query word is the sum, over
//! the timeline's snapshots, of the learning rate times the steps the snapshot stands for, times
//! the dot product of the two words' loss gradients — each word's gradient the sum of its
//! characters' rows. Positive: training on it made the query word more likely (a proponent);
//! negative: less likely (an opponent).
//!
//! The dot products are exact and cheap, as in [`super::influence`]: a dense layer's share for
//! two rows is `(a·a' + 1)(δ·δ')`, read from zero probes on its output; the embedding table's
//! share is `Σ_{p,p'} [token_p = token'_p'] (g_p · g'_p')` over the two rows' context positions,
//! `g` the gradient of a probe on the embedded tokens (for the bigram, whose table *is* the
//! logits, that is the whole gradient). The sum is taken at [`MAX_CHECKPOINTS`] of the snapshots
//! at most, as TracIn's checkpoints. The training rows go through in chunks, each with the
//! query's rows beside them, so a long word list needs bounded memory. The transformer is
//! refused: its weights are shared across positions and attention mixes them, so its
//! per-word gradients do not factor into a few small products.

use burn::prelude::*;
use serde::Serialize;

use super::influence::{InfluenceOptions, MAX_TOP};
use super::snapshots::{WeightedSnapshot, at_most, weighted_snapshots};
use crate::data::Dataset;
use crate::data::words::{validate_line, validate_word, windows};
use crate::error::{PlaygroundError, Result};
use crate::model::text::CharNet;
use crate::model::{Activation, Network};
use crate::train::Program;
use crate::train::clock::now_ms;
use crate::train::evaluate::read_floats;
use crate::train::progress::{Advance, Progress};

/// Training rows (characters) taken through the network at once, beside the query's.
const CHUNK_ROWS: usize = 8192;

/// Snapshots the sum is taken at, at most (TracIn's checkpoints): each pass reads every training
/// row, so a long word list trained for long costs this many passes, not the timeline's 64.
pub const MAX_CHECKPOINTS: usize = 8;

/// A training word and its influence on the query word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordInfluencer {
    /// Its index in the word list.
    pub index: usize,
    /// The word.
    pub word: String,
    /// Its TracIn score: the estimated drop in the query word's loss owed to training on it.
    pub score: f64,
}

/// The training words that made the query word more likely, and those that made it less likely.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordInfluence {
    /// The word explained.
    pub word: String,
    /// Strongest positive scores first.
    pub proponents: Vec<WordInfluencer>,
    /// Strongest negative scores first.
    pub opponents: Vec<WordInfluencer>,
}

/// TracIn over the snapshots for a query word, one chunk of training rows per unit of work.
pub struct WordInfluenceJob {
    snapshots: Vec<WeightedSnapshot>,
    snapshot: usize,
    chunk: usize,
    context: usize,
    /// Every training row's context tokens (`rows × context`) and target token.
    contexts: Vec<usize>,
    targets: Vec<usize>,
    /// The query word's rows, the same way.
    query_contexts: Vec<usize>,
    query_targets: Vec<usize>,
    /// For each training row, the position (in `train`) of the word it belongs to.
    row_word: Vec<usize>,
    train: Vec<usize>,
    words: Vec<String>,
    scores: Vec<f64>,
    rate: f64,
    device: Device,
    top: usize,
    query: String,
}

impl WordInfluenceJob {
    /// Prepares the query `word` against `d`'s training words. A word the program cannot read (a
    /// character outside its vocabulary), a transformer, or options that belong to points reject
    /// before any work.
    pub fn new(program: &Program<'_>, d: &Dataset, word: &str, options: InfluenceOptions) -> Result<Self> {
        if !(1..=MAX_TOP).contains(&options.top) {
            return Err(PlaygroundError::InvalidConfig(format!("top {} must be between 1 and {MAX_TOP}", options.top)));
        }
        if options.label.is_some() || options.value.is_some() {
            return Err(PlaygroundError::InvalidConfig(
                "influence(word) explains the word itself: label and value apply to points and images".into(),
            ));
        }
        let context = match program.model()? {
            Network::Text(net) => net.context,
            Network::Gpt(_) => {
                return Err(PlaygroundError::InvalidConfig(
                    "influence(word) is built for the bigram and the MLP: the transformer's per-word gradients do not factor \
                     into small products (attention mixes the positions), so it would cost a backward pass per word"
                        .into(),
                ));
            }
            _ => return Err(PlaygroundError::InvalidData("influence(word) needs a word list: on points and images, pass an input".into())),
        };
        let vocab = d.vocabulary().ok_or_else(|| PlaygroundError::InvalidData("influence(word) needs a word list".into()))?;
        let checked = if d.is_lines() { validate_line(0, word) } else { validate_word(0, word) };
        if let Err(PlaygroundError::InvalidData(m)) = checked {
            let m = m.replacen("word 0", "the word", 1).replacen("line 0", "the line", 1);
            return Err(PlaygroundError::InvalidData(format!("influence: {m}")));
        }
        vocab.encode(word)?;
        let snapshots = at_most(weighted_snapshots(program)?, MAX_CHECKPOINTS);
        let train = d.split_indices(false);
        if train.is_empty() {
            return Err(PlaygroundError::MissingData("there are no training words to credit".into()));
        }
        let words = d.words();
        let (contexts, targets) = windows(train.iter().map(|&i| words[i].as_str()), &vocab, context);
        let row_word = train.iter().enumerate().flat_map(|(k, &i)| std::iter::repeat_n(k, words[i].chars().count() + 1)).collect();
        let (query_contexts, query_targets) = windows([word], &vocab, context);
        Ok(Self {
            snapshots,
            snapshot: 0,
            chunk: 0,
            context,
            rate: program.config().learning_rate / targets.len() as f64,
            scores: vec![0.0; train.len()],
            words: train.iter().map(|&i| words[i].clone()).collect(),
            contexts,
            targets,
            query_contexts,
            query_targets,
            row_word,
            train,
            device: program.device().clone(),
            top: options.top,
            query: word.to_string(),
        })
    }

    fn chunks(&self) -> usize {
        self.targets.len().div_ceil(CHUNK_ROWS)
    }

    /// Adds the next chunks' contributions for about `budget_ms`; ranks at the end.
    pub async fn advance(&mut self, budget_ms: f64) -> Result<Advance<WordInfluence>> {
        let start = now_ms();
        let units = self.snapshots.len() * self.chunks();
        while self.snapshot < self.snapshots.len() {
            let rows = self.chunk * CHUNK_ROWS..((self.chunk + 1) * CHUNK_ROWS).min(self.targets.len());
            let c = &self.snapshots[self.snapshot];
            let Network::Text(net) = &c.model else {
                return Err(PlaygroundError::InvalidConfig("the program changed kind while influence ran".into()));
            };
            let products = read_floats(self.gradient_products(net, rows.clone())).await?;
            let weight = self.rate * c.span as f64;
            for (row, p) in rows.zip(products) {
                self.scores[self.row_word[row]] += weight * p;
            }
            self.chunk += 1;
            if self.chunk == self.chunks() {
                self.chunk = 0;
                self.snapshot += 1;
            }
            let done = self.snapshot * self.chunks() + self.chunk;
            if now_ms() - start >= budget_ms && done < units {
                return Ok(Advance::Working(Progress {
                    done: done as f64 / units as f64,
                    message: format!("snapshot {} of {}", self.snapshot + 1, self.snapshots.len()),
                }));
            }
        }
        Ok(Advance::Done(self.ranked()))
    }

    fn ranked(&self) -> WordInfluence {
        let mut order: Vec<usize> = (0..self.train.len()).collect();
        order.sort_by(|&a, &b| self.scores[b].total_cmp(&self.scores[a]).then(a.cmp(&b)));
        let entry = |&k: &usize| WordInfluencer { index: self.train[k], word: self.words[k].clone(), score: self.scores[k] };
        WordInfluence {
            word: self.query.clone(),
            proponents: order.iter().take_while(|&&k| self.scores[k] > 0.0).take(self.top).map(entry).collect(),
            opponents: order.iter().rev().take_while(|&&k| self.scores[k] < 0.0).take(self.top).map(entry).collect(),
        }
    }

    /// `[rows]`: each training row's loss gradient dotted with the query word's, under `net`.
    fn gradient_products(&self, net: &CharNet, rows: std::ops::Range<usize>) -> Tensor<1> {
        let (r, q, ctx) = (rows.len(), self.query_targets.len(), self.context);
        let n = r + q;
        let ad = self.device.clone().autodiff();
        let tokens: Vec<usize> = self.contexts[rows.start * ctx..rows.end * ctx].iter().chain(&self.query_contexts).copied().collect();
        let targets: Vec<i32> = self.targets[rows].iter().chain(&self.query_targets).map(|&t| t as i32).collect();
        let input = Tensor::<2, Int>::from_data(TensorData::new(tokens.iter().map(|&t| t as i32).collect(), [n, ctx]), &ad);
        let embedded = net.embedding.forward(input);
        let width = embedded.dims()[2];
        let embed_probe = Tensor::<3>::zeros([n, ctx, width], &ad).require_grad();
        let mut x = (embedded + embed_probe.clone()).reshape([n, ctx * width]);
        let last = net.layers.len().saturating_sub(1);
        let (mut layer_inputs, mut probes) = (Vec::new(), Vec::new());
        for (i, layer) in net.layers.iter().enumerate() {
            layer_inputs.push(x.clone().inner());
            let probe = Tensor::<2>::zeros([n, layer.weight.dims()[1]], &ad).require_grad();
            let z = layer.forward(x) + probe.clone();
            probes.push(probe);
            x = if i < last { Activation::Tanh.apply(z) } else { z };
        }
        let targets = Tensor::<2, Int>::from_data(TensorData::new(targets, [n, 1]), &ad);
        // The summed loss: each row's probe gradient is then that row's own.
        let grads = burn::tensor::activation::log_softmax(x, 1).gather(1, targets).neg().sum().backward();
        let split = |t: Tensor<2>| (t.clone().narrow(0, 0, r), t.narrow(0, r, q).transpose());
        let mut total = Tensor::<2>::zeros([r, q], &self.device);
        for (a, probe) in layer_inputs.into_iter().zip(probes) {
            let (a_rows, a_query) = split(a);
            let (d_rows, d_query) = split(probe.grad(&grads).expect("the probe takes part in the loss"));
            total = total + (a_rows.matmul(a_query) + 1.0) * d_rows.matmul(d_query);
        }
        let g = embed_probe.grad(&grads).expect("the embedding takes part in the loss");
        for p in 0..ctx {
            let g_rows = g.clone().narrow(0, 0, r).narrow(1, p, 1).reshape([r, width]);
            for p2 in 0..ctx {
                let g_query = g.clone().narrow(0, r, q).narrow(1, p2, 1).reshape([q, width]).transpose();
                let same: Vec<f32> = (0..r)
                    .flat_map(|i| (0..q).map(move |j| (i, j)))
                    .map(|(i, j)| f32::from(tokens[i * ctx + p] == tokens[(r + j) * ctx + p2]))
                    .collect();
                let mask = Tensor::<2>::from_data(TensorData::new(same, [r, q]), &self.device);
                total = total + g_rows.clone().matmul(g_query) * mask;
            }
        }
        total.sum_dim(1).reshape([r])
    }
}

/// Ranks `d`'s training words by their TracIn influence on `word`, in one go.
pub async fn word_influence(program: &Program<'_>, d: &Dataset, word: &str, options: InfluenceOptions) -> Result<WordInfluence> {
    let mut job = WordInfluenceJob::new(program, d, word, options)?;
    loop {
        if let Advance::Done(result) = job.advance(f64::INFINITY).await? {
            return Ok(result);
        }
    }
}
