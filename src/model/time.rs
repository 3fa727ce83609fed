//! Honest dates: [`FuzzyDate`], a date at the precision its source gives.

use std::cmp::Ordering;
use std::fmt;
use std::num::NonZeroU32;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smallvec::SmallVec;

use crate::Error;
use crate::ErrorKind;

/// A part of a month, as news uses them: "early June", "mid-July", "late May".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthPart {
    /// Days 1 to 10.
    Early,
    /// Days 11 to 20.
    Mid,
    /// Day 21 to the month's end.
    Late,
}

impl MonthPart {
    fn as_str(self) -> &'static str {
        match self {
            MonthPart::Early => "early",
            MonthPart::Mid => "mid",
            MonthPart::Late => "late",
        }
    }

    fn parse(word: &str) -> Option<Self> {
        match word {
            "early" | "beginning" | "start" => Some(MonthPart::Early),
            "mid" | "middle" => Some(MonthPart::Mid),
            "late" | "end" => Some(MonthPart::Late),
            _ => None,
        }
    }
}

/// A meteorological season of the northern hemisphere, where the outlets this crate first served
/// publish; winter belongs to the year of its December.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Autumn,
    /// December to the following February.
    Winter,
}

impl Season {
    fn as_str(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }

    fn parse(word: &str) -> Option<Self> {
        match word {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "autumn" | "fall" => Some(Season::Autumn),
            "winter" => Some(Season::Winter),
            _ => None,
        }
    }

    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }

    fn edtf_code(self) -> u32 {
        match self {
            Season::Spring => 21,
            Season::Summer => 22,
            Season::Autumn => 23,
            Season::Winter => 24,
        }
    }
}

/// How precise a [`FuzzyDate`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// One calendar day.
    Day,
    /// One ISO week, Monday to Sunday.
    Week,
    /// The early, middle or late part of a month.
    PartOfMonth,
    /// One calendar month.
    Month,
    /// One season.
    Season,
    /// One calendar year.
    Year,
    /// Any run of days between two known days.
    Interval,
}

impl Precision {
    /// The precision's word: `day`, `week`, `part_of_month`, `month`, `season`, `year`,
    /// `interval`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::PartOfMonth => "part_of_month",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Interval => "interval",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Span {
    Day(NaiveDate),
    Week {
        year: i32,
        week: u32,
    },
    PartOfMonth {
        year: i32,
        month: u32,
        part: MonthPart,
    },
    Month {
        year: i32,
        month: u32,
    },
    Season {
        year: i32,
        season: Season,
    },
    Year(i32),
    Interval(NaiveDate, NaiveDate),
}

impl Span {
    fn precision(self) -> Precision {
        match self {
            Span::Day(_) => Precision::Day,
            Span::Week { .. } => Precision::Week,
            Span::PartOfMonth { .. } => Precision::PartOfMonth,
            Span::Month { .. } => Precision::Month,
            Span::Season { .. } => Precision::Season,
            Span::Year(_) => Precision::Year,
            Span::Interval(..) => Precision::Interval,
        }
    }

    /// The earliest and latest day of the span, both included.
    fn bounds(self) -> (NaiveDate, NaiveDate) {
        // Every span is validated before it is made, so the fallbacks below are never taken.
        match self {
            Span::Day(day) => (day, day),
            Span::Week { year, week } => {
                let monday =
                    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).unwrap_or(NaiveDate::MIN);
                (monday, add_days(monday, 6))
            }
            Span::PartOfMonth { year, month, part } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
                match part {
                    MonthPart::Early => (first, add_days(first, 9)),
                    MonthPart::Mid => (add_days(first, 10), add_days(first, 19)),
                    MonthPart::Late => (add_days(first, 20), last_of_month(year, month)),
                }
            }
            Span::Month { year, month } => (
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN),
                last_of_month(year, month),
            ),
            Span::Season { year, season } => {
                let first = season.first_month();
                let start = NaiveDate::from_ymd_opt(year, first, 1).unwrap_or(NaiveDate::MIN);
                let end_month = start
                    .checked_add_months(chrono::Months::new(2))
                    .unwrap_or(start);
                (start, last_of_month(end_month.year(), end_month.month()))
            }
            Span::Year(year) => (
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
                NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN),
            ),
            Span::Interval(start, end) => (start, end),
        }
    }
}

