//! The matrix view: codes down, sources across, claims counted by stance.

use super::theme;
use crate::analysis::matrix::{Across, Column, Matrix, claim_matrix};
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{Project, Stance};
use crate::text::one_line;
use egui::{Label, RichText, Sense, Ui};

/// The matrix view's state.
pub struct MatrixState {
    across: Across,
    selected: Option<(usize, usize)>,
    cache: Option<(u64, Across, Matrix)>,
}

impl Default for MatrixState {
    fn default() -> Self {
        Self {
            across: Across::Outlets,
            selected: None,
            cache: None,
        }
    }
}

fn column_label(project: &Project, column: &Column) -> (String, String) {
    match column {
        Column::Document(id) => project.document(*id).map_or_else(
            || (format!("Document {id}"), String::new()),
            |document| {
                let date = document
                    .date
                    .map(|date| date.to_string())
                    .unwrap_or_default();
                let outlet = if document.outlet.is_empty() {
                    document.title.clone()
                } else {
                    document.outlet.clone()
                };
                (format!("{outlet}\n{date}"), document.title.clone())
            },
        ),
        Column::Outlet(name) if name.is_empty() => ("Unknown outlet".into(), String::new()),
        Column::Outlet(name) => (name.clone(), String::new()),
        Column::Speaker(None) => ("No speaker".into(), String::new()),
        Column::Speaker(Some(id)) => (
            project
                .entity(*id)
                .map_or_else(|| format!("Entity {id}"), |entity| entity.name.clone()),
            String::new(),
        ),
    }
}

