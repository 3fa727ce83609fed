//! Graph files: the seed's encoding, merging several files, writing back, and every error a
//! hand-written file can contain, each located at file:line:column.

use std::path::{Path, PathBuf};

use eventkg::query::Position;
use eventkg::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_file() -> PathBuf {
    root().join("seeds/000_404871ae4e9fadb6.toml")
}

fn load_seed() -> EventGraph {
    io::read_files([seed_file()]).unwrap_or_else(|e| panic!("{e}"))
}

fn names(graph: &EventGraph, ids: impl IntoIterator<Item = EntityId>) -> Vec<String> {
    ids.into_iter()
        .map(|id| graph.entity(id).unwrap().name().to_owned())
        .collect()
}

#[test]
fn the_seed_file_loads_and_is_grounded() {
    let g = load_seed();
    assert_eq!(g.document_count(), 1);
    assert_eq!(g.entity_count(), 42);
    assert_eq!(g.event_count(), 20);
    assert_eq!(g.ungrounded_quotes().count(), 0);
    let quotes = g.claims().filter(|c| c.source.quote.is_some()).count();
    assert!(quotes > 60, "{quotes} quotes");
    let doc = g.document_by_key("000_404871ae4e9fadb6").unwrap();
    let document = g.document(doc).unwrap();
    assert_eq!(document.published(), NaiveDate::from_ymd_opt(2024, 6, 9));
    assert!(document.text().unwrap().contains("EUMAM"));
    // Every record has a source: provenance on everything.
    let unsourced: Vec<String> = g
        .entities()
        .filter(|(_, e)| e.sources().is_empty())
        .map(|(_, e)| e.name().to_owned())
        .chain(
            g.events()
                .filter(|(_, e)| e.sources().is_empty())
                .map(|(id, _)| id.to_string()),
        )
        .chain(
            g.participations()
                .filter(|(_, p)| p.sources().is_empty())
                .map(|(id, _)| id.to_string()),
        )
        .chain(
            g.relations()
                .filter(|(_, r)| r.sources().is_empty())
                .map(|(id, _)| id.to_string()),
        )
        .collect();
    assert!(unsourced.is_empty(), "{unsourced:?}");
}

#[test]
fn the_seed_file_tells_the_article() {
    let g = load_seed();
    let mission = g.event_by_key("mission").unwrap();
    let letter = g.event_by_key("letter").unwrap();
    let stance = g.stance(mission).unwrap();
    assert_eq!(
        names(&g, stance.members(Position::Opposes)),
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
        names(&g, stance.members(Position::NotAsked)),
        ["German Ministry of Defence", "German government"]
    );
    let date = |key: &str| {
        g.event(g.event_by_key(key).unwrap())
            .unwrap()
            .date()
            .unwrap()
            .to_string()
    };
    assert_eq!(date("letter"), "2024-W22");
    assert_eq!(date("kirby_statement"), "2024-06-07");
    assert_eq!(date("meeting"), "2024-05-late");
    assert_eq!(date("review"), "2024-summer");
    assert_eq!(date("continuation"), "2024-11");
    assert_eq!(date("coalition_plan"), "2024-06-09/2024-06-16~");
    let kirby = g.find_entity("Kirby").unwrap();
    let chains: Vec<Vec<String>> = g
        .reported_by(g.event_by_key("kirby_statement").unwrap())
        .unwrap()
        .map(|c| names(&g, c))
        .collect();
    assert_eq!(chains[0], ["John Kirby", "Welt", "UNN"]);
    let said: std::collections::BTreeSet<&str> = g
        .said_by(kirby)
        .unwrap()
        .filter_map(|c| c.source.quote.as_deref())
        .collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(said.contains("it did not want to send American soldiers to Ukraine"));
    // A participant with no source of its own is sourced like its event.
    let france_invites = g
        .participations_in(letter)
        .find(|(_, p)| p.role() == Role::Initiator)
        .unwrap()
        .1;
    assert_eq!(
        france_invites.sources()[0].quote.as_deref(),
        Some("France has sent letters to the United States and about ten European countries")
    );
    let requires = g
        .relations_of(g.event_by_key("eumam_plan").unwrap())
        .find(|(_, r)| r.kind() == RelationKind::Requires)
        .unwrap()
        .1
        .to();
    assert_eq!(
        requires,
        NodeId::Event(g.event_by_key("mandate_change").unwrap())
    );
}

