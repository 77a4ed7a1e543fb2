//! Claims from the command line: tagging and listing, quotes that do not match, reports, grades
//! and hypotheses.

use super::{entity_named, imported, ok_json, path_str, succeeds, triangulate};

#[test]
fn tag_then_list_claims() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    // Straight quotes and apostrophes typed on a keyboard still find the typographic text.
    succeeds(&[
        "tag",
        &project,
        "--document",
        "quotidien.txt",
        "--quote",
        "Ce sont des rumeurs, de la pure propagande.",
        "--code",
        "propaganda denial",
        "--stance",
        "denies",
        "--speaker",
        "Ahmad Massoud",
        "--note",
        "relayed by AFP",
    ]);
    let claims = ok_json(&["claims", &project, "--json"]);
    let claim = &claims[0];
    assert_eq!(
        claim["quote"],
        "Ce sont des rumeurs, de la pure propagande."
    );
    assert_eq!(claim["codes"], serde_json::json!(["propaganda denial"]));
    assert_eq!(claim["stance"], "denies");
    assert_eq!(claim["speaker"], "Ahmad Massoud");
    assert_eq!(claim["note"], "relayed by AFP");
    assert!(claim["id"].is_u64() && claim["document"].is_u64());
    // A new speaker becomes a person entity.
    succeeds(&[
        "tag",
        &project,
        "--document",
        "1",
        "--quote",
        "talks had failed",
        "--code",
        "offensive announced",
        "--speaker",
        "A New Voice",
    ]);
    let entities = ok_json(&["entities", &project, "--json"]);
    let voice = entity_named(&entities, "A New Voice");
    assert_eq!(voice["kind"], "person");
}

#[test]
fn a_quote_that_is_absent_or_ambiguous_changes_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    let before = std::fs::read(&project).expect("read");
    let absent = triangulate(&[
        "tag",
        &project,
        "--document",
        "1",
        "--quote",
        "not in the text",
        "--code",
        "x",
    ]);
    assert!(!absent.status.success());
    assert!(String::from_utf8_lossy(&absent.stderr).contains("not in document"));
    let ambiguous = triangulate(&[
        "tag",
        &project,
        "--document",
        "1",
        "--quote",
        "said",
        "--code",
        "x",
    ]);
    assert!(!ambiguous.status.success());
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("--occurrence"));
    assert_eq!(
        std::fs::read(&project).expect("read"),
        before,
        "failed commands leave the file alone"
    );
    succeeds(&[
        "tag",
        &project,
        "--document",
        "1",
        "--quote",
        "said",
        "--occurrence",
        "2",
        "--code",
        "x",
    ]);
    let claims = ok_json(&["claims", &project, "--json"]);
    let wire = crate::support::REPORTS[0].1;
    let second = wire
        .match_indices("said")
        .nth(1)
        .map(|(index, _)| index)
        .expect("two occurrences");
    assert_eq!(claims[0]["start"].as_u64(), Some(second as u64));
}

#[test]
fn reports_contain_every_claim() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    for (quote, code, stance) in [
        ("talks had failed", "offensive announced", "asserts"),
        (
            "Ce sont des rumeurs, de la pure propagande.",
            "propaganda denial",
            "denies",
        ),
    ] {
        let document = if quote.starts_with("Ce") {
            "quotidien.txt"
        } else {
            "wire.txt"
        };
        succeeds(&[
            "tag",
            &project,
            "--document",
            document,
            "--quote",
            quote,
            "--code",
            code,
            "--stance",
            stance,
            "--note",
            "a \"quoted\", noted",
        ]);
    }
    let csv = folder.path().join("claims.csv");
    succeeds(&["export", &project, "--format", "csv", "-o", path_str(&csv)]);
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        text.starts_with("id,document,document_title,file,outlet,date,codes,stance,speaker,quote,")
    );
    assert!(text.contains("talks had failed") && text.contains("de la pure propagande"));
    assert!(
        text.contains("\"a \"\"quoted\"\", noted\""),
        "quotes and commas are escaped: {text}"
    );
    let html = folder.path().join("report.html");
    succeeds(&[
        "export",
        &project,
        "--format",
        "html",
        "-o",
        path_str(&html),
    ]);
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(
        page.starts_with("<!DOCTYPE html>")
            && page.contains("talks had failed")
            && page.contains("de la pure propagande")
    );
    assert!(page.contains("<table>") && page.contains("propaganda denial"));
    let unknown = triangulate(&[
        "export",
        &project,
        "--format",
        "pdf",
        "-o",
        path_str(&folder.path().join("x.pdf")),
    ]);
    assert!(!unknown.status.success());
}

