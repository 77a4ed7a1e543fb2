//! Word-processor files: DOCX and ODT are zipped XML; their paragraphs become the text.
//!
//! The archive is read under the caps of [`super::archive`], so a ZIP bomb is refused instead
//! of filling the memory.

use super::archive::Archive;
use super::xml::{Schema, element, paragraphs};
use super::{ImportError, Imported, Metadata, build_document};

/// Reads a Word document (.docx): paragraphs of `word/document.xml`, then its footnotes and
/// endnotes, each after a marker (`[1]`, `[i]`) that also stands where it is referred to in the
/// text; title and author from `docProps/core.xml`.
pub fn document_from_docx(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let mut archive = Archive::open(bytes)?;
    let body = required_part(&mut archive, "word/document.xml", "a Word document")?;
    let footnotes = archive.text("word/footnotes.xml")?.unwrap_or_default();
    let endnotes = archive.text("word/endnotes.xml")?.unwrap_or_default();
    let schema = Schema {
        scope_tags: &["w:p"],
        paragraph_tags: &["w:p"],
        text_tags: &["w:t"],
        skip_tags: &[],
        skip_attributes: &[],
        space_tags: &["w:tab"],
        break_tags: &["w:br", "w:cr"],
        collapse_whitespace: false,
        note_references: false,
    };
    let core = archive.text("docProps/core.xml")?.unwrap_or_default();
    let metadata = Metadata {
        title: element(&core, "dc:title"),
        author: element(&core, "dc:creator"),
        ..Metadata::default()
    };
    let (body, footnotes) = notes(&body, &footnotes, "footnote", &schema, |n| n.to_string());
    let (body, endnotes) = notes(&body, &endnotes, "endnote", &schema, roman);
    let mut text = paragraphs(&body, &schema);
    text.extend(footnotes);
    text.extend(endnotes);
    build_document(&text.join("\n\n"), file, "UTF-8", 0, metadata)
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

/// Reads an OpenDocument text (.odt): paragraphs and headings of `content.xml`, title and
/// author from `meta.xml`.
pub fn document_from_odt(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let mut archive = Archive::open(bytes)?;
    let body = required_part(&mut archive, "content.xml", "an OpenDocument text")?;
    let schema = Schema {
        scope_tags: &["text:p", "text:h"],
        paragraph_tags: &["text:p", "text:h"],
        text_tags: &[],
        skip_tags: &[],
        skip_attributes: &[],
        space_tags: &["text:s", "text:tab"],
        break_tags: &["text:line-break"],
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
    from_paragraphs(&body, &schema, file, metadata)
}

/// The archive part that holds the text, or why the file is not `kind` after all.
fn required_part(archive: &mut Archive, path: &str, kind: &str) -> Result<String, ImportError> {
    archive.text(path)?.ok_or_else(|| ImportError::Damaged {
        reason: format!("it has no {path}: not {kind}"),
    })
}

/// The document made of the paragraphs `schema` finds in the XML `body`.
fn from_paragraphs(
    body: &str,
    schema: &Schema,
    file: &str,
    metadata: Metadata,
) -> Result<Imported, ImportError> {
    build_document(
        &paragraphs(body, schema).join("\n\n"),
        file,
        "UTF-8",
        0,
        metadata,
    )
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
    fn an_opendocument_text_gives_its_paragraphs() {
        let content = r#"<office:document-content><office:body><office:text>
<text:h text:outline-level="1">Resistance holds</text:h>
<text:p text:style-name="P1">Fighters loyal to <text:span>Ahmad Massoud</text:span> said they<text:s/>still held the valley.</text:p>
<text:p>Second paragraph<text:line-break/>on two lines.</text:p>
</office:text></office:body></office:document-content>"#;
        let bytes = archive(&[
            ("content.xml", content),
            (
                "meta.xml",
                "<office:meta><meta:initial-creator>Sam Reed</meta:initial-creator></office:meta>",
            ),
        ]);
        let document = document_from_odt(&bytes, "report.odt")
            .expect("imports")
            .document;
        assert_eq!(
            document.text.as_ref(),
            "Resistance holds\n\nFighters loyal to Ahmad Massoud said they still held the valley.\n\nSecond paragraph\non two lines.\n"
        );
        assert_eq!(document.title, "Resistance holds");
        assert_eq!(document.author, "Sam Reed");
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
