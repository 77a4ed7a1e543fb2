//! Every kind of edit, undone and redone, returns the project to exactly the state it had.

use crate::support::{draft, entities, entity_named, imported_project, tagged_project};
use triangulate::edit::{Change, Edit, History};
use triangulate::model::{
    Consistency, DocumentId, EntityKind, Grade, PartialDate, Project, Stance,
};

/// Applies `edit`, then checks undo restores `before` and redo restores the edited state.
fn assert_reversible(project: &mut Project, history: &mut History, edit: Edit) {
    let before = project.clone();
    history.apply(project, edit).expect("edit applies");
    let after = project.clone();
    assert_ne!(after, before, "the edit changed nothing");
    assert!(history.is_dirty());
    history
        .undo(project)
        .expect("undo")
        .expect("something to undo");
    assert_eq!(*project, before, "undo must restore the state exactly");
    history
        .redo(project)
        .expect("redo")
        .expect("something to redo");
    assert_eq!(
        *project, after,
        "redo must restore the edited state exactly"
    );
}

#[test]
fn every_kind_of_edit_undoes_and_redoes_exactly() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    let mut history = History::default();
    history.mark_saved();

    let claim = draft(
        &project,
        1,
        "“will never surrender”",
        "surrender rumors",
        Stance::Denies,
        Some("Someone New"),
    );
    let (edit, claim_id) = Edit::tag_claim(&project, &entities(&project), &claim).expect("tag");
    assert_reversible(&mut project, &mut history, edit);
    let speaker = project
        .claim(claim_id)
        .and_then(|claim| claim.speaker)
        .expect("speaker created");

    let edit = Edit::update_document(&project, DocumentId(1), "Set outlet", |document| {
        document.outlet = "Wire".into();
        document.date = "2021-08-22".parse::<PartialDate>().ok();
    })
    .expect("changes");
    assert_reversible(&mut project, &mut history, edit);

    // A derived entity is stored, under the id it had, by the first decision about it.
    let massoud = entity_named(&project, "Ahmad Massoud").id;
    assert!(project.entity(massoud).is_none(), "derived, not stored");
    let edit = Edit::update_entity(&project, &entities(&project), massoud, "Rename", |entity| {
        entity.name = "Ahmad Massoud (son)".into();
    })
    .expect("rename");
    assert_reversible(&mut project, &mut history, edit);
    assert_eq!(
        project.entity(massoud).map(|entity| entity.name.as_str()),
        Some("Ahmad Massoud (son)")
    );
    let edit = Edit::update_entity(&project, &entities(&project), massoud, "Kind", |entity| {
        entity.kind = EntityKind::Other;
    })
    .expect("kind");
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::update_entity(&project, &entities(&project), massoud, "Hide", |entity| {
        entity.hidden = true;
    })
    .expect("hide");
    assert_reversible(&mut project, &mut history, edit);

    // Merging moves the absorbed entity's spellings and its claims to the kept one.
    let edit =
        Edit::merge_entities(&project, &entities(&project), massoud, speaker).expect("merge");
    assert_reversible(&mut project, &mut history, edit);
    assert!(project.entity(speaker).is_none());
    assert_eq!(
        project.claim(claim_id).and_then(|claim| claim.speaker),
        Some(massoud)
    );

    let (edit, code) = Edit::add_code(&project, "ceasefire offer", None);
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::update_code(&project, code, "Describe", |code| {
        code.description = "Calls to stop fighting".into();
    })
    .expect("describe");
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::remove_code(&project, code).expect("remove");
    assert_reversible(&mut project, &mut history, edit);

    let edit = Edit::update_claim(&project, claim_id, "Note", |claim| {
        claim.note = "second look".into();
    })
    .expect("note");
    assert_reversible(&mut project, &mut history, edit);

    // Grading and competing hypotheses.
    let grade = Grade::parse("B2").expect("badge");
    let edit = Edit::set_outlet_grade(&project, "Wire", grade).expect("grade outlet");
    assert_reversible(&mut project, &mut history, edit);
    assert_eq!(
        project
            .claim(claim_id)
            .map(|claim| project.claim_grade(claim)),
        Some(grade),
        "a claim takes its outlet's grade"
    );
    let own = Grade::parse("A").expect("badge");
    let edit = Edit::set_claim_grade(&project, claim_id, own).expect("grade claim");
    assert_reversible(&mut project, &mut history, edit);
    assert_eq!(
        project
            .claim(claim_id)
            .map(|claim| project.claim_grade(claim).to_string()),
        Some("A2".into())
    );
    let (edit, hypothesis) =
        Edit::add_hypothesis(&project, "The resistance fights on").expect("hypothesis");
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::rate_claim(
        &project,
        claim_id,
        hypothesis,
        Some(Consistency::Consistent),
    )
    .expect("rate");
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::reword_hypothesis(&project, hypothesis, "The resistance holds the valley")
        .expect("reword");
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::remove_hypothesis(&project, hypothesis).expect("remove hypothesis");
    assert_reversible(&mut project, &mut history, edit);

    // Merging codes: claims follow the kept code.
    let (edit, rumours) = Edit::add_code(&project, "rumours", None);
    assert_reversible(&mut project, &mut history, edit);
    let surrender = project.claim(claim_id).expect("claim").codes[0];
    let edit = Edit::merge_codes(&project, rumours, surrender).expect("merge codes");
    assert_reversible(&mut project, &mut history, edit);
    assert_eq!(project.claim(claim_id).expect("claim").codes, [rumours]);
    assert!(project.code(surrender).is_none());
    let edit = Edit::remove_claim(&project, claim_id).expect("remove claim");
    assert_reversible(&mut project, &mut history, edit);

    // The fixture's Massoud has one spelling: give it a second one, then split it off.
    let add = Edit::update_entity(
        &project,
        &entities(&project),
        massoud,
        "Add spelling",
        |entity| {
            entity.variants.push("Ahmed Massoud".into());
        },
    )
    .expect("add");
    assert_reversible(&mut project, &mut history, add);
    let (edit, split) =
        Edit::split_variant(&project, &entities(&project), massoud, "Ahmed Massoud")
            .expect("split");
    assert_reversible(&mut project, &mut history, edit);
    assert!(
        project.are_distinct(massoud, split),
        "a split records the two as different"
    );
    let other = entity_named(&project, "Kabul").id;
    let edit =
        Edit::mark_distinct(&project, &entities(&project), other, massoud).expect("not the same");
    assert_reversible(&mut project, &mut history, edit);

    let edit = Edit::set_notes(&project, "Check the wire copy against the French original.")
        .expect("notes");
    assert_reversible(&mut project, &mut history, edit);
    let edit = Edit::rename_project(&project, "Panjshir").expect("rename project");
    assert_reversible(&mut project, &mut history, edit);
}

