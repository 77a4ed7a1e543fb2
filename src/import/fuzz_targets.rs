//! What each fuzz target does with one input: the coverage-guided cargo-fuzz targets in `fuzz/`
//! and the in-crate mutation fuzzer (`fuzz.rs`) both call these, so the two try the same thing.
//! Each returns whether the input was imported; none may panic. Not part of the interface.
//!
//! The archive formats take two kinds of input: a whole archive (bytes starting with `PK`), or
//! the markup of its main part, wrapped here in a sound archive, so that the fuzzer reaches the
//! XML readers instead of spending its time on broken ZIP directories.

use super::archive::zip_of;
use super::document_from_file_bytes;

fn imports(bytes: &[u8], file: &str) -> bool {
    document_from_file_bytes(bytes, file).is_ok()
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK")
}

/// Plain text in any encoding.
pub fn text(bytes: &[u8]) -> bool {
    imports(bytes, "report.txt")
}

/// A saved web page.
pub fn html(bytes: &[u8]) -> bool {
    imports(bytes, "page.html")
}

/// A DOCX file, or the markup of its `word/document.xml`.
pub fn docx(bytes: &[u8]) -> bool {
    if is_zip(bytes) {
        return imports(bytes, "report.docx");
    }
    let markup = String::from_utf8_lossy(bytes);
    imports(&zip_of(&[("word/document.xml", &markup)]), "report.docx")
}

/// An ODT file, or the markup of its `content.xml`.
pub fn odt(bytes: &[u8]) -> bool {
    if is_zip(bytes) {
        return imports(bytes, "report.odt");
    }
    let markup = String::from_utf8_lossy(bytes);
    imports(
        &zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", &markup),
        ]),
        "report.odt",
    )
}

/// An EPUB book, or its package document (`content.opf`) in a book of two chapters, one of
/// them outside the package's folder.
pub fn epub(bytes: &[u8]) -> bool {
    if is_zip(bytes) {
        return imports(bytes, "book.epub");
    }
    let package = String::from_utf8_lossy(bytes);
    imports(
        &zip_of(&[
            ("mimetype", "application/epub+zip"),
            (
                "META-INF/container.xml",
                "<container><rootfiles><rootfile full-path=\"OEBPS/content.opf\"/></rootfiles></container>",
            ),
            ("OEBPS/content.opf", &package),
            (
                "OEBPS/one.xhtml",
                "<html><body><p>La vallée résiste.</p></body></html>",
            ),
            (
                "two.xhtml",
                "<html><body><p>Ahmad Massoud a parlé.</p></body></html>",
            ),
        ]),
        "book.epub",
    )
}

/// An RTF document.
pub fn rtf(bytes: &[u8]) -> bool {
    imports(bytes, "report.rtf")
}

/// A PDF file.
pub fn pdf(bytes: &[u8]) -> bool {
    imports(bytes, "report.pdf")
}

/// A project file; damaged UTF-8 is refused before parsing, as loading a project does.
pub fn project(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes)
        .is_ok_and(|text| crate::store::from_ron(text, std::path::Path::new("fuzz.ron")).is_ok())
}

/// A REFI-QDA project (`.qdpx`), or the XML of its `project.qde` wrapped in an archive with
/// one text: read without a panic, or refused. Every passage read must be a range of its text
/// on character boundaries, which is what joining it to a project relies on.
pub fn qdpx(bytes: &[u8]) -> bool {
    let archive = if is_zip(bytes) {
        bytes.to_vec()
    } else {
        let markup = String::from_utf8_lossy(bytes);
        zip_of(&[
            ("project.qde", &markup),
            (
                "Sources/s.txt",
                "Panjshir update\r\nThe NRF 🛡️ holds the valley.",
            ),
        ])
    };
    let Ok(exchange) = super::qdpx::read_qdpx(&archive) else {
        return false;
    };
    for source in &exchange.sources {
        for selection in &source.selections {
            assert!(
                selection.start < selection.end
                    && source.text.get(selection.start..selection.end).is_some(),
                "a passage outside its text or inside a character"
            );
        }
    }
    true
}
