//! DOT export: valid for any graph, readable, deterministic, and exportable in part.

mod common;

use std::collections::HashSet;

use common::dot_check::{label_text, parse, render};
use common::seed::seed;
use eventkg::export::{DotStyle, DotWriter, NodeLook, RankDir, clusters};
use eventkg::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Attributes the writer itself sets; anything else in the output was injected.
const KNOWN: &[&str] = &[
    "label",
    "shape",
    "style",
    "fillcolor",
    "color",
    "fontcolor",
    "tooltip",
    "URL",
    "arrowhead",
    "dir",
    "width",
];

fn check_no_injection(dot: &str) {
    let parsed = parse(dot);
    for node in parsed.nodes.set.values() {
        for (name, _) in &node.attr.elems {
            assert!(
                KNOWN.contains(&name.as_str()),
                "unexpected node attribute {name}\n{dot}"
            );
        }
    }
    for edge in &parsed.edges.set {
        for (name, _) in &edge.attr.elems {
            assert!(
                KNOWN.contains(&name.as_str()),
                "unexpected edge attribute {name}\n{dot}"
            );
        }
    }
}

#[test]
fn the_seed_matches_its_golden_file_byte_for_byte() {
    // The seed as its file encodes it, drawn as the example and the README draw it.
    let graph = common::seed::load_file();
    let dot = common::seed::diagram(&graph).to_string();
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/seed.dot");
    if std::env::var_os("EVENTKG_BLESS").is_some() {
        std::fs::write(golden, &dot).unwrap();
    }
    let expected = std::fs::read_to_string(golden)
        .expect("tests/golden/seed.dot; run with EVENTKG_BLESS=1 to create it");
    assert!(
        dot == expected,
        "DOT output changed; rerun with EVENTKG_BLESS=1 if intended"
    );
    render("seed", &dot);
}

#[test]
fn the_seed_dot_has_every_node_and_fact() {
    let s = seed();
    let g = &s.graph;
    let dot = DotWriter::new(g).to_string();
    let parsed = parse(&dot);
    assert!(parsed.is_digraph);
    // Outlets and voices that appear only in sources are left out by default.
    let isolated: Vec<&str> = g
        .entities()
        .filter(|(id, _)| g.degree(*id) == 0)
        .map(|(_, e)| e.name())
        .collect();
    assert_eq!(
        isolated,
        ["UNN", "Welt", "Brussels diplomats", "EU diplomats"]
    );
    assert_eq!(
        parsed.nodes.set.len(),
        g.entity_count() + g.event_count() - isolated.len()
    );
    let mut style = DotStyle::default();
    style.show_isolated = true;
    let all = parse(&DotWriter::new(g).style(style).to_string());
    assert_eq!(all.nodes.set.len(), g.entity_count() + g.event_count());
    // Every fact is an edge, and so is every event's location, a dotted line to its place.
    let located = g.events().filter(|(_, e)| e.location().is_some()).count();
    assert!(located > 0, "the seed's mission is in Ukraine");
    assert_eq!(
        parsed.edges.set.len(),
        g.participation_count() + g.relation_count() + located
    );
    check_no_injection(&dot);
    // Germany left out: the negated invitation is drawn dashed and says so.
    let ministry = common::seed::id(g, "German Ministry of Defence");
    let edge = parsed
        .edges
        .set
        .iter()
        .find(|e| {
            e.from == format!("e{}", ministry.index()) && e.to == format!("v{}", s.letter.index())
        })
        .expect("the not-invited edge");
    let attr = |name: &str| {
        edge.attr
            .elems
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| label_text(v))
    };
    assert_eq!(attr("label").as_deref(), Some("not target"));
    assert_eq!(attr("style").as_deref(), Some("dashed"));
    let tooltip = attr("tooltip").unwrap();
    assert!(
        tooltip.contains("did not receive an invitation letter"),
        "{tooltip}"
    );
    assert!(tooltip.contains("(Welt → UNN)"), "{tooltip}");
    render("seed-plain", &dot);
}