/// A date at the precision the source gives.
///
/// Honest dates: a day, week, month, part of a month, season, year or interval, never more
/// precise than the text that gave it.
///
/// News rarely gives a day. "Late May", "last week", "in the summer" and "in the coming days" are
/// all kept as what they say. A [`FuzzyDate`] always knows its earliest and latest possible day
/// (SEM's earliest-begin / latest-end), so it can be sorted, compared and matched against ranges
/// without pretending to a precision it does not have, in the spirit of Wikidata's time precision
/// and of EDTF (ISO 8601-2).
///
/// # Text form
///
/// | precision | text | EDTF |
/// |---|---|---|
/// | day | `2024-06-07` | `2024-06-07` |
/// | ISO week | `2024-W23` | `2024-06-03/2024-06-09` |
/// | part of a month | `2024-05-late` (`early`: 1–10, `mid`: 11–20, `late`: 21–end) | `2024-05-21/2024-05-31` |
/// | month | `2024-05` | `2024-05` |
/// | season | `2024-summer` (meteorological, northern hemisphere) | `2024-22` |
/// | year | `2024` | `2024` |
/// | interval | `2024-05-20/2024-06-02` | `2024-05-20/2024-06-02` |
///
/// A trailing `~` marks any of them approximate (`2024-06-09/2024-06-16~`), as in EDTF.
/// Years run from 1 to 9999.
///
/// ```
/// use eventkg::{FuzzyDate, Precision};
///
/// let late_may: FuzzyDate = "2024-05-late".parse()?;
/// assert_eq!(late_may.precision(), Precision::PartOfMonth);
/// assert_eq!(late_may.earliest().to_string(), "2024-05-21");
/// assert_eq!(late_may.latest().to_string(), "2024-05-31");
/// assert_eq!(late_may.to_edtf(), "2024-05-21/2024-05-31");
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    /// The earliest day the date can mean.
    earliest: NaiveDate,
    /// The days from the earliest day to the latest in the low 22 bits, the precision's code
    /// plus one in the next 3, the approximate mark above them. Every precision is told by
    /// its earliest day alone (a week by its Monday, a season by the first day of its first
    /// month), and an interval by its two days, which years 1 to 9999 keep fewer than 2²²
    /// days apart: so a date takes 8 bytes, and never being zero, its option too (where a
    /// span of each precision's fields took 16, and an event more than the 128 bytes that
    /// are moved without a call to `memmove`).
    rest: NonZeroU32,
}

const DAY_BITS: u32 = 22;
const DAYS: u32 = (1 << DAY_BITS) - 1;
const APPROXIMATE: u32 = 1 << (DAY_BITS + 3);

/// The precisions by code: a precision's code is its place in [`Precision`]'s declaration,
/// which this follows.
const PRECISIONS: [Precision; 7] = [
    Precision::Day,
    Precision::Week,
    Precision::PartOfMonth,
    Precision::Month,
    Precision::Season,
    Precision::Year,
    Precision::Interval,
];

/// The date as its precision tells it, for the text forms.
impl fmt::Debug for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FuzzyDate")
            .field("span", &self.span())
            .field("approximate", &self.is_approximate())
            .finish()
    }
}

const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

fn invalid(text: impl Into<String>, reason: impl Into<String>) -> Error {
    ErrorKind::InvalidDate {
        text: text.into(),
        reason: reason.into(),
    }
    .into()
}

fn check_year(year: i32) -> Result<i32, Error> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(invalid(
            year.to_string(),
            format!("years run from {MIN_YEAR} to {MAX_YEAR}"),
        ))
    }
}

fn first_of_month(year: i32, month: u32) -> Result<NaiveDate, Error> {
    check_year(year)?;
    NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| invalid(format!("{year:04}-{month:02}"), "no such month"))
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    let next = first.checked_add_months(chrono::Months::new(1));
    next.and_then(|n| n.pred_opt()).unwrap_or(first)
}

fn add_days(day: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        day.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(day)
}

impl FuzzyDate {
    fn new(span: Span) -> Self {
        let (earliest, latest) = span.bounds();
        // Both days fall in the years 1 to 9999, fewer than 2²² days apart.
        let days = (latest - earliest).num_days().clamp(0, DAYS.into()) as u32;
        let code = span.precision() as u32;
        FuzzyDate {
            earliest,
            // The precision's code plus one is never zero.
            rest: NonZeroU32::new(days | (code + 1) << DAY_BITS).unwrap_or(NonZeroU32::MAX),
        }
    }

    /// The span the date was made from, told again by its earliest day and precision.
    fn span(&self) -> Span {
        let earliest = self.earliest;
        let (year, month) = (earliest.year(), earliest.month());
        match self.precision() {
            Precision::Day => Span::Day(earliest),
            Precision::Week => {
                let week = earliest.iso_week();
                Span::Week {
                    year: week.year(),
                    week: week.week(),
                }
            }
            Precision::PartOfMonth => Span::PartOfMonth {
                year,
                month,
                part: match earliest.day() {
                    1..=10 => MonthPart::Early,
                    11..=20 => MonthPart::Mid,
                    _ => MonthPart::Late,
                },
            },
            Precision::Month => Span::Month { year, month },
            Precision::Season => Span::Season {
                year,
                season: match month {
                    3..=5 => Season::Spring,
                    6..=8 => Season::Summer,
                    9..=11 => Season::Autumn,
                    _ => Season::Winter,
                },
            },
            Precision::Year => Span::Year(year),
            Precision::Interval => Span::Interval(earliest, self.latest()),
        }
    }

    /// One known day.
    pub fn day(day: NaiveDate) -> Result<Self, Error> {
        check_year(day.year())?;
        Ok(Self::new(Span::Day(day)))
    }

