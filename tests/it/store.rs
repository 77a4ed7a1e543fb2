//! Saving and loading: round trips, backups, and damaged files that must not load.

use crate::support::tagged_project;
use triangulate::model::Project;
use triangulate::store::{self, LoadError};

#[test]
fn save_and_load_give_back_the_identical_project() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = tagged_project(folder.path());
    let path = folder.path().join("round trip é.ron");
    store::save(&project, &path).expect("saves");
    let (loaded, stamp) = store::load(&path).expect("loads");
    assert_eq!(loaded, project);
    assert!(stamp.is_some());
    for claim in &loaded.claims {
        let document = loaded.document(claim.document).expect("claim document");
        claim
            .quote
            .verify(&document.text)
            .expect("quote still matches");
    }
    // Saving what was loaded writes the same bytes: a reopened project makes no diff.
    let first = std::fs::read_to_string(&path).expect("read");
    store::save(&loaded, &path).expect("saves again");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), first);
}

#[test]
fn the_file_is_readable_ron_with_a_version_and_raw_text() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = tagged_project(folder.path());
    let text = store::to_ron(&project).expect("serialises");
    assert!(
        text.starts_with("(\n    format_version: 2,"),
        "{}",
        &text[..80]
    );
    // Text is kept as written, not escaped, so a diff shows the words that changed.
    assert!(text.contains("« Ce sont des rumeurs, de la pure propagande. »"));
    assert!(text.contains("🛡️"));
}

#[test]
fn saving_keeps_the_previous_version_as_a_backup() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("project.ron");
    let first = Project::new("First");
    store::save(&first, &path).expect("saves");
    assert!(
        !store::backup_path(&path).exists(),
        "no backup before there is a previous version"
    );
    let second = Project::new("Second");
    store::save(&second, &path).expect("saves");
    let (backup, _) = store::load(&store::backup_path(&path)).expect("backup loads");
    assert_eq!(backup.name, "First");
    assert_eq!(store::load(&path).expect("loads").0.name, "Second");
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "project.ron" && name != "project.ron.bak")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn a_change_on_disk_is_noticed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("project.ron");
    let stamp = store::save(&Project::new("Mine"), &path).expect("saves");
    assert!(!store::changed_on_disk(&path, stamp));
    std::fs::write(
        &path,
        store::to_ron(&Project::new("Someone else's, longer name")).expect("ron"),
    )
    .expect("write");
    assert!(store::changed_on_disk(&path, stamp));
}

/// Loads `bytes` from a file and checks it fails with the path in the message, leaving the file alone.
fn assert_refused(bytes: &[u8], expected: &str) -> LoadError {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("damaged project.ron");
    std::fs::write(&path, bytes).expect("write");
    let error = store::load(&path).expect_err("must not load");
    let message = error.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "message must name the file: {message}"
    );
    assert!(
        message.contains(expected),
        "message should say {expected:?}: {message}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "the file must be unchanged"
    );
    error
}

#[test]
fn damaged_projects_are_refused_with_the_path_and_the_position() {
    let folder = tempfile::tempdir().expect("temp dir");
    let good = store::to_ron(&tagged_project(folder.path())).expect("ron");
    let truncated = &good.as_bytes()[..good.len() / 2];
    let error = assert_refused(truncated, "damaged");
    assert!(
        matches!(error, LoadError::Syntax { line, .. } if line > 1),
        "{error}"
    );
    assert_refused(b"\x00\x01\x02garbage\xff", "not a text file");
    assert_refused(b"just some words", "damaged");
    assert_refused(
        good.replacen("format_version: 2", "format_version: 99", 1)
            .as_bytes(),
        "newer",
    );
    assert_refused(b"", "damaged");
}

#[test]
fn inconsistent_projects_are_refused() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = tagged_project(folder.path());
    let good = store::to_ron(&project).expect("ron");
    // A quote that no longer matches its document.
    let claim = &project.claims[0];
    let drifted = good.replacen(
        &format!("exact: \"{}\"", claim.quote.exact),
        "exact: \"something else\"",
        1,
    );
    assert_ne!(drifted, good, "the quote must be found in the file");
    let error = assert_refused(drifted.as_bytes(), "no longer the quoted text");
    let LoadError::Invalid {
        position: Some((line, _)),
        ..
    } = error
    else {
        panic!("the message should point at the claim: {error}");
    };
    let expected_line = drifted[..drifted.find("something else").expect("in file")]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(line, expected_line);
    // A claim's second passage that no longer matches.
    let second = &claim.more_passages[0];
    let drifted = good.replacen(
        &format!("exact: \"{}\"", second.exact),
        "exact: \"talks went well\"",
        1,
    );
    assert_ne!(
        drifted, good,
        "the second passage must be found in the file"
    );
    assert_refused(drifted.as_bytes(), "no longer the quoted text");
    // Text edited behind the program's back.
    let edited = good.replacen("not heard from Rukha", "not heard from Rokha", 1);
    assert_ne!(edited, good);
    assert_refused(edited.as_bytes(), "content hash");
    // Two documents with one id.
    // (A project in memory cannot hold them: the file is written with a new id, which is then
    // edited into the first document's.)
    let mut duplicated = project.clone();
    let mut copy = duplicated.documents[0].clone();
    copy.title = "copy".into();
    copy.id = triangulate::model::DocumentId(987_654);
    duplicated.documents.insert(copy);
    let text = store::to_ron(&duplicated).expect("ron");
    assert_eq!(text.matches("987654").count(), 1);
    let first = duplicated.documents[0].id.0.to_string();
    assert_refused(
        text.replacen("987654", &first, 1).as_bytes(),
        "two documents share the id",
    );
    // A claim pointing at a missing document.
    let mut orphan = project.clone();
    orphan
        .documents
        .retain(|document| document.id != project.claims[0].document);
    assert_refused(
        store::to_ron(&orphan).expect("ron").as_bytes(),
        "missing document",
    );
    // A rating against a hypothesis that is not in the file.
    let mut unrated = project.clone();
    unrated.hypotheses = Default::default();
    assert_refused(
        store::to_ron(&unrated).expect("ron").as_bytes(),
        "missing hypothesis",
    );
}

