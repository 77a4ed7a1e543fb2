//! Candidate entities: capitalised word sequences and acronyms, with a guessed kind.

use super::dates::find_dates_in;
use super::fold::fold;
use super::variants::SpellingIndex;
use super::words::{
    NAME_PARTICLES, ORGANISATION_WORDS, PERSON_TITLES, PLACE_CUES, Word, is_calendar_word,
    is_stop_word, words,
};
use crate::model::{Document, Entity, EntityId, EntityKind, EntityOrigin, PartialDate, Project};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A name found in a text, with the evidence for its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name exactly as written.
    pub text: String,
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The kind the context suggests, if any.
    pub cue: Option<EntityKind>,
    /// A single word at the start of a sentence: capitalised by grammar, maybe not a name.
    pub sentence_initial: bool,
    /// Written in capitals, like an acronym (or a dateline such as "KABUL").
    pub all_caps: bool,
}

/// Finds candidate names in `text`.
///
/// A candidate is a run of capitalised words (joined by particles such as "de" or "al") or an
/// acronym. Function words and titles ("The", "Le", "Commander") are trimmed off the ends, and a
/// lone capitalised word that opens a sentence is kept only if `known_lowercase` does not list it,
/// since "Fighting" at the start of a sentence is a common word, not a name.
pub fn candidates(text: &str, known_lowercase: &HashSet<String>) -> Vec<Candidate> {
    candidates_in(text, &words(text), known_lowercase)
}

/// [`candidates`] in the words of `text`, split once for all that reads them.
fn candidates_in(
    text: &str,
    words: &[Word<'_>],
    known_lowercase: &HashSet<String>,
) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if !is_name_word(&words[index]) {
            index += 1;
            continue;
        }
        let mut end = index + 1;
        while end < words.len() && !words[end].broken_before {
            if is_name_word(&words[end]) {
                end += 1;
            } else if is_particle(words[end].text)
                && end + 1 < words.len()
                && !words[end + 1].broken_before
                && is_name_word(&words[end + 1])
            {
                end += 2;
            } else {
                break;
            }
        }
        if let Some(longer) = extend_to_acronym(text, words, index, end)
            .or_else(|| extend_to_known_name(words, index, end))
        {
            end = longer;
        }
        // "sur Twitter Ali Maisam Nazary", "AFP Ahmad Massoud": a platform or an agency
        // written against a person's name is a name of its own.
        let mut first = index;
        if end - index >= 3 && is_known_organisation(words[index].text) {
            found.extend(trim_run(text, words, index, index + 1, known_lowercase));
            first = index + 1;
        }
        found.extend(trim_run(text, words, first, end, known_lowercase));
        index = end;
    }
    found
}

/// A known name that goes on in lower case ("Nations unies", "État islamique", "Banque
/// mondiale"): the run is taken up to the end of the longest such name. Returns its end.
fn extend_to_known_name(words: &[Word<'_>], first: usize, end: usize) -> Option<usize> {
    const MOST_LOWER_CASE: usize = 3;
    // The first words of the known names of more than one word: nearly every run starts
    // with none of them, and is settled by this one look-up.
    static FIRST_WORDS: std::sync::LazyLock<HashSet<&str>> = std::sync::LazyLock::new(|| {
        super::words::KNOWN_ORGANISATIONS
            .iter()
            .chain(super::words::KNOWN_PLACES)
            .filter_map(|name| name.split_once(' ').map(|(first, _)| first))
            .collect()
    });
    if !FIRST_WORDS.contains(words.get(first)?.text) {
        return None;
    }
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
        (is_known_organisation(&name) || is_known_place(&name)).then_some(last)
    })
}

/// Words skipped when an acronym is spelled from a name's initials.
fn is_linking_word(word: &str) -> bool {
    is_particle(word)
        || matches!(
            word.to_lowercase().as_str(),
            "la" | "le" | "les" | "d'" | "l'" | "of" | "the" | "and" | "for" | "et" | "pour" | "en"
        )
}

