//! The application state and the frame loop: panels draw, request changes, and the app applies them.

use super::claims::{ClaimsAction, ClaimsState, claims_ui};
use super::commands::{AppCommand, consume_shortcuts};
use super::entities::{EntitiesAction, EntitiesState, entities_ui};
use super::hypotheses::{HypothesesAction, HypothesesState, hypotheses_ui};
use super::jobs::{DialogPurpose, FoldedCache, JobResult, Jobs};
use super::library::{LibraryAction, LibraryState, library_ui};
use super::matrix::{MatrixAction, MatrixState, matrix_ui};
use super::palette::{Choice, Outcome as PaletteOutcome, Palette};
use super::panes::{Arrangement, PaneLayout, SavedLayout};
use super::reader::{DEFAULT_TEXT_SIZE, Pane, ReaderContext, Shared};
use super::search::{SearchAction, SearchState, search_ui};
use super::shared::{SharedAction, shared_ui};
use super::tag::{TagDialog, TagOutcome};
use super::theme;
use super::timeline::{TimelineAction, TimelineState, timeline_ui};
use crate::analysis::Derived;
use crate::analysis::anchors::{AnchorKind, anchors};
use crate::analysis::passages::Passage;
use crate::edit::{ClaimDraft, Edit};
use crate::import::ImportError;
use crate::model::{ClaimId, CodeId, DocumentId, EntityId, Project};
use crate::store::{self, DiskStamp};
use crate::workspace::Workspace;
use egui::{Rect, RichText, Ui, ViewportCommand};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How often unsaved changes are copied to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

pub use super::panes::MAX_PANES;
/// Projects whose pane arrangement is remembered.
const MAX_LAYOUTS: usize = 20;
/// Recent projects remembered.
const MAX_RECENT: usize = 10;
/// A dialog that returns faster than this never opened (no portal, no zenity).
const DIALOG_MISSING: Duration = Duration::from_millis(400);

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

/// Something that would drop unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Start an empty project.
    New,
    /// Open this project.
    Open(PathBuf),
    /// Choose a project to open.
    OpenDialog,
    /// Close the window.
    Quit,
}

/// A modal question or message.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Unsaved changes would be lost by `Pending`.
    UnsavedChanges(Pending),
    /// The file changed on disk since it was opened; overwrite it?
    ChangedOnDisk(PathBuf, Option<Pending>),
    /// No file dialog could open; type a path instead.
    TypedPath(DialogPurpose, String),
    /// Something failed; the message names the file.
    Error(String),
    /// Per-file results of an import that had failures.
    ImportReport(Vec<String>),
    /// A recovery file with unsaved changes is newer than the project just opened.
    Recovery(PathBuf),
    /// Saving as this existing file would replace it.
    Overwrite(PathBuf),
}

