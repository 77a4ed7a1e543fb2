//! Names in one document: capitalised word runs and acronyms, with what their context says.
//!
//! Pure and per document: the result depends only on the document's analysed body, its date and
//! its language, so it is cached by those (see [`super::EntityCache`]). Kinds are not decided
//! here: each mention only votes, and votes are pooled over the whole corpus.

use super::super::dates::find_dates_in;
use super::super::lexicon::{Lexicon, lexicon};
use super::super::words::{Word, without_elision, words};
use crate::model::{EntityKind, PartialDate};

mod acronyms;
mod runs;
mod shape;

pub use acronyms::is_acronym;
use acronyms::{acronym_links, extend_to_acronym, is_roman_numeral};
use runs::{
    after_abbreviated_first_name, after_ampersand, extend_place_to_direction, extend_to_adjectives,
    extend_to_known_name, joins_capitalised, joins_name, opens_of_name, role_before_first_name,
};
use shape::{
    after_agency, after_dotted_abbreviation, after_middle_initial, dated_after, in_heading,
    is_in_quoted_title, is_in_token, is_quoted,
};

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
    let words: Vec<&str> = candidate.text.split_whitespace().collect();
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
const ADJECTIVE_ENDINGS: [&str; 24] = [
    "based",
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
    let rules = Rules::for_language(language);
    let french = language == Some("fr");
    let lexicon = lexicon();
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if !is_name_word(lexicon, &words[index]) {
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
            if is_name_word(lexicon, &words[end]) {
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
                && is_name_word(lexicon, &words[end + 2])
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
                    [next, first_part].into_iter().any(|name| {
                        lexicon
                            .given_name(name)
                            .is_some_and(|given| !given.ambiguous && given.weight >= 5.0)
                    })
                }
        };
        if end - index >= 3
            && (lexicon.organisation(words[index].text).is_some() || before_person())
        {
            found.extend(trim_run(lexicon, text, words, index, index + 1));
            first = index + 1;
        }
        // "la Santé Roman Prymula": a capitalised common word before a first name is a name of
        // its own (here a ministry's), not part of the person's.
        if end - first >= 3
            && !words[first].sentence_start
            && is_common_compound(lexicon, words[first].text)
            && lexicon
                .given_name(words[first + 1].text)
                .is_some_and(|given| !given.ambiguous && given.weight >= 5.0)
        {
            found.extend(trim_run(lexicon, text, words, first, first + 1));
            first += 1;
        }
        // "Zimbabwe President Robert Mugabe", "Taliban spokesman": a title inside a run ends
        // the name before it and introduces the one after it.
        // So do words of a role before a first name ("Hong Kong Chief Executive Carrie Lam").
        let opens_role = |at: usize| {
            !lexicon.is_title_prefix(words[at - 1].text)
                && !lexicon.is_title(words[at - 1].text)
                && role_before_first_name(lexicon, words, at, end)
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
                found.extend(trim_run(lexicon, text, words, first, before_title));
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
                    found.extend(trim_run(lexicon, text, words, at, at + 1));
                }
            }
        } else {
            found.extend(trim_run(lexicon, text, words, first, end));
        }
        index = end;
    }
    found.retain(|candidate| keep_under_rules(lexicon, candidate, rules));
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

