//! The frame loop: work between frames, one frame drawn, and the window's title.

use super::{AUTOSAVE_EVERY, CentralView, Modal, Pending, Persisted, TriangulateApp};
use crate::gui::action::Action;
use crate::gui::commands::consume_shortcuts;
use crate::gui::hypotheses::hypotheses_ui;
use crate::gui::matrix::matrix_ui;
use crate::gui::palette::Outcome as PaletteOutcome;
use crate::gui::shared::shared_ui;
use crate::gui::tag::TagOutcome;
use crate::gui::theme;
use crate::gui::timeline::timeline_ui;
use egui::{Ui, ViewportCommand};
use std::time::Duration;

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
        // What runs from here on must not read files or work over the whole corpus.
        let _frame = crate::frame_guard::FrameScope::enter();
        // A no-op once the font is in; tests hand the app a context of their own.
        theme::install_fonts(ctx);
        theme::install_text_sizes(ctx);
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
        let _frame = crate::frame_guard::FrameScope::enter();
        let ctx = ui.ctx().clone();
        self.update_title(&ctx);
        self.actions
            .extend(consume_shortcuts(&ctx).into_iter().map(Action::Command));
        self.handle_dropped_files(&ctx);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        // The side panel takes at most half of a small window and can be dragged narrower or
        // closed (View ▸ Side panel, Ctrl+B; dragging its edge past its narrowest closes it).
        let width = ui.available_width();
        let mut open = self.side_panel_open;
        egui::Panel::left("side-panel")
            .default_size((width * 0.38).clamp(SIDE_PANEL_MIN, 380.0))
            .size_range(SIDE_PANEL_MIN..=(width * 0.6).max(SIDE_PANEL_MIN))
            .show_collapsible(ui, &mut open, |ui| self.side_panel_ui(ui));
        self.side_panel_open = open;
        egui::CentralPanel::default().show(ui, |ui| {
            crate::gui::tabs::tab_strip_ui(
                ui,
                &mut self.central,
                &[
                    (CentralView::Reader, "Reader"),
                    (CentralView::Matrix, "Claim matrix"),
                    (CentralView::Timeline, "Timeline"),
                    (CentralView::Hypotheses, "Hypotheses"),
                    (CentralView::Shared, "Shared text"),
                ],
            );
            match self.central {
                CentralView::Reader => self.panes_ui(ui),
                CentralView::Timeline => {
                    let actions = timeline_ui(ui, &mut self.timeline, &view_context!(self));
                    self.actions.extend(actions);
                }
                CentralView::Shared => {
                    let actions = shared_ui(ui, &view_context!(self), self.shared_cluster);
                    self.actions.extend(actions);
                }
                CentralView::Hypotheses => {
                    let actions = hypotheses_ui(ui, &mut self.hypotheses, &view_context!(self));
                    self.actions.extend(actions);
                }
                CentralView::Matrix => {
                    let actions = matrix_ui(ui, &mut self.matrix, &view_context!(self));
                    self.actions.extend(actions);
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
                self.actions.push(Action::TagClaim(draft));
            }
        }
        crate::gui::help::help_window(&ctx, &mut self.help);
        self.messages.log_window(&ctx);
        self.messages.show_toasts(&ctx);
        self.modal_ui(&ctx);
        if let Some(palette) = &mut self.palette
            && let Some(outcome) = palette.ui(
                &ctx,
                &self.workspace.project,
                &self.derived.mentions.entities.entities,
                &self.palette_history,
            )
        {
            self.palette = None;
            if let PaletteOutcome::Chose(choice) = outcome {
                self.palette_history.record(choice);
                self.actions.push(Action::Choose(choice));
            }
        }
        // Everything drawn: what the user asked for this frame is carried out, in order, and
        // the next frame shows what it changed.
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            ctx.request_repaint();
        }
        for action in actions {
            self.handle(action);
        }
        // What was reported under the pointer this frame is what the next one lights up.
        if self.selection.end_frame() {
            ctx.request_repaint();
        }
        if self.jobs.busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
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
}

/// The side panel's narrowest width: the library's columns and the properties' fields still
/// read at it.
const SIDE_PANEL_MIN: f32 = 220.0;
