//! Properties that must hold for any input: offsets, save and load, undo and redo.

use proptest::prelude::*;
use triangulate::edit::{ClaimDraft, Edit, History};
use triangulate::model::{
    ByteSpan, DocumentId, EntityKind, Project, Quote, Stance, byte_to_char_offset,
    char_to_byte_offset,
};
use triangulate::store;

/// Text with the characters that break naive code: accents, typographic quotes, emoji,
/// combining marks, right-to-left letters, newlines, and RON's own quote and hash signs.
fn tricky_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-zA-Z ]{1,8}",
            Just("é".to_owned()),
            Just("’".to_owned()),
            Just("« ".to_owned()),
            Just("“".to_owned()),
            Just("\"#".to_owned()),
            Just("\"##".to_owned()),
            Just("\\".to_owned()),
            Just("\n".to_owned()),
            Just("\n\n".to_owned()),
            Just("😀".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("پنجشیر".to_owned()),
            Just("\t".to_owned()),
        ],
        1..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn byte_and_char_offsets_convert_both_ways(text in tricky_text()) {
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            prop_assert_eq!(byte_to_char_offset(&text, byte), chars);
            prop_assert_eq!(char_to_byte_offset(&text, chars), Some(byte));
        }
        prop_assert_eq!(char_to_byte_offset(&text, text.chars().count()), Some(text.len()));
    }

    #[test]
    fn quotes_of_any_span_verify_against_their_text(text in tricky_text(), a in 0usize..200, b in 0usize..200) {
        let boundaries: Vec<usize> = text.char_indices().map(|(index, _)| index).chain([text.len()]).collect();
        let (start, end) = (boundaries[a % boundaries.len()], boundaries[b % boundaries.len()]);
        let (start, end) = (start.min(end), start.max(end));
        let span = ByteSpan::new(&text, start, end).expect("boundaries");
        let quote = Quote::new(&text, span);
        prop_assert!(quote.verify(&text).is_ok());
        prop_assert_eq!(quote.exact.as_str(), &text[start..end]);
    }

    #[test]
    fn any_document_saves_and_loads_identically(texts in proptest::collection::vec(tricky_text(), 1..4), name in tricky_text()) {
        let mut project = Project::new(name);
        for (index, text) in texts.iter().enumerate() {
            let Ok(imported) = triangulate::import::document_from_bytes(text.as_bytes(), &format!("doc {index}.txt")) else { continue };
            let mut document = imported.document;
            document.id = project.next_document_id();
            if project.documents.iter().all(|known| known.content_hash != document.content_hash) {
                project.documents.insert(document);
            }
        }
        project.notes = texts.concat();
        let ron = store::to_ron(&project).expect("serialises");
        let loaded = store::from_ron(&ron, std::path::Path::new("property.ron")).expect("loads what it saved");
        prop_assert_eq!(loaded, project);
    }

    #[test]
    fn random_edits_undo_to_the_start_and_redo_to_the_end(steps in proptest::collection::vec((0u8..6, 0usize..1000, 0usize..1000, tricky_text()), 1..25)) {
        let folder = tempfile::tempdir().expect("temp dir");
        let mut project = crate::support::imported_project(folder.path());
        let original = project.clone();
        let mut history = History::default();
        for (kind, a, b, text) in steps {
            let table = crate::support::entities(&project);
            let listed: Vec<_> = table.entities.iter().map(|entity| entity.id).collect();
            let edit = match kind {
                0 => Some(Edit::add_code(&project, &text, None).0),
                1 => {
                    let document = &project.documents[a % project.documents.len()];
                    let boundaries: Vec<usize> = document.text.char_indices().map(|(index, _)| index).chain([document.text.len()]).collect();
                    let (x, y) = (boundaries[a % boundaries.len()], boundaries[b % boundaries.len()]);
                    let draft = ClaimDraft {
                        document: document.id,
                        start: x.min(y),
                        end: x.max(y),
                        codes: vec![format!("code {}", a % 3)],
                        stance: Stance::ALL[b % 4],
                        speaker: (a % 2 == 0).then(|| format!("Speaker {}", b % 3)),
                        via_outlet: None,
                        date: None,
                        note: text.clone(),
                    };
                    Edit::tag_claim(&project, &table, &draft).ok().map(|(edit, _)| edit)
                }
                2 => listed.get(a % listed.len().max(1)).and_then(|id| {
                    Edit::update_entity(&project, &table, *id, "Rename", |entity| entity.name = format!("{} {}", entity.name, b % 10))
                }),
                3 => {
                    (listed.len() >= 2).then(|| (listed[a % listed.len()], listed[b % listed.len()])).and_then(|(kept, gone)| Edit::merge_entities(&project, &table, kept, gone))
                }
                4 => project.claims.get(a % project.claims.len().max(1)).map(|claim| claim.id).and_then(|id| Edit::remove_claim(&project, id)),
                _ => {
                    let id = DocumentId(u32::try_from(a % 3).unwrap_or_default() + 1);
                    Edit::update_document(&project, id, "Outlet", |document| document.outlet = text.clone())
                        .or_else(|| Some(Edit::add_entity(&project, "Hand-made entity", EntityKind::Other).0))
                }
            };
            if let Some(edit) = edit {
                // Refused edits (a duplicate code name, an empty passage) leave the project alone.
                let before = project.clone();
                if history.apply(&mut project, edit).is_err() {
                    prop_assert_eq!(&project, &before);
                }
            }
        }
        let edited = project.clone();
        while history.undo(&mut project).expect("undo applies").is_some() {}
        prop_assert_eq!(&project, &original);
        while history.redo(&mut project).expect("redo applies").is_some() {}
        prop_assert_eq!(&project, &edited);
        let ron = store::to_ron(&project).expect("serialises");
        prop_assert_eq!(store::from_ron(&ron, std::path::Path::new("p.ron")).expect("loads"), edited);
    }
}

