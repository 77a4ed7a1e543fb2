//! The entities panel: every entity with its counts, and the selected one's mentions in context.

use super::theme;
use crate::analysis::entities::EntityTable;
use crate::analysis::mentions::MentionIndex;
use crate::analysis::search::context;
use crate::analysis::suggestions::Suggestion;
use crate::edit::Edit;
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{DocumentId, Entity, EntityId, EntityKind, Project};
use egui::{Label, RichText, Sense, Ui};
use std::ops::Range;

/// The entities panel's view state.
#[derive(Default)]
pub struct EntitiesState {
    filter: String,
    kind: Option<EntityKind>,
    show_hidden: bool,
    rename: String,
    renaming: Option<EntityId>,
    merge_into: Option<EntityId>,
    /// What the user typed in the "Merge into" picker.
    merge_query: String,
    /// The picker's choices for the query, worked out when it or the entities change.
    merge_choices: Option<(MergeKey, Vec<EntityId>)>,
    new_name: String,
    new_aliases: String,
    new_kind: Option<EntityKind>,
}

/// Draws the panel; `selected` is the entity selected in the app.
pub fn entities_ui(ui: &mut Ui, state: &mut EntitiesState, view: &ViewContext<'_>) -> Vec<Action> {
    let project = view.project;
    let (mentions, suggestions) = (view.mentions(), &view.derived.suggestions[..]);
    let selected = view.selection.entity;
    let mut actions = Vec::new();
    suggestions_ui(ui, project, &mentions.entities, suggestions, &mut actions);
    add_entity_ui(ui, state, project, &mentions.entities, &mut actions);
    orphaned_ui(ui, project, mentions, &mut actions);
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text("Name or spelling")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        egui::ComboBox::from_label("Kind")
            .selected_text(state.kind.map_or("All", EntityKind::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.kind, None, "All");
                for kind in EntityKind::ALL {
                    ui.selectable_value(&mut state.kind, Some(kind), kind.label());
                }
            });
    });
    ui.checkbox(
        &mut state.show_hidden,
        "Show hidden and unmentioned entities",
    );
    let filter = crate::text::fold::fold(state.filter.trim());
    let mut rows: Vec<(EntityId, usize, usize)> = mentions
        .entities
        .entities
        .iter()
        .filter(|entity| state.show_hidden || mentions.is_listed(entity))
        .filter(|entity| state.kind.is_none_or(|kind| entity.kind == kind))
        .filter(|entity| {
            filter.is_empty()
                || entity
                    .variants
                    .iter()
                    .chain([&entity.name])
                    .any(|name| crate::text::fold::fold(name).contains(&filter))
        })
        .map(|entity| {
            (
                entity.id,
                mentions.mention_count(entity.id),
                mentions.document_count(entity.id),
            )
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ui.weak(format!("{} entities", rows.len()));
    let list_height = if selected.is_some() {
        ui.available_height() * 0.45
    } else {
        ui.available_height()
    };
    egui::ScrollArea::vertical()
        .id_salt("entity-list")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show_rows(ui, 20.0, rows.len(), |ui, range| {
            for (id, count, documents) in &rows[range] {
                let Some(entity) = mentions.entity(*id) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    theme::kind_marker_ui(ui, entity.kind).on_hover_text(entity.kind.label());
                    let mut text = RichText::new(&entity.name);
                    if entity.hidden {
                        text = text.strikethrough();
                    }
                    let response = ui
                        .selectable_label(selected == Some(*id), text)
                        .on_hover_text(format!(
                            "{}: {}",
                            entity.kind.label(),
                            entity.variants.join(", ")
                        ));
                    if response.clicked() {
                        actions.push(Action::SelectEntity(if selected == Some(*id) {
                            None
                        } else {
                            Some(*id)
                        }));
                    }
                    ui.weak(format!("{count} in {documents}"));
                });
            }
        });
    if let Some(entity) = selected.and_then(|id| mentions.entity(id)) {
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("entity-details")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                details_ui(ui, state, project, mentions, entity.id, &mut actions);
            });
    }
    actions
}

