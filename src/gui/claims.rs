//! The claims panel: claims grouped by code; clicking one shows it in its document.

use super::theme;
use crate::edit::Edit;
use crate::model::{ClaimId, CodeId, Project};
use egui::{Label, RichText, Sense, Ui};

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
}

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
    egui::ScrollArea::vertical()
        .id_salt("claims")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut codes: Vec<Option<CodeId>> =
                project.codes.iter().map(|code| Some(code.id)).collect();
            codes.push(None);
            for code_id in codes {
                let claims: Vec<_> = project
                    .claims
                    .iter()
                    .filter(|claim| match code_id {
                        Some(code) => claim.codes.contains(&code),
                        None => claim.codes.is_empty(),
                    })
                    .collect();
                let (name, colour) = match code_id.and_then(|id| project.code(id)) {
                    Some(code) => (code.name.as_str(), theme::code_colour(code.colour)),
                    None if claims.is_empty() => continue,
                    None => ("Uncoded", ui.visuals().weak_text_color()),
                };
                let header = RichText::new(format!("{name} ({})", claims.len()))
                    .color(colour)
                    .strong();
                let collapsing = egui::CollapsingHeader::new(header)
                    .id_salt(("code", code_id.map(|id| id.0)))
                    .default_open(true)
                    .show(ui, |ui| {
                        if let Some(code) = code_id.and_then(|id| project.code(id))
                            && !code.description.is_empty()
                        {
                            ui.weak(&code.description);
                        }
                        for claim in claims {
                            claim_row_ui(ui, project, claim, &mut actions);
                        }
                    });
                if let Some(code_id) = code_id {
                    collapsing.header_response.context_menu(|ui| {
                        let used = project
                            .claims
                            .iter()
                            .any(|claim| claim.codes.contains(&code_id));
                        if ui
                            .add_enabled(!used, egui::Button::new("Delete code"))
                            .on_disabled_hover_text("Claims still use this code")
                            .clicked()
                        {
                            actions.extend(
                                Edit::remove_code(project, code_id).map(ClaimsAction::Edit),
                            );
                        }
                    });
                }
            }
        });
    actions
}

fn claim_row_ui(
    ui: &mut Ui,
    project: &Project,
    claim: &crate::model::Claim,
    actions: &mut Vec<ClaimsAction>,
) {
    let document = project.document(claim.document);
    let speaker = project.speaker_name(claim).unwrap_or("");
    let response = ui
        .scope(|ui| {
            ui.horizontal(|ui| {
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
            let excerpt: String = claim
                .quote
                .exact
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            ui.add(Label::new(format!("“{excerpt}”")).wrap().selectable(false));
        })
        .response
        .interact(Sense::click())
        .on_hover_text("Show in its document");
    if response.clicked() {
        actions.push(ClaimsAction::Open(claim.id));
    }
    response.context_menu(|ui| {
        if ui.button("Delete claim").clicked() {
            actions.extend(Edit::remove_claim(project, claim.id).map(ClaimsAction::Edit));
        }
    });
    ui.add_space(4.0);
}
