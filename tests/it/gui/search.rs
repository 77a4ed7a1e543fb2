//! Search: spellings that find each other, opening a hit, tagging every hit at once.

use super::{harness, run_until_shown};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;

#[test]
fn searching_a_spelling_finds_the_other_spellings_and_opens_a_hit() {
    let mut harness = harness();
    search_for(&mut harness, "Panshir");
    assert!(
        harness
            .query_by_label_contains("Also searched, as spellings of the same entity")
            .is_some(),
        "the other spellings are searched and named"
    );
    let expected = triangulate::analysis::search::search(
        &harness.state().workspace.project,
        &harness.state().derived.mentions.entities.entities,
        "Panshir",
        &Default::default(),
    )
    .expect("searches")
    .hits
    .len();
    assert!(
        expected >= 20,
        "every spelling of the valley is found: {expected}"
    );
    assert!(
        harness
            .query_by_label(&format!("{expected} hits for “Panshir”"))
            .is_some()
    );
    harness
        .get_all_by_label("Panchir")
        .next()
        .expect("a French spelling among the hits")
        .click();
    harness.run_ok();
    let app = harness.state();
    let pane = &app.panes[app.focused_pane];
    let flash = pane.flash.clone().expect("the hit is marked");
    assert_eq!(
        &app.workspace
            .project
            .document(pane.document)
            .expect("document")
            .text[flash],
        "Panchir"
    );
}

#[test]
fn tagging_all_hits_codes_each_one_in_a_single_undoable_step() {
    let mut harness = harness();
    let before = harness.state().workspace.project.claims.len();
    search_for(&mut harness, "Bazarak");
    let hits = triangulate::analysis::search::search(
        &harness.state().workspace.project,
        &harness.state().derived.mentions.entities.entities,
        "Bazarak",
        &Default::default(),
    )
    .expect("searches")
    .hits
    .len();
    harness.get_by_label("Tag all hits…").click();
    harness.run_ok();
    harness.get_by_label("Code for all hits").focus();
    harness.run_ok();
    harness
        .get_by_label("Code for all hits")
        .type_text("capital falls");
    harness.run_ok();
    harness.get_by_label(&format!("Tag {hits} hits")).click();
    harness.run_ok();
    let app = harness.state();
    assert_eq!(app.workspace.project.claims.len(), before + hits);
    assert!(
        app.workspace
            .project
            .code_by_name("capital falls")
            .is_some()
    );
    assert_eq!(
        app.workspace.history.undo_label(),
        Some(format!("Tag {hits} claims").as_str())
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().workspace.project.claims.len(),
        before,
        "one undo removes them all"
    );
}

/// Searches the project from the keyboard and waits for the results.
fn search_for(harness: &mut Harness<'static, TriangulateApp>, query: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run_ok();
    harness.get_by_label("Search for").focus();
    harness.run_ok();
    harness.get_by_label("Search for").type_text(query);
    let done = format!("hits for “{query}”");
    run_until_shown(harness, |harness| {
        harness.query_by_label_contains(&done).is_some()
    });
}
