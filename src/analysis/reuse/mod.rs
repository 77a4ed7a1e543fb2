//! Reuse clusters: one passage and every copy of it, as passim reports text reuse in news
//! archives. A wire dispatch reprinted by a thousand outlets is one cluster of a thousand
//! copies, not half a million pairs.
//!
//! Each document's words are folded and hashed, and winnowed fingerprints of overlapping
//! [`SHINGLE`]-word runs are gathered in one list sorted by fingerprint. For each fingerprint
//! found in several documents, every copy is matched with one copy only: the one in the
//! earliest-dated document (the likely origin), so the matches grow with the number of copies,
//! not with its square. Matches along the same diagonal of two documents are chained and
//! stretched word by word into aligned passages, as in [`super::passages`]. Overlapping
//! passages of a document are one copy, and copies joined by a passage are one cluster. Each
//! copy is scored against the cluster's origin: the share of five-word runs they have in
//! common. Set-aside paragraphs are left out.

use super::BodyKey;
use super::passages::{
    Passage, SHINGLE, SharedPair, analysed_len, chains, covered, stretch, winnow,
};
use super::words::words;
use crate::model::{Document, DocumentId, NearDuplicate};
use crate::text::fold::push_folded;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

/// One copy of a reused passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Copy {
    /// The document it is in.
    pub document: DocumentId,
    /// Where it is, in bytes of the document's text.
    pub range: Range<usize>,
    /// How alike it is to the cluster's origin, from 0 to 1 (1 for the same words; the
    /// origin itself scores 1).
    pub score: f32,
}

/// A passage and all its copies: the first is the origin (the copy in the earliest-dated
/// document, the smaller id on a tie), the others are reprints in the order of their
/// documents' dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Its number, from 1, in the order clusters are listed (the largest first).
    pub id: u32,
    /// Every copy, the origin first.
    pub copies: Vec<Copy>,
}

impl Cluster {
    /// The copy in the earliest-dated document: the likely origin.
    pub fn origin(&self) -> &Copy {
        &self.copies[0]
    }