/// A name that goes on in lower case, as French names do ("Front national de résistance"),
/// is only taken whole when an acronym in parentheses right after it spells its initials:
/// "Front national de résistance (FNR)", "Organisation mondiale de la santé (OMS)". Returns
/// the end of the longer run.
fn extend_to_acronym(text: &str, words: &[Word<'_>], first: usize, end: usize) -> Option<usize> {
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
    let letters: String = acronym.text.chars().filter(|c| c.is_alphabetic()).collect();
    let initials: String = words[first..next]
        .iter()
        .filter(|word| !is_linking_word(word.text))
        .filter_map(|word| word.text.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    (initials == letters).then_some(next)
}

fn is_name_word(word: &Word<'_>) -> bool {
    // Every title is capitalised, like every name.
    word.text.chars().next().is_some_and(char::is_uppercase)
        && (!is_stop_word(word.text) && !is_calendar_word(word.text) || is_title(word.text))
}

fn is_particle(word: &str) -> bool {
    NAME_PARTICLES.contains(&word) || word.starts_with("al-") || word.starts_with("el-")
}

fn is_title(word: &str) -> bool {
    PERSON_TITLES.contains(&word)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-' || c.is_ascii_digit())
}

/// Cuts titles and capitalised function words off a run and decides whether what is left is a name.
fn trim_run(
    text: &str,
    words: &[Word<'_>],
    mut first: usize,
    last: usize,
    known_lowercase: &HashSet<String>,
) -> Option<Candidate> {
    let mut cue = None;
    while first < last && (is_title(words[first].text) || is_particle(words[first].text)) {
        if is_title(words[first].text) {
            cue = Some(EntityKind::Person);
        }
        first += 1;
    }
    // A preceding lower-case title ("commandant Massoud", "spokesman Mujahid") is a cue too.
    if first > 0 && cue.is_none() {
        let before = words[first - 1].text;
        if PERSON_TITLES
            .iter()
            .any(|title| title.eq_ignore_ascii_case(before))
            || is_role_word(before)
        {
            cue = Some(EntityKind::Person);
        }
    }
    let mut last = last;
    while last > first && is_particle(words[last - 1].text) {
        last -= 1;
    }
    if first >= last {
        return None;
    }
    let run = &words[first..last];
    let name = &text[run[0].start..run[run.len() - 1].end];
    if run.len() == 1 {
        let word = &run[0];
        if word.text.chars().count() < 2 || word.text.chars().all(char::is_numeric) {
            return None;
        }
        // Link slugs and codes ("Xk3vQ9pLr2") mix letters and digits; names rarely do.
        let digits = word.text.chars().filter(char::is_ascii_digit).count();
        if digits > 0 && !is_acronym(word.text) {
            return None;
        }
        if word.sentence_start
            && !is_acronym(word.text)
            && cue.is_none()
            && known_lowercase.contains(&word.text.to_lowercase())
        {
            return None;
        }
        if word.text.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
    }
    // Headlines in title case make long runs; names are rarely longer than six words.
    if run.len() > 6 {
        return None;
    }
    // Only a title is evidence that a lone sentence-initial word is a name; a kind guess is not.
    let mut sentence_initial = run.len() == 1 && run[0].sentence_start && cue.is_none();
    let next = words.get(last).map(|word| word.text.to_lowercase());
    let previous = first
        .checked_sub(1)
        .map(|index| words[index].text.to_lowercase());
    let before_previous = first
        .checked_sub(2)
        .map(|index| words[index].text.to_lowercase());
    if cue.is_none() {
        cue = guess_kind(
            run,
            previous.as_deref(),
            before_previous.as_deref(),
            next.as_deref(),
        );
    }
    let mut all_caps = run.iter().all(|word| is_acronym(word.text));
    // A dateline: "KABUL —", "KABOUL (AFP) -", "PARIS," opening a paragraph names a place,
    // written in capitals by convention, so its spelling may match "Kabul" or "Kaboul".
    let paragraph_start = first == 0 || text[words[first - 1].end..run[0].start].contains('\n');
    let after = text[run[run.len() - 1].end..].trim_start_matches([' ', '\u{a0}']);
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if all_caps
        && paragraph_start
        && letters >= 4
        && !name.contains('.')
        && after.starts_with(['—', '–', '-', '(', ','])
    {
        all_caps = false;
        sentence_initial = false;
        cue = Some(EntityKind::Place);
    }
    Some(Candidate {
        text: name.to_owned(),
        start: run[0].start,
        end: run[run.len() - 1].end,
        cue,
        sentence_initial,
        all_caps,
    })
}

fn is_role_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "spokesman"
            | "spokeswoman"
            | "leader"
            | "chef"
            | "porte-parole"
            | "commander"
            | "fighter"
            | "minister"
            | "ministre"
            | "envoy"
            | "émissaire"
            | "negotiator"
    )
}

/// Verbs that follow a speaker's name in news copy.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "explained",
    "insisted",
    "wrote",
    "warned",
    "announced",
    "declared",
];

