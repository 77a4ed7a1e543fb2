//! Every change to a project is an [`Edit`] value, applied in one place, which returns its inverse.
//!
//! An edit is a list of [`Change`]s, each replacing one item (or the name, or the notes) with
//! another and remembering what it replaced. Inverting an edit swaps before and after, so undo and
//! redo need no code of their own, and applying checks that the project still holds what the edit
//! expects to replace: an edit never lands on a state it was not made for.

use crate::analysis::entities::EntityUpdates;
use crate::model::{
    Claim, ClaimId, Code, CodeId, Consistency, Document, DocumentId, Entity, EntityId, EntityKind,
    EntityOrigin, Grade, Hypothesis, HypothesisId, Keyed, NearDuplicate, Project, Quote,
};

/// One replacement inside a project.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // Changes live in short lists; boxing each item would cost an allocation for nothing.
pub enum Change {
    /// The project name.
    Name {
        /// Name before.
        before: String,
        /// Name after.
        after: String,
    },
    /// The project notes.
    Notes {
        /// Notes before.
        before: String,
        /// Notes after.
        after: String,
    },
    /// From which share two documents are near-duplicates.
    NearDuplicate {
        /// The threshold before.
        before: NearDuplicate,
        /// The threshold after.
        after: NearDuplicate,
    },
    /// Adds (`before` is `None`), replaces, or removes (`after` is `None`) a document.
    Document {
        /// The document as it was, if it existed.
        before: Option<Box<Document>>,
        /// The document as it will be, unless removed.
        after: Option<Box<Document>>,
    },
    /// Adds, replaces or removes an entity.
    Entity {
        /// Before.
        before: Option<Entity>,
        /// After.
        after: Option<Entity>,
    },
    /// Adds, replaces or removes a code.
    Code {
        /// Before.
        before: Option<Code>,
        /// After.
        after: Option<Code>,
    },
    /// The pairs of entities the user said are not the same.
    Distinct {
        /// The list before.
        before: Vec<(EntityId, EntityId)>,
        /// The list after.
        after: Vec<(EntityId, EntityId)>,
    },
    /// Adds, replaces or removes a claim.
    Claim {
        /// Before.
        before: Option<Claim>,
        /// After.
        after: Option<Claim>,
    },
    /// Sets, changes or clears the grade of an outlet.
    OutletGrade {
        /// The outlet's name.
        outlet: String,
        /// The grade before, if it had one.
        before: Option<Grade>,
        /// The grade after, unless cleared.
        after: Option<Grade>,
    },
    /// Adds, replaces or removes a competing hypothesis.
    Hypothesis {
        /// Before.
        before: Option<Hypothesis>,
        /// After.
        after: Option<Hypothesis>,
    },
}

/// A named list of changes that is applied, undone and redone as one step.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Edit {
    /// What the user did, as shown next to Undo and Redo ("Tag claim").
    pub label: String,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}

/// Why an edit could not be applied. The project is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The project no longer holds what the edit expected to replace.
    #[error("{label}: the project changed since this edit was prepared ({what})")]
    Stale {
        /// The edit's label.
        label: String,
        /// Which item differed.
        what: String,
    },
    /// The result would break an invariant of the project.
    #[error("{label}: {problem}")]
    Invalid {
        /// The edit's label.
        label: String,
        /// What would break.
        problem: String,
    },
}

impl Change {
    fn inverted(self) -> Self {
        match self {
            Self::Name { before, after } => Self::Name {
                before: after,
                after: before,
            },
            Self::Notes { before, after } => Self::Notes {
                before: after,
                after: before,
            },
            Self::NearDuplicate { before, after } => Self::NearDuplicate {
                before: after,
                after: before,
            },
            Self::Document { before, after } => Self::Document {
                before: after,
                after: before,
            },
            Self::Entity { before, after } => Self::Entity {
                before: after,
                after: before,
            },
            Self::Code { before, after } => Self::Code {
                before: after,
                after: before,
            },
            Self::Claim { before, after } => Self::Claim {
                before: after,
                after: before,
            },
            Self::Distinct { before, after } => Self::Distinct {
                before: after,
                after: before,
            },
            Self::OutletGrade {
                outlet,
                before,
                after,
            } => Self::OutletGrade {
                outlet,
                before: after,
                after: before,
            },
            Self::Hypothesis { before, after } => Self::Hypothesis {
                before: after,
                after: before,
            },
        }
    }
}

