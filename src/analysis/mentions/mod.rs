//! Where each entity is mentioned: every spelling of every visible entity, found in every body.

mod scan;
mod short_forms;

pub use scan::ScanCache;

use super::dates::find_dates;
use super::entities::{EntityTable, date_entity_name};
use super::lexicon::lexicon;
use crate::model::{DocumentId, EntityId, EntityKind, Project};
use crate::text::{WordMap, WordSet};
use rayon::prelude::*;
use short_forms::SpellingShape;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// One mention of an entity in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The entity.
    pub entity: EntityId,
    /// Byte range in the document's text.
    pub range: Range<usize>,
}

/// The entities of a project, where each is mentioned, and their counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MentionIndex {
    /// Every entity, the user's and those analysis derives.
    pub entities: EntityTable,
    /// Mentions per document, sorted by position, never overlapping.
    pub by_document: HashMap<DocumentId, Vec<Mention>>,
    /// Per entity: how often each spelling occurs, over all documents.
    pub variant_counts: HashMap<EntityId, HashMap<String, usize>>,
    /// Per entity: the documents that mention it, in id order.
    pub documents: HashMap<EntityId, Vec<DocumentId>>,
    /// Short forms a document leaves ambiguous: a surname alone where the document names two
    /// people who share it (a father and a son), with the people it may mean. Sorted.
    pub ambiguous: Vec<AmbiguousShortForm>,
}

/// A surname alone that could mean any of several people named in full in the same document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AmbiguousShortForm {
    /// The document.
    pub document: DocumentId,
    /// The entity the short form stands for on its own ("Massoud").
    pub short: EntityId,
    /// The people it may mean ("Ahmad Massoud", "Ahmad Shah Massoud").
    pub people: Vec<EntityId>,
}

/// A mention being found: the entity, where, and which spelling searched for it is (an index
/// into the spellings, or `u32::MAX` for a date).
#[derive(Clone, Debug)]
struct Hit {
    entity: EntityId,
    range: Range<usize>,
    spelling: u32,
}

/// A date mention: no spelling was searched for it.
const NO_SPELLING: u32 = u32::MAX;

impl MentionIndex {
    /// Finds every spelling of every visible entity of `entities` in the body of every document.
    ///
    /// One search holds all spellings; the longest match wins, and a match counts only when it
    /// is a whole word ("Front" is not found inside "Frontline"). A surname alone, or a title
    /// and a surname, stands for the one person named in full with that surname in the same
    /// document; where the document names two such people, it is left as it is and reported in
    /// [`Self::ambiguous`].
    pub fn build(project: &Project, table: EntityTable) -> Self {
        Self::build_with(project, table, &ScanCache::default())
    }

