//! RTF documents: the text of the body in paragraphs, footnotes after it, and title and author
//! from the `\info` group.
//!
//! A small reader of its own, as no well-kept RTF crate could be had. It knows groups, control
//! words and symbols, `\'hh` bytes in the document's code page (or in the character set of the
//! font in use), `\uN` Unicode with its fallback characters skipped, and the destinations that
//! hold no body text: font and colour tables, style sheet, pictures, objects, headers and
//! footers, field instructions (a field's result is kept), hidden text and any `{\*…}` group.
//! Groups nested deeper than [`MAX_DEPTH`] are refused; unbalanced braces are tolerated.

use super::{ImportError, Imported, Metadata, build_document};
use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};
use std::collections::HashMap;

/// How deep groups may nest: deeper is refused, as a damaged or hostile file.
const MAX_DEPTH: usize = 1_000;

/// How many fallback characters `\ucN` may ask to skip; more is not a real file.
const MAX_UNICODE_SKIP: i32 = 16;

/// Destinations whose text is not part of the document.
const SKIPPED: &[&[u8]] = &[
    b"colortbl",
    b"stylesheet",
    b"listtable",
    b"listoverridetable",
    b"revtbl",
    b"rsidtbl",
    b"filetbl",
    b"pgdsctbl",
    b"themedata",
    b"colorschememapping",
    b"latentstyles",
    b"datastore",
    b"xmlnstbl",
    b"generator",
    b"mmathPr",
    b"pict",
    b"shppict",
    b"nonshppict",
    b"shpinst",
    b"shprslt",
    b"sp",
    b"sn",
    b"sv",
    b"do",
    b"object",
    b"objdata",
    b"objclass",
    b"header",
    b"headerl",
    b"headerr",
    b"headerf",
    b"footer",
    b"footerl",
    b"footerr",
    b"footerf",
    b"ftnsep",
    b"ftnsepc",
    b"ftncn",
    b"aftnsep",
    b"aftnsepc",
    b"aftncn",
    b"fldinst",
    b"xe",
    b"tc",
    b"tcn",
    b"listtext",
    b"pntext",
    b"pn",
    b"annotation",
    b"atnid",
    b"atnauthor",
    b"atndate",
    b"bkmkstart",
    b"bkmkend",
    b"template",
    b"docvar",
    b"userprops",
    b"private",
    b"falt",
    b"panose",
    b"fontemb",
];

/// Reads an RTF document: its body text in paragraphs (tables as tab-separated rows), its
/// footnotes after the body, and title and author from its `\info` group.
///
/// The file must start with `{\rtf`; a file nested deeper than 1,000 groups is refused as
/// damaged, and one with no text says so.
pub fn document_from_rtf(bytes: &[u8], file: &str) -> Result<Imported, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    if !bytes[start..].starts_with(b"{\\rtf") {
        return Err(ImportError::Damaged {
            reason: "it is not an RTF document (it does not start with {\\rtf)".into(),
        });
    }
    let read = Reader::new(&bytes[start..]).read()?;
    if read.text.trim().is_empty() {
        return Err(ImportError::NoText {
            reason: "the RTF document has no text (pictures or objects only?)".into(),
        });
    }
    let metadata = Metadata {
        title: read.title,
        author: read.author,
        ..Metadata::default()
    };
    build_document(&read.text, file, read.encoding.name(), 0, metadata)
}

/// What an RTF file gave.
struct Read {
    /// The body's paragraphs, then the footnotes', separated by blank lines.
    text: String,
    /// The `\title` of the `\info` group.
    title: String,
    /// The `\author` of the `\info` group.
    author: String,
    /// The document's code page.
    encoding: &'static Encoding,
}

/// Where the text of a group goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Destination {
    /// The document's text.
    Body,
    /// A footnote's text, kept for after the body.
    Footnote,
    /// The `\title` of the `\info` group.
    Title,
    /// The `\author` of the `\info` group.
    Author,
    /// The `\info` group, of which only title and author are read.
    Info,
    /// The font table, read for the fonts' character sets.
    FontTable,
    /// Anything else: left out.
    Skip,
}

/// The state a group inherits from its parent and gives back when it ends.
#[derive(Clone, Copy, Debug)]
struct Group {
    destination: Destination,
    /// How many fallback characters follow a `\uN` here (`\ucN`).
    unicode_skip: usize,
    /// The font in use (`\fN`); `None` for the default font.
    font: Option<i32>,
    /// Whether the text is hidden (`\v`).
    hidden: bool,
    /// Whether the paragraph is in a table cell (`\intbl`), where `\par` does not end the row.
    in_table: bool,
}

