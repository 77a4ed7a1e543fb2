//! The dialog that tags a selected passage as a claim: codes, stance, speaker, outlet, note.

use crate::edit::ClaimDraft;
use crate::model::{DocumentId, EntityKind, PartialDate, Project, Stance};
use crate::text::one_line;
use egui::{Context, RichText};
use std::ops::Range;

/// The tagging dialog's state, from opening to "Tag" or "Cancel".
pub struct TagDialog {
    document: DocumentId,
    range: Range<usize>,
    codes: Vec<String>,
    new_code: String,
    stance: Stance,
    speaker: String,
    via: String,
    date: String,
    note: String,
    error: Option<String>,
    /// The known speakers in the order listed, worked out again only when the speaker typed or
    /// the entities change.
    speakers: SpeakerOrder,
}

/// People and organisations, those whose name or a spelling holds what is typed first, then
/// the others, each alphabetically: `(matches, index into the entities)`, for the text typed
/// and the entity list (its address and length) it was worked out from.
#[derive(Default)]
struct SpeakerOrder {
    typed: String,
    entities: (usize, usize),
    order: Vec<(bool, usize)>,
}

impl SpeakerOrder {
    fn update(&mut self, typed: &str, entities: &[crate::model::Entity]) {
        let key = (entities.as_ptr() as usize, entities.len());
        if self.typed == typed && self.entities == key && !self.order.is_empty() {
            return;
        }
        let folded = crate::text::fold::fold(typed.trim());
        let matches = |entity: &crate::model::Entity| {
            !folded.is_empty()
                && std::iter::once(&entity.name)
                    .chain(&entity.variants)
                    .any(|name| crate::text::fold::fold(name).contains(&folded))
        };
        self.order = entities
            .iter()
            .enumerate()
            .filter(|(_, entity)| {
                !entity.hidden
                    && matches!(entity.kind, EntityKind::Person | EntityKind::Organisation)
            })
            .map(|(index, entity)| (matches(entity), index))
            .collect();
        self.order.sort_by_cached_key(|(matched, index)| {
            (!matched, entities[*index].name.to_lowercase())
        });
        typed.clone_into(&mut self.typed);
        self.entities = key;
    }
}

/// How the dialog ended.
pub enum TagOutcome {
    /// Tag with these choices.
    Tag(ClaimDraft),
    /// Close without tagging.
    Cancel,
}

impl TagDialog {
    /// A dialog for the passage `range` of `document`.
    pub fn new(document: DocumentId, range: Range<usize>) -> Self {
        Self {
            document,
            range,
            codes: Vec::new(),
            new_code: String::new(),
            stance: Stance::Asserts,
            speaker: String::new(),
            via: String::new(),
            date: String::new(),
            note: String::new(),
            error: None,
            speakers: SpeakerOrder::default(),
        }
    }

    /// The same dialog with the codes and stance of the last claim tagged already chosen, so
    /// that a run of claims of one kind is tagged without choosing them again. Codes no longer
    /// in the codebook are left out.
    pub fn with_last(mut self, project: &Project, codes: &[String], stance: Stance) -> Self {
        self.codes = codes
            .iter()
            .filter(|name| project.codes.iter().any(|code| &code.name == *name))
            .cloned()
            .collect();
        self.stance = stance;
        self
    }

