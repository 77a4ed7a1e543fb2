//! Helpers shared by the integration tests: projects built from texts the tests write.

use std::path::{Path, PathBuf};
use triangulate::analysis::entities::{EntityCache, EntityTable};
use triangulate::edit::{ClaimDraft, Edit};
use triangulate::import::{ImportOptions, read_batch};
use triangulate::model::{Consistency, DocumentId, Entity, Grade, Project, Stance};

/// Reports with multi-byte characters of every width: é, ’, « », emoji.
pub const REPORTS: [(&str, &str); 3] = [
    (
        "wire.txt",
        "Resistance holds in the Panjshir valley\n\nKABUL — Commander Ahmad Massoud said on Sunday that the National Resistance Front (NRF) “will never surrender” 🛡️.\n\nTaliban spokesman Zabihullah Mujahid said talks had failed.\n",
    ),
    (
        "quotidien.txt",
        " date 2021-09-06\nLa vallée du Panchir résiste\n\nSelon l’AFP, Ahmad Massoud a déclaré : « Ce sont des rumeurs, de la pure propagande. »\n\nLes talibans affirment contrôler Bazarak.\n",
    ),
    (
        "ledger.md",
        "Families wait for news from Panjsher\n\nRelatives in Kabul said they had not heard from Rukha for days. Amrullah Saleh said he was still in the valley.\n",
    ),
];

/// A site's home page whose article cannot be told from its menus: the extractor reads it
/// whole, with six menu items in the text.
pub const MENU_PAGE: &str = "<html><head><title>Valley News</title></head><body><nav><ul>\
     <li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li>\
     <li><a href='/politics'>Politics</a></li><li><a href='/sport'>Sport results</a></li>\
     <li><a href='/culture'>Culture</a></li><li><a href='/contact'>Contact us</a></li>\
     </ul></nav><div><span>Fighters held the valley on Sunday, a spokesman said.</span></div>\
     <div><span>The road to the valley was closed.</span></div></body></html>";

/// Writes the reports into `folder` and returns their paths.
pub fn write_reports(folder: &Path) -> Vec<PathBuf> {
    REPORTS
        .iter()
        .map(|(name, text)| {
            let path = folder.join(name);
            std::fs::write(&path, text).expect("write report");
            path
        })
        .collect()
}

/// A project with the reports imported.
pub fn imported_project(folder: &Path) -> Project {
    project_of(&write_reports(folder))
}

/// Writes each `(file name, text)` into `folder` and imports them all into a new project.
pub fn project_from_texts(folder: &Path, texts: &[(&str, &str)]) -> Project {
    let paths: Vec<PathBuf> = texts
        .iter()
        .map(|(name, text)| {
            let path = folder.join(name);
            std::fs::write(&path, text).expect("write report");
            path
        })
        .collect();
    project_of(&paths)
}

/// A new project with the files imported.
fn project_of(paths: &[PathBuf]) -> Project {
    let mut project = Project::new("Test project");
    import_into(&mut project, paths);
    project
}

/// Imports the files into `project`, as one edit that must apply.
pub fn import_into(project: &mut Project, paths: &[PathBuf]) {
    let read = read_batch(
        paths,
        ImportOptions::default(),
        &|_| {},
        &Default::default(),
    );
    let report = triangulate::workspace::prepare_import(project, read);
    let _undo = report
        .edit
        .expect("something imported")
        .apply(project)
        .expect("import applies");
}

/// The draft of a claim on the first occurrence of `quote` in a document.
pub fn draft(
    project: &Project,
    document: u32,
    quote: &str,
    code: &str,
    stance: Stance,
    speaker: Option<&str>,
) -> ClaimDraft {
    let text = &project
        .document(DocumentId(document))
        .expect("document")
        .text;
    let start = text.find(quote).expect("quote in text");
    ClaimDraft {
        document: DocumentId(document),
        start,
        end: start + quote.len(),
        codes: vec![code.to_owned()],
        stance,
        speaker: speaker.map(str::to_owned),
        via_outlet: None,
        date: None,
        note: "checked against the original".into(),
    }
}

/// Every entity of the project, derived and curated, as analysis finds them now.
pub fn entities(project: &Project) -> EntityTable {
    EntityTable::derive(project, &EntityCache::default())
}

/// The entity named so (canonical name first, then spellings), as analysis finds it now.
pub fn entity_named(project: &Project, name: &str) -> Entity {
    entities(project)
        .by_name(name)
        .cloned()
        .unwrap_or_else(|| panic!("no entity {name:?}"))
}

/// Tags a claim and applies it.
pub fn tag(project: &mut Project, draft: &ClaimDraft) {
    let (edit, _) = Edit::tag_claim(project, &entities(project), draft).expect("tag prepares");
    let _undo = edit.apply(project).expect("tag applies");
}

/// A project with documents and two claims, one with a new speaker.
pub fn tagged_project(folder: &Path) -> Project {
    let mut project = imported_project(folder);
    let first = draft(
        &project,
        1,
        "“will never surrender” 🛡️",
        "propaganda denial",
        Stance::Denies,
        Some("Ahmad Massoud"),
    );
    tag(&mut project, &first);
    let second = draft(
        &project,
        2,
        "« Ce sont des rumeurs, de la pure propagande. »",
        "propaganda denial",
        Stance::Denies,
        Some("Fahim Dashti"),
    );
    tag(&mut project, &second);
    // Grades and a rated hypothesis, so round trips cover them.
    let first_claim = project.claims[0].id;
    let grade = Grade::parse("B2").expect("badge");
    let edit = Edit::set_claim_grade(&project, first_claim, grade);
    apply(&mut project, edit);
    let grade = Grade::parse("C").expect("badge");
    let edit = Edit::set_outlet_grade(&project, "Wire", grade);
    apply(&mut project, edit);
    let (edit, hypothesis) =
        Edit::add_hypothesis(&project, "The resistance fights on").expect("hypothesis");
    apply(&mut project, Some(edit));
    let rating = Edit::rate_claim(
        &project,
        first_claim,
        hypothesis,
        Some(Consistency::Consistent),
    );
    apply(&mut project, rating);
    // The first claim spans a second passage, so round trips cover that too.
    let text = &project.document(DocumentId(1)).expect("document").text;
    let start = text.find("talks had failed").expect("in the text");
    let edit = Edit::add_claim_passage(
        &project,
        first_claim,
        start,
        start + "talks had failed".len(),
    )
    .expect("a second passage");
    apply(&mut project, Some(edit));
    project
}

fn apply(project: &mut Project, edit: Option<Edit>) {
    let _undo = edit
        .expect("an edit")
        .apply(project)
        .expect("the edit applies");
}
