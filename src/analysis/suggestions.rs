//! Entities that may be one: for the user to merge or to mark as different.

use super::mentions::MentionIndex;
use super::variants::{Likeness, PreparedName, WordMemo, content_words};
use crate::model::{EntityId, EntityKind, Project};
use rayon::prelude::*;
use std::collections::HashMap;

/// Why two entities are suggested as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Their names are spellings of one name, but analysis kept them apart (both were already
    /// entities, or the user split them before analysis found the link).
    SameName,
    /// One name is a part of the other ("Massoud", "Ahmad Massoud"; a son's and a father's).
    PartOfName,
    /// One name is the acronym of the other ("NRF", "National Resistance Front").
    Acronym,
}

impl Reason {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SameName => "same name",
            Self::PartOfName => "part of name",
            Self::Acronym => "acronym",
        }
    }
}

/// Two entities that may be one, with a score from 0 to 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The entity with more mentions.
    pub keep: EntityId,
    /// The other.
    pub other: EntityId,
    /// Confidence, from 0 to 1.
    pub score: f32,
    /// Why.
    pub reason: Reason,
}

impl Suggestion {
    /// A suggestion about `a` and `b`: the one mentioned more is the one to keep.
    fn new(
        mentions: &MentionIndex,
        (a, b): (EntityId, EntityId),
        score: f32,
        reason: Reason,
    ) -> Self {
        let (keep, other) = if mentions.mention_count(a) >= mentions.mention_count(b) {
            (a, b)
        } else {
            (b, a)
        };
        Self {
            keep,
            other,
            score,
            reason,
        }
    }
}

fn compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

/// Open suggestions, strongest first: visible entities whose names are alike, that the user has
/// neither merged nor marked as different.
pub fn suggestions(project: &Project, mentions: &MentionIndex) -> Vec<Suggestion> {
    crate::frame_guard::heavy("suggesting merges over every entity");
    // Only entities sharing the start of a word skeleton are compared.
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    let entities: Vec<_> = mentions
        .entities
        .entities
        .iter()
        .filter(|entity| !entity.hidden && entity.kind != EntityKind::Date)
        .collect();
    for (index, entity) in entities.iter().enumerate() {
        for word in content_words(&entity.name) {
            let prefix: String = word.chars().take(3).collect();
            blocks.entry(prefix).or_default().push(index);
        }
    }
    // Each name is split into its parts once, not once per comparison.
    let prepared: Vec<PreparedName> = entities
        .iter()
        .map(|entity| PreparedName::new(&entity.name))
        .collect();
    // Blocks are compared on every core; a pair in several blocks is compared in each and
    // kept once.
    let mut blocks: Vec<(String, Vec<usize>)> = blocks.into_iter().collect();
    blocks.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let mut alike: Vec<(usize, usize, f32, Reason)> = blocks
        .par_iter()
        // Each worker keeps the word pairs it has scored: names share most of their words.
        .map_init(WordMemo::default, |memo, (_, members)| {
            let mut found = Vec::new();
            for (position, &i) in members.iter().enumerate() {
                for &j in &members[position + 1..] {
                    let (a, b) = (entities[i], entities[j]);
                    if a.id == b.id
                        || !compatible(a.kind, b.kind)
                        || project.are_distinct(a.id, b.id)
                    {
                        continue;
                    }
                    let (score, reason) = match prepared[i].likeness_remembered(&prepared[j], memo)
                    {
                        Likeness::Same { score } => (score, Reason::SameName),
                        Likeness::Part { score } => (score, Reason::PartOfName),
                        Likeness::Different => continue,
                    };
                    found.push((i.min(j), i.max(j), score, reason));
                }
            }
            found
        })
        .flatten_iter()
        .collect();
    alike.sort_unstable_by_key(|&(i, j, _, _)| (i, j));
    alike.dedup_by_key(|&mut (i, j, _, _)| (i, j));
    let mut found: Vec<Suggestion> = alike
        .into_iter()
        .map(|(i, j, score, reason)| {
            Suggestion::new(mentions, (entities[i].id, entities[j].id), score, reason)
        })
        .collect();
    found.extend(acronym_suggestions(project, mentions, &entities));
    found.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.keep.cmp(&y.keep))
            .then(x.other.cmp(&y.other))
    });
    found
}

