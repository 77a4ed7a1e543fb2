//! The workspace: one open project with its file, its on-disk stamp and its undo history.
//!
//! Both front ends go through it: the command line for each load → modify → save, the window for
//! the whole session. Loading (with migration of older files), applying edits, undo and redo,
//! preparing imports and name lists against the current project, locking the file and checking
//! it for changes by another program exist here once.
//!
//! Layer: above `model`, `store`, `import`, `analysis` and `edit`; below `cli` and `gui`.

mod exchange;
mod import;
mod names;

pub use exchange::{ExchangeReport, prepare_exchange};
pub use import::{FileOutcome, ImportPlan, prepare_import};
pub use names::load_names;

use crate::analysis::entities::{EntityCache, EntityTable};
use crate::analysis::mentions::MentionIndex;
use crate::edit::{Edit, EditError, History};
use crate::model::Project;
use crate::store::{self, DiskStamp, LoadError, SaveError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a workspace could not do what was asked. Nothing on disk changed.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The project could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The project could not be saved.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The project file is locked by another writer that did not let go in time.
    #[error(transparent)]
    Locked(#[from] store::LockError),
    /// Another program changed the file since it was read; saving would lose its changes.
    #[error(
        "the project changed on disk since it was read (another program saved it); nothing was written: {}",
        path.display()
    )]
    ChangedOnDisk {
        /// The project file.
        path: PathBuf,
    },
    /// An edit could not be applied.
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// One open project, its file and its history.
#[derive(Debug, Default)]
pub struct Workspace {
    /// The project as the user decided it.
    pub project: Project,
    /// Its file, once saved or opened.
    pub path: Option<PathBuf>,
    /// What the file looked like when last read or written, to notice another writer.
    pub stamp: Option<DiskStamp>,
    /// Undo, redo and the dirty flag.
    pub history: History,
    /// Each document's reading for entity analysis, kept so that a new analysis reads only the
    /// documents that changed.
    pub entity_cache: Arc<EntityCache>,
}

impl Workspace {
    /// A workspace for `project`, as it stands in `path` (or unsaved).
    pub fn new(project: Project, path: Option<PathBuf>, stamp: Option<DiskStamp>) -> Self {
        Self {
            project,
            path,
            stamp,
            history: History::default(),
            entity_cache: Arc::default(),
        }
    }

    /// Every entity of the project, derived and curated, and where each is mentioned.
    pub fn mentions(&self) -> MentionIndex {
        let table = EntityTable::derive(&self.project, &self.entity_cache);
        MentionIndex::build_with(&self.project, table, self.entity_cache.scans())
    }

    /// Opens the project file at `path`. A file of an older format is migrated: the project
    /// then has unsaved changes, and the next save writes the current format.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let (mut project, stamp, version) = store::load_versioned(path)?;
        // What saves killed midway left behind goes, unless another writer is at work.
        if let Some(_lock) = store::try_lock(path) {
            store::remove_stale_temporaries(
                &store::real_path(path).unwrap_or_else(|_| path.to_owned()),
            );
        }
        let migrated = migrate(&mut project, version);
        let mut workspace = Self::new(project, Some(path.to_owned()), stamp);
        if migrated {
            workspace.history.mark_unsaved();
        }
        Ok(workspace)
    }

    /// Applies an edit through the history.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.project, edit)
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.history.undo(&mut self.project)
    }

    /// Redoes the last undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.history.redo(&mut self.project)
    }

    /// Whether there are changes since the last save.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Whether the file changed on disk since this workspace read or wrote it.
    pub fn changed_on_disk(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(|path| store::changed_on_disk(path, self.stamp))
    }

    /// Saves the project to its file under the file's lock, unless another program changed the
    /// file since it was read.
    pub fn save(&mut self) -> Result<(), WorkspaceError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let _lock = store::lock(&path)?;
        if self.changed_on_disk() {
            return Err(WorkspaceError::ChangedOnDisk { path });
        }
        self.stamp = store::save(&self.project, &path)?;
        self.history.mark_saved();
        Ok(())
    }
}

/// Loads the project at `path` (or starts a new one named after the file when there is none and
/// `create` is set), lets `modify` change it, and saves it if it changed, all under the file's
/// lock, so two writers never interleave and neither loses the other's work.
pub fn modify<T, E>(
    path: &Path,
    create: bool,
    modify: impl FnOnce(&mut Workspace) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<WorkspaceError>,
{
    let lock = store::lock(path).map_err(WorkspaceError::from)?;
    let mut workspace = if create && !path.exists() {
        let mut workspace = Workspace::new(Project::new(name_from_path(path)), None, None);
        workspace.history.mark_unsaved();
        workspace
    } else {
        Workspace::open(path).map_err(WorkspaceError::from)?
    };
    let value = modify(&mut workspace)?;
    if workspace.is_dirty() {
        if store::changed_on_disk(path, workspace.stamp) {
            return Err(WorkspaceError::ChangedOnDisk {
                path: path.to_owned(),
            }
            .into());
        }
        store::save(&workspace.project, path).map_err(WorkspaceError::from)?;
    }
    drop(lock);
    Ok(value)
}

/// Brings a project read from a file of format `version` to the current format; returns
/// whether anything had to change.
pub fn migrate(project: &mut Project, version: u32) -> bool {
    if version >= 2 {
        return false;
    }
    // Format 1 stored every entity analysis found: keep those that carry a decision.
    let cache = crate::analysis::entities::EntityCache::default();
    let auto = cache.auto_entities(project);
    let before = project.entities.clone();
    crate::analysis::entities::migrate_from_version_1(project, &auto);
    log::info!(
        "migrated a format-1 project: {} of {} entities kept as decisions",
        project.entities.len(),
        before.len()
    );
    true
}

/// The project name for a new file: its stem.
pub fn name_from_path(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "Untitled".to_owned(), crate::text::file_name_text)
}
