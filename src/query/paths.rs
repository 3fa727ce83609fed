//! Paths: the shortest connections between two nodes, each hop a fact that can be told in
//! words with its source.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use crate::EventGraph;
use crate::model::{FactId, NodeId, RelationKind, Role};

/// Which facts a traversal may cross.
///
/// ```
/// use eventkg::RelationKind;
/// use eventkg::query::PathOptions;
/// let options = PathOptions::default()
///     .ignore_relation(RelationKind::LocatedIn)
///     .max_hops(4);
/// assert!(!options.through_events_only());
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct PathOptions {
    /// Relations of these kinds are not crossed.
    pub ignore_relations: Vec<RelationKind>,
    /// Participations in these roles are not crossed.
    pub ignore_roles: Vec<Role>,
    /// Whether paths may pass through events (via participations), or only along relations.
    pub through_events: bool,
    /// Whether negated facts connect: by default "was not invited" joins nothing.
    pub include_negated: bool,
    /// Paths longer than this are not searched.
    pub max_hops: usize,
    /// At most this many paths are returned by [`EventGraph::shortest_paths`].
    pub max_paths: usize,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            ignore_relations: Vec::new(),
            ignore_roles: Vec::new(),
            through_events: true,
            include_negated: false,
            max_hops: 8,
            max_paths: 16,
        }
    }
}

impl PathOptions {
    /// Does not cross relations of `kind`.
    pub fn ignore_relation(mut self, kind: RelationKind) -> Self {
        self.ignore_relations.push(kind);
        self
    }

    /// Does not cross participations in `role`.
    pub fn ignore_role(mut self, role: Role) -> Self {
        self.ignore_roles.push(role);
        self
    }

    /// Searches paths of at most `hops` facts.
    pub fn max_hops(mut self, hops: usize) -> Self {
        self.max_hops = hops;
        self
    }

    /// Returns at most `paths` paths.
    pub fn max_paths(mut self, paths: usize) -> Self {
        self.max_paths = paths;
        self
    }

    /// Only along relations between entities, never through events.
    pub fn relations_only(mut self) -> Self {
        self.through_events = false;
        self
    }

    /// Whether only relations are crossed.
    pub fn through_events_only(&self) -> bool {
        !self.through_events
    }
}

/// One step of a path: a fact, crossed from one node to another (in either direction).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hop {
    /// Where the step starts.
    pub from: NodeId,
    /// The fact crossed.
    pub fact: FactId,
    /// Where it ends.
    pub to: NodeId,
}

/// A connection between two nodes, as a sequence of hops.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Path {
    /// The steps, from the start to the end.
    pub hops: Vec<Hop>,
}

impl Path {
    /// How many facts the path crosses.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// Whether the path has no hops (it starts where it ends).
    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// The nodes along the path, start and end included.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.hops
            .first()
            .map(|h| h.from)
            .into_iter()
            .chain(self.hops.iter().map(|h| h.to))
    }

    /// Each hop told in words, with its first source where it has one:
    /// `Thierry Burkhardt — chief of the General Staff — French General Staff [doc: “…”]`.
    pub fn explain<'g>(&'g self, graph: &'g EventGraph) -> impl Iterator<Item = String> + 'g {
        self.hops.iter().map(move |hop| graph.explain_hop(hop))
    }
}

impl EventGraph {
    fn node_name(&self, node: NodeId) -> String {
        match node {
            NodeId::Entity(id) => self.entity(id).map_or(id.to_string(), |e| e.name.clone()),
            NodeId::Event(id) => self
                .event(id)
                .map_or(id.to_string(), |e| match &e.description {
                    Some(d) => format!("{} ({d})", e.kind.as_str().to_uppercase()),
                    None => format!("{} {id}", e.kind.as_str().to_uppercase()),
                }),
        }
    }

