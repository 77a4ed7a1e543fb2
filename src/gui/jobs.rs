//! Work that must not hold up a frame: file dialogs, loading, saving, importing, analysis.
//!
//! Each job runs on a named thread and sends one [`JobResult`] back through a channel; the app
//! polls the channel every frame, and the thread wakes the window when it is done.

use crate::analysis::Derived;
use crate::import::{BatchRead, ImportOptions, Progress, read_batch};
use crate::model::Project;
use crate::store::{self, DiskStamp, LoadError, SaveError};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Choose a project to open.
    OpenProject,
    /// Choose where to save the project.
    SaveAs,
    /// Choose documents to import.
    ImportFiles,
    /// Choose a folder to import.
    ImportFolder,
    /// Choose where to write the project in a format; `entities` adds them to a REFI-QDA
    /// project.
    Export {
        /// The format.
        format: crate::export::Format,
        /// Whether the entities go too.
        entities: bool,
    },
    /// Choose a name list to load.
    LoadNames,
    /// Choose a REFI-QDA project or codebook to import.
    ImportQdpx,
}

impl DialogPurpose {
    /// The title of the dialog, and of the typed-path fallback.
    pub fn title(self) -> &'static str {
        match self {
            Self::OpenProject => "Open project",
            Self::SaveAs => "Save project as",
            Self::ImportFiles => "Import documents",
            Self::ImportFolder => "Import folder",
            Self::Export { .. } => "Export",
            Self::LoadNames => "Load name list",
            Self::ImportQdpx => "Import REFI-QDA project",
        }
    }
}

/// Whether a native file dialog can open here. Windows and macOS always have one; elsewhere rfd
/// needs the desktop portal (over a D-Bus session bus) or `zenity`.
pub fn dialogs_available() -> bool {
    #[cfg(any(target_os = "windows", target_os = "macos"))]
    {
        true
    }
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    {
        let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|folder| std::path::Path::new(&folder).join("bus").exists());
        let zenity = std::env::var_os("PATH").is_some_and(|path| {
            std::env::split_paths(&path).any(|folder| folder.join("zenity").is_file())
        });
        session_bus || zenity
    }
}

/// A finished job.
#[allow(clippy::large_enum_variant)] // Each result crosses the channel once; a box would only add an allocation.
pub enum JobResult {
    /// A file dialog closed; `paths` is empty when it was cancelled or could not open.
    Dialog {
        /// Why it was opened.
        purpose: DialogPurpose,
        /// What the user chose.
        paths: Vec<PathBuf>,
        /// How long it was open: a dialog that "closes" at once never opened.
        open_for: Duration,
    },
    /// A project was read.
    Loaded {
        /// The project file (for a recovery, the project it belongs to).
        path: PathBuf,
        /// Whether this is the project's recovery file, with unsaved changes.
        recovery: bool,
        /// The project in its workspace (migrated if its file was of an older format) and its
        /// entities, or why it failed.
        result: Result<(crate::workspace::Workspace, Derived), LoadError>,
        /// When it failed: the project's backup and recovery copy that load.
        fallbacks: Vec<store::Fallback>,
        /// What to tell the user once it is open, if more than that it opened.
        note: Option<String>,
        /// The file as the recent list keeps it (links resolved).
        recent: PathBuf,
        /// When the project's recovery copy, newer than its file, was made; `None` when it
        /// has none newer.
        newer_recovery: Option<String>,
    },
    /// A project was written.
    Saved {
        /// The project session the save belongs to.
        session: u64,
        /// The file.
        path: PathBuf,
        /// The project revision that was written.
        revision: u64,
        /// The new stamp, or why it failed (another writer held the file, or changed it since
        /// it was read).
        result: Result<Option<DiskStamp>, crate::workspace::WorkspaceError>,
        /// The file as the recent list keeps it (links resolved).
        recent: PathBuf,
    },
    /// A project's recovery copy was deleted, or could not be.
    RecoveryDiscarded {
        /// Why it could not be deleted; `None` when it was, or there was none.
        error: Option<String>,
        /// Whether the user asked for it (so a failure is worth telling).
        asked: bool,
    },
    /// A path typed in place of a file dialog was looked at.
    TypedPath {
        /// What it was typed for.
        purpose: DialogPurpose,
        /// The path.
        path: PathBuf,
        /// Whether a file is there already.
        exists: bool,
    },
    /// What links a set of open documents was worked out.
    Links {
        /// What the links were worked out for (see [`LinksKey`]).
        key: LinksKey,
        /// The shared passages and anchors.
        links: Arc<Vec<crate::analysis::anchors::Link>>,
    },
    /// An import finished or was cancelled.
    Imported {
        /// The project session the import belongs to.
        session: u64,
        /// The files as read, in the order given.
        read: BatchRead,
    },
    /// The recovery file was written.
    Autosaved {
        /// The project session.
        session: u64,
        /// The revision written.
        revision: u64,
        /// Whether it worked.
        result: Result<(), SaveError>,
    },
    /// A REFI-QDA file was read, for the project session given.
    ExchangeRead {
        /// The project session it is for.
        session: u64,
        /// The file.
        path: PathBuf,
        /// What it holds, or why it cannot be read (the message names the file).
        result: Result<crate::import::qdpx::Exchange, String>,
    },
    /// A name list was read and made into an edit of the project as it was when asked.
    NamesRead {
        /// The project session it is for.
        session: u64,
        /// The project revision the edit was prepared against.
        revision: u64,
        /// The file.
        path: PathBuf,
        /// The edit, how many names it read and how many lines it could not read; or why the
        /// file cannot be read (the message names it).
        result: Result<(crate::edit::Edit, usize, usize), String>,
    },
    /// A report was written.
    Exported {
        /// The file.
        path: PathBuf,
        /// Whether it worked.
        result: Result<(), String>,
    },
    /// A search finished.
    Searched {
        /// The project session searched.
        session: u64,
        /// The query.
        query: String,
        /// The options.
        options: crate::analysis::search::SearchOptions,
        /// The hits, or why the query could not run.
        result: Result<crate::analysis::search::Results, String>,
    },
    /// Mentions were found again for a generation of the project.
    Analysed {
        /// The project session analysed.
        session: u64,
        /// The project generation analysed.
        generation: u64,
        /// The result.
        index: Derived,
    },
}

