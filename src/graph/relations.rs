//! Relations: facts between two entities or two events.

use super::*;

impl EventGraph {
    /// Adds a relation between two nodes, or, if the graph already holds the same relation
    /// (endpoints, kind, title, polarity; either direction for a
    /// [symmetric](RelationKind::is_symmetric) kind), adds the new sources and attributes to
    /// it, fills in a validity it lacked, keeps the higher confidence, and returns its id.
    ///
    /// Refused: unknown endpoints, a node related to itself, endpoints the kind may not join
    /// ([`RelationKind::check_endpoints`]), a `holds_role` without a title, a blank title,
    /// a validity that ends before it starts, unknown documents or entities in its sources.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let hungary = graph.add_entity(Entity::new(EntityKind::State, "Hungary"))?;
    /// let eu = graph.add_entity(Entity::new(EntityKind::Intergovernmental, "European Union"))?;
    /// graph.add_relation(Relation::new(hungary, RelationKind::MemberOf, eu))?;
    /// let backwards = graph.add_relation(Relation::new(eu, RelationKind::MemberOf, hungary));
    /// assert!(matches!(backwards.unwrap_err().kind(), ErrorKind::InvalidFact { .. }));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn add_relation(&mut self, relation: Relation) -> Result<RelationId, Error> {
        if let Some(existing) = self.check_relation(&relation, None)? {
            let adds = self
                .relations
                .get(existing)
                .ok_or(ErrorKind::UnknownRelation(existing))?
                .value
                .restatement_adds(&relation);
            if adds {
                self.note(Noted::Record(existing.into()))?;
            }
            // Appended in place, the journal noting how many there were: a relation that one
            // report after another states would otherwise copy its list for each report.
            self.restate_sources(RecordId::Relation(existing), &relation.sources)?;
            let slot = self
                .relations
                .get_mut(existing)
                .ok_or(ErrorKind::UnknownRelation(existing))?;
            let held = &mut slot.value;
            let mut differing = Differing::default();
            let rare = held.rare();
            let day = |date: FuzzyDate| date.to_string();
            differing.field(
                KeptField::ValidFrom,
                rare.valid_from,
                relation.valid_from,
                day,
            );
            differing.field(
                KeptField::ValidUntil,
                rare.valid_until,
                relation.valid_until,
                day,
            );
            differing.attributes(&rare.attributes, &relation.attributes);
            held.restated(&relation);
            self.note_kept(RecordId::Relation(existing), differing);
            return Ok(existing);
        }
        let id = self.relations.next_id("relations")?;
        self.insert_relation(id, relation)?;
        Ok(id)
    }

    pub(super) fn insert_relation(
        &mut self,
        id: RelationId,
        relation: Relation,
    ) -> Result<(), Error> {
        self.node_index(relation.from)?;
        self.node_index(relation.to)?;
        let (mut record, sources) =
            RelationRecord::pack(relation, &mut self.strings, &mut self.relation_kinds)?;
        record.sources = self.source_lists.hold(sources)?;
        self.links.link_relation(id, &record);
        self.index_relation(id, record.index_key());
        self.relations.push(Placed { value: record });
        Ok(())
    }

    fn node_kind(&self, node: NodeId) -> Result<NodeKind<'_>, Error> {
        match node {
            NodeId::Entity(id) => self
                .entity_kind(id)
                .map(NodeKind::Entity)
                .ok_or_else(|| ErrorKind::UnknownEntity(id).into()),
            NodeId::Event(id) if self.events.contains(id) => Ok(NodeKind::Event),
            NodeId::Event(id) => Err(ErrorKind::UnknownEvent(id).into()),
        }
    }

    /// An unknown node is an error; for queries that must tell "unknown" from "none".
    pub(crate) fn check_node(&self, node: NodeId) -> Result<(), Error> {
        self.node_index(node).map(|_| ())
    }

    /// Where a live node sits in the adjacency. Reads the tables' presence bits, not the
    /// records: every fact added asks this of both its ends.
    pub(super) fn node_index(&self, node: NodeId) -> Result<Spot, Error> {
        let live = match node {
            NodeId::Entity(id) => self.entities.contains(id),
            NodeId::Event(id) => self.events.contains(id),
        };
        if live {
            Ok(Spot::of(node))
        } else {
            Err(match node {
                NodeId::Entity(id) => ErrorKind::UnknownEntity(id).into(),
                NodeId::Event(id) => ErrorKind::UnknownEvent(id).into(),
            })
        }
    }

    /// Validates a relation; returns the id of an equal one already in the graph.
    pub(super) fn check_relation(
        &self,
        relation: &Relation,
        this: Option<RelationId>,
    ) -> Result<Option<RelationId>, Error> {
        check_attributes(&relation.attributes)?;
        let from = self.node_kind(relation.from)?;
        let to = self.node_kind(relation.to)?;
        let refuse = |reason: String| -> Error {
            ErrorKind::InvalidFact {
                fact: self.describe_relation(relation),
                reason,
            }
            .into()
        };
        if relation.from == relation.to {
            return Err(refuse("a node cannot be related to itself".into()));
        }
        relation.kind.check_endpoints(from, to).map_err(refuse)?;
        match &relation.title {
            Some(title) => check_name("title", title)?,
            None if relation.kind == RelationKind::HoldsRole => {
                return Err(refuse("`holds_role` needs the role's title".into()));
            }
            None => {}
        }
        if let (Some(start), Some(end)) = (relation.valid_from, relation.valid_until)
            && end.latest() < start.earliest()
        {
            return Err(refuse(format!(
                "the validity ends ({end}) before it starts ({start})"
            )));
        }
        self.check_sources(&relation.sources)?;
        let title = relation.title.as_deref().map(normalize_name);
        let same = |held: RelationRef<'_>| {
            *held.kind() == relation.kind
                && held.polarity() == relation.polarity
                && held.title().map(normalize_name) == title
        };
        let pairs = [
            Some((relation.from, relation.to)),
            relation
                .kind
                .is_symmetric()
                .then_some((relation.to, relation.from)),
        ];
        let other = |fact: FactId| match fact {
            FactId::Relation(id) if Some(id) != this => Some(id),
            _ => None,
        };
        for (from, to) in pairs.into_iter().flatten() {
            let found = match (from, to) {
                // Between entities, the shorter of the two lists of this kind in the kind
                // index: a hub's other relations and participations are never read.
                (NodeId::Entity(a), NodeId::Entity(b)) => {
                    let from_a = Label::From(relation.kind.clone());
                    let starting = self.kinds.get::<RelationId>(&self.links, a, &from_a);
                    let to_b = Label::To(relation.kind.clone());
                    let ending = self.kinds.get::<RelationId>(&self.links, b, &to_b);
                    let mut shorter = if starting.len() <= ending.len() {
                        starting
                    } else {
                        ending
                    };
                    shorter.find(|&id| {
                        Some(id) != this
                            && self.relation(id).is_some_and(|held| {
                                held.from() == from && held.to() == to && same(held)
                            })
                    })
                }
                _ => {
                    let (a, b) = (self.node_index(from)?, self.node_index(to)?);
                    self.find_between(a, b, |fact| {
                        other(fact).filter(|&id| self.relation(id).is_some_and(&same))
                    })
                }
            };
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// The relation with this id.
    pub fn relation(&self, id: RelationId) -> Option<RelationRef<'_>> {
        self.relations
            .get(id)
            .map(|p| RelationRef::new(self, &p.value))
    }

    /// Every relation, in insertion order.
    pub fn relations(&self) -> impl DoubleEndedIterator<Item = (RelationId, RelationRef<'_>)> {
        self.relations
            .iter()
            .map(|(id, p)| (id, RelationRef::new(self, &p.value)))
    }

    /// The relations from or to a node, in insertion order; none for an unknown node.
    pub fn relations_of(
        &self,
        node: impl Into<NodeId>,
    ) -> impl Iterator<Item = (RelationId, RelationRef<'_>)> {
        let at = self.node_index(node.into()).ok();
        let mut ids: SmallVec<[RelationId; 8]> = at
            .into_iter()
            .flat_map(|at| {
                self.edges_directed(at, true)
                    .chain(self.edges_directed(at, false))
            })
            .filter_map(|(edge, _)| match edge.fact() {
                FactId::Relation(id) => Some(id),
                FactId::Participation(_) => None,
            })
            .collect();
        ids.sort_unstable();
        ids.into_iter()
            .filter_map(|id| Some((id, self.relation(id)?)))
    }

    /// How many facts (participations and relations, in either direction) touch a node; 0 for
    /// an unknown node.
    ///
    /// It counts the node's facts one by one, newest first. For the degree of every entity of a
    /// large graph, one pass over [`participations`](Self::participations) and
    /// [`relations`](Self::relations), counting their ends, reads the facts in the order they are
    /// stored and is several times quicker than asking each entity.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
    /// let letter = graph.add_event(Event::new(EventKind::Invitation))?;
    /// graph.add_participation(Participation::new(france, Role::Initiator, letter))?;
    /// assert_eq!(graph.degree(france), 1);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn degree(&self, node: impl Into<NodeId>) -> usize {
        self.node_index(node.into()).map_or(0, |at| {
            self.edges_directed(at, true).count() + self.edges_directed(at, false).count()
        })
    }

    /// Changes a relation through `change`, then validates it as
    /// [`add_relation`](Self::add_relation) would, moving its edge if its endpoints changed.
    /// A change that makes it equal to another relation is an [`ErrorKind::DuplicateFact`]; on any
    /// error it is left unchanged.
    pub fn update_relation(
        &mut self,
        id: RelationId,
        change: impl FnOnce(&mut Relation),
    ) -> Result<(), Error> {
        let mut relation = self
            .relation(id)
            .ok_or(ErrorKind::UnknownRelation(id))?
            .to_relation();
        change(&mut relation);
        if let Some(existing) = self.check_relation(&relation, Some(id))? {
            return Err(ErrorKind::DuplicateFact {
                fact: id.into(),
                existing: existing.into(),
            }
            .into());
        }
        self.note(Noted::Record(id.into()))?;
        let held = &self
            .relations
            .get(id)
            .ok_or(ErrorKind::UnknownRelation(id))?
            .value;
        let moved = (held.from(), held.to()) != (relation.from, relation.to);
        let (mut record, sources) =
            RelationRecord::pack(relation, &mut self.strings, &mut self.relation_kinds)?;
        record.sources = self.source_lists.hold(sources)?;
        let key = record.index_key();
        if moved {
            self.links.unlink(Link::relation(id));
            self.links.link_relation(id, &record);
        } else {
            self.links.flag_relation(id, &record);
        }
        let slot = self
            .relations
            .get_mut(id)
            .ok_or(ErrorKind::UnknownRelation(id))?;
        let old = std::mem::replace(&mut slot.value, record);
        if old.index_key() != key {
            self.unindex_relation(id, old.index_key());
            self.index_relation(id, key);
        }
        self.source_lists.release(old.sources);
        Ok(())
    }

    /// Removes a relation and returns it.
    pub fn remove_relation(&mut self, id: RelationId) -> Result<Relation, Error> {
        let relation = self
            .relation(id)
            .ok_or(ErrorKind::UnknownRelation(id))?
            .to_relation();
        self.links.unlink(Link::relation(id));
        let slot = self
            .relations
            .remove(id)
            .ok_or(ErrorKind::UnknownRelation(id))?;
        self.unindex_relation(id, slot.value.index_key());
        self.source_lists.release(slot.value.sources);
        Ok(relation)
    }
}
