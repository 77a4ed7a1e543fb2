//! [`Table`]: every collection of a project, kept sorted by id with each id once.
//!
//! Reading is a slice (`Deref<Target = [T]>`): iterate, index, `len`, `first`, `get` by
//! position; `by_id` finds an item by its id. Changing goes
//! through methods that keep the order and refuse a second item with an id already there, so no
//! collection can be left unsorted or with a duplicate by one path that forgot to check. The
//! file lists a table as a plain sequence; reading one that is out of order sorts it, and one
//! with an id twice is refused, naming the collection and the id.

use super::Keyed;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Deref;

/// Items kept sorted by their id, each id once.
#[derive(Clone, Debug, PartialEq)]
pub struct Table<T>(Vec<T>);

/// Two items given to a [`Table`] share an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedId<Id>(pub Id);

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Keyed> Table<T> {
    /// An empty table.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// The items sorted by id; an error names an id two of them share.
    pub fn from_items(mut items: Vec<T>) -> Result<Self, SharedId<T::Id>> {
        items.sort_by_key(Keyed::key);
        if let Some(pair) = items.windows(2).find(|pair| pair[0].key() == pair[1].key()) {
            return Err(SharedId(pair[0].key()));
        }
        Ok(Self(items))
    }

    /// Where the item with this id is (`Ok`), or would go (`Err`).
    fn position(&self, id: T::Id) -> Result<usize, usize> {
        self.0.binary_search_by_key(&id, Keyed::key)
    }

    /// The item with this id.
    pub fn by_id(&self, id: T::Id) -> Option<&T> {
        self.position(id).ok().map(|index| &self.0[index])
    }

    /// The item with this id, to change in place. Its id must stay as it is.
    pub fn by_id_mut(&mut self, id: T::Id) -> Option<&mut T> {
        self.position(id).ok().map(|index| &mut self.0[index])
    }

    /// Whether an item has this id.
    pub fn contains_id(&self, id: T::Id) -> bool {
        self.position(id).is_ok()
    }

    /// Puts `item` in its place by id; returns the item it replaced, which had its id.
    pub fn insert(&mut self, item: T) -> Option<T> {
        // Items are most often added with a new, largest id: no search then.
        if self.0.last().is_none_or(|last| last.key() < item.key()) {
            self.0.push(item);
            return None;
        }
        match self.position(item.key()) {
            Ok(index) => Some(std::mem::replace(&mut self.0[index], item)),
            Err(index) => {
                self.0.insert(index, item);
                None
            }
        }
    }

    /// Takes out the item with this id.
    pub fn remove(&mut self, id: T::Id) -> Option<T> {
        self.position(id).ok().map(|index| self.0.remove(index))
    }

    /// Keeps the items for which `keep` holds, in order.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    /// Every item, to change in place. Their ids must stay as they are.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }

    /// The items, sorted by id.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T: Keyed> Extend<T> for Table<T> {
    /// Puts each item in its place; one with an id already there replaces that item.
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.insert(item);
        }
    }
}

impl<T: Keyed> FromIterator<T> for Table<T> {
    /// The items in their places by id; of two with one id, the later stays (as with
    /// [`Table::insert`]). [`Table::from_items`] refuses them instead.
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut table = Self::new();
        table.extend(items);
        table
    }
}

impl<T: Serialize> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Keyed + Deserialize<'de>> Deserialize<'de> for Table<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        Self::from_items(items).map_err(|SharedId(id)| {
            serde::de::Error::custom(format!("two {} share the id {id:?}", T::PLURAL))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Item {
        id: u32,
        name: String,
    }

    impl Keyed for Item {
        type Id = u32;
        const PLURAL: &'static str = "items";
        fn key(&self) -> u32 {
            self.id
        }
    }

    fn item(id: u32, name: &str) -> Item {
        Item {
            id,
            name: name.into(),
        }
    }

    fn names(table: &Table<Item>) -> Vec<(u32, &str)> {
        table
            .iter()
            .map(|item| (item.id, item.name.as_str()))
            .collect()
    }

    #[test]
    fn changes_keep_the_order_and_each_id_once() {
        let mut table = Table::from_items(vec![item(3, "c"), item(1, "a")]).expect("unique");
        assert_eq!(names(&table), [(1, "a"), (3, "c")]);
        assert_eq!(table.insert(item(2, "b")), None);
        assert_eq!(table.insert(item(4, "d")), None);
        assert_eq!(table.insert(item(3, "C")), Some(item(3, "c")));
        assert_eq!(names(&table), [(1, "a"), (2, "b"), (3, "C"), (4, "d")]);
        assert_eq!(table.remove(2), Some(item(2, "b")));
        assert_eq!(table.remove(2), None);
        table.extend([item(0, "z"), item(1, "A")]);
        assert_eq!(names(&table), [(0, "z"), (1, "A"), (3, "C"), (4, "d")]);
        assert_eq!(table.by_id(4), Some(&item(4, "d")));
        assert!(table.by_id(9).is_none() && !table.contains_id(9));
        table.retain(|item| item.id % 2 == 1);
        assert_eq!(names(&table), [(1, "A"), (3, "C")]);
    }

    #[test]
    fn a_shared_id_is_refused_and_named_when_read() {
        assert_eq!(
            Table::from_items(vec![item(2, "a"), item(1, "b"), item(2, "c")]),
            Err(SharedId(2))
        );
        let error = ron::from_str::<Table<Item>>("[(id: 5, name: \"a\"), (id: 5, name: \"b\")]")
            .expect_err("a shared id");
        assert!(
            error.to_string().contains("two items share the id 5"),
            "{error}"
        );
        let read: Table<Item> =
            ron::from_str("[(id: 5, name: \"b\"), (id: 1, name: \"a\")]").expect("reads");
        assert_eq!(
            names(&read),
            [(1, "a"), (5, "b")],
            "read out of order, sorted"
        );
        assert_eq!(
            ron::to_string(&read).expect("writes"),
            ron::to_string(&read.clone().into_vec()).expect("writes"),
            "written as a plain list"
        );
    }
}
