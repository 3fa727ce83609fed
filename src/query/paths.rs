//! Paths: the shortest connections between two nodes, each hop a fact that can be told in
//! words with its source.

use std::collections::hash_map::Entry;

use crate::graph::Spot;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Error;
use crate::model::{
    EntityId, EventField, EventId, FactId, FieldValue, NodeId, RelationKind, Role, Source,
};
use crate::{EventGraph, View};

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
    /// Whether an event's location joins it to its place ([`Via::Location`]), so that "who
    /// met in Brussels" is a path; off by default, since a capital where everything happens
    /// joins everything.
    pub through_locations: bool,
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
            through_locations: false,
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

    /// Also crosses from an event to its location and from a place to the events located
    /// there ([`Via::Location`]).
    pub fn through_locations(mut self) -> Self {
        self.through_locations = true;
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

/// What a hop crosses: a fact, or an event's location.
///
/// Facts order before locations, so that paths are listed by the facts they cross.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Via {
    /// A participation or a relation, crossed in either direction.
    Fact(FactId),
    /// The location of this event, between the event and its place (with
    /// [`PathOptions::through_locations`]); its sources are the event's.
    Location(EventId),
}

impl Via {
    /// The fact crossed, if a fact was.
    pub fn fact(self) -> Option<FactId> {
        match self {
            Via::Fact(fact) => Some(fact),
            Via::Location(_) => None,
        }
    }
}

impl From<FactId> for Via {
    fn from(fact: FactId) -> Self {
        Via::Fact(fact)
    }
}

impl std::fmt::Display for Via {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Via::Fact(fact) => fact.fmt(f),
            Via::Location(event) => write!(f, "location of {event}"),
        }
    }
}

/// One step of a path: a fact or a location, crossed from one node to another (in either
/// direction).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hop {
    /// Where the step starts.
    pub from: NodeId,
    /// What is crossed.
    pub via: Via,
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
            NodeId::Entity(id) => self
                .entity(id)
                .map_or(id.to_string(), |e| e.name().to_owned()),
            NodeId::Event(id) => {
                self.event(id)
                    .map_or(id.to_string(), |e| match &e.description() {
                        Some(d) => format!("{} ({d})", e.kind()),
                        None => format!("{} {id}", e.kind()),
                    })
            }
        }
    }

    /// A hop in words: `from — what joins them — to`, read in the hop's direction, and the
    /// first source of the fact (of a location, the event's first source).
    pub fn explain_hop(&self, hop: &Hop) -> String {
        let fact = match hop.via {
            Via::Fact(fact) => fact,
            Via::Location(_) => return self.explain_location(hop),
        };
        let (label, forward) = match fact {
            FactId::Participation(id) => match self.participation(id) {
                Some(p) => {
                    let not = if p.polarity().is_negated() {
                        "not "
                    } else {
                        ""
                    };
                    let forward = NodeId::Entity(p.entity()) == hop.from;
                    let label = if forward {
                        format!("{not}{} in", p.role())
                    } else {
                        format!("has {not}{}", p.role())
                    };
                    (label, true)
                }
                None => (fact.to_string(), true),
            },
            FactId::Relation(id) => match self.relation(id) {
                Some(r) => {
                    let not = if r.polarity().is_negated() {
                        "not "
                    } else {
                        ""
                    };
                    let what = r
                        .title()
                        .map_or_else(|| r.kind().as_str().replace('_', " "), str::to_owned);
                    (
                        format!("{not}{what}"),
                        r.from() == hop.from || r.kind().is_symmetric(),
                    )
                }
                None => (fact.to_string(), true),
            },
        };
        self.hop_words(hop, &label, forward, self.sources_or_none(fact).first())
    }

    fn explain_location(&self, hop: &Hop) -> String {
        let (event, place, forward) = match (hop.from, hop.to) {
            (NodeId::Event(event), NodeId::Entity(place)) => (event, place, true),
            (NodeId::Entity(place), NodeId::Event(event)) => (event, place, false),
            _ => return self.hop_words(hop, "located in", true, None),
        };
        // The report that placed the event there, where reports disagree on the place; else
        // the event's own first source.
        let source = self.event(event).and_then(|e| {
            e.values()
                .of(EventField::Location)
                .find(|stated| stated.value == FieldValue::Location(place))
                .and_then(|stated| stated.sources.first())
                .or_else(|| e.sources().first())
        });
        self.hop_words(hop, "located in", forward, source)
    }

    fn hop_words(&self, hop: &Hop, label: &str, forward: bool, source: Option<&Source>) -> String {
        let arrow = if forward { "—" } else { "←" };
        let mut text = format!(
            "{} {arrow} {label} {arrow} {}",
            self.node_name(hop.from),
            self.node_name(hop.to)
        );
        if let Some(source) = source {
            let key = self
                .document(source.document)
                .map_or(source.document.to_string(), |d| d.key().to_owned());
            match &source.quote {
                Some(quote) => text.push_str(&format!(" [{key}: “{quote}”]")),
                None => text.push_str(&format!(" [{key}]")),
            }
        }
        text
    }

    /// One shortest path from `from` to `to`: the whole graph's
    /// [`View::shortest_path`]; see there.
    pub fn shortest_path(
        &self,
        from: impl Into<NodeId>,
        to: impl Into<NodeId>,
        options: &PathOptions,
    ) -> Result<Option<Path>, Error> {
        self.view().shortest_path(from, to, options)
    }

    /// Every shortest path from `from` to `to`: the whole graph's
    /// [`View::shortest_paths`]; see there.
    pub fn shortest_paths<A: Into<NodeId>, B: Into<NodeId>>(
        &self,
        from: A,
        to: B,
        options: &PathOptions,
    ) -> Result<impl Iterator<Item = Path> + use<A, B>, Error> {
        self.view().shortest_paths(from, to, options)
    }
}

