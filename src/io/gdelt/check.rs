//! Checking a GDELT row: its layout, every value, and the filters, on the thread that reads
//! it; its text stays in the row for the thread that builds the graph.

use std::io::{self, Read};

use super::numbering::Numbering;
use super::row::{EventChecked, EventRef, Fields, MentionRef};
use super::split::{MAX_ROW, Row, SplitError, TabRows};
use super::{GdeltReader, Layout};
use crate::Error;
use crate::ErrorKind;

/// Checks rows of one file: their layout, every value, and the filters.
#[derive(Clone, Debug)]
pub(crate) struct Checker {
    name: String,
    layout: Layout,
    reader: GdeltReader,
}

/// A row checked, its typed values parsed and its text left in the row.
#[derive(Debug)]
pub(crate) enum Checked {
    Event(EventChecked),
    Mention(MentionRef<'static>),
    Filtered,
    Bad(Error),
}

impl Checker {
    pub(crate) fn new(name: String, layout: Layout, reader: GdeltReader) -> Checker {
        Checker {
            name,
            layout,
            reader,
        }
    }

    /// Checks `row`, read as `read` says.
    pub(crate) fn check(&self, row: &Row, read: Result<u64, Error>) -> Checked {
        match read.and_then(|line| self.checked(row, line)) {
            Ok(Checked::Event(event)) if !self.reader.keeps_checked(&event) => Checked::Filtered,
            Ok(checked) => checked,
            Err(e) => Checked::Bad(e),
        }
    }

    fn checked(&self, row: &Row, line: u64) -> Result<Checked, Error> {
        let layout = self.layout;
        if row.len() != layout.columns() {
            return Err(Error::located(
                ErrorKind::GdeltLayout {
                    found: row.len(),
                    reason: format!(
                        "but the file's layout ({layout}) has {}; a truncated line or a row of \
                     another table",
                        layout.columns()
                    ),
                },
                self.name.clone(),
                line,
                None,
            ));
        }
        let fields = self.fields(row, line);
        Ok(match layout.is_events() {
            true => Checked::Event(fields.event_checked(layout)?),
            false => Checked::Mention(fields.mention_checked()?),
        })
    }

    fn fields<'r, 'f>(&'f self, row: &'r Row, line: u64) -> Fields<'r, 'f> {
        Fields {
            record: row,
            file: &self.name,
            line,
        }
    }

    /// Numbers the actors and place of a kept event row.
    pub(crate) fn number(&self, numbering: &mut Numbering, row: &Row, checked: &mut Checked) {
        if let Checked::Event(event) = checked {
            event.numbers = numbering.number(self.fields(row, 0).event_of(self.layout, event));
        }
    }

    /// A kept row, with its text taken from `row`. The checked values are read where they
    /// lie: a row is a few hundred bytes, moved once into its batch and not again.
    pub(crate) fn parsed<'r>(&self, row: &'r Row, checked: &'r Checked) -> Option<Parsed<'r>> {
        let fields = self.fields(row, 0);
        match checked {
            Checked::Event(event) => Some(Parsed::Event(fields.event_of(self.layout, event))),
            Checked::Mention(mention) => Some(Parsed::Mention(fields.mention_of(mention))),
            Checked::Filtered | Checked::Bad(_) => None,
        }
    }
}

/// A row parsed, its text still in the raw row.
// One lives on the stack for one row at a time; boxing the larger variant would allocate for
// every row.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Parsed<'r> {
    Event(EventRef<'r>),
    Mention(MentionRef<'r>),
}

/// A file's rows as fields, skipping blank lines and a header.
pub(crate) struct RawRows {
    rows: TabRows<Box<dyn Read + Send>>,
    name: String,
    layout: Layout,
}

impl RawRows {
    pub(crate) fn new(stream: Box<dyn Read + Send>, name: String, layout: Layout) -> RawRows {
        RawRows {
            rows: TabRows::new(stream),
            name,
            layout,
        }
    }

    /// Reads the next row into `row`, and gives its line; a row that is not UTF-8 is an
    /// error of its column ([`ErrorKind::GdeltRow`]), a file that cannot be read (or a line
    /// too long to be a row) an I/O error.
    pub(crate) fn read(&mut self, row: &mut Row) -> Option<Result<u64, Error>> {
        loop {
            match self.rows.read(row) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => return Some(Err(self.error(e))),
            }
            let blank = row.len() == 1 && row.get(0).is_some_and(str::is_empty);
            if blank || row.get(0).is_some_and(|f| is_header(f.as_bytes())) {
                continue;
            }
            return Some(Ok(row.line()));
        }
    }

    fn error(&self, error: SplitError) -> Error {
        match error {
            SplitError::NotUtf8 {
                line,
                field,
                valid_up_to,
                value,
            } => Error::located(
                ErrorKind::GdeltRow {
                    column: self.layout.column_name(field).unwrap_or("(past the last)"),
                    value,
                    reason: format!("not UTF-8 (valid up to byte {valid_up_to})"),
                },
                self.name.clone(),
                line,
                None,
            ),
            SplitError::TooLong { line } => Error::io(
                &self.name,
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "line {line} runs past {} MiB without ending; no GDELT row is that long",
                        MAX_ROW >> 20
                    ),
                ),
            ),
            SplitError::Io(e) => Error::io(&self.name, e),
        }
    }
}

/// Whether a row is a header a user's tools wrote (GDELT's own files have none).
pub(crate) fn is_header(row: &[u8]) -> bool {
    row.len() >= 13 && row[..13].eq_ignore_ascii_case(b"GLOBALEVENTID")
}
