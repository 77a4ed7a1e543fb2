//! The headless commands, run as a user would run them, on files the tests write.

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

#[test]
fn import_creates_the_project_and_info_describes_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    let info = ok_json(&["info", &project, "--json"]);
    assert_eq!(info["name"], "my project");
    let documents = info["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 3);
    let quotidien = documents
        .iter()
        .find(|document| document["file"] == "quotidien.txt")
        .expect("quotidien");
    assert_eq!(quotidien["title"], "La vallée du Panchir résiste");
    assert_eq!(quotidien["date"], "2021-09-06");
    assert_eq!(quotidien["language"], "fr");
    assert_eq!(quotidien["outlet"], "");
    assert!(quotidien["id"].is_u64());
    let text = crate::support::REPORTS[1].1;
    assert_eq!(
        quotidien["chars"].as_u64(),
        Some(text.chars().count() as u64)
    );
    let wire = documents
        .iter()
        .find(|document| document["file"] == "wire.txt")
        .expect("wire");
    assert_eq!(wire["language"], "en");
    assert!(wire["date"].is_null());
}

#[test]
fn importing_the_same_text_twice_is_refused_naming_both_files() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    let copy = folder.path().join("copy of wire.txt");
    std::fs::copy(folder.path().join("wire.txt"), &copy).expect("copy");
    let output = triangulate(&["import", &project, path_str(&copy)]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("copy of wire.txt") && stdout.contains("wire.txt\""),
        "{stdout}"
    );
    assert_eq!(
        ok_json(&["info", &project, "--json"])["documents"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

#[test]
fn a_binary_file_fails_alone_and_the_others_are_imported() {
    let folder = tempfile::tempdir().expect("temp dir");
    let binary = folder.path().join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xd8]).expect("write");
    let good = folder.path().join("good.txt");
    std::fs::write(&good, "Short report\n\nThe valley held on Sunday.\n").expect("write");
    let project = folder.path().join("p.ron");
    let output = triangulate(&[
        "import",
        path_str(&project),
        path_str(&binary),
        path_str(&good),
    ]);
    assert!(
        !output.status.success(),
        "a failed file makes the command fail"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("failed")
            && stdout.contains("photo.txt")
            && stdout.contains("not a text file"),
        "{stdout}"
    );
    let info = ok_json(&["info", path_str(&project), "--json"]);
    assert_eq!(info["documents"].as_array().map(Vec::len), Some(1));
}

#[test]
fn entities_group_spellings_with_counts() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    let entities = ok_json(&["entities", &project, "--json"]);
    let list = entities.as_array().expect("a list");
    let massoud = entity_named(&entities, "Ahmad Massoud");
    assert_eq!(massoud["kind"], "person");
    assert_eq!(massoud["mentions"], 2);
    assert_eq!(massoud["documents"], 2);
    assert_eq!(massoud["variants"][0]["text"], "Ahmad Massoud");
    assert_eq!(massoud["variants"][0]["count"], 2);
    let front = entity_named(&entities, "National Resistance Front");
    assert_eq!(front["kind"], "organisation");
    assert!(list.iter().all(|entity| entity["id"].is_u64()));
}

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
fn dates_are_entities_with_resolved_values_that_follow_the_document_date() {
    let folder = tempfile::tempdir().expect("temp dir");
    let report = folder.path().join("report.txt");
    std::fs::write(&report, "Valley falls\n\nOn Monday, September 6, the Taliban said they held Bazarak. In 1996 they had failed.\n").expect("write");
    let project = folder.path().join("dates.ron");
    succeeds(&["import", path_str(&project), path_str(&report)]);
    let dates = |project: &str| -> Vec<Value> {
        ok_json(&["entities", project, "--json"])
            .as_array()
            .expect("list")
            .iter()
            .filter(|entity| entity["kind"] == "date")
            .cloned()
            .collect()
    };
    let before = dates(path_str(&project));
    let undated = before
        .iter()
        .find(|date| date["variants"][0]["text"] == "Monday, September 6")
        .expect("the date is found");
    assert!(
        undated["variants"][0]["value"].is_null(),
        "no year can be inferred yet: {undated}"
    );
    assert!(
        before
            .iter()
            .any(|date| date["variants"][0]["value"] == "1996")
    );
    succeeds(&[
        "set",
        path_str(&project),
        "--document",
        "1",
        "--date",
        "2021-09-07",
    ]);
    let after = dates(path_str(&project));
    let resolved = after
        .iter()
        .find(|date| date["variants"][0]["text"] == "Monday, September 6")
        .expect("still found");
    assert_eq!(resolved["variants"][0]["value"], "2021-09-06");
    assert_eq!(resolved["name"], "2021-09-06");
    assert_eq!(resolved["mentions"], 1);
}

