//! "Compiling" the trained network to Software 1.0 source: a self-contained JavaScript module or
//! Rust function with every weight as a literal and the forward pass written out neuron by neuron.
//! The result is readable line by line, and says nothing a person could have written.

use serde::{Deserialize, Serialize};

use super::description::ModelDescription;
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};
use crate::inspect::weights::{WeightTensor, model_weights};
use crate::model::{Activation, Feature};
use crate::train::Program;

/// The languages code can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeLanguage {
    /// An ES module exporting `predict`.
    Js,
    /// A Rust function `predict`.
    Rust,
}

impl CodeLanguage {
    /// Parses `"js"` / `"javascript"` or `"rust"` / `"rs"`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_lowercase().as_str() {
            "js" | "javascript" | "mjs" => Ok(Self::Js),
            "rust" | "rs" => Ok(Self::Rust),
            other => Err(PlaygroundError::InvalidConfig(format!("unknown code language '{other}': use 'js' or 'rust'"))),
        }
    }
}

/// `program`'s current network (compiled from `data`) as source code in `language`.
pub async fn export_code(program: &Program<'_>, data: &Dataset, language: CodeLanguage) -> Result<String> {
    let description = ModelDescription::of(program, data)?;
    if !description.conv.is_empty() {
        return Err(PlaygroundError::InvalidConfig(
            "code export writes out fully connected networks; this one has convolutions (export the model file instead)".into(),
        ));
    }
    let weights = model_weights(&program.model()?).await?;
    if let Some(w) = weights.iter().find(|w| w.values.iter().any(|v| !v.is_finite())) {
        return Err(PlaygroundError::InvalidData(format!("'{}' holds a non-finite value: reset before exporting", w.name)));
    }
    if description.text.is_some() {
        return match language {
            CodeLanguage::Js => super::word_code::word_module(&description, &weights, data.len()),
            CodeLanguage::Rust => Err(PlaygroundError::InvalidConfig(
                "word programs export as JavaScript (exportCode('js')); Rust export writes programs on points and images".into(),
            )),
        };
    }
    let syntax = match language {
        CodeLanguage::Js => &JS,
        CodeLanguage::Rust => &RUST,
    };
    Ok(generate(syntax, &description, &weights, data.len()))
}

/// How one language spells the few constructs the generated code uses.
struct Syntax {
    /// Indentation plus line-comment marker inside the function body.
    comment: &'static str,
    doc: &'static str,
    declare: fn(&str, &str) -> String,
    activate: fn(Activation, &str) -> String,
    sin: fn(&str) -> String,
    pixel: fn(usize) -> String,
    header: fn(&ModelDescription, usize) -> String,
    footer: fn(&ModelDescription, &[String], usize) -> String,
}

const JS: Syntax = Syntax {
    comment: "  //",
    doc: "//",
    declare: |name, expr| format!("  const {name} = {expr};"),
    activate: |act, e| match act {
        Activation::Tanh => format!("Math.tanh({e})"),
        Activation::Relu => format!("Math.max(0, {e})"),
        Activation::Sigmoid => format!("1 / (1 + Math.exp(-({e})))"),
        Activation::Linear => e.to_string(),
    },
    sin: |v| format!("Math.sin({v})"),
    pixel: |i| format!("pixels[{i}]"),
    header: |d, slots| {
        let args = if d.image_size.is_some() { "pixels" } else { "x, y" };
        if d.task == Task::Regression {
            return format!("/** The predicted value at ({args}). */\nexport function predict({args}) {{\n");
        }
        format!(
            "/** The label each output unit stands for. */\nexport const CLASSES = {:?};\n\n\
             /** Class probabilities for ({args}), indexed by label ({slots} entries). */\nexport function predict({args}) {{\n",
            d.classes
        )
    },
    footer: |d, logits, slots| {
        if d.task == Task::Regression {
            return format!("  return {};\n}}\n", logits[0]);
        }
        let mut s = format!("  const logits = [{}];\n", logits.join(", "));
        s += "  const top = Math.max(...logits);\n  const e = logits.map((l) => Math.exp(l - top));\n";
        s += "  const total = e.reduce((a, b) => a + b, 0);\n";
        s += &format!("  const probabilities = new Array({slots}).fill(0);\n");
        s += &format!("  {:?}.forEach((label, k) => {{ probabilities[label] = e[k] / total; }});\n", d.classes);
        s + "  return probabilities;\n}\n"
    },
};

