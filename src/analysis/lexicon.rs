//! The word lists and name data recognition leans on, read from the data files in `assets/`.
//!
//! - `assets/names/places.tsv`: a gazetteer built from GeoNames (continents, countries,
//!   first-level divisions, cities above 15,000 inhabitants) with alternate names in many
//!   languages, so "Kaboul", "Kabul" and "Cabul" are one place;
//! - `assets/names/given-names.tsv`: first names of many countries, evidence of a person, and
//!   `given-names-extra.tsv`, the abbreviations print uses for common ones ("Wm.", "Chas.");
//! - `assets/names/demonyms.tsv` and `assets/words/group-words.txt`: words for the people of a
//!   country or the members of a group ("Afghans", "Française", "jihadists"), never names;
//! - `assets/names/organisations.tsv`: agencies, international organisations, armed groups,
//!   outlets, platforms and large companies, with their names in several languages;
//! - `assets/words/*.txt`: titles, roles, function words (`stop-words-de.txt` for German texts
//!   only) and the other closed word classes;
//! - `assets/words/common-*.txt`: the commonest lower-case words of English and French.
//!
//! The files are compiled into the binary (they stay data files that `assets/names/build.py`
//! regenerates) and parsed once, on first use, off the UI thread.

use crate::text::{WordMap as HashMap, WordSet as HashSet, fold};
use std::sync::LazyLock;

/// What kind of place a gazetteer name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceClass {
    /// A city or town.
    City,
    /// A first-level division: a state, a region, a province.
    Region,
    /// A country or territory.
    Country,
    /// A continent.
    Continent,
}

/// A place the gazetteer knows under some name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Its GeoNames id: names with the same id name the same place.
    pub id: u32,
    /// What kind of place it is.
    pub class: PlaceClass,
    /// Its population, 0 when unknown.
    pub population: u64,
}

impl Place {
    /// How strongly a name of this place says "place": countries and big cities more than
    /// small towns, whose names are often surnames or common words too.
    pub fn weight(&self) -> f32 {
        match self.class {
            PlaceClass::Continent | PlaceClass::Country => 4.0,
            PlaceClass::Region => 2.5,
            PlaceClass::City if self.population >= 1_000_000 => 3.0,
            PlaceClass::City if self.population >= 100_000 => 2.0,
            PlaceClass::City => 0.7,
        }
    }

    /// Whether its name alone says "place": a country, a continent, a region, or a city of
    /// 100,000 people or more (smaller towns' names are often surnames or common words too).
    pub fn is_well_known(&self) -> bool {
        self.weight() >= 2.0
    }

    /// How likely a name shared by several places means this one: countries first, then big
    /// cities before the regions named after them ("Kabul" the city, not the province).
    fn rank(&self) -> u8 {
        match self.class {
            PlaceClass::Continent | PlaceClass::Country => 4,
            PlaceClass::City if self.population >= 1_000_000 => 3,
            PlaceClass::Region => 2,
            PlaceClass::City => 1,
        }
    }

    /// Which of two places a shared name most likely means.
    fn outranks(&self, other: &Self) -> bool {
        (self.rank(), self.population, std::cmp::Reverse(self.id))
            > (other.rank(), other.population, std::cmp::Reverse(other.id))
    }
}

/// A first name, with how common it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GivenName {
    /// log10 of bearers per billion people where the name is commonest (8 very common, 2 rare).
    pub weight: f32,
    /// Also a common word or a month ("Will", "May", "Grace").
    pub ambiguous: bool,
}

