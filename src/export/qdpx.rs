//! REFI-QDA exchange (QDA-XML 1.0): a project as a `.qdpx` archive that NVivo, ATLAS.ti,
//! MAXQDA, QualCoder and Taguette open, and the codebook alone as a `.qdc` file.
//!
//! What goes where:
//! - every document is a `TextSource` whose plain text is `Sources/<guid>.txt` in the archive,
//!   exactly the document's text (UTF-8, line feeds), with its outlet, date, language, author,
//!   URL and file name as text variables;
//! - every code is a `Code` of the codebook tree, with its colour and description; a pair of
//!   contradicting codes is a `Link` named "contradicts";
//! - every passage of a claim is a `PlainTextSelection` with one `Coding` per code; start and
//!   end count characters (Unicode code points) of the plain text, as the standard counts them;
//! - what the standard has no place for (stance, speaker, via outlet, claim date, grade, ratings
//!   and the analyst's note) is one `Note` per claim, "Triangulate claim N", that each of the
//!   claim's selections refers to, one field per line (see [`CLAIM_NOTE_PREFIX`]);
//! - optionally, the entities as codes under an "Entities" branch with their mentions as
//!   selections.
//!
//! GUIDs are derived from the project's name and each item's id (a document's from its text),
//! so exporting the same project twice writes the same file.

use crate::analysis::mentions::MentionIndex;
use crate::model::byte_to_char_offset;
use crate::model::{Claim, Code, CodeId, Document, EntityKind, Project, Quote};
use std::fmt::Write;

/// The namespace of `project.qde`.
pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// The namespace of a `.qdc` codebook.
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// The name of a claim's note starts with this, then the claim's id.
pub const CLAIM_NOTE_PREFIX: &str = "Triangulate claim ";
/// The name of the project note that lists the outlets' grades, one `outlet | grade` a line.
pub const OUTLET_GRADES_NOTE: &str = "Triangulate outlet grades";
/// The name of the project note that lists the competing hypotheses, one a line.
pub const HYPOTHESES_NOTE: &str = "Triangulate hypotheses";
/// The name of the branch of codes that holds the entities, when they are exported.
pub const ENTITIES_BRANCH: &str = "Entities";

/// The text variables every source carries, in this order.
pub const VARIABLES: [&str; 6] = ["Outlet", "Date", "Language", "Author", "URL", "File"];

/// What to put in a REFI-QDA project besides documents, codes and claims.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The entities and their mentions, as codes under "Entities" and selections coded with
    /// them; `None` leaves them out.
    pub entities: Option<&'a MentionIndex>,
}

/// A GUID for one item: the first 128 bits of a BLAKE3 hash of the project's name and the
/// item's key, marked as a version-8 (custom) UUID.
pub(crate) fn guid(project: &Project, kind: &str, key: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in ["triangulate refi-qda", project.name.as_str(), kind, key] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The GUID of a document's source: from its text, so the same report has the same GUID in
/// every export of the project.
pub fn document_guid(project: &Project, document: &Document) -> String {
    guid(project, "source", &document.content_hash)
}

/// The GUID of a code.
pub fn code_guid(project: &Project, code: CodeId) -> String {
    guid(project, "code", &code.to_string())
}

/// The path of a document's plain text inside the archive.
pub fn source_path(guid: &str) -> String {
    format!("Sources/{guid}.txt")
}

/// Text made safe for XML character data and attribute values: markup characters escaped,
/// line breaks and tabs kept as character references in attributes, and the characters XML 1.0
/// cannot hold replaced by U+FFFD.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Attributes as `name="value"` pairs, escaped.
fn attributes(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!(" {name}=\"{}\"", escape(value, true)))
        .collect()
}