impl<'g> View<'g> {
    /// The steps a traversal may take from `node` within the view, in order (facts by id,
    /// then the location), with the node across.
    pub(crate) fn crossable(
        &self,
        node: NodeId,
        options: &PathOptions,
        places: &Places,
    ) -> Vec<(Via, NodeId)> {
        let graph = self.graph();
        let mut steps = Named {
            graph,
            steps: Vec::new(),
        };
        if let Some(at) = graph.position_of(node) {
            self.each_step(at, options, places, Direction::Out, &mut steps);
        }
        steps.steps.sort();
        steps.steps
    }

    /// One shortest path from `from` to `to`, crossing facts in either direction; `None` if
    /// they are not connected within `options.max_hops`, an error if either is unknown.
    /// Breadth-first: the cost is that of the nodes within the path's length of `from`.
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
    /// let path = graph.shortest_path(burkhardt, france, &PathOptions::default())?.unwrap();
    /// let words: Vec<String> = path.explain(&graph).collect();
    /// assert_eq!(words, [
    ///     "Thierry Burkhardt — chief of the General Staff — French General Staff",
    ///     "French General Staff — part of — France",
    /// ]);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn shortest_path(
        &self,
        from: impl Into<NodeId>,
        to: impl Into<NodeId>,
        options: &PathOptions,
    ) -> Result<Option<Path>, Error> {
        Ok(self
            .shortest_paths(from, to, &options.clone().max_paths(1))?
            .next())
    }

    /// Every shortest path from `from` to `to` (all of the same, least length), at most
    /// `options.max_paths` of them, ordered by their hops from the start, each hop by fact id.
    ///
    /// The search is breadth-first from both ends at once, a whole level at a time, always
    /// from the end with the smaller frontier, until the two meet: through the hubs of a news
    /// graph, a search from one end alone reaches most of the graph before it meets the other.
    /// Its cost is that of the nodes within about half the path's length of each end. An
    /// unknown end is an error; ends with no path between them give none.
    pub fn shortest_paths<A: Into<NodeId>, B: Into<NodeId>>(
        &self,
        from: A,
        to: B,
        options: &PathOptions,
    ) -> Result<impl Iterator<Item = Path> + use<A, B>, Error> {
        let (from, to) = (from.into(), to.into());
        self.check(from)?;
        self.check(to)?;
        let paths = if options.max_paths == 0 {
            Vec::new()
        } else if from == to {
            vec![Path { hops: Vec::new() }]
        } else {
            self.bidirectional(from, to, options)
        };
        Ok(paths.into_iter())
    }

    fn bidirectional(&self, from: NodeId, to: NodeId, options: &PathOptions) -> Vec<Path> {
        let graph = self.graph();
        let (Some(start), Some(end)) = (graph.position_of(from), graph.position_of(to)) else {
            return Vec::new();
        };
        let places = Places::of(self, options);
        let mut forward = Search::new(start, Direction::Out);
        let mut backward = Search::new(end, Direction::In);
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
            if let Some(length) = grow.expand(self, options, &places, other) {
                break length;
            }
        };
        // Every shortest path crosses the forward side's deepest level, or ends within it, at
        // a joint: a node `split` steps from the start and `length - split` from the end.
        let split = forward.depth.min(length) as u32;
        let rest = length as u32 - split;
        let joints: Vec<Spot> = if split as usize == forward.depth {
            forward
                .frontier
                .iter()
                .copied()
                .filter(|node| backward.reached.get(node) == Some(&rest))
                .collect()
        } else {
            vec![end]
        };
        // The steps on shortest paths, read back from each side's log of the steps that
        // reached a level: towards the joints on the forward side, from them on the other.
        let ahead = forward.towards(&joints, split);
        let behind = backward.towards(&joints, rest);
        let successors = |node: Spot, position: u32| -> &[Step] {
            let side = if position < split { &ahead } else { &behind };
            side.get(&node).map_or(&[], Vec::as_slice)
        };
        let mut paths = Vec::new();
        let mut hops: Vec<Hop> = Vec::with_capacity(length);
        // Each frame: a node on the current path, the steps out of it, the next to try.
        let mut stack: Vec<(Spot, &[Step], usize)> = vec![(start, successors(start, 0), 0)];
        while let Some((node, next, index)) = stack.last_mut() {
            let Some(&(via, across)) = next.get(*index) else {
                stack.pop();
                hops.pop();
                continue;
            };
            *index += 1;
            hops.push(Hop {
                from: graph.node_at(*node),
                via,
                to: graph.node_at(across),
            });
            if hops.len() == length {
                paths.push(Path { hops: hops.clone() });
                hops.pop();
                if paths.len() >= options.max_paths {
                    break;
                }
                continue;
            }
            let position = hops.len() as u32;
            stack.push((across, successors(across, position), 0));
        }
        paths
    }

    /// Hands `visit` each step that may be taken out of the node at `at` (`Out`), or into it
    /// (`In`), with the index across: the facts in the adjacency's order, then the location.
    /// Every filter is symmetric but one: a relations-only search never steps into an event.
    #[inline]
    fn each_step(
        &self,
        at: Spot,
        options: &PathOptions,
        places: &Places,
        direction: Direction,
        visit: &mut impl Visit,
    ) {
        let graph = self.graph();
        let into_event = |at: Spot| at.is_event();
        if !options.through_events && direction == Direction::In && into_event(at) {
            return;
        }
        // Only a filter by role or by relation kind, or a part, needs more than the edge.
        let plain = options.through_events
            && options.ignore_roles.is_empty()
            && options.ignore_relations.is_empty();
        if plain && self.is_whole() && places.located.is_none() {
            // The common search, kept to the loop it needs: it runs for every edge reached.
            for (edge, across, _) in graph.edges_at(at) {
                if !edge.negated() || options.include_negated {
                    visit.visit(Via::Fact(edge.fact()), across);
                }
            }
            return;
        }
        // The rest runs out of line, so that this function stays small and `visit` inlined
        // into the common loop.
        self.filtered_steps(at, options, plain, direction, visit);
        if let Some(located) = &places.located {
            self.location_steps(at, options, located, direction, visit);
        }
    }

    /// The facts `each_step` may cross out of `at` when the view is a part or the options
    /// filter by role or relation kind.
    #[inline(never)]
    fn filtered_steps(
        &self,
        at: Spot,
        options: &PathOptions,
        plain: bool,
        direction: Direction,
        visit: &mut impl Visit,
    ) {
        let graph = self.graph();
        let into_event = |at: Spot| at.is_event();
        let whole = self.is_whole();
        for (edge, across, _) in graph.edges_at(at) {
            if edge.negated() && !options.include_negated {
                continue;
            }
            if !whole && !self.holds(graph.node_at(across)) {
                continue;
            }
            if plain {
                visit.visit(Via::Fact(edge.fact()), across);
                continue;
            }
            let crossable = match edge.fact() {
                FactId::Participation(id) => {
                    options.through_events
                        && (options.ignore_roles.is_empty()
                            || graph
                                .participation(id)
                                .is_some_and(|p| !options.ignore_roles.contains(p.role())))
                }
                FactId::Relation(id) => {
                    (options.through_events || direction == Direction::In || !into_event(across))
                        && (options.ignore_relations.is_empty()
                            || graph
                                .relation(id)
                                .is_some_and(|r| !options.ignore_relations.contains(r.kind())))
                }
            };
            if crossable {
                visit.visit(Via::Fact(edge.fact()), across);
            }
        }
    }

    /// The locations `each_step` may cross out of `at`: a location is crossed like a
    /// relation, so that a relations-only search may end at an event, never pass through one.
    #[inline(never)]
    fn location_steps(
        &self,
        at: Spot,
        options: &PathOptions,
        located: &FxHashMap<EntityId, Vec<EventId>>,
        direction: Direction,
        visit: &mut impl Visit,
    ) {
        let graph = self.graph();
        match graph.node_at(at) {
            NodeId::Event(event) => {
                let place = graph.event(event).and_then(|e| e.location());
                if let Some(place) = place.filter(|&p| self.holds(p.into()))
                    && let Some(across) = graph.position_of(place.into())
                {
                    visit.visit(Via::Location(event), across);
                }
            }
            NodeId::Entity(place) => {
                if options.through_events || direction == Direction::In {
                    for &event in located.get(&place).into_iter().flatten() {
                        if let Some(across) = graph.position_of(event.into()) {
                            visit.visit(Via::Location(event), across);
                        }
                    }
                }
            }
        }
    }
}