/// Every list, parsed.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Places by folded name, the likeliest first (a name can be a city's and its
    /// province's).
    places: HashMap<String, Vec<Place>>,
    /// The main name of each place, by id.
    place_names: HashMap<u32, String>,
    /// Words that end the name of a country or a region ("Korea" of "South Korea", "Arabia"
    /// of "Saudi Arabia"), folded.
    place_name_ends: HashSet<String>,
    /// First names by folded name.
    given_names: HashMap<String, GivenName>,
    /// The abbreviated first names of `given-names-extra.tsv` ("wm", "chas"), folded.
    given_name_abbreviations: HashSet<String>,
    /// Abbreviations opening part of a name ("St", "Mt").
    name_abbreviations: HashSet<String>,
    /// Acronyms that are common nouns ("TV", "GDP", "TVA").
    common_acronyms: HashSet<String>,
    /// Nationality and group words, folded.
    group_words: HashSet<String>,
    /// Organisations by folded name: the index of their line, the same for every name of one.
    organisations: HashMap<String, u32>,
    /// Closed word classes, each folded unless said otherwise.
    titles: HashSet<String>,
    title_prefixes: HashSet<String>,
    roles: HashSet<String>,
    organisation_words: HashSet<String>,
    organisation_types: HashSet<String>,
    place_words: HashSet<String>,
    particles: HashSet<String>,
    reporting_verbs: HashSet<String>,
    place_prepositions: HashSet<String>,
    directions: HashSet<String>,
    /// The states' postal codes, read only after a town's name and a comma.
    us_state_codes: HashSet<String>,
    calendar: HashSet<String>,
    stop_words: HashSet<String>,
    /// Words of an award's, a festival's or a contest's name.
    event_words: HashSet<String>,
    /// Last words of newspapers' names ("Sun", "Courant"), read only at the end of a name.
    press_heads: HashSet<String>,
    /// German function words, which German capitalises at the start of a sentence.
    stop_words_german: HashSet<String>,
    /// The last parts of German compounds that name an organisation ("-rath", "-verein").
    organisation_heads_german: Vec<String>,
    /// Common lower-case words, as written (not folded: "été" is not "ete").
    common_words: HashSet<String>,
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);
    &LEXICON
}

/// Calls `look_up` with the folded form of `word` (see [`fold`]), without allocating for the
/// short ASCII words that make most of a text.
fn with_folded<T>(word: &str, look_up: impl FnOnce(&str) -> T) -> T {
    const SHORT: usize = 48;
    if word.len() <= SHORT && word.is_ascii() {
        // Lower-case ASCII is its own folded form.
        if !word.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return look_up(word);
        }
        let mut buffer = [0_u8; SHORT];
        for (slot, byte) in buffer.iter_mut().zip(word.bytes()) {
            *slot = byte.to_ascii_lowercase();
        }
        // Lower-cased ASCII is ASCII, so always UTF-8.
        if let Ok(folded) = std::str::from_utf8(&buffer[..word.len()]) {
            return look_up(folded);
        }
    }
    look_up(&fold(word))
}

/// The data lines of a file: neither blank nor a `#` comment.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Whether a folded word is a compound ending in `head` after at least five letters: the
/// shortest German stems that name a body ("Stadt" of "Stadtrat"); shorter ones make other
/// words ("Heirat", "Apparat").
fn is_compound_of(folded: &str, head: &str) -> bool {
    folded
        .strip_suffix(head)
        .is_some_and(|stem| stem.chars().filter(|c| c.is_alphabetic()).count() >= 5)
}

fn folded_set(text: &str) -> HashSet<String> {
    data_lines(text).map(|line| fold(line.trim())).collect()
}

