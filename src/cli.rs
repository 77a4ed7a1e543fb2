//! Headless commands: import, inspect and tag a project from a shell or a script.
//!
//! Each command prints to the writer it is given and returns an error that says what failed and
//! names the file; the binary prints it and exits with a non-zero status.

use crate::edit::{ClaimDraft, Edit};
use crate::import::{ImportError, ImportOptions};
use crate::model::{
    ClaimId, Consistency, Document, EntityKind, Grade, HypothesisId, Project, Stance,
};
use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

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
    /// List the passages that documents share (the same wire copy, a quoted statement).
    Passages {
        /// The project file.
        project: PathBuf,
        /// List document pairs with how much of each is shared, and near-duplicates, instead.
        #[arg(long)]
        pairs: bool,
        /// With --pairs: the share of one document in another, in percent (1 to 100), from
        /// which the two are near-duplicates; the project's own setting (60 unless changed in
        /// the Shared text view) otherwise.
        #[arg(long, value_name = "PERCENT")]
        near_duplicate: Option<u8>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export a report: every claim as CSV, or a Markdown or HTML report with the claim matrix.
    Export {
        /// The project file.
        project: PathBuf,
        /// csv, md or html.
        #[arg(long, default_value = "html")]
        format: String,
        /// Where to write the report.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
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

/// Runs a headless command, printing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Import {
            project,
            files,
            json,
        } => import(&project, &files, json, out),
        Command::Info { project, json } => info(&project, json, out),
        Command::Entities {
            project,
            json,
            all,
            suggestions,
        } => {
            if suggestions {
                list_suggestions(&project, json, out)
            } else {
                entities(&project, json, all, out)
            }
        }
        Command::Claims { project, json } => claims(&project, json, out),
        Command::Mentions { project, json } => mentions(&project, json, out),
        Command::GenerateCorpus {
            folder,
            documents,
            seed,
        } => generate_corpus(&folder, documents, seed, out),
        Command::Grade {
            project,
            outlet,
            claim,
            grade,
        } => set_grade(&project, outlet.as_deref(), claim, &grade, out),
        Command::Hypotheses { project, add, json } => {
            hypotheses(&project, add.as_deref(), json, out)
        }
        Command::Rate {
            project,
            claim,
            hypothesis,
            rating,
        } => rate(&project, claim, hypothesis, &rating, out),
        Command::Passages {
            project,
            pairs,
            near_duplicate,
            json,
        } => passages(&project, pairs.then_some(near_duplicate), json, out),
        Command::Export {
            project,
            format,
            output,
        } => export(&project, &format, &output, out),
        Command::SaveLoop { project } => save_loop(&project, out),
        Command::Names { project, list } => names(&project, &list, out),
        Command::Contradict {
            project,
            first,
            second,
            undo,
        } => contradict(&project, &first, &second, !undo, out),
        Command::Search {
            project,
            query,
            regex,
            case,
            words,
            json,
        } => {
            let options = crate::analysis::search::SearchOptions {
                exact_case: case,
                whole_words: words,
                regex,
                document: None,
            };
            search(&project, &query, &options, json, out)
        }
        Command::Set {
            project,
            document,
            title,
            outlet,
            date,
            language,
        } => set(
            &project,
            &document,
            &DocumentFields {
                title,
                outlet,
                date,
                language,
            },
            out,
        ),
        Command::Tag {
            project,
            document,
            quote,
            codes,
            stance,
            speaker,
            via,
            note,
            occurrence,
        } => {
            let stance = Stance::parse(&stance).ok_or_else(|| {
                anyhow!("unknown stance {stance:?}: use asserts, denies, reports or questions")
            })?;
            let request = TagRequest {
                document,
                quote,
                codes,
                stance,
                speaker,
                via,
                note,
                occurrence,
            };
            tag(&project, &request, out)
        }
    }
}

