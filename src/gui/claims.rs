//! The claims panel: the codebook as a tree with its claims; clicking one shows it in its
//! document. Right-click a code to rename, describe, move, merge or delete it; a claim to edit
//! its note.
//!
//! Headers and claims form one list of rows of one height, so only the visible rows are laid
//! out, however many claims there are.

use super::theme;
use crate::edit::Edit;
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{Claim, ClaimId, CodeId, Project};
use crate::text::one_line;
use egui::{Label, RichText, Sense, Ui};
use std::collections::HashSet;

/// The claims panel's view state.
#[derive(Default)]
pub struct ClaimsState {
    new_code: String,
    /// Codes whose claims are folded away (`None` is the uncoded group).
    collapsed: HashSet<Option<CodeId>>,
    /// The code whose context menu is open, with its name and description being edited.
    editing_code: Option<(CodeId, String, String)>,
    /// The claim whose context menu is open, with its note being edited.
    editing_claim: Option<(ClaimId, String)>,
    /// A code in use that the user asked to delete, waiting for confirmation.
    confirm_delete: Option<CodeId>,
}

/// A row of the panel: a code at its depth in the tree (`None` is the uncoded group) with its
/// claim count, or a claim.
enum Row {
    Header(Option<CodeId>, usize, usize),
    Claim(ClaimId),
}

/// The codes in tree order (each parent before its children) with their depths.
fn code_tree(project: &Project) -> Vec<(CodeId, usize)> {
    fn visit(
        project: &Project,
        parent: Option<CodeId>,
        depth: usize,
        out: &mut Vec<(CodeId, usize)>,
    ) {
        // Siblings in the order they were created, as the analyst built the codebook.
        for child in project.codes.iter().filter(|code| code.parent == parent) {
            out.push((child.id, depth));
            // The tree is checked on load and on every edit, but never recurse without bound.
            if depth < 32 {
                visit(project, Some(child.id), depth + 1, out);
            }
        }
    }
    let mut out = Vec::with_capacity(project.codes.len());
    visit(project, None, 0, &mut out);
    out
}

/// Whether `code` is `ancestor` or lies below it.
fn is_within(project: &Project, code: CodeId, ancestor: CodeId) -> bool {
    let mut current = Some(code);
    let mut steps = 0;
    while let Some(id) = current {
        if id == ancestor {
            return true;
        }
        steps += 1;
        if steps > project.codes.len() {
            return false;
        }
        current = project.code(id).and_then(|code| code.parent);
    }
    false
}

/// The height of every row: a header, or a claim's two lines.
const ROW_HEIGHT: f32 = 42.0;

/// Draws the claims panel.
pub fn claims_ui(ui: &mut Ui, state: &mut ClaimsState, view: &ViewContext<'_>) -> Vec<Action> {
    let project = view.project;
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
            actions.push(Action::Edit(Edit::add_code(project, &name, None).0));
            state.new_code.clear();
        }
    });
    ui.weak(format!(
        "{} claims, {} codes",
        project.claims.len(),
        project.codes.len()
    ));
    let mut rows = Vec::new();
    let groups = code_tree(project)
        .into_iter()
        .map(|(code, depth)| (Some(code), depth))
        .chain([(None, 0)]);
    for (code, depth) in groups {
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
        rows.push(Row::Header(code, depth, claims.len()));
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
                    Row::Header(code, depth, count) => {
                        header_ui(ui, state, project, (*code, *depth), *count, &mut actions);
                    }
                    Row::Claim(id) => {
                        if let Some(claim) = project.claim(*id) {
                            claim_row_ui(ui, state, project, claim, &mut actions);
                        }
                    }
                }
            }
        });
    confirm_delete_ui(ui, state, project, &mut actions);
    actions
}