impl Lexicon {
    /// Parses every data file.
    pub fn load() -> Self {
        let mut lexicon = Self {
            given_name_abbreviations: data_lines(include_str!(
                "../../assets/names/given-names-extra.tsv"
            ))
            .filter_map(|line| line.split('\t').next())
            .map(|name| fold(name.trim()))
            .collect(),
            name_abbreviations: folded_set(include_str!(
                "../../assets/words/name-abbreviations.txt"
            )),
            common_acronyms: folded_set(include_str!("../../assets/words/common-acronyms.txt")),
            titles: folded_set(include_str!("../../assets/words/titles.txt")),
            title_prefixes: folded_set(include_str!("../../assets/words/title-prefixes.txt")),
            roles: folded_set(include_str!("../../assets/words/roles.txt")),
            organisation_words: folded_set(include_str!(
                "../../assets/words/organisation-words.txt"
            )),
            organisation_types: folded_set(include_str!(
                "../../assets/words/organisation-types.txt"
            )),
            place_words: folded_set(include_str!("../../assets/words/place-words.txt")),
            particles: data_lines(include_str!("../../assets/words/particles.txt"))
                .map(|line| line.trim().to_owned())
                .collect(),
            reporting_verbs: folded_set(include_str!("../../assets/words/reporting-verbs.txt")),
            place_prepositions: folded_set(include_str!(
                "../../assets/words/place-prepositions.txt"
            )),
            directions: folded_set(include_str!("../../assets/words/directions.txt")),
            us_state_codes: folded_set(include_str!("../../assets/words/us-state-codes.txt")),
            calendar: folded_set(include_str!("../../assets/words/calendar.txt")),
            stop_words: folded_set(include_str!("../../assets/words/stop-words.txt")),
            event_words: folded_set(include_str!("../../assets/words/event-words.txt")),
            press_heads: folded_set(include_str!("../../assets/words/press-heads.txt")),
            stop_words_german: folded_set(include_str!("../../assets/words/stop-words-de.txt")),
            organisation_heads_german: data_lines(include_str!(
                "../../assets/words/organisation-heads-de.txt"
            ))
            .map(|line| fold(line.trim()))
            .collect(),
            group_words: folded_set(include_str!("../../assets/words/group-words.txt")),
            ..Self::default()
        };
        for text in [
            include_str!("../../assets/words/common-en.txt"),
            include_str!("../../assets/words/common-fr.txt"),
        ] {
            for word in data_lines(text).map(str::trim) {
                // Old typography and OCR drop accents on capitals ("Etat" for "État"): the
                // folded form counts too.
                lexicon.common_words.insert(fold(word));
                lexicon.common_words.insert(word.to_owned());
            }
        }
        for line in data_lines(include_str!("../../assets/names/demonyms.tsv")) {
            if let Some(forms) = line.split('\t').nth(2) {
                for form in forms.split('|').map(|form| fold(form.trim())) {
                    // "Hong Kongers" is also written "Hongkongers"; "South Korean" and
                    // "Nord-coréen" name a people of a nation whose word alone ("Korean",
                    // "coréen") the source does not list.
                    if form.contains(' ') {
                        lexicon.group_words.insert(form.replace(' ', ""));
                    }
                    if let Some((first, rest)) = form.split_once([' ', '-'])
                        && lexicon.directions.contains(first)
                    {
                        lexicon.group_words.insert(rest.to_owned());
                    }
                    lexicon.group_words.insert(form);
                }
            }
        }
        for (index, line) in
            data_lines(include_str!("../../assets/names/organisations.tsv")).enumerate()
        {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            for name in line
                .split('|')
                .map(str::trim)
                .filter(|name| !name.is_empty())
            {
                lexicon.organisations.entry(fold(name)).or_insert(index);
            }
        }
        let given_names = data_lines(include_str!("../../assets/names/given-names.tsv")).chain(
            data_lines(include_str!("../../assets/names/given-names-extra.tsv")),
        );
        for line in given_names {
            let mut fields = line.split('\t');
            let (Some(name), Some(weight)) = (fields.next(), fields.next()) else {
                continue;
            };
            let Ok(weight) = weight.trim().parse::<f32>() else {
                continue;
            };
            let ambiguous = fields.next().is_some_and(|flag| flag.trim() == "ambiguous");
            let entry = GivenName { weight, ambiguous };
            lexicon
                .given_names
                .entry(fold(name.trim()))
                .and_modify(|known| {
                    if weight > known.weight {
                        *known = GivenName {
                            weight,
                            ambiguous: known.ambiguous || ambiguous,
                        };
                    }
                })
                .or_insert(entry);
        }
        let places = data_lines(include_str!("../../assets/names/places.tsv"))
            .chain(data_lines(include_str!(
                "../../assets/names/places-extra.tsv"
            )))
            .chain(data_lines(include_str!("../../assets/names/regions.tsv")));
        let mut main_names: std::collections::HashSet<(String, u32)> =
            std::collections::HashSet::new();
        for line in places {
            let fields: Vec<&str> = line.split('\t').collect();
            let [id, class, population, _country, names] = fields[..] else {
                continue;
            };
            let (Ok(id), Ok(population)) = (id.parse::<u32>(), population.parse::<u64>()) else {
                continue;
            };
            let class = match class {
                "continent" => PlaceClass::Continent,
                "country" => PlaceClass::Country,
                "admin1" | "region" => PlaceClass::Region,
                _ => PlaceClass::City,
            };
            let place = Place {
                id,
                class,
                population,
            };
            if let Some(main) = names.split('|').next() {
                lexicon
                    .place_names
                    .entry(id)
                    .or_insert_with(|| main.to_owned());
            }
            // A place's own name (its main name and that name in ASCII) outranks another place's
            // alternate name: "Tunis" is the city, although it is also an old name of Tunisia.
            for (position, name) in names
                .split('|')
                .enumerate()
                .filter(|(_, name)| !name.is_empty())
            {
                let folded = fold(name);
                let main = position < 2;
                if main {
                    main_names.insert((folded.clone(), id));
                    // The demonym source gives a few countries' own names as their people's
                    // ("Gibraltar", "Djibouti", "Vatican"): the name is the country's.
                    if class == PlaceClass::Country {
                        lexicon.group_words.remove(&folded);
                    }
                }
                let entry = lexicon.places.entry(folded.clone()).or_default();
                if !entry.iter().any(|known| known.id == place.id) {
                    let at = entry
                        .iter()
                        .position(|known| {
                            let known_main = main_names.contains(&(folded.clone(), known.id));
                            (main, place.rank()) > (known_main, known.rank())
                                || (main, place.rank()) == (known_main, known.rank())
                                    && place.outranks(known)
                        })
                        .unwrap_or(entry.len());
                    entry.insert(at, place);
                }
            }
        }
        lexicon
    }

