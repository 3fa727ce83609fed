//! Centrality: which actors hold the network together, behind the `centrality` feature (on
//! by default). Degree and eigenvector centrality are rustworkx-core's, which brings rayon and
//! ndarray with it; betweenness is counted here (`betweenness.rs`), so that it can be
//! estimated from some of the actors.

use petgraph::stable_graph::{NodeIndex, StableUnGraph};
use rustc_hash::{FxHashMap, FxHashSet};

use super::betweenness::{Compressed, sample, scores};
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
    /// normalised as networkx normalises it, highest first, ties in insertion order.
    /// Brandes's algorithm, a breadth-first pass from every entity: O(entities × links),
    /// seconds for thousands of actors and minutes for the tens of thousands of a year of
    /// GDELT, which [`betweenness_centrality_sampled`](Self::betweenness_centrality_sampled)
    /// estimates in seconds.
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

    /// Betweenness centrality estimated from `sources` entities, drawn at random with `seed`,
    /// as the starts of shortest paths (Brandes and Pich; networkx's `k` and `seed`), scaled to
    /// estimate [`betweenness_centrality`](Self::betweenness_centrality); highest first, ties
    /// in insertion order. It costs `sources / entities` of the exact score: a thousand
    /// sources rank the leading actors of a year of GDELT in seconds, where every entity as a
    /// source takes minutes. With at least as many sources as entities, every entity is a
    /// source and the score is the exact one, summed in another order; with none, every
    /// score is 0. A seed names the same sources, and the same scores to the last bit, on
    /// every machine, thread count and version.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let names = ["A", "B", "Hub", "C", "D"];
    /// let [a, b, hub, c, d] = names.map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    /// for spoke in [a, b, c, d] {
    ///     graph.add_relation(Relation::new(spoke, RelationKind::AlliedWith, hub))?;
    /// }
    /// let (top, _) = graph.betweenness_centrality_sampled(3, 42).next().unwrap();
    /// assert_eq!(top, hub);
    /// // Every entity a source: the exact score.
    /// let (_, score) = graph.betweenness_centrality_sampled(5, 42).next().unwrap();
    /// assert!((score - 1.0).abs() < 1e-12);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn betweenness_centrality_sampled(
        &self,
        sources: usize,
        seed: u64,
    ) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        self.view().betweenness_centrality_sampled(sources, seed)
    }
}

impl View<'_> {
    /// The actor network of the view: its entities, in order, and the pairs of them (by
    /// position in that order) that take part in one event (affirmed) or are related
    /// (affirmed), each pair once, in the order first found.
    fn interactions(&self) -> (Vec<EntityId>, Vec<(u32, u32)>) {
        let order: Vec<EntityId> = self.entities().map(|(id, _)| id).collect();
        // Keyed by internal ids and positions, never user text: a fast hasher, as elsewhere.
        let at: FxHashMap<EntityId, u32> = order
            .iter()
            .enumerate()
            .map(|(position, &id)| (id, position as u32))
            .collect();
        let mut joined: FxHashSet<(u32, u32)> = FxHashSet::default();
        let mut links = Vec::new();
        let mut join = |a: EntityId, b: EntityId| {
            let (a, b) = (at[&a], at[&b]);
            let key = if a < b { (a, b) } else { (b, a) };
            if a != b && joined.insert(key) {
                links.push((a, b));
            }
        };
        // One buffer for every event's participants, not one allocation an event.
        let mut members: Vec<EntityId> = Vec::new();
        for (event, _) in self.events() {
            members.clear();
            members.extend(
                self.participations_in(event)
                    .filter(|(_, p)| p.polarity() == Polarity::Affirmed)
                    .map(|(_, p)| p.entity()),
            );
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    join(a, b);
                }
            }
        }
        for (_, relation) in self.relations() {
            if let (Some(a), Some(b)) = (relation.from().as_entity(), relation.to().as_entity())
                && relation.polarity() == Polarity::Affirmed
            {
                join(a, b);
            }
        }
        (order, links)
    }

    /// [`interactions`](Self::interactions) as an undirected petgraph graph, node `i` the
    /// `i`th entity.
    fn interaction_network(&self) -> (StableUnGraph<EntityId, ()>, Vec<EntityId>) {
        let (order, links) = self.interactions();
        let mut network = StableUnGraph::with_capacity(order.len(), links.len());
        for &id in &order {
            network.add_node(id);
        }
        for (a, b) in links {
            network.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
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
        let (order, links) = self.interactions();
        let network = Compressed::new(order.len(), &links);
        let every: Vec<u32> = (0..order.len() as u32).collect();
        ranked(order, scores(&network, &every))
    }

    /// Betweenness estimated from a sample of sources
    /// ([`EventGraph::betweenness_centrality_sampled`]).
    pub fn betweenness_centrality_sampled(
        &self,
        sources: usize,
        seed: u64,
    ) -> impl Iterator<Item = (EntityId, f64)> + use<> {
        let (order, links) = self.interactions();
        let network = Compressed::new(order.len(), &links);
        let sources = sample(order.len(), sources, seed);
        ranked(order, scores(&network, &sources))
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
