//! Insertion-ordered tables of records addressed by never-reused ids.

use std::marker::PhantomData;

use crate::Error;
use crate::ErrorKind;
use crate::model::TableId;

/// How many ids a table hands out: fewer than 2³¹, so that the adjacency can tell an entity
/// from an event, and a participation from a relation, by an id's top bit.
const LIMIT: u32 = (1 << 31) - 1;

/// Records in id order; a removed record leaves a hole so that no id is ever reused.
#[derive(Clone, Debug)]
pub(crate) struct Table<I, T> {
    rows: Vec<Option<T>>,
    live: usize,
    /// One bit a slot, set while it holds a record: checking that an id names a record
    /// (every source's document, as each fact comes in) reads 1 bit, not a record's slot,
    /// which at a large graph is a miss in the cache.
    present: Vec<u64>,
    ids: PhantomData<I>,
}

impl<I: TableId, T> Table<I, T> {
    pub(crate) fn new() -> Self {
        Table {
            rows: Vec::new(),
            live: 0,
            present: Vec::new(),
            ids: PhantomData,
        }
    }

    /// The id the next pushed record will get.
    pub(crate) fn next_id(&self, what: &'static str) -> Result<I, Error> {
        u32::try_from(self.rows.len())
            .ok()
            .filter(|&n| n < LIMIT)
            .map(I::from_index)
            .ok_or_else(|| ErrorKind::CapacityExceeded { what }.into())
    }

    /// Makes room for `additional` more rows.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.rows.reserve(additional);
    }

    /// Appends a record; callers take its id from [`Table::next_id`] first.
    pub(crate) fn push(&mut self, row: T) {
        let at = self.rows.len();
        self.push_hole();
        self.rows[at] = Some(row);
        self.present[at / 64] |= 1 << (at % 64);
        self.live += 1;
    }

    /// Appends a hole, for rebuilding a table that had removals.
    pub(crate) fn push_hole(&mut self) {
        self.rows.push(None);
        if self.present.len() * 64 < self.rows.len() {
            self.present.push(0);
        }
    }

    /// Whether `id` names a record of the table.
    #[inline]
    pub(crate) fn contains(&self, id: I) -> bool {
        let at = id.index() as usize;
        self.present
            .get(at / 64)
            .is_some_and(|word| word & (1 << (at % 64)) != 0)
    }

    pub(crate) fn get(&self, id: I) -> Option<&T> {
        self.rows.get(id.index() as usize)?.as_ref()
    }

    pub(crate) fn get_mut(&mut self, id: I) -> Option<&mut T> {
        self.rows.get_mut(id.index() as usize)?.as_mut()
    }

    pub(crate) fn remove(&mut self, id: I) -> Option<T> {
        let at = id.index() as usize;
        let row = self.rows.get_mut(at)?.take();
        if row.is_some() {
            self.live -= 1;
            self.present[at / 64] &= !(1 << (at % 64));
        }
        row
    }

    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// How many slots the table has, holes included: the index the next record takes.
    pub(crate) fn bound(&self) -> usize {
        self.rows.len()
    }

    /// Drops every slot from `bound` on, so that the ids past it are handed out again: for
    /// undoing records added after `bound` was read, never for ids a caller may still hold.
    pub(crate) fn truncate(&mut self, bound: usize) {
        let dropped = self
            .rows
            .iter()
            .skip(bound)
            .filter(|row| row.is_some())
            .count();
        self.live -= dropped;
        self.rows.truncate(bound);
        self.present.truncate(bound.div_ceil(64));
        if let Some(last) = self.present.last_mut()
            && bound % 64 != 0
        {
            *last &= (1 << (bound % 64)) - 1;
        }
    }

    /// Every slot, holes included, in id order: the serialised form.
    pub(crate) fn slots(&self) -> impl ExactSizeIterator<Item = Option<&T>> {
        self.rows.iter().map(Option::as_ref)
    }

    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = (I, &T)> {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| Some((I::from_index(i as u32), row.as_ref()?)))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Table;
    use crate::model::{DocumentId, TableId};

    #[derive(Clone, Debug)]
    enum Step {
        Push,
        Hole,
        Remove(u32),
        Truncate(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            6 => Just(Step::Push),
            1 => Just(Step::Hole),
            2 => (0u32..200).prop_map(Step::Remove),
            1 => (0usize..200).prop_map(Step::Truncate),
        ]
    }

    proptest! {
        /// The bits that say which ids hold a record agree with the records, through every
        /// way a table changes, across word boundaries.
        #[test]
        fn contains_agrees_with_the_rows(steps in proptest::collection::vec(step(), 0..400)) {
            let mut table: Table<DocumentId, u32> = Table::new();
            for step in steps {
                match step {
                    Step::Push => table.push(7),
                    Step::Hole => table.push_hole(),
                    Step::Remove(at) => drop(table.remove(DocumentId::from_index(at))),
                    Step::Truncate(bound) => table.truncate(bound.min(table.bound())),
                }
                for at in 0..table.bound() as u32 + 70 {
                    let id = DocumentId::from_index(at);
                    prop_assert_eq!(table.contains(id), table.get(id).is_some(), "id {}", at);
                }
                prop_assert_eq!(table.len(), table.iter().count());
            }
        }
    }
}
