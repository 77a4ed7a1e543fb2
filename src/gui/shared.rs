//! The corpus view of shared text: which documents share the most (who ran the same wire
//! copy), each pair one row, opened side by side with a click.

use crate::analysis::passages::SharedPair;
use crate::model::{Document, DocumentId, NearDuplicate, Project};
use egui::{Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// What the user asked for in the shared-text view.
pub enum SharedAction {
    /// Show two documents side by side.
    Compare(DocumentId, DocumentId),
    /// Count pairs as near-duplicates from this share on.
    SetNearDuplicate(NearDuplicate),
}

/// A document as a row shows it: outlet, title and date.
fn describe(document: Option<&Document>) -> String {
    let Some(document) = document else {
        return "(removed)".into();
    };
    let date = document
        .date
        .map(|date| format!(" · {date}"))
        .unwrap_or_default();
    if document.outlet.is_empty() {
        format!("{}{date}", document.title)
    } else {
        format!("{} — {}{date}", document.outlet, document.title)
    }
}

/// Draws the list of document pairs that share text; `analysed` tells whether the pairs are
/// up to date with the project.
pub fn shared_ui(
    ui: &mut Ui,
    project: &Project,
    pairs: &[SharedPair],
    analysed: bool,
) -> Vec<SharedAction> {
    let mut actions = Vec::new();
    if pairs.is_empty() {
        ui.label(if analysed {
            "No two documents share a passage of a dozen words or more."
        } else {
            "Looking for shared passages…"
        });
        return actions;
    }
    // The threshold as the slider holds it while it is dragged: counts and bold shares follow
    // it at once, and the project takes it, as one undoable step, when the slider is let go.
    // The slider spans every threshold a project can hold, so showing one never clamps it
    // (which would change the project unasked).
    let draft_id = ui.scope_id().with("near-duplicate-draft");
    let mut percent = ui
        .data(|data| data.get_temp::<u8>(draft_id))
        .unwrap_or(project.near_duplicate.percent());
    let threshold = NearDuplicate::new(percent).unwrap_or_default();
    let near = pairs
        .iter()
        .filter(|pair| pair.is_near_duplicate(threshold))
        .count();
    let count = if pairs.len() == 1 {
        "1 document pair shares text".to_owned()
    } else {
        format!("{} document pairs share text", pairs.len())
    };
    ui.label(format!(
        "{count}; {near} {} near-duplicate{} (marked ≈ in the library). Click Compare to read a \
         pair side by side, shared passages tinted.",
        if near == 1 { "is a" } else { "are" },
        if near == 1 { "" } else { "s" },
    ));
    ui.horizontal(|ui| {
        let label = ui.label("Near-duplicates from");
        let response = ui
            .add(
                egui::Slider::new(&mut percent, NearDuplicate::PERCENTS)
                    .suffix("% of one document in the other"),
            )
            .labelled_by(label.id)
            .on_hover_text(
                "How much of one document must be found in the other for the two to count as \
                 near-duplicates (the same wire story in two outlets)",
            );
        if response.dragged() {
            ui.data_mut(|data| data.insert_temp(draft_id, percent));
        } else if response.drag_stopped() || response.changed() {
            ui.data_mut(|data| data.remove::<u8>(draft_id));
            if let Some(chosen) = NearDuplicate::new(percent) {
                actions.push(SharedAction::SetNearDuplicate(chosen));
            }
        }
    });
    ui.separator();
    ui.push_id("shared-pairs", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::initial(70.0).at_least(50.0))
            .column(Column::initial(80.0).at_least(60.0))
            .column(Column::initial(80.0).at_least(60.0))
            .column(Column::initial(80.0).at_least(70.0))
            .header(22.0, |mut header| {
                for title in [
                    "Document",
                    "Shares text with",
                    "Passages",
                    "Of first",
                    "Of second",
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
                header.col(|_| {});
            })
            .body(|body| {
                // Only the visible rows are laid out, however many pairs there are.
                body.rows(24.0, pairs.len(), |mut row| {
                    let pair = &pairs[row.index()];
                    for document in [pair.a, pair.b] {
                        row.col(|ui| {
                            let text = describe(project.document(document));
                            ui.add(
                                Label::new(text.as_str())
                                    .truncate()
                                    .show_tooltip_when_elided(false),
                            )
                            .on_hover_text(text);
                        });
                    }
                    row.col(|ui| {
                        ui.label(pair.passages.to_string());
                    });
                    for share in [pair.a_covered, pair.b_covered] {
                        row.col(|ui| {
                            let text = RichText::new(format!("{:.0}%", share * 100.0));
                            ui.label(if share >= threshold.share() {
                                text.strong()
                            } else {
                                text
                            });
                        });
                    }
                    row.col(|ui| {
                        let title = |id| project.document(id).map_or("", |d| d.title.as_str());
                        let label =
                            format!("Compare \"{}\" with \"{}\"", title(pair.a), title(pair.b));
                        let response = ui.button("Compare");
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if response.clicked() {
                            actions.push(SharedAction::Compare(pair.a, pair.b));
                        }
                    });
                });
            });
    });
    actions
}
