//! Short forms: a surname alone, or a title and a surname, stands for the one person its
//! document names in full with it.

use super::Hit;
use crate::analysis::entities::{EntityTable, Source};
use crate::analysis::lexicon::{Lexicon, Place, PlaceClass};
use crate::model::{EntityId, EntityKind};
use crate::text::fold;
use crate::text::{WordMap, WordSet};
use std::collections::BTreeMap;

/// What short forms ask of a spelling searched for, worked out once per analysis.
#[derive(Debug)]
pub(super) struct SpellingShape {
    /// The spelling, folded.
    folded: String,
    /// For a name of two words or more, the forms that may stand for it: its last words (one
    /// or more, fewer than all), folded.
    endings: Vec<String>,
    /// For a name of two words or more whose other words are not all common words, its first
    /// word (before a hyphen), folded.
    first: Option<String>,
    /// Whether it has two words or more.
    full: bool,
    /// Whether its first word is a first name the lexicon knows ("Joaquin" of "Joaquin
    /// Phoenix").
    given_first: bool,
    /// The place the gazetteer says it is.
    place: Option<Place>,
    /// Whether it is a person's name in full, of two words or more.
    pub person: bool,
    /// Whether it may be a short form: an entity analysis found, neither an organisation nor
    /// a date, written as the last words or the first word of some person's full name.
    pub short: bool,
}

impl SpellingShape {
    pub fn of(lexicon: &Lexicon, spelling: &str) -> Self {
        let words: Vec<&str> = spelling.split_whitespace().collect();
        let (endings, first) = if words.len() >= 2 {
            let first = words[0].split('-').next().unwrap_or(words[0]);
            let endings = (1..words.len())
                .map(|start| fold(&words[start..].join(" ")))
                .collect();
            // A name that puts the family name first has given names after it ("Tsai
            // Ing-wen"); a name whose other words are all common words ("Cookeville Roller
            // Mills") is a business's or a place's in title case, and its first word alone is
            // not short for it.
            let given_names_after = words[1..]
                .iter()
                .any(|word| !lexicon.is_common_word(&word.to_lowercase()));
            (endings, given_names_after.then(|| fold(first)))
        } else {
            (Vec::new(), None)
        };
        Self {
            folded: fold(spelling),
            full: words.len() >= 2,
            given_first: words.len() >= 2 && lexicon.given_name(words[0]).is_some(),
            endings,
            first,
            place: lexicon.place(spelling),
            person: false,
            short: false,
        }
    }

    /// The shapes of `spellings`, each standing for the entity of `owners` at its index.
    pub fn all(
        lexicon: &Lexicon,
        entities: &EntityTable,
        spellings: &[&str],
        owners: &[EntityId],
    ) -> Vec<Self> {
        use rayon::prelude::*;
        let kind = |id: EntityId| entities.entity(id).map(|entity| entity.kind);
        let mut shapes: Vec<Self> = spellings
            .par_iter()
            .zip(owners)
            .map(|(spelling, owner)| {
                let mut shape = Self::of(lexicon, spelling);
                shape.person = shape.full && kind(*owner) == Some(EntityKind::Person);
                shape
            })
            .collect();
        let forms: std::collections::HashSet<&str> = shapes
            .iter()
            .filter(|shape| shape.person)
            .flat_map(|shape| shape.endings.iter().chain(&shape.first))
            .map(String::as_str)
            .collect();
        let short: Vec<bool> = shapes
            .iter()
            .zip(owners)
            .map(|(shape, owner)| {
                forms.contains(shape.folded.as_str())
                    && entities.source(*owner) == Source::Derived
                    && !matches!(
                        kind(*owner),
                        Some(EntityKind::Organisation | EntityKind::Date) | None
                    )
            })
            .collect();
        for (shape, short) in shapes.iter_mut().zip(short) {
            shape.short = short;
        }
        shapes
    }
}

/// Gives each short form of a document ("Massoud", "Mr. Zelensky", "Abu Hatab", and for names
/// that put the family name first, "Tsai" of "Tsai Ing-wen") to the person its full name names
/// there, when only one does; returns, for each short form left ambiguous, the people it may
/// mean.
pub(super) fn resolve(
    entities: &EntityTable,
    shapes: &[SpellingShape],
    hits: &mut [Hit],
) -> Vec<(EntityId, Vec<EntityId>)> {
    let shape = |hit: &Hit| shapes.get(hit.spelling as usize);
    // Each person named in full here, with the forms that may stand for them.
    let mut people: Vec<(EntityId, &SpellingShape)> = hits
        .iter()
        .filter_map(|hit| Some((hit.entity, shape(hit).filter(|shape| shape.person)?)))
        .collect();
    if people.is_empty() {
        return Vec::new();
    }
    // The first spelling of each person found, then sorted by entity for look-ups.
    let mut seen = WordSet::default();
    people.retain(|(id, _)| seen.insert(*id));
    people.sort_by_key(|(id, _)| *id);
    let is_person = |id: EntityId| people.binary_search_by_key(&id, |(id, _)| *id).is_ok();
    // Who each surname and each first word may stand for, people in entity order.
    let mut by_surname: WordMap<&str, Vec<EntityId>> = WordMap::default();
    let mut by_first: WordMap<&str, Vec<EntityId>> = WordMap::default();
    for (id, shape) in &people {
        for ending in &shape.endings {
            let ids = by_surname.entry(ending.as_str()).or_default();
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        if let Some(first) = &shape.first {
            by_first.entry(first.as_str()).or_default().push(*id);
        }
    }
    let mut ambiguous: BTreeMap<EntityId, Vec<EntityId>> = BTreeMap::new();
    for hit in hits.iter_mut() {
        // Only a short form analysis found on its own is given away; one the user curated
        // (merged, renamed, kept apart) stays the user's, and so does a country's name.
        let Some(written) = shape(hit).filter(|shape| shape.short) else {
            continue;
        };
        if is_person(hit.entity) {
            continue;
        }
        let as_surname = by_surname.get(written.folded.as_str());
        // A first word alone stands for the person only when it is no one's surname.
        let Some(candidates) = as_surname.or_else(|| by_first.get(written.folded.as_str())) else {
            continue;
        };
        let as_surname = as_surname.is_some();
        let place = written.place;
        if place.is_some_and(|place| place.class >= PlaceClass::Country) {
            continue;
        }
        // A place's name given to a person as a surname ("Phoenix" of "Joaquin Phoenix"), or a
        // small town's as the family name some names put first ("Tsai" of "Tsai Ing-wen");
        // never a city's as a first name ("Paris" of "Paris Hilton" is still the city), nor
        // as the last word of a name that opens with no first name ("Stockholm" of
        // "Croix-Rouge Stockholm", a heading run into a dateline).
        let small_town = place.is_none_or(|place| !place.is_well_known());
        let is_place = entities
            .entity(hit.entity)
            .is_some_and(|entity| entity.kind == EntityKind::Place);
        let named_in_full = |id: &EntityId| {
            people
                .binary_search_by_key(id, |(id, _)| *id)
                .is_ok_and(|index| people[index].1.given_first)
        };
        if is_place && !small_town && (!as_surname || !candidates.iter().all(named_in_full)) {
            continue;
        }
        match candidates.as_slice() {
            [person] => hit.entity = *person,
            _ => {
                let mut people = candidates.clone();
                people.sort_unstable();
                ambiguous.insert(hit.entity, people);
            }
        }
    }
    ambiguous.into_iter().collect()
}
