//! The limit the crate is measured against: the same graph and the same questions on a bare
//! petgraph `StableGraph` with an `IndexMap` name index, and nothing else: no provenance, no
//! validation, no normalised names, no kind index.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use eventkg::workload::Workload;
use eventkg::{EventKind, RelationKind};
use indexmap::IndexMap;
use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    Entity,
    Event { kind: u8, day: i32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Initiator,
    Target,
    Relation(u8),
}

pub struct Bare {
    pub graph: StableDiGraph<Node, Edge>,
    pub names: IndexMap<String, NodeIndex>,
    pub entities: Vec<NodeIndex>,
    pub events: Vec<NodeIndex>,
}

pub fn kind_code(kind: &EventKind) -> u8 {
    EventKind::NAMES
        .iter()
        .position(|n| *n == kind.as_str())
        .unwrap_or(255) as u8
}

fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The bare records a baseline loads from text: what a program with no model would keep.
#[derive(Serialize, Deserialize)]
pub struct BareRecords {
    pub entities: Vec<(String, Vec<String>)>,
    pub events: Vec<(u8, i32, usize, usize)>,
    pub relations: Vec<(usize, u8, usize)>,
}

impl BareRecords {
    pub fn of(workload: &Workload) -> BareRecords {
        BareRecords {
            entities: workload
                .entities
                .iter()
                .map(|e| (e.name.clone(), e.aliases.clone()))
                .collect(),
            events: workload
                .events
                .iter()
                .map(|e| (kind_code(&e.kind), day(e.date), e.initiator, e.target))
                .collect(),
            relations: workload
                .relations
                .iter()
                .map(|r| {
                    let code = RelationKind::NAMES
                        .iter()
                        .position(|n| *n == r.kind.as_str())
                        .unwrap_or(255) as u8;
                    (r.from, code, r.to)
                })
                .collect(),
        }
    }
}

impl Bare {
    pub fn build(records: &BareRecords) -> Bare {
        let mut graph = StableDiGraph::with_capacity(
            records.entities.len() + records.events.len(),
            records.events.len() * 2 + records.relations.len(),
        );
        let mut names = IndexMap::with_capacity(records.entities.len() * 2);
        let mut entities = Vec::with_capacity(records.entities.len());
        for (name, aliases) in &records.entities {
            let node = graph.add_node(Node::Entity);
            names.insert(name.clone(), node);
            for alias in aliases {
                names.insert(alias.clone(), node);
            }
            entities.push(node);
        }
        let mut events = Vec::with_capacity(records.events.len());
        for &(kind, day, initiator, target) in &records.events {
            let node = graph.add_node(Node::Event { kind, day });
            graph.add_edge(entities[initiator], node, Edge::Initiator);
            graph.add_edge(entities[target], node, Edge::Target);
            events.push(node);
        }
        for &(from, kind, to) in &records.relations {
            graph.add_edge(entities[from], entities[to], Edge::Relation(kind));
        }
        Bare {
            graph,
            names,
            entities,
            events,
        }
    }

    pub fn lookup(&self, name: &str) -> Option<NodeIndex> {
        self.names.get(name).copied()
    }

    /// An entity's events of one kind in which it is the initiator.
    pub fn typed(&self, entity: NodeIndex, kind: u8) -> usize {
        self.graph
            .edges_directed(entity, Direction::Outgoing)
            .filter(|e| *e.weight() == Edge::Initiator)
            .filter(|e| matches!(self.graph[e.target()], Node::Event { kind: k, .. } if k == kind))
            .count()
    }

    /// Entities that share an event with `entity`: two hops through the adjacency into a set
    /// with a fast hasher, as the crate's own.
    pub fn co_participants(&self, entity: NodeIndex) -> usize {
        let mut seen: FxHashSet<NodeIndex> = FxHashSet::default();
        for edge in self.graph.edges_directed(entity, Direction::Outgoing) {
            if matches!(self.graph[edge.target()], Node::Event { .. }) {
                for back in self
                    .graph
                    .edges_directed(edge.target(), Direction::Incoming)
                {
                    if back.source() != entity {
                        seen.insert(back.source());
                    }
                }
            }
        }
        seen.len()
    }