impl Edit {
    /// An edit with a label and no changes yet.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            changes: Vec::new(),
        }
    }

    /// Whether the edit changes nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The edit that undoes this one.
    pub fn inverted(self) -> Self {
        Self {
            label: self.label,
            changes: self
                .changes
                .into_iter()
                .rev()
                .map(Change::inverted)
                .collect(),
        }
    }

    /// Applies the edit to `project` and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        let mut applied: Vec<Change> = Vec::with_capacity(self.changes.len());
        for change in self.changes {
            if let Err(what) = apply_change(project, &change) {
                roll_back(project, applied);
                return Err(EditError::Stale {
                    label: self.label,
                    what,
                });
            }
            applied.push(change);
        }
        if let Err(problem) = check_changes(project, &applied) {
            roll_back(project, applied);
            return Err(EditError::Invalid {
                label: self.label,
                problem,
            });
        }
        Ok(Edit {
            label: self.label,
            changes: applied,
        }
        .inverted())
    }
}

fn roll_back(project: &mut Project, applied: Vec<Change>) {
    for change in applied.into_iter().rev() {
        // The inverse of a change that was just applied always matches.
        let _ = apply_change(project, &change.inverted());
    }
}

/// Replaces `before` with `after` in a collection sorted by id, after checking `before` is there.
fn replace<T: Keyed + PartialEq + Clone>(
    items: &mut Vec<T>,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), String> {
    let Some(id) = before.or(after).map(Keyed::key) else {
        return Ok(());
    };
    if let (Some(before), Some(after)) = (before, after)
        && before.key() != after.key()
    {
        return Err(format!(
            "item {:?} cannot become item {:?}",
            before.key(),
            after.key()
        ));
    }
    let position = items.binary_search_by_key(&id, Keyed::key);
    match (position, before) {
        (Ok(index), Some(expected)) if items[index] == *expected => {}
        (Err(_), None) => {}
        _ => return Err(format!("item {id:?} is not as expected")),
    }
    match (position, after) {
        (Ok(index), Some(after)) => items[index] = after.clone(),
        (Ok(index), None) => {
            items.remove(index);
        }
        (Err(index), Some(after)) => items.insert(index, after.clone()),
        (Err(_), None) => {}
    }
    Ok(())
}

fn apply_change(project: &mut Project, change: &Change) -> Result<(), String> {
    match change {
        Change::Name { before, after } => {
            if project.name != *before {
                return Err("the project name".into());
            }
            project.name.clone_from(after);
        }
        Change::Notes { before, after } => {
            if project.notes != *before {
                return Err("the project notes".into());
            }
            project.notes.clone_from(after);
        }
        Change::NearDuplicate { before, after } => {
            if project.near_duplicate != *before {
                return Err("the near-duplicate threshold".into());
            }
            project.near_duplicate = *after;
        }
        Change::Document { before, after } => {
            replace(&mut project.documents, before.as_deref(), after.as_deref())?;
        }
        Change::Entity { before, after } => {
            replace(&mut project.entities, before.as_ref(), after.as_ref())?;
        }
        Change::Code { before, after } => {
            replace(&mut project.codes, before.as_ref(), after.as_ref())?;
        }
        Change::Claim { before, after } => {
            replace(&mut project.claims, before.as_ref(), after.as_ref())?;
        }
        Change::Distinct { before, after } => {
            if project.distinct != *before {
                return Err("the entities marked as not the same".into());
            }
            project.distinct.clone_from(after);
        }
        Change::OutletGrade {
            outlet,
            before,
            after,
        } => {
            if project.outlet_grades.get(outlet) != before.as_ref() {
                return Err(format!("the grade of {outlet:?}"));
            }
            match after {
                Some(grade) if !grade.is_open() => {
                    project.outlet_grades.insert(outlet.clone(), *grade);
                }
                _ => {
                    project.outlet_grades.remove(outlet);
                }
            }
        }
        Change::Hypothesis { before, after } => {
            replace(&mut project.hypotheses, before.as_ref(), after.as_ref())?;
        }
    }
    Ok(())
}

/// Checks the invariants that the applied changes could have broken.
fn check_changes(project: &Project, changes: &[Change]) -> Result<(), String> {
    for change in changes {
        match change {
            Change::Claim {
                after: Some(claim), ..
            } => project.check_claim(claim)?,
            Change::Document {
                after: None,
                before: Some(document),
            } if project
                .claims
                .iter()
                .any(|claim| claim.document == document.id) =>
            {
                return Err(format!("document {:?} still has claims", document.title));
            }
            Change::Entity {
                after: None,
                before: Some(entity),
            } if project
                .claims
                .iter()
                .any(|claim| claim.speaker == Some(entity.id)) =>
            {
                return Err(format!(
                    "entity {:?} is still the speaker of a claim",
                    entity.name
                ));
            }
            Change::Code {
                after,
                before: Some(code),
            } => {
                if after.is_none()
                    && project
                        .claims
                        .iter()
                        .any(|claim| claim.codes.contains(&code.id))
                {
                    return Err(format!("code {:?} is still used by claims", code.name));
                }
                if after.is_none()
                    && project
                        .codes
                        .iter()
                        .any(|other| other.parent == Some(code.id))
                {
                    return Err(format!("code {:?} still has sub-codes", code.name));
                }
                if let Some(code) = after {
                    project.check_code(code)?;
                }
            }
            Change::Code {
                after: Some(code),
                before: None,
            } => project.check_code(code)?,
            Change::Hypothesis {
                after: None,
                before: Some(hypothesis),
            } if project
                .claims
                .iter()
                .any(|claim| claim.ratings.contains_key(&hypothesis.id)) =>
            {
                return Err(format!(
                    "hypothesis {:?} is still rated by claims",
                    hypothesis.text
                ));
            }
            Change::Hypothesis {
                after: Some(hypothesis),
                ..
            } if hypothesis.text.trim().is_empty() => {
                return Err("a hypothesis needs a text".into());
            }
            Change::Entity {
                after: Some(entity),
                ..
            } if entity.name.trim().is_empty() => {
                return Err("an entity needs a name".into());
            }
            _ => {}
        }
    }
    Ok(())
}

