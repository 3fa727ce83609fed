//! The `eventkg` command-line tool, through the built binary: every command, its `--json`
//! output, its errors and exit codes. Run with `cargo test --features cli`.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::{Value, json};

fn seed() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds/000_404871ae4e9fadb6.toml")
        .display()
        .to_string()
}

fn eventkg() -> Command {
    let mut command =
        Command::cargo_bin("eventkg").expect("the binary is built with --features cli");
    command.env_remove("EVENTKG_GRAPH");
    command
}

/// Runs `eventkg -g SEED ARGS…` and returns its exit code, stdout and stderr.
fn run_on_seed(args: &[&str]) -> (i32, String, String) {
    let mut command = eventkg();
    command.arg("-g").arg(seed()).args(args);
    run(command)
}

/// `eventkg -g GRAPH export ARGS…`.
fn export_of(graph: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut command = eventkg();
    command.arg("-g").arg(graph).arg("export").args(args);
    run(command)
}

fn run(mut command: Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json_of(args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let (code, out, err) = run_on_seed(&all);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} gave no JSON ({e}):\n{out}"))
}

#[test]
fn validate_lists_every_problem_with_its_place() {
    let (code, out, _) = run({
        let mut c = eventkg();
        c.args(["validate", &seed()]);
        c
    });
    assert_eq!(code, 0);
    assert!(out.contains("ok: 1 file(s) load without problems"));

    let scratch = tempfile::tempdir().unwrap();
    let bad = scratch.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[entity]]\nkind = \"stat\"\nname = \"A\"\n\n[[entity]]\nkind = \"state\"\nname = \"B\"\n\n[[event]]\nkind = \"visit\"\ndate = \"someday\"\nhost = [\"Bee\"]\n",
    )
    .unwrap();
    let (code, out, err) = run({
        let mut c = eventkg();
        c.arg("validate").arg(&bad);
        c
    });
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("bad.toml:2:8: unknown entity kind `stat` — did you mean `state`?"),
        "{out}"
    );
    assert!(
        lines[1].contains("bad.toml:11:8: invalid date `someday`"),
        "{out}"
    );
    assert!(err.contains("2 problem(s) in 1 file(s)"));

    let (code, out, _) = run({
        let mut c = eventkg();
        c.arg("--json").arg("validate").arg(&bad);
        c
    });
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["problems"][0]["line"], 2);
    assert_eq!(report["problems"][0]["column"], 8);
    assert_eq!(report["problems"][1]["line"], 11);
}

#[test]
fn stats_counts_and_json() {
    let (code, out, _) = run({
        let mut c = eventkg();
        c.args(["stats", &seed()]);
        c
    });
    assert_eq!(code, 0);
    assert!(out.contains("entities        42"));
    assert!(out.contains("dates           2024-05-12 to 2024-11-30"));
    assert!(out.contains("most connected  France (7)"));
    let stats = json_of(&["stats"]);
    assert_eq!(stats["events"], 20);
    assert_eq!(stats["entities_by_kind"]["state"], 15);
    assert_eq!(stats["negated_participations"], 4);
    assert_eq!(stats["most_connected"][0]["entity"]["name"], "France");
}

/// A table with nothing in it is counted as none, not followed by an empty list of kinds.
#[test]
fn stats_of_what_a_graph_lacks_says_none() {
    let scratch = tempfile::tempdir().unwrap();
    // Made up for this test: one state, nothing else.
    let file = scratch.path().join("one.toml");
    std::fs::write(&file, "[[entity]]\nkind = \"state\"\nname = \"Atlantis\"\n").unwrap();
    let (code, out, _) = run({
        let mut c = eventkg();
        c.arg("stats").arg(&file);
        c
    });
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    for expected in [
        "entities        1 (state 1)",
        "events          0",
        "statuses        none",
        "relations       0",
        "dates           none",
        "most connected  none",
    ] {
        assert!(lines.contains(&expected), "no line `{expected}` in\n{out}");
    }
    assert!(!out.contains("()"), "an empty list of kinds in\n{out}");
}

