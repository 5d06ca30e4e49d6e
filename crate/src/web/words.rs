//! The web face of word lists: the list as text in and out, the built-in names, and running the
//! program that writes words (samples, the next character's bars).

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::convert::{from_js_strict, to_js};
use super::program::step_arg;
use super::{Playground, js_error, with_workspace};
use crate::data::Dataset;
use crate::data::origin::{Origin, inherit};
use crate::data::words::{makemore_test_fraction, parse_text, to_text};
use crate::error::{PlaygroundError, Result};
use crate::inspect::attention::attention;
use crate::inspect::complete::{CompleteOptions, program_complete};
use crate::inspect::embeddings::embeddings;
use crate::inspect::writing::{SampleOptions, program_next_chars, program_sample};
use crate::train::Session;

/// `{ testFraction, seed }` for `loadPreset('names')`, both optional.
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NamesOptions {
    test_fraction: Option<f64>,
    seed: Option<u64>,
}

/// `words` as the session's new word list: split with the fraction given, else the current one
/// for a word list already there, else makemore's; new words credited to `origin`.
fn set_words(s: &mut Session, words: Vec<String>, fraction: Option<f64>, seed: Option<u64>, origin: Origin) -> Result<()> {
    let now = s.dataset();
    let fraction = fraction.unwrap_or_else(|| if now.is_words() { now.test_fraction() } else { makemore_test_fraction(words.len()) });
    let seed = seed.unwrap_or(now.split_seed());
    // Text stays text: a list edited from lines of text comes back as lines, not words.
    let given = if now.is_lines() { Dataset::from_lines(words, fraction, seed)? } else { Dataset::from_words(words, fraction, seed)? };
    let next = inherit(given, now, origin);
    s.set_dataset(next)
}

#[wasm_bindgen]
impl Playground {
    /// Replaces the dataset with the words of `text`, one a line (blank lines and surrounding
    /// spaces dropped); a bad word rejects the whole text, naming its line's word index. Over
    /// lines of text, the lines of `text` replace them, checked as lines.
    #[wasm_bindgen(js_name = importText)]
    pub fn import_text(&self, text: &str) -> std::result::Result<(), JsValue> {
        let words = parse_text(text);
        self.sync(|s| set_words(s, words, None, None, Origin::Import { source: "importText".into() }))
    }

    /// The word list as text, one word a line.
    #[wasm_bindgen(js_name = exportText)]
    pub fn export_text(&self) -> std::result::Result<String, JsValue> {
        self.sync(|s| {
            if !s.dataset().is_words() && !s.dataset().is_empty() {
                return Err(PlaygroundError::InvalidData("exportText writes word lists; this dataset is not one (use exportCsv)".into()));
            }
            Ok(to_text(s.dataset().words()))
        })
    }

    /// Replaces the dataset with makemore's `names.txt` (the worker fetches it only when asked),
    /// split as makemore splits it unless `options.testFraction` says otherwise.
    #[wasm_bindgen(js_name = loadNames)]
    pub fn load_names(&self, text: &str, options: JsValue) -> std::result::Result<(), JsValue> {
        let o: NamesOptions = if options.is_undefined() || options.is_null() {
            NamesOptions::default()
        } else {
            from_js_strict(&options, "loadPreset").map_err(js_error)?
        };
        let words = parse_text(text);
        let seed = o.seed.unwrap_or(1);
        let fraction = o.test_fraction.unwrap_or(makemore_test_fraction(words.len()));
        self.sync(|s| {
            let d = Dataset::from_words(words, fraction, seed)?.with_origin(Origin::Preset { name: "names".into(), seed });
            s.set_dataset(d)
        })
    }

    /// `[{ word, isNew, logprob }]`: new words from the program; `options` is `{ count,
    /// temperature, topK, prefix, seed }`, all optional.
    pub fn sample(&self, options: JsValue) -> Promise {
        let options: Result<SampleOptions> =
            if options.is_undefined() || options.is_null() { Ok(SampleOptions::default()) } else { from_js_strict(&options, "sample") };
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            to_js(&program_sample(&s.program(), s.dataset(), &options?).await?)
        })
    }

    /// `{ chars, dims, values, projection }`: every character's embedding now (or at a past
    /// `step`), with its place on a 2D map.
    pub fn embeddings(&self, step: Option<f64>) -> Promise {
        let step = step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            to_js(&embeddings(&s.program(), s.dataset(), step?).await?)
        })
    }

    /// `{ chars, layers }`: a transformer's attention for `word`, every block's and head's
    /// matrix (`layers[block][head][i][j]`), now or at a past `step`.
    pub fn attention(&self, word: String, step: Option<f64>) -> Promise {
        let step = step_arg(step);
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            to_js(&attention(&s.program(), s.dataset(), &word, step?).await?)
        })
    }

    /// `{ text, steps: [{ char, probability, alternatives }], stopped, endProbability }`: what the
    /// program writes after `prompt`; `options` is `{ maxChars, temperature, seed }`, all optional
    /// (temperature 0, the default, takes the likeliest character each time).
    pub fn complete(&self, prompt: String, options: JsValue) -> Promise {
        let options: Result<CompleteOptions> =
            if options.is_undefined() || options.is_null() { Ok(CompleteOptions::default()) } else { from_js_strict(&options, "complete") };
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            to_js(&program_complete(&s.program(), s.dataset(), &prompt, &options?).await?)
        })
    }

    /// `[{ char, probability }]`: the program's next character after `prefix`, most likely first.
    #[wasm_bindgen(js_name = nextChars)]
    pub fn next_chars(&self, prefix: String) -> Promise {
        with_workspace(&self.slot, async move |ws| {
            let s = ws.session();
            to_js(&program_next_chars(&s.program(), s.dataset(), &prefix).await?)
        })
    }
}
