//! Small windows: every control stays in the window, tabs and the filter bar fold into menus,
//! and the side panel can be closed.

use super::{harness, small_window_on_sample};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable, by};
use triangulate::gui::app::CentralView;

#[test]
fn at_800_by_500_every_control_is_in_the_window_and_the_folded_ones_still_work() {
    let mut harness = small_window_on_sample();
    for role in [
        egui::accesskit::Role::Button,
        egui::accesskit::Role::CheckBox,
        egui::accesskit::Role::Tab,
    ] {
        for node in harness.query_all(by().role(role)) {
            let rect = node.rect();
            assert!(
                rect.min.x >= 0.0 && rect.max.x <= 800.5,
                "{:?} at {rect:?} runs off an 800-pixel window",
                node.accesskit_node().label()
            );
        }
    }
    // The views that do not fit are in a menu.
    harness.get_by_label("More…").click();
    harness.run_ok();
    harness.get_by_label("Shared text").click();
    harness.run_ok();
    assert_eq!(harness.state().central, CentralView::Shared);
    harness.get_by_label("Reader").click();
    harness.run_ok();
    // The kinds to highlight are in a menu that stays open while switches are clicked.
    harness.get_by_label("Highlight (5 of 5)").click();
    harness.run_ok();
    harness.get_by_label("Person").click();
    harness.run_ok();
    harness.get_by_label("Place").click();
    harness.run_ok();
    assert_eq!(
        harness.state().highlight_kinds,
        [false, true, false, true, true]
    );
    assert!(harness.query_by_label("Highlight (3 of 5)").is_some());
}

#[test]
fn the_side_panel_closes_and_opens_from_the_keyboard_and_the_view_menu() {
    let mut harness = harness();
    assert!(harness.query_by_label("Library").is_some());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::B);
    harness.run_ok();
    assert!(!harness.state().side_panel_open);
    assert!(
        harness.query_by_label("Library").is_none(),
        "the side panel's tabs are gone"
    );
    // With the panel closed, the whole filter bar fits on one line.
    assert!(harness.query_by_label("Highlight").is_some());
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Side panel").click();
    harness.run_ok();
    assert!(harness.state().side_panel_open);
    assert!(harness.query_by_label("Library").is_some());
}
