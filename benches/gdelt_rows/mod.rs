//! Generated GDELT 2.0 event files, shared by the benches that read them.

use std::path::PathBuf;

/// The row counts to bench: `EVENTKG_BENCH_ROWS` (comma-separated), else 100,000.
pub fn sizes() -> Vec<usize> {
    std::env::var("EVENTKG_BENCH_ROWS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000])
}

/// A generated GDELT 2.0 file of `rows` rows under the system's temporary folder, written once
/// and kept for later runs.
pub fn file(rows: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!("eventkg-bench-gdelt-{rows}.export.CSV"));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let out = std::fs::File::create(&partial).expect("a temporary file");
        eventkg::workload::gdelt_events(rows, 42, out).expect("the rows");
        std::fs::rename(&partial, &path).expect("the file");
    }
    path
}
