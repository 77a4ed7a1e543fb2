//! Words with their byte offsets, and the small word lists that recognition leans on.

/// A word of the text and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    /// The word as written, without elision prefix or possessive suffix.
    pub text: &'t str,
    /// Its first byte.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Whether it opens a sentence, a line, a quotation or a parenthesis.
    pub sentence_start: bool,
    /// Whether a blank line, or punctuation other than a space, separates it from the word before.
    pub broken_before: bool,
}

/// `text` on one line: runs of whitespace, line breaks included, become one space; ends trimmed.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑' | '.')
}

/// Splits text into words: letters and digits, joined by inner apostrophes, hyphens and the
/// dots of abbreviations such as `U.N.`.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut gap_start = 0;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(index, next)) = chars.peek() {
            if is_word_char(next) {
                end = index + next.len_utf8();
                chars.next();
            } else if is_joiner(next) {
                let after = text[index + next.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    chars.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // A dot is only kept inside abbreviations like U.N.; "Kabul.Then" is two words.
        let raw = &text[start..end];
        let (text_start, text_end) = trim_word(raw);
        let gap = &text[gap_start..start];
        found.push(Word {
            text: &raw[text_start..text_end],
            start: start + text_start,
            end: start + text_end,
            sentence_start: opens_sentence(gap, gap_start == 0),
            broken_before: gap.chars().any(|c| !c.is_whitespace())
                || gap.matches('\n').count() >= 2,
        });
        gap_start = end;
    }
    found.retain(|word| !word.text.is_empty());
    found
}

/// Drops French elisions (l', d', qu') before a capital and the English possessive ('s).
fn trim_word(raw: &str) -> (usize, usize) {
    // Most words have no apostrophe and no dot: nothing to trim (and this runs on every word).
    let has_apostrophe = raw.bytes().any(|byte| byte == b'\'' || byte == 0xE2);
    if !has_apostrophe && !raw.contains('.') {
        return (0, raw.len());
    }
    let mut start = 0;
    for prefix in [
        "qu'", "qu’", "l'", "l’", "d'", "d’", "L'", "L’", "D'", "D’", "j'", "j’", "n'", "n’", "s'",
        "s’", "c'", "c’",
    ] {
        if let Some(rest) = raw.strip_prefix(prefix)
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            start = prefix.len();
            break;
        }
    }
    let mut end = raw.len();
    for suffix in ["'s", "’s"] {
        if raw[start..].ends_with(suffix) && raw.len() - suffix.len() > start {
            end = raw.len() - suffix.len();
        }
    }
    let word = &raw[start..end];
    // A trailing abbreviation dot belongs to the word only in forms like "U.N" (inner dots).
    if !word.contains('.') || word.split('.').all(|part| part.chars().count() == 1) {
        (start, end)
    } else {
        let first_dot = word.find('.').map_or(word.len(), |index| index);
        (start, start + first_dot)
    }
}

fn opens_sentence(gap: &str, at_text_start: bool) -> bool {
    if at_text_start || gap.contains('\n') {
        return true;
    }
    gap.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | '«' | '“' | '"' | '(' | '—' | '–' | '…' | '‘' | '['
        )
    })
}

/// Whether the word is a common function word in English or French, in any case.
pub fn is_stop_word(word: &str) -> bool {
    // This runs on most words of every document: ASCII words, most of them, are compared in
    // lower case as they are read, without lowering a copy.
    if word.is_ascii() {
        let lower = || word.bytes().map(|byte| byte.to_ascii_lowercase());
        STOP_WORDS
            .binary_search_by(|probe| probe.bytes().cmp(lower()))
            .is_ok()
    } else {
        STOP_WORDS
            .binary_search(&word.to_lowercase().as_str())
            .is_ok()
    }
}

/// Whether the word names a month or a weekday, in English or French, in any case.
pub fn is_calendar_word(word: &str) -> bool {
    if word.is_ascii() {
        CALENDAR_WORDS
            .iter()
            .any(|name| name.eq_ignore_ascii_case(word))
    } else {
        CALENDAR_WORDS.contains(&word.to_lowercase().as_str())
    }
}

/// Words that introduce a person's name and are not part of it.
pub const PERSON_TITLES: &[&str] = &[
    "Ambassador",
    "Ayatollah",
    "Capt",
    "Captain",
    "Col",
    "Colonel",
    "Commandant",
    "Commander",
    "Dr",
    "Gen",
    "General",
    "Général",
    "Imam",
    "Lt",
    "M",
    "MM",
    "Maréchal",
    "Marshal",
    "Minister",
    "Ministre",
    "Mlle",
    "Mme",
    "Mollah",
    "Mr",
    "Mrs",
    "Ms",
    "Mullah",
    "Mgr",
    "Pr",
    "Premier",
    "Prince",
    "Prof",
    "Professor",
    "Président",
    "President",
    "Sen",
    "Senator",
    "Sheikh",
    "Sir",
    "Cheikh",
];

