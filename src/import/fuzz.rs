//! A mutation fuzzer for every reader and for the project loader: valid seed files of each
//! format are damaged at random (bytes flipped, inserted, deleted, chunks repeated, cut short)
//! and fed in; any panic fails. A reader may refuse a file, never crash on it.
//!
//! `cargo test --lib fuzz` runs each target for a moment. For a long run, in release:
//! `TRIANGULATE_FUZZ_SECONDS=600 cargo test --release --lib fuzz -- --nocapture --test-threads 1`
//! (the seconds are per target; executions are printed).
//!
//! The same seeds start the coverage-guided cargo-fuzz targets in `fuzz/`: with
//! `TRIANGULATE_FUZZ_SEEDS=DIR` each test writes its seeds to `DIR/<target>/`, the corpus folder
//! of the cargo-fuzz target of that name (`tests/fuzz.sh` does both).

use super::archive::tests::archive;
use super::fuzz_targets as target;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n.max(1) as u64).unwrap_or(0)
    }
}

/// A damaged copy of `seed`: a few random edits, the kind that truncated downloads, bad disks
/// and hostile files produce.
fn mutate(seed: &[u8], dice: &mut Dice) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + dice.below(8) {
        let length = bytes.len().max(1);
        match dice.below(6) {
            0 if !bytes.is_empty() => {
                let at = dice.below(length) % bytes.len();
                bytes[at] ^= 1 << dice.below(8);
            }
            1 => {
                let at = dice.below(length + 1).min(bytes.len());
                let byte = [0, 0xff, b'<', b'{', b'\\', b'(', 0x80][dice.below(7)];
                bytes.insert(at, byte);
            }
            2 if !bytes.is_empty() => {
                let at = dice.below(length) % bytes.len();
                let end = (at + 1 + dice.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 if !bytes.is_empty() => {
                let at = dice.below(length) % bytes.len();
                let end = (at + 1 + dice.below(256)).min(bytes.len());
                let chunk = bytes[at..end].to_vec();
                let into = dice.below(bytes.len() + 1);
                bytes.splice(into..into, chunk);
            }
            4 => bytes.truncate(dice.below(length + 1)),
            _ => {
                let at = dice.below(length + 1).min(bytes.len());
                bytes.splice(at..at, std::iter::repeat_n(b'9', dice.below(20)));
            }
        }
    }
    bytes
}

/// How long each target runs: a moment in `cargo test`, longer when asked.
fn budget() -> Duration {
    let seconds = std::env::var("TRIANGULATE_FUZZ_SECONDS")
        .ok()
        .and_then(|text| text.parse::<f64>().ok())
        .unwrap_or(0.5);
    Duration::from_secs_f64(seconds)
}

/// Writes `seeds` to the corpus folder of the cargo-fuzz target `name` when
/// `TRIANGULATE_FUZZ_SEEDS` names a folder.
fn export_seeds(name: &str, seeds: &[Vec<u8>]) {
    let Some(root) = std::env::var_os("TRIANGULATE_FUZZ_SEEDS") else {
        return;
    };
    let folder = std::path::Path::new(&root).join(name);
    std::fs::create_dir_all(&folder).expect("the seed folder can be made");
    for (number, seed) in seeds.iter().enumerate() {
        let file = folder.join(format!("seed-{number}"));
        std::fs::write(file, seed).expect("a seed can be written");
    }
}

/// Feeds damaged copies of the seeds to `target` until the budget is spent; returns how many
/// inputs it took. `target` tells whether the input was imported; every seed must be, so that a
/// target that reads its input with the wrong reader fails at once. A panic in the target fails
/// the test with the input's seed number. The seeds also go to the cargo-fuzz target `name`.
fn fuzz(name: &str, seeds: &[Vec<u8>], target: impl Fn(&[u8]) -> bool) -> u64 {
    for (number, seed) in seeds.iter().enumerate() {
        assert!(target(seed), "{name}: seed {number} is not imported");
    }
    export_seeds(name, seeds);
    let started = Instant::now();
    let mut executions = 0_u64;
    while started.elapsed() < budget() {
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ executions.wrapping_mul(0x2545_F491));
        let seed = &seeds[dice.below(seeds.len())];
        let input = mutate(seed, &mut dice);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            target(&input);
        }));
        assert!(
            outcome.is_ok(),
            "{name}: input {executions} made the reader panic ({} bytes)",
            input.len()
        );
        executions += 1;
    }
    eprintln!(
        "fuzz {name}: {executions} inputs in {:.0} s, no crash",
        started.elapsed().as_secs_f64()
    );
    executions
}