/// A score or share with this many decimals, so JSON shows 0.72 rather than 0.7199999.
fn rounded(value: f64, places: i32) -> f64 {
    let scale = 10_f64.powi(places);
    (value * scale).round() / scale
}

/// Prints a value as pretty JSON followed by a newline.
fn print_json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn load(path: &Path) -> Result<crate::workspace::Workspace> {
    Ok(crate::workspace::Workspace::open(path)?)
}

pub use crate::workspace::name_from_path;

#[derive(Serialize)]
struct ImportLine {
    file: String,
    status: &'static str,
    id: Option<u32>,
    title: Option<String>,
    reason: Option<String>,
    replaced_characters: usize,
}

/// One line of the import report per file of the plan.
fn import_lines(plan: &crate::workspace::ImportPlan) -> Vec<ImportLine> {
    plan.outcomes
        .iter()
        .map(|outcome| {
            let file = outcome.path.display().to_string();
            match &outcome.result {
                Ok(id) => ImportLine {
                    file,
                    status: "imported",
                    id: Some(id.0),
                    title: plan.title_of(*id).map(str::to_owned),
                    reason: None,
                    replaced_characters: outcome.replaced,
                },
                Err(error) => ImportLine {
                    file,
                    status: if matches!(error, ImportError::Duplicate { .. }) {
                        "skipped"
                    } else {
                        "failed"
                    },
                    id: None,
                    title: None,
                    reason: Some(error.to_string()),
                    replaced_characters: 0,
                },
            }
        })
        .collect()
}

