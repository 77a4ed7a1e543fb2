//! Acronyms: written like one, spelled out by the name before them, or a roman numeral.

use super::super::super::words::{Word, words};
use super::{AcronymLink, Candidate};

/// Words skipped when an acronym is spelled from a name's initials.
pub(super) fn is_linking_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "la" | "le"
            | "les"
            | "d'"
            | "l'"
            | "of"
            | "the"
            | "and"
            | "for"
            | "et"
            | "pour"
            | "en"
            | "de"
            | "du"
            | "des"
            | "al"
            | "und"
            | "der"
            | "die"
            | "das"
            | "von"
    )
}

/// The initials of a name's words, linking words left out, in capitals.
pub(super) fn initials(words: &[Word<'_>]) -> String {
    words
        .iter()
        .filter(|word| !is_linking_word(word.text))
        .filter_map(|word| word.text.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `acronym` abbreviates a name whose initials are `initials`: the same letters, or
/// its letters in order among them, starting with the first ("MUJAO").
pub(super) fn abbreviates(acronym: &str, initials: &str) -> bool {
    let letters: String = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    if letters.chars().count() < 2 {
        return false;
    }
    if letters == initials {
        return true;
    }
    let mut wanted = letters.chars().peekable();
    let mut available = initials.chars();
    if wanted.peek() != available.clone().next().as_ref() {
        return false;
    }
    for initial in available.by_ref() {
        if wanted.peek() == Some(&initial) {
            wanted.next();
        }
    }
    wanted.peek().is_none() && letters.chars().count() >= 3
}

/// A name that goes on in lower case, as French names do ("Front national de résistance"),
/// is only taken whole when an acronym in parentheses right after it spells its initials:
/// "Front national de résistance (FNR)", "Organisation mondiale de la santé (OMS)". Returns
/// the end of the longer run.
pub(super) fn extend_to_acronym(
    text: &str,
    words: &[Word<'_>],
    first: usize,
    end: usize,
) -> Option<usize> {
    const MOST_LOWER_CASE: usize = 6;
    let mut next = end;
    while next < words.len() && next - end <= MOST_LOWER_CASE {
        let word = &words[next];
        if word.broken_before {
            break;
        }
        if word.text.chars().next().is_some_and(char::is_uppercase) && !is_acronym(word.text) {
            return None;
        }
        next += 1;
    }
    if next == end || next >= words.len() {
        return None;
    }
    let acronym = &words[next];
    let gap = &text[words[next - 1].end..acronym.start];
    if !gap.trim().starts_with('(') || !is_acronym(acronym.text) {
        return None;
    }
    (initials(&words[first..next]) == acronym_letters(acronym.text)).then_some(next)
}

pub(super) fn acronym_letters(acronym: &str) -> String {
    acronym.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The acronyms a text spells out: a candidate followed by an acronym in parentheses that
/// abbreviates it ("Syrian Democratic Forces (SDF)", "Forces démocratiques syriennes (FDS)").
pub(super) fn acronym_links(text: &str, candidates: &[Candidate]) -> Vec<AcronymLink> {
    candidates
        .windows(2)
        .filter_map(|pair| {
            let (name, acronym) = (&pair[0], &pair[1]);
            let gap = text.get(name.end..acronym.start)?;
            if gap.trim() != "(" || !acronym.all_caps || name.all_caps {
                return None;
            }
            if !text[acronym.end..].trim_start().starts_with(')') {
                return None;
            }
            let name_words = words(&name.text);
            (abbreviates(&acronym.text, &initials(&name_words))
                || letters_in_order(&acronym.text, &name.text, name_words.len()))
            .then(|| AcronymLink {
                expansion: name.text.clone(),
                acronym: acronym.text.clone(),
            })
        })
        .collect()
}

/// The acronyms a text spells out in lower-case words, which makes them common nouns, not
/// names: "fournisseurs d’accès à Internet (FAI)", "the gross domestic product (GDP)".
/// (A name spelled out opens with a capital: "Organisation mondiale de la santé (OMS)".)
pub(super) fn common_noun_acronyms(text: &str, words: &[Word<'_>]) -> Vec<String> {
    let mut found = Vec::new();
    for (index, acronym) in words.iter().enumerate() {
        let letters = acronym_letters(acronym.text).chars().count();
        if index == 0 || letters < 2 || !is_acronym(acronym.text) {
            continue;
        }
        let before = &words[index - 1];
        let opened = text[before.end..acronym.start].trim() == "(";
        let closed = text[acronym.end..].trim_start().starts_with(')');
        if !opened || !closed {
            continue;
        }
        // The longest run of words right before the parenthesis that spells it: "Commission
        // nationale de contrôle des techniques de renseignement (CNCTR)" is spelled from its
        // capital, not from "contrôle des techniques…".
        let reach = index.saturating_sub(letters + 4);
        let spelled = (reach..index).find(|&first| {
            let expansion = &words[first..index];
            !is_linking_word(expansion[0].text)
                && expansion[1..].iter().all(|word| !word.broken_before)
                && (abbreviates(acronym.text, &initials(expansion))
                    || letters_in_order(
                        acronym.text,
                        &text[expansion[0].start..expansion[expansion.len() - 1].end],
                        expansion.len(),
                    ))
        });
        let common = spelled.is_some_and(|first| {
            let expansion = &words[first..index];
            let lower = expansion
                .iter()
                .filter(|word| word.text.starts_with(char::is_lowercase))
                .count();
            expansion[0].text.starts_with(char::is_lowercase) && lower * 2 > expansion.len()
        });
        if common && !found.iter().any(|known| known == acronym.text) {
            found.push(acronym.text.to_owned());
        }
    }
    found
}

/// Whether a word is a roman numeral in capitals ("II", "XIV").
pub(super) fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.chars().count() <= 6
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && word != "MD"
        && !matches!(word, "CD" | "DC" | "LC" | "MC" | "MI" | "MIX" | "DVD")
}

/// Whether a word is written like an acronym: capitals (with dots, hyphens or digits), two
/// letters at least.
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c.is_ascii_digit())
}

/// Whether an acronym of three letters or more takes its letters, in order, from a name that
/// starts with its first letter, some of them from inside a word ("OFAG" of "Office fédéral de
/// l'agriculture", "OFEV" of "Office fédéral de l'environnement"), and the name has no more
/// words than such acronyms have (Schwartz and Hearst's rule, 2003).
fn letters_in_order(acronym: &str, name: &str, name_words: usize) -> bool {
    let short: Vec<char> = crate::text::fold(acronym)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let long: Vec<char> = crate::text::fold(name).chars().collect();
    if short.len() < 3 || name_words > (short.len() + 5).min(2 * short.len()) {
        return false;
    }
    let mut at = long.len();
    for (index, wanted) in short.iter().enumerate().rev() {
        loop {
            let Some(before) = at.checked_sub(1) else {
                return false;
            };
            at = before;
            if long[at] == *wanted && (index > 0 || at == 0) {
                break;
            }
            if index == 0 && at == 0 {
                return false;
            }
        }
    }
    true
}
