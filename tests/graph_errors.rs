//! Every way a change can be refused: the error names the offending thing, and the graph is
//! left exactly as it was.

use eventkg::*;

struct Fixture {
    graph: EventGraph,
    doc: DocumentId,
    france: EntityId,
    poland: EntityId,
    paris: EntityId,
    eu: EntityId,
    macron: EntityId,
    letter: EventId,
    statement: EventId,
    invited: ParticipationId,
    membership: RelationId,
}

fn fixture() -> Fixture {
    let mut graph = EventGraph::new();
    let unn = graph
        .add_entity(Entity::new(EntityKind::MediaOutlet, "UNN"))
        .unwrap();
    let doc = graph
        .add_document(
            Document::new("unn-1")
                .publisher(unn)
                .published(NaiveDate::from_ymd_opt(2024, 6, 9).unwrap()),
        )
        .unwrap();
    let france = graph
        .add_entity(Entity::new(EntityKind::State, "France").alias("Paris"))
        .unwrap();
    let poland = graph
        .add_entity(Entity::new(EntityKind::State, "Poland"))
        .unwrap();
    let paris = graph
        .add_entity(Entity::new(EntityKind::Place, "Paris"))
        .unwrap();
    let eu = graph
        .add_entity(Entity::new(EntityKind::Intergovernmental, "European Union"))
        .unwrap();
    let macron = graph
        .add_entity(Entity::new(EntityKind::Person, "Emmanuel Macron").alias("Macron"))
        .unwrap();
    let letter = graph
        .add_event(Event::new(EventKind::Invitation).location(paris))
        .unwrap();
    let statement = graph.add_event(Event::new(EventKind::Statement)).unwrap();
    let invited = graph
        .add_participation(
            Participation::new(poland, Role::Target, letter).source(Source::new(doc)),
        )
        .unwrap();
    let membership = graph
        .add_relation(Relation::new(poland, RelationKind::MemberOf, eu))
        .unwrap();
    Fixture {
        graph,
        doc,
        france,
        poland,
        paris,
        eu,
        macron,
        letter,
        statement,
        invited,
        membership,
    }
}

/// Runs a change that must fail, checks the graph is untouched, and returns the error.
/// Two error kinds are the same when they print the same for debugging: every field.
macro_rules! assert_kind {
    ($found:expr, $expected:expr $(,)?) => {
        assert_eq!(format!("{:?}", $found), format!("{:?}", $expected))
    };
}

fn refused<T: std::fmt::Debug>(
    f: &mut Fixture,
    change: impl FnOnce(&mut EventGraph) -> Result<T, Error>,
) -> ErrorKind {
    let before = f.graph.clone();
    let json_before = serde_json::to_string(&f.graph).unwrap();
    let error = change(&mut f.graph).expect_err("the change must be refused");
    assert_eq!(
        f.graph, before,
        "a refused change altered the graph: {error}"
    );
    assert_eq!(serde_json::to_string(&f.graph).unwrap(), json_before);
    assert!(error.location().is_none(), "{error}");
    error.into_kind()
}

#[test]
fn unknown_ids_are_named() {
    let mut f = fixture();
    let ghost = EntityId::new(999);
    let e = refused(&mut f, |g| {
        g.add_participation(Participation::new(ghost, Role::Target, EventId::new(0)))
    });
    assert_kind!(e, ErrorKind::UnknownEntity(ghost));
    assert_eq!(e.to_string(), "unknown entity#999");
    let e = refused(&mut f, |g| {
        g.add_participation(Participation::new(
            EntityId::new(1),
            Role::Target,
            EventId::new(77),
        ))
    });
    assert_kind!(e, ErrorKind::UnknownEvent(EventId::new(77)));
    let e = refused(&mut f, |g| {
        g.add_event(Event::new(EventKind::Meeting).source(Source::new(DocumentId::new(5))))
    });
    assert_kind!(e, ErrorKind::UnknownDocument(DocumentId::new(5)));
    let (poland, letter) = (f.poland, f.letter);
    let e = refused(&mut f, |g| {
        g.add_participation(
            Participation::new(poland, Role::Target, letter)
                .source(Source::new(DocumentId::new(0)).attributed_to(ghost)),
        )
    });
    assert_kind!(e, ErrorKind::UnknownEntity(ghost));
    let e = refused(&mut f, |g| g.remove_participation(ParticipationId::new(40)));
    assert_kind!(e, ErrorKind::UnknownParticipation(ParticipationId::new(40)));
    let e = refused(&mut f, |g| g.update_relation(RelationId::new(40), |_| {}));
    assert_kind!(e, ErrorKind::UnknownRelation(RelationId::new(40)));
    let e = refused(&mut f, |g| g.update_entity(ghost, |_| {}));
    assert_kind!(e, ErrorKind::UnknownEntity(ghost));
    let e = refused(&mut f, |g| g.update_event(EventId::new(9), |_| {}));
    assert_kind!(e, ErrorKind::UnknownEvent(EventId::new(9)));
    let e = refused(&mut f, |g| g.update_document(DocumentId::new(9), |_| {}));
    assert_kind!(e, ErrorKind::UnknownDocument(DocumentId::new(9)));
}

