//! Throughput of the core on generated corpora: import, entity analysis, reuse clusters, and
//! saving and loading the project file. `cargo bench --bench analysis` prints the figures.

// A benchmark stops loudly on any failure, and what it prints is its result.
#![allow(clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;
use triangulate::analysis::entities::{EntityCache, EntityTable};
use triangulate::analysis::mentions::MentionIndex;
use triangulate::analysis::reuse::Reuse;
use triangulate::analysis::search::{SearchIndex, SearchOptions, search, search_with};
use triangulate::edit::Edit;
use triangulate::import::{ImportOptions, read_batch};
use triangulate::model::{Document, DocumentId, Project};
use triangulate::store;

/// The generated report for `seed` (see `triangulate::corpus`): about 5 KB, English or French.
fn report(seed: usize) -> String {
    triangulate::corpus::report(seed as u64).text
}

/// A saved article page around a report: navigation, the article, related links, comments.
fn page(seed: usize, text: &str) -> String {
    let paragraphs: String = text
        .split("\n\n")
        .skip(1)
        .map(|paragraph| {
            format!(
                "<p>{}</p>\n",
                paragraph.replace('&', "&amp;").replace('<', "&lt;")
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report {seed}</title>\
         <meta property=\"og:site_name\" content=\"Outlet {}\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>Report {seed}</h1>\n{paragraphs}</article>\
         <aside><h2>Related</h2><ul><li><a href=\"/a\">Ten photos of the week</a></li></ul></aside>\
         <section id=\"comments\"><div class=\"comment\">First!</div></section></body></html>",
        seed % 7
    )
}

fn documents(count: usize) -> Vec<Document> {
    (0..count)
        .map(|seed| {
            let mut document = triangulate::import::document_from_bytes(
                report(seed).as_bytes(),
                &format!("r{seed}.txt"),
            )
            .expect("imports")
            .document;
            document.id = DocumentId(u32::try_from(seed).expect("fits") + 1);
            document
        })
        .collect()
}

fn time<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let result = work();
    (result, started.elapsed().as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench --bench analysis -- 10000` measures the corpus of that size only (for
    // profiling); with no sizes, everything is measured.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    // The name data and word lists, parsed once per run of the program.
    let (lexicon, lexicon_ms) = time(triangulate::analysis::lexicon::Lexicon::load);
    drop(lexicon);
    println!(
        "lexicon (gazetteer, first names, demonyms, word lists): parsed in {lexicon_ms:.0} ms"
    );
    let _ = triangulate::analysis::lexicon::lexicon();
    let folder =
        std::env::temp_dir().join(format!("triangulate-analysis-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");

    // Import, as the app does it: read, decode, detect, find entities, one edit; text files
    // and saved web pages, one file and a thousand.
    let imports = [
        ("text", "txt", 1_000),
        ("HTML", "html", 1_000),
        ("text", "txt", 5_000),
    ];
    for (kind, extension, files) in imports.into_iter().filter(|_| sizes.is_empty()) {
        let paths: Vec<_> = (0..files)
            .map(|seed| {
                let path = folder.join(format!("r{seed}.{extension}"));
                let text = report(seed);
                let content = if extension == "html" {
                    page(seed, &text)
                } else {
                    text
                };
                std::fs::write(&path, content).expect("write");
                path
            })
            .collect();
        let bytes: u64 = paths
            .iter()
            .filter_map(|path| std::fs::metadata(path).ok())
            .map(|m| m.len())
            .sum();
        let import = |paths: &[std::path::PathBuf]| {
            let read = read_batch(
                paths,
                ImportOptions::default(),
                &|_| {},
                &Default::default(),
            );
            triangulate::workspace::prepare_import(&Project::new("bench"), read)
        };
        let mut single: Vec<f64> = (0..21)
            .map(|index| time(|| import(&paths[index..=index])).1)
            .collect();
        single.sort_by(f64::total_cmp);
        let (batch, ms) = time(|| import(&paths));
        let imported = batch
            .outcomes
            .iter()
            .filter(|outcome| outcome.result.is_ok())
            .count();
        println!(
            "import {kind}: one file {:.1} ms (median of 21); {files} files ({:.1} MB), with entity analysis: {ms:.0} ms ({:.0} files/s, {:.1} MB/s); {imported} imported",
            single[10],
            bytes as f64 / 1e6,
            files as f64 * 1e3 / ms,
            bytes as f64 / 1e3 / ms
        );
    }

    // 2,000 as well, the size of a large investigation.
    let counts = if sizes.is_empty() {
        vec![100, 1_000, 2_000, 10_000]
    } else {
        sizes
    };
    for count in counts {
        let docs = documents(count);
        let megabytes = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
        let mut project = Project::new("bench");
        let _undo = Edit::add_documents(docs.clone())
            .apply(&mut project)
            .expect("applies");
        // Entities derived from the whole corpus, every document read (a cold cache).
        let cache = EntityCache::default();
        let (table, entities_ms) = time(|| EntityTable::derive(&project, &cache));
        let (index, mentions_ms) = time(|| MentionIndex::build(&project, table.clone()));
        let (reuse, reuse_ms) = time(|| Reuse::find(&project.documents));
        // Editing the notes (or a claim, or a code) after everything was derived: the derived
        // data is keyed by its inputs, so nothing is recomputed; only the inputs are checked.
        let derived = triangulate::analysis::Derived::compute(&project, &cache);
        // Everything the window derives in the background after opening a project, from a
        // cold cache: entities, mentions, suggestions, reuse clusters, near-duplicates.
        let (_, opened_ms) =
            time(|| triangulate::analysis::Derived::compute(&project, &EntityCache::default()));
        println!(
            "{count:>6} documents: everything derived after opening, from a cold cache, in {opened_ms:.0} ms"
        );
        let mut noted = project.clone();
        noted.notes = "Check the wire copy against the French original.".into();
        let (updated, notes_ms) =
            time(|| triangulate::analysis::Derived::update(&noted, &derived, &cache));
        let reused = std::sync::Arc::ptr_eq(&updated.reuse, &derived.reuse)
            && std::sync::Arc::ptr_eq(&updated.mentions, &derived.mentions);
        println!(
            "{count:>6} documents: after a notes edit, derived data brought up to date in {notes_ms:.1} ms (reuse clusters and mentions reused: {reused})"
        );
        // Searching the whole corpus, as the Search tab does: a name (with its other spellings),
        // a phrase, and a regular expression; the slowest of three runs of each. The folded
        // text is built once per version of the project (the app keeps it between queries).
        let (folded, fold_ms) = time(|| SearchIndex::build(&project));
        let phrase = SearchOptions::default();
        let (_, cold_ms) =
            time(|| search(&project, &table.entities, "the valley on Sunday", &phrase));
        let search = |query: &str, regex: bool| {
            let options = SearchOptions {
                exact_case: false,
                whole_words: false,
                regex,
                document: None,
            };
            (0..3)
                .map(|_| {
                    time(|| {
                        search_with(&project, &table.entities, Some(&folded), query, &options)
                            .map(|found| found.hits.len())
                    })
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(found, ms)| (found.unwrap_or(0), ms))
                .unwrap_or((0, 0.0))
        };
        let searches = [
            search("Panjshir", false),
            search("the valley on Sunday", false),
            search(r"\b1[0-9]{3}\b", true),
        ];
        // One more document against the analysed corpus: what an import of one file costs.
        let extra = {
            let mut document =
                triangulate::import::document_from_bytes(report(count + 7).as_bytes(), "extra.txt")
                    .expect("imports")
                    .document;
            document.id = project.next_document_id();
            document
        };
        // The corpus with it: only the new document is read, then the corpus is resolved again
        // and its mentions found, up to the highlights the window shows.
        let mut larger = project.clone();
        let _undo = Edit::add_documents(vec![extra])
            .apply(&mut larger)
            .expect("applies");
        // Reuse clusters of the corpus with one more document, its other documents' words read
        // before (as the window's analysis has them).
        let words = triangulate::analysis::reuse::WordCache::default();
        let _ = Reuse::find_with(&project.documents, &words);
        let (_, one_reuse_ms) = time(|| Reuse::find_with(&larger.documents, &words).clusters.len());
        let (_, one_ms) = time(|| {
            MentionIndex::build_with(&larger, EntityTable::derive(&larger, &cache), cache.scans())
                .mention_count(
                    table
                        .entities
                        .first()
                        .map_or(triangulate::model::EntityId(0), |entity| entity.id),
                )
        });
        // A decision (merging the two most mentioned names) laid over the cached corpus.
        let (_, decision_ms) = {
            let _ = EntityTable::derive(&project, &cache);
            let mut by_count: Vec<_> = table
                .entities
                .iter()
                .filter(|entity| entity.kind != triangulate::model::EntityKind::Date)
                .map(|entity| (index.mention_count(entity.id), entity.id))
                .collect();
            by_count.sort_unstable_by(|a, b| b.cmp(a));
            let mut decided = project.clone();
            if let [(_, kept), (_, gone), ..] = by_count[..]
                && let Some(edit) = Edit::merge_entities(&project, &table, kept, gone)
            {
                let _undo = edit.apply(&mut decided).expect("merge applies");
            }
            time(|| {
                MentionIndex::build_with(
                    &decided,
                    EntityTable::derive(&decided, &cache),
                    cache.scans(),
                )
                .documents
                .len()
            })
        };
        let path = folder.join(format!("bench-{count}.ron"));
        let (_, save_ms) = time(|| store::save(&project, &path).expect("saves"));
        let (_, read_ms) = time(|| std::fs::read(&path).expect("reads"));
        let (_, load_ms) = time(|| store::load(&path).expect("loads"));
        let file_mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!(
            "{count:>6} documents ({megabytes:.1} MB): search (name with its spellings / phrase / regex) {:.0} ms ({} hits) / {:.0} ms ({}) / {:.0} ms ({}); folding the corpus once {fold_ms:.0} ms; a phrase without the folded corpus {cold_ms:.0} ms",
            searches[0].1,
            searches[0].0,
            searches[1].1,
            searches[1].0,
            searches[2].1,
            searches[2].0,
        );
        println!(
            "{count:>6} documents ({megabytes:.1} MB): entities {entities_ms:.0} ms, one more document to its highlights {one_ms:.1} ms, a merge to its highlights {decision_ms:.1} ms, mentions {mentions_ms:.0} ms ({} entities), reuse clusters {reuse_ms:.0} ms ({} clusters, {} copies), with one more document {one_reuse_ms:.0} ms, save {save_ms:.0} ms, load {load_ms:.0} ms (reading the {file_mb:.1} MB file alone {read_ms:.1} ms)",
            table.entities.len(),
            reuse.clusters.len(),
            reuse
                .clusters
                .iter()
                .map(|cluster| cluster.copies.len())
                .sum::<usize>(),
        );
        drop(index);
    }
    let _ = std::fs::remove_dir_all(&folder);
}
