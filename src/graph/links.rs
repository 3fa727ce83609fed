//! The adjacency: for each node the first fact of its outgoing and incoming lists, for each
//! fact its two ends and the next fact of the list it belongs to at each end.
//!
//! This is the layout of petgraph's `Graph` (singly linked lists threaded through an array of
//! edges), without what the records already hold: no node weight (a node is named by its id
//! and one bit for its table), and a participation's flags in the spare top bits of its ends.
//! An event takes 8 bytes and a participation 16, where a petgraph node took 16 and an edge
//! 24; and the arrays are indexed by the records' own ids, so no record holds an index into
//! them. They are kept apart from the records so that a traversal reads only these few bytes
//! per step, and its working set stays in cache on graphs the size of a corpus.
//!
//! An entity takes a cache line of 64 bytes: its heads share it with its kind and its first
//! labels in the index by kind ([`Entry`]), so that checking, linking and indexing a new fact
//! at an entity cost one miss in the cache, not four. Entities are few beside events (a tenth
//! of them in a news graph), so the line costs a few bytes an event.
//!
//! As with petgraph, a new fact goes to the head of both its lists, so that a node's newest
//! fact comes first, and taking a fact out costs the facts before it in each list.
//!
//! The arrays grow as facts are linked: a node or fact beyond their end has no facts yet,
//! and a removed one is unlinked and left empty, so they need not follow the record tables
//! slot by slot.

use super::kinds::Entry;
use super::*;

/// Where a node sits in the adjacency: an entity's or an event's id, with the top bit set
/// for an event. The graph's tables hand out fewer than 2³¹ − 1 ids, so every spot is
/// distinct from [`Spot::END`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Spot(u32);

const TOP_BIT: u32 = 1 << 31;
const NONE: u32 = u32::MAX;

impl Spot {
    /// No node: a placeholder that never names one.
    pub(crate) const END: Spot = Spot(NONE);

    pub(crate) fn of(node: NodeId) -> Spot {
        match node {
            NodeId::Entity(id) => Spot(id.index()),
            NodeId::Event(id) => Spot(id.index() | TOP_BIT),
        }
    }

    /// The node at this spot.
    pub(crate) fn node(self) -> NodeId {
        if self.is_event() {
            NodeId::Event(EventId::new(self.0 & !TOP_BIT))
        } else {
            NodeId::Entity(EntityId::new(self.0))
        }
    }

    pub(crate) fn is_event(self) -> bool {
        self.0 & TOP_BIT != 0
    }

    fn index(self) -> usize {
        (self.0 & !TOP_BIT) as usize
    }
}

/// A fact in an adjacency list: a participation's id, or a relation's with the top bit set;
/// `NONE` ends a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Link(u32);

impl Link {
    const END: Link = Link(NONE);

    pub(crate) fn participation(id: ParticipationId) -> Link {
        Link(id.index())
    }

    pub(crate) fn relation(id: RelationId) -> Link {
        Link(id.index() | TOP_BIT)
    }

    fn is_end(self) -> bool {
        self.0 == NONE
    }

    fn is_relation(self) -> bool {
        self.0 & TOP_BIT != 0
    }

    fn index(self) -> usize {
        (self.0 & !TOP_BIT) as usize
    }
}

/// A node's lists: their first facts.
#[derive(Clone, Copy, Debug)]
struct Heads {
    out: Link,
    into: Link,
}

impl Heads {
    const EMPTY: Heads = Heads {
        out: Link::END,
        into: Link::END,
    };
}

/// A participation's place: the next fact in its entity's outgoing list and in its event's
/// incoming list, and its entity and event ids, each with a flag in its top bit (whether the
/// participation is negated, whether its role takes part), which the ids leave free.
#[derive(Clone, Copy, Debug)]
struct ParticipationEnds {
    out: Link,
    into: Link,
    entity: u32,
    event: u32,
}

/// What the links hold of a participation: its entity and event, whether it is negated, and
/// whether its role takes part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ends {
    pub(crate) entity: EntityId,
    pub(crate) event: EventId,
    pub(crate) negated: bool,
    pub(crate) takes_part: bool,
}

