//! Every exporter on arbitrary graphs: the DOT parses, the RDF parses, every CSV row has its
//! header's width, the GraphML is well-formed XML.

#![no_main]

#[path = "../common/ops.rs"]
mod ops;

use eventkg::export::{DotWriter, GraphmlWriter, RdfFormat, RdfWriter, tables};
use eventkg::query::NetworkOptions;
use libfuzzer_sys::fuzz_target;

fn dot_parses(dot: &str) {
    if let Err(e) = dot_parser::ast::Graph::try_from(dot) {
        panic!("invalid DOT: {e}\n{dot}");
    }
}

fn csv_is_rectangular(bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let width = reader.headers().expect("a header").len();
    for row in reader.records() {
        assert_eq!(
            row.expect("a CSV row").len(),
            width,
            "a row of the wrong width"
        );
    }
}

fn xml_is_well_formed(bytes: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(text)) => {
                text.decode().expect("text decodes");
            }
            Ok(_) => {}
            Err(e) => panic!("GraphML is not well-formed: {e}"),
        }
        buffer.clear();
    }
}

fuzz_target!(|operations: Vec<ops::Op>| {
    let graph = ops::build(&operations);
    dot_parses(&DotWriter::new(&graph).legend(true).to_string());
    let network = graph.actor_network(&NetworkOptions::new());
    dot_parses(&DotWriter::new(&network).legend(true).to_string());

    let mut turtle = Vec::new();
    RdfWriter::new(&graph).write(&mut turtle).expect("writes");
    for triple in oxttl::TurtleParser::new().for_slice(&turtle) {
        triple.unwrap_or_else(|e| {
            panic!("invalid Turtle: {e}\n{}", String::from_utf8_lossy(&turtle))
        });
    }
    let mut nt = Vec::new();
    RdfWriter::new(&graph)
        .format(RdfFormat::NTriples)
        .write(&mut nt)
        .expect("writes");
    for triple in oxttl::NTriplesParser::new().for_slice(&nt) {
        triple.unwrap_or_else(|e| panic!("invalid N-Triples: {e}"));
    }

    let mut table = Vec::new();
    tables::EventTableWriter::new(&graph).write(&mut table).expect("writes");
    csv_is_rectangular(&table);
    let mut links = Vec::new();
    tables::LinksWriter::new(&network).write(&mut links).expect("writes");
    csv_is_rectangular(&links);
    let mut bulk = Vec::new();
    tables::BulkWriter::new(&graph).write_table(tables::BulkTable::Entities, &mut bulk).expect("writes");
    csv_is_rectangular(&bulk);
    let mut bulk = Vec::new();
    tables::BulkWriter::new(&graph).write_table(tables::BulkTable::Events, &mut bulk).expect("writes");
    csv_is_rectangular(&bulk);
    let mut bulk = Vec::new();
    tables::BulkWriter::new(&graph).write_table(tables::BulkTable::Participations, &mut bulk).expect("writes");
    csv_is_rectangular(&bulk);

    let mut xml = Vec::new();
    GraphmlWriter::new(&graph).write(&mut xml).expect("writes");
    xml_is_well_formed(&xml);
    let mut xml = Vec::new();
    GraphmlWriter::new(&network).write(&mut xml).expect("writes");
    xml_is_well_formed(&xml);
});