#[test]
fn a_claim_spans_several_passages_in_text_order_and_gives_them_back() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    let mut history = History::default();
    let claim = draft(
        &project,
        1,
        "talks had failed",
        "talks",
        Stance::Reports,
        None,
    );
    let (edit, id) = Edit::tag_claim(&project, &entities(&project), &claim).expect("tag");
    history.apply(&mut project, edit).expect("applies");
    let text = project
        .document(DocumentId(1))
        .expect("document")
        .text
        .clone();
    let earlier = text.find("will never surrender").expect("in the text");
    let end = earlier + "will never surrender".len();
    // An earlier passage becomes the first; the claim's words read in text order.
    let edit = Edit::add_claim_passage(&project, id, earlier, end).expect("adds");
    assert_reversible(&mut project, &mut history, edit);
    let spanning = project.claim(id).expect("claim");
    assert_eq!(spanning.quote.exact, "will never surrender");
    assert_eq!(spanning.text(), "will never surrender […] talks had failed");
    // Overlapping, empty and out-of-range passages are refused.
    assert!(Edit::add_claim_passage(&project, id, earlier + 5, end + 3).is_err());
    assert!(Edit::add_claim_passage(&project, id, end, end).is_err());
    assert!(Edit::add_claim_passage(&project, id, end, text.len() + 10).is_err());
    // Taking the first passage out leaves the other one as the claim.
    let edit = Edit::remove_claim_passage(&project, id, 0).expect("removes");
    assert_reversible(&mut project, &mut history, edit);
    let single = project.claim(id).expect("claim");
    assert_eq!(single.text(), "talks had failed");
    assert!(single.more_passages.is_empty());
    assert!(
        Edit::remove_claim_passage(&project, id, 0).is_none(),
        "a claim keeps its last passage"
    );
}

#[test]
fn undoing_everything_returns_to_the_saved_state_and_clears_the_dirty_flag() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    let original = project.clone();
    let mut history = History::default();
    history.mark_saved();
    for (index, name) in ["a", "b", "c"].into_iter().enumerate() {
        let (edit, _) = Edit::add_code(&project, name, None);
        history.apply(&mut project, edit).expect("applies");
        assert!(history.is_dirty(), "dirty after edit {index}");
    }
    while history.undo(&mut project).expect("undo").is_some() {}
    assert_eq!(project, original);
    assert!(!history.is_dirty(), "back at the saved state");
    history.redo(&mut project).expect("redo");
    assert!(history.is_dirty());
}