#[test]
fn a_saved_web_page_imports_as_its_article_with_metadata() {
    let folder = tempfile::tempdir().expect("temp dir");
    let page = folder.path().join("article page.html");
    std::fs::write(
        &page,
        r#"<html lang="en"><head><title>Resistance holds | Northern Ledger</title>
<meta property="og:site_name" content="Northern Ledger"><meta name="author" content="Sam Reed">
<meta property="article:published_time" content="2021-09-03T08:00:00Z">
<link rel="canonical" href="https://ledger.example/resistance-holds"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Resistance holds</h1><p>Fighters loyal to Ahmad Massoud said on Thursday they still held the Panjshir valley north of Kabul.</p>
<p>Taliban spokesman Zabihullah Mujahid said talks had failed and an offensive had begun.</p></article>
<aside><h3>Related</h3><a href="/x">Ten photos of the week</a></aside><footer>Privacy policy</footer></body></html>"#,
    )
    .expect("write");
    let project = folder.path().join("web.ron");
    succeeds(&["import", path_str(&project), path_str(&page)]);
    let info = ok_json(&["info", path_str(&project), "--json"]);
    let document = &info["documents"][0];
    assert_eq!(document["outlet"], "Northern Ledger");
    assert_eq!(document["author"], "Sam Reed");
    assert_eq!(document["date"], "2021-09-03");
    assert_eq!(document["url"], "https://ledger.example/resistance-holds");
    assert_eq!(document["language"], "en");
    assert_eq!(document["file"], "article page.html");
    let entities = ok_json(&["entities", path_str(&project), "--json"]);
    let names: Vec<&str> = entities
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|entity| entity["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Ahmad Massoud") && names.contains(&"Zabihullah Mujahid"),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|name| name.contains("Privacy") || name.contains("World")),
        "{names:?}"
    );
}

