//! Headless commands: import, inspect and tag a project from a shell or a script.
//!
//! Each command prints to the writer it is given and returns an error that says what failed and
//! names the file; the binary prints it and exits with a non-zero status.

mod args;
mod change;
mod inspect;
mod json;

pub use crate::workspace::name_from_path;
pub use args::{Arguments, Command};
pub use change::PartlyImported;

/// `text` safe to print to a terminal: control characters other than a line break (which a
/// hostile file name may carry to move the cursor, recolour or retitle the terminal) are written
/// as `\u{1b}` escapes.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    format!("\\u{{{:x}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// What the command line adds to an error that a project could not be read: the copies that
/// load and how to put one in its place. Empty for any other error.
pub fn fallback_hint(error: &anyhow::Error) -> String {
    let Some(path) = error.chain().find_map(|cause| {
        cause
            .downcast_ref::<crate::store::LoadError>()
            .map(crate::store::LoadError::path)
    }) else {
        return String::new();
    };
    crate::store::fallbacks(path)
        .iter()
        .map(|fallback| {
            let from = match fallback.kind {
                crate::store::FallbackKind::Backup => "",
                crate::store::FallbackKind::Recovery => " --from recovery",
            };
            format!(
                "hint: the {} of {} loads ({}); `triangulate restore {}{from}` puts it in place and keeps the damaged file\n",
                fallback.kind.label(),
                fallback.when(),
                fallback.path.display(),
                path.display()
            )
        })
        .collect()
}

use crate::model::{Document, Project, Stance};
use anyhow::{Result, anyhow, bail};
use std::io::Write;
use std::path::Path;

/// Runs a headless command, printing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Import {
            project,
            files,
            json,
            max_file_size,
            time_limit,
        } => {
            let options = change::import_options(max_file_size, time_limit)?;
            change::import(&project, &files, options, json, out)
        }
        Command::Info { project, json } => inspect::info(&project, json, out),
        Command::Entities {
            project,
            json,
            all,
            suggestions,
        } => {
            if suggestions {
                inspect::list_suggestions(&project, json, out)
            } else {
                inspect::entities(&project, json, all, out)
            }
        }
        Command::Claims { project, json } => inspect::claims(&project, json, out),
        Command::Mentions { project, json } => inspect::mentions(&project, json, out),
        Command::Text {
            project,
            document,
            json,
        } => inspect::text(&project, document, json, out),
        Command::GenerateCorpus {
            folder,
            documents,
            seed,
        } => change::generate_corpus(&folder, documents, seed, out),
        Command::Grade {
            project,
            outlet,
            claim,
            grade,
        } => change::set_grade(&project, outlet.as_deref(), claim, &grade, out),
        Command::Hypotheses { project, add, json } => {
            change::hypotheses(&project, add.as_deref(), json, out)
        }
        Command::Rate {
            project,
            claim,
            hypothesis,
            rating,
        } => change::rate(&project, claim, hypothesis, &rating, out),
        Command::Passages {
            project,
            clusters,
            pairs,
            documents,
            near_duplicate,
            json,
        } => {
            let view = if clusters {
                inspect::PassagesView::Clusters
            } else if pairs {
                inspect::PassagesView::Pairs(near_duplicate)
            } else {
                inspect::PassagesView::Passages
            };
            inspect::passages(&project, view, &documents, json, out)
        }
        Command::Export {
            project,
            format,
            output,
            entities,
            force,
        } => inspect::export(&project, (&format, entities), (&output, force), out),
        Command::ImportQdpx {
            project,
            file,
            json,
        } => change::import_qdpx(&project, &file, json, out),
        Command::Restore { project, from } => change::restore(&project, &from, out),
        Command::SaveLoop { project } => change::save_loop(&project, out),
        Command::Names { project, list } => change::names(&project, &list, out),
        Command::Contradict {
            project,
            first,
            second,
            undo,
        } => change::contradict(&project, &first, &second, !undo, out),
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
            inspect::search(&project, &query, &options, json, out)
        }
        Command::Set {
            project,
            document,
            title,
            outlet,
            date,
            language,
        } => change::set(
            &project,
            &document,
            &change::DocumentFields {
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
            let request = change::TagRequest {
                document,
                quote,
                codes,
                stance,
                speaker,
                via,
                note,
                occurrence,
            };
            change::tag(&project, &request, out)
        }
    }
}

fn load(path: &Path) -> Result<crate::workspace::Workspace> {
    Ok(crate::workspace::Workspace::open(path)?)
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
