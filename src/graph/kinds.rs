//! The index of each entity's facts by kind, so that "Germany's relations of kind `member_of`"
//! or "France's participations as initiator" cost what they return, not the entity's degree.
//! Events have few participants and are not indexed.

use indexmap::IndexSet;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::model::{EntityId, ParticipationId, RelationId, RelationKind, Role};

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

/// Entity and label code to the facts, in id order. Named roles and relation kinds have fixed
/// codes; only `other:` terms are interned. The keys are internal ids, so a fast hasher is safe.
/// A role's list holds participations and a relation kind's relations, each as its own 4-byte
/// id: one list entry per fact endpoint. Most entities of a large graph are named a few times,
/// so a list of up to four facts is held in its map entry, without an allocation of its own.
#[derive(Clone, Debug, Default)]
pub(crate) struct KindIndex {
    others: IndexSet<Label>,
    roles: FxHashMap<u64, Facts<ParticipationId>>,
    relations: FxHashMap<u64, Facts<RelationId>>,
}

/// One entity's facts under one label: as large as a `Vec`, up to four of them inline.
type Facts<T> = SmallVec<[T; 4]>;

/// A fact id the index lists, and the lists that hold its kind.
pub(crate) trait Indexed: Copy + Ord {
    fn lists(index: &KindIndex) -> &FxHashMap<u64, Facts<Self>>;
    fn lists_mut(index: &mut KindIndex) -> &mut FxHashMap<u64, Facts<Self>>;
}

impl Indexed for ParticipationId {
    #[inline]
    fn lists(index: &KindIndex) -> &FxHashMap<u64, Facts<Self>> {
        &index.roles
    }
    fn lists_mut(index: &mut KindIndex) -> &mut FxHashMap<u64, Facts<Self>> {
        &mut index.roles
    }
}

impl Indexed for RelationId {
    #[inline]
    fn lists(index: &KindIndex) -> &FxHashMap<u64, Facts<Self>> {
        &index.relations
    }
    fn lists_mut(index: &mut KindIndex) -> &mut FxHashMap<u64, Facts<Self>> {
        &mut index.relations
    }
}

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
    fn code(&self, label: &Label) -> Option<u32> {
        named_code(label).or_else(|| self.others.get_index_of(label).map(|i| NAMED + i as u32))
    }

    pub(crate) fn insert<T: Indexed>(&mut self, entity: EntityId, label: Label, fact: T) {
        let code = match named_code(&label) {
            Some(code) => code,
            None => NAMED + self.others.insert_full(label).0 as u32,
        };
        let list = T::lists_mut(self).entry(key(entity, code)).or_default();
        // Facts nearly always arrive in id order: a push, without a search through a hub's list.
        if list.last().is_none_or(|&last| last < fact) {
            list.push(fact);
            return;
        }
        let at = list.partition_point(|&other| other < fact);
        if list.get(at) != Some(&fact) {
            list.insert(at, fact);
        }
    }

    pub(crate) fn remove<T: Indexed>(&mut self, entity: EntityId, label: &Label, fact: T) {
        let Some(code) = self.code(label) else {
            return;
        };
        let key = key(entity, code);
        let lists = T::lists_mut(self);
        if let Some(list) = lists.get_mut(&key) {
            if let Ok(at) = list.binary_search(&fact) {
                list.remove(at);
            }
            if list.is_empty() {
                lists.remove(&key);
            }
        }
    }

    /// The facts of `entity` under `label`, in id order: participations under a role,
    /// relations under a relation kind.
    #[inline]
    pub(crate) fn get<T: Indexed>(&self, entity: EntityId, label: &Label) -> &[T] {
        self.code(label)
            .and_then(|code| T::lists(self).get(&key(entity, code)))
            .map_or(&[], SmallVec::as_slice)
    }
}

#[cfg(test)]
mod layout {
    #[test]
    fn a_list_of_facts_is_as_large_as_a_vec() {
        // The map's entries stay 32 bytes, and four facts need no allocation.
        assert_eq!(
            std::mem::size_of::<super::Facts<crate::ParticipationId>>(),
            std::mem::size_of::<Vec<crate::ParticipationId>>()
        );
    }
}