    /// The length of a shortest path, crossing edges either way: the best known algorithm
    /// for it, a breadth-first search from both ends a level at a time, the smaller frontier
    /// first, stopping at the level where they meet.
    pub fn shortest(&self, from: NodeIndex, to: NodeIndex, max: usize) -> Option<usize> {
        if from == to {
            return Some(0);
        }
        let mut forward: FxHashMap<NodeIndex, usize> = FxHashMap::default();
        let mut backward: FxHashMap<NodeIndex, usize> = FxHashMap::default();
        forward.insert(from, 0);
        backward.insert(to, 0);
        let (mut front, mut back) = (vec![from], vec![to]);
        let (mut front_depth, mut back_depth) = (0, 0);
        while front_depth + back_depth < max && !front.is_empty() && !back.is_empty() {
            let (frontier, seen, other, depth) = if front.len() <= back.len() {
                (&mut front, &mut forward, &backward, &mut front_depth)
            } else {
                (&mut back, &mut backward, &forward, &mut back_depth)
            };
            *depth += 1;
            let mut next = Vec::new();
            let mut best: Option<usize> = None;
            for &node in frontier.iter() {
                for across in self.graph.neighbors_undirected(node) {
                    if let std::collections::hash_map::Entry::Vacant(slot) = seen.entry(across) {
                        slot.insert(*depth);
                        next.push(across);
                        if let Some(&rest) = other.get(&across) {
                            best =
                                Some(best.map_or(*depth + rest, |b: usize| b.min(*depth + rest)));
                        }
                    }
                }
            }
            if best.is_some() {
                return best;
            }
            *frontier = next;
        }
        None
    }

    pub fn window(&self, first: NaiveDate, last: NaiveDate) -> usize {
        let (a, b) = (day(first), day(last));
        self.events
            .iter()
            .filter(|&&e| matches!(self.graph[e], Node::Event { day, .. } if a <= day && day <= b))
            .count()
    }

    /// The stance of an event: its participants by role.
    pub fn stance(&self, event: NodeIndex) -> (usize, usize) {
        let mut by_role = (0, 0);
        for edge in self.graph.edges_directed(event, Direction::Incoming) {
            match edge.weight() {
                Edge::Initiator => by_role.0 += 1,
                Edge::Target => by_role.1 += 1,
                Edge::Relation(_) => {}
            }
        }
        by_role
    }

    /// The actor network pruned to the `k` most active actors: each event's initiator →
    /// target pair as a link with its weight, counts by kind and first and last day, then the
    /// links among the `k` actors of greatest summed weight. Returns the links kept.
    pub fn projection_top(&self, k: usize) -> usize {
        struct Link {
            weight: u32,
            kinds: Vec<(u8, u32)>,
            first: i32,
            last: i32,
        }
        let mut links: HashMap<(NodeIndex, NodeIndex), Link> = HashMap::new();
        for &event in &self.events {
            let Node::Event { kind, day } = self.graph[event] else {
                continue;
            };
            let (mut from, mut to) = (None, None);
            for edge in self.graph.edges_directed(event, Direction::Incoming) {
                match edge.weight() {
                    Edge::Initiator => from = Some(edge.source()),
                    Edge::Target => to = Some(edge.source()),
                    Edge::Relation(_) => {}
                }
            }
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            let link = links.entry((from, to)).or_insert(Link {
                weight: 0,
                kinds: Vec::new(),
                first: day,
                last: day,
            });
            link.weight += 1;
            match link.kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => link.kinds.push((kind, 1)),
            }
            link.first = link.first.min(day);
            link.last = link.last.max(day);
        }
        let mut strength: HashMap<NodeIndex, u32> = HashMap::new();
        for (&(from, to), link) in &links {
            *strength.entry(from).or_default() += link.weight;
            *strength.entry(to).or_default() += link.weight;
        }
        let mut ranked: Vec<(NodeIndex, u32)> = strength.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: HashSet<NodeIndex> = ranked.iter().take(k).map(|(node, _)| *node).collect();
        links
            .keys()
            .filter(|(from, to)| top.contains(from) && top.contains(to))
            .count()
    }
}