#[test]
fn removed_ids_stay_unknown_and_are_never_reused() {
    let mut f = fixture();
    let statement = f.statement;
    f.graph.remove_event(statement).unwrap();
    assert_eq!(f.graph.event(statement), None);
    let e = refused(&mut f, |g| g.remove_event(statement));
    assert_kind!(e, ErrorKind::UnknownEvent(statement));
    let next = f.graph.add_event(Event::new(EventKind::Statement)).unwrap();
    assert!(next > statement);
}

#[test]
fn unknown_names_suggest_the_closest_and_ambiguous_names_list_all() {
    let mut f = fixture();
    let e = refused(&mut f, |g| g.find_entity("Macon"));
    assert_kind!(
        e,
        ErrorKind::UnknownName {
            name: "Macon".into(),
            suggestion: Some("Macron".into())
        }
    );
    let e = refused(&mut f, |g| g.find_entity("Zanzibar"));
    assert_eq!(e.to_string(), "unknown entity name `Zanzibar`");
    let e = refused(&mut f, |g| g.find_entity("paris"));
    assert_kind!(
        e,
        ErrorKind::AmbiguousName {
            name: "paris".into(),
            candidates: vec![(f.france, "France".into()), (f.paris, "Paris".into())]
        }
    );
    assert_eq!(
        e.to_string(),
        "the name `paris` is ambiguous: it names `France` (entity#1), `Paris` (entity#3)"
    );
    let e = refused(&mut f, |g| g.document_by_key("unn-2"));
    assert_eq!(
        e.to_string(),
        "unknown document key `unn-2` — did you mean `unn-1`?"
    );
}

#[test]
fn duplicates_are_refused_or_merged_as_documented() {
    let mut f = fixture();
    let e = refused(&mut f, |g| {
        g.add_entity(Entity::new(EntityKind::State, " FRANCE "))
    });
    assert_kind!(
        e,
        ErrorKind::DuplicateEntity {
            name: " FRANCE ".into(),
            kind: EntityKind::State,
            existing: f.france
        }
    );
    let e = refused(&mut f, |g| g.add_document(Document::new("unn-1")));
    assert!(matches!(e, ErrorKind::DuplicateDocument { existing, .. } if existing == f.doc));
    // Same name, other kind: allowed.
    f.graph
        .add_entity(Entity::new(EntityKind::Place, "France"))
        .unwrap();
    // Two same-kind matches make a merge ambiguous.
    let e = refused(&mut f, |g| {
        g.merge_entity(Entity::new(EntityKind::State, "Poland").alias("France"))
    });
    assert!(matches!(e, ErrorKind::AmbiguousName { .. }), "{e}");
    // A change that would turn one fact into another is refused.
    let (france, letter) = (f.france, f.letter);
    let other = f
        .graph
        .add_participation(Participation::new(france, Role::Target, letter))
        .unwrap();
    let poland = f.poland;
    let e = refused(&mut f, |g| {
        g.update_participation(other, |p| p.entity = poland)
    });
    assert_kind!(
        e,
        ErrorKind::DuplicateFact {
            fact: other.into(),
            existing: f.invited.into()
        }
    );
    let second = f
        .graph
        .add_relation(Relation::new(france, RelationKind::MemberOf, f.eu))
        .unwrap();
    let e = refused(&mut f, |g| {
        g.update_relation(second, |r| r.from = poland.into())
    });
    assert!(
        matches!(e, ErrorKind::DuplicateFact { existing, .. } if existing == f.membership.into())
    );
}

