//! `sw2 info`, `sw2 eval` and `sw2 sample`: reading a project without changing it. Every number
//! comes from the core the page runs, so the page and the terminal agree.

use serde_json::{Value, json};
use sw2_playground::data::{Dataset, Examples, Task};
use sw2_playground::inspect::predict::predict_rows;
use sw2_playground::inspect::writing::{SampleOptions, program_next_chars, program_sample};
use sw2_playground::model::text::TextArchitecture;
use sw2_playground::train::{Metrics, Schedule, evaluate};
use sw2_playground::workspace::Workspace;

/// One line of metrics, as `sw2 train` and `sw2 eval` print them.
pub fn metrics_line(m: &Metrics) -> String {
    let pct = |v: Option<f64>| v.map(|a| format!(", accuracy {:.1} %", a * 100.0)).unwrap_or_default();
    let mut line = format!("step {}: train loss {:.4}{}", m.step, m.train_loss, pct(m.train_accuracy));
    if let Some(test) = m.test_loss {
        line.push_str(&format!("; test loss {test:.4}{}", pct(m.test_accuracy)));
    }
    line
}

/// What kind of data, in words.
fn data_line(d: &Dataset) -> String {
    let (train, test) = (d.split_indices(false).len(), d.split_indices(true).len());
    let what = match d.examples() {
        Examples::Words(words) | Examples::Lines(words) => {
            let v = d.vocabulary().map_or(0, |v| v.len());
            let unit = if d.is_lines() { "lines" } else { "words" };
            format!("{} {unit}, {v} characters with the end token, longest {}", words.len(), d.longest_word())
        }
        Examples::Images(images) => {
            let (w, h) = d.image_size().unwrap_or((0, 0));
            format!("{} images of {w}×{h}, classes {:?}", images.len(), d.classes())
        }
        _ if d.task() == Task::Regression => format!("{} points with values", d.len()),
        _ => format!("{} points, classes {:?}", d.len(), d.classes()),
    };
    format!("{what}; {train} to train on, {test} held out")
}

/// `sw2 info`: the dataset, the configuration, the training so far and the versions.
pub fn info(ws: &Workspace) -> Vec<String> {
    let s = ws.session();
    let c = s.config();
    let mut lines = vec![format!("data: {}", data_line(s.dataset()))];
    let program = if let Some(vocab) = s.dataset().vocabulary() {
        // The shape the configuration builds on this data (a transformer's "auto" context resolved).
        let t = c.text.shape(vocab.len(), s.dataset().longest_word());
        match t.kind {
            TextArchitecture::Bigram => format!("bigram, a {0} × {0} table of logits", t.vocab),
            TextArchitecture::Mlp => format!("mlp, context {}, embedding {}, hidden {:?} (tanh)", t.context, t.embedding, t.hidden),
            TextArchitecture::Transformer => {
                let drops = if t.dropout > 0.0 { format!(", dropout {}", t.dropout) } else { String::new() };
                format!("transformer, context {}, width {}, {} layers of {} heads{drops}", t.context, t.embedding, t.layers, t.heads)
            }
        }
    } else {
        format!("hidden {:?}, conv {:?}, {:?}", c.hidden, c.conv, c.activation).to_lowercase()
    };
    lines.push(format!("program: {program}"));
    if let Ok(model) = s.model() {
        let count: usize = model.named_params().iter().map(|(_, t)| t.shape().num_elements()).sum();
        lines.push(format!("weights: {count} parameters ({} KB as 32-bit floats)", (count * 4).div_ceil(1024)));
    }
    // The names the page's configuration uses: `adamw`, a batch of `32` or `full`.
    let optimizer = serde_json::to_value(c.optimizer).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let batch = match c.batch_size {
        sw2_playground::train::BatchSize::Size(0) | sw2_playground::train::BatchSize::Full(_) => "full".to_string(),
        sw2_playground::train::BatchSize::Size(n) => n.to_string(),
    };
    let snapshots = s.timeline_steps().len();
    lines.push(format!(
        "training: {optimizer} at learning rate {}{}, batch {batch}, seed {}; {} steps so far, {snapshots} timeline snapshot{}",
        c.learning_rate,
        match c.schedule {
            Schedule::Constant => String::new(),
            Schedule::Cosine { steps } => format!(" falling by a cosine to a hundredth over {steps} steps"),
        },
        c.seed,
        s.step(),
        if snapshots == 1 { "" } else { "s" }
    ));
    let versions = s.versions();
    lines.push(format!("versions: {}", versions.len()));
    lines.extend(versions.iter().map(|v| format!("  {}  {} ({} examples)", v.id, v.message, v.examples)));
    lines
}

/// The metrics now, as the page's `evaluate()` reports them.
pub fn metrics(ws: &Workspace) -> Result<Metrics, String> {
    pollster::block_on(evaluate(ws.session())).map_err(|e| e.to_string())
}

/// What the program says on every example, as the page's `predict` (points, images) says it;
/// for words, `nextChars` after the first half of each of the first 20 words and after nothing.
pub fn predictions(ws: &Workspace) -> Result<Value, String> {
    let s = ws.session();
    let program = s.program();
    let data = s.dataset();
    let result = match data.examples() {
        Examples::Words(words) | Examples::Lines(words) => {
            let mut prefixes = vec![String::new()];
            prefixes.extend(words.iter().take(20).map(|w| w.chars().take(w.chars().count() / 2).collect::<String>()));
            let mut out = Vec::new();
            for prefix in prefixes {
                let next = pollster::block_on(program_next_chars(&program, data, &prefix)).map_err(|e| e.to_string())?;
                out.push(json!({ "prefix": prefix, "nextChars": next }));
            }
            json!(out)
        }
        Examples::Images(images) => {
            let rows: Vec<Vec<f64>> = images.iter().map(|i| i.pixels.iter().map(|&p| p as f64).collect()).collect();
            json!(pollster::block_on(predict_rows(&program, &rows)).map_err(|e| e.to_string())?)
        }
        _ => {
            let rows: Vec<Vec<f64>> = data.coordinates().into_iter().map(|(x, y)| vec![x, y]).collect();
            json!(pollster::block_on(predict_rows(&program, &rows)).map_err(|e| e.to_string())?)
        }
    };
    Ok(result)
}

/// `sw2 sample`: words the program writes.
pub fn sample(ws: &Workspace, options: &SampleOptions) -> Result<Vec<String>, String> {
    let s = ws.session();
    let samples = pollster::block_on(program_sample(&s.program(), s.dataset(), options)).map_err(|e| e.to_string())?;
    Ok(samples.iter().map(|x| format!("{}{}", x.word, if x.is_new { "" } else { "  (a training word)" })).collect())
}
