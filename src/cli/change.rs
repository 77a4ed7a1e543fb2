//! Commands that change a project, each through `workspace::modify` (lock, load, change, save),
//! and the two that write test data: a generated corpus and a loop of saves.

use super::find_document;
use super::json::{HypothesisInfo, ImportLine, print_json, rounded};
use crate::edit::{ClaimDraft, Edit};
use crate::import::{ImportError, ImportOptions};
use crate::model::{ClaimId, Consistency, Grade, HypothesisId, Stance};
use anyhow::{Context, Result, anyhow, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// Imports a REFI-QDA project or codebook into the project (created if missing) as one step.
pub(super) fn import_qdpx(path: &Path, file: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
    // The file is read before the project is locked: nothing of the project is needed for it.
    let exchange = crate::import::qdpx::read_exchange_file(file)
        .with_context(|| format!("cannot import {}", file.display()))?;
    let report = crate::workspace::modify(path, true, |workspace| -> Result<_> {
        let (edit, report) = crate::workspace::prepare_exchange(&workspace.project, &exchange);
        if let Some(edit) = edit {
            workspace.apply(edit)?;
        }
        Ok(report)
    })?;
    if json {
        return print_json(out, &report);
    }
    writeln!(
        out,
        "imported {}: {} documents added ({} already in the project), {} codes added ({} already in the project), {} claims added; positions read as {}",
        super::terminal_safe(&file.display().to_string()),
        report.documents_added,
        report.documents_reused,
        report.codes_added,
        report.codes_reused,
        report.claims_added,
        report.positions
    )?;
    for item in &report.not_imported {
        writeln!(out, "not imported: {}", super::terminal_safe(item))?;
    }
    Ok(())
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
                    warnings: outcome.warnings.clone(),
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
                    warnings: Vec::new(),
                },
            }
        })
        .collect()
}

/// The import's limits from the command line's, each a positive number; the defaults elsewhere.
pub(super) fn import_options(
    max_file_size: Option<f64>,
    time_limit: Option<f64>,
) -> Result<ImportOptions> {
    let positive = |value: f64, flag: &str| {
        if value.is_finite() && value > 0.0 {
            Ok(value)
        } else {
            bail!("{flag} must be a positive number, not {value}")
        }
    };
    let mut options = ImportOptions::default();
    if let Some(megabytes) = max_file_size {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // Positive, checked.
        let bytes = (positive(megabytes, "--max-file-size")? * 1e6) as u64;
        options.max_bytes = bytes;
    }
    if let Some(seconds) = time_limit {
        options.time_budget =
            std::time::Duration::try_from_secs_f64(positive(seconds, "--time-limit")?)
                .map_err(|error| anyhow!("--time-limit {seconds}: {error}"))?;
    }
    Ok(options)
}

pub(super) fn import(
    path: &Path,
    files: &[PathBuf],
    options: ImportOptions,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    // Files are read before the project is locked: reading may take long, and nothing of the
    // project is needed for it.
    let read = crate::import::read_batch(files, options, &|_| {}, &AtomicBool::new(false));
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
                        super::terminal_safe(&line.file),
                        line.id.unwrap_or_default()
                    )?;
                    if line.replaced_characters > 0 {
                        write!(
                            out,
                            " ({} invalid characters replaced)",
                            line.replaced_characters
                        )?;
                    }
                    for warning in &line.warnings {
                        write!(out, " (warning: {})", super::terminal_safe(warning))?;
                    }
                    writeln!(out)?;
                }
                (status, _, reason) => writeln!(
                    out,
                    "{status} {}: {}",
                    super::terminal_safe(&line.file),
                    super::terminal_safe(reason.as_deref().unwrap_or(""))
                )?,
            }
        }
    }
    let failed = lines.iter().filter(|line| line.status == "failed").count();
    let imported = lines
        .iter()
        .filter(|line| line.status == "imported")
        .count();
    if failed > 0 && imported == 0 {
        bail!(
            "{failed} of {} files could not be imported into {}; nothing was imported",
            lines.len(),
            path.display()
        );
    }
    if failed > 0 {
        return Err(PartlyImported {
            failed,
            imported,
            path: path.to_owned(),
        }
        .into());
    }
    Ok(())
}

/// An import that kept the files it could read and saved them, while others failed: the
/// binary exits with [`PartlyImported::EXIT_STATUS`], apart from success and failure, so that a
/// batch can tell "some files failed" from "nothing happened".
#[derive(Debug)]
pub struct PartlyImported {
    /// Files that failed.
    pub failed: usize,
    /// Files imported.
    pub imported: usize,
    /// The project.
    pub path: PathBuf,
}

