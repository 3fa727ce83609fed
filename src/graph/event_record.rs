//! How the graph holds an event: its kind as a term code, its key and description in the
//! string table, and what most events lack (attributes, stated values, GDELT's coding) behind
//! one pointer that is null for them. [`EventRef`](super::EventRef) reads it back.

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
    pub(crate) sources: Sources,
    pub(crate) date: Option<FuzzyDate>,
    pub(crate) rare: Option<Box<RareFields>>,
    pub(crate) key: Option<TextId>,
    pub(crate) description: Option<TextId>,
    pub(crate) location: Option<EntityId>,
    pub(crate) confidence: Confidence,
    pub(crate) kind: TermCode,
    pub(crate) status: EventStatus,
}

/// The fields few events have. GDELT's coding is held here unboxed, so that an event read from
/// GDELT takes one allocation for them all.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RareFields {
    pub(crate) attributes: Attributes,
    pub(crate) values: StatedValues,
    pub(crate) gdelt: Option<GdeltCoding>,
}

/// What an event without rare fields reads for them.
pub(crate) static NO_RARE_FIELDS: RareFields = RareFields {
    attributes: Attributes::new(),
    values: StatedValues::new(),
    gdelt: None,
};

impl EventRecord {
    /// Packs `event`, interning its texts and kind.
    pub(crate) fn pack(
        event: Event,
        strings: &mut Strings,
        kinds: &mut Terms<EventKind>,
    ) -> Result<EventRecord, Error> {
        let Event {
            key,
            kind,
            status,
            date,
            location,
            description,
            confidence,
            attributes,
            sources,
            values,
            gdelt,
        } = event;
        let rare = RareFields {
            attributes,
            values,
            gdelt: gdelt.map(|coding| *coding),
        };
        Ok(EventRecord {
            sources,
            date,
            rare: (rare != NO_RARE_FIELDS).then(|| Box::new(rare)),
            key: key.map(|k| strings.intern(&k)).transpose()?,
            description: description.map(|d| strings.intern(&d)).transpose()?,
            location,
            confidence,
            kind: kinds.code(&kind, "event kinds")?,
            status,
        })
    }

    pub(crate) fn rare(&self) -> &RareFields {
        self.rare.as_deref().unwrap_or(&NO_RARE_FIELDS)
    }

    /// The event's key, read from `strings`.
    pub(crate) fn key<'s>(&self, strings: &'s Strings) -> Option<&'s str> {
        self.key.map(|k| strings.get(k))
    }
}
