//! Collective actors: a group named by a report, its members through sourced `member_of`
//! relations, and queries that pass the group's part on to them. The story is made up.

use eventkg::query::{Position, StanceOptions};
use eventkg::*;

const STORY: &str = include_str!("data/groups/lowlands.toml");

fn story() -> EventGraph {
    io::from_str(STORY, "lowlands.toml").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_group_is_found_by_name_and_lists_its_members_with_their_sources() {
    let graph = story();
    let group = graph.find_entity("the two Lowland States").unwrap();
    assert_eq!(graph.entity(group).unwrap().kind(), EntityKind::Group);
    let members: Vec<&str> = graph
        .group_members(group)
        .unwrap()
        .map(|(m, _)| graph.entity(m).unwrap().name())
        .collect();
    assert_eq!(members, ["Marsovia", "Osterlich"]);
    let (_, membership) = graph.group_members(group).unwrap().next().unwrap();
    let sources = graph.sources_of(RecordId::Relation(membership)).unwrap();
    assert_eq!(
        sources[0].quote.as_deref(),
        Some("Marsovia, a Lowland State")
    );
}

#[test]
fn stance_passes_the_groups_part_on_without_counting_anyone_twice() {
    let graph = story();
    let talks = graph.event_by_key("talks").unwrap();
    let id = |name: &str| graph.find_entity(name).unwrap();
    let names = |stance: &query::Stance, position: Position| -> Vec<String> {
        stance
            .members(position)
            .map(|e| graph.entity(e).unwrap().name().to_owned())
            .collect()
    };

    let named = graph.stance(talks).unwrap();
    assert_eq!(
        names(&named, Position::AskedNoAnswer),
        ["Sylvania", "Lowland States"]
    );
    assert_eq!(names(&named, Position::Opposes), ["Marsovia"]);

    let through = graph
        .stance_with(talks, &StanceOptions::new().through_groups())
        .unwrap();
    // Marsovia was asked through the group and refused: it opposes, and is not also listed
    // as asked without an answer; Osterlich was asked through the group alone.
    assert_eq!(
        names(&through, Position::AskedNoAnswer),
        ["Sylvania", "Lowland States", "Osterlich"]
    );
    assert_eq!(names(&through, Position::Opposes), ["Marsovia"]);
    assert!(through.asked().any(|e| e == id("Marsovia")));
    assert!(
        through
            .contradictions()
            .any(|c| c == query::Contradiction::AskedYetOpposed(id("Marsovia")))
    );
    let osterlich = through
        .entries()
        .find(|e| e.entity == id("Osterlich"))
        .unwrap();
    assert_eq!(osterlich.through, [id("Lowland States")]);
    // The basis: the group's participation and the membership that counts Osterlich in.
    assert_eq!(osterlich.basis.len(), 2);
    assert!(matches!(osterlich.basis[1], FactId::Relation(_)));
    // Every entity once per position.
    let mut seen = std::collections::BTreeSet::new();
    for entry in through.entries() {
        assert!(seen.insert((entry.entity, entry.position)));
    }
    // Upland is outside the group and stays "not asked".
    assert_eq!(names(&through, Position::NotAsked), ["Upland"]);
}

#[test]
fn event_search_reaches_a_member_through_its_group() {
    let graph = story();
    let osterlich = graph.find_entity("Osterlich").unwrap();
    let letter = graph.event_by_key("letter").unwrap();
    let direct: Vec<EventId> = graph.search_events().participant(osterlich).ids().collect();
    assert!(direct.is_empty());
    let through: Vec<EventId> = graph
        .search_events()
        .participant(osterlich)
        .through_groups()
        .role(Role::Target)
        .ids()
        .collect();
    assert_eq!(through, [letter]);
    // Marsovia, named directly in one event and through the group in another: each once.
    let marsovia = graph.find_entity("Marsovia").unwrap();
    let both: Vec<EventId> = graph
        .search_events()
        .participant(marsovia)
        .through_groups()
        .ids()
        .collect();
    assert_eq!(both.len(), 2);
}

#[test]
fn an_alliance_acts_as_itself_not_as_each_member() {
    let mut graph = story();
    let alliance = graph
        .add_entity(Entity::new(EntityKind::Intergovernmental, "River League"))
        .unwrap();
    let sylvania = graph.find_entity("Sylvania").unwrap();
    graph
        .add_relation(Relation::new(sylvania, RelationKind::MemberOf, alliance))
        .unwrap();
    assert_eq!(graph.group_members(alliance).unwrap().count(), 0);
    assert_eq!(graph.groups_of(sylvania).unwrap().count(), 0);
}