    /// A hop in words: `from — what joins them — to`, read in the hop's direction, and the
    /// first source of the fact.
    pub fn explain_hop(&self, hop: &Hop) -> String {
        let (label, forward) = match hop.fact {
            FactId::Participation(id) => match self.participation(id) {
                Some(p) => {
                    let not = if p.polarity.is_negated() { "not " } else { "" };
                    let forward = NodeId::Entity(p.entity) == hop.from;
                    let label = if forward {
                        format!("{not}{} in", p.role)
                    } else {
                        format!("has {not}{}", p.role)
                    };
                    (label, true)
                }
                None => (hop.fact.to_string(), true),
            },
            FactId::Relation(id) => match self.relation(id) {
                Some(r) => {
                    let not = if r.polarity.is_negated() { "not " } else { "" };
                    let what = r
                        .title
                        .clone()
                        .unwrap_or_else(|| r.kind.as_str().replace('_', " "));
                    (
                        format!("{not}{what}"),
                        r.from == hop.from || r.kind.is_symmetric(),
                    )
                }
                None => (hop.fact.to_string(), true),
            },
        };
        let arrow = if forward { "—" } else { "←" };
        let mut text = format!(
            "{} {arrow} {label} {arrow} {}",
            self.node_name(hop.from),
            self.node_name(hop.to)
        );
        if let Some(source) = self.sources_of(hop.fact).first() {
            let key = self
                .document(source.document)
                .map_or(source.document.to_string(), |d| d.key.clone());
            match &source.quote {
                Some(quote) => text.push_str(&format!(" [{key}: “{quote}”]")),
                None => text.push_str(&format!(" [{key}]")),
            }
        }
        text
    }

    /// The facts a traversal may cross from `node`, in fact id order, with the node across.
    pub(crate) fn crossable(&self, node: NodeId, options: &PathOptions) -> Vec<(FactId, NodeId)> {
        let mut steps = Vec::new();
        self.crossable_into(node, options, &mut steps);
        steps
    }

    /// [`crossable`](Self::crossable) into a buffer the caller reuses, so that a search does
    /// not allocate for every node it visits.
    fn crossable_into(
        &self,
        node: NodeId,
        options: &PathOptions,
        steps: &mut Vec<(FactId, NodeId)>,
    ) {
        steps.clear();
        let crossable = self
            .adjacent_edges(node)
            .filter(|&(edge, other, _)| {
                if !options.through_events && other.as_event().is_some() {
                    return false;
                }
                if edge.negated && !options.include_negated {
                    return false;
                }
                // Only a filter by role or by relation kind needs the fact itself.
                match edge.fact {
                    FactId::Participation(id) => {
                        options.through_events
                            && (options.ignore_roles.is_empty()
                                || self
                                    .participation(id)
                                    .is_some_and(|p| !options.ignore_roles.contains(&p.role)))
                    }
                    FactId::Relation(id) => {
                        options.ignore_relations.is_empty()
                            || self
                                .relation(id)
                                .is_some_and(|r| !options.ignore_relations.contains(&r.kind))
                    }
                }
            })
            .map(|(edge, other, _)| (edge.fact, other));
        steps.extend(crossable);
        // A node's two edge lists arrive as descending runs, which a merge sort finds and joins
        // in linear time where a quicksort would not.
        steps.sort();
    }

