//! Where a graph file may read from: the one place every path the loader follows is checked.
//!
//! A graph file is data, and may come from a stranger. It can say anything it likes about the
//! world, and nothing about the machine that opens it: a `text_file` is read only from inside
//! the text root (by default, the folder of the graph file that names it), only if it is a
//! regular file, and only up to [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES), checked before a
//! byte is read.

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::ErrorKind;
use crate::{Error, MAX_TEXT_BYTES};

/// Why the loader refused to read a path a graph file named.
///
/// Each says how to allow the read when the file is trusted.
///
/// ```
/// use eventkg::ErrorKind;
/// use eventkg::io::PathRefusal;
///
/// let text = "[[document]]\nid = \"d\"\ntext_file = \"/etc/hostname\"\n";
/// let dir = std::env::temp_dir();
/// let error = eventkg::io::GraphFileReader::new()
///     .merge_str(&mut eventkg::EventGraph::new(), text, "shared.toml", Some(&dir))
///     .unwrap_err();
/// assert_eq!(error.location().unwrap().line(), 3);
/// assert!(matches!(error.kind(), ErrorKind::RefusedPath { reason: PathRefusal::Absolute, .. }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathRefusal {
    /// An absolute path, where no text root was given to hold it.
    Absolute,
    /// A path whose `..` steps lead out of the text root.
    LeavesRoot,
    /// A path inside the root that a symbolic link leads out of it.
    LinkLeavesRoot,
    /// Not a regular file: a folder, a FIFO, a socket, a device.
    NotRegularFile(&'static str),
    /// A file of a system's pseudo file system (`/proc`, `/sys`, `/dev`), whose contents are
    /// the machine's state, not text.
    SystemFile,
    /// A file larger than [`MAX_TEXT_BYTES`](crate::MAX_TEXT_BYTES).
    TooLarge {
        /// Its size, as the file system gave it or as far as it was read.
        bytes: u64,
    },
    /// The graph was not read from a file (a string, standard input), so there is no folder to
    /// read from, and no text root was given.
    NoFolder,
}

impl fmt::Display for PathRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const WIDEN: &str = "a trusted file can be given a wider text root \
                             (`GraphFileReader::with_text_root`, `eventkg --text-root DIR`)";
        match self {
            PathRefusal::Absolute => write!(
                f,
                "an absolute path; a graph file reads texts only from its own folder, \
                 and {WIDEN}"
            ),
            PathRefusal::LeavesRoot => write!(
                f,
                "`..` leads out of the folder the graph file may read from; {WIDEN}"
            ),
            PathRefusal::LinkLeavesRoot => write!(
                f,
                "a symbolic link leads out of the folder the graph file may read from; {WIDEN}"
            ),
            PathRefusal::NotRegularFile(what) => {
                write!(
                    f,
                    "{what}, not a regular file; texts are read from regular files only"
                )
            }
            PathRefusal::SystemFile => write!(
                f,
                "a file of the system's /proc, /sys or /dev, which is never read as a text"
            ),
            PathRefusal::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes, more than a text may hold ({MAX_TEXT_BYTES} bytes)"
            ),
            PathRefusal::NoFolder => write!(
                f,
                "the graph was not read from a file, so it has no folder to read texts from; \
                 give the loader a text root (`GraphFileReader::with_text_root`, \
                 `eventkg --text-root DIR`)"
            ),
        }
    }
}

/// The folders a graph file's paths resolve in and are confined to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextRoot<'a> {
    /// The folder relative paths start from: the graph file's own.
    pub base: Option<&'a Path>,
    /// The folder nothing may be read from outside of, when the caller widened or narrowed it;
    /// otherwise `base`.
    pub root: Option<&'a Path>,
}