    /// The place a name most likely means, if the gazetteer knows it.
    pub fn place(&self, name: &str) -> Option<Place> {
        let look_up =
            |name: &str| with_folded(name, |folded| self.places.get(folded)?.first().copied());
        look_up(name)
            .or_else(|| {
                // Eighteenth-century print's long s reads as an f in OCR ("Ruffia", "Long-Ifland").
                let long_s = name.contains('f').then(|| name.replace('f', "s"))?;
                look_up(&long_s)
            })
            .or_else(|| {
                // The German genitive of a well-known place: "Frankreichs", "Europas".
                let stem = name
                    .strip_suffix('s')
                    .filter(|stem| stem.chars().count() >= 4)?;
                look_up(stem).filter(Place::is_well_known)
            })
            .or_else(|| {
                // A German adjective declined after an article: "den Vereinigten Staaten".
                let (adjective, rest) = name.split_once(' ')?;
                let base = adjective.strip_suffix("en")?;
                look_up(&format!("{base}e {rest}")).filter(Place::is_well_known)
            })
    }

    /// Whether the gazetteer knows a name as a place whose name alone says so (see
    /// [`Place::is_well_known`]), as the likeliest place or another one: "Vienne" is a small
    /// French town's own name before it is Vienna's French name, and a well-known place's name
    /// all the same.
    pub fn is_well_known_place(&self, name: &str) -> bool {
        self.place(name).is_some_and(|place| place.is_well_known())
            || self.places(name).iter().any(Place::is_well_known)
    }

    /// Every place a name may mean, the likeliest first.
    pub fn places(&self, name: &str) -> &[Place] {
        with_folded(name, |name| {
            self.places.get(name).map_or(&[][..], Vec::as_slice)
        })
    }

    /// Whether `word` ends the name of a country or a region ("Korea", "Arabia").
    pub fn ends_place_name(&self, word: &str) -> bool {
        with_folded(word, |word| self.place_name_ends.contains(word))
    }

    /// The main name of the place with this id ("Kabul" for "KABOUL").
    pub fn place_name(&self, id: u32) -> Option<&str> {
        self.place_names.get(&id).map(String::as_str)
    }

    /// The first name `word` is, if it is one.
    pub fn given_name(&self, word: &str) -> Option<GivenName> {
        with_folded(word, |word| self.given_names.get(word).copied())
    }

    /// Whether `word` is an acronym of a common noun ("TV", "GDP", "TVA"), not a name.
    pub fn is_common_acronym(&self, word: &str) -> bool {
        with_folded(word, |word| self.common_acronyms.contains(word))
    }

    /// Whether `word` abbreviates a word that opens part of a name ("St" of "St. Louis").
    pub fn is_name_abbreviation(&self, word: &str) -> bool {
        with_folded(word, |word| self.name_abbreviations.contains(word))
    }

    /// Whether `word` is a first name as print abbreviates it ("Wm", "Chas", "Jno"), written
    /// with a dot before the surname.
    pub fn is_given_name_abbreviation(&self, word: &str) -> bool {
        with_folded(word, |word| self.given_name_abbreviations.contains(word))
    }

