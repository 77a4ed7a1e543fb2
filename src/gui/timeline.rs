//! The timeline view: claims on a time axis, one lane per outlet or per code, and the selected
//! entity's mentions document by document on a lane of their own.

use super::theme;
use crate::analysis::timeline::{
    Lanes, MentionDay, Timeline, date_of_day, mentions_in_time, timeline,
};
use crate::gui::action::Action;
use crate::gui::view::ViewContext;
use crate::model::{EntityId, Stance};
use egui::Ui;
use egui_plot::{HoverPosition, MarkerShape, Plot, Points};

/// The timeline's state.
pub struct TimelineState {
    lanes: Lanes,
    /// The timeline and its claims' positions, for a project generation and a choice of lanes.
    cache: Option<(u64, Lanes, Timeline, Vec<[f64; 2]>)>,
    /// The selected entity's mentions in time, for a project generation.
    mention_cache: Option<(u64, EntityId, Vec<MentionDay>)>,
}

impl Default for TimelineState {
    fn default() -> Self {
        Self {
            lanes: Lanes::Outlets,
            cache: None,
            mention_cache: None,
        }
    }
}

/// The name of the series of mention markers, which hover and click tell from claims by it.
const MENTIONS_SERIES: &str = "mentions";

/// How far from its lane's line a claim may be drawn: past half the gap it would look like a
/// claim of the next lane.
const MOST_SPREAD: f64 = 0.38;

/// Vertical offset of the `rank`-th of `count` claims sharing a day and a lane, so none hides
/// another: 0, +1, -1, +2, -2… steps, the steps narrowed so that all stay within
/// [`MOST_SPREAD`] of the lane.
fn spread(rank: usize, count: usize) -> f64 {
    let widest = count.saturating_sub(1).div_ceil(2).max(1) as f64;
    let step = 0.12_f64.min(MOST_SPREAD / widest);
    let magnitude = rank.div_ceil(2) as f64 * step;
    if rank % 2 == 1 { magnitude } else { -magnitude }
}

/// Where each claim is drawn: its day, and its lane with claims of the same day spread apart.
fn positions(timeline: &Timeline) -> Vec<[f64; 2]> {
    let key = |event: &crate::analysis::timeline::Event| (event.lane, event.day.floor() as i64);
    let mut counts: std::collections::HashMap<(usize, i64), usize> =
        std::collections::HashMap::new();
    for event in &timeline.events {
        *counts.entry(key(event)).or_default() += 1;
    }
    let mut seen: std::collections::HashMap<(usize, i64), usize> = std::collections::HashMap::new();
    timeline
        .events
        .iter()
        .map(|event| {
            let rank = seen.entry(key(event)).or_default();
            let position = [
                event.day,
                event.lane as f64 + spread(*rank, counts[&key(event)]),
            ];
            *rank += 1;
            position
        })
        .collect()
}

/// One grid line, and so one label, at every lane in view, however many lanes there are.
fn lane_marks((low, high): (f64, f64), lanes: usize) -> Vec<egui_plot::GridMark> {
    (0..=lanes)
        .map(|lane| lane as f64)
        .filter(|lane| (low..=high).contains(lane))
        .map(|value| egui_plot::GridMark {
            value,
            step_size: 1.0,
        })
        .collect()
}

