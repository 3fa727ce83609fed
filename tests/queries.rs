//! The query layer, on the seed with the answers the article gives, and on edge cases.

mod common;

use common::dot_check::{parse, render};
use common::seed::{id, seed};
use eventkg::export::DotWriter;
use eventkg::query::*;
use eventkg::*;

fn names(graph: &EventGraph, ids: impl IntoIterator<Item = EntityId>) -> Vec<String> {
    ids.into_iter()
        .map(|id| graph.entity(id).expect("live").name().to_owned())
        .collect()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// ----- find ---------------------------------------------------------------------------------

#[test]
fn find_by_id_name_alias_and_near_miss() {
    let s = seed();
    let g = &s.graph;
    let macron = id(g, "Emmanuel Macron");
    assert_eq!(g.lookup_entity(&macron.to_string()).unwrap(), macron);
    assert_eq!(g.lookup_entity("macron").unwrap(), macron);
    assert_eq!(g.lookup_entity("Die Welt").unwrap(), id(g, "Welt"));
    let ranked: Vec<(String, f64)> = g
        .suggest("Burkhart", 3)
        .map(|s| (s.name.to_owned(), s.score))
        .collect();
    assert_eq!(ranked[0].0, "Burkhard");
    assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
    assert_eq!(g.suggest("Zanzibar", 5).count(), 0);
    assert!(matches!(
        g.lookup_entity("entity#999").map_err(Error::into_kind),
        Err(ErrorKind::UnknownEntity(_))
    ));
    assert!(matches!(
        g.lookup_entity("Macon").map_err(Error::into_kind),
        Err(ErrorKind::UnknownName { suggestion: Some(s), .. }) if s == "Macron"
    ));
}

// ----- neighbourhood ------------------------------------------------------------------------

#[test]
fn typed_neighbours_of_an_entity() {
    let s = seed();
    let g = &s.graph;
    let germany = id(g, "Germany");
    let parts: Vec<String> = g
        .relations_of_kind(germany, RelationKind::PartOf, false)
        .map(|(_, r)| {
            g.entity(r.from().as_entity().unwrap())
                .unwrap()
                .name()
                .to_owned()
        })
        .collect();
    assert_eq!(parts, ["Berlin", "German government", "Bundeswehr"]);
    let opposed: Vec<EventId> = g
        .participations_as(germany, Role::Opponent)
        .map(|(_, p)| p.event())
        .collect();
    assert_eq!(opposed, [s.mission]);
    assert_eq!(g.participations_as(germany, Role::Speaker).count(), 0);
    assert_eq!(
        g.participations_as(EntityId::new(999), Role::Target)
            .count(),
        0
    );
}

#[test]
fn typed_neighbours_of_a_hub_come_from_the_index() {
    // A hub with many facts of other kinds: the typed query returns exactly the few of its
    // kind, in insertion order, and agrees with a full scan.
    let mut g = EventGraph::new();
    let hub = g.add_entity(Entity::new(EntityKind::State, "Hub")).unwrap();
    let mut rejections = Vec::new();
    for i in 0..5_000 {
        let event = g.add_event(Event::new(EventKind::Statement)).unwrap();
        g.add_participation(Participation::new(hub, Role::Speaker, event))
            .unwrap();
        if i % 1000 == 0 {
            let no = g.add_event(Event::new(EventKind::Reject)).unwrap();
            g.add_participation(Participation::new(hub, Role::Initiator, no))
                .unwrap();
            rejections.push(no);
        }
    }
    let found: Vec<EventId> = g
        .search_events()
        .participant(hub)
        .role(Role::Initiator)
        .kind(EventKind::Reject)
        .ids()
        .collect();
    assert_eq!(found, rejections);
    let scanned: Vec<EventId> = g
        .participations_of(hub)
        .filter(|(_, p)| p.role() == Role::Initiator)
        .map(|(_, p)| p.event())
        .collect();
    assert_eq!(scanned, rejections);
}

// ----- event search -------------------------------------------------------------------------

#[test]
fn event_search_combines_filters() {
    let s = seed();
    let g = &s.graph;
    let us = id(g, "United States");
    // The conflicts the United States initiated.
    let conflicts: Vec<EventId> = g
        .search_events()
        .participant(us)
        .role(Role::Initiator)
        .conflict(true)
        .ids()
        .collect();
    assert_eq!(conflicts, [s.opposition]);
    // Whom was the German Ministry of Defence *not* a target of?
    let ministry = id(g, "German Ministry of Defence");
    let not_invited: Vec<EventId> = g
        .search_events()
        .participant(ministry)
        .role(Role::Target)
        .polarity(Polarity::Negated)
        .ids()
        .collect();
    assert_eq!(not_invited, [s.letter]);
    // Proposed and planned events.
    let plans = g
        .search_events()
        .status(EventStatus::Planned)
        .status(EventStatus::Proposed)
        .count_all();
    assert_eq!(plans, 5);
    // Verbal cooperation told by UNN.
    let unn = id(g, "UNN");
    let verbal: Vec<EventKind> = g
        .search_events()
        .publisher(unn)
        .quad_class(QuadClass::VerbalCooperation)
        .iter()
        .map(|(_, e)| e.kind().clone())
        .collect();
    assert!(verbal.contains(&EventKind::Invitation) && verbal.contains(&EventKind::Statement));
    // Every event of the seed is told by its one document; none by another.
    assert_eq!(g.search_events().source(s.doc).count_all(), g.event_count());
    assert_eq!(g.search_events().source(DocumentId::new(7)).count_all(), 0);
    // Nothing matches an unknown participant.
    assert_eq!(
        g.search_events()
            .participant(EntityId::new(999))
            .count_all(),
        0
    );
}

trait CountAll {
    fn count_all(&self) -> usize;
}

impl CountAll for EventSearch<'_> {
    fn count_all(&self) -> usize {
        self.iter().count()
    }
}