/// Made-up: an event its sources state with no participant named is still drawn; an entity
/// with no fact is drawn only when isolated ones are asked for.
#[test]
fn an_event_without_participants_is_drawn() {
    let mut g = EventGraph::new();
    let doc = g.add_document(Document::new("d")).unwrap();
    g.add_entity(Entity::new(EntityKind::MediaOutlet, "Quiet Outlet"))
        .unwrap();
    let lonely = g
        .add_event(
            Event::new(EventKind::Statement)
                .description("a statement nobody is named for")
                .sources(Sources::from(Source::new(doc))),
        )
        .unwrap();
    let parsed = parse(&DotWriter::new(&g).to_string());
    assert_eq!(parsed.nodes.set.len(), 1);
    assert!(
        parsed
            .nodes
            .set
            .contains_key(&format!("v{}", lonely.index()))
    );
    let mut style = DotStyle::default();
    style.show_isolated = true;
    assert_eq!(
        parse(&DotWriter::new(&g).style(style).to_string())
            .nodes
            .set
            .len(),
        2
    );
    render("lonely_event", &DotWriter::new(&g).to_string());
}

#[test]
fn output_is_deterministic_and_survives_a_round_trip() {
    let s = seed();
    let first = DotWriter::new(&s.graph).to_string();
    assert_eq!(DotWriter::new(&s.graph).to_string(), first);
    let json = serde_json::to_string(&s.graph).unwrap();
    let back: EventGraph = serde_json::from_str(&json).unwrap();
    assert_eq!(DotWriter::new(&back).to_string(), first);
}

#[test]
fn clusters_legend_style_and_overrides() {
    let s = seed();
    let g = &s.graph;
    let mut style = DotStyle::default();
    style.rankdir = RankDir::TopToBottom;
    style.show_descriptions = false;
    style.set_look(EntityKind::State, NodeLook::new("box3d", "#ffffff", ""));
    let dot = DotWriter::new(g)
        .style(style)
        .cluster_by(clusters::by_country(g))
        .legend(true)
        .node_attributes(|node, attributes| {
            if node == NodeId::Event(s.mission) {
                attributes.set("penwidth", "3");
                attributes.set("bad name] [x", "y");
            }
        })
        .edge_attributes(|fact, attributes| {
            if let export::EdgeFact::Participation(p) = fact
                && p.role() == Role::Opponent
            {
                attributes.set("penwidth", "2");
            }
        })
        .to_string();
    let parsed = parse(&dot);
    assert!(dot.contains("rankdir=TB"));
    assert!(dot.contains("shape=\"box3d\""));
    for country in ["FRA", "USA", "DEU"] {
        assert!(
            dot.contains(&format!("label=\"{country}\"")),
            "cluster {country}"
        );
    }
    assert!(dot.contains("subgraph cluster_legend"));
    assert!(!dot.contains("bad name"));
    assert!(dot.contains("penwidth=\"3\""));
    assert_eq!(dot.matches("penwidth=\"2\"").count(), 5);
    assert!(
        parsed
            .nodes
            .set
            .contains_key(&format!("v{}", s.mission.index()))
    );
    render("seed-clusters", &dot);
    let by_document = DotWriter::new(g)
        .cluster_by(clusters::by_document(g))
        .to_string();
    assert!(by_document.contains("label=\"000_404871ae4e9fadb6\""));
    render("seed-by-document", &by_document);
}

#[test]
fn a_selected_part_exports_like_the_whole() {
    let s = seed();
    let g = &s.graph;
    let mut part: HashSet<NodeId> = HashSet::from([NodeId::Event(s.mission)]);
    part.extend(
        g.participations_in(s.mission)
            .map(|(_, p)| NodeId::Entity(p.entity())),
    );
    let dot = DotWriter::new(g.select(part.iter().copied()).unwrap()).to_string();
    let parsed = parse(&dot);
    assert_eq!(parsed.nodes.set.len(), part.len());
    let inside = g
        .relations()
        .filter(|(_, r)| part.contains(&r.from()) && part.contains(&r.to()))
        .count();
    assert!(
        inside > 0,
        "Bundeswehr part_of Germany joins two selected nodes"
    );
    let located = g
        .event(s.mission)
        .and_then(|e| e.location())
        .is_some_and(|place| part.contains(&NodeId::Entity(place)));
    assert_eq!(
        parsed.edges.set.len(),
        g.participations_in(s.mission).count() + inside + usize::from(located)
    );
    render("seed-mission", &dot);
    let empty = DotWriter::new(g.select([]).unwrap()).to_string();
    assert_eq!(parse(&empty).nodes.set.len(), 0);
    render("empty", &empty);
}

