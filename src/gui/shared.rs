//! The corpus view of shared text: reuse clusters, one row per passage with how many outlets
//! carried it (the largest first), and below, the copies of the chosen passage by date, the
//! earliest marked as the likely origin, each opened beside the origin with a click.

use crate::analysis::reuse::Cluster;
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{Document, NearDuplicate, Project};
use egui::{Label, RichText, Ui};
use egui_extras::{Column, TableBuilder};

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

/// The first words of a cluster's origin, on one line.
fn excerpt(project: &Project, cluster: &Cluster) -> String {
    let origin = cluster.origin();
    let words: Vec<&str> = project
        .document(origin.document)
        .and_then(|document| document.text.get(origin.range.clone()))
        .map(|text| text.split_whitespace().take(16).collect())
        .unwrap_or_default();
    format!("{}…", words.join(" "))
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// Draws the reuse clusters and the copies of the `selected` one; `analysed` tells whether the
/// clusters are up to date with the project.
pub fn shared_ui(ui: &mut Ui, view: &ViewContext<'_>, selected: Option<u32>) -> Vec<Action> {
    let (project, reuse, analysed) = (view.project, &*view.derived.reuse, view.analysed);
    let mut actions = Vec::new();
    if reuse.clusters.is_empty() {
        ui.label(if analysed {
            "No two documents share a passage of a dozen words or more."
        } else {
            "Looking for shared passages…"
        });
        return actions;
    }
    // The threshold as the slider holds it while it is dragged: counts follow it at once, and
    // the project takes it, as one undoable step, when the slider is let go. The slider spans
    // every threshold a project can hold, so showing one never clamps it (which would change
    // the project unasked).
    let draft_id = ui.scope_id().with("near-duplicate-draft");
    let mut percent = ui
        .data(|data| data.get_temp::<u8>(draft_id))
        .unwrap_or(project.near_duplicate.percent());
    let threshold = NearDuplicate::new(percent).unwrap_or_default();
    let near = reuse
        .closest()
        .values()
        .filter(|pair| pair.is_near_duplicate(threshold))
        .count();
    let copies: usize = reuse
        .clusters
        .iter()
        .map(|cluster| cluster.copies.len())
        .sum();
    ui.label(format!(
        "{} shared, in {}; {} (marked ≈ in the library). Pick a passage to list its copies by \
         date; Compare opens a copy beside the earliest one.",
        plural(reuse.clusters.len(), "passage is", "passages are"),
        plural(copies, "copy", "copies"),
        plural(
            near,
            "document is a near-duplicate",
            "documents are near-duplicates"
        ),
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
                actions.push(Action::SetNearDuplicate(chosen));
            }
        }
    });
    ui.separator();
    let selected = selected
        .and_then(|id| reuse.clusters.iter().find(|cluster| cluster.id == id))
        .unwrap_or(&reuse.clusters[0]);
    let half = (ui.available_height() * 0.45).max(120.0);
    ui.push_id("shared-clusters", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .max_scroll_height(half)
            .auto_shrink([false, true])
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::initial(70.0).at_least(60.0))
            .column(Column::initial(90.0).at_least(70.0))
            .column(Column::remainder().at_least(160.0).clip(true))
            .header(22.0, |mut header| {
                for title in ["Passage", "Copies", "Documents", "Earliest copy"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                // Only the visible rows are laid out, however many clusters there are.
                body.rows(24.0, reuse.clusters.len(), |mut row| {
                    let cluster = &reuse.clusters[row.index()];
                    row.set_selected(cluster.id == selected.id);
                    row.col(|ui| {
                        let text = excerpt(project, cluster);
                        let response = ui
                            .add(
                                egui::Button::selectable(cluster.id == selected.id, text.as_str())
                                    .truncate(),
                            )
                            .on_hover_text(text.as_str());
                        if response.clicked() {
                            actions.push(Action::SelectCluster(cluster.id));
                        }
                    });
                    row.col(|ui| {
                        ui.label(cluster.copies.len().to_string());
                    });
                    row.col(|ui| {
                        ui.label(cluster.documents().to_string());
                    });
                    row.col(|ui| {
                        let text = describe(project.document(cluster.origin().document));
                        ui.add(Label::new(text.as_str()).truncate())
                            .on_hover_text(text);
                    });
                    if row.response().clicked() {
                        actions.push(Action::SelectCluster(cluster.id));
                    }
                });
            });
    });
    ui.separator();
    ui.strong(format!(
        "{} of “{}”",
        plural(selected.copies.len(), "copy", "copies"),
        excerpt(project, selected)
    ));
    let origin = selected.origin().document;
    let title = |id| project.document(id).map_or("", |d| d.title.as_str());
    ui.push_id("shared-copies", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .column(Column::initial(70.0).at_least(60.0))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::initial(70.0).at_least(60.0))
            .column(Column::initial(80.0).at_least(70.0))
            .header(22.0, |mut header| {
                for title in ["", "Document", "Alike", ""] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, selected.copies.len(), |mut row| {
                    let index = row.index();
                    let copy = &selected.copies[index];
                    row.col(|ui| {
                        if index == 0 {
                            ui.label(RichText::new("Origin").strong())
                                .on_hover_text("The copy in the earliest-dated document");
                        } else {
                            ui.label("Reprint");
                        }
                    });
                    row.col(|ui| {
                        let text = describe(project.document(copy.document));
                        ui.add(Label::new(text.as_str()).truncate())
                            .on_hover_text(text);
                    });
                    row.col(|ui| {
                        ui.label(format!("{:.0}%", copy.score * 100.0))
                            .on_hover_text(
                                "How alike the copy is to the origin: the share of their five-word runs \
                                 the two have in common",
                            );
                    });
                    row.col(|ui| {
                        if copy.document == origin {
                            return;
                        }
                        let label = format!(
                            "Compare \"{}\" with \"{}\"",
                            title(origin),
                            title(copy.document)
                        );
                        let response = ui.button("Compare");
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if response.clicked() {
                            actions.push(Action::Compare(origin, copy.document));
                        }
                    });
                });
            });
    });
    actions
}
