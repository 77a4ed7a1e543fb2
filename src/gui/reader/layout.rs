//! A paragraph's layout: plain text in one section, with its highlights (tints, underlines,
//! kind marks) beside it as decorations painted under and over the galley; and the one dim line
//! that stands for a set-aside paragraph.

use super::{ClaimMark, Shared};
use crate::analysis::mentions::Mention;
use crate::gui::theme;
use crate::model::{CodeId, EntityId, EntityKind, Project};
use crate::text::one_line;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Pos2, Rect, Stroke, vec2};
use std::ops::Range;

/// One dim line standing for a set-aside paragraph.
pub(super) fn collapsed_job(text: &str, font: &FontId, colour: Color32, width: f32) -> LayoutJob {
    let words = one_line(text);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: width,
            max_rows: 1,
            break_anywhere: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let small = FontId::proportional(font.size * 0.8);
    job.append(
        "Set aside: ",
        0.0,
        TextFormat {
            font_id: small.clone(),
            color: colour,
            italics: true,
            ..Default::default()
        },
    );
    job.append(
        &words,
        0.0,
        TextFormat {
            font_id: small,
            color: colour,
            italics: true,
            ..Default::default()
        },
    );
    job
}

pub(super) struct Highlights<'a> {
    pub(super) kinds: [bool; 5],
    /// Outlines on every mention, not only on the hovered or selected entity's.
    pub(super) outline_every_mention: bool,
    pub(super) shared: &'a [Shared],
    pub(super) mentions: &'a [Mention],
    pub(super) claims: &'a [ClaimMark],
    pub(super) selection: Option<Range<usize>>,
    pub(super) flash: Option<Range<usize>>,
    pub(super) hovered: Option<EntityId>,
    pub(super) selected: Option<EntityId>,
    pub(super) focus_code: Option<CodeId>,
    pub(super) project: &'a Project,
    pub(super) entities: &'a crate::analysis::entities::EntityTable,
    pub(super) dark: bool,
}

/// Lays out one paragraph as plain text, one section, with its highlights beside it as
/// decorations to paint over the layout. Text shaping costs per section, and a job that
/// carried the highlights would be laid out again whenever one changed (a hover tints a
/// name more strongly in every pane): the layout depends on the words alone.
pub(super) fn paragraph_job(
    text: &str,
    paragraph: Range<usize>,
    style: &Highlights<'_>,
    font: &FontId,
    colour: Color32,
    width: f32,
) -> (LayoutJob, Decorations) {
    // Every place where some highlight starts or ends cuts the paragraph into stretches.
    let mut cuts = vec![paragraph.start, paragraph.end];
    let first_mention = style
        .mentions
        .partition_point(|mention| mention.range.end <= paragraph.start);
    let mentions: Vec<&Mention> = style.mentions[first_mention..]
        .iter()
        .take_while(|mention| mention.range.start < paragraph.end)
        .collect();
    let clip =
        |range: &Range<usize>| range.start.max(paragraph.start)..range.end.min(paragraph.end);
    let mut ranges: Vec<Range<usize>> = mentions
        .iter()
        .map(|mention| mention.range.clone())
        .collect();
    ranges.extend(style.claims.iter().map(|(range, _, _)| range.clone()));
    ranges.extend(style.shared.iter().map(|shared| shared.range.clone()));
    ranges.extend(style.selection.clone());
    ranges.extend(style.flash.clone());
    for range in ranges
        .iter()
        .filter(|range| range.start < paragraph.end && range.end > paragraph.start)
    {
        let range = clip(range);
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.retain(|cut| text.is_char_boundary(*cut));
    cuts.sort_unstable();
    cuts.dedup();
    let mut decorations = Decorations::default();
    // Characters passed so far: the galley counts in characters.
    let mut counted = 0;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let chars = text[start..end].chars().count();
        let mut background = Color32::TRANSPARENT;
        let mut underline = Stroke::NONE;
        let mut mark = None;
        if let Some(shared) = style
            .shared
            .iter()
            .find(|shared| shared.range.start <= start && end <= shared.range.end)
        {
            background = theme::shared_tint(shared.tint, style.dark);
        }
        if let Some(mention) = mentions
            .iter()
            .find(|mention| mention.range.start <= start && end <= mention.range.end)
            && let Some(entity) = style.entities.entity(mention.entity)
            && (style.kinds[EntityKind::ALL
                .iter()
                .position(|kind| *kind == entity.kind)
                .unwrap_or(0)]
                || style.selected == Some(entity.id))
        {
            let strong = style.hovered == Some(entity.id) || style.selected == Some(entity.id);
            background = theme::kind_tint(entity.kind, style.dark, strong);
            if strong || style.outline_every_mention {
                mark = Some((mention.range.start, entity.kind));
            }
        }
        if let Some((_, claim_colour, claim)) = style
            .claims
            .iter()
            .rev()
            .find(|(range, _, _)| range.start <= start && end <= range.end)
        {
            underline = Stroke::new(2.0, *claim_colour);
            // Claims with the code in focus are tinted in its colour, in every pane.
            if let Some(code) = style.focus_code
                && style
                    .project
                    .claim(*claim)
                    .is_some_and(|claim| claim.codes.contains(&code))
                && let Some(code) = style.project.code(code)
            {
                background = theme::code_tint(code.colour, style.dark);
            }
        }
        if style
            .flash
            .as_ref()
            .is_some_and(|flash| flash.start <= start && end <= flash.end)
        {
            background = theme::focus_tint(style.dark);
        }
        if style
            .selection
            .as_ref()
            .is_some_and(|selection| selection.start <= start && end <= selection.end)
        {
            background = theme::selection(style.dark);
        }
        let stretch = counted..counted + chars;
        if background != Color32::TRANSPARENT || underline != Stroke::NONE {
            match decorations.spans.last_mut() {
                Some(last)
                    if last.chars.end == stretch.start
                        && last.background == background
                        && last.underline == underline =>
                {
                    last.chars.end = stretch.end;
                }
                _ => decorations.spans.push(Decoration {
                    chars: stretch.clone(),
                    background,
                    underline,
                }),
            }
        }
        if let Some((mention, kind)) = mark {
            // Stretches of one mention (cut by a claim or a shared passage) make one mark.
            match decorations.marks.last_mut() {
                Some(last) if last.mention == mention && last.chars.end == stretch.start => {
                    last.chars.end = stretch.end;
                }
                _ => decorations.marks.push(KindMark {
                    mention,
                    kind,
                    chars: stretch,
                }),
            }
        }
        counted += chars;
    }
    let mut job = LayoutJob::single_section(
        text[paragraph].to_owned(),
        TextFormat {
            font_id: font.clone(),
            color: colour,
            ..Default::default()
        },
    );
    job.wrap.max_width = width;
    (job, decorations)
}

