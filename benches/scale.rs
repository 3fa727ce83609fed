//! How the crate's cost grows with the graph, each figure beside the same work on a bare
//! petgraph + IndexMap baseline measured in the same run.
//!
//! ```sh
//! cargo bench --features workload --bench scale                               # 10k and 100k events
//! EVENTKG_BENCH_SIZES=10000,100000,1000000 cargo bench --features workload --bench scale
//! python3 benches/report.py                                                   # the tables of BENCHMARKS.md
//! ```

mod baseline;

use std::hint::black_box;
use std::io::{self, Write};

use eventkg::io as files;
use std::time::Duration;

use baseline::{Bare, BareRecords, kind_code};
use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use eventkg::export::{DotWriter, RdfFormat, RdfWriter};
use eventkg::query::{DateMatch, NetworkOptions, PathOptions, Rank};
use eventkg::workload::Workload;
use eventkg::*;
use petgraph::dot::Dot;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

/// Counts bytes, so that exports are timed without the cost of keeping their text.
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn sizes() -> Vec<usize> {
    std::env::var("EVENTKG_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

struct Fixture {
    size: usize,
    workload: Workload,
    records: BareRecords,
    graph: EventGraph,
    bare: Bare,
    entities: Vec<EntityId>,
    /// Names and aliases to look up, hubs' among them, in a fixed shuffled order.
    names: Vec<String>,
}

fn fixture(size: usize) -> Fixture {
    let workload = Workload::generate(size, 42);
    let records = BareRecords::of(&workload);
    let graph = workload.build().expect("the workload builds");
    let bare = Bare::build(&records);
    let entities: Vec<EntityId> = graph.entities().map(|(id, _)| id).collect();
    let all: Vec<String> = workload
        .entities
        .iter()
        .flat_map(|e| std::iter::once(e.name.clone()).chain(e.aliases.iter().cloned()))
        .collect();
    let names = (0..100_000)
        .map(|i| all[(i * 7919) % all.len()].clone())
        .collect();
    Fixture {
        size,
        workload,
        records,
        graph,
        bare,
        entities,
        names,
    }
}

fn configure<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group
}

fn scale(c: &mut Criterion) {
    for size in sizes() {
        let f = fixture(size);
        let n = f.size;

        let mut g = configure(c, "build");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| f.workload.build().unwrap())
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| Bare::build(&f.records))
        });
        g.finish();

        let json = files::json::to_string(&f.graph, false).unwrap();
        let bare_json = serde_json::to_vec(&f.records).unwrap();
        let mut g = configure(c, "load_json");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &json, |b, json| {
            b.iter(|| files::json::from_str(black_box(json)).unwrap())
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &bare_json, |b, json| {
            b.iter(|| Bare::build(&serde_json::from_slice::<BareRecords>(black_box(json)).unwrap()))
        });
        g.finish();
        drop(json);

        if n <= 100_000 {
            let file = files::to_string(&f.graph).unwrap();
            let bare_toml = toml::to_string(&f.records).unwrap();
            let mut g = configure(c, "load_file");
            g.bench_with_input(BenchmarkId::new("eventkg", n), &file, |b, text| {
                b.iter(|| files::from_str(black_box(text), "bench.toml").unwrap())
            });
            g.bench_with_input(BenchmarkId::new("baseline", n), &bare_toml, |b, text| {
                b.iter(|| Bare::build(&toml::from_str::<BareRecords>(black_box(text)).unwrap()))
            });
            g.finish();
        }

        let mut g = configure(c, "lookups_100k");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                f.names
                    .iter()
                    .filter(|name| f.graph.find_entity(name).is_ok())
                    .count()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| {
                f.names
                    .iter()
                    .filter(|name| f.bare.lookup(name).is_some())
                    .count()
            })
        });
        g.finish();

        let reject = kind_code(&EventKind::Reject);
        let typed = |f: &Fixture| f.entities.len().min(10_000);
        let mut g = configure(c, "typed_neighbours_10k");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                f.entities[..typed(f)]
                    .iter()
                    .map(|&e| {
                        f.graph
                            .participations_as(e, Role::Initiator)
                            .filter(|(_, p)| {
                                f.graph
                                    .event(p.event())
                                    .is_some_and(|ev| ev.kind() == EventKind::Reject)
                            })
                            .count()
                    })
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| {
                f.bare.entities[..typed(f)]
                    .iter()
                    .map(|&e| f.bare.typed(e, reject))
                    .sum::<usize>()
            })
        });
        g.finish();

        let co_participants = |f: &Fixture| {
            f.entities[..1000.min(f.entities.len())]
                .iter()
                .map(|&e| f.graph.co_participants(e).unwrap().count())
                .sum::<usize>()
        };
        let bare_co_participants = |f: &Fixture| {
            f.bare.entities[..1000.min(f.bare.entities.len())]
                .iter()
                .map(|&e| f.bare.co_participants(e))
                .sum::<usize>()
        };
        assert_eq!(co_participants(&f), bare_co_participants(&f));
        let mut g = configure(c, "co_participants_1k");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| co_participants(f))
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| bare_co_participants(f))
        });
        g.finish();

        let pairs: Vec<(usize, usize)> = (0..1000)
            .map(|i| {
                (
                    (i * 7919) % f.entities.len(),
                    (i * 104_729 + 17) % f.entities.len(),
                )
            })
            .collect();
        // Searches run to completion: no hop limit a path through the hubs could reach.
        let options = PathOptions::default().max_hops(64);
        let lengths: Vec<Option<usize>> = pairs
            .iter()
            .map(|&(a, z)| {
                f.graph
                    .shortest_path(f.entities[a], f.entities[z], &options)
                    .unwrap()
                    .map(|p| p.len())
            })
            .collect();
        let bare: Vec<Option<usize>> = pairs
            .iter()
            .map(|&(a, z)| f.bare.shortest(f.bare.entities[a], f.bare.entities[z], 64))
            .collect();
        assert_eq!(
            lengths, bare,
            "eventkg and the baseline disagree on path lengths"
        );
        let mut g = configure(c, "shortest_paths_1k");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                pairs
                    .iter()
                    .filter_map(|&(a, z)| {
                        f.graph
                            .shortest_path(f.entities[a], f.entities[z], &options)
                            .unwrap()
                    })
                    .map(|p| p.len())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| {
                pairs
                    .iter()
                    .filter_map(|&(a, z)| {
                        f.bare.shortest(f.bare.entities[a], f.bare.entities[z], 64)
                    })
                    .sum::<usize>()
            })
        });
        g.finish();

        let (first, last) = (
            NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2022, 3, 31).unwrap(),
        );
        let mut g = configure(c, "window_month");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                f.graph
                    .search_events()
                    .between(first, last, DateMatch::Overlaps)
                    .iter()
                    .count()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| f.bare.window(first, last))
        });
        g.finish();

        let requests: Vec<EventId> = f
            .graph
            .events_of_kind(EventKind::Request)
            .map(|(id, _)| id)
            .take(100)
            .collect();
        let mut g = configure(c, "stance_100");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                requests
                    .iter()
                    .map(|&e| f.graph.stance(e).unwrap().entries().count())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| {
                requests
                    .iter()
                    .map(|&e| {
                        let (a, z) = f.bare.stance(f.bare.events[e.index() as usize]);
                        a + z
                    })
                    .sum::<usize>()
            })
        });
        g.finish();

        let mut g = configure(c, "export_dot");
        let mut bytes = Counter(0);
        DotWriter::new(&f.graph).write(&mut bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.0));
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| DotWriter::new(&f.graph).write(Counter(0)).unwrap())
        });
        let mut bytes = Counter(0);
        write!(bytes, "{:?}", Dot::new(&f.bare.graph)).unwrap();
        g.throughput(Throughput::Bytes(bytes.0));
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| write!(Counter(0), "{:?}", Dot::new(&f.bare.graph)).unwrap())
        });
        g.finish();

        let mut g = configure(c, "export_json");
        let mut bytes = Counter(0);
        files::json::to_writer(&f.graph, &mut bytes, false).unwrap();
        g.throughput(Throughput::Bytes(bytes.0));
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| files::json::to_writer(&f.graph, Counter(0), false).unwrap())
        });
        let mut bytes = Counter(0);
        serde_json::to_writer(&mut bytes, &f.records).unwrap();
        g.throughput(Throughput::Bytes(bytes.0));
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| serde_json::to_writer(Counter(0), &f.records).unwrap())
        });
        g.finish();

        let mut g = configure(c, "export_ntriples");
        let writer = RdfWriter::new(&f.graph).format(RdfFormat::NTriples);
        let mut bytes = Counter(0);
        writer.write(&mut bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.0));
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, _| {
            b.iter(|| writer.write(Counter(0)).unwrap())
        });
        let bare_nt = |out: &mut Counter| -> io::Result<()> {
            let mut out = io::BufWriter::new(out);
            for edge in (&f.bare.graph).edge_references() {
                writeln!(
                    out,
                    "<urn:n{}> <urn:p{:?}> <urn:n{}> .",
                    edge.source().index(),
                    edge.weight(),
                    edge.target().index()
                )?;
            }
            out.flush()
        };
        let mut bytes = Counter(0);
        bare_nt(&mut bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.0));
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, _| {
            b.iter(|| bare_nt(&mut Counter(0)).unwrap())
        });
        g.finish();

        // The actor network of the whole graph, pruned to its 100 most active actors.
        let mut g = configure(c, "actor_network_top100");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                f.graph
                    .actor_network(&NetworkOptions::new())
                    .top(100, Rank::Strength)
                    .link_count()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| f.bare.projection_top(100))
        });
        g.finish();

        // The ego network of the busiest entity, two hops, exported as DOT.
        let hub = *f
            .entities
            .iter()
            .max_by_key(|&&e| f.graph.degree(e))
            .unwrap();
        let bare_hub = f.bare.entities[hub.index() as usize];
        let mut g = configure(c, "ego_dot");
        g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
            b.iter(|| {
                let ego = f.graph.ego(hub, 2, &PathOptions::default()).unwrap();
                DotWriter::new(&ego).write(Counter(0)).unwrap()
            })
        });
        g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
            b.iter(|| {
                let mut keep = std::collections::HashSet::from([bare_hub]);
                let mut frontier = vec![bare_hub];
                for _ in 0..2 {
                    let next: Vec<_> = frontier
                        .iter()
                        .flat_map(|&x| f.bare.graph.neighbors_undirected(x))
                        .filter(|x| keep.insert(*x))
                        .collect();
                    frontier = next;
                }
                let part =
                    petgraph::visit::NodeFiltered::from_fn(&f.bare.graph, |x| keep.contains(&x));
                write!(Counter(0), "{:?}", Dot::new(&part)).unwrap()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