/// The events located at each place of a view, when a traversal crosses locations: read from
/// the events once per search, since the graph keeps no index from a place to its events.
pub(crate) struct Places {
    located: Option<FxHashMap<EntityId, Vec<EventId>>>,
}

impl Places {
    pub(crate) fn of(view: &View<'_>, options: &PathOptions) -> Places {
        if !options.through_locations {
            return Places { located: None };
        }
        let mut located: FxHashMap<EntityId, Vec<EventId>> = FxHashMap::default();
        for (id, event) in view.events() {
            if let Some(place) = event.location().filter(|&p| view.holds(p.into())) {
                located.entry(place).or_default().push(id);
            }
        }
        Places {
            located: Some(located),
        }
    }
}

/// A step that may be taken from a node, with the node across.
type Step = (Via, Spot);

/// The steps that may be taken from a node.
type Steps = Vec<Step>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Out,
    In,
}

/// Where a traversal hands the steps it may take, with the node across.
trait Visit {
    fn visit(&mut self, via: Via, across: Spot);
}

impl Visit for Steps {
    fn visit(&mut self, via: Via, across: Spot) {
        self.push((via, across));
    }
}

/// Steps named by their nodes' ids, for traversals that return them.
struct Named<'g> {
    graph: &'g EventGraph,
    steps: Vec<(Via, NodeId)>,
}