// Builders for the edits the user makes. Each reads the project and returns the edit to apply.

impl Edit {
    /// Adds documents, the entities found in them and the new spellings of known entities, as one step.
    pub fn add_documents(
        project: &Project,
        documents: Vec<Document>,
        entities: EntityUpdates,
    ) -> Self {
        let count = documents.len();
        let label = if count == 1 {
            "Import document".to_owned()
        } else {
            format!("Import {count} documents")
        };
        let mut edit = Self::new(label);
        edit.changes
            .extend(documents.into_iter().map(|document| Change::Document {
                before: None,
                after: Some(Box::new(document)),
            }));
        edit.changes.extend(entity_changes(project, entities));
        edit
    }

    /// Changes one document's metadata through `update`; `None` if nothing would change.
    pub fn update_document(
        project: &Project,
        id: DocumentId,
        label: &str,
        update: impl FnOnce(&mut Document),
    ) -> Option<Self> {
        let before = project.document(id)?;
        let mut after = before.clone();
        update(&mut after);
        if after == *before {
            return None;
        }
        // Dates without a year are read against the document's date: a new date re-reads them.
        let dates = if after.date == before.date {
            EntityUpdates::default()
        } else {
            crate::analysis::entities::date_updates(project, std::slice::from_ref(&after))
        };
        let mut changes = vec![Change::Document {
            before: Some(Box::new(before.clone())),
            after: Some(Box::new(after)),
        }];
        changes.extend(entity_changes(project, dates));
        Some(Self {
            label: label.to_owned(),
            changes,
        })
    }

    /// Changes one entity through `update`; `None` if nothing would change.
    pub fn update_entity(
        project: &Project,
        id: EntityId,
        label: &str,
        update: impl FnOnce(&mut Entity),
    ) -> Option<Self> {
        let before = project.entity(id)?;
        let mut after = before.clone();
        update(&mut after);
        after.variants.sort();
        after.variants.dedup();
        (after != *before).then(|| Self {
            label: label.to_owned(),
            changes: vec![Change::Entity {
                before: Some(before.clone()),
                after: Some(after),
            }],
        })
    }

