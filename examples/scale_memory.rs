//! Peak memory of a generated graph of N events, built by the crate or by the bare baseline,
//! each in a process of its own (the figure is the process's peak resident set, VmHWM).
//!
//! ```sh
//! cargo run --release --features workload --example scale_memory -- 1000000 eventkg
//! cargo run --release --features workload --example scale_memory -- 1000000 baseline
//! cargo run --release --features workload --example scale_memory -- csv:DIR eventkg   # gen.py's files
//! cargo run --release --features workload --example scale_memory -- write:DIR 10000     # article files
//! cargo run --release --features workload --example scale_memory -- corpus:DIR eventkg  # load them
//! cargo run --release --features workload --example scale_memory -- gdelt-write:FILE 1000000  # GDELT 2.0 rows
//! cargo run --release --features workload --example scale_memory -- gdelt:FILE eventkg        # import them
//! cargo run --release --features workload --example scale_memory -- gdelt-mentions-write:FILE 100000,1000000
//! cargo run --release --features workload --example scale_memory -- gdelt:EVENTS,MENTIONS eventkg
//! cargo run --release --features workload --example scale_memory -- json-write:FILE 1000000    # a JSON graph
//! cargo run --release --features workload --example scale_memory -- json:FILE eventkg   # load it, streaming
//! cargo run --release --features workload --example scale_memory -- json:FILE whole     # its text read first
//! cargo run --release --features workload --example scale_memory -- toml:FILE eventkg   # a graph file
//! ```
//!
//! Loading a corpus also prints the resident set once the graph is loaded and the allocator
//! has handed back what it freed: the memory of the loaded graph, which the peak is set
//! beside.

#[path = "../benches/baseline/mod.rs"]
mod baseline;

use std::process::ExitCode;
use std::time::Instant;

use eventkg::workload::Workload;