/// Asks before deleting a code that claims use.
fn confirm_delete_ui(
    ui: &Ui,
    state: &mut ClaimsState,
    project: &Project,
    actions: &mut Vec<Action>,
) {
    let Some(code_id) = state.confirm_delete else {
        return;
    };
    let Some(code) = project.code(code_id) else {
        state.confirm_delete = None;
        return;
    };
    let used = project.claims_with_code(code_id).count();
    let modal = egui::Modal::new(egui::Id::unique("confirm-delete-code")).show(ui.ctx(), |ui| {
        ui.heading(format!("Delete the code \"{}\"?", code.name));
        ui.label(format!(
            "{used} claim{} use{} it. The claims are kept without this code; sub-codes move up.",
            if used == 1 { "" } else { "s" },
            if used == 1 { "s" } else { "" }
        ));
        ui.horizontal(|ui| {
            if ui.button("Delete code").clicked() {
                actions.extend(Edit::remove_code(project, code_id).map(Action::Edit));
                state.confirm_delete = None;
            }
            if ui.button("Cancel").clicked() {
                state.confirm_delete = None;
            }
        });
    });
    if modal.should_close() {
        state.confirm_delete = None;
    }
}

fn header_ui(
    ui: &mut Ui,
    state: &mut ClaimsState,
    project: &Project,
    (code_id, depth): (Option<CodeId>, usize),
    count: usize,
    actions: &mut Vec<Action>,
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
                ui.add_space(16.0 * depth as f32);
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
        if response.hovered() {
            actions.push(Action::HoverCode(code_id));
        }
        response.context_menu(|ui| code_menu_ui(ui, state, project, code_id, actions));
    }
}

