//! The desktop application: egui panels drawn from one [`app::TriangulateApp`] state.

pub mod app;
pub mod claims;
pub mod commands;
pub mod entities;
pub mod help;
pub mod hypotheses;
pub mod jobs;
pub mod library;
pub mod matrix;
pub mod palette;
pub mod panes;
pub mod reader;
pub mod search;
pub mod shared;
pub mod tag;
pub mod theme;
pub mod timeline;

pub use app::TriangulateApp;

use std::path::PathBuf;

/// Opens the window, with `project` loaded if given.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Triangulate")
            .with_app_id("triangulate")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Triangulate",
        options,
        Box::new(move |cc| Ok(Box::new(TriangulateApp::new(cc, project)))),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}