/// Text gathered paragraph by paragraph.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    /// Ends the current paragraph; an empty one is dropped.
    fn end(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        let lines: Vec<&str> = paragraph.lines().map(str::trim_end).collect();
        let paragraph = lines.join("\n").trim().to_owned();
        if !paragraph.is_empty() {
            self.done.push(paragraph);
        }
    }

    /// The paragraphs, the last one ended.
    fn finish(mut self) -> Vec<String> {
        self.end();
        self.done
    }
}

/// Reads RTF byte by byte.
struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
    group: Group,
    /// The enclosing groups' states, innermost last.
    stack: Vec<Group>,
    /// The code page of `\ansicpgN` (Windows-1252 unless said otherwise).
    document_encoding: &'static Encoding,
    /// Fonts whose character set differs from the document's code page.
    fonts: HashMap<i32, &'static Encoding>,
    /// The default font (`\deffN`).
    default_font: Option<i32>,
    /// The font table entry being read.
    font_entry: Option<i32>,
    /// Bytes of text (`\'hh` or 8-bit) not yet decoded: a character may take two of them.
    pending: Vec<u8>,
    /// Fallback characters of the last `\uN` still to skip.
    fallback_left: usize,
    /// The first half of a `\uN` surrogate pair.
    high_surrogate: Option<u32>,
    /// The destination before a `\*`, while the control word it marks has not been read.
    starred: Option<Destination>,
    body: Paragraphs,
    notes: Paragraphs,
    title: String,
    author: String,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            position: 0,
            group: Group {
                destination: Destination::Body,
                unicode_skip: 1,
                font: None,
                hidden: false,
                in_table: false,
            },
            stack: Vec::new(),
            document_encoding: WINDOWS_1252,
            fonts: HashMap::new(),
            default_font: None,
            font_entry: None,
            pending: Vec::new(),
            fallback_left: 0,
            high_surrogate: None,
            starred: None,
            body: Paragraphs::default(),
            notes: Paragraphs::default(),
            title: String::new(),
            author: String::new(),
        }
    }

    fn read(mut self) -> Result<Read, ImportError> {
        while let Some(&byte) = self.bytes.get(self.position) {
            self.position += 1;
            if byte != b'\\' {
                self.starred = None;
            }
            match byte {
                b'{' => {
                    self.flush();
                    // A fallback does not run across a group's edge.
                    self.fallback_left = 0;
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(ImportError::Damaged {
                            reason: format!("its groups are nested more than {MAX_DEPTH} deep"),
                        });
                    }
                    self.stack.push(self.group);
                }
                b'}' => {
                    self.flush();
                    self.fallback_left = 0;
                    // A closing brace too many closes nothing: the rest is still read.
                    if let Some(outer) = self.stack.pop() {
                        if self.group.destination == Destination::Footnote
                            && outer.destination != Destination::Footnote
                        {
                            self.notes.end();
                        }
                        self.group = outer;
                    }
                }
                b'\\' => self.control(),
                // Line ends in the file are not text; `\par` and `\line` are.
                b'\r' | b'\n' | 0 => {}
                _ => {
                    if !self.skip_fallback() && self.wants_text() {
                        self.pending.push(byte);
                    }
                }
            }
        }
        self.flush();
        let mut paragraphs = self.body.finish();
        paragraphs.extend(self.notes.finish());
        Ok(Read {
            text: paragraphs.join("\n\n"),
            title: crate::text::one_line(&self.title),
            author: crate::text::one_line(&self.author),
            encoding: self.document_encoding,
        })
    }

    /// Whether text here is kept, so bytes of pictures and tables need not be gathered.
    fn wants_text(&self) -> bool {
        !self.group.hidden
            && matches!(
                self.group.destination,
                Destination::Body
                    | Destination::Footnote
                    | Destination::Title
                    | Destination::Author
            )
    }

    /// Counts one character against the fallback of the last `\uN`; true when it is skipped.
    fn skip_fallback(&mut self) -> bool {
        if self.fallback_left > 0 {
            self.fallback_left -= 1;
            true
        } else {
            false
        }
    }

    /// The code page of text here: the font's character set, else the document's code page.
    fn encoding(&self) -> &'static Encoding {
        self.group
            .font
            .or(self.default_font)
            .and_then(|font| self.fonts.get(&font).copied())
            .unwrap_or(self.document_encoding)
    }

    /// Decodes the pending bytes in the code page of the text they belong to.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let (text, _) = self.encoding().decode_without_bom_handling(&pending);
        for character in text.chars() {
            self.emit(character);
        }
    }

    /// Adds a character to where the text of this group goes.
    fn emit(&mut self, character: char) {
        if self.group.hidden || (character.is_control() && !matches!(character, '\t' | '\n')) {
            return;
        }
        match self.group.destination {
            Destination::Body => self.body.current.push(character),
            Destination::Footnote => self.notes.current.push(character),
            Destination::Title => self.title.push(character),
            Destination::Author => self.author.push(character),
            Destination::Info | Destination::FontTable | Destination::Skip => {}
        }
    }

    /// Ends a paragraph of the text of this group; in a table cell, only a line of the cell.
    fn paragraph(&mut self) {
        if self.group.in_table {
            self.emit(' ');
            return;
        }
        self.end_paragraph();
    }

    /// Ends a paragraph, or a table's row, of the text of this group.
    fn end_paragraph(&mut self) {
        match self.group.destination {
            Destination::Body => self.body.end(),
            Destination::Footnote => self.notes.end(),
            Destination::Title | Destination::Author => self.emit(' '),
            Destination::Info | Destination::FontTable | Destination::Skip => {}
        }
    }

    /// Reads what follows a backslash: a control word with its parameter, or a control symbol.
    fn control(&mut self) {
        let bytes = self.bytes;
        let Some(&first) = bytes.get(self.position) else {
            return;
        };
        if !first.is_ascii_alphabetic() {
            self.position += 1;
            self.symbol(first);
            return;
        }
        let start = self.position;
        while bytes
            .get(self.position)
            .is_some_and(u8::is_ascii_alphabetic)
            && self.position - start < 32
        {
            self.position += 1;
        }
        let word = &bytes[start..self.position];
        let negative = bytes.get(self.position) == Some(&b'-')
            && bytes.get(self.position + 1).is_some_and(u8::is_ascii_digit);
        if negative {
            self.position += 1;
        }
        let digits_start = self.position;
        let mut value: i64 = 0;
        while let Some(digit) = bytes
            .get(self.position)
            .filter(|byte| byte.is_ascii_digit())
        {
            if self.position - digits_start < 10 {
                value = value * 10 + i64::from(digit - b'0');
            }
            self.position += 1;
        }
        let parameter = (self.position > digits_start).then(|| {
            let value = if negative { -value } else { value };
            i32::try_from(value.clamp(i64::from(i32::MIN), i64::from(i32::MAX))).unwrap_or(0)
        });
        // One space ends a control word and is not text.
        if bytes.get(self.position) == Some(&b' ') {
            self.position += 1;
        }
        self.word(word, parameter);
    }

    /// A control symbol: a backslash and one character that is not a letter.
    fn symbol(&mut self, symbol: u8) {
        if symbol == b'\'' {
            let hex = self
                .bytes
                .get(self.position..self.position + 2)
                .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            // A malformed `\'` is dropped.
            if let Some(byte) = hex {
                self.position += 2;
                if !self.skip_fallback() && self.wants_text() {
                    self.pending.push(byte);
                }
            }
            return;
        }
        self.flush();
        self.starred = None;
        if self.skip_fallback() {
            return;
        }
        match symbol {
            b'\\' | b'{' | b'}' => self.emit(char::from(symbol)),
            b'~' => self.emit('\u{a0}'),
            // A non-breaking hyphen reads as the hyphen other sources write.
            b'_' => self.emit('-'),
            b'*' => {
                self.starred = Some(self.group.destination);
                self.group.destination = Destination::Skip;
            }
            // A backslash before a line end is a paragraph mark.
            b'\n' | b'\r' => self.paragraph(),
            // `\-` is an optional hyphen, shown only at a line's end; `\|` and `\:` mark
            // formulas and index entries.
            _ => {}
        }
    }

    /// A control word with its optional parameter.
    fn word(&mut self, word: &[u8], parameter: Option<i32>) {
        if word == b"bin" {
            // Raw binary data follows: it may hold braces and backslashes, so it is stepped over.
            self.flush();
            let length = parameter.and_then(|length| usize::try_from(length).ok());
            self.position = self
                .position
                .saturating_add(length.unwrap_or(0))
                .min(self.bytes.len());
            self.skip_fallback();
            return;
        }
        self.flush();
        // `{\*\footnote …}` is a footnote that readers unaware of footnotes may skip; this one
        // knows them.
        if self.starred.take() == Some(Destination::Body) && word == b"footnote" {
            self.group.destination = Destination::Footnote;
            return;
        }
        let destination = self.group.destination;
        if destination == Destination::Skip || self.skip_fallback() {
            return;
        }
        let character = match word {
            b"par" => {
                self.paragraph();
                None
            }
            b"sect" | b"page" | b"row" | b"nestrow" => {
                self.end_paragraph();
                // A writer that does not reset the paragraph after a table still ends it here.
                if word == b"row" {
                    self.group.in_table = false;
                }
                None
            }
            b"cell" | b"nestcell" => {
                // The lines of a cell were joined by spaces: the last one ends at the cell.
                let current = match self.group.destination {
                    Destination::Body => Some(&mut self.body.current),
                    Destination::Footnote => Some(&mut self.notes.current),
                    _ => None,
                };
                if let Some(current) = current {
                    current.truncate(current.trim_end_matches(' ').len());
                }
                Some('\t')
            }
            b"line" => Some('\n'),
            b"tab" => Some('\t'),
            b"emdash" => Some('\u{2014}'),
            b"endash" => Some('\u{2013}'),
            b"lquote" => Some('\u{2018}'),
            b"rquote" => Some('\u{2019}'),
            b"ldblquote" => Some('\u{201C}'),
            b"rdblquote" => Some('\u{201D}'),
            b"bullet" => Some('\u{2022}'),
            b"emspace" | b"enspace" | b"qmspace" => Some(' '),
            b"zwj" => Some('\u{200D}'),
            b"zwnj" => Some('\u{200C}'),
            b"u" => {
                if let Some(value) = parameter {
                    self.unicode(value);
                    self.fallback_left = self.group.unicode_skip;
                }
                None
            }
            _ => {
                self.setting(word, parameter);
                None
            }
        };
        if let Some(character) = character {
            self.emit(character);
        }
    }

    /// A control word that changes the state instead of giving text.
    fn setting(&mut self, word: &[u8], parameter: Option<i32>) {
        let destination = self.group.destination;
        match word {
            b"ansi" => self.document_encoding = WINDOWS_1252,
            b"mac" => self.document_encoding = MACINTOSH,
            b"ansicpg" => {
                if let Some(encoding) = parameter.and_then(code_page) {
                    self.document_encoding = encoding;
                }
            }
            b"deff" => self.default_font = parameter,
            b"f" if destination == Destination::FontTable => self.font_entry = parameter,
            b"f" => self.group.font = parameter,
            b"fcharset" | b"cpg" if destination == Destination::FontTable => {
                let Some(font) = self.font_entry else {
                    return;
                };
                let encoding = if word == b"cpg" {
                    parameter.and_then(code_page)
                } else {
                    parameter.and_then(charset_code_page).and_then(code_page)
                };
                match encoding {
                    Some(encoding) => {
                        self.fonts.insert(font, encoding);
                    }
                    None => {
                        self.fonts.remove(&font);
                    }
                }
            }
            b"uc" => {
                let skip = parameter.unwrap_or(1).clamp(0, MAX_UNICODE_SKIP);
                self.group.unicode_skip = usize::try_from(skip).unwrap_or(1);
            }
            b"v" => self.group.hidden = parameter != Some(0),
            b"intbl" => self.group.in_table = true,
            b"pard" => self.group.in_table = false,
            b"plain" => {
                self.group.font = None;
                self.group.hidden = false;
            }
            b"fonttbl" => self.group.destination = Destination::FontTable,
            b"info" => self.group.destination = Destination::Info,
            b"title" if destination == Destination::Info => {
                self.group.destination = Destination::Title;
            }
            b"author" if destination == Destination::Info => {
                self.group.destination = Destination::Author;
            }
            b"footnote" if destination == Destination::Body => {
                self.group.destination = Destination::Footnote;
            }
            _ if SKIPPED.contains(&word) => self.group.destination = Destination::Skip,
            _ => {}
        }
    }

    /// A `\uN` character: N is a signed 16-bit number, and two of them may make a surrogate pair.
    fn unicode(&mut self, value: i32) {
        let value = if value < 0 { value + 65_536 } else { value };
        let Ok(unit) = u32::try_from(value) else {
            return;
        };
        match unit {
            0xD800..=0xDBFF => self.high_surrogate = Some(unit),
            0xDC00..=0xDFFF => {
                if let Some(high) = self.high_surrogate.take() {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                    self.emit(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
            }
            _ => {
                self.high_surrogate = None;
                if let Some(character) = char::from_u32(unit) {
                    self.emit(character);
                }
            }
        }
    }
}

/// The Windows code page of a font's character set (`\fcharsetN`).
///
/// 0 (ANSI) and 1 (default) mean the document's own code page (`\ansicpgN`), and 2 (Symbol)
/// has none: they are `None`, as are character sets without a code page here.
fn charset_code_page(charset: i32) -> Option<i32> {
    Some(match charset {
        77 => 10_000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}

/// The encoding of a Windows code page number, when encoding_rs has it.
fn code_page(number: i32) -> Option<&'static Encoding> {
    let label = match number {
        874 | 1250..=1258 => format!("windows-{number}"),
        866 => "ibm866".into(),
        932 => "shift_jis".into(),
        936 => "gbk".into(),
        949 => "euc-kr".into(),
        950 => "big5".into(),
        10_000 => "macintosh".into(),
        10_007 => "x-mac-cyrillic".into(),
        20_866 => "koi8-r".into(),
        21_866 => "koi8-u".into(),
        28_591..=28_606 => format!("iso-8859-{}", number - 28_590),
        65_001 => "utf-8".into(),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests;
