//! Entities in the window: hover and highlights, suggestions, entities added by hand, stepping
//! through mentions.

use super::{harness, run_until};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;
use triangulate::gui::app::LeftTab;
use triangulate::model::DocumentId;

#[test]
fn hovering_an_entity_highlights_it_in_every_pane() {
    let mut harness = harness();
    {
        let app = harness.state_mut();
        app.open_document(DocumentId(5), true);
    }
    harness.run_ok();
    assert_eq!(harness.state().panes.len(), 2);
    assert!(harness.query_by_label_contains("× ").is_none());
    // Selecting an entity marks it everywhere and each pane counts its mentions.
    let taliban = harness
        .state()
        .derived
        .mentions
        .entities
        .by_name("Taliban")
        .map(|entity| entity.id);
    harness.state_mut().selection.entity = taliban;
    harness.run_ok();
    let counts = harness.query_all_by_label_contains("× Taliban").count();
    assert_eq!(counts, 2, "one count per pane");
}

#[test]
fn reviewing_a_suggestion_keeps_two_entities_apart() {
    let mut harness = harness();
    harness.state_mut().left_tab = LeftTab::Entities;
    harness.run_ok();
    let before = harness.state().derived.suggestions.len();
    assert!(
        before > 0,
        "the sample has a father and a son with shared names"
    );
    harness.get_by_label_contains("Review suggestions").click();
    harness.run_ok();
    harness
        .get_all_by_label("Not the same")
        .next()
        .expect("a suggestion")
        .click();
    run_until(&mut harness, |app| {
        app.derived.suggestions.len() == before - 1
    });
    assert_eq!(harness.state().workspace.project.distinct.len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    run_until(&mut harness, |app| app.derived.suggestions.len() == before);
    assert!(harness.state().workspace.project.distinct.is_empty());
}

#[test]
fn an_entity_added_by_hand_with_aliases_is_highlighted() {
    let mut harness = harness();
    harness.state_mut().left_tab = LeftTab::Entities;
    harness.run_ok();
    harness.get_by_label("Add entities").click();
    harness.run_ok();
    harness.get_by_label("New entity").focus();
    harness.run_ok();
    harness.get_by_label("New entity").type_text("Residents");
    harness.get_by_label("Aliases").focus();
    harness.run_ok();
    harness
        .get_by_label("Aliases")
        .type_text("residents, habitants");
    harness.run_ok();
    harness.get_by_label("Add entity").click();
    run_until(&mut harness, TriangulateApp::is_analysed);
    let app = harness.state();
    let entity = app
        .workspace
        .project
        .entity_by_name("Residents")
        .expect("added");
    assert!(entity.variants.contains(&"habitants".to_owned()));
    assert!(
        app.derived.mentions.mention_count(entity.id) > 0,
        "its spellings are found in the sample"
    );
}

#[test]
fn next_and_previous_step_through_the_selected_entitys_mentions_in_a_pane() {
    let mut harness = harness();
    let (document, taliban) = {
        let app = harness.state();
        (
            app.panes[0].document,
            app.derived
                .mentions
                .entities
                .by_name("Taliban")
                .expect("Taliban")
                .id,
        )
    };
    harness.state_mut().selection.entity = Some(taliban);
    harness.run_ok();
    let ranges: Vec<_> = harness
        .state()
        .derived
        .mentions
        .in_document(document)
        .iter()
        .filter(|mention| mention.entity == taliban)
        .map(|mention| mention.range.clone())
        .collect();
    assert!(ranges.len() >= 3);
    harness.get_by_label(">").click();
    harness.run_ok();
    assert_eq!(
        harness.state().panes[0].flash.clone(),
        Some(ranges[0].clone())
    );
    harness.get_by_label(">").click();
    harness.run_ok();
    assert_eq!(
        harness.state().panes[0].flash.clone(),
        Some(ranges[1].clone())
    );
    harness.get_by_label("<").click();
    harness.get_by_label("<").click();
    harness.run_ok();
    assert_eq!(
        harness.state().panes[0].flash.clone(),
        ranges.last().cloned(),
        "stepping back past the first wraps to the last"
    );
}

#[test]
fn highlights_can_be_limited_to_some_kinds() {
    let mut harness = harness();
    // The filter bar above the panes.
    harness.get_by_label("Place").click();
    harness.run_ok();
    assert_eq!(
        harness.state().highlight_kinds,
        [true, true, false, true, true],
        "places are no longer highlighted"
    );
    // Codes: the bar's menu lists each with a switch.
    let codes = harness.state().workspace.project.codes.len();
    let surrender = harness
        .state()
        .workspace
        .project
        .codes
        .iter()
        .find(|code| code.name == "surrender rumors")
        .map(|code| code.id)
        .expect("the sample codes surrender rumors");
    harness
        .get_by_label(&format!("Claims by code ({codes} of {codes})"))
        .click();
    harness.run_ok();
    harness.get_by_label("surrender rumors").click();
    harness.run_ok();
    assert!(
        harness.state().hidden_codes.contains(&surrender),
        "claims of that code are no longer underlined"
    );
    assert!(
        harness
            .query_by_label(&format!("Claims by code ({} of {codes})", codes - 1))
            .is_some(),
        "the menu stays open and its title counts the codes shown"
    );
    harness.get_by_label("Show all").click();
    harness.run_ok();
    assert!(harness.state().hidden_codes.is_empty());
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Dark").click();
    harness.run_ok();
    assert_eq!(
        harness.ctx.options(|options| options.theme_preference),
        egui::ThemePreference::Dark,
        "the theme is chosen by name"
    );
}

#[test]
fn merge_into_finds_the_target_by_any_spelling_as_the_user_types() {
    let mut harness = harness();
    let by_name = |harness: &Harness<'static, TriangulateApp>, name: &str| {
        harness
            .state()
            .derived
            .mentions
            .entities
            .by_name(name)
            .map(|entity| entity.id)
    };
    let french = by_name(&harness, "FNR").expect("the French acronym");
    let english = by_name(&harness, "National Resistance Front").expect("the English name");
    {
        let app = harness.state_mut();
        app.left_tab = LeftTab::Entities;
        app.selection.entity = Some(french);
    }
    harness.run_ok();
    harness.get_by_label("Choose…").click();
    harness.run_ok();
    // The field has the focus at once: typing part of a spelling, in any case, narrows the list.
    harness
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(egui_kittest::Node::is_focused)
        .expect("the picker's field has the focus")
        .type_text("nrf");
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("National Resistance Front (Organisation")
            .is_some()
    );
    assert!(harness.query_by_label_contains("Taliban (").is_none());
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.get_by_label("Merge").click();
    run_until(&mut harness, |app| {
        app.derived.mentions.entities.entity(french).is_none()
    });
    let merged = harness
        .state()
        .derived
        .mentions
        .entities
        .entity(english)
        .expect("the English entity stays")
        .variants
        .clone();
    assert_eq!(
        merged,
        [
            "FNR",
            "Front national de résistance",
            "NRF",
            "National Resistance Front"
        ]
    );
}