/// The sample project's reports and the test reports: English and French, one valley spelled
/// five ways, a father and a son.
pub fn real_reports() -> Vec<(String, Vec<u8>)> {
    let folder = std::path::Path::new("projects/panjshir-2021/sources");
    let mut reports: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .expect("the sample's sources")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("reads"))
        })
        .collect();
    reports.sort();
    reports.extend(
        crate::support::REPORTS
            .iter()
            .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec())),
    );
    reports
}

/// The entities of documents imported in this order, in batches split at `split`, each with
/// its mention count: everything the entity list shows.
fn entity_list(
    order: &[usize],
    split: usize,
) -> Vec<(u32, String, EntityKind, Vec<String>, usize)> {
    let reports = real_reports();
    let mut project = Project::new("order");
    for batch in [
        &order[..split.min(order.len())],
        &order[split.min(order.len())..],
    ] {
        let documents: Vec<_> = batch
            .iter()
            .zip(project.next_document_id().0..)
            .map(|(index, id)| {
                let (name, bytes) = &reports[*index];
                let mut document = triangulate::import::document_from_bytes(bytes, name)
                    .expect("imports")
                    .document;
                document.id = DocumentId(id);
                document
            })
            .collect();
        if !documents.is_empty() {
            let _undo = Edit::add_documents(documents)
                .apply(&mut project)
                .expect("applies");
        }
    }
    let index = triangulate::analysis::mentions::MentionIndex::build(
        &project,
        crate::support::entities(&project),
    );
    index
        .entities
        .entities
        .iter()
        .map(|entity| {
            (
                entity.id.0,
                entity.name.clone(),
                entity.kind,
                entity.variants.clone(),
                index.mention_count(entity.id),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The same reports in any order, imported at once or in two batches, give the same
    /// entities: the same ids, names, kinds, spellings and counts.
    #[test]
    fn entities_do_not_depend_on_import_order_or_batches(
        order in Just((0..real_reports().len()).collect::<Vec<usize>>()).prop_shuffle(),
        split in 0usize..12,
    ) {
        let natural: Vec<usize> = (0..order.len()).collect();
        let expected = entity_list(&natural, natural.len());
        prop_assert!(expected.iter().any(|(_, name, kind, variants, _)| {
            name == "Panjshir" && *kind == EntityKind::Place && variants.len() == 5
        }), "{expected:?}");
        prop_assert_eq!(entity_list(&order, split), expected);
    }
}
