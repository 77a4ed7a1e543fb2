//! The project as the user built it: documents, curated entities, the codebook and claims.
//!
//! Plain data and its invariants. Every collection is kept sorted by id, so the saved file
//! lists items in a stable order and a small change makes a small diff.

mod date;
mod grade;
mod ids;
mod span;
mod table;

pub use date::{DateParseError, PartialDate};
pub use grade::{Consistency, Credibility, Grade, Reliability};
pub use ids::{ClaimId, CodeId, DocumentId, EntityId, HypothesisId, Keyed, next_id};
pub use span::{
    ByteSpan, Quote, QuoteError, SpanError, byte_to_char_offset, char_to_byte_offset,
    context_bounds,
};
pub use table::{SharedId, Table};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A project: one investigation, saved as one RON file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The name shown in the window title.
    pub name: String,
    /// Imported documents, sorted by id.
    pub documents: Table<Document>,
    /// Entities as the user curated them, sorted by id.
    pub entities: Table<Entity>,
    /// The codebook, sorted by id.
    pub codes: Table<Code>,
    /// Tagged claims, sorted by id.
    pub claims: Table<Claim>,
    /// Free notes on the project.
    pub notes: String,
    /// Pairs of entities the user said are not the same, each ordered and the list sorted, so
    /// they are never suggested again.
    #[serde(default)]
    pub distinct: Vec<(EntityId, EntityId)>,
    /// How reliable each outlet is and how credible its reports usually are, by outlet name.
    /// A claim's own grade overrides it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outlet_grades: BTreeMap<String, Grade>,
    /// Competing hypotheses the claims are weighed against, sorted by id.
    #[serde(default, skip_serializing_if = "<[Hypothesis]>::is_empty")]
    pub hypotheses: Table<Hypothesis>,
    /// From which share of one document found in another the two are near-duplicates.
    #[serde(default, skip_serializing_if = "NearDuplicate::is_default")]
    pub near_duplicate: NearDuplicate,
}

/// From which share of one document found in another, in percent, the two are
/// near-duplicates: the same wire story in two outlets, or one report copied into another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NearDuplicate(u8);

impl NearDuplicate {
    /// The share used unless the user chooses another.
    pub const DEFAULT_PERCENT: u8 = 60;

    /// The thresholds there can be, in percent.
    pub const PERCENTS: std::ops::RangeInclusive<u8> = 1..=100;

    /// A threshold of `percent`, one of [`Self::PERCENTS`].
    pub fn new(percent: u8) -> Option<Self> {
        Self::PERCENTS.contains(&percent).then_some(Self(percent))
    }

    /// The threshold in percent.
    pub fn percent(self) -> u8 {
        self.0
    }

    /// The threshold as a share, 0 to 1.
    pub fn share(self) -> f32 {
        f32::from(self.0) / 100.0
    }

    /// Whether it is the default, which the project file leaves out.
    pub fn is_default(&self) -> bool {
        self.0 == Self::DEFAULT_PERCENT
    }
}

impl Default for NearDuplicate {
    fn default() -> Self {
        Self(Self::DEFAULT_PERCENT)
    }
}

/// An explanation the analyst weighs against the evidence ("the resistance fights on").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hypothesis {
    /// Stable id.
    pub id: HypothesisId,
    /// The hypothesis, in a sentence.
    pub text: String,
}