fn details_ui(
    ui: &mut Ui,
    state: &mut EntitiesState,
    project: &Project,
    mentions: &MentionIndex,
    id: EntityId,
    actions: &mut Vec<Action>,
) {
    let Some(entity) = mentions.entity(id) else {
        return;
    };
    let entities = &mentions.entities;
    if state.renaming != Some(id) {
        state.renaming = Some(id);
        state.rename.clone_from(&entity.name);
        state.merge_into = None;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        let response = ui
            .add(egui::TextEdit::singleline(&mut state.rename).desired_width(160.0))
            .labelled_by(label.id);
        let enter = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        if (ui.button("Rename").clicked() || enter) && !state.rename.trim().is_empty() {
            let name = state.rename.trim().to_owned();
            actions.extend(
                Edit::update_entity(project, entities, id, "Rename entity", |entity| {
                    entity.name = name;
                })
                .map(Action::Edit),
            );
        }
    });
    ui.horizontal(|ui| {
        let mut kind = entity.kind;
        egui::ComboBox::from_label("Kind of entity")
            .selected_text(kind.label())
            .show_ui(ui, |ui| {
                for option in EntityKind::ALL {
                    ui.selectable_value(&mut kind, option, option.label());
                }
            });
        if kind != entity.kind {
            actions.extend(
                Edit::update_entity(project, entities, id, "Change entity kind", |entity| {
                    entity.kind = kind;
                })
                .map(Action::Edit),
            );
        }
        let hide_label = if entity.hidden { "Show" } else { "Hide" };
        if ui
            .button(hide_label)
            .on_hover_text("Hidden entities are not highlighted and stay hidden after re-analysis")
            .clicked()
        {
            let hidden = !entity.hidden;
            let label = if hidden { "Hide entity" } else { "Show entity" };
            actions.extend(
                Edit::update_entity(project, entities, id, label, |entity| {
                    entity.hidden = hidden;
                })
                .map(Action::Edit),
            );
        }
    });
    ui.horizontal(|ui| {
        let target_name = state
            .merge_into
            .and_then(|target| entities.entity(target))
            .map_or("Choose…".to_owned(), |target| target.name.clone());
        merge_picker_ui(ui, state, mentions, id, target_name);
        if ui
            .add_enabled(state.merge_into.is_some(), egui::Button::new("Merge"))
            .on_hover_text("This entity's spellings and claims join the chosen one")
            .clicked()
            && let Some(target) = state.merge_into.take()
        {
            actions.extend(Edit::merge_entities(project, entities, target, id).map(Action::Edit));
            actions.push(Action::SelectEntity(Some(target)));
        }
    });
    spellings_ui(ui, project, mentions, id, actions);
    ui.label(RichText::new("Mentions").strong());
    let mut rows: Vec<(DocumentId, Range<usize>)> = Vec::new();
    for document in mentions.documents_of(id) {
        rows.extend(
            mentions
                .in_document(*document)
                .iter()
                .filter(|mention| mention.entity == id)
                .map(|mention| (*document, mention.range.clone())),
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("entity-mentions")
        .max_height(320.0)
        .auto_shrink([false, true])
        .show_rows(ui, 36.0, rows.len(), |ui, range| {
            for (document_id, mention) in &rows[range] {
                let Some(document) = project.document(*document_id) else {
                    continue;
                };
                let (before, hit, after) = keyword_in_context(&document.text, mention.clone(), 40);
                let response = ui
                    .scope(|ui| {
                        ui.set_min_height(34.0);
                        ui.add(Label::new(RichText::new(&document.title).weak()).truncate());
                        ui.horizontal(|ui| {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            ui.add(Label::new(before).selectable(false));
                            ui.add(Label::new(RichText::new(hit).strong()).selectable(false));
                            ui.add(Label::new(after).selectable(false).truncate());
                        });
                    })
                    .response
                    .interact(Sense::click())
                    .on_hover_text("Show in the reader");
                if response.clicked() {
                    actions.push(Action::ShowPassage(*document_id, mention.clone()));
                }
            }
        });
}

/// The user's decisions about entities that no text mentions any more (a document removed, a
/// spelling gone): listed so the user can see and drop them, never moved to another entity.
fn orphaned_ui(ui: &mut Ui, project: &Project, mentions: &MentionIndex, actions: &mut Vec<Action>) {
    let orphaned: Vec<&Entity> = project
        .entities
        .iter()
        .filter(|entity| {
            entity.origin == crate::model::EntityOrigin::Detected
                && mentions.mention_count(entity.id) == 0
        })
        .collect();
    if orphaned.is_empty() {
        return;
    }
    let title = format!("Decisions that no longer apply ({})", orphaned.len());
    egui::CollapsingHeader::new(title)
        .id_salt("orphaned-decisions")
        .default_open(false)
        .show(ui, |ui| {
            ui.weak("No document mentions these entities any more; what you decided about them is kept.");
            for entity in orphaned {
                ui.horizontal(|ui| {
                    ui.label(format!("{} ({})", entity.name, entity.variants.join(", ")));
                    let used = project
                        .claims
                        .iter()
                        .any(|claim| claim.speaker == Some(entity.id));
                    if ui
                        .add_enabled(!used, egui::Button::new("Forget").small())
                        .on_hover_text(if used {
                            "A claim names it as its speaker"
                        } else {
                            "Drop this decision"
                        })
                        .clicked()
                    {
                        actions.push(Action::Edit(Edit {
                            label: "Forget entity decision".into(),
                            changes: vec![crate::edit::Change::Entity {
                                before: Some(entity.clone()),
                                after: None,
                            }],
                        }));
                    }
                });
            }
        });
}

/// Adding an entity by hand with its aliases, or loading a whole list of them.
fn add_entity_ui(
    ui: &mut Ui,
    state: &mut EntitiesState,
    project: &Project,
    entities: &EntityTable,
    actions: &mut Vec<Action>,
) {
    egui::CollapsingHeader::new("Add entities")
        .id_salt("add-entities")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("add-entity")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let label = ui.label("New entity");
                    ui.add(
                        egui::TextEdit::singleline(&mut state.new_name)
                            .hint_text("Canonical name")
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Aliases");
                    ui.add(
                        egui::TextEdit::singleline(&mut state.new_aliases)
                            .hint_text("Other spellings, separated by commas")
                            .desired_width(200.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                let kind = state.new_kind.unwrap_or(EntityKind::Person);
                egui::ComboBox::from_label("Kind of new entity")
                    .selected_text(kind.label())
                    .show_ui(ui, |ui| {
                        for option in EntityKind::ALL {
                            ui.selectable_value(&mut state.new_kind, Some(option), option.label());
                        }
                    });
                let name = state.new_name.trim().to_owned();
                if ui
                    .add_enabled(!name.is_empty(), egui::Button::new("Add entity"))
                    .clicked()
                {
                    let mut names = vec![name];
                    names.extend(
                        state
                            .new_aliases
                            .split(',')
                            .map(str::trim)
                            .filter(|alias| !alias.is_empty())
                            .map(str::to_owned),
                    );
                    let entry = crate::model::NameEntry { kind, names };
                    let edit = Edit::load_names(project, entities, std::slice::from_ref(&entry));
                    if !edit.is_empty() {
                        actions.push(Action::Edit(Edit {
                            label: "Add entity".into(),
                            changes: edit.changes,
                        }));
                    }
                    state.new_name.clear();
                    state.new_aliases.clear();
                }
            });
            if ui
                .button("Load name list…")
                .on_hover_text("A text or CSV file: kind, name, aliases… on each line")
                .clicked()
            {
                actions.push(Action::LoadNames);
            }
        });
}

