//! Claims in time: one lane per outlet or per code, each claim at its date; and an entity's
//! mentions in time, document by document.

use super::mentions::MentionIndex;
use crate::model::{ClaimId, DocumentId, EntityId, PartialDate, Project, Stance};

/// What the lanes of the timeline are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lanes {
    /// One lane per outlet a claim came through.
    Outlets,
    /// One lane per code (a claim with two codes appears in both).
    Codes,
}

/// A claim placed in time.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The claim.
    pub claim: ClaimId,
    /// Days since 1970-01-01 (the middle of the month or year when the date is coarser).
    pub day: f64,
    /// The lane, an index into [`Timeline::lanes`].
    pub lane: usize,
    /// How the claim is presented.
    pub stance: Stance,
    /// The date as the source gives it.
    pub date: PartialDate,
}

/// Lanes and the claims placed on them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// Lane names, sorted.
    pub lanes: Vec<String>,
    /// Dated claims, in date order.
    pub events: Vec<Event>,
    /// Claims with no date of their own nor of their document.
    pub undated: usize,
}

/// Days since 1970-01-01 of a date; a month or a year counts from its middle.
pub fn day_number(date: PartialDate) -> f64 {
    let month = date.month().unwrap_or(7);
    let (day, offset) = match (date.month(), date.day()) {
        (_, Some(day)) => (u32::from(day), 0.0),
        (Some(_), None) => (1, 14.5),
        (None, None) => (1, 0.0),
    };
    let base = chrono::NaiveDate::from_ymd_opt(date.year_value(), u32::from(month), day)
        .and_then(|date| {
            Some(
                date.signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?)
                    .num_days(),
            )
        })
        .unwrap_or(0);
    base as f64 + offset
}

/// The date for a day number, for axis labels.
pub fn date_of_day(day: f64) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::Duration::days(day.floor() as i64))
}

/// Places the project's claims in time.
pub fn timeline(project: &Project, lanes: Lanes) -> Timeline {
    let lane_names = |claim: &crate::model::Claim| -> Vec<String> {
        match lanes {
            Lanes::Outlets => {
                let outlet = project.claim_outlet(claim);
                vec![if outlet.is_empty() {
                    "Unknown outlet".to_owned()
                } else {
                    outlet.to_owned()
                }]
            }
            Lanes::Codes => project
                .code_names(claim)
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    };
    // Sorted without regard to case, then exactly, so that equal names are next to each other
    // and each name has one lane.
    let mut names: Vec<String> = project.claims.iter().flat_map(lane_names).collect();
    names.sort_by_cached_key(|name| (name.to_lowercase(), name.clone()));
    names.dedup();
    let mut timeline = Timeline {
        lanes: names,
        ..Timeline::default()
    };
    for claim in &project.claims {
        let Some(date) = claim.date.or_else(|| {
            project
                .document(claim.document)
                .and_then(|document| document.date)
        }) else {
            timeline.undated += 1;
            continue;
        };
        for name in lane_names(claim) {
            let Some(lane) = timeline.lanes.iter().position(|known| *known == name) else {
                continue;
            };
            timeline.events.push(Event {
                claim: claim.id,
                day: day_number(date),
                lane,
                stance: claim.stance,
                date,
            });
        }
    }
    timeline
        .events
        .sort_by(|a, b| a.day.total_cmp(&b.day).then(a.lane.cmp(&b.lane)));
    timeline
}

/// How often a document of a given date mentions an entity.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionDay {
    /// The document.
    pub document: DocumentId,
    /// Days since 1970-01-01 of the document's date.
    pub day: f64,
    /// The document's date.
    pub date: PartialDate,
    /// Mentions of the entity in the document.
    pub count: usize,
}

