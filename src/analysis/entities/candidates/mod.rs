//! Names in one document: capitalised word runs and acronyms, with what their context says.
//!
//! Pure and per document: the result depends only on the document's analysed body, its date and
//! its language, so it is cached by those (see [`super::EntityCache`]). Kinds are not decided
//! here: each mention only votes, and votes are pooled over the whole corpus.

use super::super::dates::find_dates_in;
use super::super::lexicon::{Lexicon, lexicon};
use super::super::words::{Word, words};
use crate::model::{EntityKind, PartialDate};

mod acronyms;
mod lists;
mod runs;
mod shape;
mod trim;

pub use acronyms::is_acronym;
use acronyms::{acronym_links, extend_to_acronym};
use runs::{
    after_abbreviated_first_name, after_ampersand, extend_place_to_direction, extend_to_adjectives,
    extend_to_known_name, joins_capitalised, joins_name, opens_of_name, role_before_first_name,
};
use shape::{after_dotted_abbreviation, after_middle_initial};
use trim::{is_common_compound, trim_run};

/// A name found in a text, with the evidence of its context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name exactly as written.
    pub text: String,
    /// First byte in the analysed body.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The kind the context suggests (a title before it, "valley" after it), if any.
    pub cue: Option<EntityKind>,
    /// A single word at the start of a sentence with no cue: capitalised by grammar, maybe not a
    /// name. Kept only when the rest of the corpus or the lexicon says it is one.
    pub sentence_initial: bool,
    /// Written in capitals, like an acronym.
    pub all_caps: bool,
    /// The whole name stands in quotation marks: the title of a work, not a person or a place.
    pub quoted: bool,
    /// A single capitalised word in mid-sentence that is a common word in lower case ("the
    /// Internet", "l'État"): a name only if the corpus gives other evidence.
    pub common: bool,
    /// The cue comes from the words around the name ("in", "valley" after it, "said"), which
    /// is weaker evidence than a title or a role before it: it counts for less.
    pub weak_cue: bool,
}

/// How much capital letters say in a document's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rules {
    /// English, French, or a language not detected: a capitalised run is a name.
    Capitals,
    /// German capitalises every noun: a run is a name only with evidence beyond its capitals.
    Nouns,
    /// A language the analyser has no rules for: only names the lexicon knows.
    LexiconOnly,
}

impl Rules {
    /// The rules for a document in `language` (an ISO 639-1 code).
    pub fn for_language(language: Option<&str>) -> Self {
        match language {
            None | Some("en" | "fr") => Self::Capitals,
            Some("de") => Self::Nouns,
            Some(_) => Self::LexiconOnly,
        }
    }
}

/// An acronym given in parentheses after the name it stands for: "(NRF)" after "National
/// Resistance Front".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcronymLink {
    /// The name spelled out.
    pub expansion: String,
    /// The acronym.
    pub acronym: String,
}

/// What one document contributes to the corpus's entities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentNames {
    /// Candidate names, in text order.
    pub candidates: Vec<Candidate>,
    /// Dates as written, each with the name of its date entity and where it is in the analysed
    /// body.
    pub dates: Vec<(String, String, std::ops::Range<usize>)>,
    /// Acronyms the text spells out.
    pub acronyms: Vec<AcronymLink>,
    /// Lower-case words of the text that the lexicon does not list as common, folded and
    /// hashed, sorted: the corpus's own evidence that a capitalised sentence opener is a
    /// common word.
    pub lower_words: Vec<u64>,
    /// The last words, folded, of the people's full names in the text (a title before them or
    /// a first name the lexicon knows): what a surname alone may stand for. Sorted.
    pub surnames: Vec<String>,
}

