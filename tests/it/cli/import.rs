//! Importing: a new project, duplicates and files that fail, web pages, word processor files,
//! EPUB and RTF.

use super::{imported, ok_json, path_str, succeeds, triangulate};
use serde_json::Value;

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
    assert_eq!(
        output.status.code(),
        Some(3),
        "a failed file among good ones is a partly failed import"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 file could not be imported into"));
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
    let folder = tempfile::tempdir().expect("temp dir");
    let docx = folder.path().join("note de synthèse.docx");
    std::fs::write(
        &docx,
        docx_of("<w:document><w:body><w:p><w:r><w:t>Briefing on the valley</w:t></w:r></w:p><w:p><w:r><w:t>Fahim Dashti said the resistance still held Bazarak on Monday.</w:t></w:r></w:p></w:body></w:document>"),
    )
    .expect("write");
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

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_printed_escaped() {
    let folder = tempfile::tempdir().expect("temp dir");
    let hostile = folder
        .path()
        .join("report\u{1b}]0;owned\u{7}\u{1b}[31m.txt");
    std::fs::write(&hostile, "Report\n\nThe valley held on Sunday.\n").expect("write");
    let project = folder.path().join("p.ron");
    let output = succeeds(&["import", path_str(&project), path_str(&hostile)]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains(r"report\u{1b}]0;owned\u{7}\u{1b}[31m.txt"),
        "{stdout}"
    );
    // In errors too.
    let missing = folder.path().join("gone\u{1b}[2J.ron");
    let output = triangulate(&["info", path_str(&missing)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && !stderr.contains('\u{1b}'),
        "{stderr:?}"
    );
    assert!(stderr.contains(r"gone\u{1b}[2J.ron"), "{stderr}");
}

#[test]
fn a_small_document_whose_text_inflates_past_the_limit_is_refused() {
    let folder = tempfile::tempdir().expect("temp dir");
    let docx = folder.path().join("bomb.docx");
    let paragraph = format!(
        "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
        "The valley held on Sunday. ".repeat(40)
    );
    let body = format!(
        "<w:document><w:body>{}</w:body></w:document>",
        paragraph.repeat(2_000)
    );
    std::fs::write(&docx, docx_of(&body)).expect("write");
    let size = std::fs::metadata(&docx).expect("size").len();
    let options = triangulate::import::ImportOptions {
        max_bytes: 1_000_000,
        ..Default::default()
    };
    assert!(size < options.max_bytes, "the file itself is small: {size}");
    let error = triangulate::import::read_document(&docx, options).expect_err("refused");
    assert!(
        matches!(error, triangulate::import::ImportError::TextTooLarge { .. })
            && error.to_string().contains("once extracted"),
        "{error}"
    );
    // Under the limit, the same document imports.
    let roomy = triangulate::import::ImportOptions {
        max_bytes: 10_000_000,
        ..Default::default()
    };
    assert!(triangulate::import::read_document(&docx, roomy).is_ok());
}

/// A Word document whose `word/document.xml` is `document`.
fn docx_of(document: &str) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("entry");
    writer.write_all(document.as_bytes()).expect("write");
    writer.finish().expect("zip").into_inner()
}

#[test]
fn a_clipped_report_reads_as_its_headline_and_article_without_header_or_furniture() {
    let folder = tempfile::tempdir().expect("temp dir");
    let clip = folder.path().join("clip.txt");
    let text = " date 2021-09 Reading time: 3 minutes\nTaliban close in on the valley\n\n\
                Fighters were seen on the road to Bazarak on Sunday, witnesses said.\n\n\
                Download our app on the App Store\n\nappstore-badge_EN logo-google-play\n\n\
                Residents say stocks of food could last several months.\n\nOur columnists\n\n\
                By Claire Martin\n\nJean Dupont\n";
    std::fs::write(&clip, text).expect("write");
    let project = folder.path().join("clip.ron");
    succeeds(&["import", path_str(&project), path_str(&clip)]);
    let documents = ok_json(&["text", path_str(&project), "--json"]);
    assert_eq!(
        documents,
        serde_json::json!([{
            "id": 1,
            "file": "clip.txt",
            "title": "Taliban close in on the valley",
            "text": text,
            "body": "Taliban close in on the valley\n\n\
                     Fighters were seen on the road to Bazarak on Sunday, witnesses said.\n\n\
                     Residents say stocks of food could last several months."
        }])
    );
    let info = ok_json(&["info", path_str(&project), "--json"]);
    let document = &info["documents"][0];
    assert_eq!(document["date"], "2021-09");
    assert_eq!(
        document["author"], "",
        "a columnist's byline is not the author"
    );
    let missing = triangulate(&["text", path_str(&project), "--document", "2"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no document 2"));
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_keeps_its_bytes_as_escapes() {
    use std::os::unix::ffi::OsStrExt as _;
    let folder = tempfile::tempdir().expect("temp dir");
    // "rapport-été.txt" written in Latin-1, as an old archive or a Windows share can leave it.
    let name = std::ffi::OsStr::from_bytes(b"rapport-\xe9t\xe9.txt");
    let path = folder.path().join(name);
    std::fs::write(&path, "La vallée a tenu dimanche, selon les habitants.\n").expect("write");
    let imported =
        triangulate::import::read_document(&path, triangulate::import::ImportOptions::default())
            .expect("reads");
    assert_eq!(imported.document.file, r"rapport-\xE9t\xE9.txt");
    assert!(
        !imported.document.title.contains('\u{fffd}'),
        "{}",
        imported.document.title
    );
}

#[test]
fn a_file_over_the_time_or_size_limit_the_user_sets_is_refused_naming_both() {
    let folder = tempfile::tempdir().expect("temp dir");
    // A saved page of 4 MB: reading it takes far longer than a hundredth of a second.
    let page = folder.path().join("long page.html");
    let paragraph = "<p>Fighters held the valley while the talks went on in the capital.</p>\n";
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Long</title></head><body><article>{}</article></body></html>",
            paragraph.repeat(60_000)
        ),
    )
    .expect("write");
    let project = folder.path().join("p.ron");
    let output = triangulate(&[
        "import",
        path_str(&project),
        path_str(&page),
        "--time-limit",
        "0.01",
        "--json",
    ]);
    assert!(!output.status.success(), "nothing imported");
    let lines: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(lines[0]["status"], "failed");
    assert_eq!(
        lines[0]["reason"],
        "reading it took longer than 0.01 s and was given up"
    );
    let output = triangulate(&[
        "import",
        path_str(&project),
        path_str(&page),
        "--max-file-size",
        "1",
        "--json",
    ]);
    let lines: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(lines[0]["reason"], "it is 4.3 MB, over the limit of 1.0 MB");
    for flag in ["--time-limit", "--max-file-size"] {
        let output = triangulate(&["import", path_str(&project), path_str(&page), flag, "0"]);
        assert!(!output.status.success());
        assert!(
            String::from_utf8_lossy(&output.stderr)
                .contains(&format!("{flag} must be a positive number, not 0")),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // Within the defaults, the same page imports.
    succeeds(&["import", path_str(&project), path_str(&page)]);
}

#[test]
fn a_page_read_whole_is_imported_with_a_warning_that_stays_with_the_document() {
    let folder = tempfile::tempdir().expect("temp dir");
    let page = folder.path().join("home.html");
    std::fs::write(&page, crate::support::MENU_PAGE).expect("write");
    let project = folder.path().join("pages.ron");
    let output = triangulate(&["import", "--json", path_str(&project), path_str(&page)]);
    let lines: Value = serde_json::from_slice(&output.stdout).expect("JSON outcomes");
    let warning = "the article could not be told from the rest of the page: the text includes 6 items of the site's menus (set aside what is not the article)";
    assert_eq!(lines[0]["status"], "imported");
    assert_eq!(lines[0]["warnings"], serde_json::json!([warning]));
    // Saved with the document, and read back from the project file.
    let info = ok_json(&["info", path_str(&project), "--json"]);
    assert_eq!(
        info["documents"][0]["import_warnings"],
        serde_json::json!([warning])
    );
    let saved = std::fs::read_to_string(&project).expect("project file");
    assert_eq!(saved.matches("import_warnings").count(), 1, "{saved}");
}
