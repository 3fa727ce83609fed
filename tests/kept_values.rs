//! A value a later report gives a record otherwise than the record holds (another country for
//! an actor, another title for a document, another value of an attribute) is kept out of the
//! record, which holds one value, and never dropped unseen: the merge report lists it, with
//! where it was given.
//!
//! Every report here is made up for the test: invented states, outlets and texts.

use eventkg::*;

/// A made-up report: one document, an actor with a place and an attribute, an event with an
/// attribute, a participation and a relation with attributes and a validity. `v` picks one of
/// two versions of every value that a record holds once.
fn report(document: &str, v: usize) -> String {
    let [country, lat, title, day, rank, tone, valid, seat, sure] = [
        ["QQA", "QQB"],
        ["10.5", "11.5"],
        ["Talks at the border", "Border talks begin"],
        ["2031-04-02", "2031-04-03"],
        ["first", "second"],
        ["calm", "tense"],
        ["2030", "2029"],
        ["front row", "back row"],
        ["0.8", "0.6"],
    ]
    .map(|pair| pair[v]);
    format!(
        r#"
[[document]]
id = "{document}"
title = "{title}"
published = {day}
text = "MADE-UP DESK (invented for a test). The envoys met at the border."

[[entity]]
kind = "state"
name = "Quasimia"
country = "{country}"
coordinates = [{lat}, 20.25]
attributes = {{ rank = "{rank}" }}

[[entity]]
kind = "intergovernmental"
name = "Made-up League"

[[relation]]
from = "Quasimia"
kind = "member_of"
to = "Made-up League"
valid_from = "{valid}"
attributes = {{ seat = "{seat}" }}

[[event]]
key = "border-talks"
kind = "meeting"
confidence = {sure}
attributes = {{ tone = "{tone}" }}
participant = ["Quasimia"]
"#
    )
}