    /// Whether a name is a word for a nationality or a group ("Afghans", "jihadistes"), or one
    /// such word made a noun for a person in English ("Frenchwoman", "Englishmen", "Scotsman").
    pub fn is_group_word(&self, name: &str) -> bool {
        let one = |name: &str| {
            self.group_words.contains(name)
                || ["woman", "women", "man", "men"].iter().any(|suffix| {
                    name.strip_suffix(suffix).is_some_and(|stem| {
                        stem.chars().count() >= 4 && self.group_words.contains(stem)
                    })
                })
        };
        with_folded(name, |name| {
            if one(name) || self.is_people_of_place(name) {
                return true;
            }
            // "American-Sudanese", "franco-algérien": group words joined by a hyphen.
            if !name.contains(' ')
                && name.contains('-')
                && name.split('-').all(|part| !part.is_empty() && one(part))
            {
                return true;
            }
            // "North African", "East Asian", "Tunisian Islamists": group words, each but the
            // last perhaps a point of the compass.
            if !name.contains(' ') {
                return false;
            }
            let words: Vec<&str> = name.split(' ').collect();
            words.len() >= 2
                && words.last().is_some_and(|last| one(last))
                && words[..words.len() - 1]
                    .iter()
                    .all(|word| self.directions.contains(*word) || one(word))
        })
    }

    /// Whether a folded name is the plural of a word for the people of a place the gazetteer
    /// knows by that main name, which no list of nationalities holds: "Panjshiris", "Kabulis",
    /// "Gazans", "New Yorkers", "Parisiens". Plurals only: a singular such as "Tehrani" or
    /// "Baghdadi" is also a surname. The "-ers" of a surname ("Sanders") takes a well-known
    /// place.
    fn is_people_of_place(&self, name: &str) -> bool {
        if !self.may_name_people_of_place(name) {
            return false;
        }
        let known = |stem: &str| self.is_main_place_name(stem, |_| true);
        let well_known = |stem: &str| self.is_main_place_name(stem, Place::is_well_known);
        let strip = |suffix: &str| name.strip_suffix(suffix).filter(|stem| !stem.is_empty());
        strip("is").is_some_and(known)
            || strip("ns").is_some_and(|stem| stem.ends_with('a') && known(stem))
            || ["ians", "iens", "iennes", "ites"]
                .iter()
                .any(|suffix| strip(suffix).is_some_and(known))
            || strip("ers").is_some_and(well_known)
    }

    /// Whether a name is the singular of a word for the people of a place the gazetteer knows
    /// by that main name: "Panjshiri", "Kabulien". As often a surname ("Tehrani"), so the
    /// caller asks only where the word stands before a noun; not "-an" after an "a", which
    /// would make "Republican" a word of "República".
    pub fn is_person_of_place(&self, name: &str) -> bool {
        with_folded(name, |name| {
            if !self.may_name_people_of_place(name) {
                return false;
            }
            let known = |stem: &str| self.is_main_place_name(stem, |_| true);
            let strip = |suffix: &str| name.strip_suffix(suffix).filter(|stem| !stem.is_empty());
            strip("i").is_some_and(known)
                || ["ian", "ien", "ienne", "ite"]
                    .iter()
                    .any(|suffix| strip(suffix).is_some_and(known))
        })
    }

    /// Whether a folded name may be a word for the people of a place: it is neither a place's
    /// name nor a first name itself.
    fn may_name_people_of_place(&self, name: &str) -> bool {
        !self.places.contains_key(name) && !self.given_names.contains_key(name)
    }

    /// Whether a folded name of four letters or more is the main name of a place that is
    /// `wanted`: a place's own name, not one of its alternate names, which hold many short
    /// words ("Pet", "Moti").
    fn is_main_place_name(&self, stem: &str, wanted: fn(&Place) -> bool) -> bool {
        stem.chars().count() >= 4
            && self.places.get(stem).is_some_and(|places| {
                places.iter().any(|place| {
                    wanted(place)
                        && self
                            .place_names
                            .get(&place.id)
                            .is_some_and(|main| fold(main) == stem)
                })
            })
    }

    /// The organisation a name belongs to (one number for all its names), if known.
    pub fn organisation(&self, name: &str) -> Option<u32> {
        with_folded(name, |name| self.organisations.get(name).copied())
    }

