//! EPUB books: the chapters in reading order, with title, author, language, date and publisher
//! from the package file.
//!
//! An EPUB is a ZIP archive: `META-INF/container.xml` names the package file (the OPF), whose
//! manifest lists the book's files and whose spine gives their reading order. Nothing the book
//! refers to outside the archive is fetched.

use super::archive::Archive;
use super::html::decode_entities;
use super::xml::{Schema, Token, paragraphs, tokens};
use super::{ImportError, Imported, Metadata, build_document, declared_language, decode};
use crate::model::PartialDate;
use std::collections::{HashMap, HashSet};

/// The entry that names the package file.
const CONTAINER: &str = "META-INF/container.xml";

/// The entry that lists encrypted files, for DRM or for font obfuscation.
const ENCRYPTION: &str = "META-INF/encryption.xml";

/// Where the text of an XHTML chapter is: block elements are paragraphs, `br` a line break.
const XHTML: Schema<'static> = Schema {
    scope_tags: &["body"],
    paragraph_tags: &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "li",
        "blockquote",
        "dt",
        "dd",
        "pre",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "main",
        "figure",
        "figcaption",
        "caption",
        "address",
        "hr",
    ],
    text_tags: &[],
    // Ruby annotations (`rt`, `rp`) are reading aids printed above the text, not the text.
    skip_tags: &["script", "style", "rt", "rp"],
    // The link back from a note (an arrow) would stick to the words around it; the note
    // itself is kept where the book puts it, and references to it are written "[3]" (see
    // `note_references`).
    skip_attributes: &[("role", "doc-backlink")],
    space_tags: &["td", "th"],
    break_tags: &["br"],
    row_tags: &[],
    cell_tags: &[],
    collapse_whitespace: true,
    note_references: true,
};

fn damaged(reason: impl Into<String>) -> ImportError {
    ImportError::Damaged {
        reason: reason.into(),
    }
}

/// Reads an EPUB book (2 or 3): the text of its chapters in spine order, and title, author,
/// language, date and publisher (as the outlet) from its package file.
///
/// A damaged archive, a missing container or package file, chapters encrypted by DRM, or a
/// book without text gets a reason instead of a document.
pub fn document_from_epub(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let mut archive = Archive::open(bytes)?;
    let container = archive
        .text(CONTAINER)?
        .ok_or_else(|| damaged(format!("it has no {CONTAINER}: not an EPUB book")))?;
    let package_path = package_path(&container)
        .ok_or_else(|| damaged(format!("its {CONTAINER} names no package file")))?;
    let opf = archive
        .text(&package_path)?
        .ok_or_else(|| damaged(format!("its package file {package_path} is missing")))?;
    let package = Package::read(&opf, folder(&package_path));
    let chapters = package.reading_order();
    if chapters.is_empty() {
        return Err(damaged(format!(
            "its package file {package_path} lists no chapters in its spine"
        )));
    }
    let encrypted = encrypted_files(&mut archive)?;
    if chapters.iter().any(|chapter| encrypted.contains(chapter)) {
        return Err(ImportError::NoText {
            reason: "the book is protected by DRM (its chapters are encrypted)".into(),
        });
    }
    let mut text = Vec::new();
    let mut replaced = 0;
    let mut encoding = None;
    let mut found = 0usize;
    for chapter in &chapters {
        // A chapter missing from the archive is left out; the others still make the book.
        let Some(bytes) = archive.bytes(chapter)? else {
            continue;
        };
        found += 1;
        let decoded = decode(&bytes).ok_or_else(|| {
            damaged(format!(
                "its chapter {chapter} is not text (encrypted or damaged)"
            ))
        })?;
        replaced += decoded.replaced;
        encoding.get_or_insert(decoded.encoding);
        text.extend(paragraphs(&decoded.text, &XHTML));
    }
    if found == 0 {
        return Err(damaged(format!(
            "none of the chapters listed by {package_path} is in the archive"
        )));
    }
    if text.is_empty() {
        return Err(ImportError::NoText {
            reason: "the book's chapters have no text (pictures only?)".into(),
        });
    }
    build_document(
        &text.join("\n\n"),
        file,
        encoding.unwrap_or("UTF-8"),
        replaced,
        package.metadata(),
    )
}

