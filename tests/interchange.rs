//! Interchange formats: JSON round trips and refuses newer versions; RDF parses with a real RDF
//! parser with the expected triples; GraphML is well-formed XML; CSV rows have their header's
//! width; every writer is deterministic and survives hostile strings.

mod common;

use std::collections::HashSet;
use std::io::Read;

use common::xml::well_formed_xml;
use eventkg::export::{GraphmlWriter, RDF_NS, RdfFormat, RdfWriter, tables};
use eventkg::*;
use oxrdf::{NamedNode, Term, Triple};
use oxttl::{NTriplesParser, TurtleParser};

fn seed() -> EventGraph {
    common::seed::load_file()
}

fn bytes<E: std::fmt::Debug>(write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut out).unwrap();
    out
}

/// A reader that always fails.
struct Failing;

impl std::io::Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("made-up disk failure"))
    }
}

#[test]
fn json_round_trips_and_refuses_what_it_cannot_read() {
    let g = seed();
    let text = io::json::to_string(&g, true).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"eventkg\",\n  \"format_version\": 1,"));
    assert_eq!(io::json::from_str(&text).unwrap(), g);
    assert_eq!(io::json::from_reader(text.as_bytes()).unwrap(), g);
    let newer = text.replacen("\"format_version\": 1", "\"format_version\": 2", 1);
    let error = io::json::from_str(&newer).unwrap_err().to_string();
    assert!(
        error.contains("format version 2 is newer than this crate reads (1)"),
        "{error}"
    );
    let other = text.replacen("\"format\": \"eventkg\"", "\"format\": \"gdelt\"", 1);
    assert!(
        io::json::from_str(&other)
            .unwrap_err()
            .to_string()
            .contains("expected `eventkg`")
    );
    let broken = &text[..text.len() / 2];
    let error = io::json::from_str(broken).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Syntax { .. })
            && error.location().is_some_and(|at| at.line() > 1),
        "{error}"
    );
    // The place is told once, by the location, not again at the end of the message.
    let at = error.location().expect("a located error");
    let told = format!(
        "line {} column {}",
        at.line(),
        at.column().unwrap_or_default()
    );
    assert!(!error.to_string().contains(&told), "{error}");
    // A reader that fails halfway is an I/O error, not a fault in the text.
    let failing = broken.as_bytes().chain(Failing);
    let error = io::json::from_reader(failing).unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::Io { .. }) && error.location().is_none(),
        "{error}"
    );
    assert!(
        error.to_string().contains("made-up disk failure"),
        "{error}"
    );
    let missing = r#"{"format": "eventkg"}"#;
    assert!(
        io::json::from_str(missing)
            .unwrap_err()
            .to_string()
            .contains("format_version")
    );
}

/// A graph's tables in any order read as the same graph: records are built as they are read
/// when the tables come in the order the crate writes them, and held until the tables they
/// refer to are in otherwise.
#[test]
fn json_tables_in_any_order_give_the_same_graph() {
    let g = seed();
    let value: serde_json::Value =
        serde_json::from_str(&io::json::to_string(&g, false).unwrap()).unwrap();
    let tables = &value["graph"];
    for order in [
        [
            "relations",
            "participations",
            "events",
            "entities",
            "documents",
        ],
        [
            "entities",
            "documents",
            "participations",
            "events",
            "relations",
        ],
        [
            "documents",
            "events",
            "entities",
            "relations",
            "participations",
        ],
    ] {
        let fields: Vec<String> = order
            .iter()
            .map(|name| format!("{name:?}: {}", tables[name]))
            .collect();
        let text = format!(
            "{{\"format\": \"eventkg\", \"format_version\": 1, \"graph\": {{{}}}}}",
            fields.join(", ")
        );
        assert_eq!(io::json::from_str(&text).unwrap(), g, "{order:?}");
    }
    // Without events, the participations refer to none.
    let text = format!(
        "{{\"format\": \"eventkg\", \"format_version\": 1, \"graph\": {{\"documents\": {}, \"entities\": {}, \"participations\": {}}}}}",
        tables["documents"], tables["entities"], tables["participations"]
    );
    let error = io::json::from_str(&text).unwrap_err().to_string();
    assert!(error.contains("participation#0"), "{error}");
    // Formats without field names give the tables as a list, in order.
    let list = format!(
        "[{}, {}, {}, {}, {}]",
        tables["documents"],
        tables["entities"],
        tables["events"],
        tables["participations"],
        tables["relations"]
    );
    assert_eq!(serde_json::from_str::<EventGraph>(&list).unwrap(), g);
    let short = format!("[{}, {}]", tables["documents"], tables["entities"]);
    let entities_only = serde_json::from_str::<EventGraph>(&short).unwrap();
    assert_eq!(
        (entities_only.entity_count(), entities_only.event_count()),
        (g.entity_count(), 0)
    );
    let twice = r#"{"format": "eventkg", "format_version": 1, "graph": {"documents": [], "documents": []}}"#;
    let error = io::json::from_str(twice).unwrap_err().to_string();
    assert!(error.contains("duplicate field `documents`"), "{error}");
}

