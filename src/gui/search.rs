//! The search panel: a query, its options, and the hits as keyword in context.

use crate::analysis::search::{Results, SearchOptions};
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{DocumentId, Project, Stance};
use crate::text::fold::fold;
use egui::{Label, RichText, Sense, Ui};

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
    sort: SortKey,
    /// The hits' order for `sort`, computed once per result.
    order: Option<(SortKey, Vec<usize>)>,
    tag_code: String,
    tag_stance: Stance,
    tagging: bool,
}

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SortKey {
    /// Documents in project order, hits in text order.
    #[default]
    Document,
    /// By the document's date.
    Date,
    /// By the words just before the hit, nearest first.
    Left,
    /// By the words just after the hit.
    Right,
}

impl SearchState {
    /// Takes a finished search's results; their order is worked out again.
    pub fn receive(
        &mut self,
        query: String,
        options: SearchOptions,
        result: Result<Results, String>,
    ) {
        self.results = Some((query, options, result));
        self.order = None;
    }
}

/// The order of the hits for a sort key.
fn sort_hits(results: &Results, project: &Project, key: SortKey) -> Vec<usize> {
    let mut order: Vec<usize> = (0..results.hits.len()).collect();
    match key {
        SortKey::Document => {}
        SortKey::Date => order.sort_by_key(|index| {
            let hit = &results.hits[*index];
            (
                project
                    .document(hit.document)
                    .and_then(|document| document.date),
                hit.document,
                hit.range.start,
            )
        }),
        SortKey::Left => {
            // Keyword in context sorts the left side word by word from the hit outwards.
            let keys: Vec<Vec<String>> = results
                .hits
                .iter()
                .map(|hit| {
                    hit.in_context(project).map_or_else(Vec::new, |shown| {
                        shown.before.split_whitespace().rev().map(fold).collect()
                    })
                })
                .collect();
            order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        }
        SortKey::Right => {
            let keys: Vec<String> = results
                .hits
                .iter()
                .map(|hit| {
                    hit.in_context(project)
                        .map_or_else(String::new, |shown| fold(shown.after.trim_start()))
                })
                .collect();
            order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        }
    }
    order
}

/// Draws the search panel. `current` is the document in the focused pane.
pub fn search_ui(
    ui: &mut Ui,
    state: &mut SearchState,
    view: &ViewContext<'_>,
    current: Option<DocumentId>,
) -> Vec<Action> {
    let project = view.project;
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
        actions.push(Action::RunSearch);
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
    ui.horizontal(|ui| {
        ui.label("Sort by");
        for (key, label) in [
            (SortKey::Document, "Document"),
            (SortKey::Date, "Date"),
            (SortKey::Left, "Left"),
            (SortKey::Right, "Right"),
        ] {
            ui.selectable_value(&mut state.sort, key, label);
        }
        if !results.hits.is_empty()
            && ui
                .button("Tag all hits…")
                .on_hover_text("Code every hit as a claim, in one step you can undo")
                .clicked()
        {
            state.tagging = !state.tagging;
        }
    });
    if state.tagging {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Code for all hits");
                ui.add(
                    egui::TextEdit::singleline(&mut state.tag_code)
                        .hint_text("Existing or new code")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
                egui::ComboBox::from_label("Known codes")
                    .selected_text("")
                    .width(24.0)
                    .show_ui(ui, |ui| {
                        for code in &project.codes {
                            if ui
                                .selectable_label(state.tag_code == code.name, &code.name)
                                .clicked()
                            {
                                state.tag_code.clone_from(&code.name);
                            }
                        }
                    });
            });
            ui.horizontal(|ui| {
                for stance in Stance::ALL {
                    ui.radio_value(&mut state.tag_stance, stance, stance.as_str());
                }
            });
            let code = state.tag_code.trim().to_owned();
            let button = egui::Button::new(format!("Tag {} hits", results.hits.len()));
            if ui.add_enabled(!code.is_empty(), button).clicked() {
                actions.push(Action::TagAllHits(code, state.tag_stance));
                state.tagging = false;
            }
        });
    }
    if state
        .order
        .as_ref()
        .is_none_or(|(key, order)| *key != state.sort || order.len() != results.hits.len())
    {
        state.order = Some((state.sort, sort_hits(results, project, state.sort)));
    }
    let order: &[usize] = state
        .order
        .as_ref()
        .map_or(&[], |(_, order)| order.as_slice());
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
            for (hit, shown) in order[rows]
                .iter()
                .filter_map(|index| results.hits.get(*index))
                .filter_map(|hit| Some((hit, hit.in_context(project)?)))
            {
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
                                    let count = shown.before.chars().count();
                                    let before = if count > fits {
                                        format!(
                                            "…{}",
                                            shown
                                                .before
                                                .chars()
                                                .skip(count + 1 - fits)
                                                .collect::<String>()
                                        )
                                    } else {
                                        shown.before
                                    };
                                    ui.add(
                                        Label::new(RichText::new(before).weak()).selectable(false),
                                    );
                                },
                            );
                            ui.add(Label::new(RichText::new(shown.hit).strong()).selectable(false));
                            ui.add(
                                Label::new(RichText::new(shown.after).weak())
                                    .truncate()
                                    .selectable(false),
                            );
                        });
                    })
                    .response
                    .interact(Sense::click())
                    .on_hover_text("Show in the reader");
                if response.clicked() {
                    actions.push(Action::ShowPassage(hit.document, hit.range.clone()));
                }
            }
        });
    actions
}