    /// Whether `word` is a title written before a name ("Commander", "M.", "Herr").
    pub fn is_title(&self, word: &str) -> bool {
        with_folded(word, |word| self.titles.contains(word))
    }

    /// Whether `word` may open a compound title ("Prime" of "Prime Minister").
    pub fn is_title_prefix(&self, word: &str) -> bool {
        with_folded(word, |word| self.title_prefixes.contains(word))
    }

    /// Whether `word` is a role written before a person's name ("spokesman").
    pub fn is_role(&self, word: &str) -> bool {
        with_folded(word, |word| self.roles.contains(word))
    }

    /// Whether `word` makes a name an organisation's ("Front", "Council").
    pub fn is_organisation_word(&self, word: &str) -> bool {
        with_folded(word, |word| self.organisation_words.contains(word))
    }

    /// Whether `word` names a kind of organisation written before its name ("NGO").
    pub fn is_organisation_type(&self, word: &str) -> bool {
        with_folded(word, |word| self.organisation_types.contains(word))
    }

    /// Whether `word` is a kind of place ("valley", "province").
    pub fn is_place_word(&self, word: &str) -> bool {
        with_folded(word, |word| self.place_words.contains(word))
    }

    /// Whether `word` joins the parts of a name ("de", "al"), exactly as written.
    pub fn is_particle(&self, word: &str) -> bool {
        self.particles.contains(word)
    }

    /// Whether `word` is a verb of saying ("said", "a déclaré").
    pub fn is_reporting_verb(&self, word: &str) -> bool {
        with_folded(word, |word| self.reporting_verbs.contains(word))
    }

    /// Whether `word` is a preposition that puts a name in a place ("in", "à").
    pub fn is_place_preposition(&self, word: &str) -> bool {
        with_folded(word, |word| self.place_prepositions.contains(word))
    }

    /// Whether `word` is written as the postal code of a state of the United States ("NJ"):
    /// two capitals of the list, which only an address's position makes a place.
    pub fn is_us_state_code(&self, word: &str) -> bool {
        word.len() == 2
            && word.bytes().all(|byte| byte.is_ascii_uppercase())
            && with_folded(word, |word| self.us_state_codes.contains(word))
    }

    /// Whether `word` is a point of the compass ("north", "sud").
    pub fn is_direction(&self, word: &str) -> bool {
        with_folded(word, |word| self.directions.contains(word))
    }

    /// Whether `word` is a point of the compass made an adjective ("western", "centrale",
    /// "occidental"), not the point itself ("est" is also French for "is", "North" a surname).
    pub fn is_direction_adjective(&self, word: &str) -> bool {
        self.is_direction(word)
            && with_folded(word, |word| {
                ["ern", "al", "ale"]
                    .iter()
                    .any(|ending| word.ends_with(ending))
            })
    }

    /// Whether `word` names a month or a weekday.
    pub fn is_calendar_word(&self, word: &str) -> bool {
        with_folded(word, |word| self.calendar.contains(word))
    }

    /// Whether `word` is a function word, never a name alone.
    pub fn is_stop_word(&self, word: &str) -> bool {
        with_folded(word, |word| self.stop_words.contains(word))
    }

    /// Whether `word` is a German compound that names an organisation: at least five letters,
    /// then the name of a kind of body ("Bundesrath", "Bäckermeisterverband").
    pub fn is_german_organisation_compound(&self, word: &str) -> bool {
        let folded = fold(word);
        self.organisation_heads_german
            .iter()
            .any(|head| is_compound_of(&folded, head))
    }

    /// Whether `word` is a German council's name that also titles its members: a compound
    /// ending in "-rat" or "-rath" ("Regierungsrat Keller").
    pub fn is_german_council_member(&self, word: &str) -> bool {
        let folded = fold(word);
        ["rat", "rath"]
            .iter()
            .any(|head| is_compound_of(&folded, head))
    }

    /// Whether `word`, ending a name of two words or more, makes it a newspaper's ("Sun" of
    /// "Baltimore Sun", "Courant").
    pub fn is_press_head(&self, word: &str) -> bool {
        with_folded(word, |word| self.press_heads.contains(word))
    }

    /// Whether `word` makes a name an award's, a festival's or a contest's ("Prize", "Cup").
    pub fn is_event_word(&self, word: &str) -> bool {
        with_folded(word, |word| self.event_words.contains(word))
    }

