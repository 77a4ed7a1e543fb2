//! The window's furniture around the panes: menu bar, status bar, side panel with its tabs, the
//! start screen, project notes, and the filter bar above the panes.

use super::{LeftTab, MAX_PANES, Pending, TriangulateApp};
use crate::edit::Edit;
use crate::gui::action::Action;
use crate::gui::claims::claims_ui;
use crate::gui::commands::AppCommand;
use crate::gui::entities::entities_ui;
use crate::gui::jobs::DialogPurpose;
use crate::gui::library::library_ui;
use crate::gui::search::search_ui;
use crate::gui::theme;
use egui::Ui;
use std::sync::atomic::Ordering;

impl TriangulateApp {
    pub(super) fn menu_item(&mut self, ui: &mut Ui, command: AppCommand, enabled: bool) {
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
            self.actions.push(Action::Command(command));
        }
    }

    /// File ▸ Export: one item per format, each opening a dialog for that format.
    fn export_menu_ui(&mut self, ui: &mut Ui) {
        use crate::export::Format;
        let project = &self.workspace.project;
        let has_claims = !project.claims.is_empty();
        let has_documents = !project.documents.is_empty();
        let has_codes = !project.codes.is_empty();
        let items = [
            (
                Format::Html,
                false,
                "HTML report…",
                has_claims,
                "The claim matrix, each code's quotes with citations and grades, hypotheses and timeline, as one web page",
            ),
            (
                Format::Markdown,
                false,
                "Markdown report…",
                has_claims,
                "The same report as Markdown text",
            ),
            (
                Format::Csv,
                false,
                "Claims as CSV…",
                has_claims,
                "Every claim with every field, one row each, for a spreadsheet",
            ),
            (
                Format::Qdpx,
                false,
                "REFI-QDA project (.qdpx)…",
                has_documents,
                "Documents, codebook and claims for NVivo, ATLAS.ti, MAXQDA, QualCoder or Taguette",
            ),
            (
                Format::Qdpx,
                true,
                "REFI-QDA project with entities (.qdpx)…",
                has_documents,
                "The same, with the entities as codes under \"Entities\" and their mentions coded",
            ),
            (
                Format::Qdc,
                false,
                "REFI-QDA codebook (.qdc)…",
                has_codes,
                "The codes alone, with their tree, colours and descriptions",
            ),
            (
                Format::W3c,
                false,
                "W3C Web Annotations (.jsonld)…",
                has_claims,
                "Every claim as an annotation of its document, with quote and position selectors",
            ),
        ];
        ui.menu_button("Export", |ui| {
            for (format, entities, label, enabled, tooltip) in items {
                if ui
                    .add_enabled(enabled, egui::Button::new(label))
                    .on_hover_text(tooltip)
                    .clicked()
                {
                    self.dialog(DialogPurpose::Export { format, entities });
                    ui.close();
                }
            }
        });
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
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
                self.menu_item(
                    ui,
                    AppCommand::ImportQdpx,
                    self.jobs.import.is_none() && !self.jobs.reading_file,
                );
                ui.separator();
                self.menu_item(ui, AppCommand::Save, self.jobs.saving.is_none());
                self.menu_item(ui, AppCommand::SaveAs, self.jobs.saving.is_none());
                self.export_menu_ui(ui);
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
                let mut open = self.side_panel_open;
                if ui
                    .checkbox(&mut open, AppCommand::ToggleSidePanel.label())
                    .on_hover_text(format!(
                        "{} ({})",
                        AppCommand::ToggleSidePanel.tooltip(),
                        ui.ctx()
                            .format_shortcut(&AppCommand::ToggleSidePanel.shortcuts()[0])
                    ))
                    .changed()
                {
                    self.actions.push(Action::Command(AppCommand::ToggleSidePanel));
                }
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
                self.menu_item(ui, AppCommand::ShowMessages, true);
                ui.checkbox(&mut self.sync_scroll, "Sync scroll")
                    .on_hover_text("Scrolling one pane scrolls the others to the same place, aligned on the passages they share");
                ui.checkbox(&mut self.outline_every_mention, "Outline every name")
                    .on_hover_text("Every mention carries its kind's dotted or dashed outline as well as its tint; off, only the mentions of the entity under the pointer or selected do");
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
            ui.menu_button("Help", |ui| {
                use crate::gui::help::HelpPage;
                for page in [HelpPage::Shortcuts, HelpPage::Guide, HelpPage::About] {
                    if ui.button(page.title()).clicked() {
                        self.help = Some(page);
                    }
                }
            });
        });
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        // The right-hand part first, so that a long message is cut short before it, not it.
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
            ui.separator();
            if ui
                .button(AppCommand::ShowMessages.label())
                .on_hover_text(AppCommand::ShowMessages.tooltip())
                .clicked()
            {
                self.actions.push(Action::Command(AppCommand::ShowMessages));
            }
            let problems = self.messages.unseen_problems();
            if problems > 0 {
                ui.colored_label(
                    theme::error_text(ui.visuals().dark_mode),
                    if problems == 1 {
                        "1 new problem".to_owned()
                    } else {
                        format!("{problems} new problems")
                    },
                );
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                self.status_message_ui(ui);
            });
        });
    }

    /// The import's progress while one runs, else the work under way or the last message.
    fn status_message_ui(&mut self, ui: &mut Ui) {
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
            if ui.button("Cancel import").clicked() {
                job.cancel.store(true, Ordering::Relaxed);
            }
            if progress.failed > 0 {
                ui.colored_label(
                    theme::error_text(ui.visuals().dark_mode),
                    format!("{} failed", progress.failed),
                );
            }
            ui.add(egui::Label::new(format!("Importing {}", progress.current)).truncate());
        } else {
            self.messages.status_ui(ui);
        }
    }

    pub(super) fn side_panel_ui(&mut self, ui: &mut Ui) {
        crate::gui::tabs::tab_strip_ui(
            ui,
            &mut self.left_tab,
            &[
                (LeftTab::Library, "Library"),
                (LeftTab::Entities, "Entities"),
                (LeftTab::Claims, "Claims"),
                (LeftTab::Search, "Search"),
                (LeftTab::Notes, "Notes"),
            ],
        );
        ui.separator();
        if self.left_tab != LeftTab::Notes {
            self.commit_notes();
        }
        let actions = match self.left_tab {
            LeftTab::Library => library_ui(ui, &mut self.library, &view_context!(self)),
            LeftTab::Entities => entities_ui(ui, &mut self.entities, &view_context!(self)),
            LeftTab::Notes => {
                self.notes_ui(ui);
                Vec::new()
            }
            LeftTab::Search => {
                let current = self.panes.get(self.focused_pane).map(|pane| pane.document);
                search_ui(ui, &mut self.search, &view_context!(self), current)
            }
            LeftTab::Claims => claims_ui(ui, &mut self.claims, &view_context!(self)),
        };
        self.actions.extend(actions);
    }

    /// What an empty project offers: the first steps and the recent projects.
    pub(super) fn start_ui(&mut self, ui: &mut Ui) {
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
                        self.actions.push(Action::Command(command));
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
    pub(super) fn notes_ui(&mut self, ui: &mut Ui) {
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
    pub(super) fn commit_notes(&mut self) {
        if let Some(text) = self.notes_draft.take()
            && let Some(edit) = Edit::set_notes(&self.workspace.project, &text)
        {
            self.apply(edit);
        }
    }

    /// The filter bar above the panes: which kinds of names and which codes' claims are
    /// highlighted in every pane, and sync scroll.
    ///
    /// It stays on one line: where the whole bar does not fit, the kinds and the claims fold
    /// into two menus.
    pub(super) fn filter_bar_ui(&mut self, ui: &mut egui::Ui) {
        let available = ui.available_width();
        let folded = self.filter_bar_width.is_some_and(|width| width > available);
        let bar = ui.horizontal(|ui| {
            if folded {
                let shown = self.highlight_kinds.iter().filter(|shown| **shown).count();
                egui::containers::menu::MenuButton::new(format!(
                    "Highlight ({shown} of {})",
                    self.highlight_kinds.len()
                ))
                .config(stay_open())
                .ui(ui, |ui| self.kind_switches_ui(ui));
                egui::containers::menu::MenuButton::new("Claims")
                    .config(stay_open())
                    .ui(ui, |ui| {
                        self.claim_switch_ui(ui);
                        if let Some(title) = self.code_filter_title() {
                            ui.add_enabled_ui(self.highlight_claims, |ui| {
                                ui.menu_button(title, |ui| self.code_filter_items_ui(ui));
                            });
                        }
                    });
            } else {
                ui.label("Highlight");
                ui.horizontal(|ui| self.kind_switches_ui(ui));
                ui.separator();
                self.claim_switch_ui(ui);
                if let Some(title) = self.code_filter_title() {
                    ui.add_enabled_ui(self.highlight_claims, |ui| {
                        egui::containers::menu::MenuButton::new(title)
                            .config(stay_open())
                            .ui(ui, |ui| self.code_filter_items_ui(ui));
                    });
                }
            }
            if self.panes.len() > 1 {
                ui.separator();
                ui.checkbox(&mut self.sync_scroll, "Sync scroll")
                    .on_hover_text(AppCommand::ToggleSyncScroll.tooltip());
            }
        });
        // Measured unfolded, the width it needs decides the next frames; a bar that did not fit
        // is drawn again folded at once.
        if !folded {
            let needed = bar.response.rect.width();
            self.filter_bar_width = Some(needed);
            if needed > available {
                ui.ctx().request_discard("the filter bar folds into menus");
            }
        }
    }

    /// A switch per kind of name, each with its swatch.
    fn kind_switches_ui(&mut self, ui: &mut egui::Ui) {
        for (index, kind) in crate::model::EntityKind::ALL.into_iter().enumerate() {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                theme::kind_swatch_ui(ui, kind);
                ui.checkbox(&mut self.highlight_kinds[index], kind.label())
                    .on_hover_text(format!(
                        "Show or hide the highlights of kind {} in every pane",
                        kind.label()
                    ));
            });
        }
    }

    /// The switch that underlines tagged claims.
    fn claim_switch_ui(&mut self, ui: &mut egui::Ui) {
        ui.checkbox(&mut self.highlight_claims, "Claims")
            .on_hover_text("Underline tagged claims in every pane");
    }

    /// "Claims by code (3 of 5)", after forgetting codes deleted since they were hidden; none
    /// when the project has no codes.
    pub(super) fn code_filter_title(&mut self) -> Option<String> {
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
    pub(super) fn code_filter_items_ui(&mut self, ui: &mut egui::Ui) {
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
}

/// A menu that stays open while several of its switches are clicked, until a click outside.
fn stay_open() -> egui::containers::menu::MenuConfig {
    egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
}