/// `stats` ranks entities by every fact at them, as `EventGraph::degree` counts them:
/// participations (negated ones too) and relations at either end, from entities or events.
#[test]
fn stats_ranks_entities_by_every_fact_at_them() {
    // A made-up graph: the fewest facts that give the ranking ties, a removed entity and each
    // kind of end.
    let mut graph = eventkg::EventGraph::new();
    let mut states: Vec<eventkg::EntityId> = (0..8)
        .map(|i| {
            graph
                .add_entity(eventkg::Entity::new(
                    eventkg::EntityKind::State,
                    format!("Made-up {i}"),
                ))
                .unwrap()
        })
        .collect();
    let place = graph
        .add_entity(eventkg::Entity::new(
            eventkg::EntityKind::Place,
            "Made-up Town",
        ))
        .unwrap();
    let events: Vec<eventkg::EventId> = (0..9)
        .map(|_| {
            graph
                .add_event(eventkg::Event::new(eventkg::EventKind::Meeting))
                .unwrap()
        })
        .collect();
    for (i, &event) in events.iter().enumerate() {
        for (j, &state) in states.iter().enumerate() {
            if (i * 7 + j * 3) % 5 < 2 {
                let mut told =
                    eventkg::Participation::new(state, eventkg::Role::Participant, event);
                if (i + j) % 4 == 0 {
                    told = told.negated();
                }
                graph.add_participation(told).unwrap();
            }
        }
    }
    for (from, kind, to) in [
        (states[1], eventkg::RelationKind::AlliedWith, states[2]),
        (states[3], eventkg::RelationKind::LocatedIn, place),
        (states[6], eventkg::RelationKind::LocatedIn, place),
    ] {
        graph
            .add_relation(eventkg::Relation::new(from, kind, to))
            .unwrap();
    }
    graph
        .add_relation(eventkg::Relation::new(
            events[0],
            eventkg::RelationKind::About,
            states[5],
        ))
        .unwrap();
    graph
        .add_relation(eventkg::Relation::new(
            events[4],
            eventkg::RelationKind::About,
            place,
        ))
        .unwrap();
    graph.remove_entity(states.remove(0)).unwrap();

    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("graph.json");
    let mut text = Vec::new();
    eventkg::io::json::to_writer(&graph, &mut text, false).unwrap();
    std::fs::write(&file, &text).unwrap();
    let graph = eventkg::io::json::from_slice(&text).unwrap();
    let mut expected: Vec<(eventkg::EntityId, usize)> = graph
        .entities()
        .map(|(id, _)| (id, graph.degree(id)))
        .collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    expected.truncate(5);
    let expected: Vec<Value> = expected
        .iter()
        .map(|&(id, facts)| json!([graph.entity(id).unwrap().name(), facts]))
        .collect();
    assert!(
        expected.windows(2).any(|w| w[0][1] == w[1][1]),
        "no tie: {expected:?}"
    );

    let (code, out, err) = run({
        let mut c = eventkg();
        c.arg("-g").arg(&file).args(["--json", "stats"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    let stats: Value = serde_json::from_str(&out).unwrap();
    let ranked: Vec<Value> = stats["most_connected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| json!([e["entity"]["name"], e["facts"]]))
        .collect();
    assert_eq!(ranked, expected);
}

#[test]
fn find_and_show() {
    let (code, out, _) = run_on_seed(&["find", "Burkhart"]);
    assert_eq!(code, 0);
    assert!(out.contains("Thierry Burkhardt"), "{out}");
    let found = json_of(&["find", "paris"]);
    assert_eq!(found["exact"][0]["name"], "France");
    let (code, _, err) = run_on_seed(&["find", "Zzyzx"]);
    assert_eq!(code, 1);
    assert!(err.contains("no entity goes by `Zzyzx`"));

    let (code, out, _) = run_on_seed(&["show", "Kirby"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("John Kirby (person, entity#"), "{out}");
    assert!(
        out.contains("holds_role (communications director) National Security Council"),
        "{out}"
    );
    let letter = json_of(&["show", "letter"]);
    assert_eq!(letter["date"], "2024-W22");
    // Nine states invited, three of them as the group the article names.
    assert_eq!(letter["targets"].as_array().unwrap().len(), 7);
    let denied: Vec<&Value> = letter["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["negated"] == true)
        .collect();
    assert_eq!(denied.len(), 2);
    assert_eq!(
        denied[0]["sources"][0]["quote"],
        "the Ministry of defense in Berlin did not receive an invitation letter"
    );
    let (code, _, err) = run_on_seed(&["show", "Macon"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `Macron`"), "{err}");
}

#[test]
fn show_prints_at_most_limit_facts_and_says_how_many_more() {
    // The letter has nine participants, each with its sources.
    let letter = json_of(&["show", "letter"]);
    let participants = letter["participants"].as_array().unwrap().len();
    assert!(participants > 3, "{participants}");
    let (code, out, _) = run_on_seed(&["show", "letter", "--limit", "2"]);
    assert_eq!(code, 0);
    let listed = out
        .lines()
        .skip_while(|l| *l != "participants:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("    ") && !l.starts_with("  …"))
        .count();
    assert_eq!(listed, 2, "{out}");
    assert!(
        out.contains(&format!(
            "… and {} more participants (`--limit 0` shows all)",
            participants - 2
        )),
        "{out}"
    );
    // France's facts, all of them with --limit 0 and by default, since the seed is small.
    let (_, all, _) = run_on_seed(&["show", "France", "--limit", "0"]);
    let (_, default, _) = run_on_seed(&["show", "France"]);
    assert_eq!(all, default);
    assert!(!all.contains("more participations"), "{all}");
    let (_, one, _) = run_on_seed(&["show", "France", "--limit", "1"]);
    assert!(
        one.contains(
            "more participations (`--limit 0` shows all, or `events --actor France` with filters)"
        ),
        "{one}"
    );
    assert!(one.lines().count() < all.lines().count());
    // JSON lists every fact whatever the limit.
    let limited = json_of(&["show", "letter", "--limit", "1"]);
    assert_eq!(limited, letter);
}

#[test]
fn events_with_filters() {
    let opposed = json_of(&["events", "--actor", "United States", "--role", "opponent"]);
    assert_eq!(opposed.as_array().unwrap().len(), 1);
    assert_eq!(opposed[0]["key"], "mission");
    let not_invited = json_of(&[
        "events",
        "--actor",
        "German Ministry of Defence",
        "--negated",
    ]);
    assert_eq!(not_invited[0]["key"], "letter");
    let may = json_of(&["events", "--from", "2024-05", "--to", "2024-05", "--within"]);
    let keys: Vec<&str> = may
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["key"].as_str())
        .collect();
    assert_eq!(keys, ["meeting", "hungary_statement"]);
    let rejects = json_of(&["events", "--kind", "reject", "--status", "happened"]);
    assert_eq!(rejects.as_array().unwrap().len(), 3);
    let (code, out, _) = run_on_seed(&["events", "--kind", "invitation"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().next().unwrap().starts_with("id"),
        "a table with a header"
    );
    assert!(out.contains("letters inviting allies"));
    let (code, _, err) = run_on_seed(&["events", "--kind", "invitaton"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `invitation`"));
    let (code, _, err) = run_on_seed(&["events", "--from", "May"]);
    assert_eq!(code, 1);
    assert!(err.contains("invalid date `May`"), "{err}");
}

#[test]
fn stance_path_timeline_said_centrality() {
    let (code, out, _) = run_on_seed(&["stance", "mission"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("note: United States was asked, yet opposed"),
        "{out}"
    );
    let stance = json_of(&["stance", "mission"]);
    let opposers = stance["positions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["position"] == "opposes")
        .count();
    assert_eq!(opposers, 7);
    assert_eq!(stance["contradictions"][0]["kind"], "asked_yet_opposed");
    // An entity has one shape everywhere: the contradiction's is the position's.
    let contradicting = &stance["contradictions"][0]["entity"];
    assert_eq!(contradicting["name"], "United States");
    assert!(
        stance["positions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| &p["entity"] == contradicting)
    );

    let (code, out, _) = run_on_seed(&["path", "Burkhardt", "France", "--relations-only"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Thierry Burkhardt — chief of the General Staff — French General Staff"),
        "{out}"
    );
    let paths = json_of(&["path", "Kirby", "Biden", "--all"]);
    assert!(!paths.as_array().unwrap().is_empty());
    let (code, _, err) = run_on_seed(&["path", "Kirby", "Biden", "--max-hops", "1"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no path from `Kirby` to `Biden` within 1 hops"),
        "{err}"
    );

    let timeline = json_of(&["timeline"]);
    assert_eq!(timeline[0]["date"], "2024-05-12/2024-06-09~");

    let (code, out, _) = run_on_seed(&["said", "Kirby"]);
    assert_eq!(code, 0);
    assert!(out.contains("“This has been the case so far"), "{out}");
    assert!(out.contains("John Kirby → Welt → UNN"), "{out}");

    let central = json_of(&["centrality", "--measure", "betweenness", "--top", "3"]);
    assert_eq!(central.as_array().unwrap().len(), 3);
    assert_eq!(central[0]["entity"]["name"], "France");
    // Estimated from more entities than there are: every one a source, the exact ranking.
    let all = json_of(&[
        "centrality",
        "--measure",
        "betweenness",
        "--top",
        "3",
        "--sample",
        "1000",
    ]);
    assert_eq!(all[0]["entity"]["name"], "France");
    // From a few: the same estimate for the same seed.
    let some = [
        "centrality",
        "--measure",
        "betweenness",
        "--sample",
        "3",
        "--seed",
        "7",
    ];
    assert_eq!(json_of(&some), json_of(&some));
    let (code, _, err) = run_on_seed(&["centrality", "--sample", "3"]);
    assert_eq!(code, 2);
    assert!(err.contains("--sample estimates betweenness"), "{err}");
    let (code, ..) = run_on_seed(&["centrality", "--measure", "betweenness", "--sample", "0"]);
    assert_eq!(code, 2);
    let (code, ..) = run_on_seed(&["centrality", "--measure", "betweenness", "--seed", "7"]);
    assert_eq!(code, 2, "a seed without a sample draws nothing");
}

#[test]
fn export_every_format_whole_or_in_part() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    for (format, name) in [
        ("dot", "g.dot"),
        ("json", "g.json"),
        ("toml", "g.toml"),
        ("graphml", "g.graphml"),
        ("turtle", "g.ttl"),
        ("ntriples", "g.nt"),
        ("cypher", "g.cypher"),
        ("events-csv", "g.csv"),
    ] {
        let path = dir.join(name);
        let (code, _, err) = run_on_seed(&["export", format, "-o", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{format}");
    }
    // What was written reads back.
    let (code, out, _) = run({
        let mut c = eventkg();
        c.arg("-g")
            .arg(dir.join("g.json"))
            .arg("--json")
            .arg("stats");
        c
    });
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["entities"], 42);
    let (code, _, _) = run({
        let mut c = eventkg();
        c.arg("validate").arg(dir.join("g.toml"));
        c
    });
    assert_eq!(code, 0);
    common::dot_check::parse(&std::fs::read_to_string(dir.join("g.dot")).unwrap());

    let bulk = dir.join("bulk");
    let (code, _, err) = run_on_seed(&["export", "neo4j-csv", "-o", bulk.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("wrote 15 files"), "{err}");
    assert!(bulk.join("sources.csv").exists() && bulk.join("kuzu_load.cypher").exists());
    let parquet = dir.join("parquet");
    let (code, _, err) = run_on_seed(&["export", "parquet", "-o", parquet.to_str().unwrap()]);
    if cfg!(feature = "parquet") {
        assert_eq!(code, 0, "{err}");
        assert!(parquet.join("sources.parquet").exists());
    } else {
        assert_eq!(code, 2);
        assert!(err.contains("built without Parquet"), "{err}");
        assert!(!parquet.exists(), "nothing written");
    }
    let (code, _, err) = run_on_seed(&["export", "neo4j-csv"]);
    assert_eq!(code, 2, "a folder is required");
    assert!(err.contains("give a folder with -o"));

    // Parts: an ego network, a time window, a stance view clustered by camp.
    let (code, out, _) = run_on_seed(&["export", "dot", "--ego", "Kirby", "--hops", "1"]);
    assert_eq!(code, 0);
    let ego = common::dot_check::parse(&out);
    assert!(ego.nodes.set.len() < 20, "{} nodes", ego.nodes.set.len());
    let (code, out, _) = run_on_seed(&[
        "export",
        "json",
        "--from",
        "2024-06-07",
        "--to",
        "2024-06-07",
    ]);
    assert_eq!(code, 0);
    let window: Value = serde_json::from_str(&out).unwrap();
    // By overlap, 7 June meets Kirby's statement, "in recent weeks" and "the summer".
    assert_eq!(window["graph"]["events"].as_array().unwrap().len(), 3);
    let (code, out, _) = run_on_seed(&["export", "dot", "--stance", "mission"]);
    assert_eq!(code, 0);
    assert!(out.contains("label=\"opposes\""));
    common::dot_check::render("cli-stance", &out);
    let svg = dir.join("stance.svg");
    let (code, _, err) = run_on_seed(&[
        "export",
        "svg",
        "--stance",
        "mission",
        "-o",
        svg.to_str().unwrap(),
    ]);
    if code == 0 {
        assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    } else {
        assert!(err.contains("Graphviz `dot` is not installed"), "{err}");
    }
}

#[test]
fn export_html_writes_one_page_of_a_part_or_of_the_network() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let page = dir.join("kirby.html");
    let (code, _, err) = run_on_seed(&[
        "export",
        "html",
        "--ego",
        "Kirby",
        "--hops",
        "1",
        "--title",
        "Kirby & co",
        "-o",
        page.to_str().unwrap(),
    ]);
    if code != 0 {
        // Graphviz lays the page out; without it the message says what to install.
        assert!(
            std::env::var_os("EVENTKG_REQUIRE_GRAPHVIZ").is_none(),
            "Graphviz is required here: {err}"
        );
        assert!(err.contains("Graphviz `dot` is not installed"), "{err}");
        assert!(!page.exists() || std::fs::metadata(&page).unwrap().len() == 0);
        return;
    }
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Kirby &amp; co</title>"));
    assert!(html.contains("Kirby"));
    let network = dir.join("network.html");
    let (code, _, err) = run_on_seed(&[
        "export",
        "html",
        "--network",
        "--top",
        "5",
        "-o",
        network.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&network).unwrap();
    assert!(html.contains(r#""name":"network""#));
    assert!(
        !html.contains(r#""name":"events""#),
        "an actor network is the one picture"
    );
}

#[test]
fn export_html_of_a_big_network_says_how_many_events_it_left_out() {
    let scratch = tempfile::tempdir().unwrap();
    let page = scratch.path().join("year.html");
    let year = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/network_year.toml");
    let mut command = eventkg();
    command.args([
        "-g",
        year,
        "export",
        "html",
        "--network",
        "--max-events",
        "5",
        "-o",
    ]);
    command.arg(&page);
    let (code, _, err) = run(command);
    if code != 0 {
        assert!(
            std::env::var_os("EVENTKG_REQUIRE_GRAPHVIZ").is_none(),
            "Graphviz is required here: {err}"
        );
        assert!(err.contains("Graphviz `dot` is not installed"), "{err}");
        return;
    }
    // 12 talks on one link and 2 protests on another: the talks keep 3.
    assert!(
        err.contains("the page holds 5 of the network's 14 events, at most 3 per link"),
        "{err}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(r#""omitted":"#));
    // Without --max-events, the 14 fit and nothing is said.
    let mut command = eventkg();
    command.args(["-g", year, "export", "html", "--network", "-o"]);
    command.arg(&page);
    let (code, _, err) = run(command);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("the page holds"), "{err}");
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains(r#""omitted":"#)
    );
}

#[test]
fn max_events_is_for_the_html_page() {
    let (code, _, err) = run_on_seed(&["export", "dot", "--max-events", "5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--max-events is for the html page"), "{err}");
}

#[test]
fn reads_standard_input() {
    let text = std::fs::read_to_string(seed())
        .unwrap()
        .replace("text_file = \"000_404871ae4e9fadb6.txt\"", "");
    let mut command = eventkg();
    command
        .args(["-g", "-", "--json", "stats"])
        .write_stdin(text);
    let (code, out, err) = run(command);
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["events"], 20);
    let mut command = eventkg();
    command
        .args(["-g", "-", "stats"])
        .write_stdin("[[entity]\n");
    let (code, _, err) = run(command);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: <stdin>:1:"), "{err}");
}

#[test]
fn bytes_that_are_not_utf8_are_placed_on_standard_input_and_in_a_file_beside_it() {
    // Made up: one byte that is not UTF-8 in the second entity's name, line 6, after
    // `name = "Bö` (10 characters, one of them two bytes).
    let broken: &[u8] = b"[[entity]]\nname = \"Ana\"\nkind = \"person\"\n\n[[entity]]\nname = \"B\xC3\xB6\xFF\"\nkind = \"person\"\n";
    let expected = "<stdin>:6:11: bytes that are not UTF-8 text (at byte 63 of the file)";
    // Alone, and after blank lines longer than a read's buffer, which move it down.
    let blank = "\n".repeat(10_000);
    for (lead, line) in [("", 6), (blank.as_str(), 10_006)] {
        let mut input = lead.as_bytes().to_vec();
        input.extend_from_slice(broken);
        let mut command = eventkg();
        command.args(["-g", "-", "stats"]).write_stdin(input);
        let (code, out, err) = run(command);
        assert_eq!(code, 1, "{out}");
        let at = 63 + lead.len();
        assert_eq!(
            err.trim_end(),
            format!(
                "error: <stdin>:{line}:11: bytes that are not UTF-8 text (at byte {at} of the file)"
            ),
        );
    }
    // Beside a file: standard input read in its turn.
    let mut command = eventkg();
    command
        .args(["-g"])
        .arg(seed())
        .args(["-g", "-", "stats"])
        .write_stdin(broken);
    let (code, _, err) = run(command);
    assert_eq!(code, 1);
    assert_eq!(err.trim_end(), format!("error: {expected}"));
    // And a file beside standard input, named as when it is read alone.
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("broken.toml");
    std::fs::write(&file, broken).unwrap();
    let mut command = eventkg();
    command
        .args(["-g", "-", "-g"])
        .arg(&file)
        .arg("stats")
        .write_stdin("[[entity]]\nname = \"Cy\"\nkind = \"person\"\n");
    let (code, _, err) = run(command);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {}",
            expected.replace("<stdin>", &file.display().to_string())
        ),
    );
}

#[test]
fn reads_a_json_graph_from_its_file_or_from_standard_input() {
    let scratch = tempfile::tempdir().unwrap();
    let snapshot = scratch.path().join("seed.json");
    let mut command = eventkg();
    command
        .arg("-g")
        .arg(seed())
        .arg("export")
        .arg("json")
        .arg("-o")
        .arg(&snapshot);
    let (code, _, err) = run(command);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&snapshot).unwrap();
    let stats = |graph: &std::ffi::OsStr, input: Option<String>| {
        let mut command = eventkg();
        command.arg("-g").arg(graph).args(["--json", "stats"]);
        if let Some(input) = input {
            command.write_stdin(input);
        }
        let (code, out, err) = run(command);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    let from_file = stats(snapshot.as_os_str(), None);
    assert_eq!(from_file, json_of(&["stats"]));
    // On standard input, after blank lines longer than a read's buffer.
    let blank = "\n \t\r\n".repeat(4096);
    let piped = stats("-".as_ref(), Some(format!("{blank}{text}")));
    assert_eq!(piped, from_file);
    // A fault is placed on its line of the whole input, blank lines counted.
    let broken = format!("{blank}{}", &text[..text.len() / 2]);
    let last_line = broken.lines().count();
    let mut command = eventkg();
    command.args(["-g", "-", "stats"]).write_stdin(broken);
    let (code, _, err) = run(command);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("error: JSON:{last_line}:")),
        "{err}"
    );
    // A TOML graph after blank lines keeps its lines too.
    let mut command = eventkg();
    command
        .args(["-g", "-", "stats"])
        .write_stdin(format!("{blank}[[entity]\n"));
    let (code, _, err) = run(command);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("error: <stdin>:{}:", 4096 * 2 + 1)),
        "{err}"
    );
}

#[test]
fn a_graph_file_reads_no_text_outside_its_folder_unless_trusted() {
    // A made-up graph file from a stranger, naming a text above its own folder.
    let scratch = tempfile::tempdir().unwrap();
    let outer = scratch.path();
    let folder = outer.join("received");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(outer.join("private.txt"), "a made-up private note").unwrap();
    let file = folder.join("shared.toml");
    std::fs::write(
        &file,
        "[[document]]\nid = \"d\"\ntext_file = \"../private.txt\"\n",
    )
    .unwrap();
    let file = file.display().to_string();

    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["-g", &file, "export", "json"]);
        c
    });
    assert_eq!(code, 1, "{err}");
    assert!(!out.contains("private note"), "{out}");
    assert!(
        err.contains("shared.toml:3:13: refused to read `../private.txt`"),
        "{err}"
    );
    assert!(err.contains("--text-root"), "{err}");

    let (code, out, _) = run({
        let mut c = eventkg();
        c.args(["--json", "validate", &file]);
        c
    });
    assert_eq!(code, 1);
    assert!(out.contains("refused to read"), "{out}");

    // Trusted: the root is widened by name.
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["-g", &file, "--text-root"])
            .arg(outer)
            .args(["export", "json"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("a made-up private note"), "{out}");

    // Standard input has no folder: it reads texts only from a root it is given.
    let seed_text = std::fs::read_to_string(seed()).unwrap();
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["-g", "-", "stats"]).write_stdin(seed_text.clone());
        c
    });
    assert_eq!(code, 1);
    assert!(err.contains("no folder"), "{err}");
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["-g", "-", "--text-root"])
            .arg(&seeds)
            .arg("stats")
            .write_stdin(seed_text);
        c
    });
    assert_eq!(code, 0, "{err}");
}

fn story(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/story")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn validate_against_graphs_already_written_reports_what_a_merge_would_change() {
    // Before, `-g` was ignored by `validate`: the Courier alone names states it does not define.
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args([
            "-g",
            &story("a_herald.toml"),
            "validate",
            &story("b_courier.toml"),
        ]);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 dispute, 1 look-alike"), "{out}");
    assert!(
        out.contains("DISPUTE: border_talks (event#0) date"),
        "{out}"
    );
    assert!(
        out.contains("look-alike left apart: statement (event#3)"),
        "{out}"
    );
    // Nothing was merged: the base graph is unchanged.
    let (_, out, _) = run({
        let mut c = eventkg();
        c.args(["-g", &story("a_herald.toml"), "--json", "disputes"]);
        c
    });
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        serde_json::json!([])
    );
    // JSON: the problems and the report.
    let (code, out, _) = run({
        let mut c = eventkg();
        c.args([
            "-g",
            &story("a_herald.toml"),
            "--json",
            "validate",
            &story("b_courier.toml"),
        ]);
        c
    });
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["valid"], true);
    assert_eq!(value["report"]["disputes"][0]["field"], "date");
    assert_eq!(
        value["report"]["disputes"][0]["values"][1]["value"],
        "2024-03-02"
    );
    assert_eq!(
        value["report"]["look_alikes"][0]["looks_like"]["id"],
        "event#2"
    );
}

#[test]
fn merge_lists_a_value_a_record_kept_with_the_file_and_line_that_gave_another() {
    // Two made-up reports that give one state two countries.
    let scratch = tempfile::tempdir().unwrap();
    let file = |name: &str, code: &str| {
        let path = scratch.path().join(name);
        let text =
            format!("[[entity]]\nkind = \"state\"\nname = \"Quasimia\"\ncountry = \"{code}\"\n");
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let (first, second) = (file("a.toml", "QQA"), file("b.toml", "QQB"));
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["-g", &first, "merge", &second]);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(": 1 value kept"), "{out}");
    assert!(
        out.contains(&format!(
            "KEPT: Quasimia (entity#0) keeps country `QQA`; `QQB` given at {second}:1 is not kept"
        )),
        "{out}"
    );
    let (_, out, _) = run({
        let mut c = eventkg();
        c.args(["-g", &first, "merge", "--json", &second]);
        c
    });
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["-g", &first, "-g", &second, "stats"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 1 value given by a file for a record that holds another"),
        "loading says a value was kept: {err}"
    );
    let value: Value = serde_json::from_str(&out).unwrap();
    let kept = &value[0]["report"]["kept"][0];
    assert_eq!(
        (&kept["held"], &kept["given"], &kept["line"]),
        (&json!("QQA"), &json!("QQB"), &json!(1))
    );
}

#[test]
fn merge_and_disputes_list_every_value_with_its_sources() {
    let scratch = tempfile::tempdir().unwrap();
    let out_file = scratch.path().join("story.json");
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args([
            "merge",
            &story("a_herald.toml"),
            &story("b_courier.toml"),
            &story("c_gazette.toml"),
            "-o",
        ])
        .arg(&out_file);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("same_as: joined into border_talks (event#0)"),
        "{out}"
    );
    let written = out_file.display().to_string();
    let (code, out, _) = run({
        let mut c = eventkg();
        c.args(["-g", &written, "disputes"]);
        c
    });
    assert_eq!(code, 0);
    assert!(
        out.starts_with("border_talks (event#0) date: 3 values"),
        "{out}"
    );
    assert!(
        out.contains("[courier-2024-03-05; Made-up Courier]"),
        "{out}"
    );
    let (_, out, _) = run({
        let mut c = eventkg();
        c.args(["-g", &written, "--json", "disputes"]);
        c
    });
    let value: Value = serde_json::from_str(&out).unwrap();
    let values: Vec<&str> = value[0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["2024-03-01", "2024-03-02", "2024-W09"]);
    // `show` marks the disputed attribute.
    let (_, out, _) = run({
        let mut c = eventkg();
        c.args(["-g", &written, "show", "border_talks"]);
        c
    });
    assert!(
        out.contains("(DISPUTED: reports differ, see below)"),
        "{out}"
    );
    assert!(
        out.contains("disputed date, every value with its sources:"),
        "{out}"
    );
    // The seed has none.
    let (code, out, _) = run_on_seed(&["disputes"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("no disputes"), "{out}");
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["stance", "mission"]);
        c
    });
    assert_eq!(code, 2);
    assert!(err.contains("no graph: give --graph FILE"));
    let (code, ..) = run({
        let mut c = eventkg();
        c.arg("frobnicate");
        c
    });
    assert_eq!(code, 2);
    let (code, ..) = run_on_seed(&["centrality", "--measure", "loudest"]);
    assert_eq!(code, 2);
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["-g", "/no/such/file.toml", "stats"]);
        c
    });
    assert_eq!(code, 1, "a missing file is bad input, not bad usage");
    assert!(err.contains("/no/such/file.toml"));
    for command in [
        "validate",
        "stats",
        "find",
        "show",
        "events",
        "stance",
        "path",
        "said",
        "centrality",
        "export",
    ] {
        let (code, out, _) = run({
            let mut c = eventkg();
            c.args([command, "--help"]);
            c
        });
        assert_eq!(code, 0);
        assert!(out.contains("Example"), "{command} --help has an example");
    }
    let (code, out, _) = run({
        let mut c = eventkg();
        c.arg("--help");
        c
    });
    assert_eq!(code, 0);
    assert!(out.contains("Examples:"));
}

