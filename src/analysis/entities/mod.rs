//! Entities: derived from the whole corpus, then shaped by the user's decisions.
//!
//! The project file keeps only what the user decided (see [`crate::model::Project::entities`]):
//! entities added by hand or from a name list, and the entities the user merged, split,
//! renamed, re-kinded, hid, marked as different or named as a claim's speaker, each with the
//! spellings it holds. Everything else is derived here, as a pure function of the documents and
//! those decisions:
//!
//! 1. each document is read on its own ([`candidates::read_document`]), cached by its text,
//!    date and language in an [`EntityCache`];
//! 2. the candidates of all documents are pooled, kinds decided over every mention, and
//!    spellings grouped ([`resolve::resolve`]), the same whatever the order of the documents;
//! 3. the user's decisions are laid over the result ([`EntityTable::build`]): a spelling the
//!    user gave to an entity stays there, and the spellings analysis groups with it follow it.
//!
//! Derived entities get ids from [`EntityId::DERIVED_BASE`] up, computed from their name, so an
//! entity keeps its id from one analysis to the next while its name stays.

mod alike;
pub mod candidates;
mod migrate;
mod pool;
pub mod resolve;

pub use candidates::{Candidate, DocumentNames, Rules};
pub use migrate::migrate_from_version_1;
pub use resolve::{AutoEntities, AutoEntity};

use crate::model::{
    Document, Entity, EntityId, EntityKind, EntityOrigin, PartialDate, Project, find,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

/// The name of the date entity for a date mention: its resolved value, or its text when the
/// year cannot be inferred.
pub fn date_entity_name(text: &str, value: Option<PartialDate>) -> String {
    value.map_or_else(
        || super::dates::decade_name(text).unwrap_or_else(|| text.to_owned()),
        |value| value.to_string(),
    )
}

/// What one document's reading depends on: its text, which paragraphs are set aside, its date
/// (dates without a year are read against it) and its language (which rules apply).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct DocumentKey {
    body: crate::analysis::BodyKey,
    date: Option<PartialDate>,
    language: Option<String>,
}

impl DocumentKey {
    fn of(document: &Document) -> Self {
        Self {
            body: crate::analysis::BodyKey::of(document),
            date: document.date,
            language: document.language.clone(),
        }
    }
}

/// Each document's reading and the last corpus-wide result, kept between analyses, so that a
/// new document is read alone and a decision is laid over the corpus without reading it again.
#[derive(Debug, Default)]
pub struct EntityCache {
    documents: Mutex<HashMap<DocumentKey, Arc<DocumentNames>>>,
    /// The last corpus, as its documents' keys sorted, and what analysis found in it.
    corpus: Mutex<Option<(Vec<DocumentKey>, Arc<AutoEntities>)>>,
    /// The last corpus's pooled evidence, with its documents' keys sorted: documents added to
    /// it add their own.
    pool: Mutex<Option<(Vec<DocumentKey>, pool::Pool)>>,
    /// Which spellings seen so far are written alike.
    alike: Mutex<alike::Alike>,
    /// The last search for the entities' spellings in the documents.
    scans: crate::analysis::mentions::ScanCache,
    /// The documents' words as reuse clustering reads them (it lives here, with the other
    /// per-document readings of the analysis, so one cache goes with a project).
    words: crate::analysis::reuse::WordCache,
}

impl EntityCache {
    /// The last search for the entities' spellings in the documents, for
    /// [`crate::analysis::mentions::MentionIndex::build_with`].
    pub fn scans(&self) -> &crate::analysis::mentions::ScanCache {
        &self.scans
    }

    /// The documents' words as reuse clustering reads them, for
    /// [`crate::analysis::reuse::Reuse::find_with`].
    pub fn words(&self) -> &crate::analysis::reuse::WordCache {
        &self.words
    }

    /// The reading of every document of `project`, from the cache where it is there.
    fn read(&self, project: &Project) -> Vec<(DocumentKey, Arc<DocumentNames>)> {
        let keys: Vec<DocumentKey> = project.documents.iter().map(DocumentKey::of).collect();
        let known: Vec<Option<Arc<DocumentNames>>> = {
            let cache = self
                .documents
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            keys.iter().map(|key| cache.get(key).cloned()).collect()
        };
        let read: Vec<Arc<DocumentNames>> = project
            .documents
            .par_iter()
            .zip(known)
            .map(|(document, known)| {
                known.unwrap_or_else(|| {
                    Arc::new(candidates::read_document(
                        &document.analysed_body(),
                        document.date,
                        document.language.as_deref(),
                    ))
                })
            })
            .collect();
        let mut cache = self
            .documents
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Only the documents of the project just read are kept, so the cache never outgrows it.
        let mut kept: HashMap<DocumentKey, Arc<DocumentNames>> = HashMap::with_capacity(keys.len());
        for (key, names) in keys.iter().zip(&read) {
            kept.insert(key.clone(), names.clone());
        }
        *cache = kept;
        keys.into_iter().zip(read).collect()
    }

