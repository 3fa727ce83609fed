//! Shortest paths and co-participants on `shared/bench/gen.py`'s files, for setting eventkg and
//! the bare bidirectional baseline beside NetworkX (`benches/peers/networkx_paths.py`) on the
//! same data and the same questions.
//!
//! ```sh
//! python3 ../shared/bench/gen.py 100000 /tmp/gen100k
//! cargo run --release --features workload --example paths_peer -- /tmp/gen100k 1000
//! python3 benches/peers/networkx_paths.py /tmp/gen100k 1000
//! ```
//!
//! Pair `i` joins the entities of rows `(i * 7919) % E` and `(i * 104729 + 17) % E` of
//! `entities.csv`; co-participants are asked of the first entity of each pair. Both programs
//! print the number of paths found and their total length, which must agree.

#[path = "../benches/baseline/mod.rs"]
mod baseline;

use std::process::ExitCode;
use std::time::Instant;

use eventkg::EntityId;
use eventkg::query::PathOptions;
use eventkg::workload::Workload;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: paths_peer DIR [PAIRS]");
        return ExitCode::from(2);
    };
    let count: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
    let workload = match Workload::read_csv(std::path::Path::new(dir)) {
        Ok(workload) => workload,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let graph = match workload.build() {
        Ok(graph) => graph,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let bare = baseline::Bare::build(&baseline::BareRecords::of(&workload));
    let entities: Vec<EntityId> = graph.entities().map(|(id, _)| id).collect();
    let n = entities.len();
    let pairs: Vec<(usize, usize)> = (0..count)
        .map(|i| ((i * 7919) % n, (i * 104_729 + 17) % n))
        .collect();
    let options = PathOptions::default().max_hops(64);

    let start = Instant::now();
    let found: Vec<Option<eventkg::query::Path>> = pairs
        .iter()
        .map(|&(a, z)| graph.shortest_path(entities[a], entities[z], &options))
        .collect::<Result<_, _>>()
        .expect("the pairs are the graph's own entities");
    let lengths: Vec<usize> = found.iter().flatten().map(|p| p.len()).collect();
    let eventkg = start.elapsed();
    let start = Instant::now();
    let bare_lengths: Vec<usize> = pairs
        .iter()
        .filter_map(|&(a, z)| bare.shortest(bare.entities[a], bare.entities[z], 64))
        .collect();
    let baseline = start.elapsed();

    // A thousand co-participant queries take a millisecond or two: each side runs them
    // twenty times, in turn, and keeps its fastest run, so that neither is timed cold.
    let (mut co_eventkg, mut co_baseline) = (std::time::Duration::MAX, std::time::Duration::MAX);
    let (mut partners, mut bare_partners) = (0, 0);
    for _ in 0..20 {
        let start = Instant::now();
        partners = pairs
            .iter()
            .map(|&(a, _)| graph.co_participants(entities[a]).map(Iterator::count))
            .sum::<Result<usize, _>>()
            .expect("the pairs are the graph's own entities");
        co_eventkg = co_eventkg.min(start.elapsed());
        let start = Instant::now();
        bare_partners = pairs
            .iter()
            .map(|&(a, _)| bare.co_participants(bare.entities[a]))
            .sum::<usize>();
        co_baseline = co_baseline.min(start.elapsed());
    }

    println!(
        "paths: {} found, {} hops in all (baseline: {} found, {} hops)",
        lengths.len(),
        lengths.iter().sum::<usize>(),
        bare_lengths.len(),
        bare_lengths.iter().sum::<usize>()
    );
    println!("co-participants: {partners} in all (baseline: {bare_partners})");
    println!(
        "shortest paths: eventkg {:.3} s, baseline {:.3} s, ratio {:.2}",
        eventkg.as_secs_f64(),
        baseline.as_secs_f64(),
        eventkg.as_secs_f64() / baseline.as_secs_f64()
    );
    println!(
        "co-participants: eventkg {:.4} s, baseline {:.4} s, ratio {:.2}",
        co_eventkg.as_secs_f64(),
        co_baseline.as_secs_f64(),
        co_eventkg.as_secs_f64() / co_baseline.as_secs_f64()
    );
    if lengths != bare_lengths {
        eprintln!("error: eventkg and the baseline found different paths");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