#[test]
fn writing_back_and_reading_again_gives_the_same_graph() {
    let g = load_seed();
    let text = io::to_string(&g).unwrap();
    let back = io::from_str(&text, "written.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, g);
    assert_eq!(
        io::to_string(&back).unwrap(),
        text,
        "writing is deterministic"
    );
}

#[test]
fn two_documents_restating_facts_merge_into_one_graph() {
    let seed = load_seed();
    let both = io::read_files([seed_file(), root().join("tests/data/restatement.toml")])
        .unwrap_or_else(|e| panic!("{e}"));
    // One new outlet, one new event; everything else merged.
    assert_eq!(both.entity_count(), seed.entity_count() + 1);
    assert_eq!(both.event_count(), seed.event_count() + 1);
    assert_eq!(both.participation_count(), seed.participation_count() + 1);
    assert_eq!(both.relation_count(), seed.relation_count() + 1);
    let restatement = both.document_by_key("example-restatement").unwrap();
    let documents =
        |sources: &[Source]| -> Vec<DocumentId> { sources.iter().map(|s| s.document).collect() };
    // The US opposing the mission: one fact, two sources.
    let us = both.find_entity("United States").unwrap();
    let mission = both.event_by_key("mission").unwrap();
    let opposes: Vec<ParticipationRef> = both
        .participations_in(mission)
        .filter(|(_, p)| p.entity() == us && p.role() == Role::Opponent)
        .map(|(_, p)| p)
        .collect();
    assert_eq!(opposes.len(), 1);
    assert_eq!(documents(opposes[0].sources())[1], restatement);
    // Macron merged by alias; his title gained a second source.
    let macron = both.find_entity("Emmanuel Macron").unwrap();
    let title = both
        .relations_of_kind(macron, RelationKind::HoldsRole, true)
        .next()
        .unwrap()
        .1;
    assert_eq!(title.sources().len(), 2);
    // The restated event gained the second document as a source.
    let letter = both.event(both.event_by_key("letter").unwrap()).unwrap();
    assert!(documents(letter.sources()).contains(&restatement));
    assert_eq!(both.ungrounded_quotes().count(), 0);
    // Loading the same file twice changes nothing.
    let twice = io::read_files([seed_file(), seed_file()]).unwrap();
    assert_eq!(twice, seed);
}

/// Loads `text` as a file named `bad.toml` and returns the error's message.
fn error_of(text: &str) -> String {
    match io::from_str(text, "bad.toml") {
        Ok(_) => panic!("must be refused:\n{text}"),
        Err(error) => error.to_string(),
    }
}

const HEAD: &str = r#"
[[document]]
id = "d"
published = 2024-06-09
text = "France invited Poland last week."

[[entity]]
kind = "state"
name = "France"

[[entity]]
kind = "state"
name = "Poland"
"#;

#[test]
fn errors_name_file_line_column_and_the_offending_value() {
    let cases: &[(&str, &str)] = &[
        // TOML syntax.
        ("[[entity]\nkind = \"state\"", "bad.toml:1:"),
        // An unknown field.
        (
            "[[entity]]\nkind = \"state\"\nname = \"X\"\ncolour = \"blue\"",
            "unknown field `colour`",
        ),
        // A wrong kind, with the nearest term.
        (
            "[[entity]]\nkind = \"stat\"\nname = \"X\"",
            "bad.toml:2:8: unknown entity kind `stat` — did you mean `state`?",
        ),
        // A wrong type.
        ("[[entity]]\nkind = 3\nname = \"X\"", "bad.toml:2:"),
        // A missing field.
        ("[[entity]]\nkind = \"state\"", "missing field `name`"),
        // A publication day with a time, an offset, or a time alone.
        (
            "[[document]]\nid = \"d\"\npublished = 2024-06-09T10:30:00",
            "bad.toml:3:13: invalid date `2024-06-09T10:30:00`: a publication day is a date",
        ),
        (
            "[[document]]\nid = \"d\"\npublished = 2024-06-09T10:30:00+02:00",
            "bad.toml:3:13: invalid date `2024-06-09T10:30:00+02:00`",
        ),
        (
            "[[document]]\nid = \"d\"\npublished = 10:30:00",
            "bad.toml:3:13: invalid date `10:30:00`",
        ),
        (
            "[[document]]\nid = \"d\"\npublished = 2023-02-29",
            "bad.toml:3:",
        ),
    ];
    for (text, expected) in cases {
        let message = error_of(text);
        assert!(
            message.contains(expected),
            "{text}\n gave: {message}\n want: {expected}"
        );
    }
    let located: &[(&str, &str)] = &[
        (
            "[[event]]\nkind = \"invitation\"\ninitiator = [\"Frnace\"]",
            "bad.toml:16:14: unknown entity name `Frnace` — did you mean `France`?",
        ),
        (
            "[[event]]\nid = \"letter\"\nkind = \"invitation\"\n\n[[event]]\nkind = \"reject\"\nresponds_to = [\"leter\"]",
            "bad.toml:20:16: unknown entity or event `leter` — did you mean `letter`?",
        ),
        (
            "[[event]]\nid = \"x\"\nkind = \"visit\"\n\n[[event]]\nid = \"x\"\nkind = \"visit\"",
            "bad.toml:19:6: the id `x` is already defined at line 15",
        ),
        (
            "[[event]]\nkind = \"visit\"\ndate = \"sometime soon\"",
            "bad.toml:16:8: invalid date `sometime soon`",
        ),
        (
            "[[event]]\nkind = \"visit\"\ndate = \"2024-02-30\"",
            "bad.toml:16:8: invalid date `2024-02-30`: no such day",
        ),
        (
            "[[event]]\nkind = \"invitation\"\nquote = \"France invited Spain\"",
            "bad.toml:16:9: the quote `France invited Spain` does not occur in the text of document `d`",
        ),
        (
            "[[event]]\nkind = \"invitation\"\ninitiator = [{ to = \"France\", confidence = 1.5 }]",
            "bad.toml:16:44: invalid confidence `1.5`: expected a number from 0 to 1",
        ),
        (
            "[[entity]]\nkind = \"state\"\nname = \"France\"",
            "bad.toml:16:8: a state entity named `France` already exists",
        ),
        (
            "[[event]]\nkind = \"visit\"\nstatus = \"maybe\"",
            "bad.toml:16:10: unknown event status `maybe`",
        ),
        (
            "[[entity]]\nkind = \"person\"\nname = \"Burkhardt\"\nholds_role = [\"France\"]",
            "`holds_role` needs the role's title",
        ),
        (
            "[[event]]\nkind = \"visit\"\nquote = \"France\"\ndocument = \"e\"",
            "bad.toml:17:12: unknown document key `e`",
        ),
    ];
    for (tail, expected) in located {
        let text = format!("{HEAD}{tail}");
        let message = error_of(&text);
        assert!(
            message.contains(expected),
            "{text}\n gave: {message}\n want: {expected}"
        );
    }
}

#[test]
fn a_source_needs_a_document_when_the_file_has_several() {
    let text = r#"
[[document]]
id = "a"
[[document]]
id = "b"
[[entity]]
kind = "state"
name = "France"
quote = "France"
"#;
    let message = error_of(text);
    assert!(
        message.starts_with("bad.toml:6:1: invalid source"),
        "{message}"
    );
    assert!(message.contains("name it with `document`"), "{message}");
    // With `document`, it loads; a record that says nothing of its source gets none.
    let fixed = text.replace(
        "quote = \"France\"",
        "document = \"a\"\n[[entity]]\nkind = \"state\"\nname = \"Spain\"",
    );
    let graph = io::from_str(&fixed, "fixed.toml").unwrap();
    let spain = graph.find_entity("Spain").unwrap();
    assert!(graph.entity(spain).unwrap().sources().is_empty());
}

#[test]
fn a_missing_text_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.toml");
    std::fs::write(
        &path,
        "[[document]]\nid = \"d\"\ntext_file = \"nowhere.txt\"\n",
    )
    .unwrap();
    let message = io::read_files([&path]).unwrap_err().to_string();
    assert!(message.contains("graph.toml:3:13"), "{message}");
    assert!(message.contains("nowhere.txt"), "{message}");
    let missing = io::read_files([Path::new("/no/such/file.toml")]).unwrap_err();
    assert!(matches!(missing.kind(), ErrorKind::Io { .. }));
    let system =
        std::error::Error::source(&missing).and_then(|s| s.downcast_ref::<std::io::Error>());
    assert_eq!(
        system.map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
}

#[test]
fn a_failing_file_leaves_the_graph_as_it_was() {
    let mut graph = load_seed();
    let before = graph.clone();
    let text = "[[entity]]\nkind = \"state\"\nname = \"Atlantis\"\n\n[[event]]\nkind = \"visit\"\nhost = [\"Nowhere\"]\n";
    let error = io::merge_str(&mut graph, text, "late.toml", None).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("late.toml:7:9: unknown entity name `Nowhere`"),
        "{error}"
    );
    assert_eq!(graph, before, "nothing is half-loaded");
    assert!(graph.find_entity("Atlantis").is_err());
}

