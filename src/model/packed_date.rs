//! A date as a large graph stores it: 8 bytes, where a [`FuzzyDate`] with its option takes 16.
//!
//! Every precision is told by its earliest day and its precision alone (a week by the Monday
//! that starts it, a season by the first day of its first month), and an interval by its two
//! days; the days between the years 1 and 9999 fit 22 bits. So a date is its earliest day,
//! and the days to its latest with the precision and the approximate mark above them. A day,
//! the date most events have, reads back without a calendar computation.

use chrono::{Datelike, Days, NaiveDate};

use super::{FuzzyDate, MonthPart, Precision, Season};

/// A date or none, in 8 bytes. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PackedDate {
    earliest: NaiveDate,
    /// The days from the earliest day to the latest in the low 22 bits, the precision's code
    /// plus one in the next 3, the approximate mark above them; zero for no date.
    rest: u32,
}

const NONE: PackedDate = PackedDate {
    earliest: NaiveDate::MIN,
    rest: 0,
};

const DAY_BITS: u32 = 22;
const DAYS: u32 = (1 << DAY_BITS) - 1;
const APPROXIMATE: u32 = 1 << (DAY_BITS + 3);

fn precision_code(precision: Precision) -> u32 {
    match precision {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::PartOfMonth => 2,
        Precision::Month => 3,
        Precision::Season => 4,
        Precision::Year => 5,
        Precision::Interval => 6,
    }
}

impl PackedDate {
    /// Packs `date`; `None` packs as no date.
    pub(crate) fn new(date: Option<FuzzyDate>) -> PackedDate {
        let Some(date) = date else {
            return NONE;
        };
        let (earliest, latest) = date.bounds();
        let precision = precision_code(date.precision()) + 1;
        // Both days fall in the years 1 to 9999, fewer than 2^22 days apart.
        let days = (latest - earliest).num_days().clamp(0, DAYS as i64) as u32;
        PackedDate {
            earliest,
            rest: days
                | precision << DAY_BITS
                | if date.is_approximate() {
                    APPROXIMATE
                } else {
                    0
                },
        }
    }

    /// The date packed, if any.
    pub(crate) fn get(self) -> Option<FuzzyDate> {
        let (earliest, latest) = self.bounds()?;
        let (year, month) = (earliest.year(), earliest.month());
        let date = match (self.rest >> DAY_BITS) & 0b111 {
            1 => Ok(FuzzyDate::of_day(earliest)),
            2 => FuzzyDate::week_of(earliest),
            3 => FuzzyDate::part_of_month(
                year,
                month,
                match earliest.day() {
                    1..=10 => MonthPart::Early,
                    11..=20 => MonthPart::Mid,
                    _ => MonthPart::Late,
                },
            ),
            4 => FuzzyDate::month(year, month),
            5 => FuzzyDate::season(
                year,
                match month {
                    3..=5 => Season::Spring,
                    6..=8 => Season::Summer,
                    9..=11 => Season::Autumn,
                    _ => Season::Winter,
                },
            ),
            6 => FuzzyDate::year(year),
            _ => FuzzyDate::between(earliest, latest),
        };
        // Every packed date was a valid one, so each constructor above takes its days again;
        // were one to refuse, the same days as an interval keep what the date meant.
        let date = date
            .or_else(|_| FuzzyDate::between(earliest, latest))
            .ok()?;
        Some(if self.rest & APPROXIMATE != 0 {
            date.approximately()
        } else {
            date
        })
    }

    /// The earliest and latest days of the date, read without unpacking it.
    pub(crate) fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        if self.rest == 0 {
            return None;
        }
        let days = self.rest & DAYS;
        let latest = if days == 0 {
            self.earliest
        } else {
            self.earliest
                .checked_add_days(Days::new(days.into()))
                .unwrap_or(self.earliest)
        };
        Some((self.earliest, latest))
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
        #[test]
        fn every_date_comes_back_as_it_was_packed(date in any_date(), approximate: bool) {
            let date = if approximate { date.approximately() } else { date };
            let packed = PackedDate::new(Some(date));
            prop_assert_eq!(packed.get(), Some(date));
            prop_assert_eq!(packed.bounds(), Some(date.bounds()));
        }
    }

    #[test]
    fn the_first_and_last_days_and_no_date_come_back() {
        for text in [
            "0001-01-01",
            "9999-12-31",
            "9998-winter",
            "0001",
            "9999-W52",
            "0001-01-01/9999-12-31~",
        ] {
            let date: FuzzyDate = text.parse().expect("a valid date");
            assert_eq!(PackedDate::new(Some(date)).get(), Some(date), "{text}");
        }
        assert_eq!(PackedDate::new(None).get(), None);
        assert_eq!(std::mem::size_of::<PackedDate>(), 8);
    }
}