/// Lower-case words that, next to a name, say that it is a place.
pub const PLACE_CUES: &[&str] = &[
    "capital",
    "capitale",
    "city",
    "district",
    "districts",
    "province",
    "provinces",
    "region",
    "région",
    "river",
    "rivière",
    "valley",
    "valleys",
    "vallée",
    "vallées",
    "village",
    "villages",
    "ville",
    "mountains",
    "montagnes",
    "gorge",
    "gorges",
    "pass",
    "col",
    "border",
    "frontière",
];

/// Capitalised words that make a name an organisation.
pub const ORGANISATION_WORDS: &[&str] = &[
    "Agence",
    "Agency",
    "Alliance",
    "Armée",
    "Army",
    "Assembly",
    "Assemblée",
    "Association",
    "Bank",
    "Banque",
    "Comité",
    "Committee",
    "Company",
    "Conseil",
    "Corporation",
    "Council",
    "Court",
    "Cour",
    "Forces",
    "Front",
    "Government",
    "Gouvernement",
    "Group",
    "Groupe",
    "Emirate",
    "Émirat",
    "Republic",
    "République",
    "State",
    "Ministries",
    "Institute",
    "Institut",
    "Ministry",
    "Ministère",
    "Movement",
    "Mouvement",
    "Nations",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Parlement",
    "Parti",
    "Party",
    "Police",
    "Press",
    "Presse",
    "Times",
    "Union",
    "University",
    "Université",
];

/// Words that join the parts of a name: "Gulbuddin al Hekmatyar", "Charles de Gaulle".
pub const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "ben", "ibn", "de", "du", "des", "del", "della", "der", "van", "von", "da", "dos",
    "el", "y", "ul", "e",
];

/// News agencies, international organisations, armed groups and social platforms that reports
/// name, in English and French forms, sorted for binary search: a name here is an organisation
/// with no cue.
pub const KNOWN_ORGANISATIONS: &[&str] = &[
    "AFP",
    "African Union",
    "Agence France-Presse",
    "Al Jazeera",
    "Al-Jazeera",
    "Al-Qaeda",
    "Al-Qaïda",
    "Amnesty International",
    "Anadolu",
    "Arab League",
    "Associated Press",
    "BBC",
    "Banque mondiale",
    "Boko Haram",
    "CIA",
    "CICR",
    "CNN",
    "Commission européenne",
    "Conseil de sécurité",
    "Croix-Rouge",
    "Daech",
    "European Commission",
    "European Union",
    "Europol",
    "FBI",
    "FMI",
    "FSB",
    "Facebook",
    "Frontex",
    "HCR",
    "Hamas",
    "Hayat Tahrir al-Sham",
    "Hezbollah",
    "Houthis",
    "Human Rights Watch",
    "ICRC",
    "IMF",
    "ISI",
    "ISIS",
    "Instagram",
    "Interfax",
    "Interpol",
    "Islamic State",
    "KGB",
    "Kremlin",
    "Kurdistan Workers' Party",
    "Ligue arabe",
    "MSF",
    "Maison Blanche",
    "Mossad",
    "Médecins sans frontières",
    "NATO",
    "Nations unies",
    "OMS",
    "ONU",
    "OPEC",
    "OPEP",
    "OSCE",
    "OTAN",
    "Organisation mondiale de la santé",
    "PKK",
    "Pentagon",
    "Red Cross",
    "Reuters",
    "Security Council",
    "Shebab",
    "TASS",
    "Taliban",
    "Talibans",
    "Telegram",
    "TikTok",
    "Twitter",
    "UNHCR",
    "UNICEF",
    "Union africaine",
    "Union européenne",
    "United Nations",
    "WHO",
    "Wagner",
    "WhatsApp",
    "White House",
    "World Bank",
    "World Health Organization",
    "Xinhua",
    "YouTube",
    "al-Qaeda",
    "al-Qaïda",
    "al-Shabaab",
    "État islamique",
];