    /// What analysis finds in the corpus of `project`, before the user's decisions.
    pub fn auto_entities(&self, project: &Project) -> Arc<AutoEntities> {
        self.auto_entities_and_readings(project).0
    }

    /// [`Self::auto_entities`], with each document's reading, in document order.
    fn auto_entities_and_readings(
        &self,
        project: &Project,
    ) -> (Arc<AutoEntities>, Vec<Arc<DocumentNames>>) {
        let read = self.read(project);
        let readings: Vec<Arc<DocumentNames>> =
            read.iter().map(|(_, names)| names.clone()).collect();
        let mut keys: Vec<DocumentKey> = read.iter().map(|(key, _)| key.clone()).collect();
        // The corpus is a set of documents: their order and their ids do not matter.
        keys.sort();
        {
            let corpus = self.corpus.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((known, auto)) = corpus.as_ref()
                && *known == keys
            {
                return (auto.clone(), readings);
            }
        }
        let pool = self.pool(&keys, &read);
        let auto = {
            let mut alike = self.alike.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::new(resolve::resolve_pool(&pool, &mut alike))
        };
        *self.pool.lock().unwrap_or_else(PoisonError::into_inner) = Some((keys.clone(), pool));
        *self.corpus.lock().unwrap_or_else(PoisonError::into_inner) = Some((keys, auto.clone()));
        (auto, readings)
    }

    /// The pooled evidence of the corpus whose documents have these keys (sorted), with their
    /// readings: the last corpus's pool with the new documents added, when it had no document
    /// this one lacks; else pooled again.
    fn pool(&self, keys: &[DocumentKey], read: &[(DocumentKey, Arc<DocumentNames>)]) -> pool::Pool {
        let previous = self
            .pool
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some((known, mut pool)) = previous
            && let Some(added) = added_to(&known, keys)
        {
            let mut readings: HashMap<&DocumentKey, &DocumentNames> = HashMap::new();
            for (key, names) in read {
                readings.insert(key, names);
            }
            for key in added {
                if let Some(names) = readings.get(key) {
                    pool.add(names);
                }
            }
            return pool;
        }
        pool::Pool::of(read.iter().map(|(_, names)| names.as_ref()))
    }
}

/// The keys of `now` that `before` lacks, counting repeats, if `now` holds every key of
/// `before`; both sorted.
fn added_to<'a>(before: &[DocumentKey], now: &'a [DocumentKey]) -> Option<Vec<&'a DocumentKey>> {
    let mut added = Vec::new();
    let mut before = before.iter().peekable();
    for key in now {
        match before.peek() {
            Some(known) if *known == key => {
                before.next();
            }
            Some(known) if *known < key => return None,
            _ => added.push(key),
        }
    }
    before.peek().is_none().then_some(added)
}

/// Where an entity of the table comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Stored in the project: the user decided something about it.
    Curated,
    /// Derived by analysis; nothing about it is stored.
    Derived,
}

/// Every entity of a project: the user's, with the spellings analysis groups with theirs, and
/// those analysis derives. Sorted by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityTable {
    /// The entities, sorted by id.
    pub entities: Vec<Entity>,
    /// The derived ones, sorted.
    derived: BTreeSet<EntityId>,
    /// Each document's reading, when the table was derived from the documents: the mention
    /// index takes their dates from it instead of reading every text again.
    pub readings: HashMap<crate::model::DocumentId, Arc<DocumentNames>>,
}

impl EntityTable {
    /// Derives the entities of `project`, reading each document through `cache`.
    pub fn derive(project: &Project, cache: &EntityCache) -> Self {
        crate::frame_guard::heavy("deriving the entities of every document");
        let (auto, readings) = cache.auto_entities_and_readings(project);
        let mut table = Self::build(project, &auto);
        table.readings = project
            .documents
            .iter()
            .map(|document| document.id)
            .zip(readings)
            .collect();
        table
    }

