//! The command palette.

use super::harness;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

/// Opens the palette with Ctrl+K, types `typed` and presses Enter.
fn choose(
    harness: &mut egui_kittest::Harness<'static, triangulate::gui::TriangulateApp>,
    typed: &str,
) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_ok();
    harness.get_by_label("Go to").type_text(typed);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
}

#[test]
fn the_command_palette_finds_documents_and_commands_by_a_few_letters() {
    let mut harness = harness();
    choose(&mut harness, "famlose");
    let app = harness.state();
    let title = &app
        .workspace
        .project
        .document(app.panes[app.focused_pane].document)
        .expect("document")
        .title;
    assert!(title.starts_with("Families lose contact"), "{title}");
    // A command, run from the palette.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_ok();
    harness.get_by_label("Go to").type_text("claim matr");
    harness.run_ok();
    assert!(
        harness.query_by_label("Command palette…").is_none(),
        "only matches are listed"
    );
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(
        harness.state().central,
        triangulate::gui::app::CentralView::Matrix
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert!(
        harness.query_by_label("Go to").is_none(),
        "Escape closes the palette"
    );
}

#[test]
fn the_palette_opens_on_what_was_chosen_last() {
    let mut harness = harness();
    choose(&mut harness, "famlose");
    let chosen = harness.state().panes[harness.state().focused_pane].document;
    harness
        .state_mut()
        .run_command(triangulate::gui::commands::AppCommand::ClosePane);
    harness.run_ok();
    assert!(
        harness
            .state()
            .panes
            .iter()
            .all(|pane| pane.document != chosen)
    );
    // Opened again, nothing typed: Enter takes the first entry, the document chosen last.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    let app = harness.state();
    assert_eq!(app.panes[app.focused_pane].document, chosen);
}
