//! Search across documents: keyword in context, forgiving case and accents by default, and
//! finding the other spellings of a name the user types.

use crate::model::{DocumentId, Project, context_bounds};
use crate::text::fold::{fold, push_folded};
use crate::text::one_line;
use rayon::prelude::*;
use std::ops::Range;

/// How to match a query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Match case and accents exactly.
    pub exact_case: bool,
    /// Match whole words only.
    pub whole_words: bool,
    /// Read the query as a regular expression.
    pub regex: bool,
    /// Search only this document.
    pub document: Option<DocumentId>,
}

/// One hit: where it is. Its words in context are built when shown ([`Hit::in_context`]), not
/// for each of the hundreds of thousands a common name can have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The document.
    pub document: DocumentId,
    /// Byte range of the hit in the document's text.
    pub range: Range<usize>,
}

/// A hit as keyword in context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InContext {
    /// Up to [`CONTEXT_CHARS`] characters before the hit, on one line.
    pub before: String,
    /// The hit as written.
    pub hit: String,
    /// Up to [`CONTEXT_CHARS`] characters after the hit, on one line.
    pub after: String,
}

impl Hit {
    /// The hit and the words around it, within the document's body; `None` when `project` no
    /// longer holds the document or the hit does not fit its text.
    pub fn in_context(&self, project: &Project) -> Option<InContext> {
        let document = project.document(self.document)?;
        let offset = document.body.start();
        let body = document.body_text();
        let range = self.range.start.checked_sub(offset)?..self.range.end.checked_sub(offset)?;
        let hit = body.get(range.clone())?.to_owned();
        let (before, after) = context(body, &range, CONTEXT_CHARS);
        Some(InContext { before, hit, after })
    }
}

/// The results of a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// Hits in document order, then position.
    pub hits: Vec<Hit>,
    /// Other spellings searched because the query names an entity that has them.
    pub also_searched: Vec<String>,
}

/// Characters of context on each side of a hit.
pub const CONTEXT_CHARS: usize = 50;

/// Why a query cannot run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The regular expression does not parse.
    #[error("the regular expression is not valid: {0}")]
    BadRegex(String),
    /// The query is empty.
    #[error("the query is empty")]
    Empty,
}

/// A document body folded for matching (lower case, no accents), with the way back to the
/// original byte offsets. Built once per version of the project and kept for every query.
#[derive(Clone, Debug, Default)]
pub struct FoldedBody {
    text: String,
    /// Characters whose folded form is not as long as they are, in order: everywhere else
    /// the folded and original text advance byte for byte.
    jumps: Vec<Jump>,
}

#[derive(Clone, Copy, Debug)]
struct Jump {
    /// Where its folded form starts.
    folded: u32,
    /// Where the character starts in the original.
    original: u32,
    /// Length of its folded form.
    folded_len: u16,
    /// Its length in the original.
    original_len: u8,
}