/// A short name for a selection: its first words, on one line.
fn selection_name(text: &str) -> String {
    const MAX_CHARS: usize = 100;
    let one_line = crate::text::one_line(text);
    if one_line.chars().count() <= MAX_CHARS {
        one_line
    } else {
        let cut: String = one_line.chars().take(MAX_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The codebook as `<Code>` elements, children inside their parent, in id order.
fn write_codes(out: &mut String, project: &Project, parent: Option<CodeId>, depth: usize) {
    for code in project.codes.iter().filter(|code| code.parent == parent) {
        // A code whose parent is missing is written at the top, not lost.
        write_code(out, project, code, depth);
    }
    if parent.is_none() {
        for code in project.codes.iter().filter(|code| {
            code.parent
                .is_some_and(|parent| project.code(parent).is_none())
        }) {
            write_code(out, project, code, depth);
        }
    }
}

fn write_code(out: &mut String, project: &Project, code: &Code, depth: usize) {
    let indent = "  ".repeat(depth);
    let guid = code_guid(project, code.id);
    let colour = code.colour.to_string();
    let head = attributes(&[
        ("guid", &guid),
        ("name", &code.name),
        ("isCodable", "true"),
        ("color", &colour),
    ]);
    let has_children = project
        .codes
        .iter()
        .any(|child| child.parent == Some(code.id));
    if code.description.is_empty() && !has_children {
        let _ = writeln!(out, "{indent}<Code{head}/>");
        return;
    }
    let _ = writeln!(out, "{indent}<Code{head}>");
    if !code.description.is_empty() {
        let _ = writeln!(
            out,
            "{indent}  <Description>{}</Description>",
            escape(&code.description, false)
        );
    }
    write_codes(out, project, Some(code.id), depth + 1);
    let _ = writeln!(out, "{indent}</Code>");
}

/// The label of the entity kind's branch under "Entities".
fn kind_branch(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organisation => "Organisations",
        EntityKind::Place => "Places",
        EntityKind::Date => "Dates",
        EntityKind::Other => "Other names",
    }
}

/// The entities listed in the project, as codes under "Entities", one branch per kind.
fn write_entity_codes(out: &mut String, project: &Project, mentions: &MentionIndex, depth: usize) {
    let indent = "  ".repeat(depth);
    let branch = guid(project, "entities", "");
    let _ = writeln!(
        out,
        "{indent}<Code{}>",
        attributes(&[
            ("guid", &branch),
            ("name", ENTITIES_BRANCH),
            ("isCodable", "false")
        ])
    );
    let _ = writeln!(
        out,
        "{indent}  <Description>People, organisations, places and dates that Triangulate found or the analyst named, each with its spellings; their mentions are coded with them.</Description>"
    );
    for kind in EntityKind::ALL {
        let entities: Vec<_> = mentions
            .entities
            .entities
            .iter()
            .filter(|entity| entity.kind == kind && mentions.is_listed(entity))
            .collect();
        if entities.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "{indent}  <Code{}>",
            attributes(&[
                ("guid", &guid(project, "entity kind", kind.as_str())),
                ("name", kind_branch(kind)),
                ("isCodable", "false"),
            ])
        );
        for entity in entities {
            let head = attributes(&[
                ("guid", &guid(project, "entity", &entity.id.to_string())),
                ("name", &entity.name),
                ("isCodable", "true"),
            ]);
            let spellings: Vec<&str> = entity
                .variants
                .iter()
                .map(String::as_str)
                .filter(|variant| *variant != entity.name)
                .collect();
            if spellings.is_empty() {
                let _ = writeln!(out, "{indent}    <Code{head}/>");
            } else {
                let _ = writeln!(
                    out,
                    "{indent}    <Code{head}><Description>{}</Description></Code>",
                    escape(&format!("Also written: {}", spellings.join("; ")), false)
                );
            }
        }
        let _ = writeln!(out, "{indent}  </Code>");
    }
    let _ = writeln!(out, "{indent}</Code>");
}

/// A grade as [`crate::model::Grade::parse`] reads it back: "B2", "C", "3".
fn badge(grade: crate::model::Grade) -> String {
    let letter = grade
        .reliability
        .map(|reliability| reliability.letter().to_string());
    let digit = grade
        .credibility
        .map(|credibility| credibility.digit().to_string());
    format!(
        "{}{}",
        letter.unwrap_or_default(),
        digit.unwrap_or_default()
    )
}

/// Character offsets of byte offsets in one text, found from a checkpoint every kilobyte, so a
/// document with thousands of mentions is not counted from its start for each.
struct CharPositions<'t> {
    text: &'t str,
    /// `(byte, characters before it)`, one per kilobyte, on character boundaries.
    checkpoints: Vec<(usize, usize)>,
}