fn import(path: &Path, files: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<()> {
    // Files are read before the project is locked: reading may take long, and nothing of the
    // project is needed for it.
    let read = crate::import::read_batch(
        files,
        ImportOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    );
    let lines = crate::workspace::modify(path, true, |workspace| -> Result<Vec<ImportLine>> {
        let plan = crate::workspace::prepare_import(&workspace.project, read);
        let lines = import_lines(&plan);
        if let Some(edit) = plan.edit {
            workspace.apply(edit)?;
        }
        Ok(lines)
    })?;
    if json {
        print_json(out, &lines)?;
    } else {
        for line in &lines {
            match (line.status, &line.title, &line.reason) {
                ("imported", Some(title), _) => {
                    write!(
                        out,
                        "imported {}: document {} {title:?}",
                        line.file,
                        line.id.unwrap_or_default()
                    )?;
                    if line.replaced_characters > 0 {
                        write!(
                            out,
                            " ({} invalid characters replaced)",
                            line.replaced_characters
                        )?;
                    }
                    writeln!(out)?;
                }
                (status, _, reason) => writeln!(
                    out,
                    "{status} {}: {}",
                    line.file,
                    reason.as_deref().unwrap_or("")
                )?,
            }
        }
    }
    let failed = lines.iter().filter(|line| line.status == "failed").count();
    if failed > 0 {
        bail!(
            "{failed} of {} files could not be imported into {}",
            lines.len(),
            path.display()
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct DocumentInfo<'a> {
    id: u32,
    title: &'a str,
    outlet: &'a str,
    date: Option<String>,
    language: Option<&'a str>,
    chars: usize,
    file: &'a str,
    encoding: &'a str,
    author: &'a str,
    url: &'a str,
    boilerplate: Vec<SetAside<'a>>,
}

/// A paragraph set aside as publisher furniture, by byte offsets.
#[derive(Serialize)]
struct SetAside<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct ProjectInfo<'a> {
    name: &'a str,
    documents: Vec<DocumentInfo<'a>>,
}

fn info(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    let documents = project
        .documents
        .iter()
        .map(|document| DocumentInfo {
            id: document.id.0,
            title: &document.title,
            outlet: &document.outlet,
            date: document.date.map(|date| date.to_string()),
            language: document.language.as_deref(),
            chars: document.char_count(),
            file: &document.file,
            author: &document.author,
            url: &document.url,
            boilerplate: document
                .boilerplate
                .iter()
                .map(|span| SetAside {
                    start: span.start(),
                    end: span.end(),
                    text: span.slice(&document.text).unwrap_or(""),
                })
                .collect(),
            encoding: &document.encoding,
        })
        .collect();
    let info = ProjectInfo {
        name: &project.name,
        documents,
    };
    if json {
        return print_json(out, &info);
    }
    writeln!(
        out,
        "{}: {} documents, {} entities, {} codes, {} claims",
        info.name,
        info.documents.len(),
        workspace.mentions().entities.entities.len(),
        project.codes.len(),
        project.claims.len()
    )?;
    for document in &info.documents {
        writeln!(
            out,
            "{:>4}  {:<10}  {:<2}  {:<24}  {}",
            document.id,
            document.date.as_deref().unwrap_or("-"),
            document.language.unwrap_or("-"),
            if document.outlet.is_empty() {
                "-"
            } else {
                document.outlet
            },
            document.title
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct VariantInfo {
    text: String,
    count: usize,
    /// For dates only: the resolved date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Option<String>>,
}

#[derive(Serialize)]
struct EntityInfo<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    variants: Vec<VariantInfo>,
    mentions: usize,
    documents: usize,
    hidden: bool,
}

fn entities(path: &Path, json: bool, all: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let index = workspace.mentions();
    let mut list: Vec<EntityInfo<'_>> = index
        .entities
        .entities
        .iter()
        .filter(|entity| all || index.is_listed(entity))
        .map(|entity| {
            let counts = index.variant_counts.get(&entity.id);
            // Lower-case forms found in another language ("talibans") are listed after the
            // stored spellings.
            let variants = entity
                .variants
                .iter()
                .chain(index.derived_spellings(entity))
                .map(|text| VariantInfo {
                    text: text.clone(),
                    count: counts
                        .and_then(|counts| counts.get(text))
                        .copied()
                        .unwrap_or(0),
                    value: (entity.kind == EntityKind::Date).then(|| {
                        entity
                            .name
                            .parse::<crate::model::PartialDate>()
                            .ok()
                            .map(|date| date.to_string())
                    }),
                })
                .collect();
            EntityInfo {
                id: entity.id.0,
                name: &entity.name,
                kind: entity.kind.as_str(),
                variants,
                mentions: index.mention_count(entity.id),
                documents: index.document_count(entity.id),
                hidden: entity.hidden,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    if json {
        return print_json(out, &list);
    }
    for entity in &list {
        let variants: Vec<String> = entity
            .variants
            .iter()
            .map(|variant| format!("{} ({})", variant.text, variant.count))
            .collect();
        writeln!(
            out,
            "{:>4}  {:<12}  {:>4} in {:>3} docs  {}  [{}]",
            entity.id,
            entity.kind,
            entity.mentions,
            entity.documents,
            entity.name,
            variants.join(", ")
        )?;
    }
    Ok(())
}

/// One mention, as `mentions --json` prints it.
#[derive(Serialize)]
struct MentionInfo<'a> {
    /// The document's id.
    document: u32,
    /// The document's file name.
    file: &'a str,
    /// First byte of the mention in the document's text.
    start: usize,
    /// One past its last byte.
    end: usize,
    /// The mention as written.
    text: &'a str,
    /// The entity's id.
    entity: u32,
    /// The entity's kind.
    kind: &'static str,
}

fn mentions(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    let index = workspace.mentions();
    let mut list = Vec::new();
    for document in &project.documents {
        for mention in index.in_document(document.id) {
            let Some(entity) = index.entity(mention.entity) else {
                continue;
            };
            list.push(MentionInfo {
                document: document.id.0,
                file: &document.file,
                start: mention.range.start,
                end: mention.range.end,
                text: document.text.get(mention.range.clone()).unwrap_or_default(),
                entity: entity.id.0,
                kind: entity.kind.as_str(),
            });
        }
    }
    if json {
        return print_json(out, &list);
    }
    for mention in &list {
        writeln!(
            out,
            "{:>4}  {:>7}..{:<7}  {:<12}  {:>5}  {}",
            mention.document,
            mention.start,
            mention.end,
            mention.kind,
            mention.entity,
            mention.text
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct SuggestionInfo<'a> {
    a: u32,
    b: u32,
    a_name: &'a str,
    b_name: &'a str,
    score: f64,
    reason: &'static str,
}

fn list_suggestions(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    let index = workspace.mentions();
    let found = crate::analysis::suggestions::suggestions(project, &index);
    let name = |id| index.entity(id).map_or("", |entity| entity.name.as_str());
    let list: Vec<SuggestionInfo<'_>> = found
        .iter()
        .map(|suggestion| SuggestionInfo {
            a: suggestion.keep.0,
            b: suggestion.other.0,
            a_name: name(suggestion.keep),
            b_name: name(suggestion.other),
            score: rounded(suggestion.score.into(), 2),
            reason: suggestion.reason.as_str(),
        })
        .collect();
    if json {
        return print_json(out, &list);
    }
    for suggestion in &list {
        writeln!(
            out,
            "{:.2}  {:<12}  {} ({}) ~ {} ({})",
            suggestion.score,
            suggestion.reason,
            suggestion.a_name,
            suggestion.a,
            suggestion.b_name,
            suggestion.b
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct HitInfo {
    document: u32,
    start: usize,
    end: usize,
    before: String,
    hit: String,
    after: String,
}

fn search(
    path: &Path,
    query: &str,
    options: &crate::analysis::search::SearchOptions,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    let index = workspace.mentions();
    let results =
        crate::analysis::search::search(project, &index.entities.entities, query, options)?;
    let hits: Vec<HitInfo> = results
        .hits
        .iter()
        .filter_map(|hit| {
            let shown = hit.in_context(project)?;
            Some(HitInfo {
                document: hit.document.0,
                start: hit.range.start,
                end: hit.range.end,
                before: shown.before,
                hit: shown.hit,
                after: shown.after,
            })
        })
        .collect();
    if json {
        return print_json(out, &hits);
    }
    if !results.also_searched.is_empty() {
        writeln!(out, "also searched: {}", results.also_searched.join(", "))?;
    }
    for hit in &hits {
        writeln!(
            out,
            "{:>4}  {:>50} [{}] {}",
            hit.document, hit.before, hit.hit, hit.after
        )?;
    }
    writeln!(out, "{} hits", hits.len())?;
    Ok(())
}

fn save_loop(path: &Path, out: &mut dyn Write) -> Result<()> {
    let mut workspace = crate::workspace::Workspace::open(path)?;
    writeln!(out, "saving {} until killed", path.display())?;
    out.flush()?;
    for version in 1_u64.. {
        workspace.project.notes = format!("version {version}");
        workspace.history.mark_unsaved();
        workspace.save()?;
        // Whoever watches may have stopped reading; the saving goes on.
        let _ = writeln!(out, "saved version {version}").and_then(|()| out.flush());
    }
    Ok(())
}

fn names(path: &Path, list: &Path, out: &mut dyn Write) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        let (entries, skipped) =
            crate::import::names::read_names_file(list).map_err(|message| anyhow!(message))?;
        let entities = workspace.mentions().entities;
        let listed = |entities: &crate::analysis::entities::EntityTable| {
            entities
                .entities
                .iter()
                .filter(|entity| entity.kind != crate::model::EntityKind::Date)
                .count()
        };
        let before = listed(&entities);
        let edit = crate::workspace::load_names(project, &entities, &entries);
        if !edit.is_empty() {
            workspace.apply(edit)?;
        }
        let after = listed(&workspace.mentions().entities);
        writeln!(
            out,
            "{} names read; {after} entities now ({} new)",
            entries.len(),
            after.saturating_sub(before)
        )?;
        if !skipped.is_empty() {
            let lines: Vec<String> = skipped.iter().map(ToString::to_string).collect();
            writeln!(out, "lines not read: {}", lines.join(", "))?;
        }
        Ok(())
    })
}

fn contradict(
    path: &Path,
    first: &str,
    second: &str,
    contradicting: bool,
    out: &mut dyn Write,
) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        let code = |name: &str| {
            project
                .code_by_name(name)
                .map(|code| code.id)
                .ok_or_else(|| anyhow!("no code named {name:?} in {}", path.display()))
        };
        let (a, b) = (code(first)?, code(second)?);
        match Edit::set_contradicting(project, a, b, contradicting) {
            Some(edit) if !edit.is_empty() => {
                workspace.apply(edit)?;
                writeln!(
                    out,
                    "{first:?} and {second:?} {}",
                    if contradicting {
                        "now contradict each other"
                    } else {
                        "no longer contradict each other"
                    }
                )?;
            }
            _ => writeln!(out, "nothing to change")?,
        }
        Ok(())
    })
}

fn export(path: &Path, format: &str, output: &Path, out: &mut dyn Write) -> Result<()> {
    let format = crate::export::Format::parse(format)
        .ok_or_else(|| anyhow!("unknown format {format:?}: use csv, md or html"))?;
    let workspace = load(path)?;
    let project = &workspace.project;
    let report = crate::export::render(project, format);
    std::fs::write(output, report)
        .with_context(|| format!("cannot write the report to {}", output.display()))?;
    writeln!(
        out,
        "wrote {} ({} claims)",
        output.display(),
        project.claims.len()
    )?;
    Ok(())
}

#[derive(Serialize)]
struct PassageInfo {
    a: u32,
    b: u32,
    a_start: usize,
    a_end: usize,
    b_start: usize,
    b_end: usize,
    score: f64,
}

#[derive(Serialize)]
struct PairInfo {
    a: u32,
    b: u32,
    passages: usize,
    a_covered: f64,
    b_covered: f64,
    near_duplicate: bool,
}

/// Prints the passages that documents share or, with `pairs`, the document pairs that share
/// text, near-duplicates marked from the share given (in percent) or the project's own.
fn passages(path: &Path, pairs: Option<Option<u8>>, json: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    let found = crate::analysis::passages::shared_passages(&project.documents);
    if let Some(percent) = pairs {
        let threshold = match percent {
            None => project.near_duplicate,
            Some(percent) => crate::model::NearDuplicate::new(percent).with_context(|| {
                format!("--near-duplicate {percent}: give a share from 1 to 100 percent")
            })?,
        };
        let list: Vec<PairInfo> =
            crate::analysis::passages::shared_pairs(&project.documents, &found)
                .iter()
                .map(|pair| PairInfo {
                    a: pair.a.0,
                    b: pair.b.0,
                    passages: pair.passages,
                    a_covered: rounded(pair.a_covered.into(), 3),
                    b_covered: rounded(pair.b_covered.into(), 3),
                    near_duplicate: pair.is_near_duplicate(threshold),
                })
                .collect();
        if json {
            return print_json(out, &list);
        }
        for pair in &list {
            writeln!(
                out,
                "doc {} ~ doc {}  {} passage(s), {:.0}% / {:.0}% shared{}",
                pair.a,
                pair.b,
                pair.passages,
                pair.a_covered * 100.0,
                pair.b_covered * 100.0,
                if pair.near_duplicate {
                    "  near-duplicate"
                } else {
                    ""
                }
            )?;
        }
        return Ok(());
    }
    let list: Vec<PassageInfo> = found
        .iter()
        .map(|passage| PassageInfo {
            a: passage.a.0,
            b: passage.b.0,
            a_start: passage.a_range.start,
            a_end: passage.a_range.end,
            b_start: passage.b_range.start,
            b_end: passage.b_range.end,
            score: rounded(passage.score.into(), 3),
        })
        .collect();
    if json {
        return print_json(out, &list);
    }
    for passage in &found {
        let excerpt = project
            .document(passage.a)
            .and_then(|document| document.text.get(passage.a_range.clone()))
            .map(|text| {
                text.split_whitespace()
                    .take(12)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{:.2}  doc {} ~ doc {}  “{excerpt}…”",
            passage.score, passage.a, passage.b
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct ClaimInfo<'a> {
    id: u32,
    document: u32,
    quote: &'a str,
    start: usize,
    end: usize,
    codes: Vec<&'a str>,
    stance: &'static str,
    speaker: Option<&'a str>,
    outlet: &'a str,
    date: Option<String>,
    note: &'a str,
    /// The grade in force, its own or its outlet's, as a badge ("B2"; "–" when open).
    grade: String,
    /// Ratings against hypotheses, by hypothesis id.
    ratings: BTreeMap<u32, &'static str>,
    /// Further passages of a claim that spans several, after the first (`quote`).
    more_passages: Vec<ClaimPassage<'a>>,
}

#[derive(Serialize)]
struct ClaimPassage<'a> {
    quote: &'a str,
    start: usize,
    end: usize,
}

fn claims(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    let list: Vec<ClaimInfo<'_>> = project
        .claims
        .iter()
        .map(|claim| ClaimInfo {
            id: claim.id.0,
            document: claim.document.0,
            quote: &claim.quote.exact,
            start: claim.quote.span.start(),
            end: claim.quote.span.end(),
            more_passages: claim
                .more_passages
                .iter()
                .map(|quote| ClaimPassage {
                    quote: &quote.exact,
                    start: quote.span.start(),
                    end: quote.span.end(),
                })
                .collect(),
            codes: project.code_names(claim),
            stance: claim.stance.as_str(),
            speaker: project.speaker_name(claim),
            outlet: project.claim_outlet(claim),
            date: claim
                .date
                .or_else(|| {
                    project
                        .document(claim.document)
                        .and_then(|document| document.date)
                })
                .map(|date| date.to_string()),
            note: &claim.note,
            grade: project.claim_grade(claim).to_string(),
            ratings: claim
                .ratings
                .iter()
                .map(|(hypothesis, rating)| (hypothesis.0, rating.as_str()))
                .collect(),
        })
        .collect();
    if json {
        return print_json(out, &list);
    }
    for claim in &list {
        let more: String = claim
            .more_passages
            .iter()
            .map(|passage| format!(" […] “{}”", passage.quote))
            .collect();
        writeln!(
            out,
            "{:>4}  doc {:>3}  {:<9}  {:<24}  {}: “{}”{more}",
            claim.id,
            claim.document,
            claim.stance,
            claim.codes.join(", "),
            claim.speaker.unwrap_or("-"),
            claim.quote
        )?;
    }
    Ok(())
}

fn set_grade(
    path: &Path,
    outlet: Option<&str>,
    claim: Option<u32>,
    grade: &str,
    out: &mut dyn Write,
) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        let parsed = Grade::parse(grade).ok_or_else(|| {
            anyhow!(
                "{grade:?} is not a grade: write a reliability A–F and a credibility 1–6, as in B2"
            )
        })?;
        let (edit, what) = match (outlet, claim) {
            (Some(outlet), _) => (
                Edit::set_outlet_grade(project, outlet, parsed),
                outlet.to_owned(),
            ),
            (None, Some(claim)) => {
                let id = ClaimId(claim);
                if project.claim(id).is_none() {
                    bail!("no claim {claim} in {}", path.display());
                }
                (
                    Edit::set_claim_grade(project, id, parsed),
                    format!("claim {claim}"),
                )
            }
            (None, None) => bail!("say which --outlet or --claim to grade"),
        };
        match edit {
            Some(edit) => {
                workspace.apply(edit)?;
                writeln!(out, "{what} graded {parsed}")?;
            }
            None => writeln!(out, "nothing to change")?,
        }
        Ok(())
    })
}

fn generate_corpus(folder: &Path, documents: u64, seed: u64, out: &mut dyn Write) -> Result<()> {
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    let mut claims = String::from("file\tquote\tcode\tstance\tspeaker\n");
    let mut bytes = 0;
    for seed in seed..seed.saturating_add(documents) {
        let report = crate::corpus::report(seed);
        let path = folder.join(&report.file);
        std::fs::write(&path, &report.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        bytes += report.text.len();
        for claim in &report.claims {
            claims.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                report.file, claim.quote, claim.code, claim.stance, claim.speaker
            ));
        }
    }
    let list = folder.join("claims.tsv");
    std::fs::write(&list, claims).with_context(|| format!("cannot write {}", list.display()))?;
    #[allow(clippy::cast_precision_loss)] // A size in megabytes, for people.
    let megabytes = bytes as f64 / 1e6;
    writeln!(
        out,
        "wrote {documents} reports ({megabytes:.1} MB) and claims.tsv to {}",
        folder.display()
    )?;
    Ok(())
}

#[derive(Serialize)]
struct HypothesisInfo<'a> {
    id: u32,
    text: &'a str,
    rank: usize,
    inconsistency: f64,
    consistent: usize,
    inconsistent: usize,
    neutral: usize,
}

fn hypotheses(path: &Path, add: Option<&str>, json: bool, out: &mut dyn Write) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        if let Some(text) = add {
            let (edit, id) = Edit::add_hypothesis(project, text)
                .ok_or_else(|| anyhow!("a hypothesis needs a text"))?;
            workspace.apply(edit)?;
            if !json {
                writeln!(out, "added hypothesis {id}: {}", text.trim())?;
            }
        }
        let project = &workspace.project;
        let ranking = crate::analysis::hypotheses::rank_hypotheses(project);
        let list: Vec<HypothesisInfo<'_>> = ranking
            .iter()
            .enumerate()
            .filter_map(|(rank, score)| {
                let hypothesis = project.hypothesis(score.hypothesis)?;
                Some(HypothesisInfo {
                    id: hypothesis.id.0,
                    text: &hypothesis.text,
                    rank: rank + 1,
                    inconsistency: rounded(score.inconsistency, 3),
                    consistent: score.consistent,
                    inconsistent: score.inconsistent,
                    neutral: score.neutral,
                })
            })
            .collect();
        if json {
            return print_json(out, &list);
        }
        for hypothesis in &list {
            writeln!(
                out,
                "{:>2}. [{}] {}  (against {:.2}; C {} I {} N {})",
                hypothesis.rank,
                hypothesis.id,
                hypothesis.text,
                hypothesis.inconsistency,
                hypothesis.consistent,
                hypothesis.inconsistent,
                hypothesis.neutral
            )?;
        }
        Ok(())
    })
}