/// Prepositions that put a name in a place.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "near", "from", "to", "into", "towards", "toward", "outside", "beyond", "across",
    "around", "through", "à", "dans", "vers", "près", "depuis", "en", "au", "autour", "entre",
];

fn is_known_organisation(name: &str) -> bool {
    super::words::KNOWN_ORGANISATIONS
        .binary_search(&name)
        .is_ok()
}

fn is_known_place(name: &str) -> bool {
    super::words::KNOWN_PLACES.binary_search(&name).is_ok()
}

fn guess_kind(
    run: &[Word<'_>],
    previous: Option<&str>,
    before_previous: Option<&str>,
    next: Option<&str>,
) -> Option<EntityKind> {
    let joined: Vec<&str> = run.iter().map(|word| word.text).collect();
    if run
        .iter()
        .any(|word| ORGANISATION_WORDS.contains(&word.text))
        || is_known_organisation(&joined.join(" "))
    {
        return Some(EntityKind::Organisation);
    }
    let is_place_cue = |word: &str| PLACE_CUES.contains(&word);
    if run
        .iter()
        .any(|word| is_place_cue(&word.text.to_lowercase()))
        || next.is_some_and(is_place_cue)
    {
        return Some(EntityKind::Place);
    }
    // "Massoud said", "Mujahid told reporters": reporting verbs follow people.
    if run.len() >= 2 && next.is_some_and(|word| REPORTING_VERBS.contains(&word)) {
        return Some(EntityKind::Person);
    }
    let name: Vec<&str> = run.iter().map(|word| word.text).collect();
    let name = name.join(" ");
    if is_known_place(&name) {
        return Some(EntityKind::Place);
    }

    if previous.is_some_and(is_place_cue)
        || before_previous.is_some_and(is_place_cue)
            && previous.is_some_and(|word| matches!(word, "du" | "de" | "of" | "d'" | "des"))
    {
        return Some(EntityKind::Place);
    }
    // "in Kabul", "près de Rukha": a preposition of place before a name that is no person's;
    // also with "de" or "of" between them ("près de Jabal Saraj", "au nord de Kaboul",
    // "north of Kabul").
    let of = |word: &str| matches!(word, "de" | "d'" | "d’" | "du" | "of");
    if previous.is_some_and(|word| PLACE_PREPOSITIONS.contains(&word))
        || previous.is_some_and(of)
            && before_previous.is_some_and(|word| {
                PLACE_PREPOSITIONS.contains(&word) || DIRECTIONS.contains(&word)
            })
    {
        return Some(EntityKind::Place);
    }
    // A name of two words or more with no cue is most often a person's, but that is a guess,
    // not evidence: it is no vote, and decides only when the mentions give no cue at all
    // (see `fallback_kind`).
    None
}

/// The kind of a new entity whose mentions gave no cue: an acronym is an organisation, a name
/// of two words or more a person (first and last names), anything else unknown.
fn fallback_kind(name: &str, all_caps: bool) -> EntityKind {
    let words: Vec<&str> = name.split_whitespace().collect();
    if all_caps {
        EntityKind::Organisation
    } else if words.len() >= 2 && words.iter().all(|word| !is_acronym(word)) {
        EntityKind::Person
    } else {
        EntityKind::Other
    }
}

/// Points of the compass that put a name in a place: "north of Kabul", "au sud de Kaboul".
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "nord",
    "sud",
    "est",
    "ouest",
    "nord-est",
    "nord-ouest",
    "sud-est",
    "sud-ouest",
];