/// The initials of a name's words, skipping function words and connectors ("of", "de").
fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| !word.is_empty() && !crate::analysis::lexicon::lexicon().is_stop_word(word))
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Acronyms whose letters are the initials of another entity's name. The link is strong when
/// a text writes the name with the acronym in parentheses right after it.
fn acronym_suggestions(
    project: &Project,
    mentions: &MentionIndex,
    entities: &[&crate::model::Entity],
) -> Vec<Suggestion> {
    let is_acronym = |name: &str| {
        (2..=8).contains(&name.chars().count())
            && name.chars().all(|c| c.is_uppercase() || c == '.')
    };
    let mut by_initials: HashMap<String, Vec<&crate::model::Entity>> = HashMap::new();
    for entity in entities
        .iter()
        .filter(|entity| entity.name.split_whitespace().count() >= 2)
    {
        by_initials
            .entry(initials(&entity.name))
            .or_default()
            .push(entity);
    }
    let mut found = Vec::new();
    for acronym in entities.iter().filter(|entity| is_acronym(&entity.name)) {
        let letters: String = acronym.name.chars().filter(|c| *c != '.').collect();
        for expansion in by_initials.get(&letters).map_or(&[][..], Vec::as_slice) {
            if project.are_distinct(acronym.id, expansion.id)
                || !compatible(acronym.kind, expansion.kind)
            {
                continue;
            }
            let written_together = project.documents.iter().any(|document| {
                expansion.variants.iter().any(|name| {
                    document
                        .text
                        .contains(&format!("{name} ({})", acronym.name))
                })
            });
            found.push(Suggestion::new(
                mentions,
                (expansion.id, acronym.id),
                if written_together { 0.95 } else { 0.7 },
                Reason::Acronym,
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Entity, EntityOrigin};

    fn project(names: &[(&str, EntityKind)]) -> Project {
        let mut project = Project::new("t");
        for (index, (name, kind)) in names.iter().enumerate() {
            project.entities.insert(Entity {
                id: EntityId(u32::try_from(index).unwrap_or_default() + 1),
                name: (*name).into(),
                kind: *kind,
                variants: vec![(*name).into()],
                hidden: false,
                origin: EntityOrigin::Detected,
            });
        }
        project
    }

    #[test]
    fn father_and_son_and_surname_are_suggested_not_merged() {
        let project = project(&[
            ("Ahmad Massoud", EntityKind::Person),
            ("Ahmad Shah Massoud", EntityKind::Person),
            ("Massoud", EntityKind::Other),
            ("Kabul", EntityKind::Place),
        ]);
        let found = suggestions(&project, &MentionIndex::of_stored_entities(&project));
        let pairs: Vec<(u32, u32)> = found
            .iter()
            .map(|s| (s.keep.0.min(s.other.0), s.keep.0.max(s.other.0)))
            .collect();
        assert!(
            pairs.contains(&(1, 2)) && pairs.contains(&(1, 3)) && pairs.contains(&(2, 3)),
            "{pairs:?}"
        );
        assert!(found.iter().all(|s| s.reason == Reason::PartOfName));
        assert!(!pairs.iter().any(|(a, b)| *a == 4 || *b == 4));
        // The closest relation comes first: a son's two names inside the father's three.
        assert!(found[0].score >= found[found.len() - 1].score);
    }

    #[test]
    fn a_rejected_pair_is_not_suggested_again() {
        let mut project = project(&[
            ("Ahmad Massoud", EntityKind::Person),
            ("Ahmad Shah Massoud", EntityKind::Person),
        ]);
        assert_eq!(
            suggestions(&project, &MentionIndex::of_stored_entities(&project)).len(),
            1
        );
        let _undo = Edit::mark_distinct(
            &project,
            &MentionIndex::of_stored_entities(&project).entities,
            EntityId(2),
            EntityId(1),
        )
        .expect("edit")
        .apply(&mut project)
        .expect("applies");
        assert!(suggestions(&project, &MentionIndex::of_stored_entities(&project)).is_empty());
    }

    #[test]
    fn an_acronym_is_linked_to_its_expansion() {
        let mut project = project(&[
            ("National Resistance Front", EntityKind::Organisation),
            ("NRF", EntityKind::Organisation),
            ("NATO", EntityKind::Organisation),
        ]);
        let found = suggestions(&project, &MentionIndex::of_stored_entities(&project));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].reason, found[0].score), (Reason::Acronym, 0.7));
        let mut document = crate::import::document_from_bytes(
            "Fighters of the National Resistance Front (NRF) held.".as_bytes(),
            "a.txt",
        )
        .expect("imports")
        .document;
        document.id = crate::model::DocumentId(1);
        project.documents.insert(document);
        let found = suggestions(&project, &MentionIndex::of_stored_entities(&project));
        assert_eq!(found[0].score, 0.95, "written together, the link is strong");
    }

    #[test]
    fn spellings_kept_apart_are_suggested_as_the_same_name() {
        let project = project(&[
            ("Kabul", EntityKind::Place),
            ("Kaboul", EntityKind::Place),
            ("Paris", EntityKind::Place),
        ]);
        let found = suggestions(&project, &MentionIndex::of_stored_entities(&project));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].reason, Reason::SameName);
    }
}