fn rate(path: &Path, claim: u32, hypothesis: u32, rating: &str, out: &mut dyn Write) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        let parsed = if rating.trim().eq_ignore_ascii_case("none") {
            None
        } else {
            Some(Consistency::parse(rating).ok_or_else(|| {
                anyhow!("unknown rating {rating:?}: use consistent, inconsistent, neutral or none")
            })?)
        };
        if project.claim(ClaimId(claim)).is_none() {
            bail!("no claim {claim} in {}", path.display());
        }
        if project.hypothesis(HypothesisId(hypothesis)).is_none() {
            bail!("no hypothesis {hypothesis} in {}", path.display());
        }
        match Edit::rate_claim(project, ClaimId(claim), HypothesisId(hypothesis), parsed) {
            Some(edit) => {
                workspace.apply(edit)?;
                writeln!(
                    out,
                    "claim {claim}: {} with hypothesis {hypothesis}",
                    parsed.map_or("not rated", Consistency::as_str)
                )?;
            }
            None => writeln!(out, "nothing to change")?,
        }
        Ok(())
    })
}

struct DocumentFields {
    title: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    language: Option<String>,
}

fn set(path: &Path, name: &str, fields: &DocumentFields, out: &mut dyn Write) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        let document = find_document(project, name).with_context(|| path.display().to_string())?;
        let date = match fields.date.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(text) => Some(Some(text.parse::<crate::model::PartialDate>()?)),
        };
        let language = match fields
            .language
            .as_deref()
            .map(|code| code.trim().to_lowercase())
        {
            None => None,
            Some(code) if code.is_empty() => Some(None),
            Some(code) if crate::model::is_language_code(&code) => Some(Some(code)),
            Some(code) => {
                bail!("{code:?} is not a two-letter ISO 639-1 language code such as en or fr")
            }
        };
        let id = document.id;
        let edit = Edit::update_document(project, id, "Edit document properties", |document| {
            if let Some(title) = fields
                .title
                .as_deref()
                .map(str::trim)
                .filter(|title| !title.is_empty())
            {
                title.clone_into(&mut document.title);
            }
            if let Some(outlet) = &fields.outlet {
                outlet.trim().clone_into(&mut document.outlet);
            }
            if let Some(date) = date {
                document.date = date;
            }
            if let Some(language) = language {
                document.language = language;
            }
        });
        match edit {
            Some(edit) => {
                workspace.apply(edit)?;
                writeln!(out, "updated document {id}")?;
            }
            None => writeln!(out, "document {id} unchanged")?,
        }
        Ok(())
    })
}

