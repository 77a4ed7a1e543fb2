//! Anchors between two documents that share no text, such as a French report and an English
//! one on the same day: the same numbers, the same dates and the same rarely named entities
//! mark the places that tell the same part of the story.

use super::mentions::MentionIndex;
use super::passages::Passage;
use crate::model::{Document, EntityKind};
use std::collections::HashMap;
use std::ops::Range;

/// What two places have in common.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorKind {
    /// The same number ("150", "1,500").
    Number,
    /// The same date, however written ("6 septembre", "Sept. 6").
    Date,
    /// The same entity, named in few documents of the project.
    Entity,
}

/// A place in one document matched with a place in another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Where it is in the first document.
    pub a_range: Range<usize>,
    /// Where it is in the second.
    pub b_range: Range<usize>,
    /// What they share.
    pub kind: AnchorKind,
}

/// An entity named in more documents than this is too common to anchor anything ("Taliban").
const RARE: usize = 3;

/// Numbers of two digits or more in a text, with their value (digits only) and byte range;
/// thousands separators (",", ".", spaces) are read through.
fn numbers(text: &str, body: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut index = body.start;
    while index < body.end {
        if !bytes[index].is_ascii_digit()
            || (index > body.start && bytes[index - 1].is_ascii_alphanumeric())
        {
            index += 1;
            continue;
        }
        let start = index;
        let mut end = index;
        let mut digits = String::new();
        while end < body.end {
            let byte = bytes[end];
            if byte.is_ascii_digit() {
                digits.push(char::from(byte));
                end += 1;
            } else if matches!(byte, b',' | b'.' | b' ')
                && end + 3 < body.end
                && bytes[end + 1..=end + 3].iter().all(u8::is_ascii_digit)
                && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
            {
                // A group of three digits after a separator: "1,500", "10 000".
                end += 1;
            } else {
                break;
            }
        }
        // "32-year-old" and "2001" count; a digit glued to letters ("F16") is a code, not a number.
        let glued = bytes.get(end).is_some_and(u8::is_ascii_alphabetic);
        if digits.len() >= 2 && !glued {
            found.push((digits, start..end));
        }
        index = end.max(index + 1);
    }
    found
}

/// A passage two open documents share, or an anchor between two that share none.
pub type Link = (Passage, Option<AnchorKind>);

/// The passages any two of the documents `open` share (from the reuse clusters both are in),
/// and anchors (numbers, dates, rare names) between two that share none.
pub fn links_between(
    open: &[Document],
    reuse: &crate::analysis::reuse::Reuse,
    mentions: &MentionIndex,
) -> Vec<Link> {
    let mut found: Vec<Link> = Vec::new();
    let pairs = || {
        open.iter().enumerate().flat_map(|(index, first)| {
            open[index + 1..].iter().map(move |second| {
                if first.id <= second.id {
                    (first, second)
                } else {
                    (second, first)
                }
            })
        })
    };
    for (a, b) in pairs() {
        let known = found
            .iter()
            .any(|(passage, _)| (passage.a, passage.b) == (a.id, b.id));
        if !known {
            let shared = reuse.between(a.id, b.id);
            found.extend(shared.into_iter().map(|passage| (passage, None)));
        }
    }
    for (a, b) in pairs() {
        let share_text = found
            .iter()
            .any(|(passage, _)| (passage.a, passage.b) == (a.id, b.id));
        if a.id == b.id || share_text {
            continue;
        }
        for anchor in anchors(a, b, mentions) {
            let link = Passage {
                a: a.id,
                b: b.id,
                a_range: anchor.a_range,
                b_range: anchor.b_range,
                score: 1.0,
            };
            found.push((link, Some(anchor.kind)));
        }
    }
    found
}

