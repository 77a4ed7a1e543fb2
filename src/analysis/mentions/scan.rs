//! Finding the entities' spellings in every document, kept between analyses.
//!
//! The search finds, in each document's analysed body, the leftmost longest occurrence of any
//! spelling, then the next after it, and so on. Its result for a document changes only when the
//! spellings change in a way that touches that document: a spelling added that occurs in its
//! text, or one removed that was found there. (A spelling removed that was never found changes
//! nothing, since the search never chose it; one added that does not occur in the text cannot be
//! chosen.) So after a new document or a decision, only the documents so touched are searched
//! again, and a merge, which moves spellings between entities without changing any, searches
//! none.

use crate::analysis::BodyKey;
use crate::text::{WordMap, WordSet};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// One occurrence the search chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    /// The spelling's id (see [`Searched::positions`]).
    pub spelling: u32,
    /// Byte range in the analysed body.
    pub start: usize,
    pub end: usize,
    /// Whether it stands as a whole word ("Front" inside "Frontline" does not).
    pub whole_word: bool,
}

/// The last search, kept for the next.
#[derive(Debug, Default)]
pub struct ScanCache {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Every spelling searched for since the cache was made, by id.
    ids: WordMap<String, u32>,
    /// The ids of the spellings of the last search.
    searched: WordSet<u32>,
    /// What the last search found in each document.
    found: HashMap<BodyKey, Arc<Vec<Found>>>,
}

/// The result of a search: what was found in each document, in the project's order, and the
/// position in the searched spellings of each spelling id found.
pub(super) struct Searched {
    pub documents: Vec<Arc<Vec<Found>>>,
    /// By spelling id: the index of the spelling in the list searched for.
    pub positions: Vec<u32>,
}

impl ScanCache {
    /// Finds `spellings` (unique) in the analysed body of every document of `project`.
    pub(super) fn search(&self, project: &crate::model::Project, spellings: &[&str]) -> Searched {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        // Spellings of corpora long gone are forgotten now and then.
        if state.ids.len() > 4 * spellings.len() + 50_000 {
            *state = State::default();
        }
        let ids: Vec<u32> = spellings
            .iter()
            .map(|spelling| {
                let next = u32::try_from(state.ids.len()).unwrap_or(u32::MAX);
                *state.ids.entry((*spelling).to_owned()).or_insert(next)
            })
            .collect();
        let mut positions = vec![u32::MAX; state.ids.len()];
        for (position, id) in ids.iter().enumerate() {
            positions[*id as usize] = u32::try_from(position).unwrap_or(u32::MAX);
        }
        let current: WordSet<u32> = ids.iter().copied().collect();
        let removed: WordSet<u32> = state.searched.difference(&current).copied().collect();
        let added: Vec<&str> = ids
            .iter()
            .zip(spellings)
            .filter(|(id, _)| !state.searched.contains(id))
            .map(|(_, spelling)| *spelling)
            .collect();
        let added = if added.is_empty() {
            None
        } else {
            AhoCorasick::new(&added).ok()
        };
        let keys: Vec<BodyKey> = project.documents.iter().map(BodyKey::of).collect();
        // What still holds of the last search in each document.
        let kept: Vec<Option<Arc<Vec<Found>>>> = project
            .documents
            .par_iter()
            .zip(&keys)
            .map(|(document, key)| {
                let found = state.found.get(key)?;
                let touched_by_removal = !removed.is_empty()
                    && found.iter().any(|found| removed.contains(&found.spelling));
                let touched_by_addition = added
                    .as_ref()
                    .is_some_and(|added| added.is_match(document.body_text()));
                (!touched_by_removal && !touched_by_addition).then(|| found.clone())
            })
            .collect();
        let stale = kept.iter().filter(|kept| kept.is_none()).count();
        let automaton = (stale > 0 && !spellings.is_empty())
            .then(|| {
                // A full DFA when many texts are read: it scans faster than it builds; for a few,
                // the faster-built automaton.
                let kind = (stale * 8 > keys.len()).then_some(AhoCorasickKind::DFA);
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(kind)
                    .build(spellings)
                    .ok()
            })
            .flatten();
        let documents: Vec<Arc<Vec<Found>>> = project
            .documents
            .par_iter()
            .zip(kept)
            .map(|(document, kept)| {
                kept.unwrap_or_else(|| {
                    let Some(automaton) = &automaton else {
                        return Arc::new(Vec::new());
                    };
                    let body = document.analysed_body();
                    let found = automaton
                        .find_iter(body.as_ref())
                        .map(|found| Found {
                            spelling: ids[found.pattern().as_usize()],
                            start: found.start(),
                            end: found.end(),
                            whole_word: is_whole_word(&body, found.start(), found.end()),
                        })
                        .collect();
                    Arc::new(found)
                })
            })
            .collect();
        state.searched = current;
        // Only the documents of this project are kept, so the cache never outgrows it.
        state.found = keys.into_iter().zip(documents.iter().cloned()).collect();
        Searched {
            documents,
            positions,
        }
    }
}

/// Whether `text[start..end]` is neither preceded nor followed by a letter or digit.
pub(super) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