/// A relation's place: the next facts, its two ends and whether it is negated. Relations are
/// a few per event, so this one does not pack its flag.
#[derive(Clone, Copy, Debug)]
struct RelationEnds {
    out: Link,
    into: Link,
    from: Spot,
    to: Spot,
    negated: bool,
}

/// What a traversal reads of one fact: the fact as an [`Edge`], its two ends and the next
/// facts in their lists.
struct Reached {
    edge: Edge,
    from: Spot,
    to: Spot,
    out: Link,
    into: Link,
}

/// An entity's lists, and its first labels in the index by kind: the two are read together as
/// each fact comes in, so they share one cache line.
#[derive(Clone, Debug)]
#[repr(align(64))]
struct EntitySlot {
    heads: Heads,
    entry: Entry,
}

impl Default for EntitySlot {
    fn default() -> Self {
        EntitySlot {
            heads: Heads::EMPTY,
            entry: Entry::default(),
        }
    }
}

/// See the module documentation.
#[derive(Clone, Debug, Default)]
pub(crate) struct Links {
    entities: Vec<EntitySlot>,
    events: Vec<Heads>,
    participations: Vec<ParticipationEnds>,
    relations: Vec<RelationEnds>,
}

/// The slot at `index`, the vector grown with `empty` to hold it.
fn grown<T: Copy>(slots: &mut Vec<T>, index: usize, empty: T) -> &mut T {
    if slots.len() <= index {
        slots.resize(index + 1, empty);
    }
    &mut slots[index]
}

impl Links {
    /// Makes room for more nodes and facts.
    pub(crate) fn reserve(
        &mut self,
        entities: usize,
        events: usize,
        participations: usize,
        relations: usize,
    ) {
        self.entities.reserve(entities);
        self.events.reserve(events);
        self.participations.reserve(participations);
        self.relations.reserve(relations);
    }

    fn heads(&self, spot: Spot) -> Heads {
        let heads = if spot.is_event() {
            self.events.get(spot.index())
        } else {
            self.entities.get(spot.index()).map(|slot| &slot.heads)
        };
        heads.copied().unwrap_or(Heads::EMPTY)
    }

    fn heads_mut(&mut self, spot: Spot) -> &mut Heads {
        if spot.is_event() {
            grown(&mut self.events, spot.index(), Heads::EMPTY)
        } else {
            &mut self.entity_slot(spot.index()).heads
        }
    }

    /// The entity's slot, the slots grown to hold it.
    fn entity_slot(&mut self, index: usize) -> &mut EntitySlot {
        if self.entities.len() <= index {
            self.entities.resize_with(index + 1, EntitySlot::default);
        }
        &mut self.entities[index]
    }

    /// The entity's first labels in the index by kind, if it has a slot.
    #[inline]
    pub(crate) fn entry(&self, entity: EntityId) -> Option<&Entry> {
        self.entities
            .get(entity.index() as usize)
            .map(|slot| &slot.entry)
    }

    /// The entity's first labels in the index by kind, the slots grown to hold it.
    pub(crate) fn entry_mut(&mut self, entity: EntityId) -> &mut Entry {
        &mut self.entity_slot(entity.index() as usize).entry
    }

    /// The entity's first labels in the index by kind, if it has a slot.
    pub(crate) fn entry_mut_if_any(&mut self, entity: EntityId) -> Option<&mut Entry> {
        self.entities
            .get_mut(entity.index() as usize)
            .map(|slot| &mut slot.entry)
    }

    /// The fact behind `link`, if it is linked.
    #[inline]
    fn reach(&self, link: Link) -> Option<Reached> {
        if link.is_relation() {
            let ends = self.relations.get(link.index())?;
            Some(Reached {
                edge: Edge {
                    id: link.index() as u32,
                    relation: true,
                    negated: ends.negated,
                    takes_part: false,
                },
                from: ends.from,
                to: ends.to,
                out: ends.out,
                into: ends.into,
            })
        } else {
            let ends = self.participations.get(link.index())?;
            Some(Reached {
                edge: Edge {
                    id: link.0,
                    relation: false,
                    negated: ends.entity & TOP_BIT != 0,
                    takes_part: ends.event & TOP_BIT != 0,
                },
                from: Spot(ends.entity & !TOP_BIT),
                to: Spot(ends.event | TOP_BIT),
                out: ends.out,
                into: ends.into,
            })
        }
    }

