//! Importing a GDELT 2.0 event file into a graph, beside parsing the same file with the `csv`
//! crate alone, in the same run: how much the crate adds to reading the rows.
//!
//! The baseline reads the file as the reader does (tab-separated, no quoting, one reused
//! `ByteRecord`) and touches every field, which is the least any reader of the file does.
//! `split_baseline` does the same with the crate's own split (`workload::split_rows`), which
//! knows that GDELT quotes nothing and is faster than `csv` at it: the import is measured
//! against both, so that the quicker parse does not flatter it.
//! `typed rows` is the crate's own parse into [`EventRow`]s without a graph; `import` adds
//! them to a new graph (`GdeltReader::add_to`), parsing on a second thread.
//!
//! `gdelt_mentions` adds a mentions file to a graph of 100k imported events, beside the same
//! two parses of the mentions file: each mention becomes a source of its event, and one in
//! ten is of one big story, so that the import's time says whether a story mentioned
//! thousands of times costs each mention the same.
//!
//! `gdelt_write` writes a graph of 10k and 100k imported rows as a graph file (TOML), beside
//! the versioned JSON of the same graph in the same run: the TOML file says the same, more
//! explicitly, so its writer should cost about what the JSON's does, and grow as it does.
//!
//! `gdelt_read` reads those graph files back (the TOML text read into the graph a part at a
//! time, the next parts parsed meanwhile), beside the JSON of the same graph, beside `toml`
//! alone parsing the same parts into `toml::Table`s on every thread (the parse-only
//! baseline), and beside `toml` parsing the whole text at once (how the file was parsed before
//! it was cut into parts), all from text in memory.
//!
//! ```sh
//! cargo bench --features workload --bench gdelt_import                   # 100k rows
//! EVENTKG_BENCH_ROWS=100000,1000000 cargo bench --features workload --bench gdelt_import
//! ```
//!
//! [`EventRow`]: eventkg::io::gdelt::EventRow

use std::path::PathBuf;
use std::time::Duration;

mod gdelt_rows;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use eventkg::EventGraph;
use eventkg::io::gdelt::GdeltReader;
use gdelt_rows::{file, sizes};

/// The baseline: every row parsed by `csv`, every field's bytes touched.
fn parse_only(path: &PathBuf) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .quoting(false)
        .buffer_capacity(1 << 16)
        .from_path(path)
        .expect("the file");
    let mut row = csv::ByteRecord::new();
    let mut total = 0;
    while reader.read_byte_record(&mut row).expect("a row") {
        total += row.iter().map(<[u8]>::len).sum::<usize>();
    }
    total
}

fn typed_rows(path: &PathBuf) -> u64 {
    let mut file = GdeltReader::new().open(path).expect("the file");
    let mut ids = 0;
    for record in file.records().expect("the rows") {
        if let eventkg::io::gdelt::Record::Event(row) = record.expect("a row") {
            ids += row.id;
        }
    }
    ids
}

fn import(path: &PathBuf) -> EventGraph {
    let mut graph = EventGraph::new();
    GdeltReader::new()
        .add_to(&mut graph, [path])
        .expect("the import");
    graph
}

/// The two parses of the file at `path` of `rows` rows that the import is set beside.
fn baselines(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    rows: usize,
    path: &PathBuf,
) {
    group.throughput(Throughput::Elements(rows as u64));
    group.bench_with_input(
        BenchmarkId::new("csv_parse_baseline", rows),
        path,
        |b, p| b.iter(|| parse_only(p)),
    );
    group.bench_with_input(BenchmarkId::new("split_baseline", rows), path, |b, p| {
        b.iter(|| eventkg::workload::split_rows(p).expect("the rows"))
    });
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("gdelt_import");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    for rows in sizes() {
        let path = file(rows);
        baselines(&mut group, rows, &path);
        group.bench_with_input(BenchmarkId::new("typed_rows", rows), &path, |b, p| {
            b.iter(|| typed_rows(p))
        });
        group.bench_with_input(BenchmarkId::new("import", rows), &path, |b, p| {
            b.iter_with_large_drop(|| import(p))
        });
    }
    group.finish();
}

