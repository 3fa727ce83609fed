//! Any bytes as the JSON interchange form: a graph or an error, never a panic; a graph that
//! loads writes back to JSON that loads to the same graph.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        let _ = eventkg::io::json::from_reader(bytes);
        return;
    };
    if let Ok(graph) = eventkg::io::json::from_str(text) {
        let written = eventkg::io::json::to_string(&graph, false).expect("a loaded graph writes");
        let again = eventkg::io::json::from_str(&written).expect("written JSON loads");
        assert!(again == graph, "the JSON round trip changed the graph");
    }
});
