//! Edits of the codebook: codes, their tree, colours, descriptions and contradictions.

use super::{Change, Edit};
use crate::model::*;

impl Edit {
    /// Adds a code to the codebook.
    pub fn add_code(project: &Project, name: &str, parent: Option<CodeId>) -> (Self, CodeId) {
        let id = project.next_code_id();
        let palette = crate::model::CODE_PALETTE;
        let code = Code {
            id,
            name: name.trim().to_owned(),
            colour: palette[project.codes.len() % palette.len()],
            description: String::new(),
            parent,
            contradicts: Vec::new(),
        };
        (
            Self {
                label: "Add code".into(),
                changes: vec![Change::Code {
                    before: None,
                    after: Some(code),
                }],
            },
            id,
        )
    }

    /// Changes one code through `update`; `None` if nothing would change.
    pub fn update_code(
        project: &Project,
        id: CodeId,
        label: &str,
        update: impl FnOnce(&mut Code),
    ) -> Option<Self> {
        let before = project.code(id)?;
        let mut after = before.clone();
        update(&mut after);
        (after != *before).then(|| Self {
            label: label.to_owned(),
            changes: vec![Change::Code {
                before: Some(before.clone()),
                after: Some(after),
            }],
        })
    }

    /// Marks two codes as contradicting each other, or no longer; both codes record it.
    pub fn set_contradicting(
        project: &Project,
        a: CodeId,
        b: CodeId,
        contradicting: bool,
    ) -> Option<Self> {
        if a == b {
            return None;
        }
        let label = if contradicting {
            "Mark codes as contradicting"
        } else {
            "Unmark contradicting codes"
        };
        let toggle = |this: CodeId, other: CodeId| {
            Self::update_code(project, this, label, |code| {
                code.contradicts.retain(|known| *known != other);
                if contradicting {
                    code.contradicts.push(other);
                    code.contradicts.sort();
                }
            })
        };
        let mut edit = Self::new(label);
        edit.changes.extend(toggle(a, b)?.changes);
        edit.changes.extend(toggle(b, a)?.changes);
        Some(edit)
    }

    /// Removes a code. Claims that used it lose it (and are kept, uncoded if it was their only
    /// code); its sub-codes move up to its parent.
    pub fn remove_code(project: &Project, id: CodeId) -> Option<Self> {
        let code = project.code(id)?.clone();
        let mut edit = Self::new("Delete code");
        // Claims keep their passage and other codes; the ones left without a code stay uncoded.
        for claim in project.claims_with_code(id) {
            let mut after = claim.clone();
            after.codes.retain(|known| *known != id);
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        // Sub-codes move up to its parent; codes that contradicted it forget it.
        for other in &project.codes {
            if other.id == id {
                continue;
            }
            let mut after = other.clone();
            if after.parent == Some(id) {
                after.parent = code.parent;
            }
            after.contradicts.retain(|known| *known != id);
            if after != *other {
                edit.changes.push(Change::Code {
                    before: Some(other.clone()),
                    after: Some(after),
                });
            }
        }
        edit.changes.push(Change::Code {
            before: Some(code),
            after: None,
        });
        Some(edit)
    }

    /// Merges one code into another: its claims take the kept code, its sub-codes move under
    /// it, codes it contradicted now contradict the kept one, and it is removed.
    pub fn merge_codes(project: &Project, kept: CodeId, absorbed: CodeId) -> Option<Self> {
        if kept == absorbed {
            return None;
        }
        let kept_code = project.code(kept)?;
        let absorbed_code = project.code(absorbed)?.clone();
        // Merging a code into its own descendant would leave the tree with a loop.
        let mut ancestor = kept_code.parent;
        while let Some(id) = ancestor {
            if id == absorbed {
                return None;
            }
            ancestor = project.code(id).and_then(|code| code.parent);
        }
        let mut edit = Self::new(format!(
            "Merge code {:?} into {:?}",
            absorbed_code.name, kept_code.name
        ));
        for claim in project.claims_with_code(absorbed) {
            let mut after = claim.clone();
            after.codes.retain(|code| *code != absorbed);
            if !after.codes.contains(&kept) {
                after.codes.push(kept);
            }
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        for code in &project.codes {
            if code.id == absorbed {
                continue;
            }
            let mut after = code.clone();
            if after.parent == Some(absorbed) {
                after.parent = Some(kept);
            }
            let had_absorbed = after.contradicts.contains(&absorbed);
            after.contradicts.retain(|other| *other != absorbed);
            if code.id == kept {
                after.contradicts.extend(
                    absorbed_code
                        .contradicts
                        .iter()
                        .filter(|other| **other != kept),
                );
            } else if had_absorbed && !after.contradicts.contains(&kept) {
                after.contradicts.push(kept);
            }
            after.contradicts.sort();
            after.contradicts.dedup();
            if after != *code {
                edit.changes.push(Change::Code {
                    before: Some(code.clone()),
                    after: Some(after),
                });
            }
        }
        edit.changes.push(Change::Code {
            before: Some(absorbed_code),
            after: None,
        });
        Some(edit)
    }
}
