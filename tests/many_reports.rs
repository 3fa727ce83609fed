//! Many reports of one story: every fact credited only to the documents that state it, the
//! speaker kept, and no event merged across documents unless the analyst says so.
//!
//! Every report here is made up for the test: invented outlets, invented texts.

mod common;

use eventkg::RecordId;
use eventkg::*;

fn seed() -> EventGraph {
    common::seed::load_file()
}

/// The keys of the documents a record's sources cite.
fn documents(graph: &EventGraph, record: impl Into<RecordId>) -> Vec<String> {
    graph
        .sources_of(record)
        .unwrap()
        .iter()
        .map(|s| graph.document(s.document).unwrap().key().to_owned())
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
        .find(|(_, p)| p.entity() == partners)
        .expect("the new initiator");
    assert_eq!(documents(&graph, id), ["made-up-wire-1"]);
    assert!(
        graph
            .sources_of(id)
            .unwrap()
            .iter()
            .all(|s| s.quote.is_none()),
        "the seed's sentence does not state it"
    );
    // The seed's own initiator keeps the seed's source alone.
    let several = graph.find_entity("several partners").unwrap();
    let (id, _) = graph
        .participations_in(agreement)
        .find(|(_, p)| p.entity() == several)
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
        .find(|(_, r)| r.from() == agreement.into() && r.to() == mission.into())
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
        .find(|(_, p)| p.entity() == several)
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
    let name = |id: EntityId| graph.entity(id).unwrap().name().to_owned();
    let chain = |role: Role| -> Vec<String> {
        let (_, p) = graph
            .participations_in(drills)
            .find(|(_, p)| p.role() == role)
            .unwrap();
        assert_eq!(p.sources().len(), 1);
        graph.reporting_chain(&p.sources()[0]).map(name).collect()
    };
    let full = ["Minister Example", "Made-up Agency", "Made-up Daily"];
    assert_eq!(chain(Role::Initiator), full);
    assert_eq!(chain(Role::Participant), full);
    // The reporter's own sentence about the speaker is not the speaker's.
    assert_eq!(chain(Role::Speaker), ["Made-up Agency", "Made-up Daily"]);
    let minister = graph.find_entity("Minister Example").unwrap();
    let said: Vec<_> = graph
        .said_by(minister)
        .unwrap()
        .filter_map(|c| c.source.quote.clone())
        .collect();
    assert!(said.contains(&"Sylvania will hold joint drills".to_owned()));
    assert!(!said.contains(&"The minister spoke in the capital".to_owned()));
}

// ----- the story of tests/data/story: three made-up reports of one made-up meeting ----------

const STORY: [&str; 3] = ["a_herald.toml", "b_courier.toml", "c_gazette.toml"];

fn story_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/story")
        .join(name)
}