/// One imported report. Its text never changes after import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stable id.
    pub id: DocumentId,
    /// Headline or file name.
    pub title: String,
    /// The outlet that published it; empty when unknown.
    pub outlet: String,
    /// Publication date, as precise as known.
    pub date: Option<PartialDate>,
    /// ISO 639-1 language code such as `en` or `fr`, when known.
    pub language: Option<String>,
    /// Who wrote it, when known; empty otherwise.
    #[serde(default)]
    pub author: String,
    /// Where it was published (a web page's canonical URL), when known; empty otherwise.
    #[serde(default)]
    pub url: String,
    /// The original file name, without its folders.
    pub file: String,
    /// When it was imported, as RFC 3339 text.
    pub imported_at: String,
    /// The character encoding the file was decoded from.
    pub encoding: String,
    /// What the importer could not read as it should, each a sentence naming the problem (a
    /// file cut short, a page read whole with its menus); empty for a sound file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub import_warnings: Vec<String>,
    /// BLAKE3 hash of the text, in hex; checked on load.
    pub content_hash: String,
    /// The part of the text shown as the body: it leaves out a leading metadata line.
    pub body: ByteSpan,
    /// Paragraphs set aside as publisher furniture (offers, app lines, related links): kept in
    /// the text, shown dimmed, and left out of analysis. Detected on import, then the user's.
    #[serde(default)]
    pub boilerplate: Vec<ByteSpan>,
    /// The analyst's memo on the document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The text as imported (line endings normalised to `\n`).
    pub text: Arc<str>,
}

impl Document {
    /// The body text, without a leading metadata line.
    pub fn body_text(&self) -> &str {
        self.body.slice(&self.text).unwrap_or(&self.text)
    }

    /// The hash that [`Document::content_hash`] must hold for `text`.
    pub fn hash_text(text: &str) -> String {
        blake3::hash(text.as_bytes()).to_hex().to_string()
    }

    /// The body with set-aside paragraphs blanked out by spaces, so byte offsets stay valid.
    pub fn analysed_body(&self) -> std::borrow::Cow<'_, str> {
        let body = self.body_text();
        if self.boilerplate.is_empty() {
            return std::borrow::Cow::Borrowed(body);
        }
        let mut bytes = body.as_bytes().to_vec();
        let offset = self.body.start();
        for span in &self.boilerplate {
            let start = span.start().saturating_sub(offset).min(bytes.len());
            let end = span.end().saturating_sub(offset).min(bytes.len());
            bytes[start..end].fill(b' ');
        }
        // Whole characters were replaced by ASCII spaces, so the bytes are still UTF-8.
        std::borrow::Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The body as a reader reads it: the body's text with each set-aside paragraph replaced
    /// by one blank line, so another tool can score what the reader shows.
    pub fn reading_body(&self) -> String {
        let body = self.body.range();
        let mut set_aside: Vec<std::ops::Range<usize>> = self
            .boilerplate
            .iter()
            .map(|span| span.start().max(body.start)..span.end().min(body.end))
            .filter(|range| range.start < range.end)
            .collect();
        set_aside.sort_by_key(|range| range.start);
        let mut kept: Vec<&str> = Vec::new();
        let mut from = body.start;
        for range in set_aside
            .iter()
            .chain(std::iter::once(&(body.end..body.end)))
        {
            if range.start > from
                && let Some(piece) = self.text.get(from..range.start)
                && !piece.trim().is_empty()
            {
                kept.push(piece.trim_matches(|c: char| c == '\n' || c == '\r'));
            }
            from = from.max(range.end);
        }
        kept.join("\n\n")
    }

    /// Whether a byte range lies in a set-aside paragraph.
    pub fn is_set_aside(&self, range: &std::ops::Range<usize>) -> bool {
        self.boilerplate
            .iter()
            .any(|span| span.start() <= range.start && range.end <= span.end())
    }

    /// The length of the text in characters.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }
}

/// The ISO 639-1 language codes, sorted.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Whether `code` is an ISO 639-1 language code ("en", "fr", "ps"), in lower case.
pub fn is_language_code(code: &str) -> bool {
    ISO_639_1.binary_search(&code).is_ok()
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, party, armed group, agency or outlet.
    Organisation,
    /// A place.
    Place,
    /// A date.
    Date,
    /// Anything else.
    Other,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [Self; 5] = [
        Self::Person,
        Self::Organisation,
        Self::Place,
        Self::Date,
        Self::Other,
    ];

    /// The lower-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organisation => "organisation",
            Self::Place => "place",
            Self::Date => "date",
            Self::Other => "other",
        }
    }

    /// The name shown in the interface.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Organisation => "Organisation",
            Self::Place => "Place",
            Self::Date => "Date",
            Self::Other => "Other",
        }
    }
}

