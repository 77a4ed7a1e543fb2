//! Passages that two documents share: the same wire copy in two outlets, a quoted statement.
//!
//! Each document's words are folded (lower case, no accents) and hashed in overlapping runs of
//! [`SHINGLE`] words; winnowing keeps the smallest hash of every window, a few fingerprints per
//! sentence. Documents that share fingerprints are compared, and the matches that run along
//! the same diagonal (position in one document against position in the other) are chained into
//! passages, tolerating a changed word or a moved comma. Set-aside paragraphs are left out.

use super::words::words;
use crate::model::{Document, DocumentId, NearDuplicate};
use crate::text::fold::fold;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Words per shingle.
pub(super) const SHINGLE: usize = 5;
/// Shingles per winnowing window.
pub(super) const WINDOW: usize = 4;
/// The fewest words a shared passage has.
pub(super) const MIN_WORDS: usize = 12;
/// How far apart, in words, two matches of one passage may be.
pub(super) const MAX_GAP: usize = 10;
/// How far a passage's alignment may drift (words added or dropped in one copy).
pub(super) const MAX_DRIFT: usize = 3;

/// A passage shared by two documents, as byte ranges into each text.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// The first document (the smaller id).
    pub a: DocumentId,
    /// The second document.
    pub b: DocumentId,
    /// Where the passage is in `a`.
    pub a_range: Range<usize>,
    /// Where the passage is in `b`.
    pub b_range: Range<usize>,
    /// How alike the two copies are, from 0 to 1 (1 for the same words).
    pub score: f32,
}

/// A document's words: their folded hashes and byte ranges into the document's text.
struct Fingerprinted {
    id: DocumentId,
    folded: Vec<String>,
    shingles: Vec<u64>,
    spans: Vec<Range<usize>>,
    prints: Vec<(u64, usize)>,
}

fn hash_words(words: &[String]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

fn fingerprint(document: &Document) -> Fingerprinted {
    let body = document.analysed_body();
    let offset = document.body.start();
    let found = words(&body);
    let folded: Vec<String> = found.iter().map(|word| fold(word.text)).collect();
    let spans: Vec<Range<usize>> = found
        .iter()
        .map(|word| offset + word.start..offset + word.end)
        .collect();
    let shingles: Vec<u64> = if folded.len() < SHINGLE {
        Vec::new()
    } else {
        folded.windows(SHINGLE).map(hash_words).collect()
    };
    let prints = winnow(&shingles);
    Fingerprinted {
        id: document.id,
        folded,
        shingles,
        spans,
        prints,
    }
}

/// Winnowing: the smallest hash of every window of [`WINDOW`] shingles (the rightmost on a
/// tie), each position once, as (hash, position).
pub(super) fn winnow(shingles: &[u64]) -> Vec<(u64, usize)> {
    let mut prints = Vec::new();
    let mut last = None;
    for start in 0..shingles.len().saturating_sub(WINDOW - 1) {
        let window = &shingles[start..start + WINDOW];
        let (offset, hash) = window
            .iter()
            .enumerate()
            .min_by_key(|(i, hash)| (**hash, std::cmp::Reverse(*i)))
            .map_or((0, 0), |(i, hash)| (i, *hash));
        let position = start + offset;
        if last != Some(position) {
            prints.push((hash, position));
            last = Some(position);
        }
    }
    prints
}

/// Finds the passages that documents share, strongest first within each pair.
pub fn shared_passages(documents: &[Document]) -> Vec<Passage> {
    let printed: Vec<Fingerprinted> = documents.par_iter().map(fingerprint).collect();
    let mut index: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for (document, prints) in printed.iter().enumerate() {
        for &(hash, position) in &prints.prints {
            index.entry(hash).or_default().push((document, position));
        }
    }
    // Matches by document pair, as (position in the first, position in the second).
    let mut pairs: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    // A phrase in very many documents, or repeated within documents, is a formula (a dateline,
    // a stock sentence), not a shared passage; a wire story reaches dozens of outlets, not all.
    let most_documents = (documents.len() / 10).max(20);
    for places in index.values() {
        let mut in_documents: Vec<usize> = places.iter().map(|(document, _)| *document).collect();
        in_documents.dedup();
        if in_documents.len() < 2
            || in_documents.len() > most_documents
            || places.len() > in_documents.len() * 2
        {
            continue;
        }
        for (i, &(doc_a, pos_a)) in places.iter().enumerate() {
            for &(doc_b, pos_b) in &places[i + 1..] {
                if doc_a == doc_b {
                    continue;
                }
                let (key, matched) = if doc_a < doc_b {
                    ((doc_a, doc_b), (pos_a, pos_b))
                } else {
                    ((doc_b, doc_a), (pos_b, pos_a))
                };
                pairs.entry(key).or_default().push(matched);
            }
        }
    }
    let mut passages = Vec::new();
    let mut keys: Vec<(usize, usize)> = pairs.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let mut matches = pairs.remove(&key).unwrap_or_default();
        matches.sort_unstable();
        matches.dedup();
        let (first, second) = (&printed[key.0], &printed[key.1]);
        for chain in chains(&matches) {
            if let Some(passage) = passage(first, second, &chain) {
                passages.push(passage);
            }
        }
    }
    passages
}

