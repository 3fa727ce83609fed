//! The actor network: its links are exactly the events they summarise, filters and pruning do
//! what they say, and every exporter writes it in a form its reader takes.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use common::dot_check::{parse, render};
use common::seed::id;
use common::xml::well_formed_xml;
use eventkg::export::{DotSize, DotWriter, EdgeFact, Engine, GraphmlWriter, tables};
use eventkg::query::{ActorNetwork, DateMatch, NetworkOptions, Rank};
use eventkg::*;
use proptest::prelude::*;

fn seed() -> EventGraph {
    common::seed::load_file()
}

fn names(graph: &EventGraph, ids: impl IntoIterator<Item = EntityId>) -> Vec<String> {
    ids.into_iter()
        .map(|id| graph.entity(id).unwrap().name().to_owned())
        .collect()
}

#[test]
fn the_seed_network_is_who_acted_on_whom() {
    let g = seed();
    let network = g.actor_network(&NetworkOptions::new());
    let france = id(&g, "France");
    let invited: Vec<EntityId> = network
        .links()
        .filter(|l| l.from() == france && l.is_directed())
        .filter(|l| l.kinds().any(|(kind, _)| *kind == EventKind::Invitation))
        .map(|l| l.to())
        .collect();
    // The seed file names the group the article names ("the three Baltic States"); its
    // members are counted in by `member_of`, not invited one by one.
    assert_eq!(
        names(&g, invited),
        [
            "United States",
            "United Kingdom",
            "Poland",
            "Netherlands",
            "Baltic States",
            "Denmark",
            "Sweden"
        ]
    );
    for opponent in ["United States", "Germany", "Italy", "Spain"] {
        let link = network
            .link(id(&g, opponent), france, true)
            .unwrap_or_else(|| panic!("{opponent} rejected France"));
        assert_eq!(link.conflict(), 1, "{opponent}");
        assert_eq!(link.balance(), Some(-1.0));
    }
    // Germany was not invited, and the Bundeswehr will not take part: negated facts join nobody.
    assert!(network.link(france, id(&g, "Germany"), true).is_none());
    assert!(network.actor(id(&g, "Bundeswehr")).is_none());
    // Opposing the mission is a position on it, not taking part in it beside France.
    assert!(network.link(france, id(&g, "Germany"), false).is_none());
    let invitation = network.link(france, id(&g, "Poland"), true).unwrap();
    assert_eq!(invitation.first().unwrap().to_string(), "2024-W22");
    assert_eq!(invitation.sources(), 1);
}

#[test]
fn filters_narrow_the_events_summarised() {
    let g = seed();
    let rejections = g.actor_network(&NetworkOptions::new().kinds([EventKind::Reject]));
    assert!(rejections.link_count() > 0);
    assert!(rejections.links().all(|l| l.is_directed()
        && l.kinds().map(|(k, _)| k.clone()).collect::<Vec<_>>() == [EventKind::Reject]));

    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    let late_may =
        g.actor_network(&NetworkOptions::new().between(day(5, 20), day(5, 31), DateMatch::Within));
    for link in late_may.links() {
        for event in link.events() {
            let date = g.event(*event).unwrap().date().unwrap();
            assert!(DateMatch::Within.matches(&date, day(5, 20), day(5, 31)));
        }
    }
    assert!(late_may.link_count() < g.actor_network(&NetworkOptions::new()).link_count());

    let happened = g.actor_network(&NetworkOptions::new().statuses([EventStatus::Happened]));
    for link in happened.links() {
        for event in link.events() {
            assert_eq!(g.event(*event).unwrap().status(), EventStatus::Happened);
        }
    }
    let directed_only = g.actor_network(&NetworkOptions::new().co_participation(false));
    assert!(directed_only.links().all(|l| l.is_directed()));
    let heavy = g.actor_network(&NetworkOptions::new().min_weight(2));
    assert!(heavy.links().all(|l| l.weight() >= 2));
}

