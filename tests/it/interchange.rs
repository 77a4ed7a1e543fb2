//! Interchange with other tools: REFI-QDA projects and codebooks out and in, W3C Web
//! Annotations out. Exported files are validated against the standard's own schemas, and every
//! exported passage is checked against the claim's words by reading the file independently.

use crate::support::tagged_project;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;
use triangulate::export::qdpx::{Options, codebook_qdc, project_qde, qdpx};
use triangulate::import::qdpx::{PositionUnit, read_codebook, read_exchange, read_qdpx};
use triangulate::model::{Code, Project, Rgb};
use triangulate::workspace::prepare_exchange;

/// The entries of a ZIP archive, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP archive");
    let mut entries = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("entry");
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read entry");
        entries.insert(entry.name().expect("a name").into_owned(), content);
    }
    entries
}

/// A ZIP archive of these entries.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        writer.write_all(content).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

/// Validates an XML file against a schema of `tests/schemas` with xmllint. Without xmllint the
/// check is skipped with a warning, except where `TRIANGULATE_REQUIRE_XMLLINT` is set (`.ci/run`
/// and the Linux and macOS jobs of the GitHub workflow, which have it).
fn validate(xml: &str, schema: &str) {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("file.xml");
    std::fs::write(&file, xml).expect("write");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas")
        .join(schema);
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output();
    match output {
        Ok(output) => assert!(
            output.status.success(),
            "not valid against {}: {}",
            schema.display(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => {
            assert!(
                std::env::var_os("TRIANGULATE_REQUIRE_XMLLINT")
                    .is_none_or(|value| value.is_empty()),
                "xmllint is required (TRIANGULATE_REQUIRE_XMLLINT is set): {error}"
            );
            eprintln!("xmllint not found ({error}): schema validation skipped");
        }
    }
}

/// The sample project every user meets first.
fn sample() -> Project {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/panjshir-2021/panjshir-2021.ron");
    triangulate::store::load(&path).expect("the sample loads").0
}

/// The value of an attribute in an XML start tag as written.
fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker).expect("attribute") + marker.len();
    let end = tag[start..].find('"').expect("closing quote") + start;
    &tag[start..end]
}

#[test]
fn exported_projects_and_codebooks_are_valid_against_the_refi_qda_schemas() {
    let project = sample();
    assert!(!project.claims.is_empty() && !project.codes.is_empty());
    validate(
        &project_qde(&project, Options::default()),
        "Project-mrt2019.xsd",
    );
    let mentions = triangulate::workspace::Workspace::new(project.clone(), None, None).mentions();
    let with_entities = project_qde(
        &project,
        Options {
            entities: Some(&mentions),
        },
    );
    assert!(with_entities.contains("name=\"Entities\" isCodable=\"false\""));
    validate(&with_entities, "Project-mrt2019.xsd");
    validate(&codebook_qdc(&project).expect("codes"), "Codebook.xsd");
    let folder = tempfile::tempdir().expect("temp dir");
    let project = tagged_project(folder.path());
    validate(
        &project_qde(&project, Options::default()),
        "Project-mrt2019.xsd",
    );
    // A project without codes or documents is still a valid file.
    validate(
        &project_qde(&Project::new("Empty"), Options::default()),
        "Project-mrt2019.xsd",
    );
}