    /// One known day, from its year, month and day numbers.
    ///
    /// ```
    /// use eventkg::FuzzyDate;
    /// assert_eq!(FuzzyDate::ymd(2024, 6, 7)?.to_string(), "2024-06-07");
    /// assert!(FuzzyDate::ymd(2024, 2, 30).is_err());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn ymd(year: i32, month: u32, day: u32) -> Result<Self, Error> {
        check_year(year)?;
        let date = NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| invalid(format!("{year:04}-{month:02}-{day:02}"), "no such day"))?;
        Self::day(date)
    }

    /// One ISO week (Monday to Sunday) of an ISO week-numbering year.
    pub fn iso_week(year: i32, week: u32) -> Result<Self, Error> {
        check_year(year)?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .ok_or_else(|| invalid(format!("{year:04}-W{week:02}"), "no such ISO week"))?;
        Ok(Self::new(Span::Week { year, week }))
    }

    /// The ISO week that holds `day`.
    pub fn week_of(day: NaiveDate) -> Result<Self, Error> {
        let week = day.iso_week();
        Self::iso_week(week.year(), week.week())
    }

    /// One calendar month.
    pub fn month(year: i32, month: u32) -> Result<Self, Error> {
        first_of_month(year, month)?;
        Ok(Self::new(Span::Month { year, month }))
    }

    /// The early, middle or late part of a month ("late May 2024").
    pub fn part_of_month(year: i32, month: u32, part: MonthPart) -> Result<Self, Error> {
        first_of_month(year, month)?;
        Ok(Self::new(Span::PartOfMonth { year, month, part }))
    }

    /// One season of a year; winter is the one that starts in that year's December.
    pub fn season(year: i32, season: Season) -> Result<Self, Error> {
        check_year(year)?;
        if season == Season::Winter && year == MAX_YEAR {
            return Err(invalid(
                format!("{year}-winter"),
                "winter would end after year 9999",
            ));
        }
        Ok(Self::new(Span::Season { year, season }))
    }

    /// One calendar year.
    pub fn year(year: i32) -> Result<Self, Error> {
        Ok(Self::new(Span::Year(check_year(year)?)))
    }

    /// Some time between two days, both included.
    ///
    /// ```
    /// use eventkg::FuzzyDate;
    /// use eventkg::NaiveDate;
    /// let start = NaiveDate::from_ymd_opt(2024, 6, 9).unwrap();
    /// let end = NaiveDate::from_ymd_opt(2024, 6, 16).unwrap();
    /// assert_eq!(FuzzyDate::between(start, end)?.to_string(), "2024-06-09/2024-06-16");
    /// assert!(FuzzyDate::between(end, start).is_err());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn between(start: NaiveDate, end: NaiveDate) -> Result<Self, Error> {
        check_year(start.year())?;
        check_year(end.year())?;
        if start > end {
            return Err(invalid(
                format!("{start}/{end}"),
                "an interval must not end before it starts",
            ));
        }
        Ok(Self::new(Span::Interval(start, end)))
    }

    /// The same date, marked approximate (EDTF `~`): "about", "some", "within a few".
    pub fn approximately(mut self) -> Self {
        self.rest |= APPROXIMATE;
        self
    }

    /// Whether the source gave this date only approximately.
    pub fn is_approximate(&self) -> bool {
        self.rest.get() & APPROXIMATE != 0
    }

    /// How precise the date is.
    pub fn precision(&self) -> Precision {
        let code = (self.rest.get() >> DAY_BITS) & 0b111;
        PRECISIONS
            .get(code.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(Precision::Interval)
    }

    /// The earliest day the date can mean.
    pub fn earliest(&self) -> NaiveDate {
        self.bounds().0
    }

    /// The latest day the date can mean.
    pub fn latest(&self) -> NaiveDate {
        self.bounds().1
    }

    /// The earliest and latest day the date can mean, both included.
    pub fn bounds(&self) -> (NaiveDate, NaiveDate) {
        let days = self.rest.get() & DAYS;
        let latest = match days {
            0 => self.earliest,
            // Made from two days of the years 1 to 9999, so never out of the calendar.
            days => self
                .earliest
                .checked_add_days(Days::new(days.into()))
                .unwrap_or(self.earliest),
        };
        (self.earliest, latest)
    }

    /// Whether the two dates can mean a common day.
    ///
    /// ```
    /// use eventkg::FuzzyDate;
    /// let late_may: FuzzyDate = "2024-05-late".parse()?;
    /// let may: FuzzyDate = "2024-05".parse()?;
    /// let june: FuzzyDate = "2024-06".parse()?;
    /// assert!(late_may.overlaps(&may));
    /// assert!(!late_may.overlaps(&june));
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn overlaps(&self, other: &FuzzyDate) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b1 && b0 <= a1
    }

    /// Whether every day `other` can mean is one this date can mean.
    ///
    /// ```
    /// use eventkg::FuzzyDate;
    /// let may: FuzzyDate = "2024-05".parse()?;
    /// assert!(may.contains(&"2024-05-late".parse()?));
    /// assert!(!may.contains(&"2024-W22".parse()?)); // 27 May to 2 June
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn contains(&self, other: &FuzzyDate) -> bool {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0 <= b0 && b1 <= a1
    }

    /// The date in EDTF (ISO 8601-2), for tools that read it; parts of months and weeks,
    /// which EDTF has no short form for, become intervals.
    pub fn to_edtf(&self) -> String {
        let body = match self.span() {
            Span::Week { .. } | Span::PartOfMonth { .. } | Span::Interval(..) => {
                let (start, end) = self.bounds();
                format!("{start}/{end}")
            }
            Span::Season { year, season } => format!("{year:04}-{}", season.edtf_code()),
            _ => self.body_text(),
        };
        if self.is_approximate() {
            format!("{body}~")
        } else {
            body
        }
    }

    fn body_text(&self) -> String {
        let mut text = String::with_capacity(21);
        let _ = self.write_body(&mut text);
        text
    }

    /// The text form without the approximation mark, written where it goes: a date is
    /// written for every event of every export, and a `String` for each was a tenth of the
    /// JSON export's time.
    fn write_body(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self.span() {
            Span::Day(day) => write_day(out, day),
            Span::Week { year, week } => write!(out, "{year:04}-W{week:02}"),
            Span::PartOfMonth { year, month, part } => {
                write!(out, "{year:04}-{month:02}-{}", part.as_str())
            }
            Span::Month { year, month } => write!(out, "{year:04}-{month:02}"),
            Span::Season { year, season } => write!(out, "{year:04}-{}", season.as_str()),
            Span::Year(year) => write!(out, "{year:04}"),
            Span::Interval(start, end) => {
                write_day(out, start)?;
                out.write_char('/')?;
                write_day(out, end)
            }
        }
    }

    /// Reads a date phrase as news writes it, resolving relative phrases against `anchor`,
    /// usually the publication date of the document that says it.
    ///
    /// Besides the [text form](FuzzyDate), it understands: `today`, `yesterday`, `tomorrow`;
    /// weekdays (`Friday`, `on Friday evening`: the latest such day on or before the anchor;
    /// `last Friday`, `next Friday`); `this`/`last`/`next` `week`, `month`, `year`;
    /// `the weekend` (`over the weekend`: the latest Saturday–Sunday that has begun);
    /// `in the coming days`, `within a few days`, `in recent days`, `in recent weeks`,
    /// `in the coming weeks` (approximate intervals of seven or 28 days); month names with an
    /// optional part and year (`late May`, `mid-July 2023`, `early June`), seasons
    /// (`in the summer`), and days (`7 June 2024`, `June 7`). A month or season without a
    /// year is the occurrence nearest to the anchor, the earlier one on a tie: "late May" in a
    /// June article is the May just past, "November" in the same article the one ahead.
    ///
    /// A phrase it cannot read is an error, never a guess.
    ///
    /// ```
    /// use eventkg::FuzzyDate;
    /// use eventkg::NaiveDate;
    /// let published = NaiveDate::from_ymd_opt(2024, 6, 9).unwrap(); // a Sunday
    /// let date = |phrase| FuzzyDate::resolve(phrase, published).map(|d| d.to_string());
    /// assert_eq!(date("on Friday evening")?, "2024-06-07");
    /// assert_eq!(date("last week")?, "2024-W22");
    /// assert_eq!(date("over the weekend")?, "2024-06-08/2024-06-09");
    /// assert_eq!(date("in late May")?, "2024-05-late");
    /// assert_eq!(date("in the summer")?, "2024-summer");
    /// assert_eq!(date("in November")?, "2024-11");
    /// assert_eq!(date("in the coming days")?, "2024-06-09/2024-06-16~");
    /// assert!(date("from the very beginning").is_err());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn resolve(phrase: &str, anchor: NaiveDate) -> Result<FuzzyDate, Error> {
        let trimmed = phrase.trim();
        match trimmed.parse() {
            Ok(date) => return Ok(date),
            // Text that is clearly meant as the text form keeps its precise error.
            Err(error) if looks_like_text_form(trimmed) => return Err(error),
            Err(_) => {}
        }
        let cleaned = phrase
            .to_lowercase()
            .replace([',', '.'], " ")
            .replace('-', " ");
        let mut words: Vec<&str> = cleaned.split_whitespace().collect();
        while let Some(first) = words.first() {
            if matches!(
                *first,
                "on" | "in" | "at" | "during" | "over" | "within" | "the" | "a" | "of"
            ) {
                words.remove(0);
            } else {
                break;
            }
        }
        if let Some(last) = words.last()
            && matches!(*last, "morning" | "afternoon" | "evening" | "night")
            && words.len() > 1
        {
            words.pop();
        }
        resolve_words(&words, anchor)?.ok_or_else(|| {
            invalid(
                phrase,
                "not a date phrase this crate reads; give a date in the text form instead",
            )
        })
    }
}

