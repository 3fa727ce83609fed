//! The index of each entity's facts by kind, so that "Germany's relations of kind `member_of`"
//! or "France's participations as initiator" cost what they return, not the entity's degree.
//! Events have few participants and are not indexed.

use std::collections::HashMap;

use indexmap::IndexSet;

use crate::model::{EntityId, FactId, RelationKind, Role};

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

/// Entity and interned label to the facts, in id order.
#[derive(Clone, Debug, Default)]
pub(crate) struct KindIndex {
    labels: IndexSet<Label>,
    lists: HashMap<(EntityId, u32), Vec<FactId>>,
}

impl KindIndex {
    pub(crate) fn insert(&mut self, entity: EntityId, label: Label, fact: FactId) {
        let (code, _) = self.labels.insert_full(label);
        let list = self.lists.entry((entity, code as u32)).or_default();
        // Facts nearly always arrive in id order, so this is a push.
        let at = list.partition_point(|&other| other < fact);
        if list.get(at) != Some(&fact) {
            list.insert(at, fact);
        }
    }

    pub(crate) fn remove(&mut self, entity: EntityId, label: &Label, fact: FactId) {
        let Some(code) = self.labels.get_index_of(label) else {
            return;
        };
        let key = (entity, code as u32);
        if let Some(list) = self.lists.get_mut(&key) {
            if let Ok(at) = list.binary_search(&fact) {
                list.remove(at);
            }
            if list.is_empty() {
                self.lists.remove(&key);
            }
        }
    }

    pub(crate) fn get(&self, entity: EntityId, label: &Label) -> &[FactId] {
        self.labels
            .get_index_of(label)
            .and_then(|code| self.lists.get(&(entity, code as u32)))
            .map_or(&[], Vec::as_slice)
    }
}
