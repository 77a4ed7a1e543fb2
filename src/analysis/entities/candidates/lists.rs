//! What a name's neighbours in a list say about it: "Gladwin, Wayne, Huron and Schoolcraft
//! counties" is a list of places when the names the lexicon knows in it are places, so the
//! others are places too.

use super::Candidate;
use crate::analysis::lexicon::Lexicon;
use crate::model::EntityKind;

/// The words that join the items of a list, with the commas around them.
const JOINS: [&str; 8] = [
    ", ", " and ", ", and ", " et ", ", et ", " or ", " ou ", " und ",
];

/// Gives the names of a list that have no cue of their own, or only a weak one of a place ("from
/// Dakota, Colorado and Texas"), a cue of a place, when at least two of its items are known
/// places and none is a known person or organisation. The cue counts as much as "the district
/// of" before a name, so it outweighs a first name that is also a place's ("Dakota").
pub(super) fn cue_list_items(lexicon: &Lexicon, text: &str, candidates: &mut [Candidate]) {
    let mut first = 0;
    while first < candidates.len() {
        let mut end = first + 1;
        while end < candidates.len()
            && candidates[end - 1].end <= candidates[end].start
            && JOINS.contains(&&text[candidates[end - 1].end..candidates[end].start])
        {
            end += 1;
        }
        if end - first >= 3 {
            cue_places(lexicon, &mut candidates[first..end]);
        }
        first = end;
    }
}

/// What the lexicon or the name's own words say an item is, if anything.
fn known_kind(lexicon: &Lexicon, candidate: &Candidate) -> Option<EntityKind> {
    let name = candidate.text.as_str();
    if lexicon.organisation(name).is_some() || candidate.cue == Some(EntityKind::Organisation) {
        return Some(EntityKind::Organisation);
    }
    let words: Vec<&str> = crate::text::words_of_name(name);
    if lexicon.is_well_known_place(name)
        || words.len() >= 2 && lexicon.is_place_word(words[words.len() - 1])
        || candidate.cue == Some(EntityKind::Place) && !candidate.weak_cue
    {
        return Some(EntityKind::Place);
    }
    let person = candidate.cue == Some(EntityKind::Person)
        || words.len() >= 2
            && lexicon
                .given_name(words[0])
                .is_some_and(|given| !given.ambiguous);
    person.then_some(EntityKind::Person)
}

fn cue_places(lexicon: &Lexicon, items: &mut [Candidate]) {
    let kinds: Vec<Option<EntityKind>> =
        items.iter().map(|item| known_kind(lexicon, item)).collect();
    let places = kinds
        .iter()
        .filter(|kind| **kind == Some(EntityKind::Place))
        .count();
    let others = kinds
        .iter()
        .filter(|kind| kind.is_some_and(|kind| kind != EntityKind::Place))
        .count();
    if places < 2 || others > 0 {
        return;
    }
    for item in items
        .iter_mut()
        .filter(|item| item.cue.is_none() || item.cue == Some(EntityKind::Place) && item.weak_cue)
    {
        item.cue = Some(EntityKind::Place);
        item.weak_cue = false;
        item.sentence_initial = false;
    }
}

#[cfg(test)]
mod tests {
    use super::super::candidates;
    use crate::model::EntityKind;

    /// Each candidate with its cue and whether the cue is weak.
    fn cues(text: &str) -> Vec<(String, Option<EntityKind>, bool)> {
        candidates(text, Some("en"))
            .into_iter()
            .map(|candidate| (candidate.text, candidate.cue, candidate.weak_cue))
            .collect()
    }

    fn cued(name: &str, cue: Option<EntityKind>, weak: bool) -> (String, Option<EntityKind>, bool) {
        (name.to_owned(), cue, weak)
    }

    #[test]
    fn the_unknown_items_of_a_list_of_places_are_cued_as_places_and_a_mixed_list_is_left_alone() {
        let place = Some(EntityKind::Place);
        assert_eq!(
            cues("Storms hit Kabul, Vardesh, Herat and Olvendale on Monday.\n"),
            [
                cued("Kabul", place, false),
                cued("Vardesh", place, false),
                cued("Herat", place, false),
                cued("Olvendale", place, false),
            ]
        );
        // "from" gave the first item a weak cue; the list makes it as strong as the others'.
        assert_eq!(
            cues("Settlers came from Dakota, Colorado, Texas and Ohio in May.\n"),
            [
                cued("Dakota", place, false),
                cued("Colorado", place, false),
                cued("Texas", place, false),
                cued("Ohio", place, false),
            ]
        );
        assert_eq!(
            cues("They met Kabul, Vardesh, Herat and Maria Olvendale on Monday.\n"),
            [
                cued("Kabul", None, false),
                cued("Vardesh", None, false),
                cued("Herat", None, false),
                cued("Maria Olvendale", None, false),
            ]
        );
    }
}
