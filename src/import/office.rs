//! Word-processor files: DOCX and ODT are zipped XML; their paragraphs become the text.
//!
//! The archive's declared sizes are checked and every read is capped, so a ZIP bomb is refused
//! instead of filling the memory.

use super::{ImportError, Imported, Metadata, build_document, html::decode_entities};
use std::io::{Cursor, Read};

/// The most an entry of an office file may inflate to.
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// Reads one entry of a ZIP archive as text, refusing entries that inflate past the cap.
fn entry(bytes: &[u8], name: &str) -> Result<Option<String>, ImportError> {
    let damaged = |reason: String| ImportError::Damaged { reason };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| damaged(format!("not a readable ZIP archive ({error})")))?;
    let Ok(file) = archive.by_name(name) else {
        return Ok(None);
    };
    if file.size() > MAX_ENTRY_BYTES {
        return Err(damaged(format!(
            "{name} would inflate to {} MB, over the limit of {} MB",
            file.size() / 1_000_000,
            MAX_ENTRY_BYTES / 1_000_000
        )));
    }
    let mut text = String::new();
    // The declared size can lie: the read itself is capped too.
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|error| damaged(format!("{name} cannot be read ({error})")))?;
    if text.len() as u64 > MAX_ENTRY_BYTES {
        return Err(damaged(format!(
            "{name} inflates past the limit of {} MB",
            MAX_ENTRY_BYTES / 1_000_000
        )));
    }
    Ok(Some(text))
}

/// The paragraphs of an XML body: text inside `text_tags` (or anywhere, when empty), one
/// paragraph per `paragraph_tags` element; `space_tags` stand for a space, `break_tags` for a line.
struct Schema<'a> {
    paragraph_tags: &'a [&'a str],
    text_tags: &'a [&'a str],
    space_tags: &'a [&'a str],
    break_tags: &'a [&'a str],
}

fn paragraphs(xml: &str, schema: &Schema<'_>) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    let mut in_paragraph = 0usize;
    let mut in_text = 0usize;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let content = &rest[..open];
        if in_paragraph > 0 && (schema.text_tags.is_empty() || in_text > 0) {
            current.push_str(&decode_entities(content));
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if schema.paragraph_tags.contains(&name) {
            if closing {
                in_paragraph = in_paragraph.saturating_sub(1);
                if in_paragraph == 0 {
                    found.push(std::mem::take(&mut current));
                }
            } else if !self_closing {
                in_paragraph += 1;
            }
        } else if schema.text_tags.contains(&name) {
            if closing {
                in_text = in_text.saturating_sub(1);
            } else if !self_closing {
                in_text += 1;
            }
        } else if in_paragraph > 0 && schema.space_tags.contains(&name) {
            current.push(' ');
        } else if in_paragraph > 0 && schema.break_tags.contains(&name) {
            current.push('\n');
        }
    }
    found
        .into_iter()
        .map(|paragraph| paragraph.trim().to_owned())
        .filter(|paragraph| !paragraph.is_empty())
        .collect()
}

/// The text of the first `<tag …>…</tag>` element in `xml`.
fn element(xml: &str, tag: &str) -> String {
    let Some(start) = xml.find(&format!("<{tag}")) else {
        return String::new();
    };
    let Some(open_end) = xml[start..].find('>').map(|end| start + end + 1) else {
        return String::new();
    };
    let Some(end) = xml[open_end..]
        .find(&format!("</{tag}>"))
        .map(|end| open_end + end)
    else {
        return String::new();
    };
    decode_entities(&xml[open_end..end]).trim().to_owned()
}

/// Reads a Word document (.docx): paragraphs of `word/document.xml`, title and author from
/// `docProps/core.xml`.
pub fn document_from_docx(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let body = entry(bytes, "word/document.xml")?.ok_or_else(|| ImportError::Damaged {
        reason: "it has no word/document.xml: not a Word document".into(),
    })?;
    let schema = Schema {
        paragraph_tags: &["w:p"],
        text_tags: &["w:t"],
        space_tags: &["w:tab"],
        break_tags: &["w:br", "w:cr"],
    };
    let core = entry(bytes, "docProps/core.xml")?.unwrap_or_default();
    let metadata = Metadata {
        title: element(&core, "dc:title"),
        author: element(&core, "dc:creator"),
        ..Metadata::default()
    };
    build_document(
        &paragraphs(&body, &schema).join("\n\n"),
        file,
        "UTF-8",
        0,
        metadata,
    )
}

/// Reads an OpenDocument text (.odt): paragraphs and headings of `content.xml`, title and
/// author from `meta.xml`.
pub fn document_from_odt(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let body = entry(bytes, "content.xml")?.ok_or_else(|| ImportError::Damaged {
        reason: "it has no content.xml: not an OpenDocument text".into(),
    })?;
    let schema = Schema {
        paragraph_tags: &["text:p", "text:h"],
        text_tags: &[],
        space_tags: &["text:s", "text:tab"],
        break_tags: &["text:line-break"],
    };
    let meta = entry(bytes, "meta.xml")?.unwrap_or_default();
    let author = Some(element(&meta, "meta:initial-creator"))
        .filter(|author| !author.is_empty())
        .unwrap_or_else(|| element(&meta, "dc:creator"));
    let metadata = Metadata {
        title: element(&meta, "dc:title"),
        author,
        ..Metadata::default()
    };
    build_document(
        &paragraphs(&body, &schema).join("\n\n"),
        file,
        "UTF-8",
        0,
        metadata,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A ZIP archive with the given entries, as an office suite writes them.
    pub(crate) fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in entries {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            writer.write_all(content.as_bytes()).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

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
