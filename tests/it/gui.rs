//! The window, driven through its labels with egui_kittest: no display needed.

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use triangulate::gui::TriangulateApp;
use triangulate::gui::app::LeftTab;
use triangulate::model::DocumentId;
use triangulate::store;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/panjshir-2021/panjshir-2021.ron")
}

/// The app with the sample project open, in a window of a usual size.
fn harness() -> Harness<'static, TriangulateApp> {
    let path = sample_path();
    let (project, stamp) = store::load(&path).expect("the sample project loads");
    harness_with(project, Some(path), stamp)
}

/// The app with a copy of the sample project, written at `path`, open.
fn harness_on_copy(path: &std::path::Path) -> Harness<'static, TriangulateApp> {
    std::fs::copy(sample_path(), path).expect("copy the sample");
    let (project, stamp) = store::load(path).expect("loads");
    harness_with(project, Some(path.to_path_buf()), stamp)
}

/// The app with `project` open, in a window of a usual size, once its analysis is done.
fn harness_with(
    project: triangulate::model::Project,
    path: Option<PathBuf>,
    stamp: Option<store::DiskStamp>,
) -> Harness<'static, TriangulateApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(20)
        .build_ui_state(
            |ui, app: &mut TriangulateApp| {
                app.tick(ui.ctx());
                app.frame_ui(ui);
            },
            TriangulateApp::with_context(egui::Context::default()),
        );
    harness.state_mut().set_project(project, path, stamp);
    // Suggestions and shared passages arrive from the background analysis.
    run_until(&mut harness, TriangulateApp::is_analysed);
    harness
}

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

#[test]
fn tagging_through_the_popup_adds_a_claim_and_undo_removes_it() {
    let mut harness = harness();
    let claims_before = harness.state().workspace.project.claims.len();
    let range = select_in_reader(&mut harness, DocumentId(1), RESIDENTS);
    harness.get_by_label("Tag claim…").click();
    harness.run_ok();
    harness.get_by_label("New code").focus();
    harness.run_ok();
    harness.get_by_label("New code").type_text("supplies");
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
    harness.state_mut().selected_entity = taliban;
    harness.run_ok();
    let counts = harness.query_all_by_label_contains("× Taliban").count();
    assert_eq!(counts, 2, "one count per pane");
}

/// A sentence of the sample's wire story that no claim covers.
const RESIDENTS: &str = "Residents say stocks of food and fuel could last several months.";

/// Opens `document` in the focused pane with `quote` selected and in view; returns its range.
fn select_in_reader(
    harness: &mut Harness<'static, TriangulateApp>,
    document: DocumentId,
    quote: &str,
) -> std::ops::Range<usize> {
    let app = harness.state_mut();
    let text = &app
        .workspace
        .project
        .document(document)
        .expect("document")
        .text;
    let start = text.find(quote).expect("quote in the sample");
    let range = start..start + quote.len();
    let pane = app.open_document(document, false).expect("pane");
    pane.select(range.clone());
    pane.scroll_to = Some(range.start);
    harness.run_ok();
    range
}

/// A point on the first line of text a pane shows.
fn first_line(harness: &Harness<'static, TriangulateApp>, pane: usize) -> Pos2 {
    let app = harness.state();
    let pane = &app.panes[pane];
    let start = app
        .workspace
        .project
        .document(pane.document)
        .expect("document")
        .body
        .start();
    let rect = pane
        .screen_rect_of(start)
        .expect("the first paragraph is shown");
    rect.left_top() + egui::vec2(4.0, 8.0)
}

/// Steps the UI until `done` holds for the app, giving worker threads time to finish.
fn run_until(
    harness: &mut Harness<'static, TriangulateApp>,
    done: impl Fn(&TriangulateApp) -> bool,
) {
    run_until_shown(harness, |harness| done(harness.state()));
}

