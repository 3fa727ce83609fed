//! Events by key. An analyst's keys are words (`geneva-talks`) and go to a hash index. A
//! feed's keys are its own row numbers (GDELT's event ids), which a file gives in ascending
//! order, one after another; those go to a run, an array indexed by the number. A hash index
//! the size of the graph costs two misses in the cache for every key looked up and then
//! added, at random places of its table; the run reads and writes the slot next to the last
//! one, and tells that a number past its end is new without reading anything.
//!
//! Which of the two holds a key never changes what a lookup finds: the run is a faster path
//! for the same answers, and a number it cannot take goes to the index.

use std::ops::RangeInclusive;

use super::keys::KeyIndex;
use crate::model::{EventId, TableId};

/// A run gives way to a number it cannot take, its numbers moving to the index, while it has
/// at most this many slots: the first numbered event of a graph (a hand-made `1`) does not
/// decide where a feed's thousands of events go.
const YIELDS_UNDER: usize = 4096;

/// A gap in the numbers is filled with empty slots while the run then has at most this many
/// slots per key it holds (plus [`YIELDS_UNDER`]): a feed filtered to one country in ten
/// still runs, at 4 bytes a slot, and a stray large number does not make a huge run.
const SLOTS_PER_KEY: usize = 8;

/// An empty slot of the run.
const NONE: u32 = u32::MAX;

/// Event ids by key.
#[derive(Clone, Debug, Default)]
pub(crate) struct EventKeys {
    index: KeyIndex<EventId>,
    run: Run,
    /// The smallest and the largest number the index was ever given as a key: a number
    /// outside them, and not in the run, is no event's key.
    indexed_numbers: Option<RangeInclusive<u64>>,
}

/// Events keyed `first`, `first + 1`, …: slot `i` holds the id of the event keyed
/// `first + i`, or [`NONE`].
#[derive(Clone, Debug, Default)]
struct Run {
    first: u64,
    slots: Vec<u32>,
    held: usize,
}

impl Run {
    fn get(&self, number: u64) -> Option<EventId> {
        let at = usize::try_from(number.checked_sub(self.first)?).ok()?;
        match self.slots.get(at) {
            Some(&id) if id != NONE => Some(EventId::from_index(id)),
            _ => None,
        }
    }

    /// Puts `id` in the slot of `number`, if the run has one free or can grow to it.
    fn insert(&mut self, number: u64, id: EventId) -> bool {
        if self.slots.is_empty() {
            self.first = number;
        }
        let Some(at) = number
            .checked_sub(self.first)
            .and_then(|at| usize::try_from(at).ok())
        else {
            return false;
        };
        if at >= self.slots.len() {
            let most = SLOTS_PER_KEY.saturating_mul(self.held + 1);
            if at >= most.saturating_add(YIELDS_UNDER) {
                return false;
            }
            self.slots.resize(at + 1, NONE);
        }
        if self.slots[at] != NONE {
            // Another event's: the caller makes sure no event has the key already.
            return false;
        }
        self.slots[at] = id.index();
        self.held += 1;
        true
    }

    fn remove(&mut self, number: u64, id: EventId) -> bool {
        if self.get(number) != Some(id) {
            return false;
        }
        // `get` found it, so the offset is a slot.
        let at = (number - self.first) as usize;
        self.slots[at] = NONE;
        self.held -= 1;
        true
    }
}

/// The number a key writes, if it is a number written the one way: ASCII digits, no leading
/// zero, at most 19 of them (so that it fits in a `u64`). `"007"` and `"7"` are two keys, and
/// only `"7"` is the number 7.
fn number(key: &str) -> Option<u64> {
    // `parse` alone would take a sign and leading zeros.
    let canonical = match key.as_bytes() {
        [b'0'] => true,
        [first, ..] => (b'1'..=b'9').contains(first) && key.len() <= 19,
        [] => false,
    };
    canonical.then(|| key.parse().ok()).flatten()
}

