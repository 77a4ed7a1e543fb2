//! The command palette: every command, document, entity and code, found by typing a few letters.

use super::commands::AppCommand;
use crate::model::{CodeId, DocumentId, EntityId, Project};
use crate::text::fold::fold;
use egui::{Context, Key, RichText};

/// What the palette can open or run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Run a command.
    Command(AppCommand),
    /// Open a document.
    Document(DocumentId),
    /// Select an entity.
    Entity(EntityId),
    /// Show a code's claims.
    Code(CodeId),
}

/// The open palette.
#[derive(Default)]
pub struct Palette {
    query: String,
    selected: usize,
    opened: bool,
}

/// How the palette closed, if it did this frame.
pub enum Outcome {
    /// The user chose this.
    Chose(Choice),
    /// The user closed it.
    Closed,
}

/// How well `query` matches `candidate`: its letters in order, with a bonus for letters in a
/// row and at word starts; `None` when they are not all there.
pub fn fuzzy_score(query: &str, candidate: &str) -> Option<i32> {
    let query: Vec<char> = fold(query).chars().filter(|c| !c.is_whitespace()).collect();
    if query.is_empty() {
        return Some(0);
    }
    let candidate: Vec<char> = fold(candidate).chars().collect();
    let mut score = 0;
    let mut next = 0;
    let mut previous_match: Option<usize> = None;
    for (index, c) in candidate.iter().enumerate() {
        if next < query.len() && *c == query[next] {
            score += 1;
            if previous_match == Some(index.wrapping_sub(1)) {
                score += 3;
            }
            if index == 0 || !candidate[index - 1].is_alphanumeric() {
                score += 2;
            }
            previous_match = Some(index);
            next += 1;
        }
    }
    (next == query.len()).then_some(score - i32::try_from(candidate.len() / 10).unwrap_or(0))
}

fn entries(
    project: &Project,
    entities: &[crate::model::Entity],
    shortcut: &dyn Fn(AppCommand) -> String,
) -> Vec<(Choice, String, String)> {
    let mut all: Vec<(Choice, String, String)> = AppCommand::ALL
        .into_iter()
        .map(|command| {
            (
                Choice::Command(command),
                command.label().to_owned(),
                shortcut(command),
            )
        })
        .collect();
    all.extend(project.documents.iter().map(|document| {
        (
            Choice::Document(document.id),
            document.title.clone(),
            "Document".to_owned(),
        )
    }));
    all.extend(
        entities
            .iter()
            .filter(|entity| !entity.hidden)
            .map(|entity| {
                (
                    Choice::Entity(entity.id),
                    entity.name.clone(),
                    entity.kind.label().to_owned(),
                )
            }),
    );
    all.extend(
        project
            .codes
            .iter()
            .map(|code| (Choice::Code(code.id), code.name.clone(), "Code".to_owned())),
    );
    all
}

impl Palette {
    /// Draws the palette; returns how it closed, if it did.
    pub fn ui(
        &mut self,
        ctx: &Context,
        project: &Project,
        entities: &[crate::model::Entity],
    ) -> Option<Outcome> {
        let shortcut = |command: AppCommand| {
            command
                .shortcuts()
                .first()
                .map(|shortcut| ctx.format_shortcut(shortcut))
                .unwrap_or_default()
        };
        let mut matches: Vec<(i32, Choice, String, String)> = entries(project, entities, &shortcut)
            .into_iter()
            .filter_map(|(choice, label, detail)| {
                fuzzy_score(&self.query, &label).map(|score| (score, choice, label, detail))
            })
            .collect();
        matches.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.len().cmp(&b.2.len())));
        matches.truncate(30);
        self.selected = self.selected.min(matches.len().saturating_sub(1));
        let (down, up, enter, escape) = ctx.input_mut(|input| {
            (
                input.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                input.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                input.consume_key(egui::Modifiers::NONE, Key::Enter),
                input.consume_key(egui::Modifiers::NONE, Key::Escape),
            )
        });
        if down {
            self.selected = (self.selected + 1).min(matches.len().saturating_sub(1));
        }
        if up {
            self.selected = self.selected.saturating_sub(1);
        }
        let mut outcome = None;
        if escape {
            return Some(Outcome::Closed);
        }
        if enter && let Some((_, choice, _, _)) = matches.get(self.selected) {
            return Some(Outcome::Chose(*choice));
        }
        let modal = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(460.0);
            let label = ui.label("Go to");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("A command, a document, an entity or a code")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !self.opened {
                response.request_focus();
                self.opened = true;
            }
            if response.changed() {
                self.selected = 0;
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (index, (_, choice, label, detail)) in matches.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let text = RichText::new(label);
                            if ui.selectable_label(index == self.selected, text).clicked() {
                                outcome = Some(Outcome::Chose(*choice));
                            }
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| ui.weak(detail),
                            );
                        });
                    }
                    if matches.is_empty() {
                        ui.weak("Nothing matches");
                    }
                });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(Outcome::Closed);
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::fuzzy_score;

    #[test]
    fn letters_in_order_match_and_runs_score_higher() {
        assert!(fuzzy_score("sav", "Save as…").is_some());
        assert!(fuzzy_score("svs", "Save as…").is_some());
        assert!(fuzzy_score("xyz", "Save as…").is_none());
        assert!(
            fuzzy_score("imp", "Import documents…") > fuzzy_score("imp", "Show the map please")
        );
        assert!(fuzzy_score("panch", "Panchir") > fuzzy_score("panch", "Pakistan and China"));
        assert!(fuzzy_score("ely", "Élysée").is_some(), "accents are folded");
    }
}
