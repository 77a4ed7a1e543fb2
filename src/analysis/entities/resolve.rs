//! From every document's candidates to the corpus's entities: evidence pooled over all mentions,
//! kinds decided once, spellings grouped.
//!
//! Deterministic and independent of import order: spellings are visited by their number of
//! mentions in the corpus, then alphabetically, and nothing depends on which document came
//! first.

use super::super::lexicon::{GivenName, Lexicon, Place, lexicon};
use super::alike::{Alike, Placed};
use super::candidates::{DocumentNames, is_acronym, word_hash};
use super::pool::{Evidence, KINDS, Pool, kind_index};
use crate::model::EntityKind;
use crate::text::fold;
use crate::text::{WordMap as HashMap, WordSet as HashSet};
use std::collections::BTreeMap;

/// An entity analysis found: spellings with their counts, a kind and a canonical name.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoEntity {
    /// The spelling shown: the most frequent one.
    pub name: String,
    /// What it most likely is.
    pub kind: EntityKind,
    /// Every spelling, with its number of mentions.
    pub spellings: BTreeMap<String, usize>,
}

/// Everything analysis finds in a corpus, before the user's decisions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AutoEntities {
    /// Names, sorted by canonical name.
    pub entities: Vec<AutoEntity>,
    /// Dates: for each date entity's name (its value), the texts that write it and their counts.
    pub dates: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The lexicon's evidence for a spelling, which counts once, whatever its number of mentions.
