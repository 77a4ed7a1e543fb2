//! The project file: a damaged one is named in the error, commands saving one project at once
//! lose no work, and a report never replaces a project unasked.

use super::{ok_json, path_str, succeeds, triangulate};
use crate::support::write_reports;

#[test]
fn a_damaged_project_gives_an_error_naming_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = folder.path().join("broken.ron");
    std::fs::write(
        &project,
        "(format_version: 1, project: (name: \"x\", documents: [",
    )
    .expect("write");
    for command in ["info", "entities", "claims"] {
        let output = triangulate(&[command, path_str(&project), "--json"]);
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("broken.ron") && stderr.contains(":1:"),
            "{stderr}"
        );
    }
    let missing = triangulate(&["info", path_str(&folder.path().join("nowhere.ron"))]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.ron"));
}

#[test]
fn commands_saving_one_project_at_once_lose_no_work() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = folder.path().join("shared.ron");
    let project = path_str(&project).to_owned();
    let reports = write_reports(folder.path());
    succeeds(&["import", &project, path_str(&reports[0])]);
    // Two writers, each adding its own hypotheses one command at a time, at the same time.
    let writers: Vec<std::thread::JoinHandle<()>> = ["first", "second"]
        .into_iter()
        .map(|writer| {
            let project = project.clone();
            std::thread::spawn(move || {
                for step in 0..6 {
                    let text = format!("Hypothesis {step} of the {writer} writer");
                    succeeds(&["hypotheses", &project, "--add", &text]);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("the writer finished");
    }
    let listed = ok_json(&["hypotheses", &project, "--json"]);
    let mut texts: Vec<String> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|hypothesis| hypothesis["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    texts.sort();
    let mut expected: Vec<String> = ["first", "second"]
        .into_iter()
        .flat_map(|writer| {
            (0..6).map(move |step| format!("Hypothesis {step} of the {writer} writer"))
        })
        .collect();
    expected.sort();
    assert_eq!(texts, expected, "every command's work is in the file");
}

#[test]
fn a_report_never_replaces_a_project_its_backup_or_its_recovery_copy() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = folder.path().join("valley.ron");
    let project = path_str(&project).to_owned();
    let reports = write_reports(folder.path());
    succeeds(&["import", &project, path_str(&reports[0])]);
    succeeds(&["import", &project, path_str(&reports[1])]);
    let other = folder.path().join("other.ron");
    succeeds(&["import", path_str(&other), path_str(&reports[2])]);
    let before = std::fs::read(&project).expect("read");
    for target in [
        project.clone(),
        format!("{project}.bak"),
        format!("{project}.recovery"),
        path_str(&other).to_owned(),
    ] {
        if !std::path::Path::new(&target).exists() {
            std::fs::write(&target, &before).expect("a copy to guard");
        }
        let guarded = std::fs::read(&target).expect("read");
        let output = triangulate(&["export", &project, "--format", "csv", "-o", &target]);
        assert!(!output.status.success(), "{target} was overwritten");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("--force"), "{message}");
        assert_eq!(
            std::fs::read(&target).expect("read"),
            guarded,
            "{target} unchanged"
        );
    }
    // Asked for, it is done.
    succeeds(&[
        "export",
        &project,
        "--format",
        "csv",
        "-o",
        path_str(&other),
        "--force",
    ]);
    assert!(
        !std::fs::read_to_string(&other)
            .expect("read")
            .contains("format_version"),
        "the report replaced the project it was told to"
    );
}

#[test]
fn a_damaged_project_names_its_backup_and_restore_puts_it_in_place_keeping_the_damaged_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = folder.path().join("hurt.ron");
    let sources = folder.path().join("report.txt");
    std::fs::write(&sources, "Report\n\nThe valley held on Sunday.\n").expect("write");
    ok_json(&["import", "--json", path_str(&project), path_str(&sources)]);
    // A second save, so that the backup holds the imported report.
    succeeds(&[
        "set",
        path_str(&project),
        "--document",
        "1",
        "--title",
        "Renamed",
    ]);
    let damaged = b"(format_version: 2, project: (".to_vec();
    std::fs::write(&project, &damaged).expect("damage");
    let output = triangulate(&["info", path_str(&project)]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("hint: the backup of") && stderr.contains("triangulate restore"),
        "{stderr}"
    );
    let output = triangulate(&["restore", path_str(&project)]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("the damaged file is kept as"));
    let info = ok_json(&["info", path_str(&project), "--json"]);
    assert_eq!(info["documents"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        std::fs::read(folder.path().join("hurt.ron.damaged")).expect("kept"),
        damaged
    );
    // A project that loads has nothing to restore.
    let again = triangulate(&["restore", path_str(&project)]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing to restore"));
}

#[test]
fn a_language_code_iso_639_1_does_not_define_is_refused() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = folder.path().join("languages.ron");
    let report = folder.path().join("report.txt");
    std::fs::write(
        &report,
        "Report\n\nThe valley held on Sunday, the spokesman said.\n",
    )
    .expect("write");
    succeeds(&["import", path_str(&project), path_str(&report)]);
    let before = std::fs::read(&project).expect("read");
    let refused = triangulate(&[
        "set",
        path_str(&project),
        "--document",
        "1",
        "--language",
        "xx",
    ]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("\"xx\" is not an ISO 639-1 language code"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&project).expect("read"),
        before,
        "nothing changed"
    );
    succeeds(&[
        "set",
        path_str(&project),
        "--document",
        "1",
        "--language",
        "PS",
    ]);
    let info = ok_json(&["info", path_str(&project), "--json"]);
    assert_eq!(info["documents"][0]["language"], "ps");
}
