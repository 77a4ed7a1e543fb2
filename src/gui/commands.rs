//! Every command of the menus and keyboard, with its label, tooltip and shortcuts, in one list.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppCommand {
    /// Start an empty project.
    NewProject,
    /// Choose a project file to open.
    OpenProject,
    /// Type the path of a project to open.
    OpenPath,
    /// Save to the current file.
    Save,
    /// Save to a new file.
    SaveAs,
    /// Choose documents to import.
    ImportDocuments,
    /// Choose a folder of documents to import.
    ImportFolder,
    /// Choose a REFI-QDA project or codebook to import.
    ImportQdpx,
    /// Close the window.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Tag the selected passage as a claim.
    TagSelection,
    /// Open another pane beside the current ones.
    AddPane,
    /// Close the focused pane.
    ClosePane,
    /// Search the whole project.
    SearchProject,
    /// Search the document in the focused pane.
    SearchDocument,
    /// Write a report of the claims.
    ExportReport,
    /// Open the command palette.
    CommandPalette,
    /// Switch between the reader and the claim matrix.
    ToggleMatrix,
    /// Switch between the reader and the timeline.
    ShowTimeline,
    /// Switch between the reader and the competing hypotheses.
    ShowHypotheses,
    /// Switch between the reader and the passages documents share (reuse clusters).
    ShowShared,
    /// Place the panes side by side.
    ArrangeColumns,
    /// Place the panes one above the other.
    ArrangeRows,
    /// Place the panes in a grid.
    ArrangeGrid,
    /// Show one pane at a time, with a tab for each.
    ArrangeTabs,
    /// Turn sync scroll on or off.
    ToggleSyncScroll,
    /// Open or close the log of messages.
    ShowMessages,
    /// Show or hide the side panel (library, entities, claims, search, notes).
    ToggleSidePanel,
}

impl AppCommand {
    /// Every command, with more specific shortcuts before the ones they extend (Shift+Z before Z).
    pub const ALL: [Self; 29] = [
        Self::ShowMessages,
        Self::ToggleSidePanel,
        Self::ToggleSyncScroll,
        Self::ShowShared,
        Self::ShowHypotheses,
        Self::ShowTimeline,
        Self::ToggleMatrix,
        Self::CommandPalette,
        Self::ExportReport,
        Self::SearchProject,
        Self::SearchDocument,
        Self::SaveAs,
        Self::Save,
        Self::NewProject,
        Self::OpenPath,
        Self::OpenProject,
        Self::ImportFolder,
        Self::ImportDocuments,
        Self::ImportQdpx,
        Self::Quit,
        Self::Redo,
        Self::Undo,
        Self::TagSelection,
        Self::AddPane,
        Self::ClosePane,
        Self::ArrangeColumns,
        Self::ArrangeRows,
        Self::ArrangeGrid,
        Self::ArrangeTabs,
    ];

