//! The claims panel: claims grouped by code; clicking one shows it in its document.
//!
//! Headers and claims form one list of rows of one height, so only the visible rows are laid
//! out, however many claims there are.

use super::theme;
use crate::analysis::words::one_line;
use crate::edit::Edit;
use crate::model::{Claim, ClaimId, CodeId, Project};
use egui::{Label, RichText, Sense, Ui};
use std::collections::HashSet;

/// What the user asked for in the claims panel.
pub enum ClaimsAction {
    /// Show a claim in the reader.
    Open(ClaimId),
    /// Change the project.
    Edit(Edit),
}

/// The claims panel's view state.
#[derive(Default)]
pub struct ClaimsState {
    new_code: String,
    /// Codes whose claims are folded away (`None` is the uncoded group).
    collapsed: HashSet<Option<CodeId>>,
}

/// A row of the panel.
enum Row {
    Header(Option<CodeId>, usize),
    Claim(ClaimId),
}

/// The height of every row: a header, or a claim's two lines.
const ROW_HEIGHT: f32 = 42.0;

/// Draws the claims panel.
pub fn claims_ui(ui: &mut Ui, state: &mut ClaimsState, project: &Project) -> Vec<ClaimsAction> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label("New code");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_code)
                    .hint_text("Name")
                    .desired_width(150.0),
            )
            .labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        let name = state.new_code.trim().to_owned();
        let valid = !name.is_empty() && project.code_by_name(&name).is_none();
        let clicked = ui
            .add_enabled(valid, egui::Button::new("Add code"))
            .clicked();
        if valid && (clicked || enter) {
            actions.push(ClaimsAction::Edit(Edit::add_code(project, &name, None).0));
            state.new_code.clear();
        }
    });
    ui.weak(format!(
        "{} claims, {} codes",
        project.claims.len(),
        project.codes.len()
    ));
    let mut rows = Vec::new();
    let groups = project.codes.iter().map(|code| Some(code.id)).chain([None]);
    for code in groups {
        let claims: Vec<ClaimId> = match code {
            Some(code) => project
                .claims_with_code(code)
                .map(|claim| claim.id)
                .collect(),
            None => project
                .claims
                .iter()
                .filter(|claim| claim.codes.is_empty())
                .map(|claim| claim.id)
                .collect(),
        };
        if code.is_none() && claims.is_empty() {
            continue;
        }
        rows.push(Row::Header(code, claims.len()));
        if !state.collapsed.contains(&code) {
            rows.extend(claims.into_iter().map(Row::Claim));
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("claims")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, visible| {
            for row in &rows[visible] {
                match row {
                    Row::Header(code, count) => {
                        header_ui(ui, state, project, *code, *count, &mut actions);
                    }
                    Row::Claim(id) => {
                        if let Some(claim) = project.claim(*id) {
                            claim_row_ui(ui, project, claim, &mut actions);
                        }
                    }
                }
            }
        });
    actions
}

fn header_ui(
    ui: &mut Ui,
    state: &mut ClaimsState,
    project: &Project,
    code_id: Option<CodeId>,
    count: usize,
    actions: &mut Vec<ClaimsAction>,
) {
    let code = code_id.and_then(|id| project.code(id));
    let (name, colour) = code.map_or(("Uncoded", ui.visuals().weak_text_color()), |code| {
        (code.name.as_str(), theme::code_colour(code.colour))
    });
    let folded = state.collapsed.contains(&code_id);
    let response = ui
        .allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
            ui.set_min_height(ROW_HEIGHT);
            ui.horizontal_centered(|ui| {
                ui.add(
                    Label::new(
                        RichText::new(if folded { "+" } else { "−" })
                            .monospace()
                            .weak(),
                    )
                    .selectable(false),
                );
                ui.add(
                    Label::new(
                        RichText::new(format!("{name} ({count})"))
                            .color(colour)
                            .strong(),
                    )
                    .selectable(false),
                );
            });
        })
        .response
        .interact(Sense::click())
        .on_hover_text(code.map_or_else(
            || "Claims without a code".to_owned(),
            |code| {
                if code.description.is_empty() {
                    "Click to fold or unfold".to_owned()
                } else {
                    code.description.clone()
                }
            },
        ));
    if response.clicked() {
        if folded {
            state.collapsed.remove(&code_id);
        } else {
            state.collapsed.insert(code_id);
        }
    }
    if let Some(code_id) = code_id {
        response.context_menu(|ui| {
            ui.menu_button("Contradicts", |ui| {
                let this = project.code(code_id);
                for other in project.codes.iter().filter(|other| other.id != code_id) {
                    let mut contradicting =
                        this.is_some_and(|code| code.contradicts.contains(&other.id));
                    if ui.checkbox(&mut contradicting, &other.name).changed() {
                        actions.extend(
                            Edit::set_contradicting(project, code_id, other.id, contradicting)
                                .map(ClaimsAction::Edit),
                        );
                    }
                }
            });
            let used = project.claims_with_code(code_id).next().is_some();
            if ui
                .add_enabled(!used, egui::Button::new("Delete code"))
                .on_disabled_hover_text("Claims still use this code")
                .clicked()
            {
                actions.extend(Edit::remove_code(project, code_id).map(ClaimsAction::Edit));
            }
        });
    }
}

fn claim_row_ui(ui: &mut Ui, project: &Project, claim: &Claim, actions: &mut Vec<ClaimsAction>) {
    let document = project.document(claim.document);
    let speaker = project.speaker_name(claim).unwrap_or("");
    let response = ui
        .allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
            ui.set_min_height(ROW_HEIGHT);
            ui.horizontal(|ui| {
                ui.add_space(14.0);
                ui.label(
                    RichText::new(claim.stance.as_str())
                        .color(theme::stance_colour(claim.stance))
                        .small(),
                );
                if !speaker.is_empty() {
                    ui.label(RichText::new(speaker).small().strong());
                }
                ui.add(
                    Label::new(
                        RichText::new(document.map_or("", |d| d.title.as_str()))
                            .small()
                            .weak(),
                    )
                    .truncate()
                    .selectable(false),
                );
            });
            ui.horizontal(|ui| {
                ui.add_space(14.0);
                let excerpt = one_line(&claim.quote.exact);
                ui.add(
                    Label::new(format!("“{excerpt}”"))
                        .truncate()
                        .selectable(false),
                );
            });
        })
        .response
        .interact(Sense::click())
        .on_hover_text(one_line(&claim.quote.exact));
    if response.clicked() {
        actions.push(ClaimsAction::Open(claim.id));
    }
    response.context_menu(|ui| {
        if ui.button("Delete claim").clicked() {
            actions.extend(Edit::remove_claim(project, claim.id).map(ClaimsAction::Edit));
        }
    });
}
