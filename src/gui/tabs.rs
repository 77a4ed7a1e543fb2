//! A strip of tabs on one line that never runs off its space.

use egui::Ui;

/// The label of the menu that holds the tabs that do not fit.
const MORE: &str = "More…";

/// Tabs on one line: as many as fit, the rest (never the one selected) in a "More…" menu, so
/// a narrow window neither cuts them off nor widens what comes below.
pub fn tab_strip_ui<T: Copy + PartialEq>(ui: &mut Ui, selected: &mut T, tabs: &[(T, &str)]) {
    let spacing = ui.spacing().item_spacing.x;
    let padding = 2.0 * ui.spacing().button_padding.x;
    let font = egui::TextStyle::Button.resolve(ui.style());
    let width_of = |text: &str| {
        ui.painter()
            .layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
            + padding
            + spacing
    };
    let shown = fitting(
        &tabs
            .iter()
            .map(|(_, label)| width_of(label))
            .collect::<Vec<f32>>(),
        tabs.iter()
            .position(|(tab, _)| tab == selected)
            .unwrap_or(0),
        width_of(MORE),
        ui.available_width(),
    );
    ui.horizontal(|ui| {
        for index in &shown {
            let (tab, label) = tabs[*index];
            ui.selectable_value(selected, tab, label);
        }
        if shown.len() < tabs.len() {
            ui.menu_button(MORE, |ui| {
                for (index, (tab, label)) in tabs.iter().enumerate() {
                    if !shown.contains(&index) && ui.button(*label).clicked() {
                        *selected = *tab;
                    }
                }
            })
            .response
            .on_hover_text("The tabs that do not fit in this width");
        }
    });
}

/// Which tabs of these widths fit in `available`, in their order: all of them, or the selected
/// one and those before the first that does not fit, with room kept for the "More…" menu.
fn fitting(widths: &[f32], selected: usize, more: f32, available: f32) -> Vec<usize> {
    if widths.iter().sum::<f32>() <= available {
        return (0..widths.len()).collect();
    }
    let mut room = available - more - widths.get(selected).copied().unwrap_or(0.0);
    let mut shown = vec![selected];
    for (index, width) in widths.iter().enumerate() {
        if index == selected {
            continue;
        }
        if *width > room {
            break;
        }
        room -= width;
        shown.push(index);
    }
    shown.sort_unstable();
    shown
}

#[cfg(test)]
mod tests {
    use super::fitting;

    #[test]
    fn tabs_that_do_not_fit_go_to_the_menu_but_the_selected_one_stays() {
        let widths = [60.0, 100.0, 80.0, 90.0, 90.0];
        assert_eq!(fitting(&widths, 0, 50.0, 500.0), [0, 1, 2, 3, 4]);
        assert_eq!(fitting(&widths, 0, 50.0, 300.0), [0, 1, 2]);
        // The selected tab keeps its place and the others fill what is left, in order.
        assert_eq!(fitting(&widths, 4, 50.0, 300.0), [0, 1, 4]);
        assert_eq!(fitting(&widths, 3, 50.0, 100.0), [3]);
    }
}
