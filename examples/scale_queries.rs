//! Every query of the `scale` bench, once each, on the crate and on the bare baseline, on a
//! generated graph too big for criterion's repeated samples: 10M events build and answer on
//! the 2-core, 24 GiB machine.
//!
//! ```sh
//! cargo run --release --features workload --example scale_queries               # 10M events
//! cargo run --release --features workload --example scale_queries -- 1000000
//! ```
//!
//! It prints each step's time beside the baseline's, the resident set once both graphs are
//! built, and the peak; the JSON round trip comes last, with the built graphs dropped, so
//! that the peak is the JSON text and the graph read from it.

#[path = "../benches/baseline/mod.rs"]
mod baseline;
#[path = "../benches/queries/mod.rs"]
mod queries;

use std::error::Error;
use std::time::{Duration, Instant};

use baseline::{Bare, BareRecords};
use eventkg::io as files;
use eventkg::workload::Workload;
use queries::{Fixture, queries};

/// A line of `/proc/self/status` in bytes (Linux): `VmHWM` the peak, `VmRSS` now.
fn status(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with(field))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib * 1024)
}

fn gib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0 * 1024.0)
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

fn row(name: &str, ours: Duration, theirs: Duration) {
    println!(
        "| {name} | {ours:.2?} | {theirs:.2?} | {:.2}× |",
        ours.as_secs_f64() / theirs.as_secs_f64().max(1e-9)
    );
}

fn main() -> Result<(), Box<dyn Error>> {
    let size: usize = std::env::args()
        .nth(1)
        .map_or(Ok(10_000_000), |a| a.parse())?;
    let (workload, generated) = timed(|| Workload::generate(size, 42));
    let records = BareRecords::of(&workload);
    let workload_rss = status("VmRSS:");
    println!(
        "{size} events generated in {generated:.2?}; the workload and the baseline's records \
         hold {:.2} GiB",
        gib(workload_rss)
    );
    println!("\n| step | eventkg | baseline | ratio |\n|---|---:|---:|---:|");
    let (graph, built) = timed(|| workload.build());
    let graph = graph?;
    let graph_rss = status("VmRSS:");
    let (bare, bare_built) = timed(|| Bare::build(&records));
    row("build", built, bare_built);
    // The bench compares every path's length; here, to keep the run short at 10M events,
    // the query's sum of lengths is compared.
    let f = Fixture::of(size, workload, records, graph, bare);
    for query in queries() {
        let (ours, ours_time) = timed(|| (query.eventkg)(&f));
        let (theirs, theirs_time) = timed(|| (query.baseline)(&f));
        if query.agree && ours != theirs {
            return Err(format!("{}: eventkg {ours}, baseline {theirs}", query.name).into());
        }
        row(query.name, ours_time, theirs_time);
    }
    let built_rss = status("VmRSS:");
    let (json, written) = timed(|| files::json::to_string(&f.graph, false));
    let json = json?;
    let bare_json = serde_json::to_vec(&f.records)?;
    let (entities, events) = (f.graph.entity_count(), f.graph.event_count());
    drop(f);
    let (loaded, read) = timed(|| files::json::from_str(&json));
    let loaded = loaded?;
    assert_eq!(
        (loaded.entity_count(), loaded.event_count()),
        (entities, events)
    );
    drop(loaded);
    let (bare, bare_read) = timed(|| {
        serde_json::from_slice::<BareRecords>(&bare_json).map(|records| Bare::build(&records))
    });
    drop(bare?);
    row("load_json", read, bare_read);
    println!(
        "\nthe graph: {:.2} GiB above the workload ({:.0} bytes an event); both graphs built: \
         {:.2} GiB resident; JSON {:.2} GiB, written in {written:.2?}; peak {:.2} GiB",
        gib(graph_rss.saturating_sub(workload_rss)),
        graph_rss.saturating_sub(workload_rss) as f64 / size as f64,
        gib(built_rss),
        gib(json.len() as u64),
        gib(status("VmHWM:"))
    );
    Ok(())
}