    /// Whether `word` is a German function word ("Der", "Nach", "Auch"): in a German text never
    /// a name, nor a part of one.
    pub fn is_german_stop_word(&self, word: &str) -> bool {
        with_folded(word, |word| self.stop_words_german.contains(word))
    }

    /// Whether `word`, in lower case, is one of the commonest words of English or French.
    pub fn is_common_word(&self, word: &str) -> bool {
        // Most words of a text are ASCII: looked up lower-cased, without allocating.
        if word.is_ascii() {
            return with_folded(word, |word| self.common_words.contains(word));
        }
        let lower = word.to_lowercase().replace('’', "'");
        self.common_words.contains(&lower) || self.common_words.contains(&fold(&lower))
    }

    /// Whether `word` is a regular derivative of a common word, which the common-word lists do
    /// not hold for every stem: an adverb in "-ly" or "-ment" ("Unsurprisingly",
    /// "Troisièmement"), a gerund or participle in "-ing" or "-ed" ("Fuelling", "Stunned"), a
    /// plural in "-s" or "-es" ("Envoys"), or a French verb with its pronoun after a hyphen
    /// ("Fonctionne-t-il", "Peut-on"). Capitalised at the start of a sentence, such a word is
    /// not a name.
    pub fn is_derived_common_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase().replace('’', "'");
        if let Some((verb, pronoun)) = lower.rsplit_once('-') {
            return CLITICS.contains(&pronoun)
                && verb.trim_end_matches("-t").chars().all(char::is_alphabetic);
        }
        if !lower.chars().all(char::is_alphabetic) || lower.chars().count() < 6 {
            return false;
        }
        let common = |stem: &str| stem.chars().count() >= 4 && self.is_common_word(stem);
        // The stems a suffix may leave: as it is, with a final "e" back ("caus-ing"), without
        // a doubled consonant ("fuell-ing"), "i" back to "y" ("happi-ly").
        let stems = |stem: &str| {
            let mut chars: Vec<char> = stem.chars().collect();
            let mut found = vec![stem.to_owned(), format!("{stem}e")];
            if chars.len() >= 2 && chars[chars.len() - 1] == chars[chars.len() - 2] {
                found.push(chars[..chars.len() - 1].iter().collect());
            }
            if chars.last() == Some(&'i') {
                chars.pop();
                found.push(format!("{}y", chars.iter().collect::<String>()));
            }
            found
        };
        // French adverbs: "rapide-ment", "évide-mment" (from "évident"), "courante" → "couramment".
        if let Some(stem) = lower.strip_suffix("ment") {
            let from_ant = stem
                .strip_suffix("am")
                .map(|root| format!("{root}ant"))
                .or_else(|| stem.strip_suffix("em").map(|root| format!("{root}ent")));
            if common(stem)
                || from_ant.as_deref().is_some_and(common)
                || stem.strip_suffix('e').is_some_and(common)
            {
                return true;
            }
        }
        // English negatives: "un-verified", "un-armed".
        if let Some(rest) = lower.strip_prefix("un")
            && rest.chars().count() >= 5
            && (self.is_common_word(rest) || self.is_derived_common_word(rest))
        {
            return true;
        }
        ["ly", "ing", "ed", "s", "es"].iter().any(|suffix| {
            lower
                .strip_suffix(suffix)
                .is_some_and(|stem| stems(stem).iter().any(|stem| common(stem)))
        })
    }
}

