//! What `--json` prints: one struct per kind of record. Their field names and values are a public
//! interface that scripts read; renaming a field or changing what it holds breaks them.
//!
//! Offsets are byte offsets into the document's text (`start` inclusive, `end` exclusive), on
//! character boundaries; ids are the project's own.

use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// One file of an import, as `import --json` prints it (a list, one per file read).
#[derive(Serialize)]
pub(super) struct ImportLine {
    /// The file as it was found, with its folders.
    pub(super) file: String,
    /// `imported`, `skipped` (its text is already in the project or earlier in the import) or
    /// `failed`.
    pub(super) status: &'static str,
    /// The new document's id, when imported; null otherwise.
    pub(super) id: Option<u32>,
    /// The new document's title, when imported; null otherwise.
    pub(super) title: Option<String>,
    /// Why the file was skipped or failed; null when imported.
    pub(super) reason: Option<String>,
    /// How many characters could not be decoded and were replaced; 0 unless imported.
    pub(super) replaced_characters: usize,
    /// What the user should know about the text read (a file cut short, say); empty unless
    /// imported.
    pub(super) warnings: Vec<String>,
}

/// One document, as `info --json` lists it under `documents`.
#[derive(Serialize)]
pub(super) struct DocumentInfo<'a> {
    /// The document's id.
    pub(super) id: u32,
    /// Headline or file name.
    pub(super) title: &'a str,
    /// The outlet that published it; empty when unknown.
    pub(super) outlet: &'a str,
    /// Publication date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when unknown.
    pub(super) date: Option<String>,
    /// ISO 639-1 language code such as `en`; null when unknown.
    pub(super) language: Option<&'a str>,
    /// The length of the text in characters.
    pub(super) chars: usize,
    /// The original file name, without its folders.
    pub(super) file: &'a str,
    /// The character encoding the file was decoded from.
    pub(super) encoding: &'a str,
    /// Who wrote it; empty when unknown.
    pub(super) author: &'a str,
    /// Where it was published (a web page's canonical URL); empty when unknown.
    pub(super) url: &'a str,
    /// The paragraphs set aside as publisher furniture, in order.
    pub(super) boilerplate: Vec<SetAside<'a>>,
    /// What the importer could not read as it should (a file cut short); empty for a sound
    /// file.
    pub(super) import_warnings: &'a [String],
}

/// A paragraph set aside as publisher furniture, by byte offsets.
#[derive(Serialize)]
pub(super) struct SetAside<'a> {
    /// First byte of the paragraph in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
    /// The paragraph's text.
    pub(super) text: &'a str,
}

/// A project and its documents, as `info --json` prints it.
#[derive(Serialize)]
pub(super) struct ProjectInfo<'a> {
    /// The project's name.
    pub(super) name: &'a str,
    /// Every document, by id.
    pub(super) documents: Vec<DocumentInfo<'a>>,
}

/// One spelling of an entity, as `entities --json` lists it under `variants`.
#[derive(Serialize)]
pub(super) struct VariantInfo {
    /// The spelling as written in the documents.
    pub(super) text: String,
    /// How often it occurs, over all documents.
    pub(super) count: usize,
    /// For dates only: the resolved date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) value: Option<Option<String>>,
}

/// One entity, as `entities --json` prints it (a list, the most mentioned first).
#[derive(Serialize)]
pub(super) struct EntityInfo<'a> {
    /// The entity's id.
    pub(super) id: u32,
    /// Its canonical name.
    pub(super) name: &'a str,
    /// `person`, `organisation`, `place`, `date` or `other`.
    pub(super) kind: &'static str,
    /// Its spellings with their counts: the ones it stores, then lower-case forms found in
    /// another language.
    pub(super) variants: Vec<VariantInfo>,
    /// How many times it is mentioned, over all documents.
    pub(super) mentions: usize,
    /// How many documents mention it.
    pub(super) documents: usize,
    /// Whether the user hid it (listed only with `--all`).
    pub(super) hidden: bool,
}

/// One mention, as `mentions --json` prints it.
#[derive(Serialize)]
pub(super) struct MentionInfo<'a> {
    /// The document's id.
    pub(super) document: u32,
    /// The document's file name.
    pub(super) file: &'a str,
    /// First byte of the mention in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
    /// The mention as written.
    pub(super) text: &'a str,
    /// The entity's id.
    pub(super) entity: u32,
    /// The entity's kind.
    pub(super) kind: &'static str,
}

/// Two entities that may be one, as `entities --suggestions --json` prints it.
#[derive(Serialize)]
pub(super) struct SuggestionInfo<'a> {
    /// The entity with more mentions, the one to keep.
    pub(super) a: u32,
    /// The other entity.
    pub(super) b: u32,
    /// The name of `a`.
    pub(super) a_name: &'a str,
    /// The name of `b`.
    pub(super) b_name: &'a str,
    /// Confidence, from 0 to 1, to two decimals.
    pub(super) score: f64,
    /// Why they may be one: `same name`, `part of name` or `acronym`.
    pub(super) reason: &'static str,
}

/// One search hit with the words around it, as `search --json` prints it.
#[derive(Serialize)]
pub(super) struct HitInfo {
    /// The document's id.
    pub(super) document: u32,
    /// First byte of the hit in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
    /// The text just before the hit, on one line.
    pub(super) before: String,
    /// The hit as written.
    pub(super) hit: String,
    /// The text just after the hit, on one line.
    pub(super) after: String,
}

