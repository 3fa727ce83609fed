//! Queries on a view answer as the same queries on a graph made of the view's records alone.
//!
//! The reference copies the view's entities, events, participations and relations, in order,
//! into a new graph through the public API, so that the k-th entity of the view is entity k of
//! the copy; every answer of the view, mapped to the copy's ids, must be the copy's answer.
//! The graphs are random and made up.

use std::collections::HashMap;

use eventkg::query::{NetworkOptions, PathOptions, Position};
use eventkg::*;
use proptest::prelude::*;

const ROLES: [Role; 5] = [
    Role::Initiator,
    Role::Target,
    Role::Participant,
    Role::Supporter,
    Role::Opponent,
];
const KINDS: [EventKind; 6] = [
    EventKind::Invitation,
    EventKind::Reject,
    EventKind::Meeting,
    EventKind::Support,
    EventKind::Cooperate,
    EventKind::Proposal,
];

#[derive(Clone, Debug)]
struct Shape {
    entities: usize,
    /// Per event: its kind and, maybe, a day of June 2024.
    events: Vec<(usize, Option<u32>)>,
    parts: Vec<(usize, usize, usize, bool)>,
    /// (from event, to event, responds rather than about)
    links: Vec<(usize, usize, bool)>,
    /// (member, group): entity 0 is a group.
    members: Vec<usize>,
    chosen: Vec<bool>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (2usize..8, 1usize..8).prop_flat_map(|(entities, events)| {
        (
            Just(entities),
            prop::collection::vec((0..KINDS.len(), prop::option::of(1u32..30)), events),
            prop::collection::vec(
                (
                    0..entities,
                    0..ROLES.len(),
                    0..events,
                    prop::bool::weighted(0.2),
                ),
                0..24,
            ),
            prop::collection::vec((0..events, 0..events, any::<bool>()), 0..6),
            prop::collection::vec(1..entities, 0..3),
            prop::collection::vec(prop::bool::weighted(0.7), entities + events),
        )
            .prop_map(|(entities, events, parts, links, members, chosen)| Shape {
                entities,
                events,
                parts,
                links,
                members,
                chosen,
            })
    })
}

