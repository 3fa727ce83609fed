//! How the graph holds an event: its kind as a term code, its key and description in the
//! string table, its date in 8 bytes, and what most events lack (a location, a confidence
//! short of certain, attributes, stated values, GDELT's coding) behind one pointer that is
//! null for them: 32 bytes. [`EventRef`](super::EventRef) reads it back.

use std::num::NonZeroU32;

use super::sources::ListId;
use super::strings::{Strings, TextId};
use super::terms::{TermCode, Terms};
use crate::Error;
use crate::model::{
    Attributes, Confidence, EntityId, Event, EventKind, EventStatus, FuzzyDate, GdeltCoding,
    Sources, StatedValues,
};

/// An event as stored.
#[derive(Clone, Debug)]
pub(crate) struct EventRecord {
    pub(crate) sources: Option<ListId>,
    pub(crate) date: Option<FuzzyDate>,
    pub(crate) rare: Option<Box<RareFields>>,
    pub(crate) key: Option<TextId>,
    pub(crate) description: Option<TextId>,
    pub(crate) kind: TermCode,
    pub(crate) status: EventStatus,
}

/// The fields few events have: a location (most news is placed by its entities, and a feed
/// that places every event comes with its own coding here), a confidence short of certain,
/// attributes, stated values, GDELT's coding. The coding is held here unboxed, so that an
/// event read from GDELT takes one allocation for them all.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RareFields {
    pub(crate) location: Location,
    pub(crate) confidence: Confidence,
    pub(crate) attributes: Attributes,
    pub(crate) values: StatedValues,
    pub(crate) gdelt: Option<GdeltCoding>,
}

/// What an event without rare fields reads for them.
pub(crate) static NO_RARE_FIELDS: RareFields = RareFields {
    location: Location::NONE,
    confidence: Confidence::CERTAIN,
    attributes: Attributes::new(),
    values: StatedValues::new(),
    gdelt: None,
};

/// An event's place, in four bytes rather than the eight of an `Option<EntityId>`: the
/// rare fields of a GDELT event, which has a place and a coding, then fit malloc's 80-byte
/// chunk rather than its 96-byte one, 16 MB less per million rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Location(Option<NonZeroU32>);

impl Location {
    pub(crate) const NONE: Location = Location(None);

    /// `place`, held as its index plus one. A location is checked to be an entity of the
    /// graph before it is packed, and the graph numbers its entities below `u32::MAX`.
    pub(crate) fn of(place: Option<EntityId>) -> Location {
        Location(place.and_then(|p| NonZeroU32::new(p.index().wrapping_add(1))))
    }

    pub(crate) fn get(self) -> Option<EntityId> {
        self.0.map(|n| EntityId::new(n.get() - 1))
    }
}

impl EventRecord {
    /// Packs `event`, interning its texts and kind; its sources are handed back for the
    /// caller to hold once the record is packed. `held_key` is the key of the record it
    /// replaces, if any, taken again when the key is unchanged.
    pub(crate) fn pack(
        mut event: Event,
        strings: &mut Strings,
        kinds: &mut Terms<EventKind>,
        held_key: Option<TextId>,
    ) -> Result<(EventRecord, Sources), Error> {
        let rare = RareFields {
            location: Location::of(event.location),
            confidence: event.confidence,
            attributes: std::mem::take(&mut event.attributes),
            values: std::mem::take(&mut event.values),
            gdelt: event.gdelt.take().map(|coding| *coding),
        };
        let record = EventRecord::with_rare(&event, rare, strings, kinds, held_key)?;
        Ok((record, event.sources))
    }

    /// Packs a copy of `event`, whose buffers (its key, its coding) stay with the caller to
    /// tell the next event in: a reader of coded rows allocated and freed both for every row.
    pub(crate) fn pack_copy(
        event: &Event,
        strings: &mut Strings,
        kinds: &mut Terms<EventKind>,
    ) -> Result<EventRecord, Error> {
        let rare = RareFields {
            location: Location::of(event.location),
            confidence: event.confidence,
            attributes: event.attributes.clone(),
            values: event.values.clone(),
            gdelt: event.gdelt.as_deref().cloned(),
        };
        EventRecord::with_rare(event, rare, strings, kinds, None)
    }

