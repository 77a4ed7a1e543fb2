//! Claims and codes: tagging with the pointer and the keyboard, passages added to a claim, codes
//! that light up and step through their claims, merging and deleting codes.

use super::{RESIDENTS, harness, select_in_reader};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;
use triangulate::gui::app::LeftTab;
use triangulate::model::DocumentId;

/// Opens the tag dialog on the selection and types the name of a new code; the dialog stays.
fn open_tag_dialog_with_new_code(harness: &mut Harness<'static, TriangulateApp>, code: &str) {
    harness.get_by_label("Tag claim…").click();
    harness.run_ok();
    harness.get_by_label("New code").focus();
    harness.run_ok();
    harness.get_by_label("New code").type_text(code);
}

#[test]
fn tagging_through_the_popup_adds_a_claim_and_undo_removes_it() {
    let mut harness = harness();
    let claims_before = harness.state().workspace.project.claims.len();
    let range = select_in_reader(&mut harness, DocumentId(1), RESIDENTS);
    open_tag_dialog_with_new_code(&mut harness, "supplies");
    harness.get_by_label("Speaker").focus();
    harness.run_ok();
    harness.get_by_label("Speaker").type_text("Residents");
    harness.run_ok();
    harness.get_by_label("Tag").click();
    harness.run_ok();
    {
        let app = harness.state();
        assert_eq!(app.workspace.project.claims.len(), claims_before + 1);
        let claim = app.workspace.project.claims.last().expect("new claim");
        assert_eq!(claim.quote.span.range(), range);
        assert_eq!(
            app.workspace
                .project
                .code(claim.codes[0])
                .map(|code| code.name.as_str()),
            Some("supplies")
        );
        assert!(app.workspace.history.is_dirty());
        assert!(
            app.title().contains('*'),
            "unsaved changes show in the title: {}",
            app.title()
        );
    }
    harness.state_mut().left_tab = LeftTab::Claims;
    harness.run_ok();
    // Only visible rows are laid out: fold the sample's codes to bring the new one into view.
    for code in [
        "surrender rumors (",
        "propaganda denial (",
        "offensive announced (",
        "ceasefire offer (",
    ] {
        harness.get_by_label_contains(code).click();
        harness.run_ok();
    }
    assert!(
        harness.query_by_label_contains("supplies (1)").is_some(),
        "the new code is listed with its claim"
    );
    assert!(
        harness
            .query_all_by_label_contains("Residents say stocks of food")
            .next()
            .is_some(),
        "the claims panel lists the new claim"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness.state().workspace.project.claims.len(),
        claims_before,
        "undo removes the claim"
    );
    assert!(
        harness
            .query_by_label_contains("Residents say stocks of food")
            .is_none()
    );
    assert!(!harness.state().workspace.history.is_dirty());
}

#[test]
fn a_code_merged_into_another_takes_its_claims_and_a_used_code_asks_before_deleting() {
    let mut harness = harness();
    harness.state_mut().left_tab = LeftTab::Claims;
    harness.run_ok();
    let code_named = |harness: &Harness<'static, TriangulateApp>, name: &str| {
        harness
            .state()
            .workspace
            .project
            .code_by_name(name)
            .map(|code| code.id)
    };
    let rumours = code_named(&harness, "surrender rumors").expect("code");
    let offensive = code_named(&harness, "offensive announced").expect("code");
    let before = harness
        .state()
        .workspace
        .project
        .claims_with_code(rumours)
        .count();
    let offensive_before = harness
        .state()
        .workspace
        .project
        .claims_with_code(offensive)
        .count();

    harness
        .get_by_label(&format!("surrender rumors ({before})"))
        .click_secondary();
    harness.run_ok();
    harness.get_by_label("Merge into").hover();
    harness.run_ok();
    harness.get_by_label("offensive announced").click();
    harness.run_ok();
    let project = &harness.state().workspace.project;
    assert!(project.code(rumours).is_none(), "the merged code is gone");
    assert_eq!(
        project.claims_with_code(offensive).count(),
        offensive_before + before
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .workspace
            .project
            .claims_with_code(rumours)
            .count(),
        before
    );

    // Deleting a code in use asks first; the claims stay, uncoded.
    let claims = harness.state().workspace.project.claims.len();
    harness
        .get_by_label(&format!("surrender rumors ({before})"))
        .click_secondary();
    harness.run_ok();
    harness.get_by_label("Delete code…").click();
    harness.run_ok();
    assert!(
        harness.state().workspace.project.code(rumours).is_some(),
        "nothing is deleted before the answer"
    );
    harness.get_by_label("Delete code").click();
    harness.run_ok();
    let project = &harness.state().workspace.project;
    assert!(project.code(rumours).is_none());
    assert_eq!(project.claims.len(), claims, "claims are kept");
}

