//! Peak memory of a generated graph of N events, built by the crate or by the bare baseline,
//! each in a process of its own (the figure is the process's peak resident set, VmHWM).
//!
//! ```sh
//! cargo run --release --features workload --example scale_memory -- 1000000 eventkg
//! cargo run --release --features workload --example scale_memory -- 1000000 baseline
//! cargo run --release --features workload --example scale_memory -- csv:DIR eventkg   # gen.py's files
//! ```

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(source), Some(which)) = (args.first(), args.get(1)) else {
        eprintln!("usage: scale_memory N|csv:DIR eventkg|baseline");
        return ExitCode::from(2);
    };
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
        "{which} {size} events: {nodes} nodes, {facts} edges, built in {:.2} s; peak RSS {:.1} MiB (workload alone {:.1} MiB)",
        elapsed.as_secs_f64(),
        peak as f64 / (1024.0 * 1024.0),
        before as f64 / (1024.0 * 1024.0)
    );
    ExitCode::SUCCESS
}