/// How an entity came to be in the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityOrigin {
    /// Found in the text by analysis.
    Detected,
    /// Added by the user.
    Manual,
}

/// One person, organisation, place or date, under all the spellings that name it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable id.
    pub id: EntityId,
    /// The canonical name, as the user wants it shown.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Every spelling that names it in the text, exactly as written; sorted.
    pub variants: Vec<String>,
    /// Hidden entities are neither highlighted nor listed, and analysis does not bring them back.
    pub hidden: bool,
    /// Detected or added by hand.
    pub origin: EntityOrigin,
}

/// One entity of a name list the user loads: its kind, its canonical name and aliases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameEntry {
    /// What it is.
    pub kind: EntityKind,
    /// The canonical name, then its aliases.
    pub names: Vec<String>,
}

/// A colour as red, green and blue bytes, written `#rrggbb` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl std::str::FromStr for Rgb {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let hex = text.strip_prefix('#').unwrap_or(text);
        let byte = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (hex.len(), byte(0), byte(2), byte(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Self([r, g, b])),
            _ => Err(format!("{text:?} is not a colour: write #rrggbb")),
        }
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// Colours given to new codes in turn; distinct on light and dark backgrounds.
pub const CODE_PALETTE: [Rgb; 8] = [
    Rgb([0xd9, 0x5f, 0x02]),
    Rgb([0x1b, 0x9e, 0x77]),
    Rgb([0x75, 0x70, 0xb3]),
    Rgb([0xe7, 0x29, 0x8a]),
    Rgb([0x66, 0xa6, 0x1e]),
    Rgb([0xe6, 0xab, 0x02]),
    Rgb([0xa6, 0x76, 0x1d]),
    Rgb([0x1f, 0x78, 0xb4]),
];

/// A code of the codebook, such as "surrender rumors". Codes form a tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Stable id.
    pub id: CodeId,
    /// Name, unique in the codebook.
    pub name: String,
    /// Colour of its underlines.
    pub colour: Rgb,
    /// What the code means, for whoever codes next.
    pub description: String,
    /// The parent code, if this one is a sub-code.
    pub parent: Option<CodeId>,
    /// Codes this one contradicts ("surrender rumors" and "propaganda denial"); kept symmetric.
    #[serde(default)]
    pub contradicts: Vec<CodeId>,
}

/// How the text presents a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    /// The speaker states it as true.
    #[default]
    Asserts,
    /// The speaker states it is false.
    Denies,
    /// The text relays it without taking a side.
    Reports,
    /// The text casts doubt on it.
    Questions,
}

impl Stance {
    /// Every stance, in display order.
    pub const ALL: [Self; 4] = [Self::Asserts, Self::Denies, Self::Reports, Self::Questions];

    /// The lower-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asserts => "asserts",
            Self::Denies => "denies",
            Self::Reports => "reports",
            Self::Questions => "questions",
        }
    }

    /// Reads a stance by its lower-case name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|stance| stance.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// A coded passage: who said what, through which outlet, when, and with which stance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id.
    pub id: ClaimId,
    /// The document the passage is in.
    pub document: DocumentId,
    /// The passage, with context to check it on load.
    pub quote: Quote,
    /// Further passages of the same document that the claim spans, in text order, after
    /// the first (a statement and its later qualification, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_passages: Vec<Quote>,
    /// Codes applied, in the order given.
    pub codes: Vec<CodeId>,
    /// How the text presents the claim.
    pub stance: Stance,
    /// Who made the claim.
    pub speaker: Option<EntityId>,
    /// The outlet it came through, when not the document's own (a relayed wire, say).
    pub via_outlet: Option<String>,
    /// When the claim was made, when it differs from the document date.
    pub date: Option<PartialDate>,
    /// The analyst's note.
    pub note: String,
    /// The claim's own grade, overriding its outlet's part by part.
    #[serde(default, skip_serializing_if = "Grade::is_open")]
    pub grade: Grade,
    /// How the claim bears on each hypothesis it was rated against.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<HypothesisId, Consistency>,
}