/// A stable hash of a word (64-bit FNV-1a), for [`DocumentNames::lower_words`] and derived
/// entity ids: the same in every run and on every platform, and cheap for short words.
pub fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Reads one document's analysed body.
pub fn read_document(
    body: &str,
    date: Option<PartialDate>,
    language: Option<&str>,
) -> DocumentNames {
    let words = name_words(body);
    let lexicon = lexicon();
    let mut candidates = candidates_in(body, &words, language);
    let common = acronyms::common_noun_acronyms(body, &words);
    candidates.retain(|candidate| !common.contains(&candidate.text));
    let acronyms = acronym_links(body, &candidates);
    let dates = find_dates_in(body, &words, date)
        .into_iter()
        .map(|mention| {
            let text = body[mention.range.clone()].to_owned();
            let name = super::date_entity_name(&text, mention.value);
            (text, name, mention.range)
        })
        .collect();
    let mut lower_words: Vec<u64> = words
        .iter()
        .filter(|word| {
            word.text.starts_with(char::is_lowercase) && !lexicon.is_common_word(word.text)
        })
        .map(|word| {
            // Most such words are lower-case throughout: hashed as they are, not copied.
            if word.text.chars().any(char::is_uppercase) {
                word_hash(&word.text.to_lowercase())
            } else {
                word_hash(word.text)
            }
        })
        .collect();
    lower_words.sort_unstable();
    lower_words.dedup();
    let mut surnames: Vec<String> = candidates
        .iter()
        .filter_map(|candidate| surname(lexicon, candidate))
        .collect();
    surnames.sort_unstable();
    surnames.dedup();
    DocumentNames {
        candidates,
        dates,
        acronyms,
        lower_words,
        surnames,
    }
}

/// The surname of a candidate that names a person in full, folded.
fn surname(lexicon: &Lexicon, candidate: &Candidate) -> Option<String> {
    if candidate.all_caps {
        return None;
    }
    let words: Vec<&str> = crate::text::words_of_name(&candidate.text);
    if words.len() < 2
        || words
            .iter()
            .any(|word| lexicon.is_organisation_word(word) || lexicon.is_place_word(word))
    {
        return None;
    }
    // A person's name: a title or role before it, or a first name the lexicon knows.
    let person = candidate.cue == Some(EntityKind::Person)
        || lexicon
            .given_name(words[0])
            .is_some_and(|given| !given.ambiguous);
    person.then(|| crate::text::fold(words[words.len() - 1]))
}

/// Finds candidate names in `text` under the rules of its language (an ISO 639-1 code).
pub fn candidates(text: &str, language: Option<&str>) -> Vec<Candidate> {
    candidates_in(text, &name_words(text), language)
}

/// Words of a compound adjective made of a name, cut after the name: "London" of
/// "London-based", "al-Qaeda" of "al-Qaeda-linked", "Taliban" of "Taliban-controlled". (Not
/// a lower-case syllable of a given name: "Ing-wen", "Jong-un" keep theirs.)
const ADJECTIVE_ENDINGS: [&str; 36] = [
    "based",
    "shaped",
    "free",
    "size",
    "sized",
    "like",
    "enabled",
    "themed",
    "powered",
    "specific",
    "wide",
    "compatible",
    "certified",
    "linked",
    "led",
    "backed",
    "born",
    "owned",
    "run",
    "funded",
    "style",
    "era",
    "made",
    "controlled",
    "held",
    "allied",
    "affiliated",
    "aligned",
    "inspired",
    "friendly",
    "sponsored",
    "dominated",
    "oriented",
    "speaking",
    "registered",
    "bound",
];

/// The words of `text` as names are read from them: compound adjectives made of a name are
/// cut to the name (see [`ADJECTIVE_ENDINGS`]).
fn name_words(text: &str) -> Vec<Word<'_>> {
    let mut found = words(text);
    for word in &mut found {
        if let Some((name, ending)) = word.text.rsplit_once('-')
            && name.contains(char::is_uppercase)
            && ADJECTIVE_ENDINGS.contains(&ending)
        {
            word.end = word.start + name.len();
            word.text = name;
        }
    }
    found
}

