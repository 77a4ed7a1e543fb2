//! The reader: one document in a pane, laid out a paragraph at a time and only where visible.
//!
//! Each paragraph is its own galley, so a 1 MB document costs no more per frame than the few
//! paragraphs on screen. Heights of paragraphs not yet laid out are estimated from their length
//! and corrected once seen. Mentions are tinted by kind, claims underlined in their code's
//! colour, and the user's own text selection is tracked here as byte offsets.

use super::theme;
use crate::analysis::mentions::{Mention, MentionIndex};
use crate::model::{ClaimId, CodeId, Document, DocumentId, EntityId, EntityKind, Project};
use crate::text::one_line;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Key, Modifiers, Pos2, Rect, Sense, Stroke, Ui, Vec2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Space between paragraphs, in points.
const PARAGRAPH_GAP: f32 = 10.0;

/// A document open in a pane, with the pane's own scroll position, selection and layout cache.
pub struct Pane {
    /// The document shown.
    pub document: DocumentId,
    /// Byte ranges of the body's paragraphs, in order.
    paragraphs: Arc<Vec<Range<usize>>>,
    /// Per paragraph: its length in bytes and its count of line breaks, for height estimates.
    shapes: Vec<(usize, usize)>,
    /// Measured paragraph heights at `measured_width`.
    heights: Vec<Option<f32>>,
    measured_width: f32,
    /// A byte offset to bring into view on the next frame.
    pub scroll_to: Option<usize>,
    /// A byte offset whose paragraph goes to the very top on the next frame (sync scroll).
    pub align_to: Option<usize>,
    /// A passage to tint, such as the claim the user jumped to.
    pub flash: Option<Range<usize>>,
    /// The selected text as (anchor, head) byte offsets; either may be the larger.
    pub selection: Option<(usize, usize)>,
    dragging: bool,
    /// Unique id for this pane's widgets.
    pub salt: u64,
    /// Whether set-aside paragraphs are shown in full (dimmed) rather than as one line.
    pub show_set_aside: bool,
    measured_show_set_aside: bool,
    /// The paragraph the context menu was opened on.
    context_paragraph: Option<usize>,
    /// The paragraphs laid out in the last frame: their byte ranges, screen rectangles and,
    /// unless collapsed, their galleys.
    shown: Vec<(Range<usize>, Rect, Option<Arc<egui::Galley>>)>,
    /// The part of the screen the text was visible in, in the last frame.
    viewport: Rect,
}

/// What the reader needs to know to draw, all read-only.
pub struct ReaderContext<'a> {
    /// The project.
    pub project: &'a Project,
    /// Where entities are mentioned.
    pub mentions: &'a MentionIndex,
    /// The entity under the pointer in any pane last frame, highlighted in all of them.
    pub hovered_entity: Option<EntityId>,
    /// The entity selected in the entities panel.
    pub selected_entity: Option<EntityId>,
    /// Size of the body text.
    pub text_size: f32,
    /// Which kinds of entities are highlighted, by `EntityKind::ALL` order.
    pub highlight_kinds: [bool; 5],
    /// Whether claims are underlined.
    pub highlight_claims: bool,
    /// Codes whose claims are not underlined (the highlight filter); a claim shows while any of
    /// its codes does.
    pub hidden_codes: &'a std::collections::BTreeSet<CodeId>,
    /// The code whose claims light up in every pane: that of the claim or code under the
    /// pointer last frame.
    pub focus_code: Option<CodeId>,
    /// The code of the claim last clicked: its claims stay lit, and each pane steps through them.
    pub selected_code: Option<CodeId>,
}

/// A passage this pane's document shares with a document open in another pane.
#[derive(Clone, Debug)]
pub struct Shared {
    /// Where the passage is in this document.
    pub range: Range<usize>,
    /// The other document.
    pub other: DocumentId,
    /// Where the passage is in the other document.
    pub other_range: Range<usize>,
    /// How alike the two copies are, from 0 to 1.
    pub score: f32,
    /// Which tint: one per pair of panes.
    pub tint: usize,
    /// For documents that share no text: what this place has in common with the other
    /// (a number, a date, a rare name) instead of a copied passage.
    pub anchor: Option<crate::analysis::anchors::AnchorKind>,
}

/// What the user did in a pane this frame.
#[derive(Default)]
pub struct ReaderOutput {
    /// The entity under the pointer, if any.
    pub hovered_entity: Option<EntityId>,
    /// An entity the user clicked.
    pub clicked_entity: Option<EntityId>,
    /// A claim the user clicked.
    pub clicked_claim: Option<ClaimId>,
    /// The user asked to tag the selection.
    pub tag_requested: bool,
    /// The claim under the pointer, if any.
    pub hovered_claim: Option<ClaimId>,
    /// The user asked to add the selected passage to this claim of the document.
    pub add_to_claim: Option<(ClaimId, Range<usize>)>,
    /// The pane was clicked or scrolled, and should become the focused one.
    pub interacted: bool,
    /// The user asked to set this paragraph aside as furniture, or to restore it as text.
    pub toggle_set_aside: Option<Range<usize>>,
    /// A shared passage the user clicked: show its copy in the other document.
    pub clicked_shared: Option<(DocumentId, Range<usize>)>,
}

