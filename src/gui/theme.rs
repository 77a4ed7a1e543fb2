//! Every colour the interface uses, for light and dark themes alike, and the fonts it draws with.

use crate::model::{EntityKind, Rgb};
use egui::Color32;
use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// DejaVu Sans: Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic letters.
const SCRIPT_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Adds the bundled font behind egui's own, so a document in Greek, Cyrillic, Hebrew or
/// Arabic shows its letters rather than boxes; Latin text keeps egui's face.
pub fn install_fonts(ctx: &egui::Context) {
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        FontData::from_static(SCRIPT_FONT),
        families,
    ));
}

/// The smallest text may be this much smaller than the body's, in points, so that notes under
/// claims, pane hints and column headers stay legible.
pub const SMALLEST_BELOW_BODY: f32 = 2.0;

/// Raises egui's small text (9 points beside a 12.5-point body) to the body's size less
/// [`SMALLEST_BELOW_BODY`], in both themes; a no-op once done.
pub fn install_text_sizes(ctx: &egui::Context) {
    let needed = |style: &egui::Style| {
        let body = style.text_styles[&egui::TextStyle::Body].size;
        let small = style.text_styles[&egui::TextStyle::Small].size;
        (small < body - SMALLEST_BELOW_BODY).then_some(body - SMALLEST_BELOW_BODY)
    };
    if needed(&ctx.global_style()).is_none() {
        return;
    }
    ctx.all_styles_mut(|style| {
        if let Some(size) = needed(style) {
            style.text_styles.insert(
                egui::TextStyle::Small,
                egui::FontId::new(size, egui::FontFamily::Proportional),
            );
        }
    });
}

/// How strongly a mention is tinted: the light theme's pale tints and the dark theme's dim ones
/// are where kinds are hardest to tell apart, and `tests::kinds_stay_apart_…` checks them.
const fn kind_alpha(dark: bool, strong: bool) -> u8 {
    match (dark, strong) {
        (_, true) => 150,
        (true, false) => 80,
        (false, false) => 70,
    }
}

/// The tint behind a mention of an entity of this kind.
pub fn kind_tint(kind: EntityKind, dark: bool, strong: bool) -> Color32 {
    let [r, g, b] = kind_rgb(kind);
    Color32::from_rgba_unmultiplied(r, g, b, kind_alpha(dark, strong))
}

/// The solid colour of a kind, for icons and legends.
pub fn kind_colour(kind: EntityKind) -> Color32 {
    let [r, g, b] = kind_rgb(kind);
    Color32::from_rgb(r, g, b)
}

/// The colour of a kind for text, such as an entity's name in a pane header: the kind's colour
/// lightened on the dark theme and darkened on the light one, so that it reads at WCAG AA
/// contrast (deep blue on a dark panel does not).
pub fn kind_text_colour(kind: EntityKind, dark: bool) -> Color32 {
    if dark {
        kind_colour(kind).lerp_to_gamma(Color32::WHITE, 0.5)
    } else {
        kind_colour(kind).lerp_to_gamma(Color32::BLACK, 0.4)
    }
}

/// Deep blue, orange, azure, red and mauve. Chosen, by searching colours, so that the tints of
/// any two kinds, and each tint and the page, stay apart (by at least 10 in CIELAB) for normal
/// vision and simulated protanopia, deuteranopia and tritanopia, in both themes. Blue to azure
/// is the one axis that red-green colour blindness keeps, so two kinds sit on it.
fn kind_rgb(kind: EntityKind) -> [u8; 3] {
    match kind {
        EntityKind::Person => [0x10, 0x00, 0xff],
        EntityKind::Organisation => [0xff, 0x86, 0x00],
        EntityKind::Place => [0x08, 0x79, 0xff],
        EntityKind::Date => [0xd7, 0x0e, 0x00],
        EntityKind::Other => [0x8a, 0x62, 0x92],
    }
}

/// Marks a mention's kind by the line along its top edge, so colour is not the only cue:
/// people solid, organisations dashed, places dotted, dates doubled, other names none.
pub fn kind_mark(painter: &egui::Painter, kind: EntityKind, x: egui::Rangef, y: f32, dark: bool) {
    let mut colour = kind_colour(kind);
    if dark {
        colour = colour.lerp_to_gamma(Color32::WHITE, 0.35);
    }
    let stroke = egui::Stroke::new(1.0, colour);
    let (left, right) = (egui::pos2(x.min, y), egui::pos2(x.max, y));
    match kind {
        EntityKind::Person => {
            painter.hline(x, y, stroke);
        }
        EntityKind::Organisation => {
            painter.extend(egui::Shape::dashed_line(&[left, right], stroke, 4.0, 2.0));
        }
        EntityKind::Place => {
            painter.extend(egui::Shape::dotted_line(&[left, right], colour, 3.0, 0.8));
        }
        EntityKind::Date => {
            painter.hline(x, y, stroke);
            painter.hline(x, y + 2.0, stroke);
        }
        EntityKind::Other => {}
    }
}

