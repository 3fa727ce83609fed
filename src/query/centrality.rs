//! Centrality: which actors hold the network together, computed by rustworkx-core behind the
//! `centrality` feature (on by default), which brings rayon and ndarray with it.

use std::collections::{HashMap, HashSet};

use petgraph::stable_graph::{NodeIndex, StableUnGraph};

use crate::model::{EntityId, Polarity};
use crate::query::ActorNetwork;
use crate::{EventGraph, View};

impl EventGraph {
    /// Degree centrality of every entity in the actor network (see
    /// [`betweenness_centrality`](Self::betweenness_centrality)), normalised to 0–1, highest
    /// first, ties in insertion order; a lone entity scores 1, as in networkx. Computed by
    /// rustworkx-core.
    pub fn degree_centrality(&self) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        self.view().degree_centrality()
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
    pub fn betweenness_centrality(&self) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        self.view().betweenness_centrality()
    }
}

impl View<'_> {
    /// The actor network of the view: entities joined when they take part in one event (affirmed) or are
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
                .filter(|(_, p)| p.polarity() == Polarity::Affirmed)
                .map(|(_, p)| p.entity())
                .collect();
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    join(a, b, &mut network);
                }
            }
        }
        for (_, relation) in self.relations() {
            if let (Some(a), Some(b)) = (relation.from().as_entity(), relation.to().as_entity())
                && relation.polarity() == Polarity::Affirmed
            {
                join(a, b, &mut network);
            }
        }
        (network, order)
    }

    /// Degree centrality of the view's entities in the view's interaction network
    /// ([`EventGraph::degree_centrality`]).
    pub fn degree_centrality(&self) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        let (network, order) = self.interaction_network();
        // Normalised by the other actors' number, which a lone actor has none of: it scores 1,
        // as networkx has it, rather than 0/0.
        let scores = if order.len() == 1 {
            vec![1.0]
        } else {
            rustworkx_core::centrality::degree_centrality(&network, None)
        };
        ranked(order, scores)
    }

    /// Betweenness centrality of the view's entities in the view's interaction network
    /// ([`EventGraph::betweenness_centrality`]).
    pub fn betweenness_centrality(&self) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        let (network, order) = self.interaction_network();
        let scores = rustworkx_core::centrality::betweenness_centrality(&network, false, true, 200);
        ranked(
            order,
            scores.into_iter().map(|s| s.unwrap_or(0.0)).collect(),
        )
    }
}

impl ActorNetwork<'_> {
    pub(super) fn eigenvector(&self) -> Option<Vec<f64>> {
        let mut network: StableUnGraph<(), f64> = StableUnGraph::default();
        let nodes: Vec<NodeIndex> = self.actors.keys().map(|_| network.add_node(())).collect();
        for link in &self.links {
            let (Some(a), Some(b)) = (
                self.actors.get_index_of(&link.from()),
                self.actors.get_index_of(&link.to()),
            ) else {
                continue;
            };
            network.add_edge(nodes[a], nodes[b], link.weight() as f64);
        }
        let scores = rustworkx_core::centrality::eigenvector_centrality(
            &network,
            |edge| Ok::<f64, std::convert::Infallible>(*edge.weight()),
            Some(1000),
            Some(1e-9),
        );
        scores.ok().flatten()
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
