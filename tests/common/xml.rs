//! Checks that GraphML output is well-formed XML.

#![allow(dead_code)]

/// Reads `xml` to the end, failing on any syntax error; returns how many nodes and edges it
/// holds.
pub fn well_formed_xml(xml: &[u8]) -> (usize, usize) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut nodes, mut edges) = (0, 0);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(quick_xml::events::Event::Start(tag)) => match tag.name().as_ref() {
                b"node" => nodes += 1,
                b"edge" => edges += 1,
                _ => {}
            },
            Ok(quick_xml::events::Event::Text(text)) => {
                text.decode().unwrap_or_else(|e| panic!("bad text: {e}"));
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "GraphML is not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
        buffer.clear();
    }
    (nodes, edges)
}
