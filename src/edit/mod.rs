//! Every change to a project is an [`Edit`] value, applied in one place, which returns its inverse.
//!
//! An edit is a list of [`Change`]s, each replacing one item (or the name, or the notes) with
//! another and remembering what it replaced. Inverting an edit swaps before and after, so undo and
//! redo need no code of their own, and applying checks that the project still holds what the edit
//! expects to replace: an edit never lands on a state it was not made for.

use crate::model::{
    Claim, Code, Document, Entity, EntityId, Grade, Hypothesis, Keyed, NearDuplicate, Project,
    Table,
};

mod claims;
mod codebook;
mod entities;
mod history;
mod project;
mod weighing;

pub use claims::ClaimDraft;
pub use history::History;

/// One replacement inside a project.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // Changes live in short lists; boxing each item would cost an allocation for nothing.
pub enum Change {
    /// The project name.
    Name {
        /// Name before.
        before: String,
        /// Name after.
        after: String,
    },
    /// The project notes.
    Notes {
        /// Notes before.
        before: String,
        /// Notes after.
        after: String,
    },
    /// From which share two documents are near-duplicates.
    NearDuplicate {
        /// The threshold before.
        before: NearDuplicate,
        /// The threshold after.
        after: NearDuplicate,
    },
    /// Adds (`before` is `None`), replaces, or removes (`after` is `None`) a document.
    Document {
        /// The document as it was, if it existed.
        before: Option<Box<Document>>,
        /// The document as it will be, unless removed.
        after: Option<Box<Document>>,
    },
    /// Adds, replaces or removes an entity.
    Entity {
        /// Before.
        before: Option<Entity>,
        /// After.
        after: Option<Entity>,
    },
    /// Adds, replaces or removes a code.
    Code {
        /// Before.
        before: Option<Code>,
        /// After.
        after: Option<Code>,
    },
    /// The pairs of entities the user said are not the same.
    Distinct {
        /// The list before.
        before: Vec<(EntityId, EntityId)>,
        /// The list after.
        after: Vec<(EntityId, EntityId)>,
    },
    /// Adds, replaces or removes a claim.
    Claim {
        /// Before.
        before: Option<Claim>,
        /// After.
        after: Option<Claim>,
    },
    /// Sets, changes or clears the grade of an outlet.
    OutletGrade {
        /// The outlet's name.
        outlet: String,
        /// The grade before, if it had one.
        before: Option<Grade>,
        /// The grade after, unless cleared.
        after: Option<Grade>,
    },
    /// Adds, replaces or removes a competing hypothesis.
    Hypothesis {
        /// Before.
        before: Option<Hypothesis>,
        /// After.
        after: Option<Hypothesis>,
    },
}

/// A named list of changes that is applied, undone and redone as one step.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Edit {
    /// What the user did, as shown next to Undo and Redo ("Tag claim").
    pub label: String,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}

/// Why an edit could not be applied. The project is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The project no longer holds what the edit expected to replace.
    #[error("{label}: the project changed since this edit was prepared ({what})")]
    Stale {
        /// The edit's label.
        label: String,
        /// Which item differed.
        what: String,
    },
    /// The result would break an invariant of the project.
    #[error("{label}: {problem}")]
    Invalid {
        /// The edit's label.
        label: String,
        /// What would break.
        problem: String,
    },
}

impl Change {
    fn inverted(self) -> Self {
        match self {
            Self::Name { before, after } => Self::Name {
                before: after,
                after: before,
            },
            Self::Notes { before, after } => Self::Notes {
                before: after,
                after: before,
            },
            Self::NearDuplicate { before, after } => Self::NearDuplicate {
                before: after,
                after: before,
            },
            Self::Document { before, after } => Self::Document {
                before: after,
                after: before,
            },
            Self::Entity { before, after } => Self::Entity {
                before: after,
                after: before,
            },
            Self::Code { before, after } => Self::Code {
                before: after,
                after: before,
            },
            Self::Claim { before, after } => Self::Claim {
                before: after,
                after: before,
            },
            Self::Distinct { before, after } => Self::Distinct {
                before: after,
                after: before,
            },
            Self::OutletGrade {
                outlet,
                before,
                after,
            } => Self::OutletGrade {
                outlet,
                before: after,
                after: before,
            },
            Self::Hypothesis { before, after } => Self::Hypothesis {
                before: after,
                after: before,
            },
        }
    }
}

impl Edit {
    /// An edit with a label and no changes yet.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            changes: Vec::new(),
        }
    }

    /// Whether the edit changes nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The edit that undoes this one.
    pub fn inverted(self) -> Self {
        Self {
            label: self.label,
            changes: self
                .changes
                .into_iter()
                .rev()
                .map(Change::inverted)
                .collect(),
        }
    }

    /// Applies the edit to `project` and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        let mut applied: Vec<Change> = Vec::with_capacity(self.changes.len());
        for change in self.changes {
            if let Err(what) = apply_change(project, &change) {
                roll_back(project, applied);
                return Err(EditError::Stale {
                    label: self.label,
                    what,
                });
            }
            applied.push(change);
        }
        if let Err(problem) = check_changes(project, &applied) {
            roll_back(project, applied);
            return Err(EditError::Invalid {
                label: self.label,
                problem,
            });
        }
        Ok(Edit {
            label: self.label,
            changes: applied,
        }
        .inverted())
    }
}