#[test]
fn edits_that_would_break_the_project_are_refused_and_change_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = tagged_project(folder.path());
    let before = project.clone();
    let code = project.claims[0].codes[0];
    // Removing a code and leaving claims pointing at it is refused.
    let edit = Edit {
        label: "Delete code".into(),
        changes: vec![Change::Code {
            before: project.code(code).cloned(),
            after: None,
        }],
    };
    assert!(
        edit.apply(&mut project).is_err(),
        "a code still named by claims cannot go alone"
    );
    assert_eq!(project, before);
    // The user's delete takes the code off its claims, which stay.
    let mut deleted = project.clone();
    let _undo = Edit::remove_code(&deleted, code)
        .expect("edit")
        .apply(&mut deleted)
        .expect("applies");
    assert_eq!(deleted.claims.len(), project.claims.len());
    assert!(deleted.claims.iter().all(|claim| claim.codes.is_empty()));
    let (duplicate, _) = Edit::add_code(&project, "Propaganda Denial", None);
    assert!(
        duplicate.apply(&mut project).is_err(),
        "code names are unique regardless of case"
    );
    assert_eq!(project, before);
    // An edit prepared for an older state does not land on a newer one.
    let stale = Edit::update_document(&project, DocumentId(1), "Stale", |document| {
        document.outlet = "A".into();
    })
    .expect("edit");
    let fresh = Edit::update_document(&project, DocumentId(1), "Fresh", |document| {
        document.outlet = "B".into();
    })
    .expect("edit");
    let _undo = fresh.apply(&mut project).expect("fresh applies");
    let after_fresh = project.clone();
    assert!(stale.apply(&mut project).is_err());
    assert_eq!(project, after_fresh);
}

#[test]
fn merged_and_hidden_entities_stay_curated_when_more_documents_arrive() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    let kabul = entity_named(&project, "Kabul").id;
    let rukha = entity_named(&project, "Rukha").id;
    let _ = Edit::merge_entities(&project, &entities(&project), kabul, rukha)
        .expect("merge")
        .apply(&mut project)
        .expect("applies");
    let bazarak = entity_named(&project, "Bazarak").id;
    let _ = Edit::update_entity(&project, &entities(&project), bazarak, "Hide", |entity| {
        entity.hidden = true;
    })
    .expect("hide")
    .apply(&mut project)
    .expect("applies");
    let stored = project.entities.clone();

    let more = folder.path().join("more.txt");
    std::fs::write(&more, "News from Rukha and Bazarak\n\nFighting near Rukha and Bazarak continued, residents in Kabul said.\n").expect("write");
    crate::support::import_into(&mut project, &[more]);
    assert_eq!(
        project.entities, stored,
        "an import stores nothing: the decisions stay as they were"
    );
    let table = entities(&project);
    assert!(table.entity(bazarak).is_some_and(|entity| entity.hidden));
    let merged = table.entity(kabul).expect("the merged entity");
    assert!(merged.variants.contains(&"Rukha".to_owned()), "{merged:?}");
    assert_eq!(
        table.by_name("Rukha").map(|entity| entity.id),
        Some(kabul),
        "no entity comes back for a merged spelling"
    );
}

#[test]
fn importing_new_spellings_of_a_merged_entity_joins_them_to_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    let panjshir = entity_named(&project, "Panjshir").id;
    let massoud = entity_named(&project, "Ahmad Massoud").id;
    let _ = Edit::merge_entities(&project, &entities(&project), panjshir, massoud)
        .expect("merge")
        .apply(&mut project)
        .expect("applies");
    let more = folder.path().join("caps.txt");
    // Spellings analysis groups with the merged ones follow the user's entity.
    std::fs::write(
        &more,
        "Fighting in PANJSHIR\n\nReports from PANJSHIR said the valley held.\n",
    )
    .expect("write");
    crate::support::import_into(&mut project, &[more]);
    let table = entities(&project);
    let merged = table.entity(panjshir).expect("merged entity");
    assert!(
        merged.variants.contains(&"PANJSHIR".to_owned())
            && merged.variants.contains(&"Ahmad Massoud".to_owned()),
        "{:?}",
        merged.variants
    );
}

#[test]
fn a_name_list_adds_completes_and_merges_entities_in_one_undoable_step() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    let original = project.clone();
    let (entries, skipped) = triangulate::import::names::parse_names(
        "place, Panjshir, Panchir, Panjsher, Pandjchir\norganisation, National Resistance Front, NRF, FNR\nperson, Hamid Karzai, Hamed Karzai\n",
    );
    assert!(skipped.is_empty());
    let panjshir = entity_named(&project, "Panjshir").id;
    let mut history = History::default();
    let edit = Edit::load_names(&project, &entities(&project), &entries);
    history.apply(&mut project, edit).expect("applies");
    let table = entities(&project);
    // The detected Panjshir and Panchir are now one place with all four spellings.
    let place = table.entity(panjshir).expect("kept");
    for spelling in ["Panchir", "Panjsher", "Pandjchir"] {
        assert!(
            place.variants.contains(&spelling.to_owned()),
            "{:?}",
            place.variants
        );
    }
    assert_eq!(
        table.by_name("Panchir").map(|entity| entity.id),
        Some(panjshir)
    );
    // The acronym joined its organisation; a name no text mentions yet is added by hand.
    let front = table.by_name("National Resistance Front").expect("front");
    assert!(
        front.variants.contains(&"NRF".to_owned()) && front.variants.contains(&"FNR".to_owned())
    );
    let karzai = table.by_name("Hamed Karzai").expect("added");
    assert_eq!(
        (karzai.kind, karzai.origin),
        (EntityKind::Person, triangulate::model::EntityOrigin::Manual)
    );
    history
        .undo(&mut project)
        .expect("undo")
        .expect("something to undo");
    assert_eq!(project, original);
}
