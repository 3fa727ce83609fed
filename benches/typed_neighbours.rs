//! An entity's events in one role, on a hub whose other facts grow from a thousand to a million:
//! the index by kind against a scan of the hub's facts, in the same run.
//!
//! `cargo bench --bench typed_neighbours`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eventkg::*;

/// A hub with `others` statements it spoke in and ten rejections it initiated.
fn hub_graph(others: usize) -> (EventGraph, EntityId) {
    let mut graph = EventGraph::new();
    let hub = graph
        .add_entity(Entity::new(EntityKind::State, "Hub"))
        .unwrap();
    for i in 0..others {
        let event = graph.add_event(Event::new(EventKind::Statement)).unwrap();
        graph
            .add_participation(Participation::new(hub, Role::Speaker, event))
            .unwrap();
        if i % (others / 10).max(1) == 0 {
            let no = graph.add_event(Event::new(EventKind::Reject)).unwrap();
            graph
                .add_participation(Participation::new(hub, Role::Initiator, no))
                .unwrap();
        }
    }
    (graph, hub)
}

fn typed_neighbours(c: &mut Criterion) {
    let mut group = c.benchmark_group("typed_neighbours");
    group.sample_size(20);
    for others in [1_000, 100_000, 1_000_000] {
        let (graph, hub) = hub_graph(others);
        group.bench_with_input(BenchmarkId::new("indexed", others), &others, |b, _| {
            b.iter(|| {
                graph
                    .participations_as(black_box(hub), Role::Initiator)
                    .count()
            })
        });
        group.bench_with_input(
            BenchmarkId::new("scan_baseline", others),
            &others,
            |b, _| {
                b.iter(|| {
                    graph
                        .participations_of(black_box(hub))
                        .filter(|(_, p)| p.role() == Role::Initiator)
                        .count()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, typed_neighbours);
criterion_main!(benches);
