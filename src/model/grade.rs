//! Grading as intelligence analysts do it (the Admiralty code): how reliable a source has been,
//! A to F, and how credible a piece of information is, 1 to 6.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How reliable a source has proved, A (completely) to F (cannot be judged).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reliability {
    /// Completely reliable: no doubt of authenticity, a history of complete reliability.
    A,
    /// Usually reliable: minor doubts, a history of mostly valid information.
    B,
    /// Fairly reliable: doubts, but has given valid information before.
    C,
    /// Not usually reliable: significant doubts, has given valid information in the past.
    D,
    /// Unreliable: lacking authenticity, a history of invalid information.
    E,
    /// Reliability cannot be judged: no basis to evaluate it.
    F,
}

impl Reliability {
    /// Every grade, best first.
    pub const ALL: [Self; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];

    /// The letter, as written in a badge.
    pub fn letter(self) -> char {
        match self {
            Self::A => 'A',
            Self::B => 'B',
            Self::C => 'C',
            Self::D => 'D',
            Self::E => 'E',
            Self::F => 'F',
        }
    }

    /// The standard wording of the grade.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::A => "completely reliable",
            Self::B => "usually reliable",
            Self::C => "fairly reliable",
            Self::D => "not usually reliable",
            Self::E => "unreliable",
            Self::F => "reliability cannot be judged",
        }
    }

    /// Reads a grade from its letter, in either case.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|grade| text.eq_ignore_ascii_case(&grade.letter().to_string()))
    }

    /// How much a claim from such a source counts when weighing hypotheses. A source that
    /// cannot be judged counts half, between a fairly and a not usually reliable one.
    pub fn weight(self) -> f64 {
        match self {
            Self::A => 1.0,
            Self::B => 0.8,
            Self::C => 0.6,
            Self::D => 0.4,
            Self::E => 0.2,
            Self::F => 0.5,
        }
    }
}

/// How credible a piece of information is, 1 (confirmed) to 6 (cannot be judged).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Credibility {
    /// Confirmed by other independent sources.
    Confirmed,
    /// Probably true: not confirmed, logical, consistent with other information.
    Probable,
    /// Possibly true: not confirmed, reasonably logical, agrees with some information.
    Possible,
    /// Doubtful: not confirmed, possible but not logical.
    Doubtful,
    /// Improbable: not confirmed, not logical, contradicted by other information.
    Improbable,
    /// Truth cannot be judged: no basis to evaluate it.
    CannotBeJudged,
}

impl Credibility {
    /// Every grade, best first.
    pub const ALL: [Self; 6] = [
        Self::Confirmed,
        Self::Probable,
        Self::Possible,
        Self::Doubtful,
        Self::Improbable,
        Self::CannotBeJudged,
    ];

    /// The digit, as written in a badge.
    pub fn digit(self) -> u8 {
        match self {
            Self::Confirmed => 1,
            Self::Probable => 2,
            Self::Possible => 3,
            Self::Doubtful => 4,
            Self::Improbable => 5,
            Self::CannotBeJudged => 6,
        }
    }

    /// The standard wording of the grade.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed by other sources",
            Self::Probable => "probably true",
            Self::Possible => "possibly true",
            Self::Doubtful => "doubtful",
            Self::Improbable => "improbable",
            Self::CannotBeJudged => "truth cannot be judged",
        }
    }

    /// Reads a grade from its digit.
    pub fn parse(text: &str) -> Option<Self> {
        let digit: u8 = text.trim().parse().ok()?;
        Self::ALL.into_iter().find(|grade| grade.digit() == digit)
    }

    /// How much a claim with this credibility counts when weighing hypotheses; information
    /// that cannot be judged counts half.
    pub fn weight(self) -> f64 {
        match self {
            Self::Confirmed => 1.0,
            Self::Probable => 0.8,
            Self::Possible => 0.6,
            Self::Doubtful => 0.4,
            Self::Improbable => 0.2,
            Self::CannotBeJudged => 0.5,
        }
    }
}

/// A grade as the user set it; either part may be left open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// How reliable the source is.
    #[serde(default)]
    pub reliability: Option<Reliability>,
    /// How credible the information is.
    #[serde(default)]
    pub credibility: Option<Credibility>,
}

