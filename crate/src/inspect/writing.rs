//! Running a character-level program: the next character's distribution after a prefix, and new
//! words written one character at a time — the program a word list compiled into, at work.

use std::collections::HashSet;

use burn::prelude::*;

use crate::data::Dataset;
use crate::data::rng::SeededRng;
use crate::data::words::{END, Vocabulary};
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::Program;
use crate::train::evaluate::read_floats;

/// One possible next character and how likely the program finds it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NextChar {
    /// The character, or `"."` for the end of the word.
    pub char: String,
    /// Its probability after the prefix.
    pub probability: f64,
}

/// How to write samples.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SampleOptions {
    /// How many words.
    pub count: usize,
    /// Divides the logits: below 1 sharper and safer, above 1 wilder.
    pub temperature: f64,
    /// Keep only the `top_k` most likely characters at each step (none: all).
    pub top_k: Option<usize>,
    /// Every sample starts with these characters.
    pub prefix: String,
    /// Seeds the draws: the same seed writes the same words.
    pub seed: u64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self { count: 10, temperature: 1.0, top_k: None, prefix: String::new(), seed: 1 }
    }
}

/// Largest `count` one call may ask for.
pub const MAX_SAMPLES: usize = 1000;

/// One written word.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sample {
    /// The word, prefix included.
    pub word: String,
    /// Whether it is not one of the training words (a copy is memorisation).
    pub is_new: bool,
    /// Natural log of the probability the program gave the characters it wrote (after the
    /// prefix, the end included), at temperature 1.
    pub logprob: f64,
}

/// The word program `program` runs and the vocabulary of `data` it reads, or a message saying
/// that `what` needs a word list.
pub(crate) fn word_program(program: &Program<'_>, data: &Dataset, what: &str) -> Result<(Network, Vocabulary)> {
    let not_words = || {
        PlaygroundError::InvalidConfig(format!(
            "{what} runs a program that writes words: load a word list first (setData({{ words }}) or loadPreset('names'))"
        ))
    };
    let vocab = data.vocabulary().ok_or_else(not_words)?;
    match program.model()? {
        net @ (Network::Text(_) | Network::Gpt(_)) => Ok((net, vocab)),
        _ => Err(not_words()),
    }
}

/// `nextChars(prefix)`: the program's next character after `prefix`, most likely first.
pub async fn program_next_chars(program: &Program<'_>, data: &Dataset, prefix: &str) -> Result<Vec<NextChar>> {
    let (net, vocab) = word_program(program, data, "nextChars")?;
    next_chars(&net, &vocab, data.max_chars(), prefix, program.device()).await
}

/// `sample(options)`: new words from the program, each marked new or a copy of a training word.
pub async fn program_sample(program: &Program<'_>, data: &Dataset, options: &SampleOptions) -> Result<Vec<Sample>> {
    let (net, vocab) = word_program(program, data, "sample")?;
    let training: HashSet<&str> = data.split_indices(false).into_iter().map(|i| data.words()[i].as_str()).collect();
    sample(&net, &vocab, data.max_chars(), &training, options, program.device()).await
}

/// The next character's distribution after `prefix`, most likely first; `limit` is the most
/// characters one sequence of the data may hold.
pub async fn next_chars(model: &Network, vocab: &Vocabulary, limit: usize, prefix: &str, device: &Device) -> Result<Vec<NextChar>> {
    let tokens = vocab.encode(prefix)?;
    check_prefix(model, limit, tokens.len())?;
    let probs = probabilities(model, &[tokens], 1.0, device).await?;
    let mut out: Vec<NextChar> = probs[0].iter().enumerate().map(|(t, &p)| NextChar { char: vocab.symbol(t), probability: p }).collect();
    out.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    Ok(out)
}

/// Writes `options.count` words of at most `limit` characters, all at once (one forward pass
/// per character position).
pub async fn sample(
    model: &Network,
    vocab: &Vocabulary,
    limit: usize,
    training: &HashSet<&str>,
    options: &SampleOptions,
    device: &Device,
) -> Result<Vec<Sample>> {
    check(options)?;
    let prefix = vocab.encode(&options.prefix)?;
    check_prefix(model, limit, prefix.len())?;
    let longest = longest_written(model, limit);
    let mut rng = SeededRng::new(options.seed);
    let mut written: Vec<Vec<usize>> = vec![prefix.clone(); options.count];
    let mut logprob = vec![0.0; options.count];
    let mut done = vec![false; options.count];
    while done.iter().any(|d| !d) {
        let open: Vec<usize> = (0..options.count).filter(|&i| !done[i]).collect();
        let histories: Vec<Vec<usize>> = open.iter().map(|&i| written[i].clone()).collect();
        let sharp = probabilities(model, &histories, options.temperature, device).await?;
        let plain = if options.temperature == 1.0 { sharp.clone() } else { probabilities(model, &histories, 1.0, device).await? };
        for (row, &i) in open.iter().enumerate() {
            let allowed = top_k(&sharp[row], options.top_k);
            let token = draw(&allowed, &mut rng);
            logprob[i] += plain[row][token].max(f64::MIN_POSITIVE).ln();
            if token == END || written[i].len() + 1 >= longest {
                done[i] = true;
            }
            if token != END {
                written[i].push(token);
            }
        }
    }
    Ok(written
        .into_iter()
        .zip(logprob)
        .map(|(tokens, logprob)| {
            let word: String = tokens.iter().filter_map(|&t| vocab.char(t)).collect();
            Sample { is_new: !training.contains(word.as_str()), word, logprob }
        })
        .collect())
}

