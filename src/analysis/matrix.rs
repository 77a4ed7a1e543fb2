//! The claim matrix: which sources assert, deny, report or question each code, and who said it.

use crate::model::{ClaimId, CodeId, DocumentId, EntityId, Project, Stance};
use std::collections::BTreeMap;

/// How the matrix groups claims across.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Across {
    /// One column per document, in date order.
    Documents,
    /// One column per outlet the claims came through.
    Outlets,
    /// One column per speaker.
    Speakers,
}

/// A column of the matrix.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// A document.
    Document(DocumentId),
    /// An outlet, by name ("" when unknown).
    Outlet(String),
    /// A speaker, or `None` for claims without one.
    Speaker(Option<EntityId>),
}

/// The claims of one code in one column, counted by stance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Claims that assert the code.
    pub asserts: usize,
    /// Claims that deny it.
    pub denies: usize,
    /// Claims that report it without taking a side.
    pub reports: usize,
    /// Claims that question it.
    pub questions: usize,
    /// The claims, in id order.
    pub claims: Vec<ClaimId>,
}

impl Cell {
    /// How many claims of a stance the cell holds.
    pub fn count(&self, stance: Stance) -> usize {
        match stance {
            Stance::Asserts => self.asserts,
            Stance::Denies => self.denies,
            Stance::Reports => self.reports,
            Stance::Questions => self.questions,
        }
    }

    /// Whether the column both asserts and denies the code: a contradiction inside one source.
    pub fn is_contested(&self) -> bool {
        self.asserts > 0 && self.denies > 0
    }
}

/// Codes down, sources across; each cell counts claims by stance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    /// Codes that have claims, in codebook order.
    pub rows: Vec<CodeId>,
    /// Columns that have claims.
    pub columns: Vec<Column>,
    /// Cells by (row index, column index); empty cells are absent.
    pub cells: BTreeMap<(usize, usize), Cell>,
}

impl Matrix {
    /// The cell of a row and a column, if it holds claims.
    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        self.cells.get(&(row, column))
    }

    /// The totals of a row over all columns.
    pub fn row_total(&self, row: usize) -> Cell {
        let mut total = Cell::default();
        for ((_, _), cell) in self.cells.range((row, 0)..(row + 1, 0)) {
            total.asserts += cell.asserts;
            total.denies += cell.denies;
            total.reports += cell.reports;
            total.questions += cell.questions;
            total.claims.extend(&cell.claims);
        }
        total.claims.sort_unstable();
        total
    }
}

