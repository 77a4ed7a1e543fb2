//! The library and the reader: opening a document, selecting text, setting a paragraph aside,
//! scripts of every kind, a layout that stays put.

use super::{first_line, harness, harness_with};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;
use triangulate::model::DocumentId;

#[test]
fn the_sample_project_opens_with_its_first_document_in_the_reader() {
    let harness = harness();
    let app = harness.state();
    assert_eq!(app.workspace.project.name, "panjshir-2021");
    assert_eq!(app.panes.len(), 1);
    assert!(
        app.title().starts_with("panjshir-2021 — Triangulate"),
        "{}",
        app.title()
    );
    assert!(
        !app.derived
            .mentions
            .in_document(app.panes[0].document)
            .is_empty(),
        "mentions are highlighted"
    );
}

#[test]
fn clicking_a_document_in_the_library_shows_it_in_the_reader() {
    let mut harness = harness();
    let target = harness
        .state()
        .workspace
        .project
        .documents
        .iter()
        .find(|document| document.outlet == "Metro Daily (via wire)")
        .map(|d| (d.id, d.title.clone()));
    let (id, title) = target.expect("the relay story is in the sample");
    harness.get_by_label(&title).click();
    harness.run_ok();
    let app = harness.state();
    assert_eq!(app.panes[app.focused_pane].document, id);
}

#[test]
fn dragging_over_the_text_selects_a_passage() {
    let mut harness = harness();
    harness.run_ok();
    let start = first_line(&harness, 0) + egui::vec2(20.0, 0.0);
    let end = start + egui::vec2(300.0, 40.0);
    harness.hover_at(start);
    harness.drag_at(start);
    harness.hover_at(start + egui::vec2(20.0, 0.0));
    harness.hover_at(end);
    harness.drop_at(end);
    harness.run_ok();
    let app = harness.state();
    let range = app.panes[0].selected_range().expect("a selection");
    let document = app
        .workspace
        .project
        .document(app.panes[0].document)
        .expect("document");
    let selected = &document.text[range];
    assert!(
        selected.split_whitespace().count() >= 3,
        "selected {selected:?}"
    );
    assert_eq!(selected, selected.trim(), "selections snap to words");
}

/// Right-clicks the first line of text of the first pane, opening its paragraph's menu.
fn right_click_first_line(harness: &mut Harness<'static, TriangulateApp>) {
    let position = first_line(harness, 0) + egui::vec2(20.0, 0.0);
    for pressed in [true, false] {
        harness
            .input_mut()
            .events
            .push(egui::Event::PointerMoved(position));
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos: position,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run_ok();
}

#[test]
fn a_paragraph_can_be_set_aside_from_its_context_menu_and_restored_by_undo() {
    let mut harness = harness();
    let id = harness.state().panes[0].document;
    let before = harness
        .state()
        .workspace
        .project
        .document(id)
        .expect("document")
        .boilerplate
        .len();
    right_click_first_line(&mut harness);
    harness
        .get_by_label("Set aside as publisher furniture")
        .click();
    harness.run_ok();
    let after = harness
        .state()
        .workspace
        .project
        .document(id)
        .expect("document")
        .boilerplate
        .len();
    assert_eq!(after, before + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .workspace
            .project
            .document(id)
            .expect("document")
            .boilerplate
            .len(),
        before
    );
}

#[test]
fn a_tail_is_set_aside_to_the_end_in_one_step_and_undone_in_one() {
    let mut harness = harness();
    let id = harness.state().panes[0].document;
    let document = |harness: &Harness<'static, TriangulateApp>| {
        harness
            .state()
            .workspace
            .project
            .document(id)
            .expect("document")
            .clone()
    };
    let before = document(&harness).boilerplate;
    right_click_first_line(&mut harness);
    harness
        .get_by_label("Set aside from here to the end")
        .click();
    harness.run_ok();
    let after = document(&harness);
    let paragraphs = triangulate::gui::reader::paragraphs(&after);
    assert!(
        paragraphs.len() > 2,
        "the sample report has several paragraphs"
    );
    for paragraph in &paragraphs {
        assert!(
            after.is_set_aside(paragraph),
            "{:?} is set aside",
            &after.text[paragraph.clone()]
        );
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        document(&harness).boilerplate,
        before,
        "one undo restores all"
    );
}

#[test]
fn greek_cyrillic_hebrew_and_arabic_reports_show_their_letters() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let reports = [
        (
            "kathimerini.txt",
            "Αντίσταση στην κοιλάδα Πανσίρ\n\nΟ Αχμάντ Μασούντ δήλωσε ότι δεν θα παραδοθεί.\n",
        ),
        (
            "ria.txt",
            "Сопротивление в Панджшерской долине\n\nАхмад Масуд заявил, что не сдастся.\n",
        ),
        (
            "haaretz.txt",
            "התנגדות בעמק פנג'שיר\n\nאחמד מסעוד אמר שלא ייכנע.\n",
        ),
        (
            "aljazeera.txt",
            "المقاومة في وادي بنجشير\n\nقال أحمد مسعود إنه لن يستسلم.\n",
        ),
    ];
    let project = crate::support::project_from_texts(folder.path(), &reports);
    let ids: Vec<DocumentId> = project.documents.iter().map(|d| d.id).collect();
    assert_eq!(ids.len(), 4);
    let mut harness = harness_with(project, None, None);
    // The harness fails on any glyph no font has, so showing each report is the check.
    for id in ids {
        harness.state_mut().open_document(id, false);
        harness.run_ok();
    }
    for title in [
        "Сопротивление в Панджшерской долине",
        "المقاومة في وادي بنجشير",
    ] {
        assert!(
            harness.query_all_by_label(title).next().is_some(),
            "{title} is listed"
        );
    }
}

#[test]
fn the_text_stays_put_when_a_name_is_hovered_or_selected() {
    // Text that moved when the header's count line changed would slip from under a resting
    // pointer, which would change the line again: a flicker, frame after frame.
    let mut harness = harness();
    harness.run_ok();
    let before = first_line(&harness, 0);
    let taliban = harness
        .state()
        .derived
        .mentions
        .entities
        .by_name("Taliban")
        .map(|entity| entity.id);
    harness.state_mut().selection.entity = taliban;
    harness.run_ok();
    assert!(harness.query_by_label_contains("× Taliban").is_some());
    assert_eq!(first_line(&harness, 0), before);
}
