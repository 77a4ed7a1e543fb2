//! The Help menu's pages: keyboard shortcuts (from the command list), the README's short guide,
//! and About (version, licence, and the attributions the bundled name data requires), all
//! offline.

use crate::gui::commands::AppCommand;
use egui::{Context, RichText, ScrollArea};

/// A page of help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpPage {
    /// Every command with its shortcuts.
    Shortcuts,
    /// The short guide from the README.
    Guide,
    /// Version, licence and data attributions.
    About,
}

impl HelpPage {
    /// The page's title, as the Help menu and the window name it.
    pub fn title(self) -> &'static str {
        match self {
            Self::Shortcuts => "Keyboard shortcuts",
            Self::Guide => "Guide",
            Self::About => "About Triangulate",
        }
    }
}

const README: &str = include_str!("../../README.md");
const DATA_NOTES: &str = include_str!("../../assets/names/README.md");

/// The text of a Markdown document's section (`## heading` up to the next `## `), as plain
/// text: emphasis marks removed.
fn section(markdown: &str, heading: &str) -> String {
    let start = markdown
        .find(&format!("## {heading}"))
        .and_then(|at| markdown[at..].find('\n').map(|end| at + end + 1));
    let Some(start) = start else {
        return String::new();
    };
    let end = markdown[start..]
        .find("\n## ")
        .map_or(markdown.len(), |end| start + end);
    reflow(&markdown[start..end].replace("**", "").replace('`', ""))
}

/// Joins the lines a Markdown source wraps at a fixed width, so the window wraps them to its
/// own: paragraphs stay apart and each list item starts a line.
fn reflow(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text.trim().split("\n\n") {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for (index, line) in paragraph.lines().enumerate() {
            let line = line.trim();
            if index > 0 {
                out.push(if line.starts_with("- ") { '\n' } else { ' ' });
            }
            out.push_str(line);
        }
    }
    out
}

/// Draws the help window for `page`; closing it sets `page` to `None`.
pub fn help_window(ctx: &Context, page: &mut Option<HelpPage>) {
    let Some(shown) = *page else {
        return;
    };
    let mut open = true;
    egui::Window::new(shown.title())
        .open(&mut open)
        .default_size([560.0, 480.0])
        // In the middle of the window, clear of the menu bar.
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .collapsible(false)
        .show(ctx, |ui| {
            ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match shown {
                    HelpPage::Shortcuts => shortcuts(ui),
                    HelpPage::Guide => {
                        ui.label(section(README, "A short guide"));
                    }
                    HelpPage::About => about(ui),
                });
        });
    if !open {
        *page = None;
    }
}

fn shortcuts(ui: &mut egui::Ui) {
    let mut commands: Vec<AppCommand> = AppCommand::ALL.to_vec();
    commands.sort_by_key(|command| command.label());
    egui::Grid::new("help-shortcuts")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for command in commands {
                ui.label(command.label());
                let keys: Vec<String> = command
                    .shortcuts()
                    .iter()
                    .map(|shortcut| ui.ctx().format_shortcut(shortcut))
                    .collect();
                ui.label(RichText::new(keys.join(", ")).strong());
                ui.label(command.tooltip());
                ui.end_row();
            }
        });
}

fn about(ui: &mut egui::Ui) {
    ui.heading(format!("Triangulate {}", env!("CARGO_PKG_VERSION")));
    ui.label(
        "A workbench for comparing sources: entities, shared passages and claims across reports.",
    );
    ui.label(format!("Licence: {}.", env!("CARGO_PKG_LICENSE")));
    ui.separator();
    ui.strong("Data sources");
    ui.label(section(DATA_NOTES, "Attribution (must ship with the app)"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_and_the_attributions_come_from_their_documents() {
        let guide = section(README, "A short guide");
        assert!(guide.starts_with("Projects."), "{guide}");
        assert!(!guide.contains("## "));
        let credits = section(DATA_NOTES, "Attribution (must ship with the app)");
        assert!(
            credits.contains("GeoNames") && credits.contains("wordfreq"),
            "{credits}"
        );
        assert_eq!(section(README, "No such heading"), "");
        assert_eq!(
            reflow("A line\nwrapped.\n\n- one\n  more\n- two\n"),
            "A line wrapped.\n\n- one more\n- two"
        );
    }
}
