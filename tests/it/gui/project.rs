//! The project as a whole: saving, closing, opening, recovery copies, dropped files, the report
//! export and the notes.

use super::{harness, harness_on_copy, run_until, sample_path};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use triangulate::gui::app::LeftTab;
use triangulate::gui::messages::Level;
use triangulate::store;

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
        app.workspace.project.documents.len() == before + 1 && app.messages.toasts().count() > 0
    });
    let app = harness.state();
    assert!(
        app.workspace
            .project
            .documents
            .iter()
            .any(|document| document.title == "Fresh report from Charikar")
    );
    // No dialog: a toast says how many failed, and the log lists each with its reason.
    assert_eq!(app.modal, None);
    let toasts: Vec<_> = app.messages.toasts().collect();
    assert_eq!(
        toasts,
        [(
            Level::Warning,
            "Imported 1 of 2 files: 1 file was not imported (listed in Messages)"
        )]
    );
    let failure = format!(
        "Failed {}: it is not a text file (it contains binary data)",
        folder.path().join("not text.txt").display()
    );
    assert!(
        app.messages
            .log()
            .any(|message| message.level == Level::Warning && message.text == failure),
        "{:?}",
        app.messages.log().collect::<Vec<_>>()
    );
    assert!(app.workspace.history.is_dirty());
}