impl Grade {
    /// Whether neither part is set.
    pub fn is_open(&self) -> bool {
        self.reliability.is_none() && self.credibility.is_none()
    }

    /// This grade's parts where set, the fallback's otherwise.
    #[must_use]
    pub fn or(self, fallback: Self) -> Self {
        Self {
            reliability: self.reliability.or(fallback.reliability),
            credibility: self.credibility.or(fallback.credibility),
        }
    }

    /// The grade with open parts read as "cannot be judged" (F and 6), as the code prescribes.
    pub fn settled(self) -> (Reliability, Credibility) {
        (
            self.reliability.unwrap_or(Reliability::F),
            self.credibility.unwrap_or(Credibility::CannotBeJudged),
        )
    }

    /// The weight of a claim with this grade: reliability times credibility, 0.04 to 1.
    pub fn weight(self) -> f64 {
        let (reliability, credibility) = self.settled();
        reliability.weight() * credibility.weight()
    }

    /// Reads a badge such as "B2", "b", "3" or "" (open).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let mut grade = Self::default();
        let mut rest = text;
        if let Some(first) = text.chars().next()
            && first.is_ascii_alphabetic()
        {
            grade.reliability = Some(Reliability::parse(&first.to_string())?);
            rest = &text[first.len_utf8()..];
        }
        let rest = rest.trim();
        if !rest.is_empty() {
            grade.credibility = Some(Credibility::parse(rest)?);
        }
        Some(grade)
    }
}

impl fmt::Display for Grade {
    /// The badge: "B2"; an open part shows as "·" ("B·", "·2"); an open grade as "–".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_open() {
            return f.write_str("–");
        }
        match self.reliability {
            Some(reliability) => write!(f, "{}", reliability.letter())?,
            None => f.write_str("·")?,
        }
        match self.credibility {
            Some(credibility) => write!(f, "{}", credibility.digit()),
            None => f.write_str("·"),
        }
    }
}

/// How a claim bears on a hypothesis, in Heuer's analysis of competing hypotheses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Consistency {
    /// The claim fits the hypothesis.
    Consistent,
    /// The claim argues against the hypothesis.
    Inconsistent,
    /// The claim says nothing either way.
    Neutral,
}

impl Consistency {
    /// Every rating, in display order.
    pub const ALL: [Self; 3] = [Self::Consistent, Self::Inconsistent, Self::Neutral];

    /// The short form used in tables: C, I, N.
    pub fn short(self) -> &'static str {
        match self {
            Self::Consistent => "C",
            Self::Inconsistent => "I",
            Self::Neutral => "N",
        }
    }

    /// The lower-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consistent => "consistent",
            Self::Inconsistent => "inconsistent",
            Self::Neutral => "neutral",
        }
    }

    /// Reads a rating by its name or short form.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.into_iter().find(|rating| {
            rating.as_str().eq_ignore_ascii_case(text) || rating.short().eq_ignore_ascii_case(text)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_read_back_as_written() {
        for text in ["B2", "A1", "F6", "c", "4"] {
            let grade = Grade::parse(text).expect("a valid badge");
            let shown = grade.to_string().replace('·', "");
            assert_eq!(shown, text.to_uppercase());
        }
        assert_eq!(Grade::parse(""), Some(Grade::default()));
        assert_eq!(Grade::parse("G2"), None);
        assert_eq!(Grade::parse("B7"), None);
        assert_eq!(Grade::default().to_string(), "–");
    }

    #[test]
    fn a_claims_own_grade_wins_part_by_part() {
        let outlet = Grade {
            reliability: Some(Reliability::B),
            credibility: Some(Credibility::Possible),
        };
        let claim = Grade {
            reliability: None,
            credibility: Some(Credibility::Confirmed),
        };
        assert_eq!(claim.or(outlet).to_string(), "B1");
        assert!((claim.or(outlet).weight() - 0.8).abs() < 1e-9);
        // Nothing known counts as F6.
        assert!((Grade::default().weight() - 0.25).abs() < 1e-9);
    }
}
