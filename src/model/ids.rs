//! Typed identifiers: a document id can never be passed where a claim id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a document within its project.
    DocumentId
);
id_type!(
    /// Identifies an entity within its project.
    EntityId
);
id_type!(
    /// Identifies a code of the codebook within its project.
    CodeId
);
id_type!(
    /// Identifies a claim within its project.
    ClaimId
);
id_type!(
    /// Identifies a competing hypothesis within its project.
    HypothesisId
);

impl EntityId {
    /// Ids from here up are those analysis gives the entities it derives from the text; ids the
    /// user's own entities are numbered with stay below it.
    pub const DERIVED_BASE: u32 = 1 << 30;

    /// Whether the id is of the range analysis numbers derived entities in.
    pub fn in_derived_range(self) -> bool {
        self.0 >= Self::DERIVED_BASE
    }
}

/// Something stored in a project collection under a typed id.
pub trait Keyed {
    /// The id type of the item.
    type Id: Copy + Ord + std::hash::Hash + fmt::Debug;
    /// What a collection of them is called in messages ("documents", "codes").
    const PLURAL: &'static str;
    /// The item's id.
    fn key(&self) -> Self::Id;
}

/// The next free id in a collection kept sorted by id: one more than the largest.
pub fn next_id<T: Keyed>(
    items: &[T],
    make: impl Fn(u32) -> T::Id,
    raw: impl Fn(T::Id) -> u32,
) -> T::Id {
    make(items.last().map_or(1, |item| raw(item.key()) + 1))
}