    /// Merges `absorbed` into `kept`: its spellings join the kept entity and its claims follow.
    pub fn merge_entities(project: &Project, kept: EntityId, absorbed: EntityId) -> Option<Self> {
        if kept == absorbed {
            return None;
        }
        let gone = project.entity(absorbed)?.clone();
        let mut edit = Self::update_entity(project, kept, "Merge entities", |entity| {
            entity.variants.extend(gone.variants.iter().cloned());
            if !entity.variants.contains(&gone.name) && gone.origin == EntityOrigin::Manual {
                entity.variants.push(gone.name.clone());
            }
        })
        .unwrap_or_else(|| Self::new("Merge entities"));
        for claim in project
            .claims
            .iter()
            .filter(|claim| claim.speaker == Some(absorbed))
        {
            let mut after = claim.clone();
            after.speaker = Some(kept);
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        // Pairs the absorbed entity was in now belong to the kept one.
        let mut distinct: Vec<(EntityId, EntityId)> = project
            .distinct
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (
                    if a == absorbed { kept } else { a },
                    if b == absorbed { kept } else { b },
                );
                (a.min(b), a.max(b))
            })
            .filter(|(a, b)| a != b)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct != project.distinct {
            edit.changes.push(Change::Distinct {
                before: project.distinct.clone(),
                after: distinct,
            });
        }
        edit.changes.push(Change::Entity {
            before: Some(gone),
            after: None,
        });
        Some(edit)
    }

    /// Records that two entities are not the same, so they are not suggested again.
    pub fn mark_distinct(project: &Project, a: EntityId, b: EntityId) -> Option<Self> {
        if a == b
            || project.are_distinct(a, b)
            || project.entity(a).is_none()
            || project.entity(b).is_none()
        {
            return None;
        }
        let mut after = project.distinct.clone();
        after.push((a.min(b), a.max(b)));
        after.sort_unstable();
        Some(Self {
            label: "Not the same entity".into(),
            changes: vec![Change::Distinct {
                before: project.distinct.clone(),
                after,
            }],
        })
    }

    /// Moves one spelling out of an entity into a new entity of the same kind, and records the
    /// two as not the same so that analysis does not put them back together.
    pub fn split_variant(
        project: &Project,
        id: EntityId,
        variant: &str,
    ) -> Option<(Self, EntityId)> {
        let entity = project.entity(id)?;
        if entity.variants.len() < 2 || !entity.variants.iter().any(|known| known == variant) {
            return None;
        }
        let mut edit = Self::update_entity(project, id, "Split entity", |entity| {
            entity.variants.retain(|known| known != variant);
            if entity.name == variant {
                entity.name = entity.variants.first().cloned().unwrap_or_default();
            }
        })?;
        let new_id = project.next_entity_id();
        edit.changes.push(Change::Entity {
            before: None,
            after: Some(Entity {
                id: new_id,
                name: variant.to_owned(),
                kind: entity.kind,
                variants: vec![variant.to_owned()],
                hidden: entity.hidden,
                origin: EntityOrigin::Manual,
            }),
        });
        let mut distinct = project.distinct.clone();
        distinct.push((id.min(new_id), id.max(new_id)));
        distinct.sort_unstable();
        edit.changes.push(Change::Distinct {
            before: project.distinct.clone(),
            after: distinct,
        });
        Some((edit, new_id))
    }

    /// Adds or completes entities from a name list. An entry whose names belong to one entity
    /// completes it (new aliases, and its kind if it had none); names spread over several
    /// entities merge them, as the list says they are one; otherwise a new entity is added.
    pub fn load_names(project: &Project, entries: &[crate::analysis::names::NameEntry]) -> Self {
        let mut edit = Self::new("Load name list");
        // Each entry sees the project as the entries before it left it.
        let mut working = project.clone();
        for entry in entries {
            let step = Self::name_entry(&working, entry);
            if step.clone().apply(&mut working).is_ok() {
                edit.changes.extend(step.changes);
            }
        }
        edit
    }

    /// The changes one entry of a name list makes.
    fn name_entry(project: &Project, entry: &crate::analysis::names::NameEntry) -> Self {
        let fold = crate::analysis::fold::fold;
        let folded: Vec<String> = entry.names.iter().map(|name| fold(name)).collect();
        let mut owners: Vec<EntityId> = project
            .entities
            .iter()
            .filter(|entity| {
                entity
                    .variants
                    .iter()
                    .chain([&entity.name])
                    .any(|name| folded.contains(&fold(name)))
            })
            .map(|entity| entity.id)
            .collect();
        // The entity that has the list's first (canonical) name is the one the others join.
        if let Some(position) = owners.iter().position(|id| {
            project.entity(*id).is_some_and(|entity| {
                entity
                    .variants
                    .iter()
                    .chain([&entity.name])
                    .any(|name| fold(name) == folded[0])
            })
        }) {
            owners.swap(0, position);
        }
        let Some((&kept, others)) = owners.split_first() else {
            let mut variants = entry.names.clone();
            variants.sort();
            variants.dedup();
            let entity = Entity {
                id: project.next_entity_id(),
                name: entry.names[0].clone(),
                kind: entry.kind,
                variants,
                hidden: false,
                origin: EntityOrigin::Manual,
            };
            return Self {
                label: String::new(),
                changes: vec![Change::Entity {
                    before: None,
                    after: Some(entity),
                }],
            };
        };
        let mut step = Self::new("");
        let mut working = project.clone();
        for &other in others {
            if let Some(merge) = Self::merge_entities(&working, kept, other)
                && merge.clone().apply(&mut working).is_ok()
            {
                step.changes.extend(merge.changes);
            }
        }
        let names = entry.names.clone();
        let kind = entry.kind;
        if let Some(update) = Self::update_entity(&working, kept, "", |entity| {
            entity.name.clone_from(&names[0]);
            entity.variants.extend(names);
            if entity.kind == EntityKind::Other {
                entity.kind = kind;
            }
        }) {
            step.changes.extend(update.changes);
        }
        step
    }

    /// Adds an entity by hand, named `name`, with that name as its only spelling.
    pub fn add_entity(project: &Project, name: &str, kind: EntityKind) -> (Self, EntityId) {
        let id = project.next_entity_id();
        let entity = Entity {
            id,
            name: name.trim().to_owned(),
            kind,
            variants: vec![name.trim().to_owned()],
            hidden: false,
            origin: EntityOrigin::Manual,
        };
        (
            Self {
                label: "Add entity".into(),
                changes: vec![Change::Entity {
                    before: None,
                    after: Some(entity),
                }],
            },
            id,
        )
    }

    /// Adds a code to the codebook.
    pub fn add_code(project: &Project, name: &str, parent: Option<CodeId>) -> (Self, CodeId) {
        let id = project.next_code_id();
        let palette = crate::model::CODE_PALETTE;
        let code = Code {
            id,
            name: name.trim().to_owned(),
            colour: palette[project.codes.len() % palette.len()],
            description: String::new(),
            parent,
            contradicts: Vec::new(),
        };
        (
            Self {
                label: "Add code".into(),
                changes: vec![Change::Code {
                    before: None,
                    after: Some(code),
                }],
            },
            id,
        )
    }

    /// Changes one code through `update`; `None` if nothing would change.
    pub fn update_code(
        project: &Project,
        id: CodeId,
        label: &str,
        update: impl FnOnce(&mut Code),
    ) -> Option<Self> {
        let before = project.code(id)?;
        let mut after = before.clone();
        update(&mut after);
        (after != *before).then(|| Self {
            label: label.to_owned(),
            changes: vec![Change::Code {
                before: Some(before.clone()),
                after: Some(after),
            }],
        })
    }

    /// Marks two codes as contradicting each other, or no longer; both codes record it.
    pub fn set_contradicting(
        project: &Project,
        a: CodeId,
        b: CodeId,
        contradicting: bool,
    ) -> Option<Self> {
        if a == b {
            return None;
        }
        let label = if contradicting {
            "Mark codes as contradicting"
        } else {
            "Unmark contradicting codes"
        };
        let toggle = |this: CodeId, other: CodeId| {
            Self::update_code(project, this, label, |code| {
                code.contradicts.retain(|known| *known != other);
                if contradicting {
                    code.contradicts.push(other);
                    code.contradicts.sort();
                }
            })
        };
        let mut edit = Self::new(label);
        edit.changes.extend(toggle(a, b)?.changes);
        edit.changes.extend(toggle(b, a)?.changes);
        Some(edit)
    }

    /// Removes a code. Claims that used it lose it (and are kept, uncoded if it was their only
    /// code); its sub-codes move up to its parent.
    pub fn remove_code(project: &Project, id: CodeId) -> Option<Self> {
        let code = project.code(id)?.clone();
        let mut edit = Self::new("Delete code");
        // Claims keep their passage and other codes; the ones left without a code stay uncoded.
        for claim in project.claims_with_code(id) {
            let mut after = claim.clone();
            after.codes.retain(|known| *known != id);
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        // Sub-codes move up to its parent; codes that contradicted it forget it.
        for other in &project.codes {
            if other.id == id {
                continue;
            }
            let mut after = other.clone();
            if after.parent == Some(id) {
                after.parent = code.parent;
            }
            after.contradicts.retain(|known| *known != id);
            if after != *other {
                edit.changes.push(Change::Code {
                    before: Some(other.clone()),
                    after: Some(after),
                });
            }
        }
        edit.changes.push(Change::Code {
            before: Some(code),
            after: None,
        });
        Some(edit)
    }

    /// Tags a passage as a claim, creating the codes and the speaker it names if they are new.
    pub fn tag_claim(project: &Project, draft: &ClaimDraft) -> Result<(Self, ClaimId), EditError> {
        let invalid = |problem: String| EditError::Invalid {
            label: "Tag claim".into(),
            problem,
        };
        let document = project
            .document(draft.document)
            .ok_or_else(|| invalid(format!("no document {}", draft.document)))?;
        let span = crate::model::ByteSpan::new(&document.text, draft.start, draft.end)
            .map_err(|error| invalid(error.to_string()))?;
        let mut edit = Self::new("Tag claim");
        // New items get ids past the project's, in the order they are created within this edit.
        let mut next_code = project.next_code_id().0;
        let mut codes = Vec::new();
        let mut new_codes = 0;
        for name in &draft.codes {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let existing = project.code_by_name(name).map(|code| code.id).or_else(|| {
                edit.changes.iter().find_map(|change| match change {
                    Change::Code {
                        after: Some(code), ..
                    } if code.name.to_lowercase() == name.to_lowercase() => Some(code.id),
                    _ => None,
                })
            });
            let id = existing.unwrap_or_else(|| {
                let id = CodeId(next_code);
                next_code += 1;
                let palette = crate::model::CODE_PALETTE;
                let colour = palette[(project.codes.len() + new_codes) % palette.len()];
                new_codes += 1;
                edit.changes.push(Change::Code {
                    before: None,
                    after: Some(Code {
                        id,
                        name: name.to_owned(),
                        colour,
                        description: String::new(),
                        parent: None,
                        contradicts: Vec::new(),
                    }),
                });
                id
            });
            if !codes.contains(&id) {
                codes.push(id);
            }
        }
        let speaker = draft
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                project
                    .entity_by_name(name)
                    .map(|entity| entity.id)
                    .unwrap_or_else(|| {
                        let (add, id) = Self::add_entity(project, name, EntityKind::Person);
                        edit.changes.extend(add.changes);
                        id
                    })
            });
        let id = project.next_claim_id();
        let claim = Claim {
            id,
            document: draft.document,
            quote: Quote::new(&document.text, span),
            more_passages: Vec::new(),
            codes,
            stance: draft.stance,
            speaker,
            via_outlet: draft
                .via_outlet
                .clone()
                .filter(|outlet| !outlet.trim().is_empty()),
            date: draft.date,
            note: draft.note.trim().to_owned(),
            grade: crate::model::Grade::default(),
            ratings: std::collections::BTreeMap::new(),
        };
        edit.changes.push(Change::Claim {
            before: None,
            after: Some(claim),
        });
        Ok((edit, id))
    }

    /// Tags many passages at once (auto-coding search hits): one edit, undone in one step.
    /// Passages that cannot be tagged (empty, or out of their document) are skipped; the count
    /// of claims added is returned with the edit.
    pub fn tag_many(project: &Project, drafts: &[ClaimDraft]) -> (Self, usize) {
        let mut edit = Self::new(if drafts.len() == 1 {
            "Tag claim".to_owned()
        } else {
            format!("Tag {} claims", drafts.len())
        });
        let mut working = project.clone();
        let mut added = 0;
        for draft in drafts {
            // Each claim sees the codes and speakers the ones before it created.
            if let Ok((step, _)) = Self::tag_claim(&working, draft)
                && step.clone().apply(&mut working).is_ok()
            {
                edit.changes.extend(step.changes);
                added += 1;
            }
        }
        (edit, added)
    }

    /// Changes one claim through `update`; `None` if nothing would change.
    pub fn update_claim(
        project: &Project,
        id: ClaimId,
        label: &str,
        update: impl FnOnce(&mut Claim),
    ) -> Option<Self> {
        let before = project.claim(id)?;
        let mut after = before.clone();
        update(&mut after);
        (after != *before).then(|| Self {
            label: label.to_owned(),
            changes: vec![Change::Claim {
                before: Some(before.clone()),
                after: Some(after),
            }],
        })
    }

    /// Adds the passage `start..end` of the claim's document to a claim: one claim can span
    /// a statement and its qualification further down. Refused when the passage is empty,
    /// outside the text or not on character boundaries, or overlaps one the claim has.
    pub fn add_claim_passage(
        project: &Project,
        id: ClaimId,
        start: usize,
        end: usize,
    ) -> Result<Self, String> {
        let claim = project.claim(id).ok_or("the claim is gone")?;
        let document = project
            .document(claim.document)
            .ok_or("the claim's document is gone")?;
        if start >= end {
            return Err("select some text to add to the claim".into());
        }
        let span = crate::model::ByteSpan::new(&document.text, start, end)
            .map_err(|error| error.to_string())?;
        if claim
            .quotes()
            .any(|quote| quote.span.start() < end && start < quote.span.end())
        {
            return Err("the passage overlaps one the claim already has".into());
        }
        let quote = Quote::new(&document.text, span);
        Self::update_claim(project, id, "Add passage to claim", |claim| {
            let mut all: Vec<Quote> = claim.quotes().cloned().collect();
            all.push(quote);
            set_passages(claim, all);
        })
        .ok_or_else(|| "nothing to change".into())
    }

    /// Takes passage `index` (in text order) out of a claim that has more than one.
    pub fn remove_claim_passage(project: &Project, id: ClaimId, index: usize) -> Option<Self> {
        let claim = project.claim(id)?;
        if claim.more_passages.is_empty() || index > claim.more_passages.len() {
            return None;
        }
        Self::update_claim(project, id, "Remove passage from claim", |claim| {
            let mut all: Vec<Quote> = claim.quotes().cloned().collect();
            all.remove(index);
            set_passages(claim, all);
        })
    }

    /// Removes a claim.
    pub fn remove_claim(project: &Project, id: ClaimId) -> Option<Self> {
        let claim = project.claim(id)?.clone();
        Some(Self {
            label: "Delete claim".into(),
            changes: vec![Change::Claim {
                before: Some(claim),
                after: None,
            }],
        })
    }

    /// Replaces the project notes.
    pub fn set_notes(project: &Project, notes: &str) -> Option<Self> {
        (project.notes != notes).then(|| Self {
            label: "Edit notes".into(),
            changes: vec![Change::Notes {
                before: project.notes.clone(),
                after: notes.to_owned(),
            }],
        })
    }

    /// Sets from which share of one document in another the two are near-duplicates. `None`
    /// if nothing would change.
    pub fn set_near_duplicate(project: &Project, threshold: NearDuplicate) -> Option<Self> {
        (project.near_duplicate != threshold).then(|| Self {
            label: format!("Near-duplicates from {}%", threshold.percent()),
            changes: vec![Change::NearDuplicate {
                before: project.near_duplicate,
                after: threshold,
            }],
        })
    }

    /// Grades an outlet; an open grade clears it. `None` if nothing would change.
    pub fn set_outlet_grade(project: &Project, outlet: &str, grade: Grade) -> Option<Self> {
        let before = project.outlet_grades.get(outlet).copied();
        let after = Some(grade).filter(|grade| !grade.is_open());
        (before != after).then(|| Self {
            label: format!("Grade {outlet}"),
            changes: vec![Change::OutletGrade {
                outlet: outlet.to_owned(),
                before,
                after,
            }],
        })
    }

    /// Sets a claim's own grade, which overrides its outlet's part by part.
    pub fn set_claim_grade(project: &Project, id: ClaimId, grade: Grade) -> Option<Self> {
        Self::update_claim(project, id, "Grade claim", |claim| claim.grade = grade)
    }

    /// Adds a hypothesis to weigh the claims against.
    pub fn add_hypothesis(project: &Project, text: &str) -> Option<(Self, HypothesisId)> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let id = crate::model::next_id(&project.hypotheses, HypothesisId, |id| id.0);
        let edit = Self {
            label: "Add hypothesis".into(),
            changes: vec![Change::Hypothesis {
                before: None,
                after: Some(Hypothesis {
                    id,
                    text: text.to_owned(),
                }),
            }],
        };
        Some((edit, id))
    }

    /// Rewords a hypothesis; its ratings stay.
    pub fn reword_hypothesis(project: &Project, id: HypothesisId, text: &str) -> Option<Self> {
        let before = project.hypothesis(id)?;
        let text = text.trim();
        (!text.is_empty() && before.text != text).then(|| Self {
            label: "Reword hypothesis".into(),
            changes: vec![Change::Hypothesis {
                before: Some(before.clone()),
                after: Some(Hypothesis {
                    id,
                    text: text.to_owned(),
                }),
            }],
        })
    }

    /// Removes a hypothesis and every rating given against it, as one step.
    pub fn remove_hypothesis(project: &Project, id: HypothesisId) -> Option<Self> {
        let hypothesis = project.hypothesis(id)?.clone();
        let mut edit = Self::new("Delete hypothesis");
        for claim in project
            .claims
            .iter()
            .filter(|claim| claim.ratings.contains_key(&id))
        {
            let mut after = claim.clone();
            after.ratings.remove(&id);
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        edit.changes.push(Change::Hypothesis {
            before: Some(hypothesis),
            after: None,
        });
        Some(edit)
    }

    /// Rates how a claim bears on a hypothesis; `None` as the rating clears it.
    pub fn rate_claim(
        project: &Project,
        claim: ClaimId,
        hypothesis: HypothesisId,
        rating: Option<Consistency>,
    ) -> Option<Self> {
        project.hypothesis(hypothesis)?;
        Self::update_claim(project, claim, "Rate claim", |claim| match rating {
            Some(rating) => {
                claim.ratings.insert(hypothesis, rating);
            }
            None => {
                claim.ratings.remove(&hypothesis);
            }
        })
    }

    /// Merges one code into another: its claims take the kept code, its sub-codes move under
    /// it, codes it contradicted now contradict the kept one, and it is removed.
    pub fn merge_codes(project: &Project, kept: CodeId, absorbed: CodeId) -> Option<Self> {
        if kept == absorbed {
            return None;
        }
        let kept_code = project.code(kept)?;
        let absorbed_code = project.code(absorbed)?.clone();
        // Merging a code into its own descendant would leave the tree with a loop.
        let mut ancestor = kept_code.parent;
        while let Some(id) = ancestor {
            if id == absorbed {
                return None;
            }
            ancestor = project.code(id).and_then(|code| code.parent);
        }
        let mut edit = Self::new(format!(
            "Merge code {:?} into {:?}",
            absorbed_code.name, kept_code.name
        ));
        for claim in project.claims_with_code(absorbed) {
            let mut after = claim.clone();
            after.codes.retain(|code| *code != absorbed);
            if !after.codes.contains(&kept) {
                after.codes.push(kept);
            }
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        for code in &project.codes {
            if code.id == absorbed {
                continue;
            }
            let mut after = code.clone();
            if after.parent == Some(absorbed) {
                after.parent = Some(kept);
            }
            let had_absorbed = after.contradicts.contains(&absorbed);
            after.contradicts.retain(|other| *other != absorbed);
            if code.id == kept {
                after.contradicts.extend(
                    absorbed_code
                        .contradicts
                        .iter()
                        .filter(|other| **other != kept),
                );
            } else if had_absorbed && !after.contradicts.contains(&kept) {
                after.contradicts.push(kept);
            }
            after.contradicts.sort();
            after.contradicts.dedup();
            if after != *code {
                edit.changes.push(Change::Code {
                    before: Some(code.clone()),
                    after: Some(after),
                });
            }
        }
        edit.changes.push(Change::Code {
            before: Some(absorbed_code),
            after: None,
        });
        Some(edit)
    }

    /// Renames the project.
    pub fn rename_project(project: &Project, name: &str) -> Option<Self> {
        let name = name.trim();
        (!name.is_empty() && project.name != name).then(|| Self {
            label: "Rename project".into(),
            changes: vec![Change::Name {
                before: project.name.clone(),
                after: name.to_owned(),
            }],
        })
    }
}

/// The changes that bring entity updates from analysis into a project.
fn entity_changes(project: &Project, entities: EntityUpdates) -> Vec<Change> {
    let mut changes = Vec::new();
    // Several new spellings can join one entity: one change per entity, or they would conflict.
    let mut extended: std::collections::BTreeMap<EntityId, Vec<String>> =
        std::collections::BTreeMap::new();
    for (id, spellings) in entities.extended {
        extended.entry(id).or_default().extend(spellings);
    }
    for (id, spellings) in extended {
        if let Some(update) =
            Edit::update_entity(project, id, "", |entity| entity.variants.extend(spellings))
        {
            changes.extend(update.changes);
        }
    }
    changes.extend(entities.added.into_iter().map(|entity| Change::Entity {
        before: None,
        after: Some(entity),
    }));
    changes
}

/// What the user chose when tagging a passage.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimDraft {
    /// The document.
    pub document: DocumentId,
    /// First byte of the passage.
    pub start: usize,
    /// One past the last byte of the passage.
    pub end: usize,
    /// Code names; new names become new codes.
    pub codes: Vec<String>,
    /// The stance.
    pub stance: crate::model::Stance,
    /// The speaker's name; a new name becomes a new person entity.
    pub speaker: Option<String>,
    /// The relaying outlet, if not the document's own.
    pub via_outlet: Option<String>,
    /// The claim date, if not the document's.
    pub date: Option<crate::model::PartialDate>,
    /// A note.
    pub note: String,
}

