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

    /// The codebook's name for column `i` (from 0) of this layout.
    ///
    /// ```
    /// use eventkg::io::gdelt::Layout;
    /// assert_eq!(Layout::Events2.column_name(1), Some("SQLDATE"));
    /// assert_eq!(Layout::Events2.column_name(57), Some("ActionGeo_Long"));
    /// assert_eq!(Layout::Events1Daily.column_name(57), Some("SOURCEURL"));
    /// assert_eq!(Layout::Mentions2.column_name(5), Some("MentionIdentifier"));
    /// ```
    pub fn column_name(self, i: usize) -> Option<&'static str> {
        if self == Layout::Mentions2 {
            return MENTIONS.get(i).copied();
        }
        let ([a1, a2, action], adm2) = self.geo_blocks();
        let geo = |names: &[&'static str; 8], at: usize| {
            let j = i - at;
            Some(names[if adm2 || j < 4 { j } else { j + 1 }])
        };
        let width = if adm2 { 8 } else { 7 };
        match i {
            0..5 => HEAD.get(i).copied(),
            5..15 => ACTOR1.get(i - 5).copied(),
            15..25 => ACTOR2.get(i - 15).copied(),
            25..35 => CODING.get(i - 25).copied(),
            _ if (a1..a1 + width).contains(&i) => geo(&ACTOR1_GEO, a1),
            _ if (a2..a2 + width).contains(&i) => geo(&ACTOR2_GEO, a2),
            _ if (action..action + width).contains(&i) => geo(&ACTION_GEO, action),
            _ if i == self.date_added() => Some("DATEADDED"),
            _ if i == self.date_added() + 1 && self.has_source_url() => Some("SOURCEURL"),
            _ => None,
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

const HEAD: [&str; 5] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
];
const CODING: [&str; 10] = [
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
];
const MENTIONS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];
pub(crate) const ACTOR1: [&str; 10] = [
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
];
pub(crate) const ACTOR2: [&str; 10] = [
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
];
pub(crate) const ACTOR1_GEO: [&str; 8] = [
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
];
pub(crate) const ACTOR2_GEO: [&str; 8] = [
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
];
pub(crate) const ACTION_GEO: [&str; 8] = [
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
];
