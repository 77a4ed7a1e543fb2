//! OpenDocument texts (ODT): the paragraphs of `content.xml`, list labels as the list styles
//! write them, notes after the text behind a marker, title and author from `meta.xml`.

use super::archive::Archive;
use super::office::{number_in, required_part};
use super::xml::{Schema, Token, element, paragraphs, tokens};
use super::{ImportError, Imported, Metadata, build_document};
use std::collections::HashMap;

/// Reads an OpenDocument text (.odt): paragraphs and headings of `content.xml`, title and
/// author from `meta.xml`.
pub fn document_from_odt(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let mut archive = Archive::open(bytes)?;
    let body = required_part(&mut archive, "content.xml", "an OpenDocument text")?;
    let styles = archive.text("styles.xml")?.unwrap_or_default();
    let lists = ListStyles::read(&[&body, &styles]);
    let body = with_list_labels(&body, &lists);
    let schema = Schema {
        scope_tags: &["text:p", "text:h"],
        paragraph_tags: &["text:p", "text:h"],
        text_tags: &[],
        skip_tags: &[],
        skip_attributes: &[],
        space_tags: &["text:s", "text:tab"],
        break_tags: &["text:line-break"],
        row_tags: &["table:table-row"],
        cell_tags: &["table:table-cell"],
        collapse_whitespace: false,
        note_references: false,
    };
    let meta = archive.text("meta.xml")?.unwrap_or_default();
    let author = Some(element(&meta, "meta:initial-creator"))
        .filter(|author| !author.is_empty())
        .unwrap_or_else(|| element(&meta, "dc:creator"));
    let metadata = Metadata {
        title: element(&meta, "dc:title"),
        author,
        ..Metadata::default()
    };
    // Notes stand in the middle of their paragraph's XML: the paragraph keeps a marker, the
    // notes follow the text, as Word's do.
    let (body, notes) = odt_notes(&body);
    let mut text = paragraphs(&body, &schema);
    for (label, note) in notes {
        let mut note = paragraphs(&note, &schema);
        if let Some(first) = note.first_mut() {
            *first = format!("[{label}] {first}");
        }
        text.extend(note);
    }
    build_document(&text.join("\n\n"), file, "UTF-8", 0, metadata)
}

/// An OpenDocument body with each note (`text:note`) replaced by its marker (`[1]`, `[i]`), and
/// the notes in the order they stand, each as its marker's label and its body's XML. Notes do
/// not nest in OpenDocument.
fn odt_notes(body: &str) -> (String, Vec<(String, String)>) {
    const OPEN: &str = "<text:note";
    const CLOSE: &str = "</text:note>";
    let inner = |xml: &str, tag: &str| -> String {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        xml.find(&open)
            .and_then(|start| xml[start..].find('>').map(|end| start + end + 1))
            .and_then(|start| {
                xml[start..]
                    .find(&close)
                    .map(|end| &xml[start..start + end])
            })
            .unwrap_or("")
            .to_owned()
    };
    let mut kept = String::with_capacity(body.len());
    let mut notes = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find(OPEN) {
        // Only the note element itself: not `text:note-ref`, `text:note-citation` and the like.
        let after = &rest[start + OPEN.len()..];
        if !after.starts_with([' ', '>', '\t', '\n', '\r']) {
            kept.push_str(&rest[..start + OPEN.len()]);
            rest = after;
            continue;
        }
        let Some(length) = rest[start..].find(CLOSE) else {
            break;
        };
        let note = &rest[start..start + length];
        let label = super::html::decode_entities(inner(note, "text:note-citation").trim());
        kept.push_str(&rest[..start]);
        kept.push_str(&format!("[{label}]"));
        notes.push((label, inner(note, "text:note-body")));
        rest = &rest[start + length + CLOSE.len()..];
    }
    kept.push_str(rest);
    (kept, notes)
}

/// How one level of a list style labels its items.
#[derive(Clone, Debug, Default, PartialEq)]
struct Level {
    /// The bullet, for a bulleted level.
    bullet: Option<String>,
    /// `1`, `a`, `A`, `i`, `I`, or empty for no number.
    format: String,
    prefix: String,
    suffix: String,
    start: usize,
    /// How many levels' numbers the label shows ("1.2." shows two).
    shown: usize,
}

/// The list styles of a document, by name, each with its levels from the first.
#[derive(Debug, Default)]
struct ListStyles(HashMap<String, Vec<Level>>);

