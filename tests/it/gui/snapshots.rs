//! Image snapshots of the main screens, rendered with wgpu on the CPU (Mesa). They live in
//! tests/snapshots; `UPDATE_SNAPSHOTS=1 cargo test` rewrites them after a deliberate change.

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
    harness.state_mut().selection.entity = valley;
    harness.run_ok();
    harness.snapshot_options("reader", &options());
}

#[test]
fn two_reports_side_by_side_with_their_shared_passage() {
    let mut harness = harness();
    let passage = super::first_shared_passage(harness.state());
    {
        let app = harness.state_mut();
        app.compare(passage.a, passage.b);
        app.sync_scroll = true;
        app.panes[0].scroll_to = Some(passage.a_range.start);
    }
    // The links between the panes are worked out off the frame; then sync scroll brings the
    // other copy level with the first, and a band joins the two.
    run_until(&mut harness, TriangulateApp::links_are_current);
    harness.state_mut().panes[0].scroll_to = Some(0);
    harness.run_ok();
    harness.state_mut().panes[0].scroll_to = Some(passage.a_range.start);
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

#[test]
fn the_reader_in_a_small_window() {
    let mut harness = super::small_window_on_sample();
    harness.snapshot_options("reader-800x500", &options());
}
