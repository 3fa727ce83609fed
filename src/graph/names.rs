//! The normalised name index: case, white space, punctuation and diacritics folded, so that
//! "Bürkhardt", "BURKHARDT" and "burkhardt" meet.

use std::hash::BuildHasher;

use compact_str::CompactString;
use hashbrown::HashTable;
use smallvec::SmallVec;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::EntityId;

/// The form under which names are indexed and compared.
///
/// Letters are decomposed and stripped of their diacritics, lower-cased, and every run of
/// characters that are neither letters nor digits becomes one space, trimmed at the ends.
///
/// ```
/// use eventkg::normalize_name;
/// assert_eq!(normalize_name("  Thierry  BURKHARDT "), "thierry burkhardt");
/// assert_eq!(normalize_name("Zürich"), "zurich");
/// assert_eq!(normalize_name("U.S."), "u s");
/// assert_eq!(normalize_name("Ministry of Defence (Berlin)"), "ministry of defence berlin");
/// ```
pub fn normalize_name(name: &str) -> String {
    if name.is_ascii() {
        normalize_ascii(name)
    } else {
        normalize_unicode(name)
    }
}

fn normalize_unicode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// [`normalize_name`] for ASCII text, which has no diacritics to fold: the same result
/// without Unicode decomposition, for the common case on every lookup.
fn normalize_ascii(name: &str) -> String {
    let mut out = Vec::with_capacity(name.len());
    fold_ascii(name, |b| out.push(b));
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the folded form of ASCII `name` byte by byte: only ASCII letters, digits and
/// single spaces, so any prefix of it is valid UTF-8.
fn fold_ascii(name: &str, mut emit: impl FnMut(u8)) {
    let (mut pending_space, mut started) = (false, false);
    for b in name.bytes() {
        match FOLDED[usize::from(b & 0x7f)] {
            0 => pending_space = true,
            folded => {
                if pending_space && started {
                    emit(b' ');
                }
                pending_space = false;
                started = true;
                emit(folded);
            }
        }
    }
}

/// Whether `name` normalises to nothing (it has no letter or digit once folded): the check a
/// name must pass, without building the normalised form for ASCII names.
pub(crate) fn folds_to_nothing(name: &str) -> bool {
    if name.is_ascii() {
        return name.bytes().all(|b| FOLDED[usize::from(b)] == 0);
    }
    normalize_name(name).is_empty()
}

/// Each ASCII byte folded: letters lower-cased, digits kept, anything else 0 (a separator).
const FOLDED: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Calls `with` on the normalised form of `name`, folding a short ASCII name on the stack:
/// a lookup then allocates nothing.
fn with_normalized<T>(name: &str, with: impl FnOnce(&str) -> T) -> T {
    const SHORT: usize = 128;
    if name.is_ascii() && name.len() <= SHORT {
        let mut buffer = [0u8; SHORT];
        let mut len = 0;
        fold_ascii(name, |b| {
            if let Some(slot) = buffer.get_mut(len) {
                *slot = b;
                len += 1;
            }
        });
        if let Ok(key) = std::str::from_utf8(&buffer[..len]) {
            return with(key);
        }
    }
    with(&normalize_name(name))
}

/// Whether two names normalise to the same form, without building either form on the heap
/// when both are short ASCII (the comparison a restated entity makes for each of its names).
pub(crate) fn same_name(one: &str, other: &str) -> bool {
    with_normalized(one, |one| with_normalized(other, |other| one == other))
}

/// Normalised name to the entities that go by it: one entry for each name and entity, which
/// holds the name itself, in place when it is short (up to 24 bytes, most names once folded).
///
/// Finding a name then reads the table alone. With the names in a table of their own and 4-byte
/// ids to them, each lookup read the entry, the name's end offset and its bytes, three places
/// in memory apart; at 100,000 article files, where the index outgrows the core's cache, the
/// lookups of restated actors cost 16 times what they cost at 10,000. An entry takes 32
/// bytes, about what the entry, offset, bytes and deduplicating slot took together.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameIndex {
    hasher: foldhash::fast::RandomState,
    /// Hashed by the name's normalised text.
    entries: HashTable<(CompactString, EntityId)>,
}