/// Work a modal decides on, run once the modal is closed.
type Deferred = Box<dyn FnOnce(&mut TriangulateApp)>;

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
    /// What links the open documents: the passages they share and, between documents that
    /// share none, anchors; for a project generation, an analysis and the documents open.
    #[allow(clippy::type_complexity)] // A cache key and its value, read in one place.
    links_cache: Option<((usize, usize, Vec<DocumentId>), Arc<Vec<Link>>)>,
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
    hovered_entity: Option<EntityId>,
    /// The code whose claims light up in every pane, from the last frame.
    focus_code: Option<CodeId>,
    /// The code of the claim last clicked in a pane or opened from the Claims tab.
    selected_code: Option<CodeId>,
    /// The code under the pointer in the Claims tab this frame.
    code_hovered_in_panel: Option<CodeId>,
    /// The entity selected in the entities panel, highlighted strongly everywhere.
    pub selected_entity: Option<EntityId>,
    tag_dialog: Option<TagDialog>,
    /// The open modal question, if any.
    pub modal: Option<Modal>,
    status: String,
    recent: Vec<PathBuf>,
    jobs: Jobs,
    allow_close: bool,
    title: String,
    text_size: f32,
    /// Which kinds of entities the reader highlights, by `EntityKind::ALL` order.
    pub highlight_kinds: [bool; 5],
    /// Whether the reader underlines claims.
    highlight_claims: bool,
    /// Codes whose claims the reader does not underline.
    pub hidden_codes: std::collections::BTreeSet<crate::model::CodeId>,
    commands: Vec<AppCommand>,
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
    last_autosave: std::time::Instant,
    autosaved_revision: Option<u64>,
    matrix: MatrixState,
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
            links_cache: None,
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
            hovered_entity: None,
            focus_code: None,
            selected_code: None,
            code_hovered_in_panel: None,
            selected_entity: None,
            tag_dialog: None,
            modal: None,
            status: String::new(),
            recent: Vec::new(),
            jobs: Jobs::new(ctx),
            allow_close: false,
            title: String::new(),
            text_size: DEFAULT_TEXT_SIZE,
            highlight_kinds: [true; 5],
            highlight_claims: true,
            hidden_codes: std::collections::BTreeSet::new(),
            commands: Vec::new(),
            pending_after_save: None,
            pending_save_check: None,
            notes_draft: None,
            central: CentralView::Reader,
            search: SearchState::default(),
            folded: FoldedCache::default(),
            palette: None,
            last_autosave: std::time::Instant::now(),
            autosaved_revision: None,
            matrix: MatrixState::default(),
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
        let workspace = Workspace::new(project, path, stamp);
        let index = Derived::mentions_only(&workspace.project, &workspace.entity_cache);
        self.set_analysed_project(workspace, index);
    }

    /// Replaces the project, whose mentions were found off the UI thread, and resets the views.
    fn set_analysed_project(&mut self, workspace: Workspace, index: Derived) {
        self.keep_layout();
        self.workspace = workspace;
        self.panes.clear();
        self.layout = PaneLayout::default();
        self.focused_pane = 0;
        self.selected_entity = None;
        self.selected_code = None;
        self.hovered_entity = None;
        self.tag_dialog = None;
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
        if let Some(path) = self.workspace.path.clone() {
            self.remember(path);
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
                self.status = label;
                true
            }
            Err(error) => {
                self.status = format!("Not done: {error}");
                false
            }
        }
    }

    fn undo(&mut self) {
        match self.workspace.undo() {
            Ok(Some(label)) => {
                self.changed();
                self.status = format!("Undid: {label}");
            }
            Ok(None) => self.status = "Nothing to undo".into(),
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    fn redo(&mut self) {
        match self.workspace.redo() {
            Ok(Some(label)) => {
                self.changed();
                self.status = format!("Redid: {label}");
            }
            Ok(None) => self.status = "Nothing to redo".into(),
            Err(error) => self.modal = Some(Modal::Error(error.to_string())),
        }
    }

    /// What links the open documents: the passages any two share, and anchors (numbers, dates,
    /// rare names) between two that share none. Worked out once for a set of open documents
    /// and an analysis, not on every frame.
    pub fn links_between(&mut self, open: &[DocumentId]) -> Arc<Vec<Link>> {
        // Links depend on the shared passages and the mentions alone, not on every edit.
        let key = (
            Arc::as_ptr(&self.derived.passages) as usize,
            Arc::as_ptr(&self.derived.mentions) as usize,
            open.to_vec(),
        );
        if let Some((known, links)) = &self.links_cache
            && *known == key
        {
            return links.clone();
        }
        let mut found: Vec<Link> = self
            .derived
            .passages
            .iter()
            .filter(|passage| open.contains(&passage.a) && open.contains(&passage.b))
            .map(|passage| (passage.clone(), None))
            .collect();
        for (index, &a) in open.iter().enumerate() {
            for &b in &open[index + 1..] {
                let (a, b) = (a.min(b), a.max(b));
                let share_text = found
                    .iter()
                    .any(|(passage, _)| (passage.a, passage.b) == (a, b));
                if a == b || share_text {
                    continue;
                }
                for anchor in anchors(&self.workspace.project, &self.derived.mentions, a, b) {
                    let link = Passage {
                        a,
                        b,
                        a_range: anchor.a_range,
                        b_range: anchor.b_range,
                        score: 1.0,
                    };
                    found.push((link, Some(anchor.kind)));
                }
            }
        }
        let found = Arc::new(found);
        self.links_cache = Some((key, found.clone()));
        found
    }

    /// The anchors among [`Self::links_between`]: what links open documents that share no text.
    pub fn anchors_between(&mut self, open: &[DocumentId]) -> Vec<(Passage, AnchorKind)> {
        self.links_between(open)
            .iter()
            .filter_map(|(link, kind)| kind.map(|kind| (link.clone(), kind)))
            .collect()
    }

    /// Whether the tagging dialog is open.
    pub fn is_tagging(&self) -> bool {
        self.tag_dialog.is_some()
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

    fn show_passage(&mut self, document: DocumentId, range: Range<usize>) {
        self.central = CentralView::Reader;
        if let Some(pane) = self.open_document(document, false) {
            pane.scroll_to = Some(range.start);
            pane.flash = Some(range);
        }
    }

    fn show_claim(&mut self, id: ClaimId) {
        if let Some(claim) = self.workspace.project.claim(id) {
            let (document, range) = (claim.document, claim.quote.span.range());
            self.show_passage(document, range);
        }
    }

    /// Runs a menu or keyboard command.
    pub fn run_command(&mut self, command: AppCommand) {
        match command {
            AppCommand::NewProject => self.guard(Pending::New),
            AppCommand::OpenProject => self.guard(Pending::OpenDialog),
            AppCommand::OpenPath => {
                self.modal = Some(Modal::TypedPath(DialogPurpose::OpenProject, String::new()));
            }
            AppCommand::Save | AppCommand::SaveAs if self.jobs.saving.is_some() => {
                self.status = "A save is already running".into();
            }
            AppCommand::Save => match self.workspace.path.clone() {
                Some(path) => self.save_to(path, None, false),
                None => self.dialog(DialogPurpose::SaveAs),
            },
            AppCommand::SaveAs => self.dialog(DialogPurpose::SaveAs),
            AppCommand::ImportDocuments => self.dialog(DialogPurpose::ImportFiles),
            AppCommand::ImportFolder => self.dialog(DialogPurpose::ImportFolder),
            AppCommand::Quit => self.guard(Pending::Quit),
            AppCommand::Undo => self.undo(),
            AppCommand::Redo => self.redo(),
            AppCommand::TagSelection => self.start_tagging(),
            AppCommand::AddPane => {
                let next = self
                    .workspace
                    .project
                    .documents
                    .iter()
                    .find(|document| !self.panes.iter().any(|pane| pane.document == document.id))
                    .map(|d| d.id);
                match next {
                    Some(id) if self.panes.len() < MAX_PANES => {
                        self.open_document(id, true);
                    }
                    _ => {
                        self.status =
                            format!("At most {MAX_PANES} panes, each with a different document");
                    }
                }
            }
            AppCommand::ClosePane => {
                if self.focused_pane < self.panes.len() {
                    self.panes.remove(self.focused_pane);
                    self.focused_pane = self.focused_pane.saturating_sub(1);
                }
            }
            AppCommand::ArrangeColumns => self.arrange(Arrangement::Columns),
            AppCommand::ArrangeRows => self.arrange(Arrangement::Rows),
            AppCommand::ArrangeGrid => self.arrange(Arrangement::Grid),
            AppCommand::ArrangeTabs => self.arrange(Arrangement::Tabs),
            AppCommand::ToggleSyncScroll => {
                self.sync_scroll = !self.sync_scroll;
                self.status = if self.sync_scroll {
                    "Sync scroll on".into()
                } else {
                    "Sync scroll off".into()
                };
            }
            AppCommand::ExportReport => self.dialog(DialogPurpose::ExportReport),
            AppCommand::CommandPalette => self.palette = Some(Palette::default()),
            AppCommand::ShowShared => {
                self.central = if self.central == CentralView::Shared {
                    CentralView::Reader
                } else {
                    CentralView::Shared
                };
            }
            AppCommand::ShowHypotheses => {
                self.central = if self.central == CentralView::Hypotheses {
                    CentralView::Reader
                } else {
                    CentralView::Hypotheses
                };
            }
            AppCommand::ShowTimeline => {
                self.central = if self.central == CentralView::Timeline {
                    CentralView::Reader
                } else {
                    CentralView::Timeline
                };
            }
            AppCommand::ToggleMatrix => {
                self.central = if self.central == CentralView::Matrix {
                    CentralView::Reader
                } else {
                    CentralView::Matrix
                };
            }
            AppCommand::SearchProject | AppCommand::SearchDocument => {
                self.left_tab = LeftTab::Search;
                self.search.focus_query = true;
                self.search.options.document = if command == AppCommand::SearchDocument {
                    self.panes.get(self.focused_pane).map(|pane| pane.document)
                } else {
                    None
                };
            }
        }
    }

    /// Selects the first code of `claim`, in place of any selected entity: each pane's header
    /// then counts that code's claims and steps through them.
    fn select_code_of(&mut self, claim: ClaimId) {
        if let Some(code) = self
            .workspace
            .project
            .claim(claim)
            .and_then(|claim| claim.codes.first().copied())
        {
            self.selected_code = Some(code);
            self.selected_entity = None;
        }
    }

    /// "Claims by code (3 of 5)", after forgetting codes deleted since they were hidden; none
    /// when the project has no codes.
    fn code_filter_title(&mut self) -> Option<String> {
        if self.workspace.project.codes.is_empty() {
            return None;
        }
        self.hidden_codes
            .retain(|code| self.workspace.project.code(*code).is_some());
        let shown = self.workspace.project.codes.len() - self.hidden_codes.len();
        Some(format!(
            "Claims by code ({shown} of {})",
            self.workspace.project.codes.len()
        ))
    }

    /// Which codes' claims the reader underlines: a switch per code, with show and hide all.
    fn code_filter_items_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if ui.button("Show all").clicked() {
                self.hidden_codes.clear();
            }
            if ui.button("Hide all").clicked() {
                self.hidden_codes = self
                    .workspace
                    .project
                    .codes
                    .iter()
                    .map(|code| code.id)
                    .collect();
            }
        });
        ui.separator();
        for code in &self.workspace.project.codes {
            let mut visible = !self.hidden_codes.contains(&code.id);
            ui.horizontal(|ui| {
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(swatch, 2.0, theme::code_colour(code.colour));
                if ui.checkbox(&mut visible, &code.name).changed() {
                    if visible {
                        self.hidden_codes.remove(&code.id);
                    } else {
                        self.hidden_codes.insert(code.id);
                    }
                }
            });
        }
    }

    /// The filter bar above the panes: which kinds of names and which codes' claims are
    /// highlighted in every pane, and sync scroll.
    fn filter_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Highlight");
            for (index, kind) in crate::model::EntityKind::ALL.into_iter().enumerate() {
                ui.add_space(4.0);
                theme::kind_swatch_ui(ui, kind);
                ui.checkbox(&mut self.highlight_kinds[index], kind.label())
                    .on_hover_text(format!(
                        "Show or hide the highlights of kind {} in every pane",
                        kind.label()
                    ));
            }
            ui.separator();
            ui.checkbox(&mut self.highlight_claims, "Claims")
                .on_hover_text("Underline tagged claims in every pane");
            if let Some(title) = self.code_filter_title() {
                ui.add_enabled_ui(self.highlight_claims, |ui| {
                    egui::containers::menu::MenuButton::new(title)
                        .config(stay_open())
                        .ui(ui, |ui| self.code_filter_items_ui(ui));
                });
            }
            if self.panes.len() > 1 {
                ui.separator();
                ui.checkbox(&mut self.sync_scroll, "Sync scroll")
                    .on_hover_text(AppCommand::ToggleSyncScroll.tooltip());
            }
        });
    }

    /// Tags every hit of the last search as a claim with one code and stance, in one edit.
    fn tag_all_hits(&mut self, code: &str, stance: crate::model::Stance) {
        let Some((_, _, Ok(results))) = &self.search.results else {
            return;
        };
        let drafts: Vec<ClaimDraft> = results
            .hits
            .iter()
            .map(|hit| ClaimDraft {
                document: hit.document,
                start: hit.range.start,
                end: hit.range.end,
                codes: vec![code.to_owned()],
                stance,
                speaker: None,
                via_outlet: None,
                date: None,
                note: String::new(),
            })
            .collect();
        let (edit, added) = Edit::tag_many(
            &self.workspace.project,
            &self.derived.mentions.entities,
            &drafts,
        );
        if added > 0 && self.apply(edit) {
            self.status = format!("Tagged {added} hits as “{code}”");
        }
    }

    /// Runs or opens what the user chose in the command palette.
    fn choose(&mut self, choice: Choice) {
        match choice {
            Choice::Command(command) => self.commands.push(command),
            Choice::Document(id) => {
                self.central = CentralView::Reader;
                self.open_document(id, false);
            }
            Choice::Entity(id) => {
                self.left_tab = LeftTab::Entities;
                self.selected_entity = Some(id);
            }
            Choice::Code(_) => self.left_tab = LeftTab::Claims,
        }
    }

    /// Opens the tagging dialog for the focused pane's selection.
    pub fn start_tagging(&mut self) {
        let selection = self
            .panes
            .get(self.focused_pane)
            .and_then(|pane| pane.selected_range().map(|range| (pane.document, range)));
        match selection {
            Some((document, range)) => self.tag_dialog = Some(TagDialog::new(document, range)),
            None => self.status = "Select a passage in a document first".into(),
        }
    }

    /// Runs `pending` now, or first asks what to do with unsaved changes.
    fn guard(&mut self, pending: Pending) {
        self.commit_notes();
        if self.workspace.history.is_dirty() && self.discarded_generation != Some(self.generation) {
            self.modal = Some(Modal::UnsavedChanges(pending));
        } else {
            self.proceed(pending);
        }
    }

    fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                self.set_project(Project::new("Untitled"), None, None);
                self.status = "New project".into();
            }
            Pending::Open(path) => self.open(path),
            Pending::OpenDialog => self.dialog(DialogPurpose::OpenProject),
            Pending::Quit => {
                self.allow_close = true;
                self.jobs.ctx().send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Loads a project file in the background.
    pub fn open(&mut self, path: PathBuf) {
        self.status = format!("Opening {}…", path.display());
        self.jobs.load(path);
    }

    fn dialog(&mut self, purpose: DialogPurpose) {
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

    fn save_to(&mut self, path: PathBuf, then: Option<Pending>, force: bool) {
        self.commit_notes();
        let same_file = self.workspace.path.as_deref() == Some(path.as_path());
        if same_file && !force && store::changed_on_disk(&path, self.workspace.stamp) {
            self.modal = Some(Modal::ChangedOnDisk(path, then));
            return;
        }
        self.pending_after_save = then.clone();
        self.status = format!("Saving {}…", path.display());
        // The check is made again under the file's lock, where no other writer can slip in.
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

    fn import(&mut self, paths: Vec<PathBuf>) {
        if self.jobs.import.is_some() {
            self.status = "An import is already running".into();
            return;
        }
        self.jobs.import(self.session, paths);
    }

    fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.recent.retain(|known| *known != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    fn handle_job(&mut self, result: JobResult) {
        match result {
            JobResult::Dialog {
                purpose,
                paths,
                open_for,
            } => {
                if paths.is_empty() {
                    self.discarded_generation = None;
                    if open_for < DIALOG_MISSING {
                        self.modal = Some(Modal::TypedPath(purpose, String::new()));
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
            } => match result {
                Ok((mut workspace, index)) => {
                    // Edits made while the file was loading are not dropped without asking.
                    if self.workspace.history.is_dirty()
                        && self.discarded_generation != Some(self.generation)
                    {
                        self.modal = Some(Modal::UnsavedChanges(Pending::Open(path)));
                        return;
                    }
                    // A restored recovery keeps the project file's stamp: saving writes over it.
                    if recovery {
                        workspace.stamp = store::DiskStamp::read(&path);
                    }
                    workspace.path = Some(path.clone());
                    let migrated = workspace.is_dirty();
                    self.set_analysed_project(workspace, index);
                    if migrated {
                        // An older format was converted: saving writes the current one.
                        self.workspace.history.mark_unsaved();
                    }
                    if recovery {
                        self.workspace.history.mark_unsaved();
                        self.status = format!("Restored unsaved changes of {}", path.display());
                    } else {
                        self.status = format!("Opened {}", path.display());
                        if store::has_newer_recovery(&path) {
                            self.modal = Some(Modal::Recovery(path));
                        }
                    }
                }
                Err(error) => {
                    // The project stays: so does the question about its unsaved changes.
                    self.discarded_generation = None;
                    self.modal = Some(Modal::Error(error.to_string()));
                }
            },
            JobResult::Saved {
                session,
                path,
                revision,
                result,
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
                            let _ = std::fs::remove_file(store::recovery_path(&path));
                        }
                        self.workspace.path = Some(path.clone());
                        self.remember(path.clone());
                        self.status = format!("Saved {}", path.display());
                        if let Some(pending) = self.pending_after_save.take() {
                            // Only a save of the current state lets a waiting action go ahead.
                            self.guard(pending);
                        }
                    }
                    Err(crate::workspace::WorkspaceError::ChangedOnDisk { path }) => {
                        // Another program saved it between the check and the save: ask.
                        let then = self.pending_save_check.take().and_then(|(_, then)| then);
                        self.pending_after_save = None;
                        self.modal = Some(Modal::ChangedOnDisk(path, then));
                    }
                    Err(error) => {
                        self.pending_after_save = None;
                        self.modal = Some(Modal::Error(error.to_string()));
                    }
                }
            }
            JobResult::Imported { session, read } => {
                if session == self.session {
                    self.imported(read);
                } else {
                    self.status =
                        "An import finished after its project was closed; nothing was added".into();
                }
            }
            JobResult::Exported { path, result } => match result {
                Ok(()) => self.status = format!("Wrote {}", path.display()),
                Err(message) => self.modal = Some(Modal::Error(message)),
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
                            self.status = format!("Automatic recovery copy failed: {error}");
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

    fn chosen(&mut self, purpose: DialogPurpose, mut paths: Vec<PathBuf>) {
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
                    match crate::import::names::read_names_file(&path) {
                        Ok((entries, skipped)) => {
                            let edit = Edit::load_names(
                                &self.workspace.project,
                                &self.derived.mentions.entities,
                                &entries,
                            );
                            if !edit.is_empty() {
                                self.apply(edit);
                            }
                            let skipped = if skipped.is_empty() {
                                String::new()
                            } else {
                                format!("; {} lines not read", skipped.len())
                            };
                            self.status = format!(
                                "Loaded {} names from {}{skipped}",
                                entries.len(),
                                path.display()
                            );
                        }
                        Err(message) => self.modal = Some(Modal::Error(message)),
                    }
                }
            }
            DialogPurpose::ExportReport => {
                if let Some(path) = paths.pop() {
                    self.status = format!("Writing {}…", path.display());
                    self.jobs.export(self.workspace.project.clone(), path);
                }
            }
        }
    }

    /// Saves to a file the user chose (a native dialog has already asked about overwriting).
    fn save_as(&mut self, path: PathBuf) {
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

    fn imported(&mut self, read: crate::import::BatchRead) {
        // The files were read on a worker; they join the project as it is now.
        let report = crate::workspace::prepare_import(&self.workspace.project, read);
        let mut lines = Vec::new();
        let mut imported = 0;
        for outcome in &report.outcomes {
            let name = outcome.path.display();
            match &outcome.result {
                Ok(_) => imported += 1,
                Err(error @ ImportError::Duplicate { .. }) => {
                    lines.push(format!("Skipped {name}: {error}"));
                }
                Err(error) => lines.push(format!("Failed {name}: {error}")),
            }
        }
        if let Some(edit) = report.edit {
            let first_new = self.workspace.project.next_document_id();
            if !self.apply(edit) {
                let message = format!(
                    "The import could not be added to the project: {}",
                    self.status
                );
                self.modal = Some(Modal::Error(message));
                return;
            }
            if self.panes.is_empty() {
                self.open_document(first_new, false);
            }
        }
        let cancelled = if report.cancelled { " (cancelled)" } else { "" };
        self.status = format!(
            "Imported {imported} of {} files{cancelled}",
            report.outcomes.len()
        );
        if !lines.is_empty() {
            self.modal = Some(Modal::ImportReport(lines));
        }
    }
}

/// What the user did in a pane's header.
#[derive(Default)]
struct HeaderAction {
    /// Step to the next (`true`) or previous mention of the selected entity.
    step: Option<bool>,
}

/// The title, metadata, grading and entity count above a pane and, for the selected entity,
/// buttons that step through its mentions. The pane's tab closes it.
fn pane_header_ui(
    ui: &mut Ui,
    document: &crate::model::Document,
    context: &ReaderContext<'_>,
    show_set_aside: &mut bool,
) -> HeaderAction {
    let mut action = HeaderAction::default();
    egui::Sides::new().shrink_left().show(
        ui,
        |ui| {
            ui.add(egui::Label::new(RichText::new(&document.title).strong()).truncate())
                .on_hover_text(&document.title);
        },
        |ui| {
            let set_aside = document.boilerplate.len();
            if set_aside > 0 {
                ui.toggle_value(show_set_aside, format!("Set aside ({set_aside})"))
                    .on_hover_text("Show the paragraphs set aside as publisher furniture (offers, app lines, related links)");
            }
        },
    );
    let outlet = if document.outlet.is_empty() {
        "Unknown outlet".to_owned()
    } else {
        document.outlet.clone()
    };
    let mut meta = vec![outlet];
    meta.extend(document.date.map(|date| date.to_string()));
    meta.extend(document.language.clone());
    let grade = context
        .project
        .outlet_grades
        .get(&document.outlet)
        .copied()
        .unwrap_or_default();
    ui.horizontal(|ui| {
        if !grade.is_open() {
            let (reliability, credibility) = grade.settled();
            ui.label(RichText::new(grade.to_string()).strong().monospace())
                .on_hover_text(format!(
                    "Outlet graded {grade}: {} source, {} information",
                    reliability.meaning(),
                    credibility.meaning()
                ));
        }
        ui.add(egui::Label::new(RichText::new(meta.join(" · ")).weak()).truncate());
    });
    // The line is always there and always as high, so the text below does not move when the
    // pointer does: text moving under a resting pointer would change what it hovers, and the
    // line with it, frame after frame.
    let focus = context
        .hovered_entity
        .or(context.selected_entity)
        .and_then(|id| context.mentions.entity(id));
    let height = ui.spacing().interact_size.y;
    let width = ui.available_width();
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(egui::vec2(width, height));
            ui.set_max_height(height);
            match focus {
                Some(entity) => {
                    let here = context
                        .mentions
                        .in_document(document.id)
                        .iter()
                        .filter(|mention| mention.entity == entity.id)
                        .count();
                    let selected = context.selected_entity == Some(entity.id);
                    if selected && here > 0 {
                        action.step = step_buttons_ui(ui, "mention");
                    }
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{here} × {}", entity.name))
                                .color(theme::kind_colour(entity.kind)),
                        )
                        .truncate(),
                    );
                }
                None if context.focus_code.is_some() => {
                    let code = context
                        .focus_code
                        .and_then(|code| context.project.code(code));
                    if let Some(code) = code {
                        let here = context
                            .project
                            .claims
                            .iter()
                            .filter(|claim| {
                                claim.document == document.id && claim.codes.contains(&code.id)
                            })
                            .count();
                        if context.selected_code == Some(code.id) && here > 0 {
                            action.step = step_buttons_ui(ui, "claim with this code");
                        }
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("{here} × {}", code.name))
                                    .color(theme::code_colour(code.colour)),
                            )
                            .truncate(),
                        );
                    }
                }
                None => {
                    ui.add(
                        egui::Label::new(
                            RichText::new("Hover or select a name to count it here")
                                .weak()
                                .small(),
                        )
                        .truncate(),
                    );
                }
            }
        },
    );
    action
}