impl<'t> CharPositions<'t> {
    const STEP: usize = 1024;

    fn new(text: &'t str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut next = Self::STEP;
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            if byte >= next {
                checkpoints.push((byte, chars));
                next = byte + Self::STEP;
            }
        }
        Self { text, checkpoints }
    }

    /// The number of characters before `byte` (a character boundary).
    fn of(&self, byte: usize) -> usize {
        let at = self
            .checkpoints
            .partition_point(|(start, _)| *start <= byte)
            - 1;
        let (start, chars) = self.checkpoints[at];
        chars + byte_to_char_offset(&self.text[start..], byte - start)
    }
}

/// The lines of a claim's note: what QDA-XML has no field for, one `Field: value` per line,
/// then the analyst's note after `Note:`.
pub fn claim_note_text(project: &Project, claim: &Claim) -> String {
    let mut lines = vec![format!("Stance: {}", claim.stance.as_str())];
    if let Some(speaker) = claim.speaker.and_then(|id| project.entity(id)) {
        lines.push(format!(
            "Speaker: {} ({})",
            speaker.name,
            speaker.kind.as_str()
        ));
    }
    if let Some(outlet) = &claim.via_outlet {
        lines.push(format!("Via outlet: {outlet}"));
    }
    if let Some(date) = claim.date {
        lines.push(format!("Claim date: {date}"));
    }
    if !claim.grade.is_open() {
        lines.push(format!("Grade: {}", badge(claim.grade)));
    }
    for (hypothesis, consistency) in &claim.ratings {
        if let Some(hypothesis) = project.hypothesis(*hypothesis) {
            lines.push(format!(
                "Rating: {} | {}",
                consistency.as_str(),
                crate::text::one_line(&hypothesis.text)
            ));
        }
    }
    if claim.more_passages.is_empty() {
        lines.push("Passages: 1".to_owned());
    } else {
        lines.push(format!("Passages: {}", claim.more_passages.len() + 1));
    }
    if !claim.note.is_empty() {
        lines.push(format!("Note: {}", claim.note));
    }
    lines.join("\n")
}

/// One text `Note` element.
fn write_note(out: &mut String, guid: &str, name: &str, text: &str) {
    let _ = writeln!(
        out,
        "    <Note{}><PlainTextContent>{}</PlainTextContent></Note>",
        attributes(&[("guid", guid), ("name", name)]),
        escape(text, false)
    );
}

