//! Whole outputs of entity derivation on small corpora.

use super::*;
use crate::model::{Document, DocumentId};

/// Documents made from texts, numbered in order.
fn documents(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .zip(1..)
        .map(|(text, id)| {
            let mut document = crate::import::document_from_bytes(text.as_bytes(), "t.txt")
                .expect("imports")
                .document;
            document.id = DocumentId(id);
            document
        })
        .collect()
}

fn project_of(texts: &[&str]) -> Project {
    let mut project = Project::new("t");
    project.documents = documents(texts).into_iter().collect();
    project
}

/// Every name entity as (name, kind, spellings), in name order.
fn listed(table: &EntityTable) -> Vec<(String, EntityKind, Vec<String>)> {
    let mut list: Vec<(String, EntityKind, Vec<String>)> = table
        .entities
        .iter()
        .filter(|entity| entity.kind != EntityKind::Date)
        .map(|entity| (entity.name.clone(), entity.kind, entity.variants.clone()))
        .collect();
    list.sort();
    list
}

fn entity(name: &str, kind: EntityKind, spellings: &[&str]) -> (String, EntityKind, Vec<String>) {
    (
        name.to_owned(),
        kind,
        spellings
            .iter()
            .map(|spelling| (*spelling).to_owned())
            .collect(),
    )
}

const WIRE: &str = "Resistance holds in the Panjshir valley\n\nKABUL, Aug 22 — Commander Ahmad Massoud said on Sunday that the National Resistance Front (NRF) would not surrender. Massoud spoke from Bazarak. Taliban spokesman Zabihullah Mujahid said talks had failed.\n";
const DEPECHE: &str = " date 2021-09-06\nLa vallée du Panchir résiste\n\nKABOUL (AFP) — Selon l’AFP, Ahmed Massoud a appelé le Front national de résistance (FNR) à tenir. Les talibans affirment contrôler Bazarak, dans la province du Panchir.\n";

#[test]
fn a_small_corpus_gives_exactly_these_entities() {
    let project = project_of(&[WIRE, DEPECHE]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("AFP", EntityKind::Organisation, &["AFP"]),
            entity(
                "Ahmad Massoud",
                EntityKind::Person,
                &["Ahmad Massoud", "Ahmed Massoud"]
            ),
            entity("Bazarak", EntityKind::Place, &["Bazarak"]),
            entity(
                "Front national de résistance",
                EntityKind::Organisation,
                &["FNR", "Front national de résistance"]
            ),
            entity("Kabul", EntityKind::Place, &["KABOUL", "KABUL"]),
            entity("Massoud", EntityKind::Person, &["Massoud"]),
            entity(
                "National Resistance Front",
                EntityKind::Organisation,
                &["NRF", "National Resistance Front"]
            ),
            entity("Panchir", EntityKind::Place, &["Panchir", "Panjshir"]),
            entity("Taliban", EntityKind::Organisation, &["Taliban"]),
            entity(
                "Zabihullah Mujahid",
                EntityKind::Person,
                &["Zabihullah Mujahid"]
            ),
        ]
    );
}

/// The mentions of a project's entities, derived from scratch.
fn mentions_of(project: &Project) -> crate::analysis::mentions::MentionIndex {
    crate::analysis::mentions::MentionIndex::build(
        project,
        EntityTable::derive(project, &EntityCache::default()),
    )
}

/// Each mention of a document as (text, entity name).
fn named_mentions(project: &Project, document: u32) -> Vec<(String, String)> {
    let index = mentions_of(project);
    let text = &project.documents[document as usize - 1].text;
    index
        .in_document(DocumentId(document))
        .iter()
        .filter_map(|mention| {
            let entity = index.entity(mention.entity)?;
            (entity.kind != EntityKind::Date)
                .then(|| (text[mention.range.clone()].to_owned(), entity.name.clone()))
        })
        .collect()
}