impl FoldedBody {
    /// Folds `text`; texts longer than 4 GB are not imported, so offsets fit in 32 bits.
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut jumps = Vec::new();
        let mut rest = text;
        let mut original = 0;
        while !rest.is_empty() {
            // Runs of ASCII, most of most texts, are copied and lower-cased in one go.
            let ascii = rest
                .bytes()
                .position(|byte| !byte.is_ascii())
                .unwrap_or(rest.len());
            if ascii > 0 {
                let start = folded.len();
                folded.push_str(&rest[..ascii]);
                folded[start..].make_ascii_lowercase();
                rest = &rest[ascii..];
                original += ascii;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            let start = folded.len();
            push_folded(c, &mut folded);
            let folded_len = folded.len() - start;
            // A character folded to one of the same length maps byte for byte; one folded to
            // several ("œ" to "oe") is a jump even when the lengths agree.
            if folded_len != c.len_utf8() || folded[start..].chars().nth(1).is_some() {
                jumps.push(Jump {
                    folded: u32::try_from(start).unwrap_or(u32::MAX),
                    original: u32::try_from(original).unwrap_or(u32::MAX),
                    folded_len: u16::try_from(folded_len).unwrap_or(u16::MAX),
                    original_len: u8::try_from(c.len_utf8()).unwrap_or(4),
                });
            }
            rest = &rest[c.len_utf8()..];
            original += c.len_utf8();
        }
        Self {
            text: folded,
            jumps,
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The start, in the original, of the character whose folded form holds the character
    /// starting at byte `folded` (or, one past the end, the original's length).
    pub fn original(&self, folded: usize) -> usize {
        let index = self
            .jumps
            .partition_point(|jump| jump.folded as usize <= folded);
        let Some(jump) = index.checked_sub(1).map(|index| self.jumps[index]) else {
            return folded;
        };
        let end = jump.folded as usize + usize::from(jump.folded_len);
        if folded < end {
            jump.original as usize
        } else {
            jump.original as usize + usize::from(jump.original_len) + (folded - end)
        }
    }

    /// The original range of the characters whose folded forms `range` touches.
    pub fn original_range(&self, original: &str, range: Range<usize>) -> Range<usize> {
        let start = self.original(range.start);
        let last = self.original(range.end.saturating_sub(1).max(range.start));
        let end = last + original[last..].chars().next().map_or(0, char::len_utf8);
        start..end.max(start)
    }
}

/// Every document body folded, for searches that ignore case and accents; build it once per
/// version of the project and pass it to [`search_with`].
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    bodies: std::collections::HashMap<DocumentId, FoldedBody>,
}

impl SearchIndex {
    /// Folds every document of the project, on every core.
    pub fn build(project: &Project) -> Self {
        crate::frame_guard::heavy("indexing every document for search");
        let bodies = project
            .documents
            .par_iter()
            .map(|document| (document.id, FoldedBody::new(document.body_text())))
            .collect();
        Self { bodies }
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Up to `chars` characters before and after `range` in `text`, each on one line, keeping the
/// space that parts them from the passage.
pub fn context(text: &str, range: &Range<usize>, chars: usize) -> (String, String) {
    let bounds = context_bounds(text, range.clone(), chars);
    let mut before = one_line(&text[bounds.start..range.start]);
    if text[..range.start].ends_with(char::is_whitespace) && !before.is_empty() {
        before.push(' ');
    }
    let mut after = one_line(&text[range.end..bounds.end]);
    if text[range.end..].starts_with(char::is_whitespace) && !after.is_empty() {
        after.insert(0, ' ');
    }
    (before, after)
}

/// Searches the bodies of the project's documents; a query that names one of `entities` finds
/// its other spellings too.
pub fn search(
    project: &Project,
    entities: &[crate::model::Entity],
    query: &str,
    options: &SearchOptions,
) -> Result<Results, SearchError> {
    search_with(project, entities, None, query, options)
}

/// Searches the bodies of the project's documents, using `index` (built from this version of
/// the project) for the folded text where given, or folding each body as it goes.
pub fn search_with(
    project: &Project,
    entities: &[crate::model::Entity],
    index: Option<&SearchIndex>,
    query: &str,
    options: &SearchOptions,
) -> Result<Results, SearchError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(SearchError::Empty);
    }
    let mut patterns = vec![query.to_owned()];
    let mut also_searched = Vec::new();
    if !options.regex {
        // A name finds the other spellings of its entity.
        let folded = fold(query);
        if let Some(entity) = entities.iter().find(|entity| {
            entity
                .variants
                .iter()
                .chain([&entity.name])
                .any(|name| fold(name) == folded)
        }) {
            for variant in &entity.variants {
                if fold(variant) != folded && !also_searched.contains(variant) {
                    also_searched.push(variant.clone());
                    patterns.push(variant.clone());
                }
            }
        }
    }
    let matcher = if options.regex {
        let mut builder = regex::RegexBuilder::new(query);
        builder.case_insensitive(!options.exact_case);
        Matcher::Regex(
            builder
                .build()
                .map_err(|error| SearchError::BadRegex(error.to_string()))?,
        )
    } else {
        let needles: Vec<String> = if options.exact_case {
            patterns
        } else {
            patterns
                .iter()
                .map(|pattern| fold(pattern))
                .filter(|needle| !needle.is_empty())
                .collect()
        };
        // Every spelling in one pass over the text, the longest where two start together;
        // for whole words, every match, so a longer one that is not a word hides no shorter one.
        let kind = if options.whole_words {
            aho_corasick::MatchKind::Standard
        } else {
            aho_corasick::MatchKind::LeftmostLongest
        };
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(kind)
            .build(&needles)
            .map_err(|error| SearchError::BadRegex(error.to_string()))?;
        Matcher::Words {
            automaton,
            folded: !options.exact_case,
        }
    };
    // Each document is searched on its own, on every core; hits stay in document order.
    let per_document: Vec<Vec<Hit>> = project
        .documents
        .par_iter()
        .filter(|document| options.document.is_none_or(|only| only == document.id))
        .map(|document| {
            let offset = document.body.start();
            let body = document.body_text();
            let mut ranges: Vec<Range<usize>> = match &matcher {
                Matcher::Regex(expression) => expression
                    .find_iter(body)
                    .filter(|found| !found.is_empty())
                    .map(|found| found.range())
                    .collect(),
                Matcher::Words {
                    automaton,
                    folded: false,
                } => find_all(automaton, body, options.whole_words)
                    .map(|found| found.range())
                    .collect(),
                Matcher::Words {
                    automaton,
                    folded: true,
                } => {
                    let folded_here;
                    let folded = match index.and_then(|index| index.bodies.get(&document.id)) {
                        Some(folded) => folded,
                        None => {
                            folded_here = FoldedBody::new(body);
                            &folded_here
                        }
                    };
                    find_all(automaton, folded.text(), options.whole_words)
                        .map(|found| folded.original_range(body, found.range()))
                        .collect()
                }
            };
            if options.whole_words {
                ranges.retain(|range| is_word_boundary(body, range.start, range.end));
            }
            ranges.sort_by_key(|range| range.start);
            ranges.dedup_by(|later, earlier| later.start < earlier.end);
            ranges
                .into_iter()
                .map(|range| Hit {
                    document: document.id,
                    range: offset + range.start..offset + range.end,
                })
                .collect()
        })
        .collect();
    Ok(Results {
        hits: per_document.into_iter().flatten().collect(),
        also_searched,
    })
}

/// The matches of `automaton` in `text`: all of them, overlapping, or the leftmost-longest.
fn find_all<'a>(
    automaton: &'a aho_corasick::AhoCorasick,
    text: &'a str,
    overlapping: bool,
) -> Box<dyn Iterator<Item = aho_corasick::Match> + 'a> {
    if overlapping {
        Box::new(automaton.find_overlapping_iter(text))
    } else {
        Box::new(automaton.find_iter(text))
    }
}

