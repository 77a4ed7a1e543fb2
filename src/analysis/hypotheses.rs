//! Analysis of competing hypotheses, after Heuer: every claim is rated against every
//! hypothesis, and the hypothesis with the least weighted evidence against it ranks first.
//!
//! Heuer's point is that evidence consistent with a hypothesis proves little (it is often
//! consistent with the others too), while inconsistent evidence refutes; so the ranking is by
//! inconsistency, each claim weighted by its grade (source reliability × information
//! credibility), and consistency only breaks ties.

use crate::model::{ClaimId, Consistency, HypothesisId, Project};

/// How the rated claims bear on one hypothesis.
#[derive(Clone, Debug, PartialEq)]
pub struct HypothesisScore {
    /// The hypothesis.
    pub hypothesis: HypothesisId,
    /// Claims rated inconsistent, each counted by its grade's weight.
    pub inconsistency: f64,
    /// Claims rated consistent, each counted by its grade's weight.
    pub consistency: f64,
    /// How many claims were rated inconsistent.
    pub inconsistent: usize,
    /// How many claims were rated consistent.
    pub consistent: usize,
    /// How many claims were rated neutral.
    pub neutral: usize,
}

/// Every hypothesis with its score, the most likely first: least weighted inconsistency, then
/// most weighted consistency, then the order they were written in.
pub fn rank_hypotheses(project: &Project) -> Vec<HypothesisScore> {
    let mut scores: Vec<HypothesisScore> = project
        .hypotheses
        .iter()
        .map(|hypothesis| HypothesisScore {
            hypothesis: hypothesis.id,
            inconsistency: 0.0,
            consistency: 0.0,
            inconsistent: 0,
            consistent: 0,
            neutral: 0,
        })
        .collect();
    for claim in &project.claims {
        if claim.ratings.is_empty() {
            continue;
        }
        let weight = project.claim_grade(claim).weight();
        for (hypothesis, rating) in &claim.ratings {
            let Some(score) = scores
                .iter_mut()
                .find(|score| score.hypothesis == *hypothesis)
            else {
                continue;
            };
            match rating {
                Consistency::Inconsistent => {
                    score.inconsistency += weight;
                    score.inconsistent += 1;
                }
                Consistency::Consistent => {
                    score.consistency += weight;
                    score.consistent += 1;
                }
                Consistency::Neutral => score.neutral += 1,
            }
        }
    }
    scores.sort_by(|a, b| {
        a.inconsistency
            .total_cmp(&b.inconsistency)
            .then(b.consistency.total_cmp(&a.consistency))
            .then(a.hypothesis.cmp(&b.hypothesis))
    });
    scores
}

