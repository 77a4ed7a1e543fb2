//! Modal questions and messages: unsaved changes, a file changed on disk, a typed path, recovery,
//! overwriting, errors and import reports.

use super::TriangulateApp;
use crate::gui::jobs::DialogPurpose;
use crate::store;
use std::path::PathBuf;

/// Something that would drop unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Start an empty project.
    New,
    /// Open this project.
    Open(PathBuf),
    /// Choose a project to open.
    OpenDialog,
    /// Close the window.
    Quit,
}

/// A modal question: what the user must decide before going on. News and errors that need no
/// decision are messages (`gui::messages`).
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Unsaved changes would be lost by `Pending`.
    UnsavedChanges(Pending),
    /// The file changed on disk since it was opened; overwrite it?
    ChangedOnDisk(PathBuf, Option<Pending>),
    /// A path to type: the text so far, and whether it stands in for a file dialog that could
    /// not open (else the user asked to type one).
    TypedPath(DialogPurpose, String, bool),
    /// A recovery file with unsaved changes is newer than the project just opened, and when it
    /// was written.
    Recovery(PathBuf, String),
    /// Saving as this existing file would replace it.
    Overwrite(PathBuf),
    /// The project could not be read (why, in the message), and these copies of it load.
    Damaged(PathBuf, String, Vec<store::Fallback>),
}

/// Work a modal decides on, run once the modal is closed.
type Deferred = Box<dyn FnOnce(&mut TriangulateApp)>;

impl TriangulateApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let mut then: Option<Deferred> = None;
        let response = egui::Modal::new(egui::Id::unique("app-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &modal {
                Modal::UnsavedChanges(pending) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to “{}” first?", self.workspace.project.name));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            let pending = pending.clone();
                            then = Some(Box::new(move |app: &mut Self| match app.workspace.path.clone() {
                                Some(path) => app.save_to(path, Some(pending), false),
                                None => {
                                    app.pending_after_save = Some(pending);
                                    app.dialog(DialogPurpose::SaveAs);
                                }
                            }));
                        }
                        if ui.button("Don't save").clicked() {
                            let pending = pending.clone();
                            then = Some(Box::new(move |app: &mut Self| {
                                // The changes stay marked unsaved until another project replaces them;
                                // their recovery copy goes, since the user chose to drop them.
                                app.discarded_generation = Some(app.generation);
                                if let Some(path) = &app.workspace.path {
                                    app.jobs.discard_recovery(path, false);
                                }
                                app.proceed(pending);
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::ChangedOnDisk(path, pending) => {
                    ui.heading("The file changed on disk");
                    ui.label(format!("{} was changed by another program since it was opened. Overwrite it with this project?", path.display()));
                    ui.horizontal(|ui| {
                        if ui.button("Overwrite").clicked() {
                            let (path, pending) = (path.clone(), pending.clone());
                            then = Some(Box::new(move |app: &mut Self| app.save_to(path, pending, true)));
                        }
                        if ui.button("Save as…").clicked() {
                            then = Some(Box::new(|app: &mut Self| app.dialog(DialogPurpose::SaveAs)));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::TypedPath(purpose, text, no_dialog) => {
                    ui.heading(purpose.title());
                    ui.label(if *no_dialog {
                        "No file dialog is available here. Type the path:"
                    } else {
                        "Type the path:"
                    });
                    let mut text = text.clone();
                    let label = ui.label("Path");
                    let response = ui.add(egui::TextEdit::singleline(&mut text).desired_width(480.0)).labelled_by(label.id);
                    let enter = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                    // Typing goes to the field from the start (asked after Enter is read: the
                    // focus it gives back would hide that the field lost it).
                    if !enter && ui.memory(|memory| memory.focused().is_none()) {
                        response.request_focus();
                    }
                    if text != *match &modal { Modal::TypedPath(_, old, _) => old, _ => &text } {
                        let purpose = *purpose;
                        let updated = text.clone();
                        let no_dialog = *no_dialog;
                        then = Some(Box::new(move |app: &mut Self| app.modal = Some(Modal::TypedPath(purpose, updated, no_dialog))));
                    }
                    ui.horizontal(|ui| {
                        if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
                            let purpose = *purpose;
                            let path = PathBuf::from(text.trim());
                            then = Some(Box::new(move |app: &mut Self| {
                                app.modal = None;
                                if purpose == DialogPurpose::OpenProject {
                                    app.guard(Pending::Open(path));
                                } else if purpose == DialogPurpose::SaveAs {
                                    // Whether a file is there to replace is looked at off the
                                    // frame; the answer asks or saves.
                                    app.jobs.check_typed_path(purpose, path);
                                } else {
                                    app.chosen(purpose, vec![path]);
                                }
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Recovery(path, when) => {
                    ui.heading("Unsaved changes were recovered");
                    ui.label(format!(
                        "A copy of unsaved changes to this project, made automatically at {when}, is newer than the project file. Restore it?"
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| app.jobs.load_recovery(path)));
                        }
                        if ui.button("Discard the copy").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| app.jobs.discard_recovery(&path, true)));
                        }
                        if ui.button("Decide later").on_hover_text("Keep the copy; you will be asked again next time").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Damaged(path, message, fallbacks) => {
                    ui.heading("The project cannot be opened");
                    ui.label(message);
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    ui.label(format!(
                        "Restoring a copy puts it in the project's place; the damaged file is kept beside it, unchanged, as {name}.damaged."
                    ));
                    ui.horizontal(|ui| {
                        for fallback in fallbacks {
                            let label = format!("Restore the {} of {}", fallback.kind.label(), fallback.when());
                            if ui.button(label).on_hover_text(fallback.path.display().to_string()).clicked() {
                                let (path, fallback) = (path.clone(), fallback.clone());
                                then = Some(Box::new(move |app: &mut Self| app.jobs.restore(path, fallback)));
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Overwrite(path) => {
                    ui.heading("Replace the file?");
                    ui.label(format!("{} already exists. Replace it with this project?", path.display()));
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            let path = path.clone();
                            then = Some(Box::new(move |app: &mut Self| app.save_as(path)));
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
            }
        });
        if response.should_close() {
            close = true;
        }
        if let Some(action) = then {
            let keep_open = matches!(modal, Modal::TypedPath(..));
            if !keep_open {
                self.modal = None;
            }
            action(self);
        } else if close {
            self.modal = None;
        }
    }
}
