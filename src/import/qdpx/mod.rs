//! REFI-QDA projects (`.qdpx`, `project.qde`) and codebooks (`.qdc`) written by NVivo,
//! ATLAS.ti, MAXQDA, QualCoder, Taguette or Triangulate, read into plain data: texts, the code
//! tree, coded passages and notes, with a list of what has no place in a Triangulate project.
//!
//! Positions: the standard counts characters of the plain text, but tools differ in what a
//! character is (a Unicode code point, or a UTF-16 code unit as Qt and .NET count) and in
//! whether a CR LF line end counts as one or two. Each archive's convention is found by
//! checking which reading makes the selections cover the text their names quote; a tie (texts
//! without line-end pairs or characters outside the Basic Multilingual Plane) reads code points
//! of the text with line feeds, as the standard says.

mod parser;
mod positions;
#[cfg(test)]
mod tests;

use super::ImportError;
use super::archive::Archive;
use crate::model::Rgb;
use parser::Parser;
use positions::place_selections;
use std::collections::HashMap;

/// A code of the file's codebook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeCode {
    /// Its GUID in the file.
    pub guid: String,
    /// Its name.
    pub name: String,
    /// Its colour, when given.
    pub colour: Option<Rgb>,
    /// Its description.
    pub description: String,
    /// The index of its parent in [`Exchange::codes`], which comes before it.
    pub parent: Option<usize>,
    /// Whether passages may be coded with it (a grouping node may not).
    pub codable: bool,
}

/// A coded passage of a text source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeSelection {
    /// Its GUID in the file.
    pub guid: String,
    /// The start, in bytes of [`ExchangeSource::text`].
    pub start: usize,
    /// The end, in bytes of [`ExchangeSource::text`].
    pub end: usize,
    /// The GUIDs of the codes applied to it.
    pub codes: Vec<String>,
    /// The GUIDs of the notes it refers to.
    pub notes: Vec<String>,
    /// Its memo, when the file gives one.
    pub description: String,
}

/// A text source with its passages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeSource {
    /// Its GUID in the file.
    pub guid: String,
    /// Its name.
    pub name: String,
    /// The plain text, with line feeds only.
    pub text: String,
    /// How many invalid byte sequences of the text were replaced by U+FFFD.
    pub replaced: usize,
    /// Variables by name, with their values as text, in file order.
    pub variables: Vec<(String, String)>,
    /// The coded passages, in file order.
    pub selections: Vec<ExchangeSelection>,
    /// The GUIDs of the notes on the source as a whole.
    pub notes: Vec<String>,
    /// Its memo, when the file gives one.
    pub description: String,
}

/// A note of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeNote {
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// A link between two items of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExchangeLink {
    /// Its name ("contradicts").
    pub name: String,
    /// The GUID it starts from.
    pub origin: String,
    /// The GUID it points to.
    pub target: String,
}

/// How a file counts the positions of its selections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PositionUnit {
    /// Unicode code points, a line end as one (the standard).
    #[default]
    CodePoints,
    /// Unicode code points, a CR LF line end as two.
    CodePointsCrLf,
    /// UTF-16 code units, a line end as one.
    Utf16,
    /// UTF-16 code units, a CR LF line end as two.
    Utf16CrLf,
}

impl PositionUnit {
    const ALL: [Self; 4] = [
        Self::CodePoints,
        Self::CodePointsCrLf,
        Self::Utf16,
        Self::Utf16CrLf,
    ];

    /// How the unit is named in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CodePoints => "characters",
            Self::CodePointsCrLf => "characters, CR LF as two",
            Self::Utf16 => "UTF-16 code units",
            Self::Utf16CrLf => "UTF-16 code units, CR LF as two",
        }
    }
}