/// Open suggestions of entities that may be one, strongest first, to merge or keep apart.
fn suggestions_ui(
    ui: &mut Ui,
    project: &Project,
    entities: &EntityTable,
    suggestions: &[Suggestion],
    actions: &mut Vec<Action>,
) {
    let title = format!("Review suggestions ({})", suggestions.len());
    egui::CollapsingHeader::new(title)
        .id_salt("entity-suggestions")
        .default_open(false)
        .show(ui, |ui| {
            if suggestions.is_empty() {
                ui.weak("No open suggestions");
                return;
            }
            egui::ScrollArea::vertical()
                .id_salt("suggestion-list")
                .max_height(200.0)
                .show(ui, |ui| {
                    for suggestion in suggestions {
                        let (Some(keep), Some(other)) = (
                            entities.entity(suggestion.keep),
                            entities.entity(suggestion.other),
                        ) else {
                            continue;
                        };
                        suggestion_row_ui(
                            ui,
                            (project, entities),
                            suggestion,
                            (keep, other),
                            actions,
                        );
                    }
                });
        });
}

fn suggestion_row_ui(
    ui: &mut Ui,
    (project, entities): (&Project, &EntityTable),
    suggestion: &Suggestion,
    (keep, other): (&Entity, &Entity),
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if ui.link(&keep.name).clicked() {
            actions.push(Action::SelectEntity(Some(keep.id)));
        }
        ui.weak("~");
        if ui.link(&other.name).clicked() {
            actions.push(Action::SelectEntity(Some(other.id)));
        }
    });
    ui.horizontal(|ui| {
        ui.weak(format!(
            "{} · {:.0}%",
            suggestion.reason.as_str(),
            suggestion.score * 100.0
        ));
        let merge = ui.small_button("Merge").on_hover_text(format!(
            "“{}” joins “{}”, with its spellings and claims",
            other.name, keep.name
        ));
        if merge.clicked() {
            actions.extend(
                Edit::merge_entities(project, entities, keep.id, other.id).map(Action::Edit),
            );
        }
        if ui
            .small_button("Not the same")
            .on_hover_text("Keep them apart and do not suggest them again")
            .clicked()
        {
            actions.extend(
                Edit::mark_distinct(project, entities, keep.id, other.id).map(Action::Edit),
            );
        }
    });
    ui.add_space(4.0);
}