    /// [`Self::build`], searching again only the documents that the last search of `scans`
    /// does not answer for (see [`ScanCache`]).
    pub fn build_with(project: &Project, table: EntityTable, scans: &ScanCache) -> Self {
        crate::frame_guard::heavy("finding the mentions in every document");
        let entities = &table;
        // Each spelling searched for, once, with the entity it stands for: the first visible
        // entity, in id order, that has it.
        let mut spellings: Vec<&str> = Vec::new();
        let mut owners: Vec<EntityId> = Vec::new();
        let mut spelled: WordSet<&str> = WordSet::default();
        // Dates are found by the date extractor, which resolves each against its document.
        let mut dates: WordMap<&str, EntityId> = WordMap::default();
        for entity in entities
            .entities
            .iter()
            .filter(|entity| !entity.hidden && entity.kind == EntityKind::Date)
        {
            dates.insert(&entity.name, entity.id);
        }
        let visible = || {
            entities
                .entities
                .iter()
                .filter(|entity| !entity.hidden && entity.kind != EntityKind::Date)
        };
        for entity in visible() {
            for variant in entity
                .variants
                .iter()
                .filter(|variant| !variant.trim().is_empty())
            {
                if spelled.insert(variant) {
                    spellings.push(variant);
                    owners.push(entity.id);
                }
            }
        }
        // Lower-case forms ("les talibans" beside "the Taliban") come after the spellings, so
        // a spelling index at or past `exact` is one of them.
        let exact = spellings.len();
        let mut lower_forms: Vec<(String, EntityId)> = Vec::new();
        let mut lowered: WordSet<String> = WordSet::default();
        for entity in visible().filter(|entity| entity.kind != EntityKind::Person) {
            for variant in &entity.variants {
                for form in lower_case_forms(variant) {
                    if !spelled.contains(form.as_str()) && lowered.insert(form.clone()) {
                        lower_forms.push((form, entity.id));
                    }
                }
            }
        }
        // The entities a lower-case form may count for.
        let lower_case_owners: WordSet<EntityId> =
            lower_forms.iter().map(|(_, entity)| *entity).collect();
        spellings.extend(lower_forms.iter().map(|(form, _)| form.as_str()));
        owners.extend(lower_forms.iter().map(|(_, entity)| *entity));
        let lexicon = lexicon();
        let shapes = SpellingShape::all(lexicon, entities, &spellings, &owners);
        let searched = scans.search(project, &spellings);
        // Finding mentions in one document is independent of the others: it runs on every core.
        let find = |(document, found): (&crate::model::Document, &Arc<Vec<scan::Found>>)| {
            let offset = document.body.start();
            let mut mentions = Vec::new();
            let mut lower = Vec::new();
            for found in found.iter().filter(|found| found.whole_word) {
                let spelling = searched.positions[found.spelling as usize];
                let hit = Hit {
                    entity: owners[spelling as usize],
                    range: offset + found.start..offset + found.end,
                    spelling,
                };
                if (spelling as usize) < exact {
                    mentions.push(hit);
                } else {
                    lower.push(hit);
                }
            }
            if !dates.is_empty() {
                // The dates analysis already read in this document, or read them now.
                let found: Vec<(Cow<'_, str>, Range<usize>)> =
                    match entities.readings.get(&document.id) {
                        Some(reading) => reading
                            .dates
                            .iter()
                            .map(|(_, name, range)| (Cow::Borrowed(name.as_str()), range.clone()))
                            .collect(),
                        None => {
                            let analysed = document.analysed_body();
                            find_dates(&analysed, document.date)
                                .into_iter()
                                .map(|date| {
                                    let name =
                                        date_entity_name(&analysed[date.range.clone()], date.value);
                                    (Cow::Owned(name), date.range)
                                })
                                .collect()
                        }
                    };
                // The spellings found are in text order and never overlap.
                let spelled = mentions.len();
                for (name, range) in found {
                    let Some(&entity) = dates.get(name.as_ref()) else {
                        continue;
                    };
                    let range = offset + range.start..offset + range.end;
                    let overlaps = |mention: &Hit| {
                        mention.range.start < range.end && range.start < mention.range.end
                    };
                    let next = mentions[..spelled]
                        .partition_point(|mention| mention.range.end <= range.start);
                    if !mentions[..spelled].get(next).is_some_and(overlaps)
                        && !mentions[spelled..].iter().any(overlaps)
                    {
                        mentions.push(Hit {
                            entity,
                            range,
                            spelling: NO_SPELLING,
                        });
                    }
                }
                mentions.sort_by_key(|mention| mention.range.start);
            }
            (document.id, (mentions, lower))
        };
        let found: Vec<(DocumentId, Found)> = project
            .documents
            .par_iter()
            .zip(searched.documents.par_iter())
            .map(find)
            .collect();
        let capitalised = capitalised_in(project, &found, &lower_case_owners);
        // Per document: its mentions, the entities it mentions (sorted), and its short forms
        // left ambiguous.
        type Finished = (
            DocumentId,
            Vec<Hit>,
            Vec<EntityId>,
            Vec<(EntityId, Vec<EntityId>)>,
        );
        let found: Vec<Finished> = found
            .into_par_iter()
            .map(|(document, (mentions, lower))| {
                let language = project
                    .document(document)
                    .and_then(|document| document.language.as_deref());
                let mut hits = keep_lower_case_where_the_language_writes_it_so(
                    language,
                    mentions,
                    lower,
                    &capitalised,
                );
                let ambiguous = short_forms::resolve(entities, &shapes, &mut hits);
                let mut mentioned: Vec<EntityId> = hits.iter().map(|hit| hit.entity).collect();
                mentioned.sort_unstable();
                mentioned.dedup();
                (document, hits, mentioned, ambiguous)
            })
            .collect();
        let mut index = Self::default();
        // Mentions counted by entity and spelling searched for (dates by their text), then
        // written out once per spelling.
        // Most mentions are of the entity the spelling was searched for: counted by spelling.
        let mut by_spelling: Vec<usize> = vec![0; spellings.len()];
        let mut counts: WordMap<(EntityId, u32), usize> = WordMap::default();
        let mut date_counts: WordMap<(EntityId, &str), usize> = WordMap::default();
        for (document_id, hits, mentioned, ambiguous) in &found {
            let Some(document) = project.document(*document_id) else {
                continue;
            };
            index
                .ambiguous
                .extend(ambiguous.iter().map(|(short, people)| AmbiguousShortForm {
                    document: *document_id,
                    short: *short,
                    people: people.clone(),
                }));
            for hit in hits {
                if hit.spelling == NO_SPELLING {
                    *date_counts
                        .entry((hit.entity, &document.text[hit.range.clone()]))
                        .or_default() += 1;
                } else if owners[hit.spelling as usize] == hit.entity {
                    by_spelling[hit.spelling as usize] += 1;
                } else {
                    *counts.entry((hit.entity, hit.spelling)).or_default() += 1;
                }
            }
            for entity in mentioned {
                index
                    .documents
                    .entry(*entity)
                    .or_default()
                    .push(*document_id);
            }
        }
        index.ambiguous.sort();
        let by_owner = by_spelling
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(spelling, count)| {
                (
                    (
                        owners[spelling],
                        u32::try_from(spelling).unwrap_or(u32::MAX),
                    ),
                    *count,
                )
            });
        for ((entity, spelling), count) in counts.into_iter().chain(by_owner) {
            *index
                .variant_counts
                .entry(entity)
                .or_default()
                .entry(spellings[spelling as usize].to_owned())
                .or_default() += count;
        }
        for ((entity, text), count) in date_counts {
            *index
                .variant_counts
                .entry(entity)
                .or_default()
                .entry(text.to_owned())
                .or_default() += count;
        }
        for list in index.documents.values_mut() {
            list.sort_unstable();
        }
        index.by_document = found
            .into_iter()
            .map(|(document, hits, ..)| {
                let mentions = hits
                    .into_iter()
                    .map(|hit| Mention {
                        entity: hit.entity,
                        range: hit.range,
                    })
                    .collect();
                (document, mentions)
            })
            .collect();
        index.entities = table;
        index
    }

