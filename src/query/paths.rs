//! Paths: the shortest connections between two nodes, each hop a fact that can be told in
//! words with its source.

use rustc_hash::{FxHashMap, FxHashSet};

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
        self.steps_into(node, options, Direction::Out, steps);
    }

    /// The facts that may be crossed out of `node` (`Out`), or into it (`In`), with the node
    /// across, in fact id order. Every filter is symmetric but one: a relations-only search
    /// never steps into an event, so no step leads into one, and out of one only from the start.
    fn steps_into(
        &self,
        node: NodeId,
        options: &PathOptions,
        direction: Direction,
        steps: &mut Vec<(FactId, NodeId)>,
    ) {
        steps.clear();
        if direction == Direction::In && !options.through_events && node.as_event().is_some() {
            return;
        }
        let crossable = self
            .adjacent_edges(node)
            .filter(|&(edge, other, _)| {
                if direction == Direction::Out
                    && !options.through_events
                    && other.as_event().is_some()
                {
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
    /// `options.max_paths` of them, ordered by their hops from the start, each hop by fact id.
    ///
    /// The search is breadth-first from both ends at once, a whole level at a time, always
    /// from the end with the smaller frontier, until the two meet: through the hubs of a news
    /// graph, a search from one end alone reaches most of the graph before it meets the other.
    /// Its cost is that of the nodes within about half the path's length of each end.
    pub fn shortest_paths(
        &self,
        from: NodeId,
        to: NodeId,
        options: &PathOptions,
    ) -> impl Iterator<Item = Path> {
        let known = |n: NodeId| match n {
            NodeId::Entity(id) => self.entity(id).is_some(),
            NodeId::Event(id) => self.event(id).is_some(),
        };
        let paths = if !known(from) || !known(to) || options.max_paths == 0 {
            Vec::new()
        } else if from == to {
            vec![Path { hops: Vec::new() }]
        } else {
            self.bidirectional(from, to, options)
        };
        paths.into_iter()
    }

    fn bidirectional(&self, from: NodeId, to: NodeId, options: &PathOptions) -> Vec<Path> {
        let mut forward = Search::new(from, Direction::Out);
        let mut backward = Search::new(to, Direction::In);
        let mut steps = Vec::new();
        // Each round adds a level to one side; the sides meet at the first level that reaches a
        // node the other side holds.
        let length = loop {
            if forward.depth + backward.depth >= options.max_hops
                || forward.frontier.is_empty()
                || backward.frontier.is_empty()
            {
                return Vec::new();
            }
            let (grow, other) = if forward.frontier.len() <= backward.frontier.len() {
                (&mut forward, &backward)
            } else {
                (&mut backward, &forward)
            };
            grow.expand(self, options, &mut steps);
            let meeting = grow
                .frontier
                .iter()
                .filter_map(|node| Some(grow.depth + other.reached.get(node)?.depth))
                .min();
            if let Some(length) = meeting {
                break length;
            }
        };
        // Every shortest path crosses the forward side's last level at a node that lies
        // `length - depth` steps from the end.
        let split = forward.depth.min(length);
        let rest = length - split;
        let mut joints: Vec<NodeId> = forward
            .reached
            .iter()
            .filter(|(node, r)| {
                r.depth == split && backward.reached.get(node).is_some_and(|b| b.depth == rest)
            })
            .map(|(&node, _)| node)
            .collect();
        joints.sort();
        // The forward nodes that lead to a joint, each with its successors towards one.
        let mut ahead: FxHashMap<NodeId, Vec<(FactId, NodeId)>> = FxHashMap::default();
        let mut pending = joints.clone();
        let mut seen: FxHashSet<NodeId> = joints.iter().copied().collect();
        while let Some(node) = pending.pop() {
            for (parent, fact) in forward.reached[&node].parents() {
                ahead.entry(parent).or_default().push((fact, node));
                if seen.insert(parent) {
                    pending.push(parent);
                }
            }
        }
        for successors in ahead.values_mut() {
            successors.sort();
        }
        // Depth first from the start, in fact order, until enough paths are found: before the
        // joint along the forward side's successors, after it along the backward side's
        // predecessors, which lead to the end.
        let successors = |node: NodeId, position: usize| -> Steps {
            let mut next: Steps = if position < split {
                ahead.get(&node).cloned().unwrap_or_default()
            } else {
                backward.reached.get(&node).map_or(Vec::new(), |r| {
                    r.parents().into_iter().map(|(n, f)| (f, n)).collect()
                })
            };
            next.sort();
            next
        };
        let mut paths = Vec::new();
        let mut hops: Vec<Hop> = Vec::with_capacity(length);
        // Each frame: a node on the current path, the steps out of it, the next to try.
        let mut stack: Vec<(NodeId, Steps, usize)> = vec![(from, successors(from, 0), 0)];
        while let Some((node, next, index)) = stack.last_mut() {
            let Some(&(fact, across)) = next.get(*index) else {
                stack.pop();
                hops.pop();
                continue;
            };
            *index += 1;
            hops.push(Hop {
                from: *node,
                fact,
                to: across,
            });
            if hops.len() == length {
                paths.push(Path { hops: hops.clone() });
                hops.pop();
                if paths.len() >= options.max_paths {
                    break;
                }
                continue;
            }
            let position = hops.len();
            stack.push((across, successors(across, position), 0));
        }
        paths
    }
}

/// The facts crossable from a node, each with the node across.
type Steps = Vec<(FactId, NodeId)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Out,
    In,
}

/// One side of a bidirectional search: every node it reached, with its depth and its
/// predecessors on shortest paths from its end, and the last level reached.
struct Search {
    direction: Direction,
    depth: usize,
    reached: FxHashMap<NodeId, Reached>,
    frontier: Vec<NodeId>,
}

impl Search {
    fn new(end: NodeId, direction: Direction) -> Search {
        let mut reached = FxHashMap::default();
        reached.insert(
            end,
            Reached {
                depth: 0,
                first: None,
                more: Vec::new(),
            },
        );
        Search {
            direction,
            depth: 0,
            reached,
            frontier: vec![end],
        }
    }

    /// Adds the next level: every node one step beyond the frontier, with all its
    /// predecessors in the frontier.
    fn expand(
        &mut self,
        graph: &EventGraph,
        options: &PathOptions,
        steps: &mut Vec<(FactId, NodeId)>,
    ) {
        let depth = self.depth + 1;
        let mut next = Vec::new();
        for &node in &self.frontier {
            graph.steps_into(node, options, self.direction, steps);
            for &(fact, other) in steps.iter() {
                match self.reached.get_mut(&other) {
                    None => {
                        self.reached.insert(
                            other,
                            Reached {
                                depth,
                                first: Some((node, fact)),
                                more: Vec::new(),
                            },
                        );
                        next.push(other);
                    }
                    Some(seen) if seen.depth == depth => seen.more.push((node, fact)),
                    Some(_) => {}
                }
            }
        }
        self.depth = depth;
        self.frontier = next;
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