/// Groups matches that follow one another along nearly the same diagonal.
pub(super) fn chains(matches: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
    for &(a, b) in matches {
        let fits = chains.iter_mut().rev().find(|chain| {
            let &(last_a, last_b) = chain.last().unwrap_or(&(a, b));
            let drift = (b as i64 - a as i64) - (last_b as i64 - last_a as i64);
            a > last_a
                && a - last_a <= MAX_GAP
                && b > last_b
                && b - last_b <= MAX_GAP + MAX_DRIFT
                && drift.unsigned_abs() as usize <= MAX_DRIFT
        });
        match fits {
            Some(chain) => chain.push((a, b)),
            None => chains.push(vec![(a, b)]),
        }
    }
    chains
}

/// The passage a chain of matches covers, if it is long enough.
fn passage(
    first: &Fingerprinted,
    second: &Fingerprinted,
    chain: &[(usize, usize)],
) -> Option<Passage> {
    let [(start_a, last_a), (start_b, last_b)] = stretch(&first.folded, &second.folded, chain)?;
    let a_set: HashSet<u64> = first.shingles[start_a..=last_a + 1 - SHINGLE]
        .iter()
        .copied()
        .collect();
    let b_set: HashSet<u64> = second.shingles[start_b..=last_b + 1 - SHINGLE]
        .iter()
        .copied()
        .collect();
    let union = a_set.union(&b_set).count().max(1);
    let score = a_set.intersection(&b_set).count() as f32 / union as f32;
    Some(Passage {
        a: first.id,
        b: second.id,
        a_range: first.spans[start_a].start..first.spans[last_a].end,
        b_range: second.spans[start_b].start..second.spans[last_b].end,
        score,
    })
}

/// The word ranges, inclusive, a chain of matches covers in two documents once stretched
/// word by word while both copies agree, over a single changed word when the two words beyond
/// it agree again (fingerprints only sample the text), if both are at least [`MIN_WORDS`] long.
pub(super) fn stretch<T: PartialEq>(
    first: &[T],
    second: &[T],
    chain: &[(usize, usize)],
) -> Option<[(usize, usize); 2]> {
    let (&(mut start_a, mut start_b), &(end_a, end_b)) = (chain.first()?, chain.last()?);
    let (mut last_a, mut last_b) = (end_a + SHINGLE - 1, end_b + SHINGLE - 1);
    let same = |a: Option<usize>, b: Option<usize>| match (a, b) {
        (Some(a), Some(b)) => first.get(a).is_some_and(|word| second.get(b) == Some(word)),
        _ => false,
    };
    loop {
        let back = |steps: usize| same(start_a.checked_sub(steps), start_b.checked_sub(steps));
        if back(1) {
            (start_a, start_b) = (start_a - 1, start_b - 1);
        } else if back(2) && back(3) {
            (start_a, start_b) = (start_a - 2, start_b - 2);
        } else {
            break;
        }
    }
    loop {
        let on = |steps: usize| same(Some(last_a + steps), Some(last_b + steps));
        if on(1) {
            (last_a, last_b) = (last_a + 1, last_b + 1);
        } else if on(2) && on(3) {
            (last_a, last_b) = (last_a + 2, last_b + 2);
        } else {
            break;
        }
    }
    let long_enough = last_a + 1 - start_a >= MIN_WORDS && last_b + 1 - start_b >= MIN_WORDS;
    long_enough.then_some([(start_a, last_a), (start_b, last_b)])
}

