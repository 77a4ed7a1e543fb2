//! One frame of a pane: estimated heights, the scroll position, and the visible paragraphs
//! laid out, painted and handed on to the pointer and the keyboard.

use super::layout::{
    Decorations, Highlights, collapsed_job, paint_backgrounds, paint_over_text, paragraph_job,
};
use super::{ClaimMark, PARAGRAPH_GAP, Pane, ReaderContext, ReaderOutput, Shared, Visible};
use crate::gui::theme;
use egui::{FontId, Rect, Sense, Ui, Vec2, vec2};

impl Pane {
    /// Draws the pane's text; returns what the user did.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        context: &ReaderContext<'_>,
        shared: &[Shared],
    ) -> ReaderOutput {
        let mut output = ReaderOutput::default();
        let Some(document) = context.view.project.document(self.document) else {
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
        let mentions = context.view.mentions().in_document(document.id);
        let claims: Vec<ClaimMark> = if !context.highlight_claims {
            Vec::new()
        } else {
            context
                .view
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
                        .and_then(|code| context.view.project.code(*code))
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
                    hovered: context.view.selection.hovered_entity(),
                    selected: context.view.selection.entity,
                    focus_code: context.focus_code,
                    project: context.view.project,
                    entities: &context.view.mentions().entities,
                    shared,
                    kinds: context.highlight_kinds,
                    outline_every_mention: context.outline_every_mention,
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
}
