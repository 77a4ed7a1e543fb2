//! The card shown over a name or a claim in the reader.

use super::ReaderContext;
use crate::analysis::mentions::Mention;
use crate::gui::theme;
use crate::model::ClaimId;
use egui::Ui;

/// Draws the card: the entity under the pointer with its kind, mention count and spellings, then
/// each claim under it with its stance, codes, speaker and note.
pub(super) fn hover_card_ui(
    ui: &mut Ui,
    context: &ReaderContext<'_>,
    mention: Option<&Mention>,
    claims: &[ClaimId],
) {
    if let Some(entity) = mention.and_then(|mention| context.view.mentions().entity(mention.entity))
    {
        ui.horizontal(|ui| {
            theme::kind_marker_ui(ui, entity.kind);
            ui.strong(&entity.name);
            ui.weak(entity.kind.label());
        });
        let count = context.view.mentions().mention_count(entity.id);
        let documents = context.view.mentions().document_count(entity.id);
        ui.label(format!("{count} mentions in {documents} documents"));
        if entity.variants.len() > 1 {
            ui.label(format!("Spellings: {}", entity.variants.join(", ")));
        }
    }
    for claim in claims
        .iter()
        .filter_map(|id| context.view.project.claim(*id))
    {
        ui.separator();
        let codes = context.view.project.code_names(claim);
        ui.horizontal(|ui| {
            ui.colored_label(
                theme::stance_colour(claim.stance, ui.visuals().dark_mode),
                claim.stance.as_str(),
            );
            ui.strong(codes.join(", "));
        });
        if let Some(speaker) = context.view.project.speaker_name(claim) {
            ui.label(format!("Speaker: {speaker}"));
        }
        if !claim.note.is_empty() {
            ui.label(&claim.note);
        }
    }
}