/// A graph with `hubs` actors that each act on many others, to prune.
fn star_graph() -> (EventGraph, Vec<EntityId>) {
    let mut g = EventGraph::new();
    let actors: Vec<EntityId> = (0..12)
        .map(|i| {
            g.add_entity(Entity::new(EntityKind::State, format!("State {i}")))
                .unwrap()
        })
        .collect();
    // Actor 0 acts on everyone i times; actor 1 on actors 2..6 twice; 7 and 8 meet once.
    let act = |g: &mut EventGraph, from: EntityId, to: EntityId, kind: EventKind| {
        let event = g.add_event(Event::new(kind)).unwrap();
        g.add_participation(Participation::new(from, Role::Initiator, event))
            .unwrap();
        g.add_participation(Participation::new(to, Role::Target, event))
            .unwrap();
    };
    for (i, &to) in actors.iter().enumerate().skip(1) {
        for _ in 0..i {
            act(&mut g, actors[0], to, EventKind::Consult);
        }
    }
    for &to in &actors[2..6] {
        act(&mut g, actors[1], to, EventKind::Threaten);
        act(&mut g, actors[1], to, EventKind::Threaten);
    }
    let meeting = g.add_event(Event::new(EventKind::Meeting)).unwrap();
    for &member in &actors[7..9] {
        g.add_participation(Participation::new(member, Role::Participant, meeting))
            .unwrap();
    }
    (g, actors)
}

#[test]
fn top_keeps_the_highest_ranked_actors_and_the_links_among_them() {
    let (g, a) = star_graph();
    let network = g.actor_network(&NetworkOptions::new());
    assert_eq!(network.actor_count(), 12);
    let ranked: Vec<EntityId> = network
        .ranked(Rank::Strength)
        .map(|(id, _)| id)
        .take(3)
        .collect();
    assert_eq!(ranked, [a[0], a[11], a[10]]);
    let top = network.clone().top(3, Rank::Strength);
    assert_eq!(top.actor_count(), 3);
    assert_eq!(top.link_count(), 2);
    assert!(top.links().all(|l| l.from() == a[0]));
    assert_eq!(top.actor(a[11]).unwrap().strength(), 11);
    // Events stay as counted before pruning; strength and partners follow the links kept.
    assert_eq!(top.actor(a[0]).unwrap().events(), 66);
    assert_eq!(top.actor(a[0]).unwrap().partners(), 2);

    let partners: Vec<EntityId> = network
        .ranked(Rank::Partners)
        .map(|(id, _)| id)
        .take(2)
        .collect();
    assert_eq!(partners, [a[0], a[1]]);
    #[cfg(feature = "centrality")]
    assert!(
        network
            .clone()
            .top(4, Rank::Eigenvector)
            .actor(a[0])
            .is_some()
    );
    assert_eq!(network.clone().top(0, Rank::Events).actor_count(), 0);
    assert_eq!(network.clone().top(100, Rank::Events).actor_count(), 12);
}

#[test]
fn strongest_links_keep_each_actors_heaviest_and_min_weight_cuts() {
    let (g, a) = star_graph();
    let network = g.actor_network(&NetworkOptions::new());
    let strongest = network.clone().strongest_links(1);
    for actor in network.actors() {
        let heaviest = network
            .links()
            .filter(|l| l.from() == actor.entity() || l.to() == actor.entity())
            .map(|l| l.weight())
            .max()
            .unwrap();
        let kept = strongest
            .links()
            .filter(|l| l.from() == actor.entity() || l.to() == actor.entity())
            .map(|l| l.weight())
            .max();
        assert_eq!(kept, Some(heaviest), "{}", actor.entity());
    }
    assert!(strongest.link_count() < network.link_count());
    // 7 and 8 each act more with 0 than in their one meeting.
    assert!(strongest.link(a[7], a[8], false).is_none());
    assert!(strongest.link(a[0], a[11], true).is_some());

    let cut = network.min_weight(5);
    assert!(cut.links().all(|l| l.weight() >= 5));
    assert!(
        cut.actor(a[2]).is_none(),
        "actors left unlinked are dropped"
    );
    assert_eq!(cut.actor_count(), 1 + 7);
}