impl TextRoot<'_> {
    /// Reads the text file `requested` names, or says why not. `ErrorKind::Io` for what the system
    /// refused, `ErrorKind::RefusedPath` for what the loader did.
    pub fn read(&self, requested: &str) -> Result<String, Error> {
        let refuse = |reason| -> Error {
            ErrorKind::RefusedPath {
                path: requested.to_owned(),
                reason,
            }
            .into()
        };
        let asked = Path::new(requested);
        // An empty parent (`Path::new("g.toml").parent()`) is the current folder.
        let here = |p: &Path| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        };
        if asked.has_root() && self.root.is_none() {
            return Err(refuse(PathRefusal::Absolute));
        }
        let (base, root) = match (self.base.map(here), self.root.map(here)) {
            (Some(base), Some(root)) => (base, root),
            (Some(base), None) => (base.clone(), base),
            (None, Some(root)) => (root.clone(), root),
            (None, None) => return Err(refuse(PathRefusal::NoFolder)),
        };
        let io = |path: &Path, e: std::io::Error| Error::io(path.display().to_string(), e);
        let joined = base.join(asked);
        let root_lexical = lexical(&std::path::absolute(&root).map_err(|e| io(&root, e))?);
        // A `..` that climbs above the root as written is refused, even when the path comes
        // back in ("../root/a.txt"): what a path passes through outside the root is not the
        // file's to name.
        if !asked.has_root() {
            let base_lexical = lexical(&std::path::absolute(&base).map_err(|e| io(&base, e))?);
            if let Ok(inside) = base_lexical.strip_prefix(&root_lexical) {
                let mut depth = inside.components().count();
                for part in asked.components() {
                    match part {
                        Component::ParentDir if depth == 0 => {
                            return Err(refuse(PathRefusal::LeavesRoot));
                        }
                        Component::ParentDir => depth -= 1,
                        Component::Normal(_) => depth += 1,
                        _ => {}
                    }
                }
            }
        }
        let lexical_path = lexical(&std::path::absolute(&joined).map_err(|e| io(&joined, e))?);
        if !lexical_path.starts_with(&root_lexical) {
            return Err(refuse(if asked.has_root() {
                PathRefusal::Absolute
            } else {
                PathRefusal::LeavesRoot
            }));
        }
        let real_root = std::fs::canonicalize(&root).map_err(|e| io(&root, e))?;
        let real = std::fs::canonicalize(&joined).map_err(|e| io(&joined, e))?;
        if !real.starts_with(&real_root) {
            return Err(refuse(PathRefusal::LinkLeavesRoot));
        }
        // Asked of the path before it is opened, since opening a FIFO would wait for a writer;
        // asked again of the open file, which is what is read.
        let meta = std::fs::metadata(&real).map_err(|e| io(&joined, e))?;
        check_regular(&meta).map_err(refuse)?;
        // Regular files there too (`/proc/self/environ`) hold the machine's state.
        if ["/proc", "/sys", "/dev"]
            .iter()
            .any(|system| real.starts_with(system))
        {
            return Err(refuse(PathRefusal::SystemFile));
        }
        let file = open(&real).map_err(|e| io(&joined, e))?;
        let meta = file.metadata().map_err(|e| io(&joined, e))?;
        check_regular(&meta).map_err(refuse)?;
        let limit = MAX_TEXT_BYTES as u64;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io(&joined, e))?;
        if bytes.len() as u64 > limit {
            return Err(refuse(PathRefusal::TooLarge {
                bytes: bytes.len() as u64,
            }));
        }
        String::from_utf8(bytes).map_err(|e| {
            let message = format!("not UTF-8 text: {}", e.utf8_error());
            Error::io(
                joined.display(),
                std::io::Error::new(std::io::ErrorKind::InvalidData, message),
            )
        })
    }
}

fn check_regular(meta: &Metadata) -> Result<(), PathRefusal> {
    let kind = meta.file_type();
    if kind.is_file() {
        if meta.len() > MAX_TEXT_BYTES as u64 {
            return Err(PathRefusal::TooLarge { bytes: meta.len() });
        }
        return Ok(());
    }
    Err(PathRefusal::NotRegularFile(describe(&kind)))
}

#[cfg(unix)]
fn describe(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn describe(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// Opens without following a last symbolic link and without waiting on a FIFO, so that a file
/// swapped after it was checked is not read as what it became.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// `path` with `.` dropped and `..` taking back a step, without asking the file system; `..`
/// at the top stays there, as the system does.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() && !out.has_root() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_steps_back_without_leaving_the_top() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(lexical(Path::new("/a/../../b")), Path::new("/b"));
    }
}
