//! GDELT files, plain or zipped, opened and streamed: their layout, their rows and what was
//! made of them.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::check::{Checked, Checker, Parsed, RawRows, is_header};
use super::split::Row;
use super::unread::unread_table;
use super::{GdeltReader, Layout, Record};
use crate::Error;
use crate::ErrorKind;

/// How many rows of a file were read, kept, left out by the filters, and passed over as bad.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowCounts {
    /// Rows read, header excepted.
    pub read: u64,
    /// Rows the filters kept.
    pub kept: u64,
    /// Rows the filters left out.
    pub filtered: u64,
    /// Bad rows passed over (with [`GdeltReader::skip_bad`]).
    pub bad: u64,
}

/// An open GDELT file: its layout, and its rows as they stream.
///
/// The file is read as it is iterated, a buffer at a time; it is never held whole, zipped or
/// not.
pub struct GdeltFile {
    path: PathBuf,
    name: String,
    layout: Layout,
    zipped: bool,
    size: u64,
    read: Arc<AtomicU64>,
    reader: GdeltReader,
    counts: RowCounts,
    bad: Vec<Error>,
    rows_hint: usize,
}

impl std::fmt::Debug for GdeltFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GdeltFile")
            .field("path", &self.path)
            .field("layout", &self.layout)
            .field("zipped", &self.zipped)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

/// Counts the bytes read from the file on disk, for a progress bar.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: io::Seek> io::Seek for Counted<R> {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Rows and their bytes at the start of a file, its first row `first` bytes long: up to 256
/// rows or 64 KiB, enough that the rows' mean length is near the file's, where one row's
/// length can be a tenth off.
fn sample_rows(lines: &mut impl BufRead, first: usize) -> (u64, u64) {
    let (mut rows, mut bytes) = (1u64, first as u64);
    let mut line = Vec::new();
    while rows < 256 && bytes < 1 << 16 {
        line.clear();
        match lines.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                rows += 1;
                bytes += n as u64;
            }
        }
    }
    (rows, bytes)
}

/// About how many rows a file of `size` bytes on disk holds, from a sample of its rows and
/// their bytes: zipped GDELT files are about a sixth of their text, and no guess passes ten
/// million rows, so that an archive that lies about its size reserves nothing absurd.
fn rows_hint(size: u64, zipped: bool, (rows, bytes): (u64, u64)) -> usize {
    let text = if zipped { size.saturating_mul(6) } else { size };
    let estimate = u128::from(text) * u128::from(rows) / u128::from(bytes.max(1));
    estimate.min(10_000_000) as usize
}

/// How many errors of passed-over rows a file keeps to show; the rest are only counted.
const KEPT_ERRORS: usize = 10;

impl GdeltFile {
    pub(crate) fn open(path: &Path, reader: GdeltReader) -> Result<GdeltFile, Error> {
        let name = path.display().to_string();
        let io_error = |e: io::Error| Error::io(name.clone(), e);
        let mut file = File::open(path).map_err(io_error)?;
        let size = file.metadata().map_err(io_error)?.len();
        let mut magic = [0; 4];
        let zipped = file.read(&mut magic).map_err(io_error)? == 4 && magic == *b"PK\x03\x04";
        let mut opened = GdeltFile {
            path: path.to_owned(),
            name,
            layout: Layout::Events2,
            zipped,
            size,
            read: Arc::new(AtomicU64::new(0)),
            reader,
            counts: RowCounts::default(),
            bad: Vec::new(),
            rows_hint: 0,
        };
        opened.layout = opened.detect()?;
        opened.read.store(0, Ordering::Relaxed);
        Ok(opened)
    }

    /// The layout of the first row that is not a header.
    fn detect(&mut self) -> Result<Layout, Error> {
        let mut lines = BufReader::new(self.stream()?);
        let mut line = Vec::new();
        let mut number = 0;
        loop {
            line.clear();
            number += 1;
            let n = lines.read_until(b'\n', &mut line).map_err(|e| self.io(e))?;
            if n == 0 {
                return Err(Error::located(
                    ErrorKind::GdeltLayout {
                        found: 0,
                        reason: "the file has no rows".into(),
                    },
                    self.name.clone(),
                    number,
                    None,
                ));
            }
            let row = line.strip_suffix(b"\n").unwrap_or(&line);
            let row = row.strip_suffix(b"\r").unwrap_or(row);
            if let Some(table) = unread_table(row) {
                return Err(Error::located(
                    ErrorKind::GdeltNotRead {
                        table: table.to_owned(),
                    },
                    self.name.clone(),
                    number,
                    None,
                ));
            }
            if row.is_empty() || is_header(row) {
                continue;
            }
            let found = row.split(|&b| b == b'\t').count();
            let sample = sample_rows(&mut lines, line.len());
            self.rows_hint = rows_hint(self.size, self.zipped, sample);
            return Layout::of_columns(found).ok_or_else(|| {
                Error::located(
                    ErrorKind::GdeltLayout {
                        found,
                        reason: format!("not a GDELT layout; the layouts are {}", Layout::known()),
                    },
                    self.name.clone(),
                    number,
                    None,
                )
            });
        }
    }

