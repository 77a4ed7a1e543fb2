use super::*;

fn document(id: u32, date: Option<&str>, text: &str) -> Document {
    let mut document = crate::import::document_from_bytes(text.as_bytes(), "t.txt")
        .expect("imports")
        .document;
    document.id = DocumentId(id);
    document.date = date.map(|date| date.parse().expect("a date"));
    document
}

const WIRE: &str = "Taliban fighters were moving towards the valley on Sunday, the group said, as the last pocket of armed opposition to the new rulers refused to lay down its weapons a week after the fall of the capital, while elders tried to broker talks between the two sides";

const OTHER: &str = "The central bank froze the accounts of several money changers in the capital on Monday and said it would limit withdrawals to a small weekly sum until the currency steadied against the dollar";

/// A report: a first paragraph of its own, the given passages, a last paragraph of its own.
fn report(id: u32, date: Option<&str>, passages: &[&str]) -> Document {
    let own = [
        "Residents reported heavy traffic on the northern road before dawn",
        "In other news the football season opened with a surprise win",
        "Heavy rain flooded the market district and several shops closed",
        "A new bridge over the river was opened by the governor",
        "Farmers said the harvest would be late because of the drought",
        "The museum reopened its doors after two years of repairs",
    ];
    let first = own[id as usize % own.len()];
    let last = own[(id as usize + 3) % own.len()];
    let body: Vec<String> = passages
        .iter()
        .map(|passage| format!("{passage}."))
        .collect();
    document(
        id,
        date,
        &format!(
            "Report {id}\n\n{first} number {id}.\n\n{}\n\n{last} again.\n",
            body.join("\n\n")
        ),
    )
}

fn text_of<'d>(documents: &'d [Document], copy: &Copy) -> &'d str {
    let document = documents
        .iter()
        .find(|document| document.id == copy.document)
        .expect("a document");
    &document.text[copy.range.clone()]
}

#[test]
fn a_wire_passage_in_five_outlets_is_one_cluster_from_its_earliest_copy() {
    let edited = WIRE.replace("moving towards", "heading towards");
    let documents = vec![
        report(1, Some("2021-09-05"), &[WIRE]),
        report(2, Some("2021-09-03"), &[WIRE]),
        report(3, None, &[WIRE]),
        report(4, Some("2021-09-04"), &[&edited]),
        report(5, Some("2021-09-06"), &[WIRE]),
        report(6, Some("2021-09-01"), &[OTHER]),
    ];
    let reuse = Reuse::find(&documents);
    assert_eq!(reuse.clusters.len(), 1, "{:?}", reuse.clusters);
    let cluster = &reuse.clusters[0];
    let order: Vec<u32> = cluster.copies.iter().map(|copy| copy.document.0).collect();
    assert_eq!(order, [2, 4, 1, 5, 3], "by date, the undated last");
    assert_eq!(cluster.origin().score, 1.0);
    for copy in &cluster.copies {
        let text = text_of(&documents, copy);
        assert!(
            text.starts_with("Taliban fighters") && text.ends_with("the two sides"),
            "{text}"
        );
    }
    let edited_copy = &cluster.copies[1];
    assert!(
        edited_copy.score > 0.6 && edited_copy.score < 1.0,
        "{edited_copy:?}"
    );
    assert!(
        cluster.copies[2..]
            .iter()
            .all(|copy| (copy.score - 1.0).abs() < f32::EPSILON)
    );
    assert_eq!((cluster.id, cluster.documents()), (1, 5));
    assert_eq!(reuse.pair_count(), 10);
    assert_eq!(reuse.in_document(DocumentId(6)).count(), 0);
    let between = reuse.between(DocumentId(5), DocumentId(1));
    assert_eq!(between.len(), 1);
    assert_eq!((between[0].a, between[0].b), (DocumentId(1), DocumentId(5)));
}

