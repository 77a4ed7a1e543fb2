//! A REFI-QDA project or codebook read by [`crate::import::qdpx`] joins a project as one edit:
//! its texts as documents (a text the project already has is reused), its codes as the
//! codebook (a code of the same name is reused), its coded passages as claims.
//!
//! A claim exported by Triangulate comes back whole: the selections that refer to one
//! "Triangulate claim N" note are its passages, and the note's `Field: value` lines give its
//! stance, speaker, via outlet, date, grade, ratings and note. A passage coded by another tool
//! becomes a claim that "reports", its notes joined as the claim's note.

use crate::edit::{Change, Edit};
use crate::export::qdpx::{
    CLAIM_NOTE_PREFIX, ENTITIES_BRANCH, HYPOTHESES_NOTE, OUTLET_GRADES_NOTE,
};
use crate::import::qdpx::{Exchange, ExchangeNote};
use crate::model::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What joining a REFI-QDA file to a project did, as `import-qdpx --json` prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExchangeReport {
    /// The program that wrote the file, when it says.
    pub origin: String,
    /// How the file counted positions ("characters", "UTF-16 code units", …).
    pub positions: String,
    /// Documents added.
    pub documents_added: usize,
    /// Texts the project already had, whose passages were added to the existing document.
    pub documents_reused: usize,
    /// Codes added.
    pub codes_added: usize,
    /// Codes of the file that the project already had by name.
    pub codes_reused: usize,
    /// Claims added.
    pub claims_added: usize,
    /// What the file holds that was not brought in, one sentence each.
    pub not_imported: Vec<String>,
}

/// The edit that adds a REFI-QDA file's content to `project`, and what it does; the edit is
/// `None` when nothing would change.
pub fn prepare_exchange(project: &Project, exchange: &Exchange) -> (Option<Edit>, ExchangeReport) {
    let mut report = ExchangeReport {
        origin: exchange.origin.clone(),
        positions: exchange.positions.as_str().to_owned(),
        not_imported: exchange.not_imported.clone(),
        ..ExchangeReport::default()
    };
    let mut builder = Builder::new(project);
    let codes = builder.codes(exchange, &mut report);
    builder.contradictions(exchange, &codes, &mut report);
    let claim_notes = claim_notes(&exchange.notes);
    // Building a document (furniture, language, headline) is the costly part: on every core.
    let built: Vec<_> = {
        use rayon::prelude::*;
        exchange.sources.par_iter().map(build).collect()
    };
    for (source, built) in exchange.sources.iter().zip(built) {
        let Some(document) = builder.document((source, built), exchange, &mut report) else {
            continue;
        };
        builder.claims(
            document,
            source,
            exchange,
            (&codes, &claim_notes),
            &mut report,
        );
    }
    let project_notes: Vec<&ExchangeNote> = exchange
        .project_notes
        .iter()
        .filter_map(|guid| exchange.notes.get(guid))
        .collect();
    for note in &project_notes {
        match note.name.as_str() {
            OUTLET_GRADES_NOTE => builder.outlet_grades(&note.text),
            HYPOTHESES_NOTE => {
                for line in note
                    .text
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                {
                    builder.hypothesis(line);
                }
            }
            _ => {}
        }
    }
    let notes: Vec<&str> = std::iter::once(exchange.description.as_str())
        .chain(
            project_notes
                .iter()
                .filter(|note| note.name != OUTLET_GRADES_NOTE && note.name != HYPOTHESES_NOTE)
                .map(|note| note.text.as_str()),
        )
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .collect();
    // Notes the project already holds are not added twice.
    let new: Vec<&str> = notes
        .into_iter()
        .filter(|note| !project.notes.contains(note))
        .collect();
    if !new.is_empty() {
        let mut after = project.notes.trim_end().to_owned();
        for note in new {
            if !after.is_empty() {
                after.push_str("\n\n");
            }
            after.push_str(note);
        }
        {
            builder.edit.changes.push(Change::Notes {
                before: project.notes.clone(),
                after,
            });
        }
    }
    let edit = (!builder.edit.changes.is_empty()).then_some(builder.edit);
    (edit, report)
}