#[test]
fn a_surname_alone_joins_the_one_full_name_of_its_document_and_stays_apart_when_two_share_it() {
    let project = project_of(&[
        "The son\n\nAhmad Massoud spoke on Sunday. Massoud said the valley would hold.\n",
        "Father and son\n\nAhmad Shah Massoud was killed in 2001. His son Ahmad Massoud leads the \
         resistance. Massoud is 32.\n",
    ]);
    assert_eq!(
        named_mentions(&project, 1),
        [
            ("Ahmad Massoud".to_owned(), "Ahmad Massoud".to_owned()),
            ("Massoud".to_owned(), "Ahmad Massoud".to_owned()),
        ]
    );
    let index = mentions_of(&project);
    let second: Vec<(String, String)> = named_mentions(&project, 2);
    assert_eq!(
        second.last(),
        Some(&("Massoud".to_owned(), "Massoud".to_owned())),
        "two people share the surname: it is left as it is"
    );
    let massoud = index.entities.by_name("Massoud").expect("the surname").id;
    let father = index
        .entities
        .by_name("Ahmad Shah Massoud")
        .expect("father")
        .id;
    let son = index.entities.by_name("Ahmad Massoud").expect("son").id;
    assert_eq!(
        index.ambiguous,
        [crate::analysis::mentions::AmbiguousShortForm {
            document: DocumentId(2),
            short: massoud,
            people: {
                let mut people = vec![father, son];
                people.sort();
                people
            },
        }]
    );
}