#[test]
fn fuzzy_dates_at_range_boundaries() {
    let s = seed();
    let g = &s.graph;
    // The meeting was "late May": 21 to 31 May 2024.
    let found = |start, end, how| {
        g.search_events()
            .kind(EventKind::Meeting)
            .between(start, end, how)
            .count_all()
    };
    assert_eq!(
        found(day(2024, 5, 31), day(2024, 6, 30), DateMatch::Overlaps),
        1
    );
    assert_eq!(
        found(day(2024, 5, 31), day(2024, 6, 30), DateMatch::Within),
        0
    );
    assert_eq!(
        found(day(2024, 6, 1), day(2024, 6, 30), DateMatch::Overlaps),
        0
    );
    assert_eq!(
        found(day(2024, 5, 21), day(2024, 5, 31), DateMatch::Within),
        1
    );
    assert_eq!(
        found(day(2024, 5, 22), day(2024, 5, 31), DateMatch::Within),
        0
    );
    assert_eq!(
        found(day(2024, 5, 1), day(2024, 5, 20), DateMatch::Overlaps),
        0
    );
    // The letter went "last week" (27 May to 2 June): in May by overlap, not by containment.
    let may: FuzzyDate = "2024-05".parse().unwrap();
    let in_may = |how| {
        g.search_events()
            .kind(EventKind::Invitation)
            .during(&may, how)
            .count_all()
    };
    assert_eq!(in_may(DateMatch::Overlaps), 1);
    assert_eq!(in_may(DateMatch::Within), 0);
    // Undated events never match a range.
    let all_time = g
        .search_events()
        .between(day(1, 1, 1), day(9999, 12, 31), DateMatch::Overlaps)
        .count_all();
    let dated = g.events().filter(|(_, e)| e.date().is_some()).count();
    assert_eq!(all_time, dated);
}

#[test]
fn the_timeline_respects_precision() {
    let s = seed();
    let g = &s.graph;
    let dated: Vec<String> = g
        .timeline()
        .filter_map(|(_, e)| e.date().map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dated,
        [
            "2024-05-12/2024-06-09~",
            "2024-05-late",
            "2024-05-late",
            "2024-W22",
            // By earliest possible day: the summer may have begun on 1 June.
            "2024-summer",
            "2024-06-07",
            "2024-06-08/2024-06-09",
            "2024-06-09/2024-06-16~",
            "2024-11",
        ]
    );
    let last = g.timeline().last().unwrap().1;
    assert_eq!(last.date(), None);
}