/// The path of the package file that `container.xml` names, preferring an OPF by media type.
fn package_path(container: &str) -> Option<String> {
    let mut first = None;
    for token in tokens(container) {
        let Token::Tag(tag) = token else {
            continue;
        };
        if tag.closing || tag.local_name() != "rootfile" {
            continue;
        }
        let Some(path) = tag
            .attribute("full-path")
            .and_then(|path| resolve("", &path))
        else {
            continue;
        };
        if tag.attribute("media-type").as_deref() == Some("application/oebps-package+xml") {
            return Some(path);
        }
        first.get_or_insert(path);
    }
    first
}

/// The files that `META-INF/encryption.xml` says are encrypted, as paths in the archive.
fn encrypted_files(archive: &mut Archive<'_>) -> Result<HashSet<String>, ImportError> {
    let Some(bytes) = archive.bytes(ENCRYPTION)? else {
        return Ok(HashSet::new());
    };
    let xml = String::from_utf8_lossy(&bytes);
    Ok(tokens(&xml)
        .filter_map(|token| match token {
            Token::Tag(tag) if !tag.closing && tag.local_name() == "CipherReference" => {
                tag.attribute("URI")
            }
            _ => None,
        })
        // Encrypted paths are relative to the root of the archive, not to META-INF.
        .filter_map(|uri| resolve("", &uri))
        .collect())
}

/// The folder of an entry, with its trailing slash: `OEBPS/` for `OEBPS/content.opf`.
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |slash| &path[..=slash])
}