/// Draws the timeline; `generation` tells when the cached timeline is stale.
pub fn timeline_ui(ui: &mut Ui, state: &mut TimelineState, view: &ViewContext<'_>) -> Vec<Action> {
    let (project, mentions, generation) = (view.project, view.mentions(), view.generation);
    let selected = view.selection.entity;
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.label("Lanes");
        ui.selectable_value(&mut state.lanes, Lanes::Outlets, "Outlets");
        ui.selectable_value(&mut state.lanes, Lanes::Codes, "Codes");
        ui.separator();
        for stance in Stance::ALL {
            ui.colored_label(
                theme::stance_colour(stance, ui.visuals().dark_mode),
                stance.as_str(),
            );
        }
        ui.separator();
        ui.weak("Drag to move, Ctrl+scroll to zoom, double-click to fit, click a claim to open it");
    });
    let stale = state
        .cache
        .as_ref()
        .is_none_or(|(known, lanes, _, _)| *known != generation || *lanes != state.lanes);
    if stale {
        let timeline = timeline(project, state.lanes);
        let positions = positions(&timeline);
        state.cache = Some((generation, state.lanes, timeline, positions));
    }
    let Some((_, _, timeline, positions)) = &state.cache else {
        return actions;
    };
    // The selected entity's mentions, on a lane above the claims.
    let entity = selected.and_then(|id| mentions.entity(id));
    if let Some(entity) = entity
        && state
            .mention_cache
            .as_ref()
            .is_none_or(|(known, id, _)| *known != generation || *id != entity.id)
    {
        state.mention_cache = Some((
            generation,
            entity.id,
            mentions_in_time(project, mentions, entity.id),
        ));
    }
    let mention_days: &[MentionDay] = match (&state.mention_cache, entity) {
        (Some((_, id, days)), Some(entity)) if *id == entity.id => days,
        _ => &[],
    };
    let mention_lane = timeline.lanes.len() as f64;
    match entity {
        Some(entity) => {
            ui.weak(format!(
                "Top lane: {} in {} dated documents; hover a mark for its count, click to read it",
                entity.name,
                mention_days.len()
            ));
        }
        None => {
            ui.weak("Select an entity to see its mentions in time on a lane of their own");
        }
    }
    if timeline.events.is_empty() && mention_days.is_empty() {
        ui.label("No dated claims yet: claims take their own date or their document's.");
        return actions;
    }
    if timeline.undated > 0 {
        ui.weak(format!(
            "{} claims have no date and are not shown",
            timeline.undated
        ));
    }
    let lanes = &timeline.lanes;
    let quote_of = |index: usize| -> String {
        let Some(event) = timeline.events.get(index) else {
            return String::new();
        };
        let Some(claim) = project.claim(event.claim) else {
            return String::new();
        };
        let speaker = project.speaker_name(claim).unwrap_or("unattributed");
        let quote: String = claim
            .text()
            .split_whitespace()
            .take(24)
            .collect::<Vec<_>>()
            .join(" ");
        format!(
            "{} · {} · {}\n{speaker}: “{quote}”",
            event.date,
            lanes.get(event.lane).map_or("", String::as_str),
            claim.stance.as_str()
        )
    };
    let dark = ui.visuals().dark_mode;
    let response = Plot::new("claim-timeline")
        .allow_double_click_reset(true)
        .allow_boxed_zoom(false)
        .y_grid_spacer(|input| lane_marks(input.bounds, mention_lane as usize))
        .x_axis_formatter(|mark, _| {
            date_of_day(mark.value)
                .map(|date| date.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        })
        .y_axis_formatter(|mark, _| {
            let index = mark.value.round();
            if (mark.value - index).abs() < 1e-6 && index >= 0.0 {
                if index == mention_lane {
                    return entity.map_or_else(String::new, |entity| entity.name.clone());
                }
                timeline
                    .lanes
                    .get(index as usize)
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_formatter(|hover| {
            // egui_plot finds the point nearest the pointer on screen, by series and index.
            let HoverPosition::NearDataPoint {
                plot_name, index, ..
            } = hover
            else {
                return None;
            };
            if *plot_name == MENTIONS_SERIES {
                let day = mention_days.get(*index)?;
                let title = project
                    .document(day.document)
                    .map_or("", |document| document.title.as_str());
                let name = entity.map_or("", |entity| entity.name.as_str());
                return Some(format!(
                    "{} · {} mention{} of {name}\n{title}",
                    day.date,
                    day.count,
                    if day.count == 1 { "" } else { "s" }
                ));
            }
            let stance = Stance::ALL
                .into_iter()
                .find(|stance| stance.as_str() == *plot_name)?;
            let event = timeline
                .events
                .iter()
                .enumerate()
                .filter(|(_, event)| event.stance == stance)
                .nth(*index)
                .map(|(event, _)| event)?;
            Some(quote_of(event))
        })
        .show(ui, |plot| {
            if let Some(entity) = entity
                && !mention_days.is_empty()
            {
                plot.points(
                    Points::new(
                        MENTIONS_SERIES,
                        mention_days
                            .iter()
                            .map(|day| [day.day, mention_lane])
                            .collect::<Vec<_>>(),
                    )
                    .color(theme::kind_colour(entity.kind))
                    .radius(6.0)
                    .shape(MarkerShape::Diamond),
                );
            }
            for stance in Stance::ALL {
                let points: Vec<[f64; 2]> = timeline
                    .events
                    .iter()
                    .zip(positions.iter())
                    .filter(|(event, _)| event.stance == stance)
                    .map(|(_, position)| *position)
                    .collect();
                if !points.is_empty() {
                    plot.points(
                        Points::new(stance.as_str(), points)
                            .color(theme::stance_colour(stance, dark))
                            .radius(5.0)
                            .shape(MarkerShape::Circle),
                    );
                }
            }
        });
    if response.response.clicked()
        && let Some(pointer) = response.response.interact_pointer_pos()
    {
        // The claim drawn nearest to the click, if close enough on screen.
        let nearest = positions
            .iter()
            .enumerate()
            .map(|(index, position)| {
                (
                    index,
                    response
                        .transform
                        .position_from_point(&egui_plot::PlotPoint::new(position[0], position[1]))
                        .distance(pointer),
                )
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let to_screen = |day: f64, lane: f64| {
            response
                .transform
                .position_from_point(&egui_plot::PlotPoint::new(day, lane))
                .distance(pointer)
        };
        let nearest_mention = mention_days
            .iter()
            .map(|day| (day, to_screen(day.day, mention_lane)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match (nearest, nearest_mention, selected) {
            (_, Some((day, distance)), Some(entity))
                if distance < 12.0 && nearest.is_none_or(|(_, claim)| distance <= claim) =>
            {
                actions.push(Action::OpenAtEntity(day.document, entity));
            }
            (Some((index, distance)), ..) if distance < 12.0 => {
                if let Some(event) = timeline.events.get(index) {
                    actions.push(Action::OpenClaim(event.claim));
                }
            }
            _ => {}
        }
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::{MOST_SPREAD, positions};
    use crate::analysis::timeline::{Event, Timeline};
    use crate::model::{ClaimId, Stance};

    #[test]
    fn claims_of_one_day_stay_nearer_their_lane_than_any_other() {
        for count in [1, 2, 3, 7, 40] {
            let events = (0..count)
                .map(|index| Event {
                    claim: ClaimId(index + 1),
                    day: 18_860.0,
                    lane: 1,
                    stance: Stance::Asserts,
                    date: "2021-08-22".parse().expect("date"),
                })
                .collect();
            let timeline = Timeline {
                lanes: vec!["AFP".into(), "Le Monde".into(), "Reuters".into()],
                events,
                undated: 0,
            };
            let drawn = positions(&timeline);
            let mut heights: Vec<f64> = drawn.iter().map(|position| position[1]).collect();
            assert!(
                heights
                    .iter()
                    .all(|height| (height - 1.0).abs() <= MOST_SPREAD + 1e-9),
                "{count}: {heights:?}"
            );
            heights.sort_by(f64::total_cmp);
            heights.dedup();
            assert_eq!(heights.len(), count as usize, "none hides another");
        }
    }
}
