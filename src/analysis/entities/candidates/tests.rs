//! Candidates of sentences as reports write them, whole outputs.

use super::*;

fn names(text: &str) -> Vec<(String, Option<EntityKind>)> {
    candidates(text, None)
        .into_iter()
        .map(|candidate| (candidate.text, candidate.cue))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    names(text).into_iter().map(|(name, _)| name).collect()
}

#[test]
fn people_organisations_and_places_with_their_cues() {
    assert_eq!(
        names(
            "Commander Ahmad Massoud said the National Resistance Front still held the Panjshir valley. \
             The NRF spokesman Fahim Dashti told AFP that fighting continued."
        ),
        [
            ("Ahmad Massoud".to_owned(), Some(EntityKind::Person)),
            // Its own words make it an organisation: that counts once per spelling, in
            // `resolve`, not as a cue of each mention.
            ("National Resistance Front".to_owned(), None),
            ("Panjshir".to_owned(), Some(EntityKind::Place)),
            ("NRF".to_owned(), None),
            ("Fahim Dashti".to_owned(), Some(EntityKind::Person)),
            ("AFP".to_owned(), None),
        ]
    );
}

#[test]
fn a_kinship_word_makes_a_first_name_alone_a_person() {
    // "Grace" is a common word too: only what stands before it says it is a name here.
    assert_eq!(
        names(
            "President Robert Mugabe and his wife Grace stayed home; the grace period ended. \
             Son fils Hamza est parti, dans son Deuxième Concerto."
        ),
        [
            ("Robert Mugabe".to_owned(), Some(EntityKind::Person)),
            ("Grace".to_owned(), Some(EntityKind::Person)),
            ("Hamza".to_owned(), Some(EntityKind::Person)),
            // The French "son" is "his", no kinship: no cue.
            ("Deuxième Concerto".to_owned(), None),
        ]
    );
}

#[test]
fn an_acronym_spelled_out_in_lower_case_is_a_common_noun() {
    let names = |text: &str| -> Vec<String> {
        read_document(text, None, Some("fr"))
            .candidates
            .into_iter()
            .map(|candidate| candidate.text)
            .collect()
    };
    assert_eq!(
        names(
            "La loi oblige les fournisseurs d’accès à Internet (FAI) à filtrer. Les FAI \
             protestent, comme la Commission nationale de contrôle des techniques de \
             renseignement (CNCTR)."
        ),
        [
            "Internet",
            "Commission nationale de contrôle des techniques de renseignement",
            "CNCTR",
        ]
    );
    assert_eq!(
        names("The gross domestic product (GDP) fell, the Syrian Democratic Forces (SDF) said."),
        ["Syrian Democratic Forces", "SDF"]
    );
    // Some acronyms are common nouns wherever they stand.
    assert_eq!(
        names("A TV anchor sent an SMS to the CEO of Apple TV, the BBC said."),
        ["Apple TV", "BBC"]
    );
}

#[test]
fn an_abbreviated_saint_or_mount_opens_part_of_the_name() {
    assert_eq!(
        texts(
            "The minister, Ricardin St Jean, spoke in St. Louis with Count St.-Julien \
             before leaving for Mt. Kenya."
        ),
        ["Ricardin St Jean", "St. Louis", "St.-Julien", "Mt. Kenya"]
    );
}

#[test]
fn titles_roles_and_nationality_words_are_cues_not_parts_of_the_name() {
    assert_eq!(
        names(
            "The German Chancellor Olaf Scholz met Tunisian Prime Minister Habib Essid, \
             and the Belgian NGO Médecins Sans Frontières said so."
        ),
        [
            ("Olaf Scholz".to_owned(), Some(EntityKind::Person)),
            ("Habib Essid".to_owned(), Some(EntityKind::Person)),
            (
                "Médecins Sans Frontières".to_owned(),
                Some(EntityKind::Organisation)
            ),
        ]
    );
}