    /// The mentions of the project's own entities alone, with nothing derived: for tests that
    /// set the entities up by hand.
    #[cfg(test)]
    pub fn of_stored_entities(project: &Project) -> Self {
        let table = EntityTable::build(project, &super::entities::AutoEntities::default());
        Self::build(project, table)
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&crate::model::Entity> {
        self.entities.entity(id)
    }

    /// The number of mentions of an entity over all documents.
    pub fn mention_count(&self, entity: EntityId) -> usize {
        self.variant_counts
            .get(&entity)
            .map_or(0, |counts| counts.values().sum())
    }

    /// The number of documents that mention an entity.
    pub fn document_count(&self, entity: EntityId) -> usize {
        self.documents_of(entity).len()
    }

    /// The documents that mention an entity.
    pub fn documents_of(&self, entity: EntityId) -> &[DocumentId] {
        self.documents.get(&entity).map_or(&[], Vec::as_slice)
    }

    /// Whether an entity belongs in lists: not hidden, and either added by the user or still
    /// mentioned somewhere (a date read differently after its document's date changed is not).
    pub fn is_listed(&self, entity: &crate::model::Entity) -> bool {
        !entity.hidden
            && (entity.origin == crate::model::EntityOrigin::Manual
                || self.mention_count(entity.id) > 0)
    }

    /// Spellings counted for an entity that it does not store: lower-case forms found in
    /// documents of a language that does not capitalise the name ("talibans"), sorted.
    pub fn derived_spellings<'a>(&'a self, entity: &crate::model::Entity) -> Vec<&'a String> {
        let mut derived: Vec<&String> = self
            .variant_counts
            .get(&entity.id)
            .map(|counts| {
                counts
                    .keys()
                    .filter(|text| !entity.variants.contains(text))
                    .collect()
            })
            .unwrap_or_default();
        derived.sort();
        derived
    }

    /// The mentions in one document, sorted by position.
    pub fn in_document(&self, document: DocumentId) -> &[Mention] {
        self.by_document.get(&document).map_or(&[], Vec::as_slice)
    }
}