    /// The label in menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewProject => "New project",
            Self::OpenProject => "Open…",
            Self::OpenPath => "Open path…",
            Self::Save => "Save",
            Self::SaveAs => "Save as…",
            Self::ImportDocuments => "Import documents…",
            Self::ImportFolder => "Import folder…",
            Self::ImportQdpx => "Import REFI-QDA project…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::TagSelection => "Tag selection…",
            Self::AddPane => "Add pane",
            Self::ClosePane => "Close pane",
            Self::SearchProject => "Search project…",
            Self::SearchDocument => "Search document…",
            Self::ExportReport => "Export…",
            Self::CommandPalette => "Command palette…",
            Self::ToggleMatrix => "Claim matrix",
            Self::ShowTimeline => "Timeline",
            Self::ShowHypotheses => "Hypotheses",
            Self::ShowShared => "Shared text",
            Self::ArrangeColumns => "Panes in columns",
            Self::ArrangeRows => "Panes in rows",
            Self::ArrangeGrid => "Panes in a grid",
            Self::ArrangeTabs => "Panes as tabs",
            Self::ToggleSyncScroll => "Sync scroll",
            Self::ShowMessages => "Messages",
            Self::ToggleSidePanel => "Side panel",
        }
    }

    /// What the command does, for tooltips.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::NewProject => "Start an empty project",
            Self::OpenProject => "Open a project file (.ron)",
            Self::OpenPath => "Open a project by typing its path",
            Self::Save => "Save the project",
            Self::SaveAs => "Save the project to a new file",
            Self::ImportDocuments => {
                "Import text, Markdown, saved web pages, Word, OpenDocument, RTF, PDF or EPUB files"
            }
            Self::ImportFolder => "Import every document in a folder and its sub-folders",
            Self::ImportQdpx => {
                "Bring in the texts, codes and coded passages of a project from NVivo, ATLAS.ti, MAXQDA, QualCoder or Taguette (.qdpx, .qde, .qdc)"
            }
            Self::Quit => "Close Triangulate",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the last undone change",
            Self::TagSelection => "Tag the selected passage as a claim",
            Self::AddPane => "Open another document side by side",
            Self::ClosePane => "Close the focused pane",
            Self::SearchProject => "Search every document, with keyword in context",
            Self::SearchDocument => "Search the document in the focused pane",
            Self::ExportReport => {
                "Write the claims as an HTML or Markdown report or as CSV, or the project for other tools: REFI-QDA (.qdpx, .qdc) or W3C Web Annotations"
            }
            Self::CommandPalette => "Find any command, document, entity or code by typing",
            Self::ToggleMatrix => "Switch between the documents and the claim matrix",
            Self::ShowTimeline => "Switch between the documents and the claims on a time axis",
            Self::ShowHypotheses => {
                "Weigh the claims against competing hypotheses, and grade the sources"
            }
            Self::ShowShared => {
                "List the passages documents share, such as wire copy, each with all its copies"
            }
            Self::ArrangeColumns => "Place the open documents side by side",
            Self::ArrangeRows => "Place the open documents one above the other",
            Self::ArrangeGrid => "Place the open documents in a grid",
            Self::ArrangeTabs => "Show one document at a time, with a tab for each",
            Self::ToggleSyncScroll => {
                "Scrolling one pane scrolls the others to the same place, aligned on the passages they share"
            }
            Self::ShowMessages => {
                "Every message of this session, newest first: what was opened, saved and imported, and what failed"
            }
            Self::ToggleSidePanel => {
                "Show or hide the library, entities, claims, search and notes, to give the documents the whole window"
            }
        }
    }

    /// The keyboard shortcuts, the first one shown in menus. Command is Ctrl, or Cmd on macOS.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const fn command(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const fn command_shift(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
        }
        const fn command_alt(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::ALT), key)
        }
        match self {
            Self::NewProject => vec![command(Key::N)],
            Self::OpenProject => vec![command(Key::O)],
            Self::OpenPath => vec![command_shift(Key::O)],
            Self::Save => vec![command(Key::S)],
            Self::SaveAs => vec![command_shift(Key::S)],
            Self::ImportDocuments => vec![command(Key::I)],
            Self::ImportFolder => vec![command_shift(Key::I)],
            Self::ImportQdpx => Vec::new(),
            Self::Quit => vec![command(Key::Q)],
            Self::Undo => vec![command(Key::Z)],
            Self::Redo => vec![command_shift(Key::Z), command(Key::Y)],
            Self::TagSelection => vec![command(Key::T)],
            Self::AddPane => vec![command(Key::Backslash)],
            Self::ClosePane => vec![command(Key::W)],
            Self::SearchProject => vec![command_shift(Key::F)],
            Self::SearchDocument => vec![command(Key::F)],
            Self::ExportReport => vec![command_shift(Key::E)],
            Self::CommandPalette => vec![command(Key::K), command_shift(Key::P)],
            Self::ToggleMatrix => vec![command(Key::M)],
            Self::ShowTimeline => vec![command(Key::L)],
            Self::ShowHypotheses => vec![command_shift(Key::H)],
            Self::ShowShared => vec![command_shift(Key::D)],
            Self::ArrangeColumns => vec![command_alt(Key::Num1)],
            Self::ArrangeRows => vec![command_alt(Key::Num2)],
            Self::ArrangeGrid => vec![command_alt(Key::Num3)],
            Self::ArrangeTabs => vec![command_alt(Key::Num4)],
            Self::ToggleSyncScroll => vec![command_shift(Key::Y)],
            Self::ShowMessages => vec![command_shift(Key::M)],
            Self::ToggleSidePanel => vec![command(Key::B)],
        }
    }

    /// Whether a focused text field should get the keys instead (its own undo, say).
    pub fn yields_to_text_fields(self) -> bool {
        matches!(self, Self::Undo | Self::Redo)
    }
}

/// Takes this frame's shortcut presses out of the input and returns their commands.
pub fn consume_shortcuts(ctx: &egui::Context) -> Vec<AppCommand> {
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|input| {
        AppCommand::ALL
            .into_iter()
            .filter(|command| !(typing && command.yields_to_text_fields()))
            .filter(|command| {
                command
                    .shortcuts()
                    .iter()
                    .any(|shortcut| input.consume_shortcut(shortcut))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = Vec::new();
        for command in AppCommand::ALL {
            for shortcut in command.shortcuts() {
                assert!(!seen.contains(&shortcut), "{command:?} reuses {shortcut:?}");
                seen.push(shortcut);
            }
        }
    }

    #[test]
    fn a_shortcut_that_extends_another_is_checked_first() {
        // consume_shortcut ignores extra Shift, so Ctrl+Shift+Z must be tried before Ctrl+Z.
        let position = |wanted: AppCommand| {
            AppCommand::ALL
                .iter()
                .position(|command| *command == wanted)
        };
        assert!(position(AppCommand::Redo) < position(AppCommand::Undo));
        assert!(position(AppCommand::SaveAs) < position(AppCommand::Save));
        assert!(position(AppCommand::OpenPath) < position(AppCommand::OpenProject));
        assert!(position(AppCommand::ImportFolder) < position(AppCommand::ImportDocuments));
        assert!(position(AppCommand::SearchProject) < position(AppCommand::SearchDocument));
        assert!(position(AppCommand::ToggleSyncScroll) < position(AppCommand::Redo));
    }
}