/// The anchors between documents `a` and `b`: each number, date or rare entity of `a` paired
/// with its first occurrence in `b`. Set-aside paragraphs are left out.
pub fn anchors(first: &Document, second: &Document, mentions: &MentionIndex) -> Vec<Anchor> {
    crate::frame_guard::heavy("finding anchors between two documents");
    let (a, b) = (first.id, second.id);
    let mut found = Vec::new();
    let analysed = |document: &Document| {
        let body = document.body.range();
        (document.analysed_body().into_owned(), body)
    };
    let (text_a, body_a) = analysed(first);
    let (text_b, body_b) = analysed(second);
    // The analysed bodies start at the body's first byte.
    let shift =
        |range: Range<usize>, body: &Range<usize>| range.start + body.start..range.end + body.start;
    let in_b: HashMap<String, Range<usize>> = numbers(&text_b, 0..text_b.len())
        .into_iter()
        .rev()
        .map(|(value, range)| (value, shift(range, &body_b)))
        .collect();
    for (value, range) in numbers(&text_a, 0..text_a.len()) {
        if let Some(there) = in_b.get(&value) {
            found.push(Anchor {
                a_range: shift(range, &body_a),
                b_range: there.clone(),
                kind: AnchorKind::Number,
            });
        }
    }
    let first_in_b: HashMap<_, Range<usize>> = mentions
        .in_document(b)
        .iter()
        .rev()
        .map(|mention| (mention.entity, mention.range.clone()))
        .collect();
    for mention in mentions.in_document(a) {
        let Some(there) = first_in_b.get(&mention.entity) else {
            continue;
        };
        let Some(entity) = mentions.entity(mention.entity) else {
            continue;
        };
        let kind = if entity.kind == EntityKind::Date {
            AnchorKind::Date
        } else if mentions.document_count(entity.id) <= RARE {
            AnchorKind::Entity
        } else {
            continue;
        };
        // A date written in digits is already anchored as a number.
        if found.iter().any(|anchor| {
            anchor.a_range.start < mention.range.end && mention.range.start < anchor.a_range.end
        }) {
            continue;
        }
        found.push(Anchor {
            a_range: mention.range.clone(),
            b_range: there.clone(),
            kind,
        });
    }
    found.sort_by_key(|anchor| anchor.a_range.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentId, Entity, EntityId, EntityOrigin, Project};

    #[test]
    fn numbers_are_read_through_thousands_separators_and_codes_are_not_numbers() {
        let text = "Some 1,500 fighters, 32 of them in F16 jets, 10 000 people and 7 cars in 2001.";
        let values: Vec<String> = numbers(text, 0..text.len())
            .into_iter()
            .map(|(value, _)| value)
            .collect();
        assert_eq!(values, ["1500", "32", "10000", "2001"]);
    }

    #[test]
    fn an_english_and_a_french_report_are_anchored_on_numbers_dates_and_rare_names() {
        let mut project = Project::new("t");
        for (id, text, date) in [
            (
                1,
                "Valley\n\nSome 1,500 fighters held Rukha on September 6, the commander said.",
                "2021-09-06",
            ),
            (
                2,
                "Vallée\n\nQuelque 1 500 combattants tenaient Rukha le 6 septembre, selon le commandant.",
                "2021-09-06",
            ),
        ] {
            let mut document = crate::import::document_from_bytes(text.as_bytes(), "t.txt")
                .expect("imports")
                .document;
            document.id = DocumentId(id);
            document.date = date.parse().ok();
            project.documents.insert(document);
        }
        for (id, name, kind, variants) in [
            (1, "Rukha", EntityKind::Place, vec!["Rukha"]),
            (
                2,
                "2021-09-06",
                EntityKind::Date,
                vec!["September 6", "6 septembre"],
            ),
        ] {
            project.entities.insert(Entity {
                id: EntityId(id),
                name: name.into(),
                kind,
                variants: variants.into_iter().map(str::to_owned).collect(),
                hidden: false,
                origin: EntityOrigin::Detected,
            });
        }
        let index = MentionIndex::of_stored_entities(&project);
        let found = anchors(&project.documents[0], &project.documents[1], &index);
        let text = |id: u32, range: &Range<usize>| {
            project.documents[id as usize - 1].text[range.clone()].to_owned()
        };
        let pairs: Vec<(String, String, AnchorKind)> = found
            .iter()
            .map(|anchor| {
                (
                    text(1, &anchor.a_range),
                    text(2, &anchor.b_range),
                    anchor.kind,
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("1,500".to_owned(), "1 500".to_owned(), AnchorKind::Number),
                ("Rukha".to_owned(), "Rukha".to_owned(), AnchorKind::Entity),
                (
                    "September 6".to_owned(),
                    "6 septembre".to_owned(),
                    AnchorKind::Date
                ),
            ]
        );
    }
}