/// The claims that tell hypotheses apart: rated, and not rated the same against all of them.
/// Heuer asks the analyst to look hardest at these.
pub fn diagnostic_claims(project: &Project) -> Vec<ClaimId> {
    project
        .claims
        .iter()
        .filter(|claim| {
            let mut ratings = project.hypotheses.iter().map(|hypothesis| {
                claim
                    .ratings
                    .get(&hypothesis.id)
                    .copied()
                    .unwrap_or(Consistency::Neutral)
            });
            let Some(first) = ratings.next() else {
                return false;
            };
            !claim.ratings.is_empty() && ratings.any(|rating| rating != first)
        })
        .map(|claim| claim.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Credibility, Grade, Reliability};

    fn apply(project: &mut Project, edit: Option<Edit>) {
        let _undo = edit
            .expect("an edit")
            .apply(project)
            .expect("the edit applies");
    }

    fn grade(text: &str) -> Grade {
        Grade::parse(text).expect("a badge")
    }

    /// The matrix project (a wire asserting surrender rumours, a daily relaying them and
    /// carrying a denial, a weekly questioning them) with two hypotheses rated.
    fn rated() -> (Project, HypothesisId, HypothesisId) {
        let mut project = crate::analysis::matrix::tests::project();
        let (edit, surrender) =
            Edit::add_hypothesis(&project, "The resistance is surrendering").expect("a hypothesis");
        apply(&mut project, Some(edit));
        let (edit, fights) =
            Edit::add_hypothesis(&project, "The resistance fights on").expect("a hypothesis");
        apply(&mut project, Some(edit));
        // Claims 1–3 carry the rumour, claim 4 is the denial, claim 5 doubts the rumour.
        for (claim, for_surrender, for_fights) in [
            (1, Consistency::Consistent, Consistency::Inconsistent),
            (2, Consistency::Consistent, Consistency::Inconsistent),
            (3, Consistency::Consistent, Consistency::Inconsistent),
            (4, Consistency::Inconsistent, Consistency::Consistent),
            (5, Consistency::Neutral, Consistency::Neutral),
        ] {
            let claim = ClaimId(claim);
            let edit = Edit::rate_claim(&project, claim, surrender, Some(for_surrender));
            apply(&mut project, edit);
            let edit = Edit::rate_claim(&project, claim, fights, Some(for_fights));
            apply(&mut project, edit);
        }
        (project, surrender, fights)
    }

    #[test]
    fn without_grades_the_hypothesis_with_least_evidence_against_it_ranks_first() {
        let (project, surrender, fights) = rated();
        let ranking = rank_hypotheses(&project);
        assert_eq!(ranking[0].hypothesis, surrender);
        assert_eq!(ranking[1].hypothesis, fights);
        assert_eq!(
            (
                ranking[0].inconsistent,
                ranking[0].consistent,
                ranking[0].neutral
            ),
            (1, 3, 1)
        );
        assert_eq!(ranking[1].inconsistent, 3);
        // Ungraded claims count as F6: a quarter each.
        assert!((ranking[0].inconsistency - 0.25).abs() < 1e-9);
        assert!((ranking[1].inconsistency - 0.75).abs() < 1e-9);
    }

    #[test]
    fn grading_the_sources_weighs_the_evidence() {
        let (mut project, surrender, fights) = rated();
        // The wire that spreads the rumour is unreliable; the daily that carries the denial is not.
        let edit = Edit::set_outlet_grade(&project, "Wire", grade("E5"));
        apply(&mut project, edit);
        let edit = Edit::set_outlet_grade(&project, "Daily", grade("A1"));
        apply(&mut project, edit);
        let ranking = rank_hypotheses(&project);
        assert_eq!(ranking[0].hypothesis, fights, "{ranking:?}");
        assert!((ranking[0].inconsistency - 3.0 * 0.04).abs() < 1e-9);
        assert!((ranking[1].inconsistency - 1.0).abs() < 1e-9);

        // A claim's own grade overrides its outlet's: the relayed rumour (claim 3) confirmed.
        let edit = Edit::set_claim_grade(
            &project,
            ClaimId(3),
            Grade {
                reliability: Some(Reliability::A),
                credibility: Some(Credibility::Confirmed),
            },
        );
        apply(&mut project, edit);
        let ranking = rank_hypotheses(&project);
        assert_eq!(ranking[0].hypothesis, surrender, "{ranking:?}");
    }

    #[test]
    fn only_claims_rated_differently_across_hypotheses_are_diagnostic() {
        let (project, _, _) = rated();
        assert_eq!(
            diagnostic_claims(&project),
            [ClaimId(1), ClaimId(2), ClaimId(3), ClaimId(4)]
        );
    }

    #[test]
    fn deleting_a_hypothesis_takes_its_ratings_and_undo_brings_them_back() {
        let (mut project, surrender, _) = rated();
        let before = project.clone();
        let undo = Edit::remove_hypothesis(&project, surrender)
            .expect("an edit")
            .apply(&mut project)
            .expect("applies");
        assert!(project.hypothesis(surrender).is_none());
        assert!(
            project
                .claims
                .iter()
                .all(|claim| !claim.ratings.contains_key(&surrender))
        );
        assert_eq!(rank_hypotheses(&project).len(), 1);
        let _redo = undo.apply(&mut project).expect("undo applies");
        assert_eq!(project, before);
    }
}
