//! The actors and places of a file numbered on the thread that reads it, so that the thread
//! that builds the graph finds a row's entities in a short array rather than in a hash map.
//!
//! A million rows name about sixty thousand actors and places two million times over. Looked
//! up by their text in a map of that size, each reads a bucket the cache no longer holds:
//! about 7 % of the building thread, the thread the import waits for. The reading thread is
//! the one with time to spare, and numbering what a row names needs nothing of the graph: the
//! same key gets the same number, and the building thread keeps one entity id per number.

use compact_str::CompactString;
use foldhash::HashMap;

use super::row::{EventRef, Numbers};

/// Numbers for a file's distinct actors and places, in the order they are first read.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    actors: HashMap<CompactString, u32>,
    places: HashMap<CompactString, u32>,
    /// The key being looked up, reused from row to row.
    key: String,
    /// The `SOURCEURL` of the last row that had one (no row has an empty one).
    last_source: String,
}

impl Numbering {
    /// Numbers the actors and the action's place of a checked event row, and tells whether
    /// its `SOURCEURL` is the last one's.
    pub(crate) fn number(&mut self, row: EventRef<'_>) -> Numbers {
        let mut numbers = Numbers::default();
        for (number, actor) in numbers.actors.iter_mut().zip(row.actors()) {
            *number = actor.and_then(|actor| {
                actor.key_into(&mut self.key);
                number_of(&mut self.actors, &self.key)
            });
        }
        numbers.place = row
            .action_geo()
            .and_then(|geo| number_of(&mut self.places, geo.key()));
        if let Some(source) = row.source_url() {
            numbers.source_again = self.last_source == source;
            if !numbers.source_again {
                self.last_source.clear();
                self.last_source.push_str(source);
            }
        }
        numbers
    }
}

/// The number of `key`, given the next one if it has none; past `u32::MAX` keys, none, and
/// the building thread looks the key up itself.
fn number_of(numbers: &mut HashMap<CompactString, u32>, key: &str) -> Option<u32> {
    if let Some(&number) = numbers.get(key) {
        return Some(number);
    }
    let number = u32::try_from(numbers.len()).ok()?;
    numbers.insert(key.into(), number);
    Some(number)
}