#[test]
fn word_processor_files_import_and_unsupported_formats_say_so() {
    use std::io::Write;
    let folder = tempfile::tempdir().expect("temp dir");
    let docx = folder.path().join("note de synthèse.docx");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
    writer
        .write_all(b"<w:document><w:body><w:p><w:r><w:t>Briefing on the valley</w:t></w:r></w:p><w:p><w:r><w:t>Fahim Dashti said the resistance still held Bazarak on Monday.</w:t></w:r></w:p></w:body></w:document>")
        .expect("write");
    std::fs::write(&docx, writer.finish().expect("zip").into_inner()).expect("write");
    let pdf = folder.path().join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").expect("write");
    let legacy = folder.path().join("old memo.doc");
    std::fs::write(&legacy, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 a Word 97 file").expect("write");
    let project = folder.path().join("office.ron");
    let output = triangulate(&[
        "import",
        "--json",
        path_str(&project),
        path_str(&docx),
        path_str(&pdf),
        path_str(&legacy),
    ]);
    let lines: Value = serde_json::from_slice(&output.stdout).expect("JSON outcomes");
    assert_eq!(lines[0]["status"], "imported");
    assert_eq!(lines[1]["status"], "failed");
    let reason = |index: usize| {
        lines[index]["reason"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        reason(1).contains("PDF"),
        "a broken PDF says what is wrong with it: {lines}"
    );
    assert_eq!(lines[2]["status"], "failed");
    assert!(
        reason(2).contains("DOC files cannot be imported yet"),
        "{lines}"
    );
    let info = ok_json(&["info", path_str(&project), "--json"]);
    assert_eq!(info["documents"][0]["title"], "Briefing on the valley");
    assert_eq!(info["documents"][0]["file"], "note de synthèse.docx");
}

#[test]
fn an_epub_book_and_an_rtf_document_import_with_their_metadata() {
    use std::io::Write;
    let folder = tempfile::tempdir().expect("temp dir");
    let epub = folder.path().join("livre é.epub");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let entries = [
        ("mimetype", "application/epub+zip"),
        (
            "META-INF/container.xml",
            r#"<container><rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#,
        ),
        (
            "OPS/book.opf",
            r#"<package version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>The Fall of the Valley</dc:title><dc:creator>Ana Lima</dc:creator>
<dc:language>en</dc:language><dc:date>2022-03-01</dc:date></metadata>
<manifest><item id="b" href="text/b.xhtml" media-type="application/xhtml+xml"/>
<item id="a" href="text/a.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="a"/><itemref idref="b"/></spine></package>"#,
        ),
        (
            "OPS/text/a.xhtml",
            "<html><body><h1>One</h1><p>Fighters loyal to Ahmad Massoud held the Panjshir valley &#8212; for a while.</p></body></html>",
        ),
        (
            "OPS/text/b.xhtml",
            "<html><body><h1>Two</h1><p>Taliban spokesman Zabihullah Mujahid announced its fall.</p></body></html>",
        ),
    ];
    for (name, content) in entries {
        writer.start_file(name, stored).expect("entry");
        writer.write_all(content.as_bytes()).expect("write");
    }
    std::fs::write(&epub, writer.finish().expect("zip").into_inner()).expect("write");
    let rtf = folder.path().join("dépêche.rtf");
    std::fs::write(
        &rtf,
        br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}
{\info{\title D\'e9p\'eache de Kaboul}{\author Claire Martin}}
\pard\f0 Le porte-parole Fahim Dashti a d\'e9clar\'e9 que la r\'e9sistance tenait Bazarak.\par
Les talibans l\u8217?ont ni\'e9.\par}",
    )
    .expect("write");
    let project = folder.path().join("books.ron");
    succeeds(&[
        "import",
        path_str(&project),
        path_str(&epub),
        path_str(&rtf),
    ]);
    let info = ok_json(&["info", path_str(&project), "--json"]);
    let book = &info["documents"][0];
    assert_eq!(book["title"], "The Fall of the Valley");
    assert_eq!(book["author"], "Ana Lima");
    assert_eq!(book["date"], "2022-03-01");
    assert_eq!(book["language"], "en");
    assert_eq!(book["file"], "livre é.epub");
    let dispatch = &info["documents"][1];
    assert_eq!(dispatch["title"], "Dépêche de Kaboul");
    assert_eq!(dispatch["author"], "Claire Martin");
    assert_eq!(dispatch["language"], "fr");
    assert_eq!(dispatch["encoding"], "windows-1252");
    let hits = |query: &str| ok_json(&["search", path_str(&project), query, "--json", "--case"]);
    // The spine's order, not the manifest's: chapter one comes first.
    let valley = hits("valley — for a while");
    assert_eq!(valley[0]["document"], book["id"], "{valley}");
    let fall = hits("announced its fall");
    assert_eq!(fall[0]["document"], book["id"], "{fall}");
    assert!(
        fall[0]["start"].as_u64() > valley[0]["start"].as_u64(),
        "{valley} {fall}"
    );
    let denied = hits("l’ont nié");
    assert_eq!(denied[0]["document"], dispatch["id"], "{denied}");
    assert_eq!(hits("fonttbl").as_array().map(Vec::len), Some(0));
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
fn a_name_list_groups_spellings_across_languages() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = imported(folder.path());
    let list = folder.path().join("watch list.csv");
    std::fs::write(&list, "# kind, name, aliases\nplace, Panjshir, Panchir, Panjsher\norganisation, National Resistance Front, NRF, Front national de résistance\nnot a kind at all\n").expect("write");
    succeeds(&["names", &project, path_str(&list)]);
    let entities = ok_json(&["entities", &project, "--json"]);
    let place = entity_named(&entities, "Panjshir");
    assert_eq!(place["kind"], "place");
    assert_eq!(
        place["mentions"], 3,
        "one mention in each report, under three spellings: {place}"
    );
    assert_eq!(place["documents"], 3);
    let missing = triangulate(&[
        "names",
        &project,
        path_str(&folder.path().join("nowhere.csv")),
    ]);
    assert!(
        !missing.status.success()
            && String::from_utf8_lossy(&missing.stderr).contains("nowhere.csv")
    );
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

#[test]
fn shared_passages_and_near_duplicates_are_printed_as_json() {
    let folder = tempfile::tempdir().expect("temp dir");
    let wire = "Taliban fighters were moving towards the valley on Sunday, the group said, as the last pocket of armed opposition to the new rulers refused to lay down its weapons a week after the fall of the capital.";
    let texts = [
        ("wire.txt", format!("Wire\n\n{wire}\n")),
        (
            "relay.txt",
            format!("Relay\n\nAccording to the agency, {wire}\n\nMarkets stayed closed.\n"),
        ),
        (
            "other.txt",
            "Weather\n\nHeavy rain flooded the market district on Tuesday and several shops were closed while workers cleared the drains.\n".to_owned(),
        ),
    ];
    let project = folder.path().join("shared.ron");
    let mut arguments = vec!["import".to_owned(), path_str(&project).to_owned()];
    for (name, text) in &texts {
        let path = folder.path().join(name);
        std::fs::write(&path, text).expect("write");
        arguments.push(path_str(&path).to_owned());
    }
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    succeeds(&arguments);

    let passages = ok_json(&["passages", path_str(&project), "--json"]);
    let list = passages.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{passages}");
    let passage = &list[0];
    assert_eq!(
        (passage["a"].as_u64(), passage["b"].as_u64()),
        (Some(1), Some(2))
    );
    let (start, end) = (
        passage["b_start"].as_u64().expect("offset") as usize,
        passage["b_end"].as_u64().expect("offset") as usize,
    );
    assert!(texts[1].1[start..end].starts_with("Taliban fighters"));
    assert!(passage["score"].as_f64().is_some_and(|score| score > 0.9));

    let pairs = ok_json(&["passages", path_str(&project), "--pairs", "--json"]);
    assert_eq!(pairs[0]["near_duplicate"], true, "{pairs}");
    assert_eq!(pairs.as_array().map(Vec::len), Some(1));

    // The threshold is the user's: a share above what either document has of the other
    // makes the pair no near-duplicate.
    let covered = pairs[0]["a_covered"]
        .as_f64()
        .expect("a share")
        .max(pairs[0]["b_covered"].as_f64().expect("a share"));
    assert!(covered < 0.99, "the title is not shared: {pairs}");
    let above = ((covered * 100.0).floor() as u32 + 1).to_string();
    let strict = ok_json(&[
        "passages",
        path_str(&project),
        "--pairs",
        "--near-duplicate",
        &above,
        "--json",
    ]);
    assert_eq!(strict[0]["near_duplicate"], false, "at {above}%: {strict}");
    // Saved in the project (as the Shared text view does), it applies without the option.
    let (mut saved, _) = triangulate::store::load(&project).expect("loads");
    let edit = triangulate::edit::Edit::set_near_duplicate(
        &saved,
        triangulate::model::NearDuplicate::new(above.parse().expect("a number")).expect("in range"),
    )
    .expect("a change");
    let _undo = edit.apply(&mut saved).expect("applies");
    triangulate::store::save(&saved, &project).expect("saves");
    let again = ok_json(&["passages", path_str(&project), "--pairs", "--json"]);
    assert_eq!(again[0]["near_duplicate"], strict[0]["near_duplicate"]);
    let (reloaded, _) = triangulate::store::load(&project).expect("loads");
    assert_eq!(reloaded.near_duplicate, saved.near_duplicate);
    // Out of range is refused with a message, not taken for another share.
    let refused = triangulate(&[
        "passages",
        path_str(&project),
        "--pairs",
        "--near-duplicate",
        "0",
    ]);
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && message.contains("1 to 100"),
        "{message}"
    );
}

#[test]
fn a_generated_corpus_is_the_same_for_the_same_seed_and_imports_in_two_languages() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (first, second) = (folder.path().join("a"), folder.path().join("b"));
    for target in [&first, &second] {
        succeeds(&[
            "generate-corpus",
            path_str(target),
            "--documents",
            "6",
            "--seed",
            "40",
        ]);
    }
    let files = |folder: &Path| {
        let mut names: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
            .expect("folder")
            .map(|entry| {
                let path = entry.expect("entry").path();
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read(&path).expect("read"))
            })
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        files(&first),
        files(&second),
        "the same seed writes the same bytes"
    );
    let claims = std::fs::read_to_string(first.join("claims.tsv")).expect("claims");
    assert_eq!(
        claims.lines().count(),
        7,
        "a header and one claim a report: {claims}"
    );

    let project = folder.path().join("generated.ron");
    succeeds(&["import", path_str(&project), path_str(&first)]);
    let info = ok_json(&["info", path_str(&project), "--json"]);
    let languages: Vec<&str> = info["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|document| document["language"].as_str())
        .collect();
    assert_eq!(languages.len(), 6);
    assert!(
        languages.contains(&"en") && languages.contains(&"fr"),
        "{languages:?}"
    );
    // A planted claim can be found again and tagged.
    let (file, quote) = claims
        .lines()
        .nth(1)
        .and_then(|line| {
            let mut fields = line.split('\t');
            Some((fields.next()?.to_owned(), fields.next()?.to_owned()))
        })
        .expect("a claim row");
    succeeds(&[
        "tag",
        path_str(&project),
        "--document",
        &file,
        "--quote",
        &quote,
        "--code",
        "test",
    ]);
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
