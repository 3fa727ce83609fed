//! The index of each entity's facts by kind, so that "Germany's relations of kind `member_of`"
//! or "France's participations as initiator" cost what they return, not the entity's degree.
//! Events have few participants and are not indexed.
//!
//! Adding a fact to a list kept in id order touches the list's end, and in a large graph the
//! ends of a hundred thousand entities' lists are out of the cache: a miss for each fact, a
//! quarter of a bulk build's time when the lists sat in a hash map keyed by entity and label.
//! So an entity's first two labels ([`Entry`]) live in its slot of the adjacency, beside the
//! heads of its lists, which linking the fact reads anyway, and each holds its four newest
//! facts there: the older ones are moved to the heap four at a time. A query reads the older
//! facts and then the newest, in id order as before. Labels past an entity's first two (few
//! entities have more than their roles) keep their lists in a map.

use std::marker::PhantomData;

use indexmap::IndexSet;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use thin_vec::ThinVec;

use super::links::Links;
use super::terms::TermCode;
use crate::model::{EntityId, ParticipationId, RelationId, RelationKind, Role, TableId};

/// What a fact is, seen from one of its entity endpoints.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Label {
    /// The entity takes part in an event in this role.
    Role(Role),
    /// The entity is the start of a relation of this kind.
    From(RelationKind),
    /// The entity is the end of a relation of this kind.
    To(RelationKind),
}

/// Label codes for the labels that are not named terms (`other:` roles and relation kinds),
/// whose codes are fixed, and the lists of the labels that are not in their entity's
/// [`Entry`], keyed by entity and code. The keys are internal ids, so a fast hasher is safe.
#[derive(Clone, Debug, Default)]
pub(crate) struct KindIndex {
    others: IndexSet<Label>,
    more: FxHashMap<u64, SmallVec<[u32; 4]>>,
}

/// A participation's or a relation's id, as the index lists it: the label says which.
pub(crate) trait Indexed: TableId + Ord {}
impl Indexed for ParticipationId {}
impl Indexed for RelationId {}

/// How many of a label's newest facts an [`Entry`] holds.
const RECENT: usize = 4;

/// An entity's first two labels, each with its newest facts in place and the older ones on
/// the heap, every older fact's id below every newer one's. 56 bytes, so that with the
/// entity's list heads it fills one cache line.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// Each lane's label code, `FREE` for a lane not in use.
    codes: [u16; 2],
    lens: [u8; 2],
    /// The entity's kind, as its record holds it. Checking a new fact at the entity (may it
    /// take part in an event, may it start a relation of this kind) reads it here, in the line
    /// the fact is then linked and indexed in, rather than in the entity's record: one miss
    /// in the cache, not two. The graph sets it wherever it stores an entity's record.
    pub(crate) kind: TermCode,
    recent: [[u32; RECENT]; 2],
    /// On the heap with its length: 8 bytes, one block, nothing allocated while empty.
    older: [ThinVec<u32>; 2],
}

const FREE: u16 = u16::MAX;

impl Default for Entry {
    fn default() -> Self {
        Entry {
            codes: [FREE; 2],
            lens: [0; 2],
            kind: TermCode::NONE,
            recent: [[0; RECENT]; 2],
            older: [ThinVec::new(), ThinVec::new()],
        }
    }
}

impl Entry {
    /// The lane that holds `code`.
    fn lane(&self, code: u32) -> Option<usize> {
        let code = u16::try_from(code).ok().filter(|&c| c != FREE)?;
        self.codes.iter().position(|&c| c == code)
    }

    /// A lane for `code`, if one is free and the code fits one.
    fn free_lane(&mut self, code: u32) -> Option<usize> {
        let code = u16::try_from(code).ok().filter(|&c| c != FREE)?;
        let lane = self.codes.iter().position(|&c| c == FREE)?;
        self.codes[lane] = code;
        Some(lane)
    }

    fn recent(&self, lane: usize) -> &[u32] {
        &self.recent[lane][..usize::from(self.lens[lane])]
    }

    fn older(&self, lane: usize) -> &[u32] {
        &self.older[lane]
    }

    fn last(&self, lane: usize) -> Option<u32> {
        self.recent(lane)
            .last()
            .or_else(|| self.older(lane).last())
            .copied()
    }