    /// How many documents carry the passage (a document may carry it twice).
    pub fn documents(&self) -> usize {
        let mut seen: Vec<DocumentId> = self.copies.iter().map(|copy| copy.document).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

/// The reuse clusters of a corpus, with the copies each document holds.
#[derive(Clone, Debug, Default)]
pub struct Reuse {
    /// The clusters, the largest first.
    pub clusters: Vec<Cluster>,
    /// For each document, its copies: (index into `clusters`, index into its `copies`).
    by_document: HashMap<DocumentId, Vec<(u32, u32)>>,
    /// For each document in a cluster, the document it shares the most text with, as a pair.
    closest: HashMap<DocumentId, SharedPair>,
}

impl Reuse {
    /// The reuse clusters of `documents`.
    pub fn find(documents: &[Document]) -> Self {
        Self::find_with(documents, &WordCache::default())
    }

    /// The reuse clusters of `documents`, reading only the documents `cache` has not read
    /// before (it then keeps exactly these documents' words): a corpus one import larger
    /// reads one document.
    pub fn find_with(documents: &[Document], cache: &WordCache) -> Self {
        crate::frame_guard::heavy("finding reuse clusters in every document");
        let read = cache.read(documents);
        let clusters = clusters(documents, &read);
        let mut by_document: HashMap<DocumentId, Vec<(u32, u32)>> = HashMap::new();
        for (index, cluster) in clusters.iter().enumerate() {
            for (copy_index, copy) in cluster.copies.iter().enumerate() {
                by_document
                    .entry(copy.document)
                    .or_default()
                    .push((to_u32(index), to_u32(copy_index)));
            }
        }
        let mut reuse = Self {
            clusters,
            by_document,
            closest: HashMap::new(),
        };
        reuse.closest = reuse.closest_copies(documents);
        reuse
    }

    /// The copies in `document`, with their clusters.
    pub fn in_document(&self, document: DocumentId) -> impl Iterator<Item = (&Cluster, &Copy)> {
        self.by_document
            .get(&document)
            .into_iter()
            .flatten()
            .map(|&(cluster, copy)| {
                let cluster = &self.clusters[cluster as usize];
                (cluster, &cluster.copies[copy as usize])
            })
    }

    /// The passages two documents share, from the clusters both are in: each copy in `a` with
    /// each copy in `b`, scored by the lower of the two copies' scores. `a` and `b` come out
    /// in id order.
    pub fn between(&self, a: DocumentId, b: DocumentId) -> Vec<Passage> {
        let (a, b) = (a.min(b), a.max(b));
        if a == b {
            return Vec::new();
        }
        let mut found = Vec::new();
        for (cluster, here) in self.in_document(a) {
            for there in cluster.copies.iter().filter(|copy| copy.document == b) {
                found.push(Passage {
                    a,
                    b,
                    a_range: here.range.clone(),
                    b_range: there.range.clone(),
                    score: here.score.min(there.score),
                });
            }
        }
        found.sort_by_key(|passage| (passage.a_range.start, passage.b_range.start));
        found
    }

    /// How many document pairs the clusters imply (every two documents of a cluster).
    pub fn pair_count(&self) -> usize {
        self.clusters
            .iter()
            .map(|cluster| {
                let documents = cluster.documents();
                documents * documents.saturating_sub(1) / 2
            })
            .sum()
    }

    /// Each document in a cluster with the document it shares the most text with, by id.
    pub fn closest(&self) -> &HashMap<DocumentId, SharedPair> {
        &self.closest
    }

    /// Each document that is a near-duplicate of another from `threshold` on, with its
    /// closest copy.
    pub fn near_duplicates(&self, threshold: NearDuplicate) -> HashMap<DocumentId, SharedPair> {
        self.closest
            .iter()
            .filter(|(_, pair)| pair.is_near_duplicate(threshold))
            .map(|(document, pair)| (*document, pair.clone()))
            .collect()
    }

    /// For each document with copies, the document it shares the most with: in each cluster,
    /// a reprint is set against the origin and the origin against its first reprint, and the
    /// shares are summed by partner; a linear pass, however large the clusters.
    fn closest_copies(&self, documents: &[Document]) -> HashMap<DocumentId, SharedPair> {
        let length = |id: DocumentId| {
            documents
                .binary_search_by_key(&id, |document| document.id)
                .ok()
                .map_or(0, |index| analysed_len(&documents[index]))
        };
        let mut closest = HashMap::new();
        for (&document, copies) in &self.by_document {
            // Partner → (ranges here, ranges there, clusters shared).
            type Shared = (Vec<Range<usize>>, Vec<Range<usize>>, HashSet<u32>);
            let mut partners: HashMap<DocumentId, Shared> = HashMap::new();
            for &(cluster_index, copy_index) in copies {
                let cluster = &self.clusters[cluster_index as usize];
                let here = &cluster.copies[copy_index as usize];
                let Some(there) = cluster.copies.iter().find(|copy| copy.document != document)
                else {
                    continue;
                };
                let entry = partners.entry(there.document).or_default();
                entry.0.push(here.range.clone());
                entry.1.push(there.range.clone());
                entry.2.insert(cluster_index);
            }
            let best = partners
                .into_iter()
                .map(|(partner, (here, there, clusters))| {
                    let mine = share(covered(here), length(document));
                    let theirs = share(covered(there), length(partner));
                    (partner, mine, theirs, clusters.len())
                })
                .max_by(|x, y| x.1.max(x.2).total_cmp(&y.1.max(y.2)).then(y.0.cmp(&x.0)));
            if let Some((partner, mine, theirs, passages)) = best {
                let (a, b, a_covered, b_covered) = if document < partner {
                    (document, partner, mine, theirs)
                } else {
                    (partner, document, theirs, mine)
                };
                closest.insert(
                    document,
                    SharedPair {
                        a,
                        b,
                        passages,
                        a_covered,
                        b_covered,
                    },
                );
            }
        }
        closest
    }
}

#[allow(clippy::cast_precision_loss)] // Shares of text need no more than f32's precision.
fn share(bytes: usize, of: usize) -> f32 {
    if of == 0 {
        0.0
    } else {
        (bytes as f32 / of as f32).min(1.0)
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// What clustering keeps of one document's text: its folded words as hashes, and the winnowed
/// fingerprints of its runs of words with the position of each.
#[derive(Debug)]
struct Read {
    words: Vec<u32>,
    /// The fingerprints, and beside them the position of each (two lists: 12 bytes a print
    /// where a list of pairs would take 16).
    prints: Vec<u64>,
    positions: Vec<u32>,
}

impl Read {
    fn of(document: &Document) -> Self {
        let words = word_hashes(document);
        let (prints, positions) = winnow(&shingles(&words))
            .into_iter()
            .map(|(hash, position)| (hash, to_u32(position)))
            .unzip();
        Self {
            words,
            prints,
            positions,
        }
    }
}

/// Each document's reading for clustering, by what its analysed body depends on, worked out
/// once per text.
#[derive(Debug, Default)]
pub struct WordCache(Mutex<HashMap<BodyKey, Arc<Read>>>);

impl WordCache {
    /// The reading of each of `documents`, in order, read where the cache does not have
    /// it; afterwards the cache holds these documents' only, so it never outgrows the
    /// project.
    fn read(&self, documents: &[Document]) -> Vec<Arc<Read>> {
        let keys: Vec<BodyKey> = documents.iter().map(BodyKey::of).collect();
        let known: Vec<Option<Arc<Read>>> = {
            let cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            keys.iter().map(|key| cache.get(key).cloned()).collect()
        };
        let read: Vec<Arc<Read>> = documents
            .par_iter()
            .zip(known)
            .map(|(document, known)| known.unwrap_or_else(|| Arc::new(Read::of(document))))
            .collect();
        let kept: HashMap<BodyKey, Arc<Read>> =
            keys.into_iter().zip(read.iter().cloned()).collect();
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = kept;
        read
    }
}

/// A document's folded words, as hashes: all the clustering keeps of its text.
fn word_hashes(document: &Document) -> Vec<u32> {
    let body = document.analysed_body();
    let mut folded = String::new();
    words(&body)
        .iter()
        .map(|word| {
            folded.clear();
            for c in word.text.chars() {
                push_folded(c, &mut folded);
            }
            let mut hasher = std::hash::DefaultHasher::new();
            folded.hash(&mut hasher);
            // The low half of the hash: a collision only ever makes two words look alike.
            #[allow(clippy::cast_possible_truncation)]
            let hash = hasher.finish() as u32;
            hash
        })
        .collect()
}

/// The hash of a run of words.
fn shingle(run: &[u32]) -> u64 {
    run.iter().fold(0x9E37_79B9_7F4A_7C15_u64, |hash, &word| {
        (hash.rotate_left(23) ^ u64::from(word)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// The shingle hashes of a document's words.
fn shingles(words: &[u32]) -> Vec<u64> {
    if words.len() < SHINGLE {
        Vec::new()
    } else {
        words.windows(SHINGLE).map(shingle).collect()
    }
}

/// A match of one fingerprint: (document of the origin's copy, the other document, position
/// in the first, position in the other).
type Match = (u32, u32, u32, u32);

/// Matches every copy of each shared fingerprint with the copy in the earliest document (by
/// `rank`); fingerprints repeated within documents are formulas and left out.
fn matches(prints: &[(u64, u32, u32)], rank: &[u32]) -> Vec<Match> {
    let mut found = Vec::new();
    let mut start = 0;
    while start < prints.len() {
        let hash = prints[start].0;
        let mut end = start + 1;
        while end < prints.len() && prints[end].0 == hash {
            end += 1;
        }
        let run = &prints[start..end];
        start = end;
        if run.len() < 2 {
            continue;
        }
        // The run is sorted by document: count documents, find the earliest.
        let mut documents = 1;
        for pair in run.windows(2) {
            if pair[0].1 != pair[1].1 {
                documents += 1;
            }
        }
        if documents < 2 || run.len() > documents * 2 {
            continue;
        }
        let Some(pivot) = run
            .iter()
            .map(|print| print.1)
            .min_by_key(|&d| rank[d as usize])
        else {
            continue;
        };
        for &(_, pivot_document, pivot_position) in run.iter().filter(|print| print.1 == pivot) {
            for &(_, other, position) in run.iter().filter(|print| print.1 != pivot) {
                found.push((pivot_document, other, pivot_position, position));
            }
        }
    }
    found
}

/// A stretch of a document's words (inclusive) that one or more passages cover.
#[derive(Clone, Copy, Debug)]
struct Span {
    document: u32,
    start: usize,
    last: usize,
}

/// Keeps the representative of each set.
struct Sets(Vec<usize>);

impl Sets {
    fn root(&mut self, mut item: usize) -> usize {
        while self.0[item] != item {
            self.0[item] = self.0[self.0[item]];
            item = self.0[item];
        }
        item
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// The share of five-word runs two stretches of words have in common (of those in either).
#[allow(clippy::cast_precision_loss)] // A score needs no more than f32's precision.
fn alike(first: &[u32], second: &[u32]) -> f32 {
    let runs = |words: &[u32]| -> HashSet<u64> { shingles(words).into_iter().collect() };
    let (a, b) = (runs(first), runs(second));
    let union = a.union(&b).count().max(1);
    a.intersection(&b).count() as f32 / union as f32
}

/// The reuse clusters of `documents`, the largest first.
fn clusters(documents: &[Document], read: &[Arc<Read>]) -> Vec<Cluster> {
    // The earliest-dated document ranks first; undated ones after every dated one.
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let key = |index: &usize| {
        let document = &documents[*index];
        (document.date.is_none(), document.date, document.id)
    };
    order.sort_by_key(key);
    let mut rank = vec![0_u32; documents.len()];
    for (position, &index) in order.iter().enumerate() {
        rank[index] = to_u32(position);
    }
    let hashed: Vec<&[u32]> = read.iter().map(|read| read.words.as_slice()).collect();
    let mut prints: Vec<(u64, u32, u32)> = read
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, read)| {
            let document = to_u32(index);
            read.prints
                .iter()
                .zip(&read.positions)
                .map(move |(&hash, &position)| (hash, document, position))
        })
        .collect();
    prints.par_sort_unstable();
    let mut found = matches(&prints, &rank);
    drop(prints);
    found.par_sort_unstable();
    // One group of matches per pair of documents, aligned on every core.
    let mut groups = Vec::new();
    let mut start = 0;
    while start < found.len() {
        let pair = (found[start].0, found[start].1);
        let mut end = start + 1;
        while end < found.len() && (found[end].0, found[end].1) == pair {
            end += 1;
        }
        groups.push(start..end);
        start = end;
    }
    let passages: Vec<[Span; 2]> = groups
        .into_par_iter()
        .flat_map_iter(|group| {
            let (first, second) = (found[group.start].0, found[group.start].1);
            let positions: Vec<(usize, usize)> = found[group]
                .iter()
                .map(|&(_, _, a, b)| (a as usize, b as usize))
                .collect();
            let (first_words, second_words) = (&hashed[first as usize], &hashed[second as usize]);
            chains(&positions)
                .into_iter()
                .filter_map(|chain| stretch(first_words, second_words, &chain))
                .map(|[(start_a, last_a), (start_b, last_b)]| {
                    [
                        Span {
                            document: first,
                            start: start_a,
                            last: last_a,
                        },
                        Span {
                            document: second,
                            start: start_b,
                            last: last_b,
                        },
                    ]
                })
                .collect::<Vec<_>>()
        })
        .collect();
    drop(found);
    // Stretches of a document that are mostly the same words are one copy: sweep each
    // document's stretches in order, joining one to an open copy when they overlap by half the
    // longer of the two. A passage inside a whole copied report stays a copy of its own.
    let mut ends: Vec<(u32, usize, usize, usize)> = passages
        .iter()
        .enumerate()
        .flat_map(|(index, pair)| {
            pair.iter()
                .enumerate()
                .map(move |(side, span)| (span.document, span.start, span.last, index * 2 + side))
        })
        .collect();
    ends.sort_unstable();
    let mut copy_of_end = vec![0_usize; passages.len() * 2];
    let mut copies: Vec<Span> = Vec::new();
    // The copies of the current document that reach the current stretch.
    let mut open: Vec<usize> = Vec::new();
    for &(document, start, last, end) in &ends {
        open.retain(|&copy| copies[copy].document == document && copies[copy].last >= start);
        let joins = open.iter().copied().find(|&copy| {
            let copy = &copies[copy];
            let overlap = (copy.last.min(last) + 1).saturating_sub(copy.start.max(start));
            let longer = (copy.last + 1 - copy.start).max(last + 1 - start);
            overlap * 2 >= longer
        });
        let index = if let Some(index) = joins {
            copies[index].last = copies[index].last.max(last);
            index
        } else {
            copies.push(Span {
                document,
                start,
                last,
            });
            open.push(copies.len() - 1);
            copies.len() - 1
        };
        copy_of_end[end] = index;
    }
    let mut sets = Sets((0..copies.len()).collect());
    for index in 0..passages.len() {
        sets.join(copy_of_end[index * 2], copy_of_end[index * 2 + 1]);
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for copy in 0..copies.len() {
        members.entry(sets.root(copy)).or_default().push(copy);
    }
    let mut clusters: Vec<Vec<Span>> = members
        .into_values()
        .map(|mut indices| {
            indices.sort_by_key(|&copy| (rank[copies[copy].document as usize], copies[copy].start));
            indices.into_iter().map(|copy| copies[copy]).collect()
        })
        .collect();
    clusters.sort_by(|x, y| {
        y.len().cmp(&x.len()).then_with(|| {
            let origin = |cluster: &[Span]| (rank[cluster[0].document as usize], cluster[0].start);
            origin(x).cmp(&origin(y))
        })
    });
    // Byte ranges, from the words of the documents that have copies.
    let mut needed: Vec<u32> = copies.iter().map(|copy| copy.document).collect();
    needed.sort_unstable();
    needed.dedup();
    let spans: HashMap<u32, Vec<Range<usize>>> = needed
        .into_par_iter()
        .map(|index| {
            let document = &documents[index as usize];
            let offset = document.body.start();
            let body = document.analysed_body();
            let ranges = words(&body)
                .iter()
                .map(|word| offset + word.start..offset + word.end)
                .collect();
            (index, ranges)
        })
        .collect();
    clusters
        .into_par_iter()
        .enumerate()
        .map(|(index, spans_of_cluster)| {
            let origin = spans_of_cluster[0];
            let words_of = |span: &Span| &hashed[span.document as usize][span.start..=span.last];
            let origin_words = words_of(&origin);
            let copies = spans_of_cluster
                .iter()
                .enumerate()
                .map(|(position, span)| {
                    let ranges = &spans[&span.document];
                    Copy {
                        document: documents[span.document as usize].id,
                        range: ranges[span.start].start..ranges[span.last].end,
                        score: if position == 0 {
                            1.0
                        } else {
                            alike(origin_words, words_of(span))
                        },
                    }
                })
                .collect();
            Cluster {
                id: to_u32(index + 1),
                copies,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