#[test]
fn a_passage_can_be_selected_and_tagged_from_the_keyboard() {
    let mut harness = harness();
    let selected = |harness: &Harness<'static, TriangulateApp>| {
        let app = harness.state();
        let pane = &app.panes[app.focused_pane];
        let document = app
            .workspace
            .project
            .document(pane.document)
            .expect("document");
        pane.selected_range()
            .map(|range| document.text[range].to_owned())
    };
    // Click into the text: the pane takes the keyboard.
    harness.get_by_label("Reader").click();
    harness.run_ok();
    let position = Pos2::new(800.0, 300.0);
    harness.hover_at(position);
    harness.drag_at(position);
    harness.drop_at(position);
    harness.run_ok();
    harness.key_press(Key::ArrowRight);
    harness.run_ok();
    let first = selected(&harness).expect("a word is selected");
    assert!(
        !first.contains(' ') && first.chars().all(char::is_alphanumeric),
        "{first:?}"
    );
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run_ok();
    let three = selected(&harness).expect("extended");
    assert!(three.starts_with(&first), "{three:?}");
    assert_eq!(three.split_whitespace().count(), 3, "{three:?}");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run_ok();
    let sentence = selected(&harness).expect("to the end of the sentence");
    assert!(
        sentence.len() > three.len() && sentence.starts_with(&three),
        "{sentence:?}"
    );
    let ends_paragraph = {
        let app = harness.state();
        let pane = &app.panes[app.focused_pane];
        let text = &app
            .workspace
            .project
            .document(pane.document)
            .expect("document")
            .text;
        pane.selected_range()
            .is_some_and(|range| text[range.end..].starts_with('\n'))
    };
    assert!(
        ends_paragraph || sentence.ends_with(['.', '!', '?', '”', '"', '»']),
        "a sentence ends at its mark or at the end of its paragraph: {sentence:?}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run_ok();
    assert!(harness.state().is_tagging(), "Ctrl+T tags the selection");
    harness.key_press(Key::Escape);
    harness.run_ok();
}