/// How the kind mark of `kind` is drawn, in words.
pub fn kind_mark_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "a solid line along the top",
        EntityKind::Organisation => "a dashed line along the top",
        EntityKind::Place => "a dotted line along the top",
        EntityKind::Date => "a double line along the top",
        EntityKind::Other => "no line",
    }
}

/// A sample of how mentions of `kind` look in the reader: its tint and its mark.
pub fn kind_swatch_ui(ui: &mut egui::Ui, kind: EntityKind) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
    let dark = ui.visuals().dark_mode;
    ui.painter()
        .rect_filled(rect, 0.0, kind_tint(kind, dark, false));
    kind_mark(ui.painter(), kind, rect.x_range(), rect.top() + 0.5, dark);
    response.on_hover_text(format!(
        "{}: tinted, with {}",
        kind.label(),
        kind_mark_name(kind)
    ))
}

/// A small marker in the colour of a kind, with a letter so colour is not the only cue.
pub fn kind_marker_ui(ui: &mut egui::Ui, kind: EntityKind) -> egui::Response {
    let letter = match kind {
        EntityKind::Person => "P",
        EntityKind::Organisation => "O",
        EntityKind::Place => "L",
        EntityKind::Date => "D",
        EntityKind::Other => "?",
    };
    // One width for every letter, so the names after the markers line up.
    let font = egui::TextStyle::Small.resolve(ui.style());
    let side = font.size + 4.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.rect_filled(rect, 2.0, kind_colour(kind));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            letter,
            egui::FontId::new(font.size, egui::FontFamily::Proportional),
            Color32::WHITE,
        );
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, letter));
    response
}

/// A code's colour.
pub fn code_colour(colour: Rgb) -> Color32 {
    let [r, g, b] = colour.0;
    Color32::from_rgb(r, g, b)
}

/// The tint behind the claims of the code in focus (hovered in a pane or the Claims tab).
pub fn code_tint(colour: Rgb, dark: bool) -> Color32 {
    let [r, g, b] = colour.0;
    Color32::from_rgba_unmultiplied(r, g, b, if dark { 70 } else { 60 })
}

/// The fill of a hypothesis rating: green consistent, orange inconsistent (the pair stays
/// apart for red-green colour blindness, and the letter is always written too), grey neutral.
pub fn consistency_colour(rating: crate::model::Consistency, dark: bool) -> Color32 {
    use crate::model::Consistency;
    let [r, g, b] = match rating {
        Consistency::Consistent => [0x1b, 0x9e, 0x77],
        Consistency::Inconsistent => [0xd9, 0x5f, 0x02],
        Consistency::Neutral => [0x80, 0x80, 0x80],
    };
    let alpha = if dark { 150 } else { 110 };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// Hues of the passages shared between pairs of panes.
const PAIR_HUES: [[u8; 3]; 6] = [
    [0x22, 0xd3, 0xee],
    [0xf4, 0x72, 0xb6],
    [0xa3, 0xe6, 0x35],
    [0xfb, 0xbf, 0x24],
    [0xa7, 0x8b, 0xfa],
    [0xf9, 0x73, 0x16],
];

/// The tint of a passage shared with another open document; `pair` picks the colour.
pub fn shared_tint(pair: usize, dark: bool) -> Color32 {
    let [r, g, b] = PAIR_HUES[pair % PAIR_HUES.len()];
    Color32::from_rgba_unmultiplied(r, g, b, if dark { 38 } else { 60 })
}

/// The band that joins a shared passage's two copies across the gutter between panes: its
/// fill and its edges, stronger than the tint so a narrow band still shows.
pub fn shared_band(pair: usize, dark: bool) -> (Color32, Color32) {
    let [r, g, b] = PAIR_HUES[pair % PAIR_HUES.len()];
    (
        Color32::from_rgba_unmultiplied(r, g, b, if dark { 90 } else { 110 }),
        Color32::from_rgba_unmultiplied(r, g, b, if dark { 200 } else { 230 }),
    )
}

/// The background of selected text.
pub fn selection(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(90, 140, 255, 110)
    } else {
        Color32::from_rgba_unmultiplied(60, 120, 255, 80)
    }
}

/// The background of the claim the user just jumped to.
pub fn focus_tint(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(255, 230, 0, 50)
    } else {
        Color32::from_rgba_unmultiplied(255, 220, 0, 90)
    }
}

/// Colour of secondary text such as metadata lines.
pub fn weak_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(110)
    }
}

/// Colour of a warning: egui's own is too pale to read on the light theme.
pub fn warning_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 170, 60)
    } else {
        Color32::from_rgb(0x8a, 0x52, 0x00)
    }
}

/// Colour of an error message.
pub fn error_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(190, 30, 30)
    }
}