impl NameIndex {
    /// Indexes every one of `names` under `id`.
    pub(crate) fn insert_all<'n>(&mut self, names: impl Iterator<Item = &'n str>, id: EntityId) {
        for name in names {
            self.insert(name, id);
        }
    }

    /// Makes room for `additional` more names.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let hasher = &self.hasher;
        self.entries
            .reserve(additional, |(held, _)| hasher.hash_one(held.as_str()));
    }

    /// Indexes `name` under `id`, unless it is indexed so already.
    fn insert(&mut self, name: &str, id: EntityId) {
        with_normalized(name, |key| {
            let hash = self.hasher.hash_one(key);
            if self
                .entries
                .find(hash, |(held, entity)| *entity == id && held == key)
                .is_some()
            {
                return;
            }
            let hasher = &self.hasher;
            self.entries
                .insert_unique(hash, (CompactString::from(key), id), |(held, _)| {
                    hasher.hash_one(held.as_str())
                });
        })
    }

    pub(crate) fn remove(&mut self, name: &str, id: EntityId) {
        with_normalized(name, |key| {
            let hash = self.hasher.hash_one(key);
            if let Ok(entry) = self
                .entries
                .find_entry(hash, |(held, entity)| *entity == id && held == key)
            {
                entry.remove();
            }
        });
    }

    /// The entities that go by `name`, in id order.
    pub(crate) fn get(&self, name: &str) -> SmallVec<[EntityId; 2]> {
        let mut ids: SmallVec<[EntityId; 2]> = with_normalized(name, |key| {
            self.entries
                .iter_hash(self.hasher.hash_one(key))
                .filter(|(held, _)| held == key)
                .map(|&(_, entity)| entity)
                .collect()
        });
        ids.sort_unstable();
        ids
    }

    /// Every name indexed with an entity going by it, a name once for each of its entities,
    /// in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, EntityId)> {
        self.entries
            .iter()
            .map(|(text, entity)| (text.as_str(), *entity))
    }

    /// The indexed key closest to `name`, if one is close enough to be a likely typo.
    pub(crate) fn nearest(&self, name: &str) -> Option<(&str, EntityId)> {
        let key = crate::model::vocabulary::nearest_term(
            &normalize_name(name),
            self.iter().map(|(key, _)| key),
        )?;
        Some((key, *self.get(key).first()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_ascii_and_stack_paths_fold_as_unicode_does(name in "[ -~]{0,140}|\\PC{0,20}") {
            let on_the_stack = with_normalized(&name, str::to_owned);
            prop_assert_eq!(&on_the_stack, &normalize_name(&name));
            prop_assert_eq!(on_the_stack, normalize_unicode(&name));
        }

        #[test]
        fn names_are_the_same_when_their_forms_are(
            one in "[ -~]{0,140}|\\PC{0,20}",
            other in "[ -~]{0,140}|\\PC{0,20}",
        ) {
            prop_assert_eq!(same_name(&one, &other), normalize_name(&one) == normalize_name(&other));
            for variant in [one.to_uppercase(), format!(" {one}. "), one.replace(' ', "--")] {
                prop_assert_eq!(
                    same_name(&one, &variant),
                    normalize_name(&one) == normalize_name(&variant)
                );
            }
        }
    }
}

#[cfg(test)]
mod index_tests {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::Error;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn the_index_answers_as_a_map_of_sets_does(
            changes in proptest::collection::vec((any::<bool>(), 0..6usize, 0..4u32), 1..60)
        ) {
            // Made-up names, some folding to one key.
            let names = ["Quist", "QUIST", "Marr", "Mär r", "Tolminsky", "tolminsky."];
            let mut index = NameIndex::default();
            let mut model: BTreeMap<String, BTreeSet<EntityId>> = BTreeMap::new();
            for (add, name, id) in changes {
                let (name, id) = (names[name], EntityId::new(id));
                if add {
                    index.insert_all(std::iter::once(name), id);
                    model.entry(normalize_name(name)).or_default().insert(id);
                } else {
                    index.remove(name, id);
                    if let Some(ids) = model.get_mut(&normalize_name(name)) {
                        ids.remove(&id);
                    }
                }
                for name in names {
                    let want: Vec<EntityId> = model
                        .get(&normalize_name(name))
                        .map(|ids| ids.iter().copied().collect())
                        .unwrap_or_default();
                    prop_assert_eq!(&index.get(name)[..], &want[..]);
                }
                let pairs = model.values().map(BTreeSet::len).sum::<usize>();
                prop_assert_eq!(index.iter().count(), pairs);
            }
        }
    }

    /// A change to the graph's entities, for the property below.
    #[derive(Clone, Debug)]
    enum Change {
        Add(usize, Vec<usize>),
        Rename(usize, usize, Vec<usize>),
        Remove(usize),
        Merge(usize),
        Join(usize, usize),
        /// Begins a merge of the next changes, rolled back after them.
        RolledBack(usize),
    }

    fn change() -> impl Strategy<Value = Change> {
        let names = || proptest::collection::vec(0..7usize, 0..3);
        prop_oneof![
            3 => (0..7usize, names()).prop_map(|(n, a)| Change::Add(n, a)),
            2 => (0..8usize, 0..7usize, names()).prop_map(|(e, n, a)| Change::Rename(e, n, a)),
            1 => (0..8usize).prop_map(Change::Remove),
            2 => (0..7usize).prop_map(Change::Merge),
            1 => (0..8usize, 0..8usize).prop_map(|(a, b)| Change::Join(a, b)),
            1 => (1..4usize).prop_map(Change::RolledBack),
        ]
    }

    proptest! {
        /// The entities the index says go by a name are those whose names say so, through
        /// adding, renaming, restating, joining and removing entities, and rolling a merge
        /// back.
        #[test]
        fn the_index_follows_the_entities_through_changes_and_rollbacks(
            changes in proptest::collection::vec(change(), 1..40)
        ) {
            use crate::{Entity, EntityKind, EventGraph};
            // Made-up names, some folding to one key.
            let names = ["Quist", "QUIST", "Marr", "Mär r", "Tolminsky", "tolminsky.", "Oda"];
            let entity = |name: usize, aliases: &[usize]| {
                let mut entity = Entity::new(EntityKind::Person, names[name]);
                for &alias in aliases {
                    entity = entity.alias(names[alias]);
                }
                entity
            };
            let mut graph = EventGraph::new();
            let mut rolling_back: Option<usize> = None;
            for change in changes {
                let ids: Vec<EntityId> = graph.entities().map(|(id, _)| id).collect();
                let pick = |i: usize| ids.get(i % ids.len().max(1)).copied();
                // Refusals (a duplicate, an ambiguous name) are part of the property: after
                // them too, the index must agree with the entities.
                match change {
                    Change::Add(name, aliases) => {
                        let _ = graph.add_entity(entity(name, &aliases));
                    }
                    Change::Rename(e, name, aliases) => {
                        if let Some(id) = pick(e) {
                            let _ = graph.update_entity(id, |held| {
                                held.name = names[name].into();
                                held.aliases = aliases.iter().map(|&a| names[a].into()).collect();
                            });
                        }
                    }
                    Change::Remove(e) => {
                        if let Some(id) = pick(e) {
                            let _ = graph.remove_entity(id);
                        }
                    }
                    Change::Merge(name) => {
                        let _ = graph.merge_entity(entity(name, &[(name + 2) % names.len()]));
                    }
                    Change::Join(a, b) => {
                        if let (Some(a), Some(b)) = (pick(a), pick(b)) {
                            let _ = graph.merge_entities(a, b, crate::Sources::new());
                        }
                    }
                    Change::RolledBack(after) => {
                        if rolling_back.is_none() {
                            graph.begin();
                            rolling_back = Some(after);
                        }
                    }
                }
                if let Some(left) = rolling_back.as_mut() {
                    if *left == 0 {
                        graph.rollback();
                        rolling_back = None;
                    } else {
                        *left -= 1;
                    }
                }
                for name in names {
                    let key = normalize_name(name);
                    let going_by: Vec<EntityId> = graph
                        .entities()
                        .filter(|(_, held)| held.names().any(|n| normalize_name(n) == key))
                        .map(|(id, _)| id)
                        .collect();
                    prop_assert_eq!(&graph.names.get(name)[..], &going_by[..], "{:?}", name);
                }
            }
        }
    }

    #[test]
    fn a_renamed_entity_keeps_the_names_it_still_has() -> Result<(), Error> {
        let mut graph = crate::EventGraph::new();
        let entity = crate::Entity::new(crate::EntityKind::Person, "made-up Quist").alias("Q");
        let id = graph.add_entity(entity)?;
        graph.update_entity(id, |e| {
            e.name = "Q".into();
            e.aliases = vec!["made-up Kvist".into()];
        })?;
        assert_eq!(graph.find_entity("q")?, id);
        assert_eq!(graph.find_entity("made-up kvist")?, id);
        assert!(graph.find_entity("made-up Quist").is_err());
        assert_eq!(graph.names.iter().count(), 2);
        Ok(())
    }
}

#[cfg(test)]
mod fold_tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn folds_to_nothing_is_an_empty_normal_form(name in "[ -~]{0,12}|\\PC{0,6}") {
            prop_assert_eq!(super::folds_to_nothing(&name), super::normalize_name(&name).is_empty());
        }
    }
}
