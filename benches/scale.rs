//! How the crate's cost grows with the graph, each figure beside the same work on a bare
//! petgraph + IndexMap baseline measured in the same run.
//!
//! ```sh
//! cargo bench --features workload --bench scale                               # 10k and 100k events
//! EVENTKG_BENCH_SIZES=10000,100000,1000000 cargo bench --features workload --bench scale
//! python3 benches/report.py                                                   # the tables of BENCHMARKS.md
//! ```

mod baseline;
mod queries;

use std::hint::black_box;
use std::time::Duration;

use baseline::{Bare, BareRecords};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use eventkg::io as files;
use queries::{Fixture, paths_agree, queries};

fn sizes() -> Vec<usize> {
    std::env::var("EVENTKG_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
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
        let f = Fixture::new(size);
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

        assert!(
            paths_agree(&f),
            "eventkg and the baseline disagree on path lengths"
        );
        for query in queries() {
            let ours = (query.eventkg)(&f);
            let theirs = (query.baseline)(&f);
            if query.agree {
                assert_eq!(
                    ours, theirs,
                    "{}: eventkg and the baseline disagree",
                    query.name
                );
            }
            let mut g = configure(c, query.name);
            if query.bytes {
                g.throughput(Throughput::Bytes(ours));
            }
            g.bench_with_input(BenchmarkId::new("eventkg", n), &f, |b, f| {
                b.iter(|| (query.eventkg)(black_box(f)))
            });
            if query.bytes {
                g.throughput(Throughput::Bytes(theirs));
            }
            g.bench_with_input(BenchmarkId::new("baseline", n), &f, |b, f| {
                b.iter(|| (query.baseline)(black_box(f)))
            });
            g.finish();
        }
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