/// Splits a body into paragraphs at blank lines; returns byte ranges into the full text.
pub fn paragraphs(document: &Document) -> Vec<Range<usize>> {
    let offset = document.body.start();
    crate::import::boilerplate::paragraphs(document.body_text())
        .into_iter()
        .map(|range| offset + range.start..offset + range.end)
        .collect()
}

impl Pane {
    /// A pane showing `document`.
    pub fn new(document: &Document, salt: u64) -> Self {
        let paragraphs = Arc::new(paragraphs(document));
        let count = paragraphs.len();
        let shapes = paragraphs
            .iter()
            .map(|range| {
                (
                    range.len(),
                    document.text[range.clone()].matches('\n').count(),
                )
            })
            .collect();
        Self {
            document: document.id,
            paragraphs,
            shapes,
            heights: vec![None; count],
            measured_width: 0.0,
            scroll_to: None,
            align_to: None,
            flash: None,
            selection: None,
            dragging: false,
            salt,
            show_set_aside: false,
            measured_show_set_aside: false,
            context_paragraph: None,
            shown: Vec::new(),
            viewport: Rect::NOTHING,
        }
    }

    /// The selection as an ordered, non-empty byte range.
    pub fn selected_range(&self) -> Option<Range<usize>> {
        let (anchor, head) = self.selection?;
        (anchor != head).then(|| anchor.min(head)..anchor.max(head))
    }

    /// Whether the user is still dragging out a selection.
    pub fn is_selecting(&self) -> bool {
        self.dragging
    }

    /// Sets the selection, for keyboard use and tests.
    pub fn select(&mut self, range: Range<usize>) {
        self.selection = Some((range.start, range.end));
        self.dragging = false;
    }

    /// Moves to the next (or previous) of `ranges` after (or before) the marked passage,
    /// wrapping around, and marks it.
    pub fn step_through(&mut self, ranges: &[Range<usize>], forward: bool) {
        let current = self.flash.as_ref().map(|flash| flash.start);
        let next = if forward {
            ranges
                .iter()
                .find(|range| current.is_none_or(|at| range.start > at))
                .or_else(|| ranges.first())
        } else {
            ranges
                .iter()
                .rev()
                .find(|range| current.is_none_or(|at| range.start < at))
                .or_else(|| ranges.last())
        };
        if let Some(range) = next {
            self.scroll_to = Some(range.start);
            self.flash = Some(range.clone());
        }
    }

    /// The first byte of the first paragraph drawn in the last frame: where the pane is.
    pub fn top_offset(&self) -> Option<usize> {
        self.shown.first().map(|(range, ..)| range.start)
    }

    /// The first byte of the paragraph that holds `offset`.
    pub fn paragraph_start(&self, offset: usize) -> usize {
        self.paragraphs
            .get(self.paragraph_at(offset))
            .map_or(offset, |paragraph| paragraph.start)
    }

    /// Where the paragraph holding `offset` was drawn in the last frame, if it was visible.
    pub fn screen_rect_of(&self, offset: usize) -> Option<Rect> {
        self.shown
            .iter()
            .find(|(range, ..)| range.start <= offset && offset <= range.end)
            .map(|(_, rect, _)| *rect)
    }

    /// Where the text was shown in the last frame, below the header.
    pub fn text_area(&self) -> Rect {
        self.viewport
    }

    /// The screen heights, top and bottom, between which the passage `range` was drawn in the
    /// last frame, cut to the visible part of the pane; `None` when none of it was visible.
    pub fn screen_span_of(&self, range: &Range<usize>) -> Option<(f32, f32)> {
        let mut span: Option<(f32, f32)> = None;
        for (paragraph, rect, galley) in &self.shown {
            if paragraph.end <= range.start || range.end <= paragraph.start {
                continue;
            }
            let (mut top, mut bottom) = (rect.top(), rect.bottom());
            if let Some(galley) = galley {
                // The galley holds the paragraph's text as it is, so bytes map to characters.
                let row_of = |offset: usize| {
                    let chars = galley
                        .text()
                        .get(..offset - paragraph.start)
                        .map_or(0, |before| before.chars().count());
                    galley.pos_from_cursor(egui::text::CCursor::new(chars))
                };
                if range.start > paragraph.start {
                    top = rect.top() + row_of(range.start).top();
                }
                if range.end < paragraph.end {
                    bottom = rect.top() + row_of(range.end).bottom();
                }
            }
            span = Some(span.map_or((top, bottom), |(t, b)| (t.min(top), b.max(bottom))));
        }
        let (top, bottom) = span?;
        let (top, bottom) = (
            top.max(self.viewport.top()),
            bottom.min(self.viewport.bottom()),
        );
        (top < bottom).then_some((top, bottom))
    }