/// A document's mentions by spelling, and the lower-case forms that may count too.
type Found = (Vec<Hit>, Vec<Hit>);

/// The lower-case forms a one-word name may take in a language that does not capitalise it:
/// "talibans" and "taliban" for "Taliban". People's names, acronyms, short words, function
/// words and generic name words have none.
fn lower_case_forms(spelling: &str) -> Vec<String> {
    let mut chars = spelling.chars();
    let starts_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_lower = chars.clone().all(|c| c.is_lowercase() || c == '-');
    if !starts_upper
        || !rest_lower
        || spelling.chars().count() < 5
        || spelling.contains(char::is_whitespace)
    {
        return Vec::new();
    }
    let lower = spelling.to_lowercase();
    // Generic name words ("Front", "Council", "Valley") are common words in lower case.
    let lexicon = lexicon();
    let generic = lexicon.is_organisation_word(&lower)
        || lexicon.is_place_word(&lower)
        || lexicon.is_title(&lower);
    // A common word in lower case is that word, not the name ("roman", not "Roman").
    if generic
        || lexicon.is_stop_word(&lower)
        || lexicon.is_calendar_word(&lower)
        || lexicon.is_common_word(&lower)
    {
        return Vec::new();
    }
    let mut forms = vec![lower.clone()];
    if !lower.ends_with('s') && !lower.ends_with('x') {
        forms.push(format!("{lower}s"));
    }
    forms
}

/// Keeps the lower-case mentions of an entity only where the documents that write it so are
/// in a language other than those that capitalise it: French writes "les talibans" where
/// English writes "the Taliban", but an English "nice" beside an English "Nice" is not the
/// city. Documents with no language give no such evidence and keep none.
fn keep_lower_case_where_the_language_writes_it_so(
    language: Option<&str>,
    mut mentions: Vec<Hit>,
    lower: Vec<Hit>,
    capitalised: &WordMap<EntityId, HashSet<Option<&str>>>,
) -> Vec<Hit> {
    let before = mentions.len();
    for mention in lower.into_iter().filter(|mention| {
        language.is_some()
            && capitalised
                .get(&mention.entity)
                .is_some_and(|capital| !capital.contains(&language))
    }) {
        // The spellings found are in text order and never overlap.
        let next =
            mentions[..before].partition_point(|known| known.range.end <= mention.range.start);
        if mentions[..before]
            .get(next)
            .is_none_or(|known| known.range.start >= mention.range.end)
        {
            mentions.push(mention);
        }
    }
    if mentions.len() > before {
        mentions.sort_by_key(|mention| mention.range.start);
    }
    mentions
}