    /// Sets the next fact after `link` in its `from` node's outgoing list (`outgoing`) or its
    /// `to` node's incoming list.
    fn set_next(&mut self, link: Link, outgoing: bool, next: Link) {
        let (out, into) = if link.is_relation() {
            match self.relations.get_mut(link.index()) {
                Some(ends) => (&mut ends.out, &mut ends.into),
                None => return,
            }
        } else {
            match self.participations.get_mut(link.index()) {
                Some(ends) => (&mut ends.out, &mut ends.into),
                None => return,
            }
        };
        *(if outgoing { out } else { into }) = next;
    }

    /// Puts a participation at the head of its entity's and its event's lists.
    pub(crate) fn link_participation(&mut self, id: ParticipationId, ends: Ends) {
        let link = Link::participation(id);
        let (from, to) = (Spot::of(ends.entity.into()), Spot::of(ends.event.into()));
        let out = std::mem::replace(&mut self.heads_mut(from).out, link);
        let into = std::mem::replace(&mut self.heads_mut(to).into, link);
        let flag = |set: bool| if set { TOP_BIT } else { 0 };
        *grown(
            &mut self.participations,
            link.index(),
            ParticipationEnds {
                out: Link::END,
                into: Link::END,
                entity: 0,
                event: 0,
            },
        ) = ParticipationEnds {
            out,
            into,
            entity: from.0 | flag(ends.negated),
            event: to.index() as u32 | flag(ends.takes_part),
        };
    }

    /// A linked participation's entity and event, and its flags. The links are the only place
    /// that holds them, so that a participation's record need not repeat them.
    #[inline]
    pub(crate) fn participation_ends(&self, id: ParticipationId) -> Option<Ends> {
        let ends = self.participations.get(id.index() as usize)?;
        Some(Ends {
            entity: EntityId::new(ends.entity & !TOP_BIT),
            event: EventId::new(ends.event & !TOP_BIT),
            negated: ends.entity & TOP_BIT != 0,
            takes_part: ends.event & TOP_BIT != 0,
        })
    }

    /// Puts a relation at the head of its two ends' lists.
    pub(crate) fn link_relation(&mut self, id: RelationId, relation: &RelationRecord) {
        let link = Link::relation(id);
        let (from, to) = (Spot::of(relation.from()), Spot::of(relation.to()));
        let out = std::mem::replace(&mut self.heads_mut(from).out, link);
        let into = std::mem::replace(&mut self.heads_mut(to).into, link);
        *grown(
            &mut self.relations,
            link.index(),
            RelationEnds {
                out: Link::END,
                into: Link::END,
                from: Spot::END,
                to: Spot::END,
                negated: false,
            },
        ) = RelationEnds {
            out,
            into,
            from,
            to,
            negated: relation.polarity.is_negated(),
        };
    }

    /// Updates the flags a participation's ends hold, its ends unchanged.
    pub(crate) fn flag_participation(&mut self, id: ParticipationId, flags: Ends) {
        if let Some(ends) = self.participations.get_mut(id.index() as usize) {
            let flag = |set: bool| if set { TOP_BIT } else { 0 };
            ends.entity = ends.entity & !TOP_BIT | flag(flags.negated);
            ends.event = ends.event & !TOP_BIT | flag(flags.takes_part);
        }
    }

    /// Updates the flag a relation's ends hold, its ends unchanged.
    pub(crate) fn flag_relation(&mut self, id: RelationId, relation: &RelationRecord) {
        if let Some(ends) = self.relations.get_mut(id.index() as usize) {
            ends.negated = relation.polarity.is_negated();
        }
    }

    /// Takes a linked fact out of both its lists.
    pub(crate) fn unlink(&mut self, link: Link) {
        let Some(fact) = self.reach(link) else {
            return;
        };
        self.unthread(link, fact.from, true, fact.out);
        self.unthread(link, fact.to, false, fact.into);
    }

