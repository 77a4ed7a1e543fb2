//! The pointer in a pane: dragging out a selection, clicks on names, claims and shared passages,
//! hover, the context menu of a paragraph and the "Tag claim…" button under a selection.

use super::hover_card::hover_card_ui;
use super::selection::{snap_to_words, word_at};
use super::{ClaimMark, PARAGRAPH_GAP, Pane, ReaderContext, ReaderOutput, Shared, Visible};
use crate::analysis::mentions::Mention;
use crate::model::{ClaimId, Document};
use crate::text::one_line;
use egui::{Pos2, Rect, Ui, vec2};

impl Pane {
    #[allow(clippy::too_many_arguments)] // One call site; bundling these would only rename them.
    pub(super) fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        visible: &[Visible],
        document: &Document,
        mentions: &[Mention],
        (claims, shared): (&[ClaimMark], &[Shared]),
        context: &ReaderContext<'_>,
        output: &mut ReaderOutput,
    ) {
        let offset_at = |pos: Pos2| -> Option<usize> {
            let shown = visible
                .iter()
                .find(|shown| pos.y < shown.rect.max.y + PARAGRAPH_GAP / 2.0)
                .or_else(|| visible.last())?;
            let paragraph = &self.paragraphs[shown.index];
            // A collapsed paragraph shows other words than its text: it is selected whole.
            if shown.collapsed {
                let before = pos.y < shown.rect.center().y;
                return Some(if before {
                    paragraph.start
                } else {
                    paragraph.end
                });
            }
            let cursor = shown.galley.cursor_from_pos(pos - shown.rect.min);
            let text = &document.text[paragraph.clone()];
            let byte = text
                .char_indices()
                .nth(cursor.index.0)
                .map_or(text.len(), |(byte, _)| byte);
            Some(paragraph.start + byte)
        };
        let exact_offset_at = |pos: Pos2| -> Option<usize> {
            visible
                .iter()
                .find(|shown| shown.rect.contains(pos) && !shown.collapsed)
                .and_then(|_| offset_at(pos))
        };
        let paragraph_at = |pos: Pos2| {
            visible
                .iter()
                .find(|shown| pos.y < shown.rect.max.y + PARAGRAPH_GAP / 2.0)
                .map(|shown| shown.index)
        };
        if response.secondary_clicked() {
            self.context_paragraph = response.interact_pointer_pos().and_then(paragraph_at);
        }
        if let Some(index) = self.context_paragraph {
            let range = self.paragraphs[index].clone();
            let set_aside = document.is_set_aside(&range);
            response.context_menu(|ui| {
                let label = if set_aside {
                    "Restore as article text"
                } else {
                    "Set aside as publisher furniture"
                };
                if ui.button(label).clicked() {
                    output.toggle_set_aside = Some(range.clone());
                }
                // Related headlines, bylines and promotions usually run on to the end.
                let last = index + 1 == self.paragraphs.len();
                if !last && ui.button("Set aside from here to the end").clicked() {
                    output.set_aside_from = Some(range.start);
                }
            });
        }

        // The anchor is where the button went down: press, move and release can share one frame.
        if response.drag_started()
            && let Some(origin) = ui
                .input(|input| input.pointer.press_origin())
                .or_else(|| response.interact_pointer_pos())
            && let Some(offset) = offset_at(origin)
        {
            self.selection = Some((offset, offset));
            self.dragging = true;
            output.interacted = true;
        }
        if self.dragging
            && (response.dragged() || response.drag_stopped())
            && let Some(pos) = response
                .interact_pointer_pos()
                .or_else(|| ui.input(|input| input.pointer.latest_pos()))
            && let Some(offset) = offset_at(pos)
            && let Some((anchor, _)) = self.selection
        {
            self.selection = Some((anchor, offset));
            if response.dragged() {
                // Dragging past an edge scrolls the text.
                ui.scroll_to_rect(Rect::from_center_size(pos, vec2(1.0, 1.0)), None);
            }
        }
        if response.drag_stopped() {
            self.dragging = false;
            self.selection = self
                .selected_range()
                .map(|range| snap_to_words(&document.text, range))
                .map(|range| (range.start, range.end));
        }
        if response.clicked() {
            output.interacted = true;
            self.selection = None;
            self.flash = None;
            if let Some(offset) = response.interact_pointer_pos().and_then(exact_offset_at) {
                output.clicked_entity = mention_at(mentions, offset).map(|mention| mention.entity);
                output.clicked_shared = shared
                    .iter()
                    .find(|passage| passage.range.contains(&offset))
                    .map(|passage| (passage.other, passage.other_range.clone()));
                output.clicked_claim = claims
                    .iter()
                    .find(|(range, _, _)| range.contains(&offset))
                    .map(|(_, _, id)| *id);
            }
        }
        if response.double_clicked()
            && let Some(offset) = response.interact_pointer_pos().and_then(exact_offset_at)
        {
            self.selection =
                Some(word_at(&document.text, offset)).map(|range| (range.start, range.end));
        }
        if let Some(pos) = response.hover_pos()
            && let Some(offset) = exact_offset_at(pos)
        {
            let mention = mention_at(mentions, offset);
            let over_claims: Vec<ClaimId> = claims
                .iter()
                .filter(|(range, _, _)| range.contains(&offset))
                .map(|(_, _, id)| *id)
                .collect();
            output.hovered_entity = mention.map(|mention| mention.entity);
            output.hovered_claim = over_claims.first().copied();
            let over_shared = shared
                .iter()
                .find(|passage| passage.range.contains(&offset));
            if mention.is_none()
                && over_claims.is_empty()
                && let Some(passage) = over_shared
            {
                let title = context
                    .view
                    .project
                    .document(passage.other)
                    .map_or("another document", |document| document.title.as_str());
                let text = match passage.anchor {
                    None => format!(
                        "Shared with “{title}”, {:.0}% alike. Click to see it there.",
                        passage.score * 100.0
                    ),
                    Some(kind) => {
                        let what = match kind {
                            crate::analysis::anchors::AnchorKind::Number => "number",
                            crate::analysis::anchors::AnchorKind::Date => "date",
                            crate::analysis::anchors::AnchorKind::Entity => "name",
                        };
                        format!("The same {what} is in “{title}”. Click to see it there.")
                    }
                };
                response.clone().on_hover_text_at_pointer(text);
            }
            if mention.is_some() || !over_claims.is_empty() {
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| hover_card_ui(ui, context, mention, &over_claims));
            }
        }
        // The "Tag claim…" button floats under a finished selection.
        if !self.dragging
            && let Some(range) = self.selected_range()
            && let Some(shown) = visible.iter().find(|shown| {
                self.paragraphs[shown.index].contains(&range.end)
                    || self.paragraphs[shown.index].end == range.end
            })
        {
            let paragraph = &self.paragraphs[shown.index];
            let chars = if shown.collapsed {
                0
            } else {
                document.text[paragraph.start..range.end].chars().count()
            };
            let cursor = shown
                .galley
                .pos_from_cursor(egui::text::CCursor::new(chars));
            let anchor = shown.rect.min + cursor.left_bottom().to_vec2() + vec2(0.0, 4.0);
            egui::Area::new(egui::Id::unique(("tag-button", self.salt)))
                .fixed_pos(anchor)
                .order(egui::Order::Foreground)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if ui
                                .button("Tag claim…")
                                .on_hover_text("Tag the selected passage as a claim (Ctrl+T)")
                                .clicked()
                            {
                                output.tag_requested = true;
                            }
                            let here: Vec<&crate::model::Claim> = context
                                .view
                                .project
                                .claims
                                .iter()
                                .filter(|claim| claim.document == document.id)
                                .collect();
                            if !here.is_empty() {
                                ui.menu_button("Add to claim", |ui| {
                                    for claim in here {
                                        let codes = context.view.project.code_names(claim);
                                        let words: String =
                                            one_line(&claim.quote.exact).chars().take(40).collect();
                                        let label = if codes.is_empty() {
                                            format!("“{words}…”")
                                        } else {
                                            format!("{}: “{words}…”", codes.join(", "))
                                        };
                                        if ui
                                            .button(label)
                                            .on_hover_text(
                                                "Add the selected passage to this claim: one claim can span several passages",
                                            )
                                            .clicked()
                                        {
                                            output.add_to_claim = Some((claim.id, range.clone()));
                                            ui.close();
                                        }
                                    }
                                });
                            }
                        });
                    });
                });
        }
    }
}

fn mention_at(mentions: &[Mention], offset: usize) -> Option<&Mention> {
    let index = mentions.partition_point(|mention| mention.range.end <= offset);
    mentions
        .get(index)
        .filter(|mention| mention.range.contains(&offset))
}