impl ListStyles {
    /// The list styles defined in these XML parts (`content.xml`'s automatic styles,
    /// `styles.xml`'s named ones).
    fn read(parts: &[&str]) -> Self {
        let mut styles: HashMap<String, Vec<Level>> = HashMap::new();
        for part in parts {
            let mut current: Option<String> = None;
            for token in tokens(part) {
                let Token::Tag(tag) = token else {
                    continue;
                };
                match tag.name {
                    "text:list-style" if tag.closing => current = None,
                    "text:list-style" => current = tag.attribute("style:name"),
                    "text:list-level-style-number" | "text:list-level-style-bullet"
                        if !tag.closing =>
                    {
                        let Some(name) = &current else {
                            continue;
                        };
                        let level: usize = tag
                            .attribute("text:level")
                            .and_then(|level| level.parse().ok())
                            .unwrap_or(1);
                        // The bullet character is often a symbol font's private glyph: every
                        // bullet reads as "•", as DOCX bullets do.
                        let bullet =
                            (tag.name == "text:list-level-style-bullet").then(|| "•".to_owned());
                        let this = Level {
                            bullet,
                            format: tag.attribute("style:num-format").unwrap_or_default(),
                            prefix: tag.attribute("style:num-prefix").unwrap_or_default(),
                            suffix: tag.attribute("style:num-suffix").unwrap_or_default(),
                            start: tag
                                .attribute("text:start-value")
                                .and_then(|start| start.parse().ok())
                                .unwrap_or(1),
                            shown: tag
                                .attribute("text:display-levels")
                                .and_then(|shown| shown.parse().ok())
                                .unwrap_or(1),
                        };
                        let levels = styles.entry(name.clone()).or_default();
                        if (1..=10).contains(&level) {
                            if levels.len() < level {
                                levels.resize(level, Level::default());
                            }
                            levels[level - 1] = this;
                        }
                    }
                    _ => {}
                }
            }
        }
        Self(styles)
    }

    fn level(&self, style: &str, level: usize) -> Option<&Level> {
        self.0.get(style).and_then(|levels| levels.get(level))
    }
}

/// A list open while the body is read: its style, and the count of each of its levels.
struct OpenList {
    style: Option<String>,
}

