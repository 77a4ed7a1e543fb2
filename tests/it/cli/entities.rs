//! Entities from the command line: spellings grouped with counts, dates, name lists.

use super::{entity_named, imported, ok_json, path_str, succeeds, triangulate};
use serde_json::Value;

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
