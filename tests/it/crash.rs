//! Saving survives being killed at any moment: the file always loads, as one whole version.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};
use triangulate::model::Project;
use triangulate::store;

/// A project of a few megabytes, so that a save takes long enough to be interrupted.
fn large_project(folder: &Path) -> std::path::PathBuf {
    let paths = crate::support::write_reports(folder);
    let mut project = Project::new("crash");
    crate::support::import_into(&mut project, &paths);
    // Make it heavy: many large documents.
    let filler: String =
        "Fighters held the valley while the talks went on in the capital. ".repeat(2_000);
    for index in 0..25 {
        let text = format!("Report {index}\n\n{filler}{index}\n");
        let mut document =
            triangulate::import::document_from_bytes(text.as_bytes(), &format!("big{index}.txt"))
                .expect("imports")
                .document;
        document.id = project.next_document_id();
        project.documents.push(document);
    }
    let path = folder.join("crash test.ron");
    store::save(&project, &path).expect("saves");
    path
}

/// A pseudo-random delay from the clock: no random crate needed for a spread of kill times.
fn jitter(round: u32, most: u64) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |time| time.subsec_nanos());
    Duration::from_millis(u64::from(nanos.wrapping_mul(2_654_435_761).wrapping_add(round)) % most)
}

fn kill_while_saving(rounds: u32) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = large_project(folder.path());
    let mut last_seen = 0_u64;
    for round in 0..rounds {
        let mut child = Command::new(env!("CARGO_BIN_EXE_triangulate"))
            .args(["save-loop", path.to_str().expect("UTF-8 path")])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the saver starts");
        // Wait until it has loaded the project and is saving, then let it run a little. One
        // round in four waits for a first whole save, so that however slow the machine, some
        // kills come after a save has completed.
        let mut output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        let _ = output.read_line(&mut line);
        if round % 4 == 3 {
            let _ = output.read_line(&mut line);
        }
        std::thread::sleep(jitter(round, 120));
        child.kill().expect("killed");
        let _ = child.wait();
        let started = Instant::now();
        let (project, _) = store::load(&path).unwrap_or_else(|error| {
            panic!("round {round}: the project does not load after a kill: {error}")
        });
        assert!(started.elapsed() < Duration::from_secs(30));
        // The notes say which save this is: a whole version, never a mixture.
        let version: u64 = project
            .notes
            .strip_prefix("version ")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(
            project.notes.is_empty() || version > 0,
            "round {round}: notes {:?}",
            project.notes
        );
        last_seen = last_seen.max(version);
        let backup = store::backup_path(&path);
        if backup.exists() {
            store::load(&backup)
                .unwrap_or_else(|error| panic!("round {round}: the backup does not load: {error}"));
        }
    }
    assert!(last_seen > 0, "some saves completed before the kills");
}

#[test]
fn a_save_killed_at_random_moments_leaves_a_loadable_project() {
    kill_while_saving(8);
}

/// The full run of the issue: `cargo test --release --test it -- --ignored crash`.
#[test]
#[ignore = "long: 200 kills; run with --ignored"]
fn two_hundred_kills() {
    kill_while_saving(200);
}