/// [`candidates`] in the words of `text`, split once for all that reads them.
fn candidates_in(text: &str, words: &[Word<'_>], language: Option<&str>) -> Vec<Candidate> {
    let lexicon = lexicon();
    let rules = match language {
        None if !reads_as_english_or_french(lexicon, words) => Rules::LexiconOnly,
        _ => Rules::for_language(language),
    };
    let french = language == Some("fr");
    // German capitalises its function words at the start of a sentence, and they are not
    // always in the general list ("Der", "Nach", "Auch" are also places or first names).
    let name_word = |word: &Word<'_>| {
        is_name_word(lexicon, word)
            && !(rules == Rules::Nouns && lexicon.is_german_stop_word(word.text))
    };
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if !name_word(&words[index]) {
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while end < words.len()
            && (!words[end].broken_before
                || after_middle_initial(text, words, end)
                || after_abbreviated_first_name(lexicon, text, words, end)
                || after_ampersand(text, words, end)
                || after_dotted_abbreviation(text, words, end, |run| {
                    run.iter().any(|word| {
                        lexicon.is_organisation_word(word.text) || lexicon.is_place_word(word.text)
                    })
                }))
        {
            if name_word(&words[end]) {
                end += 1;
            } else if joins_name(lexicon, words, index, end)
                || joins_capitalised(lexicon, text, words, end)
            {
                end += 2;
            } else if end + 2 < words.len()
                && words[end].text == "of"
                && words[end + 1].text == "the"
                && !words[end + 1].broken_before
                && !words[end + 2].broken_before
                && name_word(&words[end + 2])
                && opens_of_name(lexicon, &words[index..end])
            {
                end += 3;
            } else {
                break;
            }
        }
        if let Some(longer) = extend_to_acronym(text, words, index, end)
            .or_else(|| extend_to_known_name(lexicon, words, index, end))
            .or_else(|| {
                french
                    .then(|| {
                        extend_to_adjectives(lexicon, text, words, index, end)
                            .or_else(|| extend_place_to_direction(lexicon, text, words, index, end))
                    })
                    .flatten()
            })
        {
            end = longer;
        }
        // "sur Twitter Ali Maisam Nazary", "AFP Ahmad Massoud": a platform or an agency
        // written against a person's name is a name of its own.
        // So is an acronym or a city's name before a first name and a surname ("l'UMP Laure
        // de la Raudière", "d'Ostrava Jiří Havrlant"), unless that name is a first name too
        // ("Florence", "Georgia").
        let mut first = index;
        let before_person = || {
            let word = words[index].text;
            (is_acronym(word) && word.chars().count() >= 2
                || is_well_known(lexicon, word) && lexicon.given_name(word).is_none())
                && {
                    // "Marie-Claire": the first part of a compound first name will do.
                    let next = words[index + 1].text;
                    let first_part = next.split('-').next().unwrap_or(next);
                    [next, first_part]
                        .into_iter()
                        .any(|name| is_sure_first_name(lexicon, name))
                }
        };
        if end - index >= 3
            && (lexicon.organisation(words[index].text).is_some() || before_person())
        {
            found.extend(trim_run(lexicon, rules, text, words, index, index + 1));
            first = index + 1;
        }
        // The same with a name of two words the lexicon knows: "European Union Gordon
        // Sondland", "Hong Kong Carrie Lam".
        if end - first >= 4
            && is_well_known(lexicon, &text[words[first].start..words[first + 1].end])
            && is_sure_first_name(lexicon, words[first + 2].text)
        {
            found.extend(trim_run(lexicon, rules, text, words, first, first + 2));
            first += 2;
        }
        // "la Santé Roman Prymula": a capitalised common word before a first name is a name of
        // its own (here a ministry's), not part of the person's.
        if end - first >= 3
            && !words[first].sentence_start
            && is_common_compound(lexicon, words[first].text)
            && is_sure_first_name(lexicon, words[first + 1].text)
        {
            found.extend(trim_run(lexicon, rules, text, words, first, first + 1));
            first += 1;
        }
        // "Zimbabwe President Robert Mugabe", "Taliban spokesman": a title inside a run ends
        // the name before it and introduces the one after it.
        // So do words of a role before a first name ("Hong Kong Chief Executive Carrie Lam").
        // So does a capitalised role before a first name and a surname ("WeWork CEO Adam
        // Neumann", "Labour Leader Keir Starmer").
        let opens_role = |at: usize| {
            !lexicon.is_title_prefix(words[at - 1].text)
                && !lexicon.is_title(words[at - 1].text)
                && (role_before_first_name(lexicon, words, at, end)
                    || at + 2 < end
                        && lexicon.is_role(words[at].text)
                        && is_sure_first_name(lexicon, words[at + 1].text))
        };
        if let Some(title) = (first + 1..end.saturating_sub(1)).find(|at| {
            lexicon.is_title(words[*at].text) && !lexicon.is_title(words[*at - 1].text)
                || opens_role(*at)
        }) {
            let mut before_title = title;
            while before_title > first && lexicon.is_title_prefix(words[before_title - 1].text) {
                before_title -= 1;
            }
            if before_title > first {
                found.extend(trim_run(lexicon, rules, text, words, first, before_title));
                first = before_title;
            }
        }
        // A headline in capitals ("MEETS OLD FRIEND IN ROME") is words, not a name: only the
        // names the lexicon knows in it are taken, one by one.
        let run = &words[first..end];
        let capitals = run.len() >= 2 && run.iter().all(|word| is_acronym(word.text));
        let common = run
            .iter()
            .filter(|word| {
                is_common_compound(lexicon, word.text) || lexicon.is_stop_word(word.text)
            })
            .count();
        if capitals && common * 2 >= run.len() {
            for at in first..end {
                if is_well_known(lexicon, words[at].text) {
                    found.extend(trim_run(lexicon, rules, text, words, at, at + 1));
                }
            }
        } else {
            found.extend(trim_run(lexicon, rules, text, words, first, end));
        }
        index = end;
    }
    if rules == Rules::Nouns {
        cue_german_compounds(lexicon, &mut found);
    }
    found.retain(|candidate| keep_under_rules(lexicon, candidate, rules));
    lists::cue_list_items(lexicon, text, &mut found);
    found
}

