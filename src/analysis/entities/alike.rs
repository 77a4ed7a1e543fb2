//! Which spellings are written alike: a pure function of two spellings, kept between analyses.
//!
//! Grouping visits the corpus's spellings most mentioned first and joins each to the group of
//! the spelling already placed that it is most surely a variant of. Which spellings are written
//! alike never changes with the corpus, only which of them are in it and in what order they are
//! visited; so each spelling is compared with the others once, when it is first seen, and a
//! document added to a corpus of thousands compares only its new spellings.

use crate::analysis::variants::SpellingIndex;
use crate::text::WordMap;

/// Every spelling seen, with the spellings it is written alike with.
#[derive(Debug, Default)]
pub(super) struct Alike {
    ids: WordMap<String, u32>,
    index: SpellingIndex<u32>,
    /// By id: the spellings written alike with it, and how surely.
    same: Vec<Vec<(u32, f32)>>,
}

impl Alike {
    /// The number of spellings seen.
    pub fn len(&self) -> usize {
        self.same.len()
    }

    /// The id of `spelling`, comparing it with every spelling seen before if it is new.
    pub fn id(&mut self, spelling: &str) -> u32 {
        if let Some(id) = self.ids.get(spelling) {
            return *id;
        }
        let id = u32::try_from(self.same.len()).unwrap_or(u32::MAX);
        let alike = self.index.all_same(spelling);
        for (other, score) in &alike {
            if let Some(list) = self.same.get_mut(*other as usize) {
                list.push((id, *score));
            }
        }
        self.same.push(alike);
        self.index.insert(spelling, id);
        self.ids.insert(spelling.to_owned(), id);
        id
    }

    /// The spellings written alike with the spelling of this id, and how surely.
    pub fn same(&self, id: u32) -> &[(u32, f32)] {
        self.same.get(id as usize).map_or(&[], Vec::as_slice)
    }
}

/// Spellings placed in groups, in the order they were placed.
#[derive(Debug, Default)]
pub(super) struct Placed {
    /// By spelling id: when it was placed, and in which group.
    groups: WordMap<u32, (usize, usize)>,
}

impl Placed {
    /// Places the spelling of id `id` in `group`.
    pub fn insert(&mut self, id: u32, group: usize) {
        let order = self.groups.len();
        self.groups.entry(id).or_insert((order, group));
    }

    /// The group of the placed spelling that `spelling` is most surely written alike with;
    /// among equally sure ones, the one placed first.
    pub fn find_same(&self, alike: &mut Alike, spelling: &str) -> Option<usize> {
        let id = alike.id(spelling);
        alike
            .same(id)
            .iter()
            .filter_map(|(other, score)| {
                let (order, group) = self.groups.get(other)?;
                Some((*score, *order, *group))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
            .map(|(.., group)| group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_spellings_in_any_order_are_written_alike_with_the_same_ones() {
        let spellings = [
            "Panjshir", "Panshir", "Kabul", "Panchir", "Kaboul", "Charikar",
        ];
        let mut forward = Alike::default();
        let mut backward = Alike::default();
        let alike_with = |alike: &mut Alike, spelling: &str| {
            let id = alike.id(spelling);
            let ids: Vec<u32> = alike.same(id).iter().map(|(other, _)| *other).collect();
            let mut names: Vec<String> = ids
                .iter()
                .filter_map(|other| {
                    alike
                        .ids
                        .iter()
                        .find(|(_, known)| *known == other)
                        .map(|(name, _)| name.clone())
                })
                .collect();
            names.sort();
            names
        };
        for spelling in spellings {
            forward.id(spelling);
        }
        for spelling in spellings.iter().rev() {
            backward.id(spelling);
        }
        for spelling in spellings {
            assert_eq!(
                alike_with(&mut forward, spelling),
                alike_with(&mut backward, spelling),
                "{spelling}"
            );
        }
        assert_eq!(alike_with(&mut forward, "Panjshir"), ["Panchir", "Panshir"]);
        assert_eq!(alike_with(&mut forward, "Kabul"), ["Kaboul"]);
        assert_eq!(forward.len(), spellings.len());
    }

    #[test]
    fn the_group_found_is_the_surest_then_the_first_placed() {
        let mut alike = Alike::default();
        let mut placed = Placed::default();
        let panshir = alike.id("Panshir");
        let panchir = alike.id("Panchir");
        placed.insert(panshir, 0);
        placed.insert(panchir, 1);
        let panjshir = alike.id("Panjshir");
        // Both are variants of Panjshir: the surer one wins, or on a tie the first placed.
        let found = placed.find_same(&mut alike, "Panjshir");
        let scores: Vec<f32> = alike
            .same(panjshir)
            .iter()
            .map(|(_, score)| *score)
            .collect();
        let expected = if scores[1] > scores[0] { 1 } else { 0 };
        assert_eq!(found, Some(expected));
        assert_eq!(placed.find_same(&mut alike, "Kabul"), None);
    }
}