    /// Takes `link` out of one list of the node at `spot`, `after` being the fact that
    /// follows it there.
    fn unthread(&mut self, link: Link, spot: Spot, outgoing: bool, after: Link) {
        let heads = self.heads_mut(spot);
        let head = if outgoing {
            &mut heads.out
        } else {
            &mut heads.into
        };
        if *head == link {
            *head = after;
            return;
        }
        let mut at = *head;
        while let Some(fact) = self.reach(at) {
            let next = if outgoing { fact.out } else { fact.into };
            if next == link {
                self.set_next(at, outgoing, after);
                return;
            }
            at = next;
        }
    }

    /// Takes every fact at the node at `spot` out of its other end's lists, for the node's
    /// removal, and returns them.
    pub(crate) fn unlink_all(&mut self, spot: Spot) -> Vec<FactId> {
        let facts: Vec<(Link, Reached)> = self
            .walk(spot, true)
            .chain(self.walk(spot, false))
            .collect();
        for (link, fact) in &facts {
            if fact.from != spot {
                self.unthread(*link, fact.from, true, fact.out);
            }
            if fact.to != spot {
                self.unthread(*link, fact.to, false, fact.into);
            }
        }
        *self.heads_mut(spot) = Heads::EMPTY;
        facts
            .into_iter()
            .map(|(_, fact)| fact.edge.fact())
            .collect()
    }

    /// The facts of one list of the node at `spot`, head first.
    #[inline]
    fn walk(&self, spot: Spot, outgoing: bool) -> impl Iterator<Item = (Link, Reached)> + '_ {
        let heads = self.heads(spot);
        let mut at = if outgoing { heads.out } else { heads.into };
        std::iter::from_fn(move || {
            if at.is_end() {
                return None;
            }
            let link = at;
            let fact = self.reach(link)?;
            at = if outgoing { fact.out } else { fact.into };
            Some((link, fact))
        })
    }
}

impl EventGraph {
    /// The facts leaving (`outgoing`) or entering the node at `spot`, newest first, each with
    /// the node at its other end.
    #[inline]
    pub(crate) fn edges_directed(
        &self,
        spot: Spot,
        outgoing: bool,
    ) -> impl Iterator<Item = (Edge, Spot)> + '_ {
        self.links.walk(spot, outgoing).map(move |(_, fact)| {
            let other = if outgoing { fact.to } else { fact.from };
            (fact.edge, other)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_takes_8_bytes_and_a_participation_16() {
        assert_eq!(std::mem::size_of::<Heads>(), 8);
        // An entity's heads share a cache line with its first labels in the index by kind.
        assert_eq!(std::mem::size_of::<EntitySlot>(), 64);
        assert_eq!(std::mem::size_of::<ParticipationEnds>(), 16);
    }

    #[test]
    fn a_node_lists_its_newest_fact_first_and_forgets_removed_ones() {
        let mut graph = EventGraph::new();
        let a = graph
            .add_entity(Entity::new(EntityKind::State, "Made-up A"))
            .unwrap();
        let b = graph
            .add_entity(Entity::new(EntityKind::State, "Made-up B"))
            .unwrap();
        let talks = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
        let first = graph
            .add_participation(Participation::new(a, Role::Initiator, talks))
            .unwrap();
        let second = graph
            .add_participation(Participation::new(b, Role::Target, talks).negated())
            .unwrap();
        let ties = graph
            .add_relation(Relation::new(a, RelationKind::AlliedWith, b))
            .unwrap();
        let into = |graph: &EventGraph, node: NodeId| -> Vec<(FactId, NodeId, bool)> {
            graph
                .edges_directed(Spot::of(node), false)
                .map(|(edge, other)| (edge.fact(), other.node(), edge.negated()))
                .collect()
        };
        assert_eq!(
            into(&graph, talks.into()),
            [
                (second.into(), b.into(), true),
                (first.into(), a.into(), false)
            ]
        );
        assert_eq!(into(&graph, b.into()), [(ties.into(), a.into(), false)]);
        graph.remove_participation(second).unwrap();
        assert_eq!(
            into(&graph, talks.into()),
            [(first.into(), a.into(), false)]
        );
        // Removing an entity takes its facts out of the lists at their other ends.
        graph.remove_entity(a).unwrap();
        assert!(into(&graph, talks.into()).is_empty());
        assert!(into(&graph, b.into()).is_empty());
        assert_eq!(graph.degree(b), 0);
    }
}