fn story(files: &[&str]) -> (EventGraph, Vec<MergeReport>) {
    let mut graph = EventGraph::new();
    let reports = files
        .iter()
        .map(|f| io::merge_file(&mut graph, story_file(f)).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    (graph, reports)
}

fn doc_keys(graph: &EventGraph, sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .map(|s| graph.document(s.document).unwrap().key().to_owned())
        .collect()
}

#[test]
fn sources_accumulate_on_a_fact_every_report_states() {
    let (graph, _) = story(&STORY[..2]);
    let talks = graph.event_by_key("border_talks").unwrap();
    let sylvania = graph.find_entity("Sylvania").unwrap();
    let (id, _) = graph
        .participations_in(talks)
        .find(|(_, p)| p.entity() == sylvania)
        .unwrap();
    assert_eq!(
        documents(&graph, id),
        ["herald-2024-03-04", "courier-2024-03-05"]
    );
}

#[test]
fn a_date_dispute_keeps_each_date_with_its_source() {
    let (graph, reports) = story(&STORY[..2]);
    let talks = graph.event_by_key("border_talks").unwrap();
    let event = graph.event(talks).unwrap();
    assert!(event.is_disputed(EventField::Date));
    assert_eq!(event.disputed().collect::<Vec<_>>(), [EventField::Date]);
    let dates: Vec<(String, Vec<String>)> = event
        .stated(EventField::Date)
        .map(|(value, sources)| (value.to_string(), doc_keys(&graph, sources)))
        .collect();
    assert_eq!(
        dates,
        [
            (
                "2024-03-01".to_owned(),
                vec!["herald-2024-03-04".to_owned()]
            ),
            (
                "2024-03-02".to_owned(),
                vec!["courier-2024-03-05".to_owned()]
            ),
        ]
    );
    // The event's span covers both, and searches by date find it on either day.
    assert_eq!(event.date().unwrap().to_string(), "2024-03-01/2024-03-02");
    // The place, on which they agree, is credited to both; the kind too.
    let places: Vec<_> = event
        .stated(EventField::Location)
        .map(|(_, s)| doc_keys(&graph, s))
        .collect();
    assert_eq!(places, [vec!["herald-2024-03-04".to_owned()]]);
    let kinds: Vec<_> = event
        .stated(EventField::Kind)
        .map(|(_, s)| doc_keys(&graph, s))
        .collect();
    assert_eq!(
        kinds,
        [vec![
            "herald-2024-03-04".to_owned(),
            "courier-2024-03-05".to_owned()
        ]]
    );
    // Listed among the graph's disputes, and in the merge's report.
    let disputes: Vec<_> = graph.disputes().map(|d| (d.event, d.field)).collect();
    assert_eq!(disputes, [(talks, EventField::Date)]);
    assert_eq!(reports[1].disputes, [(talks, EventField::Date)]);
    assert!(reports[0].disputes.is_empty());
}

#[test]
fn a_new_participant_is_sourced_only_to_its_own_report() {
    let (graph, reports) = story(&STORY[..2]);
    let talks = graph.event_by_key("border_talks").unwrap();
    let marwick = graph.find_entity("Marwick").unwrap();
    let (id, p) = graph
        .participations_in(talks)
        .find(|(_, p)| p.entity() == marwick)
        .unwrap();
    assert_eq!(documents(&graph, id), ["courier-2024-03-05"]);
    assert_eq!(
        p.sources()[0].quote.as_deref(),
        Some("Ambassador Marwick of Sylvania also attended")
    );
    assert!(reports[1].new_facts.contains(&id.into()));
    assert!(reports[1].restated.contains(&talks.into()));
}

#[test]
fn look_alikes_from_other_reports_stay_apart_and_are_reported() {
    let (graph, reports) = story(&STORY[..2]);
    let statements: Vec<EventId> = graph
        .events_of_kind(EventKind::Statement)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(statements.len(), 2, "one per report, not merged");
    let alike: Vec<_> = reports[1]
        .look_alikes
        .iter()
        .map(|l| (l.event, l.held))
        .collect();
    assert_eq!(alike, [(statements[1], statements[0])]);
    for id in statements {
        assert_eq!(documents(&graph, id).len(), 1);
    }
}

#[test]
fn same_as_joins_events_with_the_link_sourced() {
    let (graph, reports) = story(&STORY);
    let talks = graph.event_by_key("border_talks").unwrap();
    assert_eq!(graph.events_of_kind(EventKind::Meeting).count(), 1);
    assert_eq!(
        documents(&graph, talks),
        [
            "herald-2024-03-04",
            "courier-2024-03-05",
            "gazette-2024-03-08"
        ]
    );
    let linked = &reports[2].same_as;
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].event, talks);
    assert_eq!(
        linked[0].sources[0].quote.as_deref(),
        Some("last week's talks in Geneva")
    );
    // The Gazette's "last week" is a week, which holds both days: a third value, no new
    // disagreement.
    let dates: Vec<String> = graph
        .event(talks)
        .unwrap()
        .stated(EventField::Date)
        .map(|(v, _)| v.to_string())
        .collect();
    assert_eq!(dates, ["2024-03-01", "2024-03-02", "2024-W09"]);
    // The Gazette's local name for the talks resolves to the joined event.
    let rejection = graph.event_by_key("rejection").unwrap();
    assert!(
        graph
            .relations()
            .any(|(_, r)| r.from() == rejection.into() && r.to() == talks.into())
    );
}