    fn paragraph_at(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|paragraph| paragraph.end < offset)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Draws the pane's text; returns what the user did.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        context: &ReaderContext<'_>,
        shared: &[Shared],
    ) -> ReaderOutput {
        let mut output = ReaderOutput::default();
        let Some(document) = context.project.document(self.document) else {
            ui.label("This document is no longer in the project");
            return output;
        };
        let dark = ui.visuals().dark_mode;
        let font = FontId::proportional(context.text_size);
        let row_height = ui.fonts_mut(|fonts| fonts.row_height(&font));
        let text_colour = ui.visuals().text_color();
        let width = (ui.available_width() - 16.0).max(120.0);
        if (width - self.measured_width).abs() > 0.5
            || self.show_set_aside != self.measured_show_set_aside
        {
            self.measured_show_set_aside = self.show_set_aside;
            self.heights.iter_mut().for_each(|height| *height = None);
            self.measured_width = width;
        }
        // Estimated heights keep the scroll bar honest before every paragraph has been seen;
        // they come from each paragraph's length, so no frame reads the whole text.
        let chars_per_row = (width / (context.text_size * 0.5)).max(10.0);
        let mut tops = Vec::with_capacity(self.paragraphs.len() + 1);
        let mut y = 0.0;
        for (index, &(bytes, breaks)) in self.shapes.iter().enumerate() {
            tops.push(y);
            let estimate =
                || ((bytes as f32 / chars_per_row).ceil().max(1.0) + breaks as f32) * row_height;
            y += self.heights[index].unwrap_or_else(estimate) + PARAGRAPH_GAP;
        }
        tops.push(y);
        let total_height = y;

        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt(("reader", self.salt))
            .auto_shrink([false, false]);
        if let Some(offset) = self.scroll_to.take() {
            let index = self.paragraph_at(offset);
            scroll_area = scroll_area.vertical_scroll_offset(
                (tops.get(index).copied().unwrap_or(0.0) - 3.0 * row_height).max(0.0),
            );
        } else if let Some(offset) = self.align_to.take() {
            let index = self.paragraph_at(offset);
            scroll_area =
                scroll_area.vertical_scroll_offset(tops.get(index).copied().unwrap_or(0.0));
        }
        let mentions = context.mentions.in_document(document.id);
        let claims: Vec<ClaimMark> = if !context.highlight_claims {
            Vec::new()
        } else {
            context
                .project
                .claims
                .iter()
                .filter(|claim| {
                    claim.document == document.id
                        && (claim.codes.is_empty()
                            || claim
                                .codes
                                .iter()
                                .any(|code| !context.hidden_codes.contains(code)))
                })
                .flat_map(|claim| {
                    let colour = claim
                        .codes
                        .iter()
                        .find(|code| !context.hidden_codes.contains(code))
                        .and_then(|code| context.project.code(*code))
                        .map_or(ui.visuals().hyperlink_color, |code| {
                            theme::code_colour(code.colour)
                        });
                    // Every passage of a claim that spans several.
                    claim
                        .quotes()
                        .map(move |quote| (quote.span.range(), colour, claim.id))
                })
                .collect()
        };
        let selection = self.selected_range();
        let mut measured_changed = false;

        let scroll_output = scroll_area.show_viewport(ui, |ui, viewport| {
            let origin = ui.max_rect().min;
            let (_, response) =
                ui.allocate_exact_size(vec2(width, total_height), Sense::click_and_drag());
            let first = tops
                .partition_point(|top| *top < viewport.min.y)
                .saturating_sub(1);
            let mut visible: Vec<Visible> = Vec::new();
            for (index, &top) in tops
                .iter()
                .enumerate()
                .take(self.paragraphs.len())
                .skip(first)
            {
                if top > viewport.max.y {
                    break;
                }
                let range = self.paragraphs[index].clone();
                let style = Highlights {
                    mentions,
                    claims: &claims,
                    selection: selection.clone(),
                    flash: self.flash.clone(),
                    hovered: context.hovered_entity,
                    selected: context.selected_entity,
                    focus_code: context.focus_code,
                    project: context.project,
                    entities: &context.mentions.entities,
                    shared,
                    kinds: context.highlight_kinds,
                    dark,
                };
                let set_aside = document.is_set_aside(&range);
                let collapsed = set_aside && !self.show_set_aside;
                let weak = ui.visuals().weak_text_color();
                let (job, decorations) = if collapsed {
                    (
                        collapsed_job(&document.text[range], &font, weak, width),
                        Decorations::default(),
                    )
                } else {
                    paragraph_job(
                        &document.text,
                        range,
                        &style,
                        &font,
                        if set_aside { weak } else { text_colour },
                        width,
                    )
                };
                let galley = ui.painter().layout_job(job);
                let height = galley.size().y;
                if self.heights[index].is_none_or(|known| (known - height).abs() > 0.5) {
                    self.heights[index] = Some(height);
                    measured_changed = true;
                }
                let rect = Rect::from_min_size(origin + vec2(0.0, top), galley.size());
                paint_backgrounds(ui.painter(), rect.min, &galley, &decorations.spans);
                ui.painter().galley(rect.min, galley.clone(), text_colour);
                paint_over_text(ui.painter(), rect.min, &galley, &decorations, dark);
                visible.push(Visible {
                    index,
                    rect,
                    galley,
                    collapsed,
                });
            }
            self.shown = visible
                .iter()
                .map(|shown| {
                    let galley = (!shown.collapsed).then(|| shown.galley.clone());
                    (self.paragraphs[shown.index].clone(), shown.rect, galley)
                })
                .collect();
            self.viewport = ui.clip_rect();
            self.interact(
                ui,
                &response,
                &visible,
                document,
                mentions,
                (&claims, shared),
                context,
                &mut output,
            );
            self.keyboard(ui, &response, &visible, document, &mut output);
        });
        if measured_changed {
            ui.ctx().request_repaint();
        }
        if ui.rect_contains_pointer(scroll_output.inner_rect)
            && ui.input(|i| i.smooth_scroll_delta != Vec2::ZERO)
        {
            output.interacted = true;
        }
        output
    }

    /// Selecting with the keyboard, once the pane has focus (click it, or Tab to it): the arrows
    /// select the next or previous word, or the first word of the next or previous paragraph;
    /// with Shift they extend the selection by a word (left, right) or to a sentence's end
    /// (up, down). Escape clears it; Ctrl+T tags it.
    fn keyboard(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        visible: &[Visible],
        document: &Document,
        output: &mut ReaderOutput,
    ) {
        if response.clicked() || response.drag_started() {
            response.request_focus();
        }
        if !response.has_focus() {
            return;
        }
        ui.memory_mut(|memory| {
            memory.set_focus_lock_filter(
                response.id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                    tab: false,
                },
            );
        });
        let text = &document.text;
        let body = document.body.range();
        let pressed = |key: Key| {
            ui.input_mut(|input| {
                input.consume_key(Modifiers::SHIFT, key) || input.consume_key(Modifiers::NONE, key)
            })
        };
        let shift = ui.input(|input| input.modifiers.shift);
        let start_at = || {
            self.flash
                .as_ref()
                .map(|flash| flash.start)
                .or_else(|| {
                    visible
                        .first()
                        .map(|shown| self.paragraphs[shown.index].start)
                })
                .unwrap_or(body.start)
        };
        let mut changed = None;
        if pressed(Key::Escape) {
            self.selection = None;
            output.interacted = true;
            return;
        }
        for key in [
            Key::ArrowRight,
            Key::ArrowLeft,
            Key::ArrowDown,
            Key::ArrowUp,
        ] {
            if !pressed(key) {
                continue;
            }
            let forward = matches!(key, Key::ArrowRight | Key::ArrowDown);
            let selection = self.selection.filter(|(anchor, head)| anchor != head);
            changed = match (selection, shift, key) {
                (Some((anchor, head)), true, Key::ArrowRight | Key::ArrowLeft) => {
                    step_word(text, &body, head, forward).map(|word| {
                        let head = if forward { word.end } else { word.start };
                        (anchor, head)
                    })
                }
                (Some((anchor, head)), true, _) => {
                    Some((anchor, sentence_edge(text, &body, head, forward)))
                }
                (Some((anchor, head)), false, Key::ArrowRight | Key::ArrowLeft) => {
                    let from = if forward {
                        anchor.max(head)
                    } else {
                        anchor.min(head)
                    };
                    step_word(text, &body, from, forward).map(|word| (word.start, word.end))
                }
                (Some((anchor, _)), false, _) => {
                    let index = self.paragraph_at(anchor);
                    let next = if forward {
                        (index + 1 < self.paragraphs.len()).then(|| index + 1)
                    } else {
                        index.checked_sub(1)
                    };
                    next.and_then(|index| {
                        let start = self.paragraphs[index].start;
                        step_word(text, &body, start, true).map(|word| (word.start, word.end))
                    })
                }
                (None, ..) => {
                    step_word(text, &body, start_at(), true).map(|word| (word.start, word.end))
                }
            };
        }
        if let Some((anchor, head)) = changed {
            self.selection = Some((anchor, head));
            self.dragging = false;
            output.interacted = true;
            let shown = visible
                .iter()
                .any(|shown| self.paragraphs[shown.index].contains(&head));
            if !shown {
                self.scroll_to = Some(head);
            }
            ui.ctx().request_repaint();
        }
    }

    #[allow(clippy::too_many_arguments)] // One call site; bundling these would only rename them.
    fn interact(
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
                                .project
                                .claims
                                .iter()
                                .filter(|claim| claim.document == document.id)
                                .collect();
                            if !here.is_empty() {
                                ui.menu_button("Add to claim", |ui| {
                                    for claim in here {
                                        let codes = context.project.code_names(claim);
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

/// A claim's passage, its code's colour and its id, as the reader draws it.
type ClaimMark = (Range<usize>, Color32, ClaimId);

/// A paragraph laid out this frame.
struct Visible {
    index: usize,
    rect: Rect,
    galley: Arc<egui::Galley>,
    /// A set-aside paragraph shown as one line.
    collapsed: bool,
}

/// One dim line standing for a set-aside paragraph.
fn collapsed_job(text: &str, font: &FontId, colour: Color32, width: f32) -> LayoutJob {
    let words = one_line(text);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            max_rows: 1,
            break_anywhere: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let small = FontId::proportional(font.size * 0.8);
    job.append(
        "Set aside: ",
        0.0,
        TextFormat {
            font_id: small.clone(),
            color: colour,
            italics: true,
            ..Default::default()
        },
    );
    job.append(
        &words,
        0.0,
        TextFormat {
            font_id: small,
            color: colour,
            italics: true,
            ..Default::default()
        },
    );
    job
}

fn mention_at(mentions: &[Mention], offset: usize) -> Option<&Mention> {
    let index = mentions.partition_point(|mention| mention.range.end <= offset);
    mentions
        .get(index)
        .filter(|mention| mention.range.contains(&offset))
}

/// The word around `offset`.
fn word_at(text: &str, offset: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(index, _)| index);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(index, _)| offset + index);
    start..end
}

/// The next word that starts at or after `from` (forward), or the last one that ends at or
/// before it (backward), within `body`.
fn step_word(text: &str, body: &Range<usize>, from: usize, forward: bool) -> Option<Range<usize>> {
    let is_word = |c: char| c.is_alphanumeric();
    if forward {
        let start = from.clamp(body.start, body.end);
        let (offset, _) = text[start..body.end]
            .char_indices()
            .find(|(_, c)| is_word(*c))?;
        Some(word_at(text, start + offset))
    } else {
        let end = from.clamp(body.start, body.end);
        let (offset, _) = text[body.start..end]
            .char_indices()
            .rev()
            .find(|(_, c)| is_word(*c))?;
        Some(word_at(text, body.start + offset))
    }
}

/// The end of the sentence after `from` (forward: past its closing mark and quote), or the
/// start of the sentence before it, within `body`.
fn sentence_edge(text: &str, body: &Range<usize>, from: usize, forward: bool) -> usize {
    let from = from.clamp(body.start, body.end);
    let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    if forward {
        let rest = &text[from..body.end];
        // Skip the mark the selection may already end on, then find the next one.
        let skip = rest
            .char_indices()
            .find(|(_, c)| !ends_sentence(*c) && !c.is_whitespace())
            .map_or(rest.len(), |(index, _)| index);
        rest[skip..]
            .char_indices()
            .find(|(_, c)| ends_sentence(*c))
            .map_or(body.end, |(index, c)| {
                let mut end = from + skip + index + c.len_utf8();
                // A closing quote belongs to the sentence it closes.
                while let Some(next) = text[end..body.end].chars().next()
                    && matches!(next, '"' | '”' | '»' | '’' | ')')
                {
                    end += next.len_utf8();
                }
                if c == '\n' { end - 1 } else { end }
            })
    } else {
        let before = &text[body.start..from];
        let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || ends_sentence(c));
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| ends_sentence(*c))
            .map_or(body.start, |(index, c)| {
                let start = body.start + index + c.len_utf8();
                start + (text[start..].len() - text[start..].trim_start().len())
            })
    }
}

/// Widens a selection that starts or ends inside a word to the whole word, and trims spaces.
fn snap_to_words(text: &str, range: Range<usize>) -> Range<usize> {
    let start = word_at(text, range.start).start.min(range.start);
    let end_word = if range.end > 0 {
        word_at(text, range.end).end
    } else {
        range.end
    };
    let end = end_word.max(range.end);
    let inner = &text[start..end];
    let leading = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    start + leading..start + leading + trimmed.len()
}

struct Highlights<'a> {
    kinds: [bool; 5],
    shared: &'a [Shared],
    mentions: &'a [Mention],
    claims: &'a [ClaimMark],
    selection: Option<Range<usize>>,
    flash: Option<Range<usize>>,
    hovered: Option<EntityId>,
    selected: Option<EntityId>,
    focus_code: Option<CodeId>,
    project: &'a Project,
    entities: &'a crate::analysis::entities::EntityTable,
    dark: bool,
}

