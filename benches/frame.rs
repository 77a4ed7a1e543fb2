//! Frame time of the real panels, measured on the CPU with a headless egui context.
//!
//! `cargo bench --bench frame` prints, for a 1 MB document with thousands of highlights, the
//! first frame and the median and worst scrolling frame; and the time from reading a
//! 500-document project file to its first frame. Rendering (tessellation and the GPU) is not
//! included: this is the work a frame does on the UI thread.

// A benchmark stops loudly on any failure, and what it prints is its result.
#![allow(clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};
use triangulate::edit::Edit;
use triangulate::gui::TriangulateApp;
use triangulate::import::document_from_bytes;
use triangulate::model::{DocumentId, Project};
use triangulate::store;

const NAMES: [&str; 12] = [
    "Ahmad Massoud",
    "Ahmed Massoud",
    "Amrullah Saleh",
    "Zabihullah Mujahid",
    "the National Resistance Front",
    "the Taliban",
    "Kabul",
    "Bazarak",
    "Charikar",
    "the United Nations",
    "Fahim Dashti",
    "Ali Maisam Nazary",
];

/// A deterministic report of about `bytes` bytes, dense with names.
fn report(seed: usize, bytes: usize) -> String {
    let mut text = format!("Report {seed} from the valley\n\n");
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    while text.len() < bytes {
        for _ in 0..(3 + next(4)) {
            let (a, b) = (NAMES[next(NAMES.len())], NAMES[next(NAMES.len())]);
            text.push_str(&format!(
                "Fighters loyal to {a} said on day {} that {b} had moved towards the Panjshir valley, a claim denied by officials in Kabul. ",
                next(30) + 1
            ));
        }
        text.push_str("\n\n");
    }
    text
}

fn project_of(texts: Vec<String>) -> Project {
    let mut project = Project::new("bench");
    let documents: Vec<_> = texts
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let mut document = document_from_bytes(text.as_bytes(), &format!("report-{index}.txt"))
                .expect("imports")
                .document;
            document.id = DocumentId(u32::try_from(index).expect("few documents") + 1);
            document
        })
        .collect();
    let _undo = Edit::add_documents(documents)
        .apply(&mut project)
        .expect("applies");
    project
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut TriangulateApp) -> Duration {
    let started = Instant::now();
    let _ = ctx.run_ui(input(), |ui| app.frame_ui(ui));
    started.elapsed()
}