// ----- stance -------------------------------------------------------------------------------

#[test]
fn stance_on_the_training_mission() {
    let s = seed();
    let g = &s.graph;
    let stance = g.stance(s.mission).unwrap();
    assert_eq!(
        names(g, stance.members(Position::Supports)),
        ["several partners", "EU diplomatic circles"]
    );
    assert_eq!(
        names(g, stance.members(Position::Opposes)),
        [
            "United States",
            "Germany",
            "Italy",
            "Spain",
            "most EU countries",
            "US government",
            "German government"
        ]
    );
    assert_eq!(
        names(g, stance.members(Position::AskedNoAnswer)),
        common::seed::INVITED[1..]
    );
    assert_eq!(
        names(g, stance.members(Position::NotAsked)),
        ["German Ministry of Defence", "German government"]
    );
    let us = id(g, "United States");
    assert_eq!(
        stance.contradictions().collect::<Vec<_>>(),
        [Contradiction::AskedYetOpposed(us)]
    );
    // Every position rests on facts with sources.
    let germany = stance
        .entries()
        .find(|e| e.entity == id(g, "Germany"))
        .unwrap();
    let quotes: Vec<&str> = germany
        .basis
        .iter()
        .flat_map(|fact| g.sources_of(*fact).unwrap())
        .filter_map(|s| s.quote.as_deref())
        .collect();
    assert!(
        quotes.contains(
            &"the United States, Germany, Italy and Spain opposed the exercise in Ukraine"
        )
    );
    // Camps, drawn as clusters.
    let camps = stance.camps();
    assert_eq!(
        camps.keys().copied().collect::<Vec<_>>(),
        [
            Position::Supports,
            Position::Opposes,
            Position::AskedNoAnswer,
            Position::NotAsked
        ]
    );
    let mut nodes: Vec<NodeId> = stance.entries().map(|e| NodeId::Entity(e.entity)).collect();
    nodes.push(NodeId::Event(s.mission));
    let dot = DotWriter::new(g.select(nodes).unwrap())
        .cluster_by(|node| stance.camp_of(node))
        .to_string();
    assert!(dot.contains("label=\"opposes\"") && dot.contains("label=\"asked, no answer\""));
    let german_government = id(g, "German government");
    assert_eq!(
        stance.camp_of(german_government.into()).as_deref(),
        Some("opposes"),
        "a side taken outweighs not having been asked"
    );
    parse(&dot);
    render("stance-mission", &dot);
}