/// The previous and next buttons of a pane header, for stepping through `what` in the pane:
/// `Some(true)` when next was clicked, `Some(false)` for previous.
fn step_buttons_ui(ui: &mut Ui, what: &str) -> Option<bool> {
    let previous = ui
        .small_button("<")
        .on_hover_text(format!("Previous {what} here"))
        .clicked();
    let next = ui
        .small_button(">")
        .on_hover_text(format!("Next {what} here"))
        .clicked();
    (previous || next).then_some(next)
}

/// Where a document dragged from the library would land on the pane drawn in `ui`: the
/// middle shows it in the pane, the outer sixths open it in a new pane on that side. Draws
/// where, and returns the pane, the document and the side once it is dropped.
fn document_drop_ui(ui: &Ui, salt: u64) -> Option<(u64, DocumentId, Option<bool>)> {
    let ctx = ui.ctx();
    let dragged = egui::DragAndDrop::payload::<DocumentId>(ctx)?;
    let rect = ui.max_rect();
    let pointer = ctx.pointer_hover_pos().filter(|pos| rect.contains(*pos))?;
    let edge = rect.width() / 6.0;
    let (side, zone) = if pointer.x < rect.left() + edge {
        (Some(true), rect.with_max_x(rect.center().x))
    } else if pointer.x > rect.right() - edge {
        (Some(false), rect.with_min_x(rect.center().x))
    } else {
        (None, rect)
    };
    let colour = ui.visuals().selection.bg_fill;
    ui.painter()
        .rect_filled(zone.shrink(2.0), 4.0, colour.gamma_multiply(0.35));
    let hint = if side.is_some() {
        "Open beside"
    } else {
        "Show here"
    };
    ui.painter().text(
        zone.center(),
        egui::Align2::CENTER_CENTER,
        hint,
        egui::FontId::proportional(16.0),
        ui.visuals().strong_text_color(),
    );
    if ui.input(|input| input.pointer.any_released()) {
        egui::DragAndDrop::clear_payload(ctx);
        return Some((salt, *dragged, side));
    }
    None
}