#[test]
fn every_exported_selection_covers_exactly_its_claim_passage_counted_in_characters() {
    let folder = tempfile::tempdir().expect("temp dir");
    // Emoji, curly quotes, guillemets and accents: bytes and characters differ on every line.
    let project = tagged_project(folder.path());
    let entries = unzip(&qdpx(&project, Options::default()).expect("archive"));
    let qde = String::from_utf8(entries["project.qde"].clone()).expect("UTF-8");
    let mut checked = 0;
    for source in qde.split("<TextSource ").skip(1) {
        let head = &source[..source.find('>').expect("tag end")];
        let path = attribute(head, "plainTextPath");
        let file = path.strip_prefix("internal://").expect("internal path");
        let text = String::from_utf8(entries[&format!("Sources/{file}")].clone()).expect("UTF-8");
        let document = project
            .documents
            .iter()
            .find(|document| *document.text == *text)
            .expect("the text file is the document's text, as is");
        let chars: Vec<char> = text.chars().collect();
        let source = &source[..source.find("</TextSource>").expect("end")];
        let quotes: Vec<&str> = project
            .claims
            .iter()
            .filter(|claim| claim.document == document.id)
            .flat_map(|claim| claim.quotes().map(|quote| quote.exact.as_str()))
            .collect();
        let selections: Vec<String> = source
            .split("<PlainTextSelection ")
            .skip(1)
            .map(|selection| {
                let start: usize = attribute(selection, "startPosition")
                    .parse()
                    .expect("number");
                let end: usize = attribute(selection, "endPosition").parse().expect("number");
                chars[start..end].iter().collect()
            })
            .collect();
        assert_eq!(selections, quotes, "in {}", document.title);
        checked += selections.len();
    }
    // Two claims, the first with a second passage.
    assert_eq!(checked, 3);
}

