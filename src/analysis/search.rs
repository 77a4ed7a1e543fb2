//! Search across documents: keyword in context, forgiving case and accents by default, and
//! finding the other spellings of a name the user types.

use super::fold::fold;
use super::words::one_line;
use crate::model::{DocumentId, Project, context_bounds};
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

/// One hit, with the words around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The document.
    pub document: DocumentId,
    /// Byte range of the hit in the document's text.
    pub range: Range<usize>,
    /// Up to [`CONTEXT_CHARS`] characters before the hit, on one line.
    pub before: String,
    /// The hit as written.
    pub hit: String,
    /// Up to [`CONTEXT_CHARS`] characters after the hit, on one line.
    pub after: String,
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

/// Text folded for matching, with each folded byte's original byte offset (and one past the end).
fn folded_with_map(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (index, c) in text.char_indices() {
        let mut buffer = [0u8; 4];
        let piece = fold(c.encode_utf8(&mut buffer));
        for _ in 0..piece.len() {
            map.push(index);
        }
        folded.push_str(&piece);
    }
    map.push(text.len());
    (folded, map)
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

/// Searches the bodies of the project's documents.
pub fn search(
    project: &Project,
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
        if let Some(entity) = project.entities.iter().find(|entity| {
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
    let expression = if options.regex {
        let mut builder = regex::RegexBuilder::new(query);
        builder.case_insensitive(!options.exact_case);
        Some(
            builder
                .build()
                .map_err(|error| SearchError::BadRegex(error.to_string()))?,
        )
    } else {
        None
    };
    // Each document is searched on its own, on every core; hits stay in document order.
    let per_document: Vec<Vec<Hit>> = project
        .documents
        .par_iter()
        .filter(|document| options.document.is_none_or(|only| only == document.id))
        .map(|document| {
            let mut hits = Vec::new();
            let offset = document.body.start();
            let body = document.body_text();
            let mut ranges: Vec<Range<usize>> = Vec::new();
            if let Some(expression) = &expression {
                ranges.extend(
                    expression
                        .find_iter(body)
                        .filter(|found| !found.is_empty())
                        .map(|found| found.range()),
                );
            } else if options.exact_case {
                for pattern in &patterns {
                    ranges.extend(
                        body.match_indices(pattern.as_str())
                            .map(|(start, found)| start..start + found.len()),
                    );
                }
            } else {
                let (folded, map) = folded_with_map(body);
                for pattern in &patterns {
                    let needle = fold(pattern);
                    if needle.is_empty() {
                        continue;
                    }
                    ranges.extend(folded.match_indices(needle.as_str()).map(|(start, found)| {
                        // Back to the original text: from the first folded byte's character to the
                        // character after the last one.
                        map[start]
                            ..map[start + found.len() - 1]
                                + body[map[start + found.len() - 1]..]
                                    .chars()
                                    .next()
                                    .map_or(0, char::len_utf8)
                    }));
                }
            }
            if options.whole_words {
                ranges.retain(|range| is_word_boundary(body, range.start, range.end));
            }
            ranges.sort_by_key(|range| range.start);
            ranges.dedup_by(|later, earlier| later.start < earlier.end);
            for range in ranges {
                let (before, after) = context(body, &range, CONTEXT_CHARS);
                hits.push(Hit {
                    document: document.id,
                    range: offset + range.start..offset + range.end,
                    before,
                    hit: body[range].to_owned(),
                    after,
                });
            }
            hits
        })
        .collect();
    Ok(Results {
        hits: per_document.into_iter().flatten().collect(),
        also_searched,
    })
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
            project.documents.push(document);
        }
        project.entities.push(Entity {
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
        search(project, query, options)
            .expect("searches")
            .hits
            .into_iter()
            .map(|hit| hit.hit)
            .collect()
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
            "panjshir",
            &SearchOptions {
                whole_words: true,
                ..SearchOptions::default()
            },
        )
        .expect("searches");
        let found: Vec<&str> = results.hits.iter().map(|hit| hit.hit.as_str()).collect();
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
        let results = search(&project, "résiste", &SearchOptions::default()).expect("searches");
        let hit = &results.hits[0];
        assert_eq!(hit.before, "La vallée du Panchir ");
        assert_eq!(hit.after, ". Élysée et élysée.");
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
                "(unclosed",
                &SearchOptions {
                    regex: true,
                    ..SearchOptions::default()
                }
            ),
            Err(SearchError::BadRegex(_))
        ));
        assert!(matches!(
            search(&project, "  ", &SearchOptions::default()),
            Err(SearchError::Empty)
        ));
    }
}