/// The context menu of a code: rename, describe, move, merge, contradicts, delete.
fn code_menu_ui(
    ui: &mut Ui,
    state: &mut ClaimsState,
    project: &Project,
    code_id: CodeId,
    actions: &mut Vec<Action>,
) {
    let Some(code) = project.code(code_id) else {
        return;
    };
    if state
        .editing_code
        .as_ref()
        .is_none_or(|(id, ..)| *id != code_id)
    {
        state.editing_code = Some((code_id, code.name.clone(), code.description.clone()));
    }
    if let Some((_, name, description)) = &mut state.editing_code {
        let label = ui.label("Name");
        ui.add(egui::TextEdit::singleline(name).desired_width(220.0))
            .labelled_by(label.id);
        let label = ui.label("Description");
        ui.add(
            egui::TextEdit::multiline(description)
                .desired_rows(2)
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        let changed = name.trim() != code.name || description.trim() != code.description;
        if ui
            .add_enabled(
                changed && !name.trim().is_empty(),
                egui::Button::new("Apply"),
            )
            .clicked()
        {
            let (name, description) = (name.trim().to_owned(), description.trim().to_owned());
            actions.extend(
                Edit::update_code(project, code_id, "Edit code", |code| {
                    code.name = name;
                    code.description = description;
                })
                .map(Action::Edit),
            );
            ui.close();
        }
    }
    ui.separator();
    ui.menu_button("Move under", |ui| {
        if ui
            .add_enabled(code.parent.is_some(), egui::Button::new("Top level"))
            .clicked()
        {
            actions.extend(
                Edit::update_code(project, code_id, "Move code", |code| code.parent = None)
                    .map(Action::Edit),
            );
            ui.close();
        }
        for (other, depth) in code_tree(project) {
            // A code cannot move under itself or its own sub-codes.
            if is_within(project, other, code_id) {
                continue;
            }
            let Some(other_code) = project.code(other) else {
                continue;
            };
            let text = format!("{}{}", "  ".repeat(depth), other_code.name);
            if ui
                .add_enabled(code.parent != Some(other), egui::Button::new(text))
                .clicked()
            {
                actions.extend(
                    Edit::update_code(project, code_id, "Move code", |code| {
                        code.parent = Some(other);
                    })
                    .map(Action::Edit),
                );
                ui.close();
            }
        }
    });
    ui.menu_button("Merge into", |ui| {
        ui.weak("Its claims take the chosen code");
        for (other, depth) in code_tree(project) {
            if other == code_id {
                continue;
            }
            let Some(other_code) = project.code(other) else {
                continue;
            };
            let text = format!("{}{}", "  ".repeat(depth), other_code.name);
            if let Some(edit) = Edit::merge_codes(project, other, code_id)
                && ui.button(text).clicked()
            {
                actions.push(Action::Edit(edit));
                ui.close();
            }
        }
    });
    ui.menu_button("Contradicts", |ui| {
        for other in project.codes.iter().filter(|other| other.id != code_id) {
            let mut contradicting = code.contradicts.contains(&other.id);
            if ui.checkbox(&mut contradicting, &other.name).changed() {
                actions.extend(
                    Edit::set_contradicting(project, code_id, other.id, contradicting)
                        .map(Action::Edit),
                );
            }
        }
    });
    ui.separator();
    let used = project.claims_with_code(code_id).next().is_some();
    if ui
        .button(if used {
            "Delete code…"
        } else {
            "Delete code"
        })
        .clicked()
    {
        if used {
            state.confirm_delete = Some(code_id);
        } else {
            actions.extend(Edit::remove_code(project, code_id).map(Action::Edit));
        }
        ui.close();
    }
}

fn claim_row_ui(
    ui: &mut Ui,
    state: &mut ClaimsState,
    project: &Project,
    claim: &Claim,
    actions: &mut Vec<Action>,
) {
    let document = project.document(claim.document);
    let speaker = project.speaker_name(claim).unwrap_or("");
    let response = ui
        .allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
            ui.set_min_height(ROW_HEIGHT);
            ui.horizontal(|ui| {
                ui.add_space(14.0);
                ui.label(
                    RichText::new(claim.stance.as_str())
                        .color(theme::stance_colour(claim.stance, ui.visuals().dark_mode))
                        .small(),
                );
                let grade = project.claim_grade(claim);
                if !grade.is_open() {
                    ui.label(RichText::new(grade.to_string()).small().monospace())
                        .on_hover_text("Grade: source reliability and information credibility");
                }
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
                let excerpt = one_line(&claim.text());
                ui.add(
                    Label::new(format!("“{excerpt}”"))
                        .truncate()
                        .selectable(false),
                );
            });
        })
        .response
        .interact(Sense::click())
        .on_hover_text(if claim.note.is_empty() {
            one_line(&claim.text())
        } else {
            format!("{}\n\nNote: {}", one_line(&claim.text()), claim.note)
        });
    if response.clicked() {
        actions.push(Action::SelectClaim(claim.id));
    }
    if response.hovered()
        && let Some(code) = claim.codes.first()
    {
        actions.push(Action::HoverCode(*code));
    }
    response.context_menu(|ui| {
        if state
            .editing_claim
            .as_ref()
            .is_none_or(|(id, _)| *id != claim.id)
        {
            state.editing_claim = Some((claim.id, claim.note.clone()));
        }
        if let Some((_, note)) = &mut state.editing_claim {
            let label = ui.label("Note");
            ui.add(
                egui::TextEdit::multiline(note)
                    .desired_rows(3)
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(note.trim() != claim.note, egui::Button::new("Save note"))
                .clicked()
            {
                let note = note.trim().to_owned();
                actions.extend(
                    Edit::update_claim(project, claim.id, "Edit claim note", |claim| {
                        claim.note = note;
                    })
                    .map(Action::Edit),
                );
                ui.close();
            }
        }
        if !claim.more_passages.is_empty() {
            ui.separator();
            ui.label("Passages");
            for (index, quote) in claim.quotes().enumerate() {
                let words: String = one_line(&quote.exact).chars().take(40).collect();
                if ui
                    .button(format!("Remove “{words}…”"))
                    .on_hover_text("Take this passage out of the claim; the others stay")
                    .clicked()
                {
                    actions.extend(
                        Edit::remove_claim_passage(project, claim.id, index).map(Action::Edit),
                    );
                    ui.close();
                }
            }
        }
        ui.separator();
        if ui.button("Delete claim").clicked() {
            actions.extend(Edit::remove_claim(project, claim.id).map(Action::Edit));
        }
    });
}
