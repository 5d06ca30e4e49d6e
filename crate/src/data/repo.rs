//! The dataset's repository — source control for the "source code": the current dataset and its
//! content hash, undo and redo, committed versions, diffs between them, and the edits that make
//! a new dataset from the current one (a CSV import, relabelling). It knows nothing of networks:
//! whoever compiles the data (the training session) decides whether a new dataset fits, then
//! makes it current here.

use serde::Serialize;

use super::csv::{ParsedCsv, parse_csv, to_csv, to_csv_with_sources};
use super::origin::Origin;
use super::undo::EditHistory;
use super::versions::{Diff, Version, Versions, content_hash, diff};
use super::{Dataset, Task};
use crate::error::{PlaygroundError, Result};

/// The current dataset with its history and versions.
#[derive(Debug)]
pub struct Repo {
    dataset: Dataset,
    /// [`content_hash`] of `dataset`.
    hash: String,
    edits: EditHistory,
    versions: Versions,
}

impl Default for Repo {
    fn default() -> Self {
        Self::new(Dataset::empty())
    }
}

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

impl Repo {
    /// A repository holding `dataset`, with no history and no versions (a sibling's, for k-fold
    /// checks and comparisons, or a fresh one).
    pub fn new(dataset: Dataset) -> Self {
        Self { hash: content_hash(&dataset), dataset, edits: EditHistory::default(), versions: Versions::default() }
    }

    /// A repository holding `dataset` with these committed `versions` and a fresh undo history:
    /// what a project file brings.
    pub fn opened(dataset: Dataset, versions: Vec<Version>) -> Self {
        Self { versions: Versions::from_list(versions), ..Self::new(dataset) }
    }

    /// The current dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Content hash of the current dataset.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// Makes `next` current as one undoable step (the caller has checked that it can be used).
    pub fn change(&mut self, next: Dataset) {
        let previous = self.replace(next);
        self.edits.record(previous);
    }

    /// Makes `next` current without an undo step; returns the dataset it replaced.
    pub fn replace(&mut self, next: Dataset) -> Dataset {
        self.hash = content_hash(&next);
        std::mem::replace(&mut self.dataset, next)
    }

    /// The dataset an undo would bring back, if there is one. Nothing changes until
    /// [`Repo::undo_to`] makes it current, so the caller can refuse it first.
    pub fn undo_candidate(&self) -> Option<&Dataset> {
        self.edits.peek_undo()
    }

    /// The dataset a redo would bring back, if there is one.
    pub fn redo_candidate(&self) -> Option<&Dataset> {
        self.edits.peek_redo()
    }

    /// Steps back to the dataset before the last change; `false` when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.edits.undo(self.dataset.clone()) else { return false };
        self.replace(previous);
        true
    }

    /// Re-applies the change `undo` took back; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.edits.redo(self.dataset.clone()) else { return false };
        self.replace(next);
        true
    }

    /// How many steps `undo` and `redo` can take.
    pub fn undo_depth(&self) -> (usize, usize) {
        self.edits.depth()
    }

    /// Commits the current dataset with `message`; returns the version id.
    pub fn commit(&mut self, message: &str) -> Result<String> {
        self.versions.commit(&self.dataset, message)
    }

    /// The committed versions, oldest first.
    pub fn committed(&self) -> &[Version] {
        self.versions.list()
    }

    /// Every committed version as listings show it; `trained_on` is the content hash of the data
    /// the weights were last trained on.
    pub fn versions(&self, trained_on: Option<&str>) -> Vec<VersionInfo> {
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
                trained: trained_on == Some(v.hash.as_str()),
                current: self.hash == v.hash,
            })
            .collect()
    }

    /// The dataset of version `id`, or the current one for `"current"`.
    pub fn version_dataset(&self, id: &str) -> Result<&Dataset> {
        if id == "current" { Ok(&self.dataset) } else { self.versions.get(id).map(|v| &v.dataset) }
    }

    /// What changed from version `a` to version `b`; either may be `"current"` for the dataset now.
    pub fn diff(&self, a: &str, b: &str) -> Result<Diff> {
        Ok(diff(self.version_dataset(a)?, self.version_dataset(b)?))
    }

    /// The dataset the CSV `text` describes, split like the current one, with the names of the
    /// columns it ignored. A bad line rejects the whole text, naming line and column.
    pub fn from_csv(&self, text: &str) -> Result<(Dataset, Vec<String>)> {
        let (fraction, seed) = (self.dataset.test_fraction(), self.dataset.split_seed());
        let ParsedCsv { data, ignored, sources } = parse_csv(text)?;
        if data.is_empty() {
            return Err(empty_csv());
        }
        let dataset = Dataset::from_examples(data, fraction, seed)?;
        let dataset = match sources {
            Some(list) => dataset.with_origins(list.iter().map(|t| Origin::parse(t)).collect())?,
            None => dataset.with_origin(Origin::Import { source: "CSV".into() }),
        };
        Ok((dataset, ignored))
    }

    /// The current dataset as CSV text (header `x,y,label`, `x,y,value`, or pixel columns and `label`).
    pub fn to_csv(&self) -> String {
        to_csv(&self.dataset)
    }

    /// [`Repo::to_csv`] with a last `source` column: who wrote each example.
    pub fn to_csv_with_sources(&self) -> String {
        to_csv_with_sources(&self.dataset)
    }
}

fn empty_csv() -> PlaygroundError {
    PlaygroundError::InvalidData("the CSV has a header but no rows: nothing to import".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Point;

    fn points(n: usize) -> Dataset {
        Dataset::new((0..n).map(|i| Point { x: i as f64 / 10.0, y: 0.0, label: (i % 2) as u8 }).collect(), 0.0, 1).unwrap()
    }

    #[test]
    fn changes_undo_and_redo_and_the_hash_follows_the_content() {
        let mut repo = Repo::default();
        repo.change(points(3));
        repo.change(points(5));
        assert_eq!(repo.undo_depth(), (2, 0));
        assert_eq!(repo.hash(), content_hash(&points(5)));
        assert_eq!(repo.undo_candidate(), Some(&points(3)));
        assert!(repo.undo());
        assert_eq!(repo.dataset(), &points(3));
        assert_eq!(repo.hash(), content_hash(&points(3)));
        assert_eq!(repo.redo_candidate(), Some(&points(5)));
        assert!(repo.redo());
        assert_eq!(repo.dataset().len(), 5);
        assert!(!repo.redo());
        let id = repo.commit("five").unwrap();
        assert!(repo.versions(None)[0].current);
        assert_eq!(repo.diff(&id, "current").unwrap(), diff(&points(5), &points(5)));
        // A sibling's repository has the data and nothing else.
        let sibling = Repo::new(repo.dataset().clone());
        assert_eq!((sibling.undo_depth(), sibling.committed().len()), ((0, 0), 0));
    }
}
