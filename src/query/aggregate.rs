//! Aggregates: who did what to whom and how often, the balance of cooperation and conflict
//! between two actors over time, central actors, and the roles people held on a day.

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use petgraph::stable_graph::{NodeIndex, StableUnGraph};

use crate::EventGraph;
use crate::model::{
    EntityId, EventId, EventKind, FuzzyDate, Polarity, Relation, RelationId, RelationKind, Role,
};

/// How often one actor did one kind of thing to another (CAMEO's dyadic counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dyad {
    /// Who did it (an initiator).
    pub initiator: EntityId,
    /// To whom (a target).
    pub target: EntityId,
    /// What.
    pub kind: EventKind,
    /// The events, in insertion order; their number is the count.
    pub events: Vec<EventId>,
}

/// The cooperation and conflict between two actors in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Balance {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// Events of cooperation (GDELT quad classes 1 and 2) they both took part in.
    pub cooperation: usize,
    /// Events of conflict (quad classes 3 and 4) they both took part in.
    pub conflict: usize,
}

impl EventGraph {
    /// Every (initiator, target, kind) with its events, from affirmed participations, in the
    /// order each first occurs. Scans every event.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [us, france] = ["United States", "France"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// for _ in 0..2 {
    ///     let no = graph.add_event(Event::new(EventKind::Reject))?;
    ///     graph.add_participation(Participation::new(us, Role::Initiator, no))?;
    ///     graph.add_participation(Participation::new(france, Role::Target, no))?;
    /// }
    /// let dyads: Vec<_> = graph.dyads().map(|d| (d.initiator, d.target, d.kind, d.events.len())).collect();
    /// assert_eq!(dyads, [(us, france, EventKind::Reject, 2)]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn dyads(&self) -> impl Iterator<Item = Dyad> {
        let mut dyads: IndexMap<(EntityId, EntityId, EventKind), Vec<EventId>> = IndexMap::new();
        for (event, record) in self.events() {
            let in_role = |role: Role| -> Vec<EntityId> {
                self.participations_in(event)
                    .filter(|(_, p)| p.role == role && p.polarity == Polarity::Affirmed)
                    .map(|(_, p)| p.entity)
                    .collect()
            };
            let targets = in_role(Role::Target);
            for initiator in in_role(Role::Initiator) {
                for &target in &targets {
                    if initiator != target {
                        dyads
                            .entry((initiator, target, record.kind.clone()))
                            .or_default()
                            .push(event);
                    }
                }
            }
        }
        dyads
            .into_iter()
            .map(|((initiator, target, kind), events)| Dyad {
                initiator,
                target,
                kind,
                events,
            })
    }

    /// Month by month, the cooperative and conflictual events `a` and `b` both took part in
    /// (affirmed, any role), dated by their earliest possible day; months with none are left
    /// out, undated events and events whose kind has no class are not counted. The cost is
    /// that of `a`'s participations.
    pub fn balance(&self, a: EntityId, b: EntityId) -> impl Iterator<Item = Balance> {
        let with_b: HashSet<EventId> = self
            .participations_of(b)
            .filter(|(_, p)| p.polarity == Polarity::Affirmed)
            .map(|(_, p)| p.event)
            .collect();
        let shared: std::collections::BTreeSet<EventId> = self
            .participations_of(a)
            .filter(|(_, p)| p.polarity == Polarity::Affirmed && with_b.contains(&p.event))
            .map(|(_, p)| p.event)
            .collect();
        let mut months: BTreeMap<(i32, u32), Balance> = BTreeMap::new();
        for event in shared {
            let Some(record) = self.event(event) else {
                continue;
            };
            let (Some(date), Some(class)) = (record.date, record.quad_class()) else {
                continue;
            };
            use chrono::Datelike;
            let day = date.earliest();
            let entry = months.entry((day.year(), day.month())).or_insert(Balance {
                year: day.year(),
                month: day.month(),
                cooperation: 0,
                conflict: 0,
            });
            if class.is_conflict() {
                entry.conflict += 1;
            } else {
                entry.cooperation += 1;
            }
        }
        months.into_values()
    }

    /// The actor network: entities joined when they take part in one event (affirmed) or are
    /// related (affirmed), as an undirected petgraph graph.
    fn interaction_network(&self) -> (StableUnGraph<EntityId, ()>, Vec<EntityId>) {
        let mut network = StableUnGraph::default();
        let mut at: HashMap<EntityId, NodeIndex> = HashMap::new();
        let mut order = Vec::new();
        for (id, _) in self.entities() {
            at.insert(id, network.add_node(id));
            order.push(id);
        }
        let mut joined: HashSet<(EntityId, EntityId)> = HashSet::new();
        let mut join = |a: EntityId, b: EntityId, network: &mut StableUnGraph<EntityId, ()>| {
            let key = if a < b { (a, b) } else { (b, a) };
            if a != b && joined.insert(key) {
                network.add_edge(at[&a], at[&b], ());
            }
        };
        for (event, _) in self.events() {
            let members: Vec<EntityId> = self
                .participations_in(event)
                .filter(|(_, p)| p.polarity == Polarity::Affirmed)
                .map(|(_, p)| p.entity)
                .collect();
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    join(a, b, &mut network);
                }
            }
        }
        for (_, relation) in self.relations() {
            if let (Some(a), Some(b)) = (relation.from.as_entity(), relation.to.as_entity())
                && relation.polarity == Polarity::Affirmed
            {
                join(a, b, &mut network);
            }
        }
        (network, order)
    }

    /// Degree centrality of every entity in the actor network (see
    /// [`betweenness_centrality`](Self::betweenness_centrality)), normalised to 0–1, highest
    /// first, ties in insertion order. Computed by rustworkx-core.
    pub fn degree_centrality(&self) -> impl Iterator<Item = (EntityId, f64)> {
        let (network, order) = self.interaction_network();
        let scores = rustworkx_core::centrality::degree_centrality(&network, None);
        ranked(order, scores)
    }

    /// Betweenness centrality of every entity in the actor network, in which two entities are
    /// joined when they take part in one event or are related (affirmed facts only);
    /// normalised, highest first, ties in insertion order. Computed by rustworkx-core
    /// (Brandes): O(entities × links), for graphs of thousands of actors rather than millions.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let [a, hub, c] = ["A", "Hub", "C"].map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// graph.add_relation(Relation::new(a, RelationKind::AlliedWith, hub))?;
    /// graph.add_relation(Relation::new(hub, RelationKind::AlliedWith, c))?;
    /// let (top, score) = graph.betweenness_centrality().next().unwrap();
    /// assert_eq!((top, score), (hub, 1.0));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn betweenness_centrality(&self) -> impl Iterator<Item = (EntityId, f64)> {
        let (network, order) = self.interaction_network();
        let scores = rustworkx_core::centrality::betweenness_centrality(&network, false, true, 200);
        ranked(
            order,
            scores.into_iter().map(|s| s.unwrap_or(0.0)).collect(),
        )
    }

    /// The titled roles (`holds_role`) and leaderships (`leads`) that held on some day of
    /// `date`, by their validity; a relation with no validity is taken to hold. Scans every
    /// relation.
    pub fn roles_on<'a>(
        &'a self,
        date: &'a FuzzyDate,
    ) -> impl Iterator<Item = (RelationId, &'a Relation)> + 'a {
        self.relations().filter(move |(_, r)| {
            matches!(r.kind, RelationKind::HoldsRole | RelationKind::Leads)
                && r.polarity == Polarity::Affirmed
                && r.holds_on(date)
        })
    }

    /// The titled roles and leaderships one entity held on some day of `date`; served from
    /// the index by kind.
    pub fn roles_of<'a>(
        &'a self,
        holder: EntityId,
        date: &'a FuzzyDate,
    ) -> impl Iterator<Item = (RelationId, &'a Relation)> + 'a {
        self.relations_of_kind(holder, &RelationKind::HoldsRole, true)
            .chain(self.relations_of_kind(holder, &RelationKind::Leads, true))
            .filter(move |(_, r)| r.polarity == Polarity::Affirmed && r.holds_on(date))
    }
}

/// Scores by node index, which is insertion order: the actor network adds every entity
/// first and removes none.
fn ranked(order: Vec<EntityId>, scores: Vec<f64>) -> impl Iterator<Item = (EntityId, f64)> {
    let mut scored: Vec<(usize, EntityId, f64)> = order
        .into_iter()
        .enumerate()
        .map(|(i, id)| (i, id, scores.get(i).copied().unwrap_or(0.0)))
        .collect();
    scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(_, id, s)| (id, s))
}