#[test]
fn the_format_document_example_loads() {
    // docs/format.md's complete example, kept in step by this test.
    let doc = std::fs::read_to_string(root().join("docs/format.md")).unwrap();
    let start = doc.find("```toml\n").expect("a toml example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let graph = io::from_str(&doc[start..end], "docs/format.md").unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.event_count() >= 2);
    assert_eq!(graph.ungrounded_quotes().count(), 0);
}

#[test]
fn merging_the_same_file_twice_changes_nothing() {
    // Found by the property `merging_a_file_twice_changes_nothing`: events without a key were
    // added again on every merge, and an entity sharing an alias with another could not be
    // restated by its own name.
    let file = r#"
[[entity]]
kind = "person"
name = "Ann"
aliases = ["the minister"]

[[entity]]
kind = "person"
name = "Bea"
aliases = ["the minister"]

[[event]]
id = "talk"
kind = "meeting"
participant = ["Ann", "Bea"]

[[event]]
kind = "meeting"

[[event]]
kind = "meeting"

[[participation]]
entity = "Ann"
role = "initiator"
event = "talk"
"#;
    let mut once = EventGraph::new();
    io::merge_str(&mut once, file, "twice.toml", None).unwrap();
    assert_eq!(
        once.event_count(),
        3,
        "two identical keyless events stay two"
    );
    let mut twice = once.clone();
    io::merge_str(&mut twice, file, "twice.toml", None).unwrap();
    assert_eq!(twice, once);

    // A keyless event that differs in what it says is a new event.
    let other = file.replace(
        "participant = [\"Ann\", \"Bea\"]",
        "participant = [\"Ann\"]",
    );
    io::merge_str(&mut twice, &other, "other.toml", None).unwrap();
    assert_eq!(twice.event_count(), 4);

    // A new alias that another entity goes by is still ambiguous.
    let mut graph = once.clone();
    let error = graph
        .merge_entity(Entity::new(EntityKind::Person, "Ann").alias("Bea"))
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::AmbiguousName { .. }),
        "{error}"
    );
}