/// A running import, for its progress bar and cancel button.
pub struct ImportJob {
    /// Updated by the worker before each file.
    pub progress: Arc<Mutex<Progress>>,
    /// Set by the cancel button.
    pub cancel: Arc<AtomicBool>,
}

/// The job threads and the channel they report through.
pub struct Jobs {
    sender: Sender<JobResult>,
    receiver: Receiver<JobResult>,
    ctx: egui::Context,
    /// The running import.
    pub import: Option<ImportJob>,
    /// The file being saved.
    pub saving: Option<PathBuf>,
    /// The file being loaded.
    pub loading: Option<PathBuf>,
    /// The generation being analysed.
    pub analysing: Option<u64>,
    /// Whether a dialog is open.
    pub dialog_open: bool,
    /// Whether the recovery file is being written.
    pub autosaving: bool,
    /// Whether a REFI-QDA file or a name list is being read.
    pub reading_file: bool,
    /// Whether the links between open documents are being worked out.
    pub linking: bool,
    /// Whether a native file dialog can open here, as found when the window started.
    pub dialogs_available: bool,
}

impl Jobs {
    /// No jobs yet; finished jobs wake `ctx`.
    pub fn new(ctx: egui::Context) -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            ctx,
            import: None,
            saving: None,
            loading: None,
            analysing: None,
            dialog_open: false,
            autosaving: false,
            reading_file: false,
            linking: false,
            dialogs_available: dialogs_available(),
        }
    }

    /// The context that finished jobs wake.
    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// The results that arrived since the last call.
    pub fn poll(&mut self) -> Vec<JobResult> {
        let results: Vec<JobResult> = self.receiver.try_iter().collect();
        for result in &results {
            match result {
                JobResult::Dialog { .. } => self.dialog_open = false,
                JobResult::Loaded { .. } => self.loading = None,
                JobResult::Saved { .. } => self.saving = None,
                JobResult::Imported { .. } => self.import = None,
                JobResult::Analysed { .. } => self.analysing = None,
                JobResult::Links { .. } => self.linking = false,
                JobResult::Searched { .. }
                | JobResult::Exported { .. }
                | JobResult::RecoveryDiscarded { .. }
                | JobResult::TypedPath { .. } => {}
                JobResult::Autosaved { .. } => self.autosaving = false,
                JobResult::ExchangeRead { .. } | JobResult::NamesRead { .. } => {
                    self.reading_file = false;
                }
            }
        }
        results
    }

    /// Whether any job is under way (the window keeps repainting for progress).
    pub fn busy(&self) -> bool {
        self.import.is_some()
            || self.saving.is_some()
            || self.loading.is_some()
            || self.analysing.is_some()
            || self.reading_file
    }

    fn spawn(&self, name: &str, work: impl FnOnce() -> JobResult + Send + 'static) {
        let sender = self.sender.clone();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                // The receiver only goes away when the app closes; the result is moot then.
                let _ = sender.send(work());
                ctx.request_repaint();
            });
        if let Err(error) = spawned {
            log_spawn_failure(name, &error);
        }
    }

    /// Opens a native file dialog on its own thread.
    pub fn open_dialog(
        &mut self,
        purpose: DialogPurpose,
        start_in: Option<PathBuf>,
        file_name: Option<String>,
    ) {
        if self.dialog_open {
            return;
        }
        self.dialog_open = true;
        self.spawn("file-dialog", move || {
            let opened = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
            if let Some(folder) = start_in {
                dialog = dialog.set_directory(folder);
            }
            let paths = match purpose {
                DialogPurpose::OpenProject => dialog
                    .add_filter("Triangulate project", &["ron"])
                    .pick_file()
                    .into_iter()
                    .collect(),
                DialogPurpose::SaveAs => dialog
                    .add_filter("Triangulate project", &["ron"])
                    .set_file_name(file_name.unwrap_or_else(|| "project.ron".into()))
                    .save_file()
                    .into_iter()
                    .collect(),
                DialogPurpose::ImportFiles => dialog
                    .add_filter(
                        "Documents (text, Markdown, web pages, Word, OpenDocument, RTF, PDF, EPUB)",
                        &crate::import::importable_extensions().collect::<Vec<_>>(),
                    )
                    .pick_files()
                    .unwrap_or_default(),
                DialogPurpose::ImportFolder => dialog.pick_folder().into_iter().collect(),
                DialogPurpose::ImportQdpx => dialog
                    .add_filter("REFI-QDA project or codebook", &["qdpx", "qde", "qdc"])
                    .pick_file()
                    .into_iter()
                    .collect(),
                DialogPurpose::LoadNames => dialog
                    .add_filter("Name list", &["txt", "csv", "tsv"])
                    .pick_file()
                    .into_iter()
                    .collect(),
                DialogPurpose::Export { format, .. } => {
                    // The chosen format's filter first, then the others.
                    let others = crate::export::Format::ALL
                        .into_iter()
                        .filter(|other| *other != format);
                    let stem = file_name
                        .as_deref()
                        .map(Path::new)
                        .and_then(Path::file_stem)
                        .map_or_else(|| "report".into(), |stem| stem.to_string_lossy());
                    std::iter::once(format)
                        .chain(others)
                        .fold(dialog, |dialog, format| {
                            dialog.add_filter(format.label(), &[format.extension()])
                        })
                        .set_file_name(format!("{stem}.{}", format.extension()))
                        .save_file()
                        .into_iter()
                        .collect()
                }
            };
            JobResult::Dialog {
                purpose,
                paths,
                open_for: opened.elapsed(),
            }
        });
    }

    /// Loads a project on its own thread.
    pub fn load(&mut self, path: PathBuf) {
        self.load_file(path, false);
    }

    /// Loads a project's recovery file on its own thread.
    pub fn load_recovery(&mut self, path: PathBuf) {
        self.load_file(path, true);
    }

    fn load_file(&mut self, path: PathBuf, recovery: bool) {
        self.loading = Some(path.clone());
        self.spawn("load-project", move || {
            let file = if recovery {
                store::recovery_path(&path)
            } else {
                path.clone()
            };
            // Entities are derived here too, so the first frame of the project shows its
            // highlights.
            let result = crate::workspace::Workspace::open(&file).map(|workspace| {
                let index = Derived::mentions_only(&workspace.project, &workspace.entity_cache);
                (workspace, index)
            });
            // A restored recovery keeps the project file's stamp: saving writes over it.
            let result = result.map(|(mut workspace, index)| {
                if recovery {
                    workspace.stamp = DiskStamp::read(&path);
                }
                (workspace, index)
            });
            let fallbacks = if result.is_err() && !recovery {
                store::fallbacks(&path)
            } else {
                Vec::new()
            };
            let newer_recovery = (result.is_ok() && !recovery)
                .then(|| newer_recovery(&path))
                .flatten();
            JobResult::Loaded {
                recent: recent_key(&path),
                path,
                recovery,
                result,
                fallbacks,
                note: None,
                newer_recovery,
            }
        });
    }

    /// Puts a copy of a project that cannot be read (its backup or recovery copy) in its place,
    /// keeping the damaged file aside, and opens it, on its own thread.
    pub fn restore(&mut self, path: PathBuf, copy: store::Fallback) {
        self.loading = Some(path.clone());
        self.spawn("restore-project", move || {
            let restored = store::restore(&path, &copy.path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            });
            let (result, note) = match restored {
                Ok(kept) => {
                    let result = crate::workspace::Workspace::open(&path).map(|workspace| {
                        let index =
                            Derived::mentions_only(&workspace.project, &workspace.entity_cache);
                        (workspace, index)
                    });
                    let kept = kept.map_or_else(String::new, |kept| {
                        format!("; the damaged file is kept as {}", kept.display())
                    });
                    let note = format!(
                        "Restored {} from its {} of {}{kept}",
                        path.display(),
                        copy.kind.label(),
                        copy.when()
                    );
                    (result, Some(note))
                }
                Err(error) => (Err(error), None),
            };
            JobResult::Loaded {
                recent: recent_key(&path),
                path,
                recovery: false,
                result,
                fallbacks: Vec::new(),
                note,
                newer_recovery: None,
            }
        });
    }

    /// Saves a snapshot of the project on its own thread, under the file's lock. With
    /// `expected`, the file must still be as it was then (the stamp the project was read or last
    /// written with), or nothing is written.
    pub fn save(
        &mut self,
        session: u64,
        (project, revision): (Project, u64),
        path: PathBuf,
        expected: Option<Option<DiskStamp>>,
    ) {
        self.saving = Some(path.clone());
        self.spawn("save-project", move || {
            let result = (|| {
                let _lock = store::lock(&path)?;
                if let Some(stamp) = expected
                    && store::changed_on_disk(&path, stamp)
                {
                    return Err(crate::workspace::WorkspaceError::ChangedOnDisk {
                        path: path.clone(),
                    });
                }
                Ok(store::save(&project, &path)?)
            })();
            JobResult::Saved {
                session,
                recent: recent_key(&path),
                path,
                revision,
                result,
            }
        });
    }

    /// Reads files to import on its own thread; they join the project when they arrive.
    pub fn import(&mut self, session: u64, paths: Vec<PathBuf>) {
        let progress = Arc::new(Mutex::new(Progress {
            total: paths.len(),
            ..Progress::default()
        }));
        let cancel = Arc::new(AtomicBool::new(false));
        self.import = Some(ImportJob {
            progress: progress.clone(),
            cancel: cancel.clone(),
        });
        let ctx = self.ctx.clone();
        self.spawn("import", move || {
            let read = read_batch(
                &paths,
                ImportOptions::default(),
                &|status| {
                    if let Ok(mut shared) = progress.lock() {
                        shared.clone_from(status);
                    }
                    ctx.request_repaint();
                },
                &cancel,
            );
            JobResult::Imported { session, read }
        });
    }

    /// Writes the recovery file of a snapshot of the project on its own thread.
    pub fn autosave(&mut self, session: u64, project: Project, path: PathBuf, revision: u64) {
        self.autosaving = true;
        self.spawn("autosave", move || JobResult::Autosaved {
            session,
            revision,
            result: store::write_recovery(&project, &path),
        });
    }

    /// Writes a report or an interchange file of a snapshot of the project on its own thread,
    /// in the format the file's extension names (the one chosen when it names none), with the
    /// entities of `entities` in a REFI-QDA project.
    pub fn export(
        &mut self,
        project: Project,
        (path, chosen): (PathBuf, crate::export::Format),
        entities: Option<Arc<crate::analysis::mentions::MentionIndex>>,
    ) {
        self.spawn("export", move || {
            let format = path
                .extension()
                .and_then(|extension| extension.to_str())
                .and_then(crate::export::Format::parse)
                .unwrap_or(chosen);
            let result = crate::export::write(&project, format, entities.as_deref())
                .map_err(|error| format!("cannot export {}: {error}", path.display()))
                .and_then(|bytes| {
                    crate::store::write_atomically(&path, &bytes)
                        .map_err(|error| format!("cannot write {}: {error}", path.display()))
                });
            JobResult::Exported { path, result }
        });
    }

    /// Reads a REFI-QDA project or codebook on its own thread.
    pub fn read_exchange(&mut self, session: u64, path: PathBuf) {
        self.reading_file = true;
        self.spawn("read REFI-QDA", move || {
            let result = crate::import::qdpx::read_exchange_file(&path)
                .map_err(|error| format!("Cannot import {}: {error}", path.display()));
            JobResult::ExchangeRead {
                session,
                path,
                result,
            }
        });
    }

    /// Reads a name list and prepares its edit against a snapshot of the project on its own
    /// thread: both the file and the edit (which looks up every name among every entity) would
    /// hold up a frame.
    pub fn read_names(
        &mut self,
        (session, revision): (u64, u64),
        path: PathBuf,
        (project, mentions): (Project, Arc<crate::analysis::mentions::MentionIndex>),
    ) {
        self.reading_file = true;
        self.spawn("read name list", move || {
            let result = crate::import::names::read_names_file(&path).map(|(entries, skipped)| {
                let edit = crate::workspace::load_names(&project, &mentions.entities, &entries);
                (edit, entries.len(), skipped.len())
            });
            JobResult::NamesRead {
                session,
                revision,
                path,
                result,
            }
        });
    }

    /// Searches a snapshot of the project on its own thread, with the folded text of this
    /// version of the project from `folded`, built there first when it is of another version.
    pub fn search(
        &mut self,
        (session, generation): (u64, u64),
        (project, mentions): (Project, Arc<crate::analysis::mentions::MentionIndex>),
        folded: FoldedCache,
        (query, options): (String, crate::analysis::search::SearchOptions),
    ) {
        self.spawn("search", move || {
            let index = {
                let mut cache = folded
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match &*cache {
                    Some((key, index)) if *key == (session, generation) => index.clone(),
                    _ => {
                        let index = Arc::new(crate::analysis::search::SearchIndex::build(&project));
                        *cache = Some(((session, generation), index.clone()));
                        index
                    }
                }
            };
            let result = crate::analysis::search::search_with(
                &project,
                &mentions.entities.entities,
                Some(&index),
                &query,
                &options,
            )
            .map_err(|error| error.to_string());
            JobResult::Searched {
                session,
                query,
                options,
                result,
            }
        });
    }

    /// Brings the derived data of a snapshot of the project up to date on its own thread,
    /// reusing the parts of `previous` whose inputs did not change and the documents `cache`
    /// has already read.
    pub fn analyse(
        &mut self,
        (session, generation): (u64, u64),
        project: Project,
        previous: Derived,
        cache: Arc<crate::analysis::entities::EntityCache>,
    ) {
        self.analysing = Some(generation);
        self.spawn("analysis", move || JobResult::Analysed {
            session,
            generation,
            index: Derived::update(&project, &previous, &cache),
        });
    }

    /// Deletes a project's recovery copy on its own thread; `asked` when the user chose to.
    pub fn discard_recovery(&self, path: &Path, asked: bool) {
        let copy = store::recovery_path(path);
        self.spawn("discard-recovery", move || {
            let error = match std::fs::remove_file(&copy) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => Some(format!(
                    "Could not delete the recovery copy {}: {error}",
                    copy.display()
                )),
                _ => None,
            };
            JobResult::RecoveryDiscarded { error, asked }
        });
    }

    /// Looks at a path typed in place of a file dialog on its own thread.
    pub fn check_typed_path(&self, purpose: DialogPurpose, path: PathBuf) {
        self.spawn("typed-path", move || JobResult::TypedPath {
            exists: path.exists(),
            purpose,
            path,
        });
    }

    /// Works out what links the documents `open` on its own thread: the passages any two share
    /// (from the reuse clusters) and anchors between two that share none.
    pub fn find_links(
        &mut self,
        key: LinksKey,
        open: Vec<crate::model::Document>,
        (reuse, mentions): (
            Arc<crate::analysis::reuse::Reuse>,
            Arc<crate::analysis::mentions::MentionIndex>,
        ),
    ) {
        self.linking = true;
        self.spawn("links", move || JobResult::Links {
            links: Arc::new(crate::analysis::anchors::links_between(
                &open, &reuse, &mentions,
            )),
            key,
        });
    }
}

/// What the links between open documents depend on: the project session, the reuse clusters
/// and the mentions (by the address of the analysis they belong to) and the documents open,
/// in order.
pub type LinksKey = (u64, usize, usize, Vec<crate::model::DocumentId>);

/// The folded text of every document, for one session and generation of the project, kept
/// between searches.
pub type FoldedCache =
    Arc<std::sync::Mutex<Option<((u64, u64), Arc<crate::analysis::search::SearchIndex>)>>>;

fn log_spawn_failure(name: &str, error: &std::io::Error) {
    // Without a thread there is no job and no result: say so where a developer will look.
    log::error!("could not start the {name} thread: {error}");
}

/// A project file as the recent list keeps it: with its links resolved, so one file reached
/// two ways is listed once.
fn recent_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// When `path`'s recovery copy was made, if it is newer than the project file.
fn newer_recovery(path: &Path) -> Option<String> {
    store::has_newer_recovery(path).then(|| {
        std::fs::metadata(store::recovery_path(path))
            .and_then(|metadata| metadata.modified())
            .ok()
            .map(store::local_time)
            .unwrap_or_default()
    })
}
