//! Documents side by side: shared passages and anchors between panes, sync scroll, documents
//! dragged into panes, and the panes' arrangement.

use super::{first_shared_passage, harness, harness_on_copy, run_until};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::gui::TriangulateApp;
use triangulate::model::DocumentId;
use triangulate::store;

#[test]
fn clicking_a_shared_passage_scrolls_the_other_pane_to_its_copy() {
    let mut harness = harness();
    let passage = first_shared_passage(harness.state());
    {
        let app = harness.state_mut();
        app.panes.clear();
        app.open_document(passage.a, true);
        app.open_document(passage.b, true);
        app.panes[0].scroll_to = Some(passage.a_range.start);
    }
    harness.run_ok();
    let rect = harness.state().panes[0]
        .screen_rect_of(passage.a_range.start + 1)
        .expect("the passage is on screen");
    let inside = rect.left_top() + egui::vec2(20.0, 8.0);
    harness.hover_at(inside);
    harness.drag_at(inside);
    harness.drop_at(inside);
    harness.run_ok();
    let other = &harness.state().panes[1];
    assert_eq!(other.document, passage.b);
    assert_eq!(
        other.flash.clone(),
        Some(passage.b_range.clone()),
        "the copy is marked in the other pane"
    );
    let shown = other
        .screen_rect_of(passage.b_range.start + 1)
        .expect("and scrolled into view");
    assert!(shown.top() >= 0.0 && shown.top() < 800.0);
}

#[test]
fn the_shared_text_view_opens_a_reprint_beside_its_origin() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run_ok();
    let (origin, reprint) = {
        let cluster = &harness.state().derived.reuse.clusters[0];
        (cluster.origin().document, cluster.copies[1].document)
    };
    let title = |id| {
        harness
            .state()
            .workspace
            .project
            .document(id)
            .map(|document| document.title.clone())
            .expect("document")
    };
    // The largest cluster is chosen at first: its copies are listed, the earliest as origin.
    let _ = harness.get_by_label("Origin");
    let label = format!("Compare \"{}\" with \"{}\"", title(origin), title(reprint));
    harness.get_by_label(&label).click();
    harness.run_ok();
    let app = harness.state();
    assert_eq!(app.central, triangulate::gui::app::CentralView::Reader);
    let open: Vec<DocumentId> = app.panes.iter().map(|pane| pane.document).collect();
    assert!(
        open.contains(&origin) && open.contains(&reprint),
        "{open:?}"
    );
}

#[test]
fn with_sync_scroll_the_other_pane_follows_to_the_shared_passage() {
    let mut harness = harness();
    let pair = first_shared_passage(harness.state());
    harness.state_mut().compare(pair.a, pair.b);
    harness.run_ok();
    let tops = |harness: &Harness<'static, TriangulateApp>| -> Vec<Option<usize>> {
        harness
            .state()
            .panes
            .iter()
            .map(triangulate::gui::reader::Pane::top_offset)
            .collect()
    };
    let wheel = |harness: &mut Harness<'static, TriangulateApp>| {
        // Over the left pane, as a mouse wheel turned down a few notches.
        harness.hover_at(Pos2::new(640.0, 400.0));
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        for _ in 0..10 {
            harness.run_ok();
        }
    };
    let start = tops(&harness);
    wheel(&mut harness);
    let after = tops(&harness);
    assert_ne!(after[0], start[0], "the left pane scrolled");
    assert_eq!(after[1], start[1], "without sync the right pane stays");

    harness.state_mut().sync_scroll = true;
    wheel(&mut harness);
    let synced = tops(&harness);
    assert_ne!(synced[0], after[0], "the left pane scrolled again");
    assert_ne!(synced[1], after[1], "the right pane followed");
    // The passage they share sits at the top of both, or the right pane is at least past
    // the start of its copy once the left one is past the start of its own.
    let passage = pair.clone();
    let (left, right) = (synced[0].unwrap_or(0), synced[1].unwrap_or(0));
    if left >= passage.a_range.start {
        assert!(
            right + 400 >= passage.b_range.start,
            "{left} {right} {passage:?}"
        );
    }
}

#[test]
fn reports_in_two_languages_are_anchored_on_what_they_share() {
    use triangulate::analysis::anchors::AnchorKind;
    let mut harness = harness();
    // The French dispatch and the English review of the fall of the valley share no passage.
    let (french, english) = {
        let project = &harness.state().workspace.project;
        let find = |outlet: &str| {
            project
                .documents
                .iter()
                .find(|document| document.outlet == outlet)
                .map(|document| document.id)
                .expect("in the sample")
        };
        (find("La Dépêche Express"), find("The Frontline Review"))
    };
    assert!(
        harness
            .state()
            .derived
            .reuse
            .between(french, english)
            .is_empty(),
        "no shared text"
    );
    harness.state_mut().compare(french, english);
    // The links between open documents are worked out on a worker thread.
    run_until(&mut harness, TriangulateApp::links_are_current);
    let anchors = harness.state().open_anchors();
    let project = &harness.state().workspace.project;
    let text = |id, range: &std::ops::Range<usize>| {
        project.document(id).expect("document").text[range.clone()].to_owned()
    };
    let described: Vec<(String, String, AnchorKind)> = anchors
        .iter()
        .map(|(link, kind)| {
            (
                text(link.a, &link.a_range),
                text(link.b, &link.b_range),
                *kind,
            )
        })
        .collect();
    assert!(
        described
            .iter()
            .any(|(here, there, kind)| *kind == AnchorKind::Entity
                && here == "AFP"
                && there == "AFP"),
        "the agency both cite anchors them: {described:?}"
    );
    for (here, there, kind) in &described {
        if *kind == AnchorKind::Number {
            assert_eq!(
                here.chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
                there
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
            );
        }
    }
}

