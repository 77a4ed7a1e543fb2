//! Word documents (DOCX): zipped XML whose paragraphs become the text (ODT: `odt.rs`).
//!
//! The archive is read under the caps of [`super::archive`], so a ZIP bomb is refused instead
//! of filling the memory.

use super::archive::Archive;
use super::xml::{Schema, element, paragraphs};
use super::{ImportError, Imported, Metadata, build_document};

/// Reads a Word document (.docx): paragraphs of its main part (the one `_rels/.rels` names,
/// `word/document.xml` in most files), list labels and table rows as Word shows them, then its
/// footnotes and endnotes, each after a marker (`[1]`, `[i]`) that also stands where it is
/// referred to in the text; title and author from `docProps/core.xml`.
pub fn document_from_docx(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let mut archive = Archive::open(bytes)?;
    let main = archive
        .text("_rels/.rels")?
        .and_then(|relations| main_part(&relations))
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let folder = main.rsplit_once('/').map_or("", |(folder, _)| folder);
    let beside = |name: &str| {
        if folder.is_empty() {
            name.to_owned()
        } else {
            format!("{folder}/{name}")
        }
    };
    let body = required_part(&mut archive, &main, "a Word document")?;
    let footnotes = archive.text(&beside("footnotes.xml"))?.unwrap_or_default();
    let endnotes = archive.text(&beside("endnotes.xml"))?.unwrap_or_default();
    let numbering = archive.text(&beside("numbering.xml"))?.unwrap_or_default();
    let schema = Schema {
        scope_tags: &["w:p"],
        paragraph_tags: &["w:p"],
        text_tags: &["w:t"],
        // A drawing's text is in both branches of `mc:AlternateContent`: the fallback copy is
        // left out; text moved under track changes is read where it went, not where it was.
        skip_tags: &["mc:Fallback", "w:moveFrom", "w:del"],
        skip_attributes: &[],
        space_tags: &["w:tab"],
        break_tags: &["w:br", "w:cr"],
        row_tags: &["w:tr"],
        cell_tags: &["w:tc"],
        collapse_whitespace: false,
        note_references: false,
    };
    let core = archive.text("docProps/core.xml")?.unwrap_or_default();
    let metadata = Metadata {
        title: element(&core, "dc:title"),
        author: element(&core, "dc:creator"),
        ..Metadata::default()
    };
    let body = list_labels(&body, &numbering);
    let body = raised_and_lowered(&join_drop_caps(&body));
    let (body, footnotes) = notes(&body, &footnotes, "footnote", &schema, |n| n.to_string());
    let (body, endnotes) = notes(&body, &endnotes, "endnote", &schema, roman);
    let mut text = paragraphs(&body, &schema);
    text.extend(footnotes);
    text.extend(endnotes);
    build_document(&text.join("\n\n"), file, "UTF-8", 0, metadata)
}

/// Joins each drop cap to its paragraph: Word sets the large initial as a paragraph of its own
/// (`w:framePr w:dropCap`) and the rest of the word opens the next one ("D" + "rop cap.").
fn join_drop_caps(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = [
        rest.find("w:dropCap=\"drop\""),
        rest.find("w:dropCap=\"margin\""),
    ]
    .into_iter()
    .flatten()
    .min()
    {
        // The end of the drop cap's paragraph, and the start tag of the next paragraph.
        let Some(close) = rest[at..].find("</w:p>").map(|end| at + end) else {
            break;
        };
        let after = close + "</w:p>".len();
        let next = [rest[after..].find("<w:p>"), rest[after..].find("<w:p ")]
            .into_iter()
            .flatten()
            .min()
            .map(|start| after + start);
        let Some(next) = next.filter(|&next| rest[after..next].trim().is_empty()) else {
            out.push_str(&rest[..after]);
            rest = &rest[after..];
            continue;
        };
        let Some(open_end) = rest[next..].find('>').map(|end| next + end + 1) else {
            break;
        };
        out.push_str(&rest[..close]);
        rest = &rest[open_end..];
    }
    out.push_str(rest);
    out
}