/// How a query finds its hits.
enum Matcher {
    /// A regular expression over the original text.
    Regex(regex::Regex),
    /// The query and its other spellings, matched over the folded text when `folded`.
    Words {
        /// Every spelling, in one automaton.
        automaton: aho_corasick::AhoCorasick,
        /// Whether case and accents are ignored.
        folded: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityId, EntityKind, EntityOrigin};

    fn project() -> Project {
        let mut project = Project::new("search");
        for (index, text) in [
            "Fighting in the Panjshir valley. PANJSHIR holds; the panjshiri fighters rest.",
            "La vallée du Panchir résiste. Élysée et élysée.",
        ]
        .iter()
        .enumerate()
        {
            let mut document = crate::import::document_from_bytes(text.as_bytes(), "t.txt")
                .expect("imports")
                .document;
            document.id = DocumentId(u32::try_from(index).unwrap_or_default() + 1);
            project.documents.insert(document);
        }
        project.entities.insert(Entity {
            id: EntityId(1),
            name: "Panjshir".into(),
            kind: EntityKind::Place,
            variants: vec!["PANJSHIR".into(), "Panchir".into(), "Panjshir".into()],
            hidden: false,
            origin: EntityOrigin::Detected,
        });
        project
    }

    fn hits(project: &Project, query: &str, options: &SearchOptions) -> Vec<String> {
        search(project, &project.entities, query, options)
            .expect("searches")
            .hits
            .into_iter()
            .map(|hit| hit.in_context(project).expect("in the project").hit)
            .collect()
    }

    /// Each folded byte's original offset, one character at a time: the slow, obvious way.
    fn naive_map(text: &str) -> (String, Vec<usize>) {
        let mut folded = String::new();
        let mut map = Vec::new();
        for (index, c) in text.char_indices() {
            let piece = fold(c.encode_utf8(&mut [0u8; 4]));
            map.extend(std::iter::repeat_n(index, piece.len()));
            folded.push_str(&piece);
        }
        map.push(text.len());
        (folded, map)
    }