fn looks_like_text_form(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && matches!(bytes[4], b'-' | b'/')
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(word) && word != "ma"))
        .map(|i| i as u32 + 1)
}

/// The occurrence of a yearly span nearest to `anchor`, the earlier one on a tie.
fn nearest(
    anchor: NaiveDate,
    make: impl Fn(i32) -> Result<FuzzyDate, Error>,
) -> Result<FuzzyDate, Error> {
    let distance = |date: &FuzzyDate| {
        let (start, end) = date.bounds();
        if anchor < start {
            (start - anchor).num_days()
        } else if anchor > end {
            (anchor - end).num_days()
        } else {
            0
        }
    };
    let mut best: Option<FuzzyDate> = None;
    for year in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        if let Ok(candidate) = make(year)
            && best.is_none_or(|b| distance(&candidate) < distance(&b))
        {
            best = Some(candidate);
        }
    }
    best.map_or_else(|| make(anchor.year()), Ok)
}

fn parse_year(word: &str) -> Option<i32> {
    if word.len() == 4 {
        word.parse().ok()
    } else {
        None
    }
}

fn resolve_words(words: &[&str], anchor: NaiveDate) -> Result<Option<FuzzyDate>, Error> {
    let approx_interval = |from: i64, to: i64| {
        FuzzyDate::between(add_days(anchor, from), add_days(anchor, to)).map(|d| d.approximately())
    };
    let date = match words {
        ["today" | "tonight"] | ["this", "morning" | "afternoon" | "evening"] => {
            FuzzyDate::day(anchor)
        }
        ["yesterday"] | ["last", "night"] => FuzzyDate::day(add_days(anchor, -1)),
        ["tomorrow"] => FuzzyDate::day(add_days(anchor, 1)),
        ["this", "week"] => FuzzyDate::week_of(anchor),
        ["last" | "past" | "previous", "week"] => FuzzyDate::week_of(add_days(anchor, -7)),
        ["next" | "coming", "week"] => FuzzyDate::week_of(add_days(anchor, 7)),
        ["this", "month"] => FuzzyDate::month(anchor.year(), anchor.month()),
        ["last" | "past" | "previous", "month"] => {
            let day = anchor
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(anchor);
            FuzzyDate::month(day.year(), day.month())
        }
        ["next" | "coming", "month"] => {
            let day = anchor
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(anchor);
            FuzzyDate::month(day.year(), day.month())
        }
        ["this", "year"] => FuzzyDate::year(anchor.year()),
        ["last" | "past" | "previous", "year"] => FuzzyDate::year(anchor.year() - 1),
        ["next" | "coming", "year"] => FuzzyDate::year(anchor.year() + 1),
        ["weekend"] | ["this", "weekend"] | ["last" | "past", "weekend"] => {
            let back = i64::from(anchor.weekday().num_days_from_monday()) - 5;
            // Saturday of the latest weekend that has begun by the anchor.
            let mut saturday = add_days(anchor, -back.rem_euclid(7));
            if words.first() == Some(&"last") && back >= 0 {
                saturday = add_days(saturday, -7);
            }
            FuzzyDate::between(saturday, add_days(saturday, 1))
        }
        ["coming" | "next" | "few", "days"]
        | ["next" | "coming", "few", "days"]
        | ["days", "ahead"] => approx_interval(0, 7),
        ["recent" | "past" | "last", "days"] | ["past" | "last", "few", "days"] => {
            approx_interval(-7, 0)
        }
        ["coming" | "next", "weeks"] | ["next" | "coming", "few", "weeks"] => {
            approx_interval(0, 28)
        }
        ["recent" | "past" | "last", "weeks"] | ["past" | "last", "few", "weeks"] => {
            approx_interval(-28, 0)
        }
        [word] if weekday(word).is_some() => {
            let target = weekday(word).map_or(0, |w| w.num_days_from_monday());
            let back = i64::from(anchor.weekday().num_days_from_monday()) - i64::from(target);
            FuzzyDate::day(add_days(anchor, -back.rem_euclid(7)))
        }
        ["last", word] if weekday(word).is_some() => {
            let target = weekday(word).map_or(0, |w| w.num_days_from_monday());
            let back = i64::from(anchor.weekday().num_days_from_monday()) - i64::from(target);
            let back = back.rem_euclid(7);
            FuzzyDate::day(add_days(anchor, -(if back == 0 { 7 } else { back })))
        }
        ["next" | "this" | "coming", word] if weekday(word).is_some() => {
            let target = weekday(word).map_or(0, |w| w.num_days_from_monday());
            let ahead = i64::from(target) - i64::from(anchor.weekday().num_days_from_monday());
            let ahead = ahead.rem_euclid(7);
            FuzzyDate::day(add_days(anchor, if ahead == 0 { 7 } else { ahead }))
        }
        _ => return resolve_calendar_words(words, anchor),
    };
    date.map(Some)
}

