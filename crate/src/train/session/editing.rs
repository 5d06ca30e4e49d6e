//! Editing the "source code" like a programmer — undo and redo, commits, checkout, diffs, CSV and
//! relabelling — through the session: the repository (`data/repo.rs`) keeps the history, and the
//! session checks that the data a step brings back can be compiled, then compiles it.

use super::Session;
use crate::data::Dataset;
use crate::data::repo::Repo;
pub use crate::data::repo::VersionInfo;
use crate::data::versions::Diff;
use crate::error::Result;

impl Session {
    /// Steps back to the dataset before the last change; `false` when there is nothing to undo.
    /// A step whose data would not fit this network's memory is refused and nothing changes.
    pub fn undo(&mut self) -> Result<bool> {
        self.step_history(Repo::undo_candidate, Repo::undo)
    }

    /// Re-applies the change `undo` took back; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<bool> {
        self.step_history(Repo::redo_candidate, Repo::redo)
    }

    /// An undo or a redo: checks the dataset it would bring back, then takes the step and
    /// compiles that data.
    fn step_history(&mut self, candidate: fn(&Repo) -> Option<&Dataset>, take: fn(&mut Repo) -> bool) -> Result<bool> {
        let Some(next) = candidate(&self.repo) else { return Ok(false) };
        self.check_fits(&self.config, next)?;
        let keep = self.keeps_weights(next);
        take(&mut self.repo);
        self.compile_new_data(keep);
        Ok(true)
    }

    /// How many steps `undo` and `redo` can take.
    pub fn undo_depth(&self) -> (usize, usize) {
        self.repo.undo_depth()
    }

    /// Content hash of the current dataset.
    pub fn dataset_hash(&self) -> &str {
        self.repo.hash()
    }

    /// Content hash of the dataset the weights were last trained on (`None` before any training).
    pub fn trained_on(&self) -> Option<&str> {
        self.trained_on.as_deref()
    }

    /// Commits the current dataset with `message`; returns the version id.
    pub fn commit(&mut self, message: &str) -> Result<String> {
        self.repo.commit(message)
    }

    /// Every committed version, oldest first.
    pub fn versions(&self) -> Vec<VersionInfo> {
        self.repo.versions(self.trained_on.as_deref())
    }

    /// Makes version `id`'s dataset the current one (one undoable step).
    pub fn checkout(&mut self, id: &str) -> Result<()> {
        let dataset = self.repo.version_dataset(id)?.clone();
        self.set_dataset(dataset)
    }

    /// The dataset of version `id`, or the current one for `"current"`.
    pub fn version_dataset(&self, id: &str) -> Result<&Dataset> {
        self.repo.version_dataset(id)
    }

    /// What changed from version `a` to version `b`; either may be `"current"` for the dataset now.
    pub fn diff(&self, a: &str, b: &str) -> Result<Diff> {
        self.repo.diff(a, b)
    }

    /// Replaces the dataset with the CSV `text` (one undoable step), keeping the split settings.
    /// A bad line rejects the whole import, naming line and column, and changes nothing. Returns the
    /// names of the columns it ignored (an `id`, a pandas index), for the page to mention.
    pub fn import_csv(&mut self, text: &str) -> Result<Vec<String>> {
        let (dataset, ignored) = self.repo.from_csv(text)?;
        self.set_dataset(dataset)?;
        Ok(ignored)
    }

    /// The current dataset as CSV text (header `x,y,label`, `x,y,value`, or pixel columns and `label`).
    pub fn export_csv(&self) -> String {
        self.repo.to_csv()
    }

    /// [`Session::export_csv`] with a last `source` column: who wrote each example.
    pub fn export_csv_with_sources(&self) -> String {
        self.repo.to_csv_with_sources()
    }

    /// Gives examples new labels (values, for regression), `(index, label)` each, as one undoable
    /// step; a bad index or label rejects the whole list and changes nothing.
    pub fn relabel(&mut self, changes: &[(f64, f64)]) -> Result<()> {
        let next = self.dataset().relabelled(changes)?;
        self.set_dataset(next)
    }
}