macro_rules! keyed {
    ($type:ty, $id:ty, $plural:literal) => {
        impl Keyed for $type {
            type Id = $id;
            const PLURAL: &'static str = $plural;
            fn key(&self) -> $id {
                self.id
            }
        }
    };
}
impl Claim {
    /// Every passage of the claim, the first one first.
    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        std::iter::once(&self.quote).chain(&self.more_passages)
    }

    /// The claim's words: its passages, joined by "[…]" where it spans several.
    pub fn text(&self) -> String {
        self.quotes()
            .map(|quote| quote.exact.as_str())
            .collect::<Vec<_>>()
            .join(" […] ")
    }
}

keyed!(Document, DocumentId, "documents");
keyed!(Hypothesis, HypothesisId, "hypotheses");
keyed!(Entity, EntityId, "entities");
keyed!(Code, CodeId, "codes");
keyed!(Claim, ClaimId, "claims");

/// The entity of `entities` whose canonical name or one of whose spellings is `name`, ignoring
/// case; canonical names first.
pub fn entity_by_name<'a>(entities: &'a [Entity], name: &str) -> Option<&'a Entity> {
    let name = name.trim().to_lowercase();
    entities
        .iter()
        .find(|entity| entity.name.to_lowercase() == name)
        .or_else(|| {
            entities
                .iter()
                .find(|entity| entity.variants.iter().any(|v| v.to_lowercase() == name))
        })
}

/// Finds an item in a collection sorted by id.
pub fn find<T: Keyed>(items: &[T], id: T::Id) -> Option<&T> {
    items
        .binary_search_by_key(&id, Keyed::key)
        .ok()
        .map(|index| &items[index])
}