/// Refuses options that cannot write anything sensible.
fn check(options: &SampleOptions) -> Result<()> {
    if options.count == 0 || options.count > MAX_SAMPLES {
        return Err(PlaygroundError::InvalidConfig(format!("count = {} must be 1 to {MAX_SAMPLES}", options.count)));
    }
    if !options.temperature.is_finite() || options.temperature <= 0.0 || options.temperature > 10.0 {
        return Err(PlaygroundError::InvalidConfig(format!("temperature = {} must be above 0 and at most 10", options.temperature)));
    }
    if options.top_k == Some(0) {
        return Err(PlaygroundError::InvalidConfig("topK = 0 keeps no character; give at least 1 (or leave it out)".into()));
    }
    Ok(())
}

/// The last `context` tokens of `tokens`, padded in front with the end token.
fn context_of(tokens: &[usize], context: usize) -> Vec<usize> {
    let mut window = vec![END; context.saturating_sub(tokens.len())];
    window.extend_from_slice(&tokens[tokens.len().saturating_sub(context)..]);
    window
}

/// Softmax of the next token's logits over `temperature` after each of `histories` (the tokens
/// written so far), read back to the host. A window program reads the last tokens, padded in
/// front with the end token; a transformer reads the start token and the whole history, and its
/// prediction at the history's last position is the one taken.
pub(crate) async fn probabilities(model: &Network, histories: &[Vec<usize>], temperature: f64, device: &Device) -> Result<Vec<Vec<f64>>> {
    let n = histories.len();
    let logits = match model {
        Network::Gpt(g) => {
            let t = histories.iter().map(Vec::len).max().unwrap_or(0) + 1;
            let mut flat = vec![0f32; n * t];
            for (row, h) in histories.iter().enumerate() {
                h.iter().enumerate().for_each(|(k, &tok)| flat[row * t + k + 1] = tok as f32);
            }
            let all = g.forward(Tensor::<2>::from_data(TensorData::new(flat, [n, t]), device));
            let last: Vec<i32> = histories.iter().enumerate().map(|(row, h)| (row * t + h.len()) as i32).collect();
            all.select(0, Tensor::<1, Int>::from_data(TensorData::new(last, [n]), device))
        }
        Network::Text(net) => {
            let k = net.context;
            let flat: Vec<f32> = histories.iter().flat_map(|h| context_of(h, k)).map(|t| t as f32).collect();
            net.forward(Tensor::<2>::from_data(TensorData::new(flat, [n, k]), device))
        }
        _ => return Err(PlaygroundError::InvalidConfig("this program does not write words".into())),
    };
    let vocab = logits.dims()[1];
    let probs = burn::tensor::activation::softmax(logits / temperature, 1);
    let values = read_floats(probs).await?;
    Ok(values.chunks(vocab).map(<[f64]>::to_vec).collect())
}

/// The most characters `model` writes in one sequence: the data's `limit`, or less if that is
/// what a transformer's block holds.
pub(crate) fn longest_written(model: &Network, limit: usize) -> usize {
    match model {
        Network::Gpt(g) => (g.block() - 1).min(limit),
        _ => limit,
    }
}

/// Refuses a prefix that leaves no room to write.
pub(crate) fn check_prefix(model: &Network, limit: usize, len: usize) -> Result<()> {
    let longest = longest_written(model, limit);
    if len >= longest {
        return Err(PlaygroundError::InvalidConfig(format!(
            "the prefix has {len} characters; this program writes words of at most {longest}"
        )));
    }
    Ok(())
}

/// The distribution with all but the `k` most likely tokens set to zero (ties keep the lower
/// token), renormalised.
fn top_k(probs: &[f64], k: Option<usize>) -> Vec<f64> {
    let Some(k) = k.filter(|&k| k < probs.len()) else { return probs.to_vec() };
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    let mut kept = vec![0.0; probs.len()];
    for &t in &order[..k] {
        kept[t] = probs[t];
    }
    let total: f64 = kept.iter().sum();
    kept.iter().map(|p| p / total.max(f64::MIN_POSITIVE)).collect()
}

/// A token drawn from `probs` with the seeded generator.
pub(crate) fn draw(probs: &[f64], rng: &mut SeededRng) -> usize {
    let u = rng.uniform() * probs.iter().sum::<f64>();
    let mut acc = 0.0;
    for (t, &p) in probs.iter().enumerate() {
        acc += p;
        if u < acc {
            return t;
        }
    }
    probs.iter().rposition(|&p| p > 0.0).unwrap_or(END)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_pad_with_the_end_token() {
        assert_eq!(context_of(&[], 3), [0, 0, 0]);
        assert_eq!(context_of(&[5, 6], 3), [0, 5, 6]);
        assert_eq!(context_of(&[4, 5, 6, 7], 3), [5, 6, 7]);
        assert_eq!(context_of(&[4, 5], 1), [5]);
    }

    #[test]
    fn top_k_keeps_the_likeliest() {
        let kept = top_k(&[0.1, 0.5, 0.3, 0.1], Some(2));
        assert!((kept[1] - 0.625).abs() < 1e-12 && (kept[2] - 0.375).abs() < 1e-12);
        assert_eq!(kept[0] + kept[3], 0.0);
        let mut rng = SeededRng::new(3);
        assert!((0..100).all(|_| matches!(draw(&kept, &mut rng), 1 | 2)));
    }
}
