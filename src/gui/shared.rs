//! The corpus view of shared text: which documents share the most (who ran the same wire
//! copy), each pair one row, opened side by side with a click.

use crate::analysis::passages::{NEAR_DUPLICATE, SharedPair};
use crate::model::{Document, DocumentId, Project};
use egui::{Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// What the user asked for in the shared-text view.
pub enum SharedAction {
    /// Show two documents side by side.
    Compare(DocumentId, DocumentId),
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
    let near = pairs.iter().filter(|pair| pair.is_near_duplicate()).count();
    let count = if pairs.len() == 1 {
        "1 document pair shares text".to_owned()
    } else {
        format!("{} document pairs share text", pairs.len())
    };
    ui.label(format!(
        "{count}; {near} {} near-duplicate{} (at least {:.0}% of one is in the other). Click \
         Compare to read a pair side by side, shared passages tinted.",
        if near == 1 { "is a" } else { "are" },
        if near == 1 { "" } else { "s" },
        NEAR_DUPLICATE * 100.0
    ));
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
                            ui.label(if share >= NEAR_DUPLICATE {
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
