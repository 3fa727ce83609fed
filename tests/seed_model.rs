//! The seed article, built statement by statement through the public API, and checked against
//! what the article says. Every quote is checked to occur verbatim in the article.

use eventkg::*;

mod common;

use common::seed::{ARTICLE, id, seed};

fn names(graph: &EventGraph, ids: impl IntoIterator<Item = EntityId>) -> Vec<&str> {
    ids.into_iter()
        .map(|id| graph.entity(id).expect("live entity").name())
        .collect()
}

fn in_role(graph: &EventGraph, event: EventId, role: Role, polarity: Polarity) -> Vec<EntityId> {
    graph
        .participations_in(event)
        .filter(|(_, p)| p.role() == role && p.polarity() == polarity)
        .map(|(_, p)| p.entity())
        .collect()
}

#[test]
fn france_invited_nine_named_states_through_its_chief_of_staff() {
    let s = seed();
    let g = &s.graph;
    assert_eq!(
        names(g, in_role(g, s.letter, Role::Initiator, Polarity::Affirmed)),
        ["France"]
    );
    assert_eq!(
        names(g, in_role(g, s.letter, Role::Agent, Polarity::Affirmed)),
        ["Thierry Burkhardt"]
    );
    assert_eq!(
        names(g, in_role(g, s.letter, Role::Target, Polarity::Affirmed)),
        common::seed::INVITED
    );
    let letter = g.event(s.letter).unwrap();
    assert_eq!(letter.kind().plover(), Some("REQUEST"));
    assert_eq!(
        letter.kind().quad_class(),
        Some(QuadClass::VerbalCooperation)
    );
    assert_eq!(
        letter.attributes().get("recipients"),
        Some("the United States and about ten European countries")
    );
}

#[test]
fn germany_was_not_invited_and_that_is_a_fact_with_a_source() {
    let s = seed();
    let g = &s.graph;
    let not_invited = in_role(g, s.letter, Role::Target, Polarity::Negated);
    assert_eq!(
        names(g, not_invited.clone()),
        ["German Ministry of Defence", "German government"]
    );
    let (_, fact) = g
        .participations_in(s.letter)
        .find(|(_, p)| p.entity() == not_invited[0])
        .unwrap();
    assert_eq!(
        fact.sources()[0].quote.as_deref(),
        Some("the Ministry of defense in Berlin did not receive an invitation letter")
    );
    let soldiers = in_role(g, s.mission, Role::Participant, Polarity::Negated);
    assert_eq!(names(g, soldiers), ["Bundeswehr"]);
}

#[test]
fn opponents_of_the_mission_and_their_reasons() {
    let s = seed();
    let g = &s.graph;
    assert_eq!(
        names(g, in_role(g, s.mission, Role::Opponent, Polarity::Affirmed)),
        [
            "United States",
            "Germany",
            "Italy",
            "Spain",
            "most EU countries"
        ]
    );
    assert_eq!(
        names(
            g,
            in_role(g, s.mission, Role::Supporter, Polarity::Affirmed)
        ),
        ["several partners", "EU diplomatic circles"]
    );
    let opposition = g.event(s.opposition).unwrap();
    assert_eq!(
        opposition.kind().quad_class(),
        Some(QuadClass::VerbalConflict)
    );
    let reasons: Vec<EventId> = g
        .relations_of(s.opposition)
        .filter(|(_, r)| r.kind() == RelationKind::MotivatedBy)
        .filter_map(|(_, r)| r.to().as_event())
        .collect();
    assert_eq!(reasons, [s.escalation]);
    let escalation = g.event(s.escalation).unwrap();
    assert_eq!(escalation.status(), EventStatus::Hypothetical);
    assert_eq!(
        names(
            g,
            in_role(g, s.escalation, Role::Concerned, Polarity::Affirmed)
        ),
        [
            "German government",
            "Italian government",
            "Spanish government"
        ]
    );
    // Invited, yet opposed: the United States is in both lists.
    let us = id(g, "Washington");
    assert!(in_role(g, s.letter, Role::Target, Polarity::Affirmed).contains(&us));
    assert!(in_role(g, s.mission, Role::Opponent, Polarity::Affirmed).contains(&us));
}

#[test]
fn dates_keep_the_precision_the_text_gives() {
    let s = seed();
    let g = &s.graph;
    let date = |event: EventId| g.event(event).unwrap().date().expect("dated");
    assert_eq!(date(s.letter).to_string(), "2024-W22");
    assert_eq!(date(s.letter).precision(), Precision::Week);
    assert_eq!(date(s.kirby_statement).to_string(), "2024-06-07");
    assert_eq!(date(s.meeting).to_string(), "2024-05-late");
    assert_eq!(date(s.meeting).precision(), Precision::PartOfMonth);
    assert_eq!(
        date(s.macron_statement).to_string(),
        "2024-06-08/2024-06-09"
    );
    assert!(date(s.coalition_plan).is_approximate());
    assert_eq!(date(s.german_refusal).to_edtf(), "2024-05-12/2024-06-09~");
    // The article gives no date for the mission itself, and the model invents none.
    assert_eq!(g.event(s.mission).unwrap().date(), None);
}