/// What a REFI-QDA file holds, as far as a Triangulate project can take it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The project's name, empty for a codebook.
    pub name: String,
    /// The program that wrote the file, when it says.
    pub origin: String,
    /// The codebook, each parent before its children.
    pub codes: Vec<ExchangeCode>,
    /// The text sources.
    pub sources: Vec<ExchangeSource>,
    /// Notes by GUID.
    pub notes: HashMap<String, ExchangeNote>,
    /// The notes on the project as a whole.
    pub project_notes: Vec<String>,
    /// The project's description, when the file gives one.
    pub description: String,
    /// Links between items.
    pub links: Vec<ExchangeLink>,
    /// How the file counted positions.
    pub positions: PositionUnit,
    /// What the file holds that is not brought in, one sentence each.
    pub not_imported: Vec<String>,
}

/// Reads the bytes of a text a file names (an `internal://` path), `None` when there is none.
pub type SourceReader<'a> = dyn FnMut(&str) -> Result<Option<Vec<u8>>, ImportError> + 'a;

/// A selection as written, before its positions are read.
#[derive(Debug, Default)]
pub(super) struct RawSelection {
    pub(super) guid: String,
    pub(super) name: String,
    pub(super) start: Option<u64>,
    pub(super) end: Option<u64>,
    pub(super) codes: Vec<String>,
    pub(super) notes: Vec<String>,
    pub(super) description: String,
}

/// A source as written, before its text is read.
#[derive(Debug, Default)]
pub(super) struct RawSource {
    pub(super) guid: String,
    pub(super) name: String,
    pub(super) path: String,
    pub(super) content: Option<String>,
    /// Values by their variable's GUID.
    pub(super) variables: Vec<(String, String)>,
    pub(super) selections: Vec<RawSelection>,
    pub(super) notes: Vec<String>,
    pub(super) description: String,
}

/// The `.qdpx` archive in `bytes`: its `project.qde` and the texts it refers to.
pub fn read_qdpx(bytes: &[u8]) -> Result<Exchange, ImportError> {
    let mut archive = Archive::open(bytes)?;
    let names = archive.names();
    let find = |wanted: &str| {
        names
            .iter()
            .find(|name| name.eq_ignore_ascii_case(wanted))
            .cloned()
    };
    let Some(project) = find("project.qde") else {
        return Err(ImportError::Damaged {
            reason: "no project.qde inside: not a REFI-QDA project archive".into(),
        });
    };
    let Some(xml) = archive.bytes(&project)? else {
        return Err(ImportError::Damaged {
            reason: "project.qde cannot be read".into(),
        });
    };
    let xml = xml_text(&xml, "project.qde")?;
    read_project(&xml, &mut |file: &str| {
        let Some(entry) = find(&format!("Sources/{file}")) else {
            return Ok(None);
        };
        archive.bytes(&entry)
    })
}

/// The XML of a file as text: UTF-8, a byte-order mark dropped.
fn xml_text(bytes: &[u8], name: &str) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| ImportError::Damaged {
        reason: format!("{name} is not UTF-8 XML"),
    })
}

