//! Throughput of the core on generated corpora: import, entity analysis, shared passages, and
//! saving and loading the project file. `cargo bench --bench analysis` prints the figures.

// A benchmark stops loudly on any failure, and what it prints is its result.
#![allow(clippy::expect_used, clippy::print_stdout)]

use std::time::Instant;
use triangulate::analysis::entities::new_entities;
use triangulate::analysis::mentions::MentionIndex;
use triangulate::analysis::passages::shared_passages;
use triangulate::edit::Edit;
use triangulate::import::{ImportOptions, import_batch};
use triangulate::model::{Document, DocumentId, Project};
use triangulate::store;

/// The generated report for `seed` (see `triangulate::corpus`): about 5 KB, English or French.
fn report(seed: usize) -> String {
    triangulate::corpus::report(seed as u64).text
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
    let folder =
        std::env::temp_dir().join(format!("triangulate-analysis-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");

    // Import, as the app does it: read, decode, detect, find entities, one edit.
    let paths: Vec<_> = (0..1_000)
        .map(|seed| {
            let path = folder.join(format!("r{seed}.txt"));
            std::fs::write(&path, report(seed)).expect("write");
            path
        })
        .collect();
    let bytes: u64 = paths
        .iter()
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|m| m.len())
        .sum();
    let (report_, ms) = time(|| {
        import_batch(
            &Project::new("bench"),
            &paths,
            ImportOptions::default(),
            &|_| {},
            &Default::default(),
        )
    });
    let imported = report_
        .outcomes
        .iter()
        .filter(|outcome| outcome.result.is_ok())
        .count();
    println!(
        "import 1,000 text files ({:.1} MB), with entity analysis: {ms:.0} ms ({:.0} files/s, {:.1} MB/s); {imported} imported",
        bytes as f64 / 1e6,
        1e6 / ms,
        bytes as f64 / 1e3 / ms
    );

    for count in [100, 1_000, 10_000] {
        let docs = documents(count);
        let megabytes = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
        let (updates, entities_ms) = time(|| new_entities(&Project::new("bench"), &docs));
        let mut project = Project::new("bench");
        let _undo = Edit::add_documents(&project, docs.clone(), updates)
            .apply(&mut project)
            .expect("applies");
        let (index, mentions_ms) = time(|| MentionIndex::build(&project));
        let (passages, passages_ms) = time(|| shared_passages(&project.documents));
        // One more document against the analysed corpus: what an import of one file costs.
        let extra = {
            let mut document =
                triangulate::import::document_from_bytes(report(count + 7).as_bytes(), "extra.txt")
                    .expect("imports")
                    .document;
            document.id = project.next_document_id();
            document
        };
        let (_, one_ms) = time(|| new_entities(&project, std::slice::from_ref(&extra)));
        let path = folder.join(format!("bench-{count}.ron"));
        let (_, save_ms) = time(|| store::save(&project, &path).expect("saves"));
        let (_, read_ms) = time(|| std::fs::read(&path).expect("reads"));
        let (_, load_ms) = time(|| store::load(&path).expect("loads"));
        let file_mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!(
            "{count:>6} documents ({megabytes:.1} MB): entities {entities_ms:.0} ms, one more document {one_ms:.1} ms, mentions {mentions_ms:.0} ms ({} entities), passages {passages_ms:.0} ms ({} found), save {save_ms:.0} ms, load {load_ms:.0} ms (reading the {file_mb:.1} MB file alone {read_ms:.1} ms)",
            project.entities.len(),
            passages.len(),
        );
        drop(index);
    }
    let _ = std::fs::remove_dir_all(&folder);
}