fn roll_back(project: &mut Project, applied: Vec<Change>) {
    for change in applied.into_iter().rev() {
        // The inverse of a change that was just applied always matches.
        let _ = apply_change(project, &change.inverted());
    }
}

/// Replaces `before` with `after` in a collection sorted by id, after checking `before` is there.
fn replace<T: Keyed + PartialEq + Clone>(
    items: &mut Table<T>,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), String> {
    let Some(id) = before.or(after).map(Keyed::key) else {
        return Ok(());
    };
    if let (Some(before), Some(after)) = (before, after)
        && before.key() != after.key()
    {
        return Err(format!(
            "item {:?} cannot become item {:?}",
            before.key(),
            after.key()
        ));
    }
    if items.by_id(id) != before {
        return Err(format!("item {id:?} is not as expected"));
    }
    match after {
        Some(after) => {
            items.insert(after.clone());
        }
        None => {
            items.remove(id);
        }
    }
    Ok(())
}

fn apply_change(project: &mut Project, change: &Change) -> Result<(), String> {
    match change {
        Change::Name { before, after } => {
            if project.name != *before {
                return Err("the project name".into());
            }
            project.name.clone_from(after);
        }
        Change::Notes { before, after } => {
            if project.notes != *before {
                return Err("the project notes".into());
            }
            project.notes.clone_from(after);
        }
        Change::NearDuplicate { before, after } => {
            if project.near_duplicate != *before {
                return Err("the near-duplicate threshold".into());
            }
            project.near_duplicate = *after;
        }
        Change::Document { before, after } => {
            replace(&mut project.documents, before.as_deref(), after.as_deref())?;
        }
        Change::Entity { before, after } => {
            replace(&mut project.entities, before.as_ref(), after.as_ref())?;
        }
        Change::Code { before, after } => {
            replace(&mut project.codes, before.as_ref(), after.as_ref())?;
        }
        Change::Claim { before, after } => {
            replace(&mut project.claims, before.as_ref(), after.as_ref())?;
        }
        Change::Distinct { before, after } => {
            if project.distinct != *before {
                return Err("the entities marked as not the same".into());
            }
            project.distinct.clone_from(after);
        }
        Change::OutletGrade {
            outlet,
            before,
            after,
        } => {
            if project.outlet_grades.get(outlet) != before.as_ref() {
                return Err(format!("the grade of {outlet:?}"));
            }
            match after {
                Some(grade) if !grade.is_open() => {
                    project.outlet_grades.insert(outlet.clone(), *grade);
                }
                _ => {
                    project.outlet_grades.remove(outlet);
                }
            }
        }
        Change::Hypothesis { before, after } => {
            replace(&mut project.hypotheses, before.as_ref(), after.as_ref())?;
        }
    }
    Ok(())
}

/// Checks the invariants that the applied changes could have broken.
fn check_changes(project: &Project, changes: &[Change]) -> Result<(), String> {
    for change in changes {
        match change {
            Change::Claim {
                after: Some(claim), ..
            } => project.check_claim(claim)?,
            Change::Document {
                after: None,
                before: Some(document),
            } if project
                .claims
                .iter()
                .any(|claim| claim.document == document.id) =>
            {
                return Err(format!("document {:?} still has claims", document.title));
            }
            Change::Entity {
                after: None,
                before: Some(entity),
            } if project
                .claims
                .iter()
                .any(|claim| claim.speaker == Some(entity.id)) =>
            {
                return Err(format!(
                    "entity {:?} is still the speaker of a claim",
                    entity.name
                ));
            }
            Change::Code {
                after,
                before: Some(code),
            } => {
                if after.is_none()
                    && project
                        .claims
                        .iter()
                        .any(|claim| claim.codes.contains(&code.id))
                {
                    return Err(format!("code {:?} is still used by claims", code.name));
                }
                if after.is_none()
                    && project
                        .codes
                        .iter()
                        .any(|other| other.parent == Some(code.id))
                {
                    return Err(format!("code {:?} still has sub-codes", code.name));
                }
                if let Some(code) = after {
                    project.check_code(code)?;
                }
            }
            Change::Code {
                after: Some(code),
                before: None,
            } => project.check_code(code)?,
            Change::Hypothesis {
                after: None,
                before: Some(hypothesis),
            } if project
                .claims
                .iter()
                .any(|claim| claim.ratings.contains_key(&hypothesis.id)) =>
            {
                return Err(format!(
                    "hypothesis {:?} is still rated by claims",
                    hypothesis.text
                ));
            }
            Change::Hypothesis {
                after: Some(hypothesis),
                ..
            } if hypothesis.text.trim().is_empty() => {
                return Err("a hypothesis needs a text".into());
            }
            Change::Entity {
                after: Some(entity),
                ..
            } if entity.name.trim().is_empty() => {
                return Err("an entity needs a name".into());
            }
            _ => {}
        }
    }
    Ok(())
}