const RUST: Syntax = Syntax {
    comment: "    //",
    doc: "//!",
    declare: |name, expr| format!("    let {name}: f64 = {expr};"),
    activate: |act, e| match act {
        Activation::Tanh => format!("({e}).tanh()"),
        Activation::Relu => format!("({e}).max(0.0)"),
        Activation::Sigmoid => format!("1.0 / (1.0 + (-({e})).exp())"),
        Activation::Linear => e.to_string(),
    },
    sin: |v| format!("{v}.sin()"),
    pixel: |i| format!("pixels[{i}]"),
    header: |d, slots| {
        let (args, check) = match d.image_size {
            Some(_) => ("pixels: &[f64]", format!("    assert_eq!(pixels.len(), {}, \"expected {} pixels\");\n", d.inputs, d.inputs)),
            None => ("x: f64, y: f64", String::new()),
        };
        if d.task == Task::Regression {
            return format!(
                "/// The predicted value at the input.\n\
                 #[allow(clippy::excessive_precision, clippy::unreadable_literal)]\n\
                 pub fn predict({args}) -> f64 {{\n{check}"
            );
        }
        format!(
            "/// The label each output unit stands for.\npub const CLASSES: [u8; {}] = {:?};\n\n\
             /// Class probabilities for the input, indexed by label ({slots} entries).\n\
             #[allow(clippy::excessive_precision, clippy::unreadable_literal)]\n\
             pub fn predict({args}) -> [f64; {slots}] {{\n{check}",
            d.classes.len(),
            d.classes
        )
    },
    footer: |d, logits, slots| {
        if d.task == Task::Regression {
            return format!("    {}\n}}\n", logits[0]);
        }
        let mut s = format!("    let logits = [{}];\n", logits.join(", "));
        s += "    let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);\n";
        s += "    let e = logits.map(|l| (l - top).exp());\n    let total: f64 = e.iter().sum();\n";
        s += &format!("    let mut probabilities = [0.0; {slots}];\n");
        s += "    for (k, &label) in CLASSES.iter().enumerate() {\n        probabilities[label as usize] = e[k] / total;\n    }\n";
        s + "    probabilities\n}\n"
    },
};

/// The expression computing `f` from `x` and `y`.
fn feature(syntax: &Syntax, f: Feature) -> String {
    match f {
        Feature::X => "x".into(),
        Feature::Y => "y".into(),
        Feature::XSquared => "x * x".into(),
        Feature::YSquared => "y * y".into(),
        Feature::XTimesY => "x * y".into(),
        Feature::SinX => (syntax.sin)("x"),
        Feature::SinY => (syntax.sin)("y"),
    }
}

/// `w0 * a0 + w1 * a1 - … + b`, signs folded into the operators.
fn weighted_sum(inputs: &[String], column: impl Iterator<Item = f32>, bias: f32) -> String {
    let mut s = String::new();
    for (name, w) in inputs.iter().zip(column) {
        if s.is_empty() {
            s = format!("{w:?} * {name}");
        } else {
            s += &format!(" {} {:?} * {name}", if w < 0.0 { '-' } else { '+' }, w.abs());
        }
    }
    if s.is_empty() {
        return format!("{bias:?}");
    }
    s + &format!(" {} {:?}", if bias < 0.0 { '-' } else { '+' }, bias.abs())
}

fn generate(syntax: &Syntax, d: &ModelDescription, weights: &[WeightTensor], examples: usize) -> String {
    let c = syntax.comment;
    let slots = d.classes.last().map_or(0, |&l| l as usize + 1);
    let widths: Vec<String> = d.hidden.iter().map(|w| w.to_string()).collect();
    let input = match d.image_size {
        Some([w, h]) => format!("{w}×{h} pixels in [0, 1], row by row"),
        None => {
            format!("the point (x, y) in [-1, 1]², seen as features {}", d.features.iter().map(|f| f.name()).collect::<Vec<_>>().join(", "))
        }
    };
    let (kind, output) = match d.task {
        Task::Classification => ("A classifier", format!("softmax over classes {:?}", d.classes)),
        Task::Regression => ("A regression model", "the output is the predicted value".to_string()),
    };
    let mut out = format!(
        "{doc} {kind} compiled from data by the Software 2.0 Playground: {examples} examples, {} training steps.\n\
         {doc} Nobody wrote the numbers below; training found them. This is the whole program.\n\
         {doc} Input: {input}. Layers: {} → {} → {} ({:?} activation), {output}.\n\n",
        d.step,
        d.inputs,
        if widths.is_empty() { "(no hidden layer)".to_string() } else { widths.join(" → ") },
        d.outputs(),
        d.activation,
        doc = syntax.doc,
    );
    out += &(syntax.header)(d, slots);
    out += &format!("{c} inputs\n");
    let mut names: Vec<String> = Vec::with_capacity(d.inputs);
    for i in 0..d.inputs {
        let expr = match d.image_size {
            Some(_) => (syntax.pixel)(i),
            None => feature(syntax, d.features[i]),
        };
        names.push(format!("f{i}"));
        out += &(syntax.declare)(&names[i], &expr);
        out.push('\n');
    }
    let layers = weights.len() / 2;
    for l in 0..layers {
        let (weight, bias) = (&weights[2 * l], &weights[2 * l + 1]);
        let (rows, cols) = (weight.shape[0], weight.shape[1]);
        let last = l + 1 == layers;
        let output = if d.task == Task::Regression { "output value" } else { "output logits" };
        out += &format!("{c} {}\n", if last { output.to_string() } else { format!("hidden layer {}", l + 1) });
        let mut next = Vec::with_capacity(cols);
        for unit in 0..cols {
            let column = (0..rows).map(|r| weight.values[r * cols + unit]);
            let sum = weighted_sum(&names, column, bias.values[unit]);
            let name = if last { format!("o{unit}") } else { format!("h{}_{unit}", l + 1) };
            let expr = if last { sum } else { (syntax.activate)(d.activation, &sum) };
            out += &(syntax.declare)(&name, &expr);
            out.push('\n');
            next.push(name);
        }
        names = next;
    }
    out + &(syntax.footer)(d, &names, slots)
}