/// The archive path that `href` names, relative to `base` (a folder ending in `/`, or empty).
///
/// `None` for a reference with a scheme (`http:`, `data:`…): it is outside the book and is
/// never fetched.
fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap_or("").trim();
    if href.is_empty() {
        return None;
    }
    if let Some(colon) = href.find(':')
        && !href[..colon].contains('/')
    {
        return None;
    }
    let href = percent_decode(href);
    let joined = match href.strip_prefix('/') {
        Some(from_root) => from_root.to_owned(),
        None => format!("{base}{href}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Decodes `%20`-style escapes, as hrefs in a package file may have them.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A file listed in the manifest.
struct ManifestItem {
    /// Its path in the archive; `None` for a remote resource.
    path: Option<String>,
    /// Its media type, such as `application/xhtml+xml`.
    media_type: String,
    /// Its EPUB 3 properties, such as `nav`.
    properties: String,
}

impl ManifestItem {
    /// Whether it is a chapter to read: XHTML (or HTML), not the navigation document, whose
    /// text is the table of contents.
    fn is_chapter(&self) -> bool {
        let media_type = self.media_type.trim().to_ascii_lowercase();
        let by_type = media_type == "application/xhtml+xml" || media_type == "text/html";
        let by_name = media_type.is_empty()
            && self.path.as_deref().is_some_and(|path| {
                let lower = path.to_ascii_lowercase();
                [".xhtml", ".html", ".htm"]
                    .iter()
                    .any(|extension| lower.ends_with(extension))
            });
        (by_type || by_name) && !self.properties.split_whitespace().any(|p| p == "nav")
    }
}

/// One metadata element of the package file, with the attributes that qualify it.
struct Field {
    /// Its local name: `title`, `creator`, `language`, `date`, `publisher`, or `meta`.
    name: String,
    /// Its `id`, which EPUB 3 `meta refines="#id"` elements point to.
    id: Option<String>,
    /// EPUB 2's `opf:role` of a creator (`aut`, `trl`…).
    role: Option<String>,
    /// EPUB 2's `opf:event` of a date (`publication`, `modification`…).
    event: Option<String>,
    /// For a `meta`: the id it refines, without `#`, when its property is `role`.
    refines_role_of: Option<String>,
    /// The element's text, white space collapsed.
    text: String,
}

/// What the package file says: the metadata elements, the manifest and the spine.
#[derive(Default)]
struct Package {
    fields: Vec<Field>,
    manifest: HashMap<String, ManifestItem>,
    /// Manifest ids in reading order, each with whether it is part of the linear reading order.
    spine: Vec<(String, bool)>,
}

/// Metadata elements that are read.
const FIELDS: [&str; 6] = ["title", "creator", "language", "date", "publisher", "meta"];

impl Package {
    /// Reads a package file whose hrefs are relative to `base`.
    fn read(opf: &str, base: &str) -> Self {
        let mut package = Self::default();
        let mut in_metadata = false;
        let mut open: Option<Field> = None;
        for token in tokens(opf) {
            let tag = match token {
                Token::Text(text) => {
                    if let Some(field) = open.as_mut() {
                        field.text.push_str(&decode_entities(text));
                    }
                    continue;
                }
                Token::CData(text) => {
                    if let Some(field) = open.as_mut() {
                        field.text.push_str(text);
                    }
                    continue;
                }
                Token::Tag(tag) => tag,
            };
            let name = tag.local_name();
            if name == "metadata" {
                in_metadata = !tag.closing && !tag.self_closing;
                // An element left open is dropped rather than swallowing the manifest.
                open = None;
                continue;
            }
            if let Some(field) = open.take_if(|field| tag.closing && field.name == name) {
                package.fields.push(Field {
                    text: field.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    ..field
                });
                continue;
            }
            if tag.closing || open.is_some() {
                continue;
            }
            match name {
                "item" => {
                    let Some(id) = tag.attribute("id") else {
                        continue;
                    };
                    let item = ManifestItem {
                        path: tag.attribute("href").and_then(|href| resolve(base, &href)),
                        media_type: tag.attribute("media-type").unwrap_or_default(),
                        properties: tag.attribute("properties").unwrap_or_default(),
                    };
                    package.manifest.entry(id).or_insert(item);
                }
                "itemref" => {
                    if let Some(idref) = tag.attribute("idref") {
                        let linear = tag.attribute("linear").is_none_or(|value| value != "no");
                        package.spine.push((idref, linear));
                    }
                }
                _ if in_metadata && FIELDS.contains(&name) && !tag.self_closing => {
                    let refines_role_of = (name == "meta"
                        && tag.attribute("property").as_deref() == Some("role"))
                    .then(|| tag.attribute("refines"))
                    .flatten()
                    .map(|id| id.trim_start_matches('#').to_owned());
                    open = Some(Field {
                        name: name.to_owned(),
                        id: tag.attribute("id"),
                        role: tag.attribute("role"),
                        event: tag.attribute("event"),
                        refines_role_of,
                        text: String::new(),
                    });
                }
                _ => {}
            }
        }
        package
    }

    /// The chapters' paths in spine order, each once; the non-linear ones (notes, answers)
    /// only when nothing else is left.
    fn reading_order(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        let chapters: Vec<(&String, bool)> = self
            .spine
            .iter()
            .filter_map(|(idref, linear)| {
                let item = self.manifest.get(idref).filter(|item| item.is_chapter())?;
                Some((item.path.as_ref()?, *linear))
            })
            .filter(|(path, _)| seen.insert(*path))
            .collect();
        let any_linear = chapters.iter().any(|(_, linear)| *linear);
        chapters
            .into_iter()
            .filter(|(_, linear)| *linear || !any_linear)
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// The texts of the metadata elements of one name, in order, with their fields.
    fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Field> {
        self.fields
            .iter()
            .filter(move |field| field.name == name && !field.text.is_empty())
    }

    /// Title, authors, language, publication date and publisher.
    fn metadata<'a>(&'a self) -> Metadata {
        let refined_roles: HashMap<&str, &str> = self
            .named("meta")
            .filter_map(|meta| Some((meta.refines_role_of.as_deref()?, meta.text.as_str())))
            .collect();
        let role = |creator: &'a Field| -> Option<&'a str> {
            creator.role.as_deref().or_else(|| {
                creator
                    .id
                    .as_deref()
                    .and_then(|id| refined_roles.get(id).copied())
            })
        };
        let mut authors: Vec<&str> = self
            .named("creator")
            .filter(|creator| role(creator).is_none_or(|role| role == "aut"))
            .map(|creator| creator.text.as_str())
            .collect();
        if authors.is_empty() {
            // Only editors, translators or illustrators are named: they are who the book names.
            authors = self
                .named("creator")
                .map(|creator| creator.text.as_str())
                .collect();
        }
        let mut seen = HashSet::new();
        authors.retain(|author| seen.insert(*author));
        let first = |name: &str| {
            self.named(name)
                .next()
                .map(|field| field.text.clone())
                .unwrap_or_default()
        };
        let date = self
            .named("date")
            .find(|date| {
                date.event
                    .as_deref()
                    .is_none_or(|event| event.contains("publication"))
            })
            .or_else(|| self.named("date").next())
            .and_then(|date| publication_date(&date.text));
        Metadata {
            title: first("title"),
            outlet: first("publisher"),
            author: authors.join("; "),
            url: String::new(),
            date,
            language: self
                .named("language")
                .find_map(|language| declared_language(&language.text)),
        }
    }
}

/// The date of a `dc:date` (`2021`, `2021-08`, `2021-08-24`, or a time stamp).
fn publication_date(text: &str) -> Option<PartialDate> {
    let day = text.trim().split(['T', ' ']).next()?;
    let date: PartialDate = day.parse().ok()?;
    // Calibre writes 0101-01-01 when it does not know the date.
    (date.year_value() >= 1000).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::archive::tests::archive;

    const CONTAINER_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>"#;

    const OPF: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="uid">urn:uuid:0b5c6a3e-1d2f-4e55-9c1a-6f3b2a1e9d00</dc:identifier>
    <dc:title>La vall&#233;e des
      cinq lions &amp; apr&#xE8;s</dc:title>
    <dc:creator id="author">Claire Martin</dc:creator>
    <dc:creator id="translator">Sam Reed</dc:creator>
    <meta refines="#translator" property="role" scheme="marc:relators">trl</meta>
    <dc:language>fr-FR</dc:language>
    <dc:date>2021-09-06T08:00:00Z</dc:date>
    <dc:publisher>Éditions du Soir</dc:publisher>
    <meta property="dcterms:modified">2022-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="style/book.css" media-type="text/css"/>
    <item id="one" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="two" href="text/../text/two.xhtml" media-type="application/xhtml+xml"/>
    <item id="notes" href="../notes.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover" href="images/cover.jpg" media-type="image/jpeg"/>
    <item id="remote" href="https://example.com/chapter.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="cover"/>
    <itemref idref="remote"/>
    <itemref idref="two"/>
    <itemref idref="one"/>
    <itemref idref="notes" linear="no"/>
    <itemref idref="two"/>
  </spine>
</package>"##;

    const CHAPTER_ONE: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Chapitre un</title><style>p { margin: 0 }</style></head>
<body>
  <section>
    <h1>Chapitre un</h1>
    <p>Le porte-parole, Fahim Dashti, a d&#233;clar&#233; que la r&#xE9;sistance
       tenait toujours Bazarak&#x2019;s heights&nbsp;: &laquo;&#160;nous tenons&#160;&raquo;.</p>
    <div>Texte libre<p>Un paragraphe imbriqu&eacute;.</p>et une suite</div>
    <p>Premi&#232;re ligne<br/>deuxi&#232;me ligne<a epub:type="noteref" href="#n1"><sup>1</sup></a></p>
    <ul><li>un</li><li>deux</li></ul>
    <blockquote><p>Citation &amp; source.</p></blockquote>
    <aside epub:type="footnote" id="n1"><p>Note <a role="doc-backlink" href="#r1"><span>&#8617;</span></a>un.</p></aside>
    <script>var hidden = "ne pas garder";</script>
  </section>
</body>
</html>"##;

    const CHAPTER_TWO: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Deux</title></head>
<body><h2>Avant-propos</h2><p>Ce livre raconte la chute de la vall&#233;e du Panchir.</p></body></html>"#;

    const NAV: &str = r#"<html><body><nav epub:type="toc"><ol><li>Table des mati&#232;res</li></ol></nav></body></html>"#;

    const NOTES: &str =
        r#"<html><body><aside epub:type="footnote"><p>Note de fin.</p></aside></body></html>"#;

    fn book(extra: &[(&str, &str)]) -> Vec<u8> {
        let mut entries = vec![
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", CONTAINER_XML),
            ("OEBPS/content.opf", OPF),
            ("OEBPS/nav.xhtml", NAV),
            ("OEBPS/text/chapter 1.xhtml", CHAPTER_ONE),
            ("OEBPS/text/two.xhtml", CHAPTER_TWO),
            ("notes.xhtml", NOTES),
        ];
        entries.extend_from_slice(extra);
        archive(&entries)
    }

    #[test]
    fn chapters_are_read_in_spine_order_with_the_package_metadata() {
        let document = document_from_epub(&book(&[]), "livre.epub")
            .expect("imports")
            .document;
        assert_eq!(document.title, "La vallée des cinq lions & après");
        assert_eq!(document.author, "Claire Martin");
        assert_eq!(document.outlet, "Éditions du Soir");
        assert_eq!(document.language.as_deref(), Some("fr"));
        assert_eq!(
            document.date.map(|date| date.to_string()).as_deref(),
            Some("2021-09-06")
        );
        assert_eq!(document.encoding, "UTF-8");
        assert_eq!(
            document.text.as_ref(),
            "Avant-propos\n\n\
             Ce livre raconte la chute de la vallée du Panchir.\n\n\
             Chapitre un\n\n\
             Le porte-parole, Fahim Dashti, a déclaré que la résistance tenait toujours \
             Bazarak’s heights\u{a0}: «\u{a0}nous tenons\u{a0}».\n\n\
             Texte libre\n\n\
             Un paragraphe imbriqué.\n\n\
             et une suite\n\n\
             Première ligne\ndeuxième ligne[1]\n\n\
             un\n\n\
             deux\n\n\
             Citation & source.\n\n\
             Note un.\n"
        );
    }

    #[test]
    fn non_linear_chapters_are_read_when_nothing_else_is() {
        let opf = r#"<package><manifest><item id="n" href="notes.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="n" linear="no"/></spine></package>"#;
        let bytes = archive(&[
            ("META-INF/container.xml", CONTAINER_XML),
            ("OEBPS/content.opf", opf),
            (
                "OEBPS/notes.xhtml",
                "<html><body><p>Only notes here, about the valley.</p></body></html>",
            ),
        ]);
        let document = document_from_epub(&bytes, "notes.epub")
            .expect("imports")
            .document;
        assert_eq!(
            document.text.as_ref(),
            "Only notes here, about the valley.\n"
        );
        assert_eq!(document.author, "");
    }

    #[test]
    fn note_references_without_note_semantics_stand_apart_from_the_words() {
        let opf = r#"<package><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c"/></spine></package>"#;
        let chapter = r##"<html><body>
<p>Massoud held the valley.<a href="#fn1" id="r1"><sup>1</sup></a> Kabul fell<sup><a href="notes.xhtml#fn2">ii</a></sup> later.</p>
<p>See <a href="#ch2">the next chapter</a>, and <a href="https://example.org/">12</a> on the web.</p>
<p id="fn1"><a href="#r1">1</a>. Source: AFP.</p>
</body></html>"##;
        let bytes = archive(&[
            ("META-INF/container.xml", CONTAINER_XML),
            ("OEBPS/content.opf", opf),
            ("OEBPS/c.xhtml", chapter),
        ]);
        let document = document_from_epub(&bytes, "notes.epub")
            .expect("imports")
            .document;
        assert_eq!(
            document.text.as_ref(),
            "Massoud held the valley.[1] Kabul fell[ii] later.\n\n\
             See the next chapter, and 12 on the web.\n\n\
             [1]. Source: AFP.\n"
        );
    }

    #[test]
    fn epub_2_roles_and_dates_are_read() {
        let opf = r#"<package version="2.0"><metadata>
<dc:title>Report</dc:title>
<dc:creator opf:role="edt">An Editor</dc:creator>
<dc:creator opf:role="aut" opf:file-as="Reed, Sam">Sam Reed</dc:creator>
<dc:creator opf:role="aut">Ana Lima</dc:creator>
<dc:date opf:event="modification">2023-01-02</dc:date>
<dc:date opf:event="publication">2021-08</dc:date>
<dc:language>eng</dc:language>
</metadata></package>"#;
        let metadata = Package::read(opf, "").metadata();
        assert_eq!(metadata.author, "Sam Reed; Ana Lima");
        assert_eq!(
            metadata.date.map(|date| date.to_string()).as_deref(),
            Some("2021-08")
        );
        assert_eq!(metadata.language, None, "eng is not a two-letter code");
        assert_eq!(publication_date("0101-01-01T00:00:00+00:00"), None);
        assert_eq!(
            publication_date("2021")
                .map(|date| date.to_string())
                .as_deref(),
            Some("2021")
        );
    }

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS/", "text/a%20b.xhtml#part").as_deref(),
            Some("OEBPS/text/a b.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/text/", "../x.xhtml").as_deref(),
            Some("OEBPS/x.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/", "/root.xhtml").as_deref(),
            Some("root.xhtml")
        );
        assert_eq!(resolve("OEBPS/", "http://example.com/a.xhtml"), None);
        assert_eq!(resolve("OEBPS/", "data:text/html,hi"), None);
        assert_eq!(folder("OEBPS/content.opf"), "OEBPS/");
        assert_eq!(folder("content.opf"), "");
    }

    #[test]
    fn damaged_archives_and_books_without_a_container_are_refused() {
        let whole = book(&[]);
        let truncated = &whole[..whole.len() / 2];
        let error = document_from_epub(truncated, "cut.epub").expect_err("refused");
        assert!(matches!(error, ImportError::Damaged { .. }), "{error}");

        let no_container = archive(&[("OEBPS/content.opf", OPF)]);
        let error = document_from_epub(&no_container, "bare.epub").expect_err("refused");
        assert!(
            error.to_string().contains("META-INF/container.xml"),
            "{error}"
        );

        let no_package = archive(&[("META-INF/container.xml", CONTAINER_XML)]);
        let error = document_from_epub(&no_package, "hollow.epub").expect_err("refused");
        assert!(
            error.to_string().contains("OEBPS/content.opf is missing"),
            "{error}"
        );

        let empty_spine = archive(&[
            ("META-INF/container.xml", CONTAINER_XML),
            ("OEBPS/content.opf", "<package><spine/></package>"),
        ]);
        let error = document_from_epub(&empty_spine, "empty.epub").expect_err("refused");
        assert!(error.to_string().contains("no chapters"), "{error}");
    }

    #[test]
    fn a_book_with_encrypted_chapters_says_it_has_drm() {
        let encryption = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/text/two.xhtml"/></enc:CipherData></enc:EncryptedData>
</encryption>"#;
        let bytes = book(&[("META-INF/encryption.xml", encryption)]);
        let error = document_from_epub(&bytes, "locked.epub").expect_err("refused");
        assert!(
            matches!(&error, ImportError::NoText { reason } if reason.contains("DRM")),
            "{error}"
        );
        // Obfuscated fonts are listed the same way, but the chapters are readable.
        let fonts = encryption.replace("OEBPS/text/two.xhtml", "OEBPS/fonts/serif.otf");
        let bytes = book(&[("META-INF/encryption.xml", fonts.as_str())]);
        assert!(document_from_epub(&bytes, "fonts.epub").is_ok());
    }

    #[test]
    fn a_book_is_recognised_by_its_bytes_whatever_its_name() {
        use std::io::Write;
        // Books put an uncompressed `mimetype` entry first, so its content can be seen at once.
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        writer.start_file("mimetype", stored).expect("entry");
        writer.write_all(b"application/epub+zip").expect("write");
        for (name, content) in [
            ("META-INF/container.xml", CONTAINER_XML),
            ("OEBPS/content.opf", OPF),
            ("OEBPS/text/chapter 1.xhtml", CHAPTER_ONE),
            ("OEBPS/text/two.xhtml", CHAPTER_TWO),
        ] {
            writer.start_file(name, stored).expect("entry");
            writer.write_all(content.as_bytes()).expect("write");
        }
        let bytes = writer.finish().expect("finish").into_inner();
        let document = crate::import::document_from_bytes(&bytes, "download")
            .expect("imports")
            .document;
        assert_eq!(document.author, "Claire Martin");
        assert!(document.text.starts_with("Avant-propos\n\n"));
    }

    proptest::proptest! {
        #[test]
        fn any_markup_is_scanned_without_panicking(
            markup in "[<>/a-z =\"'&#;!?\\[\\]é\u{2019}-]{0,400}"
        ) {
            let _ = paragraphs(&markup, &XHTML);
            let _ = Package::read(&markup, "OEBPS/").metadata();
            let _ = package_path(&markup);
            let _ = resolve("OEBPS/", &markup);
        }
    }

    #[test]
    fn a_book_of_pictures_has_no_text() {
        let bytes = archive(&[
            ("META-INF/container.xml", CONTAINER_XML),
            (
                "OEBPS/content.opf",
                r#"<package><manifest><item id="p" href="page.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="p"/></spine></package>"#,
            ),
            (
                "OEBPS/page.xhtml",
                r#"<html><head><title>Page</title></head><body><img src="page.jpg" alt="A page"/></body></html>"#,
            ),
        ]);
        assert!(matches!(
            document_from_epub(&bytes, "comic.epub"),
            Err(ImportError::NoText { .. })
        ));
    }
}
