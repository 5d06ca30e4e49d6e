//! Undo and redo for the dataset: every change (an edit, `setData`, an import, a preset, a
//! checkout) is one step, like in a text editor.

use super::Dataset;

/// Most steps kept; older ones fall off.
pub const MAX_UNDO_STEPS: usize = 200;

/// Most examples held across all kept steps (images are large): older steps fall off beyond it.
pub const MAX_UNDO_EXAMPLES: usize = 400_000;

/// The datasets before (undo) and after (redo) the current one.
#[derive(Debug, Default)]
pub struct EditHistory {
    past: Vec<Dataset>,
    future: Vec<Dataset>,
}

impl EditHistory {
    /// Remembers `previous` as the state before a new change; the redo list is dropped.
    pub fn record(&mut self, previous: Dataset) {
        self.past.push(previous);
        self.future.clear();
        while self.past.len() > MAX_UNDO_STEPS || (self.past.len() > 1 && self.held() > MAX_UNDO_EXAMPLES) {
            self.past.remove(0);
        }
    }

    fn held(&self) -> usize {
        self.past.iter().map(Dataset::len).sum()
    }

    /// The dataset before `current`, which becomes redoable; `None` when there is nothing to undo.
    pub fn undo(&mut self, current: Dataset) -> Option<Dataset> {
        let previous = self.past.pop()?;
        self.future.push(current);
        Some(previous)
    }

    /// The dataset `undo` left, with `current` undoable again; `None` when there is nothing to redo.
    pub fn redo(&mut self, current: Dataset) -> Option<Dataset> {
        let next = self.future.pop()?;
        self.past.push(current);
        Some(next)
    }

    /// Puts back a step taken by `undo`/`redo` that could not be applied.
    pub fn cancel_undo(&mut self, previous: Dataset) {
        self.future.pop();
        self.past.push(previous);
    }

    /// Puts back a step taken by `redo` that could not be applied.
    pub fn cancel_redo(&mut self, next: Dataset) {
        self.past.pop();
        self.future.push(next);
    }

    /// The dataset `undo` would bring back, without taking it.
    pub fn peek_undo(&self) -> Option<&Dataset> {
        self.past.last()
    }

    /// The dataset `redo` would bring back, without taking it.
    pub fn peek_redo(&self) -> Option<&Dataset> {
        self.future.last()
    }

    /// How many steps can be undone and redone.
    pub fn depth(&self) -> (usize, usize) {
        (self.past.len(), self.future.len())
    }
}