impl Visit for Named<'_> {
    fn visit(&mut self, via: Via, across: Spot) {
        self.steps.push((via, self.graph.node_at(across)));
    }
}

/// One level of a search being added: the steps out of `node` are the search's own, since
/// this runs for every edge reached and must stay inlined into the loop over them.
struct Level<'s> {
    depth: u32,
    node: Spot,
    reached: &'s mut FxHashMap<Spot, u32>,
    next: &'s mut Vec<Spot>,
    log: &'s mut Vec<(Spot, Spot, Via)>,
    other: &'s Search,
    meeting: Option<u32>,
}

impl Visit for Level<'_> {
    #[inline(always)]
    fn visit(&mut self, via: Via, across: Spot) {
        let depth = self.depth;
        match self.reached.entry(across) {
            Entry::Vacant(slot) => {
                slot.insert(depth);
                self.next.push(across);
                self.log.push((across, self.node, via));
                if let Some(&rest) = self.other.reached.get(&across) {
                    let length = depth + rest;
                    self.meeting = Some(self.meeting.map_or(length, |m| m.min(length)));
                }
            }
            Entry::Occupied(seen) if *seen.get() == depth => {
                self.log.push((across, self.node, via));
            }
            Entry::Occupied(_) => {}
        }
    }
}

/// One side of a bidirectional search: the depth of every node it reached, from its end, the
/// last level reached, and a log of the steps that reached each level.
struct Search {
    direction: Direction,
    depth: usize,
    reached: FxHashMap<Spot, u32>,
    frontier: Vec<Spot>,
    /// Every step from a level to a node of the next: (node reached, node it was reached
    /// from, fact), level after level. Appending is cheap beside the search; reading it back
    /// recovers the steps on shortest paths without visiting an edge list again.
    log: Vec<(Spot, Spot, Via)>,
    /// Where each level's steps begin in the log: `levels[d - 1]` for the steps that reached
    /// depth `d`.
    levels: Vec<usize>,
}