/// Two documents and how much text they share.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedPair {
    /// The first document (the smaller id).
    pub a: DocumentId,
    /// The second document.
    pub b: DocumentId,
    /// How many passages they share.
    pub passages: usize,
    /// The share of the first document's analysed text that is in shared passages, 0 to 1.
    pub a_covered: f32,
    /// The share of the second document's analysed text that is in shared passages.
    pub b_covered: f32,
}

impl SharedPair {
    /// The larger of the two shares: a short wire item wholly inside a long report counts.
    pub fn coverage(&self) -> f32 {
        self.a_covered.max(self.b_covered)
    }

    /// Whether one document is mostly the other: at least `threshold` of one is in the other.
    pub fn is_near_duplicate(&self, threshold: NearDuplicate) -> bool {
        self.coverage() >= threshold.share()
    }

    /// The other document of the pair.
    pub fn other(&self, document: DocumentId) -> DocumentId {
        if document == self.a { self.b } else { self.a }
    }
}

/// The bytes covered by a set of ranges, overlaps counted once.
pub(crate) fn covered(mut ranges: Vec<Range<usize>>) -> usize {
    ranges.sort_by_key(|range| range.start);
    let mut total = 0;
    let mut reach = 0;
    for range in ranges {
        let start = range.start.max(reach);
        if range.end > start {
            total += range.end - start;
        }
        reach = reach.max(range.end);
    }
    total
}

/// The length of a document's analysed text: its body without set-aside paragraphs.
pub(crate) fn analysed_len(document: &Document) -> usize {
    let set_aside: Vec<Range<usize>> = document
        .boilerplate
        .iter()
        .map(|span| span.start().max(document.body.start())..span.end().min(document.body.end()))
        .filter(|range| range.start < range.end)
        .collect();
    document.body.len().saturating_sub(covered(set_aside))
}

