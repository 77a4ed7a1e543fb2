//! Selecting with the keyboard, and the words and sentences a selection snaps and steps to.

use super::{Pane, ReaderOutput, Visible};
use crate::model::Document;
use egui::{Key, Modifiers, Ui};
use std::ops::Range;

impl Pane {
    /// Selecting with the keyboard, once the pane has focus (click it, or Tab to it): the arrows
    /// select the next or previous word, or the first word of the next or previous paragraph;
    /// with Shift they extend the selection by a word (left, right) or to a sentence's end
    /// (up, down). Escape clears it; Ctrl+T tags it.
    pub(super) fn keyboard(
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
}

/// The word around `offset`.
pub(super) fn word_at(text: &str, offset: usize) -> Range<usize> {
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
pub(super) fn step_word(
    text: &str,
    body: &Range<usize>,
    from: usize,
    forward: bool,
) -> Option<Range<usize>> {
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
pub(super) fn sentence_edge(text: &str, body: &Range<usize>, from: usize, forward: bool) -> usize {
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
pub(super) fn snap_to_words(text: &str, range: Range<usize>) -> Range<usize> {
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
