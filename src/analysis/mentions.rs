//! Where each entity is mentioned: every spelling of every visible entity, found in every body.

use super::dates::find_dates;
use super::entities::date_entity_name;
use crate::model::{DocumentId, EntityId, EntityKind, Project};
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;

/// One mention of an entity in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The entity.
    pub entity: EntityId,
    /// Byte range in the document's text.
    pub range: Range<usize>,
}

/// Mentions of all visible entities in all documents, and their counts.
#[derive(Clone, Debug, Default)]
pub struct MentionIndex {
    /// Mentions per document, sorted by position, never overlapping.
    pub by_document: HashMap<DocumentId, Vec<Mention>>,
    /// Per entity: how often each spelling occurs, over all documents.
    pub variant_counts: HashMap<EntityId, HashMap<String, usize>>,
    /// Per entity: the documents that mention it, in id order.
    pub documents: HashMap<EntityId, Vec<DocumentId>>,
}

impl MentionIndex {
    /// Finds every spelling of every visible entity in the body of every document.
    ///
    /// One automaton holds all spellings; the longest match wins, and a match counts only when it
    /// is a whole word ("Front" is not found inside "Frontline").
    pub fn build(project: &Project) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners: Vec<EntityId> = Vec::new();
        // Dates are found by the date extractor, which resolves each against its document.
        let mut dates: HashMap<&str, EntityId> = HashMap::new();
        for entity in project
            .entities
            .iter()
            .filter(|entity| !entity.hidden && entity.kind == EntityKind::Date)
        {
            dates.insert(&entity.name, entity.id);
        }
        for entity in project
            .entities
            .iter()
            .filter(|entity| !entity.hidden && entity.kind != EntityKind::Date)
        {
            for variant in entity
                .variants
                .iter()
                .filter(|variant| !variant.trim().is_empty())
            {
                patterns.push(variant);
                owners.push(entity.id);
            }
        }
        let mut index = Self::default();
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        // Finding mentions in one document is independent of the others: it runs on every core.
        let find = |document: &crate::model::Document| -> Vec<Mention> {
            let offset = document.body.start();
            // Set-aside paragraphs are blank here: their names are neither highlighted nor counted.
            let analysed = document.analysed_body();
            let body: &str = &analysed;
            let mut mentions = Vec::new();
            for found in automaton
                .iter()
                .flat_map(|automaton| automaton.find_iter(body))
            {
                if !is_whole_word(body, found.start(), found.end()) {
                    continue;
                }
                let entity = owners[found.pattern().as_usize()];
                mentions.push(Mention {
                    entity,
                    range: offset + found.start()..offset + found.end(),
                });
            }
            if !dates.is_empty() {
                for date in find_dates(body, document.date) {
                    let name = date_entity_name(&body[date.range.clone()], date.value);
                    let Some(&entity) = dates.get(name.as_str()) else {
                        continue;
                    };
                    let range = offset + date.range.start..offset + date.range.end;
                    if !mentions.iter().any(|mention: &Mention| {
                        mention.range.start < range.end && range.start < mention.range.end
                    }) {
                        mentions.push(Mention { entity, range });
                    }
                }
                mentions.sort_by_key(|mention| mention.range.start);
            }
            mentions
        };
        let found: Vec<(DocumentId, Vec<Mention>)> = project
            .documents
            .par_iter()
            .map(|document| (document.id, find(document)))
            .collect();
        for (document_id, mentions) in found {
            let Some(document) = project.document(document_id) else {
                continue;
            };
            for mention in &mentions {
                let spelling = &document.text[mention.range.clone()];
                *index
                    .variant_counts
                    .entry(mention.entity)
                    .or_default()
                    .entry(spelling.to_owned())
                    .or_default() += 1;
            }
            for entity in mentions
                .iter()
                .map(|mention| mention.entity)
                .collect::<std::collections::BTreeSet<_>>()
            {
                index.documents.entry(entity).or_default().push(document.id);
            }
            index.by_document.insert(document.id, mentions);
        }
        index
    }

    /// The number of mentions of an entity over all documents.
    pub fn mention_count(&self, entity: EntityId) -> usize {
        self.variant_counts
            .get(&entity)
            .map_or(0, |counts| counts.values().sum())
    }

    /// The number of documents that mention an entity.
    pub fn document_count(&self, entity: EntityId) -> usize {
        self.documents.get(&entity).map_or(0, Vec::len)
    }

    /// Whether an entity belongs in lists: not hidden, and either added by the user or still
    /// mentioned somewhere (a date read differently after its document's date changed is not).
    pub fn is_listed(&self, entity: &crate::model::Entity) -> bool {
        !entity.hidden
            && (entity.origin == crate::model::EntityOrigin::Manual
                || self.mention_count(entity.id) > 0)
    }

    /// The mentions in one document, sorted by position.
    pub fn in_document(&self, document: DocumentId) -> &[Mention] {
        self.by_document.get(&document).map_or(&[], Vec::as_slice)
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, EntityOrigin};

    fn project_with(text: &str, entities: &[(&str, &[&str], bool)]) -> Project {
        let mut project = Project::new("t");
        let mut document = crate::import::document_from_bytes(text.as_bytes(), "a.txt")
            .expect("imports")
            .document;
        document.id = DocumentId(1);
        project.documents.push(document);
        for (index, (name, variants, hidden)) in entities.iter().enumerate() {
            project.entities.push(Entity {
                id: EntityId(u32::try_from(index).unwrap_or_default() + 1),
                name: (*name).to_owned(),
                kind: EntityKind::Place,
                variants: variants.iter().map(|v| (*v).to_owned()).collect(),
                hidden: *hidden,
                origin: EntityOrigin::Detected,
            });
        }
        project
    }

    #[test]
    fn finds_all_spellings_as_whole_words_only() {
        let text = "Panjshir and Panshir, but not Panjshiri; the Front, not the Frontline.";
        let project = project_with(
            text,
            &[
                ("Panjshir", &["Panjshir", "Panshir"], false),
                ("Front", &["Front"], false),
            ],
        );
        let index = MentionIndex::build(&project);
        let found: Vec<&str> = index
            .in_document(DocumentId(1))
            .iter()
            .map(|m| &text[m.range.clone()])
            .collect();
        assert_eq!(found, ["Panjshir", "Panshir", "Front"]);
        assert_eq!(index.mention_count(EntityId(1)), 2);
        assert_eq!(index.document_count(EntityId(2)), 1);
    }

    #[test]
    fn longest_spelling_wins_and_hidden_entities_are_skipped() {
        let text = "Ahmad Shah Massoud was the father; Massoud the son.";
        let project = project_with(
            text,
            &[
                ("Ahmad Shah Massoud", &["Ahmad Shah Massoud"], false),
                ("Massoud", &["Massoud"], false),
                ("Shah", &["Shah"], true),
            ],
        );
        let index = MentionIndex::build(&project);
        let found: Vec<(EntityId, &str)> = index
            .in_document(DocumentId(1))
            .iter()
            .map(|m| (m.entity, &text[m.range.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                (EntityId(1), "Ahmad Shah Massoud"),
                (EntityId(2), "Massoud")
            ]
        );
    }
}