#[test]
fn the_graph_can_come_from_the_environment() {
    let mut command = Command::cargo_bin("eventkg").unwrap();
    command
        .env("EVENTKG_GRAPH", seed())
        .args(["--json", "find", "UNN"]);
    let (code, out, _) = run(command);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["exact"][0]["name"],
        "UNN"
    );
}

#[test]
fn export_the_actor_network() {
    let (code, out, err) = run_on_seed(&["export", "links-csv", "--network"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("actor network: 19 actors, 19 links"), "{err}");
    let mut lines = out.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("from_id,from,to_id,to,directed,weight")
    );
    assert_eq!(lines.count(), 19);
    assert!(out.contains("e3,United States,e2,France,true,1,reject:1,0,1,-1"));

    let (code, out, _) = run_on_seed(&["export", "json", "--network", "--kind", "reject"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    let links = json["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .all(|l| l["kinds"]["reject"].as_u64() == l["weight"].as_u64())
    );
    assert_eq!(links.len(), 5);

    let (code, out, _) = run_on_seed(&[
        "export",
        "dot",
        "--network",
        "--top",
        "3",
        "--rank",
        "partners",
        "--engine",
        "sfdp",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("layout=sfdp"));
    assert_eq!(
        common::dot_check::parse(&out)
            .nodes
            .set
            .iter()
            .filter(|(id, _)| id.starts_with('e'))
            .count(),
        3
    );
    common::dot_check::render("cli_network_top3", &out);

    let (code, out, _) = run_on_seed(&["export", "graphml", "--network"]);
    assert_eq!(code, 0);
    assert_eq!(common::xml::well_formed_xml(out.as_bytes()), (19, 19));
    // Every link of the seed is one event: a minimum weight of 2 leaves nothing.
    let (code, out, _) = run_on_seed(&["export", "graphml", "--network", "--min-weight", "2"]);
    assert_eq!(code, 0);
    assert_eq!(common::xml::well_formed_xml(out.as_bytes()), (0, 0));

    // Usage mistakes exit 2; a bad kind is bad input, named with a suggestion.
    assert_eq!(run_on_seed(&["export", "links-csv"]).0, 2);
    assert_eq!(run_on_seed(&["export", "turtle", "--network"]).0, 2);
    assert_eq!(run_on_seed(&["export", "dot", "--top", "3"]).0, 2);
    let (code, _, err) = run_on_seed(&["export", "dot", "--network", "--kind", "rejekt"]);
    assert_eq!(code, 1);
    assert!(err.contains("rejekt") && err.contains("reject"), "{err}");
}

#[test]
fn a_diagram_too_big_for_dot_is_flagged() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let mut file = String::new();
    for i in 0..400 {
        file.push_str(&format!(
            "[[entity]]\nkind = \"person\"\nname = \"P{i}\"\n\n"
        ));
    }
    for i in 0..399 {
        file.push_str(&format!(
            "[[event]]\nkind = \"consult\"\ninitiator = [\"P{i}\"]\ntarget = [\"P{}\"]\n\n",
            i + 1
        ));
    }
    let path = dir.join("chain.toml");
    std::fs::write(&path, file).unwrap();
    let (code, out, err) = run({
        let mut c = eventkg();
        c.arg("-g").arg(&path).args(["export", "dot"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("digraph"));
    assert!(
        err.contains("warning: the diagram has 799 nodes and 798 edges"),
        "{err}"
    );
    assert!(
        err.contains("--network --top 100") && err.contains("--engine sfdp"),
        "{err}"
    );
    let (code, _, err) = run({
        let mut c = eventkg();
        c.arg("-g")
            .arg(&path)
            .args(["export", "dot", "--engine", "sfdp"]);
        c
    });
    assert_eq!(code, 0);
    assert!(!err.contains("warning"), "{err}");
}

/// A made-up graph file of `states` states, every pair of them in one meeting, in a folder
/// of its own.
fn every_pair_meets(states: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let mut file = String::new();
    for i in 0..states {
        file.push_str(&format!(
            "[[entity]]\nkind = \"state\"\nname = \"S{i}\"\n\n"
        ));
    }
    for i in 0..states {
        for j in i + 1..states {
            file.push_str(&format!(
                "[[event]]\nkind = \"meeting\"\ninitiator = [\"S{i}\"]\ntarget = [\"S{j}\"]\n\n"
            ));
        }
    }
    let path = scratch.path().join("dense.toml");
    std::fs::write(&path, file).unwrap();
    (scratch, path)
}

#[test]
fn an_actor_network_too_dense_for_dot_is_told_how_to_thin_it() {
    // A made-up graph: 50 states, every pair of them in one meeting, so that the network of
    // its actors has 1,225 links, past the 1,000 dot lays out in seconds, with any --top.
    let (_scratch, path) = every_pair_meets(50);
    let export = |extra: &[&str]| {
        run({
            let mut c = eventkg();
            c.arg("-g")
                .arg(&path)
                .args(["export", "dot", "--network", "--top", "100"])
                .args(extra);
            c
        })
    };
    let (code, _, err) = export(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("50 nodes and 1225 edges"), "{err}");
    // Not `--top 100` again, which was asked: how many links each actor keeps to fit.
    assert!(
        err.contains("`--links-per-actor 20` keep at most 1000 of the 1225 links"),
        "{err}"
    );
    assert!(err.contains("--engine sfdp"), "{err}");
    // And that does fit.
    let (code, _, err) = export(&["--links-per-actor", "20"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn an_svg_far_past_what_graphviz_lays_out_is_drawn_only_with_force() {
    // A made-up graph: 95 states, every pair of them in one meeting: 4,560 nodes and 8,930
    // edges drawn as events, 4,465 links as a network, each more than four times what dot
    // lays out in seconds (Graphviz did not lay out 4,988 links in ten minutes).
    let (scratch, path) = every_pair_meets(95);
    let svg = scratch.path().join("dense.svg");
    let export = |args: &[&str]| export_of(&path, args);
    let (code, _, err) = export(&["svg", "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("4560 nodes and 8930 edges, more than 4 times"),
        "{err}"
    );
    assert!(err.contains("`export svg --network --top 100`"), "{err}");
    assert!(err.contains("`--force` runs Graphviz anyway"), "{err}");
    assert!(!svg.exists(), "nothing is written");
    let (code, _, err) = export(&["svg", "--network", "-o", svg.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("95 nodes and 4465 edges"), "{err}");
    assert!(
        err.contains("`--links-per-actor 10` keep at most 950"),
        "{err}"
    );
    assert!(!svg.exists(), "nothing is written");
    // The DOT text needs no layout: written, with the warning.
    let (code, out, err) = export(&["dot", "--network"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("digraph") || out.starts_with("graph"),
        "{out:.40}"
    );
    assert!(err.contains("warning: the diagram has 95 nodes"), "{err}");
    // Thinned, it is drawn (when Graphviz is installed).
    let (code, _, err) = export(&[
        "svg",
        "--network",
        "--links-per-actor",
        "3",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(!err.contains("more than 4 times"), "{err}");
    if code == 0 {
        assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    }
}

#[test]
fn an_html_page_of_a_network_far_past_what_sfdp_lays_out_is_written_only_with_force() {
    // A made-up graph: 290 states, every pair of them in one meeting: a network of 41,905
    // links, more than four times the 10,000 that sfdp, which lays out the page's network,
    // lays out in seconds.
    let (scratch, path) = every_pair_meets(290);
    let page = scratch.path().join("dense.html");
    let export = |args: &[&str]| export_of(&path, args);
    let (code, _, err) = export(&["html", "--network", "-o", page.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("290 nodes and 41905 edges, more than 4 times what Graphviz sfdp"),
        "{err}"
    );
    assert!(
        err.contains("`--links-per-actor 34` keep at most 9860 of the 41905 links"),
        "{err}"
    );
    assert!(err.contains("`--force` runs Graphviz anyway"), "{err}");
    assert!(!page.exists(), "nothing is written");
}

#[test]
fn a_folder_is_a_corpus_for_graph_validate_and_merge() {
    let folder = story("");
    // The made-up story's three reports, read from their folder in name order.
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["-g", &folder, "--json", "stats"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    let by_folder: Value = serde_json::from_str(&out).unwrap();
    let (_, out, _) = run({
        let mut c = eventkg();
        c.args([
            "-g",
            &story("a_herald.toml"),
            "-g",
            &story("b_courier.toml"),
            "-g",
            &story("c_gazette.toml"),
            "--json",
            "stats",
        ]);
        c
    });
    let by_files: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(by_folder, by_files);
    assert_eq!(by_folder["documents"], 3);

    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["validate", &folder]);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 file(s) load"), "{out}");

    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["--json", "merge", &folder]);
        c
    });
    assert_eq!(code, 0, "{err}");
    let reports: Value = serde_json::from_str(&out).unwrap();
    let files: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert!(files[0].ends_with("a_herald.toml") && files[2].ends_with("c_gazette.toml"));
}

#[test]
fn a_bad_file_in_a_folder_is_named_and_an_empty_folder_refused() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(
        dir.join("1.toml"),
        "[[entity]]\nkind = \"state\"\nname = \"Freedonia\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("2.toml"),
        "[[entity]]\nkind = \"stat\"\nname = \"Sylvania\"\n",
    )
    .unwrap();
    let (code, _, err) = run({
        let mut c = eventkg();
        c.arg("-g").arg(dir).arg("stats");
        c
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("2.toml:2:8"), "{err}");
    let (code, _, err) = run({
        let mut c = eventkg();
        c.arg("-g").arg(dir.join("empty")).arg("stats");
        c
    });
    assert_ne!(code, 0);
    assert!(err.contains("no graph files"), "{err}");
}

fn gdelt_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/gdelt")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_gdelt_writes_a_graph_and_says_what_it_read() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let output = dir.join("june.json");
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["import", "gdelt", &gdelt_fixture("mentions2.tsv")])
            .arg(gdelt_fixture("events2.export.tsv"))
            .arg("-o")
            .arg(&output);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 files: 11 rows read, 11 kept"), "{out}");
    assert!(out.contains("added 6 events"), "{out}");
    assert!(
        out.contains("4 mentions added as sources; 1 mention"),
        "{out}"
    );

    // The written graph answers queries like any other.
    let (code, out, err) = run({
        let mut c = eventkg();
        c.arg("-g").arg(&output).args(["--json", "show", "1000001"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    let shown: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["gdelt"]["event_code"], "0431");
    assert_eq!(shown["initiators"][0], "FRANCE");

    // Filters, and a second import into the graph already written.
    let (code, out, err) = run({
        let mut c = eventkg();
        c.arg("-g")
            .arg(&output)
            .args([
                "--json",
                "import",
                "gdelt",
                &gdelt_fixture("events1.daily.tsv"),
            ])
            .args([
                "--from",
                "2013-04-15",
                "--to",
                "20130415",
                "--country",
                "RUS",
            ])
            .arg("-o")
            .arg(&output);
        c
    });
    assert_eq!(code, 0, "{err}");
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["rows"]["kept"], 1);
    assert_eq!(summary["rows"]["filtered"], 1);
    assert_eq!(summary["events_added"], 1);
    let (_, out, _) = run({
        let mut c = eventkg();
        c.arg("-g").arg(&output).arg("stats");
        c
    });
    assert!(out.contains("events          7"), "{out}");

    // A folder of GDELT files, as downloaded: the same graph as the files named one by one.
    let folder = dir.join("downloads");
    std::fs::create_dir(&folder).unwrap();
    for name in ["mentions2.tsv", "events2.export.tsv"] {
        std::fs::copy(gdelt_fixture(name), folder.join(format!("{name}.CSV"))).unwrap();
    }
    // GDELT publishes a Global Knowledge Graph file beside each quarter hour's events; this
    // made-up one in its shape (27 columns, a record id first) is passed over, and said so.
    let mut gkg = vec!["20990101000000-3", "20990101000000", "1", "made-up.example"];
    gkg.resize(27, "");
    std::fs::write(folder.join("20990101000000.gkg.csv"), gkg.join("\t") + "\n").unwrap();
    let from_folder = dir.join("folder.json");
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["import", "gdelt"])
            .arg(&folder)
            .arg("-o")
            .arg(&from_folder);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 files: 11 rows read, 11 kept"), "{out}");
    assert!(
        out.contains("passed over 1 file of a GDELT table the import does not read:"),
        "{out}"
    );
    assert!(
        out.contains("20990101000000.gkg.csv:1: a GDELT Global Knowledge Graph 2.1 (GKG) file"),
        "{out}"
    );
    let named = dir.join("named.json");
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["import", "gdelt", &gdelt_fixture("mentions2.tsv")])
            .arg(gdelt_fixture("events2.export.tsv"))
            .arg("-o")
            .arg(&named);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(&from_folder).unwrap(),
        std::fs::read(&named).unwrap()
    );
}

#[test]
fn a_graph_file_that_cannot_be_written_is_named_and_the_path_left_as_it_was() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    // A folder where the graph file should go: the file is written beside it, and cannot take
    // its name.
    let taken = dir.join("graph.json");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("kept.txt"), "made-up notes").unwrap();
    for (command, output) in [
        (
            vec!["import", "gdelt", &gdelt_fixture("events2.export.tsv")],
            &taken,
        ),
        (vec!["merge", &story("a_herald.toml")], &taken),
    ] {
        let (code, _, err) = run({
            let mut c = eventkg();
            c.args(&command).arg("-o").arg(output);
            c
        });
        assert_ne!(code, 0, "{command:?}");
        assert!(err.contains(&taken.display().to_string()), "{err}");
        let mut left: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["graph.json"], "{command:?}");
        assert_eq!(
            std::fs::read_to_string(taken.join("kept.txt")).unwrap(),
            "made-up notes"
        );
    }

    // Written again over a graph file, the file is replaced whole.
    let output = dir.join("june.toml");
    for fixture in ["events2.export.tsv", "events1.daily.tsv"] {
        let (code, _, err) = run({
            let mut c = eventkg();
            c.args(["import", "gdelt", &gdelt_fixture(fixture)])
                .arg("-o")
                .arg(&output);
            c
        });
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run({
        let mut c = eventkg();
        c.arg("-g").arg(&output).args(["--json", "stats"]);
        c
    });
    assert_eq!(code, 0, "{err}");
    let alone = run({
        let mut c = eventkg();
        c.args(["import", "gdelt", &gdelt_fixture("events1.daily.tsv")])
            .arg("-o")
            .arg(dir.join("alone.toml"));
        c
    });
    assert_eq!(alone.0, 0, "{}", alone.2);
    let (_, want, _) = run({
        let mut c = eventkg();
        c.arg("-g")
            .arg(dir.join("alone.toml"))
            .args(["--json", "stats"]);
        c
    });
    assert_eq!(out, want);
}

#[test]
fn import_gdelt_stops_at_a_bad_row_or_counts_it() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let output = dir.join("out.json");
    let (code, out, err) = run({
        let mut c = eventkg();
        c.args(["import", "gdelt", &gdelt_fixture("events2.baddate.tsv")])
            .arg("-o")
            .arg(&output);
        c
    });
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("events2.baddate.tsv:2: column SQLDATE: invalid value `2024-06-02`"),
        "{err}"
    );
    assert!(!output.exists(), "nothing is written after a bad row");

    let (code, out, err) = run({
        let mut c = eventkg();
        c.args([
            "import",
            "gdelt",
            "--skip-bad",
            &gdelt_fixture("events2.truncated.tsv"),
        ])
        .arg("-o")
        .arg(&output);
        c
    });
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("6 rows read, 5 kept, 0 left out by the filters, 1 bad row skipped"),
        "{out}"
    );
    assert!(
        out.contains("skipped: ") && out.contains("events2.truncated.tsv:6: 31 columns"),
        "{out}"
    );

    let (code, _, err) = run({
        let mut c = eventkg();
        c.args(["import", "gdelt", &gdelt_fixture("sixty_columns.tsv"), "-o"])
            .arg(&output);
        c
    });
    assert_eq!(code, 1);
    assert!(err.contains("60 columns, not a GDELT layout"), "{err}");
    let (code, _, err) = run({
        let mut c = eventkg();
        c.args([
            "import",
            "gdelt",
            &gdelt_fixture("events2.export.tsv"),
            "--root-code",
            "21",
            "-o",
        ])
        .arg(&output);
        c
    });
    assert_eq!(code, 1);
    assert!(err.contains("--root-code `21`"), "{err}");
}

#[test]
fn candidates_are_listed_for_review_and_new_look_alikes_warn() {
    let reports = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/resolution/reports");
    let mut command = eventkg();
    command.args(["-g", reports, "candidates", "--threshold", "0.95"]);
    let (code, out, _) = run(command);
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("0.99  Hallvard Quist (entity#3) ~ H. Quist (entity#10): same `quist`"),
        "{out}"
    );
    assert!(out.contains("Made-up Herald (entity#0) ~ Made-up Herald on Sunday (entity#17)"));
    assert!(!out.contains("Anna Quist"), "{out}");

    let mut command = eventkg();
    command.args(["-g", reports, "--json", "candidates"]);
    let (code, out, _) = run(command);
    assert_eq!(code, 0);
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["threshold"], 0.8);
    assert!(value["entities"].as_array().unwrap().len() >= 15);
    assert_eq!(value["events"].as_array().unwrap().len(), 6);
    assert_eq!(value["entities"][0]["reasons"][0], "same `quist`");

    // A file that brings a new spelling of a held name: it loads, with a warning.
    let mut command = eventkg();
    let files = ["a_herald.toml", "d_herald_sunday.toml"].map(|f| format!("{reports}/{f}"));
    command.arg("validate").args(&files);
    let (code, out, _) = run(command);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(
        "warning: `Mr Quist` (entity#9) is new; it looks like `Hallvard Quist` (entity#3, 0.93: \
         same `quist`, one name adds `hallvard`, title `mr` on one name only"
    ), "{out}");
    assert!(out.contains(
        "If they are one, add it as an alias, or write `same_as = \"Hallvard Quist\"` on its record"
    ));
    assert!(out.contains("ok: 2 file(s) load without problems"));

    let mut command = eventkg();
    command.args(["-g", reports, "show", "Mr Quist"]);
    let (_, out, _) = run(command);
    let after = out
        .split("looks like (not joined")
        .nth(1)
        .unwrap_or_default();
    let names: Vec<&str> = after
        .lines()
        .skip(1)
        .map(|l| l.trim().split(" (entity#").next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Hallvard Quist", "H. Quist", "Халлвард Квист", "Anna Quist"],
        "{out}"
    );

    let mut command = eventkg();
    command.arg("--json").arg("validate").args(&files);
    let (_, out, _) = run(command);
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        value["similar_entities"][0]["new"]["name"],
        "Made-up Herald on Sunday"
    );
}