fn is_name_word(lexicon: &Lexicon, word: &Word<'_>) -> bool {
    // Most words of a text are lower-case words without a hyphen: none of them is a name.
    let first_upper = word.text.chars().next().is_some_and(char::is_uppercase);
    if !first_upper && !word.text.contains('-') {
        return false;
    }
    // "D’autre", "Qu’en": an elided function word before a lower-case word, capitalised only
    // because it opens a sentence.
    if let Some((_, after)) = word.text.split_once(['\'', '’'])
        && after.starts_with(char::is_lowercase)
        && word
            .text
            .chars()
            .take_while(|c| *c != '\'' && *c != '’')
            .count()
            <= 3
    {
        return false;
    }
    if opens_with_article(word.text) {
        return true;
    }
    // Every title is capitalised, like every name.
    word.text.chars().next().is_some_and(char::is_uppercase)
        && (!lexicon.is_stop_word(word.text) && !lexicon.is_calendar_word(word.text)
            || lexicon.is_title(word.text))
}

/// Whether `word` is a first name the lexicon is sure of: not also a common word or a month,
/// and borne by one person in ten thousand where it is commonest (weight 5). Sure enough
/// that a new name opens with it inside a run ("AFP Ahmad Massoud", "WeWork CEO Adam
/// Neumann").
fn is_sure_first_name(lexicon: &Lexicon, word: &str) -> bool {
    lexicon
        .given_name(word)
        .is_some_and(|given| !given.ambiguous && given.weight >= 5.0)
}

/// Whether the lexicon knows a name well enough to take it whatever its shape: an organisation,
/// or a country, region or city of 100,000 people or more (the names of small towns are often
/// common words or surnames too).
fn is_well_known(lexicon: &Lexicon, name: &str) -> bool {
    lexicon.organisation(name).is_some() || lexicon.is_well_known_place(name)
}

/// Whether a word is a name that opens with a transliterated Arabic article before a capital:
/// "al-Qaeda", "el-Sisi", "ash-Sharq".
fn opens_with_article(word: &str) -> bool {
    word.split_once('-').is_some_and(|(article, rest)| {
        matches!(
            article,
            "al" | "el" | "ad" | "ash" | "as" | "an" | "ar" | "at" | "az" | "ul"
        ) && rest.starts_with(char::is_uppercase)
    })
}

fn is_particle(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is_particle(word) || word.starts_with("al-") || word.starts_with("el-")
}

/// German writes the kind of body and its name as one word ("Bundesrath"): the word says what
/// the name is, as "Council" does in "Federal Council". A council's name before a name is its
/// member's title: "Regierungsrat Keller", "Nationalrat Müller".
fn cue_german_compounds(lexicon: &Lexicon, candidates: &mut [Candidate]) {
    for candidate in candidates
        .iter_mut()
        .filter(|candidate| candidate.cue.is_none())
    {
        let parts = crate::text::words_of_name(&candidate.text);
        let last = parts.last().copied().unwrap_or_default();
        let names_a_body =
            lexicon.is_organisation_word(last) || lexicon.is_german_organisation_compound(last);
        if parts.len() >= 2 && lexicon.is_german_council_member(parts[0]) && !names_a_body {
            candidate.cue = Some(EntityKind::Person);
            candidate.weak_cue = false;
        } else if !candidate.all_caps
            && (parts.len() >= 2 && lexicon.is_organisation_word(last)
                || lexicon.is_german_organisation_compound(last))
        {
            candidate.cue = Some(EntityKind::Organisation);
            candidate.sentence_initial = false;
        }
    }
}