/// A source as a document, as every reader builds one: its variables as metadata, its name as
/// the title, a file name from the File variable or the name.
fn build(
    source: &crate::import::qdpx::ExchangeSource,
) -> Result<crate::import::Imported, crate::import::ImportError> {
    let variable = |wanted: &str| {
        source
            .variables
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    };
    let file = Some(variable("File"))
        .filter(|file| !file.is_empty())
        .unwrap_or_else(|| {
            let name = if source.name.is_empty() {
                "source"
            } else {
                &source.name
            };
            if std::path::Path::new(name).extension().is_some() {
                name.to_owned()
            } else {
                format!("{name}.txt")
            }
        });
    let metadata = crate::import::Metadata {
        title: source.name.clone(),
        outlet: variable("Outlet"),
        author: variable("Author"),
        url: variable("URL"),
        date: variable("Date").parse().ok(),
        language: crate::import::declared_language(&variable("Language")),
    };
    crate::import::build_document(&source.text, &file, "UTF-8", source.replaced, metadata)
}

/// The claims that Triangulate notes describe, by note GUID.
fn claim_notes(notes: &HashMap<String, ExchangeNote>) -> HashSet<&str> {
    notes
        .iter()
        .filter(|(_, note)| {
            note.name
                .strip_prefix(CLAIM_NOTE_PREFIX)
                .is_some_and(|id| id.trim().parse::<u32>().is_ok())
        })
        .map(|(guid, _)| guid.as_str())
        .collect()
}

/// The fields of a claim note: stance, speaker, via outlet, date, grade, ratings and note.
#[derive(Default)]
struct ClaimFields {
    stance: Option<Stance>,
    speaker: Option<(String, EntityKind)>,
    via_outlet: Option<String>,
    date: Option<PartialDate>,
    grade: Grade,
    ratings: Vec<(Consistency, String)>,
    note: String,
}

fn parse_claim_note(text: &str) -> ClaimFields {
    let mut fields = ClaimFields::default();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(": ") else {
            continue;
        };
        let value = value.trim();
        match key {
            "Stance" => fields.stance = Stance::parse(value),
            "Speaker" => {
                let (name, kind) = value
                    .rsplit_once(" (")
                    .and_then(|(name, kind)| {
                        let kind = kind.strip_suffix(')')?;
                        let kind = EntityKind::ALL
                            .into_iter()
                            .find(|known| known.as_str() == kind)?;
                        Some((name, kind))
                    })
                    .unwrap_or((value, EntityKind::Person));
                fields.speaker = Some((name.trim().to_owned(), kind));
            }
            "Via outlet" => fields.via_outlet = Some(value.to_owned()),
            "Claim date" => fields.date = value.parse().ok(),
            "Grade" => fields.grade = Grade::parse(value).unwrap_or_default(),
            "Rating" => {
                if let Some((consistency, hypothesis)) = value.split_once(" | ")
                    && let Some(consistency) = Consistency::parse(consistency)
                {
                    fields
                        .ratings
                        .push((consistency, hypothesis.trim().to_owned()));
                }
            }
            "Note" => {
                // The note is the last field and may run over several lines.
                let mut note = value.to_owned();
                for rest in lines.by_ref() {
                    note.push('\n');
                    note.push_str(rest);
                }
                fields.note = note.trim().to_owned();
            }
            _ => {}
        }
    }
    fields
}

/// Gathers the changes, numbering new items past the project's.
struct Builder<'a> {
    project: &'a Project,
    edit: Edit,
    next_document: u32,
    next_code: u32,
    next_claim: u32,
    next_entity: u32,
    next_hypothesis: u32,
    /// Documents by content hash, the project's and those added.
    documents: HashMap<String, DocumentId>,
    /// Entities added, by lower-case name.
    entities: HashMap<String, EntityId>,
    /// Hypotheses, the project's and those added, by text.
    hypotheses: HashMap<String, HypothesisId>,
    /// Code names taken, lower case.
    code_names: HashSet<String>,
}

impl<'a> Builder<'a> {
    fn new(project: &'a Project) -> Self {
        Self {
            project,
            edit: Edit::new("Import REFI-QDA project"),
            next_document: project.next_document_id().0,
            next_code: project.next_code_id().0,
            next_claim: project.next_claim_id().0,
            next_entity: project.next_entity_id().0,
            next_hypothesis: next_id(&project.hypotheses, HypothesisId, |id| id.0).0,
            documents: project
                .documents
                .iter()
                .map(|document| (document.content_hash.clone(), document.id))
                .collect(),
            entities: HashMap::new(),
            hypotheses: project
                .hypotheses
                .iter()
                .map(|hypothesis| (hypothesis.text.clone(), hypothesis.id))
                .collect(),
            code_names: project
                .codes
                .iter()
                .map(|code| code.name.to_lowercase())
                .collect(),
        }
    }