impl EventKeys {
    /// The event with this key. `key_of` reads an event's key from its table.
    pub(crate) fn get<'t>(
        &self,
        key: &str,
        key_of: impl Fn(EventId) -> Option<&'t str>,
    ) -> Option<EventId> {
        if let Some(number) = number(key) {
            if let Some(id) = self.run.get(number) {
                return Some(id);
            }
            if !self
                .indexed_numbers
                .as_ref()
                .is_some_and(|numbers| numbers.contains(&number))
            {
                return None;
            }
        }
        self.index.get(key, key_of)
    }

    /// Files `id` under `key`, which its record in the table holds; the caller has made sure
    /// no other event has it.
    pub(crate) fn insert<'t>(
        &mut self,
        key: &str,
        id: EventId,
        key_of: impl Fn(EventId) -> Option<&'t str>,
    ) {
        let Some(number) = number(key) else {
            self.index.insert(key, id);
            return;
        };
        if self.run.insert(number, id) {
            return;
        }
        if self.run.slots.len() <= YIELDS_UNDER {
            let run = std::mem::take(&mut self.run);
            for (at, &held) in run.slots.iter().enumerate() {
                if held != NONE {
                    let held = EventId::from_index(held);
                    if let Some(key) = key_of(held) {
                        self.index_number(run.first + at as u64, key, held);
                    }
                }
            }
            if self.run.insert(number, id) {
                return;
            }
        }
        self.index_number(number, key, id);
    }

    fn index_number(&mut self, number: u64, key: &str, id: EventId) {
        self.index.insert(key, id);
        self.indexed_numbers = Some(match self.indexed_numbers.take() {
            Some(numbers) => number.min(*numbers.start())..=number.max(*numbers.end()),
            None => number..=number,
        });
    }

    /// Forgets `id`, filed under `key`. Compares ids alone, so its record may be gone.
    pub(crate) fn remove(&mut self, key: &str, id: EventId) {
        if number(key).is_some_and(|number| self.run.remove(number, id)) {
            return;
        }
        self.index.remove(key, id);
    }

    /// Makes room for `additional` more keys, in the run and in the index, not knowing
    /// which will take them. The run's room is not touched, and so costs no memory, until it
    /// is used.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.run.slots.reserve(additional);
        self.index.reserve(additional);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn only_a_number_written_the_one_way_is_a_number() {
        assert_eq!(number("0"), Some(0));
        assert_eq!(number("1100000042"), Some(1_100_000_042));
        assert_eq!(
            number("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        for key in [
            "",
            "007",
            "00",
            "+7",
            "-7",
            "7 ",
            "1e3",
            "٣",
            "10000000000000000000",
        ] {
            assert_eq!(number(key), None, "{key:?}");
        }
    }

    /// What a graph does to its keys, for the model below.
    #[derive(Clone, Debug)]
    enum Step {
        Add(String),
        Remove(usize),
        Rekey(usize, String),
    }

    fn a_key() -> impl Strategy<Value = String> {
        prop_oneof![
            // A feed's ids, in order and out of it, near and far.
            (0u64..40).prop_map(|n| (1_100_000_000 + n).to_string()),
            (0u64..40).prop_map(|n| n.to_string()),
            (0u64..3).prop_map(|n| (n * 100_000).to_string()),
            Just("18446744073709551615".to_owned()),
            (0u64..5).prop_map(|n| format!("0{n}")),
            "[a-z]{1,3}",
        ]
    }

    fn steps() -> impl Strategy<Value = Vec<Step>> {
        prop::collection::vec(
            prop_oneof![
                4 => a_key().prop_map(Step::Add),
                1 => any::<usize>().prop_map(Step::Remove),
                1 => (any::<usize>(), a_key()).prop_map(|(i, k)| Step::Rekey(i, k)),
            ],
            0..300,
        )
    }

    proptest! {
        /// Every key finds its event, and no other key finds one, whichever of the run and
        /// the index holds it, through growth, removal, changed keys and a run giving way.
        #[test]
        fn keys_find_exactly_their_events(steps in steps()) {
            // The table: each id's key, `None` once removed; ids are never reused.
            let mut keys: Vec<Option<String>> = Vec::new();
            let mut model: HashMap<String, EventId> = HashMap::new();
            let mut index = EventKeys::default();
            for step in steps {
                let live: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].is_some()).collect();
                match step {
                    Step::Add(key) => {
                        if model.contains_key(&key) {
                            continue;
                        }
                        let id = EventId::from_index(keys.len() as u32);
                        keys.push(Some(key.clone()));
                        let key_of = |id: EventId| keys.get(id.index() as usize)?.as_deref();
                        index.insert(&key, id, key_of);
                        model.insert(key, id);
                    }
                    Step::Remove(pick) if !live.is_empty() => {
                        let at = live[pick % live.len()];
                        let key = keys[at].take().unwrap_or_default();
                        index.remove(&key, EventId::from_index(at as u32));
                        model.remove(&key);
                    }
                    Step::Rekey(pick, new) if !live.is_empty() && !model.contains_key(&new) => {
                        let at = live[pick % live.len()];
                        let id = EventId::from_index(at as u32);
                        let old = keys[at].replace(new.clone()).unwrap_or_default();
                        index.remove(&old, id);
                        model.remove(&old);
                        let key_of = |id: EventId| keys.get(id.index() as usize)?.as_deref();
                        index.insert(&new, id, key_of);
                        model.insert(new, id);
                    }
                    _ => {}
                }
                let key_of = |id: EventId| keys.get(id.index() as usize)?.as_deref();
                for (key, &id) in &model {
                    prop_assert_eq!(index.get(key, key_of), Some(id), "{}", key);
                }
                for n in (0..45).chain(1_100_000_000..1_100_000_045) {
                    let key = n.to_string();
                    prop_assert_eq!(index.get(&key, key_of), model.get(&key).copied(), "{}", key);
                }
            }
        }
    }

    #[test]
    fn a_feed_in_order_fills_the_run_and_a_stray_number_gives_way() {
        let mut keys: Vec<String> = vec!["1".to_owned()];
        keys.extend((0..10_000u64).map(|n| (1_100_000_000 + 2 * n).to_string()));
        let key_of = |id: EventId| keys.get(id.index() as usize).map(String::as_str);
        let mut index = EventKeys::default();
        for (id, key) in keys.iter().enumerate() {
            index.insert(key, EventId::from_index(id as u32), key_of);
        }
        // The hand-made `1` gave way to the feed, whose every other number is a gap.
        assert_eq!(index.run.first, 1_100_000_000);
        assert_eq!(index.run.held, 10_000);
        assert_eq!(index.indexed_numbers, Some(1..=1));
        for (id, key) in keys.iter().enumerate() {
            assert_eq!(index.get(key, key_of), Some(EventId::from_index(id as u32)));
        }
        assert_eq!(index.get("1100000001", key_of), None);
        assert_eq!(index.get("2", key_of), None);
    }
}