/// Lower-case words of a text, to tell a sentence-initial common word from a name.
pub fn lowercase_words(text: &str) -> HashSet<String> {
    words(text)
        .into_iter()
        .filter(|word| word.text.chars().next().is_some_and(char::is_lowercase))
        .map(|word| word.text.to_owned())
        .collect()
}

/// Spellings found in documents, grouped by folded form, with the kind votes of their mentions.
#[derive(Debug, Default)]
struct Tally {
    spellings: BTreeMap<String, usize>,
    votes: HashMap<EntityKind, usize>,
    /// Whether some mention stands mid-sentence or has a cue: evidence that it is a name.
    named: bool,
    all_caps: bool,
}

/// The entities that documents about to be added bring: new names become new entities, and
/// spellings of a known entity that only differ in case or accents join it.
///
/// Spellings that any entity already has, hidden or not, are left alone, so curation survives
/// re-analysis.
pub fn new_entities(project: &Project, documents: &[Document]) -> EntityUpdates {
    let mut known: HashMap<&str, EntityId> = HashMap::new();
    let mut by_fold: HashMap<String, EntityId> = HashMap::new();
    for entity in &project.entities {
        for variant in &entity.variants {
            known.insert(variant, entity.id);
            by_fold.entry(fold(variant)).or_insert(entity.id);
        }
    }
    // Reading the documents is independent work: it runs on every core. Each body is split
    // into words once, for names and for dates.
    let bodies: Vec<std::borrow::Cow<'_, str>> =
        documents.par_iter().map(Document::analysed_body).collect();
    let (mut found, dates): (Vec<Vec<Candidate>>, Vec<DatesNamed>) = bodies
        .par_iter()
        .zip(documents)
        .map(|(body, document)| {
            let words = words(body);
            (
                candidates_in(body, &words, &HashSet::new()),
                dates_named(body, &words, document.date),
            )
        })
        .unzip();
    // A lone capitalised word that opens a sentence is a common word if any document writes it
    // in lower case. Only those words are looked up, so no document's whole vocabulary is kept.
    let openers: HashSet<String> = found
        .iter()
        .flatten()
        .filter(|candidate| candidate.sentence_initial && !candidate.all_caps)
        .map(|candidate| candidate.text.to_lowercase())
        .collect();
    if !openers.is_empty() {
        let common: HashSet<String> = bodies
            .par_iter()
            .map(|body| {
                words(body)
                    .into_iter()
                    .filter(|word| {
                        word.text.starts_with(char::is_lowercase) && openers.contains(word.text)
                    })
                    .map(|word| word.text.to_owned())
                    .collect::<HashSet<String>>()
            })
            .reduce(HashSet::new, |mut all, more| {
                all.extend(more);
                all
            });
        for list in &mut found {
            list.retain(|candidate| {
                !(candidate.sentence_initial
                    && !candidate.all_caps
                    && common.contains(&candidate.text.to_lowercase()))
            });
        }
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for candidate_list in found {
        for candidate in candidate_list {
            if known.contains_key(candidate.text.as_str()) {
                continue;
            }
            let tally = tallies
                .entry(fold(&candidate.text))
                .or_insert_with(|| Tally {
                    all_caps: true,
                    ..Tally::default()
                });
            // An acronym is a name wherever it stands, "(FNR)" or at the start of a sentence.
            tally.named |= !candidate.sentence_initial || candidate.all_caps;
            tally.all_caps &= candidate.all_caps;
            *tally.spellings.entry(candidate.text).or_default() += 1;
            if let Some(kind) = candidate.cue {
                *tally.votes.entry(kind).or_default() += 1;
            }
        }
    }
    // Spellings of known entities, by exact folded form and by transliteration likeness.
    let mut spellings_index: SpellingIndex<Target> = SpellingIndex::default();
    for entity in &project.entities {
        for variant in &entity.variants {
            spellings_index.insert(variant, Target::Existing(entity.id));
        }
    }
    // The gazetteer's groups of names for one thing ("United Nations", "Nations unies", "ONU"):
    // the first entity or cluster with a name of a group takes the others.
    let group_of: HashMap<&str, usize> = super::words::SAME_NAMES
        .iter()
        .enumerate()
        .flat_map(|(group, names)| names.iter().map(move |name| (*name, group)))
        .collect();
    let mut group_target: HashMap<usize, Target> = HashMap::new();
    for entity in project.entities.iter().filter(|entity| !entity.hidden) {
        for variant in &entity.variants {
            if let Some(group) = group_of.get(variant.as_str()) {
                group_target
                    .entry(*group)
                    .or_insert(Target::Existing(entity.id));
            }
        }
    }
    // The most frequent spelling goes first, so that it anchors its variants.
    let mut groups: Vec<(String, Tally)> = tallies
        .into_iter()
        .filter(|(_, tally)| tally.named)
        .collect();
    groups.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then_with(|| a.0.cmp(&b.0)));
    let mut extended: BTreeMap<EntityId, Vec<String>> = BTreeMap::new();
    let mut clusters: Vec<Tally> = Vec::new();
    let mut cluster_by_fold: HashMap<String, usize> = HashMap::new();
    // Clustering is greedy and in order, but comparing a name with every spelling indexed so
    // far is the costly part: each batch is compared with the index as it stood on every core,
    // then, in order, with the few clusters the batch itself started. The result is the same
    // as one name at a time.
    const BATCH: usize = 256;
    let mut groups = groups.into_iter().peekable();
    while groups.peek().is_some() {
        let batch: Vec<(String, Tally)> = groups.by_ref().take(BATCH).collect();
        let earlier: Vec<Option<(f32, Target)>> = batch
            .par_iter()
            .map(|(_, tally)| {
                if tally.all_caps {
                    None
                } else {
                    spellings_index.find_best(&tally.most_frequent())
                }
            })
            .collect();
        let mut started: SpellingIndex<Target> = SpellingIndex::default();
        let mut started_spellings: Vec<(String, Target)> = Vec::new();
        for ((folded, tally), earlier) in batch.into_iter().zip(earlier) {
            let representative = tally.most_frequent();
            // Acronyms only match exactly: NRF and NRA are different organisations.
            let target = by_fold
                .get(&folded)
                .map(|id| Target::Existing(*id))
                .or_else(|| {
                    cluster_by_fold
                        .get(&folded)
                        .map(|index| Target::New(*index))
                })
                .or_else(|| {
                    tally
                        .spellings
                        .keys()
                        .find_map(|spelling| group_of.get(spelling.as_str()))
                        .and_then(|group| group_target.get(group).copied())
                })
                .or_else(|| {
                    if tally.all_caps {
                        return None;
                    }
                    let later = started.find_best(&representative);
                    match (earlier, later) {
                        // Spellings indexed earlier win ties, as in one index.
                        (Some(earlier), Some(later)) if later.0 > earlier.0 => Some(later.1),
                        (Some(earlier), _) => Some(earlier.1),
                        (None, later) => later.map(|(_, target)| target),
                    }
                });
            match target {
                Some(Target::Existing(id)) => extended
                    .entry(id)
                    .or_default()
                    .extend(tally.spellings.into_keys()),
                Some(Target::New(index)) => clusters[index].absorb(tally),
                None => {
                    let index = clusters.len();
                    for spelling in tally.spellings.keys() {
                        started.insert(spelling, Target::New(index));
                        started_spellings.push((spelling.clone(), Target::New(index)));
                        if let Some(group) = group_of.get(spelling.as_str()) {
                            group_target.entry(*group).or_insert(Target::New(index));
                        }
                    }
                    cluster_by_fold.insert(folded, index);
                    clusters.push(tally);
                }
            }
        }
        for (spelling, target) in started_spellings {
            spellings_index.insert(&spelling, target);
        }
    }
    let mut updates = EntityUpdates {
        extended: extended.into_iter().collect(),
        ..EntityUpdates::default()
    };
    for (offset, tally) in clusters.into_iter().enumerate() {
        let name = tally.most_frequent();
        let kind = tally
            .votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(kind, _)| *kind)
            .unwrap_or_else(|| fallback_kind(&name, tally.all_caps));
        updates.added.push(Entity {
            id: EntityId(
                project.next_entity_id().0 + u32::try_from(offset).unwrap_or(u32::MAX - 1),
            ),
            name,
            kind,
            variants: tally.spellings.into_keys().collect(),
            hidden: false,
            origin: EntityOrigin::Detected,
        });
    }
    add_dates(project, dates, &mut updates);
    updates
}

