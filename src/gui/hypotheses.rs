//! Competing hypotheses: the analyst writes explanations, rates each claim against each, and
//! sees them ranked by the graded evidence against them. Outlets and claims are graded here too.

use super::theme;
use crate::analysis::hypotheses::{diagnostic_claims, rank_hypotheses};
use crate::edit::Edit;
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{ClaimId, Consistency, Credibility, Grade, Project, Reliability};
use crate::text::one_line;
use egui::{Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// The hypotheses view's state.
#[derive(Default)]
pub struct HypothesesState {
    new_hypothesis: String,
    /// Only claims rated differently across hypotheses, which tell them apart.
    only_diagnostic: bool,
}

/// Draws the view.
pub fn hypotheses_ui(
    ui: &mut Ui,
    state: &mut HypothesesState,
    view: &ViewContext<'_>,
) -> Vec<Action> {
    let project = view.project;
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let label = ui.label("New hypothesis");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_hypothesis)
                    .hint_text("The resistance fights on")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        let add = ui.button("Add hypothesis");
        if (entered || add.clicked())
            && let Some((edit, _)) = Edit::add_hypothesis(project, &state.new_hypothesis)
        {
            actions.push(Action::Edit(edit));
            state.new_hypothesis.clear();
        }
    });
    ui.separator();
    ranking_ui(ui, project, &mut actions);
    egui::CollapsingHeader::new("Grade outlets")
        .default_open(project.hypotheses.is_empty())
        .show(ui, |ui| outlets_ui(ui, project, &mut actions));
    ui.separator();
    if project.claims.is_empty() {
        ui.label("No claims yet. Tag passages in the reader, then rate them here.");
        return actions;
    }
    ui.horizontal(|ui| {
        ui.strong("Rate the claims");
        ui.checkbox(
            &mut state.only_diagnostic,
            "Only claims that tell hypotheses apart",
        );
        ui.weak("Click a cell: consistent, inconsistent, neutral, unrated");
    });
    ratings_ui(ui, state, project, &mut actions);
    actions
}

fn ranking_ui(ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
    if project.hypotheses.is_empty() {
        ui.label(
            "Write the explanations that compete (\"the resistance is surrendering\", \"the \
             resistance fights on\"), then rate each claim against each. The hypothesis with the \
             least graded evidence against it ranks first.",
        );
        return;
    }
    egui::Grid::new("hypothesis-ranking")
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for title in ["Rank", "Hypothesis", "Against", "C", "I", "N", ""] {
                ui.strong(title);
            }
            ui.end_row();
            for (rank, score) in rank_hypotheses(project).iter().enumerate() {
                let Some(hypothesis) = project.hypothesis(score.hypothesis) else {
                    continue;
                };
                ui.label(format!("{}", rank + 1));
                let text = RichText::new(format!(
                    "{} {}",
                    short_name(project, hypothesis.id),
                    hypothesis.text
                ));
                ui.add(Label::new(if rank == 0 { text.strong() } else { text }).extend());
                ui.label(format!("{:.2}", score.inconsistency))
                    .on_hover_text(
                        "Claims rated inconsistent, each weighted by its grade \
                         (reliability × credibility, A1 = 1)",
                    );
                ui.label(score.consistent.to_string());
                ui.label(score.inconsistent.to_string());
                ui.label(score.neutral.to_string());
                if ui
                    .small_button("Delete")
                    .on_hover_text(format!("Delete \"{}\" and its ratings", hypothesis.text))
                    .clicked()
                    && let Some(edit) = Edit::remove_hypothesis(project, hypothesis.id)
                {
                    actions.push(Action::Edit(edit));
                }
                ui.end_row();
            }
        });
}

/// A hypothesis's short name, "H1", "H2"…, by its place in the project's list (the order
/// they were written in), so that it stays the same whatever their rank.
fn short_name(project: &Project, id: crate::model::HypothesisId) -> String {
    let number = project
        .hypotheses
        .iter()
        .position(|hypothesis| hypothesis.id == id)
        .map_or(0, |index| index + 1);
    format!("H{number}")
}

fn outlets_ui(ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
    let outlets = project.outlets();
    if outlets.is_empty() {
        ui.label("No outlets yet: set each document's outlet in the library.");
        return;
    }
    egui::Grid::new("outlet-grades")
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Outlet");
            ui.strong("Reliability");
            ui.strong("Credibility");
            ui.end_row();
            for outlet in outlets {
                let grade = project
                    .outlet_grades
                    .get(outlet)
                    .copied()
                    .unwrap_or_default();
                ui.label(outlet);
                if let Some(grade) = grade_pickers_ui(ui, ("outlet", outlet), grade)
                    && let Some(edit) = Edit::set_outlet_grade(project, outlet, grade)
                {
                    actions.push(Action::Edit(edit));
                }
                ui.end_row();
            }
        });
}

/// Two drop-downs, reliability and credibility; the new grade when one changed.
fn grade_pickers_ui(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug + Copy,
    grade: Grade,
) -> Option<Grade> {
    let mut changed = grade;
    egui::ComboBox::from_id_salt(("reliability", salt))
        .selected_text(grade.reliability.map_or_else(
            || "not set".to_owned(),
            |r| format!("{} {}", r.letter(), r.meaning()),
        ))
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut changed.reliability, None, "not set");
            for reliability in Reliability::ALL {
                ui.selectable_value(
                    &mut changed.reliability,
                    Some(reliability),
                    format!("{} {}", reliability.letter(), reliability.meaning()),
                );
            }
        });
    egui::ComboBox::from_id_salt(("credibility", salt))
        .selected_text(grade.credibility.map_or_else(
            || "not set".to_owned(),
            |c| format!("{} {}", c.digit(), c.meaning()),
        ))
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut changed.credibility, None, "not set");
            for credibility in Credibility::ALL {
                ui.selectable_value(
                    &mut changed.credibility,
                    Some(credibility),
                    format!("{} {}", credibility.digit(), credibility.meaning()),
                );
            }
        });
    (changed != grade).then_some(changed)
}