fn turtle_triples(text: &[u8]) -> Vec<Triple> {
    TurtleParser::new()
        .for_slice(text)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("invalid Turtle: {e}"))
}

fn ntriples(text: &[u8]) -> Vec<Triple> {
    NTriplesParser::new()
        .for_slice(text)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("invalid N-Triples: {e}"))
}

fn named(iri: &str) -> NamedNode {
    NamedNode::new(iri).unwrap()
}

#[test]
fn rdf_parses_with_the_expected_triples() {
    let g = seed();
    let turtle = turtle_triples(&bytes(|o| RdfWriter::new(&g).write(o)));
    let nt = ntriples(&bytes(|o| {
        RdfWriter::new(&g).format(RdfFormat::NTriples).write(o)
    }));
    let a: HashSet<&Triple> = turtle.iter().collect();
    let b: HashSet<&Triple> = nt.iter().collect();
    assert_eq!(a, b, "Turtle and N-Triples carry the same triples");
    assert_eq!(a.len(), turtle.len(), "no triple is written twice");
    assert!(turtle.len() > 1000, "{} triples", turtle.len());

    let has = |s: &str, p: &str, o: Term| a.contains(&Triple::new(named(s), named(p), o));
    let france = format!(
        "urn:eventkg:entity-{}",
        g.find_entity("France").unwrap().index()
    );
    let letter = g.event_by_key("letter").unwrap();
    let letter_iri = format!("urn:eventkg:event-{}", letter.index());
    assert!(has(
        &france,
        "http://www.w3.org/2000/01/rdf-schema#label",
        oxrdf::Literal::new_simple_literal("France").into()
    ));
    assert!(has(
        &france,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        named("http://semanticweb.cs.vu.nl/2009/11/sem/Actor").into()
    ));
    assert!(has(
        &letter_iri,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        named("http://semanticweb.cs.vu.nl/2009/11/sem/Event").into()
    ));
    assert!(has(
        &letter_iri,
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp",
        oxrdf::Literal::new_typed_literal("2024-05-27", oxrdf::vocab::xsd::DATE).into()
    ));
    // Every affirmed participation is a SEM role of its event; negated ones are not.
    let has_actor = "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor";
    let denied = "https://w3id.org/eventkg/ns#deniedActor";
    for (id, p) in g.participations() {
        let event = format!("urn:eventkg:event-{}", p.event().index());
        let role: Term = named(&format!("urn:eventkg:participation-{}", id.index())).into();
        let link = if p.polarity().is_negated() {
            denied
        } else {
            has_actor
        };
        assert!(has(&event, link, role.clone()), "{id}");
        assert!(!has(
            &event,
            if p.polarity().is_negated() {
                has_actor
            } else {
                denied
            },
            role
        ));
    }
    // Provenance: Kirby's statement is attributed to him, quoted from the article, via Welt.
    let kirby = format!(
        "urn:eventkg:entity-{}",
        g.find_entity("Kirby").unwrap().index()
    );
    let welt = format!(
        "urn:eventkg:entity-{}",
        g.find_entity("Welt").unwrap().index()
    );
    let statement = format!(
        "urn:eventkg:event-{}",
        g.event_by_key("kirby_statement").unwrap().index()
    );
    let source = format!("{statement}-source-0");
    assert!(has(
        &source,
        "http://www.w3.org/ns/prov#wasAttributedTo",
        named(&kirby).into()
    ));
    assert!(has(
        &source,
        "http://www.w3.org/ns/prov#hadPrimarySource",
        named(&welt).into()
    ));
    assert!(has(
        &source,
        "http://www.w3.org/ns/prov#wasQuotedFrom",
        named("urn:eventkg:document-0").into()
    ));
    // Subjects are the records and their sources, nothing else.
    let subjects: HashSet<String> = turtle.iter().map(|t| t.subject.to_string()).collect();
    assert!(
        subjects.iter().all(|s| s.starts_with("<urn:eventkg:")),
        "{subjects:?}"
    );
}

