//! The library: a sortable table of documents, and the selected document's properties.

use crate::edit::Edit;
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{Document, DocumentId, PartialDate, Project};
use egui::{Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Columns the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Document title.
    Title,
    /// Outlet.
    Outlet,
    /// Publication date.
    #[default]
    Date,
    /// Language.
    Language,
    /// Length in characters.
    Length,
}

/// The library's view state.
#[derive(Default)]
pub struct LibraryState {
    sort: SortKey,
    descending: bool,
    /// The document whose properties are shown.
    pub selected: Option<DocumentId>,
    /// The fields being edited, and the document's values they started from.
    draft: Option<(PropertiesDraft, PropertiesDraft)>,
}

#[derive(Clone, PartialEq)]
struct PropertiesDraft {
    document: DocumentId,
    title: String,
    outlet: String,
    date: String,
    language: String,
    author: String,
    url: String,
    note: String,
}

/// Below this width the library leaves out the language and length columns.
const NARROW_LIBRARY: f32 = 340.0;

/// Draws the library; returns what the user asked for.
pub fn library_ui(ui: &mut Ui, state: &mut LibraryState, view: &ViewContext<'_>) -> Vec<Action> {
    let (project, near) = (view.project, &*view.derived.near_duplicates);
    let mut actions = Vec::new();
    if project.documents.is_empty() {
        ui.add_space(8.0);
        ui.label("No documents yet. Use File > Import documents… or drop files on the window.");
        return actions;
    }
    let mut order: Vec<usize> = (0..project.documents.len()).collect();
    let documents = &project.documents;
    order.sort_by(|a, b| {
        let (a, b) = (&documents[*a], &documents[*b]);
        let ordering = match state.sort {
            SortKey::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
            SortKey::Outlet => a.outlet.to_lowercase().cmp(&b.outlet.to_lowercase()),
            SortKey::Date => a.date.cmp(&b.date),
            SortKey::Language => a.language.cmp(&b.language),
            SortKey::Length => a.text.len().cmp(&b.text.len()),
        };
        let ordering = ordering.then(a.id.cmp(&b.id));
        if state.descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    let table_height = (ui.available_height() * 0.6).max(160.0);
    // A narrow panel shows title, outlet and date only, so the table never makes it wider.
    let narrow = ui.available_width() < NARROW_LIBRARY;
    let columns = if narrow { 3 } else { 5 };
    ui.push_id(
        if narrow {
            "library-table-narrow"
        } else {
            "library-table"
        },
        |ui| {
            let mut builder = TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .sense(egui::Sense::click_and_drag())
                .max_scroll_height(table_height)
                .column(Column::remainder().at_least(80.0).clip(true))
                .column(Column::initial(90.0).at_least(40.0).clip(true))
                .column(Column::initial(78.0).at_least(40.0));
            if !narrow {
                builder = builder
                    .column(Column::initial(34.0).at_least(28.0))
                    .column(Column::initial(56.0).at_least(40.0));
            }
            builder
                .header(22.0, |mut header| {
                    for (key, name) in [
                        (SortKey::Title, "Title"),
                        (SortKey::Outlet, "Outlet"),
                        (SortKey::Date, "Date"),
                        (SortKey::Language, "Lang"),
                        (SortKey::Length, "Length"),
                    ]
                    .into_iter()
                    .take(columns)
                    {
                        header.col(|ui| {
                            let sorted = state.sort == key;
                            let text = if sorted {
                                RichText::new(name).strong()
                            } else {
                                RichText::new(name)
                            };
                            let response = ui
                                .add(egui::Button::new(text).frame(false))
                                .on_hover_text(format!("Sort by {}", name.to_lowercase()));
                            if sorted {
                                paint_sort_arrow(ui, response.rect, state.descending);
                            }
                            if response.clicked() {
                                if sorted {
                                    state.descending = !state.descending;
                                } else {
                                    state.sort = key;
                                    state.descending = false;
                                }
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(22.0, order.len(), |mut row| {
                        let document = &documents[order[row.index()]];
                        row.set_selected(state.selected == Some(document.id));
                        let copy = near.get(&document.id).map(|pair| {
                            let other = pair.other(document.id);
                            (other, pair, project.document(other))
                        });
                        row.col(|ui| {
                            let hover = match &copy {
                                Some((_, pair, Some(other))) => format!(
                                    "{}\n\nNear-duplicate of \"{}\" ({}): {:.0}% of the shorter \
                                 text is shared. Right-click to compare them.",
                                    document.file,
                                    other.title,
                                    if other.outlet.is_empty() {
                                        "no outlet"
                                    } else {
                                        other.outlet.as_str()
                                    },
                                    pair.coverage() * 100.0
                                ),
                                _ => document.file.clone(),
                            };
                            let mut title = if copy.is_some() {
                                format!("≈ {}", document.title)
                            } else {
                                document.title.clone()
                            };
                            // A document read in part or with its page's menus is marked.
                            let mut hover = hover;
                            if !document.import_warnings.is_empty() {
                                title = format!("⚠ {title}");
                                for warning in &document.import_warnings {
                                    hover.push_str(&format!(
                                        "\n\nImported with a warning: {warning}"
                                    ));
                                }
                            }
                            ui.add(
                                Label::new(title)
                                    .selectable(false)
                                    .truncate()
                                    .show_tooltip_when_elided(false),
                            )
                            .on_hover_text(hover);
                        });
                        row.col(|ui| {
                            ui.add(Label::new(&document.outlet).selectable(false).truncate());
                        });
                        row.col(|ui| {
                            ui.add(
                                Label::new(
                                    document
                                        .date
                                        .map(|date| date.to_string())
                                        .unwrap_or_default(),
                                )
                                .selectable(false),
                            );
                        });
                        if !narrow {
                            row.col(|ui| {
                                ui.add(
                                    Label::new(document.language.as_deref().unwrap_or(""))
                                        .selectable(false),
                                );
                            });
                            row.col(|ui| {
                                ui.add(
                                    Label::new(format_length(document.text.len()))
                                        .selectable(false),
                                );
                            });
                        }
                        let response = row.response();
                        // Dragged onto a pane, the document opens there or beside it.
                        response.dnd_set_drag_payload(document.id);
                        if response.clicked() {
                            state.selected = Some(document.id);
                            actions.push(Action::OpenDocument(document.id));
                        }
                        response.context_menu(|ui| {
                            if ui.button("Open").clicked() {
                                actions.push(Action::OpenDocument(document.id));
                            }
                            if ui.button("Open beside").clicked() {
                                actions.push(Action::OpenBeside(document.id));
                            }
                            if let Some((other, ..)) = copy
                                && ui.button("Compare with its near-duplicate").clicked()
                            {
                                actions.push(Action::Compare(document.id, other));
                            }
                            ui.menu_button("Compare with…", |ui| {
                                let others: Vec<&Document> = order
                                    .iter()
                                    .map(|index| &documents[*index])
                                    .filter(|other| other.id != document.id)
                                    .collect();
                                let height = ui.spacing().interact_size.y;
                                egui::ScrollArea::vertical().max_height(360.0).show_rows(
                                    ui,
                                    height,
                                    others.len(),
                                    |ui, rows| {
                                        for other in &others[rows] {
                                            let label = if other.outlet.is_empty() {
                                                other.title.clone()
                                            } else {
                                                format!("{} ({})", other.title, other.outlet)
                                            };
                                            if ui.add(egui::Button::new(label).truncate()).clicked()
                                            {
                                                actions
                                                    .push(Action::Compare(document.id, other.id));
                                            }
                                        }
                                    },
                                );
                            });
                        });
                    });
                });
        },
    );
    ui.separator();
    properties_ui(ui, state, project, &mut actions);
    actions
}

/// A small triangle after a sorted column's name, pointing up for ascending order.
fn paint_sort_arrow(ui: &Ui, rect: egui::Rect, descending: bool) {
    let centre = egui::pos2(rect.right() + 7.0, rect.center().y);
    let (tip, base) = if descending { (4.0, -3.0) } else { (-4.0, 3.0) };
    let points = vec![
        centre + egui::vec2(0.0, tip),
        centre + egui::vec2(-4.0, base),
        centre + egui::vec2(4.0, base),
    ];
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        ui.visuals().strong_text_color(),
        egui::Stroke::NONE,
    ));
}

fn format_length(bytes: usize) -> String {
    if bytes < 10_000 {
        format!("{:.1} k", bytes as f64 / 1000.0)
    } else {
        format!("{} k", bytes / 1000)
    }
}

fn properties_ui(
    ui: &mut Ui,
    state: &mut LibraryState,
    project: &Project,
    actions: &mut Vec<Action>,
) {
    let Some(document) = state.selected.and_then(|id| project.document(id)) else {
        ui.weak("Select a document to edit its title, outlet, date and language.");
        return;
    };
    let saved = PropertiesDraft {
        document: document.id,
        title: document.title.clone(),
        outlet: document.outlet.clone(),
        date: document
            .date
            .map(|date| date.to_string())
            .unwrap_or_default(),
        language: document.language.clone().unwrap_or_default(),
        author: document.author.clone(),
        url: document.url.clone(),
        note: document.note.clone(),
    };
    // A draft belongs to one document. When the document changes underneath (undo, redo) the
    // fields follow, unless the user has typed in them.
    let (draft, base) = state
        .draft
        .get_or_insert_with(|| (saved.clone(), saved.clone()));
    if draft.document != document.id || (*base != saved && *draft == *base) {
        *draft = saved.clone();
        *base = saved.clone();
    }
    ui.strong("Document properties");
    ui.weak(format!(
        "File: {} · imported {} · {}",
        document.file, document.imported_at, document.encoding
    ));
    for warning in &document.import_warnings {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("⚠ Imported with a warning: {warning}"),
        );
    }
    let mut submitted = false;
    egui::Grid::new("document-properties")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (name, value, hint) in [
                ("Title", &mut draft.title, ""),
                ("Outlet", &mut draft.outlet, "Who published it"),
                ("Date", &mut draft.date, "YYYY, YYYY-MM or YYYY-MM-DD"),
                (
                    "Language",
                    &mut draft.language,
                    "ISO 639-1 code, such as en or fr",
                ),
                ("Author", &mut draft.author, "Who wrote it"),
                ("URL", &mut draft.url, "Where it was published"),
            ] {
                let label = ui.label(name);
                let response = ui
                    .add(
                        egui::TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                submitted |=
                    response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                ui.end_row();
            }
            let label = ui.label("Note");
            ui.add(
                egui::TextEdit::multiline(&mut draft.note)
                    .hint_text("Your memo on this document")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    let changed = *draft != saved;
    ui.horizontal(|ui| {
        submitted |= ui
            .add_enabled(changed, egui::Button::new("Apply"))
            .clicked();
        if ui
            .add_enabled(changed, egui::Button::new("Revert"))
            .clicked()
        {
            *draft = saved.clone();
        }
    });
    if submitted && changed {
        let date = if draft.date.trim().is_empty() {
            Ok(None)
        } else {
            draft.date.parse::<PartialDate>().map(Some)
        };
        let language = draft.language.trim().to_lowercase();
        match date {
            Err(error) => actions.push(Action::Warn(error.to_string())),
            Ok(_) if !language.is_empty() && !crate::model::is_language_code(&language) => {
                actions.push(Action::Warn(format!(
                    "{language:?} is not an ISO 639-1 language code: two letters such as en, fr, de, ar, fa, ps or ru"
                )));
            }
            Ok(date) => {
                let title = draft.title.trim().to_owned();
                let outlet = draft.outlet.trim().to_owned();
                let author = draft.author.trim().to_owned();
                let url = draft.url.trim().to_owned();
                let note = draft.note.trim().to_owned();
                let edit = Edit::update_document(
                    project,
                    document.id,
                    "Edit document properties",
                    |document| {
                        if !title.is_empty() {
                            document.title = title;
                        }
                        document.outlet = outlet;
                        document.author = author;
                        document.url = url;
                        document.note = note;
                        document.date = date;
                        document.language = (!language.is_empty()).then_some(language);
                    },
                );
                actions.extend(edit.map(Action::Edit));
            }
        }
    }
}