/// Month, season and day phrases: `late May`, `end of May 2024`, `summer`, `7 June 2024`.
fn resolve_calendar_words(words: &[&str], anchor: NaiveDate) -> Result<Option<FuzzyDate>, Error> {
    let (year, words) = match words.split_last() {
        Some((last, rest)) if parse_year(last).is_some() => (parse_year(last), rest),
        _ => (None, words),
    };
    let in_year = |make: &dyn Fn(i32) -> Result<FuzzyDate, Error>| match year {
        Some(year) => make(year),
        None => nearest(anchor, make),
    };
    let date = match words {
        [season] if Season::parse(season).is_some() => {
            let season = Season::parse(season).unwrap_or(Season::Spring);
            in_year(&|y| FuzzyDate::season(y, season))
        }
        [month] if month_number(month).is_some() => {
            let month = month_number(month).unwrap_or(1);
            in_year(&|y| FuzzyDate::month(y, month))
        }
        [part, month] | [part, "of", month]
            if MonthPart::parse(part).is_some() && month_number(month).is_some() =>
        {
            let part = MonthPart::parse(part).unwrap_or(MonthPart::Early);
            let month = month_number(month).unwrap_or(1);
            in_year(&|y| FuzzyDate::part_of_month(y, month, part))
        }
        [a, b] => {
            let (day, month) = match (a.parse::<u32>(), b.parse::<u32>()) {
                (Ok(day), _) => (day, month_number(b)),
                (_, Ok(day)) => (day, month_number(a)),
                _ => return Ok(None),
            };
            let Some(month) = month else {
                return Ok(None);
            };
            in_year(&|y| FuzzyDate::ymd(y, month, day))
        }
        _ => return Ok(None),
    };
    date.map(Some)
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_body(f)?;
        if self.is_approximate() {
            f.write_str("~")?;
        }
        Ok(())
    }
}