#[test]
fn loading_a_report_again_changes_nothing_and_says_so() {
    let (mut graph, _) = story(&STORY);
    let before = graph.clone();
    for file in STORY {
        let report = io::merge_file(&mut graph, story_file(file)).unwrap();
        assert!(report.is_empty(), "{file}: {report:?}");
        assert_eq!(report.to_string(), "nothing new");
    }
    assert!(graph == before);
}

#[test]
fn the_first_two_reports_in_either_order_credit_the_same() {
    let (ab, _) = story(&STORY[..2]);
    let (ba, _) = story(&[STORY[1], STORY[0]]);
    // Ids differ with the order; what each fact is credited to does not.
    let credit = |graph: &EventGraph| {
        let mut facts: Vec<(String, Vec<String>)> = graph
            .participations()
            .map(|(id, p)| {
                let event = graph.event(p.event()).unwrap();
                let name = format!(
                    "{} {} {:?}",
                    graph.entity(p.entity()).unwrap().name(),
                    p.role(),
                    event
                        .key()
                        .map_or_else(|| doc_keys(graph, event.sources()).join("+"), str::to_owned)
                );
                let mut docs = documents(graph, id);
                docs.sort();
                (name, docs)
            })
            .collect();
        facts.sort();
        facts
    };
    assert_eq!(credit(&ab), credit(&ba));
    let talks = |g: &EventGraph| {
        let event = g.event(g.event_by_key("border_talks").unwrap()).unwrap();
        let mut dates: Vec<_> = event
            .stated(EventField::Date)
            .map(|(v, s)| (v.to_string(), doc_keys(g, s)))
            .collect();
        dates.sort();
        (event.date(), dates)
    };
    assert_eq!(talks(&ab), talks(&ba));
}

/// A made-up report of a made-up council's session.
const COUNCIL: &str = r#"
[[document]]
id = "first"
published = 2024-05-02
text = "FIRST (made up). The council met."

[[entity]]
kind = "organisation"
name = "Council"

[[event]]
key = "session"
kind = "meeting"
quote = "The council met"
participant = ["Council"]
"#;

/// Two made-up reports of one event: the second restates it with `replace`d values.
fn two_reports(second: impl Fn(String) -> String) -> Result<(EventGraph, MergeReport), Error> {
    let first = COUNCIL.to_owned();
    let mut graph = EventGraph::new();
    io::merge_str(&mut graph, &first, "first.toml", None)?;
    let second = second(
        first
            .replace("\"first\"", "\"second\"")
            .replace("FIRST", "SECOND"),
    );
    let report = io::merge_str(&mut graph, &second, "second.toml", None)?;
    Ok((graph, report))
}

#[test]
fn a_later_report_cannot_silently_retitle_or_reclassify_an_event() {
    // A description where the first report gave none: kept, sourced to the second alone.
    let (graph, report) = two_reports(|s| {
        s.replace(
            "kind = \"meeting\"",
            "kind = \"meeting\"\ndescription = \"emergency session\"",
        )
    })
    .unwrap();
    let session = graph.event_by_key("session").unwrap();
    let event = graph.event(session).unwrap();
    assert_eq!(event.description(), Some("emergency session"));
    let described: Vec<_> = event
        .stated(EventField::Description)
        .map(|(_, s)| doc_keys(&graph, s))
        .collect();
    assert_eq!(described, [vec!["second".to_owned()]]);
    assert_eq!(report.new_values, [(session, EventField::Description)]);

    // Another kind and status: both kept, the event disputed on each, the first value stays.
    let (graph, report) = two_reports(|s| {
        s.replace(
            "kind = \"meeting\"",
            "kind = \"consult\"\nstatus = \"planned\"",
        )
    })
    .unwrap();
    let event = graph.event(session).unwrap();
    assert_eq!(event.kind(), EventKind::Meeting);
    assert!(event.is_disputed(EventField::Kind));
    // The first report gave no status, which the format reads as `happened`.
    assert!(event.is_disputed(EventField::Status));
    assert_eq!(
        report.disputes,
        [(session, EventField::Kind), (session, EventField::Status)]
    );
    // A report that only adds a participant states no status, and disputes nothing.
    let (_, report) = two_reports(|s| {
        s.replace(
            "participant = [\"Council\"]",
            "participant = [\"Council\", \"Council\"]",
        )
    })
    .unwrap();
    assert!(report.disputes.is_empty(), "{report:?}");
}