/// A passage two documents share, as `passages --json` prints it.
#[derive(Serialize)]
pub(super) struct PassageInfo {
    /// The first document's id (the smaller).
    pub(super) a: u32,
    /// The second document's id.
    pub(super) b: u32,
    /// First byte of the passage in `a`'s text.
    pub(super) a_start: usize,
    /// One past its last byte in `a`.
    pub(super) a_end: usize,
    /// First byte of the passage in `b`'s text.
    pub(super) b_start: usize,
    /// One past its last byte in `b`.
    pub(super) b_end: usize,
    /// How alike the two copies are, from 0 to 1 (1 for the same words), to three decimals.
    pub(super) score: f64,
}

/// A document's text, as `text --json` prints it.
#[derive(Serialize)]
pub(super) struct TextInfo<'a> {
    /// The document's id.
    pub(super) id: u32,
    /// The file it was imported from.
    pub(super) file: &'a str,
    /// Its title.
    pub(super) title: &'a str,
    /// The stored text, whole.
    pub(super) text: &'a str,
    /// The text as the reader shows it: without the metadata header and the set-aside
    /// paragraphs, each of which is replaced by one blank line.
    pub(super) body: String,
}

/// A reuse cluster, as `passages --clusters --json` prints it.
#[derive(Serialize)]
pub(super) struct ClusterInfo {
    /// Its number, from 1, the largest cluster first.
    pub(super) id: u32,
    /// How many copies it has, the origin included.
    pub(super) size: usize,
    /// The copy in the earliest-dated document: the likely origin.
    pub(super) origin: CopyPlace,
    /// Every copy, the origin first, then by their documents' dates.
    pub(super) copies: Vec<CopyInfo>,
}

/// Where a copy is.
#[derive(Serialize)]
pub(super) struct CopyPlace {
    /// The document's id.
    pub(super) document: u32,
    /// First byte of the copy in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
}

/// One copy of a reused passage.
#[derive(Serialize)]
pub(super) struct CopyInfo {
    /// The document's id.
    pub(super) document: u32,
    /// First byte of the copy in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
    /// How alike it is to the origin, from 0 to 1, to three decimals (the origin scores 1).
    pub(super) score: f64,
}

/// Two documents that share text, as `passages --pairs --json` prints it.
#[derive(Serialize)]
pub(super) struct PairInfo {
    /// The first document's id (the smaller).
    pub(super) a: u32,
    /// The second document's id.
    pub(super) b: u32,
    /// How many passages they share.
    pub(super) passages: usize,
    /// The share of `a`'s analysed text that is in shared passages, 0 to 1, to three decimals.
    pub(super) a_covered: f64,
    /// The same for `b`.
    pub(super) b_covered: f64,
    /// Whether either share reaches the near-duplicate threshold (`--near-duplicate`, else the
    /// project's own).
    pub(super) near_duplicate: bool,
}

/// One claim, as `claims --json` prints it (a list, by id).
#[derive(Serialize)]
pub(super) struct ClaimInfo<'a> {
    /// The claim's id.
    pub(super) id: u32,
    /// The id of the document it is in.
    pub(super) document: u32,
    /// The text of its first passage.
    pub(super) quote: &'a str,
    /// First byte of the first passage in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
    /// The names of its codes, in the order given.
    pub(super) codes: Vec<&'a str>,
    /// `asserts`, `denies`, `reports` or `questions`.
    pub(super) stance: &'static str,
    /// The speaker's name; null when unattributed.
    pub(super) speaker: Option<&'a str>,
    /// The outlet the claim reached its document through: its own, else the document's.
    pub(super) outlet: &'a str,
    /// When it was made: its own date, else the document's; null when neither is known.
    pub(super) date: Option<String>,
    /// The user's note; empty when none.
    pub(super) note: &'a str,
    /// The grade in force, its own or its outlet's, as a badge ("B2"; "–" when open).
    pub(super) grade: String,
    /// Ratings against hypotheses, by hypothesis id.
    pub(super) ratings: BTreeMap<u32, &'static str>,
    /// Further passages of a claim that spans several, after the first (`quote`).
    pub(super) more_passages: Vec<ClaimPassage<'a>>,
}

/// A further passage of a claim, as `claims --json` lists it under `more_passages`.
#[derive(Serialize)]
pub(super) struct ClaimPassage<'a> {
    /// The passage's text.
    pub(super) quote: &'a str,
    /// First byte of the passage in the document's text.
    pub(super) start: usize,
    /// One past its last byte.
    pub(super) end: usize,
}

/// One hypothesis and how the rated claims bear on it, as `hypotheses --json` prints it (a
/// list, the most likely first).
#[derive(Serialize)]
pub(super) struct HypothesisInfo<'a> {
    /// The hypothesis's id.
    pub(super) id: u32,
    /// Its text.
    pub(super) text: &'a str,
    /// Its place in the ranking, from 1 (least evidence against it).
    pub(super) rank: usize,
    /// Claims rated inconsistent, each counted by its grade's weight, to three decimals.
    pub(super) inconsistency: f64,
    /// How many claims were rated consistent.
    pub(super) consistent: usize,
    /// How many claims were rated inconsistent.
    pub(super) inconsistent: usize,
    /// How many claims were rated neutral.
    pub(super) neutral: usize,
}

/// A score or share with this many decimals, so JSON shows 0.72 rather than 0.7199999.
pub(super) fn rounded(value: f64, places: i32) -> f64 {
    let scale = 10_f64.powi(places);
    (value * scale).round() / scale
}

/// Prints a value as pretty JSON followed by a newline.
pub(super) fn print_json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}
