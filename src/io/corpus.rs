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

#[cfg(not(feature = "parallel"))]
fn parse_batch<P: AsRef<Path>>(paths: &[P]) -> Batch<'_> {
    paths.iter().map(|path| parse(path.as_ref())).collect()
}

/// Runs `merge` on this thread while the files merged before are dropped and the `upcoming`
/// ones parsed on the thread pool. The merge stays on the caller's thread, so that the graph
/// grows where it was made, not on whichever worker took the job: with the C allocator, a
/// block freed or grown on another thread than its own waits for that thread's arena.
#[cfg(feature = "parallel")]
fn ahead<'p, P: AsRef<Path> + Sync, R: Send>(
    spent: Vec<Parsed>,
    upcoming: Option<&'p [P]>,
    merge: impl FnOnce() -> R,
) -> (Option<Batch<'p>>, R) {
    let mut next = None;
    let merged = rayon::in_place_scope(|scope| {
        scope.spawn(|_| {
            drop(spent);
            next = upcoming.map(parse_batch);
        });
        merge()
    });
    (next, merged)
}

#[cfg(not(feature = "parallel"))]
fn ahead<'p, P: AsRef<Path>, R>(
    spent: Vec<Parsed>,
    upcoming: Option<&'p [P]>,
    merge: impl FnOnce() -> R,
) -> (Option<Batch<'p>>, R) {
    drop(spent);
    let merged = merge();
    (upcoming.map(parse_batch), merged)
}

/// Merges files into `graph` in the order of `paths`, stopping at the first that fails (it
/// leaves nothing behind; the files before it stay merged), and returns what each changed.
/// The next batch is parsed while this one merges.
/// When `reports` is given, each file's report is pushed to it; otherwise none is made.
pub(super) fn merge_all<P: AsRef<Path> + Sync>(
    reader: &GraphFileReader,
    graph: &mut EventGraph,
    paths: &[P],
    mut reports: Option<&mut Vec<MergeReport>>,
) -> Result<(), Error> {
    let mut batches = paths.chunks(BATCH);
    let mut ready = batches.next().map(parse_batch);
    let mut spent = Vec::new();
    while let Some(batch) = ready.take() {
        // The files merged last are dropped beside this merge rather than on its thread,
        // which is the one the whole load waits for.
        let (next, merged) = ahead(spent, batches.next(), || {
            merge_batch(reader, graph, batch, reports.as_deref_mut())
        });
        spent = merged?;
        ready = next;
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