/// The name of the date entity for a date mention: its resolved value, or its text when the
/// year cannot be inferred.
pub fn date_entity_name(text: &str, value: Option<PartialDate>) -> String {
    value.map_or_else(|| text.to_owned(), |value| value.to_string())
}

/// The date entities that documents bring, read against their dates.
pub fn date_updates(project: &Project, documents: &[Document]) -> EntityUpdates {
    let mut updates = EntityUpdates::default();
    // Reading the dates of each document is independent work: it runs on every core.
    let dates = documents
        .par_iter()
        .map(|document| {
            let body = document.analysed_body();
            dates_named(&body, &words(&body), document.date)
        })
        .collect();
    add_dates(project, dates, &mut updates);
    updates
}

/// The dates of one document: each as written, with the name of its date entity.
type DatesNamed = Vec<(String, String)>;

/// The dates in a document's analysed body, split into `words`.
fn dates_named(body: &str, words: &[Word<'_>], document_date: Option<PartialDate>) -> DatesNamed {
    find_dates_in(body, words, document_date)
        .into_iter()
        .map(|mention| {
            let text = body[mention.range].to_owned();
            let name = date_entity_name(&text, mention.value);
            (text, name)
        })
        .collect()
}

/// Dates become entities of kind date, one per resolved value, with the texts that name it as
/// spellings: the same words can be different dates in reports of different years.
fn add_dates(project: &Project, found: Vec<DatesNamed>, updates: &mut EntityUpdates) {
    let known: HashMap<String, EntityId> = project
        .entities
        .iter()
        .filter(|entity| entity.kind == EntityKind::Date)
        .map(|entity| (entity.name.clone(), entity.id))
        .collect();
    let mut new_dates: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut extended: BTreeMap<EntityId, Vec<String>> = BTreeMap::new();
    for (text, name) in found.into_iter().flatten() {
        match known.get(&name) {
            Some(id) => {
                let entity = project.entity(*id);
                if entity.is_none_or(|entity| !entity.variants.contains(&text)) {
                    extended.entry(*id).or_default().push(text);
                }
            }
            None => *new_dates.entry(name).or_default().entry(text).or_default() += 1,
        }
    }
    for (id, spellings) in extended {
        updates.extended.push((id, spellings));
    }
    let first =
        project.next_entity_id().0 + u32::try_from(updates.added.len()).unwrap_or(u32::MAX / 2);
    for (id, (name, spellings)) in (first..).zip(new_dates) {
        updates.added.push(Entity {
            id: EntityId(id),
            name,
            kind: EntityKind::Date,
            variants: spellings.into_keys().collect(),
            hidden: false,
            origin: EntityOrigin::Detected,
        });
    }
}

/// Where a new spelling goes: to a known entity or to a new one being formed.
#[derive(Clone, Copy, Debug)]
enum Target {
    Existing(EntityId),
    New(usize),
}

impl Tally {
    fn total(&self) -> usize {
        self.spellings.values().sum()
    }

    /// The most frequent spelling; on a tie, one not in capitals ("Kabul", not "KABUL").
    fn most_frequent(&self) -> String {
        self.spellings
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| is_acronym(b.0).cmp(&is_acronym(a.0)))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(spelling, _)| spelling.clone())
            .unwrap_or_default()
    }

    fn absorb(&mut self, other: Tally) {
        for (spelling, count) in other.spellings {
            *self.spellings.entry(spelling).or_default() += count;
        }
        for (kind, count) in other.votes {
            *self.votes.entry(kind).or_default() += count;
        }
        self.named |= other.named;
        self.all_caps &= other.all_caps;
    }
}