#[test]
fn not_names() {
    // Nationality and group words, capitals of emphasis, a hashtag, a file name, a
    // sentence-initial common word, a heading of common words.
    assert_eq!(
        texts(
            "Pregnant Women\n\nFighting resumed. Afghans and Islamists said they will NEVER leave \
             #Panjshir. See appstore-badge_EN and logo.png. Residents of Kabul fled."
        ),
        ["Kabul"]
    );
}

#[test]
fn a_title_in_quotes_is_marked_as_quoted() {
    let found = candidates(
        "She wrote “The Bird Tribunal” in 2019, said Ahmad Shah.",
        None,
    );
    let quoted: Vec<(&str, bool)> = found
        .iter()
        .map(|candidate| (candidate.text.as_str(), candidate.quoted))
        .collect();
    assert_eq!(quoted, [("Bird Tribunal", true), ("Ahmad Shah", false)]);
}

#[test]
fn a_transliterated_article_opens_a_name() {
    assert_eq!(
        texts("He was killed by al-Qaeda bombers sent by Ayman al-Zawahiri."),
        ["al-Qaeda", "Ayman al-Zawahiri"]
    );
}

#[test]
fn an_organisation_or_a_place_goes_on_with_of() {
    assert_eq!(
        texts("He studied at the University of Cape Town, then at the Bank of England."),
        ["University of Cape Town", "Bank of England"]
    );
}

#[test]
fn french_particles_elisions_titles_and_acronyms() {
    assert_eq!(
        texts(
            "Selon l’AFP, le commandant Ahmad Shah Massoud a défendu la vallée du Panchir. \
             M. Amrullah Saleh est à Bazarak. Le Front national de résistance (FNR) dément."
        ),
        [
            "AFP",
            "Ahmad Shah Massoud",
            "Panchir",
            "Amrullah Saleh",
            "Bazarak",
            "Front national de résistance",
            "FNR"
        ]
    );
}

#[test]
fn acronyms_spelled_out_in_either_language_are_linked() {
    let text = "The Syrian Democratic Forces (SDF) and the Forces démocratiques syriennes (FDS) \
                met the National Resistance Front (NRF).";
    let document = read_document(text, None, Some("en"));
    let links: Vec<(&str, &str)> = document
        .acronyms
        .iter()
        .map(|link| (link.expansion.as_str(), link.acronym.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Syrian Democratic Forces", "SDF"),
            ("Forces démocratiques syriennes", "FDS"),
            ("National Resistance Front", "NRF")
        ]
    );
}

#[test]
fn in_german_capitals_alone_are_no_evidence() {
    let found: Vec<String> = candidates(
        "Der Bundesrat hat am Montag in Bern beschlossen, dass Herr Müller die Regierung \
         berät. Gottfried Keller schrieb Briefe.",
        Some("de"),
    )
    .into_iter()
    .map(|candidate| candidate.text)
    .collect();
    // "Bundesrat", a compound naming a body, is the Federal Council: evidence beyond capitals.
    assert_eq!(found, ["Bundesrat", "Bern", "Müller", "Gottfried Keller"]);
}

#[test]
fn in_german_function_words_small_towns_named_by_nouns_and_units_are_no_names() {
    // "Der", "Auch", "Von" are places in the gazetteer and "Am" a first name; "Lage", "Ende" and
    // "Hof" are small towns. "Fr." before a surname is a first name ("Fr." for francs before a
    // noun opens no name: the abbreviation is ambiguous), "Hr." a title, and a small town after
    // a preposition of place is a place. "Italien" is Italy, not the French for an Italian, and "Rom" Rome, not
    // the French for a Roma.
    let found: Vec<String> = candidates(
        "Der Krieg ist aus. Sie zogen nach Italien und Rom. Auch die Lage ist gut. Am Ende kam er. Von dort ging er nach Hof. \
         Er zahlte 300 Fr. Berechtigte Leute kamen. Hr. Curti und Dr. Fr. Heldmann sprachen.",
        Some("de"),
    )
    .into_iter()
    .map(|candidate| candidate.text)
    .collect();
    assert_eq!(found, ["Italien", "Rom", "Hof", "Curti", "Fr. Heldmann"]);
}