impl Search {
    fn new(end: Spot, direction: Direction) -> Search {
        let mut reached = FxHashMap::default();
        reached.insert(end, 0);
        Search {
            direction,
            depth: 0,
            reached,
            frontier: vec![end],
            log: Vec::new(),
            levels: Vec::new(),
        }
    }

    /// Adds the next level: every node one step beyond the frontier. Returns the length of the
    /// shortest paths if the level reaches a node `other` holds.
    #[inline(never)]
    fn expand(
        &mut self,
        view: &View<'_>,
        options: &PathOptions,
        places: &Places,
        other: &Search,
    ) -> Option<usize> {
        let depth = self.depth as u32 + 1;
        let mut next = Vec::new();
        self.levels.push(self.log.len());
        let mut level = Level {
            depth,
            node: Spot::END,
            reached: &mut self.reached,
            next: &mut next,
            log: &mut self.log,
            other,
            meeting: None,
        };
        for &node in &self.frontier {
            level.node = node;
            view.each_step(node, options, places, self.direction, &mut level);
        }
        let meeting = level.meeting;
        self.depth += 1;
        self.frontier = next;
        meeting.map(|m| m as usize)
    }

    /// The steps on shortest paths between this side's end and `joints`, which lie `depth`
    /// steps from it, each under the node nearer the start of the path, in fact order: for the
    /// forward side a node's steps towards the joints, for the backward side a node's steps
    /// towards its end.
    fn towards(&self, joints: &[Spot], depth: u32) -> FxHashMap<Spot, Steps> {
        let mut steps: FxHashMap<Spot, Steps> = FxHashMap::default();
        let mut wanted: FxHashSet<Spot> = joints.iter().copied().collect();
        for level in (1..=depth as usize).rev() {
            let begin = self.levels[level - 1];
            let finish = self.levels.get(level).copied().unwrap_or(self.log.len());
            let mut earlier = FxHashSet::default();
            for &(reached, from, via) in &self.log[begin..finish] {
                if !wanted.contains(&reached) {
                    continue;
                }
                match self.direction {
                    Direction::Out => steps.entry(from).or_default().push((via, reached)),
                    Direction::In => steps.entry(reached).or_default().push((via, from)),
                }
                earlier.insert(from);
            }
            wanted = earlier;
        }
        for next in steps.values_mut() {
            next.sort_by_key(|&(via, _)| via);
        }
        steps
    }
}
