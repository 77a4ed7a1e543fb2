//! Reports for readers outside Triangulate: CSV of every claim, and a Markdown or HTML report
//! with the claim matrix, each code's quotes with their citations and grades, the competing
//! hypotheses ranked, and the claims in date order; and interchange with other tools: REFI-QDA
//! projects and codebooks ([`qdpx`]) and W3C Web Annotations ([`w3c`]).

use crate::analysis::hypotheses::rank_hypotheses;
use crate::analysis::matrix::{Across, Column, claim_matrix};
use crate::model::{Claim, Project, Stance};
use crate::text::one_line;
use std::fmt::Write;

pub mod qdpx;
pub mod w3c;

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Every claim with every field, one row each.
    Csv,
    /// A Markdown report.
    Markdown,
    /// A self-contained HTML report.
    Html,
    /// A REFI-QDA project (`.qdpx`) for NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette.
    Qdpx,
    /// The codebook alone as a REFI-QDA codebook (`.qdc`).
    Qdc,
    /// Every claim as a W3C Web Annotation, in one JSON-LD collection.
    W3c,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 6] = [
        Self::Html,
        Self::Markdown,
        Self::Csv,
        Self::Qdpx,
        Self::Qdc,
        Self::W3c,
    ];

    /// Reads a format by name or file extension: csv, md (or markdown), html, qdpx (or
    /// refi-qda), qdc (or codebook), w3c (or jsonld).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            "qdpx" | "refi-qda" => Some(Self::Qdpx),
            "qdc" | "codebook" => Some(Self::Qdc),
            "w3c" | "jsonld" | "json-ld" => Some(Self::W3c),
            _ => None,
        }
    }

    /// The usual extension of a file in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Qdpx => "qdpx",
            Self::Qdc => "qdc",
            Self::W3c => "jsonld",
        }
    }

    /// What a file dialog calls a file of this format.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "Claims as CSV",
            Self::Markdown => "Markdown report",
            Self::Html => "HTML report",
            Self::Qdpx => "REFI-QDA project",
            Self::Qdc => "REFI-QDA codebook",
            Self::W3c => "W3C Web Annotations",
        }
    }
}

/// Why a project could not be exported in a format.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A codebook file needs at least one code.
    #[error("the project has no codes: a codebook needs at least one")]
    NoCodes,
    /// The archive could not be written.
    #[error("cannot write the archive ({reason})")]
    Archive {
        /// What failed.
        reason: String,
    },
}

/// The project in a format, as the bytes of the file. `entities` adds the entities and their
/// mentions to a REFI-QDA project (other formats do not carry them).
pub fn write(
    project: &Project,
    format: Format,
    entities: Option<&crate::analysis::mentions::MentionIndex>,
) -> Result<Vec<u8>, ExportError> {
    crate::frame_guard::heavy("making a report of the whole project");
    Ok(match format {
        Format::Csv => claims_csv(project).into_bytes(),
        Format::Markdown => markdown(project).into_bytes(),
        Format::Html => html(project).into_bytes(),
        Format::Qdpx => qdpx::qdpx(project, qdpx::Options { entities }).map_err(|error| {
            ExportError::Archive {
                reason: error.to_string(),
            }
        })?,
        Format::Qdc => qdpx::codebook_qdc(project)
            .ok_or(ExportError::NoCodes)?
            .into_bytes(),
        Format::W3c => w3c::annotations(project).into_bytes(),
    })
}

/// One CSV cell. Imported pages are untrusted: a cell that a spreadsheet would read as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is given a leading
/// apostrophe, as OWASP advises, so it shows as the text it is.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

/// The date a claim was made: its own, else its document's.
fn claim_date(project: &Project, claim: &Claim) -> String {
    claim
        .date
        .or_else(|| {
            project
                .document(claim.document)
                .and_then(|document| document.date)
        })
        .map(|date| date.to_string())
        .unwrap_or_default()
}

fn speaker(project: &Project, claim: &Claim) -> String {
    project.speaker_name(claim).unwrap_or_default().to_owned()
}

