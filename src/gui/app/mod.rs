//! The application state and the frame loop: panels draw, request changes, and the app applies them.
//!
//! Here: the state ([`TriangulateApp`]) and the few methods everything else goes through: set a
//! project, apply an edit, undo and redo, open a document in a pane. The rest, by responsibility:
//! `frame` (work between frames, one frame drawn, the title), `lifecycle` (open, save, autosave,
//! import, file dialogs, job results), `actions` (`handle`, where every [`Action`](crate::gui::action::Action) is carried out, and the commands), `menu` (menu
//! bar, status bar, side panel, filter bar), `workspace_view` (the panes and their headers),
//! `links` (what links open documents: sync scroll and the bands between panes), `modals`
//! (questions and messages).

/// The [`ViewContext`](crate::gui::view::ViewContext) of this frame, built from the fields it
/// borrows, so the panels' own state (other fields of the app) stays mutable beside it.
macro_rules! view_context {
    ($app:expr) => {
        crate::gui::view::ViewContext {
            project: &$app.workspace.project,
            derived: &$app.derived,
            generation: $app.generation,
            analysed: $app.analysed_generation == Some($app.generation),
            selection: &$app.selection,
        }
    };
}

mod actions;
mod frame;
mod lifecycle;
mod links;
mod menu;
mod modals;
mod workspace_view;

pub use modals::{Modal, Pending};

use super::action::Action;
use super::claims::ClaimsState;
use super::entities::EntitiesState;
use super::hypotheses::HypothesesState;
use super::jobs::{FoldedCache, Jobs};
use super::library::LibraryState;
use super::matrix::MatrixState;
use super::palette::Palette;
use super::panes::{Arrangement, PaneLayout, SavedLayout};
use super::reader::{DEFAULT_TEXT_SIZE, Pane};
use super::search::SearchState;
use super::selection::Selection;
use super::tag::TagDialog;
use super::timeline::TimelineState;
use crate::analysis::Derived;
use crate::edit::Edit;
use crate::model::{DocumentId, Project};
use crate::store::DiskStamp;
use crate::workspace::Workspace;
use links::Link;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How often unsaved changes are copied to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

pub use super::panes::MAX_PANES;
/// Projects whose pane arrangement is remembered.
const MAX_LAYOUTS: usize = 20;

/// Which list the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// Documents.
    Library,
    /// Entities.
    Entities,
    /// Claims by code.
    Claims,
    /// Free notes on the project.
    Notes,
    /// Search with keyword in context.
    Search,
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CentralView {
    /// Documents side by side.
    Reader,
    /// The claim matrix.
    Matrix,
    /// Claims on a time axis.
    Timeline,
    /// Competing hypotheses and source grading.
    Hypotheses,
    /// Document pairs that share text.
    Shared,
}

/// Settings kept between runs.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Persisted {
    recent: Vec<PathBuf>,
    /// How each recent project's panes were arranged, the latest first.
    layouts: Vec<(PathBuf, SavedLayout)>,
}