const REPORT: &str = " date 2021-09-06\nLa vallée du Panchir résiste\n\nSelon l’AFP, Ahmad Massoud a déclaré : « Ce sont des rumeurs. »\n\nRead also: ten photos\n";

#[test]
fn fuzz_plain_text_and_html() {
    let text_seeds = vec![
        REPORT.as_bytes().to_vec(),
        {
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(REPORT.encode_utf16().flat_map(u16::to_le_bytes));
            utf16
        },
        encoding_rs::WINDOWS_1252.encode(REPORT).0.into_owned(),
    ];
    assert!(fuzz("text", &text_seeds, target::text) > 0);
    let html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Panchir</title>\
         <meta property=\"og:site_name\" content=\"La Dépêche\"><script type=\"application/ld+json\">\
         {{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-09-06\",\"author\":{{\"name\":\"A. B.\"}}}}</script>\
         </head><body><nav><a href=\"/\">Accueil</a></nav><article><h1>Panchir</h1><p>{}</p></article>\
         <section class=\"comments\"><p>Premier !</p></section></body></html>",
        REPORT.replace('\n', "</p><p>")
    );
    assert!(fuzz("html", &[html.into_bytes()], target::html) > 0);
}

#[test]
fn fuzz_refi_qda_projects() {
    let qde = "<?xml version=\"1.0\"?><Project name=\"p\" xmlns=\"urn:QDA-XML:project:1.0\">\
        <CodeBook><Codes><Code guid=\"c1\" name=\"Claims\" isCodable=\"false\" color=\"#a00\">\
        <Code guid=\"c2\" name=\"NRF\" isCodable=\"true\"><Description>d</Description></Code></Code></Codes></CodeBook>\
        <Variables><Variable guid=\"v\" name=\"Outlet\" typeOfVariable=\"Text\"/></Variables>\
        <Sources><TextSource guid=\"s\" name=\"t\" plainTextPath=\"internal://s.txt\">\
        <PlainTextSelection guid=\"p\" name=\"holds the valley.\" startPosition=\"30\" endPosition=\"47\">\
        <Coding guid=\"k\"><CodeRef targetGUID=\"c2\"/></Coding><NoteRef targetGUID=\"n\"/></PlainTextSelection>\
        <VariableValue><VariableRef targetGUID=\"v\"/><TextValue>Wire</TextValue></VariableValue></TextSource></Sources>\
        <Notes><Note guid=\"n\" name=\"Triangulate claim 1\"><PlainTextContent>Stance: denies\nSpeaker: A (person)\nGrade: B2\nNote: x</PlainTextContent></Note></Notes>\
        <Links><Link guid=\"l\" name=\"contradicts\" originGUID=\"c1\" targetGUID=\"c2\"/></Links></Project>";
    assert!(target::qdpx(qde.as_bytes()), "the seed reads");
    let archive = archive(&[
        ("project.qde", qde),
        (
            "Sources/s.txt",
            "Panjshir update\r\nThe NRF 🛡️ holds the valley.",
        ),
    ]);
    assert!(fuzz("qdpx", &[archive, qde.as_bytes().to_vec()], target::qdpx) > 0);
}