/// Undo and redo stacks, and the revision that tells whether the project has unsaved changes.
///
/// Each state of the project gets a revision number when an edit creates it; undo and redo move
/// between known revisions, so undoing back to the saved state makes the project clean again.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    next_revision: u64,
    saved_revision: u64,
}

#[derive(Debug)]
struct Step {
    edit: Edit,
    revision: u64,
}

impl History {
    /// Applies a new edit, records its inverse, and clears the redo stack.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        if edit.is_empty() {
            return Ok(());
        }
        let inverse = edit.apply(project)?;
        self.undo.push(Step {
            edit: inverse,
            revision: self.revision,
        });
        self.redo.clear();
        self.next_revision += 1;
        self.revision = self.next_revision;
        Ok(())
    }

    /// Undoes the last edit; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        Self::step(project, &mut self.undo, &mut self.redo, &mut self.revision)
    }

    /// Redoes the last undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        Self::step(project, &mut self.redo, &mut self.undo, &mut self.revision)
    }

    fn step(
        project: &mut Project,
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        revision: &mut u64,
    ) -> Result<Option<String>, EditError> {
        let Some(step) = from.pop() else {
            return Ok(None);
        };
        let label = step.edit.label.clone();
        match step.edit.clone().apply(project) {
            Ok(inverse) => {
                to.push(Step {
                    edit: inverse,
                    revision: *revision,
                });
                *revision = step.revision;
                Ok(Some(label))
            }
            Err(error) => {
                from.push(step);
                Err(error)
            }
        }
    }

    /// The label of the edit Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.edit.label.as_str())
    }

    /// The label of the edit Redo would apply again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.edit.label.as_str())
    }

    /// The revision of the project's current state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that the current state has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Records that a given revision was saved (a save that ran while the user kept editing).
    pub fn mark_saved_revision(&mut self, revision: u64) {
        self.saved_revision = revision;
    }

    /// Records that the current state was never saved (a restored recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }
}

/// Gives a claim these passages (at least one) in text order: the first is the one the claim
/// opens at, the others follow it.
fn set_passages(claim: &mut Claim, mut passages: Vec<Quote>) {
    passages.sort_by_key(|quote| quote.span.start());
    if passages.is_empty() {
        return;
    }
    claim.quote = passages.remove(0);
    claim.more_passages = passages;
}
