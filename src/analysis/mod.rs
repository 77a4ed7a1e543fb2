//! Analysis: pure functions from a project to what the program can recompute.
//!
//! Nothing here is saved; the project file keeps only what the user decided (which spellings
//! belong to which entity, what is hidden). Mentions are found again from those on every load.

pub mod anchors;
pub mod dates;
pub mod entities;
pub mod hypotheses;
pub mod lexicon;
pub mod matrix;
pub mod mentions;
pub mod passages;
pub mod quotes;
pub mod reuse;
pub mod search;
pub mod suggestions;
pub mod timeline;
pub mod variants;
pub mod words;

use crate::model::{DocumentId, Project};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// What the analysed body of a document depends on: its text, its body and which of its
/// paragraphs are set aside. Caches of per-document work are keyed by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BodyKey {
    content_hash: String,
    body: (usize, usize),
    set_aside: Vec<(usize, usize)>,
}

impl BodyKey {
    pub(crate) fn of(document: &crate::model::Document) -> Self {
        Self {
            content_hash: document.content_hash.clone(),
            body: (document.body.start(), document.body.end()),
            set_aside: document
                .boilerplate
                .iter()
                .map(|span| (span.start(), span.end()))
                .collect(),
        }
    }
}

/// What each part of the derived data depends on, as fingerprints of parts of the project: a
/// part is recomputed only when its own inputs change, so editing the notes, a claim or a code
/// recomputes nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// The documents' texts, bodies, set-aside paragraphs and dates: reuse clusters depend on
    /// these alone (the dates choose each cluster's origin).
    pub texts: u64,
    /// From which share two documents are near-duplicates.
    pub near_duplicate: u8,
    /// The texts with the documents' dates and languages and the user's entity decisions:
    /// entities, their mentions and suggestions depend on these.
    pub entities: u64,
}

impl Inputs {
    /// The fingerprints of `project`'s parts; cheap (no text is read, only hashes and spans).
    pub fn of(project: &Project) -> Self {
        let mut texts = std::hash::DefaultHasher::new();
        for document in &project.documents {
            document.id.hash(&mut texts);
            document.content_hash.hash(&mut texts);
            document.body.hash(&mut texts);
            document.boilerplate.hash(&mut texts);
            document.date.hash(&mut texts);
        }
        let texts = texts.finish();
        let mut entities = std::hash::DefaultHasher::new();
        texts.hash(&mut entities);
        for document in &project.documents {
            document.language.hash(&mut entities);
        }
        project.entities.hash(&mut entities);
        project.distinct.hash(&mut entities);
        Self {
            texts,
            near_duplicate: project.near_duplicate.percent(),
            entities: entities.finish(),
        }
    }
}

/// What the views show that is computed from a project, each part for the inputs it was
/// computed from.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The inputs the parts were computed for.
    pub inputs: Inputs,
    /// Every entity and where each is mentioned.
    pub mentions: Arc<mentions::MentionIndex>,
    /// Entities that may be one, strongest first.
    pub suggestions: Arc<Vec<suggestions::Suggestion>>,
    /// Reuse clusters: each passage documents share, with all its copies.
    pub reuse: Arc<reuse::Reuse>,
    /// Each near-duplicate document with its closest copy.
    pub near_duplicates: Arc<HashMap<DocumentId, passages::SharedPair>>,
    /// Whether the entities and their mentions were computed.
    pub has_mentions: bool,
    /// Whether suggestions and reuse clusters were computed too, or only the mentions.
    pub complete: bool,
}

impl Derived {
    /// Computes everything derived from `project`.
    pub fn compute(project: &Project, cache: &entities::EntityCache) -> Self {
        Self::update(project, &Self::default(), cache)
    }

    /// Only the entities and their mentions: all a project's first frame needs; the rest can
    /// follow.
    pub fn mentions_only(project: &Project, cache: &entities::EntityCache) -> Self {
        let table = entities::EntityTable::derive(project, cache);
        Self {
            inputs: Inputs::of(project),
            mentions: Arc::new(mentions::MentionIndex::build_with(
                project,
                table,
                cache.scans(),
            )),
            has_mentions: true,
            ..Self::default()
        }
    }

    /// Everything derived from `project`, reusing the parts of `previous` whose inputs have not
    /// changed.
    pub fn update(project: &Project, previous: &Self, cache: &entities::EntityCache) -> Self {
        let inputs = Inputs::of(project);
        let texts_known = previous.complete && previous.inputs.texts == inputs.texts;
        // Entities and reuse clusters depend on different inputs: they are worked out side by
        // side, each on every core it can use.
        let ((mentions, suggestions), reuse) = rayon::join(
            || {
                let mentions =
                    if previous.has_mentions && previous.inputs.entities == inputs.entities {
                        previous.mentions.clone()
                    } else {
                        let table = entities::EntityTable::derive(project, cache);
                        Arc::new(mentions::MentionIndex::build_with(
                            project,
                            table,
                            cache.scans(),
                        ))
                    };
                let suggestions = if previous.complete && Arc::ptr_eq(&mentions, &previous.mentions)
                {
                    previous.suggestions.clone()
                } else {
                    Arc::new(suggestions::suggestions(project, &mentions))
                };
                (mentions, suggestions)
            },
            || {
                if texts_known {
                    previous.reuse.clone()
                } else {
                    Arc::new(reuse::Reuse::find_with(&project.documents, cache.words()))
                }
            },
        );
        let near_duplicates =
            if texts_known && previous.inputs.near_duplicate == inputs.near_duplicate {
                previous.near_duplicates.clone()
            } else {
                Arc::new(reuse.near_duplicates(project.near_duplicate))
            };
        Self {
            inputs,
            mentions,
            suggestions,
            reuse,
            near_duplicates,
            has_mentions: true,
            complete: true,
        }
    }

    /// Whether this holds what `project` derives, every part for its current inputs.
    pub fn is_current(&self, project: &Project) -> bool {
        self.complete && self.inputs == Inputs::of(project)
    }
}