/// `body` with each list item's label ("1.", "a)", "•") written at the start of its first
/// paragraph, as a word processor shows it: counted per list style and level, restarting
/// where a list does not continue the one before (`text:continue-numbering`), from a level's
/// or an item's start value.
fn with_list_labels(body: &str, styles: &ListStyles) -> String {
    if !body.contains("<text:list") {
        return body.to_owned();
    }
    let mut out = String::with_capacity(body.len() + body.len() / 20);
    let mut open: Vec<OpenList> = Vec::new();
    // The counts of each style's levels, kept after a list closes for one that continues it.
    let mut counts: HashMap<String, Vec<Option<usize>>> = HashMap::new();
    let mut pending: Option<String> = None;
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        let whole = &rest[start..=start + length];
        out.push_str(&rest[..=start + length]);
        rest = &rest[start + length + 1..];
        let Some(Token::Tag(tag)) = tokens(whole).next() else {
            continue;
        };
        match tag.name {
            "text:list" if tag.closing => {
                open.pop();
            }
            "text:list" if !tag.self_closing => {
                let style = tag
                    .attribute("text:style-name")
                    .or_else(|| open.last().and_then(|list| list.style.clone()));
                let level = open.len();
                let continues = tag.attribute("text:continue-numbering").as_deref() == Some("true")
                    || tag.attribute("text:continue-list").is_some();
                if level == 0
                    && !continues
                    && let Some(style) = &style
                {
                    counts.remove(style);
                }
                open.push(OpenList { style });
            }
            "text:list-item" if !tag.closing && !tag.self_closing => {
                let level = open.len().saturating_sub(1);
                let Some(style) = open.last().and_then(|list| list.style.clone()) else {
                    continue;
                };
                let count = counts
                    .entry(style.clone())
                    .or_insert_with(|| vec![None; 10]);
                if level >= count.len() {
                    continue;
                }
                let start = styles.level(&style, level).map_or(1, |level| level.start);
                let restart = tag
                    .attribute("text:start-value")
                    .and_then(|value| value.parse::<usize>().ok());
                count[level] =
                    Some(restart.unwrap_or_else(|| count[level].map_or(start, |n| n + 1)));
                for deeper in count.iter_mut().skip(level + 1) {
                    *deeper = None;
                }
                pending = label(styles, &style, level, count);
            }
            "text:p" | "text:h" if !tag.closing && !tag.self_closing => {
                if let Some(label) = pending.take() {
                    let escaped = label
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;");
                    out.push_str(&escaped);
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// The label of an item at `level` (from 0) of a list of `style`, from the counts of its
/// levels.
fn label(
    styles: &ListStyles,
    style: &str,
    level: usize,
    count: &[Option<usize>],
) -> Option<String> {
    let this = styles.level(style, level)?;
    if let Some(bullet) = &this.bullet {
        return Some(bullet.clone());
    }
    let format = |level: &Level, n: usize| match level.format.as_str() {
        "a" => number_in("lowerLetter", n),
        "A" => number_in("upperLetter", n),
        "i" => number_in("lowerRoman", n),
        "I" => number_in("upperRoman", n),
        "1" => n.to_string(),
        _ => String::new(),
    };
    let first = (level + 1).saturating_sub(this.shown.max(1));
    let numbers: Vec<String> = (first..=level)
        .filter_map(|index| {
            let shown = styles.level(style, index)?;
            Some(format(shown, count[index].unwrap_or(shown.start)))
        })
        .filter(|number| !number.is_empty())
        .collect();
    if numbers.is_empty() {
        return None;
    }
    Some(format!(
        "{}{}{}",
        this.prefix,
        numbers.join("."),
        this.suffix
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::archive::tests::archive;

    /// The document an OpenDocument text made of `parts` imports as.
    fn odt(parts: &[(&str, &str)]) -> crate::model::Document {
        document_from_odt(&archive(parts), "t.odt")
            .expect("imports")
            .document
    }

    #[test]
    fn an_opendocument_text_gives_its_paragraphs() {
        let content = r#"<office:document-content><office:body><office:text>
<text:h text:outline-level="1">Resistance holds</text:h>
<text:p text:style-name="P1">Fighters loyal to <text:span>Ahmad Massoud</text:span> said they<text:s/>still held the valley.</text:p>
<text:p>Second paragraph<text:line-break/>on two lines.</text:p>
<table:table><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell><text:p>Place</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Ahmad</text:p><text:p>Massoud</text:p></table:table-cell><table:table-cell><text:p>Bazarak</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"#;
        let document = odt(&[
            ("content.xml", content),
            (
                "meta.xml",
                "<office:meta><meta:initial-creator>Sam Reed</meta:initial-creator></office:meta>",
            ),
        ]);
        assert_eq!(
            document.text.as_ref(),
            "Resistance holds\n\nFighters loyal to Ahmad Massoud said they still held the valley.\n\nSecond paragraph\non two lines.\n\nName\tPlace\n\nAhmad Massoud\tBazarak\n"
        );
        assert_eq!(document.title, "Resistance holds");
        assert_eq!(document.author, "Sam Reed");
    }

    #[test]
    fn list_labels_and_notes_read_as_a_word_processor_shows_them() {
        let styles = r#"<office:styles><text:list-style style:name="Numbering_20_1"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/><text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a" text:display-levels="2"/></text:list-style><text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style></office:styles>"#;
        let content = r#"<office:document-content><office:body><office:text>
<text:list text:style-name="Numbering_20_1"><text:list-item><text:p>First</text:p><text:list><text:list-item><text:p>Detail</text:p></text:list-item><text:list-item><text:p>Another</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>Second</text:p></text:list-item></text:list>
<text:p>Between<text:note text:id="ftn0" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body></text:note> the lists.</text:p>
<text:list text:style-name="Numbering_20_1" text:continue-numbering="true"><text:list-item><text:p>Third</text:p></text:list-item></text:list>
<text:list text:style-name="Numbering_20_1"><text:list-item><text:p>Again first</text:p></text:list-item></text:list>
<text:list text:style-name="Bullets"><text:list-item><text:p>A point</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>"#;
        let document = odt(&[("content.xml", content), ("styles.xml", styles)]);
        assert_eq!(
            document.text.as_ref(),
            "1. First\n\n1.a) Detail\n\n1.b) Another\n\n2. Second\n\nBetween[1] the lists.\n\n3. Third\n\n1. Again first\n\n• A point\n\n[1] A note.\n"
        );
    }
}
