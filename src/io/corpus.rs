//! A corpus: many graph files, one per article, found in a folder in a stable order, read and
//! parsed in parallel and merged one after another in that order.

use std::fs;
use std::path::{Path, PathBuf};

use super::load::{Parsed, load_parsed};
use super::reader::{GraphFileReader, read_graph_file};
use crate::{Error, EventGraph, MergeReport};

/// How many files are read and parsed ahead of the merge. Enough to keep every thread busy
/// while one file merges; few enough that the texts waiting for it stay small beside the graph.
const BATCH: usize = 64;

/// The graph files in a folder and its subfolders, in the order a corpus is read in: entries
/// of each folder by name (byte order: `10.toml` before `9.toml`; number files with leading
/// zeros to keep them in order), a subfolder's files where its name falls.
///
/// A graph file is a file whose name ends in `.toml`. Names starting with a dot (`.git`,
/// editors' backups) are passed over, and so are folders reached through a symbolic link,
/// which could lead back into the folder; a link to a file is read.
///
/// ```no_run
/// for file in eventkg::io::graph_files("corpus")? {
///     println!("{}", file.display());
/// }
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn graph_files(dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    collect(dir.as_ref(), &mut files)?;
    Ok(files)
}

fn io_error(path: &Path, error: std::io::Error) -> Error {
    Error::io(path.display(), error)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let kind = entry.file_type().map_err(|e| io_error(&entry.path(), e))?;
        entries.push((entry.file_name(), entry.path(), kind));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, path, kind) in entries {
        if kind.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml")
            && (kind.is_file() || (kind.is_symlink() && path.is_file()))
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads and parses one file.
fn parse(path: &Path) -> Result<(&Path, Parsed), Error> {
    let text = read_graph_file(path)?;
    Ok((path, Parsed::new(text, path.display().to_string())?))
}

type Batch<'p> = Vec<Result<(&'p Path, Parsed), Error>>;

#[cfg(feature = "parallel")]
fn parse_batch<P: AsRef<Path> + Sync>(paths: &[P]) -> Batch<'_> {
    use rayon::prelude::*;
    paths.par_iter().map(|path| parse(path.as_ref())).collect()
}

/// Merges files into `graph` in the order of `paths`, stopping at the first that fails (it
/// leaves nothing behind; the files before it stay merged), and records what each changed.
/// When `reports` is given, each file's report is pushed to it; otherwise none is made.
///
/// The merge runs on this thread, whole, and the files after it are parsed meanwhile on a
/// pool of one thread fewer than rayon's, up to [`AHEAD`] batches ahead, so that neither side
/// waits for the other while there is work for both. Parsing one batch beside each merge and
/// then waiting for both left a core idle whenever one ended first, and ran three threads on
/// two cores while neither had: 10,000 files loaded in 245 ms, now in 216–224 ms. The merge
/// stays on the caller's thread, so that the graph grows where it was made: with the C
/// allocator, a block freed or grown on another thread than its own waits for that thread's
/// arena. The files merged are dropped on the parsing side.
#[cfg(feature = "parallel")]
pub(super) fn merge_all<P: AsRef<Path> + Sync>(
    reader: &GraphFileReader,
    graph: &mut EventGraph,
    paths: &[P],
    mut reports: Option<&mut Vec<MergeReport>>,
) -> Result<(), Error> {
    use std::sync::mpsc;
    let threads = rayon::current_num_threads().saturating_sub(1).max(1);
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
        // No thread to be had: parse and merge one after the other.
        return merge_in_turn(reader, graph, paths, reports);
    };
    let (parsed, to_merge) = mpsc::sync_channel::<Batch<'_>>(AHEAD);
    let (spent, to_drop) = mpsc::channel::<Vec<Parsed>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(move || {
                for batch in paths.chunks(BATCH) {
                    to_drop.try_iter().for_each(drop);
                    // The merge hangs up only on an error of its own.
                    if parsed.send(parse_batch(batch)).is_err() {
                        return;
                    }
                }
            })
        });
        // Returning, the loop drops the receiving end, so that the parsing thread stops at
        // its next batch; the scope then joins it.
        for batch in to_merge {
            let merged = merge_batch(reader, graph, batch, reports.as_deref_mut())?;
            let _ = spent.send(merged);
        }
        Ok(())
    })
}

/// How many parsed batches wait for the merge at most.
#[cfg(feature = "parallel")]
const AHEAD: usize = 2;

/// Merges files into `graph` in the order of `paths`, each batch parsed before it merges.
#[cfg(not(feature = "parallel"))]
pub(super) fn merge_all<P: AsRef<Path> + Sync>(
    reader: &GraphFileReader,
    graph: &mut EventGraph,
    paths: &[P],
    reports: Option<&mut Vec<MergeReport>>,
) -> Result<(), Error> {
    merge_in_turn(reader, graph, paths, reports)
}

/// Parses a batch, then merges it, then the next: on one thread.
fn merge_in_turn<P: AsRef<Path>>(
    reader: &GraphFileReader,
    graph: &mut EventGraph,
    paths: &[P],
    mut reports: Option<&mut Vec<MergeReport>>,
) -> Result<(), Error> {
    for batch in paths.chunks(BATCH) {
        let batch = batch.iter().map(|path| parse(path.as_ref())).collect();
        merge_batch(reader, graph, batch, reports.as_deref_mut())?;
    }
    Ok(())
}

/// Merges a batch of parsed files, and hands them back to be dropped elsewhere.
fn merge_batch(
    reader: &GraphFileReader,
    graph: &mut EventGraph,
    batch: Batch<'_>,
    mut reports: Option<&mut Vec<MergeReport>>,
) -> Result<Vec<Parsed>, Error> {
    let mut spent = Vec::with_capacity(batch.len());
    for parsed in batch {
        let (path, parsed) = parsed?;
        let texts = reader.texts(path.parent());
        let report = reports.is_some();
        let (made, _) = load_parsed(graph, &parsed, texts, false, report)?;
        if let Some(reports) = reports.as_deref_mut() {
            reports.push(made);
        }
        reader.progress(path);
        spent.push(parsed);
    }
    Ok(spent)
}