#[test]
fn a_project_with_a_byte_order_mark_or_crlf_line_endings_loads_unchanged() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = tagged_project(folder.path());
    let text = store::to_ron(&project).expect("serialises");
    // An editor's byte-order mark, and a git checkout with autocrlf.
    for (name, bytes) in [
        ("bom.ron", format!("\u{feff}{text}").into_bytes()),
        ("crlf.ron", text.replace('\n', "\r\n").into_bytes()),
        (
            "both.ron",
            format!("\u{feff}{}", text.replace('\n', "\r\n")).into_bytes(),
        ),
    ] {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let (loaded, _) = store::load(&path).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(loaded, project, "{name}");
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_is_refused_as_a_project_and_as_an_import_without_hanging() {
    let folder = tempfile::tempdir().expect("temp dir");
    let pipe = folder.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let error = store::load(&pipe).expect_err("a pipe is no project");
    let message = error.to_string();
    assert!(
        message.contains("not a regular file") && message.contains("pipe.ron"),
        "{message}"
    );
    let read =
        triangulate::import::read_document(&pipe, triangulate::import::ImportOptions::default());
    assert!(
        matches!(read, Err(triangulate::import::ImportError::NotAFile)),
        "{read:?}"
    );
}

#[test]
fn a_field_this_version_does_not_know_is_refused_not_dropped() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = tagged_project(folder.path());
    let text = store::to_ron(&project).expect("serialises").replacen(
        "        notes: ",
        "        reviewer: \"Sam\",\n        notes: ",
        1,
    );
    let path = folder.path().join("hand edited.ron");
    std::fs::write(&path, &text).expect("write");
    let message = store::load(&path).expect_err("refused").to_string();
    assert!(
        message.contains("reviewer") && message.contains("hand edited.ron"),
        "the message names the field and the file: {message}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        text,
        "nothing written"
    );
}

#[cfg(unix)]
#[test]
fn a_save_through_a_link_replaces_the_file_it_leads_to_and_keeps_the_link() {
    use std::os::unix::fs::symlink;
    let folder = tempfile::tempdir().expect("temp dir");
    let real = folder.path().join("real.ron");
    let link = folder.path().join("link.ron");
    store::save(&Project::new("before"), &real).expect("saves");
    symlink(&real, &link).expect("links");
    store::save(&Project::new("after"), &link).expect("saves through the link");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(store::load(&real).expect("loads").0.name, "after");
    assert_eq!(
        store::load(&store::backup_path(&real))
            .expect("backup")
            .0
            .name,
        "before",
        "the backup is beside the real file"
    );
    // Two writers, one through the link and one through the file, take one lock.
    assert_eq!(store::lock_path(&link), store::lock_path(&real));
    // A link that leads nowhere is an error naming it, and nothing is written.
    let dangling = folder.path().join("dangling.ron");
    symlink(folder.path().join("gone.ron"), &dangling).expect("links");
    let error = store::save(&Project::new("lost"), &dangling).expect_err("refused");
    assert!(error.to_string().contains("dangling.ron"), "{error}");
    assert!(error.to_string().contains("gone.ron"), "{error}");
    assert!(!folder.path().join("gone.ron").exists());
}

#[cfg(unix)]
#[test]
fn a_save_keeps_the_project_private_and_a_read_only_project_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("private.ron");
    store::save(&Project::new("one"), &path).expect("saves");
    let mode = |path: &std::path::Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    store::save(&Project::new("two"), &path).expect("saves");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&store::backup_path(&path)), 0o600);
    store::write_recovery(&Project::new("three"), &path).expect("recovery");
    assert_eq!(mode(&store::recovery_path(&path)), 0o600);
    // Read-only: refused, and the file is as it was.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    let before = std::fs::read(&path).expect("read");
    let error = store::save(&Project::new("four"), &path).expect_err("refused");
    assert!(
        matches!(error, store::SaveError::ReadOnly { .. })
            && error.to_string().contains("read-only"),
        "{error}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn temporary_files_a_killed_save_left_are_removed_at_the_next_open_or_save() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("p.ron");
    store::save(&Project::new("p"), &path).expect("saves");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let make = |name: &str, old: bool| {
        let file_path = folder.path().join(name);
        let file = std::fs::File::create(&file_path).expect("create");
        if old {
            file.set_modified(hour_ago).expect("set time");
        }
        file_path
    };
    let stale = [
        make(".p.ron.a1B2c3", true),
        make(".p.ron.bak.zz9zz9", true),
        make(".p.ron.recovery.000000", true),
    ];
    // A save in progress (just written), another project's, and names that only look alike.
    let kept = [
        make(".p.ron.qwe456", false),
        make(".q.ron.abc123", true),
        make(".p.ron.abc12", true),
        make("p.ron.abc123", true),
    ];
    triangulate::workspace::Workspace::open(&path).expect("opens");
    for file in &stale {
        assert!(!file.exists(), "{} removed at open", file.display());
    }
    for file in &kept {
        assert!(file.exists(), "{} kept", file.display());
    }
    let again = make(".p.ron.x1y2z3", true);
    store::save(&Project::new("p"), &path).expect("saves");
    assert!(!again.exists(), "removed at save");
    assert!(kept.iter().all(|file| file.exists()));
}