/// Each spelling of an entity with its count and, on hover, its count per document; a spelling
/// can be split off into an entity of its own.
fn spellings_ui(
    ui: &mut Ui,
    project: &Project,
    mentions: &MentionIndex,
    id: EntityId,
    actions: &mut Vec<Action>,
) {
    let Some(entity) = mentions.entity(id) else {
        return;
    };
    ui.label(RichText::new("Spellings").strong());
    let counts = mentions.variant_counts.get(&id);
    // Lower-case forms found in documents of another language ("talibans") follow the stored
    // spellings; they are found again on every analysis, so there is nothing to split off.
    let spellings = entity
        .variants
        .iter()
        .map(|variant| (variant, false))
        .chain(
            mentions
                .derived_spellings(entity)
                .into_iter()
                .map(|variant| (variant, true)),
        );
    for (variant, lower_case) in spellings {
        ui.horizontal(|ui| {
            let count = counts
                .and_then(|counts| counts.get(variant))
                .copied()
                .unwrap_or(0);
            // Counted only while the pointer is on the spelling, not on every frame.
            ui.label(variant).on_hover_ui(|ui| {
                ui.label(spelling_per_document(project, mentions, id, variant));
            });
            ui.weak(count.to_string());
            if lower_case {
                ui.weak("lower case").on_hover_text(
                    "Written in lower case in documents of a language that does not capitalise \
                     this name (French \"les talibans\"); counted with the entity",
                );
            } else if entity.variants.len() > 1
                && ui
                    .small_button("Split off")
                    .on_hover_text("Make this spelling an entity of its own")
                    .clicked()
            {
                actions.extend(
                    Edit::split_variant(project, &mentions.entities, id, variant)
                        .map(|(edit, _)| Action::Edit(edit)),
                );
            }
        });
    }
}

/// How often each document writes an entity with this spelling, a line per document.
fn spelling_per_document(
    project: &Project,
    mentions: &MentionIndex,
    id: EntityId,
    spelling: &str,
) -> String {
    let lines: Vec<String> = mentions
        .documents_of(id)
        .iter()
        .filter_map(|document_id| {
            let document = project.document(*document_id)?;
            let here = mentions
                .in_document(*document_id)
                .iter()
                .filter(|mention| {
                    mention.entity == id
                        && document.text.get(mention.range.clone()) == Some(spelling)
                })
                .count();
            (here > 0).then(|| format!("{}: {here}", document.title))
        })
        .collect();
    if lines.is_empty() {
        "Not found in any document".to_owned()
    } else {
        lines.join("\n")
    }
}

/// The words before a passage, the passage, and the words after, each on one line.
pub fn keyword_in_context(
    text: &str,
    range: Range<usize>,
    context_chars: usize,
) -> (String, String, String) {
    // Mentions may come from an analysis of an older state; a range that no longer fits is skipped.
    if text.get(range.clone()).is_none() {
        return (String::new(), String::new(), String::new());
    }
    let (before, after) = context(text, &range, context_chars);
    (
        format!("…{before}"),
        text[range].to_owned(),
        format!("{after}…"),
    )
}

/// What the picker's choices depend on: the query, the entity merged, and the entity table
/// (by address and size: a new analysis is a new table).
#[derive(Clone, PartialEq, Eq)]
struct MergeKey {
    query: String,
    entity: EntityId,
    table: usize,
    count: usize,
}

/// The most choices the picker lists; typing narrows them.
const MOST_CHOICES: usize = 200;

