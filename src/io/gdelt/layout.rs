//! The column layouts of the GDELT files users download, as the codebooks define them, told
//! apart by their column count.

use std::fmt;

/// Which GDELT table, in which version, a file holds.
///
/// GDELT's files carry no header, so the layout is told from the number of tab-separated
/// columns in a row: 57 for the GDELT 1.0 historical event files (1979 to March 2013, without
/// `SOURCEURL`), 58 for the 1.0 daily event files (with it), 61 for the GDELT 2.0 event export
/// (which adds each geography's `ADM2Code`), and 16 for the 2.0 mentions table.
///
/// ```
/// use eventkg::io::gdelt::Layout;
/// assert_eq!(Layout::of_columns(61), Some(Layout::Events2));
/// assert_eq!(Layout::of_columns(60), None);
/// assert!(Layout::Events1Daily.has_source_url());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layout {
    /// GDELT 1.0 historical event files: 57 columns, no `SOURCEURL`.
    Events1Historical,
    /// GDELT 1.0 daily event files: 58 columns, ending with `SOURCEURL`.
    Events1Daily,
    /// GDELT 2.0 event exports: 61 columns.
    Events2,
    /// GDELT 2.0 mentions: 16 columns, one row per document that mentions an event.
    Mentions2,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 4] = [
        Layout::Events1Historical,
        Layout::Events1Daily,
        Layout::Events2,
        Layout::Mentions2,
    ];

    /// The layout whose rows have `columns` columns.
    pub fn of_columns(columns: usize) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.columns() == columns)
    }

    /// How many columns its rows have.
    pub fn columns(self) -> usize {
        match self {
            Layout::Events1Historical => 57,
            Layout::Events1Daily => 58,
            Layout::Events2 => 61,
            Layout::Mentions2 => 16,
        }
    }

    /// Whether its rows are events (rather than mentions).
    pub fn is_events(self) -> bool {
        !matches!(self, Layout::Mentions2)
    }

    /// Whether its event rows carry a `SOURCEURL`.
    pub fn has_source_url(self) -> bool {
        matches!(self, Layout::Events1Daily | Layout::Events2)
    }

    /// The first column of each geography block (actor 1, actor 2, action), and whether the
    /// blocks have an `ADM2Code`.
    pub(crate) fn geo_blocks(self) -> ([usize; 3], bool) {
        match self {
            Layout::Events2 => ([35, 43, 51], true),
            _ => ([35, 42, 49], false),
        }
    }

    /// The column of `DATEADDED`.
    pub(crate) fn date_added(self) -> usize {
        match self {
            Layout::Events2 => 59,
            _ => 56,
        }
    }

    /// A description of every layout, for an error about a row that fits none.
    pub(crate) fn known() -> String {
        Layout::ALL
            .iter()
            .map(|l| format!("{} ({})", l.columns(), l))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::Events1Historical => "GDELT 1.0 historical events",
            Layout::Events1Daily => "GDELT 1.0 daily events",
            Layout::Events2 => "GDELT 2.0 events",
            Layout::Mentions2 => "GDELT 2.0 mentions",
        })
    }
}
