//! Trimming a run of capitalised words to the name in it: titles, roles, nationality words
//! and function words are cut off (and noted as the name's cue), and what is left is kept as a
//! candidate or dropped.

use super::super::super::lexicon::{Lexicon, PlaceClass};
use super::super::super::words::{Word, without_elision};
use super::acronyms::is_roman_numeral;
use super::runs::role_before_first_name;
use super::shape::{
    after_agency, dated_after, in_heading, is_in_quoted_title, is_in_token, is_quoted,
};
use super::{
    Candidate, PRESS, Rules, guess_kind, is_acronym, is_sure_first_name, is_well_known,
    opens_with_article,
};
use crate::model::EntityKind;

/// Cuts titles, roles, nationality words and function words off a run and decides whether
/// what is left is a name.
pub(super) fn trim_run(
    lexicon: &Lexicon,
    rules: Rules,
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
        } else if lexicon.is_group_word(word)
            && introduces_name(lexicon, &words[first + 1])
            // "Democratic Party", "Socialist Party": the group word names the body.
            && !lexicon.is_organisation_word(words[first + 1].text)
            || lexicon.is_particle(word)
            || opens_sentence_before_name(lexicon, text, words, first, last)
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
    // "South Dakota Gov. Kristi Noem", "Hawaii Rep. Tulsi Gabbard": an abbreviated title after
    // a place ends that name (its dot broke the run before the person's name).
    while last - first >= 2 && {
        let word = &words[last - 1];
        word.text.chars().count() <= 4
            && lexicon.is_title(word.text)
            && text[word.end..].starts_with('.')
    } {
        last -= 1;
    }
    if first >= last {
        return None;
    }
    let run = &words[first..last];
    let start = run[0].start;
    let mut end = run[run.len() - 1].end;
    // "U.S.", "D.C.": the last dot of a dotted abbreviation is the abbreviation's, whether or
    // not it also ends the sentence (the words after it were split knowing it may).
    let final_word = run[run.len() - 1].text;
    if final_word.contains('.')
        && final_word.split('.').all(|part| part.chars().count() == 1)
        && text[end..].starts_with('.')
    {
        end += 1;
    }
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
        .is_some_and(|place| place.class >= PlaceClass::Region);
    // A title makes it a surname ("M. Catalan", "Mr. English").
    let after_title = first > 0 && lexicon.is_title(words[first - 1].text);
    // German names countries and cities as French and English name their people ("Italien",
    // "Indien", "Rom").
    let written_as_country =
        country && country_article || rules == Rules::Nouns && lexicon.is_well_known_place(name);
    if lexicon.is_group_word(name) && !written_as_country && !after_title {
        return None;
    }
    // "the Panjshiri commander", "Kabulien traders": a word for the people of a place, made an
    // adjective before a noun in lower case (not a verb: "Tehrani said").
    if run.len() == 1
        && !after_title
        && words.get(last).is_some_and(|next| {
            !next.broken_before
                && next.text.starts_with(char::is_lowercase)
                && text[end..next.start].chars().all(char::is_whitespace)
                && lexicon.is_common_word(next.text)
                && !lexicon.is_stop_word(next.text)
                && !lexicon.is_reporting_verb(next.text)
        })
        && lexicon.is_person_of_place(name)
    {
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
        // "SUVs", "TVs", "LEDs": the plural of an acronym is a common noun, not a name.
        if let Some(acronym) = word.text.strip_suffix('s')
            && acronym.chars().count() >= 2
            && acronym.chars().all(|c| c.is_ascii_uppercase())
            && !is_well_known(lexicon, word.text)
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
        .map(|index| without_elision(words[index].text).to_lowercase());
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
    // "Holmdel, NJ", "Tinley Park, IL": a name right before a comma and a state's postal code
    // is a town's, as addresses write them. (Not a first name: "John Smith, TX" is a person's
    // home state. Nor a state's name in full: old papers list people with their canton,
    // "Stadelmann, Lucerne".)
    if cue.is_none()
        && lexicon.given_name(run[0].text).is_none()
        && text[end..].starts_with(", ")
        && words
            .get(last)
            .is_some_and(|next| next.start == end + 2 && is_address_state(lexicon, text, next))
        || run.len() == 1
            && is_address_state(lexicon, text, &run[0])
            && text[..start].ends_with(", ")
            && first > 0
            && words[first - 1].end + 2 == start
            && words[first - 1].text.starts_with(char::is_uppercase)
    {
        cue = Some(EntityKind::Place);
        strong_cue = true;
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
    // English puts "the" before bodies and a few places ("the Pentagon", "the Mediterranean"),
    // never before a person's name alone: a weak cue of an organisation, which a first name or
    // the surname of a full name elsewhere outweighs ("the Obama administration"). Not a
    // common word capitalised ("the Court"), which this does not make a name.
    if cue.is_none()
        && run.len() == 1
        && !all_caps
        && !common
        && previous.as_deref() == Some("the")
        && lexicon.given_name(name).is_none_or(|given| given.ambiguous)
    {
        cue = Some(EntityKind::Organisation);
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
            || run.len() == 1 && dated_after(lexicon, after)
            // "Cressier. — Dimanche…": a local paper's dateline, the place and a dash.
            || run.len() <= 3
                && after
                    .strip_prefix('.')
                    .is_some_and(|rest| rest.trim_start().starts_with(['—', '–'])))
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

/// Whether `words[first]` is a common word capitalised only because it opens the sentence,
/// before a name: "Enter South Dakota", "Recent Samsung phones", "Questioning Vindman",
/// "Formerly Verizon Amphitheatre". Such a word is cut when the rest of the run is a name the
/// lexicon knows (a place, an organisation, a first name and a surname), or when it is an
/// adverb or a gerund of a common word. A run the lexicon knows as a whole ("New York",
/// "United States") and a first name that is also a common word ("Grace Mugabe") stay.
fn opens_sentence_before_name(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    first: usize,
    last: usize,
) -> bool {
    let word = words[first].text;
    let derived = lexicon.is_derived_common_word(word);
    if !words[first].sentence_start
        || !word.chars().skip(1).all(char::is_lowercase)
        || !lexicon.is_common_word(word) && !derived
        || lexicon.given_name(word).is_some()
        || lexicon.place(word).is_some()
        || lexicon.is_organisation_word(word)
        || lexicon.is_place_word(word)
        || lexicon.is_direction(word)
        || is_well_known(lexicon, &text[words[first].start..words[last - 1].end])
    {
        return false;
    }
    let rest = &text[words[first + 1].start..words[last - 1].end];
    let person = last - first >= 3
        && lexicon
            .given_name(words[first + 1].text)
            .is_some_and(|given| !given.ambiguous);
    let lower = word.to_lowercase();
    let adverb_or_gerund = derived && (lower.ends_with("ly") || lower.ends_with("ing"));
    is_well_known(lexicon, rest) || person || adverb_or_gerund
}

/// Whether `word` is a state's postal code ending an address ("Holmdel, NJ."): the code, then
/// the end of the text, a line or a clause.
fn is_address_state(lexicon: &Lexicon, text: &str, word: &Word<'_>) -> bool {
    lexicon.is_us_state_code(word.text)
        && text[word.end..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '.' | ',' | ';' | ')' | '\n'))
}

/// Whether `next`, after a nationality word, shows that the nationality describes a name rather
/// than being part of one: "German Chancellor Olaf Scholz", "the Belgian NGO Médecins Sans
/// Frontières", "Afghan Ahmad Shah" (but "Syrian Democratic Forces", "Afghan National Army").
fn introduces_name(lexicon: &Lexicon, next: &Word<'_>) -> bool {
    lexicon.is_title(next.text)
        || lexicon.is_title_prefix(next.text)
        || lexicon.is_organisation_type(next.text)
        || is_sure_first_name(lexicon, next.text)
}

/// Where the word at `index` starts.
fn run_start(words: &[Word<'_>], index: usize) -> usize {
    words[index].start
}

/// Whether a word, or every part of a hyphenated word, is a common lower-case word.
pub(super) fn is_common_compound(lexicon: &Lexicon, word: &str) -> bool {
    lexicon.is_common_word(word)
        // Eighteenth-century print's long s, read as an f by OCR: "Conftitution", "Affembly".
        // Not in short words, where the f may be a name's own ("Fang", "Fay").
        || word.contains('f')
            && word.chars().count() >= 6
            && lexicon.is_common_word(&word.replace('f', "s"))
        || word.contains('-')
            && word
                .split('-')
                .all(|part| !part.is_empty() && lexicon.is_common_word(part))
}