/// Lays out one paragraph as plain text, one section, with its highlights beside it as
/// decorations to paint over the layout. Text shaping costs per section, and a job that
/// carried the highlights would be laid out again whenever one changed (a hover tints a
/// name more strongly in every pane): the layout depends on the words alone.
fn paragraph_job(
    text: &str,
    paragraph: Range<usize>,
    style: &Highlights<'_>,
    font: &FontId,
    colour: Color32,
    width: f32,
) -> (LayoutJob, Decorations) {
    // Every place where some highlight starts or ends cuts the paragraph into stretches.
    let mut cuts = vec![paragraph.start, paragraph.end];
    let first_mention = style
        .mentions
        .partition_point(|mention| mention.range.end <= paragraph.start);
    let mentions: Vec<&Mention> = style.mentions[first_mention..]
        .iter()
        .take_while(|mention| mention.range.start < paragraph.end)
        .collect();
    let clip =
        |range: &Range<usize>| range.start.max(paragraph.start)..range.end.min(paragraph.end);
    let mut ranges: Vec<Range<usize>> = mentions
        .iter()
        .map(|mention| mention.range.clone())
        .collect();
    ranges.extend(style.claims.iter().map(|(range, _, _)| range.clone()));
    ranges.extend(style.shared.iter().map(|shared| shared.range.clone()));
    ranges.extend(style.selection.clone());
    ranges.extend(style.flash.clone());
    for range in ranges
        .iter()
        .filter(|range| range.start < paragraph.end && range.end > paragraph.start)
    {
        let range = clip(range);
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.retain(|cut| text.is_char_boundary(*cut));
    cuts.sort_unstable();
    cuts.dedup();
    let mut decorations = Decorations::default();
    // Characters passed so far: the galley counts in characters.
    let mut counted = 0;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let chars = text[start..end].chars().count();
        let mut background = Color32::TRANSPARENT;
        let mut underline = Stroke::NONE;
        let mut mark = None;
        if let Some(shared) = style
            .shared
            .iter()
            .find(|shared| shared.range.start <= start && end <= shared.range.end)
        {
            background = theme::shared_tint(shared.tint, style.dark);
        }
        if let Some(mention) = mentions
            .iter()
            .find(|mention| mention.range.start <= start && end <= mention.range.end)
            && let Some(entity) = style.entities.entity(mention.entity)
            && (style.kinds[EntityKind::ALL
                .iter()
                .position(|kind| *kind == entity.kind)
                .unwrap_or(0)]
                || style.selected == Some(entity.id))
        {
            let strong = style.hovered == Some(entity.id) || style.selected == Some(entity.id);
            background = theme::kind_tint(entity.kind, style.dark, strong);
            mark = Some((mention.range.start, entity.kind));
        }
        if let Some((_, claim_colour, claim)) = style
            .claims
            .iter()
            .rev()
            .find(|(range, _, _)| range.start <= start && end <= range.end)
        {
            underline = Stroke::new(2.0, *claim_colour);
            // Claims with the code in focus are tinted in its colour, in every pane.
            if let Some(code) = style.focus_code
                && style
                    .project
                    .claim(*claim)
                    .is_some_and(|claim| claim.codes.contains(&code))
                && let Some(code) = style.project.code(code)
            {
                background = theme::code_tint(code.colour, style.dark);
            }
        }
        if style
            .flash
            .as_ref()
            .is_some_and(|flash| flash.start <= start && end <= flash.end)
        {
            background = theme::focus_tint(style.dark);
        }
        if style
            .selection
            .as_ref()
            .is_some_and(|selection| selection.start <= start && end <= selection.end)
        {
            background = theme::selection(style.dark);
        }
        let stretch = counted..counted + chars;
        if background != Color32::TRANSPARENT || underline != Stroke::NONE {
            match decorations.spans.last_mut() {
                Some(last)
                    if last.chars.end == stretch.start
                        && last.background == background
                        && last.underline == underline =>
                {
                    last.chars.end = stretch.end;
                }
                _ => decorations.spans.push(Decoration {
                    chars: stretch.clone(),
                    background,
                    underline,
                }),
            }
        }
        if let Some((mention, kind)) = mark {
            // Stretches of one mention (cut by a claim or a shared passage) make one mark.
            match decorations.marks.last_mut() {
                Some(last) if last.mention == mention && last.chars.end == stretch.start => {
                    last.chars.end = stretch.end;
                }
                _ => decorations.marks.push(KindMark {
                    mention,
                    kind,
                    chars: stretch,
                }),
            }
        }
        counted += chars;
    }
    let mut job = LayoutJob::single_section(
        text[paragraph].to_owned(),
        TextFormat {
            font_id: font.clone(),
            color: colour,
            ..Default::default()
        },
    );
    job.wrap.max_width = width;
    (job, decorations)
}