/// Draws the matrix; `generation` tells when the cached matrix is stale.
pub fn matrix_ui(ui: &mut Ui, state: &mut MatrixState, view: &ViewContext<'_>) -> Vec<Action> {
    let (project, generation) = (view.project, view.generation);
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.label("Across");
        for (across, label) in [
            (Across::Outlets, "Outlets"),
            (Across::Documents, "Documents"),
            (Across::Speakers, "Speakers"),
        ] {
            if ui
                .selectable_value(&mut state.across, across, label)
                .clicked()
            {
                state.selected = None;
            }
        }
        ui.separator();
        for stance in Stance::ALL {
            ui.label(
                RichText::new(stance_letter(stance))
                    .strong()
                    .color(theme::stance_colour(stance, ui.visuals().dark_mode)),
            )
            .on_hover_text(stance.as_str());
            ui.weak(stance.as_str());
        }
    });
    ui.separator();
    let stale = state
        .cache
        .as_ref()
        .is_none_or(|(known, across, _)| *known != generation || *across != state.across);
    if stale {
        state.cache = Some((
            generation,
            state.across,
            claim_matrix(project, state.across),
        ));
    }
    let Some((_, _, matrix)) = &state.cache else {
        return actions;
    };
    if matrix.rows.is_empty() {
        ui.label("No coded claims yet. Select a passage in a document and tag it as a claim.");
        return actions;
    }
    let grid_height = (ui.available_height() * 0.55).max(160.0);
    egui::ScrollArea::both()
        .id_salt("matrix-grid")
        .max_height(grid_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("matrix")
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    // "All" comes first, beside the codes: the sum of a row is what a narrow
                    // window must not scroll away.
                    ui.label("");
                    ui.add(Label::new(RichText::new("All").strong().small()).selectable(false))
                        .on_hover_text("Every source together");
                    for column in &matrix.columns {
                        let (label, hover) = column_label(project, column);
                        let response = ui.add(
                            Label::new(RichText::new(label).strong().small()).selectable(false),
                        );
                        if !hover.is_empty() {
                            response.on_hover_text(hover);
                        }
                    }
                    ui.end_row();
                    for (row, code) in matrix.rows.iter().enumerate() {
                        let code = project.code(*code);
                        let name = code.map_or("", |code| code.name.as_str());
                        let colour = code.map_or(ui.visuals().text_color(), |code| {
                            theme::code_colour(code.colour)
                        });
                        ui.vertical(|ui| {
                            ui.add(
                                Label::new(RichText::new(name).color(colour).strong())
                                    .extend()
                                    .selectable(false),
                            );
                            let rivals: Vec<&str> = code
                                .map(|code| {
                                    code.contradicts
                                        .iter()
                                        .filter_map(|id| project.code(*id))
                                        .map(|rival| rival.name.as_str())
                                        .collect()
                                })
                                .unwrap_or_default();
                            if !rivals.is_empty() {
                                ui.add(
                                    Label::new(
                                        RichText::new(format!("vs {}", rivals.join(", ")))
                                            .small()
                                            .weak(),
                                    )
                                    .extend()
                                    .selectable(false),
                                );
                            }
                        });
                        let all = matrix.columns.len();
                        for column in std::iter::once(all).chain(0..all) {
                            let total;
                            let cell = if column == matrix.columns.len() {
                                total = matrix.row_total(row);
                                Some(&total)
                            } else {
                                matrix.cell(row, column)
                            };
                            let Some(cell) = cell else {
                                ui.weak("·");
                                continue;
                            };
                            let selected = state.selected == Some((row, column));
                            let response = ui
                                .scope(|ui| {
                                    ui.horizontal(|ui| {
                                        ui.spacing_mut().item_spacing.x = 4.0;
                                        for stance in Stance::ALL {
                                            let count = cell.count(stance);
                                            if count > 0 {
                                                let text = RichText::new(format!(
                                                    "{}{count}",
                                                    stance_letter(stance)
                                                ))
                                                .color(theme::stance_colour(
                                                    stance,
                                                    ui.visuals().dark_mode,
                                                ))
                                                .strong();
                                                ui.add(
                                                    Label::new(if selected {
                                                        text.underline()
                                                    } else {
                                                        text
                                                    })
                                                    .selectable(false),
                                                );
                                            }
                                        }
                                        if cell.is_contested() {
                                            ui.add(
                                                Label::new(RichText::new("!").strong().color(
                                                    theme::error_text(ui.visuals().dark_mode),
                                                ))
                                                .selectable(false),
                                            )
                                            .on_hover_text(
                                                "This source both asserts and denies it",
                                            );
                                        }
                                    });
                                })
                                .response
                                .interact(Sense::click())
                                .on_hover_text(format!(
                                    "{} claims: click to list them",
                                    cell.claims.len()
                                ));
                            if response.clicked() {
                                state.selected = if selected { None } else { Some((row, column)) };
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    let Some((row, column)) = state.selected else {
        ui.weak("Click a cell to list its claims.");
        return actions;
    };
    let claims = if column == matrix.columns.len() {
        matrix.row_total(row).claims
    } else {
        matrix
            .cell(row, column)
            .map(|cell| cell.claims.clone())
            .unwrap_or_default()
    };
    egui::ScrollArea::vertical()
        .id_salt("matrix-quotes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for claim in claims.iter().filter_map(|id| project.claim(*id)) {
                let document = project.document(claim.document);
                let speaker = project.speaker_name(claim).unwrap_or("unattributed");
                let response = ui
                    .scope(|ui| {
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(claim.stance.as_str())
                                    .color(theme::stance_colour(
                                        claim.stance,
                                        ui.visuals().dark_mode,
                                    ))
                                    .strong(),
                            );
                            ui.label(RichText::new(speaker).strong());
                            let date = claim
                                .date
                                .or_else(|| document.and_then(|document| document.date))
                                .map(|date| date.to_string())
                                .unwrap_or_default();
                            ui.weak(format!(
                                "{} · {} · {date}",
                                project.claim_outlet(claim),
                                document.map_or("", |document| document.title.as_str())
                            ));
                        });
                        let quote = one_line(&claim.text());
                        let prefix = one_line(&claim.quote.prefix);
                        let suffix = one_line(&claim.quote.suffix);
                        ui.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            ui.add(
                                Label::new(RichText::new(format!("…{prefix} ")).weak())
                                    .selectable(false),
                            );
                            ui.add(Label::new(RichText::new(quote).strong()).selectable(false));
                            ui.add(
                                Label::new(RichText::new(format!(" {suffix}…")).weak())
                                    .selectable(false),
                            );
                        });
                    })
                    .response
                    .interact(Sense::click())
                    .on_hover_text("Open in the reader");
                if response.clicked() {
                    actions.push(Action::OpenClaim(claim.id));
                }
                ui.add_space(6.0);
            }
        });
    actions
}

/// One letter per stance, with its colour as a second cue.
pub(super) fn stance_letter(stance: Stance) -> &'static str {
    match stance {
        Stance::Asserts => "A",
        Stance::Denies => "D",
        Stance::Reports => "R",
        Stance::Questions => "Q",
    }
}
