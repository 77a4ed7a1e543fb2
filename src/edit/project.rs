//! Edits of the project as a whole and of its documents: import, document properties, notes, settings.

use super::{Change, Edit};
use crate::model::*;

impl Edit {
    /// Adds documents as one step; their entities are derived from them, not stored.
    pub fn add_documents(documents: Vec<Document>) -> Self {
        let count = documents.len();
        let label = if count == 1 {
            "Import document".to_owned()
        } else {
            format!("Import {count} documents")
        };
        let mut edit = Self::new(label);
        edit.changes
            .extend(documents.into_iter().map(|document| Change::Document {
                before: None,
                after: Some(Box::new(document)),
            }));
        edit
    }

    /// Changes one document's metadata through `update`; `None` if nothing would change.
    pub fn update_document(
        project: &Project,
        id: DocumentId,
        label: &str,
        update: impl FnOnce(&mut Document),
    ) -> Option<Self> {
        let before = project.document(id)?;
        let mut after = before.clone();
        update(&mut after);
        if after == *before {
            return None;
        }
        Some(Self {
            label: label.to_owned(),
            changes: vec![Change::Document {
                before: Some(Box::new(before.clone())),
                after: Some(Box::new(after)),
            }],
        })
    }

    /// Replaces the project notes.
    pub fn set_notes(project: &Project, notes: &str) -> Option<Self> {
        (project.notes != notes).then(|| Self {
            label: "Edit notes".into(),
            changes: vec![Change::Notes {
                before: project.notes.clone(),
                after: notes.to_owned(),
            }],
        })
    }

    /// Sets from which share of one document in another the two are near-duplicates. `None`
    /// if nothing would change.
    pub fn set_near_duplicate(project: &Project, threshold: NearDuplicate) -> Option<Self> {
        (project.near_duplicate != threshold).then(|| Self {
            label: format!("Near-duplicates from {}%", threshold.percent()),
            changes: vec![Change::NearDuplicate {
                before: project.near_duplicate,
                after: threshold,
            }],
        })
    }

    /// Renames the project.
    pub fn rename_project(project: &Project, name: &str) -> Option<Self> {
        let name = name.trim();
        (!name.is_empty() && project.name != name).then(|| Self {
            label: "Rename project".into(),
            changes: vec![Change::Name {
                before: project.name.clone(),
                after: name.to_owned(),
            }],
        })
    }
}