/// The highlights of a laid-out paragraph, in characters of its layout.
#[derive(Default)]
struct Decorations {
    /// Tinted or underlined stretches, in order, none overlapping.
    spans: Vec<Decoration>,
    /// The kind marks of its mentions, in order.
    marks: Vec<KindMark>,
}

/// A stretch of a paragraph drawn with a tint behind it, an underline, or both.
#[derive(Clone, PartialEq)]
struct Decoration {
    chars: Range<usize>,
    background: Color32,
    underline: Stroke,
}

/// A mention's stretch of a paragraph's layout, in characters, for its kind mark.
#[derive(Clone, PartialEq)]
struct KindMark {
    /// Where the mention starts in the text: stretches of one mention share it.
    mention: usize,
    kind: EntityKind,
    /// Its characters in the paragraph's layout.
    chars: Range<usize>,
}

/// Calls `each` for every row a stretch of characters runs over, with the stretch, the
/// horizontal extent of its glyphs on that row and the row's vertical extent, on screen.
/// `stretches` are in order and do not overlap.
fn for_each_row_stretch<T>(
    origin: Pos2,
    galley: &egui::Galley,
    stretches: &[T],
    chars_of: impl Fn(&T) -> &Range<usize>,
    mut each: impl FnMut(&T, egui::Rangef, egui::Rangef),
) {
    let mut stretches = stretches.iter().peekable();
    let mut row_start = 0;
    for row in &galley.rows {
        let row_end = row_start + row.row.glyphs.len();
        let glyph_x = |char: usize| {
            let glyph = &row.row.glyphs[char - row_start];
            let left = origin.x + row.pos.x + glyph.pos.x;
            (left, left + glyph.advance_width)
        };
        let y = egui::Rangef::new(origin.y + row.min_y(), origin.y + row.max_y());
        while let Some(stretch) = stretches.peek() {
            let chars = chars_of(stretch);
            if chars.start >= row_end {
                break;
            }
            let (start, end) = (chars.start.max(row_start), chars.end.min(row_end));
            if start < end {
                let x = egui::Rangef::new(glyph_x(start).0, glyph_x(end - 1).1);
                each(stretch, x, y);
            }
            if chars.end > row_end {
                break;
            }
            stretches.next();
        }
        row_start += row.char_count_including_newline().0;
    }
}

