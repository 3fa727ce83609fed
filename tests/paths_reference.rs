//! Shortest paths against a reference: a plain breadth-first search from one end, written here
//! on the public API alone, that finds every shortest path and orders them by their hops from
//! the start. The crate's bidirectional search must give exactly its answers, under every
//! filter of `PathOptions`, through locations, and within a view.

use std::collections::{HashMap, VecDeque};

use eventkg::query::{Hop, Path, PathOptions, Via};
use eventkg::*;
use proptest::prelude::*;

/// The facts and locations that may be crossed out of `node` within `view`, with the node
/// across, as `PathOptions` documents them.
fn steps(view: &View, node: NodeId, options: &PathOptions) -> Vec<(Via, NodeId)> {
    let graph = view.graph();
    let mut out = Vec::new();
    let participations: Vec<(ParticipationId, ParticipationRef, NodeId)> = match node {
        NodeId::Entity(e) => graph
            .participations_of(e)
            .map(|(id, p)| (id, p, NodeId::Event(p.event())))
            .collect(),
        NodeId::Event(v) => graph
            .participations_in(v)
            .map(|(id, p)| (id, p, NodeId::Entity(p.entity())))
            .collect(),
    };
    for (id, p, other) in participations {
        if options.through_events
            && (options.include_negated || !p.polarity().is_negated())
            && !options.ignore_roles.contains(p.role())
        {
            out.push((Via::Fact(FactId::Participation(id)), other));
        }
    }
    for (id, r) in graph.relations_of(node) {
        let other = if r.from() == node { r.to() } else { r.from() };
        if (options.include_negated || !r.polarity().is_negated())
            && !options.ignore_relations.contains(r.kind())
            && (options.through_events || other.as_event().is_none())
        {
            out.push((Via::Fact(FactId::Relation(id)), other));
        }
    }
    if options.through_locations {
        match node {
            NodeId::Event(v) => {
                if let Some(place) = graph.event(v).and_then(|e| e.location()) {
                    out.push((Via::Location(v), place.into()));
                }
            }
            NodeId::Entity(e) => {
                for (v, event) in graph.events() {
                    if event.location() == Some(e) && options.through_events {
                        out.push((Via::Location(v), v.into()));
                    }
                }
            }
        }
    }
    out.retain(|&(_, other)| view.contains(other));
    out
}

fn reference(view: &View, from: NodeId, to: NodeId, options: &PathOptions) -> Vec<Path> {
    if options.max_paths == 0 {
        return Vec::new();
    }
    if from == to {
        return vec![Path { hops: Vec::new() }];
    }
    let mut depth: HashMap<NodeId, usize> = HashMap::from([(from, 0)]);
    let mut parents: HashMap<NodeId, Vec<(NodeId, Via)>> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        let d = depth[&node];
        if d >= options.max_hops || depth.get(&to).is_some_and(|&t| d >= t) {
            continue;
        }
        for (via, next) in steps(view, node, options) {
            match depth.get(&next) {
                None => {
                    depth.insert(next, d + 1);
                    parents.entry(next).or_default().push((node, via));
                    queue.push_back(next);
                }
                Some(&seen) if seen == d + 1 => parents.entry(next).or_default().push((node, via)),
                Some(_) => {}
            }
        }
    }
    if !depth.contains_key(&to) {
        return Vec::new();
    }
    let mut paths = Vec::new();
    let mut stack = vec![(to, Vec::<Hop>::new())];
    while let Some((node, suffix)) = stack.pop() {
        if node == from {
            let mut hops = suffix;
            hops.reverse();
            paths.push(Path { hops });
            continue;
        }
        for &(parent, via) in parents.get(&node).into_iter().flatten() {
            let mut hops = suffix.clone();
            hops.push(Hop {
                from: parent,
                via,
                to: node,
            });
            stack.push((parent, hops));
        }
    }
    paths.sort_by(|a, b| {
        let facts = |p: &Path| p.hops.iter().map(|h| h.via).collect::<Vec<_>>();
        facts(a).cmp(&facts(b))
    });
    paths.dedup();
    paths.truncate(options.max_paths);
    paths
}

#[derive(Clone, Debug)]
struct Shape {
    entities: usize,
    events: usize,
    parts: Vec<(usize, usize, usize, bool)>,
    relations: Vec<(usize, bool, usize, usize, bool, bool)>,
    /// An entity each event may be located at (states only can be).
    locations: Vec<Option<usize>>,
    /// The nodes of the view searched, by index over entities then events; `None` for the
    /// whole graph.
    view: Option<Vec<bool>>,
}

const ROLES: [Role; 4] = [
    Role::Initiator,
    Role::Target,
    Role::Participant,
    Role::Supporter,
];
const KINDS: [RelationKind; 5] = [
    RelationKind::MemberOf,
    RelationKind::AlliedWith,
    RelationKind::About,
    RelationKind::PartOf,
    RelationKind::RespondsTo,
];

fn shape() -> impl Strategy<Value = Shape> {
    (2usize..10, 1usize..8).prop_flat_map(|(entities, events)| {
        (
            Just(entities),
            Just(events),
            prop::collection::vec(
                (
                    0..entities,
                    0..ROLES.len(),
                    0..events,
                    prop::bool::weighted(0.2),
                ),
                0..30,
            ),
            prop::collection::vec(
                (
                    0..entities.max(events),
                    any::<bool>(),
                    0..KINDS.len(),
                    0..entities.max(events),
                    any::<bool>(),
                    prop::bool::weighted(0.2),
                ),
                0..25,
            ),
            prop::collection::vec(prop::option::weighted(0.4, 0..entities), events),
            prop::option::weighted(
                0.5,
                prop::collection::vec(prop::bool::weighted(0.8), entities + events),
            ),
        )
            .prop_map(
                |(entities, events, parts, relations, locations, view)| Shape {
                    entities,
                    events,
                    parts,
                    relations,
                    locations,
                    view,
                },
            )
    })
}