/// The highlights of a laid-out paragraph, in characters of its layout.
#[derive(Default)]
pub(super) struct Decorations {
    /// Tinted or underlined stretches, in order, none overlapping.
    pub(super) spans: Vec<Decoration>,
    /// The kind marks of its mentions, in order.
    pub(super) marks: Vec<KindMark>,
}

/// A stretch of a paragraph drawn with a tint behind it, an underline, or both.
#[derive(Clone, PartialEq)]
pub(super) struct Decoration {
    pub(super) chars: Range<usize>,
    pub(super) background: Color32,
    pub(super) underline: Stroke,
}

/// A mention's stretch of a paragraph's layout, in characters, for its kind mark.
#[derive(Clone, PartialEq)]
pub(super) struct KindMark {
    /// Where the mention starts in the text: stretches of one mention share it.
    mention: usize,
    kind: EntityKind,
    /// Its characters in the paragraph's layout.
    pub(super) chars: Range<usize>,
}

/// Calls `each` for every row a stretch of characters runs over, with the stretch, the
/// horizontal extent of its glyphs on that row and the row's vertical extent, on screen.
/// `stretches` are in order and do not overlap.
fn for_each_row_stretch<T>(
    origin: Pos2,
    galley: &egui::Galley,
    stretches: &[T],
    chars_of: impl Fn(&T) -> &Range<usize>,
    mut each: impl FnMut(&T, egui::Rangef, egui::Rangef),
) {
    let mut stretches = stretches.iter().peekable();
    let mut row_start = 0;
    for row in &galley.rows {
        let row_end = row_start + row.row.glyphs.len();
        let glyph_x = |char: usize| {
            let glyph = &row.row.glyphs[char - row_start];
            let left = origin.x + row.pos.x + glyph.pos.x;
            (left, left + glyph.advance_width)
        };
        let y = egui::Rangef::new(origin.y + row.min_y(), origin.y + row.max_y());
        while let Some(stretch) = stretches.peek() {
            let chars = chars_of(stretch);
            if chars.start >= row_end {
                break;
            }
            let (start, end) = (chars.start.max(row_start), chars.end.min(row_end));
            if start < end {
                let x = egui::Rangef::new(glyph_x(start).0, glyph_x(end - 1).1);
                each(stretch, x, y);
            }
            if chars.end > row_end {
                break;
            }
            stretches.next();
        }
        row_start += row.char_count_including_newline().0;
    }
}

/// Paints the tints that go behind a paragraph's text: a stretch of one colour that goes on
/// into the next is one rectangle, and the rows' tints meet without overlapping, as
/// translucent tints that overlap show a darker seam.
pub(super) fn paint_backgrounds(
    painter: &egui::Painter,
    origin: Pos2,
    galley: &egui::Galley,
    spans: &[Decoration],
) {
    let mut run: Option<(Color32, Rect)> = None;
    let paint = |run: Option<(Color32, Rect)>| {
        if let Some((colour, rect)) = run {
            painter.rect_filled(rect.expand2(vec2(1.0, 0.0)), 0.0, colour);
        }
    };
    for_each_row_stretch(
        origin,
        galley,
        spans,
        |span| &span.chars,
        |span, x, y| {
            let rect = Rect::from_x_y_ranges(x, y);
            if span.background == Color32::TRANSPARENT {
                paint(run.take());
                return;
            }
            match &mut run {
                Some((colour, known))
                    if *colour == span.background
                        && known.top() == rect.top()
                        && (known.right() - rect.left()).abs() < 0.5 =>
                {
                    known.max.x = rect.right();
                }
                _ => paint(run.replace((span.background, rect))),
            }
        },
    );
    paint(run);
}

/// Paints the underlines and kind marks that go over a paragraph's text.
pub(super) fn paint_over_text(
    painter: &egui::Painter,
    origin: Pos2,
    galley: &egui::Galley,
    decorations: &Decorations,
    dark: bool,
) {
    for_each_row_stretch(
        origin,
        galley,
        &decorations.spans,
        |span| &span.chars,
        |span, x, y| {
            if span.underline != Stroke::NONE {
                painter.hline(x, y.max, span.underline);
            }
        },
    );
    for_each_row_stretch(
        origin,
        galley,
        &decorations.marks,
        |mark| &mark.chars,
        |mark, x, y| theme::kind_mark(painter, mark.kind, x, y.min + 0.5, dark),
    );
}
