//! Many reports of one story: every fact credited only to the documents that state it, the
//! speaker kept, and no event merged across documents unless the analyst says so.
//!
//! Every report here is made up for the test: invented outlets, invented texts.

mod common;

use eventkg::query::RecordId;
use eventkg::*;

fn seed() -> EventGraph {
    common::seed::load_file()
}

/// The keys of the documents a record's sources cite.
fn documents(graph: &EventGraph, record: impl Into<RecordId>) -> Vec<String> {
    graph
        .sources_of(record)
        .iter()
        .map(|s| graph.document(s.document).unwrap().key.clone())
        .collect()
}

fn merge(graph: &mut EventGraph, text: &str, name: &str) {
    io::merge_str(graph, text, name, None).unwrap_or_else(|e| panic!("{e}"));
}

/// A made-up second report restating the seed's `agreement` with an initiator the seed never
/// names, and a relation the seed never states, neither with a quote of its own.
const SECOND_REPORT: &str = r#"
[[document]]
id = "made-up-wire-1"
publisher = "Made-up Wire"
published = 2024-06-11
text = "MADE-UP WIRE (invented for a test). Many partners agreed, and the agreement concerns the mission."

[[entity]]
kind = "media_outlet"
name = "Made-up Wire"

[[entity]]
kind = "group"
name = "many partners"

[[event]]
key = "agreement"
kind = "agree"
initiator = ["many partners"]
about = ["mission"]
"#;

#[test]
fn a_new_participant_is_credited_only_to_the_report_that_names_it() {
    let mut graph = seed();
    merge(&mut graph, SECOND_REPORT, "second.toml");
    let agreement = graph.event_by_key("agreement").unwrap();
    let partners = graph.find_entity("many partners").unwrap();
    let (id, _) = graph
        .participations_in(agreement)
        .find(|(_, p)| p.entity == partners)
        .expect("the new initiator");
    assert_eq!(documents(&graph, id), ["made-up-wire-1"]);
    assert!(
        graph.sources_of(id).iter().all(|s| s.quote.is_none()),
        "the seed's sentence does not state it"
    );
    // The seed's own initiator keeps the seed's source alone.
    let several = graph.find_entity("several partners").unwrap();
    let (id, _) = graph
        .participations_in(agreement)
        .find(|(_, p)| p.entity == several)
        .unwrap();
    assert_eq!(documents(&graph, id), ["000_404871ae4e9fadb6"]);
    // The event itself is told by both.
    assert_eq!(documents(&graph, agreement).len(), 2);
}

#[test]
fn a_new_relation_is_credited_only_to_the_report_that_states_it() {
    let mut graph = seed();
    let agreement = graph.event_by_key("agreement").unwrap();
    let mission = graph.event_by_key("mission").unwrap();
    let before = graph.relation_count();
    merge(&mut graph, SECOND_REPORT, "second.toml");
    assert_eq!(graph.relation_count(), before + 1);
    let (id, _) = graph
        .relations()
        .find(|(_, r)| r.from == agreement.into() && r.to == mission.into())
        .expect("the new `about`");
    assert_eq!(documents(&graph, id), ["made-up-wire-1"]);
}

#[test]
fn loading_the_other_report_first_credits_the_same_way() {
    // The order of the files does not change who is credited with what.
    let mut graph = EventGraph::new();
    let seed_file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_404871ae4e9fadb6.toml"
    );
    let second = SECOND_REPORT.replace("key = \"agreement\"", "key = \"agreement\"\nid = \"a\"");
    merge(
        &mut graph,
        &second.replace("about = [\"mission\"]\n", ""),
        "second.toml",
    );
    io::merge_file(&mut graph, seed_file).unwrap();
    let agreement = graph.event_by_key("agreement").unwrap();
    let several = graph.find_entity("several partners").unwrap();
    let (id, _) = graph
        .participations_in(agreement)
        .find(|(_, p)| p.entity == several)
        .unwrap();
    assert_eq!(documents(&graph, id), ["000_404871ae4e9fadb6"]);
}

/// A made-up report whose event is a speaker's statement, with facts quoting parts of it.
const SPOKEN: &str = r#"
[[document]]
id = "made-up-daily"
publisher = "Made-up Daily"
via = ["Made-up Agency"]
text = "MADE-UP DAILY (invented for a test). Minister Example said: Freedonia and Sylvania will hold joint drills next month. The minister spoke in the capital."

[[entity]]
kind = "media_outlet"
name = "Made-up Daily"

[[entity]]
kind = "media_outlet"
name = "Made-up Agency"

[[entity]]
kind = "person"
name = "Minister Example"

[[entity]]
kind = "state"
name = "Freedonia"

[[entity]]
kind = "state"
name = "Sylvania"

[[event]]
key = "drills"
kind = "cooperate"
status = "planned"
said_by = "Minister Example"
quote = "Freedonia and Sylvania will hold joint drills next month"
initiator = [{ to = "Freedonia", quote = "Freedonia" }]
participant = [{ to = "Sylvania", quote = "Sylvania will hold joint drills" }]
speaker = [{ to = "Minister Example", quote = "The minister spoke in the capital" }]
"#;

#[test]
fn a_fact_quoting_the_speakers_words_keeps_the_speaker_and_the_chain() {
    let mut graph = EventGraph::new();
    merge(&mut graph, SPOKEN, "spoken.toml");
    let drills = graph.event_by_key("drills").unwrap();
    let name = |id: EntityId| graph.entity(id).unwrap().name.clone();
    let chain = |role: Role| -> Vec<String> {
        let (_, p) = graph
            .participations_in(drills)
            .find(|(_, p)| p.role == role)
            .unwrap();
        assert_eq!(p.sources.len(), 1);
        graph.reporting_chain(&p.sources[0]).map(name).collect()
    };
    let full = ["Minister Example", "Made-up Agency", "Made-up Daily"];
    assert_eq!(chain(Role::Initiator), full);
    assert_eq!(chain(Role::Participant), full);
    // The reporter's own sentence about the speaker is not the speaker's.
    assert_eq!(chain(Role::Speaker), ["Made-up Agency", "Made-up Daily"]);
    let minister = graph.find_entity("Minister Example").unwrap();
    let said: Vec<_> = graph
        .said_by(minister)
        .filter_map(|c| c.source.quote.clone())
        .collect();
    assert!(said.contains(&"Sylvania will hold joint drills".to_owned()));
    assert!(!said.contains(&"The minister spoke in the capital".to_owned()));
}
