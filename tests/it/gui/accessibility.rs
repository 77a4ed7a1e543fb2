//! Accessible labels: every control on the main screens has one.

use super::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;
use triangulate::gui::app::LeftTab;

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