/// For each entity that has lower-case forms, the languages of the documents that write it
/// capitalised (`None` for documents of no known language).
fn capitalised_in<'a>(
    project: &'a Project,
    found: &[(DocumentId, Found)],
    lower_case_owners: &WordSet<EntityId>,
) -> WordMap<EntityId, HashSet<Option<&'a str>>> {
    let mut capitalised: WordMap<EntityId, HashSet<Option<&str>>> = WordMap::default();
    let per_document: Vec<(Option<&str>, Vec<EntityId>)> = found
        .par_iter()
        .map(|(document, (mentions, _))| {
            let mut entities: Vec<EntityId> = mentions
                .iter()
                .map(|mention| mention.entity)
                .filter(|entity| lower_case_owners.contains(entity))
                .collect();
            entities.sort_unstable();
            entities.dedup();
            let language = project
                .document(*document)
                .and_then(|document| document.language.as_deref());
            (language, entities)
        })
        .collect();
    for (language, entities) in per_document {
        for entity in entities {
            capitalised.entry(entity).or_default().insert(language);
        }
    }
    capitalised
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityKind, EntityOrigin};

    fn index_of(project: &Project) -> MentionIndex {
        MentionIndex::of_stored_entities(project)
    }

    fn project_with(text: &str, entities: &[(&str, &[&str], bool)]) -> Project {
        let mut project = Project::new("t");
        let mut document = crate::import::document_from_bytes(text.as_bytes(), "a.txt")
            .expect("imports")
            .document;
        document.id = DocumentId(1);
        project.documents.insert(document);
        for (index, (name, variants, hidden)) in entities.iter().enumerate() {
            project.entities.insert(Entity {
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
        let index = index_of(&project);
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
        let index = index_of(&project);
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

    /// Documents in the given languages, with a Taliban entity spelled as English writes it.
    fn bilingual(texts: &[(&str, Option<&str>)]) -> Project {
        let mut project = Project::new("t");
        for (index, (text, language)) in texts.iter().enumerate() {
            let mut document = crate::import::document_from_bytes(text.as_bytes(), "a.txt")
                .expect("imports")
                .document;
            document.id = DocumentId(u32::try_from(index).unwrap_or_default() + 1);
            document.language = language.map(str::to_owned);
            project.documents.insert(document);
        }
        project.entities.insert(Entity {
            id: EntityId(1),
            name: "Taliban".into(),
            kind: EntityKind::Organisation,
            variants: vec!["Taliban".into()],
            hidden: false,
            origin: EntityOrigin::Detected,
        });
        project.entities.insert(Entity {
            id: EntityId(2),
            name: "Nice".into(),
            kind: EntityKind::Place,
            variants: vec!["Nice".into()],
            hidden: false,
            origin: EntityOrigin::Detected,
        });
        project
    }

    #[test]
    fn a_lower_case_form_counts_where_another_language_writes_it_so() {
        let project = bilingual(&[
            ("The Taliban took Nice. It was a nice day.", Some("en")),
            (
                "Les talibans ont pris la ville. Un taliban a parlé.",
                Some("fr"),
            ),
            ("Some text about talibans with no language.", None),
        ]);
        let index = index_of(&project);
        let french: Vec<&str> = index
            .in_document(DocumentId(2))
            .iter()
            .map(|mention| &project.documents[1].text[mention.range.clone()])
            .collect();
        assert_eq!(french, ["talibans", "taliban"]);
        assert_eq!(index.mention_count(EntityId(1)), 3);
        assert!(
            index.in_document(DocumentId(3)).is_empty(),
            "a document of unknown language gives no evidence"
        );
        // English writes both "Nice" and "nice": the lower-case one is a common word.
        assert_eq!(index.mention_count(EntityId(2)), 1);
    }
}