/// Opening a 10,000-document project of generated reports as the window does (the file read
/// and analysed in the background), a frame every 16 ms: the first frame, the slowest frame
/// while the work runs, and when the project is shown and when everything is derived.
fn opening_a_large_project() {
    let folder = std::env::temp_dir().join(format!("triangulate-open-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let path = folder.join("large.ron");
    let documents: Vec<_> = (0..10_000)
        .map(|seed| {
            let mut document = document_from_bytes(
                triangulate::corpus::report(seed).text.as_bytes(),
                &format!("r{seed}.txt"),
            )
            .expect("imports")
            .document;
            document.id = DocumentId(u32::try_from(seed).expect("fits") + 1);
            document
        })
        .collect();
    let mut project = Project::new("large");
    let _undo = Edit::add_documents(documents)
        .apply(&mut project)
        .expect("applies");
    store::save(&project, &path).expect("saves");
    drop(project);
    let ctx = egui::Context::default();
    let mut app = TriangulateApp::with_context(ctx.clone());
    let step = |app: &mut TriangulateApp| {
        let started = Instant::now();
        let _ = ctx.run_ui(input(), |ui| {
            app.tick(ui.ctx());
            app.frame_ui(ui);
        });
        started.elapsed()
    };
    let _ = step(&mut app);
    let started = Instant::now();
    app.open(path.clone());
    let first = step(&mut app);
    let mut frames = vec![first];
    let mut shown = None;
    while !app.is_analysed() || shown.is_none() {
        std::thread::sleep(Duration::from_millis(16));
        frames.push(step(&mut app));
        if shown.is_none() && app.workspace.project.documents.len() == 10_000 {
            shown = Some(started.elapsed());
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "never analysed"
        );
    }
    let analysed = started.elapsed();
    let slow: Vec<String> = frames
        .iter()
        .enumerate()
        .filter(|(_, time)| **time > Duration::from_millis(16))
        .map(|(index, time)| format!("#{index} {:.1} ms", time.as_secs_f64() * 1e3))
        .collect();
    println!(
        "opening a 10,000-document project ({} MB) in the window, a frame every 16 ms:",
        std::fs::metadata(&path)
            .map(|m| m.len() / 1_000_000)
            .unwrap_or(0)
    );
    println!(
        "  first frame {:.2} ms, slowest of {} frames {:.2} ms; documents shown after {:.2} s, everything derived after {:.2} s",
        first.as_secs_f64() * 1e3,
        frames.len(),
        worst(&frames).as_secs_f64() * 1e3,
        shown.unwrap_or_default().as_secs_f64(),
        analysed.as_secs_f64()
    );
    println!(
        "  frames over 16 ms: {}",
        if slow.is_empty() {
            "none".to_owned()
        } else {
            slow.join(", ")
        }
    );
    let _ = std::fs::remove_dir_all(&folder);
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn worst(times: &[Duration]) -> Duration {
    times.iter().max().copied().unwrap_or_default()
}

/// 400 frames of mouse-wheel scrolling, 60 points a frame, with the pointer at `pointer`: the
/// time of each.
fn wheel_frames(
    ctx: &egui::Context,
    app: &mut TriangulateApp,
    pointer: egui::Pos2,
) -> Vec<Duration> {
    (0..400)
        .map(|_| {
            let mut input = input();
            input.events.push(egui::Event::PointerMoved(pointer));
            input.events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -60.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
            let started = Instant::now();
            let _ = ctx.run_ui(input, |ui| app.frame_ui(ui));
            started.elapsed()
        })
        .collect()
}

/// Prints the median and worst wheel frames (`how` says how they scrolled) and the median
/// idle frame.
fn print_wheel_and_idle(wheel: &[Duration], how: &str, still: Vec<Duration>) {
    println!(
        "  wheel, median        {:>8.2} ms ({how})",
        median(wheel.to_vec()).as_secs_f64() * 1e3
    );
    println!(
        "  wheel, worst         {:>8.2} ms",
        worst(wheel).as_secs_f64() * 1e3
    );
    println!(
        "  idle frame, median   {:>8.2} ms",
        median(still).as_secs_f64() * 1e3
    );
}

fn main() {
    // `FRAME_BENCH=four-panes cargo bench --bench frame` runs that part alone (for profiling),
    // `FRAME_BENCH=opening` the opening of a 10,000-document project.
    if std::env::var("FRAME_BENCH").is_ok_and(|part| part == "four-panes") {
        four_panes(true);
        return;
    }
    if std::env::var("FRAME_BENCH").is_ok_and(|part| part == "opening") {
        opening_a_large_project();
        return;
    }
    // A 1 MB document with thousands of highlights.
    let project = project_of(vec![report(1, 1_000_000)]);
    let ctx = egui::Context::default();
    let mut app = TriangulateApp::with_context(ctx.clone());
    app.set_project(project, None, None);
    let highlights = app.derived.mentions.in_document(DocumentId(1)).len();
    // egui needs one pass to load fonts; the document's first frame is the one after.
    app.panes.clear();
    let _ = frame(&ctx, &mut app);
    app.open_document(DocumentId(1), false);
    let first = frame(&ctx, &mut app);
    let length = app.workspace.project.documents[0].text.len();
    let mut scrolling = Vec::new();
    for step in 0..400 {
        if let Some(pane) = app.panes.first_mut() {
            pane.scroll_to = Some(step * length / 400);
        }
        scrolling.push(frame(&ctx, &mut app));
    }
    // Wheel scrolling: 60 points a frame, as a mouse wheel or trackpad moves the text.
    if let Some(pane) = app.panes.first_mut() {
        pane.scroll_to = Some(length / 2);
    }
    let _ = frame(&ctx, &mut app);
    let wheel = wheel_frames(&ctx, &mut app, egui::pos2(900.0, 400.0));
    let still: Vec<Duration> = (0..100).map(|_| frame(&ctx, &mut app)).collect();
    println!("reader, 1 MB document, {highlights} highlights:");
    println!(
        "  first frame          {:>8.2} ms",
        first.as_secs_f64() * 1e3
    );
    println!(
        "  scrolling, median    {:>8.2} ms (jumping 2.5 KB a frame, 400 frames)",
        median(scrolling.clone()).as_secs_f64() * 1e3
    );
    println!(
        "  scrolling, worst     {:>8.2} ms",
        worst(&scrolling).as_secs_f64() * 1e3
    );
    print_wheel_and_idle(&wheel, "60 points a frame, 400 frames", still);

    // Opening a 500-document project: read and check the file, find mentions, draw.
    let folder = std::env::temp_dir().join(format!("triangulate-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let path = folder.join("bench.ron");
    let texts = (0..500).map(|seed| report(seed + 10, 5_000)).collect();
    store::save(&project_of(texts), &path).expect("saves");
    let ctx = egui::Context::default();
    let mut app = TriangulateApp::with_context(ctx.clone());
    let _ = frame(&ctx, &mut app);
    let started = Instant::now();
    let (project, stamp) = store::load(&path).expect("loads");
    let loaded = started.elapsed();
    app.set_project(project, Some(path.clone()), stamp);
    let _ = frame(&ctx, &mut app);
    let total = started.elapsed();
    println!(
        "opening a 500-document project ({} KB):",
        std::fs::metadata(&path)
            .map(|m| m.len() / 1000)
            .unwrap_or(0)
    );
    println!(
        "  load and check       {:>8.2} ms",
        loaded.as_secs_f64() * 1e3
    );
    println!(
        "  to first frame       {:>8.2} ms",
        total.as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&folder);

    opening_a_large_project();
    four_panes(false);
    four_panes(true);
    claims_views();
}

/// Four 1 MB documents side by side, sharing wire passages: the first frame, then wheel
/// scrolling over one pane, the others following it with sync scroll on.
fn four_panes(sync: bool) {
    let wire = report(99, 4_000);
    let texts: Vec<String> = (0..4)
        .map(|seed| {
            let mut text = report(seed + 500, 1_000_000);
            // The same wire copy in each, at a different place.
            let at = (seed + 1) * text.len() / 6;
            let at = (at..).find(|at| text.is_char_boundary(*at)).unwrap_or(at);
            text.insert_str(at, &format!("\n\n{wire}\n\n"));
            text
        })
        .collect();
    let ctx = egui::Context::default();
    let mut app = TriangulateApp::with_context(ctx.clone());
    let mut project = project_of(texts);
    // Passages shared between the panes come from the analysis the app runs in the background.
    let derived = triangulate::analysis::Derived::compute(&project, &Default::default());
    let passages: usize = derived
        .reuse
        .clusters
        .iter()
        .map(|cluster| cluster.copies.len())
        .sum();
    project.name = "four panes".into();
    app.set_project(project, None, None);
    app.derived = derived;
    app.panes.clear();
    let _ = frame(&ctx, &mut app);
    for id in 1..=4 {
        app.open_document(DocumentId(id), true);
    }
    app.sync_scroll = sync;
    let first = frame(&ctx, &mut app);
    let _ = frame(&ctx, &mut app);
    let wheel = wheel_frames(&ctx, &mut app, egui::pos2(600.0, 400.0));
    let still: Vec<Duration> = (0..100).map(|_| frame(&ctx, &mut app)).collect();
    println!(
        "four panes of 1 MB documents, sync scroll {}, {passages} copies of shared passages:",
        if sync { "on" } else { "off" }
    );
    println!(
        "  first frame          {:>8.2} ms",
        first.as_secs_f64() * 1e3
    );
    print_wheel_and_idle(&wheel, "60 points a frame over one pane, 400 frames", still);
}

/// The matrix, the timeline and the claims panel with 5,000 claims over 1,000 documents.
fn claims_views() {
    use triangulate::edit::ClaimDraft;
    use triangulate::gui::app::{CentralView, LeftTab};
    use triangulate::model::{Consistency, Stance};
    let texts: Vec<String> = (0..1_000).map(|seed| report(seed + 100, 2_000)).collect();
    let mut project = project_of(texts);
    let outlets = [
        "Wire", "Daily", "Weekly", "Review", "Ledger", "Express", "Post", "Herald",
    ];
    for (index, document) in project.documents.iter_mut().enumerate() {
        document.outlet = outlets[index % outlets.len()].to_owned();
        document.date = format!("2021-{:02}-{:02}", 8 + index % 2, 1 + index % 28)
            .parse()
            .ok();
    }
    let codes = [
        "surrender rumors",
        "propaganda denial",
        "offensive announced",
        "ceasefire offer",
        "civilian toll",
        "foreign support",
    ];
    let mut edits = Vec::new();
    for index in 0..5_000 {
        let document = &project.documents[index % project.documents.len()];
        let start = document.body.start() + (index * 37) % 1_200;
        let start = (start..)
            .find(|offset| document.text.is_char_boundary(*offset))
            .unwrap_or(start);
        let end = (start + 60..)
            .find(|offset| document.text.is_char_boundary(*offset))
            .unwrap_or(start);
        let draft = ClaimDraft {
            document: document.id,
            start,
            end,
            codes: vec![codes[index % codes.len()].to_owned()],
            stance: Stance::ALL[index % 4],
            speaker: None,
            via_outlet: None,
            date: None,
            note: String::new(),
        };
        let (edit, _) = Edit::tag_claim(&project, &Default::default(), &draft).expect("tags");
        let _undo = edit.clone().apply(&mut project).expect("applies");
        edits.push(edit);
    }
    // Three hypotheses, each claim rated against each.
    for text in [
        "The resistance holds the valley",
        "The valley fell without a fight",
        "A negotiated surrender",
    ] {
        let (edit, hypothesis) = Edit::add_hypothesis(&project, text).expect("adds");
        let _undo = edit.apply(&mut project).expect("applies");
        let claims: Vec<_> = project.claims.iter().map(|claim| claim.id).collect();
        for (index, claim) in claims.into_iter().enumerate() {
            let rating = [
                Consistency::Consistent,
                Consistency::Inconsistent,
                Consistency::Neutral,
            ][(index + hypothesis.0 as usize) % 3];
            if let Some(edit) = Edit::rate_claim(&project, claim, hypothesis, Some(rating)) {
                let _undo = edit.apply(&mut project).expect("applies");
            }
        }
    }
    let ctx = egui::Context::default();
    let mut app = TriangulateApp::with_context(ctx.clone());
    let derived = triangulate::analysis::Derived::compute(&project, &Default::default());
    app.set_project(project, None, None);
    app.derived = derived;
    let _ = frame(&ctx, &mut app);
    for (name, view, tab) in [
        ("claim matrix", CentralView::Matrix, LeftTab::Library),
        ("timeline", CentralView::Timeline, LeftTab::Library),
        ("claims panel", CentralView::Reader, LeftTab::Claims),
        ("hypotheses", CentralView::Hypotheses, LeftTab::Library),
        ("shared text", CentralView::Shared, LeftTab::Library),
    ] {
        app.central = view;
        app.left_tab = tab;
        let first = frame(&ctx, &mut app);
        let times: Vec<Duration> = (0..60).map(|_| frame(&ctx, &mut app)).collect();
        println!(
            "{name}, 5,000 claims over 1,000 documents: first frame {:.2} ms, then median {:.2} ms, worst {:.2} ms",
            first.as_secs_f64() * 1e3,
            median(times.clone()).as_secs_f64() * 1e3,
            worst(&times).as_secs_f64() * 1e3
        );
    }
}
