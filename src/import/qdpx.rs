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

use super::ImportError;
use super::archive::Archive;
use super::html::decode_entities;
use super::xml::{Tag, Token, tokens};
use crate::model::Rgb;
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
struct RawSelection {
    guid: String,
    name: String,
    start: Option<u64>,
    end: Option<u64>,
    codes: Vec<String>,
    notes: Vec<String>,
    description: String,
}

/// A source as written, before its text is read.
#[derive(Debug, Default)]
struct RawSource {
    guid: String,
    name: String,
    path: String,
    content: Option<String>,
    /// Values by their variable's GUID.
    variables: Vec<(String, String)>,
    selections: Vec<RawSelection>,
    notes: Vec<String>,
    description: String,
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

/// Reads at most `limit` bytes of a regular file, or says why not.
fn read_capped(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let io = |source| ImportError::Io { source };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(ImportError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ImportError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(limit + 1)
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

/// Reads the REFI-QDA file at `path`: a `.qdpx` archive, a `project.qde` whose texts are in
/// the `Sources` folder beside it, or a `.qdc` codebook.
pub fn read_exchange_file(path: &std::path::Path) -> Result<Exchange, ImportError> {
    let bytes = read_capped(path, MAX_FILE_BYTES)?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
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
                let bytes = read_capped(&candidate, budget)?;
                budget -= bytes.len() as u64;
                return Ok(Some(bytes));
            }
        }
        Ok(None)
    })
}

/// Builds the exchange while the XML is read.
#[derive(Default)]
struct Parser {
    exchange: Exchange,
    sources: Vec<RawSource>,
    /// Variable names by GUID.
    variables: HashMap<String, String>,
    /// Counts of what is passed over, by what it is (singular and plural).
    skipped: Vec<((&'static str, &'static str), usize)>,
    /// The local names of the open elements.
    open: Vec<String>,
    /// Indices in `exchange.codes` of the open codes.
    code_stack: Vec<usize>,
    /// The open note, if any.
    note: Option<(String, ExchangeNote)>,
    /// The variable reference of the open variable value.
    variable: Option<String>,
    /// The name of the open PDF source, for its text representation.
    pdf_name: Option<String>,
    /// Text gathered for the open element.
    text: String,
}

impl Parser {
    fn skip(&mut self, what: (&'static str, &'static str)) {
        match self.skipped.iter_mut().find(|(known, _)| *known == what) {
            Some((_, count)) => *count += 1,
            None => self.skipped.push((what, 1)),
        }
    }

    fn inside(&self, name: &str) -> bool {
        self.open.iter().any(|open| open == name)
    }

    fn parent(&self) -> Option<&str> {
        self.open.last().map(String::as_str)
    }

    fn run(&mut self, xml: &str, codebook: bool) -> Result<(), ImportError> {
        let mut root_seen = false;
        for token in tokens(xml) {
            match token {
                Token::Text(text) => {
                    if self.gathers() {
                        self.text.push_str(&decode_entities(text));
                    }
                }
                Token::CData(text) => {
                    if self.gathers() {
                        self.text.push_str(text);
                    }
                }
                Token::Tag(tag) if tag.closing => {
                    let name = tag.local_name().to_owned();
                    self.end(&name);
                    // Tags that do not nest properly are closed up to the matching one.
                    if let Some(at) = self.open.iter().rposition(|open| *open == name) {
                        self.open.truncate(at);
                    }
                }
                Token::Tag(tag) => {
                    let name = tag.local_name().to_owned();
                    if !root_seen {
                        root_seen = true;
                        let expected = if codebook { "CodeBook" } else { "Project" };
                        if name != expected {
                            return Err(ImportError::Damaged {
                                reason: format!(
                                    "the root element is <{name}>, not <{expected}>: not a REFI-QDA {}",
                                    if codebook { "codebook" } else { "project" }
                                ),
                            });
                        }
                    }
                    self.start(&tag, &name);
                    if tag.self_closing {
                        self.end(&name);
                    } else {
                        self.open.push(name);
                    }
                }
            }
        }
        if !root_seen {
            return Err(ImportError::Damaged {
                reason: "no XML elements inside".into(),
            });
        }
        Ok(())
    }

