//! A name list the user loads becomes one edit against the current project.

use crate::analysis::entities::EntityTable;
use crate::edit::Edit;
use crate::model::{NameEntry, Project};

/// The edit that loads these name-list entries into `project`, whose entities are `entities`:
/// entities added, completed or merged as each entry says, as one undoable step.
pub fn load_names(project: &Project, entities: &EntityTable, entries: &[NameEntry]) -> Edit {
    Edit::load_names(project, entities, entries)
}