/// Steps the UI until `done` holds for what it shows, giving worker threads time to finish.
fn run_until_shown(
    harness: &mut Harness<'static, TriangulateApp>,
    done: impl Fn(&Harness<'static, TriangulateApp>) -> bool,
) {
    // Background work shares two cores with the other tests: wait generously, poll often.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        harness.run_ok();
        if done(harness) {
            // State set by background work may postdate this frame: draw it once more.
            harness.run_ok();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("the app did not reach the expected state within a minute");
}

#[test]
fn ctrl_s_saves_in_the_background_and_the_project_reopens_identical() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("copy of sample é.ron");
    let mut harness = harness_on_copy(&path);
    let edit = triangulate::edit::Edit::rename_project(
        &harness.state().workspace.project,
        "Renamed in the window",
    )
    .expect("rename");
    harness.state_mut().apply(edit);
    harness.run_ok();
    assert!(harness.state().workspace.history.is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    run_until(&mut harness, |app| !app.workspace.history.is_dirty());
    let (reopened, _) = store::load(&path).expect("the saved file loads");
    assert_eq!(reopened, harness.state().workspace.project);
    assert!(
        store::backup_path(&path).exists(),
        "the previous version is kept"
    );
    assert!(!harness.state().title().contains('*'));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut harness = harness();
    let edit =
        triangulate::edit::Edit::set_notes(&harness.state().workspace.project, "unsaved thought")
            .expect("notes");
    harness.state_mut().apply(edit);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_ok();
    assert!(matches!(
        harness.state().modal,
        Some(triangulate::gui::app::Modal::UnsavedChanges(_))
    ));
    assert!(harness.query_by_label("Don't save").is_some());
    harness.get_by_label("Cancel").click();
    harness.run_ok();
    assert!(harness.state().modal.is_none());
    assert!(
        harness.state().workspace.history.is_dirty(),
        "cancelling keeps the changes"
    );
}

#[test]
fn a_note_typed_in_the_notes_tab_is_one_undoable_edit() {
    let mut harness = harness();
    harness.state_mut().left_tab = LeftTab::Notes;
    harness.run_ok();
    harness.get_by_label("Project notes").focus();
    harness.run_ok();
    harness
        .get_by_label("Project notes")
        .type_text("Check the wire copy");
    harness.run_ok();
    // Leaving the field records the edit.
    harness.state_mut().left_tab = LeftTab::Library;
    harness.run_ok();
    harness.state_mut().left_tab = LeftTab::Notes;
    harness.run_ok();
    assert_eq!(
        harness.state().workspace.project.notes,
        "Check the wire copy"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(harness.state().workspace.project.notes, "");
}

/// A file dropped on the window, as the platform reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn dropping_text_files_imports_them_in_the_background() {
    let folder = tempfile::tempdir().expect("temp dir");
    let report = folder.path().join("dropped report.txt");
    std::fs::write(&report, "Fresh report from Charikar\n\nResidents of Charikar said the road to Kabul was open again on Tuesday.\n").expect("write");
    let binary = folder.path().join("not text.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1]).expect("write");
    let mut harness = harness();
    let before = harness.state().workspace.project.documents.len();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(report)));
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(binary)));
    run_until(&mut harness, |app| {
        app.workspace.project.documents.len() == before + 1 && app.modal.is_some()
    });
    let app = harness.state();
    assert!(
        app.workspace
            .project
            .documents
            .iter()
            .any(|document| document.title == "Fresh report from Charikar")
    );
    // The file that failed is listed with its reason.
    assert!(
        matches!(&app.modal, Some(triangulate::gui::app::Modal::ImportReport(lines)) if lines.iter().any(|line| line.contains("not text.txt") && line.contains("not a text file")))
    );
    assert!(app.workspace.history.is_dirty());
}