    /// About how many rows the file holds, from its size on disk and its first row's length;
    /// a hint for the tables an import fills, never a bound.
    pub(crate) fn rows_hint(&self) -> usize {
        self.rows_hint
    }

    fn io(&self, e: io::Error) -> Error {
        Error::io(&self.name, e)
    }

    /// A file that reads but cannot be taken as what it claims to be.
    fn invalid(&self, message: impl std::fmt::Display) -> Error {
        self.io(io::Error::new(
            io::ErrorKind::InvalidData,
            message.to_string(),
        ))
    }

    /// The file's rows as bytes, unzipped if need be.
    fn stream(&self) -> Result<Box<dyn Read + Send>, Error> {
        let file = File::open(&self.path).map_err(|e| self.io(e))?;
        let counted = Counted {
            inner: file,
            read: Arc::clone(&self.read),
        };
        if !self.zipped {
            return Ok(Box::new(counted));
        }
        self.unzipped(counted)
    }

    #[cfg(feature = "zip")]
    fn unzipped(&self, file: Counted<File>) -> Result<Box<dyn Read + Send>, Error> {
        use std::io::Seek;
        let bad =
            |e: &dyn std::fmt::Display| self.invalid(format!("not a readable zip archive: {e}"));
        let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(&e))?;
        let files: Vec<usize> = (0..archive.len())
            .filter(|&i| archive.by_index_raw(i).is_ok_and(|f| f.is_file()))
            .collect();
        let [only] = files[..] else {
            return Err(self.invalid(format!(
                "a zipped GDELT file holds one file; this archive holds {}",
                files.len()
            )));
        };
        let entry = archive.by_index_raw(only).map_err(|e| bad(&e))?;
        let (start, compressed, size, crc, method) = (
            entry.data_start(),
            entry.compressed_size(),
            entry.size(),
            entry.crc32(),
            entry.compression(),
        );
        drop(entry);
        let start = start.ok_or_else(|| bad(&"the file's data has no offset"))?;
        let mut file = archive.into_inner().into_inner();
        file.seek(io::SeekFrom::Start(start))
            .map_err(|e| self.io(e))?;
        let data = BufReader::new(file).take(compressed);
        let inner: Box<dyn Read + Send> = match method {
            zip::CompressionMethod::Stored => Box::new(data),
            zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(data)),
            other => {
                return Err(self.invalid(format!(
                    "the zipped file is compressed with {other}; eventkg reads Deflate and \
                     stored files, as GDELT publishes them"
                )));
            }
        };
        Ok(Box::new(ZipEntry {
            inner,
            hasher: crc32fast::Hasher::new(),
            read: 0,
            size,
            crc,
            checked: false,
        }))
    }

    #[cfg(not(feature = "zip"))]
    fn unzipped(&self, _: Counted<File>) -> Result<Box<dyn Read + Send>, Error> {
        Err(self.invalid(
            "a zip archive; this build of eventkg reads zip files only with its `zip` feature",
        ))
    }

    /// The file's layout.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The file's path as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's size on disk, zipped if it is.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// A counter of the bytes read from disk so far, which another thread may watch while the
    /// rows are read (a progress bar's position, against [`size`](Self::size)).
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// The rows read so far, kept, left out and passed over.
    pub fn counts(&self) -> RowCounts {
        self.counts
    }

    /// The errors of the first bad rows passed over (up to ten); the rest are only counted.
    pub fn bad_rows(&self) -> &[Error] {
        &self.bad
    }

    /// The file's rows, parsed, in order; the filters apply to event rows, and a bad row is
    /// an error ending the read unless the reader [skips](GdeltReader::skip_bad) it.
    ///
    /// Every row must have the file's layout: a row with another column count (a truncated
    /// last line, a row of another table) is a bad row.
    pub fn records(&mut self) -> Result<Records<'_>, Error> {
        Ok(Records {
            raw: self.raw()?,
            checker: self.checker(),
            file: self,
            row: Row::new(),
            done: false,
        })
    }

    /// The file's rows as tab-separated fields, not yet parsed.
    pub(crate) fn raw(&self) -> Result<RawRows, Error> {
        Ok(RawRows::new(self.stream()?, self.name.clone(), self.layout))
    }

    /// What checks this file's rows, on any thread.
    pub(crate) fn checker(&self) -> Checker {
        Checker::new(self.name.clone(), self.layout, self.reader.clone())
    }

    /// Counts a checked row: whether it is to be added, `false` for one left out by the
    /// filters or passed over as bad, an error for a bad row not to be passed over. A bad
    /// row's error is taken out of `checked`; a kept row is left where it lies.
    pub(crate) fn tally(&mut self, checked: &mut Checked) -> Result<bool, Error> {
        self.counts.read += 1;
        if matches!(checked, Checked::Event(_) | Checked::Mention(_)) {
            self.counts.kept += 1;
            return Ok(true);
        }
        match std::mem::replace(checked, Checked::Filtered) {
            Checked::Bad(e) if !self.reader.skip_bad => Err(e),
            Checked::Bad(e) => {
                self.counts.bad += 1;
                if self.bad.len() < KEPT_ERRORS {
                    self.bad.push(e);
                }
                Ok(false)
            }
            _ => {
                self.counts.filtered += 1;
                Ok(false)
            }
        }
    }
}