/// The colour of a stance's word, letter and marks: the same hues in both themes (green,
/// orange, violet, grey), darker on the light one, so that each reads at WCAG AA contrast as
/// text.
pub fn stance_colour(stance: crate::model::Stance, dark: bool) -> Color32 {
    use crate::model::Stance;
    match (stance, dark) {
        (Stance::Asserts, true) => Color32::from_rgb(0x1b, 0x9e, 0x77),
        (Stance::Asserts, false) => Color32::from_rgb(0x12, 0x79, 0x5c),
        (Stance::Denies, true) => Color32::from_rgb(0xe8, 0x73, 0x1a),
        (Stance::Denies, false) => Color32::from_rgb(0xb0, 0x4a, 0x00),
        (Stance::Reports, true) => Color32::from_rgb(0x9a, 0x94, 0xd6),
        (Stance::Reports, false) => Color32::from_rgb(0x5a, 0x54, 0xa0),
        (Stance::Questions, true) => Color32::from_rgb(0x9a, 0x9a, 0x9a),
        (Stance::Questions, false) => Color32::from_rgb(0x68, 0x68, 0x68),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_style_is_more_than_two_points_under_the_body_in_either_theme() {
        let ctx = egui::Context::default();
        install_text_sizes(&ctx);
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            let style = ctx.style_of(theme);
            let body = style.text_styles[&egui::TextStyle::Body].size;
            for (text_style, font) in &style.text_styles {
                assert!(
                    font.size >= body - SMALLEST_BELOW_BODY,
                    "{text_style:?} is {} points beside a {body}-point body ({theme:?})",
                    font.size
                );
            }
        }
    }

    /// sRGB (0–255) to linear light.
    fn linear(channel: f64) -> f64 {
        let c = channel / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// Linear RGB to CIELAB (D65).
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Machado, Oliveira and Fernandes (2009), severity 1: how the dichromacies see linear RGB.
    const VISIONS: [(&str, [[f64; 3]; 3]); 4] = [
        (
            "normal vision",
            [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        ),
        (
            "protanopia",
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
        ),
        (
            "deuteranopia",
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
        ),
        (
            "tritanopia",
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        ),
    ];

    /// The colour `tint` makes over `page`, as seen with `vision`, in CIELAB.
    fn seen(tint: Color32, page: Color32, vision: &[[f64; 3]; 3]) -> [f64; 3] {
        let [r, g, b, a] = tint.to_srgba_unmultiplied();
        let alpha = f64::from(a) / 255.0;
        let over = |top: u8, bottom: u8| {
            linear(f64::from(bottom) + (f64::from(top) - f64::from(bottom)) * alpha)
        };
        let rgb = [over(r, page.r()), over(g, page.g()), over(b, page.b())];
        lab(vision.map(|row| (0..3).map(|i| row[i] * rgb[i]).sum::<f64>().clamp(0.0, 1.0)))
    }

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let luminance = |c: Color32| {
            0.2126 * linear(f64::from(c.r()))
                + 0.7152 * linear(f64::from(c.g()))
                + 0.0722 * linear(f64::from(c.b()))
        };
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn coloured_text_reads_at_wcag_aa_contrast_on_every_background_in_both_themes() {
        for (theme, visuals) in [
            ("light", egui::Visuals::light()),
            ("dark", egui::Visuals::dark()),
        ] {
            let dark = visuals.dark_mode;
            let mut texts: Vec<(String, Color32)> = crate::model::Stance::ALL
                .iter()
                .map(|stance| (stance.as_str().to_owned(), stance_colour(*stance, dark)))
                .collect();
            texts.extend(
                EntityKind::ALL
                    .iter()
                    .map(|kind| (kind.label().to_owned(), kind_text_colour(*kind, dark))),
            );
            texts.push(("weak text".into(), weak_text(dark)));
            texts.push(("error text".into(), error_text(dark)));
            texts.push(("warning text".into(), warning_text(dark)));
            for (background, fill) in [
                ("panel", visuals.panel_fill),
                ("window", visuals.window_fill),
                ("text field", visuals.extreme_bg_color),
            ] {
                for (text, colour) in &texts {
                    let ratio = contrast(*colour, fill);
                    assert!(
                        ratio >= 4.5,
                        "{theme} theme: {text} on the {background} is {ratio:.2}:1"
                    );
                }
            }
        }
    }

    #[test]
    fn kinds_stay_apart_for_colour_blind_readers_in_both_themes() {
        for (theme, visuals) in [
            ("light", egui::Visuals::light()),
            ("dark", egui::Visuals::dark()),
        ] {
            let page = visuals.panel_fill;
            for (vision, matrix) in &VISIONS {
                // Each kind's tint, and the page itself: a tint must also stand out from it.
                let mut colours: Vec<(String, [f64; 3])> = EntityKind::ALL
                    .iter()
                    .map(|kind| {
                        let tint = kind_tint(*kind, visuals.dark_mode, false);
                        (kind.label().to_owned(), seen(tint, page, matrix))
                    })
                    .collect();
                colours.push(("the page".into(), seen(page, page, matrix)));
                for (i, (a, a_lab)) in colours.iter().enumerate() {
                    for (b, b_lab) in &colours[i + 1..] {
                        let distance = (0..3)
                            .map(|k| (a_lab[k] - b_lab[k]).powi(2))
                            .sum::<f64>()
                            .sqrt();
                        assert!(
                            distance >= 10.0,
                            "{theme} theme, {vision}: {a} and {b} are only {distance:.1} apart"
                        );
                    }
                }
            }
        }
    }
}