/// "Merge into": a button that opens a searchable list of the other entities, the likeliest
/// first; typing filters by any spelling, Enter takes the first, a click takes any.
fn merge_picker_ui(
    ui: &mut Ui,
    state: &mut EntitiesState,
    mentions: &MentionIndex,
    id: EntityId,
    target_name: String,
) {
    let entities = &mentions.entities;
    let key = MergeKey {
        query: state.merge_query.clone(),
        entity: id,
        table: std::ptr::from_ref(entities) as usize,
        count: entities.entities.len(),
    };
    if state
        .merge_choices
        .as_ref()
        .is_none_or(|(known, _)| *known != key)
    {
        let choices = merge_choices(mentions, id, &state.merge_query);
        state.merge_choices = Some((key, choices));
    }
    ui.label("Merge into");
    let response = egui::containers::menu::MenuButton::new(target_name)
        .config(
            egui::containers::menu::MenuConfig::new()
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
        )
        .ui(ui, |ui| {
            ui.set_max_width(280.0);
            let field = ui.add(
                egui::TextEdit::singleline(&mut state.merge_query)
                    .hint_text("Type part of any spelling")
                    .desired_width(280.0),
            );
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            let choices = state
                .merge_choices
                .as_ref()
                .map(|(_, choices)| choices.clone())
                .unwrap_or_default();
            if field.lost_focus()
                && ui.input(|input| input.key_pressed(egui::Key::Enter))
                && let Some(first) = choices.first()
            {
                state.merge_into = Some(*first);
                ui.close();
            }
            if choices.is_empty() {
                ui.weak("No other entity has that spelling");
            }
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical().max_height(260.0).show_rows(
                ui,
                row_height,
                choices.len(),
                |ui, rows| {
                    for choice in &choices[rows] {
                        let Some(other) = entities.entity(*choice) else {
                            continue;
                        };
                        let text = format!(
                            "{} ({}, {} mentions)",
                            other.name,
                            other.kind.label(),
                            mentions.mention_count(other.id)
                        );
                        if ui
                            .selectable_label(state.merge_into == Some(other.id), text)
                            .clicked()
                        {
                            state.merge_into = Some(other.id);
                            ui.close();
                        }
                    }
                },
            );
        })
        .0;
    response.on_hover_text("Choose the entity this one joins: type to search every spelling");
}

/// The entities `id` may be merged into, the likeliest first, at most [`MOST_CHOICES`].
///
/// With nothing typed: those of the same kind that share a word with one of its spellings
/// ("Massoud" and "Ahmad Massoud"), then the others; each group by number of mentions. With a
/// query, matched against every spelling, folded: names that start with it, then names with a
/// word that starts with it, then names that contain it.
pub fn merge_choices(mentions: &MentionIndex, id: EntityId, query: &str) -> Vec<EntityId> {
    use crate::text::fold;
    let entities = &mentions.entities;
    let Some(entity) = entities.entity(id) else {
        return Vec::new();
    };
    let words_of = |entity: &Entity| -> std::collections::HashSet<String> {
        std::iter::once(&entity.name)
            .chain(&entity.variants)
            .flat_map(|spelling| {
                fold(spelling)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|word| word.chars().count() >= 3)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let query = fold(query.trim());
    let own_words = words_of(entity);
    let mut ranked: Vec<(u8, std::cmp::Reverse<usize>, String, EntityId)> = entities
        .visible()
        .filter(|other| other.id != id && mentions.is_listed(other))
        .filter_map(|other| {
            let rank = if query.is_empty() {
                let related = other.kind == entity.kind && !words_of(other).is_disjoint(&own_words);
                u8::from(!related)
            } else {
                std::iter::once(&other.name)
                    .chain(&other.variants)
                    .filter_map(|spelling| {
                        let folded = fold(spelling);
                        if folded.starts_with(&query) {
                            Some(0)
                        } else if folded
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|word| word.starts_with(&query))
                        {
                            Some(1)
                        } else {
                            folded.contains(&query).then_some(2)
                        }
                    })
                    .min()?
            };
            Some((
                rank,
                std::cmp::Reverse(mentions.mention_count(other.id)),
                other.name.to_lowercase(),
                other.id,
            ))
        })
        .collect();
    ranked.sort();
    ranked.truncate(MOST_CHOICES);
    ranked.into_iter().map(|(.., id)| id).collect()
}