#[test]
fn facts_that_do_not_fit_are_refused_with_the_rule() {
    let mut f = fixture();
    let (paris, letter, poland, eu, macron, france) =
        (f.paris, f.letter, f.poland, f.eu, f.macron, f.france);
    let membership = f.membership;
    let e = refused(&mut f, |g| {
        g.add_participation(Participation::new(paris, Role::Participant, letter))
    });
    assert_eq!(
        e.to_string(),
        "entity#3 \"Paris\" -participant-> event#0 (invitation): a place takes part in no event; set it as the event's location"
    );
    let e = refused(&mut f, |g| {
        g.add_relation(Relation::new(eu, RelationKind::MemberOf, poland))
    });
    assert_eq!(
        e.to_string(),
        "entity#4 \"European Union\" -member_of-> entity#2 \"Poland\": `member_of` joins an actor to an organisation, alliance or group, not a intergovernmental entity to a state entity"
    );
    let e = refused(&mut f, |g| {
        g.add_relation(Relation::new(poland, RelationKind::AlliedWith, poland))
    });
    assert!(
        e.to_string()
            .ends_with("a node cannot be related to itself"),
        "{e}"
    );
    let e = refused(&mut f, |g| {
        g.add_relation(Relation::new(macron, RelationKind::HoldsRole, france))
    });
    assert!(
        e.to_string()
            .ends_with("`holds_role` needs the role's title"),
        "{e}"
    );
    let e = refused(&mut f, |g| {
        g.add_relation(
            Relation::new(macron, RelationKind::HoldsRole, france)
                .title("President")
                .valid_from(FuzzyDate::year(2017)?)
                .valid_until(FuzzyDate::year(2012)?),
        )
    });
    assert!(
        e.to_string()
            .contains("the validity ends (2012) before it starts (2017)"),
        "{e}"
    );
    let e = refused(&mut f, |g| {
        g.add_relation(Relation::new(letter, RelationKind::Requires, poland))
    });
    assert!(matches!(e, ErrorKind::InvalidFact { .. }));
    let e = refused(&mut f, |g| {
        g.update_relation(membership, |r| r.kind = RelationKind::LocatedIn)
    });
    assert!(matches!(e, ErrorKind::InvalidFact { .. }));
}

#[test]
fn bad_values_are_refused_with_the_value() {
    let mut f = fixture();
    let (doc, paris, letter, france) = (f.doc, f.paris, f.letter, f.france);
    for (name, reason) in [
        ("  ", "must not be blank"),
        (
            "Line\nbreak",
            "must not contain control characters such as line breaks",
        ),
        ("!!!", "must contain a letter or digit"),
    ] {
        let e = refused(&mut f, |g| {
            g.add_entity(Entity::new(EntityKind::Person, name))
        });
        assert_kind!(
            e,
            ErrorKind::InvalidValue {
                what: "entity name",
                value: name.into(),
                reason: reason.into()
            }
        );
    }
    let e = refused(&mut f, |g| {
        g.add_entity(Entity::new(EntityKind::Person, "Ok").alias(""))
    });
    assert!(matches!(e, ErrorKind::InvalidValue { what: "alias", .. }));
    let e = refused(&mut f, |g| {
        g.add_event(
            Event::new(EventKind::Visit)
                .location(france)
                .description(" "),
        )
    });
    assert!(matches!(
        e,
        ErrorKind::InvalidValue {
            what: "event description",
            ..
        }
    ));
    let macron = f.macron;
    let e = refused(&mut f, |g| {
        g.add_event(Event::new(EventKind::Visit).location(macron))
    });
    assert_eq!(
        e.to_string(),
        "invalid event location `entity#5 \"Emmanuel Macron\"`: a location must be a place or state entity"
    );
    let e = refused(&mut f, |g| {
        g.add_document(Document::new("d2").publisher(paris))
    });
    assert!(matches!(
        e,
        ErrorKind::InvalidValue {
            what: "publisher",
            ..
        }
    ));
    let e = refused(&mut f, |g| {
        g.add_event(Event::new(EventKind::Visit).source(Source::new(doc).quote("")))
    });
    assert!(matches!(e, ErrorKind::InvalidValue { what: "quote", .. }));
    let e = refused(&mut f, |g| {
        g.update_event(letter, |e| e.location = Some(macron))
    });
    assert!(matches!(
        e,
        ErrorKind::InvalidValue {
            what: "event location",
            ..
        }
    ));
    let e = refused(&mut f, |g| {
        g.update_document(doc, |d| d.key = String::new())
    });
    assert!(matches!(
        e,
        ErrorKind::InvalidValue {
            what: "document key",
            ..
        }
    ));
    let undated = f.graph.add_document(Document::new("undated")).unwrap();
    let e = refused(&mut f, |g| g.resolve_date(undated, "last week"));
    assert_eq!(
        e.to_string(),
        "invalid document `undated`: has no publication day to resolve `last week` against"
    );
    let e = refused(&mut f, |g| g.resolve_date(doc, "from the very beginning"));
    assert!(matches!(e, ErrorKind::InvalidDate { text, .. } if text == "from the very beginning"));
    assert!(Confidence::new(-0.1).is_err());
    assert_eq!(
        CountryCode::new("Fra").unwrap_err().to_string(),
        "invalid country code `Fra`: expected three capital letters (ISO 3166-1 alpha-3, e.g. `FRA`)"
    );
}

