//! The central area in reader view: the open panes with their headers, documents dropped on
//! them, and what the panes asked for in a frame.

use super::links::shared_with_open;
use super::{MAX_PANES, TriangulateApp};
use crate::edit::Edit;
use crate::gui::action::Action;
use crate::gui::commands::AppCommand;
use crate::gui::reader::{Pane, ReaderContext, Shared};
use crate::gui::theme;
use crate::model::{ClaimId, DocumentId};
use egui::{RichText, Ui};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

impl TriangulateApp {
    pub(super) fn panes_ui(&mut self, ui: &mut Ui) {
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
        let view = view_context!(self);
        let context = ReaderContext {
            focus_code: view.selection.focus_code(view.project),
            view,
            text_size: self.text_size,
            highlight_kinds: self.highlight_kinds,
            outline_every_mention: self.outline_every_mention,
            highlight_claims: self.highlight_claims,
            hidden_codes: &self.hidden_codes,
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
                let document = context.view.project.document(pane.document)?;
                Some((pane.salt, document.title.clone()))
            })
            .collect();
        let mut hovered = None;
        let mut focus = None;
        let mut hovered_claim = None;
        let mut asked: Vec<Action> = Vec::new();
        let focused = self.focused_pane;
        let panes = &mut self.panes;
        let mut show = |ui: &mut Ui, salt: u64| -> bool {
            let Some(index) = panes.iter().position(|pane| pane.salt == salt) else {
                return false;
            };
            let pane = &mut panes[index];
            let Some(document) = context.view.project.document(pane.document) else {
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
                    let ranges: Vec<Range<usize>> =
                        if let Some(entity) = context.view.selection.entity {
                            context
                                .view
                                .mentions()
                                .in_document(document.id)
                                .iter()
                                .filter(|mention| mention.entity == entity)
                                .map(|mention| mention.range.clone())
                                .collect()
                        } else if let Some(code) = context.view.selection.code {
                            let mut ranges: Vec<Range<usize>> = context
                                .view
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
                hovered = hovered.or(output.hovered_entity);
                hovered_claim = hovered_claim.or(output.hovered_claim);
                if output.interacted || output.tag_requested {
                    focus = Some(index);
                }
                // What the pane was asked to do, in the order the app carries it out.
                if let Some(entity) = output.clicked_entity {
                    asked.push(Action::SelectEntity(Some(entity)));
                }
                if let Some(claim) = output.clicked_claim {
                    asked.push(Action::ClickClaim(claim, output.clicked_entity.is_some()));
                }
                if output.tag_requested {
                    asked.push(Action::Command(AppCommand::TagSelection));
                }
                if let Some((document, range)) = output.clicked_shared {
                    asked.push(Action::ShowCopy(document, range));
                }
                if let Some(range) = output.toggle_set_aside {
                    asked.push(Action::ToggleSetAside(document.id, range));
                }
                if let Some(start) = output.set_aside_from {
                    asked.push(Action::SetAsideFrom(document.id, start));
                }
                if let Some((claim, range)) = output.add_to_claim {
                    asked.push(Action::AddToClaim(claim, range));
                }
            });
            if let Some((salt, document, beside)) = document_drop_ui(ui, salt) {
                asked.push(Action::DropDocument {
                    pane: salt,
                    document,
                    beside,
                });
            }
            false
        };
        let closed = self.layout.ui(ui, &alive, &titles, &mut show);
        self.draw_bands(ui, &shared);
        if let Some(entity) = hovered {
            self.selection.hover_entity(entity);
        }
        if let Some(claim) = hovered_claim {
            self.selection.hover_claim(claim);
        }
        if let Some(index) = focus {
            self.focused_pane = index;
        }
        self.sync_panes();
        self.actions.extend(asked);
        if !closed.is_empty() {
            let focused = self.panes.get(self.focused_pane).map(|pane| pane.salt);
            self.panes.retain(|pane| !closed.contains(&pane.salt));
            self.focused_pane = focused
                .and_then(|salt| self.panes.iter().position(|pane| pane.salt == salt))
                .unwrap_or(0);
        }
    }

    /// Adds a passage to a claim (a claim may quote several), and clears the selection it came
    /// from.
    pub(super) fn add_to_claim(&mut self, claim: ClaimId, range: Range<usize>) {
        match Edit::add_claim_passage(&self.workspace.project, claim, range.start, range.end) {
            Ok(edit) => {
                if self.apply(edit)
                    && let Some(pane) = self.panes.get_mut(self.focused_pane)
                {
                    pane.selection = None;
                }
            }
            Err(problem) => self.messages.warn(format!("Not added: {problem}")),
        }
    }

    /// A shared passage clicked in one pane: shown in the pane that holds its copy.
    pub(super) fn show_copy(&mut self, document: DocumentId, range: Range<usize>) {
        if let Some(pane) = self.panes.iter_mut().find(|pane| pane.document == document) {
            pane.scroll_to = Some(range.start);
            pane.flash = Some(range);
        }
    }

    /// A claim clicked in a pane: described in the status bar, and its code selected unless the
    /// click was on an entity too.
    pub(super) fn click_claim(&mut self, claim: ClaimId, on_entity: bool) {
        self.messages.say(self.describe_claim(claim));
        if !on_entity {
            self.select_code_of(claim);
        }
    }

    /// A document dragged from the library onto a pane: shown in that pane, or, dropped near
    /// its left or right edge, in a new pane on that side.
    pub(super) fn drop_document(&mut self, salt: u64, document: DocumentId, beside: Option<bool>) {
        match beside {
            None => {
                self.open_in(document, Some(salt), false);
            }
            Some(_) if self.panes.len() >= MAX_PANES => {
                self.messages.warn(format!(
                    "At most {MAX_PANES} panes: drop on the middle of a pane to show the document there"
                ));
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

    /// Sets a paragraph aside as publisher furniture, or restores it as article text.
    pub(super) fn toggle_set_aside(&mut self, document: DocumentId, range: Range<usize>) {
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

    /// Sets aside, as one step, every paragraph from the one starting at `start` to the end of
    /// the body: a tail of related headlines, bylines and promotions.
    pub fn set_aside_from(&mut self, document: DocumentId, start: usize) {
        let Some(current) = self.workspace.project.document(document) else {
            return;
        };
        let tail: Vec<Range<usize>> = crate::gui::reader::paragraphs(current)
            .into_iter()
            .filter(|range| range.start >= start && !current.is_set_aside(range))
            .collect();
        if tail.is_empty() {
            return;
        }
        let edit = Edit::update_document(
            &self.workspace.project,
            document,
            "Set aside to the end",
            |document| {
                for range in &tail {
                    if let Ok(span) =
                        crate::model::ByteSpan::new(&document.text, range.start, range.end)
                    {
                        document.boilerplate.push(span);
                    }
                }
                document.boilerplate.sort();
            },
        );
        if let Some(edit) = edit {
            self.apply(edit);
        }
    }

    pub(super) fn describe_claim(&self, id: ClaimId) -> String {
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
        .view
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
        .view
        .selection
        .focus_entity()
        .and_then(|id| context.view.mentions().entity(id));
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
                        .view
                        .mentions()
                        .in_document(document.id)
                        .iter()
                        .filter(|mention| mention.entity == entity.id)
                        .count();
                    let selected = context.view.selection.entity == Some(entity.id);
                    if selected && here > 0 {
                        action.step = step_buttons_ui(ui, "mention");
                    }
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{here} × {}", entity.name)).color(
                                theme::kind_text_colour(entity.kind, ui.visuals().dark_mode),
                            ),
                        )
                        .truncate(),
                    );
                }
                None if context.focus_code.is_some() => {
                    let code = context
                        .focus_code
                        .and_then(|code| context.view.project.code(code));
                    if let Some(code) = code {
                        let here = context
                            .view
                            .project
                            .claims
                            .iter()
                            .filter(|claim| {
                                claim.document == document.id && claim.codes.contains(&code.id)
                            })
                            .count();
                        if context.view.selection.code == Some(code.id) && here > 0 {
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