fn build(shape: &Shape) -> EventGraph {
    let mut graph = EventGraph::new();
    let entities: Vec<EntityId> = (0..shape.entities)
        .map(|i| {
            let kind = if i % 3 == 0 {
                EntityKind::Organisation
            } else {
                EntityKind::State
            };
            graph
                .add_entity(Entity::new(kind, format!("actor {i}")))
                .unwrap()
        })
        .collect();
    let events: Vec<EventId> = (0..shape.events)
        .map(|v| {
            let mut event = Event::new(EventKind::Meeting);
            // Organisations cannot be locations; those draws leave the event unplaced.
            if let Some(place) = shape.locations[v].filter(|i| i % 3 != 0) {
                event = event.location(entities[place]);
            }
            graph.add_event(event).unwrap()
        })
        .collect();
    for &(e, role, v, negated) in &shape.parts {
        let mut p = Participation::new(entities[e], ROLES[role].clone(), events[v]);
        if negated {
            p = p.negated();
        }
        let _ = graph.add_participation(p);
    }
    for &(a, a_event, kind, b, b_event, negated) in &shape.relations {
        let node = |i: usize, event: bool| -> NodeId {
            if event {
                events[i % events.len()].into()
            } else {
                entities[i % entities.len()].into()
            }
        };
        let mut r = Relation::new(node(a, a_event), KINDS[kind].clone(), node(b, b_event));
        if negated {
            r = r.negated();
        }
        // Kinds that do not fit their ends are refused; the rest make the graph.
        let _ = graph.add_relation(r);
    }
    graph
}

fn options() -> impl Strategy<Value = PathOptions> {
    (
        prop::collection::vec(0..ROLES.len(), 0..2),
        prop::collection::vec(0..KINDS.len(), 0..2),
        prop::bool::weighted(0.8),
        any::<bool>(),
        1usize..7,
        prop_oneof![Just(1usize), 2usize..4, Just(1000usize)],
        any::<bool>(),
    )
        .prop_map(|(roles, kinds, through, negated, hops, paths, located)| {
            let mut options = PathOptions::default().max_hops(hops).max_paths(paths);
            for r in roles {
                options = options.ignore_role(ROLES[r].clone());
            }
            for k in kinds {
                options = options.ignore_relation(KINDS[k].clone());
            }
            if !through {
                options = options.relations_only();
            }
            options.include_negated = negated;
            if located {
                options = options.through_locations();
            }
            options
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn bidirectional_search_gives_the_reference_answers(shape in shape(), options in options()) {
        let graph = build(&shape);
        let nodes: Vec<NodeId> = graph
            .entities()
            .map(|(id, _)| NodeId::Entity(id))
            .chain(graph.events().map(|(id, _)| NodeId::Event(id)))
            .collect();
        let view = match &shape.view {
            None => graph.view(),
            Some(chosen) => graph
                .select(nodes.iter().zip(chosen).filter(|&(_, &kept)| kept).map(|(&node, _)| node))
                .unwrap(),
        };
        for &a in &nodes {
            for &b in &nodes {
                if !view.contains(a) || !view.contains(b) {
                    let outside = view.shortest_paths(a, b, &options).map(|_| ()).unwrap_err();
                    prop_assert!(matches!(outside.kind(), ErrorKind::NotInView(_)));
                    continue;
                }
                let found: Vec<Path> = view.shortest_paths(a, b, &options).unwrap().collect();
                let expected = reference(&view, a, b, &options);
                prop_assert_eq!(&found, &expected, "{} to {} with {:?}", a, b, options);
                prop_assert_eq!(view.shortest_path(a, b, &options).unwrap(), expected.first().cloned());
                if view.is_whole() {
                    let whole: Vec<Path> = graph.shortest_paths(a, b, &options).unwrap().collect();
                    prop_assert_eq!(whole, expected);
                }
            }
        }
    }
}

/// Along relations only, no step leads into an event, even where the search from the far end
/// meets the start first.
#[test]
fn relations_only_never_steps_into_an_event_from_either_end() {
    let mut graph = EventGraph::new();
    let a = graph.add_event(Event::new(EventKind::Statement)).unwrap();
    let b = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
    for name in ["Freedonia", "Sylvania", "Osterlich"] {
        let state = graph
            .add_entity(Entity::new(EntityKind::State, name))
            .unwrap();
        graph
            .add_relation(Relation::new(a, RelationKind::About, state))
            .unwrap();
    }
    graph
        .add_relation(Relation::new(a, RelationKind::About, b))
        .unwrap();
    let options = PathOptions::default().relations_only();
    assert_eq!(graph.shortest_path(a, b, &options).unwrap(), None);
    assert_eq!(reference(&graph.view(), a.into(), b.into(), &options), []);
    // Through events, it is one hop.
    let through = PathOptions::default();
    assert_eq!(
        graph
            .shortest_path(a, b, &through)
            .unwrap()
            .map(|p| p.len()),
        Some(1)
    );
}
