//! Edits of entities: the user's decisions about the entities analysis derives.
//!
//! The project stores only the entities the user decided something about. Acting on an entity
//! analysis derived (renaming it, changing its kind, hiding it, merging it, splitting it, naming
//! it as a speaker) adopts it: the edit stores it, under the id it had and with every spelling
//! it had, so it stays what the user saw whatever a later analysis finds. Undoing the edit
//! forgets it again, and analysis derives it as before.

use super::{Change, Edit};
use crate::analysis::entities::{EntityTable, Source};
use crate::model::{Entity, EntityId, EntityKind, EntityOrigin, NameEntry, Project};
use crate::text::fold;
use std::collections::BTreeMap;

/// The entity as the project stores it before an edit (`None` if it is derived), and as the
/// edit starts from: stored, or adopted from analysis with all its spellings.
fn stored_and_current(
    project: &Project,
    entities: &EntityTable,
    id: EntityId,
) -> Option<(Option<Entity>, Entity)> {
    if let Some(stored) = project.entity(id) {
        return Some((Some(stored.clone()), stored.clone()));
    }
    let derived = entities.entity(id)?;
    (entities.source(id) == Source::Derived).then(|| (None, derived.clone()))
}

/// The change that stores `after` where the project held `before`; `None` if nothing changes
/// and the entity is already stored.
fn entity_change(before: Option<Entity>, mut after: Entity, adopt: bool) -> Option<Change> {
    after.variants.sort();
    after.variants.dedup();
    match &before {
        Some(before) if *before == after => None,
        None if !adopt => None,
        _ => Some(Change::Entity {
            before,
            after: Some(after),
        }),
    }
}

impl Edit {
    /// Changes one entity through `update`; `None` if nothing would change. A derived entity
    /// is adopted by the change.
    pub fn update_entity(
        project: &Project,
        entities: &EntityTable,
        id: EntityId,
        label: &str,
        update: impl FnOnce(&mut Entity),
    ) -> Option<Self> {
        let (before, current) = stored_and_current(project, entities, id)?;
        let mut after = current.clone();
        update(&mut after);
        after.variants.sort();
        after.variants.dedup();
        if after == current {
            return None;
        }
        let change = entity_change(before, after, true)?;
        Some(Self {
            label: label.to_owned(),
            changes: vec![change],
        })
    }

    /// Stores a derived entity as it is, so that it keeps its id and its spellings (a claim's
    /// speaker, one side of a "not the same" pair); no change for an entity already stored.
    pub fn adopt_entity(project: &Project, entities: &EntityTable, id: EntityId) -> Vec<Change> {
        stored_and_current(project, entities, id)
            .and_then(|(before, current)| {
                before
                    .is_none()
                    .then(|| entity_change(None, current, true))
                    .flatten()
            })
            .into_iter()
            .collect()
    }

    /// Merges `absorbed` into `kept`: its spellings join the kept entity and its claims follow.
    pub fn merge_entities(
        project: &Project,
        entities: &EntityTable,
        kept: EntityId,
        absorbed: EntityId,
    ) -> Option<Self> {
        if kept == absorbed {
            return None;
        }
        let gone = entities.entity(absorbed)?.clone();
        let (before, current) = stored_and_current(project, entities, kept)?;
        let mut after = current;
        after.variants.extend(gone.variants.iter().cloned());
        if !after.variants.contains(&gone.name) && gone.origin == EntityOrigin::Manual {
            after.variants.push(gone.name.clone());
        }
        let mut edit = Self::new("Merge entities");
        edit.changes.extend(entity_change(before, after, true));
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
        if let Some(stored) = project.entity(absorbed) {
            edit.changes.push(Change::Entity {
                before: Some(stored.clone()),
                after: None,
            });
        }
        Some(edit)
    }

    /// Records that two entities are not the same, so they are not suggested again.
    pub fn mark_distinct(
        project: &Project,
        entities: &EntityTable,
        a: EntityId,
        b: EntityId,
    ) -> Option<Self> {
        if a == b
            || project.are_distinct(a, b)
            || entities.entity(a).is_none()
            || entities.entity(b).is_none()
        {
            return None;
        }
        let mut edit = Self::new("Not the same entity");
        edit.changes
            .extend(Self::adopt_entity(project, entities, a));
        edit.changes
            .extend(Self::adopt_entity(project, entities, b));
        let mut after = project.distinct.clone();
        after.push((a.min(b), a.max(b)));
        after.sort_unstable();
        edit.changes.push(Change::Distinct {
            before: project.distinct.clone(),
            after,
        });
        Some(edit)
    }

