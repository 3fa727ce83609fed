//! Loading a corpus of article files, one graph file each, beside parsing the same files
//! with the `toml` crate alone, in the same run: how much the crate adds to reading TOML,
//! and how the time grows with the number of files.
//!
//! Both sides are handed the same list of files, read them from disk (the page cache, after
//! the first round) and parse them on the same threads; the crate then merges them one after
//! another, checking every record. The loaded graph is dropped outside the timing, as the
//! GDELT import's is: freeing it is not part of loading it. Listing the folder in its order
//! (`io::graph_files`, which `io::read_dir` starts with) is timed on its own.
//!
//! `load_story` does the same with reports that all tell one story (`workload::story`): one
//! event, its participants and a relation told again by every report, their sources growing
//! by a report each time.
//!
//! ```sh
//! cargo bench --features workload --bench load_corpus                      # 1k and 10k files
//! EVENTKG_BENCH_FILES=1000,10000,100000 cargo bench --features workload --bench load_corpus
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

fn sizes() -> Vec<usize> {
    std::env::var("EVENTKG_BENCH_FILES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000])
}

/// A folder of `files` generated article files under the system's temporary folder, written
/// once and kept for later runs.
/// A generator of a corpus: its files, from their number and a seed.
type Generator = fn(usize, u64) -> Vec<eventkg::workload::ArticleFile>;

/// The folder of `files` files that `make` generates, written once under `name`.
fn corpus(name: &str, files: usize, make: Generator) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eventkg-bench-{name}-{files}"));
    let complete = dir.join(".complete");
    if !complete.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        for file in make(files, 42) {
            std::fs::write(dir.join(&file.name), &file.text).expect("a corpus file");
        }
        std::fs::write(&complete, "").expect("a marker");
    }
    dir
}

/// A file's text, read as the loader reads it: its size asked once, and its bytes read into a
/// buffer of that size (`fs::read_to_string` asks for the size and position again, two
/// system calls more a file).
fn read(path: &Path) -> String {
    use std::io::Read;
    let mut file = std::fs::File::open(path).expect("a corpus file");
    let size = file.metadata().expect("its size").len();
    let mut bytes = Vec::with_capacity(size as usize);
    Read::take(&mut file, u64::MAX)
        .read_to_end(&mut bytes)
        .expect("its bytes");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The parse-only baseline: every file read and parsed into a TOML table, in parallel.
fn parse_only(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|path: &PathBuf| {
            let text = read(path);
            let table: toml::Table = toml::from_str(&text).expect("TOML");
            table.len()
        })
        .sum()
}

fn bytes(files: &[PathBuf]) -> u64 {
    files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum()
}

fn load_corpus(c: &mut Criterion) {
    let kinds: [(&str, Generator); 2] = [
        ("corpus", eventkg::workload::articles),
        ("story", eventkg::workload::story),
    ];
    for (name, make) in kinds {
        for size in sizes() {
            load(c, name, &corpus(name, size, make), size);
        }
    }
}

/// Loads the folder `dir` of `size` generated files beside parsing them alone (benchmark
/// group `load_{name}`), and lists it (`list_{name}`).
fn load(c: &mut Criterion, name: &str, dir: &Path, size: usize) {
    let files = eventkg::io::graph_files(dir).expect("the corpus folder");
    assert_eq!(files.len(), size);
    let loaded = eventkg::io::read_dir(dir).expect("the corpus loads");
    assert_eq!(loaded.document_count(), size);
    drop(loaded);

    let mut g = c.benchmark_group(format!("load_{name}"));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(if size >= 100_000 { 60 } else { 6 }));
    g.throughput(Throughput::Bytes(bytes(&files)));
    g.bench_with_input(BenchmarkId::new("eventkg", size), &files, |b, files| {
        b.iter_with_large_drop(|| eventkg::io::read_files(files).unwrap())
    });
    g.bench_with_input(BenchmarkId::new("parse_only", size), &files, |b, files| {
        b.iter(|| parse_only(files))
    });
    g.finish();

    let mut g = c.benchmark_group(format!("list_{name}"));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    g.bench_with_input(BenchmarkId::new("graph_files", size), &dir, |b, dir| {
        b.iter(|| eventkg::io::graph_files(dir).unwrap())
    });
    g.finish();
}

criterion_group!(benches, load_corpus);
criterion_main!(benches);