#[test]
fn an_acronym_joins_its_expansion_in_each_language_and_one_merge_joins_all_four() {
    let mut project = project_of(&[
        "Syria\n\nThe Syrian Democratic Forces (SDF) said the SDF held the town.\n",
        "Syrie\n\nLes Forces démocratiques syriennes (FDS) ont affirmé que les FDS tenaient la ville.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    let english = table.by_name("SDF").expect("SDF").clone();
    let french = table.by_name("FDS").expect("FDS").clone();
    assert_eq!(english.variants, ["SDF", "Syrian Democratic Forces"]);
    assert_eq!(french.variants, ["FDS", "Forces démocratiques syriennes"]);
    let merge =
        crate::edit::Edit::merge_entities(&project, &table, english.id, french.id).expect("merge");
    let _undo = merge.apply(&mut project).expect("applies");
    let table = EntityTable::derive(&project, &EntityCache::default());
    let merged = table.entity(english.id).expect("kept");
    assert_eq!(
        merged.variants,
        [
            "FDS",
            "Forces démocratiques syriennes",
            "SDF",
            "Syrian Democratic Forces"
        ]
    );
}

#[test]
fn a_place_with_its_place_word_is_the_place() {
    let project = project_of(&[
        "Valley\n\nFighting reached the Panjshir Valley. Residents of Panjshir fled.\n",
        "Vallée\n\nLes combats ont atteint la vallée du Panjshir et la province de Parwan.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    let valley = table.by_name("Panjshir").expect("the valley");
    assert_eq!(valley.kind, EntityKind::Place);
    assert_eq!(valley.variants, ["Panjshir", "Panjshir Valley"]);
}

#[test]
fn a_country_and_its_capital_stay_two_places() {
    let project = project_of(&[
        "Report\n\nIn Tunisia, the capital Tunis was calm. Tunisia voted.\n",
        "Dépêche\n\nEn Tunisie, la capitale Tunis était calme. La Tunisie a voté.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Tunis", EntityKind::Place, &["Tunis"]),
            entity("Tunisia", EntityKind::Place, &["Tunisia", "Tunisie"]),
        ]
    );
}

#[test]
fn people_of_a_nation_are_not_names_and_a_title_makes_one_a_surname() {
    let project = project_of(&[
        "A Frenchwoman and two Englishmen met the Scottish delegation in Kabul. The Welsh and \
         the Scots agreed, an Englishman wrote. Mr. English said so.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("English", EntityKind::Person, &["English"]),
            entity("Kabul", EntityKind::Place, &["Kabul"]),
        ]
    );
}

#[test]
fn a_town_that_opens_a_business_name_stays_the_town() {
    let project = project_of(&[
        "The Cookeville Roller Mills furnish flour. Come to Cookeville and see; I left \
         Cookeville in May, and Tsai Ing-wen spoke in Taipei, where Tsai lives.\n",
    ]);
    assert_eq!(
        named_mentions(&project, 1),
        [
            (
                "Cookeville Roller Mills".into(),
                "Cookeville Roller Mills".into()
            ),
            ("Cookeville".into(), "Cookeville".into()),
            ("Cookeville".into(), "Cookeville".into()),
            ("Tsai Ing-wen".into(), "Tsai Ing-wen".into()),
            ("Taipei".into(), "Taipei".into()),
            ("Tsai".into(), "Tsai Ing-wen".into()),
        ]
    );
}

#[test]
fn words_of_a_role_before_a_first_name_end_the_name_before_them_and_are_not_part_of_the_next() {
    let project = project_of(&[
        "Hong Kong Chief Executive Carrie Lam Cheng Yuet-ngor said on Monday that the city would reopen.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity(
                "Carrie Lam Cheng Yuet-ngor",
                EntityKind::Person,
                &["Carrie Lam Cheng Yuet-ngor"]
            ),
            entity("Hong Kong", EntityKind::Place, &["Hong Kong"]),
        ]
    );
}

#[test]
fn a_word_of_an_organisation_or_a_nationality_outweighs_a_first_name() {
    // "Asia", "German" and "Berlin" are first names too; "Ennahda" is known by the kind of
    // organisation written after it.
    let project = project_of(&[
        "Traders of the German Baltic Company met the Asia Pacific Press Network at the Berlin \
         Summit. Officials of the Ennahda party spoke; Ennahda won.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity(
                "Asia Pacific Press Network",
                EntityKind::Organisation,
                &["Asia Pacific Press Network"]
            ),
            entity("Berlin Summit", EntityKind::Other, &["Berlin Summit"]),
            entity("Ennahda", EntityKind::Organisation, &["Ennahda"]),
            entity(
                "German Baltic Company",
                EntityKind::Organisation,
                &["German Baltic Company"]
            ),
        ]
    );
}

#[test]
fn an_acronym_or_a_city_before_a_full_name_is_a_name_of_its_own_and_so_is_a_dotted_one() {
    let project = project_of(&[
        "Le député de l'UDF Marie-Claire Dupuis a visité l'hôpital d'Ostrava Karel Novák \
         mardi. The U.S. Embassy in Tunis was closed. He moved to the U.S. Then he left.\n",
    ]);
    assert_eq!(
        named_mentions(&project, 1),
        [
            ("UDF".into(), "UDF".into()),
            ("Marie-Claire Dupuis".into(), "Marie-Claire Dupuis".into()),
            ("Ostrava".into(), "Ostrava".into()),
            ("Karel Novák".into(), "Karel Novák".into()),
            ("U.S. Embassy".into(), "U.S. Embassy".into()),
            ("Tunis".into(), "Tunis".into()),
            ("U.S.".into(), "United States".into()),
        ]
    );
}

#[test]
fn a_common_word_named_as_a_place_by_a_place_word_before_it_is_a_place() {
    // "Hope" and "Union" are common words: capitalised in mid-sentence they are names only
    // with evidence, and "the village of" is evidence, "in" is not.
    let project =
        project_of(&["Farmers of the village of Hope sold grain in Union and in Hope.\n"]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [entity("Hope", EntityKind::Place, &["Hope"])]
    );
}

#[test]
fn a_title_ending_the_sentence_before_or_a_point_of_the_compass_made_an_adjective_is_no_cue() {
    let mut project = project_of(&[
        "Il a succédé à son père. Formé à Londres, il a écrit aux gouvernements de l'Afrique \
         centrale.\n",
        "Western governments sent aid to Western Europe, said Dr. Hale. Thanks went to the \
         Secretary. Resolved, that we agree.\n",
    ]);
    if let Some(document) = project.documents.iter_mut().next() {
        document.language = Some("fr".to_owned());
    }
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Afrique centrale", EntityKind::Place, &["Afrique centrale"]),
            entity("Hale", EntityKind::Person, &["Hale"]),
            entity("Londres", EntityKind::Place, &["Londres"]),
            entity("Western Europe", EntityKind::Place, &["Western Europe"]),
        ]
    );
}