/// Every claim with every field, as CSV with a header row.
pub fn claims_csv(project: &Project) -> String {
    let mut out = String::from(
        "id,document,document_title,file,outlet,date,codes,stance,speaker,quote,prefix,suffix,start,end,note,reliability,credibility,ratings,more_passages\n",
    );
    for claim in &project.claims {
        let document = project.document(claim.document);
        let grade = project.claim_grade(claim);
        let fields = [
            claim.id.to_string(),
            claim.document.to_string(),
            document
                .map(|document| document.title.clone())
                .unwrap_or_default(),
            document
                .map(|document| document.file.clone())
                .unwrap_or_default(),
            project.claim_outlet(claim).to_owned(),
            claim_date(project, claim),
            project.code_names(claim).join("; "),
            claim.stance.as_str().to_owned(),
            speaker(project, claim),
            claim.quote.exact.clone(),
            claim.quote.prefix.clone(),
            claim.quote.suffix.clone(),
            claim.quote.span.start().to_string(),
            claim.quote.span.end().to_string(),
            claim.note.clone(),
            grade
                .reliability
                .map(|reliability| reliability.letter().to_string())
                .unwrap_or_default(),
            grade
                .credibility
                .map(|credibility| credibility.digit().to_string())
                .unwrap_or_default(),
            claim
                .ratings
                .iter()
                .filter_map(|(id, rating)| {
                    let hypothesis = project.hypothesis(*id)?;
                    Some(format!("{}: {}", hypothesis.text, rating.as_str()))
                })
                .collect::<Vec<_>>()
                .join("; "),
            // Further passages of a claim that spans several: "start-end: text", by " | ".
            claim
                .more_passages
                .iter()
                .map(|quote| {
                    format!(
                        "{}-{}: {}",
                        quote.span.start(),
                        quote.span.end(),
                        quote.exact
                    )
                })
                .collect::<Vec<_>>()
                .join(" | "),
        ];
        let row: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn column_name(project: &Project, column: &Column) -> String {
    match column {
        Column::Outlet(name) if name.is_empty() => "Unknown outlet".into(),
        Column::Outlet(name) => name.clone(),
        Column::Document(id) => project
            .document(*id)
            .map_or_else(|| id.to_string(), |document| document.title.clone()),
        Column::Speaker(Some(id)) => project
            .entity(*id)
            .map_or_else(|| id.to_string(), |entity| entity.name.clone()),
        Column::Speaker(None) => "No speaker".into(),
    }
}

fn cell_text(cell: Option<&crate::analysis::matrix::Cell>) -> String {
    let Some(cell) = cell else {
        return String::new();
    };
    Stance::ALL
        .into_iter()
        .filter(|stance| cell.count(*stance) > 0)
        .map(|stance| format!("{} {}", cell.count(stance), stance.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A citation: title, outlet, date and grade.
fn citation(project: &Project, claim: &Claim) -> String {
    let title = project
        .document(claim.document)
        .map_or("", |document| document.title.as_str());
    let outlet = project.claim_outlet(claim);
    let date = claim_date(project, claim);
    let grade = project.claim_grade(claim);
    let grade = if grade.is_open() {
        String::new()
    } else {
        format!("graded {grade}")
    };
    [title, outlet, &date, &grade]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The hypotheses, most likely first: rank, text, weighted evidence against, C, I, N.
fn hypothesis_rows(project: &Project) -> Vec<Vec<String>> {
    rank_hypotheses(project)
        .iter()
        .enumerate()
        .filter_map(|(rank, score)| {
            let hypothesis = project.hypothesis(score.hypothesis)?;
            Some(vec![
                (rank + 1).to_string(),
                hypothesis.text.clone(),
                format!("{:.2}", score.inconsistency),
                score.consistent.to_string(),
                score.inconsistent.to_string(),
                score.neutral.to_string(),
            ])
        })
        .collect()
}

const HYPOTHESIS_HEADERS: [&str; 6] = [
    "Rank",
    "Hypothesis",
    "Weighted evidence against",
    "Consistent",
    "Inconsistent",
    "Neutral",
];

/// The claims in date order, undated last: how the story moved.
fn timeline_rows(project: &Project) -> Vec<Vec<String>> {
    let mut claims: Vec<(String, &Claim)> = project
        .claims
        .iter()
        .map(|claim| (claim_date(project, claim), claim))
        .collect();
    claims.sort_by(|(a, first), (b, second)| {
        (a.is_empty(), a, first.id).cmp(&(b.is_empty(), b, second.id))
    });
    claims
        .into_iter()
        .map(|(date, claim)| {
            vec![
                date,
                project.claim_outlet(claim).to_owned(),
                project.code_names(claim).join(", "),
                claim.stance.as_str().to_owned(),
                speaker(project, claim),
                one_line(&claim.text()),
            ]
        })
        .collect()
}

const TIMELINE_HEADERS: [&str; 6] = ["Date", "Outlet", "Codes", "Stance", "Speaker", "Quote"];

fn markdown_table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let cell = |text: &str| text.replace('|', "/");
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|text| cell(text)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn html_table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><tr>");
    for header in headers {
        let _ = write!(out, "<th>{}</th>", escape(header));
    }
    out.push_str("</tr>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// A Markdown report: the matrix by outlet, each code's quotes with citations, the
/// hypotheses and the timeline.
pub fn markdown(project: &Project) -> String {
    let mut out = format!(
        "# {}\n\n{} documents, {} claims.\n\n",
        project.name,
        project.documents.len(),
        project.claims.len()
    );
    let matrix = claim_matrix(project, Across::Outlets);
    if !matrix.rows.is_empty() {
        out.push_str("## Claims by outlet\n\n| Code |");
        for column in &matrix.columns {
            let _ = write!(out, " {} |", column_name(project, column).replace('|', "/"));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(matrix.columns.len()));
        out.push('\n');
        for (row, code) in matrix.rows.iter().enumerate() {
            let name = project.code(*code).map_or("", |code| code.name.as_str());
            let _ = write!(out, "| {} |", name.replace('|', "/"));
            for column in 0..matrix.columns.len() {
                let _ = write!(out, " {} |", cell_text(matrix.cell(row, column)));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    for code in &project.codes {
        let claims: Vec<&Claim> = project.claims_with_code(code.id).collect();
        if claims.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", code.name);
        if !code.description.is_empty() {
            let _ = writeln!(out, "{}\n", code.description);
        }
        for claim in claims {
            let quote = one_line(&claim.text());
            let who = speaker(project, claim);
            let who = if who.is_empty() {
                String::new()
            } else {
                format!("{who}, ")
            };
            let _ = writeln!(
                out,
                "- **{}** ({who}{}): “{quote}”",
                claim.stance.as_str(),
                citation(project, claim)
            );
            if !claim.note.is_empty() {
                let _ = writeln!(out, "  - Note: {}", claim.note);
            }
        }
        out.push('\n');
    }
    let hypotheses = hypothesis_rows(project);
    if !hypotheses.is_empty() {
        out.push_str("## Competing hypotheses\n\n");
        markdown_table(&mut out, &HYPOTHESIS_HEADERS, &hypotheses);
    }
    let timeline = timeline_rows(project);
    if !timeline.is_empty() {
        out.push_str("## Timeline\n\n");
        markdown_table(&mut out, &TIMELINE_HEADERS, &timeline);
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A self-contained HTML report with the same content as the Markdown one.
pub fn html(project: &Project) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}}.asserts{{color:#1b9e77}}.denies{{color:#d95f02}}.reports{{color:#7570b3}}.questions{{color:#666}}blockquote{{margin:.3em 0 .3em 1em}}cite{{color:#555}}</style></head><body>\n<h1>{}</h1>\n<p>{} documents, {} claims.</p>\n",
        escape(&project.name),
        escape(&project.name),
        project.documents.len(),
        project.claims.len()
    );
    let matrix = claim_matrix(project, Across::Outlets);
    if !matrix.rows.is_empty() {
        out.push_str("<h2>Claims by outlet</h2>\n<table><tr><th>Code</th>");
        for column in &matrix.columns {
            let _ = write!(out, "<th>{}</th>", escape(&column_name(project, column)));
        }
        out.push_str("</tr>\n");
        for (row, code) in matrix.rows.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><th>{}</th>",
                escape(project.code(*code).map_or("", |code| code.name.as_str()))
            );
            for column in 0..matrix.columns.len() {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    escape(&cell_text(matrix.cell(row, column)))
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    for code in &project.codes {
        let claims: Vec<&Claim> = project.claims_with_code(code.id).collect();
        if claims.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{}</h2>", escape(&code.name));
        for claim in claims {
            let quote = one_line(&claim.text());
            let who = speaker(project, claim);
            let _ = writeln!(
                out,
                "<blockquote><span class=\"{stance}\">{stance}</span> {who} “{}”<br><cite>{}</cite>{}</blockquote>",
                escape(&quote),
                escape(&citation(project, claim)),
                if claim.note.is_empty() {
                    String::new()
                } else {
                    format!("<br><small>{}</small>", escape(&claim.note))
                },
                stance = claim.stance.as_str(),
                who = if who.is_empty() {
                    String::new()
                } else {
                    format!("<strong>{}</strong>:", escape(&who))
                },
            );
        }
    }
    let hypotheses = hypothesis_rows(project);
    if !hypotheses.is_empty() {
        out.push_str(
            "<h2>Competing hypotheses</h2>\n<p>Ranked by the evidence against each, \
            every claim weighted by its grade (source reliability A–F × information credibility \
            1–6).</p>\n",
        );
        html_table(&mut out, &HYPOTHESIS_HEADERS, &hypotheses);
    }
    let timeline = timeline_rows(project);
    if !timeline.is_empty() {
        out.push_str("<h2>Timeline</h2>\n");
        html_table(&mut out, &TIMELINE_HEADERS, &timeline);
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_with_commas_quotes_and_newlines_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("he said \"no\""), "\"he said \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        // Formulas from untrusted pages are neutralised.
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tcmd"), "'\tcmd");
    }

    #[test]
    fn html_escapes_what_the_text_holds() {
        assert_eq!(escape("<script>&\""), "&lt;script&gt;&amp;&quot;");
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::parse("CSV"), Some(Format::Csv));
        assert_eq!(Format::parse("md"), Some(Format::Markdown));
        assert_eq!(Format::parse("html"), Some(Format::Html));
        assert_eq!(Format::parse("QDPX"), Some(Format::Qdpx));
        assert_eq!(Format::parse("qdc"), Some(Format::Qdc));
        assert_eq!(Format::parse("w3c"), Some(Format::W3c));
        assert_eq!(Format::parse("pdf"), None);
        for format in Format::ALL {
            assert_eq!(Format::parse(format.extension()), Some(format));
        }
    }
}