/// The dated documents that mention an entity, in date order, with how often each does: how
/// a name rose and fell in the coverage. Undated documents are left out.
pub fn mentions_in_time(
    project: &Project,
    mentions: &MentionIndex,
    entity: EntityId,
) -> Vec<MentionDay> {
    let mut days: Vec<MentionDay> = mentions
        .documents_of(entity)
        .iter()
        .filter_map(|id| {
            let document = project.document(*id)?;
            let date = document.date?;
            let count = mentions
                .in_document(*id)
                .iter()
                .filter(|mention| mention.entity == entity)
                .count();
            Some(MentionDay {
                document: *id,
                day: day_number(date),
                date,
                count,
            })
        })
        .collect();
    days.sort_by(|a, b| a.day.total_cmp(&b.day).then(a.document.cmp(&b.document)));
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_follow_the_calendar_and_coarse_dates_sit_mid_period() {
        let day = |text: &str| day_number(text.parse().expect("date"));
        assert_eq!(day("1970-01-01"), 0.0);
        assert_eq!(day("2021-08-23") - day("2021-08-22"), 1.0);
        assert!(day("2021-08") > day("2021-08-01") && day("2021-08") < day("2021-08-31"));
        assert!(day("2021") > day("2021-06-30") && day("2021") < day("2021-07-02"));
        assert_eq!(
            date_of_day(day("2021-09-06"))
                .map(|date| date.to_string())
                .as_deref(),
            Some("2021-09-06")
        );
    }

    /// Tags `quote` in `document` as a denial, with its own `date` if given.
    fn deny(
        project: &mut Project,
        document: crate::model::DocumentId,
        quote: &str,
        date: Option<crate::model::PartialDate>,
    ) {
        let text = &project.document(document).expect("document").text;
        let start = text.find(quote).expect("quote");
        let draft = crate::edit::ClaimDraft {
            document,
            start,
            end: start + quote.len(),
            codes: vec!["denial".into()],
            stance: Stance::Denies,
            speaker: None,
            via_outlet: None,
            date,
            note: String::new(),
        };
        let (edit, _) = crate::edit::Edit::tag_claim(
            project,
            &crate::analysis::entities::EntityTable::default(),
            &draft,
        )
        .expect("tag");
        let _undo = edit.apply(project).expect("applies");
    }

    #[test]
    fn claims_take_their_own_date_or_their_documents() {
        let mut project = Project::new("t");
        let mut document = crate::import::document_from_bytes(
            b"The resistance denied everything on Monday in the valley.",
            "a.txt",
        )
        .expect("imports")
        .document;
        document.id = crate::model::DocumentId(1);
        document.outlet = "Wire".into();
        document.date = "2021-09-06".parse().ok();
        project.documents.insert(document);
        for (quote, date) in [
            ("The resistance denied everything", None),
            ("in the valley", Some("2021-09-01")),
        ] {
            let date = date.and_then(|date: &str| date.parse().ok());
            deny(&mut project, crate::model::DocumentId(1), quote, date);
        }
        let timeline = timeline(&project, Lanes::Outlets);
        assert_eq!(timeline.lanes, ["Wire"]);
        let dates: Vec<String> = timeline
            .events
            .iter()
            .map(|event| event.date.to_string())
            .collect();
        assert_eq!(
            dates,
            ["2021-09-01", "2021-09-06"],
            "in date order, each claim at its own date first"
        );
        assert_eq!(timeline.undated, 0);
    }

    #[test]
    fn each_outlet_has_one_lane_whatever_order_its_claims_come_in() {
        let mut project = Project::new("t");
        for (id, outlet) in [
            (1, "Le Monde"),
            (2, "le Monde"),
            (3, "Le Monde"),
            (4, "AFP"),
        ] {
            let text = format!("Report {id}: the resistance denied everything in the valley.");
            let mut document = crate::import::document_from_bytes(text.as_bytes(), "a.txt")
                .expect("imports")
                .document;
            document.id = crate::model::DocumentId(id);
            document.outlet = outlet.into();
            document.date = "2021-09-06".parse().ok();
            project.documents.insert(document);
            deny(
                &mut project,
                crate::model::DocumentId(id),
                "the resistance",
                None,
            );
        }
        let timeline = timeline(&project, Lanes::Outlets);
        assert_eq!(timeline.lanes, ["AFP", "Le Monde", "le Monde"]);
        let lanes: Vec<(u32, &str)> = timeline
            .events
            .iter()
            .map(|event| {
                let document = project.claim(event.claim).expect("claim").document.0;
                (document, timeline.lanes[event.lane].as_str())
            })
            .collect();
        assert_eq!(
            lanes,
            [
                (4, "AFP"),
                (1, "Le Monde"),
                (3, "Le Monde"),
                (2, "le Monde")
            ],
            "every claim in its outlet's one lane"
        );
    }

    #[test]
    fn an_entitys_mentions_follow_its_documents_dates() {
        let mut project = Project::new("t");
        for (id, date, text) in [
            (
                1,
                Some("2021-09-06"),
                "Panjshir fell. Panjshir is quiet. Kabul waits.",
            ),
            (2, Some("2021-08-22"), "Fighters moved on Panjshir."),
            (3, None, "Panjshir, undated."),
            (4, Some("2021-08-30"), "Nothing about the valley."),
        ] {
            let mut document = crate::import::document_from_bytes(text.as_bytes(), "t.txt")
                .expect("imports")
                .document;
            document.id = DocumentId(id);
            document.date = date.and_then(|date| date.parse().ok());
            project.documents.insert(document);
        }
        project.entities.insert(crate::model::Entity {
            id: EntityId(1),
            name: "Panjshir".into(),
            kind: crate::model::EntityKind::Place,
            variants: vec!["Panjshir".into()],
            hidden: false,
            origin: crate::model::EntityOrigin::Detected,
        });
        let index = MentionIndex::of_stored_entities(&project);
        let days = mentions_in_time(&project, &index, EntityId(1));
        let found: Vec<(u32, usize)> = days.iter().map(|day| (day.document.0, day.count)).collect();
        assert_eq!(
            found,
            [(2, 1), (1, 2)],
            "date order, counts, undated left out"
        );
    }
}