#[test]
fn a_custom_base_and_a_bad_one() {
    let g = seed();
    let writer = RdfWriter::new(&g)
        .base("https://data.example.org/kg/")
        .unwrap()
        .format(RdfFormat::NTriples);
    let nt = ntriples(&bytes(|o| writer.write(o)));
    assert!(nt.iter().all(|t| {
        t.subject
            .to_string()
            .starts_with("<https://data.example.org/kg/")
    }));
    let bad = RdfWriter::new(&g).base("not an iri ").unwrap_err();
    assert!(
        matches!(
            bad.kind(),
            ErrorKind::InvalidValue {
                what: "base IRI",
                ..
            }
        ),
        "{bad}"
    );
}

/// The graph as GraphML, checked to be well-formed XML with a node per entity and event and
/// an edge per fact.
fn graphml_of(g: &EventGraph) -> String {
    let xml = bytes(|o| GraphmlWriter::new(g).write(o));
    assert_eq!(
        well_formed_xml(&xml),
        (
            g.entity_count() + g.event_count(),
            g.participation_count() + g.relation_count()
        )
    );
    String::from_utf8(xml).unwrap()
}

#[test]
fn graphml_is_well_formed_with_every_node_and_edge() {
    let text = graphml_of(&seed());
    assert!(
        text.contains(
            r#"<key id="n_cameo_root" for="node" attr.name="cameo_root" attr.type="int"/>"#
        )
    );
    assert!(text.contains(r#"<data key="e_negated">true</data>"#));
}

fn csv_rows(text: &[u8]) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let width = rows[0].len();
    assert!(
        rows.iter().all(|r| r.len() == width),
        "every row has the header's width"
    );
    rows
}

#[test]
fn bulk_files_and_event_table() {
    let g = seed();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let written = tables::BulkWriter::new(&g).write_dir(dir).unwrap();
    assert_eq!(written.len(), 15, "{written:?}");
    let rows = |name: &str| csv_rows(&std::fs::read(dir.join(name)).unwrap()).len() - 1;
    assert_eq!(rows("entities.csv"), g.entity_count());
    assert_eq!(rows("events.csv"), g.event_count());
    assert_eq!(rows("participations.csv"), g.participation_count());
    let relations = rows("entity_relations.csv")
        + rows("event_relations.csv")
        + rows("event_entity_relations.csv")
        + rows("entity_event_relations.csv");
    assert_eq!(relations, g.relation_count());
    let schema = std::fs::read_to_string(dir.join("kuzu_schema.cypher")).unwrap();
    assert!(schema.contains("CREATE NODE TABLE IF NOT EXISTS Entity(id STRING"));
    assert_eq!(rows("documents.csv"), g.document_count());

    // Every source of every fact is a row of its own, with its document, quote, speaker and
    // reporting chain; none is left out and none is made up.
    let id = |record: eventkg::RecordId| tables::bulk_id(record);
    let sep = tables::ARRAY_DELIMITER.to_string();
    let mut expected: Vec<Vec<String>> = Vec::new();
    let mut quoted = std::collections::HashMap::<String, usize>::new();
    for claim in g.claims() {
        let fact = id(claim.record);
        let position = expected.iter().filter(|r| r[1] == fact).count();
        let source = claim.source;
        let via: Vec<String> = source.reported_via.iter().map(|&e| id(e.into())).collect();
        *quoted.entry(fact.clone()).or_default() += usize::from(source.quote.is_some());
        expected.push(vec![
            format!("{fact}#{position}"),
            fact,
            position.to_string(),
            format!("d{}", source.document.index()),
            source.quote.clone().unwrap_or_default(),
            source
                .attributed_to
                .map(|e| id(e.into()))
                .unwrap_or_default(),
            via.join(&sep),
        ]);
    }
    let sources = csv_rows(&std::fs::read(dir.join("sources.csv")).unwrap());
    let found: Vec<Vec<String>> = sources[1..]
        .iter()
        .map(|r| {
            [0, 1, 3, 4, 5, 6, 7]
                .iter()
                .map(|&i| r[i].to_owned())
                .collect()
        })
        .collect();
    assert_eq!(found, expected);
    assert!(
        expected.iter().any(|r| !r[6].is_empty()),
        "the seed has reporting chains"
    );
    assert!(
        quoted.values().any(|&n| n > 1),
        "some facts have several quotes"
    );
    assert_eq!(rows("cites.csv"), expected.len());
    let documents = csv_rows(&std::fs::read(dir.join("documents.csv")).unwrap());
    for (row, (i, document)) in documents[1..].iter().zip(g.documents()) {
        assert_eq!(&row[0], format!("d{}", i.index()));
        assert_eq!(&row[1], document.key());
        assert_eq!(&row[3], document.url().unwrap_or(""));
        assert_eq!(&row[7], document.text().unwrap_or(""));
    }
    // Aliases are a list, each alias whole.
    let entities = csv_rows(&std::fs::read(dir.join("entities.csv")).unwrap());
    for (row, (_, entity)) in entities[1..].iter().zip(g.entities()) {
        let aliases: Vec<&str> = row[4]
            .split(tables::ARRAY_DELIMITER)
            .filter(|a| !a.is_empty())
            .collect();
        assert_eq!(aliases, entity.aliases().collect::<Vec<_>>());
    }

    let table = csv_rows(&bytes(|o| tables::EventTableWriter::new(&g).write(o)));
    assert_eq!(table.len() - 1, g.event_count());
    let letter = table.iter().find(|r| &r[1] == "letter").unwrap();
    assert_eq!(&letter[2], "2024-W22");
    assert_eq!(&letter[8], "02");
    assert_eq!(&letter[11], "France");
    // Nine states, three of them as the group the article names.
    assert_eq!(letter[14].split(';').count(), 7, "seven targets");

    let cypher = String::from_utf8(bytes(|o| tables::CypherWriter::new(&g).write(o))).unwrap();
    assert_eq!(
        cypher.lines().count(),
        g.entity_count() + g.event_count() + g.participation_count() + g.relation_count()
    );
}

#[test]
fn every_writer_is_deterministic() {
    let g = seed();
    let back = io::json::from_str(&io::json::to_string(&g, false).unwrap()).unwrap();
    for graph in [&g, &back] {
        let outputs = |graph: &EventGraph| {
            vec![
                bytes(|o| GraphmlWriter::new(graph).write(o)),
                bytes(|o| RdfWriter::new(graph).write(o)),
                bytes(|o| RdfWriter::new(graph).format(RdfFormat::NTriples).write(o)),
                bytes(|o| tables::CypherWriter::new(graph).write(o)),
                bytes(|o| tables::EventTableWriter::new(graph).write(o)),
                io::json::to_string(graph, false).unwrap().into_bytes(),
            ]
        };
        assert_eq!(outputs(graph), outputs(&g));
    }
}

#[test]
fn hostile_strings_survive_every_writer() {
    let hostile = [
        "\"quoted\" 'single'",
        "back\\slash\\",
        "<tag attr=\"x\">&amp;</tag>",
        "line\nbreak\r\nand\ttab",
        "bell\u{7}esc\u{1b}nul-free",
        "=SUM(A1:A2)",
        "-- ; DROP TABLE x; //",
        "🇺🇦 Київ بغداد \u{202e}rtl",
        "a,b;c|d",
        "}) CREATE (x) //",
    ];
    let mut g = EventGraph::new();
    let doc = g
        .add_document(
            Document::new("d")
                .text(hostile.join(" "))
                .url("https://x.org/?a=1&b=\"2\""),
        )
        .unwrap();
    let mut ids = Vec::new();
    for (i, name) in hostile.iter().enumerate() {
        let clean: String = name.chars().filter(|c| !c.is_control()).collect();
        ids.push(
            g.add_entity(
                Entity::new(
                    EntityKind::named().nth(i % 9).unwrap(),
                    format!("{clean} {i}"),
                )
                .alias(format!("alias {clean}")),
            )
            .unwrap(),
        );
    }
    for (i, text) in hostile.iter().enumerate() {
        let event = g
            .add_event(
                Event::new(EventKind::Meeting)
                    .key(format!("k{i}{text}").replace(char::is_control, " "))
                    .description(*text)
                    .source(Source::new(doc).quote(*text)),
            )
            .unwrap();
        g.add_participation(
            Participation::new(ids[i], Role::Participant, event)
                .source(Source::new(doc).quote(*text)),
        )
        .unwrap();
        g.add_relation(
            Relation::new(
                ids[i],
                RelationKind::Other(text.replace(char::is_control, " ")),
                ids[(i + 1) % ids.len()],
            )
            .title(text.replace(char::is_control, " ")),
        )
        .unwrap();
    }
    let turtle = turtle_triples(&bytes(|o| RdfWriter::new(&g).write(o)));
    let nt = ntriples(&bytes(|o| {
        RdfWriter::new(&g).format(RdfFormat::NTriples).write(o)
    }));
    assert_eq!(turtle.len(), nt.len());
    let literals: HashSet<String> = nt
        .iter()
        .filter_map(|t| match &t.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    for text in hostile {
        assert!(literals.contains(text), "RDF lost {text:?}");
    }
    let (nodes, edges) = well_formed_xml(&bytes(|o| GraphmlWriter::new(&g).write(o)));
    assert_eq!(
        (nodes, edges),
        (
            g.entity_count() + g.event_count(),
            g.participation_count() + g.relation_count()
        )
    );
    let table = csv_rows(&bytes(|o| tables::EventTableWriter::new(&g).write(o)));
    assert_eq!(table.len() - 1, g.event_count());
    let descriptions: HashSet<&str> = table.iter().map(|r| &r[22]).collect();
    for text in hostile {
        // A cell a spreadsheet would run as a formula is kept as text behind a `'`.
        let expected = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_owned()
        };
        assert!(
            descriptions.contains(expected.as_str()),
            "CSV lost {text:?}"
        );
    }
    assert!(descriptions.contains("'=SUM(A1:A2)"));
    // The bulk files for databases keep values verbatim.
    let events = csv_rows(&bytes(|o| {
        tables::BulkWriter::new(&g).write_table(tables::BulkTable::Events, o)
    }));
    assert!(events.iter().flatten().any(|cell| cell == "=SUM(A1:A2)"));
    let back = io::json::from_str(&io::json::to_string(&g, false).unwrap()).unwrap();
    assert_eq!(back, g);
    let cypher = String::from_utf8(bytes(|o| tables::CypherWriter::new(&g).write(o))).unwrap();
    assert_eq!(
        cypher.lines().count(),
        g.entity_count() + g.event_count() + g.participation_count() + g.relation_count(),
        "no statement is broken across lines"
    );
}

/// Three made-up reports of one made-up meeting, which give it different days.
fn story() -> EventGraph {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/story");
    io::read_files(["a_herald.toml", "b_courier.toml", "c_gazette.toml"].map(|f| dir.join(f)))
        .unwrap()
}

#[test]
fn rdf_states_a_disputed_value_only_with_its_sources() {
    let g = story();
    let turtle = turtle_triples(&bytes(|o| RdfWriter::new(&g).write(o)));
    let ns = |local: &str| named(&format!("{}{local}", RDF_NS));
    let event = named("urn:eventkg:event-0");
    let has = |s: &NamedNode, p: &NamedNode, o: Term| {
        turtle
            .iter()
            .any(|t| t.subject == s.clone().into() && t.predicate == *p && t.object == o)
    };
    assert!(has(
        &event,
        &ns("disputed"),
        oxrdf::Literal::new_simple_literal("date").into()
    ));
    // Three values, each a node of its own with its date and the document behind it.
    let values: Vec<NamedNode> = turtle
        .iter()
        .filter(|t| t.subject == event.clone().into() && t.predicate == ns("statedValue"))
        .filter_map(|t| match &t.object {
            Term::NamedNode(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(values.len(), 3);
    let derived = named("http://www.w3.org/ns/prov#wasDerivedFrom");
    let edtf: Vec<String> = values
        .iter()
        .map(|v| {
            let date = turtle
                .iter()
                .find(|t| t.subject == v.clone().into() && t.predicate == ns("edtf"))
                .map(|t| t.object.to_string())
                .unwrap();
            let documents = turtle
                .iter()
                .filter(|t| t.subject == v.clone().into() && t.predicate == derived)
                .count();
            assert_eq!(documents, 1, "{v}");
            date
        })
        .collect();
    assert_eq!(
        edtf,
        [
            "\"2024-03-01\"",
            "\"2024-03-02\"",
            "\"2024-02-26/2024-03-03\""
        ]
    );
    // N-Triples say the same.
    let nt = ntriples(&bytes(|o| {
        RdfWriter::new(&g).format(RdfFormat::NTriples).write(o)
    }));
    assert_eq!(nt.len(), turtle.len());
}

#[test]
fn graphml_flags_a_disputed_event_with_every_value() {
    let text = graphml_of(&story());
    assert!(
        text.contains(r#"<data key="n_disputed">date</data>"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"<data key="n_disputed_values">date = 2024-03-01 [herald-2024-03-04]; date = 2024-03-02 [courier-2024-03-05]; date = 2024-W09 [gazette-2024-03-08]</data>"#
        ),
        "{text}"
    );
}

/// A part of the graph is written with the graph's own ids: its nodes, the facts between
/// them and the documents they cite, nothing else.
#[test]
fn views_are_written_with_the_graphs_ids() {
    let g = seed();
    let france = g.find_entity("France").unwrap();
    let kirby = g.find_entity("Kirby").unwrap();
    let part = g
        .ego(france, 1, &eventkg::query::PathOptions::default())
        .unwrap();
    assert!(!part.contains(kirby));

    let (nodes, edges) = well_formed_xml(&bytes(|o| GraphmlWriter::new(&part).write(o)));
    assert_eq!(nodes, part.entity_count() + part.event_count());
    assert_eq!(
        edges,
        part.participations().count() + part.relations().count()
    );

    let nt = ntriples(&bytes(|o| {
        RdfWriter::new(&part).format(RdfFormat::NTriples).write(o)
    }));
    let subjects: HashSet<String> = nt.iter().map(|t| t.subject.to_string()).collect();
    let iri = |local: String| format!("<urn:eventkg:{local}>");
    assert!(subjects.contains(&iri(format!("entity-{}", france.index()))));
    assert!(!subjects.contains(&iri(format!("entity-{}", kirby.index()))));
    let documents = subjects.iter().filter(|s| s.contains(":document-")).count();
    assert_eq!(documents, part.documents().count());
    assert!(documents > 0);

    // The bulk tables of the part refer to nothing they do not hold: every entity a fact,
    // a source or a document names is a row of entities.csv, every document a source cites a
    // row of documents.csv; and the part's ids are the graph's.
    let writer = tables::BulkWriter::new(&part);
    let rows = |table: tables::BulkTable| csv_rows(&bytes(|o| writer.write_table(table, o)));
    let column = |rows: &[csv::StringRecord], name: &str| -> usize {
        rows[0].iter().position(|h| h.starts_with(name)).unwrap()
    };
    let entities = rows(tables::BulkTable::Entities);
    let held: HashSet<String> = entities[1..].iter().map(|r| r[0].to_owned()).collect();
    assert!(held.contains(&format!("e{}", france.index())));
    let documents = rows(tables::BulkTable::Documents);
    let cited: HashSet<String> = documents[1..].iter().map(|r| r[0].to_owned()).collect();
    let sources = rows(tables::BulkTable::Sources);
    let (document, speaker) = (column(&sources, "document"), column(&sources, "speaker"));
    for row in &sources[1..] {
        assert!(cited.contains(&row[document]), "{row:?}");
        assert!(
            row[speaker].is_empty() || held.contains(&row[speaker]),
            "{row:?}"
        );
    }
    let publishes = rows(tables::BulkTable::Publishes);
    for row in &publishes[1..] {
        assert!(held.contains(&row[0]) && cited.contains(&row[1]), "{row:?}");
    }
    let participations = rows(tables::BulkTable::Participations);
    assert_eq!(participations.len() - 1, part.participations().count());
    // A graph file of the part is the part's copy, which loads back whole.
    let copy = part.to_graph().unwrap();
    let json = io::json::to_string(&part, false).unwrap();
    assert_eq!(io::json::from_str(&json).unwrap(), copy);
    let toml = io::to_string(&part).unwrap();
    assert_eq!(io::from_str(&toml, "part.toml").unwrap(), copy);
    for row in &participations[1..] {
        assert!(held.contains(&row[0]), "{row:?}");
    }
}
