//! The one place where what the user asked for is carried out: [`TriangulateApp::handle`] for
//! every [`Action`] of a frame, [`TriangulateApp::run_command`] for the commands of the menus,
//! the shortcuts and the palette, and what they lead to (tagging, showing a passage or a claim,
//! the guard that asks before unsaved changes are dropped).

use super::{CentralView, LeftTab, MAX_PANES, Modal, Pending, TriangulateApp};
use crate::edit::{ClaimDraft, Edit};
use crate::gui::action::Action;
use crate::gui::commands::AppCommand;
use crate::gui::jobs::DialogPurpose;
use crate::gui::palette::{Choice, Palette};
use crate::gui::panes::Arrangement;
use crate::gui::tag::TagDialog;
use crate::model::{ClaimId, DocumentId, Project};
use egui::ViewportCommand;
use std::ops::Range;

impl TriangulateApp {
    /// Carries out one thing the user asked for. Every panel, menu, shortcut and dialog asks
    /// through an [`Action`]; the frame hands them here in order once everything is drawn.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.run_command(command),
            Action::Edit(edit) => {
                self.apply(edit);
            }
            Action::OpenClaim(id) => self.show_claim(id),
            Action::SelectClaim(id) => {
                self.select_code_of(id);
                self.show_claim(id);
            }
            Action::ShowPassage(document, range) => self.show_passage(document, range),
            Action::OpenDocument(id) => {
                self.central = CentralView::Reader;
                self.open_document(id, false);
            }
            Action::OpenBeside(id) => {
                self.central = CentralView::Reader;
                self.open_document(id, true);
            }
            Action::OpenAtEntity(document, entity) => {
                let first = self
                    .derived
                    .mentions
                    .in_document(document)
                    .iter()
                    .find(|mention| mention.entity == entity)
                    .map(|mention| mention.range.clone());
                self.central = CentralView::Reader;
                if let Some(pane) = self.open_document(document, false)
                    && let Some(range) = first
                {
                    pane.scroll_to = Some(range.start);
                    pane.flash = Some(range);
                }
            }
            Action::Compare(first, second) => self.compare(first, second),
            Action::SelectEntity(id) => self.selection.select_entity(id),
            // Reported for this frame; the next one lights the code up in every pane.
            Action::HoverCode(code) => self.selection.hover_code(code),
            Action::SelectCluster(cluster) => self.shared_cluster = Some(cluster),
            Action::SetNearDuplicate(threshold) => {
                if let Some(edit) = Edit::set_near_duplicate(&self.workspace.project, threshold) {
                    self.apply(edit);
                }
            }
            Action::LoadNames => self.dialog(DialogPurpose::LoadNames),
            Action::RunSearch => self.run_search(),
            Action::TagAllHits(code, stance) => self.tag_all_hits(&code, stance),
            Action::TagClaim(draft) => self.tag_claim(&draft),
            Action::Choose(choice) => self.choose(choice),
            Action::ClickClaim(claim, on_entity) => self.click_claim(claim, on_entity),
            Action::ShowCopy(document, range) => self.show_copy(document, range),
            Action::ToggleSetAside(document, range) => self.toggle_set_aside(document, range),
            Action::SetAsideFrom(document, start) => self.set_aside_from(document, start),
            Action::AddToClaim(claim, range) => self.add_to_claim(claim, range),
            Action::DropDocument {
                pane,
                document,
                beside,
            } => self.drop_document(pane, document, beside),
            Action::Warn(message) => self.messages.warn(message),
        }
    }

    /// Starts the search the Search tab describes, off the frame.
    fn run_search(&mut self) {
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

    /// Tags a passage as the tagging dialog describes it, and clears the pane's selection.
    fn tag_claim(&mut self, draft: &ClaimDraft) {
        match Edit::tag_claim(
            &self.workspace.project,
            &self.derived.mentions.entities,
            draft,
        ) {
            Ok((edit, _)) => {
                if self.apply(edit) {
                    self.last_tag = Some((draft.codes.clone(), draft.stance));
                }
                if let Some(pane) = self
                    .panes
                    .iter_mut()
                    .find(|pane| pane.document == draft.document)
                {
                    pane.selection = None;
                }
            }
            Err(error) => self.messages.fail(error.to_string()),
        }
    }

    /// Runs a menu or keyboard command.
    pub fn run_command(&mut self, command: AppCommand) {
        match command {
            AppCommand::NewProject => self.guard(Pending::New),
            AppCommand::OpenProject => self.guard(Pending::OpenDialog),
            AppCommand::OpenPath => {
                self.modal = Some(Modal::TypedPath(
                    DialogPurpose::OpenProject,
                    String::new(),
                    false,
                ));
            }
            AppCommand::Save | AppCommand::SaveAs if self.jobs.saving.is_some() => {
                self.messages.warn("A save is already running");
            }
            AppCommand::Save => match self.workspace.path.clone() {
                Some(path) => self.save_to(path, None, false),
                None => self.dialog(DialogPurpose::SaveAs),
            },
            AppCommand::SaveAs => self.dialog(DialogPurpose::SaveAs),
            AppCommand::ImportDocuments => self.dialog(DialogPurpose::ImportFiles),
            AppCommand::ImportFolder => self.dialog(DialogPurpose::ImportFolder),
            AppCommand::ImportQdpx => self.dialog(DialogPurpose::ImportQdpx),
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
                        self.messages.warn(format!(
                            "At most {MAX_PANES} panes, each with a different document"
                        ));
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
            AppCommand::ShowMessages => self.messages.log_open = !self.messages.log_open,
            AppCommand::ToggleSidePanel => self.side_panel_open = !self.side_panel_open,
            AppCommand::ToggleSyncScroll => {
                self.sync_scroll = !self.sync_scroll;
                self.messages.say(if self.sync_scroll {
                    "Sync scroll on"
                } else {
                    "Sync scroll off"
                });
            }
            AppCommand::ExportReport => self.dialog(DialogPurpose::Export {
                format: crate::export::Format::Html,
                entities: false,
            }),
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

    pub(super) fn show_passage(&mut self, document: DocumentId, range: Range<usize>) {
        self.central = CentralView::Reader;
        if let Some(pane) = self.open_document(document, false) {
            pane.scroll_to = Some(range.start);
            pane.flash = Some(range);
        }
    }

    pub(super) fn show_claim(&mut self, id: ClaimId) {
        if let Some(claim) = self.workspace.project.claim(id) {
            let (document, range) = (claim.document, claim.quote.span.range());
            self.show_passage(document, range);
        }
    }

    /// Selects the first code of `claim`, in place of any selected entity: each pane's header
    /// then counts that code's claims and steps through them.
    pub(super) fn select_code_of(&mut self, claim: ClaimId) {
        if let Some(code) = self
            .workspace
            .project
            .claim(claim)
            .and_then(|claim| claim.codes.first().copied())
        {
            self.selection.select_code(code);
        }
    }

    /// Tags every hit of the last search as a claim with one code and stance, in one edit.
    pub(super) fn tag_all_hits(&mut self, code: &str, stance: crate::model::Stance) {
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
            self.messages
                .say(format!("Tagged {added} hits as “{code}”"));
        }
    }

    /// Runs or opens what the user chose in the command palette.
    pub(super) fn choose(&mut self, choice: Choice) {
        match choice {
            Choice::Command(command) => self.run_command(command),
            Choice::Document(id) => {
                self.central = CentralView::Reader;
                self.open_document(id, false);
            }
            Choice::Entity(id) => {
                self.left_tab = LeftTab::Entities;
                self.selection.select_entity(Some(id));
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
            Some((document, range)) => {
                let mut dialog = TagDialog::new(document, range);
                if let Some((codes, stance)) = &self.last_tag {
                    dialog = dialog.with_last(&self.workspace.project, codes, *stance);
                }
                self.tag_dialog = Some(dialog);
            }
            None => self.messages.warn("Select a passage in a document first"),
        }
    }

    /// Runs `pending` now, or first asks what to do with unsaved changes.
    pub(super) fn guard(&mut self, pending: Pending) {
        self.commit_notes();
        if self.workspace.history.is_dirty() && self.discarded_generation != Some(self.generation) {
            self.modal = Some(Modal::UnsavedChanges(pending));
        } else {
            self.proceed(pending);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                // An empty project: its (empty) analysis follows off the frame like any other.
                let workspace =
                    crate::workspace::Workspace::new(Project::new("Untitled"), None, None);
                self.set_analysed_project(workspace, crate::analysis::Derived::default());
                self.messages.say("New project");
            }
            Pending::Open(path) => self.open(path),
            Pending::OpenDialog => self.dialog(DialogPurpose::OpenProject),
            Pending::Quit => {
                self.allow_close = true;
                self.jobs.ctx().send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }
}