/// Whether the lexicon knows a name well enough to take it whatever its shape: an organisation,
/// or a country, region or city of 100,000 people or more (the names of small towns are often
/// common words or surnames too).
fn is_well_known(lexicon: &Lexicon, name: &str) -> bool {
    lexicon.organisation(name).is_some()
        || lexicon
            .place(name)
            .is_some_and(|place| place.is_well_known())
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

/// Cuts titles, roles, nationality words and function words off a run and decides whether
/// what is left is a name.
fn trim_run(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    mut first: usize,
    last: usize,
) -> Option<Candidate> {
    let mut cue = None;
    // "Commander", "German Chancellor", "Prime Minister", "the Belgian NGO": what comes before
    // the name itself says what it is, but is not part of it.
    while first + 1 < last {
        let word = words[first].text;
        let two = || format!("{word} {}", words[first + 1].text);
        let hyphenated_title = word
            .split_once('-')
            .is_some_and(|(title, _)| lexicon.is_title(title));
        // A role opening a sentence in capitals ("Actor Joaquin Phoenix") is a title too.
        let capital_role = lexicon.is_role(word) && word.starts_with(char::is_uppercase);
        if lexicon.is_title(word) || hyphenated_title || capital_role {
            cue = Some(EntityKind::Person);
            first += 1;
        } else if lexicon.is_title_prefix(word)
            && words[first + 1..last]
                .iter()
                .take(3)
                .any(|next| lexicon.is_title(next.text))
        {
            first += 1;
        } else if role_before_first_name(lexicon, words, first, last) {
            cue = Some(EntityKind::Person);
            first += 1;
        } else if lexicon.is_organisation_type(word) && is_acronym(word) {
            cue = Some(EntityKind::Organisation);
            first += 1;
        } else if first + 2 < last
            && lexicon.is_group_word(&two())
            && introduces_name(lexicon, &words[first + 2])
        {
            first += 2;
        } else if lexicon.is_group_word(word) && introduces_name(lexicon, &words[first + 1])
            || lexicon.is_particle(word)
        {
            first += 1;
        } else {
            break;
        }
    }
    while first < last && (lexicon.is_title(words[first].text) && last - first == 1) {
        first += 1;
    }
    // A preceding lower-case title or role ("commandant Massoud", "spokesman Mujahid") is a
    // cue too; so is a kind of organisation ("l'ONG Amnesty", "the group Hamas"), and an initial
    // ("J. Dupont", "A.-M. Weber").
    if first > 0 && cue.is_none() {
        // "l'hebdomadaire Respekt", "d'ambassadeur": the cue word without its elided article.
        let before = without_elision(words[first - 1].text);
        let initial = before.chars().count() == 1
            && before.starts_with(char::is_uppercase)
            && text[words[first - 1].end..run_start(words, first)]
                .trim_start()
                .starts_with('.');
        // "ministre d'Etat", "conseiller d'Etat": the title is of the name, not before it.
        let of = words.get(first).is_some_and(|name| {
            text[words[first - 1].end..name.start]
                .trim()
                .trim_end_matches(['\'', '’'])
                .eq_ignore_ascii_case("d")
        });
        // "son père. Formé en…", "the Chairman and Secretary. Resolved, …": a title ending the
        // sentence before is not this name's; an abbreviated one ("Dr. Smith", "Hrn. Müller")
        // is short and capitalised before its dot.
        let same_sentence = words.get(first).is_some_and(|name| {
            !name.broken_before
                || before.starts_with(char::is_uppercase)
                    && before.chars().count() <= 4
                    && text[words[first - 1].end..name.start].trim() == "."
        });
        if (lexicon.is_title(before) || lexicon.is_role(before)) && !of && same_sentence || initial
        {
            cue = Some(EntityKind::Person);
        } else if lexicon.is_organisation_type(before) && !is_acronym(before) && same_sentence {
            cue = Some(EntityKind::Organisation);
        }
    }
    let mut last = last;
    while last > first && lexicon.is_particle(words[last - 1].text) {
        last -= 1;
    }
    if first >= last {
        return None;
    }
    let run = &words[first..last];
    let start = run[0].start;
    let end = run[run.len() - 1].end;
    let name = &text[start..end];
    if is_in_token(text, start, end)
        || !is_quoted(text, start, end)
            && is_in_quoted_title(text, (start, end), |word| {
                word.chars().count() <= 4 && lexicon.is_stop_word(word)
            })
    {
        return None;
    }
    // "Afghans", "Française": a nationality word, unless it is the name of a country too and
    // written as one ("la Suisse", "en Suisse").
    let country_article = first > 0
        && matches!(
            words[first - 1].text.to_lowercase().as_str(),
            "la" | "le" | "l" | "en" | "de" | "du" | "au"
        );
    let country = lexicon
        .place(name)
        .is_some_and(|place| place.class >= super::super::lexicon::PlaceClass::Region);
    // A title makes it a surname ("M. Catalan", "Mr. English").
    let after_title = first > 0 && lexicon.is_title(words[first - 1].text);
    if lexicon.is_group_word(name) && !(country_article && country) && !after_title {
        return None;
    }
    // "Five Mozambicans", "Many Afghans": a group word after common words opening a sentence;
    // "NGOs", "l'ONG": a kind of organisation alone.
    // ("Commission européenne" is a name: its group word is an adjective in lower case.)
    let last_word = run[run.len() - 1].text;
    if run.len() >= 2
        && last_word.starts_with(char::is_uppercase)
        && lexicon.is_group_word(last_word)
        && run[..run.len() - 1].iter().all(|word| {
            lexicon.is_common_word(word.text) && !lexicon.is_organisation_word(word.text)
        })
        || run.len() == 1 && lexicon.is_organisation_type(run[0].text) && !after_title
    {
        return None;
    }
    if run.len() == 1 {
        let word = &run[0];
        if word.text.chars().count() < 2 || word.text.chars().all(char::is_numeric) {
            return None;
        }
        // "Western governments", "Central banks": a point of the compass made an adjective
        // before a word in lower case, not a region's name.
        if cue.is_none()
            && lexicon.is_direction_adjective(word.text)
            && words.get(last).is_some_and(|next| {
                next.text.starts_with(char::is_lowercase) && !next.broken_before
            })
        {
            return None;
        }
        // Link slugs and codes ("Xk3vQ9pLr2") mix letters and digits; names rarely do.
        let digits = word.text.chars().filter(char::is_ascii_digit).count();
        if digits > 0 && !is_acronym(word.text) {
            return None;
        }
        if word.text.chars().next().is_some_and(char::is_lowercase)
            && !opens_with_article(word.text)
        {
            return None;
        }
    }
    // Headlines in title case make long runs; names rarely have more than six capitalised
    // words (French names of bodies go on in lower case: "Office fédéral de la sécurité
    // alimentaire et des affaires vétérinaires").
    if run
        .iter()
        .filter(|word| !word.text.starts_with(char::is_lowercase))
        .count()
        > 6
    {
        return None;
    }
    let all_caps = run.iter().all(|word| is_acronym(word.text));
    // "II", "XIV": a number, not a name.
    if run.len() == 1 && is_roman_numeral(run[0].text) {
        return None;
    }
    let paragraph_start = first == 0 || text[words[first - 1].end..start].contains('\n');
    // Capitals for emphasis ("they will NEVER surrender"): a common word, not an acronym.
    if all_caps && run.len() == 1 {
        let word = run[0].text;
        let known = is_well_known(lexicon, word);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if !known
            && (letters >= 4 && lexicon.is_common_word(word)
                || letters <= 3 && lexicon.is_stop_word(word)
                || lexicon.is_common_acronym(word))
        {
            return None;
        }
    }
    let sentence_start = run[0].sentence_start;
    // A run of common words opening a sentence or making a heading ("Pregnant Women", "Cancer
    // Patients") is title case, not a name, unless a word of it says it is one.
    if !all_caps
        && cue.is_none()
        && (sentence_start || in_heading(text, start))
        && run
            .iter()
            .all(|word| is_common_compound(lexicon, word.text))
        && !run
            .iter()
            .any(|word| lexicon.is_organisation_word(word.text) || lexicon.is_place_word(word.text))
        && !is_well_known(lexicon, name)
    {
        return None;
    }
    let next = words.get(last).map(|word| word.text.to_lowercase());
    let previous = first
        .checked_sub(1)
        .map(|index| without_elision(words[index].text).to_lowercase());
    let before_previous = first
        .checked_sub(2)
        .map(|index| words[index].text.to_lowercase());
    // Only a title, a role or a kind of organisation before it makes a capitalised common word a
    // name; a preposition ("dans l'Etat") does not.
    let common = run.len() == 1
        && !all_caps
        && cue.is_none()
        && is_common_compound(lexicon, name)
        && !is_well_known(lexicon, name);
    // "Essex county", "Hudson river": a place word in lower case right after the name says what
    // the name is as plainly as a title before a person's does.
    if cue.is_none()
        && words.get(last).is_some_and(|word| {
            word.text.starts_with(char::is_lowercase)
                && text[end..word.start].chars().all(|c| c == ' ')
                && lexicon.is_place_word(word.text)
        })
    {
        cue = Some(EntityKind::Place);
    }
    // "the Ennahda party", "the Wagner group": a kind of organisation in lower case right after
    // the name. Not one of the press ("the Paris daily", "a Kabul newspaper"), which a city's
    // name often comes before.
    if cue.is_none()
        && words.get(last).is_some_and(|word| {
            word.text.starts_with(char::is_lowercase)
                && text[end..word.start].chars().all(|c| c == ' ')
                && lexicon.is_organisation_type(word.text)
                && !PRESS.contains(&word.text)
        })
    {
        cue = Some(EntityKind::Organisation);
    }
    let mut strong_cue = cue.is_some();
    if cue.is_none()
        && let Some((kind, strong)) = guess_kind(
            lexicon,
            run,
            previous.as_deref(),
            before_previous.as_deref(),
            next.as_deref(),
        )
    {
        cue = Some(kind);
        strong_cue = strong;
    }
    // French puts an article before the names of countries, regions, rivers and mountains ("la
    // Prusse", "le Rhin", "l'Amérique", "les Vosges") and not before people's: a weak cue of a
    // place for a name of one word that is neither an acronym nor a first name.
    if cue.is_none()
        && run.len() == 1
        && !all_caps
        && lexicon.given_name(name).is_none_or(|given| given.ambiguous)
        && (matches!(previous.as_deref(), Some("la" | "le" | "les" | "du"))
            || text[..start].ends_with(['\'', '’'])
                && text[..start]
                    .trim_end_matches(['\'', '’'])
                    .ends_with(['l', 'L'])
                && text[..start]
                    .trim_end_matches(['\'', '’'])
                    .trim_end_matches(['l', 'L'])
                    .ends_with(|c: char| !c.is_alphanumeric()))
    {
        cue = Some(EntityKind::Place);
    }
    let mut sentence_initial = run.len() == 1 && sentence_start && cue.is_none();
    let mut all_caps = all_caps;
    // A dateline: "KABUL —", "KABOUL (AFP) -", "PARIS," opening a paragraph names a place,
    // written in capitals by convention, so its spelling may match "Kabul" or "Kaboul".
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if paragraph_start
        && letters >= 4
        && !name.contains('.')
        && (all_caps && after.starts_with(['—', '–', '-', '(', ','])
            || run.len() == 1 && dated_after(lexicon, after))
    {
        all_caps = false;
        sentence_initial = false;
        cue = Some(EntityKind::Place);
    }
    // A wire dateline's agency: "PARIS, 15 (Havas). —", "KABUL (Reuters) -", "(Reuter.) —":
    // a name alone in parentheses, the dash of the dateline right after.
    if text[..start]
        .trim_end_matches([' ', '\u{a0}'])
        .ends_with('(')
        && after_agency(&text[end..])
    {
        sentence_initial = false;
        strong_cue = true;
        cue = Some(EntityKind::Organisation);
    }
    Some(Candidate {
        text: name.to_owned(),
        start,
        end,
        cue,
        sentence_initial,
        all_caps,
        quoted: is_quoted(text, start, end),
        common,
        weak_cue: cue.is_some() && !strong_cue,
    })
}

/// Whether `next`, after a nationality word, shows that the nationality describes a name rather
/// than being part of one: "German Chancellor Olaf Scholz", "the Belgian NGO Médecins Sans
/// Frontières", "Afghan Ahmad Shah" (but "Syrian Democratic Forces", "Afghan National Army").
fn introduces_name(lexicon: &Lexicon, next: &Word<'_>) -> bool {
    lexicon.is_title(next.text)
        || lexicon.is_title_prefix(next.text)
        || lexicon.is_organisation_type(next.text)
        || lexicon
            .given_name(next.text)
            .is_some_and(|given| !given.ambiguous && given.weight >= 5.0)
}

/// Where the word at `index` starts.
fn run_start(words: &[Word<'_>], index: usize) -> usize {
    words[index].start
}

/// Whether a word, or every part of a hyphenated word, is a common lower-case word.
fn is_common_compound(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is_common_word(word)
        || word.contains('-')
            && word
                .split('-')
                .all(|part| !part.is_empty() && lexicon.is_common_word(part))
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
            if known() || candidate.cue == Some(EntityKind::Person) {
                return true;
            }
            let parts: Vec<&str> = candidate.text.split_whitespace().collect();
            // A first name the lexicon knows, then a surname: "Gottfried Keller".
            parts.len() >= 2
                && lexicon
                    .given_name(parts[0])
                    .is_some_and(|given| !given.ambiguous)
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
    let _ = run;
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
