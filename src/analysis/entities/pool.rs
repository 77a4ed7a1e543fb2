//! What the corpus says about every spelling: sums and unions over the documents' readings.
//!
//! Every part is a count, a union, or a flag that one document can only set or clear for good,
//! so the pool of a corpus is the same whatever the order of its documents, and a document
//! added to a corpus adds its own reading to the pool kept for the others
//! (see [`super::EntityCache`]). Cue votes are counted, not summed as fractions, so no order of
//! additions rounds them differently.

use super::candidates::DocumentNames;
use crate::model::EntityKind;
use crate::text::{WordMap, WordSet};
use std::collections::{BTreeMap, BTreeSet};

/// The weight of a weak cue ("in" before a name) against a strong one ("in the city of").
const WEAK_CUE: f32 = 0.4;

/// The kinds votes are cast for, in the order of [`kind_index`].
pub(super) const KINDS: [EntityKind; 5] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Place,
    EntityKind::Date,
    EntityKind::Other,
];

/// The position of `kind` in [`KINDS`].
pub(super) fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Place => 2,
        EntityKind::Date => 3,
        EntityKind::Other => 4,
    }
}

/// What the corpus says about one spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Evidence {
    /// Mentions found.
    pub count: usize,
    /// Mentions with a strong cue of each kind.
    pub cues: [u32; 5],
    /// Mentions with a weak cue of each kind.
    pub weak_cues: [u32; 5],
    /// Whether some mention stands mid-sentence or has a cue: evidence that it is a name.
    pub named: bool,
    /// Whether every mention is in capitals.
    pub all_caps: bool,
    /// Whether every mention stands in quotation marks.
    pub quoted: bool,
    /// Whether every mention is a common word capitalised (see [`super::Candidate::common`]).
    pub common: bool,
}

impl Default for Evidence {
    /// No mention yet: the flags that every mention must confirm start set.
    fn default() -> Self {
        Self {
            count: 0,
            cues: [0; 5],
            weak_cues: [0; 5],
            named: false,
            all_caps: true,
            quoted: true,
            common: true,
        }
    }
}

impl Evidence {
    /// The votes of the mentions' contexts, by kind.
    #[allow(clippy::cast_precision_loss)] // Counts of mentions are far below 2^24.
    pub fn votes(&self) -> [f32; 5] {
        let mut votes = [0.0; 5];
        for (index, vote) in votes.iter_mut().enumerate() {
            *vote = self.cues[index] as f32 + WEAK_CUE * self.weak_cues[index] as f32;
        }
        votes
    }
}

/// The corpus's evidence, pooled from every document's reading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Pool {
    /// Every candidate spelling.
    pub spellings: WordMap<String, Evidence>,
    /// Dates: for each date entity's name (its value), the texts that write it and their counts.
    pub dates: BTreeMap<String, BTreeMap<String, usize>>,
    /// The last words, folded, of the people's full names: what a surname alone can stand for.
    pub surnames: WordSet<String>,
    /// Hashes of the lower-case words the texts use (see [`DocumentNames::lower_words`]).
    pub lower: WordSet<u64>,
    /// Acronyms spelled out, as (expansion, acronym).
    pub acronyms: BTreeSet<(String, String)>,
}

impl Pool {
    /// The pool of these documents.
    pub fn of<'a>(documents: impl IntoIterator<Item = &'a DocumentNames>) -> Self {
        let mut pool = Self::default();
        for document in documents {
            pool.add(document);
        }
        pool
    }

    /// Adds one document's reading.
    pub fn add(&mut self, document: &DocumentNames) {
        for candidate in &document.candidates {
            let evidence = match self.spellings.get_mut(candidate.text.as_str()) {
                Some(evidence) => evidence,
                None => self.spellings.entry(candidate.text.clone()).or_default(),
            };
            evidence.common &= candidate.common;
            evidence.count += 1;
            // An acronym is a name wherever it stands, "(FNR)" or at the start of a sentence.
            evidence.named |= !candidate.sentence_initial || candidate.all_caps;
            evidence.all_caps &= candidate.all_caps;
            evidence.quoted &= candidate.quoted;
            if let Some(kind) = candidate.cue {
                let votes = if candidate.weak_cue {
                    &mut evidence.weak_cues
                } else {
                    &mut evidence.cues
                };
                votes[kind_index(kind)] += 1;
            }
        }
        for (text, name, _) in &document.dates {
            *self
                .dates
                .entry(name.clone())
                .or_default()
                .entry(text.clone())
                .or_default() += 1;
        }
        self.surnames.extend(document.surnames.iter().cloned());
        self.lower.extend(document.lower_words.iter().copied());
        self.acronyms.extend(
            document
                .acronyms
                .iter()
                .map(|link| (link.expansion.clone(), link.acronym.clone())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::candidates::read_document;

    #[test]
    fn a_pool_is_the_same_in_any_order_and_when_grown_one_document_at_a_time() {
        let texts = [
            "The Taliban entered Kabul on Sunday. Ahmad Massoud said the Panjshir Valley held.",
            "Les talibans sont entrés à Kaboul. Ahmad Massoud, fils du commandant, résiste.",
            "In the city of Charikar, the National Resistance Front (NRF) said it had won.",
        ];
        let readings: Vec<DocumentNames> = texts
            .iter()
            .map(|text| read_document(text, None, None))
            .collect();
        let forward = Pool::of(&readings);
        let backward = Pool::of(readings.iter().rev());
        let mut grown = Pool::of(&readings[..1]);
        grown.add(&readings[2]);
        grown.add(&readings[1]);
        assert_eq!(forward, backward);
        assert_eq!(forward, grown);
        let massoud = &forward.spellings["Ahmad Massoud"];
        assert_eq!((massoud.count, massoud.named), (2, true));
        assert!(
            forward
                .acronyms
                .contains(&("National Resistance Front".to_owned(), "NRF".to_owned()))
        );
    }
}