/// A day as `YYYY-MM-DD`, without chrono's format-string interpreter or the formatter's
/// padding (years here run from 1 to 9999, which four digits hold).
fn write_day(out: &mut impl fmt::Write, day: NaiveDate) -> fmt::Result {
    let (year, month, day) = (day.year(), day.month(), day.day());
    let Ok(year @ 0..=9999) = u32::try_from(year) else {
        return write!(out, "{year:04}-{month:02}-{day:02}");
    };
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let text = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    out.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
}

fn parse_number<T: FromStr>(text: &str, part: &str, whole: &str) -> Result<T, Error> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(whole, format!("`{part}` is not a number")));
    }
    part.parse()
        .map_err(|_| invalid(whole, format!("`{part}` is out of range in `{text}`")))
}

/// The number written in `digits`, ASCII digits alone, if a `T` holds it (0 for no digits):
/// the parts of a date, and GDELT's ids and counts, read where they are read by the million.
pub(crate) fn ascii_number<T: TryFrom<u64>>(digits: &[u8]) -> Option<T> {
    let value = digits.iter().try_fold(0u64, |n, &b| {
        let digit = b.is_ascii_digit().then(|| u64::from(b - b'0'))?;
        n.checked_mul(10)?.checked_add(digit)
    })?;
    T::try_from(value).ok()
}

/// The numbers of a day written `YYYY-MM-DD` in ASCII digits, the form nearly every date of a
/// graph file takes: read without splitting the text, as a corpus reads one or two per
/// article on the thread that merges. Any other text goes the general way, for its error.
fn day_numbers(text: &str) -> Option<(i32, u32, u32)> {
    let bytes = text.as_bytes();
    let &[_, _, _, _, b'-', _, _, b'-', _, _] = bytes else {
        return None;
    };
    Some((
        ascii_number(&bytes[..4])?,
        ascii_number(&bytes[5..7])?,
        ascii_number(&bytes[8..])?,
    ))
}

/// The day of numbers [`day_numbers`] read, if the calendar and the range of years have it.
fn day_of((year, month, day): (i32, u32, u32), whole: &str) -> Result<NaiveDate, Error> {
    NaiveDate::from_ymd_opt(check_year(year)?, month, day)
        .ok_or_else(|| invalid(whole, "no such day"))
}

fn parse_day(text: &str, whole: &str) -> Result<NaiveDate, Error> {
    if let Some(numbers) = day_numbers(text) {
        return day_of(numbers, whole);
    }
    let parts: SmallVec<[&str; 4]> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(invalid(whole, "expected a day as YYYY-MM-DD"));
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(invalid(whole, "expected a day as YYYY-MM-DD"));
    }
    let year = check_year(parse_number(text, y, whole)?)?;
    NaiveDate::from_ymd_opt(
        year,
        parse_number(text, m, whole)?,
        parse_number(text, d, whole)?,
    )
    .ok_or_else(|| invalid(whole, "no such day"))
}

impl FromStr for FuzzyDate {
    type Err = Error;

    /// Reads the [text form](FuzzyDate); for phrases such as "late May" use [`FuzzyDate::resolve`].
    fn from_str(whole: &str) -> Result<Self, Error> {
        let (text, approximate) = match whole.strip_suffix('~') {
            Some(rest) => (rest, true),
            None => (whole, false),
        };
        let date = if let Some(numbers) = day_numbers(text) {
            FuzzyDate::day(day_of(numbers, whole)?)?
        } else if let Some((start, end)) = text.split_once('/') {
            FuzzyDate::between(parse_day(start, whole)?, parse_day(end, whole)?)?
        } else {
            let parts: SmallVec<[&str; 4]> = text.split('-').collect();
            match parts[..] {
                [y] if y.len() == 4 => FuzzyDate::year(parse_number(text, y, whole)?)?,
                [y, w] if y.len() == 4 && w.len() == 3 && w.starts_with('W') => {
                    FuzzyDate::iso_week(
                        parse_number(text, y, whole)?,
                        parse_number(text, &w[1..], whole)?,
                    )?
                }
                [y, m] if y.len() == 4 && m.len() == 2 => {
                    FuzzyDate::month(parse_number(text, y, whole)?, parse_number(text, m, whole)?)?
                }
                [y, s] if y.len() == 4 && Season::parse(s).is_some() => FuzzyDate::season(
                    parse_number(text, y, whole)?,
                    Season::parse(s).unwrap_or(Season::Spring),
                )?,
                [y, m, p] if y.len() == 4 && m.len() == 2 && MonthPart::parse(p).is_some() => {
                    FuzzyDate::part_of_month(
                        parse_number(text, y, whole)?,
                        parse_number(text, m, whole)?,
                        MonthPart::parse(p).unwrap_or(MonthPart::Early),
                    )?
                }
                [_, _, _] => FuzzyDate::day(parse_day(text, whole)?)?,
                _ => {
                    return Err(invalid(
                        whole,
                        "expected YYYY-MM-DD, YYYY-Www, YYYY-MM-early|mid|late, YYYY-MM, \
                         YYYY-spring|summer|autumn|winter, YYYY or YYYY-MM-DD/YYYY-MM-DD",
                    ));
                }
            }
        };
        Ok(if approximate {
            date.approximately()
        } else {
            date
        })
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FuzzyDate {
    /// Timeline order: by earliest day, then the more precise first, then by latest day.
    fn cmp(&self, other: &Self) -> Ordering {
        let (a0, a1) = self.bounds();
        let (b0, b1) = other.bounds();
        a0.cmp(&b0)
            .then(a1.cmp(&b1))
            .then(self.precision().cmp(&other.precision()))
            .then(self.is_approximate().cmp(&other.is_approximate()))
    }
}

impl Serialize for FuzzyDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written on the stack and handed over whole: every text form fits in 24 bytes, and
        // the formatter's machinery behind `collect_str` cost more than the date itself.
        let mut text = Short::default();
        let written = self.write_body(&mut text).and_then(|()| {
            if self.is_approximate() {
                fmt::Write::write_char(&mut text, '~')
            } else {
                Ok(())
            }
        });
        match written {
            Ok(()) => serializer.serialize_str(text.as_str()),
            Err(_) => serializer.collect_str(self),
        }
    }
}