/// Paints the tints that go behind a paragraph's text: a stretch of one colour that goes on
/// into the next is one rectangle, and the rows' tints meet without overlapping, as
/// translucent tints that overlap show a darker seam.
fn paint_backgrounds(
    painter: &egui::Painter,
    origin: Pos2,
    galley: &egui::Galley,
    spans: &[Decoration],
) {
    let mut run: Option<(Color32, Rect)> = None;
    let paint = |run: Option<(Color32, Rect)>| {
        if let Some((colour, rect)) = run {
            painter.rect_filled(rect.expand2(vec2(1.0, 0.0)), 0.0, colour);
        }
    };
    for_each_row_stretch(
        origin,
        galley,
        spans,
        |span| &span.chars,
        |span, x, y| {
            let rect = Rect::from_x_y_ranges(x, y);
            if span.background == Color32::TRANSPARENT {
                paint(run.take());
                return;
            }
            match &mut run {
                Some((colour, known))
                    if *colour == span.background
                        && known.top() == rect.top()
                        && (known.right() - rect.left()).abs() < 0.5 =>
                {
                    known.max.x = rect.right();
                }
                _ => paint(run.replace((span.background, rect))),
            }
        },
    );
    paint(run);
}

/// Paints the underlines and kind marks that go over a paragraph's text.
fn paint_over_text(
    painter: &egui::Painter,
    origin: Pos2,
    galley: &egui::Galley,
    decorations: &Decorations,
    dark: bool,
) {
    for_each_row_stretch(
        origin,
        galley,
        &decorations.spans,
        |span| &span.chars,
        |span, x, y| {
            if span.underline != Stroke::NONE {
                painter.hline(x, y.max, span.underline);
            }
        },
    );
    for_each_row_stretch(
        origin,
        galley,
        &decorations.marks,
        |mark| &mark.chars,
        |mark, x, y| theme::kind_mark(painter, mark.kind, x, y.min + 0.5, dark),
    );
}

