//! A participation as the graph hands it out: a borrowed view with accessors, so that the
//! store is free to pack the facts that are most of a large graph.

use serde::{Serialize, Serializer};

use super::EventGraph;
use super::links::Ends;
use super::participation_record::{NO_RARE_FIELDS, ParticipationRecord, RareFields};
use crate::model::{
    Attributes, Confidence, EntityId, EventId, Participation, ParticipationId, Polarity, Role,
    Source,
};

/// A participation of a graph, borrowed from it: what
/// [`EventGraph::participation`] and every query that yields participations hand out.
///
/// [`Participation`] is what goes in ([`add_participation`](EventGraph::add_participation),
/// the closure of [`update_participation`](EventGraph::update_participation));
/// [`to_participation`](Self::to_participation) makes one from a view.
///
/// ```
/// use eventkg::*;
/// let mut graph = EventGraph::new();
/// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
/// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
/// let sent = graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
/// let p = graph.participation(sent).unwrap();
/// assert_eq!((p.entity(), p.role(), p.event()), (france, &Role::Initiator, letter));
/// assert!(!p.polarity().is_negated());
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct ParticipationRef<'g> {
    graph: &'g EventGraph,
    id: ParticipationId,
    record: &'g ParticipationRecord,
    ends: Ends,
}

impl<'g> ParticipationRef<'g> {
    /// The view of the live participation `id`, whose record is `record`.
    pub(crate) fn new(
        graph: &'g EventGraph,
        id: ParticipationId,
        record: &'g ParticipationRecord,
    ) -> Self {
        // Every live participation is linked; the fallback is never read.
        let ends = graph.links.participation_ends(id).unwrap_or(Ends {
            entity: EntityId::new(0),
            event: EventId::new(0),
            negated: false,
            takes_part: false,
        });
        ParticipationRef {
            graph,
            id,
            record,
            ends,
        }
    }

    fn rare(&self) -> &'g RareFields {
        if !self.record.rare {
            return &NO_RARE_FIELDS;
        }
        self.graph
            .participation_rare
            .get(&self.id)
            .unwrap_or(&NO_RARE_FIELDS)
    }

    /// Who takes part.
    pub fn entity(&self) -> EntityId {
        self.ends.entity
    }

    /// In what part.
    pub fn role(&self) -> &'g Role {
        self.graph.roles.get(self.record.role)
    }

    /// In what.
    pub fn event(&self) -> EventId {
        self.ends.event
    }

    /// Whether the sources assert or deny it.
    pub fn polarity(&self) -> Polarity {
        if self.ends.negated {
            Polarity::Negated
        } else {
            Polarity::Affirmed
        }
    }

    /// How sure the sources are.
    pub fn confidence(&self) -> Confidence {
        self.rare().confidence
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.rare().attributes
    }

    /// Who states it.
    pub fn sources(&self) -> &'g [Source] {
        self.graph.source_lists.get(self.record.sources)
    }

    /// The participation as an owned value, to change and give back, or to keep past the
    /// graph.
    pub fn to_participation(&self) -> Participation {
        Participation {
            sources: self.sources().into(),
            ..self.unsourced()
        }
    }

    /// The participation as an owned value without its sources: what a merge's journal
    /// keeps of it, noting its sources by their count.
    pub(crate) fn unsourced(&self) -> Participation {
        Participation {
            entity: self.entity(),
            role: self.role().clone(),
            event: self.event(),
            polarity: self.polarity(),
            confidence: self.confidence(),
            attributes: self.attributes().clone(),
            sources: crate::Sources::new(),
        }
    }
}

super::record_view::record_view_traits!(
    ParticipationRef,
    to_participation,
    [
        entity, role, event, polarity, confidence, attributes, sources
    ]
);

impl PartialEq<Participation> for ParticipationRef<'_> {
    fn eq(&self, other: &Participation) -> bool {
        self.entity() == other.entity
            && *self.role() == other.role
            && self.event() == other.event
            && self.polarity() == other.polarity
            && self.confidence() == other.confidence
            && *self.attributes() == other.attributes
            && self.sources() == other.sources.as_slice()
    }
}

/// Written as the [`Participation`] it reads back would be, field for field.
impl Serialize for ParticipationRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename = "Participation")]
        struct Fields<'a> {
            entity: EntityId,
            role: &'a Role,
            event: EventId,
            #[serde(skip_serializing_if = "super::record_view::affirmed")]
            polarity: Polarity,
            #[serde(skip_serializing_if = "Confidence::is_certain")]
            confidence: Confidence,
            #[serde(skip_serializing_if = "super::record_view::no_attributes")]
            attributes: &'a Attributes,
            #[serde(skip_serializing_if = "super::record_view::no_sources")]
            sources: &'a [Source],
        }
        Fields {
            entity: self.entity(),
            role: self.role(),
            event: self.event(),
            polarity: self.polarity(),
            confidence: self.confidence(),
            attributes: self.attributes(),
            sources: self.sources(),
        }
        .serialize(serializer)
    }
}