#[test]
fn a_firm_joined_by_an_ampersand_is_an_organisation_and_a_port_or_a_fort_a_place() {
    let project =
        project_of(&["Goods came from Harlow & Pike by ship from Port Vessey to Fort Calder.\n"]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Fort Calder", EntityKind::Place, &["Fort Calder"]),
            entity(
                "Harlow & Pike",
                EntityKind::Organisation,
                &["Harlow & Pike"]
            ),
            entity("Port Vessey", EntityKind::Place, &["Port Vessey"]),
        ]
    );
}

#[test]
fn a_derived_word_opening_a_sentence_is_no_name_and_a_kind_of_body_before_one_cues_it_only_in_its_sentence()
 {
    let project = project_of(&[
        "Troisièmement, le tabloïd Varnek le dit. Fonctionne-t-il ? Fuelling the anger, \
         Dr. Hale spoke. Golding left.\n",
        "Le journal a fermé la chaîne. Sorvane. Il rentre à Sorvane avec Golding.\n",
        "Il parle à l'hebdomadaire Quorvet.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            // A surname the corpus names mid-sentence elsewhere stays a name at a sentence's start.
            entity("Golding", EntityKind::Person, &["Golding"]),
            entity("Hale", EntityKind::Person, &["Hale"]),
            // The kind of body is read without its elided article.
            entity("Quorvet", EntityKind::Organisation, &["Quorvet"]),
            // "la chaîne." ends its sentence: it says nothing of the name after it.
            entity("Sorvane", EntityKind::Place, &["Sorvane"]),
            entity("Varnek", EntityKind::Organisation, &["Varnek"]),
        ]
    );
}

#[test]
fn words_of_a_quoted_title_in_title_case_are_no_names_of_their_own() {
    let project = project_of(&[
        "It beat “Once Upon A Time in Hollywood” and “The Morning Show”, and Laura Dern \
         thanked “Varnek”.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Laura Dern", EntityKind::Person, &["Laura Dern"]),
            // Quoted whole (but for its article), a name is a work's title.
            entity("Morning Show", EntityKind::Other, &["Morning Show"]),
            entity("Varnek", EntityKind::Other, &["Varnek"]),
        ]
    );
}

#[test]
fn a_name_alone_in_parentheses_before_a_datelines_dash_is_the_wire_agency() {
    let project = project_of(&[
        "SORVANE, 15 (Varnak). — On mande de Londres que le traité est signé.\n\n\
         KABUL (Dostel) - Fighters held the valley, said Ahmad Massoud (Quelbar).\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    let mut kinds: Vec<(String, EntityKind)> = table
        .entities
        .iter()
        .filter(|entity| ["Varnak", "Dostel", "Quelbar"].contains(&entity.name.as_str()))
        .map(|entity| (entity.name.clone(), entity.kind))
        .collect();
    kinds.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        kinds,
        [
            ("Dostel".to_owned(), EntityKind::Organisation),
            // Parentheses with no dateline after them say nothing.
            ("Quelbar".to_owned(), EntityKind::Person),
            ("Varnak".to_owned(), EntityKind::Organisation),
        ]
    );
}

#[test]
fn a_citys_name_alone_is_short_for_a_person_only_when_the_full_name_opens_with_a_first_name() {
    let project = project_of(&[
        "Tervalo Stockholm said the plan was sound. Later, Stockholm hosted the talks.\n",
        "Joaquin Stockholm said the plan was sound. Later, Stockholm smiled.\n",
    ]);
    assert_eq!(
        named_mentions(&project, 1),
        [
            (
                "Tervalo Stockholm".to_owned(),
                "Tervalo Stockholm".to_owned()
            ),
            ("Stockholm".to_owned(), "Stockholm".to_owned()),
        ]
    );
    assert_eq!(
        named_mentions(&project, 2),
        [
            (
                "Joaquin Stockholm".to_owned(),
                "Joaquin Stockholm".to_owned()
            ),
            ("Stockholm".to_owned(), "Joaquin Stockholm".to_owned()),
        ]
    );
}

#[test]
fn a_compound_adjective_made_of_a_name_is_the_name_and_a_given_names_syllable_stays() {
    let project = project_of(&[
        "A London-based group said the al-Qaeda-linked militia had met Tsai Ing-wen.\n",
    ]);
    assert_eq!(
        named_mentions(&project, 1),
        [
            ("London".to_owned(), "London".to_owned()),
            ("al-Qaeda".to_owned(), "al-Qaeda".to_owned()),
            ("Tsai Ing-wen".to_owned(), "Tsai Ing-wen".to_owned()),
        ]
    );
}

#[test]
fn an_acronym_inside_a_word_is_an_organisations_and_a_point_of_the_compass_of_a_place_a_place() {
    let project = project_of(&[
        "Les délégués du VdR et de Kolo-NX se sont réunis dans le Nord de l'Italie, puis en Europe du Sud avec Louis XIV.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Europe du Sud", EntityKind::Place, &["Europe du Sud"]),
            entity("Kolo-NX", EntityKind::Organisation, &["Kolo-NX"]),
            entity("Louis XIV", EntityKind::Person, &["Louis XIV"]),
            entity("Nord de l'Italie", EntityKind::Place, &["Nord de l'Italie"]),
            entity("VdR", EntityKind::Organisation, &["VdR"]),
        ]
    );
}

