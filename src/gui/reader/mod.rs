//! The reader: one document in a pane, laid out a paragraph at a time and only where visible.
//!
//! Each paragraph is its own galley, so a 1 MB document costs no more per frame than the few
//! paragraphs on screen. Heights of paragraphs not yet laid out are estimated from their length
//! and corrected once seen. Mentions are tinted by kind, claims underlined in their code's
//! colour, and the user's own text selection is tracked here as byte offsets.
//!
//! Here: the pane ([`Pane`]) with its public API, what the reader is given ([`ReaderContext`],
//! [`Shared`]) and what it reports ([`ReaderOutput`]). The rest, by responsibility: `draw` (one
//! frame of a pane: height estimates, the visible paragraphs), `layout` (a paragraph's layout
//! job, its highlight decorations and their painting), `selection` (selecting with the keyboard,
//! words and sentences), `interact` (the pointer: dragging out a selection, clicks, hover, the
//! context menu and the "Tag claim…" button), `hover_card` (the card over a name or a claim).

mod draw;
mod hover_card;
mod interact;
mod layout;
mod selection;
#[cfg(test)]
mod tests;

use crate::gui::view::ViewContext;
use crate::model::{ClaimId, CodeId, Document, DocumentId, EntityId};
use egui::{Color32, Rect};
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
    /// The project, what is derived from it (mentions among it) and the selection, whose
    /// hovered and chosen entity every pane highlights.
    pub view: ViewContext<'a>,
    /// Size of the body text.
    pub text_size: f32,
    /// Which kinds of entities are highlighted, by `EntityKind::ALL` order.
    pub highlight_kinds: [bool; 5],
    /// Whether every mention carries its kind's outline, or only those of the entity hovered
    /// or selected (dense text reads better without them; the tints always show).
    pub outline_every_mention: bool,
    /// Whether claims are underlined.
    pub highlight_claims: bool,
    /// Codes whose claims are not underlined (the highlight filter); a claim shows while any of
    /// its codes does.
    pub hidden_codes: &'a std::collections::BTreeSet<CodeId>,
    /// The code whose claims light up in every pane ([`Selection::focus_code`], found once a
    /// frame).
    ///
    /// [`Selection::focus_code`]: crate::gui::selection::Selection::focus_code
    pub focus_code: Option<CodeId>,
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
    /// The user asked to set aside every paragraph from the one starting here to the end.
    pub set_aside_from: Option<usize>,
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

/// Size of a pane's text area for benchmarks and tests that need a fixed layout.
pub const DEFAULT_TEXT_SIZE: f32 = 15.0;