/// Names the gazetteer knows to be one thing in English and French, with their acronyms:
/// new spellings in one group join the entity that has another, across languages.
pub const SAME_NAMES: &[&[&str]] = &[
    &["United Nations", "Nations unies", "UN", "ONU"],
    &["European Union", "Union européenne", "EU", "UE"],
    &["NATO", "OTAN"],
    &[
        "Islamic State",
        "État islamique",
        "ISIS",
        "Daech",
        "Daesh",
        "ISIL",
    ],
    &[
        "World Health Organization",
        "Organisation mondiale de la santé",
        "WHO",
        "OMS",
    ],
    &["Red Cross", "Croix-Rouge", "ICRC", "CICR"],
    &["UNHCR", "HCR"],
    &["IMF", "FMI"],
    &["World Bank", "Banque mondiale"],
    &["Security Council", "Conseil de sécurité"],
    &["White House", "Maison Blanche"],
    &["European Commission", "Commission européenne"],
    &["African Union", "Union africaine"],
    &["Arab League", "Ligue arabe"],
    &["OPEC", "OPEP"],
    &["Agence France-Presse", "AFP"],
    &["Médecins sans frontières", "MSF", "Doctors Without Borders"],
    &["al-Qaeda", "Al-Qaeda", "al-Qaïda", "Al-Qaïda"],
    &["Taliban", "Talibans"],
    &["United States", "États-Unis", "USA"],
    &[
        "United Kingdom",
        "Royaume-Uni",
        "Britain",
        "Grande-Bretagne",
    ],
    &["Germany", "Allemagne"],
    &["Russia", "Russie"],
    &["China", "Chine"],
    &["Tajikistan", "Tadjikistan"],
    &["Uzbekistan", "Ouzbékistan"],
    &["Turkmenistan", "Turkménistan"],
    &["Kabul", "Kaboul"],
    &["Syria", "Syrie"],
    &["Iraq", "Irak"],
    &["Saudi Arabia", "Arabie saoudite"],
    &["Turkey", "Turquie"],
    &["India", "Inde"],
    &["Libya", "Libye"],
    &["Egypt", "Égypte"],
    &["Lebanon", "Liban"],
    &["Jordan", "Jordanie"],
    &["Spain", "Espagne"],
    &["Italy", "Italie"],
    &["Belgium", "Belgique"],
    &["Switzerland", "Suisse"],
    &["Netherlands", "Pays-Bas"],
    &["Poland", "Pologne"],
    &["Greece", "Grèce"],
    &["Morocco", "Maroc"],
    &["Algeria", "Algérie"],
    &["Tunisia", "Tunisie"],
    &["Japan", "Japon"],
    &["Moscow", "Moscou"],
    &["London", "Londres"],
    &["Beijing", "Pékin"],
    &["Brussels", "Bruxelles"],
    &["Geneva", "Genève"],
    &["Tehran", "Téhéran"],
    &["Dushanbe", "Douchanbé"],
];

/// Countries and cities in English and French forms, sorted for binary search; a starting point
/// that tells places from other names when the text gives no cue.
pub const KNOWN_PLACES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Algérie",
    "Allemagne",
    "Angleterre",
    "Angola",
    "Arabie",
    "Arabie saoudite",
    "Argentina",
    "Argentine",
    "Armenia",
    "Arménie",
    "Australia",
    "Australie",
    "Austria",
    "Autriche",
    "Azerbaijan",
    "Azerbaïdjan",
    "Bagdad",
    "Baghdad",
    "Bahrain",
    "Bamako",
    "Bangladesh",
    "Beijing",
    "Beirut",
    "Belgique",
    "Belgium",
    "Berlin",
    "Beyrouth",
    "Brazil",
    "Brussels",
    "Bruxelles",
    "Brésil",
    "Cairo",
    "Canada",
    "China",
    "Chine",
    "Colombia",
    "Colombie",
    "Damas",
    "Damascus",
    "Delhi",
    "Doha",
    "Douchanbé",
    "Dubai",
    "Dubaï",
    "Dushanbe",
    "Egypt",
    "England",
    "Espagne",
    "Ethiopia",
    "Europe",
    "France",
    "Gaza",
    "Georgia",
    "Germany",
    "Grande-Bretagne",
    "Greece",
    "Grèce",
    "Herat",
    "Hérat",
    "Inde",
    "India",
    "Indonesia",
    "Indonésie",
    "Irak",
    "Iran",
    "Iraq",
    "Islamabad",
    "Israel",
    "Israël",
    "Istanbul",
    "Italie",
    "Italy",
    "Japan",
    "Japon",
    "Jerusalem",
    "Jordan",
    "Jordanie",
    "Jérusalem",
    "Kaboul",
    "Kabul",
    "Kandahar",
    "Karachi",
    "Kazakhstan",
    "Kenya",
    "Kiev",
    "Kunduz",
    "Kyiv",
    "Kyrgyzstan",
    "Lebanon",
    "Liban",
    "Libya",
    "Libye",
    "London",
    "Londres",
    "Madrid",
    "Mali",
    "Mazar-
    i-Sharif",
    "Mexico",
    "Moscou",
    "Moscow",
    "New Delhi",
    "New York",
    "Niger",
    "Nigeria",
    "Ouzbékistan",
    "Pakistan",
    "Paris",
    "Pekin",
    "Peshawar",
    "Pékin",
    "Qatar",
    "Riyadh",
    "Rome",
    "Royaume-Uni",
    "Russia",
    "Russie",
    "Saudi",
    "Saudi Arabia",
    "Somalia",
    "Somalie",
    "Soudan",
    "Spain",
    "Sudan",
    "Syria",
    "Syrie",
    "Tadjikistan",
    "Tajikistan",
    "Tashkent",
    "Tehran",
    "Tunisia",
    "Tunisie",
    "Turkey",
    "Turkmenistan",
    "Turquie",
    "Téhéran",
    "Ukraine",
    "United Kingdom",
    "United States",
    "Uzbekistan",
    "Washington",
    "Yemen",
    "Yémen",
    "États-Unis",
];

