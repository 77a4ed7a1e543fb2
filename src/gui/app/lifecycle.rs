//! A project's life in the window: opening, saving, autosaving, importing, the file dialogs and
//! what the background jobs report.

use super::{Modal, Pending, TriangulateApp};
use crate::edit::Edit;
use crate::gui::jobs::{DialogPurpose, JobResult};
use crate::gui::messages::Level;
use crate::import::ImportError;
use crate::store;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Recent projects remembered.
const MAX_RECENT: usize = 10;

/// A dialog that returns faster than this never opened (no portal, no zenity).
const DIALOG_MISSING: Duration = Duration::from_millis(400);

impl TriangulateApp {
    /// Loads a project file in the background.
    pub fn open(&mut self, path: PathBuf) {
        self.messages
            .working(format!("Opening {}…", path.display()));
        self.jobs.load(path);
    }

    pub(super) fn dialog(&mut self, purpose: DialogPurpose) {
        // Where no dialog can open at all, the typed path is offered at once rather than after
        // a dialog that "closes" too fast (which a loaded machine can make slow enough to look
        // like a cancel).
        if !self.jobs.dialogs_available {
            self.modal = Some(Modal::TypedPath(purpose, String::new(), true));
            return;
        }
        let folder = self
            .workspace
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let name = self
            .workspace
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned());
        self.jobs.open_dialog(
            purpose,
            folder,
            name.or_else(|| Some(format!("{}.ron", self.workspace.project.name))),
        );
    }

    pub(super) fn save_to(&mut self, path: PathBuf, then: Option<Pending>, force: bool) {
        self.commit_notes();
        let same_file = self.workspace.path.as_deref() == Some(path.as_path());
        self.pending_after_save = then.clone();
        self.messages.working(format!("Saving {}…", path.display()));
        // Whether the file changed on disk is checked by the save, under the file's lock, where
        // no other writer can slip in; the answer comes back as the save's result.
        let expected = (same_file && !force).then_some(self.workspace.stamp);
        self.pending_save_check = Some((path.clone(), then));
        self.jobs.save(
            self.session,
            (
                self.workspace.project.clone(),
                self.workspace.history.revision(),
            ),
            path,
            expected,
        );
    }

    pub(super) fn import(&mut self, paths: Vec<PathBuf>) {
        if self.jobs.import.is_some() {
            self.messages.warn("An import is already running");
            return;
        }
        self.jobs.import(self.session, paths);
    }

    /// Puts `path` first in the recent projects; the jobs that open and save a project give it
    /// with its links resolved.
    pub(super) fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|known| *known != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub(super) fn handle_job(&mut self, result: JobResult) {
        match result {
            JobResult::Dialog {
                purpose,
                paths,
                open_for,
            } => {
                if paths.is_empty() {
                    self.discarded_generation = None;
                    if open_for < DIALOG_MISSING {
                        self.modal = Some(Modal::TypedPath(purpose, String::new(), true));
                    } else if purpose == DialogPurpose::SaveAs {
                        // Cancelling Save as also cancels what was waiting for the save.
                        self.pending_after_save = None;
                    }
                    return;
                }
                self.chosen(purpose, paths);
            }
            JobResult::Loaded {
                path,
                recovery,
                result,
                fallbacks,
                note,
                recent,
                newer_recovery,
            } => match result {
                Ok((mut workspace, index)) => {
                    // Edits made while the file was loading are not dropped without asking.
                    if self.workspace.history.is_dirty()
                        && self.discarded_generation != Some(self.generation)
                    {
                        self.messages.idle();
                        self.modal = Some(Modal::UnsavedChanges(Pending::Open(path)));
                        return;
                    }
                    workspace.path = Some(path.clone());
                    let migrated = workspace.is_dirty();
                    self.set_analysed_project(workspace, index);
                    self.remember(recent);
                    if migrated {
                        // An older format was converted: saving writes the current one.
                        self.workspace.history.mark_unsaved();
                    }
                    if recovery {
                        self.workspace.history.mark_unsaved();
                        self.messages
                            .done(format!("Restored unsaved changes of {}", path.display()));
                    } else if let Some(note) = note {
                        self.messages.done(note);
                    } else {
                        self.messages.done(format!("Opened {}", path.display()));
                        if let Some(when) = newer_recovery {
                            self.modal = Some(Modal::Recovery(path, when));
                        }
                    }
                }
                Err(error) => {
                    // The project stays: so does the question about its unsaved changes.
                    self.discarded_generation = None;
                    if fallbacks.is_empty() {
                        self.messages.fail(error.to_string());
                    } else {
                        // A backup or a recovery copy can stand in: the user decides.
                        self.messages
                            .fail(format!("Could not open {}", path.display()));
                        self.modal = Some(Modal::Damaged(path, error.to_string(), fallbacks));
                    }
                }
            },
            JobResult::Saved {
                session,
                path,
                revision,
                result,
                recent,
            } => {
                if session != self.session {
                    // The project was replaced while it was being saved; the result is not ours.
                    return;
                }
                match result {
                    Ok(stamp) => {
                        self.workspace.history.mark_saved_revision(revision);
                        self.workspace.stamp = stamp;
                        if revision == self.workspace.history.revision() {
                            // Everything is saved: the recovery copy has nothing more to offer.
                            self.jobs.discard_recovery(&path, false);
                        }
                        self.workspace.path = Some(path.clone());
                        self.remember(recent);
                        self.messages.done(format!("Saved {}", path.display()));
                        if let Some(pending) = self.pending_after_save.take() {
                            // Only a save of the current state lets a waiting action go ahead.
                            self.guard(pending);
                        }
                    }
                    Err(crate::workspace::WorkspaceError::ChangedOnDisk { path }) => {
                        // Another program saved it between the check and the save: ask.
                        let then = self.pending_save_check.take().and_then(|(_, then)| then);
                        self.pending_after_save = None;
                        self.messages.idle();
                        self.modal = Some(Modal::ChangedOnDisk(path, then));
                    }
                    Err(error) => {
                        self.pending_after_save = None;
                        self.messages.fail(error.to_string());
                    }
                }
            }
            JobResult::Imported { session, read } => {
                if session == self.session {
                    self.imported(read);
                } else {
                    self.messages
                        .warn("An import finished after its project was closed; nothing was added");
                }
            }
            JobResult::ExchangeRead {
                session,
                path,
                result,
            } => match result {
                Ok(exchange) if session == self.session => self.exchange_read(&path, &exchange),
                Ok(_) => {
                    self.messages.warn(
                        "A REFI-QDA import finished after its project was closed; nothing was added",
                    );
                }
                Err(message) => self.messages.fail(message),
            },
            JobResult::NamesRead {
                session,
                revision,
                path,
                result,
            } => match result {
                Ok(_) if session != self.session => {
                    self.messages.warn(
                        "A name list was read after its project was closed; nothing was added",
                    );
                }
                Ok(_) if revision != self.workspace.history.revision() => {
                    // The edit was prepared against an earlier state of the project.
                    self.messages.warn(format!(
                        "The project changed while {} was read: load the list again",
                        path.display()
                    ));
                }
                Ok((edit, names, skipped)) => {
                    if !edit.is_empty() {
                        self.apply(edit);
                    }
                    let skipped = if skipped == 0 {
                        String::new()
                    } else {
                        format!("; {skipped} lines not read")
                    };
                    self.messages.done(format!(
                        "Loaded {names} names from {}{skipped}",
                        path.display()
                    ));
                }
                Err(message) => self.messages.fail(message),
            },
            JobResult::Exported { path, result } => match result {
                Ok(()) => self.messages.done(format!("Wrote {}", path.display())),
                Err(message) => self.messages.fail(message),
            },
            JobResult::Autosaved {
                session,
                revision,
                result,
            } => {
                if session == self.session {
                    match result {
                        Ok(()) => self.autosaved_revision = Some(revision),
                        Err(error) => {
                            self.messages
                                .fail(format!("Automatic recovery copy failed: {error}"));
                        }
                    }
                }
            }
            JobResult::Searched {
                session,
                query,
                options,
                result,
            } => {
                if session == self.session {
                    self.search.receive(query, options, result);
                }
            }
            JobResult::RecoveryDiscarded { error, asked } => match error {
                Some(error) if asked => self.messages.fail(error),
                Some(error) => log::warn!("{error}"),
                None => {}
            },
            JobResult::TypedPath {
                purpose,
                path,
                exists,
            } => {
                if purpose == DialogPurpose::SaveAs
                    && exists
                    && self.workspace.path.as_deref() != Some(path.as_path())
                {
                    // No native dialog asked about replacing the file: ask here.
                    self.modal = Some(Modal::Overwrite(path));
                } else {
                    self.chosen(purpose, vec![path]);
                }
            }
            JobResult::Links { key, links } => {
                self.links_cache = Some((key, links));
            }
            JobResult::Analysed {
                session,
                generation,
                index,
            } => {
                if session == self.session
                    && self
                        .analysed_generation
                        .is_none_or(|known| generation > known)
                {
                    self.derived = index;
                    self.analysed_generation = Some(generation);
                }
            }
        }
    }

    pub(super) fn chosen(&mut self, purpose: DialogPurpose, mut paths: Vec<PathBuf>) {
        match purpose {
            DialogPurpose::OpenProject => {
                if let Some(path) = paths.pop() {
                    self.open(path);
                }
            }
            DialogPurpose::SaveAs => {
                if let Some(mut path) = paths.pop() {
                    if path.extension().is_none() {
                        path.set_extension(store::EXTENSION);
                    }
                    self.save_as(path);
                }
            }
            DialogPurpose::ImportFiles | DialogPurpose::ImportFolder => self.import(paths),
            DialogPurpose::LoadNames => {
                if let Some(path) = paths.pop() {
                    self.messages
                        .working(format!("Reading {}…", path.display()));
                    self.jobs.read_names(
                        (self.session, self.workspace.history.revision()),
                        path,
                        (
                            self.workspace.project.clone(),
                            self.derived.mentions.clone(),
                        ),
                    );
                }
            }
            DialogPurpose::ImportQdpx => {
                if let Some(path) = paths.pop() {
                    self.messages
                        .working(format!("Reading {}…", path.display()));
                    self.jobs.read_exchange(self.session, path);
                }
            }
            DialogPurpose::Export { format, entities } => {
                if let Some(mut path) = paths.pop() {
                    if path.extension().is_none() {
                        path.set_extension(format.extension());
                    }
                    self.messages
                        .working(format!("Writing {}…", path.display()));
                    self.jobs.export(
                        self.workspace.project.clone(),
                        (path, format),
                        entities.then(|| self.derived.mentions.clone()),
                    );
                }
            }
        }
    }

    /// Saves to a file the user chose (a native dialog has already asked about overwriting).
    pub(super) fn save_as(&mut self, path: PathBuf) {
        // A new project takes the name of its file, as an undoable edit saved with it.
        if self.workspace.project.name == "Untitled"
            && let Some(edit) =
                Edit::rename_project(&self.workspace.project, &crate::cli::name_from_path(&path))
        {
            self.apply(edit);
        }
        let then = self.pending_after_save.take();
        self.save_to(path, then, true);
    }

    /// A REFI-QDA file read on a worker joins the project as it is now, as one undoable step;
    /// what it held that could not come in is shown.
    pub(super) fn exchange_read(&mut self, path: &Path, exchange: &crate::import::qdpx::Exchange) {
        let (edit, report) = crate::workspace::prepare_exchange(&self.workspace.project, exchange);
        if let Some(edit) = edit {
            self.apply(edit);
        }
        let summary = format!(
            "Imported {}: {} documents, {} codes and {} claims added",
            path.display(),
            report.documents_added,
            report.codes_added,
            report.claims_added
        );
        if report.not_imported.is_empty() {
            self.messages.done(summary);
        } else {
            // The details go to the log; one toast says where they are.
            for item in &report.not_imported {
                self.messages.detail(
                    Level::Warning,
                    format!("Not imported from {}: {item}", path.display()),
                );
            }
            self.messages.warn(format!(
                "{summary}; {} kinds of items were not imported (listed in Messages)",
                report.not_imported.len()
            ));
        }
    }

    pub(super) fn imported(&mut self, read: crate::import::BatchRead) {
        // The files were read on a worker; they join the project as it is now.
        let report = crate::workspace::prepare_import(&self.workspace.project, read);
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut imported = 0;
        for outcome in &report.outcomes {
            let name = outcome.path.display();
            match &outcome.result {
                Ok(_) => {
                    imported += 1;
                    for warning in &outcome.warnings {
                        warnings.push(format!("Imported {name}, but {warning}"));
                    }
                }
                Err(error @ ImportError::Duplicate { .. }) => {
                    problems.push(format!("Skipped {name}: {error}"));
                }
                Err(error) => problems.push(format!("Failed {name}: {error}")),
            }
        }
        if let Some(edit) = report.edit {
            let first_new = self.workspace.project.next_document_id();
            let label = edit.label.clone();
            if let Err(error) = self.workspace.apply(edit) {
                self.messages.fail(format!(
                    "The import could not be added to the project ({label}): {error}"
                ));
                return;
            }
            self.changed();
            if self.panes.is_empty() {
                self.open_document(first_new, false);
            }
        }
        let cancelled = if report.cancelled { " (cancelled)" } else { "" };
        let summary = format!(
            "Imported {imported} of {} files{cancelled}",
            report.outcomes.len()
        );
        let (failed, warned) = (problems.len(), warnings.len());
        for problem in problems.into_iter().chain(warnings) {
            self.messages.detail(Level::Warning, problem);
        }
        let files = |count: usize| if count == 1 { "file was" } else { "files were" };
        match (failed, warned) {
            (0, 0) => self.messages.done(summary),
            (0, _) => self.messages.warn(format!(
                "{summary}: {warned} {} imported with warnings (listed in Messages)",
                files(warned)
            )),
            _ => self.messages.warn(format!(
                "{summary}: {failed} {} not imported (listed in Messages)",
                files(failed)
            )),
        }
    }

    /// Writes the recovery copy of unsaved changes now, on a worker thread, unless one is
    /// already being written or the current state is already in it.
    pub fn autosave_now(&mut self) {
        self.last_autosave = std::time::Instant::now();
        let Some(path) = self.workspace.path.clone() else {
            return;
        };
        let revision = self.workspace.history.revision();
        let busy = self.jobs.autosaving || self.jobs.saving.is_some();
        if busy || self.autosaved_revision == Some(revision) || !self.workspace.history.is_dirty() {
            return;
        }
        self.jobs
            .autosave(self.session, self.workspace.project.clone(), path, revision);
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, documents): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|path| {
                path.extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case(store::EXTENSION))
            });
        if let Some(project) = projects.into_iter().next() {
            self.guard(Pending::Open(project));
            return;
        }
        // A REFI-QDA project or codebook dropped on the window comes in as File ▸ Import
        // REFI-QDA project… brings it.
        let (exchanges, documents): (Vec<PathBuf>, Vec<PathBuf>) =
            documents.into_iter().partition(|path| {
                path.extension().is_some_and(|extension| {
                    ["qdpx", "qde", "qdc"]
                        .iter()
                        .any(|known| extension.eq_ignore_ascii_case(known))
                })
            });
        for path in exchanges {
            self.messages
                .working(format!("Reading {}…", path.display()));
            self.jobs.read_exchange(self.session, path);
        }
        if !documents.is_empty() {
            self.import(documents);
        }
    }
}