#[test]
fn dot_draws_weights_balances_and_directions() {
    let (g, a) = star_graph();
    let network = g.actor_network(&NetworkOptions::new());
    let writer = DotWriter::new(&network).legend(true);
    let mut out = Vec::new();
    let size = writer.write(&mut out).unwrap();
    let dot = String::from_utf8(out).unwrap();
    assert_eq!(
        size,
        DotSize {
            nodes: 12,
            edges: network.link_count(),
            engine: Engine::Dot
        }
    );
    assert_eq!(writer.size(), size);
    assert!(size.warning().is_none());
    let parsed = parse(&dot);
    let heaviest = parsed
        .edges
        .set
        .iter()
        .find(|e| e.from == "e0" && e.to == "e11")
        .unwrap();
    let attribute = |name: &str| {
        heaviest
            .attr
            .elems
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim_matches('"').to_owned())
    };
    assert_eq!(attribute("penwidth").as_deref(), Some("6.00"));
    assert_eq!(attribute("label").as_deref(), Some("11"));
    assert_eq!(attribute("color").as_deref(), Some("#2e7d32"));
    assert!(dot.contains(r##"e1 -> e2 [label="2", color="#c62828""##));
    assert!(dot.contains(r#"e7 -> e8 [label="1""#) && dot.contains(r#"dir="none""#));
    assert!(dot.contains("mostly conflict"));
    render("network_star", &dot);

    let styled = DotWriter::new(&network)
        .engine(Engine::Sfdp)
        .edge_attributes(|fact, attributes| {
            if let EdgeFact::Link(link) = fact
                && link.conflict() > 0
            {
                attributes.set("style", "dashed");
            }
        })
        .node_attributes(|node, attributes| {
            if node == NodeId::Entity(a[0]) {
                attributes.set("penwidth", "3");
            }
        })
        .to_string();
    assert!(styled.contains("layout=sfdp"));
    assert!(styled.contains(r##"e1 -> e2 [label="2", color="#c62828", fontcolor="#c62828", penwidth="2.45", weight="2", tooltip="##));
    assert_eq!(styled.matches(r#"style="dashed""#).count(), 4);
    render("network_star_sfdp", &styled);
}

#[test]
fn the_seed_network_renders() {
    let g = seed();
    let network = g.actor_network(&NetworkOptions::new());
    let dot = DotWriter::new(&network)
        .legend(true)
        .title("Actors of the seed article")
        .to_string();
    parse(&dot);
    render("network_seed", &dot);
    assert_eq!(
        dot,
        DotWriter::new(&network)
            .legend(true)
            .title("Actors of the seed article")
            .to_string()
    );
}

#[test]
fn a_large_diagram_is_flagged_with_what_to_do() {
    let mut g = EventGraph::new();
    let actors: Vec<EntityId> = (0..1_200)
        .map(|i| {
            g.add_entity(Entity::new(EntityKind::Person, format!("Person {i}")))
                .unwrap()
        })
        .collect();
    for pair in actors.windows(2) {
        let event = g.add_event(Event::new(EventKind::Consult)).unwrap();
        g.add_participation(Participation::new(pair[0], Role::Initiator, event))
            .unwrap();
        g.add_participation(Participation::new(pair[1], Role::Target, event))
            .unwrap();
    }
    let size = DotWriter::new(&g).size();
    assert_eq!((size.nodes, size.edges), (1_200 + 1_199, 2 * 1_199));
    let warning = size.warning().expect("past the comfortable size for dot");
    let text = warning.to_string();
    assert!(text.contains("2399 nodes"), "{text}");
    assert!(
        text.contains("actor_network") && text.contains("sfdp"),
        "{text}"
    );
    assert!(
        DotWriter::new(&g)
            .engine(Engine::Sfdp)
            .size()
            .warning()
            .is_none()
    );

    let network = g.actor_network(&NetworkOptions::new());
    assert_eq!(DotWriter::new(&network).size().nodes, 1_200);
    let top = network.top(100, Rank::Strength);
    assert!(DotWriter::new(&top).size().warning().is_none());
    assert_eq!(
        DotWriter::new(g.select([NodeId::Entity(actors[0])]).unwrap())
            .size()
            .nodes,
        1
    );
}

#[test]
fn graphml_csv_and_json_carry_every_link() {
    let g = seed();
    let network = g.actor_network(&NetworkOptions::new());
    let mut xml = Vec::new();
    GraphmlWriter::new(&network).write(&mut xml).unwrap();
    assert_eq!(
        well_formed_xml(&xml),
        (network.actor_count(), network.link_count())
    );
    let xml = String::from_utf8(xml).unwrap();
    assert!(xml.contains(r#"<data key="e_kinds">invitation:1</data>"#));
    assert!(xml.contains(r#"directed="false""#));

    let mut csv = Vec::new();
    tables::LinksWriter::new(&network).write(&mut csv).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let width = reader.headers().unwrap().len();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), network.link_count());
    assert!(rows.iter().all(|r| r.len() == width));
    assert_eq!(&rows[0][1], "France");
    assert_eq!(&rows[0][3], "United States");

    let json: serde_json::Value = serde_json::to_value(&network).unwrap();
    let links = json["links"].as_array().unwrap();
    assert_eq!(links.len(), network.link_count());
    assert_eq!(
        json["actors"].as_array().unwrap().len(),
        network.actor_count()
    );
    assert_eq!(links[0]["from_name"], "France");
    assert_eq!(links[0]["kinds"]["invitation"], 1);
    assert_eq!(links[0]["events"].as_array().unwrap().len(), 1);
}

/// A small random graph: entities, events of a few kinds and statuses, some dated, with
/// participations in every kind of role, some negated, and sources in a few documents.
#[derive(Debug, Clone)]
struct Plan {
    entities: usize,
    events: Vec<PlannedEvent>,
}

#[derive(Debug, Clone)]
struct PlannedEvent {
    kind: usize,
    status: usize,
    date: Option<usize>,
    document: Option<usize>,
    parts: Vec<(usize, usize, bool, Option<usize>)>,
}

const KINDS: [EventKind; 5] = [
    EventKind::Invitation,
    EventKind::Reject,
    EventKind::Meeting,
    EventKind::Statement,
    EventKind::Threaten,
];
const ROLES: [Role; 6] = [
    Role::Initiator,
    Role::Target,
    Role::Participant,
    Role::Opponent,
    Role::Supporter,
    Role::Host,
];
const DATES: [&str; 4] = ["2024-05-27", "2024-05-late", "2024-06", "2024-W23"];

fn plan() -> impl Strategy<Value = Plan> {
    (2usize..7).prop_flat_map(|entities| {
        let part = (
            0..entities,
            0..ROLES.len(),
            prop::bool::weighted(0.2),
            prop::option::of(0..3usize),
        );
        let event = (
            0..KINDS.len(),
            0..2usize,
            prop::option::of(0..DATES.len()),
            prop::option::of(0..3usize),
            prop::collection::vec(part, 0..5),
        )
            .prop_map(|(kind, status, date, document, parts)| PlannedEvent {
                kind,
                status,
                date,
                document,
                parts,
            });
        prop::collection::vec(event, 0..30).prop_map(move |events| Plan { entities, events })
    })
}

fn build(plan: &Plan) -> EventGraph {
    let mut g = EventGraph::new();
    let documents: Vec<DocumentId> = (0..3)
        .map(|i| g.add_document(Document::new(format!("doc{i}"))).unwrap())
        .collect();
    let entities: Vec<EntityId> = (0..plan.entities)
        .map(|i| {
            g.add_entity(Entity::new(EntityKind::State, format!("S{i}")))
                .unwrap()
        })
        .collect();
    for planned in &plan.events {
        let mut event = Event::new(KINDS[planned.kind].clone()).status(if planned.status == 0 {
            EventStatus::Happened
        } else {
            EventStatus::Proposed
        });
        if let Some(date) = planned.date {
            event = event.date(DATES[date].parse().unwrap());
        }
        if let Some(document) = planned.document {
            event = event.source(Source::new(documents[document]));
        }
        let id = g.add_event(event).unwrap();
        for &(entity, role, negated, document) in &planned.parts {
            let mut part = Participation::new(entities[entity], ROLES[role].clone(), id);
            if negated {
                part = part.negated();
            }
            if let Some(document) = document {
                part = part.source(Source::new(documents[document]));
            }
            // Restating a part adds a source; a contradicting one is refused: both are fine.
            let _ = g.add_participation(part);
        }
    }
    g
}

type Key = (EntityId, EntityId, bool);

/// The network as its documentation defines it, worked out the slow way.
fn expected(g: &EventGraph, options: impl Fn(EventRef) -> bool) -> BTreeMap<Key, Vec<EventId>> {
    let mut links: BTreeMap<Key, Vec<EventId>> = BTreeMap::new();
    for (id, event) in g.events() {
        if !options(event) {
            continue;
        }
        let affirmed: Vec<ParticipationRef> = g
            .participations()
            .map(|(_, p)| p)
            .filter(|p| p.event() == id && p.polarity() == Polarity::Affirmed)
            .filter(|p| !matches!(p.role(), Role::Opponent | Role::Supporter | Role::Concerned))
            .collect();
        let with = |role: Role| -> BTreeSet<EntityId> {
            affirmed
                .iter()
                .filter(|p| p.role() == role)
                .map(|p| p.entity())
                .collect()
        };
        let (initiators, targets) = (with(Role::Initiator), with(Role::Target));
        let mut keys = BTreeSet::new();
        if !initiators.is_empty() && !targets.is_empty() {
            for &i in &initiators {
                for &t in &targets {
                    if i != t {
                        keys.insert((i, t, true));
                    }
                }
            }
        } else {
            let members: BTreeSet<EntityId> = affirmed.iter().map(|p| p.entity()).collect();
            for &a in &members {
                for &b in &members {
                    if a < b {
                        keys.insert((a, b, false));
                    }
                }
            }
        }
        for key in keys {
            links.entry(key).or_default().push(id);
        }
    }
    links
}

fn check(g: &EventGraph, network: &ActorNetwork<'_>, expected: &BTreeMap<Key, Vec<EventId>>) {
    let got: BTreeMap<Key, Vec<EventId>> = network
        .links()
        .map(|l| ((l.from(), l.to(), l.is_directed()), l.events().to_vec()))
        .collect();
    assert_eq!(&got, expected);
    for link in network.links() {
        let events: Vec<EventRef> = link.events().iter().map(|e| g.event(*e).unwrap()).collect();
        assert_eq!(link.kinds().map(|(_, n)| n).sum::<usize>(), link.weight());
        for (kind, count) in link.kinds() {
            assert_eq!(events.iter().filter(|e| e.kind() == kind).count(), count);
        }
        let class = |e: &&EventRef| e.kind().quad_class();
        assert_eq!(
            link.conflict(),
            events
                .iter()
                .filter(|e| class(e).is_some_and(|c| c.is_conflict()))
                .count()
        );
        assert_eq!(
            link.cooperation(),
            events
                .iter()
                .filter(|e| class(e).is_some_and(|c| !c.is_conflict()))
                .count()
        );
        let earliest = events
            .iter()
            .filter_map(|e| e.date())
            .map(|d| d.earliest())
            .min();
        let latest = events
            .iter()
            .filter_map(|e| e.date())
            .map(|d| d.latest())
            .max();
        assert_eq!(link.first().map(|d| d.earliest()), earliest);
        assert_eq!(link.last().map(|d| d.latest()), latest);
        let mut documents = BTreeSet::new();
        for (&id, event) in link.events().iter().zip(&events) {
            documents.extend(event.sources().iter().map(|s| s.document));
            for (_, p) in g.participations_in(id) {
                if p.polarity() == Polarity::Affirmed
                    && !matches!(p.role(), Role::Opponent | Role::Supporter | Role::Concerned)
                {
                    documents.extend(p.sources().iter().map(|s| s.document));
                }
            }
        }
        assert_eq!(link.sources(), documents.len());
    }
    for actor in network.actors() {
        let mine = network
            .links()
            .filter(|l| l.from() == actor.entity() || l.to() == actor.entity());
        let (partners, strength) = mine.fold((0, 0), |(n, w), l| (n + 1, w + l.weight()));
        assert_eq!((actor.partners(), actor.strength()), (partners, strength));
        let events: BTreeSet<EventId> = network
            .links()
            .filter(|l| l.from() == actor.entity() || l.to() == actor.entity())
            .flat_map(|l| l.events().iter().copied())
            .collect();
        assert_eq!(actor.events(), events.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn links_are_exactly_the_events_they_summarise(plan in plan()) {
        let g = build(&plan);
        check(&g, &g.actor_network(&NetworkOptions::new()), &expected(&g, |_| true));

        let kinds = [EventKind::Reject, EventKind::Meeting];
        let filtered = g.actor_network(&NetworkOptions::new().kinds(kinds.clone()));
        check(&g, &filtered, &expected(&g, |e| kinds.contains(e.kind())));

        let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let window = g.actor_network(&NetworkOptions::new().between(day(5, 25), day(6, 2), DateMatch::Overlaps));
        check(&g, &window, &expected(&g, |e| e.date().is_some_and(|d| DateMatch::Overlaps.matches(&d, day(5, 25), day(6, 2)))));
    }

    #[test]
    fn pruning_only_removes(plan in plan(), k in 0usize..6, weight in 1usize..4, per_actor in 1usize..3) {
        let g = build(&plan);
        let network = g.actor_network(&NetworkOptions::new());
        let all: BTreeSet<Key> = network.links().map(|l| (l.from(), l.to(), l.is_directed())).collect();
        for pruned in [
            network.clone().top(k, Rank::Strength),
            #[cfg(feature = "centrality")]
            network.clone().top(k, Rank::Eigenvector),
            network.clone().min_weight(weight),
            network.clone().strongest_links(per_actor),
        ] {
            for link in pruned.links() {
                prop_assert!(all.contains(&(link.from(), link.to(), link.is_directed())));
                prop_assert!(pruned.actor(link.from()).is_some() && pruned.actor(link.to()).is_some());
                prop_assert_eq!(Some(link), network.link(link.from(), link.to(), link.is_directed()));
            }
            prop_assert!(pruned.actor_count() <= network.actor_count());
            let dot = DotWriter::new(&pruned).to_string();
            parse(&dot);
        }
        prop_assert!(network.clone().top(k, Rank::Events).actor_count() == k.min(network.actor_count()));
    }
}

#[test]
fn co_participants_of_an_actor_with_many_partners_are_each_listed_once_in_order() {
    // A made-up hub meeting 40 partners, each twice, in events of two or three.
    let mut graph = EventGraph::new();
    let hub = graph
        .add_entity(Entity::new(EntityKind::State, "Freedonia"))
        .unwrap();
    let partners: Vec<EntityId> = (0..40)
        .map(|i| {
            graph
                .add_entity(Entity::new(
                    EntityKind::Organisation,
                    format!("partner {i}"),
                ))
                .unwrap()
        })
        .collect();
    for round in 0..2 {
        for (i, &partner) in partners.iter().enumerate() {
            let event = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
            graph
                .add_participation(Participation::new(hub, Role::Initiator, event))
                .unwrap();
            graph
                .add_participation(Participation::new(partner, Role::Participant, event))
                .unwrap();
            if round == 1 {
                let other = partners[(i * 7) % partners.len()];
                if other != partner {
                    graph
                        .add_participation(Participation::new(other, Role::Participant, event))
                        .unwrap();
                }
            }
        }
    }
    let found: Vec<EntityId> = graph.co_participants(hub).unwrap().collect();
    assert_eq!(found, partners);
    assert_eq!(
        graph.co_participants(partners[3]).unwrap().next(),
        Some(hub)
    );
}