    /// One shortest path from `from` to `to`, crossing facts in either direction; `None` if
    /// they are not connected within `options.max_hops`. Breadth-first: the cost is that of the
    /// nodes within the path's length of `from`.
    ///
    /// ```
    /// use eventkg::*;
    /// use eventkg::query::PathOptions;
    /// let mut graph = EventGraph::new();
    /// let burkhardt = graph.add_entity(Entity::new(EntityKind::Person, "Thierry Burkhardt"))?;
    /// let staff = graph.add_entity(Entity::new(EntityKind::ArmedForce, "French General Staff"))?;
    /// let france = graph.add_entity(Entity::new(EntityKind::State, "France"))?;
    /// graph.add_relation(Relation::new(burkhardt, RelationKind::HoldsRole, staff).title("chief of the General Staff"))?;
    /// graph.add_relation(Relation::new(staff, RelationKind::PartOf, france))?;
    ///
    /// let path = graph.shortest_path(burkhardt.into(), france.into(), &PathOptions::default()).unwrap();
    /// let words: Vec<String> = path.explain(&graph).collect();
    /// assert_eq!(words, [
    ///     "Thierry Burkhardt — chief of the General Staff — French General Staff",
    ///     "French General Staff — part of — France",
    /// ]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn shortest_path(&self, from: NodeId, to: NodeId, options: &PathOptions) -> Option<Path> {
        self.shortest_paths(from, to, &options.clone().max_paths(1))
            .next()
    }

    /// Every shortest path from `from` to `to` (all of the same, least length), at most
    /// `options.max_paths` of them, in a stable order.
    pub fn shortest_paths(
        &self,
        from: NodeId,
        to: NodeId,
        options: &PathOptions,
    ) -> impl Iterator<Item = Path> {
        let mut paths = Vec::new();
        let known = |n: NodeId| match n {
            NodeId::Entity(id) => self.entity(id).is_some(),
            NodeId::Event(id) => self.event(id).is_some(),
        };
        if !known(from) || !known(to) || options.max_paths == 0 {
            return paths.into_iter();
        }
        if from == to {
            paths.push(Path { hops: Vec::new() });
            return paths.into_iter();
        }
        // Breadth-first, keeping every predecessor on a shortest path. One map holds each
        // reached node's depth and predecessors, keyed by internal ids with a fast hasher;
        // the first predecessor is held inline, as most nodes have only one.
        let mut reached: FxHashMap<NodeId, Reached> = FxHashMap::default();
        reached.insert(
            from,
            Reached {
                depth: 0,
                first: None,
                more: Vec::new(),
            },
        );
        let mut queue = VecDeque::from([from]);
        let mut steps = Vec::new();
        let mut target_depth: Option<usize> = None;
        while let Some(node) = queue.pop_front() {
            let d = reached[&node].depth;
            if target_depth.is_some_and(|t| d >= t) || d >= options.max_hops {
                continue;
            }
            self.crossable_into(node, options, &mut steps);
            for &(fact, next) in &steps {
                match reached.get_mut(&next) {
                    None => {
                        reached.insert(
                            next,
                            Reached {
                                depth: d + 1,
                                first: Some((node, fact)),
                                more: Vec::new(),
                            },
                        );
                        if next == to {
                            target_depth = Some(d + 1);
                        } else {
                            queue.push_back(next);
                        }
                    }
                    Some(seen) if seen.depth == d + 1 => seen.more.push((node, fact)),
                    Some(_) => {}
                }
            }
        }
        if target_depth.is_none() {
            return paths.into_iter();
        }
        // Walk back from `to`, depth first, in fact order.
        let mut stack: Vec<(NodeId, Vec<Hop>)> = vec![(to, Vec::new())];
        while let Some((node, suffix)) = stack.pop() {
            if node == from {
                let mut hops = suffix;
                hops.reverse();
                paths.push(Path { hops });
                if paths.len() >= options.max_paths {
                    break;
                }
                continue;
            }
            let parents = reached.get(&node).map_or(Vec::new(), Reached::parents);
            for &(parent, fact) in parents.iter().rev() {
                let mut hops = suffix.clone();
                hops.push(Hop {
                    from: parent,
                    fact,
                    to: node,
                });
                stack.push((parent, hops));
            }
        }
        paths.into_iter()
    }
}

/// A node a breadth-first search has reached: its depth and its predecessors on shortest
/// paths, in the order they were found.
struct Reached {
    depth: usize,
    first: Option<(NodeId, FactId)>,
    more: Vec<(NodeId, FactId)>,
}

impl Reached {
    fn parents(&self) -> Vec<(NodeId, FactId)> {
        self.first
            .into_iter()
            .chain(self.more.iter().copied())
            .collect()
    }
}