#[test]
fn fuzz_office_documents_and_books() {
    let paragraph =
        "<w:p><w:r><w:t>Ahmad Massoud a déclaré : « Ce sont des rumeurs. »</w:t></w:r></w:p>";
    let body = format!(
        "<w:document><w:body>{paragraph}<w:tbl><w:tr><w:tc>{paragraph}</w:tc></w:tr></w:tbl></w:body></w:document>"
    );
    let docx = archive(&[
        (
            "word/document.xml",
            &format!(
                "<w:document><w:body>{paragraph}<w:p><w:r><w:t>Note</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>{paragraph}</w:body></w:document>"
            ),
        ),
        (
            "docProps/core.xml",
            "<cp:coreProperties><dc:title>Panchir</dc:title><dc:creator>A. B.</dc:creator></cp:coreProperties>",
        ),
        (
            "word/footnotes.xml",
            "<w:footnotes><w:footnote w:type=\"separator\" w:id=\"0\"/><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> AFP.</w:t></w:r></w:p></w:footnote></w:footnotes>",
        ),
    ]);
    // Damaged archives are mostly refused at their directory; damaged markup inside a sound
    // archive reaches the XML reader.
    assert!(fuzz("docx", &[docx, body.into_bytes()], target::docx) > 0);
    let content = "<office:document-content><office:body><office:text><text:h>Panchir</text:h><text:p>La vallée résiste.</text:p></office:text></office:body></office:document-content>";
    let odt = archive(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
    ]);
    assert!(fuzz("odt", &[odt, content.as_bytes().to_vec()], target::odt) > 0);
    let epub = archive(&[
        ("mimetype", "application/epub+zip"),
        (
            "META-INF/container.xml",
            "<container><rootfiles><rootfile full-path=\"OEBPS/content.opf\"/></rootfiles></container>",
        ),
        (
            "OEBPS/content.opf",
            "<package><metadata><dc:title>Panchir</dc:title><dc:language>fr</dc:language></metadata>\
             <manifest><item id=\"c1\" href=\"one.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>\
             <spine><itemref idref=\"c1\"/></spine></package>",
        ),
        (
            "OEBPS/one.xhtml",
            "<html><body><h1>Panchir</h1><p>La vallée r&#233;siste.</p></body></html>",
        ),
    ]);
    let package = "<package><metadata><dc:title>Panchir</dc:title></metadata><manifest><item id=\"c1\" href=\"one.xhtml\"/><item id=\"c2\" href=\"../two.xhtml\"/></manifest><spine><itemref idref=\"c2\"/><itemref idref=\"c1\"/></spine></package>";
    assert!(fuzz("epub", &[epub, package.as_bytes().to_vec()], target::epub) > 0);
    let rtf = br"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}}{\info{\title Panchir}}\f0 La vall\'e9e r\u233?siste.\par {\*\footnote note}Fin.\par}".to_vec();
    assert!(fuzz("rtf", &[rtf], target::rtf) > 0);
    let pdf = super::pdf::tests::pdf(&["La vallee du Panchir resiste", "Ahmad Massoud a declare"]);
    assert!(fuzz("pdf", &[pdf], target::pdf) > 0);
}

#[test]
fn fuzz_the_project_loader() {
    let mut project = crate::model::Project::new("fuzz");
    let documents: Vec<crate::model::Document> = (0..3)
        .map(|seed| {
            let report = crate::corpus::report(seed);
            let mut document = super::document_from_bytes(report.text.as_bytes(), &report.file)
                .expect("a generated report imports")
                .document;
            document.id = crate::model::DocumentId(u32::try_from(seed).unwrap_or(0) + 1);
            document
        })
        .collect();
    project.documents = documents.into_iter().collect();
    // A curated entity, so the loader's entity fields are fuzzed too.
    project.entities.insert(crate::model::Entity {
        id: crate::model::EntityId(1),
        name: "Ahmad Massoud".into(),
        kind: crate::model::EntityKind::Person,
        variants: vec!["Ahmad Massoud".into(), "Ahmed Massoud".into()],
        hidden: false,
        origin: crate::model::EntityOrigin::Manual,
    });
    let ron = crate::store::to_ron(&project).expect("serialises");
    assert!(fuzz("project", &[ron.into_bytes()], target::project) > 0);
}