fn priors(lexicon: &Lexicon, spelling: &str, all_caps: bool, surname: bool) -> [f32; 5] {
    let mut votes = [0.0; 5];
    // The last word of a person's full name elsewhere in the corpus ("Gaulle", "Bismarck").
    if surname && !all_caps && !spelling.contains(char::is_whitespace) {
        votes[kind_index(EntityKind::Person)] += 1.5;
    }
    // A known organisation, or names joined by an ampersand: a firm's ("Stephens & Trammel").
    if lexicon.organisation(spelling).is_some() || spelling.contains(" & ") {
        votes[kind_index(EntityKind::Organisation)] += 4.0;
    }
    // "U. S", "N. Y": initials written with spaces are the initials the gazetteer knows, with
    // or without their last point ("N. M" for "N.M.").
    let place = lexicon.place(spelling).or_else(|| {
        let joined = spelling.replace(". ", ".");
        lexicon.place(&joined).or_else(|| {
            (spelling.contains(". ") && spelling.ends_with(char::is_uppercase))
                .then(|| lexicon.place(&format!("{joined}.")))
                .flatten()
        })
    });
    if let Some(place) = place {
        votes[kind_index(EntityKind::Place)] += place.weight();
    }
    let words: Vec<&str> = crate::text::words_of_name(spelling);
    // The name's own words: "National Resistance Front", "Gaza Strip", "Pacific Ocean".
    // An acronym inside a word in small letters is an organisation's ("AfD", "Zanu-PF"):
    // people's names have none.
    // So does one after a hyphen ("Pittsburgh Post-Gazette", "San Diego Union-Tribune").
    let hyphenated = |word: &&str| {
        word.rsplit_once('-').is_some_and(|(_, tail)| {
            tail.starts_with(char::is_uppercase) && lexicon.is_organisation_word(tail)
        })
    };
    // And a newspaper's last word: "Baltimore Sun", "Hartford Courant".
    if words
        .iter()
        .any(|word| lexicon.is_organisation_word(word) || hyphenated(word))
        || words.len() >= 2 && lexicon.is_press_head(words[words.len() - 1])
        || !all_caps
            && words
                .iter()
                .any(|word| has_inner_acronym(word) || is_camel_case(lexicon, word))
    {
        votes[kind_index(EntityKind::Organisation)] += 2.5;
    }
    if words.len() >= 2
        && (lexicon.is_place_word(words[words.len() - 1]) || lexicon.is_place_word(words[0]))
    {
        votes[kind_index(EntityKind::Place)] += 2.5;
    } else if words.len() >= 3
        && words[1..words.len() - 1]
            .iter()
            .any(|word| word.starts_with(char::is_uppercase) && lexicon.is_place_word(word))
    {
        // Inside a name ("Tabor City Yam Market", "Green County Georgia") it says less, but
        // still that the name is no person's.
        votes[kind_index(EntityKind::Place)] += 1.5;
    }
    // A word of letters and digits is a model's or a product's code ("Airbus A350", "F-16",
    // "Covid-19"): no one's name.
    if words.iter().any(|word| {
        word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(char::is_alphabetic)
    }) {
        votes[kind_index(EntityKind::Other)] += 2.0;
    }
    // A firm's name before words that are not a body's, a place's or a person's is one of its
    // products: "Nintendo Switch", "Google Stadia", "Sonos Move", "Motorola Razr".
    if words.len() >= 2
        && !all_caps
        && lexicon.organisation(words[0]).is_some()
        && lexicon.organisation(spelling).is_none()
        && lexicon.place(spelling).is_none()
        && words[1..].iter().all(|word| {
            word.starts_with(char::is_uppercase)
                && !lexicon.is_organisation_word(word)
                && !lexicon.is_place_word(word)
                && lexicon.given_name(word).is_none()
                && lexicon.place(word).is_none()
        })
    {
        votes[kind_index(EntityKind::Other)] += 3.0;
    }
    // An award, a festival, a contest: "Nobel Prize", "SAG Awards", "Festival de Cannes".
    if words.len() >= 2
        && (lexicon.is_event_word(words[words.len() - 1])
            || lexicon.is_event_word(words[0])
                && matches!(words[1], "of" | "de" | "du" | "des" | "d'" | "d’"))
    {
        votes[kind_index(EntityKind::Other)] += 3.0;
    }
    // "North Africa", "South Korea": a point of the compass before a place.
    // "Western Europe", "Europe occidentale", "Afrique centrale" too.
    if words.len() >= 2
        && (lexicon.is_direction(words[0]) && lexicon.place(&words[1..].join(" ")).is_some()
            || lexicon.is_direction(words[words.len() - 1])
                && lexicon.place(&words[..words.len() - 1].join(" ")).is_some())
    {
        votes[kind_index(EntityKind::Place)] += 3.0;
    }
    // The same with "of" between them, as French and English also write it: "Nord de
    // l'Afrique", "Europe du Sud", "North of England".
    if let Some((head, tail)) = of_compound(&words)
        && (lexicon.is_direction(&head) && lexicon.is_well_known_place(&tail)
            || lexicon.is_direction(&tail) && lexicon.is_well_known_place(&head))
    {
        votes[kind_index(EntityKind::Place)] += 3.0;
    }
    // Streets and squares written as one word, as German writes them ("Petersallee"), and the
    // endings of towns' and countries' names ("Cookeville", "Pittsburgh", "Stalingrad",
    // "Kurdistan", "Yorkshire").
    if words.len() == 1 {
        let folded = fold(spelling);
        let ends = |suffixes: &[&str]| {
            suffixes
                .iter()
                .any(|suffix| folded.len() > suffix.len() + 2 && folded.ends_with(suffix))
        };
        if ends(&["strasse", "platz", "allee", "gasse", "weg", "ufer", "damm"]) {
            votes[kind_index(EntityKind::Place)] += 2.0;
        } else if ends(&[
            "ville", "burg", "burgh", "bourg", "borough", "polis", "grad", "istan", "shire",
            "dorf", "hausen",
        ]) {
            votes[kind_index(EntityKind::Place)] += 1.5;
        }
    }
    // A first name opens a person's name, also in capitals ("JOHN BRINK" in a list); not a
    // name with a word of an organisation in it ("Asia Pacific Media Network"), nor one that
    // opens with a nationality ("German East Africa Company") or with a city that is seldom a
    // first name ("Berlin Conference").
    let not_a_first_name = |word: &str, given: GivenName| {
        words.iter().any(|word| lexicon.is_organisation_word(word))
            || lexicon.is_group_word(word)
            || given.weight < 5.0 && lexicon.is_well_known_place(word)
    };
    if words.len() >= 2 {
        if let Some(given) = lexicon
            .given_name(words[0])
            .filter(|given| !not_a_first_name(words[0], *given))
        {
            votes[kind_index(EntityKind::Person)] += if given.ambiguous {
                1.0
            } else if given.weight >= 5.0 {
                2.5
            } else {
                1.5
            };
        }
    } else if words.len() == 1 && !all_caps {
        // A word that ends a country's name ("Korea" of "South Korea") leans to a place.
        if lexicon.ends_place_name(words[0]) {
            votes[kind_index(EntityKind::Place)] += 1.0;
        }
        if let Some(given) = lexicon.given_name(words[0])
            && !given.ambiguous
            && given.weight >= 5.0
        {
            votes[kind_index(EntityKind::Person)] += if given.weight >= 6.5 { 1.5 } else { 0.8 };
        }
    }
    votes
}