    /// The file's codes as codes of the project, by GUID; a code of the same name is reused,
    /// and a name the file uses twice (under two parents) gets its parent's name added.
    fn codes(
        &mut self,
        exchange: &Exchange,
        report: &mut ExchangeReport,
    ) -> HashMap<String, CodeId> {
        let mut ids: HashMap<String, CodeId> = HashMap::new();
        let mut by_index: Vec<Option<CodeId>> = Vec::with_capacity(exchange.codes.len());
        let mut entity_branch: Vec<bool> = Vec::with_capacity(exchange.codes.len());
        let mut skipped_entities = 0;
        for code in &exchange.codes {
            // Triangulate's own entity codes are derived from the text: not brought in as codes.
            let in_entities = code
                .parent
                .map_or(!code.codable && code.name == ENTITIES_BRANCH, |parent| {
                    entity_branch[parent]
                });
            entity_branch.push(in_entities);
            if in_entities {
                by_index.push(None);
                skipped_entities += usize::from(code.codable);
                continue;
            }
            let parent = code.parent.and_then(|parent| by_index[parent]);
            if code.name.is_empty() {
                by_index.push(None);
                continue;
            }
            let existing = self
                .project
                .code_by_name(&code.name)
                .filter(|existing| existing.parent == parent || code.parent.is_none())
                .map(|existing| existing.id);
            let id = if let Some(id) = existing {
                report.codes_reused += 1;
                id
            } else {
                let mut name = code.name.clone();
                if self.code_names.contains(&name.to_lowercase()) {
                    let parent_name = code
                        .parent
                        .map(|parent| exchange.codes[parent].name.as_str())
                        .unwrap_or("imported");
                    name = format!("{} ({parent_name})", code.name);
                    let mut counter = 2;
                    while self.code_names.contains(&name.to_lowercase()) {
                        name = format!("{} ({parent_name} {counter})", code.name);
                        counter += 1;
                    }
                }
                self.code_names.insert(name.to_lowercase());
                let id = CodeId(self.next_code);
                self.next_code += 1;
                let palette = CODE_PALETTE;
                let colour = code.colour.unwrap_or(
                    palette[(self.project.codes.len() + report.codes_added) % palette.len()],
                );
                self.edit.changes.push(Change::Code {
                    before: None,
                    after: Some(Code {
                        id,
                        name,
                        colour,
                        description: code.description.clone(),
                        parent,
                        contradicts: Vec::new(),
                    }),
                });
                report.codes_added += 1;
                id
            };
            by_index.push(Some(id));
            ids.insert(code.guid.clone(), id);
        }
        if skipped_entities > 0 {
            report.not_imported.push(format!(
                "{skipped_entities} entity codes under \u{201c}{ENTITIES_BRANCH}\u{201d} and their passages (Triangulate finds the entities in the text)"
            ));
        }
        ids
    }

    /// Links named "contradicts" between two codes make them contradict each other.
    fn contradictions(
        &mut self,
        exchange: &Exchange,
        codes: &HashMap<String, CodeId>,
        report: &mut ExchangeReport,
    ) {
        let mut other_links = 0;
        for link in &exchange.links {
            match (codes.get(&link.origin), codes.get(&link.target)) {
                (Some(&a), Some(&b)) if a != b && link.name.eq_ignore_ascii_case("contradicts") => {
                    for (from, to) in [(a, b), (b, a)] {
                        self.update_code(from, |code| {
                            if !code.contradicts.contains(&to) {
                                code.contradicts.push(to);
                                code.contradicts.sort();
                            }
                        });
                    }
                }
                _ => other_links += 1,
            }
        }
        if other_links > 0 {
            report.not_imported.push(format!(
                "{other_links} links between items other than contradicting codes"
            ));
        }
    }