#[test]
fn unknown_vocabulary_terms_suggest_the_nearest() {
    let e = "goverment_body".parse::<EntityKind>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown entity kind `goverment_body` — did you mean `government_body`? (write `other:NAME` for a term the vocabulary lacks)"
    );
    assert!(
        matches!("invitatoin".parse::<EventKind>().map_err(Error::into_kind), Err(ErrorKind::UnknownTerm { suggestion: Some(s), .. }) if s == "invitation")
    );
    assert!(matches!(
        "oponent".parse::<Role>().map_err(Error::into_kind),
        Err(ErrorKind::UnknownTerm {
            vocabulary: "role",
            ..
        })
    ));
    assert!(matches!(
        "member".parse::<RelationKind>().map_err(Error::into_kind),
        Err(ErrorKind::UnknownTerm { .. })
    ));
    assert!("other:".parse::<Role>().is_err());
    // A status is one of five, and takes no `other:NAME`: the error says which they are.
    let status = "rumoured".parse::<EventStatus>().unwrap_err();
    assert_eq!(
        status.to_string(),
        "unknown event status `rumoured` (one of `happened`, `ongoing`, `planned`, `proposed`, `hypothetical`)"
    );
    let typo = "planed".parse::<EventStatus>().unwrap_err().to_string();
    assert!(
        typo.ends_with("`hypothetical`) — did you mean `planned`?"),
        "{typo}"
    );
    assert!(!typo.contains("other:"));
    assert_eq!(
        "other:witness".parse::<Role>().unwrap(),
        Role::Other("witness".into())
    );
    assert_eq!(Role::Other("witness".into()).to_string(), "other:witness");
    for name in EventKind::NAMES {
        assert_eq!(name.parse::<EventKind>().unwrap().to_string(), *name);
    }
}

#[test]
fn records_still_referred_to_cannot_be_removed() {
    let mut f = fixture();
    let (doc, paris) = (f.doc, f.paris);
    let e = refused(&mut f, |g| g.remove_document(doc));
    assert_eq!(
        e.to_string(),
        "document#0 \"unn-1\" cannot be removed: a source of participation#0 refers to it"
    );
    let e = refused(&mut f, |g| g.remove_entity(paris));
    assert_eq!(
        e.to_string(),
        "entity#3 \"Paris\" cannot be removed: the location of event#0 (invitation) refers to it"
    );
    let unn = f.graph.find_entity("UNN").unwrap();
    let e = refused(&mut f, |g| g.remove_entity(unn));
    assert!(
        e.to_string()
            .ends_with("the publisher of document#0 \"unn-1\" refers to it"),
        "{e}"
    );
    let macron = f.macron;
    let statement = f.statement;
    f.graph
        .update_event(statement, |e| {
            e.sources.push(Source::new(doc).attributed_to(macron))
        })
        .unwrap();
    let e = refused(&mut f, |g| g.remove_entity(macron));
    assert!(matches!(e, ErrorKind::InUse { .. }));
}