/// The whole application state.
pub struct TriangulateApp {
    /// The open project, its file, its on-disk stamp and its undo history.
    pub workspace: Workspace,
    /// Bumped on every change to `project`, so derived data knows when to check its inputs.
    generation: u64,
    /// Everything derived from the project: entities and their mentions, suggestions, shared
    /// passages; each part for the inputs it was computed from.
    pub derived: Derived,
    /// Whether scrolling one pane scrolls the others to the same place in their text.
    pub sync_scroll: bool,
    /// Whether the side panel (library, entities, claims, search, notes) is shown.
    pub side_panel_open: bool,
    /// The width the filter bar above the panes needs on one line, as last measured.
    filter_bar_width: Option<f32>,
    /// What links the open documents: the passages they share and, between documents that
    /// share none, anchors; for a project generation, an analysis and the documents open.
    #[allow(clippy::type_complexity)] // A cache key and its value, read in one place.
    links_cache: Option<(crate::gui::jobs::LinksKey, Arc<Vec<Link>>)>,
    /// The links last asked of a worker, so one set of open documents is asked for once.
    links_asked: Option<crate::gui::jobs::LinksKey>,
    /// Where each pane was in the last frame, to notice one moving.
    synced_tops: Vec<Option<usize>>,
    /// Panes just scrolled to follow another, whose next move is not the user's.
    following: Vec<bool>,
    /// The generation whose inputs the derived data was last checked against or computed for.
    analysed_generation: Option<u64>,
    /// Documents side by side (one to eight).
    pub panes: Vec<Pane>,
    /// How the panes are arranged.
    pub layout: PaneLayout,
    /// How other projects' panes were arranged, by project file, the latest first.
    layouts: Vec<(PathBuf, SavedLayout)>,
    /// The pane that library clicks and commands act on.
    pub focused_pane: usize,
    next_pane_salt: u64,
    /// Which list the left panel shows.
    pub left_tab: LeftTab,
    library: LibraryState,
    entities: EntitiesState,
    claims: ClaimsState,
    /// What the user points at and has chosen, in every view.
    pub selection: Selection,
    tag_dialog: Option<TagDialog>,
    /// The codes and stance of the last claim tagged in this project, offered again.
    last_tag: Option<(Vec<String>, crate::model::Stance)>,
    /// The open modal question, if any.
    pub modal: Option<Modal>,
    /// What the window has told the user: status bar, toasts and the log.
    pub messages: crate::gui::messages::Messages,
    recent: Vec<PathBuf>,
    jobs: Jobs,
    allow_close: bool,
    title: String,
    text_size: f32,
    /// Which kinds of entities the reader highlights, by `EntityKind::ALL` order.
    pub highlight_kinds: [bool; 5],
    /// Whether every mention carries its kind's outline (View ▸ Outline every name); off, only
    /// the hovered or selected entity's mentions do.
    pub outline_every_mention: bool,
    /// Whether the reader underlines claims.
    highlight_claims: bool,
    /// Codes whose claims the reader does not underline.
    pub hidden_codes: std::collections::BTreeSet<crate::model::CodeId>,
    /// What the user asked for this frame, from any panel, menu, shortcut or dialog; carried
    /// out in order once everything is drawn.
    actions: Vec<Action>,
    pending_after_save: Option<Pending>,
    /// The last save asked for, and what waited on it, in case the file changed meanwhile.
    pending_save_check: Option<(PathBuf, Option<Pending>)>,
    notes_draft: Option<String>,
    /// What the central area shows.
    pub central: CentralView,
    search: SearchState,
    /// The folded text searches run over, kept for the project version it was made from.
    folded: FoldedCache,
    /// The open command palette.
    palette: Option<Palette>,
    /// What was chosen from the palette in this session.
    palette_history: crate::gui::palette::History,
    last_autosave: std::time::Instant,
    autosaved_revision: Option<u64>,
    matrix: MatrixState,
    /// The reuse cluster whose copies the Shared text view lists, by id.
    shared_cluster: Option<u32>,
    /// The Help page shown, if any.
    pub help: Option<crate::gui::help::HelpPage>,
    timeline: TimelineState,
    hypotheses: HypothesesState,
    /// Bumped whenever another project replaces this one; background results carry it.
    session: u64,
    /// The generation whose unsaved changes the user chose to discard ("Don't save").
    discarded_generation: Option<u64>,
}

