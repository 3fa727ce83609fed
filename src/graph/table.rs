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
    ids: PhantomData<I>,
}

impl<I: TableId, T> Table<I, T> {
    pub(crate) fn new() -> Self {
        Table {
            rows: Vec::new(),
            live: 0,
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

    /// Appends a record; callers take its id from [`Table::next_id`] first.
    /// Makes room for `additional` more rows.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.rows.reserve(additional);
    }

    pub(crate) fn push(&mut self, row: T) {
        self.rows.push(Some(row));
        self.live += 1;
    }

    /// Appends a hole, for rebuilding a table that had removals.
    pub(crate) fn push_hole(&mut self) {
        self.rows.push(None);
    }

    pub(crate) fn get(&self, id: I) -> Option<&T> {
        self.rows.get(id.index() as usize)?.as_ref()
    }

    pub(crate) fn get_mut(&mut self, id: I) -> Option<&mut T> {
        self.rows.get_mut(id.index() as usize)?.as_mut()
    }

    pub(crate) fn remove(&mut self, id: I) -> Option<T> {
        let row = self.rows.get_mut(id.index() as usize)?.take();
        if row.is_some() {
            self.live -= 1;
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