/// Whether a word of a name holds an acronym: a part of two capitals or more after a hyphen
/// ("Zanu-PF"), or capitals after small letters ("AfD", "PvdA"). Not a Roman numeral. (A whole
/// word in capitals is no such evidence: French prints surnames so, "Pierre BINER".)
fn has_inner_acronym(word: &str) -> bool {
    let roman = |part: &str| part.chars().all(|c| "IVXLCDM".contains(c));
    // As long as acronyms are: "St-GEORGES" is a place written in capitals.
    let capitals = |part: &str| {
        (2..=5).contains(&part.chars().count())
            && part.chars().all(char::is_uppercase)
            && !roman(part)
    };
    if !word.chars().any(char::is_lowercase) {
        return false;
    }
    let mut parts = word.split('-');
    let first = parts.next().unwrap_or_default();
    parts.any(capitals)
        || first.starts_with(char::is_uppercase)
            && first.chars().skip(1).any(char::is_lowercase)
            && first.ends_with(char::is_uppercase)
            && first.chars().all(char::is_alphabetic)
            && (3..=5).contains(&first.chars().count())
}

/// Whether `word` is written in camel case, as firms and products name themselves ("PayPal",
/// "WeChat", "SmartAsset", "HomeKit"): a capital after a small letter inside the word, and a
/// common word after it (so not a capital misread by OCR, "CoDseil", "StrPélersbourg"). Not a
/// surname or a first name with a prefix ("McDonald", "MacArthur", "DiCaprio", "LeBron",
/// "VanderMeer", "FitzGerald").
fn is_camel_case(lexicon: &Lexicon, word: &str) -> bool {
    const PREFIXES: [&str; 19] = [
        "Mc", "Mac", "Di", "De", "Da", "Del", "Della", "La", "Le", "Lo", "Van", "Vander", "Von",
        "Du", "Des", "St", "Fitz", "Ja", "Ke",
    ];
    if !word.chars().all(char::is_alphabetic) || !word.starts_with(char::is_uppercase) {
        return false;
    }
    let chars: Vec<char> = word.chars().collect();
    let Some(inner) = (1..chars.len()).find(|at| chars[*at].is_uppercase()) else {
        return false;
    };
    let prefix: String = chars[..inner].iter().collect();
    let rest: String = chars[inner..].iter().collect();
    chars[inner - 1].is_lowercase()
        && rest.chars().count() >= 3
        && rest.chars().skip(1).all(char::is_lowercase)
        && lexicon.is_common_word(&rest)
        && !PREFIXES.contains(&prefix.as_str())
}

/// The two sides of a name joined by "of": ("Nord", "Afrique") of "Nord de l'Afrique",
/// ("Europe", "Sud") of "Europe du Sud". The side after it loses its article.
fn of_compound(words: &[&str]) -> Option<(String, String)> {
    let at = words
        .iter()
        .position(|word| matches!(*word, "de" | "du" | "des" | "of"))?;
    if at == 0 {
        return None;
    }
    let tail: Vec<&str> = words[at + 1..]
        .iter()
        .skip_while(|word| matches!(**word, "la" | "le" | "les" | "the"))
        .copied()
        .collect();
    let tail = tail.join(" ");
    let tail = ["l'", "l’", "L'", "L’"]
        .iter()
        .find_map(|article| tail.strip_prefix(article))
        .unwrap_or(&tail);
    (!tail.is_empty()).then(|| (words[..at].join(" "), tail.to_owned()))
}

/// Whether a spelling of two words or more is made only of common words, nationalities and
/// well-known places: written in title case ("Human Rights", "African Quarter", "Berlin
/// Summit"), it names a thing or an event at least as often as a person.
fn is_phrase(lexicon: &Lexicon, spelling: &str) -> bool {
    let words: Vec<&str> = crate::text::words_of_name(spelling);
    words.len() >= 2
        && words.iter().all(|word| {
            lexicon.is_common_word(word)
                || lexicon.is_group_word(word)
                || lexicon.is_well_known_place(word)
        })
}

