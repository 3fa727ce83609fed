//! The adjacency, threaded through the record tables.
//!
//! Every node (an entity or an event) holds the first fact of its outgoing and of its
//! incoming list; every fact (a participation or a relation) holds the next fact of the list
//! it belongs to at each end, and names its two ends itself (a participation its entity and
//! event, a relation its `from` and `to`). This is the layout of petgraph's `Graph`, without
//! its copies: a petgraph edge held both endpoints and its weight again beside the record
//! that already held them, and a petgraph node the node's id again, 40 bytes and more an
//! event at scale that bought nothing a traversal needs. As with petgraph, a new fact goes
//! to the head of both its lists, so that a node's newest fact comes first.
//!
//! Nodes and facts are named here by one `u32` each, their id and one bit for what table
//! they are in, so that a traversal's hash sets and frontiers hold 4-byte entries.

use super::*;

/// Where a node sits in the adjacency: an entity's or an event's id, with the top bit set
/// for an event. The graph's tables hand out fewer than 2³¹ − 1 ids, so every spot is
/// distinct from [`Spot::END`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Spot(u32);

const EVENT_BIT: u32 = 1 << 31;
const NONE: u32 = u32::MAX;

impl Spot {
    /// No node: a placeholder that never names one.
    pub(crate) const END: Spot = Spot(NONE);

    pub(crate) fn of(node: NodeId) -> Spot {
        match node {
            NodeId::Entity(id) => Spot(id.index()),
            NodeId::Event(id) => Spot(id.index() | EVENT_BIT),
        }
    }

    /// The node at this spot.
    pub(crate) fn node(self) -> NodeId {
        if self.0 & EVENT_BIT == 0 {
            NodeId::Entity(EntityId::new(self.0))
        } else {
            NodeId::Event(EventId::new(self.0 & !EVENT_BIT))
        }
    }

    pub(crate) fn is_event(self) -> bool {
        self.0 & EVENT_BIT != 0
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
        Link(id.index() | EVENT_BIT)
    }

    fn is_end(self) -> bool {
        self.0 == NONE
    }
}

/// A node's place in the adjacency: the first fact of its outgoing and incoming lists.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Heads {
    out: Link,
    into: Link,
}

impl Heads {
    /// A node with no fact yet.
    pub(crate) const EMPTY: Heads = Heads {
        out: Link::END,
        into: Link::END,
    };
}

/// A fact's place in the adjacency: the next fact in its `from` node's outgoing list and in
/// its `to` node's incoming list.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Threads {
    out: Link,
    into: Link,
}

/// What a traversal reads of one fact: the fact as an [`Edge`], its two ends and its place in
/// their lists.
struct Reached {
    edge: Edge,
    from: Spot,
    to: Spot,
    threads: Threads,
}

impl EventGraph {
    /// The heads of the node at `spot`, if it is live.
    fn heads(&self, spot: Spot) -> Option<Heads> {
        match spot.node() {
            NodeId::Entity(id) => self.entities.get(id).map(|p| p.at),
            NodeId::Event(id) => self.events.get(id).map(|p| p.at),
        }
    }

    fn heads_mut(&mut self, spot: Spot) -> Option<&mut Heads> {
        match spot.node() {
            NodeId::Entity(id) => self.entities.get_mut(id).map(|p| &mut p.at),
            NodeId::Event(id) => self.events.get_mut(id).map(|p| &mut p.at),
        }
    }

    fn threads_mut(&mut self, link: Link) -> Option<&mut Threads> {
        if link.0 & EVENT_BIT == 0 {
            self.participations
                .get_mut(ParticipationId::new(link.0))
                .map(|p| &mut p.at)
        } else {
            self.relations
                .get_mut(RelationId::new(link.0 & !EVENT_BIT))
                .map(|p| &mut p.at)
        }
    }

