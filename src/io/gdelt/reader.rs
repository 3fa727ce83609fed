//! Which rows of GDELT files to keep, and what to do with a bad one.

use std::path::Path;

use chrono::NaiveDate;

use super::row::EventChecked;
use super::{EventRow, GdeltFile};
use crate::Error;
use crate::model::{CountryCode, GdeltCoding};

/// Reads GDELT files: which rows to keep, and what to do with a bad one.
///
/// One reader opens any number of files ([`open`](Self::open)) or adds them to a graph
/// ([`add_to`](Self::add_to)). The filters apply to event rows: a row is kept when its
/// `SQLDATE` is within [`from`](Self::from) and [`to`](Self::to), when either actor's country
/// is among the [`country`](Self::country) codes, its root code among the
/// [`root_code`](Self::root_code)s, and it has at least [`min_mentions`](Self::min_mentions).
/// A filter not set keeps every row.
///
/// ```no_run
/// use eventkg::io::gdelt::{GdeltReader, Record};
/// let reader = GdeltReader::new()
///     .from("2024-06-01".parse()?)
///     .country("UKR".parse()?)
///     .min_mentions(3);
/// let mut file = reader.open("20240601.export.CSV.zip")?;
/// for record in file.records()? {
///     if let Record::Event(row) = record? {
///         println!("{} {:?} {}", row.id, row.actor1.map(|a| a.name), row.coding.event_code);
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GdeltReader {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
    pub(crate) countries: Vec<CountryCode>,
    pub(crate) root_codes: Vec<u8>,
    pub(crate) min_mentions: u32,
    pub(crate) skip_bad: bool,
}

impl GdeltReader {
    /// A reader that keeps every row and stops at the first bad one.
    pub fn new() -> Self {
        GdeltReader::default()
    }

    /// Keeps events on or after `day`.
    pub fn from(mut self, day: NaiveDate) -> Self {
        self.from = Some(day);
        self
    }

    /// Keeps events on or before `day`.
    pub fn to(mut self, day: NaiveDate) -> Self {
        self.to = Some(day);
        self
    }

    /// Keeps events with an actor of `country` (CAMEO's country code); called again, of any
    /// of the countries given.
    pub fn country(mut self, country: CountryCode) -> Self {
        self.countries.push(country);
        self
    }

    /// Keeps events of CAMEO root code `root` (1 to 20); called again, of any of them.
    pub fn root_code(mut self, root: u8) -> Self {
        self.root_codes.push(root);
        self
    }

    /// Keeps events with at least `mentions` in `NumMentions`.
    pub fn min_mentions(mut self, mentions: u32) -> Self {
        self.min_mentions = mentions;
        self
    }

    /// Whether a bad row is counted and passed over rather than ending the read.
    pub fn skip_bad(mut self, skip: bool) -> Self {
        self.skip_bad = skip;
        self
    }

    /// Whether the filters keep `row`.
    pub fn keeps(&self, row: &EventRow) -> bool {
        let country = |a: &Option<super::Actor>| a.as_ref().and_then(|a| a.country);
        self.keeps_parts(
            row.date,
            &row.coding,
            [country(&row.actor1), country(&row.actor2)],
        )
    }

    pub(crate) fn keeps_checked(&self, row: &EventChecked) -> bool {
        let [a1, a2] = row.actors;
        self.keeps_parts(row.date, &row.coding, [a1.flatten(), a2.flatten()])
    }

    fn keeps_parts(
        &self,
        date: NaiveDate,
        coding: &GdeltCoding,
        countries: [Option<CountryCode>; 2],
    ) -> bool {
        self.from.is_none_or(|from| date >= from)
            && self.to.is_none_or(|to| date <= to)
            && coding.num_mentions >= self.min_mentions
            && (self.root_codes.is_empty() || self.root_codes.contains(&coding.root_code.root()))
            && (self.countries.is_empty()
                || countries
                    .into_iter()
                    .flatten()
                    .any(|c| self.countries.contains(&c)))
    }

    /// Opens a GDELT file, plain or zipped (told by its first bytes, not its name), and tells
    /// its layout from its first row.
    ///
    /// Refused: a file that cannot be read, a zip archive that does not hold exactly one
    /// file, and a first row that is none of the known [`Layout`](super::Layout)s.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<GdeltFile, Error> {
        GdeltFile::open(path.as_ref(), self.clone())
    }
}
