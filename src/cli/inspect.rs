//! Commands that read a project and print what they find, or write it to a report; they never
//! change the project.

use super::json::{
    ClaimInfo, ClaimPassage, ClusterInfo, CopyInfo, CopyPlace, DocumentInfo, EntityInfo, HitInfo,
    MentionInfo, PairInfo, PassageInfo, ProjectInfo, SetAside, SuggestionInfo, TextInfo,
    VariantInfo, print_json, rounded,
};
use super::load;
use crate::model::EntityKind;
use anyhow::{Context, Result, anyhow, bail};
use std::io::Write;
use std::path::Path;

pub(super) fn info(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
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
            import_warnings: &document.import_warnings,
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

pub(super) fn entities(path: &Path, json: bool, all: bool, out: &mut dyn Write) -> Result<()> {
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

pub(super) fn mentions(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
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

pub(super) fn list_suggestions(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
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

pub(super) fn search(
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

/// Prints the documents' text and body (see [`crate::model::Document::reading_body`]), of
/// all documents or of one.
pub(super) fn text(path: &Path, only: Option<u32>, json: bool, out: &mut dyn Write) -> Result<()> {
    let workspace = load(path)?;
    let project = &workspace.project;
    if let Some(id) = only
        && project.document(crate::model::DocumentId(id)).is_none()
    {
        bail!(
            "{}: no document {id} (`triangulate info` lists the documents)",
            path.display()
        );
    }
    let list: Vec<TextInfo<'_>> = project
        .documents
        .iter()
        .filter(|document| only.is_none_or(|id| document.id.0 == id))
        .map(|document| TextInfo {
            id: document.id.0,
            file: &document.file,
            title: &document.title,
            text: &document.text,
            body: document.reading_body(),
        })
        .collect();
    if json {
        return print_json(out, &list);
    }
    for (index, document) in list.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "# {} {}", document.id, document.title)?;
        writeln!(out, "{}", document.body)?;
    }
    Ok(())
}

/// What `passages` lists.
#[derive(Clone, Copy)]
pub(super) enum PassagesView {
    /// Every passage two documents share.
    Passages,
    /// Document pairs with how much each shares, near-duplicates marked from the share given
    /// (in percent) or the project's own.
    Pairs(Option<u8>),
    /// Reuse clusters: each passage with all its copies.
    Clusters,
}

/// The most document pairs `passages` lists for a whole corpus: beyond it, a list of pairs is
/// too long to read or to use (a wire story in 1,000 outlets is half a million pairs) and
/// clusters say the same in a line per passage.
const MOST_PAIRS: usize = 100_000;

/// Prints what documents share: passages, document pairs or reuse clusters, of the whole
/// corpus or of the `only` documents given.
pub(super) fn passages(
    path: &Path,
    view: PassagesView,
    only: &[u32],
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::analysis::passages::{shared_pairs, shared_passages};
    use crate::analysis::reuse::Reuse;
    let workspace = load(path)?;
    let project = &workspace.project;
    for id in only {
        if project.document(crate::model::DocumentId(*id)).is_none() {
            bail!(
                "{}: no document {id} (`triangulate info` lists the documents)",
                path.display()
            );
        }
    }
    let selected: Vec<crate::model::Document> = project
        .documents
        .iter()
        .filter(|document| only.is_empty() || only.contains(&document.id.0))
        .cloned()
        .collect();
    let documents: &[crate::model::Document] = if only.is_empty() {
        &project.documents
    } else {
        &selected
    };
    let reuse = Reuse::find(documents);
    if let PassagesView::Clusters = view {
        return print_clusters(project, &reuse, json, out);
    }
    let pair_count = reuse.pair_count();
    if only.is_empty() && pair_count > MOST_PAIRS {
        bail!(
            "{}: the documents share text in about {pair_count} document pairs, more than the \
             {MOST_PAIRS} listed at most: list reuse clusters with --clusters, or the pairs \
             among some documents with --documents ID,ID",
            path.display()
        );
    }
    let found = shared_passages(documents);
    if let PassagesView::Pairs(percent) = view {
        let threshold = match percent {
            None => project.near_duplicate,
            Some(percent) => crate::model::NearDuplicate::new(percent).with_context(|| {
                format!("--near-duplicate {percent}: give a share from 1 to 100 percent")
            })?,
        };
        let list: Vec<PairInfo> = shared_pairs(documents, &found)
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
        let excerpt = excerpt(project, passage.a, &passage.a_range);
        writeln!(
            out,
            "{:.2}  doc {} ~ doc {}  “{excerpt}…”",
            passage.score, passage.a, passage.b
        )?;
    }
    Ok(())
}

/// The first dozen words of a range of a document, on one line.
fn excerpt(
    project: &crate::model::Project,
    document: crate::model::DocumentId,
    range: &std::ops::Range<usize>,
) -> String {
    project
        .document(document)
        .and_then(|document| document.text.get(range.clone()))
        .map(|text| {
            text.split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// Prints reuse clusters, the largest first, each with its copies, the origin first.
fn print_clusters(
    project: &crate::model::Project,
    reuse: &crate::analysis::reuse::Reuse,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if json {
        let list: Vec<ClusterInfo> = reuse
            .clusters
            .iter()
            .map(|cluster| {
                let origin = cluster.origin();
                ClusterInfo {
                    id: cluster.id,
                    size: cluster.copies.len(),
                    origin: CopyPlace {
                        document: origin.document.0,
                        start: origin.range.start,
                        end: origin.range.end,
                    },
                    copies: cluster
                        .copies
                        .iter()
                        .map(|copy| CopyInfo {
                            document: copy.document.0,
                            start: copy.range.start,
                            end: copy.range.end,
                            score: rounded(copy.score.into(), 3),
                        })
                        .collect(),
                }
            })
            .collect();
        return print_json(out, &list);
    }
    for cluster in &reuse.clusters {
        let origin = cluster.origin();
        writeln!(
            out,
            "cluster {}: {} copies in {} documents, from doc {}  “{}…”",
            cluster.id,
            cluster.copies.len(),
            cluster.documents(),
            origin.document,
            excerpt(project, origin.document, &origin.range)
        )?;
        for copy in &cluster.copies {
            let date = project
                .document(copy.document)
                .and_then(|document| document.date)
                .map(|date| date.to_string())
                .unwrap_or_else(|| "undated".into());
            writeln!(
                out,
                "  {:.2}  doc {}  {date}  bytes {}–{}",
                copy.score, copy.document, copy.range.start, copy.range.end
            )?;
        }
    }
    writeln!(out, "{} clusters", reuse.clusters.len())?;
    Ok(())
}

pub(super) fn claims(path: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
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

/// What `output` is, if writing a report there would destroy a project: the project itself,
/// its backup, its recovery copy, or any project file.
fn guarded_file(project: &Path, output: &Path) -> Option<&'static str> {
    let same = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(project, output) {
        return Some("the project");
    }
    if same(&crate::store::backup_path(project), output) {
        return Some("the project's backup");
    }
    if same(&crate::store::recovery_path(project), output) {
        return Some("the project's recovery copy");
    }
    let is_project = output.is_file()
        && std::fs::read(output).is_ok_and(|bytes| {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
            head.contains("format_version")
        });
    is_project.then_some("a project file")
}

pub(super) fn export(
    path: &Path,
    (format, entities): (&str, bool),
    (output, force): (&Path, bool),
    out: &mut dyn Write,
) -> Result<()> {
    use crate::export::Format;
    let format = Format::parse(format)
        .ok_or_else(|| anyhow!("unknown format {format:?}: use csv, md, html, qdpx, qdc or w3c"))?;
    if entities && format != Format::Qdpx {
        bail!("--entities goes with --format qdpx: only a REFI-QDA project carries entities");
    }
    if !force && let Some(what) = guarded_file(path, output) {
        bail!(
            "{} is {what}: the export would replace it; choose another file, or pass --force",
            output.display()
        );
    }
    let workspace = load(path)?;
    let project = &workspace.project;
    let mentions = entities.then(|| workspace.mentions());
    let bytes = crate::export::write(project, format, mentions.as_ref())
        .with_context(|| format!("cannot export {}", path.display()))?;
    crate::store::write_atomically(output, &bytes)
        .with_context(|| format!("cannot write {}", output.display()))?;
    writeln!(
        out,
        "wrote {} ({} claims)",
        output.display(),
        project.claims.len()
    )?;
    Ok(())
}