impl PartlyImported {
    /// The exit status of a partly failed import.
    pub const EXIT_STATUS: u8 = 3;
}

impl std::fmt::Display for PartlyImported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files = |count: usize| {
            if count == 1 {
                "1 file".to_owned()
            } else {
                format!("{count} files")
            }
        };
        write!(
            f,
            "{} could not be imported into {}; {} imported and saved",
            files(self.failed),
            self.path.display(),
            files(self.imported)
        )
    }
}

impl std::error::Error for PartlyImported {}

pub(super) fn names(path: &Path, list: &Path, out: &mut dyn Write) -> Result<()> {
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

pub(super) fn contradict(
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

pub(super) fn set_grade(
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
            (Some(outlet), _) => {
                // A grade for an outlet no document or claim names would be saved and never
                // used: a typo is refused, naming the outlets there are.
                let known = project.outlets();
                if !known.contains(outlet) {
                    bail!(
                        "no outlet {outlet:?} in {}: the outlets are {}",
                        path.display(),
                        if known.is_empty() {
                            "none yet (set a document's with `set --outlet`)".to_owned()
                        } else {
                            known
                                .iter()
                                .map(|known| format!("{known:?}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    );
                }
                (
                    Edit::set_outlet_grade(project, outlet, parsed),
                    outlet.to_owned(),
                )
            }
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

pub(super) fn hypotheses(
    path: &Path,
    add: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
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

pub(super) fn rate(
    path: &Path,
    claim: u32,
    hypothesis: u32,
    rating: &str,
    out: &mut dyn Write,
) -> Result<()> {
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

/// The document properties `set` changes: `None` leaves one as it is; an empty date or language
/// clears it.
pub(super) struct DocumentFields {
    pub(super) title: Option<String>,
    pub(super) outlet: Option<String>,
    pub(super) date: Option<String>,
    pub(super) language: Option<String>,
}

pub(super) fn set(
    path: &Path,
    name: &str,
    fields: &DocumentFields,
    out: &mut dyn Write,
) -> Result<()> {
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
                bail!(
                    "{code:?} is not an ISO 639-1 language code: write two letters such as en, fr, de, ar, fa, ps or ru, or \"\" to clear it"
                )
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

/// A claim to tag, as the `tag` command's arguments describe it.
pub(super) struct TagRequest {
    pub(super) document: String,
    pub(super) quote: String,
    pub(super) codes: Vec<String>,
    pub(super) stance: Stance,
    pub(super) speaker: Option<String>,
    pub(super) via: Option<String>,
    pub(super) note: String,
    pub(super) occurrence: Option<usize>,
}

pub(super) fn tag(path: &Path, request: &TagRequest, out: &mut dyn Write) -> Result<()> {
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
            codes: {
                if request.codes.iter().any(|code| code.trim().is_empty()) {
                    bail!("a code needs a name: --code \"\" is not one");
                }
                request.codes.clone()
            },
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

pub(super) fn save_loop(path: &Path, out: &mut dyn Write) -> Result<()> {
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

pub(super) fn generate_corpus(
    folder: &Path,
    documents: u64,
    seed: u64,
    out: &mut dyn Write,
) -> Result<()> {
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

pub(super) fn restore(path: &Path, from: &str, out: &mut dyn Write) -> Result<()> {
    let kind = match from {
        "backup" => crate::store::FallbackKind::Backup,
        "recovery" => crate::store::FallbackKind::Recovery,
        other => bail!("--from {other:?}: write backup or recovery"),
    };
    let _lock = crate::store::lock(path)?;
    if crate::store::load(path).is_ok() {
        bail!(
            "{} loads: there is nothing to restore (open it, or copy the {} by hand)",
            path.display(),
            kind.label()
        );
    }
    let Some(fallback) = crate::store::fallbacks(path)
        .into_iter()
        .find(|fallback| fallback.kind == kind)
    else {
        bail!("{} has no {} that loads", path.display(), kind.label());
    };
    let kept = crate::store::restore(path, &fallback.path)
        .with_context(|| format!("cannot restore {}", path.display()))?;
    write!(
        out,
        "restored {} from its {} of {}",
        path.display(),
        kind.label(),
        fallback.when()
    )?;
    match kept {
        Some(kept) => writeln!(out, "; the damaged file is kept as {}", kept.display())?,
        None => writeln!(out)?,
    }
    Ok(())
}
