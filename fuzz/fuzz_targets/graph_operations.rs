//! Arbitrary operation sequences: refused operations change nothing, no fact outlives its
//! nodes, and the graph survives the JSON and graph-file round trips.

#![no_main]

#[path = "../common/ops.rs"]
mod ops;

use eventkg::NodeId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|operations: Vec<ops::Op>| {
    let graph = ops::build(&operations);
    let exists = |node: NodeId| match node {
        NodeId::Entity(id) => graph.entity(id).is_some(),
        NodeId::Event(id) => graph.event(id).is_some(),
    };
    for (_, p) in graph.participations() {
        assert!(
            exists(p.entity().into()) && exists(p.event().into()),
            "a dangling participation"
        );
    }
    for (_, r) in graph.relations() {
        assert!(exists(r.from()) && exists(r.to()), "a dangling relation");
    }
    let json = eventkg::io::json::to_string(&graph, false).expect("writes");
    assert!(
        eventkg::io::json::from_str(&json).expect("reads") == graph,
        "JSON round trip"
    );
    // Graph files number records densely: compare against the graph without its holes.
    let compact = graph.view().to_graph().expect("a graph copies whole");
    let file = eventkg::io::to_string(&compact).expect("writes");
    let again = eventkg::io::from_str(&file, "ops.toml")
        .unwrap_or_else(|e| panic!("a written graph must load: {e}\n{file}"));
    assert!(again == compact, "graph file round trip\n{file}");
});