/// The rating after `rating` when a cell is clicked.
fn next_rating(rating: Option<Consistency>) -> Option<Consistency> {
    match rating {
        None => Some(Consistency::Consistent),
        Some(Consistency::Consistent) => Some(Consistency::Inconsistent),
        Some(Consistency::Inconsistent) => Some(Consistency::Neutral),
        Some(Consistency::Neutral) => None,
    }
}

fn ratings_ui(ui: &mut Ui, state: &HypothesesState, project: &Project, actions: &mut Vec<Action>) {
    let claims: Vec<ClaimId> = if state.only_diagnostic {
        diagnostic_claims(project)
    } else {
        project.claims.iter().map(|claim| claim.id).collect()
    };
    let dark = ui.visuals().dark_mode;
    ui.push_id("hypothesis-ratings", |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .column(Column::remainder().at_least(240.0).clip(true))
            .column(Column::initial(56.0).at_least(48.0))
            .column(Column::initial(120.0).at_least(60.0).clip(true));
        for _ in &project.hypotheses {
            table = table.column(Column::initial(110.0).at_least(40.0).clip(true));
        }
        table
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.strong("Claim");
                });
                header.col(|ui| {
                    ui.strong("Grade");
                });
                header.col(|ui| {
                    ui.strong("Outlet");
                });
                // "H1 The resistance is…": hypotheses that open alike still read apart.
                for hypothesis in &project.hypotheses {
                    header.col(|ui| {
                        let name = short_name(project, hypothesis.id);
                        ui.add(
                            Label::new(
                                RichText::new(format!("{name} {}", hypothesis.text)).strong(),
                            )
                            .truncate(),
                        )
                        .on_hover_text(format!("{name}: {}", hypothesis.text));
                    });
                }
            })
            .body(|body| {
                // Only the visible rows are laid out, however many claims there are.
                body.rows(24.0, claims.len(), |mut row| {
                    let Some(claim) = project.claim(claims[row.index()]) else {
                        return;
                    };
                    row.col(|ui| {
                        let stance = claim.stance;
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(super::matrix::stance_letter(stance))
                                    .strong()
                                    .color(theme::stance_colour(stance, ui.visuals().dark_mode)),
                            )
                            .on_hover_text(stance.as_str());
                            let quote = one_line(&claim.text());
                            if ui
                                .add(
                                    Label::new(quote)
                                        .truncate()
                                        .show_tooltip_when_elided(false)
                                        .sense(egui::Sense::click()),
                                )
                                .on_hover_text(format!(
                                    "{}\n\nClick to open it in the reader",
                                    claim.text()
                                ))
                                .clicked()
                            {
                                actions.push(Action::OpenClaim(claim.id));
                            }
                        });
                    });
                    row.col(|ui| {
                        let grade = project.claim_grade(claim);
                        let own = !claim.grade.is_open();
                        let badge = RichText::new(grade.to_string()).monospace();
                        ui.menu_button(if own { badge.strong() } else { badge }, |ui| {
                            ui.label(if own {
                                "This claim's own grade"
                            } else {
                                "From its outlet; set a grade for this claim only"
                            });
                            if let Some(grade) =
                                grade_pickers_ui(ui, ("claim", claim.id), claim.grade)
                                && let Some(edit) = Edit::set_claim_grade(project, claim.id, grade)
                            {
                                actions.push(Action::Edit(edit));
                            }
                            if own
                                && ui.button("Use the outlet's grade").clicked()
                                && let Some(edit) =
                                    Edit::set_claim_grade(project, claim.id, Grade::default())
                            {
                                actions.push(Action::Edit(edit));
                                ui.close();
                            }
                        })
                        .response
                        .on_hover_text(grade_meaning(grade));
                    });
                    row.col(|ui| {
                        ui.add(Label::new(project.claim_outlet(claim)).truncate());
                    });
                    for hypothesis in &project.hypotheses {
                        row.col(|ui| {
                            let rating = claim.ratings.get(&hypothesis.id).copied();
                            let (text, colour) = match rating {
                                Some(rating) => (
                                    rating.short(),
                                    Some(theme::consistency_colour(rating, dark)),
                                ),
                                None => ("·", None),
                            };
                            let mut button = egui::Button::new(RichText::new(text).strong())
                                .min_size(egui::vec2(32.0, 0.0));
                            if let Some(colour) = colour {
                                button = button.fill(colour);
                            }
                            let said = rating.map_or("not rated", Consistency::as_str);
                            let response = ui
                                .add(button)
                                .on_hover_text(format!("{said} with \"{}\"", hypothesis.text));
                            // "C" alone means nothing to a screen reader.
                            response.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!(
                                        "Claim {} against \"{}\": {said}",
                                        claim.id, hypothesis.text
                                    ),
                                )
                            });
                            let next = if response.clicked() {
                                Some(next_rating(rating))
                            } else if response.secondary_clicked() {
                                Some(None)
                            } else {
                                None
                            };
                            if let Some(next) = next
                                && let Some(edit) =
                                    Edit::rate_claim(project, claim.id, hypothesis.id, next)
                            {
                                actions.push(Action::Edit(edit));
                            }
                        });
                    }
                });
            });
    });
}

/// The grade in words, for a tooltip.
fn grade_meaning(grade: Grade) -> String {
    let (reliability, credibility) = grade.settled();
    format!(
        "{}: {}; {}: {}",
        reliability.letter(),
        reliability.meaning(),
        credibility.digit(),
        credibility.meaning()
    )
}
