//! The window, driven through its labels with egui_kittest: no display needed.
//!
//! Here: what the tests share (the app on the sample project or on a project of their own,
//! selecting a passage in the reader, stepping the UI until background work is done). The tests,
//! by area: `reader` (the library and the reader), `entities`, `claims` (tagging, codes and
//! claims), `panes` (side by side, sync scroll, arranging panes), `search`, `views` (matrix,
//! timeline, hypotheses), `project` (save, open, close, recovery, import, export, notes),
//! `palette`, `accessibility`, `layout` (small windows, the side panel), `snapshots` (images
//! of the main screens).

mod accessibility;
mod claims;
mod entities;
mod layout;
mod palette;
mod panes;
mod project;
mod reader;
mod search;
mod snapshots;
mod views;

use egui::Pos2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use triangulate::gui::TriangulateApp;
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
    harness_sized(project, path, stamp, [1280.0, 800.0])
}

/// The sample project in a small window (800×500), its first document open in a pane.
fn small_window_on_sample() -> Harness<'static, TriangulateApp> {
    let path = sample_path();
    let (project, stamp) = store::load(&path).expect("the sample project loads");
    let mut harness = harness_sized(project, Some(path), stamp, [800.0, 500.0]);
    harness
        .state_mut()
        .open_document(DocumentId(1), false)
        .expect("pane");
    harness.run_ok();
    harness
}

/// The app with `project` open, in a window of `size`, once its analysis is done.
fn harness_sized(
    project: triangulate::model::Project,
    path: Option<PathBuf>,
    stamp: Option<store::DiskStamp>,
    size: [f32; 2],
) -> Harness<'static, TriangulateApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(20)
        .build_ui_state(
            |ui, app: &mut TriangulateApp| {
                app.tick(ui.ctx());
                app.frame_ui(ui);
                // Every test is also a test that no frame read or wrote a file or worked over
                // the whole corpus: the core notes such work done inside a frame.
                let heavy = triangulate::frame_guard::take_record();
                assert!(heavy.is_empty(), "work done in a frame: {heavy:?}");
            },
            TriangulateApp::with_context(egui::Context::default()),
        );
    harness.state_mut().set_project(project, path, stamp);
    // Suggestions and shared passages arrive from the background analysis.
    run_until(&mut harness, TriangulateApp::is_analysed);
    harness
}

/// The passage the largest reuse cluster's earliest copy shares with its first reprint.
fn first_shared_passage(app: &TriangulateApp) -> triangulate::analysis::passages::Passage {
    let reuse = &app.derived.reuse;
    let cluster = reuse
        .clusters
        .first()
        .expect("the sample shares a wire passage");
    let origin = cluster.origin().document;
    let reprint = cluster
        .copies
        .iter()
        .find(|copy| copy.document != origin)
        .expect("a reprint");
    reuse
        .between(origin, reprint.document)
        .first()
        .cloned()
        .expect("the two share the passage")
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