#[test]
fn a_name_after_the_is_a_bodys_unless_a_full_name_elsewhere_makes_it_a_surname() {
    let project = project_of(&[
        "Envoys met the Korvath on Monday. Maria Ostrel said the Ostrel family had left the Court.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Korvath", EntityKind::Organisation, &["Korvath"]),
            entity("Maria Ostrel", EntityKind::Person, &["Maria Ostrel"]),
            entity("Ostrel", EntityKind::Person, &["Ostrel"]),
        ]
    );
    // The surname alone is a mention of the full name.
    assert_eq!(
        named_mentions(&project, 1),
        [
            ("Korvath".to_owned(), "Korvath".to_owned()),
            ("Maria Ostrel".to_owned(), "Maria Ostrel".to_owned()),
            ("Ostrel".to_owned(), "Maria Ostrel".to_owned()),
        ]
    );
}

#[test]
fn a_name_with_a_code_of_letters_and_digits_is_a_products_not_a_persons() {
    let project = project_of(&["Pilots flew a Corvan K350 over Kabul on Monday.\n"]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Corvan K350", EntityKind::Other, &["Corvan K350"]),
            entity("Kabul", EntityKind::Place, &["Kabul"]),
        ]
    );
}

#[test]
fn a_place_word_inside_a_name_of_three_words_makes_it_no_persons() {
    let project = project_of(&["Prices rose, Varno City Fish Market said on Monday.\n"]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [entity(
            "Varno City Fish Market",
            EntityKind::Place,
            &["Varno City Fish Market"]
        )]
    );
}

#[test]
fn the_people_of_a_place_named_after_it_are_no_entity() {
    let project = project_of(&[
        "Gazans fled south. Many Panjshiris joined Ahmad Massoud, and two Kabulis said Londoners knew.\n",
        "The Panjshiri commander met Kabulien traders. Tehrani said no.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    // A word for a place's people that is also a surname is a name where it is no adjective.
    assert_eq!(
        listed(&table),
        [
            entity("Ahmad Massoud", EntityKind::Person, &["Ahmad Massoud"]),
            entity("Tehrani", EntityKind::Person, &["Tehrani"]),
        ]
    );
}

#[test]
fn in_german_a_canton_is_a_place_and_its_name_alone_the_same_place() {
    let project = project_of(&[
        "Die Wahlen im Kanton Aargau\n\nDie Regierung hat am Montag beschlossen, dass die \
         Wahlen im Kanton Aargau und in Luzern im Herbst stattfinden werden. Der Aargau \
         hat dafür gestimmt, und auch die Stadt Baden ist mit dem Entscheid zufrieden.\n",
    ]);
    assert_eq!(
        project.documents.iter().next().unwrap().language.as_deref(),
        Some("de")
    );
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity(
                "Kanton Aargau",
                EntityKind::Place,
                &["Aargau", "Kanton Aargau"]
            ),
            entity("Luzern", EntityKind::Place, &["Luzern"]),
            entity("Stadt Baden", EntityKind::Place, &["Stadt Baden"]),
        ]
    );
}