fn hover_card_ui(
    ui: &mut Ui,
    context: &ReaderContext<'_>,
    mention: Option<&Mention>,
    claims: &[ClaimId],
) {
    if let Some(entity) = mention.and_then(|mention| context.mentions.entity(mention.entity)) {
        ui.horizontal(|ui| {
            theme::kind_marker_ui(ui, entity.kind);
            ui.strong(&entity.name);
            ui.weak(entity.kind.label());
        });
        let count = context.mentions.mention_count(entity.id);
        let documents = context.mentions.document_count(entity.id);
        ui.label(format!("{count} mentions in {documents} documents"));
        if entity.variants.len() > 1 {
            ui.label(format!("Spellings: {}", entity.variants.join(", ")));
        }
    }
    for claim in claims.iter().filter_map(|id| context.project.claim(*id)) {
        ui.separator();
        let codes = context.project.code_names(claim);
        ui.horizontal(|ui| {
            ui.colored_label(theme::stance_colour(claim.stance), claim.stance.as_str());
            ui.strong(codes.join(", "));
        });
        if let Some(speaker) = context.project.speaker_name(claim) {
            ui.label(format!("Speaker: {speaker}"));
        }
        if !claim.note.is_empty() {
            ui.label(&claim.note);
        }
    }
}

/// Size of a pane's text area for benchmarks and tests that need a fixed layout.
pub const DEFAULT_TEXT_SIZE: f32 = 15.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_skip_the_date_line() {
        let imported = crate::import::document_from_bytes(
            " date 2021-08\nTitle\n\nFirst line\nsecond line\n\n\nLast.\n".as_bytes(),
            "a.txt",
        )
        .expect("imports")
        .document;
        let found: Vec<&str> = paragraphs(&imported)
            .into_iter()
            .map(|range| &imported.text[range])
            .collect();
        assert_eq!(found, ["Title", "First line\nsecond line", "Last."]);
    }

    #[test]
    fn a_paragraph_is_laid_out_as_plain_text_with_its_highlights_beside_it() {
        // "Ahmad Massoud" is a person; a claim starts inside his name. Accented letters come
        // first, so characters and bytes differ.
        let text = "Intro.\n\nLà, à Bazarak, Ahmad Massoud a dit non.";
        let paragraph = 8..text.len();
        let name = text.find("Ahmad").unwrap_or_default()..text.find(" a dit").unwrap_or(0);
        let claim = text.find("Massoud").unwrap_or_default()..text.len() - 1;
        let mut project = Project::new("test");
        project.entities.push(crate::model::Entity {
            id: EntityId(1),
            name: "Ahmad Massoud".into(),
            kind: EntityKind::Person,
            variants: vec!["Ahmad Massoud".into()],
            hidden: false,
            origin: crate::model::EntityOrigin::Detected,
        });
        let mentions = [Mention {
            entity: EntityId(1),
            range: name.clone(),
        }];
        let claims = [(claim.clone(), Color32::RED, ClaimId(1))];
        let table = crate::analysis::mentions::MentionIndex::of_stored_entities(&project).entities;
        let style = Highlights {
            kinds: [true; 5],
            shared: &[],
            mentions: &mentions,
            claims: &claims,
            selection: None,
            flash: None,
            hovered: None,
            selected: None,
            focus_code: None,
            project: &project,
            entities: &table,
            dark: false,
        };
        let font = FontId::proportional(14.0);
        let (job, decorations) = paragraph_job(
            text,
            paragraph.clone(),
            &style,
            &font,
            Color32::BLACK,
            300.0,
        );
        assert_eq!(job.text, &text[paragraph.clone()]);
        assert_eq!(
            job.sections.len(),
            1,
            "one section, whatever the highlights"
        );
        let chars = |range: Range<usize>| {
            text[paragraph.start..range.start].chars().count()
                ..text[paragraph.start..range.end].chars().count()
        };
        let tint = theme::kind_tint(EntityKind::Person, false, false);
        let claimed = claim.start..name.end;
        assert_eq!(
            decorations
                .spans
                .iter()
                .map(|span| (span.chars.clone(), span.background, span.underline))
                .collect::<Vec<_>>(),
            [
                (chars(name.start..claim.start), tint, Stroke::NONE),
                (chars(claimed), tint, Stroke::new(2.0, Color32::RED)),
                (
                    chars(name.end..claim.end),
                    Color32::TRANSPARENT,
                    Stroke::new(2.0, Color32::RED)
                ),
            ]
        );
        assert_eq!(
            decorations.marks.len(),
            1,
            "the claim does not cut the mark"
        );
        assert_eq!(decorations.marks[0].chars, chars(name));
    }

    #[test]
    fn selection_snaps_to_whole_words() {
        let text = "the valley of Panjshir held";
        let start = text.find("alley").unwrap_or_default();
        let end = text.find("jshir").unwrap_or_default() + 2;
        assert_eq!(&text[snap_to_words(text, start..end)], "valley of Panjshir");
    }

    #[test]
    fn the_keyboard_steps_by_words_and_sentences() {
        let text = "Title\n\n« Nous résistons », a dit Massoud. Les talibans avancent!\n";
        let body = 7..text.len();
        let word = |from, forward| step_word(text, &body, from, forward).map(|range| &text[range]);
        assert_eq!(word(7, true), Some("Nous"));
        let after_nous = text.find("Nous").unwrap_or_default() + "Nous".len();
        assert_eq!(word(after_nous, true), Some("résistons"));
        assert_eq!(word(after_nous, false), Some("Nous"));
        assert_eq!(word(7, false), None, "nothing before the body");
        let end = sentence_edge(text, &body, 7, true);
        assert_eq!(&text[7..end], "« Nous résistons », a dit Massoud.");
        let second = sentence_edge(text, &body, end, true);
        assert_eq!(text[end..second].trim(), "Les talibans avancent!");
        assert_eq!(sentence_edge(text, &body, second, false), end + 1);
        assert_eq!(sentence_edge(text, &body, end, false), 7);
    }
}