/// `project.qde`: the project as QDA-XML, with each document's plain text at
/// [`source_path`] of its GUID.
pub fn project_qde(project: &Project, options: Options<'_>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let user = guid(project, "user", "");
    let _ = writeln!(
        out,
        "<Project xmlns=\"{PROJECT_NAMESPACE}\"{}>",
        attributes(&[
            ("name", &project.name),
            ("origin", concat!("Triangulate ", env!("CARGO_PKG_VERSION"))),
            ("creatingUserGUID", &user),
        ])
    );
    let _ = writeln!(
        out,
        "  <Users>\n    <User{}/>\n  </Users>",
        attributes(&[("guid", &user), ("name", "Triangulate")])
    );
    out.push_str("  <CodeBook>\n    <Codes>\n");
    write_codes(&mut out, project, None, 3);
    if let Some(mentions) = options.entities {
        write_entity_codes(&mut out, project, mentions, 3);
    }
    if project.codes.is_empty() && options.entities.is_none() {
        // The schema wants at least one code in a codebook: an empty codebook is left out.
        out.truncate(out.len() - "  <CodeBook>\n    <Codes>\n".len());
    } else {
        out.push_str("    </Codes>\n  </CodeBook>\n");
    }
    out.push_str("  <Variables>\n");
    for name in VARIABLES {
        let _ = writeln!(
            out,
            "    <Variable{}/>",
            attributes(&[
                ("guid", &guid(project, "variable", name)),
                ("name", name),
                ("typeOfVariable", "Text"),
            ])
        );
    }
    out.push_str("  </Variables>\n");
    let mut notes = String::new();
    if !project.documents.is_empty() {
        out.push_str("  <Sources>\n");
        for document in &project.documents {
            write_source(&mut out, &mut notes, project, document, &user, options);
        }
        out.push_str("  </Sources>\n");
    }
    // Notes on the project as a whole: its notes, and what the schema has no place for.
    let outlet_grades: Vec<String> = project
        .outlet_grades
        .iter()
        .map(|(outlet, grade)| format!("{} | {}", crate::text::one_line(outlet), badge(*grade)))
        .collect();
    let hypotheses: Vec<String> = project
        .hypotheses
        .iter()
        .map(|hypothesis| crate::text::one_line(&hypothesis.text))
        .collect();
    let mut project_notes = Vec::new();
    for (name, text) in [
        ("Project notes", project.notes.clone()),
        (OUTLET_GRADES_NOTE, outlet_grades.join("\n")),
        (HYPOTHESES_NOTE, hypotheses.join("\n")),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        let key = if name == "Project notes" { "" } else { name };
        let note = guid(project, "note", key);
        write_note(&mut notes, &note, name, &text);
        project_notes.push(note);
    }
    if !notes.is_empty() {
        let _ = write!(out, "  <Notes>\n{notes}  </Notes>\n");
    }
    let mut links = String::new();
    for code in &project.codes {
        for other in code.contradicts.iter().filter(|other| **other > code.id) {
            if project.code(*other).is_none() {
                continue;
            }
            let _ = writeln!(
                links,
                "    <Link{}/>",
                attributes(&[
                    (
                        "guid",
                        &guid(project, "contradicts", &format!("{}-{other}", code.id))
                    ),
                    ("name", "contradicts"),
                    ("direction", "Associative"),
                    ("originGUID", &code_guid(project, code.id)),
                    ("targetGUID", &code_guid(project, *other)),
                ])
            );
        }
    }
    if !links.is_empty() {
        let _ = write!(out, "  <Links>\n{links}  </Links>\n");
    }
    for note in project_notes {
        let _ = writeln!(out, "  <NoteRef targetGUID=\"{note}\"/>");
    }
    out.push_str("</Project>\n");
    out
}