#[test]
fn dont_save_then_a_failed_open_keeps_the_changes_marked_unsaved() {
    let folder = tempfile::tempdir().expect("temp dir");
    let damaged = folder.path().join("damaged.ron");
    std::fs::write(&damaged, "(format_version: 1, project: (").expect("write");
    let mut harness = harness();
    let edit =
        triangulate::edit::Edit::rename_project(&harness.state().workspace.project, "Edited")
            .expect("rename");
    harness.state_mut().apply(edit);
    harness
        .state_mut()
        .run_command(triangulate::gui::commands::AppCommand::OpenPath);
    harness.run_ok();
    harness.get_by_label("Path").focus();
    harness.run_ok();
    harness
        .get_by_label("Path")
        .type_text(damaged.to_str().expect("UTF-8 path"));
    harness.run_ok();
    harness.get_by_label("OK").click();
    harness.run_ok();
    harness.get_by_label("Don't save").click();
    run_until(&mut harness, |app| {
        matches!(app.modal, Some(triangulate::gui::app::Modal::Error(_)))
    });
    let app = harness.state();
    assert!(
        matches!(&app.modal, Some(triangulate::gui::app::Modal::Error(message)) if message.contains("damaged.ron"))
    );
    assert_eq!(
        app.workspace.project.name, "Edited",
        "the edited project stays open"
    );
    assert!(
        app.workspace.history.is_dirty() && app.title().contains('*'),
        "and its changes are still unsaved"
    );
    harness.get_by_label("OK").click();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_ok();
    assert!(
        matches!(
            harness.state().modal,
            Some(triangulate::gui::app::Modal::UnsavedChanges(_))
        ),
        "quitting still asks"
    );
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
    let position = first_line(&harness, 0) + egui::vec2(20.0, 0.0);
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
fn clicking_a_shared_passage_scrolls_the_other_pane_to_its_copy() {
    let mut harness = harness();
    let passage = harness
        .state()
        .derived
        .passages
        .first()
        .cloned()
        .expect("the sample shares a wire passage");
    {
        let app = harness.state_mut();
        app.panes.clear();
        app.open_document(passage.a, true);
        app.open_document(passage.b, true);
        app.panes[0].scroll_to = Some(passage.a_range.start);
    }
    harness.run_ok();
    let rect = harness.state().panes[0]
        .screen_rect_of(passage.a_range.start + 1)
        .expect("the passage is on screen");
    let inside = rect.left_top() + egui::vec2(20.0, 8.0);
    harness.hover_at(inside);
    harness.drag_at(inside);
    harness.drop_at(inside);
    harness.run_ok();
    let other = &harness.state().panes[1];
    assert_eq!(other.document, passage.b);
    assert_eq!(
        other.flash.clone(),
        Some(passage.b_range.clone()),
        "the copy is marked in the other pane"
    );
    let shown = other
        .screen_rect_of(passage.b_range.start + 1)
        .expect("and scrolled into view");
    assert!(shown.top() >= 0.0 && shown.top() < 800.0);
}

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
fn unsaved_changes_are_copied_aside_and_offered_back_on_open() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("recover me.ron");
    let mut harness = harness_on_copy(&path);
    let edit = triangulate::edit::Edit::set_notes(
        &harness.state().workspace.project,
        "work the crash must not take",
    )
    .expect("notes");
    harness.state_mut().apply(edit);
    harness.state_mut().autosave_now();
    let recovery = store::recovery_path(&path);
    run_until(&mut harness, |_| recovery.exists());
    assert_eq!(
        std::fs::read(&path).ok(),
        std::fs::read(sample_path()).ok(),
        "the project file itself is untouched"
    );
    // As after a crash: a new window opens the project again from disk.
    drop(harness);
    let mut harness = self::harness();
    harness.state_mut().open(path.clone());
    run_until(&mut harness, |app| {
        matches!(app.modal, Some(triangulate::gui::app::Modal::Recovery(_)))
    });
    harness.get_by_label("Restore").click();
    run_until(&mut harness, |app| {
        app.workspace.project.notes == "work the crash must not take"
    });
    let app = harness.state();
    assert!(
        app.workspace.history.is_dirty(),
        "restored changes are still unsaved"
    );
    assert_eq!(
        app.workspace.path.as_deref(),
        Some(path.as_path()),
        "saving goes to the project, not the copy"
    );
}

#[test]
fn export_report_falls_back_to_a_typed_path_and_writes_the_report() {
    let folder = tempfile::tempdir().expect("temp dir");
    let target = folder.path().join("report é.html");
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    // No file dialog can open here: the typed-path fallback appears instead.
    run_until(&mut harness, |app| {
        matches!(app.modal, Some(triangulate::gui::app::Modal::TypedPath(..)))
    });
    harness.get_by_label("Path").focus();
    harness.run_ok();
    harness
        .get_by_label("Path")
        .type_text(target.to_str().expect("UTF-8 path"));
    harness.run_ok();
    harness.get_by_label("OK").click();
    run_until(&mut harness, |_| target.exists());
    let report = std::fs::read_to_string(&target).expect("report");
    assert!(report.starts_with("<!DOCTYPE html>"));
    assert!(
        harness
            .state()
            .workspace
            .project
            .claims
            .iter()
            .all(|claim| {
                report.contains(
                    &claim
                        .quote
                        .exact
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;")
                        .replace('"', "&quot;"),
                )
            })
    );
}

