//! Betweenness centrality on `shared/bench/gen.py`'s files, for setting eventkg beside
//! NetworkX (`benches/peers/networkx_betweenness.py`) on the same network: the entities,
//! joined when they take part in one event or are related.
//!
//! ```sh
//! python3 ../shared/bench/gen.py 100000 /tmp/gen100k
//! cargo run --release --features workload --example centrality_peer -- /tmp/gen100k 1000
//! python3 benches/peers/networkx_betweenness.py /tmp/gen100k 1000
//! ```
//!
//! Both estimate betweenness from the given number of sources (each from its own random
//! draw, so the estimates differ a little) and print the time and the ten leading entities;
//! with `exact` as a third argument, each also computes the exact score.

use std::process::ExitCode;
use std::time::Instant;

use eventkg::workload::Workload;
use eventkg::{EntityId, EventGraph};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: centrality_peer DIR [SOURCES] [exact]");
        return ExitCode::from(2);
    };
    let sources: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let graph = match Workload::read_csv(std::path::Path::new(dir)).and_then(|w| w.build()) {
        Ok(graph) => graph,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    let sampled: Vec<(EntityId, f64)> = graph.betweenness_centrality_sampled(sources, 0).collect();
    let time = start.elapsed().as_secs_f64();
    print_top(&graph, &format!("from {sources} sources"), &sampled, time);
    if args.get(2).is_some_and(|a| a == "exact") {
        let start = Instant::now();
        let exact: Vec<(EntityId, f64)> = graph.betweenness_centrality().collect();
        print_top(&graph, "exact", &exact, start.elapsed().as_secs_f64());
    }
    ExitCode::SUCCESS
}

fn print_top(graph: &EventGraph, what: &str, scores: &[(EntityId, f64)], seconds: f64) {
    println!("betweenness {what}: eventkg {seconds:.3} s");
    for (id, score) in scores.iter().take(10) {
        let name = graph.entity(*id).map_or("?", |e| e.name());
        println!("  {score:.4}  {name}");
    }
}