    /// Changes a code, the edit's own new one or the project's.
    fn update_code(&mut self, id: CodeId, update: impl FnOnce(&mut Code)) {
        for change in &mut self.edit.changes {
            if let Change::Code {
                after: Some(code), ..
            } = change
                && code.id == id
            {
                update(code);
                return;
            }
        }
        if let Some(before) = self.project.code(id) {
            let mut after = before.clone();
            update(&mut after);
            if after != *before {
                self.edit.changes.push(Change::Code {
                    before: Some(before.clone()),
                    after: Some(after),
                });
            }
        }
    }

    /// The document of a source: the project's own when it has the text, else a new one.
    fn document(
        &mut self,
        (source, built): (
            &crate::import::qdpx::ExchangeSource,
            Result<crate::import::Imported, crate::import::ImportError>,
        ),
        exchange: &Exchange,
        report: &mut ExchangeReport,
    ) -> Option<(DocumentId, std::sync::Arc<str>)> {
        let imported = match built {
            Ok(imported) => imported,
            Err(error) => {
                report
                    .not_imported
                    .push(format!("the source {:?}: {error}", source.name));
                return None;
            }
        };
        let mut document = imported.document;
        if let Some(&id) = self.documents.get(&document.content_hash) {
            report.documents_reused += 1;
            let text = self.text_of(id)?;
            return Some((id, text));
        }
        document.id = DocumentId(self.next_document);
        self.next_document += 1;
        document.note = std::iter::once(source.description.as_str())
            .chain(
                source
                    .notes
                    .iter()
                    .filter_map(|guid| exchange.notes.get(guid))
                    .map(|note| note.text.as_str()),
            )
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        self.documents
            .insert(document.content_hash.clone(), document.id);
        let result = (document.id, document.text.clone());
        self.edit.changes.push(Change::Document {
            before: None,
            after: Some(Box::new(document)),
        });
        report.documents_added += 1;
        Some(result)
    }

    /// The text of a document of the project or of the edit.
    fn text_of(&self, id: DocumentId) -> Option<std::sync::Arc<str>> {
        self.project
            .document(id)
            .map(|document| document.text.clone())
            .or_else(|| {
                self.edit.changes.iter().find_map(|change| match change {
                    Change::Document {
                        after: Some(document),
                        ..
                    } if document.id == id => Some(document.text.clone()),
                    _ => None,
                })
            })
    }

