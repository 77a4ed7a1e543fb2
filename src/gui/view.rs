//! What every panel and view reads to draw, handed to each as one read-only value.
//!
//! A panel changes nothing through it: it keeps its own state (scroll, drafts, filters) in a
//! state struct of its own and returns [`Action`](crate::gui::action::Action)s, which the app
//! carries out once a frame. What is under the pointer is the one exception: it is reported to
//! the [`Selection`] as it is found, since it is this frame's state rather than a request.

use crate::analysis::Derived;
use crate::analysis::mentions::MentionIndex;
use crate::gui::selection::Selection;
use crate::model::Project;

/// The project, what is derived from it and what the user has chosen, as this frame sees them.
#[derive(Clone, Copy)]
pub struct ViewContext<'a> {
    /// The project.
    pub project: &'a Project,
    /// Everything derived from it: entities and mentions, suggestions, reuse clusters,
    /// near-duplicates.
    pub derived: &'a Derived,
    /// Bumped on every change to the project: views cache what they compute by it.
    pub generation: u64,
    /// Whether `derived` is up to date with the project (suggestions and clusters included).
    pub analysed: bool,
    /// What the user points at and has chosen.
    pub selection: &'a Selection,
}

impl ViewContext<'_> {
    /// Every entity and where each is mentioned.
    pub fn mentions(&self) -> &MentionIndex {
        &self.derived.mentions
    }
}
