//! Reading QDA-XML as it streams: elements open and close, and what a Triangulate project can
//! take is gathered.

use super::{Exchange, ExchangeCode, ExchangeLink, ExchangeNote, RawSelection, RawSource};
use crate::import::ImportError;
use crate::import::html::decode_entities;
use crate::import::xml::{Tag, Token, tokens};
use crate::model::Rgb;
use std::collections::HashMap;

/// How deep a code tree may nest; a deeper code is placed at this depth.
const MAX_CODE_DEPTH: usize = 32;

/// Builds the exchange while the XML is read.
#[derive(Default)]
pub(super) struct Parser {
    pub(super) exchange: Exchange,
    pub(super) sources: Vec<RawSource>,
    /// Variable names by GUID.
    pub(super) variables: HashMap<String, String>,
    /// Counts of what is passed over, by what it is (singular and plural).
    pub(super) skipped: Vec<((&'static str, &'static str), usize)>,
    /// The local names of the open elements.
    pub(super) open: Vec<String>,
    /// Indices in `exchange.codes` of the open codes.
    pub(super) code_stack: Vec<usize>,
    /// The open note, if any.
    pub(super) note: Option<(String, ExchangeNote)>,
    /// The variable reference of the open variable value.
    pub(super) variable: Option<String>,
    /// The name of the open PDF source, for its text representation.
    pub(super) pdf_name: Option<String>,
    /// Text gathered for the open element.
    pub(super) text: String,
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

    pub(super) fn run(&mut self, xml: &str, codebook: bool) -> Result<(), ImportError> {
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
                // A hostile file may nest codes without end: past the deepest level kept, a code
                // is a sibling at that level.
                let parent = if self.code_stack.len() > MAX_CODE_DEPTH {
                    Some(self.code_stack[MAX_CODE_DEPTH - 1])
                } else {
                    self.code_stack.last().copied()
                };
                let colour = tag
                    .attribute("color")
                    .and_then(|colour| parse_colour(&colour));
                self.exchange.codes.push(ExchangeCode {
                    guid: attribute("guid"),
                    name: attribute("name").trim().to_owned(),
                    colour,
                    description: String::new(),
                    parent,
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
pub(super) fn parse_colour(text: &str) -> Option<Rgb> {
    let hex = text.trim().strip_prefix('#')?;
    let hex = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect::<String>(),
        6 => hex.to_owned(),
        _ => return None,
    };
    format!("#{hex}").parse().ok()
}
