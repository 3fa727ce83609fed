//! DOT export throughput, against the baseline of petgraph's own `Dot` writer on a bare
//! `StableGraph` of the same shape (string weights, no styling, no tooltips), in the same run.
//!
//! `cargo bench --bench dot_export`

#[path = "queries/counter.rs"]
mod counter;

use std::hint::black_box;
use std::io::Write;

use counter::Counter;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use eventkg::export::DotWriter;
use eventkg::*;
use petgraph::dot::Dot;
use petgraph::stable_graph::StableDiGraph;

/// A GDELT-like graph: `events` events, a tenth as many entities drawn with a skew so that a few
/// are hubs, two participants an event, a fifth as many relations.
fn workload(events: usize) -> (EventGraph, StableDiGraph<String, String>) {
    let mut graph = EventGraph::new();
    let mut bare = StableDiGraph::new();
    let doc = graph.add_document(Document::new("doc")).unwrap();
    let entities = (events / 10).max(10);
    let kinds: Vec<EntityKind> = EntityKind::named().collect();
    let mut ids = Vec::new();
    let mut bare_ids = Vec::new();
    for i in 0..entities {
        let name = format!("Entity {i}");
        ids.push(
            graph
                .add_entity(Entity::new(kinds[i % 4].clone(), name.clone()))
                .unwrap(),
        );
        bare_ids.push(bare.add_node(name));
    }
    let mut state = 42u64;
    let mut pick = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (state >> 33) as f64 / (1u64 << 31) as f64;
        ((r * r * r) * entities as f64) as usize % entities
    };
    let event_kinds: Vec<EventKind> = EventKind::named().collect();
    for i in 0..events {
        let kind = event_kinds[i % 16].clone();
        let event = graph
            .add_event(
                Event::new(kind.clone())
                    .date(
                        FuzzyDate::ymd(
                            2020 + (i % 5) as i32,
                            1 + (i % 12) as u32,
                            1 + (i % 28) as u32,
                        )
                        .unwrap(),
                    )
                    .source(Source::new(doc).quote(format!("sentence {i}"))),
            )
            .unwrap();
        let bare_event = bare.add_node(kind.to_string());
        let (a, mut b) = (pick(), pick());
        if a == b {
            b = (b + 1) % entities;
        }
        graph
            .add_participation(Participation::new(ids[a], Role::Initiator, event))
            .unwrap();
        graph
            .add_participation(Participation::new(ids[b], Role::Target, event))
            .unwrap();
        bare.add_edge(bare_ids[a], bare_event, "initiator".to_owned());
        bare.add_edge(bare_ids[b], bare_event, "target".to_owned());
    }
    for i in 0..events / 5 {
        let (a, b) = (i % entities, pick());
        if a != b
            && graph
                .add_relation(Relation::new(ids[a], RelationKind::AlliedWith, ids[b]))
                .is_ok()
        {
            bare.add_edge(bare_ids[a], bare_ids[b], "allied_with".to_owned());
        }
    }
    (graph, bare)
}

fn dot_export(c: &mut Criterion) {
    let mut group = c.benchmark_group("dot_export");
    group.sample_size(10);
    for events in [10_000, 100_000] {
        let (graph, bare) = workload(events);
        let mut counter = Counter(0);
        DotWriter::new(&graph).write(&mut counter).unwrap();
        group.throughput(Throughput::Bytes(counter.0));
        group.bench_with_input(BenchmarkId::new("eventkg", events), &graph, |b, graph| {
            b.iter(|| DotWriter::new(black_box(graph)).write(Counter(0)).unwrap())
        });
        let mut counter = Counter(0);
        write!(counter, "{}", Dot::new(&bare)).unwrap();
        group.throughput(Throughput::Bytes(counter.0));
        group.bench_with_input(
            BenchmarkId::new("petgraph_baseline", events),
            &bare,
            |b, bare| b.iter(|| write!(Counter(0), "{}", Dot::new(black_box(bare))).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, dot_export);
criterion_main!(benches);