    /// The fact behind `link`, read for a traversal.
    #[inline]
    fn reach(&self, link: Link) -> Option<Reached> {
        if link.0 & EVENT_BIT == 0 {
            let id = ParticipationId::new(link.0);
            let slot = self.participations.get(id)?;
            let record = &slot.value;
            Some(Reached {
                edge: Edge {
                    id: link.0,
                    relation: false,
                    negated: record.polarity.is_negated(),
                    takes_part: record.takes_part,
                },
                from: Spot::of(record.entity.into()),
                to: Spot::of(record.event.into()),
                threads: slot.at,
            })
        } else {
            let slot = self.relations.get(RelationId::new(link.0 & !EVENT_BIT))?;
            let relation = &slot.value;
            Some(Reached {
                edge: Edge {
                    id: link.0 & !EVENT_BIT,
                    relation: true,
                    negated: relation.polarity.is_negated(),
                    takes_part: false,
                },
                from: Spot::of(relation.from),
                to: Spot::of(relation.to),
                threads: slot.at,
            })
        }
    }

    /// Puts a new fact joining `from` to `to` at the head of both its lists, and returns its
    /// threads, for its record to hold. Both nodes must be live.
    pub(super) fn link(&mut self, link: Link, from: NodeId, to: NodeId) -> Result<Threads, Error> {
        let (from, to) = (Spot::of(from), Spot::of(to));
        let out = self.heads(from).ok_or_else(|| unknown(from))?.out;
        let into = self.heads(to).ok_or_else(|| unknown(to))?.into;
        if let Some(heads) = self.heads_mut(from) {
            heads.out = link;
        }
        if let Some(heads) = self.heads_mut(to) {
            heads.into = link;
        }
        Ok(Threads { out, into })
    }

    /// Takes the fact at `link`, whose record is still in its table, out of both its lists.
    pub(super) fn unlink(&mut self, link: Link) {
        let Some(fact) = self.reach(link) else {
            return;
        };
        self.unthread(link, fact.from, true, fact.threads.out);
        self.unthread(link, fact.to, false, fact.threads.into);
    }

    /// Takes `link` out of one list of the node at `spot`, `after` being the fact that
    /// follows it there: O(the facts before it), and a new fact is at the head.
    fn unthread(&mut self, link: Link, spot: Spot, outgoing: bool, after: Link) {
        let Some(heads) = self.heads_mut(spot) else {
            return;
        };
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
        while !at.is_end() {
            let Some(threads) = self.threads_mut(at) else {
                return;
            };
            let next = if outgoing {
                &mut threads.out
            } else {
                &mut threads.into
            };
            if *next == link {
                *next = after;
                return;
            }
            at = *next;
        }
    }

    /// Takes every fact at the node at `spot` out of its other end's lists, for the node's
    /// removal; returns them. The facts' records stay in their tables.
    pub(super) fn unlink_all(&mut self, spot: Spot) -> Vec<FactId> {
        let facts: Vec<(Link, Reached)> = self
            .walk(spot, true)
            .chain(self.walk(spot, false))
            .collect();
        for (link, fact) in &facts {
            if fact.from != spot {
                self.unthread(*link, fact.from, true, fact.threads.out);
            }
            if fact.to != spot {
                self.unthread(*link, fact.to, false, fact.threads.into);
            }
        }
        if let Some(heads) = self.heads_mut(spot) {
            *heads = Heads::EMPTY;
        }
        facts
            .into_iter()
            .map(|(_, fact)| fact.edge.fact())
            .collect()
    }

    /// The facts of one list of the node at `spot`, head first.
    fn walk(&self, spot: Spot, outgoing: bool) -> impl Iterator<Item = (Link, Reached)> + '_ {
        let heads = self.heads(spot).unwrap_or(Heads::EMPTY);
        let mut at = if outgoing { heads.out } else { heads.into };
        std::iter::from_fn(move || {
            if at.is_end() {
                return None;
            }
            let link = at;
            let fact = self.reach(link)?;
            at = if outgoing {
                fact.threads.out
            } else {
                fact.threads.into
            };
            Some((link, fact))
        })
    }

    /// The facts leaving (`outgoing`) or entering the node at `spot`, newest first, each with
    /// the node at its other end.
    #[inline]
    pub(crate) fn edges_directed(
        &self,
        spot: Spot,
        outgoing: bool,
    ) -> impl Iterator<Item = (Edge, Spot)> + '_ {
        self.walk(spot, outgoing).map(move |(_, fact)| {
            let other = if outgoing { fact.to } else { fact.from };
            (fact.edge, other)
        })
    }
}

fn unknown(spot: Spot) -> Error {
    match spot.node() {
        NodeId::Entity(id) => ErrorKind::UnknownEntity(id).into(),
        NodeId::Event(id) => ErrorKind::UnknownEvent(id).into(),
    }
}