#[test]
fn a_dropped_refi_qda_project_comes_in_with_its_claims_as_one_undoable_step() {
    let folder = tempfile::tempdir().expect("temp dir");
    let source = crate::support::tagged_project(folder.path());
    let archive = folder.path().join("from another tool.qdpx");
    let bytes = triangulate::export::qdpx::qdpx(&source, Default::default()).expect("archive");
    std::fs::write(&archive, bytes).expect("write");
    let mut harness = harness();
    let before = harness.state().workspace.project.claims.len();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(archive)));
    run_until(&mut harness, |app| {
        app.workspace.project.claims.len() == before + source.claims.len()
    });
    let app = harness.state();
    assert_eq!(
        app.workspace.history.undo_label(),
        Some("Import REFI-QDA project")
    );
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
        app.messages
            .toasts()
            .any(|(level, _)| level == Level::Error)
    });
    let app = harness.state();
    // An error toast names the file; the status bar no longer says "Opening…".
    let (level, text) = app.messages.toasts().last().expect("a toast");
    assert!(
        level == Level::Error && text.contains("damaged.ron"),
        "{text}"
    );
    assert_eq!(app.messages.status().0, text);
    assert_eq!(app.modal, None, "nothing to decide: no dialog");
    assert_eq!(
        app.workspace.project.name, "Edited",
        "the edited project stays open"
    );
    assert!(
        app.workspace.history.is_dirty() && app.title().contains('*'),
        "and its changes are still unsaved"
    );
    // The log, opened from the status bar, keeps it after the toast has gone.
    harness.get_by_label("Messages").click();
    harness.run_ok();
    assert!(harness.state().messages.log_open);
    assert_eq!(harness.state().messages.unseen_problems(), 0);
    assert!(
        harness.query_all_by_label_contains("damaged.ron").count() >= 2,
        "the toast and its line in the log"
    );
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
fn a_damaged_project_offers_its_backup_and_restoring_it_keeps_the_damaged_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("hurt.ron");
    let mut good = triangulate::model::Project::new("Good");
    good.notes = "the last good save".into();
    store::save(&good, &path).expect("saves");
    store::save(&triangulate::model::Project::new("Good"), &path).expect("saves again");
    let damaged = b"(format_version: 2, project: (".to_vec();
    std::fs::write(&path, &damaged).expect("damage");
    let mut harness = harness();
    harness.state_mut().open(path.clone());
    run_until(&mut harness, |app| {
        matches!(app.modal, Some(triangulate::gui::app::Modal::Damaged(..)))
    });
    harness.get_by_label("The project cannot be opened");
    let restore = harness
        .query_all_by_label_contains("Restore the backup of")
        .next()
        .expect("the backup is offered with its date");
    restore.click();
    run_until(&mut harness, |app| {
        app.workspace.project.notes == "the last good save"
    });
    harness.run_ok();
    assert!(
        harness
            .query_all_by_label_contains("the damaged file is kept as")
            .next()
            .is_some(),
        "the status bar says where the damaged file is"
    );
    let app = harness.state();
    assert_eq!(app.workspace.path.as_deref(), Some(path.as_path()));
    assert_eq!(
        std::fs::read(folder.path().join("hurt.ron.damaged")).expect("kept"),
        damaged,
        "the damaged file is kept aside, unchanged"
    );
    assert_eq!(
        store::load(&store::backup_path(&path))
            .expect("the backup")
            .0
            .notes,
        "the last good save",
        "and the backup is still there"
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
        matches!(app.modal, Some(triangulate::gui::app::Modal::Recovery(..)))
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
fn a_name_list_is_read_off_the_frame_and_joins_the_project_as_one_step() {
    let folder = tempfile::tempdir().expect("temp dir");
    let list = folder.path().join("names é.csv");
    std::fs::write(&list, "person, Ahmad Massoud, Ahmed Masoud\n").expect("write");
    let mut harness = harness();
    harness.state_mut().modal = Some(triangulate::gui::app::Modal::TypedPath(
        triangulate::gui::jobs::DialogPurpose::LoadNames,
        String::new(),
        true,
    ));
    harness.run_ok();
    harness.get_by_label("Path").focus();
    harness.run_ok();
    harness
        .get_by_label("Path")
        .type_text(list.to_str().expect("UTF-8 path"));
    harness.run_ok();
    harness.get_by_label("OK").click();
    run_until(&mut harness, |app| {
        app.workspace.project.entities.iter().any(|entity| {
            entity.name == "Ahmad Massoud" && entity.variants.iter().any(|v| v == "Ahmed Masoud")
        })
    });
    assert!(harness.state().workspace.history.is_dirty());
}

#[test]
fn file_export_writes_a_refi_qda_project_in_the_format_chosen_from_the_menu() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut harness = harness();
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Export").hover();
    harness.run_ok();
    harness.get_by_label("REFI-QDA project (.qdpx)…").click();
    run_until(&mut harness, |app| {
        matches!(app.modal, Some(triangulate::gui::app::Modal::TypedPath(..)))
    });
    // Typed without an extension: the chosen format's is added.
    let typed = folder.path().join("for qualcoder");
    harness.get_by_label("Path").focus();
    harness.run_ok();
    harness
        .get_by_label("Path")
        .type_text(typed.to_str().expect("UTF-8 path"));
    harness.run_ok();
    harness.get_by_label("OK").click();
    let written = folder.path().join("for qualcoder.qdpx");
    run_until(&mut harness, |_| written.exists());
    let project = harness.state().workspace.project.clone();
    let exchange = triangulate::import::qdpx::read_qdpx(&std::fs::read(&written).expect("read"))
        .expect("a REFI-QDA project");
    assert_eq!(exchange.sources.len(), project.documents.len());
    let selections: usize = exchange
        .sources
        .iter()
        .map(|source| source.selections.len())
        .sum();
    let passages: usize = project
        .claims
        .iter()
        .map(|claim| claim.quotes().count())
        .sum();
    assert_eq!(selections, passages);
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
fn open_path_takes_typing_at_once_and_does_not_claim_there_is_no_dialog() {
    let mut harness = harness();
    harness
        .state_mut()
        .run_command(triangulate::gui::commands::AppCommand::OpenPath);
    harness.run_ok();
    harness.run_ok();
    assert!(harness.query_by_label("Type the path:").is_some());
    assert!(
        harness
            .query_by_label("No file dialog is available here. Type the path:")
            .is_none()
    );
    // No click on the field first: what the user types goes into it.
    harness
        .input_mut()
        .events
        .push(egui::Event::Text("valley.ron".into()));
    harness.run_ok();
    assert!(
        matches!(
            &harness.state().modal,
            Some(triangulate::gui::app::Modal::TypedPath(_, text, false)) if text == "valley.ron"
        ),
        "{:?}",
        harness.state().modal
    );
    // Enter opens it.
    harness.key_press(Key::Enter);
    run_until(&mut harness, |app| {
        app.messages
            .toasts()
            .any(|(level, text)| level == Level::Error && text.contains("valley.ron"))
    });
    assert_eq!(harness.state().modal, None);
}

#[test]
fn a_page_read_whole_is_imported_with_its_warning_shown_on_the_document() {
    let folder = tempfile::tempdir().expect("temp dir");
    let page = folder.path().join("home.html");
    std::fs::write(&page, crate::support::MENU_PAGE).expect("write");
    let mut harness = harness();
    let before = harness.state().workspace.project.documents.len();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(page.clone())));
    run_until(&mut harness, |app| {
        app.workspace.project.documents.len() == before + 1 && app.messages.toasts().count() > 0
    });
    let toasts: Vec<_> = harness.state().messages.toasts().collect();
    assert_eq!(
        toasts,
        [(
            Level::Warning,
            "Imported 1 of 1 files: 1 file was imported with warnings (listed in Messages)"
        )]
    );
    // The document's properties say it, for as long as the document is in the project.
    let id = harness
        .state()
        .workspace
        .project
        .documents
        .iter()
        .find(|document| document.title == "Valley News")
        .expect("imported")
        .id;
    harness.state_mut().left_tab = LeftTab::Library;
    harness.state_mut().open_document(id, false);
    harness.run_ok();
    // Marked in the library, and said in full in its properties.
    harness.get_by_label("⚠ Valley News");
    harness.get_by_label("⚠ Imported with a warning: the article could not be told from the rest of the page: the text includes 6 items of the site's menus (set aside what is not the article)");
}
