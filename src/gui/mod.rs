//! The desktop application: egui panels drawn from one [`app::TriangulateApp`] state.

pub mod action;
pub mod app;
pub mod bands;
pub mod claims;
pub mod commands;
pub mod entities;
pub mod help;
pub mod hypotheses;
pub mod jobs;
pub mod library;
pub mod matrix;
pub mod messages;
pub mod palette;
pub mod panes;
pub mod reader;
pub mod search;
pub mod selection;
pub mod shared;
pub mod tabs;
pub mod tag;
pub mod theme;
pub mod timeline;
pub mod view;

pub use app::TriangulateApp;

use std::path::PathBuf;

/// The application's id: the Wayland app id and X11 window class, which the desktop file
/// (`assets/linux/APP_ID.desktop`) and the AppStream metainfo are named after, so the desktop
/// matches the window to its launcher and icon.
pub const APP_ID: &str = "io.github.triangulate.Triangulate";

/// The name of the folder of the app's settings (recent projects, layout): on Linux
/// `~/.local/share/triangulate`, on macOS `~/Library/Application Support/triangulate`, on
/// Windows `%APPDATA%\triangulate\data`.
const SETTINGS_NAME: &str = "triangulate";

/// The window icon (task bar, Alt+Tab, the Dock while running), rendered from
/// `assets/icons/triangulate.svg` by `assets/icons/build.sh`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/png/triangulate-256.png");

/// Opens the window, with `project` loaded if given.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Triangulate")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    // A bad icon costs only the icon: the window opens with the platform's default.
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => log::warn!("the window icon cannot be read: {error}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        // eframe would name the settings folder after the app id; recent projects and the
        // window's layout stay where earlier versions kept them.
        persistence_path: eframe::storage_dir(SETTINGS_NAME).map(|folder| folder.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "Triangulate",
        options,
        Box::new(move |cc| Ok(Box::new(TriangulateApp::new(cc, project)))),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}
