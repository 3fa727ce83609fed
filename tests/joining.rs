//! Joining entities an analyst found to be one: `EventGraph::merge_entities` and a graph
//! file's `same_as` on an entity. The names are made up.

use eventkg::*;

fn story() -> (EventGraph, [EntityId; 4], [DocumentId; 2]) {
    let mut graph = EventGraph::new();
    let herald = graph.add_document(Document::new("herald")).unwrap();
    let courier = graph.add_document(Document::new("courier")).unwrap();
    let quist = graph
        .add_entity(
            Entity::new(EntityKind::Person, "Hallvard Quist").country("FRD".parse().unwrap()),
        )
        .unwrap();
    let mr = graph
        .add_entity(Entity::new(EntityKind::Person, "Mr Quist").alias("Minister Quist"))
        .unwrap();
    let tolminsky = graph
        .add_entity(Entity::new(EntityKind::Person, "Varek Tolminsky"))
        .unwrap();
    let port = graph
        .add_entity(Entity::new(EntityKind::Place, "Port Adler"))
        .unwrap();
    let talks = graph
        .add_event(Event::new(EventKind::Meeting).sources(Source::new(herald).into()))
        .unwrap();
    for (who, doc) in [(quist, herald), (mr, courier), (tolminsky, herald)] {
        graph
            .add_participation(
                Participation::new(who, Role::Participant, talks).sources(Source::new(doc).into()),
            )
            .unwrap();
    }
    // A statement the courier attributes to Mr Quist, and one he proposes.
    let mut said = Source::new(courier);
    said.attributed_to = Some(mr);
    let statement = graph
        .add_event(Event::new(EventKind::Statement).sources(said.into()))
        .unwrap();
    graph
        .add_participation(
            Participation::new(mr, Role::Initiator, statement).sources(Source::new(courier).into()),
        )
        .unwrap();
    (graph, [quist, mr, tolminsky, port], [herald, courier])
}

#[test]
fn joining_moves_every_fact_keeps_every_source_and_the_record_whole() {
    let (mut graph, [quist, mr, ..], [_, courier]) = story();
    let before_facts = graph.participations().count();
    let on = Sources::from(Source::new(courier));
    let join = graph.merge_entities(quist, mr, on.clone()).unwrap();

    // The meeting: both stated it, so one participation with both sources.
    assert_eq!(join.restated.len(), 1);
    // The statement: moved, same id.
    assert_eq!(join.moved.len(), 1);
    assert_eq!(graph.participations().count(), before_facts - 1);
    let sources: Vec<usize> = graph
        .participations_of(quist)
        .map(|(_, p)| p.sources().len())
        .collect();
    assert_eq!(sources, [2, 1]);
    // The statement's source now quotes Quist.
    let (statement, _) = graph
        .events()
        .find(|(_, e)| e.kind() == EventKind::Statement)
        .unwrap();
    assert_eq!(
        graph.event(statement).unwrap().sources()[0].attributed_to,
        Some(quist)
    );
    assert!(join.rewritten.contains(&RecordId::Event(statement)));
    // Names, the joined record, the lookups.
    let kept = graph.entity(quist).unwrap();
    assert_eq!(
        kept.aliases().collect::<Vec<_>>(),
        ["Mr Quist", "Minister Quist"]
    );
    assert_eq!(kept.joined().len(), 1);
    assert_eq!(kept.joined()[0].entity.name, "Mr Quist");
    assert_eq!(kept.joined()[0].sources, on);
    assert_eq!(graph.find_entity("Minister Quist").unwrap(), quist);
    assert!(graph.entity(mr).is_none());
    assert_eq!(graph.said_by(quist).unwrap().count(), 1);
}

#[test]
fn a_join_that_cannot_be_made_changes_nothing() {
    let (graph, [quist, mr, tolminsky, port], _) = story();
    let refused = |keep: EntityId, other: EntityId, prepare: &dyn Fn(&mut EventGraph)| {
        let mut graph = graph.clone();
        prepare(&mut graph);
        let before = graph.clone();
        let error = graph
            .merge_entities(keep, other, Sources::new())
            .unwrap_err();
        assert_eq!(graph, before, "{error}");
        error.to_string()
    };
    let same = refused(quist, quist, &|_| {});
    assert!(same.contains("it is the same entity"), "{same}");
    let related = refused(quist, tolminsky, &|g| {
        g.add_relation(Relation::new(tolminsky, RelationKind::AlliedWith, quist))
            .unwrap();
    });
    assert!(related.contains("allied_with"), "{related}");
    assert!(
        related.contains("they are two on that record's word"),
        "{related}"
    );
    // A place cannot become a person, nor a person a place.
    let kinds = refused(quist, port, &|_| {});
    assert!(kinds.contains("a place cannot be a person"), "{kinds}");
    // A state events happen in cannot become a body, where nothing happens.
    let located = refused(EntityId::new(4), EntityId::new(5), &|g| {
        let league = g
            .add_entity(Entity::new(EntityKind::Intergovernmental, "River League"))
            .unwrap();
        let sylvania = g
            .add_entity(Entity::new(EntityKind::State, "Sylvania"))
            .unwrap();
        assert_eq!((league, sylvania), (EntityId::new(4), EntityId::new(5)));
        let (talks, _) = g.events().next().unwrap();
        g.update_event(talks, |e| e.location = Some(sylvania))
            .unwrap();
    });
    assert!(located.contains("cannot be a location"), "{located}");
    let unknown = refused(quist, EntityId::new(99), &|_| {});
    assert!(unknown.contains("entity#99"), "{unknown}");
    let _ = mr;
}