/// The offset in document `to` that matches `offset` in document `from`: the same distance
/// from the shared passage nearest to it (the last one starting before it, else the first
/// after), or, with no passage shared, the same share of the body.
fn matching_offset(
    project: &Project,
    links: &[Link],
    (from, offset): (DocumentId, usize),
    to: DocumentId,
) -> Option<usize> {
    let pairs = links.iter().filter_map(|(passage, _)| {
        if (passage.a, passage.b) == (from, to) {
            Some((passage.a_range.clone(), passage.b_range.clone()))
        } else if (passage.a, passage.b) == (to, from) {
            Some((passage.b_range.clone(), passage.a_range.clone()))
        } else {
            None
        }
    });
    let mut before: Option<(Range<usize>, Range<usize>)> = None;
    let mut after: Option<(Range<usize>, Range<usize>)> = None;
    for (here, there) in pairs {
        if here.start <= offset {
            if before
                .as_ref()
                .is_none_or(|(known, _)| here.start > known.start)
            {
                before = Some((here, there));
            }
        } else if after
            .as_ref()
            .is_none_or(|(known, _)| here.start < known.start)
        {
            after = Some((here, there));
        }
    }
    let target = project.document(to)?;
    let text = &target.text;
    let raw = if let Some((here, there)) = before.or(after) {
        // The same distance from the copy as from the passage, before or after it.
        if offset >= here.start {
            there.start + (offset - here.start)
        } else {
            there.start.saturating_sub(here.start - offset)
        }
    } else {
        let source = project.document(from)?;
        let body = source.body.range();
        let share = offset.saturating_sub(body.start) as f64 / body.len().max(1) as f64;
        let goal = target.body.range();
        goal.start + (share.clamp(0.0, 1.0) * goal.len() as f64) as usize
    };
    // A byte offset inside a character is moved back to its start.
    let mut at = raw.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Some(at)
}

/// A passage two open documents share, or an anchor between two that share none.
type Link = (Passage, Option<AnchorKind>);

/// The passages `document` shares with the other open documents, tinted per pair of panes.
fn shared_with_open(links: &[Link], document: DocumentId, open: &[DocumentId]) -> Vec<Shared> {
    let tint = |other: DocumentId| {
        let (a, b) = (document.min(other), document.max(other));
        let position = |id| open.iter().position(|open| *open == id).unwrap_or(0);
        position(a) * open.len() + position(b)
    };
    links
        .iter()
        .filter_map(|(passage, anchor)| {
            let (range, other, other_range) = if passage.a == document {
                (passage.a_range.clone(), passage.b, passage.b_range.clone())
            } else if passage.b == document {
                (passage.b_range.clone(), passage.a, passage.a_range.clone())
            } else {
                return None;
            };
            open.contains(&other).then(|| Shared {
                range,
                other,
                other_range,
                score: passage.score,
                tint: tint(other),
                anchor: *anchor,
            })
        })
        .collect()
}

impl eframe::App for TriangulateApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.tick(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.keep_layout();
        eframe::set_value(
            storage,
            eframe::APP_KEY,
            &Persisted {
                recent: self.recent.clone(),
                layouts: self.layouts.clone(),
            },
        );
    }
}