/// Builds the matrix of a project's claims.
pub fn claim_matrix(project: &Project, across: Across) -> Matrix {
    let column_of = |claim: &crate::model::Claim| match across {
        Across::Documents => Column::Document(claim.document),
        Across::Outlets => Column::Outlet(project.claim_outlet(claim).to_owned()),
        Across::Speakers => Column::Speaker(claim.speaker),
    };
    // Codes with claims, in codebook order, each followed by the codes it contradicts.
    let used = |code: CodeId| project.claims_with_code(code).next().is_some();
    let mut rows: Vec<CodeId> = Vec::new();
    for code in &project.codes {
        for id in std::iter::once(code.id).chain(code.contradicts.iter().copied()) {
            if used(id) && !rows.contains(&id) {
                rows.push(id);
            }
        }
    }
    let mut columns: Vec<Column> = project
        .claims
        .iter()
        .filter(|claim| !claim.codes.is_empty())
        .map(column_of)
        .collect();
    // Documents in date order (undated last), outlets and speakers by name.
    let sort_key = |column: &Column| -> (Option<String>, String) {
        match column {
            Column::Document(id) => {
                let document = project.document(*id);
                let date = document
                    .and_then(|document| document.date)
                    .map(|date| date.to_string());
                (
                    Some(date.unwrap_or_else(|| "9999".into())),
                    format!("{:010}", id.0),
                )
            }
            Column::Outlet(name) => (None, name.to_lowercase()),
            Column::Speaker(speaker) => (
                None,
                speaker.and_then(|id| project.entity(id)).map_or_else(
                    || "\\u{10ffff}".to_owned(),
                    |entity| entity.name.to_lowercase(),
                ),
            ),
        }
    };
    columns.sort_by_key(sort_key);
    columns.dedup();
    let mut cells: BTreeMap<(usize, usize), Cell> = BTreeMap::new();
    for claim in &project.claims {
        let column = column_of(claim);
        let Some(column) = columns.iter().position(|known| *known == column) else {
            continue;
        };
        for code in &claim.codes {
            let Some(row) = rows.iter().position(|known| known == code) else {
                continue;
            };
            let cell = cells.entry((row, column)).or_default();
            match claim.stance {
                Stance::Asserts => cell.asserts += 1,
                Stance::Denies => cell.denies += 1,
                Stance::Reports => cell.reports += 1,
                Stance::Questions => cell.questions += 1,
            }
            cell.claims.push(claim.id);
        }
    }
    Matrix {
        rows,
        columns,
        cells,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::edit::{ClaimDraft, Edit};
    use crate::model::PartialDate;

    /// Three reports: a wire (asserts a rumour), a daily relaying the wire (reports it, and a
    /// denial), and a weekly (questions it). Claims are tagged through the real edits.
    pub(crate) fn project() -> Project {
        let mut project = Project::new("matrix");
        let texts = [
            (
                "wire.txt",
                "Wire",
                "2021-08-22",
                "Officials said the resistance was negotiating a surrender. Commanders said so too.",
            ),
            (
                "daily.txt",
                "Daily",
                "2021-08-23",
                "The wire said the resistance was negotiating a surrender. Dashti called it propaganda.",
            ),
            (
                "weekly.txt",
                "Weekly",
                "2021-08-20",
                "Nobody could confirm that the resistance was negotiating a surrender at all.",
            ),
        ];
        for (index, (file, outlet, date, text)) in texts.iter().enumerate() {
            let mut document = crate::import::document_from_bytes(text.as_bytes(), file)
                .expect("imports")
                .document;
            document.id = DocumentId(u32::try_from(index).unwrap_or_default() + 1);
            document.outlet = (*outlet).into();
            document.date = date.parse::<PartialDate>().ok();
            project.documents.insert(document);
        }
        let mut tag =
            |document: u32, quote: &str, code: &str, stance: Stance, via: Option<&str>| {
                let text = &project
                    .document(DocumentId(document))
                    .expect("document")
                    .text;
                let start = text.find(quote).expect("quote");
                let draft = ClaimDraft {
                    document: DocumentId(document),
                    start,
                    end: start + quote.len(),
                    codes: vec![code.into()],
                    stance,
                    speaker: None,
                    via_outlet: via.map(Into::into),
                    date: None,
                    note: String::new(),
                };
                let (edit, _) = Edit::tag_claim(
                    &project,
                    &crate::analysis::entities::EntityTable::default(),
                    &draft,
                )
                .expect("tag");
                let _undo = edit.apply(&mut project).expect("applies");
            };
        tag(
            1,
            "Officials said the resistance was negotiating a surrender.",
            "surrender rumors",
            Stance::Asserts,
            None,
        );
        tag(
            1,
            "Commanders said so too.",
            "surrender rumors",
            Stance::Asserts,
            None,
        );
        tag(
            2,
            "The wire said the resistance was negotiating a surrender.",
            "surrender rumors",
            Stance::Reports,
            Some("Wire"),
        );
        tag(
            2,
            "Dashti called it propaganda.",
            "propaganda denial",
            Stance::Denies,
            None,
        );
        tag(
            3,
            "Nobody could confirm",
            "surrender rumors",
            Stance::Questions,
            None,
        );
        project
    }

    /// The matrix row of the code called `name`.
    fn row_of(project: &Project, matrix: &Matrix, name: &str) -> usize {
        matrix
            .rows
            .iter()
            .position(|code| project.code(*code).is_some_and(|code| code.name == name))
            .expect("row")
    }

    #[test]
    fn counts_by_document_in_date_order() {
        let project = project();
        let matrix = claim_matrix(&project, Across::Documents);
        assert_eq!(
            matrix.columns,
            [
                Column::Document(DocumentId(3)),
                Column::Document(DocumentId(1)),
                Column::Document(DocumentId(2))
            ]
        );
        let rumours = row_of(&project, &matrix, "surrender rumors");
        assert_eq!(matrix.cell(rumours, 1).map(|cell| cell.asserts), Some(2));
        assert_eq!(matrix.cell(rumours, 2).map(|cell| cell.reports), Some(1));
        assert_eq!(matrix.cell(rumours, 0).map(|cell| cell.questions), Some(1));
        let total = matrix.row_total(rumours);
        assert_eq!(
            (total.asserts, total.denies, total.reports, total.questions),
            (2, 0, 1, 1)
        );
        assert_eq!(total.claims.len(), 4);
    }

    #[test]
    fn a_relayed_claim_counts_for_the_outlet_it_came_through() {
        let project = project();
        let matrix = claim_matrix(&project, Across::Outlets);
        assert_eq!(
            matrix.columns,
            [
                Column::Outlet("Daily".into()),
                Column::Outlet("Weekly".into()),
                Column::Outlet("Wire".into())
            ]
        );
        let rumours = row_of(&project, &matrix, "surrender rumors");
        // The wire's two assertions and the daily's relay of it all count for the wire.
        let wire = matrix.cell(rumours, 2).expect("wire cell");
        assert_eq!((wire.asserts, wire.reports), (2, 1));
        assert!(
            matrix.cell(rumours, 0).is_none(),
            "the daily only relayed the rumour"
        );
    }

    #[test]
    fn contradicting_codes_sit_side_by_side() {
        let mut project = project();
        let (edit, ceasefire) = Edit::add_code(&project, "ceasefire offer", None);
        let _undo = edit.apply(&mut project).expect("applies");
        let draft = ClaimDraft {
            document: DocumentId(3),
            start: 0,
            end: 6,
            codes: vec!["ceasefire offer".into()],
            stance: Stance::Asserts,
            speaker: None,
            via_outlet: None,
            date: None,
            note: String::new(),
        };
        let (edit, _) = Edit::tag_claim(
            &project,
            &crate::analysis::entities::EntityTable::default(),
            &draft,
        )
        .expect("tag");
        let _undo = edit.apply(&mut project).expect("applies");
        let rumours = project.code_by_name("surrender rumors").expect("code").id;
        let denial = project.code_by_name("propaganda denial").expect("code").id;
        assert_eq!(
            claim_matrix(&project, Across::Outlets).rows,
            [rumours, denial, ceasefire]
        );
        let _undo = Edit::set_contradicting(&project, rumours, ceasefire, true)
            .expect("edit")
            .apply(&mut project)
            .expect("applies");
        assert_eq!(
            claim_matrix(&project, Across::Outlets).rows,
            [rumours, ceasefire, denial]
        );
        assert_eq!(
            project.code(ceasefire).map(|code| code.contradicts.clone()),
            Some(vec![rumours]),
            "both codes record it"
        );
    }

    #[test]
    fn contested_cells_and_empty_codes() {
        let mut project = project();
        let (edit, _) = Edit::add_code(&project, "ceasefire offer", None);
        let _undo = edit.apply(&mut project).expect("applies");
        let matrix = claim_matrix(&project, Across::Speakers);
        assert_eq!(matrix.rows.len(), 2, "a code without claims is not a row");
        assert!(matrix.cells.values().all(|cell| !cell.is_contested()));
        let cell = Cell {
            asserts: 1,
            denies: 2,
            ..Cell::default()
        };
        assert!(cell.is_contested());
    }
}
