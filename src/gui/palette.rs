//! The command palette: every command, document, entity and code, found by typing a few letters.

use super::commands::AppCommand;
use crate::model::{CodeId, DocumentId, EntityId, Project};
use crate::text::fold::fold;
use egui::{Context, Key, RichText};

/// What the palette can open or run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

/// What the user chose from the palette in this session: the last few, newest first, and how
/// often each was chosen. An empty palette opens on these rather than on a list of everything.
#[derive(Default)]
pub struct History {
    recent: Vec<Choice>,
    uses: std::collections::HashMap<Choice, u32>,
}

impl History {
    /// How many recent choices are kept.
    const RECENT: usize = 8;

    /// Notes that `choice` was chosen.
    pub fn record(&mut self, choice: Choice) {
        self.recent.retain(|known| *known != choice);
        self.recent.insert(0, choice);
        self.recent.truncate(Self::RECENT);
        *self.uses.entry(choice).or_default() += 1;
    }

    fn uses(&self, choice: Choice) -> u32 {
        self.uses.get(&choice).copied().unwrap_or(0)
    }
}

/// The commands an empty palette lists after the recent and frequent choices: the everyday ones
/// first, then the others in the order of the command list.
const EVERYDAY: [AppCommand; 8] = [
    AppCommand::TagSelection,
    AppCommand::SearchProject,
    AppCommand::ImportDocuments,
    AppCommand::AddPane,
    AppCommand::ToggleMatrix,
    AppCommand::ShowTimeline,
    AppCommand::ShowShared,
    AppCommand::Save,
];

/// The entries to list for `query`, best first, at most `limit`. With a query: every entry
/// whose label holds its letters in order, by how well, a recent or frequent choice first among
/// equals. Without one: the recent choices, the frequent ones, then the commands; documents,
/// entities and codes come up as the user types.
pub fn ranked(entries: Vec<Entry>, query: &str, history: &History, limit: usize) -> Vec<Entry> {
    let recency = |choice: Choice| {
        history
            .recent
            .iter()
            .position(|known| *known == choice)
            .map_or(0, |position| History::RECENT - position)
    };
    let mut scored: Vec<((i64, i64, i64), Entry)> = if fold(query).trim().is_empty() {
        let everyday = |choice: Choice| match choice {
            Choice::Command(command) => EVERYDAY
                .iter()
                .position(|known| *known == command)
                .map_or(1, |position| 1 + EVERYDAY.len() - position),
            _ => 0,
        };
        entries
            .into_iter()
            .filter(|(choice, _, _)| {
                matches!(choice, Choice::Command(_))
                    || recency(*choice) > 0
                    || history.uses(*choice) > 0
            })
            .map(|entry| {
                let choice = entry.0;
                (
                    (
                        recency(choice) as i64,
                        i64::from(history.uses(choice)),
                        everyday(choice) as i64,
                    ),
                    entry,
                )
            })
            .collect()
    } else {
        entries
            .into_iter()
            .filter_map(|entry| {
                let score = fuzzy_score(query, &entry.1)?;
                let choice = entry.0;
                let bonus =
                    (recency(choice) > 0) as i64 * 2 + i64::from(history.uses(choice).min(3));
                Some((
                    (i64::from(score) + bonus, 0, -(entry.1.len() as i64)),
                    entry,
                ))
            })
            .collect()
    };
    // Stable: among equals, the order of the entries (commands, documents, entities, codes).
    scored.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, entry)| entry)
        .collect()
}

/// One line of the palette: what it chooses, its label and what it is (a shortcut, a kind).
pub type Entry = (Choice, String, String);

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
) -> Vec<Entry> {
    let mut all: Vec<Entry> = AppCommand::ALL
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
        history: &History,
    ) -> Option<Outcome> {
        let shortcut = |command: AppCommand| {
            command
                .shortcuts()
                .first()
                .map(|shortcut| ctx.format_shortcut(shortcut))
                .unwrap_or_default()
        };
        let matches = ranked(
            entries(project, entities, &shortcut),
            &self.query,
            history,
            30,
        );
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
        if enter && let Some((choice, _, _)) = matches.get(self.selected) {
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
            // At least its full height when the list is long: the palette's window keeps the
            // size it had when it last closed, which for a short list of matches is small.
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .min_scrolled_height(360.0)
                .show(ui, |ui| {
                    for (index, (choice, label, detail)) in matches.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let text = RichText::new(label);
                            if ui.selectable_label(index == self.selected, text).clicked() {
                                outcome = Some(Outcome::Chose(*choice));
                            }
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    // Clear of the scroll bar.
                                    ui.add_space(14.0);
                                    ui.weak(detail);
                                },
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
    use super::{Choice, History, fuzzy_score, ranked};
    use crate::gui::commands::AppCommand;
    use crate::model::{DocumentId, EntityId};

    fn entries() -> Vec<(Choice, String, String)> {
        let mut entries: Vec<(Choice, String, String)> = AppCommand::ALL
            .into_iter()
            .map(|command| {
                (
                    Choice::Command(command),
                    command.label().to_owned(),
                    String::new(),
                )
            })
            .collect();
        for (id, title) in [
            (1, "Panjshir resistance digs in"),
            (2, "Pandjchir : vingt ans"),
        ] {
            entries.push((
                Choice::Document(DocumentId(id)),
                title.to_owned(),
                "Document".into(),
            ));
        }
        for (id, name) in [(1, "Panjshir"), (2, "Ahmad Massoud"), (3, "Kabul")] {
            entries.push((
                Choice::Entity(EntityId(id)),
                name.to_owned(),
                "Place".into(),
            ));
        }
        entries
    }

    fn labels(found: &[(Choice, String, String)]) -> Vec<&str> {
        found.iter().map(|(_, label, _)| label.as_str()).collect()
    }

    #[test]
    fn an_empty_palette_opens_on_recent_and_frequent_choices_then_everyday_commands() {
        let mut history = History::default();
        let fresh = ranked(entries(), "", &history, 5);
        assert_eq!(
            labels(&fresh),
            [
                "Tag selection…",
                "Search project…",
                "Import documents…",
                "Add pane",
                "Claim matrix"
            ],
            "no documents or entities until the user types"
        );
        history.record(Choice::Entity(EntityId(3)));
        history.record(Choice::Command(AppCommand::ShowTimeline));
        history.record(Choice::Command(AppCommand::ShowTimeline));
        history.record(Choice::Document(DocumentId(2)));
        let again = ranked(entries(), "  ", &history, 5);
        assert_eq!(
            labels(&again),
            [
                "Pandjchir : vingt ans",
                "Timeline",
                "Kabul",
                "Tag selection…",
                "Search project…"
            ],
            "newest first, then the everyday commands"
        );
        // Typing: the best match first, a recent one first among matches as good.
        let typed = ranked(entries(), "pan", &history, 4);
        assert_eq!(typed[0].1, "Pandjchir : vingt ans");
        assert!(labels(&typed).contains(&"Panjshir"));
    }

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