#[test]
fn who_said_it_and_who_reported_it() {
    let s = seed();
    let g = &s.graph;
    let statement = g.event(s.kirby_statement).unwrap();
    let chain = names(g, g.reporting_chain(&statement.sources()[0]));
    assert_eq!(chain, ["John Kirby", "Welt", "UNN"]);
    let speakers = names(
        g,
        in_role(g, s.kirby_statement, Role::Speaker, Polarity::Affirmed),
    );
    assert_eq!(speakers, ["John Kirby"]);
    let titles: Vec<(&str, &str)> = g
        .relations_of(id(g, "Kirby"))
        .filter_map(|(_, r)| {
            let to = g.entity(r.to().as_entity()?)?;
            Some((r.title()?, to.name()))
        })
        .collect();
    assert_eq!(
        titles,
        [("communications director", "National Security Council")]
    );
    let plan = g.event(s.eumam_plan).unwrap();
    assert_eq!(
        names(g, plan.sources()[0].attributed_to),
        ["Brussels diplomats"]
    );
    assert_eq!(g.document(s.doc).unwrap().publisher(), Some(id(g, "UNN")));
}

#[test]
fn eumam_is_an_eu_mission_whose_mandate_would_have_to_change() {
    let s = seed();
    let g = &s.graph;
    let eumam = id(g, "eumam");
    assert_eq!(g.entity(eumam).unwrap().kind(), EntityKind::Mission);
    let required: Vec<EventRef> = g
        .relations_of(s.eumam_plan)
        .filter(|(_, r)| r.kind() == RelationKind::Requires)
        .map(|(_, r)| g.event(r.to().as_event().unwrap()).unwrap())
        .collect();
    assert_eq!(required.len(), 1);
    assert_eq!(
        required[0].kind(),
        EventKind::Other("mandate change".into())
    );
    assert_eq!(required[0].status(), EventStatus::Hypothetical);
}

#[test]
fn names_aliases_and_metonyms_resolve() {
    let s = seed();
    let g = &s.graph;
    assert_eq!(id(g, "Paris"), id(g, "France"));
    assert_eq!(id(g, "Burkhard"), id(g, "thierry BURKHARDT"));
    assert_eq!(id(g, "Brussels"), id(g, "European Union"));
    assert_eq!(g.entity(id(g, "Berlin")).unwrap().kind(), EntityKind::Place);
    match g.find_entity("Macon").map_err(Error::into_kind) {
        Err(ErrorKind::UnknownName { suggestion, .. }) => {
            assert_eq!(suggestion.as_deref(), Some("Macron"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_quote_occurs_verbatim_in_the_article() {
    let s = seed();
    let g = &s.graph;
    let folded = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let article = folded(ARTICLE);
    let mut quotes = Vec::new();
    let mut collect = |sources: &[Source]| {
        quotes.extend(sources.iter().filter_map(|s| s.quote.clone()));
    };
    g.entities().for_each(|(_, e)| collect(e.sources()));
    g.events().for_each(|(_, e)| collect(e.sources()));
    g.participations().for_each(|(_, p)| collect(p.sources()));
    g.relations().for_each(|(_, r)| collect(r.sources()));
    assert!(quotes.len() > 40, "{} quotes", quotes.len());
    for quote in quotes {
        assert!(
            article.contains(&folded(&quote)),
            "not in the article: {quote}"
        );
    }
}

#[test]
fn the_seed_round_trips_through_json() {
    let s = seed();
    let json = serde_json::to_string_pretty(&s.graph).unwrap();
    let back: EventGraph = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s.graph);
    assert_eq!(serde_json::to_string_pretty(&back).unwrap(), json);
    assert_eq!(
        back.find_entity("Burkhard").unwrap(),
        id(&s.graph, "Thierry Burkhardt")
    );
}

#[test]
fn restating_a_fact_adds_a_source_not_an_edge() {
    let mut s = seed();
    let g = &mut s.graph;
    let other = g.add_document(Document::new("restatement")).unwrap();
    let before = g.participation_count();
    let us = g.find_entity("United States").unwrap();
    let fact = g
        .add_participation(
            Participation::new(us, Role::Opponent, s.mission).source(Source::new(other)),
        )
        .unwrap();
    assert_eq!(g.participation_count(), before);
    let documents: Vec<DocumentId> = g
        .participation(fact)
        .unwrap()
        .sources()
        .iter()
        .map(|s| s.document)
        .collect();
    assert_eq!(documents, [s.doc, other]);
}