/// Document pairs that share text, the most shared first.
pub fn shared_pairs(documents: &[Document], passages: &[Passage]) -> Vec<SharedPair> {
    // The ranges each pair shares, in the first document and in the second.
    type Ranges = (Vec<Range<usize>>, Vec<Range<usize>>);
    let mut by_pair: HashMap<(DocumentId, DocumentId), Ranges> = HashMap::new();
    for passage in passages {
        let entry = by_pair.entry((passage.a, passage.b)).or_default();
        entry.0.push(passage.a_range.clone());
        entry.1.push(passage.b_range.clone());
    }
    let length = |id: DocumentId| {
        documents
            .binary_search_by_key(&id, |document| document.id)
            .ok()
            .map_or(0, |index| analysed_len(&documents[index]))
    };
    #[allow(clippy::cast_precision_loss)] // Shares of text need no more than f32's precision.
    let share = |bytes: usize, of: usize| {
        if of == 0 {
            0.0
        } else {
            (bytes as f32 / of as f32).min(1.0)
        }
    };
    let mut pairs: Vec<SharedPair> = by_pair
        .into_iter()
        .map(|((a, b), (a_ranges, b_ranges))| SharedPair {
            a,
            b,
            passages: a_ranges.len(),
            a_covered: share(covered(a_ranges), length(a)),
            b_covered: share(covered(b_ranges), length(b)),
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.coverage()
            .total_cmp(&x.coverage())
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(id: u32, text: &str) -> Document {
        let mut document = crate::import::document_from_bytes(text.as_bytes(), "t.txt")
            .expect("imports")
            .document;
        document.id = DocumentId(id);
        document
    }

    const PLANTED: &str = "Taliban fighters were moving towards the valley on Sunday, the group said, as the last pocket of armed opposition to the new rulers refused to lay down its weapons a week after the fall of the capital, while elders tried to broker talks between the two sides";

    #[test]
    fn a_planted_passage_with_one_changed_word_is_found_with_its_ranges() {
        let changed = PLANTED.replace("moving towards", "heading towards");
        let a = format!(
            "Wire report\n\nResidents reported heavy traffic on the northern road before dawn. {PLANTED}. Officials declined to comment on the matter.\n"
        );
        let b = format!(
            "Relay story\n\nIn other news the currency fell again against the dollar in early trading. {changed}. Markets were closed for the holiday weekend.\n"
        );
        let found = shared_passages(&[document(1, &a), document(2, &b)]);
        assert_eq!(found.len(), 1, "{found:?}");
        let passage = &found[0];
        let in_a = &a[passage.a_range.clone()];
        let in_b = &b[passage.b_range.clone()];
        assert!(
            in_a.starts_with("Taliban fighters") && in_a.ends_with("the two sides"),
            "{in_a}"
        );
        assert!(
            in_b.starts_with("Taliban fighters") && in_b.ends_with("the two sides"),
            "{in_b}"
        );
        assert!(
            passage.score > 0.6 && passage.score < 1.0,
            "{}",
            passage.score
        );
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        let a = "Heavy rain flooded the market district on Tuesday and several shops were closed while the municipality sent pumps and workers to clear the drains before evening prayers began in the old town.";
        let b = "The football season opened with a surprise as the visiting side scored twice in the second half and the home supporters left early, complaining about the referee and the price of tickets.";
        assert!(shared_passages(&[document(1, a), document(2, b)]).is_empty());
    }

    #[test]
    fn a_passage_repeated_twice_maps_to_both_places() {
        let a = format!(
            "First telling\n\n{PLANTED}.\n\nThe story was repeated at the end of the bulletin for late listeners: {PLANTED}.\n"
        );
        let b = format!("Other outlet\n\nAccording to a wire report, {PLANTED}.\n");
        let found = shared_passages(&[document(1, &a), document(2, &b)]);
        assert_eq!(found.len(), 2, "{found:?}");
        let starts: Vec<usize> = found.iter().map(|passage| passage.a_range.start).collect();
        assert_ne!(starts[0], starts[1]);
        for passage in &found {
            assert_eq!(&a[passage.a_range.clone()], PLANTED);
            assert_eq!(&b[passage.b_range.clone()], PLANTED);
            assert!((passage.score - 1.0).abs() < f32::EPSILON);
        }
    }

    #[test]
    fn accents_and_case_do_not_hide_a_copy() {
        let text = "La résistance affirme tenir toujours les positions stratégiques de la vallée malgré l'avancée des combattants venus du sud et les bombardements de la nuit dernière sur les villages.";
        let folded = text.to_uppercase().replace('é', "e");
        let found = shared_passages(&[document(1, text), document(2, &folded)]);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_wire_item_inside_a_longer_report_is_a_near_duplicate_and_a_quote_is_not() {
        let wire = document(1, &format!("Wire\n\n{PLANTED}.\n"));
        let relay = document(
            2,
            &format!(
                "Relay\n\nOur correspondent adds background on the roads and the weather. \
                 {PLANTED}. Shops in the capital reopened slowly while banks stayed closed and \
                 long queues formed outside them from the early morning until the afternoon, \
                 with customers hoping to withdraw their savings before prices rose again.\n"
            ),
        );
        let long = "The province has a long history of resistance to outside rulers, from the \
            campaigns of the nineteenth century to the wars of the eighties, when its commanders \
            held the valley against repeated offensives and became known far beyond the country. ";
        let quoting = document(
            3,
            &format!("Essay\n\n{}{PLANTED}. {}\n", long.repeat(3), long.repeat(3)),
        );
        let documents = [wire, relay, quoting];
        let pairs = shared_pairs(&documents, &shared_passages(&documents));
        let pair = |a: u32, b: u32| {
            pairs
                .iter()
                .find(|pair| (pair.a, pair.b) == (DocumentId(a), DocumentId(b)))
                .expect("the pair shares text")
        };
        let usual = NearDuplicate::default();
        assert!(pair(1, 2).is_near_duplicate(usual), "{pairs:?}");
        assert!(pair(1, 2).a_covered > 0.9 && pair(1, 2).b_covered < 0.7);
        assert!(
            pair(1, 3).is_near_duplicate(usual),
            "the wire item is wholly quoted"
        );
        assert!(
            !pair(2, 3).is_near_duplicate(usual),
            "sharing one paragraph of long texts: {pairs:?}"
        );
        assert_eq!(pairs[0].passages, 1);
        // The user's threshold decides: at 20%, the one paragraph the relay shares with the
        // essay is enough; at 100%, nothing short of a whole copy is.
        let loose = NearDuplicate::new(20).expect("in range");
        let strict = NearDuplicate::new(100).expect("in range");
        assert!(pair(2, 3).is_near_duplicate(loose), "{pairs:?}");
        assert!(!pair(2, 3).is_near_duplicate(strict));
    }
}