/// The process's peak resident set, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The process's resident set now, once freed memory is given back to the system (Linux).
fn live_rss() -> Option<u64> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only releases free memory; it is always safe to call.
        unsafe { libc::malloc_trim(0) };
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Writes `files` generated article files into `dir`.
fn write_corpus(dir: &str, files: &str) -> ExitCode {
    let Ok(files) = files.parse::<usize>() else {
        eprintln!("usage: scale_memory write:DIR FILES");
        return ExitCode::from(2);
    };
    let dir = std::path::Path::new(dir);
    for file in eventkg::workload::articles(files, 42) {
        if let Err(error) = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(dir.join(&file.name), &file.text))
        {
            eprintln!("error: {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// What a load gave, how long it took, and the process's peak and live memory after it.
struct Measured<T> {
    value: T,
    elapsed: std::time::Duration,
    before: u64,
    peak: u64,
    live: u64,
}

/// Runs `load`, measured; an error is printed.
fn measured<T>(load: impl FnOnce() -> Result<T, eventkg::Error>) -> Result<Measured<T>, ExitCode> {
    let before = peak_rss().unwrap_or(0);
    let start = Instant::now();
    let value = load().map_err(|error| {
        eprintln!("error: {error}");
        ExitCode::FAILURE
    })?;
    let elapsed = start.elapsed();
    Ok(Measured {
        value,
        elapsed,
        before,
        peak: peak_rss().unwrap_or(0),
        live: live_rss().unwrap_or(0),
    })
}

/// Loads every graph file in `dir`, and prints the time, the peak and the loaded graph's
/// memory.
fn load_corpus(dir: &str) -> ExitCode {
    report_load("corpus", || eventkg::io::read_dir(dir))
}

/// Runs `load`, and prints what it loaded under `what`, the time, the peak and the loaded
/// graph's memory.
fn report_load(
    what: &str,
    load: impl FnOnce() -> Result<eventkg::EventGraph, eventkg::Error>,
) -> ExitCode {
    let Measured {
        value: graph,
        elapsed,
        before,
        peak,
        live,
    } = match measured(load) {
        Ok(measured) => measured,
        Err(code) => return code,
    };
    std::hint::black_box(&graph);
    println!(
        "{what} {} documents, {} events: loaded in {:.3} s; peak RSS {:.1} MiB, loaded graph {:.1} MiB ({:.2}x), process before {:.1} MiB",
        graph.document_count(),
        graph.event_count(),
        elapsed.as_secs_f64(),
        mib(peak),
        mib(live),
        peak as f64 / live.max(1) as f64,
        mib(before),
    );
    ExitCode::SUCCESS
}

/// Writes `rows` generated GDELT 2.0 event rows to `path`.
fn write_gdelt(path: &str, rows: &str) -> ExitCode {
    let Ok(rows) = rows.parse::<usize>() else {
        eprintln!("usage: scale_memory gdelt-write:FILE ROWS");
        return ExitCode::from(2);
    };
    let written = std::fs::File::create(path)
        .and_then(|file| eventkg::workload::gdelt_events(rows, 42, file));
    if let Err(error) = written {
        eprintln!("error: {path}: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Writes `mentions` generated GDELT 2.0 mention rows of the events of `events` generated
/// event rows to `path` (`EVENTS,MENTIONS`).
fn write_mentions(path: &str, counts: &str) -> ExitCode {
    let Some((Ok(events), Ok(mentions))) = counts
        .split_once(',')
        .map(|(e, m)| (e.parse::<usize>(), m.parse::<usize>()))
    else {
        eprintln!("usage: scale_memory gdelt-mentions-write:FILE EVENTS,MENTIONS");
        return ExitCode::from(2);
    };
    let written = std::fs::File::create(path)
        .and_then(|file| eventkg::workload::gdelt_mentions(events, mentions, 42, file));
    if let Err(error) = written {
        eprintln!("error: {path}: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Imports GDELT files (`FILE,FILE…`, events before mentions) into a new graph, and prints
/// the time and the peak.
fn import_gdelt(paths: &str) -> ExitCode {
    let path: Vec<&str> = paths.split(',').collect();
    let mut graph = eventkg::EventGraph::new();
    let Measured {
        value: summary,
        elapsed,
        before,
        peak,
        live,
    } = match measured(|| eventkg::io::gdelt::GdeltReader::new().add_to(&mut graph, &path)) {
        Ok(measured) => measured,
        Err(code) => return code,
    };
    std::hint::black_box(&graph);
    let per_million = 1e6 / summary.rows.read.max(1) as f64;
    println!(
        "gdelt {} rows, {} events, {} entities, {} documents: imported in {:.2} s ({:.0} rows/s); peak RSS {:.1} MiB ({:.1} MiB per million rows), graph {:.1} MiB, process before {:.1} MiB",
        summary.rows.read,
        graph.event_count(),
        graph.entity_count(),
        graph.document_count(),
        elapsed.as_secs_f64(),
        summary.rows.read as f64 / elapsed.as_secs_f64(),
        mib(peak),
        mib(peak.saturating_sub(before)) * per_million,
        mib(live),
        mib(before),
    );
    ExitCode::SUCCESS
}

/// Writes the JSON form of the generated graph of `events` events to `path`.
fn write_json(path: &str, events: &str) -> ExitCode {
    let Ok(events) = events.parse::<usize>() else {
        eprintln!("usage: scale_memory json-write:FILE EVENTS");
        return ExitCode::from(2);
    };
    let written = Workload::generate(events, 42).build().and_then(|graph| {
        let file = std::fs::File::create(path)?;
        eventkg::io::json::to_writer(&graph, file, false)
    });
    if let Err(error) = written {
        eprintln!("error: {path}: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Loads a JSON graph, streamed from its file (`eventkg`) or from its text read whole first
/// (`whole`, as the crate read it before it streamed), and prints the time, the peak and the
/// loaded graph's memory.
fn load_json(path: &str, how: &str) -> ExitCode {
    report_load(&format!("json ({how})"), || match how {
        "whole" => eventkg::io::json::from_slice(&std::fs::read(path)?),
        _ => eventkg::io::json::from_reader(std::fs::File::open(path)?),
    })
}

/// Loads a graph file (TOML), as `eventkg -g FILE` does, and prints the time, the peak and
/// the loaded graph's memory.
fn load_toml(path: &str) -> ExitCode {
    report_load("toml", || eventkg::io::read_files([path]))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(source), Some(which)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: scale_memory N|csv:DIR|corpus:DIR|gdelt:FILE|json:FILE|toml:FILE eventkg|baseline|whole, \
             or write:DIR FILES, gdelt-write:FILE ROWS, \
             gdelt-mentions-write:FILE EVENTS,MENTIONS, json-write:FILE EVENTS"
        );
        return ExitCode::from(2);
    };
    if let Some(dir) = source.strip_prefix("write:") {
        return write_corpus(dir, which);
    }
    if let Some(dir) = source.strip_prefix("corpus:") {
        return load_corpus(dir);
    }
    if let Some(path) = source.strip_prefix("gdelt-write:") {
        return write_gdelt(path, which);
    }
    if let Some(path) = source.strip_prefix("gdelt-mentions-write:") {
        return write_mentions(path, which);
    }
    if let Some(path) = source.strip_prefix("gdelt:") {
        return import_gdelt(path);
    }
    if let Some(path) = source.strip_prefix("json-write:") {
        return write_json(path, which);
    }
    if let Some(path) = source.strip_prefix("json:") {
        return load_json(path, which);
    }
    if let Some(path) = source.strip_prefix("toml:") {
        return load_toml(path);
    }
    let workload = match source.strip_prefix("csv:") {
        Some(dir) => match Workload::read_csv(std::path::Path::new(dir)) {
            Ok(workload) => workload,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
        None => match source.parse::<usize>() {
            Ok(size) => Workload::generate(size, 42),
            Err(_) => {
                eprintln!("usage: scale_memory N|csv:DIR eventkg|baseline");
                return ExitCode::from(2);
            }
        },
    };
    let size = workload.events.len();
    let before = peak_rss().unwrap_or(0);
    let start = Instant::now();
    let (nodes, facts) = match which.as_str() {
        "eventkg" => match workload.build() {
            Ok(graph) => {
                let counts = (
                    graph.entity_count() + graph.event_count(),
                    graph.participation_count() + graph.relation_count(),
                );
                drop(workload);
                std::hint::black_box(&graph);
                counts
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
        "baseline" => {
            let records = baseline::BareRecords::of(&workload);
            drop(workload);
            let bare = baseline::Bare::build(&records);
            std::hint::black_box(&bare);
            (bare.graph.node_count(), bare.graph.edge_count())
        }
        _ => {
            eprintln!("usage: scale_memory N eventkg|baseline");
            return ExitCode::from(2);
        }
    };
    let elapsed = start.elapsed();
    let peak = peak_rss().unwrap_or(0);
    println!(
        "{which} {size} events: {nodes} nodes, {facts} edges, built in {:.3} s; peak RSS {:.1} MiB (workload alone {:.1} MiB)",
        elapsed.as_secs_f64(),
        peak as f64 / (1024.0 * 1024.0),
        before as f64 / (1024.0 * 1024.0)
    );
    ExitCode::SUCCESS
}