    /// The claims of one source's selections: those that share a Triangulate claim note are
    /// one claim, each other selection is a claim of its own.
    fn claims(
        &mut self,
        (document, text): (DocumentId, std::sync::Arc<str>),
        source: &crate::import::qdpx::ExchangeSource,
        exchange: &Exchange,
        (codes, claim_notes): (&HashMap<String, CodeId>, &HashSet<&str>),
        report: &mut ExchangeReport,
    ) {
        // Selections in text order, grouped by their claim note where they have one.
        let mut groups: BTreeMap<String, Vec<&crate::import::qdpx::ExchangeSelection>> =
            BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for selection in &source.selections {
            let key = selection
                .notes
                .iter()
                .find(|note| claim_notes.contains(note.as_str()))
                .cloned()
                .unwrap_or_else(|| format!("selection {}", selection.guid));
            if !groups.contains_key(&key) {
                order.push(key.clone());
            }
            groups.entry(key).or_default().push(selection);
        }
        // The text the project already has keeps its claims: a passage already claimed with
        // the same codes is not claimed twice.
        // (A document new in this edit has no claims yet: the project's are not looked at.)
        let in_project = self.project.document(document).is_some();
        let existing: HashSet<(usize, usize, Vec<CodeId>)> = self
            .project
            .claims
            .iter()
            .filter(|_| in_project)
            .filter(|claim| claim.document == document)
            .map(|claim| {
                (
                    claim.quote.span.start(),
                    claim.quote.span.end(),
                    claim.codes.clone(),
                )
            })
            .collect();
        for key in order {
            let Some(mut selections) = groups.remove(&key) else {
                continue;
            };
            selections.sort_by_key(|selection| (selection.start, selection.end));
            let mut claim_codes: Vec<CodeId> = Vec::new();
            for selection in &selections {
                for code in selection.codes.iter().filter_map(|guid| codes.get(guid)) {
                    if !claim_codes.contains(code) {
                        claim_codes.push(*code);
                    }
                }
            }
            let coded_entities_only = claim_codes.is_empty()
                && selections
                    .iter()
                    .all(|selection| !selection.codes.is_empty());
            if coded_entities_only {
                // Passages coded only with codes not brought in (Triangulate's entities).
                continue;
            }
            let quotes: Vec<Quote> = selections
                .iter()
                .filter_map(|selection| {
                    let span = ByteSpan::new(&text, selection.start, selection.end).ok()?;
                    Some(Quote::new(&text, span))
                })
                .collect();
            let Some((first, rest)) = quotes.split_first() else {
                continue;
            };
            if existing.contains(&(first.span.start(), first.span.end(), claim_codes.clone())) {
                continue;
            }
            let fields = if claim_notes.contains(key.as_str()) {
                exchange
                    .notes
                    .get(&key)
                    .map(|note| parse_claim_note(&note.text))
                    .unwrap_or_default()
            } else {
                let mut seen = HashSet::new();
                let descriptions = selections
                    .iter()
                    .map(|selection| selection.description.as_str());
                let note = descriptions
                    .chain(
                        selections
                            .iter()
                            .flat_map(|selection| &selection.notes)
                            .filter(|guid| seen.insert(guid.as_str()))
                            .filter_map(|guid| exchange.notes.get(guid))
                            .map(|note| note.text.as_str()),
                    )
                    .map(str::trim)
                    .filter(|text| !text.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                ClaimFields {
                    stance: Some(Stance::Reports),
                    note,
                    ..ClaimFields::default()
                }
            };
            let speaker = fields
                .speaker
                .as_ref()
                .map(|(name, kind)| self.entity(name, *kind));
            let ratings = fields
                .ratings
                .iter()
                .map(|(consistency, hypothesis)| (self.hypothesis(hypothesis), *consistency))
                .collect();
            let claim = Claim {
                id: ClaimId(self.next_claim),
                document,
                quote: first.clone(),
                more_passages: rest.to_vec(),
                codes: claim_codes,
                stance: fields.stance.unwrap_or(Stance::Reports),
                speaker,
                via_outlet: fields.via_outlet.filter(|outlet| !outlet.is_empty()),
                date: fields.date,
                note: fields.note,
                grade: fields.grade,
                ratings,
            };
            self.next_claim += 1;
            self.edit.changes.push(Change::Claim {
                before: None,
                after: Some(claim),
            });
            report.claims_added += 1;
        }
    }

    /// The entity a speaker's name stands for: the project's, else one added as the user's.
    fn entity(&mut self, name: &str, kind: EntityKind) -> EntityId {
        if let Some(entity) = self.project.entity_by_name(name) {
            return entity.id;
        }
        if let Some(id) = self.entities.get(&name.to_lowercase()) {
            return *id;
        }
        let id = EntityId(self.next_entity);
        self.next_entity += 1;
        self.entities.insert(name.to_lowercase(), id);
        self.edit.changes.push(Change::Entity {
            before: None,
            after: Some(Entity {
                id,
                name: name.to_owned(),
                kind,
                variants: vec![name.to_owned()],
                hidden: false,
                origin: EntityOrigin::Manual,
            }),
        });
        id
    }

    /// Grades for the outlets the project has not graded, from `outlet | grade` lines.
    fn outlet_grades(&mut self, text: &str) {
        for line in text.lines() {
            let Some((outlet, grade)) = line.rsplit_once(" | ") else {
                continue;
            };
            let (outlet, Some(grade)) = (outlet.trim(), Grade::parse(grade.trim())) else {
                continue;
            };
            if outlet.is_empty() || self.project.outlet_grades.contains_key(outlet) {
                continue;
            }
            self.edit.changes.push(Change::OutletGrade {
                outlet: outlet.to_owned(),
                before: None,
                after: Some(grade),
            });
        }
    }

    /// The hypothesis with this text: the project's, else one added.
    fn hypothesis(&mut self, text: &str) -> HypothesisId {
        if let Some(id) = self.hypotheses.get(text) {
            return *id;
        }
        let id = HypothesisId(self.next_hypothesis);
        self.next_hypothesis += 1;
        self.hypotheses.insert(text.to_owned(), id);
        self.edit.changes.push(Change::Hypothesis {
            before: None,
            after: Some(Hypothesis {
                id,
                text: text.to_owned(),
            }),
        });
        id
    }
}
