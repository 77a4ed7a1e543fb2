//! Import: bytes from a file become a [`Document`] with its metadata, or a reason why not.
//!
//! One reader per format: plain text and Markdown in any common encoding, saved web pages, DOCX,
//! ODT, PDF, EPUB and RTF. Each file succeeds or fails on its own: a batch reports every failure
//! and keeps every success.
//!
//! A leaf layer: it knows nothing of projects being edited or analysed. Ids, duplicates against
//! a project and the edit that adds documents are the workspace's business.

mod archive;
pub mod boilerplate;
mod credits;
mod depth;
mod epub;
#[cfg(test)]
mod fuzz;
#[doc(hidden)]
pub mod fuzz_targets;
mod guard;
mod html;
pub mod names;
mod odt;
mod office;
mod pdf;
mod pdf_layout;
pub mod qdpx;
mod rtf;
mod text;
mod xml;

pub use epub::document_from_epub;
pub use html::document_from_html;
pub use odt::document_from_odt;
pub use office::document_from_docx;
pub use pdf::document_from_pdf;
pub use rtf::document_from_rtf;
pub use text::{
    DecodedText, Header, byline, decode, detect_language, headline, metadata_date, metadata_header,
};

use crate::model::{ByteSpan, Document, DocumentId, PartialDate, is_language_code};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Extensions read as plain text when a folder is imported.
pub const TEXT_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "markdown"];

/// Extensions read as saved web pages.
pub const HTML_EXTENSIONS: [&str; 3] = ["html", "htm", "xhtml"];

/// Extensions of word-processor files, PDFs and e-books.
pub const OFFICE_EXTENSIONS: [&str; 5] = ["docx", "odt", "rtf", "pdf", "epub"];

/// Every extension a folder import picks up.
pub fn importable_extensions() -> impl Iterator<Item = &'static str> {
    TEXT_EXTENSIONS
        .into_iter()
        .chain(HTML_EXTENSIONS)
        .chain(OFFICE_EXTENSIONS)
}

/// Limits that keep a bad file from taking the machine down.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions {
    /// Files larger than this many bytes, or whose text is, are refused.
    pub max_bytes: u64,
    /// A file whose reading takes longer than this is refused.
    pub time_budget: std::time::Duration,
}

impl ImportOptions {
    /// The default size limit: 50 MB.
    pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
    /// The default time limit: a real 1,000-page PDF reads in a few seconds.
    pub const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            max_bytes: Self::MAX_BYTES,
            time_budget: Self::TIME_BUDGET,
        }
    }
}

/// Why one file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read it: {source}")]
    Io {
        /// The system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than the limit.
    #[error("it is {:.1} MB, over the limit of {:.1} MB", *size as f64 / 1e6, *limit as f64 / 1e6)]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The text the file holds is larger than the limit once extracted (a small compressed
    /// document may hold a great deal of text).
    #[error("its text is {:.1} MB once extracted, over the limit of {:.1} MB", *size as f64 / 1e6, *limit as f64 / 1e6)]
    TextTooLarge {
        /// The text's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not a regular file: a folder, a device or a pipe.
    #[error("it is not a regular file (a folder, a device or a pipe)")]
    NotAFile,
    /// The file holds no text (a metadata line alone does not count).
    #[error("it has no text")]
    Empty,
    /// The file looks like binary data, not text.
    #[error("it is not a text file (it contains binary data)")]
    Binary,
    /// A web page in which no article text could be found.
    #[error("no article text could be found in the page ({reason})")]
    NoArticle {
        /// What the extractor said.
        reason: String,
    },
    /// A file with nothing to import as text: a scanned PDF, an encrypted one.
    #[error("it has no text to import: {reason}")]
    NoText {
        /// Why.
        reason: String,
    },
    /// A format this version cannot read yet.
    #[error(
        "{format} files cannot be imported yet: import its text, a saved web page, DOCX, ODT, RTF or PDF instead"
    )]
    Unsupported {
        /// The format, such as PDF.
        format: String,
    },
    /// A file that is damaged or not of its kind: a DOCX, ODT or EPUB archive that cannot be
    /// read or is a ZIP bomb, an RTF file nested too deep, a PDF that cannot be parsed.
    #[error("it cannot be read: {reason}")]
    Damaged {
        /// What is wrong.
        reason: String,
    },
    /// Reading the file took longer than the import allows.
    #[error("reading it took longer than {} and was given up", seconds(*budget))]
    TooSlow {
        /// The time allowed.
        budget: std::time::Duration,
    },
    /// The same text is already in the project or earlier in the batch.
    #[error("its text is identical to {existing:?}, already imported")]
    Duplicate {
        /// The file name of the earlier copy.
        existing: String,
    },
}