#[test]
fn a_well_known_place_is_a_name_though_a_small_town_and_a_verb_are_written_alike() {
    // "Vienne" is Vienna in French, a town in Isère and a form of "venir".
    let project = project_of(&[
        "Nouvelles de l'étranger\n\nLa mode se fait à Saint-Pétersbourg comme à Vienne. On \
         attend le roi à Vienne au commencement de mai, pourvu qu'il vienne.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity(
                "Saint-Pétersbourg",
                EntityKind::Place,
                &["Saint-Pétersbourg"]
            ),
            entity("Vienne", EntityKind::Place, &["Vienne"]),
        ]
    );
}

#[test]
fn an_empire_or_a_kingdom_is_a_place() {
    let project = project_of(&[
        "History notes\n\nThe German Reich signed the treaty with the Ottoman Empire, and the \
         Kingdom of Sardinia joined them later, the historian Karl Weber said.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("German Reich", EntityKind::Place, &["German Reich"]),
            entity("Karl Weber", EntityKind::Person, &["Karl Weber"]),
            entity(
                "Kingdom of Sardinia",
                EntityKind::Place,
                &["Kingdom of Sardinia"]
            ),
            entity("Ottoman Empire", EntityKind::Place, &["Ottoman Empire"]),
        ]
    );
}

#[test]
fn an_award_a_festival_or_a_contest_is_no_person_nor_organisation() {
    let project = project_of(&[
        "Film notes\n\nThe film won at the Producers Guild Awards and then the Nobel Prize went \
         to Han Kang, weeks before the Festival de Cannes opened, the critic Anna Berg said.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Anna Berg", EntityKind::Person, &["Anna Berg"]),
            entity(
                "Festival de Cannes",
                EntityKind::Other,
                &["Festival de Cannes"]
            ),
            entity("Han Kang", EntityKind::Person, &["Han Kang"]),
            entity("Nobel Prize", EntityKind::Other, &["Nobel Prize"]),
            entity(
                "Producers Guild Awards",
                EntityKind::Other,
                &["Producers Guild Awards"]
            ),
        ]
    );
}

#[test]
fn camel_case_firms_venues_a_town_before_a_postal_code_and_a_role_inside_a_run() {
    let project = project_of(&[
        "StackAdapt and SmartAsset raised money. The band plays the PNC Music Pavilion and \
         then Holmdel, NJ. WeWork CEO Adam Neumann left. Ken McDonald said it was over.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity("Adam Neumann", EntityKind::Person, &["Adam Neumann"]),
            entity("Holmdel", EntityKind::Place, &["Holmdel"]),
            entity("Ken McDonald", EntityKind::Person, &["Ken McDonald"]),
            entity("NJ", EntityKind::Place, &["NJ"]),
            entity(
                "PNC Music Pavilion",
                EntityKind::Place,
                &["PNC Music Pavilion"]
            ),
            entity("SmartAsset", EntityKind::Organisation, &["SmartAsset"]),
            entity("StackAdapt", EntityKind::Organisation, &["StackAdapt"]),
            entity("WeWork", EntityKind::Organisation, &["WeWork"]),
        ]
    );
}

#[test]
fn a_firms_name_before_other_words_is_a_product_and_a_known_name_of_two_words_ends_before_a_person()
{
    let project = project_of(&[
        "Nintendo sold more Nintendo Switch consoles. The ambassador to the European Union \
         Gordon Sondland spoke.\n",
    ]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    assert_eq!(
        listed(&table),
        [
            entity(
                "European Union",
                EntityKind::Organisation,
                &["European Union"]
            ),
            entity("Gordon Sondland", EntityKind::Person, &["Gordon Sondland"]),
            entity("Nintendo", EntityKind::Organisation, &["Nintendo"]),
            entity("Nintendo Switch", EntityKind::Other, &["Nintendo Switch"]),
        ]
    );
}

#[test]
fn a_newspapers_last_word_makes_a_name_a_papers() {
    let project = project_of(&["The Baltimore Sun and the Hartford Courant reported it.\n"]);
    let table = EntityTable::derive(&project, &EntityCache::default());
    let kinds: Vec<(String, EntityKind)> = listed(&table)
        .into_iter()
        .map(|(name, kind, _)| (name, kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Baltimore Sun".to_owned(), EntityKind::Organisation),
            ("Hartford Courant".to_owned(), EntityKind::Organisation),
        ]
    );
}