    /// Moves the lane's newest facts to the heap, after the older ones.
    fn spill(&mut self, lane: usize) {
        let len = usize::from(self.lens[lane]);
        if len == 0 {
            return;
        }
        let recent = self.recent[lane];
        self.older[lane].extend_from_slice(&recent[..len]);
        self.lens[lane] = 0;
    }

    fn insert(&mut self, lane: usize, fact: u32) {
        // Facts nearly always arrive in id order: kept in place, without reading the heap.
        if self.last(lane).is_none_or(|last| last < fact) {
            if usize::from(self.lens[lane]) == RECENT {
                self.spill(lane);
            }
            let len = usize::from(self.lens[lane]);
            self.recent[lane][len] = fact;
            self.lens[lane] += 1;
            return;
        }
        self.spill(lane);
        let older = &mut self.older[lane];
        if let Err(at) = older.binary_search(&fact) {
            older.insert(at, fact);
        }
    }

    fn remove(&mut self, lane: usize, fact: u32) {
        if let Ok(at) = self.recent(lane).binary_search(&fact) {
            let len = usize::from(self.lens[lane]);
            self.recent[lane].copy_within(at + 1..len, at);
            self.lens[lane] -= 1;
        } else if let Ok(at) = self.older[lane].binary_search(&fact) {
            self.older[lane].remove(at);
            if self.older[lane].is_empty() {
                // Gives the block back.
                self.older[lane] = ThinVec::new();
            }
        }
        if self.lens[lane] == 0 && self.older[lane].is_empty() {
            self.codes[lane] = FREE;
        }
    }
}

/// One entity's facts under one label, in id order, as [`KindIndex::get`] hands them out.
#[derive(Clone, Debug)]
pub(crate) struct Facts<'a, T> {
    older: std::slice::Iter<'a, u32>,
    recent: std::slice::Iter<'a, u32>,
    ids: PhantomData<T>,
}

impl<'a, T> Facts<'a, T> {
    fn new(older: &'a [u32], recent: &'a [u32]) -> Self {
        Facts {
            older: older.iter(),
            recent: recent.iter(),
            ids: PhantomData,
        }
    }
}

impl<T: Indexed> Iterator for Facts<'_, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        self.older
            .next()
            .or_else(|| self.recent.next())
            .map(|&id| T::from_index(id))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.older.len() + self.recent.len();
        (len, Some(len))
    }
}

impl<T: Indexed> ExactSizeIterator for Facts<'_, T> {}

const NAMED: u32 = 1024;

fn named_code(label: &Label) -> Option<u32> {
    let (index, offset) = match label {
        Label::Role(role) => (role.named_index()?, 0),
        Label::From(kind) => (kind.named_index()?, 100),
        Label::To(kind) => (kind.named_index()?, 200),
    };
    Some(offset + index as u32)
}

fn key(entity: EntityId, code: u32) -> u64 {
    (u64::from(entity.index()) << 32) | u64::from(code)
}

impl KindIndex {
    /// Makes room in the map for the lists of `relations` more relations. Each puts a label
    /// at each entity end, and an end's label goes to the map when the entity's two lanes
    /// are taken, as an actor's roles take them: one list for every two relations is a
    /// guess, which spares most of the map's growth (each step rehashes every list) without
    /// holding slots for lists that never come.
    pub(crate) fn reserve(&mut self, relations: usize) {
        self.more.reserve(relations / 2);
    }

    fn code(&self, label: &Label) -> Option<u32> {
        named_code(label).or_else(|| self.others.get_index_of(label).map(|i| NAMED + i as u32))
    }

    pub(crate) fn insert<T: Indexed>(
        &mut self,
        links: &mut Links,
        entity: EntityId,
        label: Label,
        fact: T,
    ) {
        let code = match named_code(&label) {
            Some(code) => code,
            None => NAMED + self.others.insert_full(label).0 as u32,
        };
        let entry = links.entry_mut(entity);
        if let Some(lane) = entry.lane(code) {
            return entry.insert(lane, fact.index());
        }
        // A label is in one place only: its map entry, once it has one.
        let key = key(entity, code);
        if let Some(list) = self.more.get_mut(&key) {
            return insert_sorted(list, fact.index());
        }
        match entry.free_lane(code) {
            Some(lane) => entry.insert(lane, fact.index()),
            None => insert_sorted(self.more.entry(key).or_default(), fact.index()),
        }
    }

