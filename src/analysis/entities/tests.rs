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
    project.documents = documents(texts);
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