/// Superscript and subscript runs of digits and signs written as the characters they are
/// ("m²", "CO₂"), as Word shows them; other raised text (a letter, a word) is left as written.
fn raised_and_lowered(body: &str) -> String {
    let (Ok(run), Ok(text)) = (
        regex::Regex::new(r#"(?s)<w:r\b[^>]*>.*?</w:r>"#),
        regex::Regex::new(r#"(?s)(<w:t\b[^>]*>)([^<]*)(</w:t>)"#),
    ) else {
        return body.to_owned();
    };
    if !body.contains("<w:vertAlign") {
        return body.to_owned();
    }
    run.replace_all(body, |found: &regex::Captures<'_>| {
        let whole = &found[0];
        let table: &[(char, char)] = if whole.contains("w:vertAlign w:val=\"superscript\"") {
            &SUPERSCRIPTS
        } else if whole.contains("w:vertAlign w:val=\"subscript\"") {
            &SUBSCRIPTS
        } else {
            return whole.to_owned();
        };
        text.replace_all(whole, |piece: &regex::Captures<'_>| {
            let written: Option<String> = piece[2]
                .chars()
                .map(|c| table.iter().find(|(from, _)| *from == c).map(|(_, to)| *to))
                .collect();
            match written {
                Some(written) if !written.is_empty() => {
                    format!("{}{written}{}", &piece[1], &piece[3])
                }
                _ => piece[0].to_owned(),
            }
        })
        .into_owned()
    })
    .into_owned()
}

const SUPERSCRIPTS: [(char, char); 15] = [
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
];

const SUBSCRIPTS: [(char, char); 15] = [
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
];

