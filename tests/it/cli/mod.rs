//! The headless commands, run as a user would run them, on files the tests write.
//!
//! Here: what the tests share (running the binary, reading its JSON, importing the reports). The
//! tests, by area: `import` (formats and refusals), `entities` (entities, dates, name lists),
//! `claims` (tagging, claims, grades and hypotheses, reports), `corpus` (shared passages, the
//! generated corpus), `project` (a damaged file, commands saving one project at once).

mod claims;
mod corpus;
mod entities;
mod import;
mod project;

use crate::support::write_reports;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn triangulate(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .args(arguments)
        .output()
        .expect("the binary runs")
}

/// Runs a command that must succeed; its output.
fn succeeds(arguments: &[&str]) -> Output {
    let output = triangulate(arguments);
    assert!(
        output.status.success(),
        "{arguments:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn ok_json(arguments: &[&str]) -> Value {
    serde_json::from_slice(&succeeds(arguments).stdout).expect("valid JSON")
}

/// The entity of that name in the JSON list `entities --json` prints.
fn entity_named(entities: &Value, name: &str) -> Value {
    entities
        .as_array()
        .and_then(|list| list.iter().find(|entity| entity["name"] == name).cloned())
        .unwrap_or_else(|| panic!("no entity named {name:?} in {entities}"))
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

fn imported(folder: &Path) -> String {
    let files = write_reports(folder);
    let project = folder.join("my project.ron");
    let mut arguments = vec!["import", path_str(&project)];
    arguments.extend(files.iter().map(|file| path_str(file)));
    let output = succeeds(&arguments);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 3, "one line per file: {stdout}");
    assert!(
        stdout.lines().all(|line| line.starts_with("imported ")),
        "{stdout}"
    );
    path_str(&project).to_owned()
}
