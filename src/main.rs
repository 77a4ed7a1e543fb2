//! The `triangulate` binary: a headless command, or the window.

// On Windows a release build opens no console window behind the app's own; see
// `attach_to_terminal` for the headless commands.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use clap::Parser;
use std::process::ExitCode;
use triangulate::cli::{Arguments, PartlyImported, run};

fn main() -> ExitCode {
    attach_to_terminal();
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

/// A window program on Windows has no console: when started from a terminal with arguments (a
/// headless command, `--help`, `--version`), it writes to that terminal's console instead.
/// Output redirected to a file or a pipe needs nothing: the handles are inherited.
#[cfg(all(windows, not(debug_assertions)))]
#[allow(unsafe_code)] // One call into the Windows API, with no pointer and no memory of ours.
fn attach_to_terminal() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    if std::env::args_os().len() > 1 {
        // SAFETY: AttachConsole takes a process id and touches no memory of ours; it fails
        // harmlessly when the parent has no console (started from Explorer).
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Elsewhere, and in debug builds, the binary is a console program already.
#[cfg(not(all(windows, not(debug_assertions))))]
fn attach_to_terminal() {}
