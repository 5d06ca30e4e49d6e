//! Completing a prompt: the text a character-level program writes after what a person typed,
//! character by character, with what else it considered at each step. On a names model it
//! finishes a name; on the prompt model (Software 3.0) the prompt picks the program it runs.

use burn::prelude::Device;

use super::writing::{NextChar, check_prefix, draw, longest_written, probabilities, word_program};
use crate::data::Dataset;
use crate::data::rng::SeededRng;
use crate::data::words::{END, Vocabulary};
use crate::error::{PlaygroundError, Result};
use crate::model::Network;
use crate::train::Program;

/// How to complete a prompt.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CompleteOptions {
    /// The most characters to write after the prompt.
    pub max_chars: usize,
    /// 0 takes the likeliest character every time (greedy, deterministic); above 0 draws, the
    /// logits divided by it.
    pub temperature: f64,
    /// Seeds the draws when `temperature` is above 0.
    pub seed: u64,
}

impl Default for CompleteOptions {
    fn default() -> Self {
        Self { max_chars: 32, temperature: 0.0, seed: 1 }
    }
}

/// Characters listed as alternatives at each step, besides the one written.
pub const ALTERNATIVES: usize = 4;

/// One written character and what else the program considered there.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompletionStep {
    /// The character written.
    pub char: String,
    /// How likely the program found it (its own probability, at temperature 1).
    pub probability: f64,
    /// The likeliest other characters there, most likely first (`"."` is the end).
    pub alternatives: Vec<NextChar>,
}

/// Why a completion stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Stop {
    /// The program wrote the end token: it thinks the answer is complete.
    End,
    /// `maxChars` characters were written.
    MaxChars,
    /// The program can read no longer a text (its context is full).
    Length,
}

/// A prompt's completion: `text` is what follows the prompt, one step per character of it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    /// The characters written after the prompt.
    pub text: String,
    /// Each character of `text`, in order, with its probability and the alternatives.
    pub steps: Vec<CompletionStep>,
    /// Why it stopped.
    pub stopped: Stop,
    /// How likely the program found ending where it ended (`None` unless it wrote the end).
    pub end_probability: Option<f64>,
}

/// `complete(prompt, options)` on the session's program and data.
pub async fn program_complete(program: &Program<'_>, data: &Dataset, prompt: &str, options: &CompleteOptions) -> Result<Completion> {
    let (net, vocab) = word_program(program, data, "complete")?;
    complete(&net, &vocab, data.max_chars(), prompt, options, program.device()).await
}

/// Writes after `prompt` until the end token, `options.max_chars` characters, or a full context.
pub async fn complete(
    model: &Network,
    vocab: &Vocabulary,
    limit: usize,
    prompt: &str,
    options: &CompleteOptions,
    device: &Device,
) -> Result<Completion> {
    check(options)?;
    let mut history = vocab.encode(prompt)?;
    check_prefix(model, limit, history.len())?;
    let longest = longest_written(model, limit);
    let mut rng = SeededRng::new(options.seed);
    let (mut text, mut steps) = (String::new(), Vec::new());
    loop {
        if steps.len() >= options.max_chars {
            return Ok(Completion { text, steps, stopped: Stop::MaxChars, end_probability: None });
        }
        if history.len() >= longest {
            return Ok(Completion { text, steps, stopped: Stop::Length, end_probability: None });
        }
        let plain = probabilities(model, std::slice::from_ref(&history), 1.0, device).await?.remove(0);
        let token = choose(&plain, options.temperature, &mut rng);
        if token == END {
            return Ok(Completion { text, steps, stopped: Stop::End, end_probability: Some(plain[END]) });
        }
        let char = vocab.symbol(token);
        text.push_str(&char);
        steps.push(CompletionStep { char, probability: plain[token], alternatives: alternatives(vocab, &plain, token) });
        history.push(token);
    }
}