/// The main part a package's relationships name (`Type` ending in `/officeDocument`).
fn main_part(relations: &str) -> Option<String> {
    let relation = regex::Regex::new(r"<Relationship\b[^>]*>").ok()?;
    let target = regex::Regex::new(r#"\bTarget\s*=\s*["']([^"']+)["']"#).ok()?;
    relation
        .find_iter(relations)
        .map(|found| found.as_str())
        .find(|tag| tag.contains("/officeDocument\"") || tag.contains("/officeDocument'"))
        .and_then(|tag| target.captures(tag))
        .map(|captures| captures[1].trim_start_matches('/').to_owned())
}

/// How one level of a Word list numbers its items.
#[derive(Clone, Debug, Default)]
struct Level {
    start: usize,
    format: String,
    text: String,
}

/// The document's XML with each list item's label ("1.", "a)", "•") written as text at the
/// start of its paragraph, counted as Word counts them: per list, a level's count restarting
/// when a level above it moves on.
fn list_labels(body: &str, numbering: &str) -> String {
    let (Ok(abstract_num), Ok(level), Ok(num), Ok(item)) = (
        regex::Regex::new(
            r#"(?s)<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>(.*?)</w:abstractNum>"#,
        ),
        regex::Regex::new(r#"(?s)<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>(.*?)</w:lvl>"#),
        regex::Regex::new(
            r#"(?s)<w:num\b[^>]*w:numId="(\d+)"[^>]*>.*?<w:abstractNumId\s+w:val="(\d+)""#,
        ),
        regex::Regex::new(r#"(?s)<w:numPr>(.*?)</w:numPr>(.*?)</w:pPr>"#),
    ) else {
        return body.to_owned();
    };
    if numbering.is_empty() || !body.contains("<w:numPr>") {
        return body.to_owned();
    }
    let value = |xml: &str, tag: &str| -> Option<String> {
        let start = xml.find(&format!("<w:{tag} "))?;
        let rest = &xml[start..];
        let end = rest.find('>')?;
        let tag_text = &rest[..end];
        let at = tag_text.find("w:val=\"")? + "w:val=\"".len();
        tag_text[at..].split('"').next().map(str::to_owned)
    };
    let mut abstracts: std::collections::HashMap<String, Vec<Level>> = Default::default();
    for found in abstract_num.captures_iter(numbering) {
        let mut levels = vec![Level::default(); 9];
        for level_found in level.captures_iter(&found[2]) {
            let Ok(index) = level_found[1].parse::<usize>() else {
                continue;
            };
            if let Some(slot) = levels.get_mut(index) {
                let xml = &level_found[2];
                *slot = Level {
                    start: value(xml, "start")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1),
                    format: value(xml, "numFmt").unwrap_or_default(),
                    text: value(xml, "lvlText").unwrap_or_default(),
                };
            }
        }
        abstracts.insert(found[1].to_owned(), levels);
    }
    let lists: std::collections::HashMap<String, String> = num
        .captures_iter(numbering)
        .map(|found| (found[1].to_owned(), found[2].to_owned()))
        .collect();
    let mut counts: std::collections::HashMap<String, Vec<Option<usize>>> = Default::default();
    item.replace_all(body, |found: &regex::Captures<'_>| {
        let whole = found[0].to_owned();
        let properties = &found[1];
        let (Some(list), level) = (
            value(properties, "numId"),
            value(properties, "ilvl")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0),
        ) else {
            return whole;
        };
        let Some(levels) = lists.get(&list).and_then(|id| abstracts.get(id)) else {
            return whole;
        };
        let Some(this) = levels.get(level) else {
            return whole;
        };
        let count = counts.entry(list).or_insert_with(|| vec![None; 9]);
        count[level] = Some(count[level].map_or(this.start, |n| n + 1));
        for deeper in count.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let label = if this.format == "bullet" || this.format.is_empty() && this.text.is_empty() {
            "•".to_owned()
        } else if this.format == "none" {
            String::new()
        } else {
            let mut label = this.text.clone();
            for (index, shown) in levels.iter().enumerate().take(level + 1) {
                let n = count[index].unwrap_or(shown.start);
                label = label.replace(&format!("%{}", index + 1), &number_in(&shown.format, n));
            }
            label
        };
        if label.trim().is_empty() {
            return whole;
        }
        let escaped = label
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!(r#"{whole}<w:r><w:t xml:space="preserve">{escaped} </w:t></w:r>"#)
    })
    .into_owned()
}

/// A list item's number as a level's format writes it.
pub(super) fn number_in(format: &str, n: usize) -> String {
    let letter = |n: usize| {
        let letters = "abcdefghijklmnopqrstuvwxyz";
        let index = (n.max(1) - 1) % 26;
        letters[index..=index].repeat((n.max(1) - 1) / 26 + 1)
    };
    match format {
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        _ => n.to_string(),
    }
}

/// Word's notes of one kind (`footnote` or `endnote`): `body` with a marker in place of each
/// reference to a note, and the notes' paragraphs, each note's first one after its marker.
/// Notes are numbered in the order the body first refers to them, with `number`; notes never
/// referred to follow. Separators (notes with a `w:type`) are not notes.
fn notes(
    body: &str,
    part: &str,
    kind: &str,
    schema: &Schema,
    number: impl Fn(usize) -> String,
) -> (String, Vec<String>) {
    if part.is_empty() {
        return (body.to_owned(), Vec::new());
    }
    // Fixed expressions: they always compile; were one not to, the notes would be left out.
    let (Ok(note), Ok(reference), Ok(id)) = (
        regex::Regex::new(&format!(r"(?s)<w:{kind}\b([^>]*)>(.*?)</w:{kind}>")),
        regex::Regex::new(&format!(r"<w:{kind}Reference\b([^>]*)/>")),
        regex::Regex::new(r#"\bw:id\s*=\s*["']([^"']*)["']"#),
    ) else {
        return (body.to_owned(), Vec::new());
    };
    let id_of = |attributes: &str| id.captures(attributes).map(|found| found[1].to_owned());
    let mut notes: Vec<(String, &str)> = note
        .captures_iter(part)
        .filter(|found| !found[1].contains("w:type"))
        .filter_map(|found| {
            let content = found.get(2)?.as_str();
            Some((id_of(&found[1])?, content))
        })
        .collect();
    // Number the notes in the order they are referred to. Looked up by id, not searched: a
    // document may have a hundred thousand notes.
    let known: std::collections::HashSet<String> = notes.iter().map(|(id, _)| id.clone()).collect();
    let mut order: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for found in reference.captures_iter(body) {
        if let Some(id) = id_of(&found[1])
            && known.contains(&id)
        {
            let next = order.len();
            order.entry(id).or_insert(next);
        }
    }
    // A stable sort: notes never referred to keep their order, after the others.
    notes.sort_by_key(|(id, _)| order.get(id).copied().unwrap_or(usize::MAX));
    let numbers: std::collections::HashMap<&str, usize> = notes
        .iter()
        .enumerate()
        .rev()
        .map(|(index, (id, _))| (id.as_str(), index + 1))
        .collect();
    let marker = |id: &str| numbers.get(id).map(|index| format!("[{}]", number(*index)));
    let body = reference
        .replace_all(body, |found: &regex::Captures| {
            id_of(&found[1])
                .and_then(|id| marker(&id))
                .map_or_else(String::new, |marker| format!("<w:t>{marker}</w:t>"))
        })
        .into_owned();
    let mut lines = Vec::new();
    for (index, (_, content)) in notes.iter().enumerate() {
        let mut paragraphs = paragraphs(content, schema).into_iter();
        let first = paragraphs.next().unwrap_or_default();
        lines.push(format!("[{}] {}", number(index + 1), first.trim_start()));
        lines.extend(paragraphs);
    }
    (body, lines)
}

/// A number in lower-case Roman numerals, as Word numbers endnotes.
fn roman(mut number: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut text = String::new();
    for (value, numeral) in NUMERALS {
        while number >= value {
            text.push_str(numeral);
            number -= value;
        }
    }
    text
}

/// The archive part that holds the text, or why the file is not `kind` after all.
pub(super) fn required_part(
    archive: &mut Archive,
    path: &str,
    kind: &str,
) -> Result<String, ImportError> {
    archive.text(path)?.ok_or_else(|| ImportError::Damaged {
        reason: format!("it has no {path}: not {kind}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::archive::tests::archive;
    use std::io::{Cursor, Write};

    #[test]
    fn a_word_document_gives_its_paragraphs_title_and_author() {
        let body = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Panchir : la résistance</w:t></w:r><w:r><w:t xml:space="preserve"> tient</w:t></w:r></w:p>
<w:p><w:r><w:t>Ahmad Massoud a déclaré : « Nous tenons &amp; nous tiendrons ».</w:t></w:r><w:r><w:tab/><w:t>Fin.</w:t></w:r></w:p>
<w:p/><w:p><w:r><w:t>Selon l’AFP, les talibans avancent vers Bazarak.</w:t></w:r></w:p>
</w:body></w:document>"#;
        let core = r#"<cp:coreProperties><dc:title>Note sur le Panchir</dc:title><dc:creator>Claire Martin</dc:creator></cp:coreProperties>"#;
        let bytes = archive(&[("word/document.xml", body), ("docProps/core.xml", core)]);
        let document = document_from_docx(&bytes, "note.docx")
            .expect("imports")
            .document;
        assert_eq!(document.title, "Note sur le Panchir");
        assert_eq!(document.author, "Claire Martin");
        assert_eq!(
            document.text.as_ref(),
            "Panchir : la résistance tient\n\nAhmad Massoud a déclaré : « Nous tenons & nous tiendrons ». Fin.\n\nSelon l’AFP, les talibans avancent vers Bazarak.\n"
        );
        assert_eq!(document.language.as_deref(), Some("fr"));
    }

    /// The paragraphs of a Word document made of `parts`.
    fn docx_paragraphs(parts: &[(&str, &str)]) -> Vec<String> {
        document_from_docx(&archive(parts), "t.docx")
            .expect("imports")
            .document
            .text
            .split("\n\n")
            .map(|paragraph| paragraph.trim().to_owned())
            .filter(|paragraph| !paragraph.is_empty())
            .collect()
    }

    const NUMBERING: &str = r#"<w:numbering>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

    fn item(list: u32, level: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn list_labels_and_table_rows_read_as_word_shows_them() {
        let body = format!(
            "<w:document><w:body>{}{}{}{}{}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Place</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Ahmad</w:t></w:r></w:p><w:p><w:r><w:t>Massoud</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Bazarak</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>",
            item(3, 0, "First"),
            item(3, 1, "Detail"),
            item(3, 1, "Another"),
            item(3, 0, "Second"),
            item(4, 0, "A point"),
        );
        assert_eq!(
            docx_paragraphs(&[
                ("word/document.xml", &body),
                ("word/numbering.xml", NUMBERING)
            ]),
            [
                "1. First",
                "1.a) Detail",
                "1.b) Another",
                "2. Second",
                "• A point",
                "Name\tPlace",
                "Ahmad Massoud\tBazarak"
            ]
        );
    }

    #[test]
    fn a_drop_cap_joins_its_word_and_raised_digits_are_written_as_shown() {
        let body = r#"<w:document><w:body><w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3"/></w:pPr><w:r><w:t>M</w:t></w:r></w:p><w:p w:rsidR="1"><w:r><w:t>ore than 3,000 people fled.</w:t></w:r></w:p><w:p><w:r><w:t>An area of 3,700 km</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r><w:r><w:t> and CO</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t></w:r><w:r><w:t> levels, the 1</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>st</w:t></w:r><w:r><w:t> time.</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            docx_paragraphs(&[("word/document.xml", body)]),
            [
                "More than 3,000 people fled.",
                "An area of 3,700 km² and CO₂ levels, the 1st time."
            ]
        );
    }

    #[test]
    fn a_text_box_and_moved_text_are_read_once_from_the_part_the_package_names() {
        let body = r#"<w:document><w:body><w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:moveFrom w:id="1"><w:r><w:t>Moved sentence.</w:t></w:r></w:moveFrom><w:r><w:t>Staying sentence.</w:t></w:r><w:del w:id="2"><w:r><w:delText>Deleted.</w:delText></w:r></w:del></w:p>
<w:p><w:moveTo w:id="3"><w:r><w:t>Moved sentence.</w:t></w:r></w:moveTo></w:p></w:body></w:document>"#;
        let relations = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        assert_eq!(
            docx_paragraphs(&[("_rels/.rels", relations), ("word/document2.xml", body)]),
            [
                "Before the box.",
                "Boxed words.",
                "Staying sentence.",
                "Moved sentence."
            ]
        );
    }

    #[test]
    fn word_footnotes_and_endnotes_follow_the_text_with_their_markers() {
        let body = r#"<w:document><w:body>
<w:p><w:r><w:t>Massoud refused to surrender.</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t> The valley held.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>
<w:p><w:r><w:t>Talks failed.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>
</w:body></w:document>"#;
        let footnotes = r#"<w:footnotes>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> AFP, 6 September 2021.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Interview with Ali Nazary.</w:t></w:r></w:p><w:p><w:r><w:t>Recorded in Paris.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;
        let endnotes = r#"<w:endnotes><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t> Reuters.</w:t></w:r></w:p></w:endnote></w:endnotes>"#;
        let bytes = archive(&[
            ("word/document.xml", body),
            ("word/footnotes.xml", footnotes),
            ("word/endnotes.xml", endnotes),
        ]);
        let document = document_from_docx(&bytes, "notes.docx")
            .expect("imports")
            .document;
        assert_eq!(
            document.text.as_ref(),
            "Massoud refused to surrender.[1] The valley held.[2]\n\nTalks failed.[i]\n\n\
             [1] Interview with Ali Nazary.\n\nRecorded in Paris.\n\n[2] AFP, 6 September 2021.\n\n\
             [i] Reuters.\n"
        );
    }

    #[test]
    fn damaged_and_foreign_archives_are_refused() {
        assert!(matches!(
            document_from_docx(b"PK\x03\x04 truncated", "bad.docx"),
            Err(ImportError::Damaged { .. })
        ));
        let other = archive(&[("readme.txt", "hello")]);
        assert!(matches!(
            document_from_docx(&other, "other.docx"),
            Err(ImportError::Damaged { .. })
        ));
    }

    #[test]
    fn a_zip_bomb_is_refused_without_inflating_it() {
        // 80 MB of zeros compress to a few hundred kilobytes.
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .expect("entry");
        let zeros = vec![b'0'; 1024 * 1024];
        for _ in 0..80 {
            writer.write_all(&zeros).expect("write");
        }
        let bytes = writer.finish().expect("finish").into_inner();
        assert!(bytes.len() < 2 * 1024 * 1024);
        let error = document_from_docx(&bytes, "bomb.docx").expect_err("refused");
        assert!(error.to_string().contains("limit"), "{error}");
    }
}