#[test]
fn joined_records_survive_every_round_trip() {
    let (mut graph, [quist, mr, ..], [_, courier]) = story();
    let mut word = Source::new(courier);
    word.quote = None;
    graph.merge_entities(quist, mr, word.into()).unwrap();
    let text = io::to_string(&graph).unwrap();
    assert!(text.contains("[[entity.joined]]"), "{text}");
    let back = io::from_str(&text, "joined.toml").unwrap();
    assert_eq!(
        back.entity(quist).unwrap().joined(),
        graph.entity(quist).unwrap().joined()
    );
    // Written again, read again: the same text (ids are renumbered once, past the hole the
    // joined entity left).
    let second = io::to_string(&back).unwrap();
    let third = io::to_string(&io::from_str(&second, "again.toml").unwrap()).unwrap();
    assert_eq!(second, third);
    let json = io::json::to_string(&graph, true).unwrap();
    let again = io::json::from_str(&json).unwrap();
    assert_eq!(
        again.entity(quist).unwrap().joined(),
        graph.entity(quist).unwrap().joined()
    );
}

const HELD: &str = r#"
# MADE UP.
[[document]]
id = "herald"

[[entity]]
kind = "person"
name = "Hallvard Quist"
"#;

const SAYS_SAME: &str = r#"
# MADE UP.
[[document]]
id = "sunday"

[[entity]]
kind = "person"
name = "Mr Quist"
same_as = "Hallvard Quist"
quote = "Mr Quist"

[[event]]
kind = "statement"
quote = "Mr Quist"
initiator = ["Mr Quist"]
"#;

#[test]
fn a_file_says_an_entity_is_one_already_held() {
    let mut graph = io::from_str(HELD, "held.toml").unwrap();
    let quist = graph.find_entity("Hallvard Quist").unwrap();
    let report = io::merge_str(&mut graph, SAYS_SAME, "sunday.toml", None).unwrap();
    assert!(report.new_entities.is_empty());
    assert!(report.similar_entities.is_empty());
    assert_eq!(report.joined, [(quist, "Mr Quist".to_owned())]);
    assert!(report.to_string().contains("1 joined"), "{report}");
    assert_eq!(graph.entity_count(), 1);
    assert_eq!(graph.find_entity("Mr Quist").unwrap(), quist);
    let kept = graph.entity(quist).unwrap();
    assert_eq!(kept.joined().len(), 1);
    let sunday = graph.document_by_key("sunday").unwrap();
    assert_eq!(kept.joined()[0].sources[0].document, sunday);
    assert_eq!(
        kept.joined()[0].sources[0].quote.as_deref(),
        Some("Mr Quist")
    );
    let (_, p) = graph.participations_of(quist).next().unwrap();
    assert_eq!(p.role(), Role::Initiator);
    // The same file again changes nothing.
    let before = graph.clone();
    let again = io::merge_str(&mut graph, SAYS_SAME, "sunday.toml", None).unwrap();
    assert!(again.is_empty(), "{again}");
    assert_eq!(graph, before);
}

#[test]
fn a_file_cannot_join_a_person_into_a_place() {
    let mut graph = io::from_str(HELD, "held.toml").unwrap();
    let text =
        "[[entity]]\nkind = \"place\"\nname = \"Quist Square\"\nsame_as = \"Hallvard Quist\"\n";
    let before = graph.clone();
    let error = io::merge_str(&mut graph, text, "square.toml", None)
        .unwrap_err()
        .to_string();
    assert!(error.contains("a place cannot be a person"), "{error}");
    assert_eq!(graph, before);
}

#[test]
fn a_file_cannot_join_two_entities_the_graph_holds_apart() {
    let mut graph = io::from_str(HELD, "held.toml").unwrap();
    io::merge_str(
        &mut graph,
        "[[entity]]\nkind = \"person\"\nname = \"Mr Quist\"\n",
        "first.toml",
        None,
    )
    .unwrap();
    let before = graph.clone();
    let error = io::merge_str(&mut graph, SAYS_SAME, "sunday.toml", None).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("sunday.toml:"), "{message}");
    assert!(message.contains("merge_entities"), "{message}");
    assert_eq!(graph, before);
}

#[test]
fn what_a_joined_record_cites_stays_in_the_graph() {
    let (mut graph, [quist, mr, ..], _) = story();
    let word = graph.add_document(Document::new("analyst-notes")).unwrap();
    graph
        .merge_entities(quist, mr, Source::new(word).into())
        .unwrap();
    let error = graph.remove_document(word).unwrap_err().to_string();
    assert!(error.contains("a record joined into entity#0"), "{error}");
    // A part of the graph with Quist carries the document his joined record cites.
    let part = graph.select([NodeId::Entity(quist)]).unwrap();
    let copy = part.to_graph().unwrap();
    let name = &graph.entity(quist).unwrap().name();
    let (_, there) = copy.entities().find(|(_, e)| &e.name() == name).unwrap();
    let joined = &there.joined()[0];
    let cited = copy.document(joined.sources[0].document).unwrap();
    assert_eq!(cited.key(), "analyst-notes");
}

#[test]
fn the_diagram_says_which_records_were_joined_and_on_whose_word() {
    let (mut graph, [quist, mr, ..], [_, courier]) = story();
    graph
        .merge_entities(quist, mr, Source::new(courier).into())
        .unwrap();
    let dot = export::DotWriter::new(&graph).to_string();
    assert!(
        dot.contains("\\njoined: Mr Quist (person), on courier"),
        "{dot}"
    );
}