/// Greedy completions of many prompts at once (one forward pass per character position): what
/// the program answers to each, the end not included. A prompt with a character the program
/// never saw gets `None`.
pub async fn greedy_batch(
    model: &Network,
    vocab: &Vocabulary,
    limit: usize,
    prompts: &[String],
    max_chars: usize,
    device: &Device,
) -> Result<Vec<Option<String>>> {
    let longest = longest_written(model, limit);
    let mut histories: Vec<Option<Vec<usize>>> = prompts.iter().map(|p| vocab.encode(p).ok().filter(|t| t.len() < longest)).collect();
    let mut written: Vec<String> = vec![String::new(); prompts.len()];
    let mut open: Vec<usize> = (0..prompts.len()).filter(|&i| histories[i].is_some()).collect();
    for _ in 0..max_chars {
        if open.is_empty() {
            break;
        }
        let batch: Vec<Vec<usize>> = open.iter().map(|&i| histories[i].clone().unwrap_or_default()).collect();
        let probs = probabilities(model, &batch, 1.0, device).await?;
        let mut still = Vec::new();
        for (row, &i) in open.iter().enumerate() {
            let token = argmax(&probs[row]);
            let Some(h) = histories[i].as_mut() else { continue };
            if token == END {
                continue;
            }
            written[i].push_str(&vocab.symbol(token));
            h.push(token);
            if h.len() < longest {
                still.push(i);
            }
        }
        open = still;
    }
    Ok(histories.iter().zip(written).map(|(h, w)| h.as_ref().map(|_| w)).collect())
}

/// Refuses options that cannot complete anything.
fn check(options: &CompleteOptions) -> Result<()> {
    if options.max_chars == 0 || options.max_chars > crate::data::words::MAX_LINE_CHARS {
        return Err(PlaygroundError::InvalidConfig(format!(
            "maxChars = {} must be 1 to {}",
            options.max_chars,
            crate::data::words::MAX_LINE_CHARS
        )));
    }
    if !options.temperature.is_finite() || options.temperature < 0.0 || options.temperature > 10.0 {
        return Err(PlaygroundError::InvalidConfig(format!(
            "temperature = {} must be 0 (the likeliest character) to 10",
            options.temperature
        )));
    }
    Ok(())
}

/// The likeliest token (the lower one on a tie).
fn argmax(probs: &[f64]) -> usize {
    probs.iter().enumerate().fold(0, |best, (t, &p)| if p > probs[best] { t } else { best })
}

/// The next token: the likeliest at temperature 0, else a draw from `probs` sharpened or
/// flattened by `temperature` (softmax of the logits over it: each probability to the power
/// `1 / temperature`, renormalised).
fn choose(probs: &[f64], temperature: f64, rng: &mut SeededRng) -> usize {
    if temperature == 0.0 {
        return argmax(probs);
    }
    let tempered: Vec<f64> = probs.iter().map(|p| p.powf(1.0 / temperature)).collect();
    draw(&tempered, rng)
}

/// The [`ALTERNATIVES`] likeliest tokens other than `chosen`, most likely first.
fn alternatives(vocab: &Vocabulary, probs: &[f64], chosen: usize) -> Vec<NextChar> {
    let mut order: Vec<usize> = (0..probs.len()).filter(|&t| t != chosen).collect();
    order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    order.into_iter().take(ALTERNATIVES).map(|t| NextChar { char: vocab.symbol(t), probability: probs[t] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_likeliest_and_ties_go_low() {
        let mut rng = SeededRng::new(1);
        assert_eq!(choose(&[0.1, 0.6, 0.3], 0.0, &mut rng), 1);
        assert_eq!(argmax(&[0.4, 0.4, 0.2]), 0);
        let cold = (0..200).filter(|_| choose(&[0.1, 0.6, 0.3], 0.05, &mut rng) == 1).count();
        assert_eq!(cold, 200, "a low temperature is all but greedy");
    }

    #[test]
    fn alternatives_leave_out_the_chosen_one() {
        let v = Vocabulary::of(["abcde"]);
        let alt = alternatives(&v, &[0.05, 0.5, 0.2, 0.1, 0.1, 0.05], 1);
        assert_eq!(alt.len(), ALTERNATIVES);
        assert_eq!(alt[0].char, "b");
        assert!(alt.iter().all(|a| a.char != "a"));
    }

    #[test]
    fn bad_options_are_refused() {
        for o in [
            CompleteOptions { max_chars: 0, ..Default::default() },
            CompleteOptions { temperature: -1.0, ..Default::default() },
            CompleteOptions { temperature: f64::NAN, ..Default::default() },
        ] {
            assert!(check(&o).is_err());
        }
    }
}