/// A generated GDELT 2.0 mentions file of `mentions` rows, of the events of `file(events)`,
/// written once and kept.
fn mentions_file(events: usize, mentions: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "eventkg-bench-gdelt-{events}-{mentions}.mentions.CSV"
    ));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let out = std::fs::File::create(&partial).expect("a temporary file");
        eventkg::workload::gdelt_mentions(events, mentions, 42, out).expect("the rows");
        std::fs::rename(&partial, &path).expect("the file");
    }
    path
}

/// Mentions added to a graph that holds their events (`workload::gdelt_mentions`: one in ten
/// of the day's big story), beside parsing the same mentions file alone. The graph of the
/// events is copied for each round outside the timing.
fn mentions(c: &mut Criterion) {
    const EVENTS: usize = 100_000;
    let events = import(&file(EVENTS));
    let mut group = c.benchmark_group("gdelt_mentions");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    for rows in sizes() {
        let path = mentions_file(EVENTS, rows);
        baselines(&mut group, rows, &path);
        group.bench_with_input(BenchmarkId::new("import", rows), &path, |b, p| {
            b.iter_batched_ref(
                || events.clone(),
                |graph| GdeltReader::new().add_to(graph, [p]).expect("the import"),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn write(c: &mut Criterion) {
    let mut group = c.benchmark_group("gdelt_write");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    for rows in [10_000, 100_000] {
        let graph = import(&file(rows));
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("toml", rows), &graph, |b, g| {
            b.iter(|| eventkg::io::write(g, std::io::sink()).expect("the file"))
        });
        group.bench_with_input(BenchmarkId::new("json", rows), &graph, |b, g| {
            b.iter(|| eventkg::io::json::to_writer(g, std::io::sink(), false).expect("the file"))
        });
    }
    group.finish();
}

/// The parse-only baseline of the parted read: the text cut before a `[[` header every
/// 256 KB, as the crate cuts it, and each part parsed into a `toml::Table` alone, the parts
/// shared among the machine's threads.
fn toml_parts(text: &str) -> usize {
    // A header of a record of its own (`[[event]]`), not of a record's table
    // (`[[event.sources]]`).
    let record = |at: usize| {
        let line = text[at..].lines().next().unwrap_or("");
        line.starts_with("[[") && line.trim_end().ends_with("]]") && !line.contains('.')
    };
    let mut cuts = vec![0];
    let mut from = 0;
    while let Some(at) = text.get(from + (256 << 10)..).and_then(|rest| {
        rest.match_indices("\n[[")
            .map(|(at, _)| from + (256 << 10) + at + 1)
            .find(|&at| record(at))
    }) {
        from = at;
        cuts.push(at);
    }
    cuts.push(text.len());
    let parts: Vec<&str> = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let per_thread = parts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .chunks(per_thread.max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|part| toml::from_str::<toml::Table>(part).expect("a part").len())
                        .sum::<usize>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a thread"))
            .sum()
    })
}

fn read(c: &mut Criterion) {
    let mut group = c.benchmark_group("gdelt_read");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    for rows in [10_000, 100_000] {
        let graph = import(&file(rows));
        let toml = eventkg::io::to_string(&graph).expect("the graph file");
        let json = eventkg::io::json::to_string(&graph, false).expect("the JSON");
        drop(graph);
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::new("toml", rows), &toml, |b, text| {
            b.iter(|| eventkg::io::from_str(text, "graph.toml").expect("the graph"))
        });
        group.bench_with_input(BenchmarkId::new("json", rows), &json, |b, text| {
            b.iter(|| eventkg::io::json::from_slice(text.as_bytes()).expect("the graph"))
        });
        group.bench_with_input(BenchmarkId::new("toml_table", rows), &toml, |b, text| {
            b.iter(|| toml::from_str::<toml::Table>(text).expect("the table"))
        });
        group.bench_with_input(BenchmarkId::new("toml_parts", rows), &toml, |b, text| {
            b.iter(|| toml_parts(text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, mentions, write, read);
criterion_main!(benches);
