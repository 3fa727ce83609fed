//! Records by key (documents; events whose keys are words): a hash table of bare ids, each
//! hashed and compared through the key its record holds, so that a key is stored once, in its
//! record, rather than again in the index. For GDELT, whose documents are keyed by their URL,
//! that is one copy of every URL fewer.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// Ids by the key of their record. Every call that may hash a held id takes `key_of`, which
/// reads an id's key from its table; the index never holds an id whose record is gone.
#[derive(Clone, Debug)]
pub(crate) struct KeyIndex<I> {
    hasher: foldhash::fast::RandomState,
    ids: HashTable<I>,
}

impl<I> Default for KeyIndex<I> {
    fn default() -> Self {
        KeyIndex {
            hasher: Default::default(),
            ids: HashTable::new(),
        }
    }
}

impl<I: Copy + Eq> KeyIndex<I> {
    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The id whose record has this key.
    pub(crate) fn get<'t>(&self, key: &str, key_of: impl Fn(I) -> Option<&'t str>) -> Option<I> {
        self.ids
            .find(self.hash(key), |&id| key_of(id) == Some(key))
            .copied()
    }

    /// Indexes `id` under `key`, which its record in the table holds; the caller has made
    /// sure no other id has it.
    pub(crate) fn insert<'t>(&mut self, key: &str, id: I, key_of: impl Fn(I) -> Option<&'t str>) {
        let hash = self.hash(key);
        let hasher = &self.hasher;
        self.ids.insert_unique(hash, id, |&held| {
            hasher.hash_one(key_of(held).unwrap_or(""))
        });
    }

    /// Forgets `id`, indexed under `key`. Compares ids alone, so its record may be gone.
    pub(crate) fn remove(&mut self, key: &str, id: I) {
        if let Ok(entry) = self.ids.find_entry(self.hash(key), |&held| held == id) {
            entry.remove();
        }
    }

    /// Makes room for `additional` more ids.
    pub(crate) fn reserve<'t>(&mut self, additional: usize, key_of: impl Fn(I) -> Option<&'t str>) {
        let hasher = &self.hasher;
        self.ids.reserve(additional, |&held| {
            hasher.hash_one(key_of(held).unwrap_or(""))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_by_their_records_keys_through_growth_and_removal() {
        let keys: Vec<String> = (0..2000).map(|i| format!("made-up-key-{i}")).collect();
        let key_of = |id: usize| keys.get(id).map(String::as_str);
        let mut index = KeyIndex::default();
        index.reserve(10, key_of);
        for (id, key) in keys.iter().enumerate() {
            index.insert(key, id, key_of);
        }
        for id in (0..keys.len()).step_by(2) {
            index.remove(&keys[id], id);
        }
        for (id, key) in keys.iter().enumerate() {
            let expected = (id % 2 == 1).then_some(id);
            assert_eq!(index.get(key, key_of), expected, "{key}");
        }
        assert_eq!(index.get("made-up-key-", key_of), None);
    }
}
