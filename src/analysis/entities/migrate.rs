//! Projects saved in format 1 stored every entity analysis had found, with the user's decisions
//! mixed in. Migration keeps every entity that carries a decision and lets analysis derive the
//! rest.

use super::resolve::AutoEntities;
use crate::model::{EntityId, EntityKind, EntityOrigin, Project};
use std::collections::{BTreeSet, HashMap};

/// Whether the spellings are all written forms of one name, as analysis groups them: each is
/// a spelling of another (case, accents, transliteration) or the lexicon's name of the same
/// place or organisation ("United Nations", "Nations unies").
fn spellings_of_one_name(spellings: &[String]) -> bool {
    let lexicon = super::super::lexicon::lexicon();
    let same = |a: &str, b: &str| {
        crate::text::fold(a) == crate::text::fold(b)
            || matches!(
                super::super::variants::likeness(a, b),
                super::super::variants::Likeness::Same { .. }
            )
            || lexicon
                .organisation(a)
                .is_some_and(|id| lexicon.organisation(b) == Some(id))
            || lexicon
                .places(a)
                .iter()
                .any(|place| lexicon.places(b).iter().any(|other| other.id == place.id))
    };
    // Connected through such links, the first spelling reaches every other.
    let mut reached = vec![false; spellings.len()];
    let mut queue = vec![0];
    if let Some(first) = reached.first_mut() {
        *first = true;
    }
    while let Some(at) = queue.pop() {
        for (other, seen) in reached.iter_mut().enumerate() {
            if !*seen && same(&spellings[at], &spellings[other]) {
                *seen = true;
                queue.push(other);
            }
        }
    }
    reached.iter().all(|seen| *seen)
}

/// Turns the entities of a format-1 project into decisions: an entity stays when the user made
/// it (by hand or from a name list), hid it, named it as a speaker or marked it as different
/// from another, renamed it, or merged spellings that analysis does not group; every other
/// entity is what analysis finds again in `auto`, and is dropped so analysis derives it.
///
/// Format 1 did not record whether a kind was the user's, so an entity kept for another reason
/// keeps its kind, and the kind of one dropped is derived again. Returns how many were kept.
pub fn migrate_from_version_1(project: &mut Project, auto: &AutoEntities) -> usize {
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (index, entity) in auto.entities.iter().enumerate() {
        for spelling in entity.spellings.keys() {
            owner.insert(spelling.as_str(), index);
        }
    }
    let speakers: BTreeSet<EntityId> = project
        .claims
        .iter()
        .filter_map(|claim| claim.speaker)
        .collect();
    let distinct: BTreeSet<EntityId> = project.distinct.iter().flat_map(|&(a, b)| [a, b]).collect();
    let keep = |entity: &crate::model::Entity| {
        if entity.origin == EntityOrigin::Manual
            || entity.hidden
            || speakers.contains(&entity.id)
            || distinct.contains(&entity.id)
        {
            return true;
        }
        if entity.kind == EntityKind::Date {
            return false;
        }
        let owners: BTreeSet<usize> = entity
            .variants
            .iter()
            .filter_map(|variant| owner.get(variant.as_str()).copied())
            .collect();
        let found = entity
            .variants
            .iter()
            .filter(|variant| owner.contains_key(variant.as_str()))
            .count();
        // Format 1 renamed an entity by giving it a name none of its spellings has; spellings
        // that are all spellings of one name were grouped by analysis, not merged by hand.
        let renamed = !entity.variants.contains(&entity.name);
        let grouped_by_analysis = owners.len() == 1 && found == entity.variants.len();
        let merged = !grouped_by_analysis && !spellings_of_one_name(&entity.variants);
        match owners.len() {
            // Analysis no longer finds it, or finds it as one entity: a decision only if it was
            // renamed or holds names analysis would not group.
            0 | 1 => renamed || merged,
            // Spellings analysis keeps apart: a merge.
            _ => true,
        }
    };
    project.entities.retain(keep);
    project.entities.len()
}
