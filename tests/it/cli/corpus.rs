//! Across documents: shared passages and near duplicates, and the generated corpus.

use super::{ok_json, path_str, succeeds, triangulate};
use std::path::Path;

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
fn a_wire_passage_carried_by_every_tenth_report_is_one_cluster_from_its_earliest_copy() {
    let folder = tempfile::tempdir().expect("temp dir");
    let reports = folder.path().join("reports");
    succeeds(&["generate-corpus", path_str(&reports), "--documents", "40"]);
    let project = folder.path().join("wire.ron");
    succeeds(&["import", path_str(&project), path_str(&reports)]);
    let info = ok_json(&["info", path_str(&project), "--json"]);
    let documents = info["documents"].as_array().expect("documents");
    let text = |id: u64| -> String {
        let found = ok_json(&[
            "text",
            path_str(&project),
            "--document",
            &id.to_string(),
            "--json",
        ]);
        found[0]["text"].as_str().expect("a text").to_owned()
    };
    let date = |id: u64| {
        documents
            .iter()
            .find(|document| document["id"].as_u64() == Some(id))
            .and_then(|document| document["date"].as_str())
            .map(str::to_owned)
    };
    let clusters = ok_json(&["passages", path_str(&project), "--clusters", "--json"]);
    let list = clusters.as_array().expect("a list");
    let wire = list
        .iter()
        .find(|cluster| {
            let origin = &cluster["origin"];
            let id = origin["document"].as_u64().expect("an id");
            let (start, end) = (
                origin["start"].as_u64().expect("offset") as usize,
                origin["end"].as_u64().expect("offset") as usize,
            );
            text(id)[start..end].starts_with(&triangulate::corpus::WIRE[..40])
        })
        .expect("the wire passage is a cluster");
    let copies = wire["copies"].as_array().expect("copies");
    assert_eq!(wire["size"].as_u64(), Some(4), "{wire}");
    let mut carriers: Vec<u64> = copies
        .iter()
        .map(|copy| copy["document"].as_u64().expect("an id"))
        .collect();
    // The origin is the first copy, and no copy is dated before it.
    assert_eq!(wire["origin"]["document"], copies[0]["document"]);
    assert_eq!(copies[0]["score"].as_f64(), Some(1.0));
    let first = date(carriers[0]);
    assert!(carriers.iter().all(|&id| date(id) >= first), "{wire}");
    carriers.sort_unstable();
    assert_eq!(carriers, [1, 11, 21, 31], "seeds 0, 10, 20 and 30 carry it");
    for copy in copies {
        let id = copy["document"].as_u64().expect("an id");
        let (start, end) = (
            copy["start"].as_u64().expect("offset") as usize,
            copy["end"].as_u64().expect("offset") as usize,
        );
        assert!(text(id)[start..end].contains("refused to lay down its weapons"));
        assert!(copy["score"].as_f64().is_some_and(|score| score > 0.9));
    }
    // Pairs are listed among the documents asked for.
    let pair = ok_json(&[
        "passages",
        path_str(&project),
        "--documents",
        "11,21",
        "--json",
    ]);
    let pair = pair.as_array().expect("a list");
    assert!(!pair.is_empty());
    assert!(
        pair.iter()
            .all(|passage| passage["a"] == 11 && passage["b"] == 21)
    );
    let unknown = triangulate(&["passages", path_str(&project), "--documents", "11,999"]);
    let message = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        !unknown.status.success() && message.contains("no document 999"),
        "{message}"
    );
}
