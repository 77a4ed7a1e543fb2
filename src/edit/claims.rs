//! Edits of claims: tagging passages, changing and removing claims.

use super::{Change, Edit, EditError};
use crate::model::*;

impl Edit {
    /// Tags a passage as a claim, creating the codes and the speaker it names if they are new.
    pub fn tag_claim(
        project: &Project,
        entities: &crate::analysis::entities::EntityTable,
        draft: &ClaimDraft,
    ) -> Result<(Self, ClaimId), EditError> {
        let invalid = |problem: String| EditError::Invalid {
            label: "Tag claim".into(),
            problem,
        };
        let document = project
            .document(draft.document)
            .ok_or_else(|| invalid(format!("no document {}", draft.document)))?;
        let span = crate::model::ByteSpan::new(&document.text, draft.start, draft.end)
            .map_err(|error| invalid(error.to_string()))?;
        let mut edit = Self::new("Tag claim");
        // New items get ids past the project's, in the order they are created within this edit.
        let mut next_code = project.next_code_id().0;
        let mut codes = Vec::new();
        let mut new_codes = 0;
        for name in &draft.codes {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let existing = project.code_by_name(name).map(|code| code.id).or_else(|| {
                edit.changes.iter().find_map(|change| match change {
                    Change::Code {
                        after: Some(code), ..
                    } if code.name.to_lowercase() == name.to_lowercase() => Some(code.id),
                    _ => None,
                })
            });
            let id = existing.unwrap_or_else(|| {
                let id = CodeId(next_code);
                next_code += 1;
                let palette = crate::model::CODE_PALETTE;
                let colour = palette[(project.codes.len() + new_codes) % palette.len()];
                new_codes += 1;
                edit.changes.push(Change::Code {
                    before: None,
                    after: Some(Code {
                        id,
                        name: name.to_owned(),
                        colour,
                        description: String::new(),
                        parent: None,
                        contradicts: Vec::new(),
                    }),
                });
                id
            });
            if !codes.contains(&id) {
                codes.push(id);
            }
        }
        let speaker = draft
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                // A speaker analysis derived is adopted, so it keeps its identity whatever a
                // later analysis finds; an unknown name becomes a person of its own.
                let known = project
                    .entity_by_name(name)
                    .or_else(|| entities.by_name(name))
                    .map(|entity| entity.id);
                match known {
                    Some(id) => {
                        edit.changes
                            .extend(Self::adopt_entity(project, entities, id));
                        id
                    }
                    None => {
                        let (add, id) = Self::add_entity(project, name, EntityKind::Person);
                        edit.changes.extend(add.changes);
                        id
                    }
                }
            });
        let id = project.next_claim_id();
        let claim = Claim {
            id,
            document: draft.document,
            quote: Quote::new(&document.text, span),
            more_passages: Vec::new(),
            codes,
            stance: draft.stance,
            speaker,
            via_outlet: draft
                .via_outlet
                .clone()
                .filter(|outlet| !outlet.trim().is_empty()),
            date: draft.date,
            note: draft.note.trim().to_owned(),
            grade: crate::model::Grade::default(),
            ratings: std::collections::BTreeMap::new(),
        };
        edit.changes.push(Change::Claim {
            before: None,
            after: Some(claim),
        });
        Ok((edit, id))
    }

    /// Tags many passages at once (auto-coding search hits): one edit, undone in one step.
    /// Passages that cannot be tagged (empty, or out of their document) are skipped; the count
    /// of claims added is returned with the edit.
    pub fn tag_many(
        project: &Project,
        entities: &crate::analysis::entities::EntityTable,
        drafts: &[ClaimDraft],
    ) -> (Self, usize) {
        let mut edit = Self::new(if drafts.len() == 1 {
            "Tag claim".to_owned()
        } else {
            format!("Tag {} claims", drafts.len())
        });
        let mut working = project.clone();
        let mut added = 0;
        for draft in drafts {
            // Each claim sees the codes and speakers the ones before it created.
            if let Ok((step, _)) = Self::tag_claim(&working, entities, draft)
                && step.clone().apply(&mut working).is_ok()
            {
                edit.changes.extend(step.changes);
                added += 1;
            }
        }
        (edit, added)
    }

    /// Changes one claim through `update`; `None` if nothing would change.
    pub fn update_claim(
        project: &Project,
        id: ClaimId,
        label: &str,
        update: impl FnOnce(&mut Claim),
    ) -> Option<Self> {
        let before = project.claim(id)?;
        let mut after = before.clone();
        update(&mut after);
        (after != *before).then(|| Self {
            label: label.to_owned(),
            changes: vec![Change::Claim {
                before: Some(before.clone()),
                after: Some(after),
            }],
        })
    }

    /// Adds the passage `start..end` of the claim's document to a claim: one claim can span
    /// a statement and its qualification further down. Refused when the passage is empty,
    /// outside the text or not on character boundaries, or overlaps one the claim has.
    pub fn add_claim_passage(
        project: &Project,
        id: ClaimId,
        start: usize,
        end: usize,
    ) -> Result<Self, String> {
        let claim = project.claim(id).ok_or("the claim is gone")?;
        let document = project
            .document(claim.document)
            .ok_or("the claim's document is gone")?;
        if start >= end {
            return Err("select some text to add to the claim".into());
        }
        let span = crate::model::ByteSpan::new(&document.text, start, end)
            .map_err(|error| error.to_string())?;
        if claim
            .quotes()
            .any(|quote| quote.span.start() < end && start < quote.span.end())
        {
            return Err("the passage overlaps one the claim already has".into());
        }
        let quote = Quote::new(&document.text, span);
        Self::update_claim(project, id, "Add passage to claim", |claim| {
            let mut all: Vec<Quote> = claim.quotes().cloned().collect();
            all.push(quote);
            set_passages(claim, all);
        })
        .ok_or_else(|| "nothing to change".into())
    }

    /// Takes passage `index` (in text order) out of a claim that has more than one.
    pub fn remove_claim_passage(project: &Project, id: ClaimId, index: usize) -> Option<Self> {
        let claim = project.claim(id)?;
        if claim.more_passages.is_empty() || index > claim.more_passages.len() {
            return None;
        }
        Self::update_claim(project, id, "Remove passage from claim", |claim| {
            let mut all: Vec<Quote> = claim.quotes().cloned().collect();
            all.remove(index);
            set_passages(claim, all);
        })
    }

    /// Removes a claim.
    pub fn remove_claim(project: &Project, id: ClaimId) -> Option<Self> {
        let claim = project.claim(id)?.clone();
        Some(Self {
            label: "Delete claim".into(),
            changes: vec![Change::Claim {
                before: Some(claim),
                after: None,
            }],
        })
    }
}

/// What the user chose when tagging a passage.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimDraft {
    /// The document.
    pub document: DocumentId,
    /// First byte of the passage.
    pub start: usize,
    /// One past the last byte of the passage.
    pub end: usize,
    /// Code names; new names become new codes.
    pub codes: Vec<String>,
    /// The stance.
    pub stance: crate::model::Stance,
    /// The speaker's name; a new name becomes a new person entity.
    pub speaker: Option<String>,
    /// The relaying outlet, if not the document's own.
    pub via_outlet: Option<String>,
    /// The claim date, if not the document's.
    pub date: Option<crate::model::PartialDate>,
    /// A note.
    pub note: String,
}

/// Gives a claim these passages (at least one) in text order: the first is the one the claim
/// opens at, the others follow it.
fn set_passages(claim: &mut Claim, mut passages: Vec<Quote>) {
    passages.sort_by_key(|quote| quote.span.start());
    if passages.is_empty() {
        return;
    }
    claim.quote = passages.remove(0);
    claim.more_passages = passages;
}
