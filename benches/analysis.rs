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

const PEOPLE: [&str; 10] = [
    "Ahmad Massoud",
    "Ahmed Massoud",
    "Amrullah Saleh",
    "Zabihullah Mujahid",
    "Fahim Dashti",
    "Ali Maisam Nazary",
    "Ahmad Shah Massoud",
    "Hamid Karzai",
    "Ashraf Ghani",
    "Abdullah Abdullah",
];
const PLACES: [&str; 10] = [
    "Panjshir", "Panjsher", "Panshir", "Panchir", "Kabul", "Kaboul", "Bazarak", "Charikar",
    "Parwan", "Rukha",
];
const WIRE: &str = "Taliban fighters were moving towards the valley on Sunday, the group said, as the last pocket of armed opposition to the new rulers refused to lay down its weapons a week after the fall of the capital.";

const SYLLABLES: [&str; 32] = [
    "ka", "ro", "mi", "ten", "dal", "sur", "ve", "lo", "pra", "an", "tor", "is", "mek", "ba", "lu",
    "ne", "gor", "fi", "ush", "pel", "da", "ri", "mon", "ca", "zel", "tu", "or", "hen", "si",
    "bra", "vo", "li",
];

/// A deterministic report of about 5 KB: sentences of pseudo-words with names and dates, so
/// unrelated reports share no passages; every tenth carries the same planted wire passage.
fn report(seed: usize) -> String {
    let mut state = (seed as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut text = format!(
        " date 2021-{:02}-{:02}\nReport {seed} on the valley\n\n",
        8 + next(2),
        1 + next(28)
    );
    while text.len() < 5_000 {
        let length = 8 + next(14);
        for index in 0..length {
            match next(12) {
                0 => text.push_str(PEOPLE[next(PEOPLE.len())]),
                1 => text.push_str(PLACES[next(PLACES.len())]),
                2 if index > 0 => text.push_str(&format!("on August {}", 1 + next(28))),
                _ => {
                    let syllables = 1 + next(3);
                    let word: String = (0..syllables)
                        .map(|_| SYLLABLES[next(SYLLABLES.len())])
                        .collect();
                    text.push_str(&word);
                }
            }
            text.push(if index + 1 == length { '.' } else { ' ' });
        }
        text.push(' ');
        if next(5) == 0 {
            text.push_str("\n\n");
        }
    }
    if seed.is_multiple_of(10) {
        text.push_str(&format!("\n\n{WIRE}\n"));
    }
    text.push_str("\n\nRead also: ten photos of the week\n");
    text
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