/// The one file of a zip archive, inflated as it is read, its length and CRC-32 checked at
/// its end so that a damaged archive is an error rather than short rows.
#[cfg(feature = "zip")]
struct ZipEntry {
    inner: Box<dyn Read + Send>,
    hasher: crc32fast::Hasher,
    read: u64,
    size: u64,
    crc: u32,
    checked: bool,
}

#[cfg(feature = "zip")]
impl Read for ZipEntry {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.read += n as u64;
        if n == 0 && !buf.is_empty() && !self.checked {
            self.checked = true;
            let crc = std::mem::take(&mut self.hasher).finalize();
            if self.read != self.size || crc != self.crc {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the zipped file is damaged: {} bytes with CRC-32 {crc:08x}, where the \
                         archive says {} bytes with CRC-32 {:08x}",
                        self.read, self.size, self.crc
                    ),
                ));
            }
        }
        Ok(n)
    }
}

/// The rows of a [`GdeltFile`], as they stream.
pub struct Records<'f> {
    file: &'f mut GdeltFile,
    raw: RawRows,
    checker: Checker,
    row: Row,
    done: bool,
}

impl Iterator for Records<'_> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            // A row that is not UTF-8 is a bad row; a file that cannot be read is not.
            let read = match self.raw.read(&mut self.row)? {
                Err(e) if matches!(e.kind(), ErrorKind::Io { .. }) => Err(e),
                read => Ok(read),
            };
            let record = read.and_then(|read| {
                let mut checked = self.checker.check(&self.row, read);
                let kept = self.file.tally(&mut checked)?;
                let parsed = match kept {
                    true => self.checker.parsed(&self.row, &checked),
                    false => None,
                };
                Ok(match parsed {
                    Some(Parsed::Event(event)) => Some(Record::Event(Box::new(event.to_owned()))),
                    Some(Parsed::Mention(mention)) => {
                        Some(Record::Mention(Box::new(mention.to_owned())))
                    }
                    None => None,
                })
            });
            match record {
                Ok(None) => {}
                Ok(Some(record)) => return Some(Ok(record)),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::GdeltReader;

    /// Made-up rows of the 2.0 layout: only their lengths matter here.
    fn row(filler: usize) -> String {
        let mut fields = vec![String::new(); 61];
        fields[0] = "1".into();
        fields[60] = "x".repeat(filler);
        fields.join("\t") + "\n"
    }

    #[test]
    fn a_long_first_row_does_not_shrink_the_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.CSV");
        let mut file = std::fs::File::create(&path).unwrap();
        file.write_all(row(600).as_bytes()).unwrap();
        for i in 0..2_000 {
            file.write_all(row(40 + i % 80).as_bytes()).unwrap();
        }
        drop(file);
        let hint = GdeltReader::new().open(&path).unwrap().rows_hint();
        assert!((1_900..=2_100).contains(&hint), "{hint} rows for 2,001");
    }
}
