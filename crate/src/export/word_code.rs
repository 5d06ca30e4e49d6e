//! "Compiling" a word program to Software 1.0: an ES module with the vocabulary, the embedding
//! table and the layers as literals, and `nextChars(prefix)` and `sample(random)` written out —
//! the same program the playground runs, readable line by line.

use super::description::ModelDescription;
use crate::error::{PlaygroundError, Result};
use crate::inspect::weights::WeightTensor;

/// The ES module for the word program `d` with `weights`, trained on `words` words.
pub fn word_module(d: &ModelDescription, weights: &[WeightTensor], words: usize) -> Result<String> {
    let text = d.text.as_ref().ok_or_else(|| PlaygroundError::InvalidConfig("not a word program".into()))?;
    if text.architecture == crate::model::text::TextArchitecture::Transformer {
        return Err(PlaygroundError::InvalidConfig(
            "code export writes out the bigram and the MLP; a transformer is exported as a model file (exportModel)".into(),
        ));
    }
    let vocab: Vec<String> = std::iter::once(".".to_string()).chain(text.vocabulary.chars().map(|c| c.to_string())).collect();
    let find = |name: &str| weights.iter().find(|w| w.name == name);
    let table = find("embedding.weight").ok_or_else(|| PlaygroundError::InvalidData("the program has no embedding table".into()))?;
    let mut out = String::new();
    out += &format!(
        "// A program that writes words, compiled by the Software 2.0 Playground from {words} words\n\
         // ({} step{}): {}.\n// Nobody wrote these numbers; training did. Regenerate it from the data, don't edit it.\n\n",
        d.step,
        if d.step == 1 { "" } else { "s" },
        match text.architecture {
            crate::model::text::TextArchitecture::Bigram => "a bigram table of next-character logits".to_string(),
            crate::model::text::TextArchitecture::Mlp | crate::model::text::TextArchitecture::Transformer => format!(
                "an MLP reading {} characters, embedded in {} dimensions, through tanh layers {:?}",
                text.context, text.embedding, text.hidden
            ),
        }
    );
    out += &format!(
        "/** The tokens: '.' ends a word; the rest are the characters the words use. */\nexport const VOCABULARY = {};\n",
        json(&vocab)
    );
    out += &format!("/** Characters read before the one written. */\nexport const CONTEXT = {};\n\n", text.context);
    out += &format!("/** One row per token: its embedding{}. */\nconst EMBEDDING = {};\n\n", bigram_note(text), rows(table));
    let mut layers = Vec::new();
    for i in 0.. {
        let (Some(w), Some(b)) = (find(&format!("layers.{i}.weight")), find(&format!("layers.{i}.bias"))) else { break };
        layers.push(format!("  {{ weight: {}, bias: {} }}", rows(w), numbers(&b.values)));
    }
    out += &format!(
        "/** Dense layers, first to last: weight[i][j] joins input i to output j; tanh between them. */\nconst LAYERS = [\n{}\n];\n\n",
        layers.join(",\n")
    );
    out += BODY;
    Ok(out)
}

fn bigram_note(text: &super::description::TextDescription) -> &'static str {
    match text.architecture {
        crate::model::text::TextArchitecture::Bigram => " (for a bigram, the logits of the next token)",
        crate::model::text::TextArchitecture::Mlp | crate::model::text::TextArchitecture::Transformer => "",
    }
}

/// A `[rows, cols]` tensor as nested array literals.
fn rows(t: &WeightTensor) -> String {
    let cols = t.shape.get(1).copied().unwrap_or(t.values.len()).max(1);
    let lines: Vec<String> = t.values.chunks(cols).map(|r| format!("  {}", numbers(r))).collect();
    format!("[\n{}\n]", lines.join(",\n"))
}

/// Numbers as a JS array literal, each the shortest text that reads back to the same `f32`.
fn numbers(values: &[f32]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{v}")).collect();
    format!("[{}]", items.join(", "))
}

fn json(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// The forward pass, `nextChars` and `sample`, the same for every word program.
const BODY: &str = r#"/** The logits of the next token after the tokens in `context` (CONTEXT of them). */
function logits(context) {
  let x = LAYERS.length ? context.flatMap((t) => EMBEDDING[t]) : EMBEDDING[context[context.length - 1]].slice();
  LAYERS.forEach(({ weight, bias }, layer) => {
    const y = bias.slice();
    weight.forEach((row, i) => row.forEach((w, j) => { y[j] += x[i] * w; }));
    x = layer < LAYERS.length - 1 ? y.map(Math.tanh) : y;
  });
  return x;
}

function softmax(z, temperature = 1) {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp((v - m) / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The tokens of `text`; a character the program never saw throws. */
function encode(text) {
  return [...text].map((c) => {
    const t = VOCABULARY.indexOf(c, 1);
    if (t < 1) throw new Error(`'${c}' is not a character the program knows`);
    return t;
  });
}

/** The last CONTEXT tokens, padded in front with the end token. */
function window(tokens) {
  const w = Array(Math.max(0, CONTEXT - tokens.length)).fill(0).concat(tokens.slice(-CONTEXT));
  return w;
}

/** Every next character after `prefix` with its probability, most likely first ('.' ends the word). */
export function nextChars(prefix = '') {
  const p = softmax(logits(window(encode(prefix))));
  return p.map((probability, t) => ({ char: VOCABULARY[t], probability })).sort((a, b) => b.probability - a.probability);
}

/** A new word, one character at a time; `random` gives numbers in [0, 1) (Math.random by default). */
export function sample(random = Math.random, { temperature = 1, prefix = '' } = {}) {
  const tokens = encode(prefix);
  while (tokens.length < 32) {
    const p = softmax(logits(window(tokens)), temperature);
    let u = random(), t = 0;
    while (t < p.length - 1 && u >= p[t]) { u -= p[t]; t += 1; }
    if (t === 0) break;
    tokens.push(t);
  }
  return tokens.map((t) => VOCABULARY[t]).join('');
}
"#;
