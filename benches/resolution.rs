//! Resolution candidates at 10k and 100k entities with made-up, varied names, beside the
//! textbook recipe on the same names measured in the same run: token blocking with the same
//! block limit, then Jaro–Winkler on the folded names of each blocked pair.
//!
//! ```sh
//! cargo bench --features workload --bench resolution
//! ```

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use eventkg::query::CandidateOptions;
use eventkg::workload::name_variants;
use eventkg::{EventGraph, normalize_name};

/// Token blocking and Jaro–Winkler over the folded names: the pairs in blocks of at most
/// `limit`, deduplicated, those at 0.9 or more kept.
fn baseline(names: &[String], limit: usize) -> Vec<(usize, usize)> {
    let mut blocks: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        for word in name.split(' ').filter(|w| w.len() >= 3) {
            let members = blocks.entry(word).or_default();
            if members.last() != Some(&(i as u32)) {
                members.push(i as u32);
            }
        }
    }
    let mut pairs: Vec<u64> = Vec::new();
    for members in blocks.values().filter(|m| m.len() <= limit) {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                pairs.push(u64::from(a) << 32 | u64::from(b));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .iter()
        .map(|&p| ((p >> 32) as usize, p as u32 as usize))
        .filter(|&(a, b)| strsim::jaro_winkler(&names[a], &names[b]) >= 0.9)
        .collect()
}

fn resolution(c: &mut Criterion) {
    let mut group = c.benchmark_group("resolution_candidates");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for size in [10_000, 100_000] {
        let workload = name_variants(size, 7);
        let graph: EventGraph = workload.build().expect("made-up names are distinct");
        let options = CandidateOptions::new();
        // What each side finds of the generated variants, printed beside the times.
        let truth: std::collections::HashSet<(usize, usize)> =
            workload.pairs.iter().copied().collect();
        let folded: Vec<String> = workload
            .entities
            .iter()
            .map(|e| normalize_name(&e.name))
            .collect();
        let bare = baseline(&folded, 64);
        let bare_hits = bare.iter().filter(|p| truth.contains(p)).count();
        let found = graph.resolution_candidates(&CandidateOptions::new().threshold(0.85));
        let hits = found
            .entities()
            .iter()
            .filter(|c| truth.contains(&(c.one().index() as usize, c.other().index() as usize)))
            .count();
        eprintln!(
            "{size} entities, {} true pairs: eventkg finds {hits} ({} false at 0.85), the baseline {bare_hits} ({} false)",
            truth.len(),
            found.entities().len() - hits,
            bare.len() - bare_hits
        );
        group.bench_with_input(BenchmarkId::new("eventkg", size), &graph, |b, graph| {
            b.iter(|| black_box(graph.resolution_candidates(&options).entities().len()))
        });
        group.bench_with_input(BenchmarkId::new("baseline", size), &workload, |b, w| {
            b.iter(|| {
                // Folding is part of the work on both sides.
                let names: Vec<String> =
                    w.entities.iter().map(|e| normalize_name(&e.name)).collect();
                black_box(baseline(&names, 64).len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, resolution);
criterion_main!(benches);