#[test]
fn a_headline_in_capitals_gives_only_the_names_it_holds() {
    assert_eq!(
        texts("MEETS OLD FRIEND IN ROME\n\nThe talks went well."),
        ["ROME"]
    );
}

#[test]
fn french_puts_an_article_before_places() {
    assert_eq!(
        names("Les troupes ont passé le Rhin et gagné la Prusse, puis l'Amérique."),
        [
            ("Rhin".to_owned(), Some(EntityKind::Place)),
            ("Prusse".to_owned(), Some(EntityKind::Place)),
            ("Amérique".to_owned(), Some(EntityKind::Place)),
        ]
    );
}

#[test]
fn peoples_joined_by_a_hyphen_counted_or_kinds_of_organisation_alone_are_not_names() {
    assert_eq!(
        texts(
            "Three Afghans and an American-Tunisian met NGOs in Kabul. Five Nigerians joined \
             them, and the Commission européenne paid."
        ),
        ["Kabul", "Commission européenne"]
    );
}

#[test]
fn french_names_a_body_with_adjectives_and_a_complement_after_its_noun() {
    let found: Vec<String> = candidates(
        "Le Conseil fédéral a saisi la Cour des comptes et la Banque nationale suisse. \
         L'Office fédéral de la sécurité alimentaire et des affaires vétérinaires (OSAV) \
         a écrit au ministre d'Etat mardi.",
        Some("fr"),
    )
    .into_iter()
    .map(|candidate| (candidate.text, candidate.cue))
    .map(|(text, cue)| format!("{text} {cue:?}"))
    .collect();
    assert_eq!(
        found,
        [
            "Conseil fédéral None",
            "Cour des comptes None",
            "Banque nationale suisse None",
            "Office fédéral de la sécurité alimentaire et des affaires vétérinaires None",
            "OSAV None",
            // After "ministre d'", the title is of the State, not before a person.
            "Etat None",
        ]
    );
    // English writes its adjectives before the noun: nothing is added after it.
    assert_eq!(
        texts("The Council general secretary met the Assembly national office."),
        ["Council", "Assembly"]
    );
}

#[test]
fn an_acronym_may_take_letters_from_inside_the_words_it_stands_for() {
    let reading = read_document(
        "L'Office fédéral de l'environnement (OFEV) et l'Office fédéral de l'agriculture \
         (OFAG) ont parlé, puis la Banque centrale (BCX) aussi.",
        None,
        Some("fr"),
    );
    let links: Vec<(&str, &str)> = reading
        .acronyms
        .iter()
        .map(|link| (link.expansion.as_str(), link.acronym.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("Office fédéral de l'environnement", "OFEV"),
            ("Office fédéral de l'agriculture", "OFAG"),
        ]
    );
}

#[test]
fn a_bodys_name_goes_on_with_for_and_a_places_does_not() {
    assert_eq!(
        texts(
            "The Centre for Strategic Studies wrote that fighting in the Panjshir Valley for \
             Massoud went on."
        ),
        ["Centre for Strategic Studies", "Panjshir Valley", "Massoud"]
    );
}

#[test]
fn in_german_a_compound_names_a_body_and_a_council_before_a_name_its_member() {
    let found: Vec<(String, Option<EntityKind>)> = candidates(
        "Der Bundesrath hat beschlossen. Der Bäckermeisterverband tagte. Regierungsrat Keller \
         sprach. Die Regierung und die Presse schwiegen. Der Apparat lief, und die Heirat fand \
         statt.",
        Some("de"),
    )
    .into_iter()
    .map(|candidate| (candidate.text, candidate.cue))
    .collect();
    assert_eq!(
        found,
        [
            ("Bundesrath".to_owned(), Some(EntityKind::Organisation)),
            (
                "Bäckermeisterverband".to_owned(),
                Some(EntityKind::Organisation)
            ),
            ("Regierungsrat Keller".to_owned(), Some(EntityKind::Person)),
        ]
    );
}