    pub(crate) fn remove<T: Indexed>(
        &mut self,
        links: &mut Links,
        entity: EntityId,
        label: &Label,
        fact: T,
    ) {
        let Some(code) = self.code(label) else {
            return;
        };
        if let Some(entry) = links.entry_mut_if_any(entity)
            && let Some(lane) = entry.lane(code)
        {
            return entry.remove(lane, fact.index());
        }
        let key = key(entity, code);
        if let Some(list) = self.more.get_mut(&key) {
            if let Ok(at) = list.binary_search(&fact.index()) {
                list.remove(at);
            }
            if list.is_empty() {
                self.more.remove(&key);
            }
        }
    }

    /// The facts of `entity` under `label`, in id order: participations under a role,
    /// relations under a relation kind.
    #[inline]
    pub(crate) fn get<'a, T: Indexed>(
        &'a self,
        links: &'a Links,
        entity: EntityId,
        label: &Label,
    ) -> Facts<'a, T> {
        let Some(code) = self.code(label) else {
            return Facts::new(&[], &[]);
        };
        if let Some(entry) = links.entry(entity)
            && let Some(lane) = entry.lane(code)
        {
            return Facts::new(entry.older(lane), entry.recent(lane));
        }
        let list = self.more.get(&key(entity, code));
        Facts::new(list.map_or(&[], |list| list.as_slice()), &[])
    }
}

fn insert_sorted(list: &mut SmallVec<[u32; 4]>, fact: u32) {
    if list.last().is_none_or(|&last| last < fact) {
        list.push(fact);
    } else if let Err(at) = list.binary_search(&fact) {
        list.insert(at, fact);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn two_labels_fill_a_cache_line_with_the_heads() {
        assert_eq!(std::mem::size_of::<Entry>(), 56);
    }

    #[derive(Clone, Debug)]
    enum Step {
        Insert(u32, u8),
        Remove(u32, u8),
    }

    fn step() -> impl Strategy<Value = Step> {
        // Mostly rising ids, as a build adds them, with some out of order and some removed.
        prop_oneof![
            6 => (0u32..400, 0u8..4).prop_map(|(id, label)| Step::Insert(id, label)),
            2 => (0u32..400, 0u8..4).prop_map(|(id, label)| Step::Remove(id, label)),
        ]
    }

    fn label(code: u8) -> Label {
        match code {
            0 => Label::Role(Role::Initiator),
            1 => Label::Role(Role::Target),
            2 => Label::From(RelationKind::AlliedWith),
            _ => Label::Role(Role::Other("made-up role".into())),
        }
    }

    proptest! {
        /// Whatever the order of insertions and removals, and however an entity's labels are
        /// split between its entry and the map, each label lists exactly its facts, in id
        /// order, once each.
        #[test]
        fn each_label_lists_its_facts_in_id_order(
            steps in proptest::collection::vec(step(), 0..300),
            rising in proptest::collection::vec((0u32..4, 0u8..4), 0..200),
        ) {
            let mut index = KindIndex::default();
            let mut links = Links::default();
            let mut model: std::collections::BTreeMap<(u32, u8), std::collections::BTreeSet<u32>> =
                Default::default();
            let entity = |n: u32| EntityId::from_index(n % 3);
            let mut next = 1000;
            let rising = rising.into_iter().map(|(n, l)| { next += 1; Step::Insert(next + n, l) });
            for step in steps.into_iter().chain(rising) {
                match step {
                    Step::Insert(id, l) => {
                        index.insert(&mut links, entity(id), label(l), ParticipationId::from_index(id));
                        model.entry((id % 3, l)).or_default().insert(id);
                    }
                    Step::Remove(id, l) => {
                        index.remove(&mut links, entity(id), &label(l), ParticipationId::from_index(id));
                        if let Some(set) = model.get_mut(&(id % 3, l)) {
                            set.remove(&id);
                        }
                    }
                }
                for e in 0..3 {
                    for l in 0..4 {
                        let got: Vec<u32> = index
                            .get::<ParticipationId>(&links, EntityId::from_index(e), &label(l))
                            .map(TableId::index)
                            .collect();
                        let want: Vec<u32> = model
                            .get(&(e, l))
                            .map(|set| set.iter().copied().collect())
                            .unwrap_or_default();
                        prop_assert_eq!(&got, &want, "entity {} label {}", e, l);
                        prop_assert_eq!(
                            index.get::<ParticipationId>(&links, EntityId::from_index(e), &label(l)).len(),
                            want.len()
                        );
                    }
                }
            }
        }
    }
}
