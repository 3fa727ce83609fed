//! The hash a graph's hash index keeps beside each id, so that growing the index reads none of
//! the records it indexes.
//!
//! The indices of strings, keys and source lists hold bare ids and hash a record through its
//! text. Growing such an index hashed every record again, reading each at its own place in
//! memory: in a merge of 100,000 files, a tenth of the time went to rehashing source lists
//! and strings. Keeping 32 bits of each hash costs 4 bytes an entry, and a record is then read
//! to compare only when those bits agree.

use std::hash::{BuildHasher, Hash};

/// 32 bits of a record's hash, from which an index places the record: a table of up to 2^32
/// slots needs no more, and the bits are spread over the 64 that `hashbrown` reads (the slot
/// from the low ones, a tag from the top ones) by an odd multiplier, which keeps the low bits
/// as evenly spread as the hash's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IndexHash(u32);

impl IndexHash {
    /// A placeholder, for a record that no index holds.
    pub(crate) const NONE: IndexHash = IndexHash(0);

    /// The bits of `value`'s hash under `hasher`.
    pub(crate) fn of<T: Hash + ?Sized>(hasher: &impl BuildHasher, value: &T) -> IndexHash {
        let hash = hasher.hash_one(value);
        IndexHash((hash ^ (hash >> 32)) as u32)
    }

    /// The hash the table places an entry by.
    pub(crate) fn spread(self) -> u64 {
        u64::from(self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// The hash of an entry the table holds, for growing it.
    pub(crate) fn of_entry<I>(entry: &(IndexHash, I)) -> u64 {
        entry.0.spread()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bits_place_entries_evenly() {
        // Sequential keys, as ids and keys made per row are, over a table of 1,024 slots:
        // each slot gets about its share, and the tags differ.
        let hasher = foldhash::fast::FixedState::with_seed(7);
        let mut slots = vec![0u32; 1024];
        let mut tags = std::collections::HashSet::new();
        for i in 0..102_400u32 {
            let hash = IndexHash::of(&hasher, &format!("made-up-key-{i}")).spread();
            slots[(hash & 1023) as usize] += 1;
            tags.insert(hash >> 57);
        }
        let (least, most) = (slots.iter().min().unwrap(), slots.iter().max().unwrap());
        assert!(*least > 50 && *most < 160, "{least}..{most}");
        assert_eq!(tags.len(), 128);
    }
}