impl TriangulateApp {
    /// The app as eframe creates it; opens `path` if given.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let persisted: Persisted = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_context(cc.egui_ctx.clone());
        app.recent = persisted.recent;
        app.layouts = persisted.layouts;
        if let Some(path) = path {
            app.open(path);
        }
        app
    }

    /// An app with an empty project, for tests and benchmarks that drive the UI themselves.
    pub fn with_context(ctx: egui::Context) -> Self {
        Self {
            workspace: Workspace::new(Project::new("Untitled"), None, None),
            generation: 0,
            derived: Derived::default(),
            sync_scroll: false,
            side_panel_open: true,
            filter_bar_width: None,
            links_cache: None,
            links_asked: None,
            synced_tops: Vec::new(),
            following: Vec::new(),
            analysed_generation: None,
            panes: Vec::new(),
            layout: PaneLayout::default(),
            layouts: Vec::new(),
            focused_pane: 0,
            next_pane_salt: 0,
            left_tab: LeftTab::Library,
            library: LibraryState::default(),
            entities: EntitiesState::default(),
            claims: ClaimsState::default(),
            selection: Selection::default(),
            tag_dialog: None,
            last_tag: None,
            modal: None,
            messages: crate::gui::messages::Messages::default(),
            recent: Vec::new(),
            jobs: Jobs::new(ctx),
            allow_close: false,
            title: String::new(),
            text_size: DEFAULT_TEXT_SIZE,
            highlight_kinds: [true; 5],
            outline_every_mention: false,
            highlight_claims: true,
            hidden_codes: std::collections::BTreeSet::new(),
            actions: Vec::new(),
            pending_after_save: None,
            pending_save_check: None,
            notes_draft: None,
            central: CentralView::Reader,
            search: SearchState::default(),
            folded: FoldedCache::default(),
            palette: None,
            palette_history: crate::gui::palette::History::default(),
            last_autosave: std::time::Instant::now(),
            autosaved_revision: None,
            matrix: MatrixState::default(),
            shared_cluster: None,
            help: None,
            timeline: TimelineState::default(),
            hypotheses: HypothesesState::default(),
            session: 0,
            discarded_generation: None,
        }
    }

    /// Replaces the project and finds its mentions (suggestions and shared passages follow from
    /// the background analysis); for new projects, tests and benchmarks.
    pub fn set_project(
        &mut self,
        project: Project,
        path: Option<PathBuf>,
        stamp: Option<DiskStamp>,
    ) {
        let workspace = Workspace::new(project, path.clone(), stamp);
        let index = Derived::mentions_only(&workspace.project, &workspace.entity_cache);
        self.set_analysed_project(workspace, index);
        if let Some(path) = path {
            self.remember(path);
        }
    }

    /// Replaces the project, whose mentions were found off the UI thread, and resets the views.
    pub(super) fn set_analysed_project(&mut self, workspace: Workspace, index: Derived) {
        self.keep_layout();
        self.workspace = workspace;
        self.panes.clear();
        self.layout = PaneLayout::default();
        self.focused_pane = 0;
        self.selection.clear();
        self.tag_dialog = None;
        self.last_tag = None;
        self.palette_history = crate::gui::palette::History::default();
        self.library = LibraryState::default();
        self.notes_draft = None;
        self.autosaved_revision = None;
        self.last_autosave = std::time::Instant::now();
        self.search.results = None;
        self.search.requested = None;
        self.pending_after_save = None;
        self.discarded_generation = None;
        self.session += 1;
        self.changed();
        // Suggestions and shared passages follow from the background analysis.
        self.analysed_generation = index.complete.then_some(self.generation);
        self.derived = index;
        if !self.restore_layout()
            && let Some(first) = self
                .workspace
                .project
                .documents
                .first()
                .map(|document| document.id)
        {
            self.open_document(first, false);
        }
    }

    fn changed(&mut self) {
        self.generation += 1;
        // Search results describe the project as it was: the search runs again when shown.
        self.search.requested = None;
    }

    /// Applies an edit through the history; returns whether it was applied. A refused edit is
    /// reported in the status bar.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let label = edit.label.clone();
        match self.workspace.apply(edit) {
            Ok(()) => {
                self.changed();
                self.messages.say(label);
                true
            }
            Err(error) => {
                self.messages.warn(format!("Not done: {error}"));
                false
            }
        }
    }

    fn undo(&mut self) {
        match self.workspace.undo() {
            Ok(Some(label)) => {
                self.changed();
                self.messages.say(format!("Undid: {label}"));
            }
            Ok(None) => self.messages.say("Nothing to undo"),
            Err(error) => self.messages.fail(error.to_string()),
        }
    }

    fn redo(&mut self) {
        match self.workspace.redo() {
            Ok(Some(label)) => {
                self.changed();
                self.messages.say(format!("Redid: {label}"));
            }
            Ok(None) => self.messages.say("Nothing to redo"),
            Err(error) => self.messages.fail(error.to_string()),
        }
    }

    /// Whether the tagging dialog is open.
    pub fn is_tagging(&self) -> bool {
        self.tag_dialog.is_some()
    }

    /// Whether everything derived from the project (mentions, suggestions, shared passages) is
    /// up to date with it.
    pub fn is_analysed(&self) -> bool {
        self.analysed_generation == Some(self.generation)
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Shows two documents side by side: the first in the focused pane, the second beside it.
    pub fn compare(&mut self, first: DocumentId, second: DocumentId) {
        self.central = CentralView::Reader;
        self.open_document(first, false);
        self.open_document(second, true);
    }

    /// Shows a document in the focused pane, or in a new pane beside the others.
    pub fn open_document(&mut self, id: DocumentId, beside: bool) -> Option<&mut Pane> {
        let near = self.panes.get(self.focused_pane).map(|pane| pane.salt);
        self.open_in(id, near, beside)
    }

    /// Shows a document in the pane `near` (a salt), or in a new pane beside it; a document
    /// already open is brought forward where it is.
    fn open_in(&mut self, id: DocumentId, near: Option<u64>, beside: bool) -> Option<&mut Pane> {
        let document = self.workspace.project.document(id)?;
        let target = near.and_then(|salt| self.panes.iter().position(|pane| pane.salt == salt));
        if let Some(index) = self.panes.iter().position(|pane| pane.document == id) {
            self.focused_pane = index;
        } else if (beside || target.is_none()) && self.panes.len() < MAX_PANES {
            self.next_pane_salt += 1;
            self.panes.push(Pane::new(document, self.next_pane_salt));
            self.layout.add(self.next_pane_salt, near);
            self.focused_pane = self.panes.len() - 1;
        } else {
            self.next_pane_salt += 1;
            let index = target
                .unwrap_or(self.focused_pane)
                .min(self.panes.len() - 1);
            let old = self.panes[index].salt;
            self.panes[index] = Pane::new(document, self.next_pane_salt);
            self.layout.replace(old, self.next_pane_salt);
            self.focused_pane = index;
        }
        self.library.selected = Some(id);
        let salt = self.panes.get(self.focused_pane)?.salt;
        self.layout.reveal(salt);
        self.panes.get_mut(self.focused_pane)
    }

    /// Arranges the open panes in a preset, in the order they were opened.
    pub fn arrange(&mut self, arrangement: Arrangement) {
        let salts: Vec<u64> = self.panes.iter().map(|pane| pane.salt).collect();
        self.layout.arrange(&salts, arrangement);
        if let Some(pane) = self.panes.get(self.focused_pane) {
            self.layout.reveal(pane.salt);
        }
    }

    /// Remembers how this project's panes are arranged, for the next time it is opened.
    fn keep_layout(&mut self) {
        let Some(path) = self.workspace.path.clone() else {
            return;
        };
        self.layouts.retain(|(known, _)| *known != path);
        if self.panes.is_empty() {
            return;
        }
        let documents = self
            .panes
            .iter()
            .map(|pane| (pane.salt, pane.document))
            .collect();
        let saved = SavedLayout {
            tree: self.layout.tree.clone(),
            documents,
        };
        self.layouts.insert(0, (path, saved));
        self.layouts.truncate(MAX_LAYOUTS);
    }

    /// Opens the panes this project had the last time, arranged as they were; false when
    /// there is nothing to restore.
    fn restore_layout(&mut self) -> bool {
        let Some(path) = self.workspace.path.as_ref() else {
            return false;
        };
        let Some((_, saved)) = self.layouts.iter().find(|(known, _)| known == path) else {
            return false;
        };
        let saved = saved.clone();
        for (salt, document) in saved.documents.iter().take(MAX_PANES) {
            if let Some(document) = self.workspace.project.document(*document)
                && !self.panes.iter().any(|pane| pane.document == document.id)
            {
                self.panes.push(Pane::new(document, *salt));
                self.next_pane_salt = self.next_pane_salt.max(*salt);
            }
        }
        if self.panes.is_empty() {
            return false;
        }
        // Tiles of documents no longer in the project go with the first frame.
        self.layout = PaneLayout::from_saved(saved.tree);
        self.focused_pane = 0;
        self.library.selected = self.panes.first().map(|pane| pane.document);
        true
    }
}
