//! What the user asked for, from any panel, menu, shortcut or dialog: one [`Action`] type.
//!
//! Panels draw from read-only state and return the actions their widgets asked for; the app
//! queues them and carries them out in one place, once per frame, after everything is drawn
//! (`TriangulateApp::handle` in `gui/app/actions.rs`). A panel never changes the project or
//! another panel's state itself.

use crate::edit::{ClaimDraft, Edit};
use crate::gui::commands::AppCommand;
use crate::gui::palette::Choice;
use crate::model::{ClaimId, CodeId, DocumentId, EntityId, NearDuplicate, Stance};
use std::ops::Range;

/// One thing the user asked for.
#[must_use = "an action does nothing until the app handles it"]
#[allow(clippy::large_enum_variant)] // An edit is the commonest action and crosses once.
#[derive(Clone, Debug)]
pub enum Action {
    /// A command of the menus, the shortcuts or the palette.
    Command(AppCommand),
    /// Change the project, through the history (undoable).
    Edit(Edit),
    /// Show a claim's passage in the reader.
    OpenClaim(ClaimId),
    /// Show a claim's passage and select its first code (each pane's header then steps
    /// through that code's claims).
    SelectClaim(ClaimId),
    /// Show a passage of a document in the reader, flashing it.
    ShowPassage(DocumentId, Range<usize>),
    /// Open a document in the focused pane.
    OpenDocument(DocumentId),
    /// Open a document in a new pane beside the others.
    OpenBeside(DocumentId),
    /// Open a document at the first mention of an entity.
    OpenAtEntity(DocumentId, EntityId),
    /// Show two documents side by side.
    Compare(DocumentId, DocumentId),
    /// Select an entity (or none): its mentions light up everywhere.
    SelectEntity(Option<EntityId>),
    /// The code under the pointer in the Claims tab this frame (this frame's state, applied as
    /// the tab is drawn rather than queued).
    HoverCode(CodeId),
    /// Select a reuse cluster in the Shared text view.
    SelectCluster(u32),
    /// From which share of shared text two documents count as near-duplicates.
    SetNearDuplicate(NearDuplicate),
    /// Choose a name list to load.
    LoadNames,
    /// Run the search as the Search tab has it.
    RunSearch,
    /// Tag every hit of the last search as a claim with this code and stance.
    TagAllHits(String, Stance),
    /// Tag a passage as a claim, as the tagging dialog describes it.
    TagClaim(ClaimDraft),
    /// What the user chose in the command palette.
    Choose(Choice),
    /// A claim clicked in a pane (with whether the click was on an entity too): described in
    /// the status bar, its code selected.
    ClickClaim(ClaimId, bool),
    /// Show a passage in the pane that holds this document (a shared passage's copy).
    ShowCopy(DocumentId, Range<usize>),
    /// Set a paragraph of a document aside as furniture, or bring it back.
    ToggleSetAside(DocumentId, Range<usize>),
    /// Set aside everything from this offset to the end of the document's body.
    SetAsideFrom(DocumentId, usize),
    /// Add a passage to a claim.
    AddToClaim(ClaimId, Range<usize>),
    /// A document dragged from the library onto a pane: shown there, or beside it (`beside`:
    /// before or after it).
    DropDocument {
        /// The pane it was dropped on.
        pane: u64,
        /// The document.
        document: DocumentId,
        /// Whether it goes in a new pane before (`Some(true)`) or after the one dropped on.
        beside: Option<bool>,
    },
    /// Tell the user something went wrong that changed nothing.
    Warn(String),
}
