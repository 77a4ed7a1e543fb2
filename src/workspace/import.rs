//! Documents read by the importers join a project: ids, duplicates, one edit.

use crate::edit::Edit;
use crate::import::{BatchRead, ImportError};
use crate::model::{Document, DocumentId, Project};
use std::collections::HashMap;
use std::path::PathBuf;

/// What happened to one file of a batch.
#[derive(Debug)]
pub struct FileOutcome {
    /// The file.
    pub path: PathBuf,
    /// The new document's id, or why the file was not imported.
    pub result: Result<DocumentId, ImportError>,
    /// How many invalid byte sequences were replaced by U+FFFD.
    pub replaced: usize,
    /// What the importer warned about the text it read (a file cut short, say).
    pub warnings: Vec<String>,
}

/// A batch made ready to join one state of a project.
#[derive(Debug)]
pub struct ImportPlan {
    /// Adds the imported documents; `None` when nothing was imported.
    pub edit: Option<Edit>,
    /// One outcome per file, in the order given.
    pub outcomes: Vec<FileOutcome>,
    /// Whether the user cancelled before the end; finished files are kept.
    pub cancelled: bool,
}

impl ImportPlan {
    /// The title of the imported document with this id.
    pub fn title_of(&self, id: DocumentId) -> Option<&str> {
        self.edit
            .as_ref()?
            .changes
            .iter()
            .find_map(|change| match change {
                crate::edit::Change::Document {
                    after: Some(document),
                    ..
                } if document.id == id => Some(document.title.as_str()),
                _ => None,
            })
    }
}

/// Gives the documents read in a batch their ids in `project`, in file order, and refuses
/// those whose text the project (or an earlier file of the batch) already has.
///
/// Cheap: no file is read and nothing is analysed here (entities are derived from the
/// documents afterwards), so the window prepares a batch read on a worker against the project
/// as it is when the batch arrives.
pub fn prepare_import(project: &Project, read: BatchRead) -> ImportPlan {
    let mut seen: HashMap<String, String> = project
        .documents
        .iter()
        .map(|document| (document.content_hash.clone(), document.file.clone()))
        .collect();
    let mut next_id = project.next_document_id().0;
    let mut documents: Vec<Document> = Vec::new();
    let mut outcomes = Vec::with_capacity(read.files.len());
    for file in read.files {
        let mut replaced = 0;
        let mut warnings = Vec::new();
        let result = file.result.and_then(|imported| {
            let mut document = imported.document;
            replaced = imported.replaced;
            warnings = document.import_warnings.clone();
            if let Some(existing) = seen.get(&document.content_hash) {
                return Err(ImportError::Duplicate {
                    existing: existing.clone(),
                });
            }
            seen.insert(document.content_hash.clone(), document.file.clone());
            document.id = DocumentId(next_id);
            next_id += 1;
            let id = document.id;
            documents.push(document);
            Ok(id)
        });
        outcomes.push(FileOutcome {
            path: file.path,
            result,
            replaced,
            warnings,
        });
    }
    let edit = (!documents.is_empty()).then(|| Edit::add_documents(documents));
    ImportPlan {
        edit,
        outcomes,
        cancelled: read.cancelled,
    }
}