#[test]
fn a_selected_passage_is_added_to_a_claim_of_its_document_and_undone() {
    let mut harness = harness();
    let claim = harness
        .state()
        .workspace
        .project
        .claims
        .iter()
        .find(|claim| claim.document == DocumentId(1))
        .expect("the sample tags the wire story")
        .clone();
    select_in_reader(&mut harness, DocumentId(1), RESIDENTS);
    harness.get_by_label("Add to claim").click();
    harness.run_ok();
    let words: String = claim.quote.exact.chars().take(20).collect();
    harness.get_by_label_contains(&words).click();
    harness.run_ok();
    let spanning = harness
        .state()
        .workspace
        .project
        .claim(claim.id)
        .expect("claim")
        .clone();
    assert_eq!(spanning.quotes().count(), 2, "the claim spans two passages");
    assert!(spanning.text().contains("stocks of food and fuel"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let undone = harness
        .state()
        .workspace
        .project
        .claim(claim.id)
        .expect("claim")
        .clone();
    assert_eq!(undone, claim, "undo gives the claim back as it was");
}

#[test]
fn hovering_a_code_lights_up_its_claims_in_every_pane() {
    let mut harness = harness();
    {
        let app = harness.state_mut();
        app.open_document(DocumentId(5), true);
        app.left_tab = LeftTab::Claims;
    }
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("× propaganda denial")
            .is_none()
    );
    harness
        .query_all_by_label_contains("propaganda denial")
        .next()
        .expect("the code's row in the Claims tab")
        .hover();
    harness.run_ok();
    harness.run_ok();
    let counts: Vec<String> = harness
        .query_all_by_label_contains("× propaganda denial")
        .map(|node| {
            use egui_kittest::kittest::NodeT;
            let accessible = node.accesskit_node();
            accessible
                .label()
                .or_else(|| accessible.value())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(counts.len(), 2, "one count per pane: {counts:?}");
    let expected: Vec<String> = harness
        .state()
        .panes
        .iter()
        .map(|pane| {
            let project = &harness.state().workspace.project;
            let code = project
                .codes
                .iter()
                .find(|code| code.name == "propaganda denial")
                .expect("code")
                .id;
            let here = project
                .claims
                .iter()
                .filter(|claim| claim.document == pane.document && claim.codes.contains(&code))
                .count();
            format!("{here} × propaganda denial")
        })
        .collect();
    assert_eq!(counts, expected);
}

#[test]
fn a_claim_opened_from_the_claims_tab_selects_its_code_and_each_pane_steps_through_its_claims() {
    let mut harness = harness();
    // Tall enough for every row of the Claims tab.
    harness.set_size(egui::vec2(1280.0, 1600.0));
    {
        let app = harness.state_mut();
        app.open_document(DocumentId(3), false);
        app.left_tab = LeftTab::Claims;
    }
    harness.run_ok();
    let ceasefire = {
        let project = &harness.state().workspace.project;
        project
            .codes
            .iter()
            .find(|code| code.name == "ceasefire offer")
            .expect("code")
            .id
    };
    let mut ranges: Vec<std::ops::Range<usize>> = harness
        .state()
        .workspace
        .project
        .claims
        .iter()
        .filter(|claim| claim.document == DocumentId(3) && claim.codes.contains(&ceasefire))
        .map(|claim| claim.quote.span.range())
        .collect();
    ranges.sort_by_key(|range| range.start);
    assert_eq!(
        ranges.len(),
        2,
        "the sample's document 3 has two ceasefire offers"
    );
    assert!(
        harness
            .query_by_label("Next claim with this code here")
            .is_none()
    );
    harness
        .query_all_by_label_contains("Our forces hold the strategic positions")
        .next()
        .expect("the claim's row in the Claims tab")
        .click();
    harness.run_ok();
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("2 × ceasefire offer")
            .is_some(),
        "the pane counts the selected code's claims"
    );
    harness.get_by_label(">").click();
    harness.run_ok();
    let first_flash = harness.state().panes[0].flash.clone();
    harness.get_by_label(">").click();
    harness.run_ok();
    let second_flash = harness.state().panes[0].flash.clone();
    assert!(
        ranges.contains(&first_flash.clone().expect("a claim is shown")),
        "{first_flash:?} is one of {ranges:?}"
    );
    assert!(ranges.contains(&second_flash.clone().expect("a claim is shown")));
    assert_ne!(
        first_flash, second_flash,
        "the next button moves to the other claim"
    );
}

#[test]
fn the_tag_dialog_offers_the_last_claims_codes_and_stance_again() {
    let mut harness = harness();
    let code = harness.state().workspace.project.codes[0].name.clone();
    select_in_reader(&mut harness, DocumentId(1), RESIDENTS);
    harness.get_by_label("Tag claim…").click();
    harness.run_ok();
    harness.get_by_label(&code).click();
    harness.get_by_label("denies").click();
    harness.run_ok();
    harness.get_by_label("Tag").click();
    harness.run_ok();
    // The next passage: nothing chosen by hand, the same code and stance.
    select_in_reader(
        &mut harness,
        DocumentId(1),
        "Neither claim could be independently verified.",
    );
    harness.get_by_label("Tag claim…").click();
    harness.run_ok();
    harness.get_by_label("Tag").click();
    harness.run_ok();
    let project = &harness.state().workspace.project;
    let last: Vec<(Vec<&str>, triangulate::model::Stance)> = project.claims
        [project.claims.len() - 2..]
        .iter()
        .map(|claim| {
            let codes = claim
                .codes
                .iter()
                .filter_map(|id| project.code(*id).map(|code| code.name.as_str()))
                .collect();
            (codes, claim.stance)
        })
        .collect();
    assert_eq!(
        last,
        [
            (vec![code.as_str()], triangulate::model::Stance::Denies),
            (vec![code.as_str()], triangulate::model::Stance::Denies)
        ]
    );
}

#[test]
fn known_speakers_are_offered_as_the_speaker_is_typed() {
    let mut harness = harness();
    select_in_reader(&mut harness, DocumentId(1), RESIDENTS);
    open_tag_dialog_with_new_code(&mut harness, "supplies");
    harness.get_by_label("Speaker").focus();
    harness.run_ok();
    // Part of a name, in lower case: the father is offered, not the son.
    harness.get_by_label("Speaker").type_text("shah mass");
    harness.run_ok();
    assert!(harness.query_by_label("Ahmad Massoud").is_none());
    harness.get_by_label("Ahmad Shah Massoud").click();
    harness.run_ok();
    harness.get_by_label("Tag").click();
    harness.run_ok();
    let project = &harness.state().workspace.project;
    let claim = project.claims.last().expect("a claim");
    assert_eq!(project.speaker_name(claim), Some("Ahmad Shah Massoud"));
}
