//! W3C Web Annotations (JSON-LD): every claim as an annotation of its document, for
//! Hypothesis-style tools and web archives.
//!
//! Each passage of a claim is one target with a `TextQuoteSelector` (the exact words with the
//! context before and after) and a `TextPositionSelector` (start and end in characters, that
//! is Unicode code points, of the document's text). The codes are `tagging` bodies, the
//! analyst's note a `commenting` body, and stance, speaker, via outlet, claim date and grade a
//! `describing` body in the same `Field: value` lines as the REFI-QDA claim note.

use super::qdpx::{claim_note_text, document_guid, guid};
use crate::model::Project;
use crate::model::byte_to_char_offset;
use serde_json::{Value, json};

/// Every claim of the project as a W3C `AnnotationCollection`, pretty-printed JSON-LD.
pub fn annotations(project: &Project) -> String {
    let items: Vec<Value> = project
        .claims
        .iter()
        .filter_map(|claim| {
            let document = project.document(claim.document)?;
            let source = if document.url.is_empty() {
                format!("urn:uuid:{}", document_guid(project, document))
            } else {
                document.url.clone()
            };
            let targets: Vec<Value> = claim
                .quotes()
                .map(|quote| {
                    let start = byte_to_char_offset(&document.text, quote.span.start());
                    let end = byte_to_char_offset(&document.text, quote.span.end());
                    json!({
                        "type": "SpecificResource",
                        "source": source,
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": quote.exact,
                                "prefix": quote.prefix,
                                "suffix": quote.suffix,
                            },
                            {"type": "TextPositionSelector", "start": start, "end": end},
                        ],
                    })
                })
                .collect();
            let mut bodies: Vec<Value> = project
                .code_names(claim)
                .into_iter()
                .map(|name| json!({"type": "TextualBody", "purpose": "tagging", "value": name}))
                .collect();
            bodies.push(json!({
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "value": claim_note_text(project, claim),
            }));
            if !claim.note.is_empty() {
                bodies.push(json!({
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "format": "text/plain",
                    "value": claim.note,
                }));
            }
            Some(json!({
                "id": format!("urn:uuid:{}", guid(project, "claim", &format!("{} 0", claim.id))),
                "type": "Annotation",
                "motivation": "tagging",
                "body": bodies,
                "target": if targets.len() == 1 { targets[0].clone() } else { Value::Array(targets) },
            }))
        })
        .collect();
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", guid(project, "annotations", "")),
        "type": "AnnotationCollection",
        "label": project.name,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}