/// Made-up: a proposal, an invitation about it, and the answers the invited give.
#[test]
fn stance_reads_answers_given_by_responds_to() {
    let mut g = EventGraph::new();
    let [host, refuser, speaker, silent, agreer] =
        ["Host", "Refuser", "Speaker", "Silent", "Agreer"]
            .map(|name| g.add_entity(Entity::new(EntityKind::State, name)).unwrap());
    let mission = g
        .add_event(Event::new(EventKind::Cooperate).status(EventStatus::Proposed))
        .unwrap();
    let letter = g.add_event(Event::new(EventKind::Invitation)).unwrap();
    let about = g
        .add_relation(Relation::new(letter, RelationKind::About, mission))
        .unwrap();
    g.add_participation(Participation::new(host, Role::Initiator, letter))
        .unwrap();
    for invited in [refuser, speaker, silent, agreer] {
        g.add_participation(Participation::new(invited, Role::Target, letter))
            .unwrap();
    }
    let answer = |g: &mut EventGraph, kind: EventKind, who: EntityId, polarity: Polarity| {
        let event = g.add_event(Event::new(kind)).unwrap();
        let said = g
            .add_participation(Participation::new(who, Role::Initiator, event))
            .unwrap();
        let mut relation = Relation::new(event, RelationKind::RespondsTo, letter);
        relation.polarity = polarity;
        let link = g.add_relation(relation).unwrap();
        (said, link)
    };
    let (refused, refusal_link) = answer(&mut g, EventKind::Reject, refuser, Polarity::Affirmed);
    answer(&mut g, EventKind::Statement, speaker, Polarity::Affirmed);
    answer(&mut g, EventKind::Agree, agreer, Polarity::Affirmed);
    // Someone's word that this was *not* an answer counts for nothing.
    answer(&mut g, EventKind::Reject, silent, Polarity::Negated);

    // On the invitation itself, answers respond to it directly.
    let on_letter = g.stance(letter).unwrap();
    assert_eq!(
        on_letter.members(Position::Opposes).collect::<Vec<_>>(),
        [refuser]
    );
    assert_eq!(
        on_letter.members(Position::Supports).collect::<Vec<_>>(),
        [agreer]
    );
    assert_eq!(
        on_letter.members(Position::Answered).collect::<Vec<_>>(),
        [speaker]
    );
    assert_eq!(
        on_letter
            .members(Position::AskedNoAnswer)
            .collect::<Vec<_>>(),
        [silent]
    );
    assert_eq!(on_letter.asked().count(), 4, "the asking stays recorded");
    assert_eq!(
        on_letter.contradictions().collect::<Vec<_>>(),
        [Contradiction::AskedYetOpposed(refuser)]
    );
    let entry = on_letter.entries().find(|e| e.entity == refuser).unwrap();
    assert_eq!(
        entry.basis,
        [FactId::from(refused), FactId::from(refusal_link)]
    );

    // On the proposal, an answer to the invitation about it answers it too, on the answer,
    // the response and the invitation's `about`.
    let on_mission = g.stance(mission).unwrap();
    assert_eq!(
        on_mission.members(Position::Opposes).collect::<Vec<_>>(),
        [refuser]
    );
    assert_eq!(
        on_mission.members(Position::Answered).collect::<Vec<_>>(),
        [speaker]
    );
    assert_eq!(
        on_mission
            .members(Position::AskedNoAnswer)
            .collect::<Vec<_>>(),
        [silent]
    );
    let entry = on_mission.entries().find(|e| e.entity == refuser).unwrap();
    assert_eq!(
        entry.basis,
        [
            FactId::from(refused),
            FactId::from(refusal_link),
            FactId::from(about)
        ]
    );
    assert_eq!(
        on_mission.camps().keys().copied().collect::<Vec<_>>(),
        [
            Position::Supports,
            Position::Opposes,
            Position::Answered,
            Position::AskedNoAnswer
        ]
    );
}

/// The seed: the United States answered France's letter with a refusal (`responds_to`), so on
/// the letter itself it opposes rather than being asked with no answer.
#[test]
fn stance_on_the_letter_counts_the_refusal_that_answers_it() {
    let g = common::seed::load_file();
    let stance = g.stance(g.event_by_key("letter").unwrap()).unwrap();
    let us = id(&g, "United States");
    assert_eq!(
        stance.positions_of(us).collect::<Vec<_>>(),
        [Position::Opposes]
    );
    assert!(stance.asked().any(|e| e == us));
}

#[test]
fn stance_on_an_event_nobody_addressed_is_empty() {
    let s = seed();
    let stance = s.graph.stance(s.kirby_statement).unwrap();
    assert_eq!(stance.entries().count(), 0);
    assert_eq!(stance.contradictions().count(), 0);
    assert!(matches!(
        s.graph.stance(EventId::new(999)).map_err(Error::into_kind),
        Err(ErrorKind::UnknownEvent(_))
    ));
}

// ----- claims -------------------------------------------------------------------------------

#[test]
fn what_kirby_said_and_who_reported_it() {
    let s = seed();
    let g = &s.graph;
    let kirby = id(g, "Kirby");
    let said: Vec<&str> = g
        .said_by(kirby)
        .unwrap()
        .filter_map(|c| c.source.quote.as_deref())
        .collect();
    assert_eq!(
        said,
        [
            "Washington had made it clear from the very beginning that it did not want to send American soldiers to Ukraine",
            "This has been the case so far, and it will continue to be the case in the future",
        ]
    );
    let chains: Vec<Vec<String>> = g
        .reported_by(s.kirby_statement)
        .unwrap()
        .map(|chain| names(g, chain))
        .collect();
    assert_eq!(chains[0], ["John Kirby", "Welt", "UNN"]);
    let macron = id(g, "Macron");
    assert!(g.said_by(macron).unwrap().count() >= 3);
    assert_eq!(g.said_by(id(g, "Poland")).unwrap().count(), 0);
    let stated = g.stated_in(s.doc).unwrap().count();
    assert_eq!(stated, g.claims().count(), "the seed has one document");
    // Unknown ids are errors, not empty answers.
    assert!(matches!(
        g.stated_in(DocumentId::new(9)).err().unwrap().kind(),
        ErrorKind::UnknownDocument(_)
    ));
    assert!(g.said_by(EntityId::new(999)).is_err());
    assert!(g.reported_by(EventId::new(999)).is_err());
    assert!(g.sources_of(EventId::new(999)).is_err());
}