impl Project {
    /// An empty project with a name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The document with this id.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.by_id(id)
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.by_id(id)
    }

    /// The code with this id.
    pub fn code(&self, id: CodeId) -> Option<&Code> {
        self.codes.by_id(id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claims.by_id(id)
    }

    /// Every outlet the project knows, sorted: documents' own, those claims came through, and
    /// those graded.
    pub fn outlets(&self) -> std::collections::BTreeSet<&str> {
        self.documents
            .iter()
            .map(|document| document.outlet.as_str())
            .chain(
                self.claims
                    .iter()
                    .filter_map(|claim| claim.via_outlet.as_deref()),
            )
            .chain(self.outlet_grades.keys().map(String::as_str))
            .filter(|outlet| !outlet.trim().is_empty())
            .collect()
    }

    /// The code with this name, compared without regard to case.
    pub fn code_by_name(&self, name: &str) -> Option<&Code> {
        let name = name.trim().to_lowercase();
        self.codes
            .iter()
            .find(|code| code.name.to_lowercase() == name)
    }

    /// The entity whose canonical name or one of whose variants is `name`, ignoring case.
    pub fn entity_by_name(&self, name: &str) -> Option<&Entity> {
        entity_by_name(&self.entities, name)
    }

    /// The id a new document will get.
    pub fn next_document_id(&self) -> DocumentId {
        next_id(&self.documents, DocumentId, |id| id.0)
    }

    /// The id a new entity will get: one more than the largest below
    /// [`EntityId::DERIVED_BASE`], whatever ids entities adopted from analysis kept.
    pub fn next_entity_id(&self) -> EntityId {
        let largest = self
            .entities
            .iter()
            .map(|entity| entity.id)
            .filter(|id| !id.in_derived_range())
            .max()
            .map_or(0, |id| id.0);
        EntityId(largest + 1)
    }

    /// The id a new code will get.
    pub fn next_code_id(&self) -> CodeId {
        next_id(&self.codes, CodeId, |id| id.0)
    }

    /// The id a new claim will get.
    pub fn next_claim_id(&self) -> ClaimId {
        next_id(&self.claims, ClaimId, |id| id.0)
    }

    /// The name of a claim's speaker, if it has one.
    pub fn speaker_name(&self, claim: &Claim) -> Option<&str> {
        claim
            .speaker
            .and_then(|id| self.entity(id))
            .map(|entity| entity.name.as_str())
    }

    /// The claims that carry a code.
    pub fn claims_with_code(&self, code: CodeId) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .filter(move |claim| claim.codes.contains(&code))
    }

    /// Whether the user said these two entities are not the same.
    pub fn are_distinct(&self, a: EntityId, b: EntityId) -> bool {
        self.distinct.binary_search(&(a.min(b), a.max(b))).is_ok()
    }

    /// The names of a claim's codes, in the order given.
    pub fn code_names(&self, claim: &Claim) -> Vec<&str> {
        claim
            .codes
            .iter()
            .filter_map(|code| self.code(*code))
            .map(|code| code.name.as_str())
            .collect()
    }

    /// The grade a claim carries: its own where set, else its outlet's (the outlet it came
    /// through, so a relayed wire story is graded as the wire).
    pub fn claim_grade(&self, claim: &Claim) -> Grade {
        let outlet = self
            .outlet_grades
            .get(self.claim_outlet(claim))
            .copied()
            .unwrap_or_default();
        claim.grade.or(outlet)
    }

    /// A hypothesis by id.
    pub fn hypothesis(&self, id: HypothesisId) -> Option<&Hypothesis> {
        self.hypotheses.by_id(id)
    }

    /// The outlet a claim reached its document through: its own override, else the document's.
    pub fn claim_outlet<'a>(&'a self, claim: &'a Claim) -> &'a str {
        claim
            .via_outlet
            .as_deref()
            .or_else(|| {
                self.document(claim.document)
                    .map(|document| document.outlet.as_str())
            })
            .unwrap_or("")
    }

    /// Checks that a code has a unique name and a parent chain that ends without a loop.
    pub fn check_code(&self, code: &Code) -> Result<(), String> {
        if code.name.trim().is_empty() {
            return Err("a code needs a name".into());
        }
        let lower = code.name.to_lowercase();
        if self
            .codes
            .iter()
            .any(|other| other.id != code.id && other.name.to_lowercase() == lower)
        {
            return Err(format!("a code named {:?} already exists", code.name));
        }
        if let Some(other) = code
            .contradicts
            .iter()
            .find(|other| **other == code.id || self.code(**other).is_none())
        {
            return Err(format!(
                "code {:?} contradicts a missing code {other}",
                code.name
            ));
        }
        // Walk up from the code: reaching it again, or a missing parent, breaks the tree.
        let mut parent = code.parent;
        let mut steps = 0;
        while let Some(id) = parent {
            if id == code.id || steps > self.codes.len() {
                return Err(format!("code {:?} would be its own ancestor", code.name));
            }
            parent = self
                .code(id)
                .ok_or_else(|| format!("code {:?} has a missing parent", code.name))?
                .parent;
            steps += 1;
        }
        Ok(())
    }

    /// Checks that a claim's document, quote, codes and speaker are all there.
    pub fn check_claim(&self, claim: &Claim) -> Result<(), String> {
        let document = self
            .document(claim.document)
            .ok_or_else(|| format!("claim {} names a missing document", claim.id))?;
        for quote in claim.quotes() {
            quote
                .verify(&document.text)
                .map_err(|error| format!("claim {}: {error}", claim.id))?;
            if quote.span.is_empty() {
                return Err(format!("claim {} has an empty passage", claim.id));
            }
        }
        if let Some(code) = claim.codes.iter().find(|code| self.code(**code).is_none()) {
            return Err(format!("claim {} names a missing code {code}", claim.id));
        }
        if let Some(speaker) = claim.speaker
            && self.entity(speaker).is_none()
        {
            return Err(format!(
                "claim {} names a missing speaker {speaker}",
                claim.id
            ));
        }
        if let Some(hypothesis) = claim
            .ratings
            .keys()
            .find(|hypothesis| self.hypothesis(**hypothesis).is_none())
        {
            return Err(format!(
                "claim {} is rated against a missing hypothesis {hypothesis}",
                claim.id
            ));
        }
        Ok(())
    }
}
