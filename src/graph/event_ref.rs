//! An event as the graph hands it out: a borrowed view with accessors, so that the store is
//! free to keep events in whatever layout holds a year of news in memory.

use serde::{Serialize, Serializer};

use super::EventGraph;
use super::event_record::EventRecord;
use crate::model::{
    Attributes, Confidence, EntityId, Event, EventField, EventKind, EventStatus, FieldValue,
    FuzzyDate, GdeltCoding, QuadClass, Source, StatedValues,
};

/// An event of a graph, borrowed from it: what [`EventGraph::event`] and every query that
/// yields events hand out.
///
/// The graph does not keep [`Event`] values: it packs each event's fields into its own
/// tables, and this view reads them back. [`Event`] is what goes in
/// ([`add_event`](EventGraph::add_event), the closure of
/// [`update_event`](EventGraph::update_event)); [`to_event`](Self::to_event) makes one
/// from a view.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let mission = graph.add_event(
///     Event::new(EventKind::Cooperate).key("mission").description("training mission"),
/// )?;
/// let event = graph.event(mission).unwrap();
/// assert_eq!(event.kind(), &EventKind::Cooperate);
/// assert_eq!(event.key(), Some("mission"));
/// assert_eq!(event.description(), Some("training mission"));
/// assert_eq!(event.to_event(), Event::new(EventKind::Cooperate).key("mission").description("training mission"));
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct EventRef<'g> {
    graph: &'g EventGraph,
    record: &'g EventRecord,
}

impl<'g> EventRef<'g> {
    pub(crate) fn new(graph: &'g EventGraph, record: &'g EventRecord) -> Self {
        EventRef { graph, record }
    }

    /// The stable handle, if the event has one.
    pub fn key(&self) -> Option<&'g str> {
        self.record.key(&self.graph.strings)
    }

    /// What kind of act it is.
    pub fn kind(&self) -> &'g EventKind {
        self.graph.event_kinds.get(self.record.kind)
    }

    /// Whether it happened.
    pub fn status(&self) -> EventStatus {
        self.record.status
    }

    /// When, as precisely as the sources say.
    pub fn date(&self) -> Option<FuzzyDate> {
        self.record.date
    }

    /// Where: a place or state entity.
    pub fn location(&self) -> Option<EntityId> {
        self.record.location()
    }

    /// The short description.
    pub fn description(&self) -> Option<&'g str> {
        self.record.description.map(|d| self.graph.strings.get(d))
    }

    /// How sure the sources are that the event is as described.
    pub fn confidence(&self) -> Confidence {
        self.record.rare().confidence
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.rare().attributes
    }

    /// Where the event is told.
    pub fn sources(&self) -> &'g [Source] {
        self.graph.source_lists.get(self.record.sources)
    }

    /// What each report says of the kind, status, date, place and description, where several
    /// reports tell the event. See [`StatedValues`].
    pub fn values(&self) -> &'g StatedValues {
        &self.record.rare().values
    }

    /// How GDELT coded the event, for an event read from GDELT.
    pub fn gdelt(&self) -> Option<&'g GdeltCoding> {
        self.record.rare().gdelt.as_ref()
    }

    /// The event's CAMEO root code: GDELT's own for an event read from GDELT, else its
    /// kind's.
    pub fn cameo_root(&self) -> Option<u8> {
        crate::model::cameo_root_of(self.kind(), self.gdelt())
    }

    /// The event's quad class: GDELT's own for an event read from GDELT, else its kind's.
    /// See [`Event::quad_class`].
    pub fn quad_class(&self) -> Option<QuadClass> {
        crate::model::quad_class_of(self.kind(), self.gdelt())
    }

    /// The value the event holds for `field`, if any.
    pub fn value_of(&self, field: EventField) -> Option<FieldValue> {
        match field {
            EventField::Kind => Some(FieldValue::Kind(self.kind().clone())),
            EventField::Status => Some(FieldValue::Status(self.status())),
            EventField::Date => self.date().map(FieldValue::Date),
            EventField::Location => self.location().map(FieldValue::Location),
            EventField::Description => self
                .description()
                .map(|text| FieldValue::Description(text.to_owned())),
        }
    }

    /// Whether reports give `field` different values.
    pub fn is_disputed(&self, field: EventField) -> bool {
        self.values().is_disputed(field)
    }

    /// The attributes reports disagree on.
    pub fn disputed(&self) -> impl Iterator<Item = EventField> + 'g {
        self.values().disputed()
    }

    /// Each value `field` was stated with, and the sources that state it: the event's own
    /// value and sources for an event told once. See [`Event::stated`].
    pub fn stated(&self, field: EventField) -> impl Iterator<Item = (FieldValue, &'g [Source])> {
        self.values()
            .stated(field, move || self.value_of(field), self.sources())
    }

    /// The event as an owned value, to change and give back, or to keep past the graph.
    pub fn to_event(&self) -> Event {
        let rare = self.record.rare();
        Event {
            key: self.key().map(str::to_owned),
            kind: self.kind().clone(),
            status: self.status(),
            date: self.date(),
            location: self.location(),
            description: self.description().map(str::to_owned),
            confidence: self.confidence(),
            attributes: rare.attributes.clone(),
            sources: self.sources().into(),
            values: rare.values.clone(),
            gdelt: rare.gdelt.clone().map(Box::new),
        }
    }
}

super::record_view::record_view_traits!(
    EventRef,
    to_event,
    [
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
        gdelt
    ]
);

impl PartialEq<Event> for EventRef<'_> {
    fn eq(&self, other: &Event) -> bool {
        self.key() == other.key.as_deref()
            && *self.kind() == other.kind
            && self.status() == other.status
            && self.date() == other.date
            && self.location() == other.location
            && self.description() == other.description.as_deref()
            && self.confidence() == other.confidence
            && *self.attributes() == other.attributes
            && self.sources() == other.sources.as_slice()
            && *self.values() == other.values
            && self.gdelt() == other.gdelt.as_deref()
    }
}

/// Written as the [`Event`] it reads back would be, field for field, so that a graph's JSON
/// does not depend on how the store holds its events.
impl Serialize for EventRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Event")]
        struct Fields<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            key: Option<&'a str>,
            kind: &'a EventKind,
            status: EventStatus,
            #[serde(skip_serializing_if = "Option::is_none")]
            date: Option<FuzzyDate>,
            #[serde(skip_serializing_if = "Option::is_none")]
            location: Option<EntityId>,
            #[serde(skip_serializing_if = "Option::is_none")]
            description: Option<&'a str>,
            #[serde(skip_serializing_if = "Confidence::is_certain")]
            confidence: Confidence,
            #[serde(skip_serializing_if = "super::record_view::no_attributes")]
            attributes: &'a Attributes,
            #[serde(skip_serializing_if = "super::record_view::no_sources")]
            sources: &'a [Source],
            #[serde(skip_serializing_if = "no_values")]
            values: &'a StatedValues,
            #[serde(skip_serializing_if = "Option::is_none")]
            gdelt: Option<&'a GdeltCoding>,
        }
        fn no_values(values: &&StatedValues) -> bool {
            values.is_empty()
        }
        Fields {
            key: self.key(),
            kind: self.kind(),
            status: self.status(),
            date: self.date(),
            location: self.location(),
            description: self.description(),
            confidence: self.confidence(),
            attributes: self.attributes(),
            sources: self.sources(),
            values: self.values(),
            gdelt: self.gdelt(),
        }
        .serialize(serializer)
    }
}
