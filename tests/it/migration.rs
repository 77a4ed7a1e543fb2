//! Projects saved in format 1, which stored every detected entity, open in format 2 with every
//! decision the user made and nothing else stored.

use crate::support::{entities, imported_project};
use std::collections::BTreeSet;
use triangulate::model::{Entity, EntityId, EntityKind, EntityOrigin, Project};
use triangulate::store;
use triangulate::workspace::Workspace;

/// Writes `project` as a file of format 1 and opens it.
fn open_as_format_1(project: &Project, folder: &std::path::Path) -> Workspace {
    let text = store::to_ron(project).expect("serialises").replacen(
        "format_version: 2,",
        "format_version: 1,",
        1,
    );
    let path = folder.join("old project.ron");
    std::fs::write(&path, text).expect("write");
    Workspace::open(&path).expect("a format-1 project opens")
}

#[test]
fn the_sample_project_of_format_1_keeps_its_speakers_and_derives_the_rest() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("panjshir-2021.ron");
    std::fs::copy("tests/data/panjshir-2021-format-1.ron", &path).expect("copy");
    let (old, _, version) = store::load_versioned(&path).expect("loads");
    assert_eq!(version, 1);
    let workspace = Workspace::open(&path).expect("opens");
    assert!(workspace.is_dirty(), "migrated: saving writes format 2");
    let speakers: BTreeSet<EntityId> = old
        .claims
        .iter()
        .filter_map(|claim| claim.speaker)
        .collect();
    let kept: BTreeSet<EntityId> = workspace
        .project
        .entities
        .iter()
        .map(|entity| entity.id)
        .collect();
    // Format 1 recorded no decision but the speakers in this file: they alone stay stored,
    // under their ids, so every claim keeps its speaker.
    assert_eq!(kept, speakers);
    for claim in &workspace.project.claims {
        if let Some(speaker) = claim.speaker {
            let before = old.entity(speaker).expect("in the old file");
            let after = workspace.project.entity(speaker).expect("kept");
            assert_eq!(after, before, "a speaker is kept exactly");
        }
    }
    assert_eq!(workspace.project.documents, old.documents);
    assert_eq!(workspace.project.claims, old.claims);
    // The rest is derived: the valley under all five of its spellings.
    let table = entities(&workspace.project);
    let valley = table.by_name("Panjshir").expect("the valley");
    assert_eq!(valley.kind, EntityKind::Place);
    for spelling in ["Panjshir", "Panshir", "Panjsher", "Panchir", "Pandjchir"] {
        assert!(
            valley.variants.contains(&spelling.to_owned()),
            "{:?}",
            valley.variants
        );
    }
    // Saved and opened again, it is format 2 and the same.
    let mut workspace = workspace;
    workspace.save().expect("saves");
    let (reopened, _, version) = store::load_versioned(&path).expect("loads");
    assert_eq!(version, 2);
    assert_eq!(reopened, workspace.project);
}

#[test]
fn merges_renames_hides_and_speakers_of_format_1_survive_and_the_rest_is_derived() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut project = imported_project(folder.path());
    // What format 1 stored: every entity analysis found...
    let derived = entities(&project);
    let mut stored: Vec<Entity> = derived
        .entities
        .iter()
        .cloned()
        .enumerate()
        .map(|(index, mut entity)| {
            entity.id = EntityId(u32::try_from(index).expect("few") + 1);
            entity
        })
        .collect();
    let numbered = |name: &str, stored: &[Entity]| {
        stored
            .iter()
            .position(|entity| entity.variants.contains(&name.to_owned()))
            .expect(name)
    };
    // ... with the user's decisions mixed in: Kabul and Rukha merged, Bazarak hidden, Taliban
    // renamed, Zabihullah Mujahid named as a speaker.
    let kabul = numbered("Kabul", &stored);
    let rukha = numbered("Rukha", &stored);
    let rukha_entity = stored.remove(rukha);
    let kabul = if rukha < kabul { kabul - 1 } else { kabul };
    stored[kabul].variants.extend(rukha_entity.variants);
    stored[kabul].variants.sort();
    let bazarak = numbered("Bazarak", &stored);
    stored[bazarak].hidden = true;
    let taliban = numbered("Taliban", &stored);
    stored[taliban].name = "The Taliban movement".into();
    let mujahid = numbered("Zabihullah Mujahid", &stored);
    let speaker = stored[mujahid].id;
    let (kabul_id, bazarak_id, taliban_id) =
        (stored[kabul].id, stored[bazarak].id, stored[taliban].id);
    let untouched = stored[numbered("Amrullah Saleh", &stored)].id;
    stored.sort_by_key(|entity| entity.id);
    for entity in &mut stored {
        entity.origin = EntityOrigin::Detected;
    }
    project.entities = stored.iter().cloned().collect();
    let claim = crate::support::draft(
        &project,
        1,
        "talks had failed",
        "talks",
        triangulate::model::Stance::Reports,
        None,
    );
    crate::support::tag(&mut project, &claim);
    if let Some(claim) = project.claims.iter_mut().next() {
        claim.speaker = Some(speaker);
    }

    let workspace = open_as_format_1(&project, folder.path());
    let kept: BTreeSet<EntityId> = workspace
        .project
        .entities
        .iter()
        .map(|entity| entity.id)
        .collect();
    assert_eq!(
        kept,
        BTreeSet::from([kabul_id, bazarak_id, taliban_id, speaker]),
        "the merge, the hide, the rename and the speaker are decisions; nothing else is stored: {:?}",
        workspace.project.entities
    );
    assert!(!kept.contains(&untouched));
    let table = entities(&workspace.project);
    let merged = table.entity(kabul_id).expect("merged");
    assert!(merged.variants.contains(&"Rukha".to_owned()));
    assert!(table.entity(bazarak_id).is_some_and(|entity| entity.hidden));
    assert_eq!(
        table.entity(taliban_id).map(|entity| entity.name.as_str()),
        Some("The Taliban movement")
    );
    assert_eq!(workspace.project.claims[0].speaker, Some(speaker));
    assert!(table.by_name("Amrullah Saleh").is_some(), "derived again");
}