impl TriangulateApp {
    /// Work between frames: finished jobs, close requests, stale analysis.
    pub fn tick(&mut self, ctx: &egui::Context) {
        // A no-op once the font is in; tests hand the app a context of their own.
        theme::install_fonts(ctx);
        for result in self.jobs.poll() {
            self.handle_job(result);
        }
        if ctx.input(|input| input.viewport().close_requested()) {
            self.commit_notes();
        }
        if ctx.input(|input| input.viewport().close_requested())
            && !self.allow_close
            && self.workspace.history.is_dirty()
            && self.discarded_generation != Some(self.generation)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::UnsavedChanges(Pending::Quit));
        }
        if self.workspace.history.is_dirty() && self.workspace.path.is_some() {
            // Unsaved changes get a recovery copy every AUTOSAVE_EVERY, even while idle.
            ctx.request_repaint_after(AUTOSAVE_EVERY);
            if self.last_autosave.elapsed() >= AUTOSAVE_EVERY {
                self.autosave_now();
            }
        }
        // Derived data is brought up to date off the UI thread when its inputs changed; an
        // edit that changes none of them (notes, claims, codes) costs only the check.
        if self.analysed_generation != Some(self.generation) && self.jobs.analysing.is_none() {
            if self.derived.is_current(&self.workspace.project) {
                self.analysed_generation = Some(self.generation);
            } else {
                self.jobs.analyse(
                    (self.session, self.generation),
                    self.workspace.project.clone(),
                    self.derived.clone(),
                    self.workspace.entity_cache.clone(),
                );
            }
        }
    }

    /// Draws one frame. Separate from [`eframe::App::ui`] so tests and benchmarks can call it.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.update_title(&ctx);
        self.commands.extend(consume_shortcuts(&ctx));
        self.handle_dropped_files(&ctx);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        egui::Panel::left("side-panel")
            .default_size(380.0)
            .min_size(260.0)
            .show(ui, |ui| self.side_panel_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.central, CentralView::Reader, "Reader");
                ui.selectable_value(&mut self.central, CentralView::Matrix, "Claim matrix");
                ui.selectable_value(&mut self.central, CentralView::Timeline, "Timeline");
                ui.selectable_value(&mut self.central, CentralView::Hypotheses, "Hypotheses");
                ui.selectable_value(&mut self.central, CentralView::Shared, "Shared text");
            });
            match self.central {
                CentralView::Reader => self.panes_ui(ui),
                CentralView::Timeline => {
                    for action in timeline_ui(
                        ui,
                        &mut self.timeline,
                        (&self.workspace.project, &self.derived.mentions),
                        self.generation,
                        self.selected_entity,
                    ) {
                        match action {
                            TimelineAction::OpenClaim(id) => {
                                self.central = CentralView::Reader;
                                self.show_claim(id);
                            }
                            TimelineAction::OpenDocument(document, entity) => {
                                self.central = CentralView::Reader;
                                let first = self
                                    .derived
                                    .mentions
                                    .in_document(document)
                                    .iter()
                                    .find(|mention| mention.entity == entity)
                                    .map(|mention| mention.range.clone());
                                if let Some(pane) = self.open_document(document, false)
                                    && let Some(range) = first
                                {
                                    pane.scroll_to = Some(range.start);
                                    pane.flash = Some(range);
                                }
                            }
                        }
                    }
                }
                CentralView::Shared => {
                    let pairs = self.derived.pairs.clone();
                    let analysed = self.is_analysed();
                    for action in shared_ui(ui, &self.workspace.project, &pairs, analysed) {
                        match action {
                            SharedAction::Compare(first, second) => self.compare(first, second),
                            SharedAction::SetNearDuplicate(threshold) => {
                                if let Some(edit) =
                                    Edit::set_near_duplicate(&self.workspace.project, threshold)
                                {
                                    self.apply(edit);
                                }
                            }
                        }
                    }
                }
                CentralView::Hypotheses => {
                    for action in hypotheses_ui(ui, &mut self.hypotheses, &self.workspace.project) {
                        match action {
                            HypothesesAction::OpenClaim(id) => {
                                self.central = CentralView::Reader;
                                self.show_claim(id);
                            }
                            HypothesesAction::Edit(edit) => {
                                self.apply(edit);
                            }
                        }
                    }
                }
                CentralView::Matrix => {
                    for action in matrix_ui(
                        ui,
                        &mut self.matrix,
                        &self.workspace.project,
                        self.generation,
                    ) {
                        match action {
                            MatrixAction::OpenClaim(id) => {
                                self.central = CentralView::Reader;
                                self.show_claim(id);
                            }
                        }
                    }
                }
            }
        });

        if let Some(dialog) = &mut self.tag_dialog
            && let Some(outcome) = dialog.ui(
                &ctx,
                &self.workspace.project,
                &self.derived.mentions.entities.entities,
            )
        {
            self.tag_dialog = None;
            if let TagOutcome::Tag(draft) = outcome {
                match Edit::tag_claim(
                    &self.workspace.project,
                    &self.derived.mentions.entities,
                    &draft,
                ) {
                    Ok((edit, _)) => {
                        self.apply(edit);
                        if let Some(pane) = self
                            .panes
                            .iter_mut()
                            .find(|pane| pane.document == draft.document)
                        {
                            pane.selection = None;
                        }
                    }
                    Err(error) => self.modal = Some(Modal::Error(error.to_string())),
                }
            }
        }
        self.modal_ui(&ctx);
        if let Some(palette) = &mut self.palette
            && let Some(outcome) = palette.ui(
                &ctx,
                &self.workspace.project,
                &self.derived.mentions.entities.entities,
            )
        {
            self.palette = None;
            if let PaletteOutcome::Chose(choice) = outcome {
                self.choose(choice);
            }
        }
        for command in std::mem::take(&mut self.commands) {
            self.run_command(command);
        }
        if self.jobs.busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.workspace.history.is_dirty() {
            " *"
        } else {
            ""
        };
        let title = format!("{}{dirty} — Triangulate", self.workspace.project.name);
        // Sending a viewport command repaints; send it only when the title changes.
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
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

    /// Whether everything derived from the project (mentions, suggestions, shared passages) is
    /// up to date with it.
    pub fn is_analysed(&self) -> bool {
        self.analysed_generation == Some(self.generation)
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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
        } else {
            self.import(documents);
        }
    }

    fn menu_item(&mut self, ui: &mut Ui, command: AppCommand, enabled: bool) {
        let shortcut = command
            .shortcuts()
            .first()
            .map(|shortcut| ui.ctx().format_shortcut(shortcut))
            .unwrap_or_default();
        let button = egui::Button::new(command.label()).shortcut_text(shortcut);
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.commands.push(command);
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, AppCommand::NewProject, true);
                self.menu_item(ui, AppCommand::OpenProject, true);
                self.menu_item(ui, AppCommand::OpenPath, true);
                ui.menu_button("Open recent", |ui| {
                    if self.recent.is_empty() {
                        ui.weak("No recent projects");
                    }
                    for path in self.recent.clone() {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |name| name.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            self.guard(Pending::Open(path));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, AppCommand::ImportDocuments, self.jobs.import.is_none());
                self.menu_item(ui, AppCommand::ImportFolder, self.jobs.import.is_none());
                ui.separator();
                self.menu_item(ui, AppCommand::Save, self.jobs.saving.is_none());
                self.menu_item(ui, AppCommand::SaveAs, self.jobs.saving.is_none());
                self.menu_item(
                    ui,
                    AppCommand::ExportReport,
                    !self.workspace.project.claims.is_empty(),
                );
                ui.separator();
                self.menu_item(ui, AppCommand::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.workspace.history.undo_label().map(str::to_owned);
                let redo = self.workspace.history.redo_label().map(str::to_owned);
                self.menu_item(ui, AppCommand::Undo, undo.is_some());
                if let Some(label) = undo {
                    ui.weak(format!("  {label}"));
                }
                self.menu_item(ui, AppCommand::Redo, redo.is_some());
                ui.separator();
                let selection = self
                    .panes
                    .get(self.focused_pane)
                    .is_some_and(|pane| pane.selected_range().is_some());
                self.menu_item(ui, AppCommand::TagSelection, selection);
                ui.separator();
                self.menu_item(ui, AppCommand::SearchProject, true);
                self.menu_item(ui, AppCommand::SearchDocument, !self.panes.is_empty());
            });
            ui.menu_button("View", |ui| {
                self.menu_item(
                    ui,
                    AppCommand::AddPane,
                    self.panes.len() < MAX_PANES && self.panes.len() < self.workspace.project.documents.len(),
                );
                self.menu_item(ui, AppCommand::ClosePane, !self.panes.is_empty());
                ui.menu_button("Arrange panes", |ui| {
                    for command in [
                        AppCommand::ArrangeColumns,
                        AppCommand::ArrangeRows,
                        AppCommand::ArrangeGrid,
                        AppCommand::ArrangeTabs,
                    ] {
                        self.menu_item(ui, command, self.panes.len() > 1);
                    }
                });
                ui.separator();
                self.menu_item(ui, AppCommand::ToggleMatrix, true);
                self.menu_item(ui, AppCommand::ShowTimeline, true);
                self.menu_item(ui, AppCommand::ShowHypotheses, true);
                self.menu_item(ui, AppCommand::ShowShared, true);
                self.menu_item(ui, AppCommand::CommandPalette, true);
                ui.checkbox(&mut self.sync_scroll, "Sync scroll")
                    .on_hover_text("Scrolling one pane scrolls the others to the same place, aligned on the passages they share");
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label("Text size");
                    ui.add(egui::Slider::new(&mut self.text_size, 11.0..=24.0))
                        .labelled_by(label.id);
                });
                ui.separator();
                // Worded choices: the stock theme buttons use emoji the bundled fonts lack.
                let mut preference = ui.ctx().options(|options| options.theme_preference);
                ui.horizontal(|ui| {
                    ui.label("Theme");
                    ui.selectable_value(&mut preference, egui::ThemePreference::System, "System");
                    ui.selectable_value(&mut preference, egui::ThemePreference::Light, "Light");
                    ui.selectable_value(&mut preference, egui::ThemePreference::Dark, "Dark");
                });
                if preference != ui.ctx().options(|options| options.theme_preference) {
                    ui.ctx().set_theme(preference);
                }
            });
        });
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(job) = &self.jobs.import {
                let progress = job
                    .progress
                    .lock()
                    .map(|progress| progress.clone())
                    .unwrap_or_default();
                let fraction = if progress.total == 0 {
                    0.0
                } else {
                    progress.done as f32 / progress.total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(180.0)
                        .text(format!("{} / {}", progress.done, progress.total)),
                );
                ui.label(format!("Importing {}", progress.current));
                if progress.failed > 0 {
                    ui.colored_label(
                        theme::error_text(ui.visuals().dark_mode),
                        format!("{} failed", progress.failed),
                    );
                }
                if ui.button("Cancel import").clicked() {
                    job.cancel.store(true, Ordering::Relaxed);
                }
            } else if self.jobs.saving.is_some() || self.jobs.loading.is_some() {
                ui.spinner();
                ui.label(&self.status);
            } else {
                ui.label(&self.status);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let entities = self
                    .derived
                    .mentions
                    .entities
                    .entities
                    .iter()
                    .filter(|entity| self.derived.mentions.is_listed(entity))
                    .count();
                ui.weak(format!(
                    "{} documents · {} entities · {} claims",
                    self.workspace.project.documents.len(),
                    entities,
                    self.workspace.project.claims.len()
                ));
                if self.analysed_generation != Some(self.generation) {
                    ui.weak("Analysing…");
                }
            });
        });
    }

    fn side_panel_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.left_tab, LeftTab::Library, "Library");
            ui.selectable_value(&mut self.left_tab, LeftTab::Entities, "Entities");
            ui.selectable_value(&mut self.left_tab, LeftTab::Claims, "Claims");
            ui.selectable_value(&mut self.left_tab, LeftTab::Search, "Search");
            ui.selectable_value(&mut self.left_tab, LeftTab::Notes, "Notes");
        });
        ui.separator();
        if self.left_tab != LeftTab::Notes {
            self.commit_notes();
        }
        match self.left_tab {
            LeftTab::Library => {
                let near = self.derived.near_duplicates.clone();
                for action in library_ui(ui, &mut self.library, &self.workspace.project, &near) {
                    match action {
                        LibraryAction::Open(id) => {
                            self.open_document(id, false);
                        }
                        LibraryAction::Compare(first, second) => self.compare(first, second),
                        LibraryAction::OpenBeside(id) => {
                            self.open_document(id, true);
                        }
                        LibraryAction::Edit(edit) => {
                            self.apply(edit);
                        }
                        LibraryAction::Error(message) => self.status = message,
                    }
                }
            }
            LeftTab::Entities => {
                let mentions = self.derived.mentions.clone();
                let suggestions = self.derived.suggestions.clone();
                for action in entities_ui(
                    ui,
                    &mut self.entities,
                    &self.workspace.project,
                    (&mentions, &suggestions),
                    self.selected_entity,
                ) {
                    match action {
                        EntitiesAction::Select(id) => self.selected_entity = id,
                        EntitiesAction::LoadNames => self.dialog(DialogPurpose::LoadNames),
                        EntitiesAction::OpenMention(document, range) => {
                            self.show_passage(document, range);
                        }
                        EntitiesAction::Edit(edit) => {
                            self.apply(edit);
                        }
                    }
                }
            }
            LeftTab::Notes => self.notes_ui(ui),
            LeftTab::Search => {
                let current = self.panes.get(self.focused_pane).map(|pane| pane.document);
                for action in search_ui(ui, &mut self.search, &self.workspace.project, current) {
                    match action {
                        SearchAction::Run => {
                            let request = (
                                self.search.query.trim().to_owned(),
                                self.search.options.clone(),
                            );
                            self.search.requested = Some(request.clone());
                            self.jobs.search(
                                (self.session, self.generation),
                                (
                                    self.workspace.project.clone(),
                                    self.derived.mentions.clone(),
                                ),
                                self.folded.clone(),
                                request,
                            );
                        }
                        SearchAction::Open(document, range) => self.show_passage(document, range),
                        SearchAction::TagAll(code, stance) => self.tag_all_hits(&code, stance),
                    }
                }
            }
            LeftTab::Claims => {
                for action in claims_ui(ui, &mut self.claims, &self.workspace.project) {
                    match action {
                        ClaimsAction::Open(id) => {
                            self.select_code_of(id);
                            self.show_claim(id);
                        }
                        ClaimsAction::Edit(edit) => {
                            self.apply(edit);
                        }
                        ClaimsAction::HoverCode(code) => self.code_hovered_in_panel = Some(code),
                    }
                }
            }
        }
    }

    /// What an empty project offers: the first steps and the recent projects.
    fn start_ui(&mut self, ui: &mut Ui) {
        ui.add_space(ui.available_height() * 0.2);
        ui.vertical_centered(|ui| {
            ui.heading("Triangulate");
            ui.label("Import reports from many outlets, see the same names across them, tag and compare claims.");
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                // Centre the row of buttons: the layout has no width to centre in otherwise.
                ui.add_space((ui.available_width() - 420.0).max(0.0) / 2.0);
                for command in [AppCommand::ImportDocuments, AppCommand::ImportFolder, AppCommand::OpenProject] {
                    if ui.button(command.label()).on_hover_text(command.tooltip()).clicked() {
                        self.commands.push(command);
                    }
                }
            });
            ui.weak("or drop documents, folders or a project (.ron) on the window");
            if !self.recent.is_empty() {
                ui.add_space(16.0);
                ui.strong("Recent projects");
                for path in self.recent.clone() {
                    let name = path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
                    if ui.link(name).on_hover_text(path.display().to_string()).clicked() {
                        self.guard(Pending::Open(path));
                    }
                }
            }
        });
    }

    /// The project notes; typing is one undo step, recorded when the field loses focus.
    fn notes_ui(&mut self, ui: &mut Ui) {
        let draft = self
            .notes_draft
            .get_or_insert_with(|| self.workspace.project.notes.clone());
        let label = ui.label("Project notes");
        let response = ui
            .add(
                egui::TextEdit::multiline(draft)
                    .desired_width(f32::INFINITY)
                    .desired_rows(20)
                    .hint_text("Sources to check, open questions, decisions…"),
            )
            .labelled_by(label.id);
        if !response.has_focus() {
            self.commit_notes();
        }
    }

    /// Records notes being typed as an edit, so that saving or leaving the tab keeps them.
    fn commit_notes(&mut self) {
        if let Some(text) = self.notes_draft.take()
            && let Some(edit) = Edit::set_notes(&self.workspace.project, &text)
        {
            self.apply(edit);
        }
    }

    fn panes_ui(&mut self, ui: &mut Ui) {
        if ui.input(|input| !input.raw.hovered_files.is_empty()) {
            ui.centered_and_justified(|ui| {
                ui.heading("Drop a project (.ron) to open it, or documents to import them")
            });
            return;
        }
        if self.panes.is_empty() {
            if self.workspace.project.documents.is_empty() {
                self.start_ui(ui);
            } else {
                ui.centered_and_justified(|ui| ui.label("Choose a document in the library"));
            }
            return;
        }
        self.filter_bar_ui(ui);
        ui.separator();
        let open: Vec<DocumentId> = self.panes.iter().map(|pane| pane.document).collect();
        let links = self.links_between(&open);
        let mentions = self.derived.mentions.clone();
        let context = ReaderContext {
            project: &self.workspace.project,
            mentions: &mentions,
            hovered_entity: self.hovered_entity,
            selected_entity: self.selected_entity,
            text_size: self.text_size,
            highlight_kinds: self.highlight_kinds,
            highlight_claims: self.highlight_claims,
            hidden_codes: &self.hidden_codes,
            focus_code: self.focus_code,
            selected_code: self.selected_code,
        };
        let count = self.panes.len();
        let shared: Vec<Vec<Shared>> = open
            .iter()
            .map(|document| shared_with_open(&links, *document, &open))
            .collect();
        // Panes opened since the last frame get a place; closed ones go as the tree is drawn.
        for pane in &self.panes {
            if !self.layout.contains(pane.salt) {
                self.layout.add(pane.salt, None);
            }
        }
        let alive: HashSet<u64> = self.panes.iter().map(|pane| pane.salt).collect();
        let titles: HashMap<u64, String> = self
            .panes
            .iter()
            .filter_map(|pane| {
                let document = context.project.document(pane.document)?;
                Some((pane.salt, document.title.clone()))
            })
            .collect();
        let mut clicked_shared = None;
        let mut hovered = None;
        let mut focus = None;
        let mut tag = false;
        let mut toggle_set_aside = None;
        let mut clicked_entity = None;
        let mut clicked_claim = None;
        let mut dropped = None;
        let mut add_to_claim = None;
        let mut hovered_claim = None;
        let focused = self.focused_pane;
        let panes = &mut self.panes;
        let mut show = |ui: &mut Ui, salt: u64| -> bool {
            let Some(index) = panes.iter().position(|pane| pane.salt == salt) else {
                return false;
            };
            let pane = &mut panes[index];
            let Some(document) = context.project.document(pane.document) else {
                return false;
            };
            let frame =
                egui::Frame::new()
                    .inner_margin(4.0)
                    .stroke(if index == focused && count > 1 {
                        egui::Stroke::new(1.5, ui.visuals().selection.stroke.color)
                    } else {
                        egui::Stroke::NONE
                    });
            frame.show(ui, |ui| {
                let header = pane_header_ui(ui, document, &context, &mut pane.show_set_aside);
                // The buttons step through the selected entity's mentions or, with no entity
                // selected, through the claims of the selected code.
                if let Some(forward) = header.step {
                    let ranges: Vec<Range<usize>> = if let Some(entity) = context.selected_entity {
                        context
                            .mentions
                            .in_document(document.id)
                            .iter()
                            .filter(|mention| mention.entity == entity)
                            .map(|mention| mention.range.clone())
                            .collect()
                    } else if let Some(code) = context.selected_code {
                        let mut ranges: Vec<Range<usize>> = context
                            .project
                            .claims
                            .iter()
                            .filter(|claim| {
                                claim.document == document.id && claim.codes.contains(&code)
                            })
                            .flat_map(|claim| claim.quotes().map(|quote| quote.span.range()))
                            .collect();
                        ranges.sort_by_key(|range| range.start);
                        ranges
                    } else {
                        Vec::new()
                    };
                    pane.step_through(&ranges, forward);
                }
                ui.separator();
                let output = pane.ui(ui, &context, &shared[index]);
                if output.clicked_shared.is_some() {
                    clicked_shared.clone_from(&output.clicked_shared);
                }
                hovered = hovered.or(output.hovered_entity);
                hovered_claim = hovered_claim.or(output.hovered_claim);
                clicked_entity = clicked_entity.or(output.clicked_entity);
                clicked_claim = clicked_claim.or(output.clicked_claim);
                if output.interacted {
                    focus = Some(index);
                }
                if output.tag_requested {
                    focus = Some(index);
                    tag = true;
                }
                if let Some(range) = output.toggle_set_aside {
                    toggle_set_aside = Some((document.id, range));
                }
                if output.add_to_claim.is_some() {
                    add_to_claim.clone_from(&output.add_to_claim);
                }
            });
            if let Some(drop) = document_drop_ui(ui, salt) {
                dropped = Some(drop);
            }
            false
        };
        let closed = self.layout.ui(ui, &alive, &titles, &mut show);
        self.draw_bands(ui, &shared);
        self.hovered_entity = hovered;
        // A claim under the pointer, or a code or claim in the Claims tab, lights up its code.
        self.focus_code = hovered_claim
            .and_then(|claim| self.workspace.project.claim(claim))
            .and_then(|claim| claim.codes.first().copied())
            .or(self.code_hovered_in_panel.take())
            .or(self.selected_code);
        if let Some(index) = focus {
            self.focused_pane = index;
        }
        self.sync_panes();
        if let Some(entity) = clicked_entity {
            self.selected_entity = Some(entity);
        }
        if let Some(claim) = clicked_claim {
            self.status = self.describe_claim(claim);
            if clicked_entity.is_none() {
                self.select_code_of(claim);
            }
        }
        if tag {
            self.start_tagging();
        }
        // A shared passage clicked in one pane is shown in the pane that holds its copy.
        if let Some((document, range)) = clicked_shared
            && let Some(pane) = self.panes.iter_mut().find(|pane| pane.document == document)
        {
            pane.scroll_to = Some(range.start);
            pane.flash = Some(range);
        }
        if let Some((document, range)) = toggle_set_aside {
            self.toggle_set_aside(document, range);
        }
        if !closed.is_empty() {
            let focused = self.panes.get(self.focused_pane).map(|pane| pane.salt);
            self.panes.retain(|pane| !closed.contains(&pane.salt));
            self.focused_pane = focused
                .and_then(|salt| self.panes.iter().position(|pane| pane.salt == salt))
                .unwrap_or(0);
        }
        if let Some((claim, range)) = add_to_claim {
            match Edit::add_claim_passage(&self.workspace.project, claim, range.start, range.end) {
                Ok(edit) => {
                    if self.apply(edit)
                        && let Some(pane) = self.panes.get_mut(self.focused_pane)
                    {
                        pane.selection = None;
                    }
                }
                Err(problem) => self.status = format!("Not added: {problem}"),
            }
        }
        if let Some((salt, document, beside)) = dropped {
            self.drop_document(salt, document, beside);
        }
    }

    /// A document dragged from the library onto a pane: shown in that pane, or, dropped near
    /// its left or right edge, in a new pane on that side.
    fn drop_document(&mut self, salt: u64, document: DocumentId, beside: Option<bool>) {
        match beside {
            None => {
                self.open_in(document, Some(salt), false);
            }
            Some(_) if self.panes.len() >= MAX_PANES => {
                self.status = format!(
                    "At most {MAX_PANES} panes: drop on the middle of a pane to show the document there"
                );
            }
            Some(before) => {
                if let Some(index) = self.panes.iter().position(|pane| pane.document == document) {
                    // Already open: moved beside the pane it was dropped on.
                    let moved = self.panes[index].salt;
                    if moved == salt {
                        return;
                    }
                    self.layout.remove(moved);
                    self.layout.insert_beside(moved, salt, before);
                    self.focused_pane = index;
                } else if let Some(opened) = self.workspace.project.document(document) {
                    self.next_pane_salt += 1;
                    self.panes.push(Pane::new(opened, self.next_pane_salt));
                    self.layout.insert_beside(self.next_pane_salt, salt, before);
                    self.focused_pane = self.panes.len() - 1;
                }
                self.library.selected = Some(document);
            }
        }
    }

    /// Bands joining the two copies of each shared passage (or the two places of an anchor)
    /// that two neighbouring panes both show: across the gutter between panes side by side,
    /// and, for panes one above the other, down their right margins and across the gutter
    /// between them.
    fn draw_bands(&self, ui: &Ui, shared: &[Vec<Shared>]) {
        let rects = self.layout.pane_rects();
        let dark = ui.visuals().dark_mode;
        let find = |salt: &u64| self.panes.iter().position(|pane| pane.salt == *salt);
        for (first_salt, first) in &rects {
            for (second_salt, second) in &rects {
                let beside = neighbours(
                    (first.x_range(), first.y_range()),
                    (second.x_range(), second.y_range()),
                    super::panes::GUTTER,
                );
                // A pane below another has its tab bar between them.
                let above = neighbours(
                    (first.y_range(), first.x_range()),
                    (second.y_range(), second.x_range()),
                    super::panes::GUTTER + super::panes::TAB_BAR_HEIGHT,
                );
                if !beside && !above {
                    continue;
                }
                let (Some(a), Some(b)) = (find(first_salt), find(second_salt)) else {
                    continue;
                };
                let (pane_a, pane_b) = (&self.panes[a], &self.panes[b]);
                // Each link with the heights of its two copies on screen.
                type Span = (f32, f32);
                let links: Vec<(&Shared, Span, Span)> = shared
                    .get(a)
                    .into_iter()
                    .flatten()
                    .filter(|link| link.other == pane_b.document)
                    .filter_map(|link| {
                        Some((
                            link,
                            pane_a.screen_span_of(&link.range)?,
                            pane_b.screen_span_of(&link.other_range)?,
                        ))
                    })
                    .collect();
                if beside {
                    let gutter = Rect::from_x_y_ranges(
                        first.right()..=second.left(),
                        first.top().max(second.top())..=first.bottom().min(second.bottom()),
                    );
                    let painter = ui.painter().with_clip_rect(gutter);
                    for (link, (a_top, a_bottom), (b_top, b_bottom)) in links {
                        let (fill, edge) = theme::shared_band(link.tint, dark);
                        let points = vec![
                            egui::pos2(gutter.left(), a_top),
                            egui::pos2(gutter.right(), b_top),
                            egui::pos2(gutter.right(), b_bottom),
                            egui::pos2(gutter.left(), a_bottom),
                        ];
                        painter.add(egui::Shape::convex_polygon(
                            points,
                            fill,
                            egui::Stroke::new(1.0, edge),
                        ));
                    }
                } else {
                    // One above the other: a bar beside each copy in the panes' right margin
                    // (left of the scroll bar), joined by a line down the margin.
                    let right = first.right().min(second.right());
                    let painter = ui.painter().with_clip_rect(first.union(*second));
                    for (lane, (link, (a_top, a_bottom), (b_top, b_bottom))) in
                        links.into_iter().enumerate()
                    {
                        let (fill, edge) = theme::shared_band(link.tint, dark);
                        #[allow(clippy::cast_precision_loss)] // A few lanes.
                        let x = right - 14.0 - 5.0 * (lane % 3) as f32;
                        for (top, bottom) in [(a_top, a_bottom), (b_top, b_bottom)] {
                            let bar = Rect::from_x_y_ranges(x - 2.0..=x + 2.0, top..=bottom);
                            painter.rect(
                                bar,
                                1.0,
                                fill,
                                egui::Stroke::new(1.0, edge),
                                egui::StrokeKind::Middle,
                            );
                        }
                        // Down from the upper copy, across the gutter and the lower pane's tab
                        // bar, then from below its header to the lower copy.
                        let line = egui::Stroke::new(1.5, edge);
                        painter.vline(x, a_bottom..=second.top(), line);
                        painter.vline(x, pane_b.text_area().top()..=b_top, line);
                    }
                }
            }
        }
    }

    /// With sync scroll on, when one pane has moved (wheel, scroll bar, keyboard, a jump),
    /// scrolls every other pane to the place in its text that matches that pane's top: through
    /// the passage they share nearest to it, or, when they share none, at the same share of
    /// the text. A pane moved by this is not taken for the one the user moved.
    fn sync_panes(&mut self) {
        let tops: Vec<Option<usize>> = self.panes.iter().map(Pane::top_offset).collect();
        if self.synced_tops.len() != tops.len() {
            self.synced_tops.clone_from(&tops);
            self.following = vec![false; tops.len()];
            return;
        }
        let mut driver = None;
        for (index, top) in tops.iter().enumerate() {
            let moved = *top != self.synced_tops[index];
            if self.following[index] {
                // It has followed (or could not move): its next move is the user's again.
                self.following[index] = false;
            } else if moved && driver.is_none() {
                driver = Some(index);
            }
        }
        if self.sync_scroll
            && let Some(index) = driver
            && let Some(top) = tops[index]
        {
            let from = self.panes[index].document;
            // Shared passages, and anchors where documents share no text.
            let links = self
                .links_cache
                .as_ref()
                .map(|(_, links)| links.clone())
                .unwrap_or_default();
            for (other, pane) in self.panes.iter_mut().enumerate() {
                if other == index {
                    continue;
                }
                if let Some(target) =
                    matching_offset(&self.workspace.project, &links, (from, top), pane.document)
                    && Some(pane.paragraph_start(target)) != tops[other]
                {
                    pane.align_to = Some(target);
                    self.following[other] = true;
                }
            }
        }
        self.synced_tops = tops;
    }

    /// Sets a paragraph aside as publisher furniture, or restores it as article text.
    fn toggle_set_aside(&mut self, document: DocumentId, range: Range<usize>) {
        let Some(current) = self.workspace.project.document(document) else {
            return;
        };
        let restoring = current.is_set_aside(&range);
        let label = if restoring {
            "Restore paragraph"
        } else {
            "Set paragraph aside"
        };
        let edit = Edit::update_document(&self.workspace.project, document, label, |document| {
            if restoring {
                document
                    .boilerplate
                    .retain(|span| !(span.start() <= range.start && range.end <= span.end()));
            } else if let Ok(span) =
                crate::model::ByteSpan::new(&document.text, range.start, range.end)
            {
                document.boilerplate.push(span);
                document.boilerplate.sort();
            }
        });
        if let Some(edit) = edit {
            self.apply(edit);
        }
    }

    fn describe_claim(&self, id: ClaimId) -> String {
        let Some(claim) = self.workspace.project.claim(id) else {
            return String::new();
        };
        let codes = self.workspace.project.code_names(claim);
        let speaker = self
            .workspace
            .project
            .speaker_name(claim)
            .unwrap_or("unattributed");
        format!(
            "Claim {}: {} ({}), {}",
            claim.id,
            codes.join(", "),
            claim.stance.as_str(),
            speaker
        )
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let mut then: Option<Deferred> = None;
        let response = egui::Modal::new(egui::Id::unique("app-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &modal {
                Modal::UnsavedChanges(pending) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to “{}” first?", self.workspace.project.name));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            let pending = pending.clone();
                            then = Some(Box::new(move |app: &mut Self| match app.workspace.path.clone() {
                                Some(path) => app.save_to(path, Some(pending), false),
                                None => {
                                    app.pending_after_save = Some(pending);
                                    app.dialog(DialogPurpose::SaveAs);
                                }
                            }));
                        }
                        if ui.button("Don't save").clicked() {
                            let pending = pending.clone();
                            then = Some(Box::new(move |app: &mut Self| {
                                // The changes stay marked unsaved until another project replaces them;
                                // their recovery copy goes, since the user chose to drop them.
                                app.discarded_generation = Some(app.generation);
                                if let Some(path) = &app.workspace.path {
                                    let _ = std::fs::remove_file(store::recovery_path(path));
                                }
                                app.proceed(pending);
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::ChangedOnDisk(path, pending) => {
                    ui.heading("The file changed on disk");
                    ui.label(format!("{} was changed by another program since it was opened. Overwrite it with this project?", path.display()));
                    ui.horizontal(|ui| {
                        if ui.button("Overwrite").clicked() {
                            let (path, pending) = (path.clone(), pending.clone());
                            then = Some(Box::new(move |app: &mut Self| app.save_to(path, pending, true)));
                        }
                        if ui.button("Save as…").clicked() {
                            then = Some(Box::new(|app: &mut Self| app.dialog(DialogPurpose::SaveAs)));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::TypedPath(purpose, text) => {
                    ui.heading(purpose.title());
                    ui.label("No file dialog is available here. Type the path:");
                    let mut text = text.clone();
                    let label = ui.label("Path");
                    let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                    let enter = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                    if text != *match &modal { Modal::TypedPath(_, old) => old, _ => &text } {
                        let purpose = *purpose;
                        let updated = text.clone();
                        then = Some(Box::new(move |app: &mut Self| app.modal = Some(Modal::TypedPath(purpose, updated))));
                    }
                    ui.horizontal(|ui| {
                        if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
                            let purpose = *purpose;
                            let path = PathBuf::from(text.trim());
                            then = Some(Box::new(move |app: &mut Self| {
                                app.modal = None;
                                if purpose == DialogPurpose::OpenProject {
                                    app.guard(Pending::Open(path));
                                } else if purpose == DialogPurpose::SaveAs
                                    && path.exists()
                                    && app.workspace.path.as_deref() != Some(path.as_path())
                                {
                                    // No native dialog asked about replacing the file: ask here.
                                    app.modal = Some(Modal::Overwrite(path));
                                } else {
                                    app.chosen(purpose, vec![path]);
                                }
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Recovery(path) => {
                    ui.heading("Unsaved changes were recovered");
                    let when = std::fs::metadata(store::recovery_path(path))
                        .and_then(|metadata| metadata.modified())
                        .ok()
                        .map(|time| chrono::DateTime::<chrono::Local>::from(time).format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default();
                    ui.label(format!(
                        "A copy of unsaved changes to this project, made automatically at {when}, is newer than the project file. Restore it?"
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| app.jobs.load_recovery(path)));
                        }
                        if ui.button("Discard the copy").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| {
                                if let Err(error) = std::fs::remove_file(store::recovery_path(&path)) {
                                    app.status = format!("Could not delete the recovery copy: {error}");
                                }
                            }));
                        }
                        if ui.button("Decide later").on_hover_text("Keep the copy; you will be asked again next time").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Overwrite(path) => {
                    ui.heading("Replace the file?");
                    ui.label(format!("{} already exists. Replace it with this project?", path.display()));
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| app.save_as(path)));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Error(message) => {
                    ui.heading("Something went wrong");
                    ui.label(message);
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
                Modal::ImportReport(lines) => {
                    ui.heading("Some files were not imported");
                    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        for line in lines {
                            ui.label(line);
                        }
                    });
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
            }
        });
        if response.should_close() {
            close = true;
        }
        if let Some(action) = then {
            let keep_open = matches!(modal, Modal::TypedPath(..));
            if !keep_open {
                self.modal = None;
            }
            action(self);
        } else if close {
            self.modal = None;
        }
    }
}

/// A menu that stays open while several of its switches are clicked, until a click outside.
fn stay_open() -> egui::containers::menu::MenuConfig {
    egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
}

/// Whether two panes are neighbours along an axis: the second starts at most `gap` after the
/// first ends, and they overlap across it. Each pane is given as its extent along the axis,
/// then across it.
fn neighbours(
    (first_along, first_across): (egui::Rangef, egui::Rangef),
    (second_along, second_across): (egui::Rangef, egui::Rangef),
    gap: f32,
) -> bool {
    let between = second_along.min - first_along.max;
    let overlap = first_across.max.min(second_across.max) - first_across.min.max(second_across.min);
    (0.0..=gap + 2.0).contains(&between) && overlap > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_are_neighbours_across_a_gutter_and_a_tab_bar() {
        let range = egui::Rangef::new;
        let gutter = super::super::panes::GUTTER;
        // Side by side: the gutter apart, overlapping in height.
        let left = (range(0.0, 400.0), range(0.0, 600.0));
        let right = (range(400.0 + gutter, 800.0), range(0.0, 600.0));
        assert!(neighbours(left, right, gutter));
        assert!(
            !neighbours(right, left, gutter),
            "the second must come after the first"
        );
        // A pane further on, or not level with the first, is no neighbour.
        let far = (range(1000.0, 1400.0), range(0.0, 600.0));
        assert!(!neighbours(left, far, gutter));
        let lower = (range(400.0 + gutter, 800.0), range(700.0, 900.0));
        assert!(!neighbours(left, lower, gutter));
        // One above the other, the lower pane's tab bar between them.
        let bar = super::super::panes::TAB_BAR_HEIGHT;
        let top = (range(0.0, 300.0), range(0.0, 800.0));
        let bottom = (range(300.0 + gutter + bar, 600.0), range(0.0, 800.0));
        assert!(neighbours(top, bottom, gutter + bar));
        assert!(!neighbours(top, bottom, gutter));
    }
}