#[test]
fn the_command_palette_finds_documents_and_commands_by_a_few_letters() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_ok();
    harness.get_by_label("Go to").type_text("famlose");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
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
    harness.state_mut().selected_entity = valley;
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
    harness.state_mut().selected_entity = Some(taliban);
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
fn the_shared_text_view_opens_a_pair_side_by_side() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run_ok();
    let pair = harness
        .state()
        .derived
        .pairs
        .first()
        .cloned()
        .expect("the sample's wire and relay share a passage");
    let title = |id| {
        harness
            .state()
            .workspace
            .project
            .document(id)
            .map(|document| document.title.clone())
            .expect("document")
    };
    let label = format!("Compare \"{}\" with \"{}\"", title(pair.a), title(pair.b));
    harness.get_by_label(&label).click();
    harness.run_ok();
    let app = harness.state();
    assert_eq!(app.central, triangulate::gui::app::CentralView::Reader);
    let open: Vec<DocumentId> = app.panes.iter().map(|pane| pane.document).collect();
    assert!(open.contains(&pair.a) && open.contains(&pair.b), "{open:?}");
}

/// Every interactive control on screen and its accessible label, or "" when it has none.
fn unlabelled_controls(harness: &Harness<'static, TriangulateApp>) -> (usize, Vec<String>) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let interactive = [
        Role::Button,
        Role::CheckBox,
        Role::TextInput,
        Role::MultilineTextInput,
        Role::ComboBox,
        Role::Slider,
        Role::SpinButton,
        Role::Link,
        Role::Tab,
        Role::MenuItem,
        Role::RadioButton,
        Role::Switch,
    ];
    let mut checked = 0;
    let missing = harness
        .root()
        .children_recursive()
        .filter_map(|node| {
            let accessible = node.accesskit_node();
            let role = accessible.role();
            if !interactive.contains(&role) {
                return None;
            }
            checked += 1;
            let label = accessible
                .label()
                .or_else(|| accessible.value())
                .unwrap_or_default();
            label
                .trim()
                .is_empty()
                .then(|| format!("{role:?} at {:?}", accessible.bounding_box()))
        })
        .collect();
    (checked, missing)
}

