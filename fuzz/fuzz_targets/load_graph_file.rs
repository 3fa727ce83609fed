//! Any text as a graph file: a graph or a located error, never a panic; a graph that loads
//! writes back to a file that loads to the same graph.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let loaded = eventkg::io::from_str(text, "fuzz.toml");
    let problems = eventkg::io::check_str(text, "fuzz.toml");
    assert_eq!(
        problems.is_empty(),
        loaded.is_ok(),
        "the checker and the loader disagree"
    );
    if let Ok(graph) = loaded {
        let written = eventkg::io::to_string(&graph).expect("a loaded graph writes");
        let again = eventkg::io::from_str(&written, "again.toml")
            .unwrap_or_else(|e| panic!("a written graph must load: {e}\n{written}"));
        assert!(
            again == graph,
            "the graph file round trip changed the graph\n{written}"
        );
    }
});