#[test]
fn keyless_look_alikes_merge_only_by_same_as() {
    let keyless = |s: String| s.replace("key = \"session\"\n", "");
    let first = keyless(COUNCIL.to_owned());
    let mut graph = EventGraph::new();
    io::merge_str(&mut graph, &first, "first.toml", None).unwrap();
    let second = first
        .replace("\"first\"", "\"second\"")
        .replace("FIRST", "SECOND");
    let report = io::merge_str(&mut graph, &second, "second.toml", None).unwrap();
    assert_eq!(graph.event_count(), 2);
    assert_eq!(report.look_alikes.len(), 1);
    // The analyst's call: `same_as` names the first (here by id), and the two are one.
    let linked = second
        .replace("\"second\"", "\"third\"")
        .replace("SECOND", "THIRD")
        .replace(
            "kind = \"meeting\"",
            "kind = \"meeting\"\nsame_as = \"event#0\"",
        );
    let report = io::merge_str(&mut graph, &linked, "third.toml", None).unwrap();
    assert_eq!(graph.event_count(), 2);
    assert_eq!(report.same_as.len(), 1);
    assert_eq!(documents(&graph, EventId::new(0)), ["first", "third"]);
}

#[test]
fn same_as_with_another_key_is_refused_naming_both() {
    let error = two_reports(|s| {
        s.replace(
            "key = \"session\"",
            "key = \"other\"\nsame_as = \"session\"",
        )
    })
    .unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("second.toml:"), "{message}");
    assert!(
        message.contains("`session`") && message.contains("other"),
        "{message}"
    );
}

#[test]
fn disputes_survive_json_and_graph_file_round_trips() {
    let (graph, _) = story(&STORY);
    let json = io::json::to_string(&graph, false).unwrap();
    let back = io::json::from_str(&json).unwrap();
    assert!(back == graph);
    let text = io::to_string(&graph).unwrap();
    let again = io::from_str(&text, "written.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(again == graph, "{text}");
    assert_eq!(again.disputes().count(), 1);
}

#[test]
fn two_blocks_naming_one_event_each_credit_their_own_sentence() {
    // One made-up report that tells the same meeting twice, in two sentences.
    let text = r#"
[[document]]
id = "one"
text = "ONE (made up). Freedonia met Sylvania. Later the two met again, said the wire."

[[entity]]
kind = "state"
name = "Freedonia"

[[entity]]
kind = "state"
name = "Sylvania"

[[event]]
key = "meeting"
kind = "meeting"
quote = "Freedonia met Sylvania"
participant = ["Freedonia"]

[[event]]
same_as = "meeting"
kind = "meeting"
quote = "Later the two met again"
participant = ["Sylvania"]
"#;
    let graph = io::from_str(text, "one.toml").unwrap();
    let quote = |name: &str| -> Vec<Option<String>> {
        let entity = graph.find_entity(name).unwrap();
        let (_, p) = graph
            .participations()
            .find(|(_, p)| p.entity() == entity)
            .unwrap();
        p.sources().iter().map(|s| s.quote.clone()).collect()
    };
    assert_eq!(
        quote("Freedonia"),
        [Some("Freedonia met Sylvania".to_owned())]
    );
    assert_eq!(
        quote("Sylvania"),
        [Some("Later the two met again".to_owned())]
    );
}