    /// The record of `event`, whose rare fields are `rare`.
    fn with_rare(
        event: &Event,
        rare: RareFields,
        strings: &mut Strings,
        kinds: &mut Terms<EventKind>,
        held_key: Option<TextId>,
    ) -> Result<EventRecord, Error> {
        Ok(EventRecord {
            sources: None,
            date: event.date,
            rare: (rare != NO_RARE_FIELDS).then(|| Box::new(rare)),
            // Keys are unique among events: a lookup would only ever find the record's own.
            key: match (event.key.as_deref(), held_key) {
                (Some(key), Some(held)) if strings.get(held) == key => Some(held),
                (key, _) => key.map(|k| strings.push(k)).transpose()?,
            },
            description: event
                .description
                .as_deref()
                .map(|d| strings.intern(d))
                .transpose()?,
            kind: kinds.code(&event.kind, "event kinds")?,
            status: event.status,
        })
    }

    pub(crate) fn location(&self) -> Option<EntityId> {
        self.rare().location.get()
    }

    pub(crate) fn rare(&self) -> &RareFields {
        self.rare.as_deref().unwrap_or(&NO_RARE_FIELDS)
    }

    /// The event's key, read from `strings`.
    pub(crate) fn key<'s>(&self, strings: &'s Strings) -> Option<&'s str> {
        self.key.map(|k| strings.get(k))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Event, EventGraph, EventKind};

    #[test]
    fn restating_an_event_does_not_grow_the_string_table() {
        let mut graph = EventGraph::new();
        let id = graph
            .add_event(
                Event::new(EventKind::Meeting)
                    .key("made-up-talks")
                    .description("talks"),
            )
            .unwrap();
        let held = graph.strings.bound();
        for _ in 0..100 {
            graph
                .update_event(id, |e| e.status = crate::EventStatus::Planned)
                .unwrap();
        }
        assert_eq!(graph.strings.bound(), held);
        assert_eq!(graph.event(id).unwrap().key(), Some("made-up-talks"));
        graph
            .update_event(id, |e| e.key = Some("made-up-summit".into()))
            .unwrap();
        assert_eq!(graph.event_by_key("made-up-summit").unwrap(), id);
        assert!(graph.event_by_key("made-up-talks").is_err());
    }

    #[test]
    fn a_failed_merge_gives_back_the_strings_it_added() {
        let mut graph = EventGraph::new();
        let good = "[[document]]\nid = \"a\"\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\n";
        crate::io::merge_str(&mut graph, good, "a.toml", None).unwrap();
        let held = graph.strings.bound();
        let bad = "[[document]]\nid = \"b\"\n\n[[event]]\nkey = \"summit\"\nkind = \"meeting\"\ndescription = \"a made-up summit\"\n\n[[event]]\nkey = \"bad\"\nkind = \"meetin\"\n";
        assert!(crate::io::merge_str(&mut graph, bad, "b.toml", None).is_err());
        assert_eq!(graph.strings.bound(), held);
    }
}

#[cfg(test)]
mod layout {
    #[test]
    fn an_event_record_takes_32_bytes() {
        // Every event of a large graph holds one; a field added here costs a year of GDELT
        // 400 MB per 8 bytes.
        assert_eq!(std::mem::size_of::<super::EventRecord>(), 32);
    }

    #[test]
    fn the_rare_fields_of_a_gdelt_event_fit_an_80_byte_allocation() {
        // Every event read from GDELT has them; malloc gives 72 bytes an 80-byte chunk, and
        // 80 bytes a 96-byte one.
        assert_eq!(std::mem::size_of::<super::RareFields>(), 72);
    }

    #[test]
    fn a_location_comes_back_as_it_went_in() {
        use super::{EntityId, Location};
        for place in [
            None,
            Some(EntityId::new(0)),
            Some(EntityId::new((1 << 31) - 2)),
        ] {
            assert_eq!(Location::of(place).get(), place);
        }
    }
}
