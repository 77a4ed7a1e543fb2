//! The search panel: a query, its options, and the hits as keyword in context.

use crate::analysis::search::{Results, SearchOptions};
use crate::model::{DocumentId, Project};
use egui::{Label, RichText, Sense, Ui};
use std::ops::Range;

/// The search panel's state; the search itself runs on a worker thread.
#[derive(Default)]
pub struct SearchState {
    /// What the user typed.
    pub query: String,
    /// How to match.
    pub options: SearchOptions,
    /// Results of the last finished search, for the query and options they answer.
    pub results: Option<(String, SearchOptions, Result<Results, String>)>,
    /// Whether the query field should take the keyboard focus on the next frame.
    pub focus_query: bool,
    /// The query and options last sent to the worker.
    pub requested: Option<(String, SearchOptions)>,
}

/// What the user asked for in the search panel.
pub enum SearchAction {
    /// Run the search for the current query and options.
    Run,
    /// Show a hit in the reader.
    Open(DocumentId, Range<usize>),
}

/// Draws the search panel. `current` is the document in the focused pane.
pub fn search_ui(
    ui: &mut Ui,
    state: &mut SearchState,
    project: &Project,
    current: Option<DocumentId>,
) -> Vec<SearchAction> {
    let mut actions = Vec::new();
    let label = ui.label("Search for");
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("A word, a name, a phrase")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if state.focus_query {
        response.request_focus();
        state.focus_query = false;
    }
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut state.options.exact_case, "Exact case")
            .on_hover_text("Match case and accents exactly");
        ui.checkbox(&mut state.options.whole_words, "Whole words");
        ui.checkbox(&mut state.options.regex, "Regular expression");
        let mut this_document = state.options.document.is_some();
        if ui
            .add_enabled(
                current.is_some() || this_document,
                egui::Checkbox::new(&mut this_document, "This document only"),
            )
            .changed()
        {
            state.options.document = if this_document { current } else { None };
        }
    });
    let wanted = (state.query.trim().to_owned(), state.options.clone());
    if !wanted.0.is_empty() && state.requested.as_ref() != Some(&wanted) {
        actions.push(SearchAction::Run);
    }
    let Some((query, options, results)) = &state.results else {
        ui.weak(
            "Case and accents are ignored unless you ask; a name also finds its other spellings.",
        );
        return actions;
    };
    if *query != wanted.0 || *options != wanted.1 {
        ui.weak("Searching…");
    }
    let results = match results {
        Ok(results) => results,
        Err(message) => {
            ui.colored_label(super::theme::error_text(ui.visuals().dark_mode), message);
            return actions;
        }
    };
    ui.label(format!("{} hits for “{query}”", results.hits.len()));
    if !results.also_searched.is_empty() {
        ui.weak(format!(
            "Also searched, as spellings of the same entity: {}",
            results.also_searched.join(", ")
        ));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("search-hits")
        .auto_shrink([false, false])
        .show_rows(ui, 38.0, results.hits.len(), |ui, rows| {
            for hit in &results.hits[rows] {
                let document = project.document(hit.document);
                let response = ui
                    .scope(|ui| {
                        ui.set_min_height(36.0);
                        let meta = document.map_or_else(String::new, |document| {
                            let date = document
                                .date
                                .map(|date| date.to_string())
                                .unwrap_or_default();
                            format!("{} · {} · {date}", document.title, document.outlet)
                        });
                        ui.add(
                            Label::new(RichText::new(meta).small().weak())
                                .truncate()
                                .selectable(false),
                        );
                        ui.horizontal(|ui| {
                            ui.spacing_mut().item_spacing.x = 3.0;
                            // The hit sits in the middle: context before is right-aligned into a fixed width.
                            let width = (ui.available_width() * 0.42).max(60.0);
                            ui.allocate_ui_with_layout(
                                egui::vec2(width, 18.0),
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    // Keep the words next to the hit: cut the context at its start.
                                    let fits = (width / 6.5) as usize;
                                    let count = hit.before.chars().count();
                                    let before = if count > fits {
                                        format!(
                                            "…{}",
                                            hit.before
                                                .chars()
                                                .skip(count + 1 - fits)
                                                .collect::<String>()
                                        )
                                    } else {
                                        hit.before.clone()
                                    };
                                    ui.add(
                                        Label::new(RichText::new(before).weak()).selectable(false),
                                    );
                                },
                            );
                            ui.add(Label::new(RichText::new(&hit.hit).strong()).selectable(false));
                            ui.add(
                                Label::new(RichText::new(&hit.after).weak())
                                    .truncate()
                                    .selectable(false),
                            );
                        });
                    })
                    .response
                    .interact(Sense::click())
                    .on_hover_text("Show in the reader");
                if response.clicked() {
                    actions.push(SearchAction::Open(hit.document, hit.range.clone()));
                }
            }
        });
    actions
}
