//! The `triangulate` binary: a headless command, or the window.

use clap::Parser;
use std::process::ExitCode;
use triangulate::cli::{Arguments, PartlyImported, run};

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let result = match arguments.command {
        Some(command) => run(command, &mut std::io::stdout().lock()),
        None => open_window(arguments.project),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = format!(
                "error: {error:#}\n{}",
                triangulate::cli::fallback_hint(&error)
            );
            eprint!("{}", triangulate::cli::terminal_safe(&message));
            if error.downcast_ref::<PartlyImported>().is_some() {
                ExitCode::from(PartlyImported::EXIT_STATUS)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(project: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    triangulate::gui::run(project)
}

#[cfg(not(feature = "gui"))]
fn open_window(_project: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); see `triangulate --help` for the headless commands"
    )
}