    /// Moves one spelling out of an entity into a new entity of the same kind, and records the
    /// two as not the same so that analysis does not put them back together.
    pub fn split_variant(
        project: &Project,
        entities: &EntityTable,
        id: EntityId,
        variant: &str,
    ) -> Option<(Self, EntityId)> {
        let entity = entities.entity(id)?;
        if entity.variants.len() < 2 || !entity.variants.iter().any(|known| known == variant) {
            return None;
        }
        let (before, current) = stored_and_current(project, entities, id)?;
        let mut after = current.clone();
        // The entity keeps every spelling it shows but the one split off.
        after.variants.clone_from(&entity.variants);
        after.variants.retain(|known| known != variant);
        if after.name == variant {
            after.name = after.variants.first().cloned().unwrap_or_default();
        }
        let mut edit = Self::new("Split entity");
        edit.changes.extend(entity_change(before, after, true));
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

    /// Adds or completes entities from a name list. An entry whose names belong to one entity
    /// completes it (new aliases, and its kind if it had none); names spread over several
    /// entities merge them, as the list says they are one; otherwise a new entity is added.
    /// Each entry sees the entities as the entries before it left them.
    pub fn load_names(project: &Project, entities: &EntityTable, entries: &[NameEntry]) -> Self {
        let mut names = NameListState::new(project, entities);
        for entry in entries {
            names.apply(entry);
        }
        names.into_edit("Load name list")
    }
}

/// The entities as a name list being loaded leaves them, entry after entry.
struct NameListState<'a> {
    project: &'a Project,
    /// Every entity, as the entries so far left it.
    working: BTreeMap<EntityId, Entity>,
    /// The entities an entry touched or added.
    touched: std::collections::BTreeSet<EntityId>,
    /// The entities merged into others, with the entity each went into.
    removed: BTreeMap<EntityId, EntityId>,
    /// Claims whose speaker was merged into another entity: claim, new speaker.
    speakers: BTreeMap<crate::model::ClaimId, EntityId>,
    next_id: u32,
}

impl<'a> NameListState<'a> {
    fn new(project: &'a Project, entities: &EntityTable) -> Self {
        Self {
            project,
            working: entities
                .entities
                .iter()
                .map(|entity| (entity.id, entity.clone()))
                .collect(),
            touched: std::collections::BTreeSet::new(),
            removed: BTreeMap::new(),
            speakers: BTreeMap::new(),
            next_id: project.next_entity_id().0,
        }
    }

    fn apply(&mut self, entry: &NameEntry) {
        let Some(canonical) = entry.names.first() else {
            return;
        };
        let folded: Vec<String> = entry.names.iter().map(|name| fold(name)).collect();
        let names_of = |entity: &Entity| {
            entity
                .variants
                .iter()
                .chain([&entity.name])
                .map(|name| fold(name))
                .collect::<Vec<_>>()
        };
        let mut owners: Vec<EntityId> = self
            .working
            .values()
            .filter(|entity| {
                entity.kind != EntityKind::Date
                    && names_of(entity).iter().any(|name| folded.contains(name))
            })
            .map(|entity| entity.id)
            .collect();
        // The entity that has the list's first (canonical) name is the one the others join.
        if let Some(position) = owners.iter().position(|id| {
            self.working
                .get(id)
                .is_some_and(|entity| names_of(entity).contains(&folded[0]))
        }) {
            owners.swap(0, position);
        }
        let Some((&kept, others)) = owners.split_first() else {
            let mut variants = entry.names.clone();
            variants.sort();
            variants.dedup();
            let id = EntityId(self.next_id);
            self.next_id += 1;
            self.working.insert(
                id,
                Entity {
                    id,
                    name: canonical.clone(),
                    kind: entry.kind,
                    variants,
                    hidden: false,
                    origin: EntityOrigin::Manual,
                },
            );
            self.touched.insert(id);
            return;
        };
        for &other in others {
            let Some(gone) = self.working.remove(&other) else {
                continue;
            };
            for into in self.removed.values_mut() {
                if *into == other {
                    *into = kept;
                }
            }
            self.removed.insert(other, kept);
            self.touched.remove(&other);
            for claim in &self.project.claims {
                if claim.speaker == Some(other) || self.speakers.get(&claim.id) == Some(&other) {
                    self.speakers.insert(claim.id, kept);
                }
            }
            if let Some(entity) = self.working.get_mut(&kept) {
                entity.variants.extend(gone.variants);
            }
        }
        if let Some(entity) = self.working.get_mut(&kept) {
            entity.name.clone_from(canonical);
            entity.variants.extend(entry.names.iter().cloned());
            entity.variants.sort();
            entity.variants.dedup();
            if entity.kind == EntityKind::Other {
                entity.kind = entry.kind;
            }
        }
        self.touched.insert(kept);
    }

    fn into_edit(self, label: &str) -> Edit {
        let mut edit = Edit::new(label);
        for id in &self.touched {
            let Some(after) = self.working.get(id) else {
                continue;
            };
            let before = self.project.entity(*id).cloned();
            edit.changes
                .extend(entity_change(before, after.clone(), true));
        }
        for (claim, speaker) in &self.speakers {
            if let Some(before) = self.project.claim(*claim) {
                let mut after = before.clone();
                after.speaker = Some(*speaker);
                edit.changes.push(Change::Claim {
                    before: Some(before.clone()),
                    after: Some(after),
                });
            }
        }
        let into = |id: EntityId| self.removed.get(&id).copied().unwrap_or(id);
        let mut distinct: Vec<(EntityId, EntityId)> = self
            .project
            .distinct
            .iter()
            .map(|&(a, b)| (into(a).min(into(b)), into(a).max(into(b))))
            .filter(|(a, b)| a != b)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct != self.project.distinct {
            edit.changes.push(Change::Distinct {
                before: self.project.distinct.clone(),
                after: distinct,
            });
        }
        for id in self.removed.keys() {
            if let Some(stored) = self.project.entity(*id) {
                edit.changes.push(Change::Entity {
                    before: Some(stored.clone()),
                    after: None,
                });
            }
        }
        edit
    }
}