struct TagRequest {
    document: String,
    quote: String,
    codes: Vec<String>,
    stance: Stance,
    speaker: Option<String>,
    via: Option<String>,
    note: String,
    occurrence: Option<usize>,
}

/// Finds the document a user names by id, file name or title.
pub fn find_document<'p>(project: &'p Project, name: &str) -> Result<&'p Document> {
    let name = name.trim();
    if let Ok(id) = name.parse::<u32>()
        && let Some(document) = project.document(crate::model::DocumentId(id))
    {
        return Ok(document);
    }
    let lower = name.to_lowercase();
    let matches: Vec<&Document> = project
        .documents
        .iter()
        .filter(|document| {
            document.file.to_lowercase() == lower || document.title.to_lowercase() == lower
        })
        .collect();
    match matches.as_slice() {
        [document] => Ok(document),
        [] => bail!(
            "no document {name:?} in the project: give its id, file name or title (see `triangulate info`)"
        ),
        _ => bail!(
            "{} documents match {name:?}: give the id instead",
            matches.len()
        ),
    }
}

fn tag(path: &Path, request: &TagRequest, out: &mut dyn Write) -> Result<()> {
    crate::workspace::modify(path, false, |workspace| -> Result<()> {
        let project = &workspace.project;
        let document = find_document(project, &request.document)
            .with_context(|| path.display().to_string())?;
        let found = crate::analysis::quotes::find_quote(document.body_text(), &request.quote);
        let offset = document.body.start();
        let (start, end) = match (found.as_slice(), request.occurrence) {
            ([], _) => bail!(
                "the quote {:?} is not in document {} ({})",
                request.quote,
                document.id,
                document.file
            ),
            ([only], None | Some(1)) => *only,
            (_, None) => bail!(
                "the quote {:?} occurs {} times in document {}: choose one with --occurrence 1 to {}",
                request.quote,
                found.len(),
                document.id,
                found.len()
            ),
            (all, Some(n)) => *all
                .get(n.wrapping_sub(1))
                .ok_or_else(|| anyhow!("--occurrence {n}: the quote occurs {} times", all.len()))?,
        };
        let draft = ClaimDraft {
            document: document.id,
            start: offset + start,
            end: offset + end,
            codes: request.codes.clone(),
            stance: request.stance,
            speaker: request.speaker.clone(),
            via_outlet: request.via.clone(),
            date: None,
            note: request.note.clone(),
        };
        let entities = workspace.mentions().entities;
        let (edit, id) = Edit::tag_claim(project, &entities, &draft)?;
        workspace.apply(edit)?;
        writeln!(out, "tagged claim {id} in document {}", draft.document)?;
        Ok(())
    })
}