fn merge(graph: &mut EventGraph, text: &str, name: &str) -> MergeReport {
    io::merge_str(graph, text, name, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Each kept value as `field: held <- given (file:line)`.
fn kept(report: &MergeReport) -> Vec<String> {
    report
        .kept
        .iter()
        .map(|kept| {
            let at = kept.at.as_ref().map_or("in memory".into(), |at| {
                format!("{}:{}", at.file(), at.line())
            });
            format!("{}: {} <- {} ({at})", kept.field, kept.held, kept.given)
        })
        .collect()
}

#[test]
fn a_second_report_giving_other_values_has_each_kept_value_reported_where_it_was_given() {
    let mut graph = EventGraph::new();
    assert!(
        merge(&mut graph, &report("desk-1", 0), "first.toml")
            .kept
            .is_empty()
    );
    // The same document told again, with another title and day: a copy that differs.
    let report = merge(&mut graph, &report("desk-1", 1), "second.toml");
    assert_eq!(
        kept(&report),
        [
            "country: QQA <- QQB (second.toml:8)",
            "coordinates: [10.5, 20.25] <- [11.5, 20.25] (second.toml:8)",
            "attributes.rank: first <- second (second.toml:8)",
            "title: Talks at the border <- Border talks begin (second.toml:2)",
            "published: 2031-04-02 <- 2031-04-03 (second.toml:2)",
            "attributes.tone: calm <- tense (second.toml:26)",
            "confidence: 0.8 <- 0.6 (second.toml:26)",
            "valid_from: 2030 <- 2029 (second.toml:19)",
            "attributes.seat: front row <- back row (second.toml:19)",
        ]
    );
    assert!(report.to_string().ends_with("9 values kept"), "{report}");
    // The records keep what the first report gave.
    let quasimia = graph
        .entity(graph.find_entity("Quasimia").unwrap())
        .unwrap();
    assert_eq!(quasimia.country().unwrap().to_string(), "QQA");
    assert_eq!(quasimia.attributes().get("rank"), Some("first"));
    let document = graph
        .document(graph.document_by_key("desk-1").unwrap())
        .unwrap();
    assert_eq!(document.title(), Some("Talks at the border"));
    // Each kept value names its record.
    let kinds: Vec<String> = report.kept.iter().map(|k| k.record.to_string()).collect();
    assert!(kinds[0].starts_with("entity#") && kinds[3].starts_with("document#"));
    assert!(kinds[6].starts_with("event#") && kinds[7].starts_with("relation#"));
}

#[test]
fn the_other_order_keeps_the_other_values_and_reports_the_first_ones() {
    let mut graph = EventGraph::new();
    merge(&mut graph, &report("desk-1", 1), "second.toml");
    let report = merge(&mut graph, &report("desk-1", 0), "first.toml");
    assert_eq!(report.kept.len(), 9);
    assert_eq!(
        (report.kept[0].held.as_str(), report.kept[0].given.as_str()),
        ("QQB", "QQA")
    );
    let quasimia = graph
        .entity(graph.find_entity("Quasimia").unwrap())
        .unwrap();
    assert_eq!(quasimia.country().unwrap().to_string(), "QQB");
}

#[test]
fn a_value_the_record_lacks_is_taken_and_one_it_holds_again_is_not_kept() {
    let mut graph = EventGraph::new();
    let bare = "[[entity]]\nkind = \"state\"\nname = \"Quasimia\"\n";
    merge(&mut graph, bare, "bare.toml");
    let report = merge(&mut graph, &report("desk-1", 0), "first.toml");
    assert!(report.kept.is_empty(), "{:?}", kept(&report));
    let quasimia = graph
        .entity(graph.find_entity("Quasimia").unwrap())
        .unwrap();
    assert_eq!(quasimia.country().unwrap().to_string(), "QQA");
    // The same report again: nothing new, nothing kept.
    let again = merge(&mut graph, &report_text(), "first-again.toml");
    assert!(again.is_empty(), "{again}");
}

fn report_text() -> String {
    report("desk-1", 0)
}

#[test]
fn a_participation_keeps_its_attribute_against_another() {
    let mut graph = EventGraph::new();
    let file = |role: &str| {
        format!(
            "[[document]]\nid = \"d\"\n\n[[entity]]\nkind = \"state\"\nname = \"Quasimia\"\n\n\
             [[event]]\nkey = \"talks\"\nkind = \"meeting\"\n\n[[participation]]\n\
             entity = \"Quasimia\"\nrole = \"participant\"\nevent = \"talks\"\n\
             attributes = {{ capacity = \"{role}\" }}\n"
        )
    };
    merge(&mut graph, &file("host"), "a.toml");
    let report = merge(&mut graph, &file("guest"), "b.toml");
    assert_eq!(
        kept(&report),
        ["attributes.capacity: host <- guest (b.toml:12)"]
    );
    assert!(matches!(
        report.kept[0].record,
        Keeper::Record(RecordId::Participation(_))
    ));
}

#[test]
fn a_corpus_folder_reports_a_kept_country_in_the_file_that_gave_it() {
    let folder = tempfile::tempdir().unwrap();
    let actor = |code: &str| {
        format!("[[entity]]\nkind = \"person\"\nname = \"Ida Quell\"\ncountry = \"{code}\"\n")
    };
    std::fs::write(folder.path().join("a.toml"), actor("QQA")).unwrap();
    // Named again as it is: the common case of a corpus, found without a merge.
    std::fs::write(folder.path().join("b.toml"), actor("QQA")).unwrap();
    std::fs::write(folder.path().join("c.toml"), actor("QQB")).unwrap();
    let mut graph = EventGraph::new();
    let files = io::graph_files(folder.path()).unwrap();
    let reports = io::GraphFileReader::new()
        .merge_files(&mut graph, &files)
        .unwrap();
    let counts: Vec<usize> = reports.iter().map(|r| r.kept.len()).collect();
    assert_eq!(counts, [0, 0, 1]);
    let kept = &reports[2].kept[0];
    assert_eq!((kept.held.as_str(), kept.given.as_str()), ("QQA", "QQB"));
    assert!(kept.at.as_ref().unwrap().file().ends_with("c.toml"));
    // `read_files` makes no report: its caller sees the value through `on_kept`.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let into = std::sync::Arc::clone(&seen);
    io::GraphFileReader::new()
        .on_kept(move |kept| into.lock().unwrap().push(kept.given.clone()))
        .read_files(&files)
        .unwrap();
    assert_eq!(*seen.lock().unwrap(), ["QQB"]);
}

#[test]
fn a_graph_merged_in_memory_reports_kept_values_without_a_place() {
    let build = |code: &str, title: &str| -> Result<EventGraph, Error> {
        let mut graph = EventGraph::new();
        graph.add_document(Document::new("desk-1").title(title))?;
        graph.add_entity(
            Entity::new(EntityKind::State, "Quasimia").country(CountryCode::new(code)?),
        )?;
        Ok(graph)
    };
    let mut story = build("QQA", "Talks").unwrap();
    let report = story.merge(&build("QQB", "Other talks").unwrap()).unwrap();
    assert_eq!(
        kept(&report),
        [
            "country: QQA <- QQB (in memory)",
            "title: Talks <- Other talks (in memory)",
        ]
    );
}

#[test]
fn a_file_that_fails_reports_nothing_kept_and_leaves_nothing_for_the_next() {
    let mut graph = EventGraph::new();
    merge(&mut graph, &report("desk-1", 0), "first.toml");
    let failing = report("desk-1", 1) + "\n[[event]]\nkind = \"no-such-kind\"\n";
    assert!(io::merge_str(&mut graph, &failing, "failing.toml", None).is_err());
    let report = merge(&mut graph, &report_text(), "first-again.toml");
    assert!(report.kept.is_empty(), "{:?}", kept(&report));
}

#[test]
fn a_confidence_a_later_report_states_is_taken_by_an_event_that_had_none() {
    let mut graph = EventGraph::new();
    let file = |document: &str, extra: &str| {
        format!(
            "[[document]]\nid = \"{document}\"\n\n[[event]]\nkey = \"talks\"\nkind = \"meeting\"\n{extra}"
        )
    };
    merge(&mut graph, &file("a", ""), "a.toml");
    let report = merge(&mut graph, &file("b", "confidence = 0.6\n"), "b.toml");
    assert!(report.kept.is_empty(), "{:?}", kept(&report));
    let talks = graph.event(graph.event_by_key("talks").unwrap()).unwrap();
    assert_eq!(talks.confidence().value(), 0.6);
    // A third report that leaves it unsaid takes nothing away and keeps nothing.
    let report = merge(&mut graph, &file("c", ""), "c.toml");
    assert!(report.kept.is_empty(), "{:?}", kept(&report));
    let talks = graph.event(graph.event_by_key("talks").unwrap()).unwrap();
    assert_eq!(talks.confidence().value(), 0.6);
}
