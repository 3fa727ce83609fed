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

use super::Layout;
use super::row::{EventChecked, Fields, Identities};

/// Numbers for a file's distinct actors and places, in the order they are first read.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    actors: HashMap<CompactString, u32>,
    places: HashMap<CompactString, u32>,
    /// The key being looked up, reused from row to row.
    key: String,
    /// The `SOURCEURL` of the last row that had one.
    last_source: Option<String>,
}

impl Numbering {
    /// Numbers the actors and the action's place of a checked event row.
    pub(crate) fn number(
        &mut self,
        fields: &Fields<'_, '_>,
        layout: Layout,
        row: &mut EventChecked,
    ) {
        let Identities {
            actors,
            place,
            source,
        } = fields.identities(layout, row);
        for (number, actor) in row.numbers.actors.iter_mut().zip(actors) {
            *number = actor.and_then(|[code, name]| {
                self.key.clear();
                self.key.push_str(code);
                self.key.push('\t');
                self.key.push_str(name);
                number_of(&mut self.actors, &self.key)
            });
        }
        row.numbers.place = place.and_then(|key| number_of(&mut self.places, key));
        if let Some(source) = source {
            let last = self.last_source.get_or_insert_with(String::new);
            row.numbers.source_again = last == source;
            if !row.numbers.source_again {
                last.clear();
                last.push_str(source);
            }
        }
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
