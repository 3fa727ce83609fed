//! A corpus: many graph files, one per article, found in a folder in a stable order, read and
//! parsed in parallel and merged one after another in that order.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use super::load::{Parsed, Scratch, load_parsed};
use super::parse_ahead::ParseAhead;
use super::reader::GraphFileReader;
use crate::{Error, EventGraph, MergeReport};

/// How many files are read and parsed ahead of the merge at most, for each thread: enough
/// that a file slow to parse does not hold the others up, few enough that the texts waiting
/// for the merge stay small beside the graph.
const AHEAD: usize = 64;

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
    files_in(dir.as_ref(), |name| {
        Path::new(name).extension().is_some_and(|e| e == "toml")
    })
}

/// The files in a folder and its subfolders whose names `keep` takes, in the order of
/// [`graph_files`], passing over what it passes over.
pub(crate) fn files_in(dir: &Path, keep: fn(&OsStr) -> bool) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    collect(dir, keep, &mut files)?;
    Ok(files)
}

fn io_error(path: &Path, error: std::io::Error) -> Error {
    Error::io(path.display(), error)
}

fn collect(dir: &Path, keep: fn(&OsStr) -> bool, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let kind = entry.file_type().map_err(|e| io_error(&entry.path(), e))?;
        entries.push((name, kind));
    }
    // A folder's names are unique, so that the unstable sort, which is quicker on a folder of
    // a hundred thousand articles, gives the one order.
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries {
        if kind.is_dir() {
            collect(&dir.join(name), keep, files)?;
        } else if keep(&name) {
            let path = dir.join(name);
            if kind.is_file() || (kind.is_symlink() && path.is_file()) {
                files.push(path);
            }
        }
    }
    Ok(())
}

/// Reads and parses one file (a large one is read as it goes into the graph).
fn parse(path: &Path) -> Result<(&Path, Parsed<'static>), Error> {
    Ok((path, Parsed::read(path)?))
}

/// Merges files into `graph` in the order of `paths`, stopping at the first that fails (it
/// leaves nothing behind; the files before it stay merged), and records what each changed.
/// When `reports` is given, each file's report is pushed to it; otherwise none is made.
///
/// The merge runs on this thread, whole, and the files after it are parsed meanwhile by
/// helpers, a pool of one thread fewer than rayon's, up to [`AHEAD`] files a thread ahead. When
/// the next file is not parsed yet, this thread parses one too, rather than wait: parsing a
/// file costs more than merging it, and on two cores the merge had waited for the parse about
/// a fifth of the time. The merge stays on the caller's thread, so that the graph grows where
/// it was made: with the C allocator, a block freed or grown on another thread than its own
/// waits for that thread's arena. For the same reason, a file is dropped by a thread of the
/// side that parsed it.
pub(super) fn merge_all<P: AsRef<Path> + Sync>(
    reader: &GraphFileReader,
    graph: &mut EventGraph,
    paths: &[P],
    mut reports: Option<&mut Vec<MergeReport>>,
) -> Result<(), Error> {
    let helpers = helpers();
    let ahead = ParseAhead::new(paths.len(), AHEAD * (helpers + 1), |i| {
        parse(paths[i].as_ref())
    });
    let merge = || {
        let mut scratch = Scratch::default();
        ahead.consume(|files| {
            while let Some(taken) = files.next() {
                let (path, parsed) = taken.item?;
                let texts = reader.texts(path.parent());
                let report = reports.is_some();
                let (made, _) = load_parsed(graph, &parsed, texts, false, report, &mut scratch)?;
                reader.kept(&made.kept);
                if let Some(reports) = reports.as_deref_mut() {
                    reports.push(made);
                }
                reader.progress(path);
                if taken.by_helper {
                    files.spent(Ok((path, parsed)));
                }
            }
            Ok(())
        })
    };
    with_helpers(helpers, || ahead.help(), merge)
}

/// How many threads parse beside the merge: one fewer than rayon's.
#[cfg(feature = "parallel")]
fn helpers() -> usize {
    rayon::current_num_threads().saturating_sub(1)
}

#[cfg(not(feature = "parallel"))]
fn helpers() -> usize {
    0
}

/// Runs `consumer` on this thread, and `helper` on `helpers` threads of a pool of their own
/// meanwhile; with no thread to be had, `consumer` alone, which then parses every file itself.
#[cfg(feature = "parallel")]
fn with_helpers<R>(helpers: usize, helper: impl Fn() + Sync, consumer: impl FnOnce() -> R) -> R {
    let pool = match helpers {
        0 => None,
        n => rayon::ThreadPoolBuilder::new().num_threads(n).build().ok(),
    };
    match pool {
        Some(pool) => pool.in_place_scope(|scope| {
            for _ in 0..helpers {
                scope.spawn(|_| helper());
            }
            consumer()
        }),
        None => consumer(),
    }
}

#[cfg(not(feature = "parallel"))]
fn with_helpers<R>(_: usize, _: impl Fn() + Sync, consumer: impl FnOnce() -> R) -> R {
    consumer()
}