/// Whether a text whose language was not detected reads as English or French: at least half
/// of its words in lower case are common words of either. A text in a language the analyser
/// has no rules for (Indonesian, Portuguese: few of their words are English or French) gets
/// only the names the lexicon knows, as its capitals say nothing the rules can read. A text of
/// fewer than twenty such words (a list of names, a table) is given the benefit of the doubt.
fn reads_as_english_or_french(lexicon: &Lexicon, words: &[Word<'_>]) -> bool {
    const ENOUGH: usize = 20;
    let lower = words
        .iter()
        .filter(|word| !word.text.is_empty() && word.text.chars().all(char::is_lowercase));
    let (mut all, mut common) = (0_usize, 0_usize);
    for word in lower {
        all += 1;
        if lexicon.is_common_word(word.text) || lexicon.is_stop_word(word.text) {
            common += 1;
        }
    }
    all < ENOUGH || common * 2 >= all
}

/// Whether a candidate may stand under the rules of its document's language.
fn keep_under_rules(lexicon: &Lexicon, candidate: &Candidate, rules: Rules) -> bool {
    let known = || {
        lexicon.organisation(&candidate.text).is_some() || lexicon.place(&candidate.text).is_some()
    };
    match rules {
        Rules::Capitals => true,
        Rules::LexiconOnly => known(),
        Rules::Nouns => {
            if matches!(
                candidate.cue,
                Some(EntityKind::Person | EntityKind::Organisation)
            ) || lexicon.organisation(&candidate.text).is_some()
            {
                return true;
            }
            // Small towns are named after common nouns ("Lage", "Ende", "Hof"), which German
            // capitalises: one word of a small town's name needs a cue of a place ("in Hof").
            if lexicon.place(&candidate.text).is_some() {
                return candidate.text.contains(' ')
                    || candidate.cue == Some(EntityKind::Place)
                    || lexicon.is_well_known_place(&candidate.text);
            }
            let parts: Vec<&str> = crate::text::words_of_name(&candidate.text);
            // A place word and a name ("Gemeinde Rümlang"), or a first name the lexicon knows
            // and a surname ("Gottfried Keller").
            parts.len() >= 2
                && (lexicon.is_place_word(parts[0])
                    || lexicon
                        .given_name(parts[0])
                        .is_some_and(|given| !given.ambiguous))
                || candidate.all_caps && candidate.text.chars().count() <= 5
        }
    }
}

/// Kinds of organisation of the press, named after a city as often as after themselves.
const PRESS: [&str; 10] = [
    "daily",
    "weekly",
    "newspaper",
    "magazine",
    "outlet",
    "broadcaster",
    "quotidien",
    "hebdomadaire",
    "journal",
    "agency",
];

fn guess_kind(
    lexicon: &Lexicon,
    run: &[Word<'_>],
    previous: Option<&str>,
    before_previous: Option<&str>,
    next: Option<&str>,
) -> Option<(EntityKind, bool)> {
    // What the name's own words say ("Front", "Valley") is counted once per spelling, not once
    // per mention: see `resolve::priors`. Here only the context votes.
    if next.is_some_and(|word| lexicon.is_place_word(word)) {
        return Some((EntityKind::Place, false));
    }
    // "Massoud said", "Mujahid told reporters": reporting verbs follow people.
    if run.len() >= 2 && next.is_some_and(|word| lexicon.is_reporting_verb(word)) {
        return Some((EntityKind::Person, false));
    }
    let of = |word: &str| matches!(word, "de" | "d'" | "d’" | "du" | "des" | "of");
    // "the district of Wedding", "la province de Parwan": as strong as a title before a person.
    if previous.is_some_and(|word| lexicon.is_place_word(word))
        || before_previous.is_some_and(|word| lexicon.is_place_word(word))
            && previous.is_some_and(of)
    {
        return Some((EntityKind::Place, true));
    }
    // "in Kabul", "près de Rukha": a preposition of place before a name; also with "de" or "of"
    // between them ("près de Jabal Saraj", "au nord de Kaboul", "north of Kabul").
    // Not for an acronym: "at UCLA", "à l'UDI", "in NATO" name bodies as often as places, and
    // the gazetteer knows the acronyms of places ("in the US", "en RDC").
    if run.len() == 1 && is_acronym(run[0].text) {
        return None;
    }
    if previous.is_some_and(|word| lexicon.is_place_preposition(word))
        || previous.is_some_and(of)
            && before_previous.is_some_and(|word| {
                lexicon.is_place_preposition(word) || lexicon.is_direction(word)
            })
    {
        return Some((EntityKind::Place, false));
    }
    None
}

#[cfg(test)]
mod tests;