#[test]
fn every_control_on_the_main_screens_has_an_accessible_label() {
    use triangulate::gui::app::CentralView;
    let mut harness = harness();
    let mut missing = Vec::new();
    for (tab, central) in [
        (LeftTab::Library, CentralView::Reader),
        (LeftTab::Entities, CentralView::Matrix),
        (LeftTab::Claims, CentralView::Timeline),
        (LeftTab::Search, CentralView::Hypotheses),
        (LeftTab::Notes, CentralView::Shared),
    ] {
        {
            let app = harness.state_mut();
            app.left_tab = tab;
            app.central = central;
        }
        harness.run_ok();
        // Library: select a document so its properties form is shown too.
        if tab == LeftTab::Library {
            let title = harness.state().workspace.project.documents[0].title.clone();
            harness
                .get_all_by_label(&title)
                .next()
                .expect("listed")
                .click();
            harness.run_ok();
        }
        let (checked, unlabelled) = unlabelled_controls(&harness);
        assert!(
            checked > 10,
            "{tab:?} / {central:?}: only {checked} controls found"
        );
        missing.extend(
            unlabelled
                .into_iter()
                .map(|control| format!("{tab:?} / {central:?}: {control}")),
        );
    }
    assert!(
        missing.is_empty(),
        "unlabelled controls:\n{}",
        missing.join("\n")
    );
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
fn with_sync_scroll_the_other_pane_follows_to_the_shared_passage() {
    let mut harness = harness();
    let pair = harness
        .state()
        .derived
        .pairs
        .first()
        .cloned()
        .expect("a shared pair");
    harness.state_mut().compare(pair.a, pair.b);
    harness.run_ok();
    let tops = |harness: &Harness<'static, TriangulateApp>| -> Vec<Option<usize>> {
        harness
            .state()
            .panes
            .iter()
            .map(triangulate::gui::reader::Pane::top_offset)
            .collect()
    };
    let wheel = |harness: &mut Harness<'static, TriangulateApp>| {
        // Over the left pane, as a mouse wheel turned down a few notches.
        harness.hover_at(Pos2::new(640.0, 400.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        for _ in 0..10 {
            harness.run_ok();
        }
    };
    let start = tops(&harness);
    wheel(&mut harness);
    let after = tops(&harness);
    assert_ne!(after[0], start[0], "the left pane scrolled");
    assert_eq!(after[1], start[1], "without sync the right pane stays");

    harness.state_mut().sync_scroll = true;
    wheel(&mut harness);
    let synced = tops(&harness);
    assert_ne!(synced[0], after[0], "the left pane scrolled again");
    assert_ne!(synced[1], after[1], "the right pane followed");
    // The passage they share sits at the top of both, or the right pane is at least past
    // the start of its copy once the left one is past the start of its own.
    let passage = harness
        .state()
        .derived
        .passages
        .iter()
        .find(|passage| (passage.a, passage.b) == (pair.a, pair.b))
        .cloned()
        .expect("their passage");
    let (left, right) = (synced[0].unwrap_or(0), synced[1].unwrap_or(0));
    if left >= passage.a_range.start {
        assert!(
            right + 400 >= passage.b_range.start,
            "{left} {right} {passage:?}"
        );
    }
}

#[test]
fn reports_in_two_languages_are_anchored_on_what_they_share() {
    use triangulate::analysis::anchors::AnchorKind;
    let mut harness = harness();
    // The French dispatch and the English review of the fall of the valley share no passage.
    let (french, english) = {
        let project = &harness.state().workspace.project;
        let find = |outlet: &str| {
            project
                .documents
                .iter()
                .find(|document| document.outlet == outlet)
                .map(|document| document.id)
                .expect("in the sample")
        };
        (find("La Dépêche Express"), find("The Frontline Review"))
    };
    assert!(
        !harness.state().derived.passages.iter().any(|passage| {
            (passage.a, passage.b) == (french.min(english), french.max(english))
        }),
        "no shared text"
    );
    harness.state_mut().compare(french, english);
    harness.run_ok();
    let anchors = harness.state_mut().anchors_between(&[french, english]);
    let project = &harness.state().workspace.project;
    let text = |id, range: &std::ops::Range<usize>| {
        project.document(id).expect("document").text[range.clone()].to_owned()
    };
    let described: Vec<(String, String, AnchorKind)> = anchors
        .iter()
        .map(|(link, kind)| {
            (
                text(link.a, &link.a_range),
                text(link.b, &link.b_range),
                *kind,
            )
        })
        .collect();
    assert!(
        described
            .iter()
            .any(|(here, there, kind)| *kind == AnchorKind::Entity
                && here == "AFP"
                && there == "AFP"),
        "the agency both cite anchors them: {described:?}"
    );
    for (here, there, kind) in &described {
        if *kind == AnchorKind::Number {
            assert_eq!(
                here.chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
                there
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
            );
        }
    }
}

/// Drags from `from` to `to` in small steps, as a mouse would, one frame per step.
fn drag_pointer(harness: &mut Harness<'static, TriangulateApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run_ok();
    harness.drag_at(from);
    harness.run_ok();
    for step in 1..=8 {
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run_ok();
    }
    harness.drop_at(to);
    harness.run_ok();
    harness.run_ok();
}

#[test]
fn a_document_dragged_from_the_library_opens_beside_a_pane_or_in_it() {
    let mut harness = harness();
    let title = |app: &TriangulateApp, id: DocumentId| {
        app.workspace
            .project
            .document(id)
            .expect("document")
            .title
            .clone()
    };
    let (first, second, third) = (DocumentId(1), DocumentId(5), DocumentId(3));
    assert_eq!(harness.state().panes[0].document, first);
    let pane = harness.state().layout.pane_rects()[0].1;
    // Dropped near the right edge of the pane: a new pane on its right.
    let row = harness
        .get_by_label(&title(harness.state(), second))
        .rect()
        .center();
    drag_pointer(
        &mut harness,
        row,
        pane.right_center() - egui::vec2(10.0, 0.0),
    );
    let app = harness.state();
    let documents: Vec<DocumentId> = app.panes.iter().map(|pane| pane.document).collect();
    assert_eq!(documents, vec![first, second]);
    let rects = app.layout.pane_rects();
    let rect_of = |document: DocumentId| {
        let salt = app
            .panes
            .iter()
            .find(|pane| pane.document == document)
            .expect("open")
            .salt;
        rects
            .iter()
            .find(|(known, _)| *known == salt)
            .expect("drawn")
            .1
    };
    assert!(
        rect_of(second).left() > rect_of(first).right(),
        "the new pane is on the right"
    );
    // Dropped on the middle of the right pane: the document replaces it there.
    let target = rect_of(second).center();
    let row = harness
        .get_by_label(&title(harness.state(), third))
        .rect()
        .center();
    drag_pointer(&mut harness, row, target);
    let documents: Vec<DocumentId> = harness
        .state()
        .panes
        .iter()
        .map(|pane| pane.document)
        .collect();
    assert_eq!(documents, vec![first, third]);
}

#[test]
fn panes_are_arranged_as_tabs_and_the_arrangement_comes_back_with_the_project() {
    use triangulate::gui::panes::Arrangement;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("arranged.ron");
    let mut harness = harness_on_copy(&path);
    let documents = harness.state().workspace.project.documents.len();
    for _ in 1..documents {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Backslash);
        harness.run_ok();
    }
    assert_eq!(
        harness.state().panes.len(),
        documents,
        "one pane per document"
    );
    assert_eq!(
        harness.state().layout.arrangement(),
        Some(Arrangement::Columns)
    );
    assert_eq!(
        harness.state().layout.pane_rects().len(),
        documents,
        "all side by side"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Num4);
    harness.run_ok();
    assert_eq!(
        harness.state().layout.arrangement(),
        Some(Arrangement::Tabs)
    );
    assert_eq!(
        harness.state().layout.pane_rects().len(),
        1,
        "one tab shows at a time"
    );
    // A tab per document, whose title is also in the library.
    let titles: Vec<String> = harness
        .state()
        .workspace
        .project
        .documents
        .iter()
        .map(|document| document.title.chars().take(20).collect())
        .collect();
    for title in titles {
        assert!(
            harness.query_all_by_label_contains(&title).count() >= 2,
            "the library row and the tab of {title}"
        );
    }
    // Another project, then this one again: its panes come back as they were.
    harness
        .state_mut()
        .set_project(triangulate::model::Project::new("Other"), None, None);
    harness.run_ok();
    assert!(harness.state().panes.is_empty());
    let (project, stamp) = store::load(&path).expect("loads");
    harness
        .state_mut()
        .set_project(project, Some(path.clone()), stamp);
    harness.run_ok();
    assert_eq!(harness.state().panes.len(), documents);
    assert_eq!(
        harness.state().layout.arrangement(),
        Some(Arrangement::Tabs)
    );
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
    harness.state_mut().selected_entity = taliban;
    harness.run_ok();
    assert!(harness.query_by_label_contains("× Taliban").is_some());
    assert_eq!(first_line(&harness, 0), before);
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

/// Image snapshots of the main screens, rendered with wgpu on the CPU (Mesa). They live in
/// tests/snapshots; `UPDATE_SNAPSHOTS=1 cargo test` rewrites them after a deliberate change.
mod snapshots {
    use super::*;
    use egui_kittest::SnapshotOptions;

    /// A few hundred pixels may differ where CPUs round anti-aliased edges differently.
    fn options() -> SnapshotOptions {
        SnapshotOptions::new().max_failed_pixels(400)
    }

    /// The sample project in a smaller window, to keep the images small.
    fn harness() -> Harness<'static, TriangulateApp> {
        let mut harness = super::harness();
        harness.set_size(egui::vec2(1024.0, 640.0));
        harness.run_ok();
        harness
    }

    #[test]
    fn the_reader_with_highlights() {
        let mut harness = harness();
        let valley = harness
            .state()
            .derived
            .mentions
            .entities
            .by_name("Panjshir")
            .map(|entity| entity.id);
        harness.state_mut().selected_entity = valley;
        harness.run_ok();
        harness.snapshot_options("reader", &options());
    }

    #[test]
    fn two_reports_side_by_side_with_their_shared_passage() {
        let mut harness = harness();
        let passage = harness
            .state()
            .derived
            .passages
            .first()
            .cloned()
            .expect("the sample shares a wire passage");
        {
            let app = harness.state_mut();
            app.compare(passage.a, passage.b);
            app.sync_scroll = true;
            app.panes[0].scroll_to = Some(passage.a_range.start);
        }
        // Sync scroll brings the other copy level with the first.
        for _ in 0..4 {
            harness.run_ok();
        }
        harness.snapshot_options("side-by-side", &options());
    }

    #[test]
    fn the_claim_popup() {
        let mut harness = harness();
        select_in_reader(&mut harness, DocumentId(1), RESIDENTS);
        harness.get_by_label("Tag claim…").click();
        harness.run_ok();
        harness.snapshot_options("claim-popup", &options());
    }
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