/// A `project.qde` on its own; `source` gives the bytes of a text named by an `internal://`
/// path (a file of the `Sources` folder beside it), `None` when there is none.
pub fn read_project(xml: &str, source: &mut SourceReader<'_>) -> Result<Exchange, ImportError> {
    let mut parser = Parser::default();
    parser.run(xml, false)?;
    let Parser {
        mut exchange,
        sources,
        variables,
        skipped,
        ..
    } = parser;
    if exchange.name.is_empty() && exchange.codes.is_empty() && sources.is_empty() {
        return Err(ImportError::Damaged {
            reason: "no REFI-QDA project inside (no <Project> element)".into(),
        });
    }
    let mut read = Vec::new();
    for mut raw in sources {
        // Values were recorded by their variable's GUID; a value of no declared variable is
        // passed over.
        raw.variables = std::mem::take(&mut raw.variables)
            .into_iter()
            .filter_map(|(guid, value)| Some((variables.get(&guid)?.clone(), value)))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        let bytes = match (&raw.content, raw.path.as_str()) {
            (Some(content), _) => Some(content.as_bytes().to_vec()),
            (None, path) if path.starts_with("internal://") => {
                let file = &path["internal://".len()..];
                if file.contains(['/', '\\']) || file.contains("..") {
                    None
                } else {
                    source(file)?
                }
            }
            _ => None,
        };
        let Some(bytes) = bytes else {
            exchange.not_imported.push(format!(
                "the text of {:?}, which is not inside the file ({})",
                raw.name,
                if raw.path.is_empty() {
                    "no path"
                } else {
                    raw.path.as_str()
                }
            ));
            continue;
        };
        read.push((raw, bytes));
    }
    let (unit, sources) = place_selections(read, &mut exchange.not_imported);
    // Notes nothing refers to (a tool's journals) have no place in a project: they are counted.
    let referred: std::collections::HashSet<&String> = exchange
        .project_notes
        .iter()
        .chain(sources.iter().flat_map(|source| {
            source.notes.iter().chain(
                source
                    .selections
                    .iter()
                    .flat_map(|selection| &selection.notes),
            )
        }))
        .collect();
    let loose = exchange
        .notes
        .keys()
        .filter(|guid| !referred.contains(guid))
        .count();
    if loose > 0 {
        exchange.not_imported.push(if loose == 1 {
            "1 note not attached to a source, a passage or the project".to_owned()
        } else {
            format!("{loose} notes not attached to a source, a passage or the project")
        });
    }
    exchange.positions = unit;
    exchange.sources = sources;
    exchange.not_imported.extend(counted(&skipped));
    Ok(exchange)
}

/// A `.qdc` codebook: its codes only.
pub fn read_codebook(xml: &str) -> Result<Exchange, ImportError> {
    let mut parser = Parser::default();
    parser.run(xml, true)?;
    if parser.exchange.codes.is_empty() {
        return Err(ImportError::Damaged {
            reason: "no codes inside: not a REFI-QDA codebook".into(),
        });
    }
    let mut exchange = parser.exchange;
    exchange.not_imported.extend(counted(&parser.skipped));
    Ok(exchange)
}

/// Reads a REFI-QDA file by its kind: a `.qdpx` archive, a `project.qde` (with `sibling`
/// reading the texts of its `Sources` folder) or a `.qdc` codebook.
pub fn read_exchange(
    bytes: &[u8],
    file_name: &str,
    sibling: &mut SourceReader<'_>,
) -> Result<Exchange, ImportError> {
    let lower = file_name.to_lowercase();
    if bytes.starts_with(b"PK") {
        return read_qdpx(bytes);
    }
    let xml = xml_text(bytes, file_name)?;
    if lower.ends_with(".qdc") || (xml.contains("<CodeBook") && !xml.contains("<Project")) {
        read_codebook(&xml)
    } else {
        read_project(&xml, sibling)
    }
}

/// "1 picture", "3 cases".
fn counted(skipped: &[((&str, &str), usize)]) -> Vec<String> {
    skipped
        .iter()
        .map(|((one, many), count)| format!("{count} {}", if *count == 1 { one } else { many }))
        .collect()
}

/// The most a REFI-QDA file may weigh: an archive holds every text of a project.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the REFI-QDA file at `path`: a `.qdpx` archive, a `project.qde` whose texts are in
/// the `Sources` folder beside it, or a `.qdc` codebook.
pub fn read_exchange_file(path: &std::path::Path) -> Result<Exchange, ImportError> {
    let bytes = super::read_capped(path, MAX_FILE_BYTES)?;
    let name = path
        .file_name()
        .map(crate::text::file_name_text)
        .unwrap_or_default();
    let folder = path
        .parent()
        .map(std::path::Path::to_owned)
        .unwrap_or_default();
    let mut budget = MAX_FILE_BYTES;
    read_exchange(&bytes, &name, &mut |file| {
        for sources in ["Sources", "sources"] {
            let candidate = folder.join(sources).join(file);
            if candidate.is_file() {
                let bytes = super::read_capped(&candidate, budget)?;
                budget -= bytes.len() as u64;
                return Ok(Some(bytes));
            }
        }
        Ok(None)
    })
}
