//! The graph's string table: every key, description and other free text a packed record
//! refers to, held once, end to end in one buffer, and named by a 4-byte id.
//!
//! A `String` in a record costs 24 bytes even when empty and a heap block of its own when
//! not; at tens of millions of events that is most of the memory. Here a string costs its
//! bytes, an 8-byte end offset and its slot in the dedup table, and a record holds 4 bytes.

use std::num::NonZeroU32;

use hashbrown::HashTable;

use super::index_hash::IndexHash;

use crate::{Error, ErrorKind};

/// A string of the graph's table. Never zero, so that `Option<TextId>` takes 4 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TextId(NonZeroU32);

impl TextId {
    fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// Interned strings, in the order first interned; each distinct string once.
#[derive(Clone, Debug, Default)]
pub(crate) struct Strings {
    bytes: String,
    /// Where each string ends in `bytes`; string `i` starts where `i - 1` ends.
    ends: Vec<u64>,
    hasher: foldhash::fast::RandomState,
    /// The ids, compared through their text, with their [`IndexHash`].
    ids: HashTable<(IndexHash, TextId)>,
}

impl Strings {
    /// The text of `id`.
    pub(crate) fn get(&self, id: TextId) -> &str {
        text_in(&self.bytes, &self.ends, id)
    }

    /// The id of `text`, added if the table does not hold it yet.
    pub(crate) fn intern(&mut self, text: &str) -> Result<TextId, Error> {
        let hash = IndexHash::of(&self.hasher, text);
        let held = |&(bits, id): &(IndexHash, TextId)| bits == hash && self.get(id) == text;
        if let Some(&(_, id)) = self.ids.find(hash.spread(), held) {
            return Ok(id);
        }
        let id = self.push(text)?;
        self.ids
            .insert_unique(hash.spread(), (hash, id), IndexHash::of_entry);
        Ok(id)
    }

    /// Adds `text` without looking for it first or making it findable: for a text that is
    /// unique by rule (an event's key, which no other event may have), where the lookup
    /// would cost a hash and a slot for every record and never find a thing.
    pub(crate) fn push(&mut self, text: &str) -> Result<TextId, Error> {
        // Built only when refused: an error made ahead (`ok_or`) is made and dropped for
        // every string, out of line, on the path of every record a graph adds.
        let Some(id) = u32::try_from(self.ends.len() + 1)
            .ok()
            .and_then(NonZeroU32::new)
            .map(TextId)
        else {
            return Err(ErrorKind::CapacityExceeded { what: "strings" }.into());
        };
        self.bytes.push_str(text);
        self.ends.push(self.bytes.len() as u64);
        Ok(id)
    }

    /// Makes room for `additional` more strings.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.ends.reserve(additional);
        self.ids.reserve(additional, IndexHash::of_entry);
    }

    /// How many strings the table holds: the bound to give [`truncate`](Self::truncate) to
    /// forget every string interned after this call.
    pub(crate) fn bound(&self) -> usize {
        self.ends.len()
    }

    /// Forgets every string interned since [`bound`](Self::bound) returned `bound`, for
    /// undoing a merge whose records are all gone.
    pub(crate) fn truncate(&mut self, bound: usize) {
        while self.ends.len() > bound {
            // The last id is the table's length, which is not zero here.
            let Some(id) = NonZeroU32::new(self.ends.len() as u32).map(TextId) else {
                break;
            };
            let hash = IndexHash::of(&self.hasher, self.get(id));
            if let Ok(entry) = self.ids.find_entry(hash.spread(), |&(_, held)| held == id) {
                entry.remove();
            }
            self.ends.pop();
            let start = self.ends.last().map_or(0, |&end| end as usize);
            self.bytes.truncate(start);
        }
    }
}

fn text_in<'t>(bytes: &'t str, ends: &[u64], id: TextId) -> &'t str {
    let i = id.index();
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &bytes[start..ends[i] as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_held_once_and_read_back_by_its_id() {
        let mut strings = Strings::default();
        let words: Vec<String> = (0..500).map(|i| format!("made-up text {i} ✓")).collect();
        let ids: Vec<TextId> = words.iter().map(|w| strings.intern(w).unwrap()).collect();
        let again: Vec<TextId> = words.iter().map(|w| strings.intern(w).unwrap()).collect();
        assert_eq!(ids, again);
        assert_eq!(strings.bound(), 500);
        for (word, id) in words.iter().zip(&ids) {
            assert_eq!(strings.get(*id), word);
        }
        let empty = strings.intern("").unwrap();
        assert_eq!(strings.get(empty), "");
    }

    #[test]
    fn a_pushed_string_is_read_back_but_not_found_by_intern() {
        let mut strings = Strings::default();
        let pushed = strings.push("unique key").unwrap();
        let interned = strings.intern("unique key").unwrap();
        assert_ne!(pushed, interned);
        assert_eq!(strings.get(pushed), strings.get(interned));
        let bound = strings.bound();
        strings.push("dropped").unwrap();
        strings.truncate(bound);
        assert_eq!(strings.bound(), 2);
    }

    #[test]
    fn truncating_forgets_the_strings_added_since() {
        let mut strings = Strings::default();
        let kept = strings.intern("kept").unwrap();
        let bound = strings.bound();
        strings.intern("dropped").unwrap();
        strings.intern("also dropped").unwrap();
        strings.truncate(bound);
        assert_eq!(strings.bound(), 1);
        assert_eq!(strings.get(kept), "kept");
        assert_eq!(strings.intern("kept").unwrap(), kept);
        let new = strings.intern("dropped").unwrap();
        assert_eq!(strings.get(new), "dropped");
        assert_eq!(strings.bound(), 2);
    }
}