#[test]
fn a_word_broken_across_printed_lines_is_one_word_and_a_place_word_names_a_place_in_german() {
    // "Mona¬ ten" is not the first name Mona and a surname; "Ge¬ meinde" is the place word.
    let found: Vec<String> = candidates(
        "Seit drei Mona¬ ten ist es still. Die Ge¬ meinde Rümlang hat im Som¬ mer gewählt. \
         Der Kor¬ respondent schreibt.",
        Some("de"),
    )
    .into_iter()
    .map(|candidate| candidate.text)
    .collect();
    assert_eq!(found, ["Ge¬ meinde Rümlang"]);
}

#[test]
fn a_place_word_after_an_elided_article_and_a_local_papers_dateline_cue_places() {
    assert_eq!(
        names("Cressier. — Dimanche, la flotte partit pour l'île de Terceira."),
        [
            ("Cressier".to_owned(), Some(EntityKind::Place)),
            ("Terceira".to_owned(), Some(EntityKind::Place)),
        ]
    );
}

#[test]
fn a_common_word_printed_with_a_long_s_is_no_name() {
    // OCR reads the long s of old print as an f: "Conftitution" is "Constitution", and the
    // "Affembly" the assembly; "Fay" is too short to tell, and "Fenton" no common word with an s.
    let found: Vec<(String, bool)> = candidates(
        "He read the Conftitution to the Affembly, and Fay spoke to Fenton.",
        None,
    )
    .into_iter()
    .map(|candidate| (candidate.text, candidate.common))
    .collect();
    assert_eq!(
        found,
        [
            ("Conftitution".to_owned(), true),
            ("Affembly".to_owned(), true),
            ("Fay".to_owned(), false),
            ("Fenton".to_owned(), false),
        ]
    );
}

#[test]
fn a_common_word_opening_a_sentence_a_number_and_an_abbreviated_title_are_not_part_of_a_name() {
    assert_eq!(
        texts(
            "Enter South Dakota. Two Bartholomew County deputies came. Questioning Vindman \
             took hours. South Dakota Gov. Kristi Noem spoke. New York voted. Grace Mugabe left."
        ),
        [
            "South Dakota",
            "Bartholomew County",
            "Vindman",
            "South Dakota",
            "Kristi Noem",
            "New York",
            "Grace Mugabe",
        ]
    );
}

#[test]
fn plurals_of_acronyms_and_adjectives_made_of_names_are_no_names() {
    assert_eq!(
        texts(
            "Ford sells more SUVs and TVs with LEDs. The Siri-enabled speaker is \
             MacBook-like, with an X-shaped stand and a BPA-free bottle from Oslo."
        ),
        ["Ford", "Siri", "MacBook", "BPA", "Oslo"]
    );
}

#[test]
fn a_text_in_a_language_without_rules_gets_only_the_names_the_lexicon_knows() {
    // Indonesian, which the language detector does not know: its capitals are read by no rules.
    let text = "Sebelum Islam pecah jadi Sunni dan Syiah zaman Khalifah Ali karena pemberontakan \
                di tahun yang lalu. Jadi baik Sunni dan Syiah yang sebagian besar sahabat Nabi \
                tinggal di Jakarta dan bukan di London, kata Emilia Renita kepada kami semua \
                pada hari itu juga, dan mereka tidak pernah kembali lagi ke sana.";
    assert_eq!(texts(text), ["Jakarta", "London"]);
}

#[test]
fn a_partys_adjective_alone_is_a_group_word_and_names_the_party_before_its_word() {
    assert_eq!(
        texts(
            "The Democratic Party met. Democratic lawmakers grilled him. The Republican \
             National Committee and the Socialist Party of France and the Communist Party of \
             China. Republicans and Democrats voted. Asian nations."
        ),
        [
            "Democratic Party",
            "Republican National Committee",
            "Socialist Party of France",
            "Communist Party of China",
        ]
    );
}

#[test]
fn a_bodys_name_goes_on_with_on_and_a_places_does_not() {
    assert_eq!(
        texts(
            "The National Institute on Drug Abuse and the House Select Committee on \
             Intelligence met. Kabul on Monday was calm."
        ),
        [
            "National Institute on Drug Abuse",
            "House Select Committee on Intelligence",
            "Kabul",
        ]
    );
}