#[test]
fn links_are_written_for_web_documents_only() {
    let mut g = EventGraph::new();
    let web = g
        .add_document(Document::new("web").url("https://example.org/a?b=1&c=\"2\" onmouseover=\"x"))
        .unwrap();
    let bad = g
        .add_document(Document::new("bad").url("javascript:alert(1)"))
        .unwrap();
    g.add_event(Event::new(EventKind::Meeting).source(Source::new(web)))
        .unwrap();
    g.add_event(Event::new(EventKind::Visit).source(Source::new(bad)))
        .unwrap();
    let dot = DotWriter::new(&g).style(every_node()).to_string();
    assert_eq!(dot.matches("URL=").count(), 1, "{dot}");
    assert!(!dot.contains("javascript"));
    if let Some(svg) = render("links", &dot) {
        assert!(
            svg.contains(
                "xlink:href=\"https://example.org/a?b=1&amp;c=%222%22%20onmouseover=%22x\""
            ),
            "{svg}"
        );
    }
}

const HOSTILE: &[&str] = &[
    "\"quoted\"",
    "back\\slash",
    "ends with\\",
    "\\N \\G \\E \\L \\n",
    "line\nbreak",
    "crlf\r\nbreak",
    "<b>html</b> <",
    "{ braces } ; [label=x]",
    "\"] ; evil [label=\"x",
    "}\ndigraph x {",
    "AT&amp;T &lt; &#92; &",
    "bell\u{7}and\u{1b}escape",
    "🇺🇦 Київ 🙂",
    "بغداد עברית",
    "\u{202e}reversed",
    "tab\there",
    "-- -> // /* */ #",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        "\\PC{1,12}",
        "[a-z]{1,8}",
    ]
}

fn every_node() -> DotStyle {
    let mut style = DotStyle::default();
    style.show_isolated = true;
    style
}

fn hostile_graph(names: Vec<String>, quotes: Vec<String>) -> EventGraph {
    let mut g = EventGraph::new();
    let doc = g
        .add_document(
            Document::new("d").title(quotes.first().cloned().unwrap_or_default() + "title"),
        )
        .unwrap();
    let mut entities = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let kind = EntityKind::named()
            .nth(index % EntityKind::NAMES.len())
            .unwrap();
        let entity = Entity::new(kind, format!("{name} {index}")).attribute("note", name.clone());
        if let Ok(id) = g.add_entity(entity) {
            entities.push(id);
        }
    }
    for (index, quote) in quotes.iter().enumerate() {
        let event = Event::new(
            EventKind::named()
                .nth(index % EventKind::NAMES.len())
                .unwrap(),
        )
        .description(format!("{quote}."))
        .source(Source::new(doc).quote(format!("q{quote}")));
        let Ok(event) = g.add_event(event) else {
            continue;
        };
        for (k, &entity) in entities
            .iter()
            .enumerate()
            .filter(|(k, _)| (k + index) % 2 == 0)
        {
            let role = Role::named().nth(k % Role::NAMES.len()).unwrap();
            let mut p = Participation::new(entity, role, event)
                .source(Source::new(doc).quote(format!("{quote}!")));
            if k % 3 == 0 {
                p = p.negated();
            }
            if k % 4 == 0 {
                p = p.confidence(Confidence::new(0.5).unwrap());
            }
            let _ = g.add_participation(p);
        }
    }
    for pair in entities.windows(2) {
        let _ = g.add_relation(Relation::new(pair[0], RelationKind::AlliedWith, pair[1]));
        let _ = g.add_relation(
            Relation::new(pair[0], RelationKind::HoldsRole, pair[1]).title(names[0].clone() + "t"),
        );
    }
    g
}