#[test]
fn clusters_from_a_warm_cache_are_those_from_scratch_after_imports_and_a_set_aside() {
    let mut documents = vec![
        report(1, Some("2021-09-01"), &[WIRE, OTHER]),
        report(2, Some("2021-09-02"), &[WIRE]),
    ];
    let cache = WordCache::default();
    let summary = |reuse: &Reuse| -> Vec<Vec<(u32, Range<usize>)>> {
        reuse
            .clusters
            .iter()
            .map(|cluster| {
                cluster
                    .copies
                    .iter()
                    .map(|copy| (copy.document.0, copy.range.clone()))
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        summary(&Reuse::find_with(&documents, &cache)),
        summary(&Reuse::find(&documents))
    );
    // One import, then another that comes first by date, then a paragraph set aside.
    documents.push(report(3, Some("2021-09-03"), &[OTHER]));
    assert_eq!(
        summary(&Reuse::find_with(&documents, &cache)),
        summary(&Reuse::find(&documents))
    );
    documents.push(report(4, Some("2021-08-30"), &[OTHER, WIRE]));
    let warm = Reuse::find_with(&documents, &cache);
    assert_eq!(summary(&warm), summary(&Reuse::find(&documents)));
    assert_eq!(warm.clusters.len(), 2);
    let paragraph = documents[1].text.find(&WIRE[..20]).expect("the wire");
    let end = paragraph + WIRE.len() + 1;
    documents[1].boilerplate =
        vec![crate::model::ByteSpan::new(&documents[1].text, paragraph, end).expect("a span")];
    let set_aside = Reuse::find_with(&documents, &cache);
    assert_eq!(summary(&set_aside), summary(&Reuse::find(&documents)));
    assert!(set_aside.in_document(DocumentId(2)).next().is_none());
}

#[test]
fn two_passages_carried_by_different_outlets_are_two_clusters() {
    let documents = vec![
        report(1, Some("2021-09-01"), &[WIRE, OTHER]),
        report(2, Some("2021-09-02"), &[WIRE]),
        report(3, Some("2021-09-02"), &[OTHER]),
        report(4, Some("2021-09-03"), &[OTHER, WIRE]),
        report(5, Some("2021-09-03"), &[OTHER]),
    ];
    let reuse = Reuse::find(&documents);
    let sizes: Vec<(usize, Vec<u32>)> = reuse
        .clusters
        .iter()
        .map(|cluster| {
            let documents = cluster.copies.iter().map(|copy| copy.document.0).collect();
            (cluster.copies.len(), documents)
        })
        .collect();
    assert_eq!(sizes, [(4, vec![1, 3, 4, 5]), (3, vec![1, 2, 4])]);
    for copy in &reuse.clusters[0].copies {
        assert!(text_of(&documents, copy).starts_with("The central bank"));
    }
    // Document 1 shares both passages with document 4.
    assert_eq!(reuse.between(DocumentId(4), DocumentId(1)).len(), 2);
}

#[test]
fn a_passage_told_twice_in_one_document_is_two_copies_there() {
    let documents = vec![
        report(
            1,
            Some("2021-09-01"),
            &[WIRE, "Repeated for late listeners", WIRE],
        ),
        report(2, Some("2021-09-02"), &[WIRE]),
    ];
    let reuse = Reuse::find(&documents);
    assert_eq!(reuse.clusters.len(), 1, "{:?}", reuse.clusters);
    let copies = &reuse.clusters[0].copies;
    let documents_of: Vec<u32> = copies.iter().map(|copy| copy.document.0).collect();
    assert_eq!(documents_of, [1, 1, 2]);
    assert!(copies[0].range.end < copies[1].range.start);
    assert_eq!(reuse.clusters[0].documents(), 2);
    assert_eq!(reuse.between(DocumentId(1), DocumentId(2)).len(), 2);
}

#[test]
fn unrelated_reports_and_set_aside_paragraphs_make_no_cluster() {
    let mut documents = vec![
        report(1, Some("2021-09-01"), &[WIRE]),
        report(2, Some("2021-09-02"), &[OTHER]),
        report(3, Some("2021-09-03"), &[WIRE]),
    ];
    assert_eq!(Reuse::find(&documents).clusters.len(), 1);
    // The wire passage set aside in the third report leaves nothing shared.
    let start = documents[2].text.find("Taliban").expect("the passage");
    let end = start + WIRE.len() + 1;
    let span = crate::model::ByteSpan::new(&documents[2].text, start, end).expect("a span");
    documents[2].boilerplate.push(span);
    let reuse = Reuse::find(&documents);
    assert!(reuse.clusters.is_empty(), "{:?}", reuse.clusters);
    assert!(reuse.closest().is_empty());
}

#[test]
fn a_whole_report_copied_is_a_near_duplicate_of_its_origin() {
    let whole = report(1, Some("2021-09-01"), &[WIRE, OTHER]);
    let mut copy = whole.clone();
    copy.id = DocumentId(2);
    copy.date = Some("2021-09-02".parse().expect("a date"));
    let essay = "The province has a long history of resistance to outside rulers, from the \
        campaigns of the nineteenth century to the wars of the eighties, when its commanders \
        held the valley against repeated offensives and became known far beyond the country";
    let quoting = report(3, Some("2021-09-03"), &[essay, WIRE, essay]);
    let documents = vec![whole, copy, quoting];
    let reuse = Reuse::find(&documents);
    let near = reuse.near_duplicates(NearDuplicate::default());
    let mut marked: Vec<u32> = near.keys().map(|document| document.0).collect();
    marked.sort_unstable();
    assert_eq!(marked, [1, 2], "{near:?}");
    assert_eq!(near[&DocumentId(2)].other(DocumentId(2)), DocumentId(1));
    assert!(near[&DocumentId(2)].coverage() > 0.95);
}
