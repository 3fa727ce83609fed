//! The HTML page: what it holds, what it never holds, and that the same graph makes the same
//! bytes. The page is driven in a real browser by `tests/browser` (`npm test` there).
#![cfg(feature = "html")]

mod common;

use eventkg::export::HtmlWriter;
use eventkg::*;

/// Whether Graphviz can run here; CI sets `EVENTKG_REQUIRE_GRAPHVIZ`, so there it must.
fn graphviz() -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("EVENTKG_REQUIRE_GRAPHVIZ").is_some() {
        panic!("EVENTKG_REQUIRE_GRAPHVIZ is set but Graphviz `dot` cannot run");
    }
    found
}

fn page(writer: &HtmlWriter<'_>) -> (String, eventkg::export::HtmlSummary) {
    let mut out = Vec::new();
    let summary = writer.write(&mut out).expect("the page is written");
    (String::from_utf8(out).expect("UTF-8"), summary)
}

/// The JSON the page carries, as its script reads it.
fn data(page: &str) -> serde_json::Value {
    let start = page
        .find(r#"<script type="application/json" id="eventkg-data">"#)
        .unwrap();
    let text = &page[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</script>").unwrap()];
    serde_json::from_str(text).expect("the data is JSON")
}

#[test]
fn the_seed_page_holds_every_quote_and_is_byte_stable() {
    if !graphviz() {
        return;
    }
    let graph = common::seed::load_file();
    let writer = HtmlWriter::new(&graph).title("The seed");
    let (first, summary) = page(&writer);
    let (second, _) = page(&writer);
    assert!(first == second, "the same graph makes the same page");
    assert!(summary.events_drawn);
    let data = data(&first);
    assert_eq!(data["title"], "The seed");
    assert_eq!(data["diagrams"].as_array().unwrap().len(), 2);
    assert_eq!(
        data["events"].as_array().unwrap().len(),
        graph.event_count()
    );
    // Every quote of every participation reaches the page, as written.
    let text = data.to_string();
    for (_, participation) in graph.participations() {
        for source in participation.sources() {
            if let Some(quote) = &source.quote {
                assert!(
                    text.contains(&serde_json::to_string(quote).unwrap()),
                    "{quote}"
                );
            }
        }
    }
    // Every fact, and every node a fact touches, can be found in the picture by its id.
    let svg = data["diagrams"][0]["svg"].as_str().unwrap();
    for fact in data["facts"].as_array().unwrap() {
        let id = fact["id"].as_str().unwrap();
        assert!(svg.contains(&format!(r#"id="{id}""#)), "fact {id} drawn");
    }
    for fact in data["facts"].as_array().unwrap() {
        for end in [&fact["from"], &fact["to"]] {
            let id = format!(r#"id="{}""#, end.as_str().unwrap());
            assert!(svg.contains(&id), "{id} drawn");
        }
    }
}

#[test]
fn the_policy_allows_only_the_pages_own_script_and_style() {
    if !graphviz() {
        return;
    }
    let graph = common::seed::load_file();
    let (page, _) = page(&HtmlWriter::new(&graph));
    let policy = page
        .split(r#"http-equiv="Content-Security-Policy" content=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a policy");
    assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
    assert!(!policy.contains("unsafe"), "{policy}");
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
    assert!(!page.contains("<link"), "no style sheet from elsewhere");
}

#[test]
fn hostile_text_is_data_never_markup() {
    if !graphviz() {
        return;
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hostile_page.toml");
    let graph = io::read_files([path]).expect("the made-up hostile report loads");
    let title = "</script><script>alert(1)</script> & <b>";
    let (page, _) = page(&HtmlWriter::new(&graph).title(title));
    // Two scripts, the data and the page's own; every `<` of the data is a JSON escape.
    assert_eq!(page.matches("<script").count(), 2);
    assert_eq!(page.matches("</script").count(), 2);
    assert!(page.contains(
        "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</title>"
    ));
    let start = page.find(r#"id="eventkg-data">"#).unwrap();
    let json = &page[start + 18..];
    let json = &json[..json.find("</script>").unwrap()];
    assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
    // And what the script reads back is the text as written.
    let data = data(&page);
    assert_eq!(data["title"], title);
    let names: Vec<&str> = data["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"<img src=x onerror=\"window.pwned='img'\"> council"));
    assert!(names.contains(&"\u{202e}reversed\u{202c} bureau"));
}

#[test]
fn a_part_too_big_to_draw_is_drawn_as_its_actor_network() {
    if !graphviz() {
        return;
    }
    let mut graph = EventGraph::new();
    let actors: Vec<EntityId> = (0..150)
        .map(|i| {
            graph
                .add_entity(Entity::new(EntityKind::State, format!("State {i}")))
                .unwrap()
        })
        .collect();
    for i in 0..600 {
        let event = graph.add_event(Event::new(EventKind::Meeting)).unwrap();
        let (a, b) = (actors[i % 150], actors[(i * 7 + 1) % 150]);
        if a == b {
            continue;
        }
        graph
            .add_participation(Participation::new(a, Role::Initiator, event))
            .unwrap();
        graph
            .add_participation(Participation::new(b, Role::Target, event))
            .unwrap();
    }
    let (page, summary) = page(&HtmlWriter::new(&graph).top(40));
    assert!(!summary.events_drawn);
    assert_eq!(summary.actors, 40);
    let data = data(&page);
    let diagrams = data["diagrams"].as_array().unwrap();
    assert_eq!(diagrams.len(), 1);
    assert_eq!(diagrams[0]["name"], "network");
    assert!(diagrams[0]["note"].as_str().unwrap().contains("600 events"));
    // Every link carries its events, each with its participations, for the filters.
    let links = data["links"].as_array().unwrap();
    assert_eq!(links.len(), summary.links);
    let events: usize = links
        .iter()
        .map(|l| l["events"].as_array().unwrap().len())
        .sum();
    assert_eq!(events, data["events"].as_array().unwrap().len());
}

#[test]
fn a_part_is_drawn_with_the_graphs_own_ids() {
    if !graphviz() {
        return;
    }
    let graph = common::seed::load_file();
    let france = common::seed::id(&graph, "France");
    let ego = graph
        .ego(france, 1, &query::PathOptions::default())
        .unwrap();
    let (page, _) = page(&HtmlWriter::new(&ego));
    let data = data(&page);
    let svg = data["diagrams"][0]["svg"].as_str().unwrap();
    assert!(svg.contains(&format!(r#"id="e{}""#, france.index())));
    for event in data["events"].as_array().unwrap() {
        let id = event["id"].as_str().unwrap();
        assert!(ego.contains(EventId::new(id[1..].parse().unwrap())));
    }
}

#[test]
fn missing_graphviz_is_a_clear_error() {
    let graph = common::seed::load_file();
    let mut out = Vec::new();
    let error = HtmlWriter::new(&graph)
        .graphviz("/nonexistent/graphviz/dot")
        .write(&mut out)
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Graphviz { program, .. } if program == "/nonexistent/graphviz/dot")
    );
    assert!(error.to_string().contains("is not installed"), "{error}");
    assert!(out.is_empty(), "nothing is written");
}

/// A made-up network: 300 dated meetings of two states over a year, each told by one of seven
/// reports, the last 3 undated; and 3 protests of two other states, told by an eighth.
fn heavy_and_light() -> (EventGraph, Vec<EventId>) {
    let mut graph = EventGraph::new();
    let [a, b, c, d] = ["Alpha", "Beta", "Gamma", "Delta"].map(|name| {
        graph
            .add_entity(Entity::new(EntityKind::State, name))
            .unwrap()
    });
    let reports: Vec<DocumentId> = (0..8)
        .map(|i| {
            graph
                .add_document(Document::new(format!("made-up report {i}")))
                .unwrap()
        })
        .collect();
    let mut heavy = Vec::new();
    for i in 0..300 {
        let mut event = Event::new(if i % 2 == 0 {
            EventKind::Meeting
        } else {
            EventKind::Statement
        })
        .source(Source::new(reports[i % 7]));
        if i < 297 {
            // Out of date order on purpose: the page orders a link's events by date itself.
            let day = (i * 37) % 297;
            let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                + chrono::Days::new(day as u64);
            event = event.date(date.format("%Y-%m-%d").to_string().parse().unwrap());
        }
        let event = graph.add_event(event).unwrap();
        graph
            .add_participation(Participation::new(a, Role::Initiator, event))
            .unwrap();
        graph
            .add_participation(Participation::new(b, Role::Target, event))
            .unwrap();
        heavy.push(event);
    }
    for _ in 0..3 {
        let event = graph
            .add_event(Event::new(EventKind::Protest).source(Source::new(reports[7])))
            .unwrap();
        graph
            .add_participation(Participation::new(c, Role::Initiator, event))
            .unwrap();
        graph
            .add_participation(Participation::new(d, Role::Target, event))
            .unwrap();
    }
    (graph, heavy)
}

#[test]
fn a_network_page_holds_at_most_max_events_spread_over_each_links_dates() {
    if !graphviz() {
        return;
    }
    let (graph, heavy) = heavy_and_light();
    let network = graph.actor_network(&query::NetworkOptions::new());
    let writer = HtmlWriter::new(&network).max_events(20);
    let (first, summary) = page(&writer);
    assert_eq!(
        page(&writer).0,
        first,
        "the same network makes the same bytes"
    );
    // The light link keeps its 3 events; the heavy one shares the other 17.
    assert_eq!(summary.events, 20);
    assert_eq!(summary.events_left_out, 283);
    assert_eq!(summary.events_per_link, Some(17));
    let data = data(&first);
    let links = data["links"].as_array().unwrap();
    let (heavy_link, light_link) = if links[0]["weight"] == 300 {
        (&links[0], &links[1])
    } else {
        (&links[1], &links[0])
    };
    assert!(light_link.get("omitted").is_none());
    assert_eq!(light_link["events"].as_array().unwrap().len(), 3);
    let held: Vec<EventId> = heavy_link["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| EventId::new(id.as_str().unwrap()[1..].parse().unwrap()))
        .collect();
    assert_eq!(held.len(), 17);
    assert_eq!(heavy_link["weight"], 300);
    // From the earliest day to the latest, in date order, the undated last.
    let days: Vec<Option<String>> = held
        .iter()
        .map(|&id| graph.event(id).unwrap().date().map(|d| d.to_string()))
        .collect();
    assert_eq!(days[0].as_deref(), Some("2024-01-01"));
    assert_eq!(days[16], None);
    let dated: Vec<&String> = days.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] < w[1]), "{dated:?}");
    // What the filters need of the left-out events: every day, kind and class among them.
    let omitted = &heavy_link["omitted"];
    assert_eq!(
        omitted["span"],
        serde_json::json!(["2024-01-01", "2024-10-23"])
    );
    assert_eq!(
        omitted["kinds"],
        serde_json::json!(["meeting", "statement"])
    );
    // In GDELT's order, 1 to 4.
    let classes: Vec<serde_json::Value> = (1..=4)
        .filter_map(QuadClass::from_code)
        .filter(|&class| {
            [EventKind::Meeting, EventKind::Statement]
                .iter()
                .any(|kind| kind.quad_class() == Some(class))
        })
        .map(|class| serde_json::json!(class))
        .collect();
    assert!(!classes.is_empty());
    assert_eq!(omitted["quads"], serde_json::Value::from(classes));
    // Each report on the page names the shortened links whose events cite it, held or not.
    for document in data["documents"].as_array().unwrap() {
        let id = DocumentId::new(document["id"].as_str().unwrap()[1..].parse().unwrap());
        let cites_heavy = heavy.iter().any(|&e| {
            graph
                .event(e)
                .unwrap()
                .sources()
                .iter()
                .any(|s| s.document == id)
        });
        let named = document
            .get("links")
            .is_some_and(|l| l == &serde_json::json!([heavy_link["id"]]));
        assert_eq!(named, cites_heavy, "{document}");
    }
    // The note says what the page left out.
    let note = data["diagrams"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("holds 20 of the network's 303 events"),
        "{note}"
    );
    assert!(note.contains("at most 17 per link"), "{note}");
}

#[test]
fn a_network_page_within_max_events_holds_every_event() {
    if !graphviz() {
        return;
    }
    let (graph, _) = heavy_and_light();
    let network = graph.actor_network(&query::NetworkOptions::new());
    let (text, summary) = page(&HtmlWriter::new(&network));
    assert_eq!(summary.events, 303);
    assert_eq!(summary.events_left_out, 0);
    assert_eq!(summary.events_per_link, None);
    let data = data(&text);
    assert_eq!(data["events"].as_array().unwrap().len(), 303);
    for link in data["links"].as_array().unwrap() {
        assert!(link.get("omitted").is_none());
    }
    assert!(
        data["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d.get("links").is_none())
    );
    // Links outnumbering the budget still keep one event each.
    let (_, summary) = page(&HtmlWriter::new(&network).max_events(1));
    assert_eq!(summary.events_per_link, Some(1));
    assert_eq!(summary.events, 2);
}