#[test]
fn graded_claims_rank_hypotheses_and_reach_the_report() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    // A denial in the French daily, a failed-talks line on the wire.
    for (document, quote, code, stance) in [
        (
            "quotidien.txt",
            "Ce sont des rumeurs",
            "propaganda denial",
            "denies",
        ),
        (
            "wire.txt",
            "talks had failed",
            "offensive announced",
            "asserts",
        ),
    ] {
        succeeds(&[
            "tag",
            &project,
            "--document",
            document,
            "--quote",
            quote,
            "--code",
            code,
            "--stance",
            stance,
        ]);
    }
    succeeds(&[
        "set",
        &project,
        "--document",
        "wire.txt",
        "--outlet",
        "Wire",
    ]);
    succeeds(&["grade", &project, "--outlet", "Wire", "A1"]);
    succeeds(&["grade", &project, "--claim", "1", "e5"]);
    let refused = triangulate(&["grade", &project, "--outlet", "Wire", "G9"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a grade"));
    // An outlet no document names, and a code without a name, are refused, naming what is known.
    let unchanged = std::fs::read(&project).expect("read");
    let refused = triangulate(&["grade", &project, "--outlet", "No such outlet", "B2"]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("No such outlet") && message.contains("\"Wire\""),
        "{message}"
    );
    let refused = triangulate(&[
        "tag",
        &project,
        "--document",
        "wire.txt",
        "--quote",
        "talks had failed",
        "--code",
        "",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("a code needs a name"));
    assert_eq!(
        std::fs::read(&project).expect("read"),
        unchanged,
        "nothing saved"
    );

    succeeds(&[
        "hypotheses",
        &project,
        "--add",
        "The resistance is surrendering",
    ]);
    succeeds(&["hypotheses", &project, "--add", "The resistance fights on"]);
    // The denial (graded E5) speaks against surrender; the failed talks (A1 from the wire)
    // speak against surrender too, and for fighting on.
    succeeds(&[
        "rate",
        &project,
        "--claim",
        "1",
        "--hypothesis",
        "1",
        "inconsistent",
    ]);
    succeeds(&["rate", &project, "--claim", "2", "--hypothesis", "1", "I"]);
    succeeds(&[
        "rate",
        &project,
        "--claim",
        "2",
        "--hypothesis",
        "2",
        "consistent",
    ]);
    let ranking = ok_json(&["hypotheses", &project, "--json"]);
    assert_eq!(ranking[0]["text"], "The resistance fights on");
    assert_eq!(ranking[0]["rank"], 1);
    assert_eq!(ranking[1]["inconsistent"], 2);
    // E5 weighs 0.2 × 0.2, A1 weighs 1.
    assert_eq!(ranking[1]["inconsistency"], 1.04);

    let claims = ok_json(&["claims", &project, "--json"]);
    assert_eq!(claims[0]["grade"], "E5");
    assert_eq!(claims[1]["grade"], "A1", "the wire's grade");
    assert_eq!(claims[1]["ratings"]["2"], "consistent");

    let report = folder.path().join("report.md");
    succeeds(&[
        "export",
        &project,
        "--format",
        "md",
        "-o",
        path_str(&report),
    ]);
    let text = std::fs::read_to_string(&report).expect("report");
    assert!(
        text.contains("graded A1") && text.contains("graded E5"),
        "{text}"
    );
    assert!(
        text.contains("| 1 | The resistance fights on | 0.00 | 1 | 0 | 0 |"),
        "{text}"
    );
    assert!(text.contains("## Timeline"));
}
