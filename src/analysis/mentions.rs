//! Where each entity is mentioned: every spelling of every visible entity, found in every body.

use super::dates::find_dates;
use super::entities::{EntityTable, Source, date_entity_name};
use super::lexicon::lexicon;
use crate::model::{DocumentId, EntityId, EntityKind, Project};
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One mention of an entity in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The entity.
    pub entity: EntityId,
    /// Byte range in the document's text.
    pub range: Range<usize>,
}

/// The entities of a project, where each is mentioned, and their counts.
#[derive(Clone, Debug, Default)]
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

impl MentionIndex {
    /// Finds every spelling of every visible entity of `entities` in the body of every document.
    ///
    /// One automaton holds all spellings; the longest match wins, and a match counts only when it
    /// is a whole word ("Front" is not found inside "Frontline"). A surname alone, or a title
    /// and a surname, stands for the one person named in full with that surname in the same
    /// document; where the document names two such people, it is left as it is and reported in
    /// [`Self::ambiguous`].
    pub fn build(project: &Project, table: EntityTable) -> Self {
        let entities = &table;
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners: Vec<EntityId> = Vec::new();
        // Dates are found by the date extractor, which resolves each against its document.
        let mut dates: HashMap<&str, EntityId> = HashMap::new();
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
                patterns.push(variant);
                owners.push(entity.id);
            }
        }
        // Lower-case forms ("les talibans" beside "the Taliban") come after the spellings, so
        // a pattern index at or past `exact_patterns` is one of them.
        let exact_patterns = patterns.len();
        let spelled: HashSet<&str> = patterns.iter().copied().collect();
        let mut lower_forms: Vec<String> = Vec::new();
        for entity in visible().filter(|entity| entity.kind != EntityKind::Person) {
            for variant in &entity.variants {
                for form in lower_case_forms(variant) {
                    if !spelled.contains(form.as_str()) {
                        lower_forms.push(form);
                        owners.push(entity.id);
                    }
                }
            }
        }
        patterns.extend(lower_forms.iter().map(String::as_str));
        let mut index = Self::default();
        let automaton = if patterns.is_empty() {
            None
        } else {
            // A full DFA: the texts are long and many, so scanning speed matters more than the
            // few megabytes the automaton takes.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .ok()
        };
        // Finding mentions in one document is independent of the others: it runs on every core.
        let find = |document: &crate::model::Document| -> (Vec<Mention>, Vec<Mention>) {
            let offset = document.body.start();
            // Set-aside paragraphs are blank here: their names are neither highlighted nor counted.
            let analysed = document.analysed_body();
            let body: &str = &analysed;
            let mut mentions = Vec::new();
            let mut lower = Vec::new();
            for found in automaton
                .iter()
                .flat_map(|automaton| automaton.find_iter(body))
            {
                if !is_whole_word(body, found.start(), found.end()) {
                    continue;
                }
                let pattern = found.pattern().as_usize();
                let mention = Mention {
                    entity: owners[pattern],
                    range: offset + found.start()..offset + found.end(),
                };
                if pattern < exact_patterns {
                    mentions.push(mention);
                } else {
                    lower.push(mention);
                }
            }
            if !dates.is_empty() {
                // The dates analysis already read in this document, or read them now.
                let found: Vec<(String, std::ops::Range<usize>)> =
                    match entities.readings.get(&document.id) {
                        Some(reading) => reading
                            .dates
                            .iter()
                            .map(|(_, name, range)| (name.clone(), range.clone()))
                            .collect(),
                        None => find_dates(body, document.date)
                            .into_iter()
                            .map(|date| {
                                let name = date_entity_name(&body[date.range.clone()], date.value);
                                (name, date.range)
                            })
                            .collect(),
                    };
                for (name, range) in found {
                    let Some(&entity) = dates.get(name.as_str()) else {
                        continue;
                    };
                    let range = offset + range.start..offset + range.end;
                    if !mentions.iter().any(|mention: &Mention| {
                        mention.range.start < range.end && range.start < mention.range.end
                    }) {
                        mentions.push(Mention { entity, range });
                    }
                }
                mentions.sort_by_key(|mention| mention.range.start);
            }
            (mentions, lower)
        };
        let found: Vec<(DocumentId, Found)> = project
            .documents
            .par_iter()
            .map(|document| (document.id, find(document)))
            .collect();
        let found = keep_lower_case_where_the_language_writes_it_so(project, found);
        let found: Vec<(DocumentId, Vec<Mention>)> = found
            .into_iter()
            .map(|(document, mentions)| {
                let text = project
                    .document(document)
                    .map_or("", |document| &*document.text);
                let (mentions, ambiguous) = resolve_short_forms(text, entities, mentions);
                index
                    .ambiguous
                    .extend(
                        ambiguous
                            .into_iter()
                            .map(|(short, people)| AmbiguousShortForm {
                                document,
                                short,
                                people,
                            }),
                    );
                (document, mentions)
            })
            .collect();
        index.ambiguous.sort();
        for (document_id, mentions) in found {
            let Some(document) = project.document(document_id) else {
                continue;
            };
            for mention in &mentions {
                let spelling = &document.text[mention.range.clone()];
                let counts = index.variant_counts.entry(mention.entity).or_default();
                // Counting a spelling already seen copies nothing.
                match counts.get_mut(spelling) {
                    Some(count) => *count += 1,
                    None => {
                        counts.insert(spelling.to_owned(), 1);
                    }
                }
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
type Found = (Vec<Mention>, Vec<Mention>);

/// Gives each short form of a document ("Massoud", "Mr. Zelensky", "Abu Hatab", and for names
/// that put the family name first, "Tsai" of "Tsai Ing-wen") to the person its full name names
/// there, when only one does; returns the mentions and, for each short form left ambiguous, the
/// people it may mean.
fn resolve_short_forms(
    text: &str,
    entities: &EntityTable,
    mut mentions: Vec<Mention>,
) -> (Vec<Mention>, Vec<(EntityId, Vec<EntityId>)>) {
    let fold = crate::text::fold;
    // Each person named in full here, with the forms that may stand for them: their last words
    // (one or more, fewer than all), and their first word.
    let mut people: Vec<(EntityId, Vec<String>, String)> = Vec::new();
    for mention in &mentions {
        let Some(entity) = entities.entity(mention.entity) else {
            continue;
        };
        if entity.kind != EntityKind::Person {
            continue;
        }
        let written = text.get(mention.range.clone()).unwrap_or_default();
        let words: Vec<&str> = written.split_whitespace().collect();
        if words.len() < 2 || people.iter().any(|(id, ..)| *id == entity.id) {
            continue;
        }
        let first = words[0].split('-').next().unwrap_or(words[0]);
        let endings = (1..words.len())
            .map(|start| fold(&words[start..].join(" ")))
            .collect();
        people.push((entity.id, endings, fold(first)));
    }
    if people.is_empty() {
        return (mentions, Vec::new());
    }
    let lexicon = lexicon();
    let mut ambiguous: std::collections::BTreeMap<EntityId, Vec<EntityId>> =
        std::collections::BTreeMap::new();
    for mention in &mut mentions {
        // Only a short form analysis found on its own is given away; one the user curated
        // (merged, renamed, kept apart) stays the user's, and so does a country's name.
        let Some(entity) = entities.entity(mention.entity) else {
            continue;
        };
        if entities.source(entity.id) != Source::Derived
            || matches!(entity.kind, EntityKind::Organisation | EntityKind::Date)
            || people.iter().any(|(id, ..)| *id == entity.id)
        {
            continue;
        }
        let written = text.get(mention.range.clone()).unwrap_or_default();
        let folded = fold(written);
        let as_surname: Vec<EntityId> = people
            .iter()
            .filter(|(_, endings, _)| endings.contains(&folded))
            .map(|(id, ..)| *id)
            .collect();
        // A first word alone stands for the person only when it is no one's surname.
        let candidates: Vec<EntityId> = if as_surname.is_empty() {
            people
                .iter()
                .filter(|(.., first)| *first == folded)
                .map(|(id, ..)| *id)
                .collect()
        } else {
            as_surname.clone()
        };
        if candidates.is_empty() {
            continue;
        }
        let place = lexicon.place(written);
        if place.is_some_and(|place| place.class >= super::lexicon::PlaceClass::Country) {
            continue;
        }
        // A place's name given to a person as a surname ("Phoenix" of "Joaquin Phoenix"), or a
        // small town's as the family name some names put first ("Tsai" of "Tsai Ing-wen");
        // never a city's as a first name ("Paris" of "Paris Hilton" is still the city).
        let small_town = place.is_none_or(|place| place.weight() < 2.0);
        if entity.kind == EntityKind::Place && !small_town && as_surname.is_empty() {
            continue;
        }
        match candidates.as_slice() {
            [person] => mention.entity = *person,
            _ => {
                let mut candidates = candidates;
                candidates.sort_unstable();
                ambiguous.insert(entity.id, candidates);
            }
        }
    }
    (mentions, ambiguous.into_iter().collect())
}

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
    project: &Project,
    found: Vec<(DocumentId, Found)>,
) -> Vec<(DocumentId, Vec<Mention>)> {
    let language = |id: DocumentId| {
        project
            .document(id)
            .and_then(|document| document.language.as_deref())
    };
    let mut capitalised: HashMap<EntityId, HashSet<Option<&str>>> = HashMap::new();
    for (document, (mentions, _)) in &found {
        for mention in mentions {
            capitalised
                .entry(mention.entity)
                .or_default()
                .insert(language(*document));
        }
    }
    found
        .into_iter()
        .map(|(document, (mut mentions, lower))| {
            let written = language(document);
            let before = mentions.len();
            for mention in lower.into_iter().filter(|mention| {
                written.is_some()
                    && capitalised
                        .get(&mention.entity)
                        .is_some_and(|capital| !capital.contains(&written))
            }) {
                if !mentions[..before].iter().any(|known| {
                    known.range.start < mention.range.end && mention.range.start < known.range.end
                }) {
                    mentions.push(mention);
                }
            }
            if mentions.len() > before {
                mentions.sort_by_key(|mention| mention.range.start);
            }
            (document, mentions)
        })
        .collect()
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

    fn index_of(project: &Project) -> MentionIndex {
        MentionIndex::of_stored_entities(project)
    }

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
            project.documents.push(document);
        }
        project.entities.push(Entity {
            id: EntityId(1),
            name: "Taliban".into(),
            kind: EntityKind::Organisation,
            variants: vec!["Taliban".into()],
            hidden: false,
            origin: EntityOrigin::Detected,
        });
        project.entities.push(Entity {
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
