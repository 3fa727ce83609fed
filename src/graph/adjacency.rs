//! The typed adjacency: facts at a node, by kind, read from the index or the edges.

use super::*;

impl EventGraph {
    /// An entity's participations in one role, in insertion order. Served from an index by
    /// kind: the cost is what it returns, however many other facts the entity has.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let us = graph.add_entity(Entity::new(EntityKind::State, "United States"))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// let mission = graph.add_event(Event::new(EventKind::Cooperate))?;
    /// graph.add_participation(Participation::new(us, Role::Target, letter))?;
    /// graph.add_participation(Participation::new(us, Role::Opponent, mission))?;
    /// let opposed: Vec<EventId> = graph.participations_as(us, Role::Opponent).map(|(_, p)| p.event()).collect();
    /// assert_eq!(opposed, [mission]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn participations_as<'a>(
        &'a self,
        entity: EntityId,
        role: Role,
    ) -> impl Iterator<Item = (ParticipationId, ParticipationRef<'a>)> + 'a {
        self.kinds
            .get(&self.links, entity, &Label::Role(role))
            .filter_map(|id| Some((id, self.participation(id)?)))
    }

    /// The relations of one kind that start (`outgoing`) or end (not `outgoing`) at an entity,
    /// in insertion order; served from the index by kind, like
    /// [`participations_as`](Self::participations_as).
    pub fn relations_of_kind<'a>(
        &'a self,
        entity: EntityId,
        kind: RelationKind,
        outgoing: bool,
    ) -> impl Iterator<Item = (RelationId, RelationRef<'a>)> + 'a {
        let label = if outgoing {
            Label::From(kind)
        } else {
            Label::To(kind)
        };
        self.kinds
            .get(&self.links, entity, &label)
            .filter_map(|id| Some((id, self.relation(id)?)))
    }

    /// Every fact at a node with the node at its other end, as `(fact, other, outgoing)`, in no
    /// particular order: the raw adjacency that traversals walk.
    pub(crate) fn adjacent(
        &self,
        node: NodeId,
    ) -> impl Iterator<Item = (FactId, NodeId, bool)> + '_ {
        self.adjacent_edges(node)
            .map(|(edge, other, outgoing)| (edge.fact(), other, outgoing))
    }

    /// [`adjacent`](Self::adjacent), with each fact's negation as its edge holds it.
    pub(crate) fn adjacent_edges(
        &self,
        node: NodeId,
    ) -> impl Iterator<Item = (Edge, NodeId, bool)> + '_ {
        self.node_index(node)
            .ok()
            .into_iter()
            .flat_map(|at| self.edges_at(at))
            .map(|(edge, across, outgoing)| (edge, across.node(), outgoing))
    }

    /// Where `node` sits in the adjacency, if it is live: for traversals that run on the
    /// adjacency's own indices and name nodes only in what they return.
    pub(crate) fn position_of(&self, node: NodeId) -> Option<Spot> {
        self.node_index(node).ok()
    }

    /// The node at an adjacency index that [`position_of`](Self::position_of) gave.
    pub(crate) fn node_at(&self, at: Spot) -> NodeId {
        at.node()
    }

    /// Every edge at an adjacency index, out then in, with the index across and whether the
    /// edge leaves `at`.
    pub(crate) fn edges_at(&self, at: Spot) -> impl Iterator<Item = (Edge, Spot, bool)> + '_ {
        self.edges_directed(at, true)
            .map(|(edge, to)| (edge, to, true))
            .chain(
                self.edges_directed(at, false)
                    .map(|(edge, from)| (edge, from, false)),
            )
    }

    /// The entities that take part with `entity` in its events: [`EventGraph::co_participants`],
    /// read from the edges alone, never from the participation or event tables.
    pub(crate) fn co_participant_ids(&self, entity: EntityId) -> Vec<EntityId> {
        if self.entities.get(entity).is_none() {
            return Vec::new();
        }
        let at = Spot::of(entity.into());
        // Each partner is kept with where it first joins: the entity's participation in the
        // event, then the partner's own, whose order is that of the events and, within one,
        // of its participations. The edges are then walked in the order the lists keep them,
        // each event read as soon as its edge is, so that the memory reads of one event
        // overlap those of the next rather than wait for a list of all of them; the partners
        // are put in order at the end. Most actors have a few partners, which a scan of those
        // found tells apart faster than a hash map; a map takes over past a handful.
        const SCAN: usize = 16;
        let mut few: SmallVec<[(Spot, u64); SCAN]> = SmallVec::new();
        let mut many: FxHashMap<Spot, u64> = FxHashMap::default();
        for (edge, event) in self.edges_directed(at, true) {
            let Some(own) = edge.taking_part() else {
                continue;
            };
            for (back, other) in self.edges_directed(event, false) {
                let Some(theirs) = back.taking_part() else {
                    continue;
                };
                if other == at {
                    continue;
                }
                let first = u64::from(own.index()) << 32 | u64::from(theirs.index());
                if many.is_empty() {
                    if let Some(known) = few.iter_mut().find(|(node, _)| *node == other) {
                        known.1 = known.1.min(first);
                        continue;
                    }
                    if few.len() < SCAN {
                        few.push((other, first));
                        continue;
                    }
                    many.extend(few.drain(..));
                }
                many.entry(other)
                    .and_modify(|known| *known = (*known).min(first))
                    .or_insert(first);
            }
        }
        let mut found: Vec<(u64, Spot)> = if many.is_empty() {
            few.into_iter().map(|(node, first)| (first, node)).collect()
        } else {
            many.into_iter()
                .map(|(node, first)| (first, node))
                .collect()
        };
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|(_, node)| node.node().as_entity())
            .collect()
    }

    /// The names and aliases in the name index, each with an entity going by it, a name once
    /// for each of its entities.
    pub(crate) fn indexed_names(&self) -> impl Iterator<Item = (&str, EntityId)> {
        self.names.iter()
    }
}