/// The parts of a project that a round trip through another tool's format must keep.
fn comparable(project: &Project) -> serde_json::Value {
    let code_name = |id| {
        project
            .code(id)
            .map(|code: &Code| code.name.clone())
            .unwrap_or_default()
    };
    let mut value = serde_json::json!({
        "documents": project.documents.iter().map(|document| serde_json::json!({
            "title": document.title, "outlet": document.outlet, "author": document.author,
            "url": document.url, "file": document.file, "language": document.language,
            "date": document.date.map(|date| date.to_string()), "text": &*document.text,
            "note": document.note,
        })).collect::<Vec<_>>(),
        "codes": project.codes.iter().map(|code| serde_json::json!({
            "name": code.name, "colour": code.colour.to_string(), "description": code.description,
            "parent": code.parent.map(code_name),
            "contradicts": code.contradicts.iter().map(|id| code_name(*id)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "claims": project.claims.iter().map(|claim| serde_json::json!({
            "document": project.document(claim.document).map(|document| document.title.clone()),
            "passages": claim.quotes().map(|quote| (quote.span.start(), quote.span.end(), quote.exact.clone())).collect::<Vec<_>>(),
            "codes": claim.codes.iter().map(|id| code_name(*id)).collect::<Vec<_>>(),
            "stance": claim.stance.as_str(),
            "speaker": project.speaker_name(claim),
            "via_outlet": claim.via_outlet, "date": claim.date.map(|date| date.to_string()),
            "grade": claim.grade.to_string(), "note": claim.note,
            "ratings": claim.ratings.iter().map(|(id, rating)| (project.hypothesis(*id).map(|h| h.text.clone()), rating.as_str())).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "notes": project.notes,
        "outlet_grades": project.outlet_grades.iter().map(|(outlet, grade)| (outlet.clone(), grade.to_string())).collect::<Vec<_>>(),
        "hypotheses": project.hypotheses.iter().map(|hypothesis| hypothesis.text.clone()).collect::<Vec<_>>(),
    });
    // Ids are the importing project's own: codes and claims compare in a fixed order.
    for (list, key) in [("codes", "name"), ("claims", "passages")] {
        if let Some(items) = value[list].as_array_mut() {
            items.sort_by_key(|item| format!("{} {}", item["document"], item[key]));
        }
    }
    value
}

/// A project with everything a round trip must carry: a sub-code with a description, a
/// contradiction, a via outlet, a claim date, document and project notes.
fn rich_project(folder: &Path) -> Project {
    use triangulate::edit::Edit;
    let mut project = tagged_project(folder);
    let apply = |project: &mut Project, edit: Option<Edit>| {
        let _undo = edit.expect("edit").apply(project).expect("applies");
    };
    let (edit, parent) = Edit::add_code(&project, "Resistance statements", None);
    apply(&mut project, Some(edit));
    let denial = project.code_by_name("propaganda denial").expect("code").id;
    let edit = Edit::update_code(&project, denial, "Nest", |code| {
        code.parent = Some(parent);
        code.description = "A denial that calls the report <propaganda> & lies".into();
        code.colour = Rgb([0x12, 0xab, 0xef]);
    });
    apply(&mut project, edit);
    let (edit, rumour) = Edit::add_code(&project, "surrender rumors", None);
    apply(&mut project, Some(edit));
    let edit = Edit::set_contradicting(&project, denial, rumour, true);
    apply(&mut project, edit);
    let claim = project.claims[1].id;
    let edit = Edit::update_claim(&project, claim, "Edit claim", |claim| {
        claim.via_outlet = Some("AFP".into());
        claim.date = "2021-09-05".parse().ok();
        claim.note = "Two lines:\nStance: not a field".into();
    });
    apply(&mut project, edit);
    let document = project.documents[0].id;
    let edit = Edit::update_document(&project, document, "Note", |document| {
        document.note = "Wire copy, checked".into();
    });
    apply(&mut project, edit);
    let edit = Edit::set_notes(&project, "Project notes\nwith two lines");
    apply(&mut project, edit);
    project
}

#[test]
fn a_project_exported_and_imported_back_has_the_same_documents_codes_and_claims() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = rich_project(folder.path());
    let exchange = read_qdpx(&qdpx(&project, Options::default()).expect("archive")).expect("reads");
    assert_eq!(exchange.positions, PositionUnit::CodePoints);
    assert_eq!(exchange.not_imported, Vec::<String>::new());
    let mut copy = Project::new(project.name.clone());
    let (edit, report) = prepare_exchange(&copy, &exchange);
    let _undo = edit.expect("an edit").apply(&mut copy).expect("applies");
    assert_eq!(comparable(&copy), comparable(&project));
    assert_eq!(
        (
            report.documents_added,
            report.codes_added,
            report.claims_added
        ),
        (3, 3, 2)
    );
    // Imported again, nothing is added twice.
    let (edit, report) = prepare_exchange(&copy, &exchange);
    assert!(edit.is_none(), "{:?}", edit.map(|edit| edit.changes.len()));
    assert_eq!(
        (
            report.documents_reused,
            report.codes_reused,
            report.claims_added
        ),
        (3, 3, 0)
    );
}

#[test]
fn the_sample_project_survives_a_round_trip_with_its_entities_exported() {
    let project = sample();
    let mentions = triangulate::workspace::Workspace::new(project.clone(), None, None).mentions();
    let bytes = qdpx(
        &project,
        Options {
            entities: Some(&mentions),
        },
    )
    .expect("archive");
    let exchange = read_qdpx(&bytes).expect("reads");
    let mut copy = Project::new(project.name.clone());
    let (edit, report) = prepare_exchange(&copy, &exchange);
    let _undo = edit.expect("an edit").apply(&mut copy).expect("applies");
    let mut expected = comparable(&project);
    let mut found = comparable(&copy);
    // Speakers are the project's entities: the copy has the ones its claims name.
    expected["documents"] = serde_json::Value::Null;
    found["documents"] = serde_json::Value::Null;
    assert_eq!(found, expected);
    assert_eq!(copy.documents.len(), project.documents.len());
    for (copy, original) in copy.documents.iter().zip(&project.documents) {
        assert_eq!(
            (
                &copy.title,
                &copy.outlet,
                copy.date,
                &copy.language,
                &copy.text
            ),
            (
                &original.title,
                &original.outlet,
                original.date,
                &original.language,
                &original.text
            )
        );
    }
    // The entity codes are listed as not brought in, not silently dropped.
    assert!(
        report
            .not_imported
            .iter()
            .any(|item| item.contains("entity codes under")),
        "{:?}",
        report.not_imported
    );
}

/// A project as another implementation writes it: sources named by GUID with a lower-case
/// folder, a byte-order mark and CR LF line ends, positions in UTF-16 code units, codes nested
/// three deep, a selection at the very end of a text, and items Triangulate cannot take.
fn foreign_archive() -> Vec<u8> {
    let first =
        "\u{feff}Panjshir update\r\nThe NRF said 🛡️ it holds the valley.\r\nLast words here";
    let second = "Deuxième texte : « Massoud résiste »";
    // UTF-16 positions in the text with CR LF counted as one (the BOM is not text).
    let utf16 = |text: &str, part: &str| {
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let start = text.find(part).expect("in text");
        let units = |s: &str| s.encode_utf16().count();
        (units(&text[..start]), units(&text[..start]) + units(part))
    };
    let (a_start, a_end) = utf16(first, "it holds the valley.");
    let (b_start, b_end) = utf16(first, "Last words here");
    let (c_start, c_end) = utf16(second, "« Massoud résiste »");
    let qde = format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project name="Fieldwork" origin="Another tool 2.1" xmlns="urn:QDA-XML:project:1.0">
<Users><User guid="AAAAAAAA-0000-0000-0000-000000000001" name="ana"/></Users>
<CodeBook><Codes>
 <Code guid="C0000000-0000-0000-0000-000000000001" name="Claims" isCodable="false" color="#a00">
  <Code guid="C0000000-0000-0000-0000-000000000002" name="Military" isCodable="true">
   <Description>Fighting &amp; control</Description>
   <Code guid="C0000000-0000-0000-0000-000000000003" name="Holds the valley" isCodable="true" color="#00FF00"/>
  </Code>
 </Code>
 <Code guid="C0000000-0000-0000-0000-000000000004" name="Military" isCodable="true"/>
</Codes></CodeBook>
<Variables><Variable guid="V0000000-0000-0000-0000-000000000001" name="Outlet" typeOfVariable="Text"/></Variables>
<Cases><Case guid="CA000000-0000-0000-0000-000000000001" name="case"/></Cases>
<Sources>
 <TextSource guid="S0000000-0000-0000-0000-000000000001" name="Update" plainTextPath="internal://S0000000-0000-0000-0000-000000000001.txt">
  <PlainTextSelection guid="P0000000-0000-0000-0000-000000000001" name="it holds the valley." startPosition="{a_start}" endPosition="{a_end}">
   <Coding guid="D0000000-0000-0000-0000-000000000001"><CodeRef targetGUID="C0000000-0000-0000-0000-000000000003"/></Coding>
   <NoteRef targetGUID="N0000000-0000-0000-0000-000000000001"/>
  </PlainTextSelection>
  <PlainTextSelection guid="P0000000-0000-0000-0000-000000000002" name="Last words here" startPosition="{b_start}" endPosition="{b_end}">
   <Coding guid="D0000000-0000-0000-0000-000000000002"><CodeRef targetGUID="C0000000-0000-0000-0000-000000000004"/></Coding>
  </PlainTextSelection>
  <VariableValue><VariableRef targetGUID="V0000000-0000-0000-0000-000000000001"/><TextValue>Wire</TextValue></VariableValue>
 </TextSource>
 <TextSource guid="S0000000-0000-0000-0000-000000000002" name="Texte">
  <PlainTextContent>{second}</PlainTextContent>
  <PlainTextSelection guid="P0000000-0000-0000-0000-000000000003" name="« Massoud résiste »" startPosition="{c_start}" endPosition="{c_end}">
   <Coding guid="D0000000-0000-0000-0000-000000000003"><CodeRef targetGUID="C0000000-0000-0000-0000-000000000002"/></Coding>
  </PlainTextSelection>
 </TextSource>
 <PictureSource guid="I0000000-0000-0000-0000-000000000001" name="map" path="internal://map.png"/>
</Sources>
<Notes><Note guid="N0000000-0000-0000-0000-000000000001" name="memo"><PlainTextContent>Seen on two sites</PlainTextContent></Note></Notes>
</Project>
"##
    );
    zip_of(&[
        ("project.qde", qde.as_bytes()),
        (
            "sources/S0000000-0000-0000-0000-000000000001.txt",
            first.as_bytes(),
        ),
        ("sources/map.png", b"\x89PNG"),
    ])
}

#[test]
fn a_project_written_by_another_implementation_comes_in_with_its_passages_exact() {
    let exchange = read_qdpx(&foreign_archive()).expect("reads");
    assert_eq!(exchange.positions, PositionUnit::Utf16);
    assert_eq!(exchange.not_imported, vec!["1 case", "1 picture"]);
    let mut project = Project::new("Mine");
    let (edit, report) = prepare_exchange(&project, &exchange);
    let _undo = edit.expect("an edit").apply(&mut project).expect("applies");
    assert_eq!(
        (
            report.documents_added,
            report.codes_added,
            report.claims_added
        ),
        (2, 4, 3)
    );
    let found: Vec<(String, Vec<&str>, &str, &str)> = project
        .claims
        .iter()
        .map(|claim| {
            (
                claim.quote.exact.clone(),
                project.code_names(claim),
                claim.stance.as_str(),
                claim.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "it holds the valley.".to_owned(),
                vec!["Holds the valley"],
                "reports",
                "Seen on two sites"
            ),
            (
                "Last words here".to_owned(),
                vec!["Military (imported)"],
                "reports",
                ""
            ),
            (
                "« Massoud résiste »".to_owned(),
                vec!["Military"],
                "reports",
                ""
            ),
        ]
    );
    // The tree three deep, colours as given (short form too), the file's text with line feeds.
    let tree: Vec<(String, Option<String>, String)> = project
        .codes
        .iter()
        .map(|code| {
            (
                code.name.clone(),
                code.parent
                    .and_then(|parent| project.code(parent))
                    .map(|parent| parent.name.clone()),
                code.colour.to_string(),
            )
        })
        .collect();
    assert_eq!(tree[0], ("Claims".to_owned(), None, "#aa0000".to_owned()));
    assert_eq!(tree[1].1.as_deref(), Some("Claims"));
    assert_eq!(
        tree[2],
        (
            "Holds the valley".to_owned(),
            Some("Military".to_owned()),
            "#00ff00".to_owned()
        )
    );
    assert_eq!(project.codes[1].description, "Fighting & control");
    let document = &project.documents[0];
    assert_eq!(
        *document.text,
        *"Panjshir update\nThe NRF said 🛡️ it holds the valley.\nLast words here\n"
    );
    assert_eq!(
        (document.title.as_str(), document.outlet.as_str()),
        ("Update", "Wire")
    );
}

#[test]
fn a_codebook_goes_out_and_comes_back_with_its_tree_colours_and_descriptions() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = rich_project(folder.path());
    let qdc = codebook_qdc(&project).expect("codes");
    let exchange = read_codebook(&qdc).expect("reads");
    let mut copy = Project::new("Codes only");
    let (edit, report) = prepare_exchange(&copy, &exchange);
    let _undo = edit.expect("an edit").apply(&mut copy).expect("applies");
    assert_eq!(report.codes_added, project.codes.len());
    let codes = |project: &Project| comparable(project)["codes"].clone();
    let mut expected = codes(&project);
    // A codebook file has no links: contradictions stay in the project.
    for code in expected.as_array_mut().expect("list") {
        code["contradicts"] = serde_json::json!([]);
    }
    assert_eq!(codes(&copy), expected);
    assert!(codebook_qdc(&Project::new("None")).is_none());
}

#[test]
fn files_that_are_not_refi_qda_are_refused_with_the_reason() {
    let refuse = |bytes: &[u8], name: &str| {
        read_exchange(bytes, name, &mut |_| Ok(None))
            .expect_err("refused")
            .to_string()
    };
    assert!(refuse(b"PK\x03\x04garbage", "x.qdpx").contains("not a readable ZIP"));
    let no_project = zip_of(&[("content.xml", b"<x/>")]);
    assert!(refuse(&no_project, "x.qdpx").contains("no project.qde"));
    assert!(refuse(b"<html><body>hi</body></html>", "x.qde").contains("not <Project>"));
    assert!(refuse(b"\xff\xfe\x00binary", "x.qde").contains("not UTF-8"));
    assert!(
        refuse(b"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"/>", "x.qdc").contains("no codes")
    );
}

#[test]
fn w3c_annotations_select_each_claim_passage_by_quote_and_by_character_position() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = rich_project(folder.path());
    let json: serde_json::Value =
        serde_json::from_str(&triangulate::export::w3c::annotations(&project)).expect("JSON");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), project.claims.len());
    for (item, claim) in items.iter().zip(&project.claims) {
        let document = project.document(claim.document).expect("document");
        let chars: Vec<char> = document.text.chars().collect();
        let targets = match &item["target"] {
            serde_json::Value::Array(targets) => targets.clone(),
            target => vec![target.clone()],
        };
        assert_eq!(targets.len(), claim.quotes().count());
        for (target, quote) in targets.iter().zip(claim.quotes()) {
            let quote_selector = &target["selector"][0];
            assert_eq!(quote_selector["type"], "TextQuoteSelector");
            assert_eq!(quote_selector["exact"], quote.exact.as_str());
            assert_eq!(quote_selector["prefix"], quote.prefix.as_str());
            let position = &target["selector"][1];
            assert_eq!(position["type"], "TextPositionSelector");
            let start = position["start"].as_u64().expect("start") as usize;
            let end = position["end"].as_u64().expect("end") as usize;
            assert_eq!(chars[start..end].iter().collect::<String>(), quote.exact);
        }
        let tags: Vec<&str> = item["body"]
            .as_array()
            .expect("bodies")
            .iter()
            .filter(|body| body["purpose"] == "tagging")
            .filter_map(|body| body["value"].as_str())
            .collect();
        assert_eq!(tags, project.code_names(claim));
    }
}

/// Archives written by QualCoder's own REFI-QDA export (`RefiExport` of `refi.py`, run
/// unchanged on a project database made for the test): release 3.8.2, and 4.0 beta (commit
/// c3204641) with and without its "line ending for MAXQDA" option. Their quirks: CR LF kept in
/// a text and counted as two (4.0 "no change"), or a CR added before every LF without moving
/// the positions (the MAXQDA option), a byte-order mark on every text, a lower-case `sources`
/// folder, unreferenced copies of the originals, a raw line break inside a `name` attribute,
/// and memos as `Description`s.
#[test]
fn projects_exported_by_qualcoder_come_in_with_every_passage_where_it_was_coded() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for (file, positions, crlf_text) in [
        (
            "qualcoder-4.0-beta.qdpx",
            PositionUnit::CodePointsCrLf,
            "café\nEnd",
        ),
        (
            "qualcoder-4.0-beta-maxqda-line-ends.qdpx",
            PositionUnit::CodePoints,
            // The option wrote CR CR LF where the text had CR LF: a blank line more, no drift.
            "café\n\nEnd",
        ),
        (
            "qualcoder-3.8.2.qdpx",
            PositionUnit::CodePointsCrLf,
            "café\nEnd",
        ),
    ] {
        let bytes = std::fs::read(data.join(file)).expect("fixture");
        let exchange = read_qdpx(&bytes).expect("reads");
        assert_eq!(exchange.positions, positions, "{file}");
        assert_eq!(
            exchange.not_imported,
            ["1 note not attached to a source, a passage or the project"],
            "{file}: the journal"
        );
        let mut project = Project::new("Mine");
        let (edit, report) = prepare_exchange(&project, &exchange);
        let _undo = edit.expect("an edit").apply(&mut project).expect("applies");
        assert_eq!(report.documents_added, 2, "{file}");
        let mut claims: Vec<(String, String, String, &str)> = project
            .claims
            .iter()
            .map(|claim| {
                (
                    project
                        .document(claim.document)
                        .expect("document")
                        .title
                        .clone(),
                    claim.quote.exact.clone(),
                    project.code_names(claim).join(", "),
                    claim.note.as_str(),
                )
            })
            .collect();
        claims.sort();
        let expected = [
            ("crlf.txt", "Line two with café", "Quotes", ""),
            ("crlf.txt", crlf_text, "Endings", ""),
            ("panjshir.txt", "Last words here", "Endings", ""),
            ("panjshir.txt", "it holds the valley.", "NRF", ""),
            (
                "panjshir.txt",
                "« Massoud résiste »",
                "French quote",
                "guillemet quote",
            ),
        ];
        let mut expected: Vec<(String, String, String, &str)> = expected
            .iter()
            .map(|(title, quote, code, note)| {
                (
                    (*title).to_owned(),
                    (*quote).to_owned(),
                    (*code).to_owned(),
                    *note,
                )
            })
            .collect();
        expected.sort();
        assert_eq!(claims, expected, "{file}");
        let notes: Vec<(&str, &str)> = project
            .documents
            .iter()
            .map(|document| (document.title.as_str(), document.note.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                ("panjshir.txt", "Headline annotation"),
                ("crlf.txt", "CRLF source memo")
            ],
            "{file}"
        );
        assert_eq!(project.notes, "Project memo: test & <check>", "{file}");
        let nrf = project.code_by_name("NRF").expect("code");
        let actors = project.code(nrf.parent.expect("nested")).expect("parent");
        assert_eq!(
            (
                actors.name.as_str(),
                actors.description.as_str(),
                nrf.colour.to_string()
            ),
            ("Actors", "Armed groups", "#f781f3".to_owned()),
            "{file}"
        );
    }
}

#[test]
fn the_command_line_exports_a_project_and_imports_it_into_another() {
    let run = |arguments: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_triangulate"))
            .args(arguments)
            .output()
            .expect("the binary runs")
    };
    let folder = tempfile::tempdir().expect("temp dir");
    let source = folder.path().join("source project.ron");
    triangulate::store::save(&rich_project(folder.path()), &source).expect("save");
    let archive = folder.path().join("exchange.qdpx");
    let path = |path: &Path| path.to_str().expect("UTF-8").to_owned();
    let output = run(&[
        "export",
        &path(&source),
        "--format",
        "qdpx",
        "-o",
        &path(&archive),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let target = folder.path().join("copy.ron");
    let output = run(&["import-qdpx", &path(&target), &path(&archive), "--json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        report,
        serde_json::json!({
            "origin": concat!("Triangulate ", env!("CARGO_PKG_VERSION")),
            "positions": "characters",
            "documents_added": 3, "documents_reused": 0,
            "codes_added": 3, "codes_reused": 0,
            "claims_added": 2,
            "not_imported": [],
        })
    );
    let copy = triangulate::store::load(&target).expect("saved").0;
    let original = triangulate::store::load(&source).expect("saved").0;
    assert_eq!(comparable(&copy), comparable(&original));
    // W3C annotations and the codebook alone, by the same command.
    for (format, file) in [("w3c", "claims.jsonld"), ("qdc", "codes.qdc")] {
        let output = run(&[
            "export",
            &path(&source),
            "--format",
            format,
            "-o",
            &path(&folder.path().join(file)),
        ]);
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // A file that is not REFI-QDA is refused with its name and the reason; nothing is written.
    let bogus = folder.path().join("notes.qdpx");
    std::fs::write(&bogus, "just text").expect("write");
    let before = std::fs::read(&target).expect("read");
    let output = run(&["import-qdpx", &path(&target), &path(&bogus)]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("notes.qdpx") && stderr.contains("no XML elements"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&target).expect("read"), before);
    // --entities belongs to qdpx only.
    let output = run(&[
        "export",
        &path(&source),
        "--format",
        "csv",
        "--entities",
        "-o",
        &path(&folder.path().join("x.csv")),
    ]);
    assert!(!output.status.success());
}
