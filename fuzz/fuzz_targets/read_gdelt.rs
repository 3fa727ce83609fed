//! Any bytes as a GDELT file, plain or zipped: a graph or a located error, never a panic. A
//! file that fails leaves the graph as it was; one that loads writes to JSON that loads to the
//! same graph.

#![no_main]

use eventkg::EventGraph;
use eventkg::io::gdelt::GdeltReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The reader takes paths, as users give them: the input goes through a file of its own.
    let path = std::env::temp_dir().join(format!("eventkg-fuzz-gdelt-{}", std::process::id()));
    std::fs::write(&path, bytes).expect("a scratch file");
    let skip_bad = bytes.first().is_some_and(|b| b & 1 == 1);
    let mut graph = EventGraph::new();
    match GdeltReader::new()
        .skip_bad(skip_bad)
        .add_to(&mut graph, [&path])
    {
        Ok(summary) => {
            assert_eq!(
                summary.rows.read,
                summary.rows.kept + summary.rows.filtered + summary.rows.bad
            );
            let written = eventkg::io::json::to_string(&graph, false).expect("a graph writes");
            let again = eventkg::io::json::from_str(&written).expect("written JSON loads");
            assert!(again == graph, "the JSON round trip changed the graph");
        }
        Err(_) => assert_eq!(graph.event_count() + graph.entity_count(), 0),
    }
});