/// Month and weekday names in English and French: dates, not entities of the kinds above.
pub const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janv",
    "févr",
    "avr",
    "juil",
    "déc",
];

/// English and French function words, sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "ainsi",
    "all",
    "alors",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "au",
    "aucun",
    "aucune",
    "aujourd'hui",
    "aussi",
    "autre",
    "aux",
    "avant",
    "avec",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "car",
    "ce",
    "cela",
    "celle",
    "celui",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chaque",
    "comme",
    "could",
    "d'après",
    "dans",
    "de",
    "depuis",
    "des",
    "did",
    "do",
    "does",
    "donc",
    "dont",
    "du",
    "during",
    "each",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "et",
    "even",
    "every",
    "few",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "hers",
    "hier",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "il",
    "ils",
    "in",
    "into",
    "is",
    "it",
    "its",
    "je",
    "jusqu'à",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "lui",
    "mais",
    "many",
    "may",
    "me",
    "meanwhile",
    "mes",
    "might",
    "moi",
    "moins",
    "more",
    "most",
    "much",
    "must",
    "my",
    "même",
    "ne",
    "ni",
    "no",
    "nor",
    "nos",
    "not",
    "notre",
    "nous",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ou",
    "our",
    "out",
    "over",
    "où",
    "par",
    "parmi",
    "pas",
    "pendant",
    "plus",
    "pour",
    "pourtant",
    "puis",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelques",
    "qui",
    "read",
    "sa",
    "sans",
    "se",
    "selon",
    "ses",
    "several",
    "she",
    "should",
    "si",
    "since",
    "so",
    "some",
    "son",
    "sont",
    "still",
    "such",
    "sur",
    "ta",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "tous",
    "tout",
    "toute",
    "toutes",
    "très",
    "tu",
    "un",
    "under",
    "une",
    "until",
    "up",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "y",
    "yesterday",
    "yet",
    "you",
    "your",
    "à",
    "ça",
    "été",
    "être",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(
            STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]),
            "STOP_WORDS must be sorted and unique"
        );
    }

    #[test]
    fn titles_are_capitalised_as_name_words_are() {
        // Recognition checks a word for a capital before it looks for a title.
        for title in PERSON_TITLES {
            assert!(
                title.starts_with(char::is_uppercase),
                "title {title} must be capitalised"
            );
        }
    }

    #[test]
    fn look_ups_ignore_case_in_any_script() {
        assert!(is_stop_word("The") && is_stop_word("LES") && !is_stop_word("Kabul"));
        assert!(is_calendar_word("AOÛT") && is_calendar_word("Sunday"));
        assert!(!is_calendar_word("Mayor"));
        assert!(is_stop_word("À") && is_stop_word("été"));
    }

    #[test]
    fn known_places_are_sorted_for_binary_search() {
        assert!(
            KNOWN_PLACES.windows(2).all(|pair| pair[0] < pair[1]),
            "KNOWN_PLACES must be sorted and unique"
        );
        assert!(
            KNOWN_ORGANISATIONS.windows(2).all(|pair| pair[0] < pair[1]),
            "KNOWN_ORGANISATIONS must be sorted and unique"
        );
    }

    #[test]
    fn words_strip_elisions_and_possessives_and_keep_offsets() {
        let text = "Selon l’AFP, Massoud's men hold the U.N. line near Jabal-Saraj.";
        let found: Vec<&str> = words(text).iter().map(|word| word.text).collect();
        assert_eq!(
            found,
            [
                "Selon",
                "AFP",
                "Massoud",
                "men",
                "hold",
                "the",
                "U.N",
                "line",
                "near",
                "Jabal-Saraj"
            ]
        );
        for word in words(text) {
            assert_eq!(&text[word.start..word.end], word.text);
        }
    }

    #[test]
    fn sentence_starts_are_marked() {
        let text = "Fighting resumed. Residents fled.\n« Nous tenons », dit-il.";
        let starts: Vec<&str> = words(text)
            .iter()
            .filter(|word| word.sentence_start)
            .map(|word| word.text)
            .collect();
        assert_eq!(starts, ["Fighting", "Residents", "Nous"]);
    }
}
