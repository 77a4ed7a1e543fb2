//! What the user points at and what they have chosen, for every kind of item, in one place.
//!
//! Panels and panes read it through the [`ViewContext`](crate::gui::view::ViewContext) and
//! report what is under the pointer as they draw; what they report this frame is what every view
//! lights up in the next one (so a pane drawn before another still follows the pointer in it),
//! and a frame with nothing under the pointer clears it.

use crate::model::{ClaimId, CodeId, EntityId, Project};

/// What is under the pointer, by kind of item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hover {
    /// An entity's mention in a pane.
    pub entity: Option<EntityId>,
    /// A claim in a pane.
    pub claim: Option<ClaimId>,
    /// A code or a claim in the Claims tab.
    pub code: Option<CodeId>,
}

/// The selection and the hover of the whole window.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// The entity chosen in the Entities tab, a pane or the palette, highlighted strongly
    /// everywhere; each pane steps through its mentions.
    pub entity: Option<EntityId>,
    /// The code of the claim last clicked: its claims stay lit, and each pane steps through them.
    pub code: Option<CodeId>,
    /// What was under the pointer in the last frame: what views show as hovered.
    hovered: Hover,
    /// What is under the pointer in this frame, as reported so far.
    hovering: Hover,
}

impl Selection {
    /// Chooses an entity (or none); a chosen code stays lit beside it.
    pub fn select_entity(&mut self, entity: Option<EntityId>) {
        self.entity = entity;
    }

    /// Chooses a code, whose claims stay lit; it takes the place of a chosen entity.
    pub fn select_code(&mut self, code: CodeId) {
        self.code = Some(code);
        self.entity = None;
    }

    /// Forgets everything, as when another project replaces this one.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Reports an entity under the pointer this frame (the first report wins).
    pub fn hover_entity(&mut self, entity: EntityId) {
        self.hovering.entity.get_or_insert(entity);
    }

    /// Reports a claim under the pointer this frame (the first report wins).
    pub fn hover_claim(&mut self, claim: ClaimId) {
        self.hovering.claim.get_or_insert(claim);
    }

    /// Reports a code under the pointer in a list this frame (the first report wins).
    pub fn hover_code(&mut self, code: CodeId) {
        self.hovering.code.get_or_insert(code);
    }

    /// Ends a frame: what was reported becomes what is shown as hovered. Returns whether that
    /// changed, so the next frame is drawn to show it.
    pub fn end_frame(&mut self) -> bool {
        let hovered = std::mem::take(&mut self.hovering);
        std::mem::replace(&mut self.hovered, hovered) != hovered
    }

    /// The entity under the pointer in the last frame.
    pub fn hovered_entity(&self) -> Option<EntityId> {
        self.hovered.entity
    }

    /// The entity every pane shows in its header: the hovered one, else the chosen one.
    pub fn focus_entity(&self) -> Option<EntityId> {
        self.hovered.entity.or(self.entity)
    }

    /// The code whose claims light up in every pane: that of the claim under the pointer, else
    /// the code under the pointer in the Claims tab, else the chosen code.
    pub fn focus_code(&self, project: &Project) -> Option<CodeId> {
        self.hovered
            .claim
            .and_then(|claim| project.claim(claim))
            .and_then(|claim| claim.codes.first().copied())
            .or(self.hovered.code)
            .or(self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hover_shows_for_one_frame_after_it_is_reported() {
        let mut selection = Selection::default();
        selection.hover_entity(EntityId(3));
        selection.hover_entity(EntityId(4));
        assert_eq!(
            selection.hovered_entity(),
            None,
            "not before the frame ends"
        );
        selection.end_frame();
        assert_eq!(
            selection.hovered_entity(),
            Some(EntityId(3)),
            "the first report wins"
        );
        selection.end_frame();
        assert_eq!(
            selection.hovered_entity(),
            None,
            "a frame without a report clears it"
        );
    }

    #[test]
    fn the_hovered_item_shows_before_the_chosen_one() {
        let mut selection = Selection::default();
        selection.select_code(CodeId(1));
        selection.select_entity(Some(EntityId(2)));
        assert_eq!(
            (selection.entity, selection.code),
            (Some(EntityId(2)), Some(CodeId(1)))
        );
        selection.hover_entity(EntityId(5));
        selection.end_frame();
        assert_eq!(selection.focus_entity(), Some(EntityId(5)));
        selection.end_frame();
        assert_eq!(selection.focus_entity(), Some(EntityId(2)));
        selection.select_code(CodeId(7));
        assert_eq!((selection.entity, selection.code), (None, Some(CodeId(7))));
        let project = Project::default();
        selection.hover_code(CodeId(8));
        selection.end_frame();
        assert_eq!(selection.focus_code(&project), Some(CodeId(8)));
        selection.end_frame();
        assert_eq!(selection.focus_code(&project), Some(CodeId(7)));
    }
}