/// A document read from a file, before it joins a project.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The document; its id is assigned when it joins a project.
    pub document: Document,
    /// How many invalid byte sequences were replaced by U+FFFD.
    pub replaced: usize,
}

/// Progress of a running import, for a progress bar.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    /// Files finished.
    pub done: usize,
    /// Files in the batch.
    pub total: usize,
    /// The file being read.
    pub current: String,
    /// Failures so far.
    pub failed: usize,
}

/// One file of a batch, as read.
#[derive(Debug)]
pub struct FileRead {
    /// The file.
    pub path: PathBuf,
    /// The document read from it, or why it could not be read.
    pub result: Result<Imported, ImportError>,
}

/// The files of a batch as read, in the order given.
#[derive(Debug, Default)]
pub struct BatchRead {
    /// One entry per file, folders expanded.
    pub files: Vec<FileRead>,
    /// Whether the user cancelled before the end; the files read so far are kept.
    pub cancelled: bool,
}

/// Expands folders (recursively, files of the importable formats only, sorted by name) and keeps
/// files as given.
///
/// Links to folders are not followed, so a link back to a parent folder cannot make the walk
/// endless; links to files are read like files.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    crate::frame_guard::heavy("walking folders to import");
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_folder(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn collect_folder(folder: &Path, files: &mut Vec<PathBuf>) {
    let walk = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walk {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_file()
                    || entry.path_is_symlink() && entry.path().is_file();
                if is_file && has_text_extension(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            // An unreadable folder is reported when the user names it as a file would be.
            Err(error) => files.push(error.path().unwrap_or(folder).to_owned()),
        }
    }
}

fn has_text_extension(path: &Path) -> bool {
    has_extension(path, &importable_extensions().collect::<Vec<_>>())
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extensions
                .iter()
                .any(|known| known.eq_ignore_ascii_case(extension))
        })
}

