//! The records and facts at one node of a view: what the queries that run on a part read,
//! each the graph's own accessor with the nodes outside the view left out.

use super::EntityRef;
use super::EventRef;
use super::ParticipationRef;
use super::RelationRef;
use super::View;
use crate::model::{EntityId, EventId, FactId, NodeId, ParticipationId, RelationId};
use crate::{Error, ErrorKind};

impl<'g> View<'g> {
    /// The entity, if it is in the view.
    pub fn entity(&self, id: EntityId) -> Option<EntityRef<'g>> {
        self.graph().entity(id).filter(|_| self.holds(id.into()))
    }

    /// The event, if it is in the view.
    pub fn event(&self, id: EventId) -> Option<EventRef<'g>> {
        self.graph().event(id).filter(|_| self.holds(id.into()))
    }

    /// The participations in one event whose entity is in the view, in insertion order; none
    /// for an event outside it.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [france, poland] = ["France", "Poland"]
    ///     .map(|name| graph.add_entity(Entity::new(EntityKind::State, name)).unwrap());
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// graph.add_participation(Participation::new(poland, Role::Target, letter))?;
    ///
    /// let part = graph.select([letter.into(), poland.into()])?;
    /// let in_part: Vec<EntityId> = part.participations_in(letter).map(|(_, p)| p.entity()).collect();
    /// assert_eq!(in_part, [poland]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn participations_in(
        &self,
        event: EventId,
    ) -> impl Iterator<Item = (ParticipationId, ParticipationRef<'g>)> + '_ {
        let inside = self.holds(event.into());
        self.graph()
            .participations_in(event)
            .filter(move |(_, p)| inside && self.holds(p.entity().into()))
    }

    /// The participations of one entity whose event is in the view, in insertion order; none
    /// for an entity outside it.
    pub fn participations_of(
        &self,
        entity: EntityId,
    ) -> impl Iterator<Item = (ParticipationId, ParticipationRef<'g>)> + '_ {
        let inside = self.holds(entity.into());
        self.graph()
            .participations_of(entity)
            .filter(move |(_, p)| inside && self.holds(p.event().into()))
    }

    /// The relations from or to a node whose other end is in the view, in insertion order;
    /// none for a node outside it.
    pub fn relations_of(
        &self,
        node: impl Into<NodeId>,
    ) -> impl Iterator<Item = (RelationId, RelationRef<'g>)> + '_ {
        let node = node.into();
        let inside = self.holds(node);
        self.graph()
            .relations_of(node)
            .filter(move |(_, r)| inside && self.holds(r.from()) && self.holds(r.to()))
    }

    /// How many facts of the view touch a node: 0 for a node outside it.
    pub fn degree(&self, node: impl Into<NodeId>) -> usize {
        let node = node.into();
        if self.is_whole() {
            return self.graph().degree(node);
        }
        self.adjacent(node).count()
    }

    /// Every fact of the view at a node, with the node at its other end, as
    /// `(fact, other, outgoing)`.
    pub(crate) fn adjacent(
        &self,
        node: NodeId,
    ) -> impl Iterator<Item = (FactId, NodeId, bool)> + '_ {
        let inside = self.holds(node);
        self.graph()
            .adjacent(node)
            .filter(move |&(_, other, _)| inside && self.holds(other))
    }

    /// Fails for a node the graph does not hold, or one outside the view: the check of every
    /// query that starts at a node.
    pub(crate) fn check(&self, node: NodeId) -> Result<(), Error> {
        self.graph().check_node(node)?;
        if self.holds(node) {
            Ok(())
        } else {
            Err(ErrorKind::NotInView(node).into())
        }
    }
}
