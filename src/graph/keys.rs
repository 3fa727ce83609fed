//! Records by key (documents; events whose keys are words): a hash table of ids with their
//! [`IndexHash`], each compared through the key its record holds, so that a key is stored
//! once, in its record, rather than again in the index. For GDELT, whose documents are keyed
//! by their URL, that is one copy of every URL fewer.

use hashbrown::HashTable;

use super::index_hash::IndexHash;

/// Ids by the key of their record. A lookup takes `key_of`, which reads an id's key from its
/// table; the index never holds an id whose record is gone.
#[derive(Clone, Debug)]
pub(crate) struct KeyIndex<I> {
    hasher: foldhash::fast::RandomState,
    ids: HashTable<(IndexHash, I)>,
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
    fn hash(&self, key: &str) -> IndexHash {
        IndexHash::of(&self.hasher, key)
    }

    /// The id whose record has this key.
    pub(crate) fn get<'t>(&self, key: &str, key_of: impl Fn(I) -> Option<&'t str>) -> Option<I> {
        self.find_or_hash(key, key_of).ok()
    }

    /// The id whose record has this key, or else the key's hash, for
    /// [`insert_hashed`](Self::insert_hashed) to index a new record under without hashing the
    /// key again.
    pub(crate) fn find_or_hash<'t>(
        &self,
        key: &str,
        key_of: impl Fn(I) -> Option<&'t str>,
    ) -> Result<I, IndexHash> {
        let hash = self.hash(key);
        self.ids
            .find(hash.spread(), |&(bits, id)| {
                bits == hash && key_of(id) == Some(key)
            })
            .map(|&(_, id)| id)
            .ok_or(hash)
    }

    /// Indexes `id` under the key whose hash [`find_or_hash`](Self::find_or_hash) gave, which
    /// its record in the table holds and no other id has.
    pub(crate) fn insert_hashed(&mut self, hash: IndexHash, id: I) {
        self.ids
            .insert_unique(hash.spread(), (hash, id), IndexHash::of_entry);
    }

    /// Indexes `id` under `key`, which its record in the table holds; the caller has made
    /// sure no other id has it.
    pub(crate) fn insert(&mut self, key: &str, id: I) {
        self.insert_hashed(self.hash(key), id);
    }

    /// Forgets `id`, indexed under `key`. Compares ids alone, so its record may be gone.
    pub(crate) fn remove(&mut self, key: &str, id: I) {
        let hash = self.hash(key);
        if let Ok(entry) = self.ids.find_entry(hash.spread(), |&(_, held)| held == id) {
            entry.remove();
        }
    }

    /// Makes room for `additional` more ids.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.ids.reserve(additional, IndexHash::of_entry);
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
        index.reserve(10);
        for (id, key) in keys.iter().enumerate() {
            index.insert(key, id);
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