/// One document's `TextSource` with its selections; its notes go to `notes`.
fn write_source(
    out: &mut String,
    notes: &mut String,
    project: &Project,
    document: &Document,
    user: &str,
    options: Options<'_>,
) {
    let source = document_guid(project, document);
    let path = format!("internal://{source}.txt");
    let _ = writeln!(
        out,
        "    <TextSource{}>",
        attributes(&[
            ("guid", &source),
            ("name", &document.title),
            ("plainTextPath", &path),
            ("creatingUser", user),
            ("creationDateTime", &document.imported_at),
        ])
    );
    let text = &document.text;
    let positions = CharPositions::new(text);
    let position = |byte: usize| positions.of(byte).to_string();
    let write_selection =
        |out: &mut String, guid: &str, quote: &Quote, codes: &[String], note: Option<&str>| {
            let span = quote.span;
            let _ = writeln!(
                out,
                "      <PlainTextSelection{}>",
                attributes(&[
                    ("guid", guid),
                    ("name", &selection_name(&quote.exact)),
                    ("startPosition", &position(span.start())),
                    ("endPosition", &position(span.end())),
                    ("creatingUser", user),
                ])
            );
            for code in codes {
                let _ = writeln!(
                    out,
                    "        <Coding{}><CodeRef targetGUID=\"{code}\"/></Coding>",
                    attributes(&[
                        (
                            "guid",
                            &self::guid(project, "coding", &format!("{guid} {code}"))
                        ),
                        ("creatingUser", user),
                    ])
                );
            }
            if let Some(note) = note {
                let _ = writeln!(out, "        <NoteRef targetGUID=\"{note}\"/>");
            }
            out.push_str("      </PlainTextSelection>\n");
        };
    for claim in project
        .claims
        .iter()
        .filter(|claim| claim.document == document.id)
    {
        let note = guid(project, "claim note", &claim.id.to_string());
        write_note(
            notes,
            &note,
            &format!("{CLAIM_NOTE_PREFIX}{}", claim.id),
            &claim_note_text(project, claim),
        );
        let codes: Vec<String> = claim
            .codes
            .iter()
            .filter(|code| project.code(**code).is_some())
            .map(|code| code_guid(project, *code))
            .collect();
        for (index, quote) in claim.quotes().enumerate() {
            let selection = guid(project, "claim", &format!("{} {index}", claim.id));
            write_selection(out, &selection, quote, &codes, Some(&note));
        }
    }
    if let Some(mentions) = options.entities {
        for mention in mentions.in_document(document.id) {
            let Some(entity) = mentions.entity(mention.entity) else {
                continue;
            };
            if !mentions.is_listed(entity) {
                continue;
            }
            let Ok(span) =
                crate::model::ByteSpan::new(text, mention.range.start, mention.range.end)
            else {
                continue;
            };
            let quote = Quote::new(text, span);
            let selection = guid(
                project,
                "mention",
                &format!("{} {} {}", document.content_hash, span.start(), span.end()),
            );
            let code = guid(project, "entity", &entity.id.to_string());
            write_selection(out, &selection, &quote, &[code], None);
        }
    }
    let mut values = Vec::new();
    let date = document
        .date
        .map(|date| date.to_string())
        .unwrap_or_default();
    let language = document.language.clone().unwrap_or_default();
    for (name, value) in VARIABLES.into_iter().zip([
        document.outlet.as_str(),
        date.as_str(),
        language.as_str(),
        document.author.as_str(),
        document.url.as_str(),
        document.file.as_str(),
    ]) {
        if value.trim().is_empty() {
            continue;
        }
        values.push(format!(
            "      <VariableValue><VariableRef targetGUID=\"{}\"/><TextValue>{}</TextValue></VariableValue>\n",
            guid(project, "variable", name),
            escape(value, false)
        ));
    }
    if !document.note.trim().is_empty() {
        let note = guid(project, "document note", &document.content_hash);
        write_note(
            notes,
            &note,
            &format!("Note on {}", document.title),
            &document.note,
        );
        let _ = writeln!(out, "      <NoteRef targetGUID=\"{note}\"/>");
    }
    for value in values {
        out.push_str(&value);
    }
    out.push_str("    </TextSource>\n");
}

/// The project as a `.qdpx` archive: `project.qde` and every document's plain text.
pub fn qdpx(project: &Project, options: Options<'_>) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("project.qde", deflated)?;
    writer.write_all(project_qde(project, options).as_bytes())?;
    for document in &project.documents {
        writer.start_file(source_path(&document_guid(project, document)), deflated)?;
        writer.write_all(document.text.as_bytes())?;
    }
    Ok(writer.finish()?.into_inner())
}

/// The codebook alone as a `.qdc` file; `None` when the project has no codes (the schema
/// wants at least one).
pub fn codebook_qdc(project: &Project) -> Option<String> {
    if project.codes.is_empty() {
        return None;
    }
    let mut codes = String::new();
    write_codes(&mut codes, project, None, 2);
    // The codebook schema has no note references: a code is a name, a colour, a description.
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CodeBook xmlns=\"{CODEBOOK_NAMESPACE}\"{}>\n  <Codes>\n{codes}  </Codes>\n</CodeBook>\n",
        attributes(&[("origin", concat!("Triangulate ", env!("CARGO_PKG_VERSION")))])
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_positions_from_checkpoints_match_counting_from_the_start() {
        let text = "é🛡️ « Massoud » ".repeat(500);
        let positions = CharPositions::new(&text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(
                positions.of(byte),
                byte_to_char_offset(&text, byte),
                "at {byte}"
            );
        }
    }
}