/// Up to 32 bytes of text on the stack.
#[derive(Default)]
struct Short {
    bytes: [u8; 32],
    len: usize,
}

impl Short {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for Short {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl<'de> Deserialize<'de> for FuzzyDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::from_text::from_text(
            deserializer,
            "a date in the text form, such as 2024-06-07",
            str::parse,
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn day_of(number: i32) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(number).expect("a day of the years 1 to 9999")
    }

    fn any_date() -> impl Strategy<Value = FuzzyDate> {
        let year = 1..=9999i32;
        prop_oneof![
            (1i32..=3_652_059).prop_map(|n| FuzzyDate::day(day_of(n))),
            (year.clone(), 1u32..=53).prop_map(|(y, w)| FuzzyDate::iso_week(y, w)),
            (year.clone(), 1u32..=12, 0..3usize).prop_map(|(y, m, p)| {
                FuzzyDate::part_of_month(
                    y,
                    m,
                    [MonthPart::Early, MonthPart::Mid, MonthPart::Late][p],
                )
            }),
            (year.clone(), 1u32..=12).prop_map(|(y, m)| FuzzyDate::month(y, m)),
            (year.clone(), 0..4usize).prop_map(|(y, s)| {
                FuzzyDate::season(
                    y,
                    [
                        Season::Spring,
                        Season::Summer,
                        Season::Autumn,
                        Season::Winter,
                    ][s],
                )
            }),
            year.prop_map(FuzzyDate::year),
            (1i32..=3_652_059, 0i32..=4000).prop_map(|(n, len)| {
                FuzzyDate::between(day_of(n), day_of((n + len).min(3_652_059)))
            }),
        ]
        .prop_filter_map("a date the calendar has", Result::ok)
    }

    proptest! {
        /// A date keeps its earliest day and precision alone: what it was made from is told
        /// again from them, with the same days and the same text.
        #[test]
        fn every_date_tells_the_span_it_was_made_from(date in any_date(), approximate: bool) {
            let date = if approximate { date.approximately() } else { date };
            let again = FuzzyDate::new(date.span());
            let again = if approximate { again.approximately() } else { again };
            prop_assert_eq!(again, date);
            prop_assert_eq!(date.span().bounds(), date.bounds());
            prop_assert_eq!(date.span().precision(), date.precision());
            prop_assert_eq!(date.to_string().parse::<FuzzyDate>().ok(), Some(date));
        }

        /// A day in digits, read the quick way, is the day its numbers make, or none where
        /// the calendar or the range of years has none; alone, in a range, and approximate.
        #[test]
        fn a_day_in_digits_is_the_day_its_numbers_make(
            year in 0i32..=10_000, month in 0u32..=13, day in 0u32..=32, approximate: bool,
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            let made = FuzzyDate::ymd(year, month, day).ok();
            let made = made.map(|d| if approximate { d.approximately() } else { d });
            let written = if approximate { format!("{text}~") } else { text.clone() };
            prop_assert_eq!(written.parse::<FuzzyDate>().ok(), made);
            let range = format!("{text}/{text}");
            let from_range = range.parse::<FuzzyDate>().ok().map(|d| d.bounds());
            prop_assert_eq!(from_range, made.map(|d| d.bounds()));
        }
    }

    #[test]
    fn the_first_and_last_days_come_back_in_eight_bytes() {
        for text in [
            "0001-01-01",
            "9999-12-31",
            "9998-winter",
            "0001",
            "9999-W52",
            "0001-01-01/9999-12-31~",
        ] {
            let date: FuzzyDate = text.parse().expect("a valid date");
            assert_eq!(date.to_string(), text);
            assert_eq!(
                FuzzyDate::new(date.span()).bounds(),
                date.bounds(),
                "{text}"
            );
        }
        assert_eq!(std::mem::size_of::<Option<FuzzyDate>>(), 8);
        for (code, precision) in PRECISIONS.into_iter().enumerate() {
            assert_eq!(precision as usize, code, "{precision:?}");
        }
    }

