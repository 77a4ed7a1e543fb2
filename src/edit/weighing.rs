//! Edits that weigh claims: grades of outlets and claims, competing hypotheses and ratings.

use super::{Change, Edit};
use crate::model::*;

impl Edit {
    /// Grades an outlet; an open grade clears it. `None` if nothing would change.
    pub fn set_outlet_grade(project: &Project, outlet: &str, grade: Grade) -> Option<Self> {
        let before = project.outlet_grades.get(outlet).copied();
        let after = Some(grade).filter(|grade| !grade.is_open());
        (before != after).then(|| Self {
            label: format!("Grade {outlet}"),
            changes: vec![Change::OutletGrade {
                outlet: outlet.to_owned(),
                before,
                after,
            }],
        })
    }

    /// Sets a claim's own grade, which overrides its outlet's part by part.
    pub fn set_claim_grade(project: &Project, id: ClaimId, grade: Grade) -> Option<Self> {
        Self::update_claim(project, id, "Grade claim", |claim| claim.grade = grade)
    }

    /// Adds a hypothesis to weigh the claims against.
    pub fn add_hypothesis(project: &Project, text: &str) -> Option<(Self, HypothesisId)> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let id = crate::model::next_id(&project.hypotheses, HypothesisId, |id| id.0);
        let edit = Self {
            label: "Add hypothesis".into(),
            changes: vec![Change::Hypothesis {
                before: None,
                after: Some(Hypothesis {
                    id,
                    text: text.to_owned(),
                }),
            }],
        };
        Some((edit, id))
    }

    /// Rewords a hypothesis; its ratings stay.
    pub fn reword_hypothesis(project: &Project, id: HypothesisId, text: &str) -> Option<Self> {
        let before = project.hypothesis(id)?;
        let text = text.trim();
        (!text.is_empty() && before.text != text).then(|| Self {
            label: "Reword hypothesis".into(),
            changes: vec![Change::Hypothesis {
                before: Some(before.clone()),
                after: Some(Hypothesis {
                    id,
                    text: text.to_owned(),
                }),
            }],
        })
    }

    /// Removes a hypothesis and every rating given against it, as one step.
    pub fn remove_hypothesis(project: &Project, id: HypothesisId) -> Option<Self> {
        let hypothesis = project.hypothesis(id)?.clone();
        let mut edit = Self::new("Delete hypothesis");
        for claim in project
            .claims
            .iter()
            .filter(|claim| claim.ratings.contains_key(&id))
        {
            let mut after = claim.clone();
            after.ratings.remove(&id);
            edit.changes.push(Change::Claim {
                before: Some(claim.clone()),
                after: Some(after),
            });
        }
        edit.changes.push(Change::Hypothesis {
            before: Some(hypothesis),
            after: None,
        });
        Some(edit)
    }

    /// Rates how a claim bears on a hypothesis; `None` as the rating clears it.
    pub fn rate_claim(
        project: &Project,
        claim: ClaimId,
        hypothesis: HypothesisId,
        rating: Option<Consistency>,
    ) -> Option<Self> {
        project.hypothesis(hypothesis)?;
        Self::update_claim(project, claim, "Rate claim", |claim| match rating {
            Some(rating) => {
                claim.ratings.insert(hypothesis, rating);
            }
            None => {
                claim.ratings.remove(&hypothesis);
            }
        })
    }
}
