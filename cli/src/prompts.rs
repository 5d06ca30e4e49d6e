//! `sw2 corpus`, `sw2 tasks` and `sw2 complete`: the prompt model (Software 3.0 in miniature)
//! made, measured and asked from the terminal. The corpus and the scores are the core's, so the
//! numbers here are the ones the page and the tests compute.

use std::path::Path;

use serde_json::{Value, json};
use sw2_playground::data::Dataset;
use sw2_playground::data::origin::Origin;
use sw2_playground::data::prompts::{Corpus, CorpusSpec, MoreLines, generate, trained_task};
use sw2_playground::inspect::complete::{CompleteOptions, Completion, program_complete};
use sw2_playground::inspect::prompt_scores::{Answered, TaskScore, ask, table};
use sw2_playground::train::ConfigPatch;
use sw2_playground::workspace::Workspace;

use crate::experiment::{Experiment, plain_io};

/// Share of the corpus lines kept for the test loss.
const TEST_FRACTION: f64 = 0.05;

/// The program the corpus is compiled into unless `--config` says otherwise: a 4-block
/// transformer 64 wide, trained with AdamW at 2e-3 on batches of 32 lines.
fn default_config() -> Value {
    json!({
        "architecture": "transformer", "embedding": 64, "layers": 4, "heads": 4, "context": 0,
        "optimizer": "adamw", "learningRate": 2e-3, "weightDecay": 0.01, "batchSize": 32, "seed": 1
    })
}

/// Reads the names a corpus draws from.
fn names(path: Option<&str>) -> Result<String, String> {
    let path = path.ok_or("--names NAMES.txt is needed: the word list the corpus draws names from (www/data/names.txt)")?;
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {}", plain_io(&e)))
}

/// `sw2 corpus OUT.sw2`: a new project whose data is the prompt corpus and whose program is the
/// prompt transformer, untrained, or (`onto`) the trained program of another project, which goes
/// on learning from the larger corpus as the page keeps weights when data is added. The corpus
/// recipe is kept in the file so `tasks` can rebuild the held-out questions.
pub fn corpus(out: &Path, names_path: Option<&str>, spec: CorpusSpec, config: Option<&str>, onto: Option<&Path>) -> Result<String, String> {
    let corpus = generate(&names(names_path)?, &spec).map_err(|e| e.to_string())?;
    let data = Dataset::from_lines(corpus.lines.clone(), TEST_FRACTION, spec.seed)
        .map_err(|e| e.to_string())?
        .with_origin(Origin::Preset { name: "prompts".into(), seed: spec.seed });
    let (ws, trained) = match onto {
        Some(path) => {
            (trained_workspace(path, config, data)?, "trained onward from the program of ".to_string() + &path.display().to_string())
        }
        None => (untrained_workspace(config, data)?, "untrained".to_string()),
    };
    let experiment = Experiment { workspace: ws, page: json!({ "prompts": spec }), bytes: Vec::new() };
    experiment.save(out)?;
    Ok(format!(
        "{}: {} lines over {} words ({} more held out), {trained}; train it with sw2 train {} --steps N",
        out.display(),
        corpus.lines.len(),
        corpus.training_words.len(),
        corpus.held_out_words.len(),
        out.display()
    ))
}

/// A workspace holding `data` and the default prompt transformer, patched by `--config`.
fn untrained_workspace(config: Option<&str>, data: Dataset) -> Result<Workspace, String> {
    let mut patch = default_config();
    if let Some(text) = config {
        let extra: Value = serde_json::from_str(text).map_err(|e| format!("--config is not JSON: {e}"))?;
        let Value::Object(extra) = extra else { return Err("--config takes a JSON object like {\"layers\": 3}".into()) };
        patch.as_object_mut().expect("an object").extend(extra);
    }
    let patch: ConfigPatch = serde_json::from_value(patch).map_err(|e| format!("--config: {e}"))?;
    let mut ws = Workspace::new();
    let s = ws.session_mut();
    s.set_dataset(data).map_err(|e| e.to_string())?;
    pollster::block_on(s.configure(patch)).map_err(|e| e.to_string())?;
    Ok(ws)
}

/// The workspace of the project at `path` with `data` in place of its lines, its weights and step
/// kept: the corpus must use the characters the program knows.
fn trained_workspace(path: &Path, config: Option<&str>, data: Dataset) -> Result<Workspace, String> {
    if config.is_some() {
        return Err("--config and --onto do not go together: the trained program keeps its configuration".into());
    }
    let mut experiment = Experiment::open(path)?;
    let s = experiment.workspace.session_mut();
    if !s.dataset().is_lines() {
        return Err(format!("{} holds no lines of text: --onto takes a project made by sw2 corpus", path.display()));
    }
    if data.vocabulary() != s.dataset().vocabulary() {
        return Err(format!("the new corpus uses other characters than {}'s program knows: it cannot train on", path.display()));
    }
    let step = s.step();
    s.set_dataset(data).map_err(|e| e.to_string())?;
    if s.step() != step {
        return Err(format!("the new corpus does not fit {}'s program (its lines are longer): it cannot train on", path.display()));
    }
    Ok(experiment.workspace)
}

/// The corpus a prompt project was made from, rebuilt from the recipe it keeps.
fn corpus_of(experiment: &Experiment, names_path: Option<&str>) -> Result<Corpus, String> {
    let recipe = experiment.page.get("prompts").cloned().ok_or("this project was not made by sw2 corpus: it keeps no corpus recipe")?;
    let spec: CorpusSpec = serde_json::from_value(recipe).map_err(|e| format!("the project's corpus recipe is damaged: {e}"))?;
    generate(&names(names_path)?, &spec).map_err(|e| e.to_string())
}

/// `sw2 tasks FILE.sw2`: every held-out question asked greedily, and the per-task table.
pub fn tasks(experiment: &Experiment, names_path: Option<&str>, per_task: usize) -> Result<(Vec<TaskScore>, Vec<Answered>), String> {
    let corpus = corpus_of(experiment, names_path)?;
    let s = experiment.workspace.session();
    let answered = pollster::block_on(ask(&s.program(), s.dataset(), &corpus, per_task, 1)).map_err(|e| e.to_string())?;
    Ok((table(&answered), answered))
}

/// `sw2 complete FILE.sw2 --prompt P`: the program's answer, character by character.
pub fn complete(experiment: &Experiment, prompt: &str, options: &CompleteOptions) -> Result<Completion, String> {
    let s = experiment.workspace.session();
    pollster::block_on(program_complete(&s.program(), s.dataset(), prompt, options)).map_err(|e| e.to_string())
}

/// `--more sort=4000,remove-vowels=4000`: more lines for the tasks named.
pub fn more_lines(text: &str) -> Result<Vec<MoreLines>, String> {
    text.split(',')
        .map(|part| {
            let (name, count) =
                part.split_once('=').ok_or_else(|| format!("--more takes TASK=LINES pairs like sort=4000, not '{part}'"))?;
            let task = trained_task(name.trim()).map_err(|e| format!("--more: {e}"))?;
            let lines =
                count.trim().parse::<usize>().map_err(|_| format!("--more: {name} needs a whole number of lines, not '{count}'"))?;
            Ok(MoreLines { task, lines })
        })
        .collect()
}