/// Drags from `from` to `to` in small steps, as a mouse would, one frame per step.
fn drag_pointer(harness: &mut Harness<'static, TriangulateApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run_ok();
    harness.drag_at(from);
    harness.run_ok();
    for step in 1..=8 {
        harness.hover_at(from + (to - from) * (step as f32 / 8.0));
        harness.run_ok();
    }
    harness.drop_at(to);
    harness.run_ok();
    harness.run_ok();
}

#[test]
fn a_document_dragged_from_the_library_opens_beside_a_pane_or_in_it() {
    let mut harness = harness();
    let title = |app: &TriangulateApp, id: DocumentId| {
        app.workspace
            .project
            .document(id)
            .expect("document")
            .title
            .clone()
    };
    let (first, second, third) = (DocumentId(1), DocumentId(5), DocumentId(3));
    assert_eq!(harness.state().panes[0].document, first);
    let pane = harness.state().layout.pane_rects()[0].1;
    // Dropped near the right edge of the pane: a new pane on its right.
    let row = harness
        .get_by_label(&title(harness.state(), second))
        .rect()
        .center();
    drag_pointer(
        &mut harness,
        row,
        pane.right_center() - egui::vec2(10.0, 0.0),
    );
    let app = harness.state();
    let documents: Vec<DocumentId> = app.panes.iter().map(|pane| pane.document).collect();
    assert_eq!(documents, vec![first, second]);
    let rects = app.layout.pane_rects();
    let rect_of = |document: DocumentId| {
        let salt = app
            .panes
            .iter()
            .find(|pane| pane.document == document)
            .expect("open")
            .salt;
        rects
            .iter()
            .find(|(known, _)| *known == salt)
            .expect("drawn")
            .1
    };
    assert!(
        rect_of(second).left() > rect_of(first).right(),
        "the new pane is on the right"
    );
    // Dropped on the middle of the right pane: the document replaces it there.
    let target = rect_of(second).center();
    let row = harness
        .get_by_label(&title(harness.state(), third))
        .rect()
        .center();
    drag_pointer(&mut harness, row, target);
    let documents: Vec<DocumentId> = harness
        .state()
        .panes
        .iter()
        .map(|pane| pane.document)
        .collect();
    assert_eq!(documents, vec![first, third]);
}

#[test]
fn panes_are_arranged_as_tabs_and_the_arrangement_comes_back_with_the_project() {
    use triangulate::gui::panes::Arrangement;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("arranged.ron");
    let mut harness = harness_on_copy(&path);
    let documents = harness.state().workspace.project.documents.len();
    for _ in 1..documents {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Backslash);
        harness.run_ok();
    }
    assert_eq!(
        harness.state().panes.len(),
        documents,
        "one pane per document"
    );
    assert_eq!(
        harness.state().layout.arrangement(),
        Some(Arrangement::Columns)
    );
    assert_eq!(
        harness.state().layout.pane_rects().len(),
        documents,
        "all side by side"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Num4);
    harness.run_ok();
    assert_eq!(
        harness.state().layout.arrangement(),
        Some(Arrangement::Tabs)
    );
    assert_eq!(
        harness.state().layout.pane_rects().len(),
        1,
        "one tab shows at a time"
    );
    // A tab per document, whose title is also in the library.
    let titles: Vec<String> = harness
        .state()
        .workspace
        .project
        .documents
        .iter()
        .map(|document| document.title.chars().take(20).collect())
        .collect();
    for title in titles {
        assert!(
            harness.query_all_by_label_contains(&title).count() >= 2,
            "the library row and the tab of {title}"
        );
    }
    // Another project, then this one again: its panes come back as they were.
    harness
        .state_mut()
        .set_project(triangulate::model::Project::new("Other"), None, None);
    harness.run_ok();
    assert!(harness.state().panes.is_empty());
    let (project, stamp) = store::load(&path).expect("loads");
    harness
        .state_mut()
        .set_project(project, Some(path.clone()), stamp);
    harness.run_ok();
    assert_eq!(harness.state().panes.len(), documents);
    assert_eq!(
        harness.state().layout.arrangement(),
        Some(Arrangement::Tabs)
    );
}
