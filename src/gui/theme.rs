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

/// The tint behind a mention of an entity of this kind.
pub fn kind_tint(kind: EntityKind, dark: bool, strong: bool) -> Color32 {
    let [r, g, b] = kind_rgb(kind);
    let alpha = match (dark, strong) {
        (_, true) => 150,
        (true, false) => 60,
        (false, false) => 55,
    };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// The solid colour of a kind, for icons and legends.
pub fn kind_colour(kind: EntityKind) -> Color32 {
    let [r, g, b] = kind_rgb(kind);
    Color32::from_rgb(r, g, b)
}

/// Blue, orange, green, purple and grey: distinct under the common colour-vision deficiencies.
fn kind_rgb(kind: EntityKind) -> [u8; 3] {
    match kind {
        EntityKind::Person => [0x3b, 0x82, 0xf6],
        EntityKind::Organisation => [0xf5, 0x9e, 0x0b],
        EntityKind::Place => [0x10, 0xb9, 0x81],
        EntityKind::Date => [0xa8, 0x55, 0xf7],
        EntityKind::Other => [0x94, 0xa3, 0xb8],
    }
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
    let text = egui::RichText::new(letter)
        .small()
        .strong()
        .color(Color32::WHITE)
        .background_color(kind_colour(kind));
    ui.add(egui::Label::new(text).selectable(false))
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

/// Colour of an error message.
pub fn error_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 120, 110)
    } else {
        Color32::from_rgb(190, 30, 30)
    }
}

/// The stance badge colour.
pub fn stance_colour(stance: crate::model::Stance) -> Color32 {
    use crate::model::Stance;
    match stance {
        Stance::Asserts => Color32::from_rgb(0x1b, 0x9e, 0x77),
        Stance::Denies => Color32::from_rgb(0xd9, 0x5f, 0x02),
        Stance::Reports => Color32::from_rgb(0x75, 0x70, 0xb3),
        Stance::Questions => Color32::from_rgb(0x80, 0x80, 0x80),
    }
}