/// What analysis of new documents adds to the project's entities.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct EntityUpdates {
    /// New entities.
    pub added: Vec<Entity>,
    /// New spellings of existing entities.
    pub extended: Vec<(EntityId, Vec<String>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<EntityKind>)> {
        candidates(text, &lowercase_words(text))
            .into_iter()
            .map(|c| (c.text, c.cue))
            .collect()
    }

    #[test]
    fn finds_people_organisations_and_places() {
        let found = names(
            "Commander Ahmad Massoud said the National Resistance Front still held the Panjshir valley. \
             The NRF spokesman Fahim Dashti told AFP that fighting continued.",
        );
        assert!(
            found.contains(&("Ahmad Massoud".into(), Some(EntityKind::Person))),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "National Resistance Front".into(),
                Some(EntityKind::Organisation)
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&("Panjshir".into(), Some(EntityKind::Place))),
            "{found:?}"
        );
        assert!(found.iter().any(|(name, _)| name == "NRF"), "{found:?}");
        assert!(
            found.contains(&("Fahim Dashti".into(), Some(EntityKind::Person))),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(name, _)| name == "The" || name.starts_with("The ")),
            "{found:?}"
        );
    }

    fn project_kinds(texts: &[&str]) -> Vec<(String, EntityKind)> {
        let documents: Vec<Document> = texts
            .iter()
            .map(|text| {
                crate::import::document_from_bytes(text.as_bytes(), "t.txt")
                    .expect("imports")
                    .document
            })
            .collect();
        let updates = new_entities(&Project::new("t"), &documents);
        updates
            .added
            .into_iter()
            .map(|entity| (entity.name, entity.kind))
            .collect()
    }

    #[test]
    fn kinds_are_decided_over_all_mentions() {
        let kinds = project_kinds(&[
            "KABUL, Aug 22 — Fighters gathered in Kabul. The NRF said the NRF would fight.",
            "Reporters in Kabul heard that the Taliban reached Bazarak.\n\nEstimated reading time: 3 minutes.",
        ]);
        assert!(
            kinds.contains(&("Kabul".into(), EntityKind::Place)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("NRF".into(), EntityKind::Organisation)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("Taliban".into(), EntityKind::Organisation)),
            "{kinds:?}"
        );
        assert!(
            !kinds
                .iter()
                .any(|(name, _)| name == "Estimated" || name == "Reporters" || name == "Fighters"),
            "{kinds:?}"
        );
    }

    #[test]
    fn french_particles_elisions_and_titles() {
        let found = names(
            "Selon l’AFP, le commandant Ahmad Shah Massoud a défendu la vallée du Panchir. M. Amrullah Saleh est à Bazarak.",
        );
        let texts: Vec<&str> = found.iter().map(|(name, _)| name.as_str()).collect();
        assert!(texts.contains(&"AFP"), "{texts:?}");
        assert!(texts.contains(&"Ahmad Shah Massoud"), "{texts:?}");
        assert!(texts.contains(&"Panchir"), "{texts:?}");
        assert!(texts.contains(&"Amrullah Saleh"), "{texts:?}");
        assert!(!texts.contains(&"Selon"), "{texts:?}");
        assert!(
            !texts
                .iter()
                .any(|text| text.starts_with("M ") || *text == "M"),
            "{texts:?}"
        );
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let text = "Fighting resumed at dawn. The fighting was heavy. Residents said residents of Kabul fled.";
        let texts: Vec<String> = names(text).into_iter().map(|(name, _)| name).collect();
        assert_eq!(texts, ["Kabul"]);
    }

    #[test]
    fn months_and_weekdays_are_not_entities_here() {
        let texts: Vec<String> = names("On Monday, 6 September, the Taliban entered Bazarak.")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(texts, ["Taliban", "Bazarak"]);
    }

    #[test]
    fn a_lower_case_name_is_taken_whole_only_when_its_acronym_follows() {
        let texts: Vec<String> = names(
            "Le Front national de résistance (FNR) dément. L'Organisation mondiale de la santé (OMS) s'inquiète.",
        )
        .into_iter()
        .map(|(name, _)| name)
        .collect();
        assert!(
            texts.contains(&"Front national de résistance".to_owned()),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"Organisation mondiale de la santé".to_owned()),
            "{texts:?}"
        );
        // Without an acronym that spells it, the lower-case words are not part of the name.
        let texts: Vec<String> =
            names("Le Front national a dit non. Le Front national (FN) aussi.")
                .into_iter()
                .map(|(name, _)| name)
                .collect();
        assert!(texts.contains(&"Front".to_owned()), "{texts:?}");
        assert!(texts.contains(&"Front national".to_owned()), "{texts:?}");
        assert!(
            !texts.iter().any(|text| text.contains("a dit")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_dateline_in_capitals_is_a_place_that_joins_its_other_spellings() {
        let found = project_kinds(&[
            "Report\n\nKABOUL (AFP) — Les combats continuent. Des habitants de Kaboul ont fui.",
            "Report two\n\nKABUL — Fighting went on. Residents of Kabul fled.",
        ]);
        let kabul: Vec<&(String, EntityKind)> = found
            .iter()
            .filter(|(name, _)| name.to_lowercase().starts_with("kab"))
            .collect();
        assert_eq!(kabul.len(), 1, "one place for every spelling: {found:?}");
        assert_eq!(kabul[0].1, EntityKind::Place);
        // An acronym is not taken for a dateline.
        assert!(found.iter().any(|(name, _)| name == "AFP"), "{found:?}");
    }

    #[test]
    fn a_platform_written_against_a_name_is_a_name_of_its_own() {
        let texts: Vec<String> = names("Il l'a écrit sur Twitter Ali Maisam Nazary hier soir.")
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert!(texts.contains(&"Twitter".to_owned()), "{texts:?}");
        assert!(texts.contains(&"Ali Maisam Nazary".to_owned()), "{texts:?}");
    }

    #[test]
    fn a_known_name_that_goes_on_in_lower_case_is_taken_whole() {
        let texts: Vec<String> = names(
            "Selon les Nations unies, l'État islamique recrute. La Banque mondiale a suspendu son aide.",
        )
        .into_iter()
        .map(|(name, _)| name)
        .collect();
        for name in ["Nations unies", "État islamique", "Banque mondiale"] {
            assert!(texts.contains(&name.to_owned()), "{name}: {texts:?}");
        }
    }

    #[test]
    fn the_gazetteer_joins_english_and_french_names_and_acronyms_of_one_thing() {
        let found = project_kinds(&[
            "Report\n\nThe United Nations said the United Nations would stay. The UN envoy agreed.",
            "Dépêche\n\nLes Nations unies restent, a dit l'ONU. Les Nations unies ont parlé.",
        ]);
        let united: Vec<&(String, EntityKind)> = found
            .iter()
            .filter(|(name, _)| {
                ["United Nations", "Nations unies", "UN", "ONU"].contains(&name.as_str())
            })
            .collect();
        assert_eq!(
            united.len(),
            1,
            "one organisation for all four names: {found:?}"
        );
        assert_eq!(united[0].1, EntityKind::Organisation);
    }

    #[test]
    fn a_cue_of_place_outweighs_the_guess_that_two_words_name_a_person() {
        let found = project_kinds(&[
            "Report\n\nFighting moved beyond Jabal Saraj on Sunday. Later Jabal Saraj fell. \
             Residents who fled Jabal Saraj were safe. Karim Rahimi stayed.",
            "Dépêche\n\nLes combats se concentrent près de Jabal Saraj et au nord de Bazarak.",
        ]);
        let kind_of = |wanted: &str| {
            found
                .iter()
                .find(|(name, _)| name == wanted)
                .map(|(_, kind)| *kind)
        };
        assert_eq!(kind_of("Jabal Saraj"), Some(EntityKind::Place), "{found:?}");
        assert_eq!(kind_of("Bazarak"), Some(EntityKind::Place), "{found:?}");
        // With no cue at all, first and last names still make a person.
        assert_eq!(
            kind_of("Karim Rahimi"),
            Some(EntityKind::Person),
            "{found:?}"
        );
    }
}