#[test]
fn a_quote_the_text_does_not_hold_is_written_so_that_the_file_loads_again() {
    // Found by the fuzz target `graph_operations`: the API keeps a quote its document's text
    // does not hold (`ungrounded_quotes` lists them), but the file loader refused it, so the
    // graph's own file did not load.
    let mut graph = EventGraph::new();
    let doc = graph
        .add_document(Document::new("welt").text("Deutschland lehnt ab."))
        .unwrap();
    graph
        .add_event(
            Event::new(EventKind::Reject)
                .source(Source::new(doc).quote("Germany refuses"))
                .source(Source::new(doc).quote("Deutschland lehnt ab")),
        )
        .unwrap();
    assert_eq!(graph.ungrounded_quotes().count(), 1);
    let file = io::to_string(&graph).unwrap();
    assert!(file.contains("verbatim = false"), "{file}");
    assert_eq!(
        file.matches("verbatim").count(),
        1,
        "only the translation is marked"
    );
    assert_eq!(io::from_str(&file, "welt.toml").unwrap(), graph);

    // By hand: a translation is kept when marked, refused with its place when not.
    let marked = r#"
[[document]]
id = "welt"
text = "Deutschland lehnt ab."

[[event]]
kind = "reject"
sources = [{ quote = "Germany refuses", verbatim = false }]
"#;
    assert!(io::from_str(marked, "marked.toml").is_ok());
    let unmarked = marked.replace(", verbatim = false", "");
    match io::from_str(&unmarked, "unmarked.toml") {
        Err(error) => {
            assert_eq!(error.location().map(Location::line), Some(8));
            assert!(matches!(error.kind(), ErrorKind::QuoteNotInDocument { .. }));
        }
        other => panic!("{other:?}"),
    }
}

