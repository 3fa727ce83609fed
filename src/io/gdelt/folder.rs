//! A folder of GDELT files, as users download them: one file for each day or quarter hour,
//! named by its time, so that their names' order is the order of the data.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::GdeltFile;
use crate::Error;

/// What [`GdeltReader::open_all_passing_over`](super::GdeltReader::open_all_passing_over)
/// opened, and what it passed over.
#[derive(Debug)]
#[non_exhaustive]
pub struct OpenedFiles {
    /// The files opened, the event files first.
    pub files: Vec<GdeltFile>,
    /// For each file of a folder that holds a GDELT table the import does not read, the error
    /// that refuses it when it is named alone
    /// ([`ErrorKind::GdeltNotRead`](crate::ErrorKind::GdeltNotRead)), which names the file.
    pub passed_over: Vec<Error>,
}

/// The GDELT files in a folder and its subfolders, in the order of
/// [`graph_files`](crate::io::graph_files): entries by name, which for GDELT's own names
/// (`20240601.export.CSV.zip`, `20240601151500.mentions.CSV.zip`) is the order of their days.
///
/// A GDELT file is one whose name ends in `.csv`, `.tsv` or `.zip`, in any case. What the
/// file holds is told when it is opened, not from its name: a file of a GDELT table the import
/// does not read (a GKG file) is then passed over and reported, and a file of no GDELT layout
/// (a spreadsheet saved beside the data) refused, by name. Names
/// starting with a dot are passed over, and so are folders reached through a symbolic link.
///
/// ```no_run
/// for file in eventkg::io::gdelt::gdelt_files("gdelt")? {
///     println!("{}", file.display());
/// }
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn gdelt_files(dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
    crate::io::corpus::files_in(dir.as_ref(), is_gdelt_name)
}

fn is_gdelt_name(name: &OsStr) -> bool {
    Path::new(name).extension().is_some_and(|extension| {
        ["csv", "tsv", "zip"]
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdelt_names_in_any_case() {
        for name in [
            "20240601.export.CSV.zip",
            "20240601151500.mentions.CSV",
            "made-up.tsv",
            "MADE-UP.ZIP",
        ] {
            assert!(is_gdelt_name(OsStr::new(name)), "{name}");
        }
        for name in ["notes.txt", "graph.json", "csv", "made-up.csv.md5"] {
            assert!(!is_gdelt_name(OsStr::new(name)), "{name}");
        }
    }
}