// ----- paths --------------------------------------------------------------------------------

#[test]
fn paths_are_told_in_words() {
    let s = seed();
    let g = &s.graph;
    let burkhardt = id(g, "Thierry Burkhardt");
    let france = id(g, "France");
    let path = g
        .shortest_path(burkhardt, france, &PathOptions::default().relations_only())
        .unwrap()
        .unwrap();
    let words: Vec<String> = path.explain(g).collect();
    assert_eq!(
        words,
        [
            "Thierry Burkhardt — chief of the General Staff — French General Staff [000_404871ae4e9fadb6: “the chief of the French General Staff, Thierry Burkhardt”]",
            "French General Staff — part of — France",
        ]
    );
    // Through events, Burkhardt and France share the letter: two hops.
    let through = g
        .shortest_path(burkhardt, france, &PathOptions::default())
        .unwrap()
        .unwrap();
    assert_eq!(through.len(), 2);
    assert!(
        through
            .explain(g)
            .next()
            .unwrap()
            .starts_with("Thierry Burkhardt — agent in — invitation")
    );
    // All shortest paths from Kirby to Biden, both dated by the visit and by the US.
    let kirby = id(g, "Kirby");
    let biden = id(g, "Biden");
    let all: Vec<Path> = g
        .shortest_paths(kirby, biden, &PathOptions::default())
        .unwrap()
        .collect();
    assert!(!all.is_empty());
    assert!(all.iter().all(|p| p.len() == all[0].len()));
    let distinct: std::collections::HashSet<&Path> = all.iter().collect();
    assert_eq!(distinct.len(), all.len());
}

#[test]
fn paths_respect_options_cycles_and_disconnection() {
    let s = seed();
    let g = &s.graph;
    let ministry = id(g, "German Ministry of Defence");
    // Negated facts connect nothing by default: the ministry reaches the letter only through
    // the German government's other facts, never through "not invited".
    let path = g
        .shortest_path(ministry, s.letter, &PathOptions::default())
        .unwrap()
        .unwrap();
    assert!(path.len() > 1);
    let mut with_negated = PathOptions::default();
    with_negated.include_negated = true;
    assert_eq!(
        g.shortest_path(ministry, s.letter, &with_negated)
            .unwrap()
            .unwrap()
            .len(),
        1
    );
    // Ignoring a relation kind cuts paths through it.
    let relations = PathOptions::default().relations_only();
    let berlin = id(g, "Berlin");
    assert!(
        g.shortest_path(ministry, berlin, &relations)
            .unwrap()
            .is_some()
    );
    let without = relations
        .clone()
        .ignore_relation(RelationKind::LocatedIn)
        .max_hops(3);
    let detour = g
        .shortest_path(ministry, berlin, &without)
        .unwrap()
        .unwrap();
    assert_eq!(detour.len(), 3, "ministry → government → Germany → Berlin");
    // Disconnected pairs and unknown nodes have no path; a node reaches itself in zero hops.
    let mut lonely = g.clone();
    let island = lonely
        .add_entity(Entity::new(EntityKind::Place, "Island"))
        .unwrap();
    assert!(
        lonely
            .shortest_path(ministry, island, &PathOptions::default())
            .unwrap()
            .is_none()
    );
    let unknown = g
        .shortest_path(ministry, EntityId::new(999), &PathOptions::default())
        .unwrap_err();
    assert!(
        matches!(unknown.kind(), ErrorKind::UnknownEntity(_)),
        "{unknown}"
    );
    assert_eq!(
        g.shortest_path(ministry, ministry, &PathOptions::default())
            .unwrap()
            .unwrap()
            .len(),
        0
    );
    // A cycle does not loop the search.
    let mut ring = EventGraph::new();
    let nodes: Vec<EntityId> = (0..6)
        .map(|i| {
            ring.add_entity(Entity::new(EntityKind::State, format!("S{i}")))
                .unwrap()
        })
        .collect();
    for i in 0..6 {
        ring.add_relation(Relation::new(
            nodes[i],
            RelationKind::AlliedWith,
            nodes[(i + 1) % 6],
        ))
        .unwrap();
    }
    let both: Vec<Path> = ring
        .shortest_paths(nodes[0], nodes[3], &PathOptions::default())
        .unwrap()
        .collect();
    assert_eq!(both.len(), 2, "both ways round the ring");
    assert!(both.iter().all(|p| p.len() == 3));
    assert!(
        ring.shortest_path(nodes[0], nodes[3], &PathOptions::default().max_hops(2))
            .unwrap()
            .is_none()
    );
}

