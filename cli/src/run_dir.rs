//! A native run's folder: burn-train's checkpoints and logs, and `run.json`, which says what the
//! run is (its input, its steps, its stretches), so `--resume` continues exactly that run.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::experiment::plain_io;

/// What a run is, as `run.json` keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    /// Fingerprint of the project file the run started from.
    pub input: String,
    /// Steps the run takes in all.
    pub steps: u64,
    /// Steps per stretch (between checkpoints).
    pub every: usize,
    /// The learning rate the run trains at when `--learning-rate` set one (else the project's).
    pub learning_rate: Option<f64>,
}

/// The run folder beside the project: `EXPERIMENT.sw2` → `EXPERIMENT.sw2-run/`.
pub fn default_dir(project: &Path) -> PathBuf {
    let mut name = project.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push("-run");
    project.with_file_name(name)
}

/// Starts a fresh run in `dir`: earlier checkpoints there are removed, `run.json` written.
pub fn start(dir: &Path, record: &RunRecord) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir.join("checkpoint"));
    crate::timeline_store::clear(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the run folder {}: {}", dir.display(), plain_io(&e)))?;
    let text =
        json!({ "input": record.input, "steps": record.steps, "every": record.every, "learningRate": record.learning_rate }).to_string();
    std::fs::write(dir.join("run.json"), text).map_err(|e| format!("cannot write {}: {}", dir.join("run.json").display(), plain_io(&e)))
}

/// The run `dir` holds, or why there is none to resume.
pub fn read(dir: &Path) -> Result<RunRecord, String> {
    let path = dir.join("run.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|_| format!("there is no run to resume in {}: start one without --resume", dir.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|_| format!("{} is damaged: start the run again without --resume", path.display()))?;
    let field =
        |k: &str| value.get(k).ok_or_else(|| format!("{} is damaged (no {k}): start the run again without --resume", path.display()));
    Ok(RunRecord {
        input: field("input")?.as_str().unwrap_or_default().to_string(),
        steps: field("steps")?.as_u64().unwrap_or(0),
        every: field("every")?.as_u64().unwrap_or(1) as usize,
        learning_rate: value.get("learningRate").and_then(Value::as_f64),
    })
}

/// The last stretch whose model, optimizer and scheduler checkpoints are all in `dir`.
pub fn last_checkpoint(dir: &Path) -> Option<usize> {
    let folder = dir.join("checkpoint");
    let entries = std::fs::read_dir(&folder).ok()?;
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_prefix("model-")?.strip_suffix(".bpk")?.parse::<usize>().ok())
        .filter(|e| ["optim", "scheduler"].iter().all(|kind| folder.join(format!("{kind}-{e}.bpk")).exists()))
        .max()
}