    #[test]
    fn a_number_in_ascii_digits_is_read_while_a_u32_holds_it() {
        assert_eq!(ascii_number::<u32>(b"0042"), Some(42));
        assert_eq!(ascii_number::<u32>(b"4294967295"), Some(u32::MAX));
        assert_eq!(ascii_number::<u32>(b"4294967296"), None);
        assert_eq!(ascii_number::<u64>(b"18446744073709551616"), None);
        assert_eq!(ascii_number::<u32>(b"12a4"), None);
        assert_eq!(ascii_number::<u32>("١٢".as_bytes()), None);
    }

    fn d(text: &str) -> FuzzyDate {
        text.parse().expect(text)
    }

    #[test]
    fn text_form_round_trips() {
        for text in [
            "2024-06-07",
            "2024-W23",
            "2024-05-early",
            "2024-05-mid",
            "2024-05-late",
            "2024-05",
            "2024-summer",
            "2024-winter",
            "2024",
            "2024-05-20/2024-06-02",
            "2024-06-09/2024-06-16~",
            "0001-01-01",
        ] {
            assert_eq!(d(text).to_string(), text);
        }
    }

    #[test]
    fn bad_text_is_refused_with_the_text() {
        for text in [
            "",
            "24",
            "2024-13",
            "2024-02-30",
            "2024-W54",
            "2024-05-lateish",
            "2024-06-10/2024-06-01",
            "0000",
            "2024-6-7",
            "+024-06-07",
            "2024-06-07~~",
            "10000",
        ] {
            match text.parse::<FuzzyDate>().map_err(Error::into_kind) {
                Err(ErrorKind::InvalidDate { text: named, .. }) => {
                    assert!(!named.is_empty() || text.is_empty(), "{text}")
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn bounds_follow_precision() {
        assert_eq!(d("2024-02-late").latest().to_string(), "2024-02-29");
        assert_eq!(d("2023-winter").earliest().to_string(), "2023-12-01");
        assert_eq!(d("2023-winter").latest().to_string(), "2024-02-29");
        assert_eq!(d("2024-W01").earliest().to_string(), "2024-01-01");
        assert_eq!(d("2020-W53").latest().to_string(), "2021-01-03");
        assert_eq!(d("2024-05-mid").bounds().1.to_string(), "2024-05-20");
    }

    #[test]
    fn edtf_forms() {
        assert_eq!(d("2024-summer").to_edtf(), "2024-22");
        assert_eq!(d("2024-W22").to_edtf(), "2024-05-27/2024-06-02");
        assert_eq!(d("2024-05~").to_edtf(), "2024-05~");
    }

    #[test]
    fn timeline_order_puts_precise_first_on_equal_start() {
        let mut dates = [d("2024-05"), d("2024-05-01"), d("2024-04-late"), d("2024")];
        dates.sort();
        let texts: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(texts, ["2024", "2024-04-late", "2024-05-01", "2024-05"]);
    }

    #[test]
    fn relative_phrases_resolve_against_the_anchor() {
        let sunday = NaiveDate::from_ymd_opt(2024, 6, 9).unwrap();
        let wednesday = NaiveDate::from_ymd_opt(2024, 6, 5).unwrap();
        let r = |p: &str, a| FuzzyDate::resolve(p, a).map(|d| d.to_string()).expect(p);
        assert_eq!(r("yesterday", sunday), "2024-06-08");
        assert_eq!(r("Sunday", sunday), "2024-06-09");
        assert_eq!(r("last Sunday", sunday), "2024-06-02");
        assert_eq!(r("next Monday", sunday), "2024-06-10");
        assert_eq!(r("this week", sunday), "2024-W23");
        assert_eq!(r("last month", sunday), "2024-05");
        assert_eq!(r("last year", sunday), "2023");
        assert_eq!(r("at the weekend", wednesday), "2024-06-01/2024-06-02");
        assert_eq!(r("last weekend", sunday), "2024-06-01/2024-06-02");
        assert_eq!(r("in recent weeks", sunday), "2024-05-12/2024-06-09~");
        assert_eq!(r("mid-July 2023", sunday), "2023-07-mid");
        assert_eq!(r("end of May", sunday), "2024-05-late");
        assert_eq!(r("7 June 2024", sunday), "2024-06-07");
        assert_eq!(r("June 7", sunday), "2024-06-07");
        assert_eq!(r("January", sunday), "2024-01");
        assert_eq!(r("December", sunday), "2023-12");
        assert_eq!(r("winter", sunday), "2023-winter");
        assert_eq!(r("2024-05-late", sunday), "2024-05-late");
    }

    #[test]
    fn unreadable_phrases_are_errors_naming_the_phrase() {
        let anchor = NaiveDate::from_ymd_opt(2024, 6, 9).unwrap();
        for phrase in ["from the very beginning", "soon", "", "31 February", "ma"] {
            match FuzzyDate::resolve(phrase, anchor).map_err(Error::into_kind) {
                Err(ErrorKind::InvalidDate { text, .. }) => assert!(
                    text == phrase || phrase == "31 February",
                    "{phrase}: {text}"
                ),
                other => panic!("{phrase:?} gave {other:?}"),
            }
        }
    }
}