/// The kind that the votes favour; with no vote at all, a guess from the name's writing.
fn decide_kind(votes: &[f32; 5], all_caps: bool, quoted: bool, phrase: bool) -> EntityKind {
    if quoted {
        return EntityKind::Other;
    }
    let best = (0..5)
        .filter(|index| *index != kind_index(EntityKind::Date))
        .max_by(|a, b| votes[*a].total_cmp(&votes[*b]).then_with(|| b.cmp(a)))
        .unwrap_or(4);
    if votes[best] > 0.0 {
        return KINDS[best];
    }
    // With nothing to go on, an acronym is most often an organisation's, and a capitalised
    // name a person's: the gazetteer already placed most places, and names of works and
    // events are the rarer kind in news.
    if all_caps {
        EntityKind::Organisation
    } else if phrase {
        EntityKind::Other
    } else {
        EntityKind::Person
    }
}

/// Whether a spelling is a name the corpus vouches for.
fn is_named(
    lexicon: &Lexicon,
    spelling: &str,
    evidence: &Evidence,
    (lower, surnames): (&HashSet<u64>, &HashSet<String>),
    votes: &[f32; 5],
) -> bool {
    // A common word capitalised mid-sentence ("the Internet") is a name only with a cue, or as
    // the surname of someone the corpus names in full ("Bush" of "George Bush").
    let person_or_organisation = |votes: &[f32; 5]| {
        votes[kind_index(EntityKind::Person)] > 0.0
            || votes[kind_index(EntityKind::Organisation)] > 0.0
    };
    // A strong cue of a place ("the district of Wedding") will do too; "in" before it will not.
    if evidence.common {
        return person_or_organisation(votes)
            || evidence.cues[kind_index(EntityKind::Place)] > 0
            || surnames.contains(&fold(spelling));
    }
    // Seen only at the start of sentences, it is a name unless it is a common word in lower
    // case, in the lexicon or in the corpus ("Formé", "Unverified"), or a regular derivative
    // of one that is no one's name ("Troisièmement", "Fuelling", "Fonctionne-t-il").
    let lower_case = spelling.to_lowercase();
    if !evidence.named
        && (lexicon.is_common_word(&lower_case)
            || lower.contains(&word_hash(&lower_case))
            || lexicon.is_derived_common_word(spelling)
                && lexicon.given_name(spelling).is_none()
                && lexicon.place(spelling).is_none()
                && !surnames.contains(&fold(spelling)))
        && !person_or_organisation(votes)
    {
        return false;
    }
    true
}

/// The name a place word leaves when taken off: "Panjshir" of "Panjshir Valley", "Panchir" of
/// "vallée du Panchir", "Parwan" of "Parwan province".
fn without_place_word(lexicon: &Lexicon, spelling: &str) -> Option<String> {
    let words: Vec<&str> = crate::text::words_of_name(spelling);
    if words.len() < 2 {
        return None;
    }
    // "Gaza City" and "Mexico City" are not Gaza and Mexico; "Gaza Strip" is Gaza.
    let town = |word: &str| matches!(fold(word).as_str(), "city" | "ville" | "town" | "village");
    if lexicon.is_place_word(words[words.len() - 1]) && !town(words[words.len() - 1]) {
        return Some(words[..words.len() - 1].join(" "));
    }
    if lexicon.is_place_word(words[0]) {
        let rest = words[1..]
            .iter()
            .skip_while(|word| matches!(**word, "de" | "du" | "des" | "of" | "d'" | "la"))
            .copied()
            .collect::<Vec<_>>();
        return (!rest.is_empty()).then(|| rest.join(" "));
    }
    None
}

/// A group of spellings being formed.
#[derive(Debug, Default)]
struct Cluster {
    spellings: BTreeMap<String, usize>,
    /// The place the gazetteer says its first spelling is, if it knows it well.
    place: Option<u32>,
    votes: [f32; 5],
    all_caps: bool,
    quoted: bool,
}

impl Cluster {
    fn total(&self) -> usize {
        self.spellings.values().sum()
    }

