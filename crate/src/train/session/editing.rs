//! Editing the "source code" like a programmer: undo and redo, commits, checkout and diffs.

use serde::Serialize;

use super::Session;
use crate::data::csv::{CsvData, ParsedCsv, parse_csv, to_csv, to_csv_with_sources};
use crate::data::origin::Origin;
use crate::data::versions::{Diff, diff};
use crate::data::{Dataset, Task};
use crate::error::{PlaygroundError, Result};

/// A committed version as listings show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    /// The id `commit` returned.
    pub id: String,
    /// The commit message.
    pub message: String,
    /// Content hash of the dataset.
    pub hash: String,
    /// Number of examples.
    pub examples: usize,
    /// Labels present (none for a regression dataset).
    pub classes: Vec<u8>,
    /// `"classification"` or `"regression"`.
    pub task: Task,
    /// Whether the current weights were last trained on exactly this content.
    pub trained: bool,
    /// Whether the current dataset has exactly this content.
    pub current: bool,
}

impl Session {
    /// Steps back to the dataset before the last change; `false` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<bool> {
        let Some(previous) = self.edits.undo(self.dataset.clone()) else { return Ok(false) };
        match self.replace_dataset(previous.clone()) {
            Ok(()) => Ok(true),
            Err(e) => {
                self.edits.cancel_undo(previous);
                Err(e)
            }
        }
    }

    /// Re-applies the change `undo` took back; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool> {
        let Some(next) = self.edits.redo(self.dataset.clone()) else { return Ok(false) };
        match self.replace_dataset(next.clone()) {
            Ok(()) => Ok(true),
            Err(e) => {
                self.edits.cancel_redo(next);
                Err(e)
            }
        }
    }

    /// How many steps `undo` and `redo` can take.
    pub fn undo_depth(&self) -> (usize, usize) {
        self.edits.depth()
    }

    /// Content hash of the current dataset.
    pub fn dataset_hash(&self) -> &str {
        &self.dataset_hash
    }

    /// Content hash of the dataset the weights were last trained on (`None` before any training).
    pub fn trained_on(&self) -> Option<&str> {
        self.trained_on.as_deref()
    }

    /// Commits the current dataset with `message`; returns the version id.
    pub fn commit(&mut self, message: &str) -> Result<String> {
        self.versions.commit(&self.dataset, message)
    }

    /// Every committed version, oldest first.
    pub fn versions(&self) -> Vec<VersionInfo> {
        self.versions
            .list()
            .iter()
            .map(|v| VersionInfo {
                id: v.id.clone(),
                message: v.message.clone(),
                hash: v.hash.clone(),
                examples: v.dataset.len(),
                classes: v.dataset.classes(),
                task: v.dataset.task(),
                trained: self.trained_on.as_deref() == Some(v.hash.as_str()),
                current: self.dataset_hash == v.hash,
            })
            .collect()
    }

    /// Makes version `id`'s dataset the current one (one undoable step).
    pub fn checkout(&mut self, id: &str) -> Result<()> {
        let dataset = self.versions.get(id)?.dataset.clone();
        self.set_dataset(dataset)
    }

    /// The dataset of version `id`, or the current one for `"current"`.
    pub fn version_dataset(&self, id: &str) -> Result<&Dataset> {
        if id == "current" { Ok(&self.dataset) } else { self.versions.get(id).map(|v| &v.dataset) }
    }

    /// What changed from version `a` to version `b`; either may be `"current"` for the dataset now.
    pub fn diff(&self, a: &str, b: &str) -> Result<Diff> {
        Ok(diff(self.version_dataset(a)?, self.version_dataset(b)?))
    }
}

impl Session {
    /// Replaces the dataset with the CSV `text` (one undoable step), keeping the split settings.
    /// A bad line rejects the whole import, naming line and column, and changes nothing. Returns the
    /// names of the columns it ignored (an `id`, a pandas index), for the page to mention.
    pub fn import_csv(&mut self, text: &str) -> Result<Vec<String>> {
        let (fraction, seed) = (self.dataset.test_fraction(), self.dataset.split_seed());
        let ParsedCsv { data, ignored, sources } = parse_csv(text)?;
        let dataset = match data {
            CsvData::Points(p) if p.is_empty() => return Err(empty_csv()),
            CsvData::Images(i) if i.is_empty() => return Err(empty_csv()),
            CsvData::Values(v) if v.is_empty() => return Err(empty_csv()),
            CsvData::Points(p) => Dataset::new(p, fraction, seed)?,
            CsvData::Images(i) => Dataset::from_images(i, fraction, seed)?,
            CsvData::Values(v) => Dataset::from_values(v, fraction, seed)?,
        };
        let dataset = match sources {
            Some(list) => dataset.with_origins(list.iter().map(|t| Origin::parse(t)).collect())?,
            None => dataset.with_origin(Origin::Import { source: "CSV".into() }),
        };
        self.set_dataset(dataset)?;
        Ok(ignored)
    }

    /// The current dataset as CSV text (header `x,y,label`, `x,y,value`, or pixel columns and `label`).
    pub fn export_csv(&self) -> String {
        to_csv(&self.dataset)
    }

    /// [`Session::export_csv`] with a last `source` column: who wrote each example.
    pub fn export_csv_with_sources(&self) -> String {
        to_csv_with_sources(&self.dataset)
    }
}

fn empty_csv() -> PlaygroundError {
    PlaygroundError::InvalidData("the CSV has a header but no rows: nothing to import".into())
}

impl Session {
    /// Gives examples new labels (values, for regression), `(index, label)` each, as one undoable
    /// step; a bad index or label rejects the whole list and changes nothing.
    pub fn relabel(&mut self, changes: &[(f64, f64)]) -> Result<()> {
        let next = self.dataset.relabelled(changes)?;
        self.set_dataset(next)
    }
}