#[test]
fn merge_reports_the_similar_entities_each_file_brought() {
    let reports = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/resolution/reports");
    let scratch = tempfile::tempdir().unwrap();
    let out_file = scratch.path().join("merged.toml");
    let mut command = eventkg();
    command
        .args(["-g", &format!("{reports}/a_herald.toml"), "merge"])
        .arg(format!("{reports}/b_courier.toml"))
        .arg("-o")
        .arg(&out_file);
    let (code, out, err) = run(command);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("similar entities"), "{out}");
    assert!(out.contains(
        "  similar entity: `President Tolminskiy` (entity#9) is new; it looks like `Varek Tolminsky` (entity#4"
    ), "{out}");
}

#[test]
fn stance_and_events_pass_a_groups_part_on_to_its_members() {
    let story = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/groups/lowlands.toml"
    );
    let mut command = eventkg();
    command.args(["-g", story, "stance", "talks", "--through-groups"]);
    let (code, out, err) = run(command);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  Osterlich (through Lowland States) — “Freedonia invited"),
        "{out}"
    );
    let mut command = eventkg();
    command.args(["-g", story, "stance", "talks"]);
    let (_, plain, _) = run(command);
    assert!(!plain.contains("Osterlich"), "{plain}");
    let mut command = eventkg();
    command.args([
        "-g",
        story,
        "--json",
        "events",
        "--actor",
        "Osterlich",
        "--through-groups",
    ]);
    let (code, out, err) = run(command);
    assert_eq!(code, 0, "{err}");
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 1);
    assert_eq!(value[0]["key"], "letter");
}
