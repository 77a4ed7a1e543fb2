//! The views beside the reader: the claim matrix, the timeline, competing hypotheses.

use super::harness;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;

#[test]
fn the_claim_matrix_lists_a_cells_quotes_and_opens_one_in_the_reader() {
    let mut harness = harness();
    harness.get_by_label("Claim matrix").click();
    harness.run_ok();
    // The total of the denials: every source that called the rumours propaganda.
    let denials = harness
        .state()
        .workspace
        .project
        .claims
        .iter()
        .filter(|claim| claim.stance == triangulate::model::Stance::Denies)
        .count();
    harness.get_by_label(&format!("D{denials}")).click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("Ce sont des inventions")
            .is_some(),
        "a French denial is listed"
    );
    harness
        .get_by_label_contains("There is no surrender")
        .click();
    harness.run_ok();
    let app = harness.state();
    assert_eq!(app.central, triangulate::gui::app::CentralView::Reader);
    let pane = &app.panes[app.focused_pane];
    let flash = pane.flash.clone().expect("the claim is marked");
    let document = app
        .workspace
        .project
        .document(pane.document)
        .expect("document");
    assert!(document.text[flash].contains("There is no surrender"));
}

#[test]
fn the_timeline_view_opens_and_closes_from_the_keyboard() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_ok();
    assert_eq!(
        harness.state().central,
        triangulate::gui::app::CentralView::Timeline
    );
    assert!(
        harness.query_by_label("Outlets").is_some() && harness.query_by_label("Codes").is_some(),
        "lane choices are shown"
    );
    harness.get_by_label("Codes").click();
    harness.run_ok();
    // With an entity selected, its mentions get a lane of their own.
    let valley = harness
        .state()
        .derived
        .mentions
        .entities
        .by_name("Panjshir")
        .map(|entity| entity.id);
    harness.state_mut().selection.entity = valley;
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("Top lane: Panjshir in 7 dated documents")
            .is_some(),
        "the valley's mentions in every dated report"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_ok();
    assert_eq!(
        harness.state().central,
        triangulate::gui::app::CentralView::Reader
    );
}

#[test]
fn a_new_hypothesis_is_rated_ranked_and_undone() {
    use triangulate::analysis::hypotheses::rank_hypotheses;
    use triangulate::model::{ClaimId, Consistency};
    let mut harness = harness();
    harness.get_by_label("Hypotheses").click();
    harness.run_ok();
    let field = harness.get_by_label("New hypothesis");
    field.focus();
    harness.run_ok();
    harness
        .get_by_label("New hypothesis")
        .type_text("The valley has fallen");
    harness.run_ok();
    harness.get_by_label("Add hypothesis").click();
    harness.run_ok();
    let added = harness
        .state()
        .workspace
        .project
        .hypotheses
        .iter()
        .find(|hypothesis| hypothesis.text == "The valley has fallen")
        .map(|hypothesis| hypothesis.id)
        .expect("the hypothesis is added");
    // With nothing against it yet, it ranks first.
    assert_eq!(
        rank_hypotheses(&harness.state().workspace.project)[0].hypothesis,
        added
    );

    // A denial of surrender (claim 5, graded B2 through its outlet) argues against it:
    // consistent, then inconsistent on the second click.
    let cell = "Claim 5 against \"The valley has fallen\"";
    harness.get_by_label(&format!("{cell}: not rated")).click();
    harness.run_ok();
    harness.get_by_label(&format!("{cell}: consistent")).click();
    harness.run_ok();
    let rating = |harness: &Harness<'static, TriangulateApp>| {
        harness
            .state()
            .workspace
            .project
            .claim(ClaimId(5))
            .and_then(|claim| claim.ratings.get(&added).copied())
    };
    assert_eq!(rating(&harness), Some(Consistency::Inconsistent));
    let score = rank_hypotheses(&harness.state().workspace.project)
        .into_iter()
        .find(|score| score.hypothesis == added)
        .expect("ranked");
    assert!((score.inconsistency - 0.64).abs() < 1e-9, "{score:?}");
    harness.get_by_label(&format!("{cell}: inconsistent"));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(rating(&harness), Some(Consistency::Consistent));
}

#[test]
fn the_help_menu_shows_shortcuts_the_guide_and_the_data_attributions() {
    let mut harness = harness();
    harness.get_by_label("Help").click();
    harness.run_ok();
    harness.get_by_label("Keyboard shortcuts").click();
    harness.run_ok();
    // Every command is listed with its shortcut, as the menus show them.
    let _ = harness.get_by_label("Tag selection…");
    let _ = harness.get_by_label("Ctrl+S");
    assert!(harness.query_by_label("Ctrl+Shift+D").is_some());
    harness.get_by_label("Help").click();
    harness.run_ok();
    harness.get_by_label("About Triangulate").click();
    harness.run_ok();
    assert_eq!(
        harness.state().help,
        Some(triangulate::gui::help::HelpPage::About)
    );
    let _ = harness.get_by_label(&format!("Triangulate {}", env!("CARGO_PKG_VERSION")));
    assert!(
        harness
            .query_by_label_contains("Contains data from GeoNames")
            .is_some()
    );
}

#[test]
fn hypotheses_that_open_alike_are_told_apart_by_their_short_names() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::H);
    harness.run_ok();
    // The ranking names each by the order it was written in, whatever its rank; the rating
    // table's columns open with the same short names.
    for name in [
        "H1 The resistance is negotiating its surrender",
        "H2 The resistance fights on",
    ] {
        assert_eq!(harness.get_all_by_label(name).count(), 2, "{name}");
    }
}