    /// The most frequent spelling; on a tie, one not in capitals ("Kabul", not "KABUL"), then
    /// the first in alphabetical order.
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

    fn kind(&self, lexicon: &Lexicon) -> EntityKind {
        let acronym = self.all_caps || self.spellings.keys().any(|spelling| is_acronym(spelling));
        let phrase = self
            .spellings
            .keys()
            .all(|spelling| is_phrase(lexicon, spelling));
        decide_kind(&self.votes, acronym, self.quoted, phrase)
    }

    /// The name to show: the most frequent spelling, or, when every spelling is in capitals (a
    /// dateline), the gazetteer's name for the place ("Kabul" for "KABOUL").
    fn name(&self, lexicon: &Lexicon) -> String {
        let most = self.most_frequent();
        if self
            .spellings
            .keys()
            .all(|spelling| is_acronym(spelling) || spelling.chars().all(|c| !c.is_lowercase()))
            && let Some(place) = lexicon.place(&most)
            && let Some(name) = lexicon.place_name(place.id)
        {
            return name.to_owned();
        }
        most
    }
}

/// Whether two leaning kinds may be one entity: the same, or one of them without evidence.
fn compatible(a: Option<EntityKind>, b: Option<EntityKind>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The kind the votes lean to, if any vote was cast.
fn leaning(votes: &[f32; 5]) -> Option<EntityKind> {
    let best = (0..5).max_by(|a, b| votes[*a].total_cmp(&votes[*b]).then_with(|| b.cmp(a)))?;
    (votes[best] > 0.0).then_some(KINDS[best])
}

/// Groups the names of every document into entities.
pub fn resolve(documents: &[&DocumentNames]) -> AutoEntities {
    resolve_pool(&Pool::of(documents.iter().copied()), &mut Alike::default())
}

/// Groups the spellings of a corpus's pool into entities; `alike` holds which spellings are
/// written alike, from earlier analyses, and learns the new ones.
pub(super) fn resolve_pool(pool: &Pool, alike: &mut Alike) -> AutoEntities {
    let lexicon = lexicon();
    // Spellings of corpora long gone are forgotten now and then.
    if alike.len() > 4 * pool.spellings.len() + 20_000 {
        *alike = Alike::default();
    }
    // The spellings that are names, the most frequent first, so that they anchor their
    // variants; ties in alphabetical order.
    let mut spellings: Vec<(&str, &Evidence, [f32; 5])> = pool
        .spellings
        .iter()
        .filter_map(|(spelling, evidence)| {
            let mut votes = evidence.votes();
            if !is_named(
                lexicon,
                spelling,
                evidence,
                (&pool.lower, &pool.surnames),
                &votes,
            ) {
                return None;
            }
            let prior = priors(
                lexicon,
                spelling,
                evidence.all_caps,
                pool.surnames.contains(&fold(spelling)),
            );
            for (vote, add) in votes.iter_mut().zip(prior) {
                *vote += add;
            }
            Some((spelling.as_str(), evidence, votes))
        })
        .collect();
    spellings.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(b.0)));
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut by_fold: HashMap<String, usize> = HashMap::default();
    let mut by_place: HashMap<u32, usize> = HashMap::default();
    let mut by_organisation: HashMap<u32, usize> = HashMap::default();
    // What names with a place word leave without it ("Aargau" of "Kanton Aargau"), for a less
    // frequent spelling of the name alone, which comes after them.
    let mut by_core: HashMap<String, usize> = HashMap::default();
    let mut placed = Placed::default();
    for (spelling, evidence, votes) in spellings {
        let folded = fold(spelling);
        // Names of one place in several languages join ("Kaboul", "Kabul"): the place each
        // most likely means, and only a place the gazetteer knows well, since small towns'
        // alternate names include their region's and "Sudan" is also an old name of South Sudan.
        let places: Vec<u32> = lexicon
            .place(spelling)
            .filter(Place::is_well_known)
            .map(|place| place.id)
            .into_iter()
            .collect();
        let organisation = lexicon.organisation(spelling);
        let leans = leaning(&votes);
        let target = by_fold
            .get(&folded)
            .copied()
            .or_else(|| places.iter().find_map(|id| by_place.get(id).copied()))
            .or_else(|| organisation.and_then(|id| by_organisation.get(&id).copied()))
            .or_else(|| {
                by_core
                    .get(&folded)
                    .copied()
                    .filter(|&found| compatible(leans, leaning(&clusters[found].votes)))
            })
            .or_else(|| {
                // Acronyms only match exactly: NRF and NRA are different organisations.
                if evidence.all_caps {
                    return None;
                }
                // "Gaza Strip", "la vallée du Panchir": the name without its place word.
                let core = without_place_word(lexicon, spelling).and_then(|core| {
                    by_fold
                        .get(&fold(&core))
                        .copied()
                        .or_else(|| placed.find_same(alike, &core))
                });
                let found = core.or_else(|| {
                    let found = placed.find_same(alike, spelling)?;
                    // Two places the gazetteer tells apart ("Tunis", "Tunisia") are two places,
                    // however alike their names.
                    let distinct_places = places
                        .first()
                        .is_some_and(|id| clusters[found].place.is_some_and(|other| other != *id));
                    (!distinct_places).then_some(found)
                })?;
                compatible(leans, leaning(&clusters[found].votes)).then_some(found)
            });
        let target = target.unwrap_or_else(|| {
            clusters.push(Cluster {
                all_caps: true,
                quoted: true,
                ..Cluster::default()
            });
            clusters.len() - 1
        });
        let cluster = &mut clusters[target];
        if cluster.spellings.is_empty() {
            cluster.place = places.first().copied();
        }
        *cluster.spellings.entry(spelling.to_owned()).or_default() += evidence.count;
        for (vote, add) in cluster.votes.iter_mut().zip(votes) {
            *vote += add;
        }
        cluster.all_caps &= evidence.all_caps;
        cluster.quoted &= evidence.quoted;
        if !evidence.all_caps
            && let Some(core) = without_place_word(lexicon, spelling)
        {
            by_core.entry(fold(&core)).or_insert(target);
        }
        by_fold.entry(folded).or_insert(target);
        for id in places {
            by_place.entry(id).or_insert(target);
        }
        if let Some(id) = organisation {
            by_organisation.entry(id).or_insert(target);
        }
        if !evidence.all_caps {
            placed.insert(alike.id(spelling), target);
        }
    }
    // An acronym spelled out in any document joins the name it stands for, in every language
    // it was spelled out in: "SDF" with "Syrian Democratic Forces" and, through "FDS" if a
    // text gives both, with "Forces démocratiques syriennes".
    let cluster_of =
        |spelling: &str, by_fold: &HashMap<String, usize>| by_fold.get(&fold(spelling)).copied();
    let mut parent: Vec<usize> = (0..clusters.len()).collect();
    fn root(parent: &mut [usize], mut item: usize) -> usize {
        while parent[item] != item {
            parent[item] = parent[parent[item]];
            item = parent[item];
        }
        item
    }
    for (expansion, acronym) in &pool.acronyms {
        if let (Some(a), Some(b)) = (
            cluster_of(expansion, &by_fold),
            cluster_of(acronym, &by_fold),
        ) {
            let (a, b) = (root(&mut parent, a), root(&mut parent, b));
            if a != b {
                // The smaller index (the more frequent cluster) stays the root: the result does
                // not depend on the order of the links.
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut merged: BTreeMap<usize, Cluster> = BTreeMap::new();
    for (item, cluster) in clusters.into_iter().enumerate() {
        let into = root(&mut parent, item);
        let target = merged.entry(into).or_insert_with(|| Cluster {
            all_caps: true,
            quoted: true,
            ..Cluster::default()
        });
        for (spelling, count) in cluster.spellings {
            *target.spellings.entry(spelling).or_default() += count;
        }
        for (vote, add) in target.votes.iter_mut().zip(cluster.votes) {
            *vote += add;
        }
        target.all_caps &= cluster.all_caps;
        target.quoted &= cluster.quoted;
    }
    let mut entities: Vec<AutoEntity> = merged
        .into_values()
        .filter(|cluster| cluster.total() > 0)
        .map(|cluster| AutoEntity {
            name: cluster.name(lexicon),
            kind: cluster.kind(lexicon),
            spellings: cluster.spellings,
        })
        .collect();
    entities.sort_by(|a, b| a.name.cmp(&b.name));
    AutoEntities {
        entities,
        dates: pool.dates.clone(),
    }
}
