//! The command line: its arguments and the headless commands, with the help text clap shows.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "triangulate",
    version,
    about = "A workbench for comparing sources",
    args_conflicts_with_subcommands = true
)]
pub struct Arguments {
    /// A headless command; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The project to open in the window.
    pub project: Option<PathBuf>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import files or folders into a project, creating it if missing, and save it.
    Import {
        /// The project file (.ron).
        project: PathBuf,
        /// Files or folders to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the outcomes as JSON.
        #[arg(long)]
        json: bool,
        /// Refuse a file, or a file's extracted text, larger than this many megabytes (10^6
        /// bytes; the default is 52.4, that is 50 MiB).
        #[arg(long, value_name = "MB")]
        max_file_size: Option<f64>,
        /// Refuse a file whose reading takes longer than this many seconds (default 10).
        #[arg(long, value_name = "SECONDS")]
        time_limit: Option<f64>,
    },
    /// Describe a project and its documents.
    Info {
        /// The project file.
        project: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the entities with their spellings and counts.
    Entities {
        /// The project file.
        project: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Include hidden entities.
        #[arg(long)]
        all: bool,
        /// List open suggestions of entities that may be one, instead of the entities.
        #[arg(long)]
        suggestions: bool,
    },
    /// List every mention of every listed entity, with byte offsets into its document's text.
    Mentions {
        /// The project file.
        project: PathBuf,
        /// Print JSON: `[{"document", "file", "start", "end", "text", "entity", "kind"}]`.
        #[arg(long)]
        json: bool,
    },
    /// Print the documents' stored text and their body: the text without its metadata
    /// header and set-aside paragraphs (each replaced by one blank line), as the reader shows it.
    Text {
        /// The project file.
        project: PathBuf,
        /// Only this document, by id.
        #[arg(long, value_name = "ID")]
        document: Option<u32>,
        /// Print JSON: `[{"id", "file", "title", "text", "body"}]`.
        #[arg(long)]
        json: bool,
    },
    /// List the passages that documents share (the same wire copy, a quoted statement).
    Passages {
        /// The project file.
        project: PathBuf,
        /// List reuse clusters instead: each passage with all its copies, the earliest-dated
        /// first (the likely origin), the largest clusters first. JSON: `[{"id", "size",
        /// "origin": {"document", "start", "end"}, "copies": [{"document", "start", "end",
        /// "score"}]}]`.
        #[arg(long, conflicts_with = "pairs")]
        clusters: bool,
        /// List document pairs with how much of each is shared, and near-duplicates, instead.
        #[arg(long)]
        pairs: bool,
        /// Only these documents, by id (`--documents 3,7`): the passages or pairs among them.
        /// Without it, pairs and passages are listed for the whole corpus only up to 100,000
        /// document pairs; --clusters lists any corpus.
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        documents: Vec<u32>,
        /// With --pairs: the share of one document in another, in percent (1 to 100), from
        /// which the two are near-duplicates; the project's own setting (60 unless changed in
        /// the Shared text view) otherwise.
        #[arg(long, value_name = "PERCENT")]
        near_duplicate: Option<u8>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export a report (every claim as CSV, or a Markdown or HTML report with the claim matrix),
    /// a REFI-QDA project or codebook for other analysis tools, or W3C Web Annotations.
    Export {
        /// The project file.
        project: PathBuf,
        /// csv, md, html, qdpx (REFI-QDA project), qdc (REFI-QDA codebook) or w3c (JSON-LD).
        #[arg(long, default_value = "html")]
        format: String,
        /// Where to write the file.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// With --format qdpx: add the entities as codes under "Entities", their mentions
        /// coded with them.
        #[arg(long)]
        entities: bool,
        /// Write even over a project file, its backup or its recovery copy.
        #[arg(long)]
        force: bool,
    },
    /// Import a REFI-QDA project (.qdpx or project.qde) or codebook (.qdc) made by NVivo,
    /// ATLAS.ti, MAXQDA, QualCoder, Taguette or Triangulate: its texts, codes and coded passages
    /// (as claims); what cannot be brought in is listed. The project is created if missing.
    ImportQdpx {
        /// The project file (.ron).
        project: PathBuf,
        /// The .qdpx, .qde or .qdc file.
        file: PathBuf,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Put the project's backup (or, with --from recovery, its recovery copy) in place of a
    /// project that cannot be read; the damaged file is kept as NAME.ron.damaged.
    Restore {
        /// The project file.
        project: PathBuf,
        /// backup or recovery.
        #[arg(long, default_value = "backup")]
        from: String,
    },
    /// Search the documents: hits with the words around them; a name also finds its other spellings.
    Search {
        /// The project file.
        project: PathBuf,
        /// What to find.
        query: String,
        /// Read the query as a regular expression.
        #[arg(long)]
        regex: bool,
        /// Match case and accents exactly.
        #[arg(long)]
        case: bool,
        /// Match whole words only.
        #[arg(long)]
        words: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// For crash tests: save the project over and over, each time with the next version number
    /// in its notes, until killed.
    #[command(hide = true)]
    SaveLoop {
        /// The project file.
        project: PathBuf,
    },
    /// Load a list of names with their aliases and kinds ("kind, name, alias…" a line), and save.
    Names {
        /// The project file.
        project: PathBuf,
        /// The name list (text or CSV).
        list: PathBuf,
    },
    /// Mark two codes as contradicting each other ("surrender rumors" and "propaganda denial").
    Contradict {
        /// The project file.
        project: PathBuf,
        /// One code, by name.
        first: String,
        /// The other code, by name.
        second: String,
        /// Remove the mark instead.
        #[arg(long)]
        undo: bool,
    },
    /// Grade an outlet or one claim with the Admiralty code: reliability A–F, credibility 1–6
    /// ("B2", "C", "3"; "" clears), and save.
    Grade {
        /// The project file.
        project: PathBuf,
        /// The outlet to grade, by name.
        #[arg(long, conflicts_with = "claim", required_unless_present = "claim")]
        outlet: Option<String>,
        /// The claim to grade, by id; its grade overrides its outlet's.
        #[arg(long)]
        claim: Option<u32>,
        /// The grade.
        grade: String,
    },
    /// List the competing hypotheses, most likely first; `--add` writes a new one and saves.
    Hypotheses {
        /// The project file.
        project: PathBuf,
        /// A new hypothesis.
        #[arg(long)]
        add: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rate how a claim bears on a hypothesis, and save.
    Rate {
        /// The project file.
        project: PathBuf,
        /// The claim, by id.
        #[arg(long)]
        claim: u32,
        /// The hypothesis, by id.
        #[arg(long)]
        hypothesis: u32,
        /// consistent, inconsistent, neutral (or C, I, N); "none" clears the rating.
        rating: String,
    },
    /// Write a generated corpus for tests and benchmarks: reports in English and French with
    /// name variants, dates, publisher furniture, a shared wire passage and quoted claims, the
    /// same for the same seed; `claims.tsv` lists the planted claims.
    GenerateCorpus {
        /// The folder to write into (created if missing).
        folder: PathBuf,
        /// How many reports.
        #[arg(long, default_value_t = 100)]
        documents: u64,
        /// The first seed: another seed gives other reports.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// List the tagged claims.
    Claims {
        /// The project file.
        project: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a document's title, outlet, date or language, and save.
    Set {
        /// The project file.
        project: PathBuf,
        /// The document: its id, file name or title.
        #[arg(long)]
        document: String,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        /// New outlet.
        #[arg(long)]
        outlet: Option<String>,
        /// New date: YYYY, YYYY-MM or YYYY-MM-DD; empty to clear.
        #[arg(long)]
        date: Option<String>,
        /// New language as an ISO 639-1 code; empty to clear.
        #[arg(long)]
        language: Option<String>,
    },
    /// Tag a quoted passage of a document as a claim, and save.
    Tag {
        /// The project file.
        project: PathBuf,
        /// The document: its id, file name or title.
        #[arg(long)]
        document: String,
        /// The passage, exactly as in the text (typographic quotes and spacing may differ).
        #[arg(long)]
        quote: String,
        /// The code; a new name creates it. Repeat for several codes.
        #[arg(long = "code", required = true)]
        codes: Vec<String>,
        /// asserts, denies, reports or questions.
        #[arg(long, default_value = "asserts")]
        stance: String,
        /// Who made the claim; a new name creates a person entity.
        #[arg(long)]
        speaker: Option<String>,
        /// The outlet the claim came through, if not the document's own.
        #[arg(long)]
        via: Option<String>,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
        /// Which occurrence to tag (from 1) when the passage occurs more than once.
        #[arg(long)]
        occurrence: Option<usize>,
    },
}
