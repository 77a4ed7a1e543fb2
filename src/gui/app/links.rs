//! What links the open documents (the passages they share, anchors between those that share
//! none) and its two uses: sync scroll and the bands drawn between neighbouring panes.

use super::TriangulateApp;
use crate::analysis::anchors::AnchorKind;
use crate::analysis::passages::Passage;
use crate::gui::bands;
use crate::gui::reader::{Pane, Shared};
use crate::gui::theme;
use crate::model::{DocumentId, Project};
use egui::{Rect, Ui};
use std::ops::Range;
use std::sync::Arc;

pub(super) use crate::analysis::anchors::Link;

impl TriangulateApp {
    /// What links the open documents: the passages any two share (derived from the reuse
    /// clusters), and anchors (numbers, dates, rare names) between two that share none. Worked
    /// out on a worker thread once for a set of open documents and an analysis; until it
    /// arrives, the links last found for the same documents stand (or none).
    pub fn links_between(&mut self, open: &[DocumentId]) -> Arc<Vec<Link>> {
        // Links depend on the shared passages and the mentions alone, not on every edit.
        let key = (
            self.session,
            Arc::as_ptr(&self.derived.reuse) as usize,
            Arc::as_ptr(&self.derived.mentions) as usize,
            open.to_vec(),
        );
        let known = self
            .links_cache
            .as_ref()
            .is_some_and(|(known, _)| *known == key);
        if !known && !self.jobs.linking && self.links_asked.as_ref() != Some(&key) {
            let documents = open
                .iter()
                .filter_map(|&id| self.workspace.project.document(id).cloned())
                .collect();
            self.links_asked = Some(key.clone());
            self.jobs.find_links(
                key,
                documents,
                (self.derived.reuse.clone(), self.derived.mentions.clone()),
            );
        }
        // Links last found for the same documents of this project stand until the new ones
        // arrive (a text never changes, so their places still hold); others are not shown.
        self.links_cache
            .as_ref()
            .filter(|((session, _, _, documents), _)| *session == self.session && documents == open)
            .map(|(_, links)| links.clone())
            .unwrap_or_default()
    }

    /// Whether the links between the open documents are those of the documents open now.
    pub fn links_are_current(&self) -> bool {
        let open: Vec<DocumentId> = self.panes.iter().map(|pane| pane.document).collect();
        self.links_cache
            .as_ref()
            .is_some_and(|((session, reuse, mentions, documents), _)| {
                *session == self.session
                    && *reuse == Arc::as_ptr(&self.derived.reuse) as usize
                    && *mentions == Arc::as_ptr(&self.derived.mentions) as usize
                    && *documents == open
            })
    }

    /// The anchors among the links last found between the open documents (see
    /// [`Self::links_are_current`]): what links open documents that share no text.
    pub fn open_anchors(&self) -> Vec<(Passage, AnchorKind)> {
        self.links_cache
            .iter()
            .flat_map(|(_, links)| links.iter())
            .filter_map(|(link, kind)| kind.map(|kind| (link.clone(), kind)))
            .collect()
    }

    /// With sync scroll on, when one pane has moved (wheel, scroll bar, keyboard, a jump),
    /// scrolls every other pane to the place in its text that matches that pane's top: through
    /// the passage they share nearest to it, or, when they share none, at the same share of
    /// the text. A pane moved by this is not taken for the one the user moved.
    pub(super) fn sync_panes(&mut self) {
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
                .filter(|((session, ..), _)| *session == self.session)
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

    /// Bands joining the two copies of each shared passage (or the two places of an anchor)
    /// that two neighbouring panes both show: across the gutter between panes side by side,
    /// and, for panes one above the other, down their right margins and across the gutter
    /// between them.
    pub(super) fn draw_bands(&self, ui: &Ui, shared: &[Vec<Shared>]) {
        let rects = self.layout.pane_rects();
        let dark = ui.visuals().dark_mode;
        let find = |salt: &u64| self.panes.iter().position(|pane| pane.salt == *salt);
        for (first_salt, first) in &rects {
            for (second_salt, second) in &rects {
                let beside = neighbours(
                    (first.x_range(), first.y_range()),
                    (second.x_range(), second.y_range()),
                    crate::gui::panes::GUTTER,
                );
                // A pane below another has its tab bar between them.
                let above = neighbours(
                    (first.y_range(), first.x_range()),
                    (second.y_range(), second.x_range()),
                    crate::gui::panes::GUTTER + crate::gui::panes::TAB_BAR_HEIGHT,
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
                    // Bands that keep their order are drawn in full and never cross; a moved
                    // passage is a thin line unless the pointer is on it (`gui/bands.rs`).
                    let ends: Vec<bands::Ends> = links.iter().map(|(_, a, b)| (*a, *b)).collect();
                    let pointer = ui.input(|input| input.pointer.hover_pos());
                    let hot = bands::under_pointer(&ends, (*first, gutter, *second), pointer);
                    let looks = bands::looks(&ends, hot);
                    // Thin lines first, the band under the pointer last, on top.
                    let mut order: Vec<usize> = (0..links.len()).collect();
                    order.sort_by_key(|index| {
                        (looks[*index] == bands::Look::Full, Some(*index) == hot)
                    });
                    for index in order {
                        let (link, _, _) = links[index];
                        let (fill, edge) = theme::shared_band(link.tint, dark);
                        let strength = if Some(index) == hot {
                            1.0
                        } else {
                            bands::strength(ends[index], gutter.height())
                        };
                        painter.extend(bands::band_shapes(
                            ends[index],
                            gutter,
                            looks[index],
                            (bands::faded(fill, strength), bands::faded(edge, strength)),
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
}

/// The passages `document` shares with the other open documents, tinted per pair of panes.
pub(super) fn shared_with_open(
    links: &[Link],
    document: DocumentId,
    open: &[DocumentId],
) -> Vec<Shared> {
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
        let gutter = crate::gui::panes::GUTTER;
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
        let bar = crate::gui::panes::TAB_BAR_HEIGHT;
        let top = (range(0.0, 300.0), range(0.0, 800.0));
        let bottom = (range(300.0 + gutter + bar, 600.0), range(0.0, 800.0));
        assert!(neighbours(top, bottom, gutter + bar));
        assert!(!neighbours(top, bottom, gutter));
    }
}