    /// Whether the open element's text is wanted.
    fn gathers(&self) -> bool {
        matches!(
            self.parent(),
            Some(
                "Description"
                    | "PlainTextContent"
                    | "TextValue"
                    | "BooleanValue"
                    | "IntegerValue"
                    | "FloatValue"
                    | "DateValue"
                    | "DateTimeValue"
            )
        )
    }

    fn start(&mut self, tag: &Tag<'_>, name: &str) {
        let attribute = |wanted: &str| tag.attribute(wanted).unwrap_or_default();
        self.text.clear();
        match name {
            "Project" if self.open.is_empty() => {
                self.exchange.name = attribute("name");
                self.exchange.origin = attribute("origin");
            }
            "CodeBook" if self.open.is_empty() => {
                self.exchange.origin = attribute("origin");
            }
            "Code" => {
                let colour = tag
                    .attribute("color")
                    .and_then(|colour| parse_colour(&colour));
                self.exchange.codes.push(ExchangeCode {
                    guid: attribute("guid"),
                    name: attribute("name").trim().to_owned(),
                    colour,
                    description: String::new(),
                    parent: self.code_stack.last().copied(),
                    codable: !attribute("isCodable").eq_ignore_ascii_case("false"),
                });
                self.code_stack.push(self.exchange.codes.len() - 1);
            }
            "Variable" if self.parent() == Some("Variables") => {
                self.variables.insert(attribute("guid"), attribute("name"));
            }
            "TextSource" if self.parent() == Some("Sources") => {
                self.sources.push(RawSource {
                    guid: attribute("guid"),
                    name: attribute("name"),
                    path: attribute("plainTextPath"),
                    ..RawSource::default()
                });
            }
            "Representation" if self.parent() == Some("PDFSource") => {
                // The text layer of a PDF comes in as a text; its areas do not.
                self.sources.push(RawSource {
                    guid: attribute("guid"),
                    name: self.pdf_name.take().unwrap_or_else(|| attribute("name")),
                    path: attribute("plainTextPath"),
                    ..RawSource::default()
                });
            }
            "PDFSource" => {
                self.pdf_name = Some(attribute("name"));
            }
            "PictureSource" => self.skip(("picture", "pictures")),
            "AudioSource" => self.skip(("audio recording", "audio recordings")),
            "VideoSource" => self.skip(("video", "videos")),
            "PDFSelection" => self.skip((
                "PDF passage selected by area",
                "PDF passages selected by area",
            )),
            "PictureSelection" => self.skip(("picture area", "picture areas")),
            "AudioSelection" | "VideoSelection" => {
                self.skip(("audio or video passage", "audio and video passages"));
            }
            "Case" if self.parent() == Some("Cases") => self.skip(("case", "cases")),
            "Set" if self.parent() == Some("Sets") => self.skip(("set", "sets")),
            "Graph" if self.parent() == Some("Graphs") => self.skip(("graph", "graphs")),
            "Transcript" => self.skip(("transcript", "transcripts")),
            "PlainTextSelection" if self.in_text_source() => {
                let position = |wanted: &str| attribute(wanted).trim().parse::<u64>().ok();
                let selection = RawSelection {
                    guid: attribute("guid"),
                    name: attribute("name"),
                    start: position("startPosition"),
                    end: position("endPosition"),
                    ..RawSelection::default()
                };
                if let Some(source) = self.sources.last_mut() {
                    source.selections.push(selection);
                }
            }
            "Coding" if self.in_text_source() && self.parent() != Some("PlainTextSelection") => {
                self.skip(("coding of a whole source", "codings of whole sources"));
            }
            "CodeRef" if self.parent() == Some("Coding") => {
                if self.selection_is_open()
                    && let Some(selection) = self.open_selection()
                {
                    selection.codes.push(attribute("targetGUID"));
                }
            }
            "NoteRef" => {
                let target = attribute("targetGUID");
                match self.parent() {
                    Some("Project") => self.exchange.project_notes.push(target),
                    Some("PlainTextSelection" | "Coding") if self.selection_is_open() => {
                        if let Some(selection) = self.open_selection() {
                            selection.notes.push(target);
                        }
                    }
                    Some("TextSource" | "Representation") if self.in_text_source() => {
                        if let Some(source) = self.sources.last_mut() {
                            source.notes.push(target);
                        }
                    }
                    _ => {}
                }
            }
            "VariableRef" if self.parent() == Some("VariableValue") => {
                self.variable = Some(attribute("targetGUID"));
            }
            "Note" if self.parent() == Some("Notes") => {
                self.note = Some((
                    attribute("guid"),
                    ExchangeNote {
                        name: attribute("name"),
                        text: String::new(),
                    },
                ));
            }
            "Link" if self.parent() == Some("Links") => {
                self.exchange.links.push(ExchangeLink {
                    name: attribute("name"),
                    origin: attribute("originGUID"),
                    target: attribute("targetGUID"),
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "Code" => {
                self.code_stack.pop();
            }
            "Description" => {
                let text = self.text.trim().to_owned();
                match self.parent_of_open() {
                    Some("Code") => {
                        if let Some(code) = self.code_stack.last().copied() {
                            self.exchange.codes[code].description = text;
                        }
                    }
                    Some("Project") => self.exchange.description = text,
                    Some("PlainTextSelection") if self.in_text_source() => {
                        if let Some(selection) = self.open_selection() {
                            selection.description = text;
                        }
                    }
                    Some("TextSource" | "Representation") if self.in_text_source() => {
                        if let Some(source) = self.sources.last_mut() {
                            source.description = text;
                        }
                    }
                    _ => {}
                }
            }
            "PlainTextContent" => {
                let text = std::mem::take(&mut self.text);
                if let Some((_, note)) = &mut self.note {
                    note.text = text;
                } else if self.in_text_source()
                    && let Some(source) = self.sources.last_mut()
                {
                    source.content = Some(text);
                }
            }
            "TextValue" | "BooleanValue" | "IntegerValue" | "FloatValue" | "DateValue"
            | "DateTimeValue" => {
                if self.in_text_source()
                    && !self.inside("PlainTextSelection")
                    && let (Some(variable), Some(source)) =
                        (self.variable.clone(), self.sources.last_mut())
                {
                    source
                        .variables
                        .push((variable, self.text.trim().to_owned()));
                }
            }
            "VariableValue" => self.variable = None,
            "Note" => {
                if let Some((guid, note)) = self.note.take() {
                    self.exchange.notes.insert(guid, note);
                }
            }
            _ => {}
        }
        self.text.clear();
    }

    /// The element around the one being closed (its tag is still the last open one).
    fn parent_of_open(&self) -> Option<&str> {
        let len = self.open.len();
        (len >= 2).then(|| self.open[len - 2].as_str())
    }

    /// Whether the open elements are inside a text source of the project (not a note).
    fn in_text_source(&self) -> bool {
        self.note.is_none()
            && (self.inside("TextSource") || self.inside("Representation"))
            && self.inside("Sources")
    }

    fn selection_is_open(&self) -> bool {
        self.inside("PlainTextSelection")
    }

    fn open_selection(&mut self) -> Option<&mut RawSelection> {
        self.sources.last_mut()?.selections.last_mut()
    }
}

/// A colour written `#rrggbb` or `#rgb`.
fn parse_colour(text: &str) -> Option<Rgb> {
    let hex = text.trim().strip_prefix('#')?;
    let hex = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect::<String>(),
        6 => hex.to_owned(),
        _ => return None,
    };
    format!("#{hex}").parse().ok()
}

/// The text of a source's bytes: UTF-8 (invalid sequences replaced), a byte-order mark
/// dropped; and the same text with its line ends as line feeds.
fn source_text(bytes: &[u8]) -> (String, usize) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let replaced = match &text {
        std::borrow::Cow::Borrowed(_) => 0,
        std::borrow::Cow::Owned(text) => text.matches('\u{fffd}').count(),
    };
    (text.into_owned(), replaced)
}

/// The byte offsets in the line-feed text of `raw` at which each position in `sorted` falls,
/// counted in `unit`; a position past the end has none.
fn byte_offsets(raw: &str, unit: PositionUnit, sorted: &[u64]) -> HashMap<u64, usize> {
    let utf16 = matches!(unit, PositionUnit::Utf16 | PositionUnit::Utf16CrLf);
    let crlf_two = matches!(unit, PositionUnit::CodePointsCrLf | PositionUnit::Utf16CrLf);
    let mut found = HashMap::new();
    let mut wanted = sorted.iter().copied().peekable();
    let mut units = 0u64;
    let mut bytes = 0usize;
    let mut chars = raw.chars().peekable();
    loop {
        while let Some(&position) = wanted.peek() {
            if position > units {
                break;
            }
            if position == units {
                found.insert(position, bytes);
            }
            wanted.next();
        }
        let Some(c) = chars.next() else {
            break;
        };
        if c == '\r' && chars.peek() == Some(&'\n') {
            // A CR LF pair is one line feed of the text; the CR counts only where the file
            // counted it.
            if crlf_two {
                units += 1;
            }
            continue;
        }
        units += if utf16 { c.len_utf16() as u64 } else { 1 };
        bytes += if c == '\r' { 1 } else { c.len_utf8() };
    }
    found
}

/// Line ends as line feeds.
fn with_line_feeds(raw: &str) -> String {
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

/// Whether `covered` is the text a selection's name quotes: the same words, or, when the name
/// was cut short, the same first words.
fn quotes(covered: &str, name: &str) -> bool {
    let name = name.replace('\u{2029}', "\n");
    let covered = crate::text::one_line(covered);
    let name = crate::text::one_line(&name);
    if name.is_empty() {
        return false;
    }
    if covered == name {
        return true;
    }
    let cut = name.trim_end_matches(['…', '.']).trim_end();
    name.chars().count() >= 20 && cut.len() < name.len() && covered.starts_with(cut)
}

/// Finds how the file counts positions and reads every selection into byte ranges of its
/// text; selections that fall outside their text are listed.
fn place_selections(
    read: Vec<(RawSource, Vec<u8>)>,
    not_imported: &mut Vec<String>,
) -> (PositionUnit, Vec<ExchangeSource>) {
    let texts: Vec<(String, usize)> = read.iter().map(|(_, bytes)| source_text(bytes)).collect();
    let offsets = |unit: PositionUnit, raw: &str, source: &RawSource| {
        let mut positions: Vec<u64> = source
            .selections
            .iter()
            .flat_map(|selection| [selection.start, selection.end])
            .flatten()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        byte_offsets(raw, unit, &positions)
    };
    // Each reading scores the selections whose covered text is the text their name quotes.
    let mut best = (PositionUnit::CodePoints, 0usize);
    for unit in PositionUnit::ALL {
        let mut score = 0;
        for ((source, _), (raw, _)) in read.iter().zip(&texts) {
            let text = with_line_feeds(raw);
            let found = offsets(unit, raw, source);
            score += source
                .selections
                .iter()
                .filter(|selection| {
                    let (Some(start), Some(end)) = (
                        selection.start.and_then(|start| found.get(&start)),
                        selection.end.and_then(|end| found.get(&end)),
                    ) else {
                        return false;
                    };
                    text.get(*start..*end)
                        .is_some_and(|covered| quotes(covered, &selection.name))
                })
                .count();
        }
        if score > best.1 {
            best = (unit, score);
        }
    }
    let unit = best.0;
    let mut sources = Vec::new();
    for ((source, _), (raw, replaced)) in read.into_iter().zip(texts) {
        let found = offsets(unit, &raw, &source);
        let text = with_line_feeds(&raw);
        let mut selections = Vec::new();
        let mut outside = 0;
        for selection in source.selections {
            let range = selection
                .start
                .and_then(|start| found.get(&start).copied())
                .zip(selection.end.and_then(|end| found.get(&end).copied()));
            match range {
                Some((start, end)) if start < end => selections.push(ExchangeSelection {
                    guid: selection.guid,
                    start,
                    end,
                    codes: selection.codes,
                    notes: selection.notes,
                    description: selection.description,
                }),
                _ => outside += 1,
            }
        }
        if outside > 0 {
            not_imported.push(format!(
                "{outside} passages of {:?} that are empty or fall outside its text",
                source.name
            ));
        }
        sources.push(ExchangeSource {
            guid: source.guid,
            name: source.name,
            text,
            replaced,
            variables: source.variables,
            selections,
            notes: source.notes,
            description: source.description,
        });
    }
    (unit, sources)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-source project whose text is `text` and whose selections are `(name, start, end)`.
    fn project(text: &str, selections: &[(&str, u64, u64)]) -> Exchange {
        let selections: String = selections
            .iter()
            .enumerate()
            .map(|(index, (name, start, end))| {
                format!(
                    "<PlainTextSelection guid=\"{index}\" name=\"{name}\" startPosition=\"{start}\" endPosition=\"{end}\"/>"
                )
            })
            .collect();
        let xml = format!(
            "<Project name=\"p\"><Sources><TextSource guid=\"s\" name=\"t\" plainTextPath=\"internal://s.txt\">{selections}</TextSource></Sources></Project>"
        );
        let text = text.to_owned();
        read_project(&xml, &mut |file| {
            assert_eq!(file, "s.txt");
            Ok(Some(text.clone().into_bytes()))
        })
        .expect("reads")
    }

    fn covered(exchange: &Exchange) -> Vec<&str> {
        let source = &exchange.sources[0];
        source
            .selections
            .iter()
            .map(|selection| &source.text[selection.start..selection.end])
            .collect()
    }

    #[test]
    fn positions_in_code_points_are_read_as_the_standard_says() {
        // "🛡️" is two code points (and three UTF-16 units).
        let exchange = project(
            "The NRF 🛡️ holds.\nEnd",
            &[("holds.", 11, 17), ("End", 18, 21)],
        );
        assert_eq!(exchange.positions, PositionUnit::CodePoints);
        assert_eq!(covered(&exchange), ["holds.", "End"]);
    }

    #[test]
    fn positions_in_utf16_units_are_recognised_from_the_quoted_text() {
        let exchange = project("The NRF 🛡️ holds.\nEnd", &[("holds.", 12, 18)]);
        assert_eq!(exchange.positions, PositionUnit::Utf16);
        assert_eq!(covered(&exchange), ["holds."]);
    }

    #[test]
    fn a_cr_lf_kept_in_the_text_and_counted_as_two_is_read_right() {
        // As QualCoder writes a text it stored with CR LF: the CR counts.
        let exchange = project(
            "\u{feff}Line one\r\nLine two with café\r\nEnd",
            &[("Line two with café", 10, 28), ("café\r\nEnd", 24, 33)],
        );
        assert_eq!(exchange.positions, PositionUnit::CodePointsCrLf);
        assert_eq!(covered(&exchange), ["Line two with café", "café\nEnd"]);
        assert_eq!(
            exchange.sources[0].text,
            "Line one\nLine two with café\nEnd"
        );
    }

    #[test]
    fn line_ends_added_for_another_tool_without_moving_positions_are_read_right() {
        // QualCoder's "line ending for MAXQDA": every LF written as CR LF, positions unchanged.
        let exchange = project("First line\r\nSecond line\r\n", &[("Second line", 11, 22)]);
        assert_eq!(exchange.positions, PositionUnit::CodePoints);
        assert_eq!(covered(&exchange), ["Second line"]);
    }

    #[test]
    fn selections_outside_the_text_are_listed_not_dropped() {
        let exchange = project(
            "Short text",
            &[("Short", 0, 5), ("gone", 50, 60), ("empty", 3, 3)],
        );
        assert_eq!(covered(&exchange), ["Short"]);
        assert_eq!(
            exchange.not_imported,
            ["2 passages of \"t\" that are empty or fall outside its text"]
        );
    }

    #[test]
    fn texts_outside_the_archive_are_never_read_and_are_listed() {
        let xml = "<Project name=\"p\"><Sources>\
            <TextSource guid=\"a\" name=\"abs\" plainTextPath=\"file:///etc/passwd\"/>\
            <TextSource guid=\"b\" name=\"up\" plainTextPath=\"internal://../secret.txt\"/>\
            </Sources></Project>";
        let exchange = read_project(xml, &mut |file| panic!("read {file}")).expect("reads");
        assert!(exchange.sources.is_empty());
        assert_eq!(
            exchange.not_imported.len(),
            2,
            "{:?}",
            exchange.not_imported
        );
    }

    #[test]
    fn colours_come_in_long_and_short_forms() {
        assert_eq!(parse_colour("#12abEF"), Some(Rgb([0x12, 0xab, 0xef])));
        assert_eq!(parse_colour("#a0f"), Some(Rgb([0xaa, 0x00, 0xff])));
        assert_eq!(parse_colour("red"), None);
    }
}