/// French pronouns written after a verb with a hyphen ("a-t-il", "peut-on", "dis-moi").
const CLITICS: [&str; 15] = [
    "il", "elle", "on", "ils", "elles", "je", "tu", "nous", "vous", "ce", "moi", "toi", "lui",
    "leur", "y",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_derivative_of_a_common_word_is_told_from_a_name() {
        let lexicon = lexicon();
        for word in [
            "Troisièmement",
            "Rapidement",
            "Évidemment",
            "Finally",
            "Happily",
            "Fuelling",
            "Causing",
            "Stunned",
            "Envoys",
            "Churches",
            "Unverified",
            "Unarmed",
            "Fonctionne-t-il",
            "Peut-on",
            "A-t-elle",
        ] {
            assert!(lexicon.is_derived_common_word(word), "{word}");
        }
        for name in [
            "Italy",
            "Kelly",
            "Emily",
            "Beijing",
            "Ahmed",
            "Mohammed",
            "Clement",
            "Jean-Luc",
            "Saint-Louis",
            "Kabul",
            "Massoud",
            "Unilever",
            "Unicef",
            "Union",
            "Williams",
            "Athens",
        ] {
            assert!(!lexicon.is_derived_common_word(name), "{name}");
        }
    }

    #[test]
    fn the_data_files_load_and_answer() {
        let lexicon = lexicon();
        // "Kaboul" is the city, "Kabul" the city and its province: they share the city.
        let kaboul = lexicon.place("Kaboul").expect("Kaboul");
        assert_eq!(kaboul.class, PlaceClass::City);
        assert!(
            lexicon
                .places("Kabul")
                .iter()
                .any(|place| place.id == kaboul.id)
        );
        assert_eq!(
            lexicon.place("Tadjikistan").map(|place| place.class),
            Some(PlaceClass::Country)
        );
        // Regions and seas are one place in every language, well known by name alone.
        let sea = lexicon.place("Mediterranean").expect("Mediterranean");
        assert_eq!(
            lexicon.place("Méditerranée").map(|place| place.id),
            Some(sea.id)
        );
        assert_eq!(
            lexicon.place("Mittelmeer").map(|place| place.id),
            Some(sea.id)
        );
        assert!(sea.is_well_known());
        // A first-level division in German and French is the one GeoNames names in English; a
        // former country is a place of its own; a German genitive is the place, for a place
        // known well enough that its stem cannot be another word.
        let same = |a: &str, b: &str| {
            let (a, b) = (lexicon.place(a), lexicon.place(b));
            a.is_some() && a.map(|place| place.id) == b.map(|place| place.id)
        };
        assert!(same("Bayern", "Bavaria") && same("Écosse", "Scotland"));
        assert!(same("Preußen", "Prusse") && same("Großbritannien", "United Kingdom"));
        assert!(same("Frankreichs", "France") && same("Europas", "Europe"));
        assert!(same("Vereinigten Staaten", "United States"));
        assert_eq!(lexicon.place("Hofs"), None);
        assert_eq!(
            lexicon.place("Corne de l’Afrique").map(|place| place.id),
            lexicon.place("Horn of Africa").map(|place| place.id)
        );
        assert!(lexicon.given_name("Zabihullah").is_some());
        assert!(lexicon.is_group_word("Afghans") && lexicon.is_group_word("françaises"));
        for person_of in [
            "Frenchwoman",
            "Englishmen",
            "Scotsman",
            "Dutchman",
            "Irishwomen",
            "Korean",
            "Hongkongers",
            "North African",
            "East Asian",
            "Tunisian Islamists",
            "coréens",
            "Panjshiris",
            "Kabulis",
            "Gazans",
            "New Yorkers",
            "Parisiens",
            "Copts",
            "Tchétchènes",
            "Egyptian Copts",
            "Swahili",
            "Hébreu",
        ] {
            assert!(lexicon.is_group_word(person_of), "{person_of}");
        }
        for name in [
            "Gibraltar",
            "Djibouti",
            "Newman",
            "Truman",
            "Chairman",
            "Hermann",
            "Oman",
            "North Korea",
            "West",
            "Davis",
            "Louis",
            "Sanders",
            "Harris",
            "Tunis",
            "Baghdadi",
            "Peters",
            "Môtiers",
        ] {
            assert!(!lexicon.is_group_word(name), "{name}");
        }
        assert_eq!(
            lexicon.organisation("ONU"),
            lexicon.organisation("United Nations")
        );
        assert!(lexicon.is_title("Commander") && lexicon.is_stop_word("The"));
        // Arabic words for an army, a movement, a front or a party name bodies, as "Front" does.
        assert!(lexicon.is_organisation_word("Jaish") && lexicon.is_organisation_word("Ansar"));
        // Look-ups ignore case and accents, in any script.
        assert!(
            lexicon.is_stop_word("LES")
                && lexicon.is_stop_word("À")
                && !lexicon.is_stop_word("Kabul")
        );
        assert!(lexicon.is_calendar_word("AOÛT") && lexicon.is_calendar_word("Sunday"));
        assert!(!lexicon.is_calendar_word("Mayor"));
        assert!(!lexicon.is_group_word("Taliban"));
    }
}