    proptest::proptest! {
        #[test]
        fn folded_offsets_lead_back_to_the_original(text in "(\\PC|[ÉéœŒßﬁ’İ]){0,40}") {
            let body = FoldedBody::new(&text);
            let (folded, map) = naive_map(&text);
            proptest::prop_assert_eq!(body.text(), folded.as_str());
            // Matches start and end on characters of the folded text.
            for (byte, original) in map.iter().enumerate() {
                if folded.is_char_boundary(byte) {
                    proptest::prop_assert_eq!(body.original(byte), *original, "byte {}", byte);
                }
            }
        }
    }

    #[test]
    fn a_hit_inside_a_ligature_or_an_accent_covers_the_whole_character() {
        let text = "Cœur d’Élysée, İstanbul";
        let body = FoldedBody::new(text);
        let at = |needle: &str| {
            let start = body.text().find(needle).expect("found");
            &text[body.original_range(text, start..start + needle.len())]
        };
        assert_eq!(at("coe"), "Cœ");
        assert_eq!(at("e"), "œ");
        assert_eq!(at("d'elysee"), "d’Élysée");
        assert_eq!(at("stanbul"), "stanbul");
    }

    #[test]
    fn a_whole_word_is_found_where_a_longer_spelling_starts_at_the_same_place() {
        let mut project = project();
        if let Some(entity) = project.entities.iter_mut().next() {
            entity.variants.push("Panjshiri".into());
        }
        let whole = SearchOptions {
            whole_words: true,
            ..SearchOptions::default()
        };
        let found = hits(&project, "Panchir", &whole);
        assert!(found.contains(&"panjshiri".to_owned()), "{found:?}");
        assert!(found.contains(&"Panjshir".to_owned()), "{found:?}");
    }

    #[test]
    fn case_and_accents_are_ignored_by_default() {
        let project = project();
        assert_eq!(
            hits(&project, "elysee", &SearchOptions::default()),
            ["Élysée", "élysée"]
        );
        assert_eq!(
            hits(
                &project,
                "Élysée",
                &SearchOptions {
                    exact_case: true,
                    ..SearchOptions::default()
                }
            ),
            ["Élysée"]
        );
    }

    #[test]
    fn a_name_finds_its_other_spellings_and_says_so() {
        let project = project();
        let results = search(
            &project,
            &project.entities,
            "panjshir",
            &SearchOptions {
                whole_words: true,
                ..SearchOptions::default()
            },
        )
        .expect("searches");
        let found: Vec<String> = results
            .hits
            .iter()
            .map(|hit| hit.in_context(&project).expect("in the project").hit)
            .collect();
        assert_eq!(found, ["Panjshir", "PANJSHIR", "Panchir"]);
        assert_eq!(results.also_searched, ["Panchir"]);
        assert_eq!(
            hits(&project, "panjshir", &SearchOptions::default()).len(),
            4,
            "without whole words, 'panjshiri' matches too"
        );
    }

    #[test]
    fn keyword_in_context_and_offsets() {
        let project = project();
        let results = search(
            &project,
            &project.entities,
            "résiste",
            &SearchOptions::default(),
        )
        .expect("searches");
        let hit = &results.hits[0];
        let shown = hit.in_context(&project).expect("in the project");
        assert_eq!(shown.before, "La vallée du Panchir ");
        assert_eq!(shown.hit, "résiste");
        assert_eq!(shown.after, ". Élysée et élysée.");
        let text = &project.document(hit.document).expect("document").text;
        assert_eq!(&text[hit.range.clone()], "résiste");
    }

    #[test]
    fn regular_expressions_and_their_errors() {
        let project = project();
        assert_eq!(
            hits(
                &project,
                r"Pan\w+r",
                &SearchOptions {
                    regex: true,
                    ..SearchOptions::default()
                }
            ),
            ["Panjshir", "PANJSHIR", "panjshir", "Panchir"]
        );
        assert_eq!(
            hits(
                &project,
                r"\bPan\w+r\b",
                &SearchOptions {
                    regex: true,
                    exact_case: true,
                    ..SearchOptions::default()
                }
            ),
            ["Panjshir", "Panchir"]
        );
        assert!(matches!(
            search(
                &project,
                &project.entities,
                "(unclosed",
                &SearchOptions {
                    regex: true,
                    ..SearchOptions::default()
                }
            ),
            Err(SearchError::BadRegex(_))
        ));
        assert!(matches!(
            search(&project, &project.entities, "  ", &SearchOptions::default()),
            Err(SearchError::Empty)
        ));
    }
}
