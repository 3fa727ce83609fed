//! Betweenness centrality of the actor network of imported GDELT rows: the crate's exact
//! score (Brandes, a pass from every entity) beside rustworkx-core's exact score of the same
//! network, built outside the timing (the crate builds its own inside it), in the same run;
//! and the crate's estimate from 1,000 sources (`betweenness_centrality_sampled`), which is
//! what a year of GDELT calls for.
//!
//! ```sh
//! cargo bench --features workload --bench centrality                   # 100k rows
//! EVENTKG_BENCH_ROWS=20000,100000 cargo bench --features workload --bench centrality
//! ```

use std::collections::HashSet;
use std::time::Duration;

mod gdelt_rows;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eventkg::io::gdelt::GdeltReader;
use eventkg::{EntityId, EventGraph, Polarity};
use gdelt_rows::{file, sizes};
use petgraph::graph::{NodeIndex, UnGraph};

/// A graph of `rows` generated GDELT 2.0 rows, imported from a file written once under the
/// system's temporary folder (the `gdelt_import` bench's file).
fn graph(rows: usize) -> EventGraph {
    let path = file(rows);
    let mut graph = EventGraph::new();
    GdeltReader::new()
        .add_to(&mut graph, [&path])
        .expect("the import");
    graph
}

/// The network the crate scores, for rustworkx-core: node `i` the `i`th entity, joined to
/// whoever takes part in an event with it. GDELT rows code no relations between entities.
fn petgraph_network(graph: &EventGraph) -> (UnGraph<(), ()>, Vec<EntityId>) {
    assert_eq!(graph.relation_count(), 0);
    let ids: Vec<EntityId> = graph.entities().map(|(id, _)| id).collect();
    let mut node = vec![
        NodeIndex::end();
        ids.iter()
            .map(|id| id.index() as usize + 1)
            .max()
            .unwrap_or(0)
    ];
    let mut network = UnGraph::default();
    for id in &ids {
        node[id.index() as usize] = network.add_node(());
    }
    let mut linked = HashSet::new();
    for (event, _) in graph.events() {
        let taking_part: Vec<NodeIndex> = graph
            .participations_in(event)
            .filter(|(_, p)| p.polarity() == Polarity::Affirmed)
            .map(|(_, p)| node[p.entity().index() as usize])
            .collect();
        for (i, &a) in taking_part.iter().enumerate() {
            for &b in &taking_part[i + 1..] {
                if a != b && linked.insert((a.min(b), a.max(b))) {
                    network.add_edge(a, b, ());
                }
            }
        }
    }
    (network, ids)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("betweenness");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    for rows in sizes() {
        let graph = graph(rows);
        let (network, ids) = petgraph_network(&graph);
        // The two exact scores agree before either is timed.
        let ours: Vec<(EntityId, f64)> = graph.betweenness_centrality().collect();
        let theirs = rustworkx_core::centrality::betweenness_centrality(&network, false, true, 200);
        for (id, score) in &ours {
            let at = ids.binary_search(id).expect("an entity of the network");
            let reference = theirs[at].unwrap_or(0.0);
            assert!(
                (score - reference).abs() < 1e-9,
                "{id}: {score} against {reference}"
            );
        }
        group.bench_with_input(BenchmarkId::new("eventkg", rows), &graph, |b, g| {
            b.iter(|| g.betweenness_centrality().next())
        });
        group.bench_with_input(
            BenchmarkId::new("rustworkx_baseline", rows),
            &network,
            |b, n| {
                b.iter(|| rustworkx_core::centrality::betweenness_centrality(n, false, true, 200))
            },
        );
        group.bench_with_input(
            BenchmarkId::new("eventkg_sampled_1000", rows),
            &graph,
            |b, g| b.iter(|| g.betweenness_centrality_sampled(1000, 0).next()),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
