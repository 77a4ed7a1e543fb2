//! How runs of capitalised words join and grow: particles and "of" inside a name, an ampersand,
//! an abbreviated first name, a role before a first name, and the lower-case words that go on
//! a name the lexicon knows or, in French, a body's name.

use super::super::super::lexicon::Lexicon;
use super::super::super::words::Word;
use super::shape::in_heading;
use super::{is_name_word, is_particle, is_sure_first_name, is_well_known};

/// Whether `words[at..]` opens with words of a role ("Chief Executive", "Deputy") and goes on,
/// before `end`, with a first name and at least one more word: "Chief Executive Carrie Lam".
pub(super) fn role_before_first_name(
    lexicon: &Lexicon,
    words: &[Word<'_>],
    at: usize,
    end: usize,
) -> bool {
    let mut next = at;
    while next < end && lexicon.is_title_prefix(words[next].text) {
        next += 1;
    }
    next > at && next + 1 < end && is_sure_first_name(lexicon, words[next].text)
}

/// Whether `words[end]` is a particle or "of" that joins the run `words[first..end]` to the
/// capitalised word after it: "Charles de Gaulle", "University of Cape Town".
pub(super) fn joins_name(lexicon: &Lexicon, words: &[Word<'_>], first: usize, end: usize) -> bool {
    let Some(next) = words.get(end + 1) else {
        return false;
    };
    if next.broken_before || !is_name_word(lexicon, next) {
        return false;
    }
    let word = words[end].text;
    // "l'Europe de Stephen Smith": a place, then someone's name, is two names; not a point of
    // the compass ("le Nord de l'Italie", though "Nord" is a region and "Italie" a first name).
    let left: Vec<&str> = words[first..end].iter().map(|word| word.text).collect();
    let left = left.join(" ");
    if is_well_known(lexicon, &left)
        && !lexicon.is_direction(&left)
        && lexicon.given_name(next.text).is_some()
    {
        return false;
    }
    // "Committee for Economic Development", "Institute for Strategic Studies", "National
    // Institute on Drug Abuse": a body's name goes on with "for" and "on" too (a place's does
    // not: "the Panjshir Valley for Massoud").
    is_particle(lexicon, word)
        || word == "of" && opens_of_name(lexicon, &words[first..end])
        || matches!(word, "for" | "on")
            && words[first..end]
                .iter()
                .any(|word| lexicon.is_organisation_word(word.text))
}

/// Whether `words[end]` is a capitalised function word inside a name written in title case in
/// running text ("Médecins Sans Frontières", "Doctors Without Borders"), not in a heading, where
/// title case joins words that are no name.
pub(super) fn joins_capitalised(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    end: usize,
) -> bool {
    let word = &words[end];
    let Some(next) = words.get(end + 1) else {
        return false;
    };
    word.text.chars().next().is_some_and(char::is_uppercase)
        && !word.sentence_start
        && !next.broken_before
        && lexicon.is_stop_word(word.text)
        && is_name_word(lexicon, next)
        && !in_heading(text, word.start)
}

/// Whether `words[end]` follows an abbreviated first name and its dot ("Wm. Smith", "Chas.
/// Brown"), or the abbreviation opening part of a name ("St. Louis", "St.-Julien"): the word
/// goes on the name.
pub(super) fn after_abbreviated_first_name(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    end: usize,
) -> bool {
    let Some(first_name) = end.checked_sub(1).map(|index| &words[index]) else {
        return false;
    };
    let gap = &text[first_name.end..words[end].start];
    let capitalised = first_name.text.starts_with(char::is_uppercase)
        && words[end].text.starts_with(char::is_uppercase);
    capitalised
        && (lexicon.is_given_name_abbreviation(first_name.text) && gap.trim_end() == "."
            // "St. Louis", "St.-Julien": the abbreviation opens the next part of the name.
            || lexicon.is_name_abbreviation(first_name.text)
                && matches!(gap.trim_end(), "." | ".-" | "-"))
}

/// Whether `words[end]` follows an ampersand between two capitalised words: the name of a firm
/// ("Stephens & Trammel", "Procter & Gamble", "Simon & Schuster").
pub(super) fn after_ampersand(text: &str, words: &[Word<'_>], end: usize) -> bool {
    end > 0
        && text[words[end - 1].end..words[end].start].trim() == "&"
        && words[end - 1].text.starts_with(char::is_uppercase)
        && words[end].text.starts_with(char::is_uppercase)
}

/// Whether a run may go on with "of": organisations and kinds of places are named so ("Bank of
/// England", "Ministry of Defence", "Republic of Korea", "Gulf of Aden"); people are not.
pub(super) fn opens_of_name(lexicon: &Lexicon, run: &[Word<'_>]) -> bool {
    run.iter().any(|word| {
        lexicon.is_organisation_word(word.text)
            || lexicon.is_place_word(word.text)
            || matches!(
                word.text,
                "Gulf" | "Bay" | "Sea" | "Strait" | "Straits" | "Isle" | "Kingdom" | "Cape"
            )
    })
}

/// A name that goes on in lower case ("Nations unies", "État islamique", "Banque mondiale")
/// when the lexicon knows it: the run is taken up to the end of the longest such name.
pub(super) fn extend_to_known_name(
    lexicon: &Lexicon,
    words: &[Word<'_>],
    first: usize,
    end: usize,
) -> Option<usize> {
    const MOST_LOWER_CASE: usize = 3;
    (1..=MOST_LOWER_CASE).rev().find_map(|extra| {
        let last = end + extra;
        let added = words.get(end..last)?;
        if added.iter().any(|word| {
            word.broken_before || !word.text.chars().next().is_some_and(char::is_lowercase)
        }) {
            return None;
        }
        let name: Vec<&str> = words[first..last].iter().map(|word| word.text).collect();
        let name = name.join(" ");
        (lexicon.organisation(&name).is_some() || lexicon.place(&name).is_some()).then_some(last)
    })
}

/// French names bodies with a noun and, in lower case, adjectives and a complement after it
/// ("Conseil fédéral", "Banque nationale suisse", "Forum économique mondial", "Cour des
/// comptes", "Office fédéral de l'agriculture", "Office fédéral de la sécurité alimentaire et
/// des affaires vétérinaires"): a run whose last word is an organisation's word goes on with
/// them.
pub(super) fn extend_to_adjectives(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    first: usize,
    end: usize,
) -> Option<usize> {
    const MOST_ADJECTIVES: usize = 2;
    const MOST_COMPLEMENTS: usize = 2;
    if end - first > 2 || !lexicon.is_organisation_word(words[end - 1].text) {
        return None;
    }
    // Only spaces, or spaces and an elided article ("de l'agriculture"), before word `at`.
    let joined = |at: usize, elided: bool| {
        let gap = &text[words[at - 1].end..words[at].start];
        gap.chars().all(|c| c == ' ')
            || elided
                && matches!(
                    gap.trim_start_matches(' '),
                    "l'" | "l’" | "d'" | "d’" | "L'" | "L’"
                )
    };
    let lower_word = |at: usize| {
        words.get(at).is_some_and(|word| {
            word.text.starts_with(char::is_lowercase)
                && !lexicon.is_stop_word(word.text)
                && !lexicon.is_calendar_word(word.text)
        })
    };
    let adjectives = |mut at: usize| {
        let start = at;
        while at - start < MOST_ADJECTIVES
            && lower_word(at)
            && joined(at, false)
            && is_adjective(lexicon, words[at].text)
        {
            at += 1;
        }
        at
    };
    let mut last = adjectives(end);
    // "de l'agriculture", "des comptes", "et des affaires vétérinaires".
    for _ in 0..MOST_COMPLEMENTS {
        let mut at = last;
        if last > end && words.get(at).is_some_and(|word| word.text == "et") && joined(at, false) {
            at += 1;
        }
        let preposition = words
            .get(at)
            .is_some_and(|word| matches!(word.text, "de" | "du" | "des" | "d"));
        if !preposition || !joined(at, true) {
            break;
        }
        let mut noun = at + 1;
        if words.get(noun).is_some_and(|word| word.text == "la") && joined(noun, false) {
            noun += 1;
        }
        if !lower_word(noun) || !joined(noun, true) {
            break;
        }
        last = adjectives(noun + 1);
    }
    (last > end).then_some(last)
}

/// "Afrique centrale", "Europe occidentale": a place the gazetteer knows and, in lower case
/// right after it, a point of the compass made an adjective.
pub(super) fn extend_place_to_direction(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    first: usize,
    end: usize,
) -> Option<usize> {
    let next = words.get(end)?;
    let name = &text[words[first].start..words[end - 1].end];
    (next.text.starts_with(char::is_lowercase)
        && text[words[end - 1].end..next.start]
            .chars()
            .all(|c| c == ' ')
        && lexicon.is_direction_adjective(next.text)
        && lexicon.place(name).is_some())
    .then_some(end + 1)
}

/// Whether a lower-case French word reads as an adjective of a body's name: "fédéral",
/// "nationale", "constitutionnel", "économique", "socialiste", "suisse".
fn is_adjective(lexicon: &Lexicon, word: &str) -> bool {
    const ENDINGS: [&str; 14] = [
        "al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ique", "iques", "aire", "aires",
        "iste", "istes",
    ];
    ENDINGS
        .iter()
        .any(|ending| word.len() > ending.len() + 2 && word.ends_with(ending))
        || lexicon.is_group_word(word)
}