// ----- views --------------------------------------------------------------------------------

#[test]
fn views_keep_the_graphs_ids_and_every_exporter_takes_them() {
    let s = seed();
    let g = &s.graph;
    let kirby = id(g, "Kirby");
    let ego = g.ego(kirby, 2, &PathOptions::default()).unwrap();
    assert!(ego.contains(kirby));
    assert_eq!(ego.graph().entity(kirby).unwrap().name(), "John Kirby");
    // Two hops: his statement, his council, the US government, and what they join.
    for name in ["National Security Council", "US government"] {
        assert!(ego.contains(id(g, name)), "{name} within two hops of Kirby");
    }
    // France proposed what his statement is about: three hops (Kirby, the statement, the
    // proposal, France), so not in the two-hop view.
    assert!(!ego.contains(id(g, "France")));
    let three = g.ego(kirby, 3, &PathOptions::default()).unwrap();
    assert!(three.contains(id(g, "France")));
    // The diagram names nodes as the whole graph does.
    let dot = DotWriter::new(&ego).to_string();
    parse(&dot);
    assert!(dot.contains(&format!("e{} [", kirby.index())), "{dot}");
    render("ego-kirby", &dot);
    // A copy takes its provenance along: Welt and UNN, who reported it.
    let copy = ego.to_graph().unwrap();
    assert!(copy.find_entity("Welt").is_ok() && copy.find_entity("UNN").is_ok());
    assert_eq!(copy.event_count(), ego.event_count());
    // Unknown ids are errors, not empty parts.
    let unknown = g.ego(EntityId::new(9_999), 2, &PathOptions::default());
    assert!(matches!(
        unknown.unwrap_err().kind(),
        ErrorKind::UnknownEntity(_)
    ));
    assert!(g.document_view(DocumentId::new(9_999)).is_err());

    let window = g.window(day(2024, 6, 7), day(2024, 6, 9), DateMatch::Within);
    let kinds: Vec<EventKind> = window.events().map(|(_, e)| e.kind().clone()).collect();
    assert_eq!(kinds, [EventKind::Statement, EventKind::Statement]);
    render("window", &DotWriter::new(&window).to_string());

    let document = g.document_view(s.doc).unwrap();
    assert!(document.event_count() >= 15);
    let states = g.restrict(&[EntityKind::State], &[EventKind::Invitation]);
    assert_eq!(states.event_count(), 1);
    assert_eq!(
        states.participations().count(),
        10,
        "France as initiator and the nine states it invited; the not-invited ministry and \
         government are not states"
    );
    render("states-invitation", &DotWriter::new(&states).to_string());
}

// ----- aggregates ---------------------------------------------------------------------------