#[test]
fn removing_a_node_takes_its_edges_and_keeps_other_ids() {
    let mut f = fixture();
    let poland = f.poland;
    let removed = f.graph.remove_entity(poland).unwrap();
    assert_eq!(removed.name, "Poland");
    assert_eq!(f.graph.participation(f.invited), None);
    assert_eq!(f.graph.relation(f.membership), None);
    assert_eq!(f.graph.participations_in(f.letter).count(), 0);
    assert!(matches!(
        f.graph.find_entity("Poland").map_err(Error::into_kind),
        Err(ErrorKind::UnknownName { .. })
    ));
    assert_eq!(f.graph.entity(f.france).unwrap().name(), "France");
    let json = serde_json::to_string(&f.graph).unwrap();
    let back: EventGraph = serde_json::from_str(&json).unwrap();
    assert_eq!(back, f.graph);
    assert_eq!(back.entity(poland), None);
}

#[test]
fn invalid_serialised_graphs_are_refused_naming_the_record() {
    let cases = [
        (
            r#"{"entities":[{"kind":"state","name":"France"},{"kind":"state","name":"france"}]}"#,
            "invalid graph data: entity#1: a state entity named `france` already exists as entity#0",
        ),
        (
            r#"{"events":[{"kind":"visit","location":3}]}"#,
            "invalid graph data: event#0: unknown entity#3",
        ),
        (
            r#"{"entities":[{"kind":"stat","name":"France"}]}"#,
            "unknown entity kind `stat` — did you mean `state`?",
        ),
        (
            r#"{"entities":[{"kind":"state","name":"France","colour":"blue"}]}"#,
            "unknown field `colour`",
        ),
        (
            r#"{"entities":[{"kind":"state","name":"A"},{"kind":"state","name":"B"}],
                "relations":[{"from":{"entity":0},"kind":"allied_with","to":{"entity":1}},
                             {"from":{"entity":1},"kind":"allied_with","to":{"entity":0}}]}"#,
            "invalid graph data: relation#1: invalid graph data: repeats relation#0",
        ),
        (
            r#"{"events":[{"kind":"visit","date":"2024-02-30"}]}"#,
            "invalid date `2024-02-30`: no such day",
        ),
        (
            r#"{"documents":[{"key":"d","publisher":0}],"entities":[{"kind":"place","name":"Nowhere"}]}"#,
            "invalid graph data: document#0: invalid publisher",
        ),
    ];
    for (json, expected) in cases {
        let error = serde_json::from_str::<EventGraph>(json)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(expected),
            "{json}\n gave: {error}\n want: {expected}"
        );
    }
}

#[test]
fn whether_an_entity_may_take_part_follows_its_kind_through_updates_and_reloads() {
    // Made-up names. The check reads a flag the graph keeps beside the entity's lists, so it
    // must follow every change of kind.
    let mut graph = EventGraph::new();
    let spot = graph
        .add_entity(Entity::new(EntityKind::Person, "A made-up person"))
        .unwrap();
    let talks = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
    graph
        .update_entity(spot, |e| e.kind = EntityKind::Place)
        .unwrap();
    let e = graph
        .add_participation(Participation::new(spot, Role::Participant, talks))
        .unwrap_err();
    assert!(
        e.to_string().contains("a place takes part in no event"),
        "{e}"
    );
    let json = eventkg::io::json::to_string(&graph, false).unwrap();
    let mut reloaded = eventkg::io::json::from_str(&json).unwrap();
    assert!(
        reloaded
            .add_participation(Participation::new(spot, Role::Participant, talks))
            .is_err()
    );
    graph
        .update_entity(spot, |e| e.kind = EntityKind::Person)
        .unwrap();
    graph
        .add_participation(Participation::new(spot, Role::Participant, talks))
        .unwrap();
    let unknown = EntityId::new(99);
    let e = graph
        .add_participation(Participation::new(unknown, Role::Participant, talks))
        .unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::UnknownEntity(id) if *id == unknown),
        "{e}"
    );
}