    /// The entities of `project` from what analysis found in its corpus.
    pub fn build(project: &Project, auto: &AutoEntities) -> Self {
        let mut pinned: HashMap<&str, EntityId> = HashMap::new();
        for entity in &project.entities {
            for variant in &entity.variants {
                pinned.entry(variant.as_str()).or_insert(entity.id);
            }
        }
        let mut curated: BTreeMap<EntityId, Entity> = project
            .entities
            .iter()
            .map(|entity| (entity.id, entity.clone()))
            .collect();
        let mut derived_entities: Vec<(String, Entity)> = Vec::new();
        for auto_entity in &auto.entities {
            // Mentions of the user's entities among the group's spellings, by entity.
            let mut owners: BTreeMap<EntityId, usize> = BTreeMap::new();
            for (spelling, count) in &auto_entity.spellings {
                if let Some(id) = pinned.get(spelling.as_str()) {
                    *owners.entry(*id).or_default() += count;
                }
            }
            let unpinned: Vec<String> = auto_entity
                .spellings
                .keys()
                .filter(|spelling| !pinned.contains_key(spelling.as_str()))
                .cloned()
                .collect();
            // The group's other spellings follow the user's entity most mentioned in it.
            if let Some((&owner, _)) = owners
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            {
                if let Some(entity) = curated.get_mut(&owner) {
                    entity.variants.extend(unpinned);
                }
                continue;
            }
            derived_entities.push((
                crate::text::fold(&auto_entity.name),
                Entity {
                    id: EntityId(0),
                    name: auto_entity.name.clone(),
                    kind: auto_entity.kind,
                    variants: unpinned,
                    hidden: false,
                    origin: EntityOrigin::Detected,
                },
            ));
        }
        // Dates: one entity per value, named by it; a date the user curated keeps its own.
        let curated_dates: HashMap<&str, EntityId> = project
            .entities
            .iter()
            .filter(|entity| entity.kind == EntityKind::Date)
            .map(|entity| (entity.name.as_str(), entity.id))
            .collect();
        for (name, texts) in &auto.dates {
            if let Some(id) = curated_dates.get(name.as_str()) {
                if let Some(entity) = curated.get_mut(id) {
                    entity.variants.extend(texts.keys().cloned());
                }
                continue;
            }
            derived_entities.push((
                format!("date {name}"),
                Entity {
                    id: EntityId(0),
                    name: name.clone(),
                    kind: EntityKind::Date,
                    variants: texts.keys().cloned().collect(),
                    hidden: false,
                    origin: EntityOrigin::Detected,
                },
            ));
        }
        let mut table = Self::default();
        for entity in curated.values_mut() {
            entity.variants.sort();
            entity.variants.dedup();
        }
        // Ids from the name: the same name gets the same id in every analysis; two names with
        // the same hash take the next free ids, in the order of their names.
        derived_entities.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        let mut taken: BTreeSet<EntityId> = curated.keys().copied().collect();
        const SPAN: u32 = u32::MAX - EntityId::DERIVED_BASE;
        for (key, mut entity) in derived_entities {
            let hash = candidates::word_hash(&key);
            let mut id =
                EntityId::DERIVED_BASE + u32::try_from(hash % u64::from(SPAN)).unwrap_or(0);
            while taken.contains(&EntityId(id)) {
                id = if id == u32::MAX {
                    EntityId::DERIVED_BASE
                } else {
                    id + 1
                };
            }
            entity.id = EntityId(id);
            entity.variants.sort();
            entity.variants.dedup();
            taken.insert(entity.id);
            table.derived.insert(entity.id);
            curated.insert(entity.id, entity);
        }
        table.entities = curated.into_values().collect();
        table
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        find(&self.entities, id)
    }

    /// Whether the entity is derived by analysis, with nothing of it stored.
    pub fn source(&self, id: EntityId) -> Source {
        if self.derived.contains(&id) {
            Source::Derived
        } else {
            Source::Curated
        }
    }

    /// The entity whose canonical name or one of whose spellings is `name`, ignoring case;
    /// canonical names first.
    pub fn by_name(&self, name: &str) -> Option<&Entity> {
        crate::model::entity_by_name(&self.entities, name)
    }

    /// The visible entities, in id order.
    pub fn visible(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(|entity| !entity.hidden)
    }
}

#[cfg(test)]
mod tests;
