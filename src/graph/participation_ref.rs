//! A participation as the graph hands it out: a borrowed view with accessors, so that the
//! store is free to pack the facts that are most of a large graph.

use std::fmt;

use super::EventGraph;
use crate::model::{
    Attributes, Confidence, EntityId, EventId, Participation, Polarity, Role, Sources,
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
    record: &'g Participation,
}

impl<'g> ParticipationRef<'g> {
    pub(crate) fn new(_graph: &'g EventGraph, record: &'g Participation) -> Self {
        ParticipationRef { record }
    }

    /// Who takes part.
    pub fn entity(&self) -> EntityId {
        self.record.entity
    }

    /// In what part.
    pub fn role(&self) -> &'g Role {
        &self.record.role
    }

    /// In what.
    pub fn event(&self) -> EventId {
        self.record.event
    }

    /// Whether the sources assert or deny it.
    pub fn polarity(&self) -> Polarity {
        self.record.polarity
    }

    /// How sure the sources are.
    pub fn confidence(&self) -> Confidence {
        self.record.confidence
    }

    /// Free key–value attributes.
    pub fn attributes(&self) -> &'g Attributes {
        &self.record.attributes
    }

    /// Who states it.
    pub fn sources(&self) -> &'g Sources {
        &self.record.sources
    }

    /// The participation as an owned value, to change and give back, or to keep past the
    /// graph.
    pub fn to_participation(&self) -> Participation {
        self.record.clone()
    }
}

impl fmt::Debug for ParticipationRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.record, f)
    }
}

/// Two participations are equal when every field is, whichever graphs hold them.
impl PartialEq for ParticipationRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entity() == other.entity()
            && self.role() == other.role()
            && self.event() == other.event()
            && self.polarity() == other.polarity()
            && self.confidence() == other.confidence()
            && self.attributes() == other.attributes()
            && self.sources() == other.sources()
    }
}

impl PartialEq<Participation> for ParticipationRef<'_> {
    fn eq(&self, other: &Participation) -> bool {
        self.record == other
    }
}