/// Reads at most `limit` bytes of a regular file, or says why not. A pipe or a device
/// (`/dev/zero`) would hang or read forever, so only regular files are read; no more than the
/// limit is read even if the file grows while it is read.
pub(crate) fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let io = |source| ImportError::Io { source };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(ImportError::NotAFile);
    }
    let size = metadata.len();
    if size > limit {
        return Err(ImportError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::fs::File::open(path)
        .map_err(io)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// "10 s", "0.5 s": a time limit as people write it.
fn seconds(duration: std::time::Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// Reads one file into a document whose id is not yet assigned, within the options' limits: its
/// reader runs on a worker of its own (see [`guard`]).
pub fn read_document(path: &Path, options: ImportOptions) -> Result<Imported, ImportError> {
    crate::frame_guard::heavy("reading a file to import");
    let bytes = read_capped(path, options.max_bytes)?;
    let file = path
        .file_name()
        .map(crate::text::file_name_text)
        .unwrap_or_default();
    let imported = guard::within_budget("file-reader", options.time_budget, move || {
        document_from_file_bytes(&bytes, &file)
    })?;
    // The file's limit holds for its text too: a 250 KB office document can inflate to 50 MB.
    let text = imported.document.text.len() as u64;
    if text > options.max_bytes {
        return Err(ImportError::TextTooLarge {
            size: text,
            limit: options.max_bytes,
        });
    }
    Ok(imported)
}

/// Builds a document from the bytes of the file named `file`, read as its extension says (HTML,
/// PDF, DOCX, ODT, EPUB, RTF), else as by [`document_from_bytes`].
pub fn document_from_file_bytes(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let path = Path::new(file);
    if has_extension(path, &HTML_EXTENSIONS) {
        return html::document_from_html(bytes, file);
    }
    if has_extension(path, &["pdf"]) {
        return pdf::document_from_pdf(bytes, file);
    }
    if let Some(format) = ["doc", "pages"]
        .into_iter()
        .find(|format| has_extension(path, &[format]))
    {
        return Err(ImportError::Unsupported {
            format: format.to_uppercase(),
        });
    }
    if has_extension(path, &["docx"]) {
        return office::document_from_docx(bytes, file);
    }
    if has_extension(path, &["odt"]) {
        return odt::document_from_odt(bytes, file);
    }
    if has_extension(path, &["epub"]) {
        return epub::document_from_epub(bytes, file);
    }
    if has_extension(path, &["rtf"]) {
        return rtf::document_from_rtf(bytes, file);
    }
    document_from_bytes(bytes, file)
}

/// Builds a document from a file's bytes; `file` is its name, used as a title of last resort.
///
/// Plain text, unless the bytes say otherwise: an RTF document (`{\rtf`) or an EPUB book (a ZIP
/// archive whose first entry is its `mimetype`) is read as such whatever its file name.
pub fn document_from_bytes(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    if bytes.trim_ascii_start().starts_with(b"{\\rtf") {
        return rtf::document_from_rtf(bytes, file);
    }
    if bytes.starts_with(b"PK\x03\x04")
        && bytes
            .get(30..)
            .is_some_and(|rest| rest.starts_with(b"mimetypeapplication/epub+zip"))
    {
        return epub::document_from_epub(bytes, file);
    }
    let decoded = decode(bytes).ok_or(ImportError::Binary)?;
    build_document(
        &decoded.text,
        file,
        decoded.encoding,
        decoded.replaced,
        Metadata::default(),
    )
}

/// What a format says about a document besides its text; empty fields are unknown.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Outlet (a site name).
    pub outlet: String,
    /// Author.
    pub author: String,
    /// Canonical URL.
    pub url: String,
    /// Publication date.
    pub date: Option<PartialDate>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
}

/// The ISO 639-1 code of a declared language such as `fr`, `en-GB` or `pt_BR`; `None` for
/// anything else (`eng`, `x-klingon`).
pub(crate) fn declared_language(declared: &str) -> Option<String> {
    let declared = declared.trim().to_lowercase();
    declared
        .get(..2)
        .filter(|code| {
            is_language_code(code) && (declared.len() == 2 || declared[2..].starts_with(['-', '_']))
        })
        .map(str::to_owned)
}

/// Builds a document from its text, as every reader does: a leading metadata header, the title
/// (given, else the header's, else the headline, else the file name), the language (given,
/// else detected), and the paragraphs to set aside.
pub fn build_document(
    text: &str,
    file: &str,
    encoding: &str,
    replaced: usize,
    metadata: Metadata,
) -> Result<Imported, ImportError> {
    let mut text = text.to_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // A metadata header (` date 2021-08`, `Title: …`) sets what the format did not say, and is
    // not body text.
    let header = metadata_header(&text).unwrap_or_default();
    let body_start = header.body_start;
    // The body span starts on a char boundary: the header ends at a line end or before a word.
    let body = ByteSpan::new(&text, body_start, text.len()).map_err(|_| ImportError::Binary)?;
    let body_text = &text[body_start..];
    if body_text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| file.to_owned(), crate::text::file_name_text);
    let boilerplate = set_aside(&text, body);
    // The title is never a metadata header or a line set aside as furniture.
    let headline_text = without_set_aside(&text, body, &boilerplate);
    let given = |value: String, from_header: Option<String>| {
        Some(value.trim().to_owned())
            .filter(|value| !value.is_empty())
            .or_else(|| from_header.map(|value| value.trim().to_owned()))
            .filter(|value| !value.is_empty())
    };
    let title = given(metadata.title, header.title)
        .or_else(|| headline(&headline_text).map(str::to_owned))
        .unwrap_or(stem);
    let language = metadata
        .language
        .or_else(|| detect_language(body_text).map(str::to_owned));
    let document = Document {
        id: DocumentId(0),
        title,
        outlet: given(metadata.outlet, header.outlet).unwrap_or_default(),
        author: given(metadata.author, header.author)
            .or_else(|| byline(&headline_text))
            .unwrap_or_default(),
        url: given(metadata.url, header.url).unwrap_or_default(),
        date: header.date.or(metadata.date),
        language,
        file: file.to_owned(),
        imported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        encoding: encoding.to_owned(),
        import_warnings: Vec::new(),
        content_hash: Document::hash_text(&text),
        boilerplate,
        note: String::new(),
        body,
        text: text.into(),
    };
    Ok(Imported { document, replaced })
}

/// The body with its set-aside paragraphs left out, to find a headline in.
fn without_set_aside(text: &str, body: ByteSpan, set_aside: &[ByteSpan]) -> String {
    let mut kept = String::new();
    let mut at = body.start();
    for span in set_aside {
        if span.start() > at {
            kept.push_str(&text[at..span.start()]);
        }
        at = at.max(span.end());
    }
    if at < body.end() {
        kept.push_str(&text[at..body.end()]);
    }
    kept
}

/// The paragraphs of the body that read as publisher furniture.
pub(crate) fn set_aside(text: &str, body: ByteSpan) -> Vec<ByteSpan> {
    boilerplate::detect(&text[body.range()], body.start())
        .into_iter()
        .filter_map(|range| ByteSpan::new(text, range.start, range.end).ok())
        .collect()
}

/// Reads files and folders (expanded by [`expand_paths`]) into documents without ids.
///
/// Runs on any thread, reading a few dozen files at a time on every core; the result keeps the
/// order of the files, whichever finishes first. `progress` is called before each group and
/// `cancel` is checked between groups.
pub fn read_batch(
    paths: &[PathBuf],
    options: ImportOptions,
    progress: &dyn Fn(&Progress),
    cancel: &AtomicBool,
) -> BatchRead {
    let files = expand_paths(paths);
    let mut read = BatchRead::default();
    let mut status = Progress {
        total: files.len(),
        ..Progress::default()
    };
    const CHUNK: usize = 32;
    for chunk in files.chunks(CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            read.cancelled = true;
            break;
        }
        status.current = chunk[0]
            .file_name()
            .map(crate::text::file_name_text)
            .unwrap_or_default();
        progress(&status);
        let results: Vec<Result<Imported, ImportError>> = chunk
            .par_iter()
            .map(|path| read_document(path, options))
            .collect();
        for (path, result) in chunk.iter().zip(results) {
            status.done += 1;
            status.failed += usize::from(result.is_err());
            read.files.push(FileRead {
                path: path.clone(),
                result,
            });
        }
    }
    progress(&status);
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_line_sets_date_and_is_left_out_of_the_body() {
        let document = document_from_bytes(
            " date 2021-08\nTaliban claim Panjshir\n\nThe valley fell, they said.\n".as_bytes(),
            "a.txt",
        )
        .expect("imports")
        .document;
        assert_eq!(
            document.date.map(|date| date.to_string()).as_deref(),
            Some("2021-08")
        );
        assert_eq!(
            document.body_text(),
            "Taliban claim Panjshir\n\nThe valley fell, they said.\n"
        );
        assert!(document.text.starts_with(" date 2021-08"));
        assert_eq!(document.title, "Taliban claim Panjshir");
    }

    #[test]
    fn a_header_before_the_first_words_sets_the_date_and_is_neither_body_nor_title() {
        let document = document_from_bytes(
            " date 2021-09 Reading time: 3 minutes\n\nThe Taliban said on Monday that they had taken the valley, which the resistance denied.\n"
                .as_bytes(),
            "panjshir report.txt",
        )
        .expect("imports")
        .document;
        assert_eq!(
            document.date.map(|date| date.to_string()).as_deref(),
            Some("2021-09")
        );
        assert_eq!(
            document.body_text(),
            "Reading time: 3 minutes\n\nThe Taliban said on Monday that they had taken the valley, which the resistance denied.\n"
        );
        // The furniture line after the header is set aside, and neither is the title.
        assert_eq!(
            document
                .boilerplate
                .iter()
                .map(|span| &document.text[span.range()])
                .collect::<Vec<_>>(),
            ["Reading time: 3 minutes"]
        );
        assert_eq!(document.title, "panjshir report");
        let document = document_from_bytes(
            "Date: 2021-08-22 Taliban fighters head north\n\nKABUL — Fighters moved.\n\nAuthor: nobody\n".as_bytes(),
            "a.txt",
        )
        .expect("imports")
        .document;
        assert!(
            document
                .body_text()
                .starts_with("Taliban fighters head north\n")
        );
        assert_eq!(document.title, "Taliban fighters head north");
    }

    #[test]
    fn title_falls_back_to_the_file_name() {
        let text = "Residents of the valley said on Sunday that fighting had continued through the night near the provincial capital, according to several accounts.\n";
        let document = document_from_bytes(text.as_bytes(), "report 12.txt")
            .expect("imports")
            .document;
        assert_eq!(document.title, "report 12");
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert!(matches!(
            document_from_bytes(b"  \n\n", "e.txt"),
            Err(ImportError::Empty)
        ));
        assert!(matches!(
            document_from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", "x.txt"),
            Err(ImportError::Binary)
        ));
    }
}