    /// Draws the dialog; returns how it ended, if it did this frame.
    pub fn ui(
        &mut self,
        ctx: &Context,
        project: &Project,
        entities: &[crate::model::Entity],
    ) -> Option<TagOutcome> {
        let mut outcome = None;
        let Some(document) = project.document(self.document) else {
            return Some(TagOutcome::Cancel);
        };
        let quote = one_line(document.text.get(self.range.clone()).unwrap_or_default());
        let modal = egui::Modal::new(egui::Id::unique("tag-claim")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Tag claim");
            ui.label(RichText::new(format!("“{quote}”")).italics());
            ui.weak(format!("{} · {}", document.title, document.outlet));
            ui.separator();
            ui.label(RichText::new("Codes").strong());
            ui.horizontal_wrapped(|ui| {
                for code in &project.codes {
                    let mut chosen = self.codes.iter().any(|name| name == &code.name);
                    let text =
                        RichText::new(&code.name).color(super::theme::code_colour(code.colour));
                    if ui.checkbox(&mut chosen, text).changed() {
                        if chosen {
                            self.codes.push(code.name.clone());
                        } else {
                            self.codes.retain(|name| name != &code.name);
                        }
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("New code");
                ui.add(
                    egui::TextEdit::singleline(&mut self.new_code)
                        .hint_text("Name of a new code")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                ui.label("Stance");
                for stance in Stance::ALL {
                    ui.radio_value(&mut self.stance, stance, stance.as_str());
                }
            });
            egui::Grid::new("tag-fields")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let label = ui.label("Speaker");
                    self.speakers.update(&self.speaker, entities);
                    let people: Vec<(bool, &crate::model::Entity)> = self
                        .speakers
                        .order
                        .iter()
                        .filter_map(|(matched, index)| {
                            entities.get(*index).map(|entity| (*matched, entity))
                        })
                        .collect();
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut self.speaker)
                                    .hint_text("Entity name; a new name adds a person")
                                    .desired_width(220.0),
                            )
                            .labelled_by(label.id);
                            egui::ComboBox::from_label("Known speakers")
                                .selected_text("")
                                .width(24.0)
                                .show_ui(ui, |ui| {
                                    for (_, entity) in &people {
                                        if ui
                                            .selectable_label(
                                                self.speaker == entity.name,
                                                &entity.name,
                                            )
                                            .clicked()
                                        {
                                            self.speaker.clone_from(&entity.name);
                                        }
                                    }
                                });
                        });
                        // As the user types: the known speakers it matches, to pick with a click.
                        let suggested: Vec<&String> = people
                            .iter()
                            .filter(|(matched, entity)| *matched && entity.name != self.speaker)
                            .take(6)
                            .map(|(_, entity)| &entity.name)
                            .collect();
                        if !suggested.is_empty() {
                            ui.horizontal_wrapped(|ui| {
                                ui.weak("Known:");
                                for name in suggested {
                                    if ui.small_button(name).clicked() {
                                        self.speaker.clone_from(name);
                                    }
                                }
                            });
                        }
                    });
                    ui.end_row();
                    let label = ui.label("Via outlet");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.via)
                            .hint_text("If relayed, e.g. a wire agency")
                            .desired_width(220.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Claim date");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.date)
                            .hint_text("If not the document's: YYYY[-MM[-DD]]")
                            .desired_width(220.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Note");
                    ui.add(
                        egui::TextEdit::multiline(&mut self.note)
                            .desired_rows(2)
                            .desired_width(220.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            if let Some(error) = &self.error {
                ui.colored_label(super::theme::error_text(ui.visuals().dark_mode), error);
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Tag").clicked() {
                    outcome = self.finish();
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(TagOutcome::Cancel);
                }
            });
        });
        if outcome.is_none() && modal.should_close() {
            outcome = Some(TagOutcome::Cancel);
        }
        outcome
    }

    fn finish(&mut self) -> Option<TagOutcome> {
        let mut codes = self.codes.clone();
        if !self.new_code.trim().is_empty() {
            codes.push(self.new_code.trim().to_owned());
        }
        if codes.is_empty() {
            self.error = Some("Choose a code or name a new one".into());
            return None;
        }
        let date = if self.date.trim().is_empty() {
            None
        } else {
            match self.date.parse::<PartialDate>() {
                Ok(date) => Some(date),
                Err(error) => {
                    self.error = Some(error.to_string());
                    return None;
                }
            }
        };
        Some(TagOutcome::Tag(ClaimDraft {
            document: self.document,
            start: self.range.start,
            end: self.range.end,
            codes,
            stance: self.stance,
            speaker: Some(self.speaker.trim().to_owned()).filter(|speaker| !speaker.is_empty()),
            via_outlet: Some(self.via.trim().to_owned()).filter(|via| !via.is_empty()),
            date,
            note: self.note.clone(),
        }))
    }
}
