//! Analysis: pure functions from a project to what the program can recompute.
//!
//! Nothing here is saved; the project file keeps only what the user decided (which spellings
//! belong to which entity, what is hidden). Mentions are found again from those on every load.

pub mod anchors;
pub mod boilerplate;
pub mod dates;
pub mod entities;
pub mod fold;
pub mod hypotheses;
pub mod matrix;
pub mod mentions;
pub mod names;
pub mod passages;
pub mod quotes;
pub mod search;
pub mod suggestions;
pub mod timeline;
pub mod variants;
pub mod words;

/// What the views show that is computed from a project: mentions and open suggestions.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Where each entity is mentioned.
    pub mentions: mentions::MentionIndex,
    /// Entities that may be one, strongest first.
    pub suggestions: Vec<suggestions::Suggestion>,
    /// Passages that documents share.
    pub passages: Vec<passages::Passage>,
    /// Document pairs that share text, the most shared first.
    pub pairs: Vec<passages::SharedPair>,
    /// Each near-duplicate document with its closest copy.
    pub near_duplicates: std::collections::HashMap<crate::model::DocumentId, passages::SharedPair>,
    /// Whether suggestions and passages were computed too, or only the mentions.
    pub complete: bool,
}

impl Derived {
    /// Computes everything derived from `project`.
    pub fn compute(project: &crate::model::Project) -> Self {
        let mentions = mentions::MentionIndex::build(project);
        let suggestions = suggestions::suggestions(project, &mentions);
        let passages = passages::shared_passages(&project.documents);
        let pairs = passages::shared_pairs(&project.documents, &passages);
        let near_duplicates = passages::near_duplicates(&pairs, project.near_duplicate);
        Self {
            mentions,
            suggestions,
            passages,
            pairs,
            near_duplicates,
            complete: true,
        }
    }

    /// Only the mentions: all a project's first frame needs; the rest can follow.
    pub fn mentions_only(project: &crate::model::Project) -> Self {
        Self {
            mentions: mentions::MentionIndex::build(project),
            ..Self::default()
        }
    }
}