#[test]
fn every_hostile_string_renders() {
    let names: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    let g = hostile_graph(names.clone(), names);
    assert!(
        g.entity_count() > 8 && g.participation_count() > 20,
        "the graph must exercise the writer"
    );
    let dot = DotWriter::new(&g)
        .style(every_node())
        .legend(true)
        .cluster_by(|n| Some(format!("{n}\\\"}}")))
        .to_string();
    let parsed = parse(&dot);
    let legend = parsed
        .nodes
        .set
        .keys()
        .filter(|k| k.starts_with("legend_"))
        .count();
    assert_eq!(
        parsed.nodes.set.len() - legend,
        g.entity_count() + g.event_count()
    );
    check_no_injection(&dot);
    // Labels read back as the names they came from.
    let labels: HashSet<String> = parsed
        .nodes
        .set
        .values()
        .filter_map(|n| n.attr.elems.iter().find(|(k, _)| k == "label"))
        .map(|(_, v)| label_text(v).replace('\n', " "))
        .collect();
    for (_, entity) in g.entities() {
        let flat: String = entity
            .name()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !flat.chars().any(char::is_control) {
            assert!(labels.contains(&flat), "label of {:?} lost", entity.name());
        }
    }
    if let Some(svg) = render("hostile", &dot) {
        assert!(
            svg.contains("ends with\\"),
            "a trailing backslash must survive"
        );
        assert!(
            svg.contains("\\N \\G \\E \\L"),
            "escape sequences must stay literal"
        );
        assert!(svg.contains("AT&amp;amp;T"), "entities must stay literal");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_graph_gives_parseable_dot(
        names in proptest::collection::vec(hostile(), 1..8),
        quotes in proptest::collection::vec(hostile(), 0..5),
        legend: bool,
    ) {
        let g = hostile_graph(names, quotes);
        let dot = DotWriter::new(&g).style(every_node()).legend(legend).cluster_by(clusters::by_country(&g)).to_string();
        let parsed = parse(&dot);
        let legend_nodes = if legend { parsed.nodes.set.keys().filter(|k| k.starts_with("legend_")).count() } else { 0 };
        prop_assert_eq!(parsed.nodes.set.len() - legend_nodes, g.entity_count() + g.event_count());
        check_no_injection(&dot);
        prop_assert_eq!(DotWriter::new(&g).style(every_node()).legend(legend).cluster_by(clusters::by_country(&g)).to_string(), dot);
    }
}

#[test]
fn proptest_graphs_render_with_graphviz() {
    // A fixed sample of generated graphs goes through real `dot` (slow, so not every case).
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for case in 0..12 {
        let names = proptest::collection::vec(hostile(), 1..8)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let quotes = proptest::collection::vec(hostile(), 0..5)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let g = hostile_graph(names, quotes);
        let dot = DotWriter::new(&g)
            .style(every_node())
            .legend(true)
            .to_string();
        parse(&dot);
        render(&format!("generated-{case}"), &dot);
    }
}

#[test]
fn a_disputed_event_is_drawn_bold_with_every_value_in_its_tooltip() {
    // Three made-up reports of one made-up meeting, which give it different days.
    let story = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/story");
    let graph = io::read_files(
        ["a_herald.toml", "b_courier.toml", "c_gazette.toml"].map(|f| story.join(f)),
    )
    .unwrap();
    let dot = DotWriter::new(&graph).legend(true).to_string();
    check_no_injection(&dot);
    let parsed = parse(&dot);
    let talks = parsed
        .nodes
        .set
        .values()
        .find(|n| n.id == "v0")
        .expect("the talks");
    let attribute = |name: &str| {
        talks
            .attr
            .elems
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert!(attribute("style").contains("bold"), "{dot}");
    assert!(attribute("label").contains("DISPUTED: date"), "{dot}");
    let tip = attribute("tooltip");
    for line in [
        "disputed date:",
        "2024-03-01 (herald-2024-03-04)",
        "2024-03-02 (courier-2024-03-05)",
        "2024-W09 (gazette-2024-03-08)",
    ] {
        assert!(tip.contains(line), "{line} not in {tip}");
    }
    assert!(dot.contains("legend_disputed"), "{dot}");
    // An undisputed event is drawn as before.
    let rejection = parsed.nodes.set.values().find(|n| n.id == "v4").unwrap();
    assert!(
        !rejection
            .attr
            .elems
            .iter()
            .any(|(k, v)| k == "style" && v.contains("bold"))
    );
    render("story_disputed", &dot);
}