fn build(shape: &Shape) -> EventGraph {
    let mut graph = EventGraph::new();
    let documents = ["made-up report a", "made-up report b"]
        .map(|key| graph.add_document(Document::new(key)).unwrap());
    let entities: Vec<EntityId> = (0..shape.entities)
        .map(|i| {
            let kind = if i == 0 {
                EntityKind::Group
            } else {
                EntityKind::State
            };
            graph
                .add_entity(Entity::new(kind, format!("actor {i}")))
                .unwrap()
        })
        .collect();
    let events: Vec<EventId> = shape
        .events
        .iter()
        .enumerate()
        .map(|(v, &(kind, day))| {
            let mut event = Event::new(KINDS[kind].clone()).source(Source::new(documents[v % 2]));
            if let Some(day) = day {
                event = event.date(format!("2024-06-{day:02}").parse().unwrap());
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
    for &(a, b, responds) in &shape.links {
        let kind = if responds {
            RelationKind::RespondsTo
        } else {
            RelationKind::About
        };
        let _ = graph.add_relation(Relation::new(events[a], kind, events[b]));
    }
    for &member in &shape.members {
        let _ = graph.add_relation(Relation::new(
            entities[member],
            RelationKind::MemberOf,
            entities[0],
        ));
    }
    graph
}

/// The view's records copied into a graph of their own, with the maps from the view's ids to
/// the copy's.
struct Copy {
    graph: EventGraph,
    entity: HashMap<EntityId, EntityId>,
    event: HashMap<EventId, EventId>,
}

impl Copy {
    fn of(view: &View) -> Copy {
        let mut graph = EventGraph::new();
        // Every document, in order, so that a document's id is the same in both.
        for (_, document) in view.graph().documents() {
            graph.add_document(document.to_document()).unwrap();
        }
        let entity: HashMap<EntityId, EntityId> = view
            .entities()
            .map(|(id, e)| (id, graph.add_entity(e.to_entity()).unwrap()))
            .collect();
        let event: HashMap<EventId, EventId> = view
            .events()
            .map(|(id, e)| (id, graph.add_event(e.to_event()).unwrap()))
            .collect();
        for (_, p) in view.participations() {
            let mut copy = p.to_participation();
            copy.entity = entity[&p.entity()];
            copy.event = event[&p.event()];
            graph.add_participation(copy).unwrap();
        }
        let node = |n: NodeId| -> NodeId {
            match n {
                NodeId::Entity(id) => entity[&id].into(),
                NodeId::Event(id) => event[&id].into(),
            }
        };
        for (_, r) in view.relations() {
            let mut copy = r.to_relation();
            copy.from = node(r.from());
            copy.to = node(r.to());
            graph.add_relation(copy).unwrap();
        }
        Copy {
            graph,
            entity,
            event,
        }
    }

    fn node(&self, node: NodeId) -> NodeId {
        match node {
            NodeId::Entity(id) => self.entity[&id].into(),
            NodeId::Event(id) => self.event[&id].into(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_view_answers_as_a_graph_of_its_records(shape in shape()) {
        let graph = build(&shape);
        let nodes: Vec<NodeId> = graph.view().nodes().collect();
        let view = graph
            .select(nodes.iter().zip(&shape.chosen).filter(|&(_, &kept)| kept).map(|(&n, _)| n))
            .unwrap();
        let copy = Copy::of(&view);
        let (e, v) = (|id: EntityId| copy.entity[&id], |id: EventId| copy.event[&id]);
        let reference = &copy.graph;

        let timeline: Vec<EventId> = view.timeline().map(|(id, _)| v(id)).collect();
        let expected: Vec<EventId> = reference.timeline().map(|(id, _)| id).collect();
        prop_assert_eq!(timeline, expected);

        let dyads: Vec<_> = view
            .dyads()
            .map(|d| (e(d.initiator), e(d.target), d.kind, d.events.into_iter().map(v).collect::<Vec<_>>()))
            .collect();
        let expected: Vec<_> = reference.dyads().map(|d| (d.initiator, d.target, d.kind, d.events)).collect();
        prop_assert_eq!(dyads, expected);

        let network = view.actor_network(&NetworkOptions::new());
        let expected = reference.actor_network(&NetworkOptions::new());
        let links: Vec<_> = network
            .links()
            .map(|l| (e(l.from()), e(l.to()), l.is_directed(), l.events().iter().map(|&x| v(x)).collect::<Vec<_>>()))
            .collect();
        let expected_links: Vec<_> = expected
            .links()
            .map(|l| (l.from(), l.to(), l.is_directed(), l.events().to_vec()))
            .collect();
        prop_assert_eq!(links, expected_links);

        for (id, _) in view.entities() {
            let partners: Vec<EntityId> = view.co_participants(id).unwrap().map(e).collect();
            prop_assert_eq!(partners, reference.co_participants(e(id)).unwrap().collect::<Vec<_>>());
            prop_assert_eq!(view.degree(id), reference.degree(e(id)));
            let events: Vec<EventId> = view
                .search_events()
                .participant(id)
                .through_groups()
                .ids()
                .map(v)
                .collect();
            let expected: Vec<EventId> =
                reference.search_events().participant(e(id)).through_groups().ids().collect();
            prop_assert_eq!(events, expected);
            for (other, _) in view.entities() {
                let months: Vec<_> = view.balance(id, other).unwrap().collect();
                prop_assert_eq!(months, reference.balance(e(id), e(other)).unwrap().collect::<Vec<_>>());
            }
            let ego: Vec<NodeId> = view
                .ego(id, 2, &PathOptions::default())
                .unwrap()
                .nodes()
                .map(|n| copy.node(n))
                .collect();
            let mut expected: Vec<NodeId> =
                reference.ego(e(id), 2, &PathOptions::default()).unwrap().nodes().collect();
            let mut ego_sorted = ego.clone();
            ego_sorted.sort();
            expected.sort();
            prop_assert_eq!(ego_sorted, expected);
        }

        for (id, _) in view.events() {
            let stance = view.stance(id).unwrap();
            let expected = reference.stance(v(id)).unwrap();
            let positions = |s: &query::Stance, map: &dyn Fn(EntityId) -> EntityId| -> Vec<(EntityId, Position)> {
                s.entries().map(|entry| (map(entry.entity), entry.position)).collect()
            };
            prop_assert_eq!(positions(&stance, &e), positions(&expected, &|x| x));
            prop_assert_eq!(view.degree(id), reference.degree(v(id)));
        }

        for (document, _) in graph.documents() {
            let stated: Vec<RecordId> = view.stated_in(document).unwrap().map(|c| c.record).collect();
            let expected: Vec<RecordId> = reference.stated_in(document).unwrap().map(|c| c.record).collect();
            prop_assert_eq!(stated.len(), expected.len());
            for (record, expected) in stated.into_iter().zip(expected) {
                if let (RecordId::Event(a), RecordId::Event(b)) = (record, expected) {
                    prop_assert_eq!(v(a), b);
                }
            }
        }
        prop_assert_eq!(view.claims().count(), reference.claims().count());

        #[cfg(feature = "centrality")]
        {
            let scores: Vec<(EntityId, f64)> = view.degree_centrality().map(|(id, s)| (e(id), s)).collect();
            prop_assert_eq!(scores, reference.degree_centrality().collect::<Vec<_>>());
            // Estimated from every entity, betweenness is the exact score.
            let exact: std::collections::HashMap<EntityId, f64> = view.betweenness_centrality().collect();
            for (id, score) in view.betweenness_centrality_sampled(view.entity_count(), 3) {
                prop_assert!((score - exact[&id]).abs() < 1e-9, "{}: {} against {}", id, score, exact[&id]);
            }
        }

        // Outside the view is an error, not an empty answer.
        for node in nodes.iter().filter(|&&n| !view.contains(n)) {
            if let NodeId::Entity(id) = *node {
                prop_assert!(matches!(
                    view.co_participants(id).map(|_| ()).unwrap_err().kind(),
                    ErrorKind::NotInView(_)
                ));
            }
            if let NodeId::Event(id) = *node {
                prop_assert!(view.stance(id).is_err());
            }
        }
    }
}

/// The stance view holds the answer that makes an invited party "answered": a part that
/// leaves the answer out shows the party as asked, with no answer.
#[test]
fn a_stance_read_in_a_part_counts_only_the_part() {
    let mut graph = EventGraph::new();
    let [freedonia, sylvania] = ["Freedonia", "Sylvania"]
        .map(|n| graph.add_entity(Entity::new(EntityKind::State, n)).unwrap());
    let letter = graph.add_event(Event::new(EventKind::Invitation)).unwrap();
    let no = graph.add_event(Event::new(EventKind::Reject)).unwrap();
    graph
        .add_participation(Participation::new(freedonia, Role::Initiator, letter))
        .unwrap();
    graph
        .add_participation(Participation::new(sylvania, Role::Target, letter))
        .unwrap();
    graph
        .add_participation(Participation::new(sylvania, Role::Initiator, no))
        .unwrap();
    graph
        .add_relation(Relation::new(no, RelationKind::RespondsTo, letter))
        .unwrap();

    let whole = graph.stance(letter).unwrap();
    assert_eq!(
        whole.members(Position::Opposes).collect::<Vec<_>>(),
        [sylvania]
    );
    let view = whole.view(&graph).unwrap();
    assert!(
        view.contains(no),
        "the refusal is what the position rests on"
    );

    let without_answer = graph
        .select([letter.into(), freedonia.into(), sylvania.into()])
        .unwrap();
    let part = without_answer.stance(letter).unwrap();
    assert_eq!(
        part.members(Position::AskedNoAnswer).collect::<Vec<_>>(),
        [sylvania]
    );
}

#[test]
fn posts_and_groups_read_in_a_part_count_only_the_part() {
    // A made-up graph: a spokesman with two posts, a group of three.
    let mut graph = EventGraph::new();
    let add = |graph: &mut EventGraph, kind, name: &str| {
        graph.add_entity(Entity::new(kind, name)).unwrap()
    };
    let speaker = add(&mut graph, EntityKind::Person, "Made-up Spokesman");
    let council = add(&mut graph, EntityKind::GovernmentBody, "Made-up Council");
    let ministry = add(&mut graph, EntityKind::GovernmentBody, "Made-up Ministry");
    let group = add(&mut graph, EntityKind::Group, "Made-up Group");
    let members: Vec<EntityId> = ["A", "B", "C"]
        .map(|n| add(&mut graph, EntityKind::State, &format!("Made-up State {n}")))
        .into();
    let in_council = graph
        .add_relation(Relation::new(speaker, RelationKind::HoldsRole, council).title("spokesman"))
        .unwrap();
    graph
        .add_relation(Relation::new(speaker, RelationKind::Leads, ministry))
        .unwrap();
    let memberships: Vec<RelationId> = members
        .iter()
        .map(|&m| {
            graph
                .add_relation(Relation::new(m, RelationKind::MemberOf, group))
                .unwrap()
        })
        .collect();
    let year: FuzzyDate = "2024".parse().unwrap();

    let part = graph
        .select([speaker, council, group, members[0], members[2]].map(NodeId::from))
        .unwrap();
    let posts: Vec<RelationId> = part.roles_on(&year).map(|(id, _)| id).collect();
    assert_eq!(posts, [in_council]);
    let held: Vec<RelationId> = part
        .roles_of(speaker, &year)
        .unwrap()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(held, [in_council]);
    assert_eq!(graph.roles_of(speaker, &year).count(), 2);
    let inside: Vec<(EntityId, RelationId)> = part.group_members(group).unwrap().collect();
    assert_eq!(
        inside,
        [(members[0], memberships[0]), (members[2], memberships[2])]
    );
    assert_eq!(graph.group_members(group).unwrap().count(), 3);
    assert_eq!(
        part.groups_of(members[2]).unwrap().collect::<Vec<_>>(),
        [(group, memberships[2])]
    );
    for outside in [
        part.roles_of(members[1], &year).map(|_| ()),
        part.groups_of(members[1]).map(|_| ()),
        part.group_members(ministry).map(|_| ()),
    ] {
        assert!(matches!(
            outside.unwrap_err().kind(),
            ErrorKind::NotInView(_)
        ));
    }
    // The whole view answers as the graph does.
    let whole = graph.view();
    assert_eq!(whole.roles_on(&year).count(), graph.roles_on(&year).count());
    assert_eq!(whole.group_members(group).unwrap().count(), 3);
}