/// `docs/format.md` lists every term of every vocabulary, so that a user learns them without
/// reading the source; a term added to the model and not to the page fails here.
#[test]
fn the_format_page_lists_every_term() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"),
    )
    .unwrap();
    let listed = |term: &str| page.contains(&format!("| `{term}` |"));
    let terms: Vec<String> = eventkg::EntityKind::named()
        .map(|t| t.to_string())
        .chain(eventkg::EventKind::named().map(|t| t.to_string()))
        .chain(eventkg::Role::named().map(|t| t.to_string()))
        .chain(eventkg::RelationKind::named().map(|t| t.to_string()))
        .chain(
            [
                eventkg::EventStatus::Happened,
                eventkg::EventStatus::Ongoing,
                eventkg::EventStatus::Planned,
                eventkg::EventStatus::Proposed,
                eventkg::EventStatus::Hypothetical,
            ]
            .map(|s| s.to_string()),
        )
        .collect();
    assert_eq!(
        terms.len(),
        10 + 22 + 11 + 11 + 5,
        "every vocabulary, every term"
    );
    let missing: Vec<&String> = terms.iter().filter(|t| !listed(t)).collect();
    assert!(missing.is_empty(), "docs/format.md lacks {missing:?}");
}

/// A name two entities go by is settled by what its position admits, in whichever order the
/// files that made them were loaded; a name still ambiguous says how to qualify it, and the
/// qualified form works. All the reports here are made up.
#[test]
fn a_shared_name_is_settled_by_position_and_kind() {
    let place = r#"
[[document]]
id = "atlas"
[[entity]]
kind = "place"
name = "Brussels"
document = "atlas"
"#;
    let union = r#"
[[document]]
id = "gazette"
[[entity]]
kind = "intergovernmental"
name = "European Union"
aliases = ["Brussels", "EU"]
document = "gazette"
"#;
    let report = r#"
[[document]]
id = "courier"
[[event]]
kind = "reject"
initiator = ["Brussels"]
location = "Brussels"
document = "courier"
"#;
    for order in [[place, union], [union, place]] {
        let mut graph = EventGraph::new();
        for (i, text) in order.iter().enumerate() {
            io::merge_str(&mut graph, text, &format!("{i}.toml"), None).unwrap();
        }
        io::merge_str(&mut graph, report, "courier.toml", None).unwrap();
        let (id, event) = graph.events().next().unwrap();
        let location = graph.entity(event.location().unwrap()).unwrap();
        assert_eq!(
            location.kind(),
            EntityKind::Place,
            "a location is a place or state"
        );
        let initiator = graph.participations_in(id).next().unwrap().1.entity();
        assert_eq!(graph.entity(initiator).unwrap().name(), "European Union");
    }

    // Two actors go by one name: the error lists them with their kinds and says how to
    // name one; the qualified form, and a kind that does not fit, are read as written.
    let mut graph = EventGraph::new();
    let two = r#"
[[document]]
id = "almanac"
[[entity]]
kind = "state"
name = "Georgia"
document = "almanac"
[[entity]]
kind = "person"
name = "Ann Georgia"
aliases = ["Georgia"]
document = "almanac"
"#;
    io::merge_str(&mut graph, two, "two.toml", None).unwrap();
    let asks = |initiator: &str| {
        format!(
            "[[document]]\nid = \"herald\"\n[[event]]\nkind = \"visit\"\ninitiator = [{initiator}]\ndocument = \"herald\"\n"
        )
    };
    let error = io::merge_str(
        &mut graph.clone(),
        &asks("\"Georgia\""),
        "herald.toml",
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("herald.toml:5:")
            && error.contains("`Georgia` (entity#0, state), `Ann Georgia` (entity#1, person)")
            && error.contains(r#"write `{ to = "Georgia", kind = "state" }` or the entity's id"#),
        "{error}"
    );
    let mut settled = graph.clone();
    io::merge_str(
        &mut settled,
        &asks(r#"{ to = "Georgia", kind = "person" }"#),
        "herald.toml",
        None,
    )
    .unwrap();
    let (id, _) = settled.events().next().unwrap();
    let who = settled.participations_in(id).next().unwrap().1.entity();
    assert_eq!(settled.entity(who).unwrap().name(), "Ann Georgia");
    let error = io::merge_str(
        &mut graph.clone(),
        &asks(r#"{ to = "Ann Georgia", kind = "state" }"#),
        "herald.toml",
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("a person entity, not a state one"),
        "{error}"
    );
}

#[test]
fn the_seed_file_names_the_baltic_states_as_the_article_does() {
    let g = load_seed();
    let group = g.find_entity("the three Baltic States").unwrap();
    assert_eq!(g.entity(group).unwrap().kind(), EntityKind::Group);
    let members: Vec<EntityId> = g.group_members(group).unwrap().map(|(m, _)| m).collect();
    assert_eq!(
        names(&g, members.clone()),
        ["Estonia", "Latvia", "Lithuania"]
    );
    // Asked through the group: each member, once, marked as such.
    let mission = g.event_by_key("mission").unwrap();
    let stance = g
        .stance_with(mission, &query::StanceOptions::new().through_groups())
        .unwrap();
    for member in members {
        let entry = stance
            .entries()
            .find(|e| e.entity == member && e.position == Position::AskedNoAnswer)
            .unwrap();
        assert_eq!(entry.through, [group]);
    }
    assert!(
        g.entities()
            .all(|(_, e)| e.attributes().get("group").is_none())
    );
}

#[test]
fn attributes_keep_the_order_the_file_gives() {
    // Made up. The keys are not in alphabetical order, as a coder or an importer writes them.
    let text = r#"
[[document]]
id = "d"
text = "Made up."

[[entity]]
kind = "state"
name = "Avaria"

[entity.attributes]
zeta = "1"
alpha = "2"
mu = "3"

[[event]]
kind = "meeting"
participant = ["Avaria"]
attributes = { round = "2", agenda = "trade" }
"#;
    let graph = io::from_str(text, "order.toml").unwrap_or_else(|e| panic!("{e}"));
    let (_, avaria) = graph.entities().next().unwrap();
    let keys: Vec<&str> = avaria.attributes().iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["zeta", "alpha", "mu"]);
    let (_, meeting) = graph.events().next().unwrap();
    let keys: Vec<&str> = meeting.attributes().iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["round", "agenda"]);
    // Written and read back, the graph's every export is the same, byte for byte.
    let written = io::to_string(&graph).unwrap();
    let back = io::from_str(&written, "written.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        io::json::to_string(&back, true).unwrap(),
        io::json::to_string(&graph, true).unwrap()
    );
    assert_eq!(io::to_string(&back).unwrap(), written);
}
