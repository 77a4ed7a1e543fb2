//! Undo, redo and the revision that tells whether a project has unsaved changes.

use super::{Edit, EditError};
use crate::model::Project;

/// Undo and redo stacks, and the revision that tells whether the project has unsaved changes.
///
/// Each state of the project gets a revision number when an edit creates it; undo and redo move
/// between known revisions, so undoing back to the saved state makes the project clean again.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    next_revision: u64,
    saved_revision: u64,
}

#[derive(Debug)]
struct Step {
    edit: Edit,
    revision: u64,
}

impl History {
    /// Applies a new edit, records its inverse, and clears the redo stack.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        if edit.is_empty() {
            return Ok(());
        }
        let inverse = edit.apply(project)?;
        self.undo.push(Step {
            edit: inverse,
            revision: self.revision,
        });
        self.redo.clear();
        self.next_revision += 1;
        self.revision = self.next_revision;
        Ok(())
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        Self::step(project, &mut self.undo, &mut self.redo, &mut self.revision)
    }

    /// Redoes the last undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        Self::step(project, &mut self.redo, &mut self.undo, &mut self.revision)
    }

    fn step(
        project: &mut Project,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        revision: &mut u64,
    ) -> Result<Option<String>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        let label = step.edit.label.clone();
        match step.edit.clone().apply(project) {
            Ok(inverse) => {
                to.push(Step {
                    edit: inverse,
                    revision: *revision,
                });
                *revision = step.revision;
                Ok(Some(label))
            }
            Err(error) => {
                from.push(step);
                Err(error)
            }
        }
    }

    /// The label of the edit Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.edit.label.as_str())
    }

    /// The label of the edit Redo would apply again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.edit.label.as_str())
    }

    /// The revision of the project's current state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that the current state has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Records that a given revision was saved (a save that ran while the user kept editing).
    pub fn mark_saved_revision(&mut self, revision: u64) {
        self.saved_revision = revision;
    }

    /// Records that the current state was never saved (a restored recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }
}