#[test]
fn dyadic_counts_and_balance() {
    let s = seed();
    let g = &s.graph;
    let france = id(g, "France");
    let dyads: Vec<(String, String, String, usize)> = g
        .dyads()
        .map(|d| {
            let n = names(g, [d.initiator, d.target]);
            (
                n[0].clone(),
                n[1].clone(),
                d.kind.to_string(),
                d.events.len(),
            )
        })
        .collect();
    assert!(dyads.contains(&("France".into(), "Poland".into(), "invitation".into(), 1)));
    assert!(dyads.contains(&("United States".into(), "France".into(), "reject".into(), 1)));
    assert!(dyads.contains(&("European Union".into(), "France".into(), "reject".into(), 1)));
    let counted: usize = g.dyads().map(|d| d.events.len()).sum();
    let expected: usize = g
        .events()
        .map(|(e, _)| {
            let count = |role: Role| {
                g.participations_in(e)
                    .filter(|(_, p)| p.role() == role && !p.polarity().is_negated())
                    .count()
            };
            count(Role::Initiator) * count(Role::Target)
        })
        .sum();
    assert_eq!(
        counted, expected,
        "the counts equal the events they summarise"
    );

    // France and the United States: the invitation (cooperation, late May to early June
    // counts under May, its earliest day) and the opposition (conflict, undated: not counted).
    let us = id(g, "United States");
    let balance: Vec<Balance> = g.balance(france, us).unwrap().collect();
    assert_eq!(
        balance,
        [Balance {
            year: 2024,
            month: 5,
            cooperation: 1,
            conflict: 0
        }]
    );
    assert_eq!(g.balance(france, id(g, "Hungary")).unwrap().count(), 0);
}

#[cfg(feature = "centrality")]
#[test]
fn central_actors() {
    let s = seed();
    let g = &s.graph;
    let degree: Vec<String> = names(g, g.degree_centrality().take(1).map(|(e, _)| e));
    assert_eq!(degree, ["France"]);
    let betweenness: Vec<(EntityId, f64)> = g.betweenness_centrality().collect();
    assert_eq!(betweenness.len(), g.entity_count());
    assert_eq!(names(g, [betweenness[0].0]), ["France"]);
    assert!(betweenness.windows(2).all(|w| w[0].1 >= w[1].1));
    assert_eq!(EventGraph::new().betweenness_centrality().count(), 0);

    // Every entity a source: the exact scores, entity by entity.
    let exact: std::collections::HashMap<EntityId, f64> = betweenness.iter().copied().collect();
    let all: Vec<(EntityId, f64)> = g
        .betweenness_centrality_sampled(g.entity_count(), 9)
        .collect();
    assert_eq!(all.len(), exact.len());
    for (id, score) in &all {
        assert!(
            (score - exact[id]).abs() < 1e-12,
            "{id}: {score} against {}",
            exact[id]
        );
    }
    // Some of them: an estimate, the same for the same seed.
    let some: Vec<(EntityId, f64)> = g.betweenness_centrality_sampled(4, 9).collect();
    assert_eq!(some.len(), g.entity_count());
    assert_eq!(
        some,
        g.betweenness_centrality_sampled(4, 9).collect::<Vec<_>>()
    );
    assert!(some.windows(2).all(|w| w[0].1 >= w[1].1));
    assert!(some[0].1 > 0.0);
    assert_eq!(
        EventGraph::new()
            .betweenness_centrality_sampled(10, 0)
            .count(),
        0
    );
    // None of them: no estimate, every score 0.
    assert!(
        g.betweenness_centrality_sampled(0, 9)
            .all(|(_, score)| score == 0.0)
    );
}

#[test]
fn roles_held_on_a_date() {
    let mut s = seed();
    let g = &mut s.graph;
    let june: FuzzyDate = "2024-06-09".parse().unwrap();
    let titles: Vec<String> = g
        .roles_on(&june)
        .filter_map(|(_, r)| r.title().map(str::to_owned))
        .collect();
    assert_eq!(
        titles,
        [
            "President",
            "President",
            "communications director",
            "chief of the General Staff"
        ]
    );
    // With validity: Kirby took the role in 2022, so in 2020 he held none.
    let kirby = g.find_entity("Kirby").unwrap();
    let role = g
        .relations_of_kind(kirby, RelationKind::HoldsRole, true)
        .next()
        .unwrap()
        .0;
    g.update_relation(role, |r| {
        r.valid_from = Some(FuzzyDate::month(2022, 5).unwrap())
    })
    .unwrap();
    let y2020 = FuzzyDate::year(2020).unwrap();
    assert_eq!(g.roles_of(kirby, &y2020).count(), 0);
    assert_eq!(g.roles_of(kirby, &june).count(), 1);
    // "2022" overlaps a role that began in May 2022.
    assert_eq!(
        g.roles_of(kirby, &FuzzyDate::year(2022).unwrap()).count(),
        1
    );
}
