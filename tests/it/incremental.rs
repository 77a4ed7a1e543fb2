//! Analysis that reuses the last analysis's work (the documents' readings, the corpus's pooled
//! evidence, which spellings are alike, the search of the documents) gives exactly what an
//! analysis from scratch gives, after every kind of change a user makes.

use triangulate::analysis::entities::{EntityCache, EntityTable};
use triangulate::analysis::mentions::MentionIndex;
use triangulate::edit::Edit;
use triangulate::model::{ByteSpan, EntityId, EntityKind, PartialDate, Project};

fn from_scratch(project: &Project) -> MentionIndex {
    MentionIndex::build(
        project,
        EntityTable::derive(project, &EntityCache::default()),
    )
}

fn reusing(project: &Project, cache: &EntityCache) -> MentionIndex {
    MentionIndex::build_with(project, EntityTable::derive(project, cache), cache.scans())
}

/// Applies `edit` to `project` and checks the analysis reusing `cache` against one from
/// scratch; returns the edit's inverse.
fn apply_and_check(project: &mut Project, cache: &EntityCache, edit: Edit, step: &str) -> Edit {
    let undo = edit.apply(project).expect("applies");
    let expected = from_scratch(project);
    assert!(!expected.entities.entities.is_empty(), "{step}");
    assert_eq!(reusing(project, cache), expected, "{step}");
    undo
}

/// The two entities of a kind mentioned most, most mentioned first.
fn most_mentioned(index: &MentionIndex, kind: EntityKind) -> (EntityId, EntityId) {
    let mut counted: Vec<_> = index
        .entities
        .entities
        .iter()
        .filter(|entity| entity.kind == kind)
        .map(|entity| (index.mention_count(entity.id), entity.id))
        .collect();
    counted.sort_unstable_by(|a, b| b.cmp(a));
    (counted[0].1, counted[1].1)
}

#[test]
fn analysis_reusing_the_last_gives_what_analysis_from_scratch_gives() {
    let cache = EntityCache::default();
    let mut project = Project::new("reuse");
    // The reports one at a time, as a user imports them.
    let mut added = Vec::new();
    for (name, bytes) in crate::properties::real_reports() {
        let mut document = triangulate::import::document_from_bytes(&bytes, &name)
            .expect("imports")
            .document;
        document.id = project.next_document_id();
        added.push(apply_and_check(
            &mut project,
            &cache,
            Edit::add_documents(vec![document]),
            &format!("after importing {name}"),
        ));
    }
    let index = reusing(&project, &cache);
    // Decisions: a merge, a kind changed, a rename, a spelling hidden with its entity.
    let (kept, gone) = most_mentioned(&index, EntityKind::Person);
    let merge = Edit::merge_entities(&project, &index.entities, kept, gone).expect("merges");
    let mut undo = vec![apply_and_check(
        &mut project,
        &cache,
        merge,
        "after a merge",
    )];
    let index = reusing(&project, &cache);
    let (place, other_place) = most_mentioned(&index, EntityKind::Place);
    let rekind = Edit::update_entity(&project, &index.entities, place, "Kind", |entity| {
        entity.kind = EntityKind::Organisation;
    })
    .expect("changes");
    undo.push(apply_and_check(
        &mut project,
        &cache,
        rekind,
        "after a kind changed",
    ));
    let index = reusing(&project, &cache);
    let hide = Edit::update_entity(&project, &index.entities, other_place, "Hide", |entity| {
        entity.hidden = true;
    })
    .expect("hides");
    undo.push(apply_and_check(
        &mut project,
        &cache,
        hide,
        "after hiding an entity",
    ));
    let index = reusing(&project, &cache);
    let rename = Edit::update_entity(&project, &index.entities, kept, "Rename", |entity| {
        entity.name = "The commander's son".into();
        entity.variants.push("The commander's son".into());
    })
    .expect("renames");
    undo.push(apply_and_check(
        &mut project,
        &cache,
        rename,
        "after a rename with a new spelling",
    ));
    // A document's second paragraph set aside, and its date changed.
    let first = project.documents[0].clone();
    let body = first.body.start()..first.body.end();
    let paragraph_start = first.text[body.clone()]
        .find("\n\n")
        .map(|at| body.start + at + 2)
        .expect("a second paragraph");
    let paragraph_end = first.text[paragraph_start..body.end]
        .find("\n\n")
        .map_or(body.end, |at| paragraph_start + at);
    let span = ByteSpan::new(&first.text, paragraph_start, paragraph_end).expect("a span");
    let set_aside = Edit::update_document(&project, first.id, "Set aside", |document| {
        document.boilerplate.push(span);
        document.boilerplate.sort_by_key(ByteSpan::start);
    })
    .expect("sets aside");
    undo.push(apply_and_check(
        &mut project,
        &cache,
        set_aside,
        "after setting a paragraph aside",
    ));
    let redate = Edit::update_document(&project, first.id, "Date", |document| {
        document.date = PartialDate::year_month(2019, 3);
    })
    .expect("dates");
    undo.push(apply_and_check(
        &mut project,
        &cache,
        redate,
        "after changing a document's date",
    ));
    // Every decision undone, the last first, then the documents last imported removed.
    for (step, undo) in undo.into_iter().rev().enumerate() {
        let _redo = apply_and_check(&mut project, &cache, undo, &format!("after undo {step}"));
    }
    for (step, undo) in added.into_iter().rev().take(3).enumerate() {
        let _redo = apply_and_check(
            &mut project,
            &cache,
            undo,
            &format!("after removing document {step}"),
        );
    }
}
