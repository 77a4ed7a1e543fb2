//! The reader's unit tests: paragraphs, a paragraph's layout and decorations, selection.

use super::layout::{Highlights, paragraph_job};
use super::selection::{sentence_edge, snap_to_words, step_word};
use super::*;
use crate::analysis::mentions::Mention;
use crate::gui::theme;
use crate::model::{EntityKind, Project};
use egui::{Color32, FontId, Stroke};

#[test]
fn paragraphs_split_at_blank_lines_and_skip_the_date_line() {
    let imported = crate::import::document_from_bytes(
        " date 2021-08\nTitle\n\nFirst line\nsecond line\n\n\nLast.\n".as_bytes(),
        "a.txt",
    )
    .expect("imports")
    .document;
    let found: Vec<&str> = paragraphs(&imported)
        .into_iter()
        .map(|range| &imported.text[range])
        .collect();
    assert_eq!(found, ["Title", "First line\nsecond line", "Last."]);
}

#[test]
fn a_paragraph_is_laid_out_as_plain_text_with_its_highlights_beside_it() {
    // "Ahmad Massoud" is a person; a claim starts inside his name. Accented letters come
    // first, so characters and bytes differ.
    let text = "Intro.\n\nLà, à Bazarak, Ahmad Massoud a dit non.";
    let paragraph = 8..text.len();
    let name = text.find("Ahmad").unwrap_or_default()..text.find(" a dit").unwrap_or(0);
    let claim = text.find("Massoud").unwrap_or_default()..text.len() - 1;
    let mut project = Project::new("test");
    project.entities.insert(crate::model::Entity {
        id: EntityId(1),
        name: "Ahmad Massoud".into(),
        kind: EntityKind::Person,
        variants: vec!["Ahmad Massoud".into()],
        hidden: false,
        origin: crate::model::EntityOrigin::Detected,
    });
    let mentions = [Mention {
        entity: EntityId(1),
        range: name.clone(),
    }];
    let claims = [(claim.clone(), Color32::RED, ClaimId(1))];
    let table = crate::analysis::mentions::MentionIndex::of_stored_entities(&project).entities;
    let style = Highlights {
        kinds: [true; 5],
        outline_every_mention: true,
        shared: &[],
        mentions: &mentions,
        claims: &claims,
        selection: None,
        flash: None,
        hovered: None,
        selected: None,
        focus_code: None,
        project: &project,
        entities: &table,
        dark: false,
    };
    let font = FontId::proportional(14.0);
    let (job, decorations) = paragraph_job(
        text,
        paragraph.clone(),
        &style,
        &font,
        Color32::BLACK,
        300.0,
    );
    assert_eq!(job.text, &text[paragraph.clone()]);
    assert_eq!(
        job.sections.len(),
        1,
        "one section, whatever the highlights"
    );
    let chars = |range: Range<usize>| {
        text[paragraph.start..range.start].chars().count()
            ..text[paragraph.start..range.end].chars().count()
    };
    let tint = theme::kind_tint(EntityKind::Person, false, false);
    let claimed = claim.start..name.end;
    assert_eq!(
        decorations
            .spans
            .iter()
            .map(|span| (span.chars.clone(), span.background, span.underline))
            .collect::<Vec<_>>(),
        [
            (chars(name.start..claim.start), tint, Stroke::NONE),
            (chars(claimed), tint, Stroke::new(2.0, Color32::RED)),
            (
                chars(name.end..claim.end),
                Color32::TRANSPARENT,
                Stroke::new(2.0, Color32::RED)
            ),
        ]
    );
    assert_eq!(
        decorations.marks.len(),
        1,
        "the claim does not cut the mark"
    );
    assert_eq!(decorations.marks[0].chars, chars(name));
    // Without outlines on every name, only the hovered or selected entity's mentions keep
    // theirs; the tints stay.
    let quiet = Highlights {
        outline_every_mention: false,
        ..style
    };
    let marks = |style: &Highlights<'_>| {
        paragraph_job(text, paragraph.clone(), style, &font, Color32::BLACK, 300.0)
            .1
            .marks
            .len()
    };
    assert_eq!(marks(&quiet), 0);
    assert_eq!(
        marks(&Highlights {
            hovered: Some(EntityId(1)),
            ..quiet
        }),
        1
    );
}

#[test]
fn selection_snaps_to_whole_words() {
    let text = "the valley of Panjshir held";
    let start = text.find("alley").unwrap_or_default();
    let end = text.find("jshir").unwrap_or_default() + 2;
    assert_eq!(&text[snap_to_words(text, start..end)], "valley of Panjshir");
}

#[test]
fn the_keyboard_steps_by_words_and_sentences() {
    let text = "Title\n\n« Nous résistons », a dit Massoud. Les talibans avancent!\n";
    let body = 7..text.len();
    let word = |from, forward| step_word(text, &body, from, forward).map(|range| &text[range]);
    assert_eq!(word(7, true), Some("Nous"));
    let after_nous = text.find("Nous").unwrap_or_default() + "Nous".len();
    assert_eq!(word(after_nous, true), Some("résistons"));
    assert_eq!(word(after_nous, false), Some("Nous"));
    assert_eq!(word(7, false), None, "nothing before the body");
    let end = sentence_edge(text, &body, 7, true);
    assert_eq!(&text[7..end], "« Nous résistons », a dit Massoud.");
    let second = sentence_edge(text, &body, end, true);
    assert_eq!(text[end..second].trim(), "Les talibans avancent!");
    assert_eq!(sentence_edge(text, &body, second, false), end + 1);
    assert_eq!(sentence_edge(text, &body, end, false), 7);
}
