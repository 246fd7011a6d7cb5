//! Calendar dates as topic files write them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::labels::labels;
use crate::lang::Lang;

/// A full calendar date, `YYYY-MM-DD`, as used for `reviewed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A source's date: a year, a year and month, or a full date, since journals and
/// web pages often give no more than that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Today where the reader is: in the time zone `TZ` names, else the system's.
    pub fn today() -> Date {
        Date::from(jiff::Zoned::now().date())
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    pub fn plus_years(self, years: u16) -> Date {
        let year = self.year.saturating_add(years);
        Date {
            year,
            day: self.day.min(days_in_month(year, self.month)),
            ..self
        }
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(date: jiff::civil::Date) -> Date {
        Date {
            year: u16::try_from(date.year().clamp(0, 9999)).unwrap_or(9999),
            // jiff's months and days are always in range.
            month: date.month().unsigned_abs(),
            day: date.day().unsigned_abs(),
        }
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        match parse_parts(&text) {
            Some((year, Some(month), Some(day))) => Ok(Date { year, month, day }),
            _ => Err(format!(
                "invalid date `{text}`: write a real calendar date as YYYY-MM-DD"
            )),
        }
    }
}

impl TryFrom<String> for SourceDate {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        match parse_parts(&text) {
            Some((year, month, day)) => Ok(SourceDate { year, month, day }),
            None => Err(format!(
                "invalid date `{text}`: write YYYY, YYYY-MM or YYYY-MM-DD"
            )),
        }
    }
}

/// Reads a date through a visitor, so that the YAML reader can say which line a bad
/// date is on; `try_from` would only fail after the value was read.
struct DateVisitor<T>(PhantomData<T>);

impl<T: TryFrom<String, Error = String>> Visitor<'_> for DateVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::try_from(text.to_string()).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for SourceDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateVisitor(PhantomData))
    }
}

/// Dates are written back as the text they were read from.
macro_rules! serialize_as_text {
    ($($date:ty),*) => {$(
        impl Serialize for $date {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    )*};
}

serialize_as_text!(Date, SourceDate);

/// Splits `YYYY[-MM[-DD]]` and checks that the month and day exist.
fn parse_parts(text: &str) -> Option<(u16, Option<u8>, Option<u8>)> {
    let mut parts = text.trim().split('-');
    let year = parse_digits(parts.next()?, 4)?;
    let mut next_part = || -> Option<Option<u8>> {
        match parts.next() {
            Some(part) => Some(Some(u8::try_from(parse_digits(part, 2)?).ok()?)),
            None => Some(None),
        }
    };
    let month = next_part()?;
    let day = next_part()?;
    if next_part()?.is_some() || (month.is_none() && day.is_some()) {
        return None;
    }
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    if let (Some(day), Some(month)) = (day, month) {
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
    }
    Some((year, month, day))
}

fn parse_digits(text: &str, len: usize) -> Option<u16> {
    if text.len() == len && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date as a reader of `lang` expects it: `2026-11-24` in English, as the files
    /// write it; "24 de noviembre de 2026" in Spanish.
    pub fn written(self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Es => format!(
                "{} de {} de {}",
                self.day,
                labels(lang).month(self.month),
                self.year
            ),
        }
    }
}

impl SourceDate {
    /// [`Date::written`] for a date that may stop at its month or year.
    pub fn written(self, lang: Lang) -> String {
        match (lang, self.month, self.day) {
            (Lang::En, ..) => self.to_string(),
            (Lang::Es, Some(month), Some(day)) => Date {
                year: self.year,
                month,
                day,
            }
            .written(lang),
            (Lang::Es, Some(month), None) => {
                format!("{} de {}", labels(lang).month(month), self.year)
            }
            (Lang::Es, None, _) => self.year.to_string(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for SourceDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Result<Date, String> {
        Date::try_from(text.to_string())
    }

    #[test]
    fn spanish_dates_are_written_out() {
        let day = date("2026-11-24").unwrap();
        assert_eq!(day.written(Lang::Es), "24 de noviembre de 2026");
        assert_eq!(day.written(Lang::En), "2026-11-24");
        let first = date("2027-01-01").unwrap();
        assert_eq!(first.written(Lang::Es), "1 de enero de 2027");
        let month = SourceDate::try_from("2024-02".to_string()).unwrap();
        assert_eq!(month.written(Lang::Es), "febrero de 2024");
        let year = SourceDate::try_from("2021".to_string()).unwrap();
        assert_eq!(year.written(Lang::Es), "2021");
        let full = SourceDate::try_from("2021-01-19".to_string()).unwrap();
        assert_eq!(full.written(Lang::Es), "19 de enero de 2021");
    }

    #[test]
    fn full_dates_parse_and_print_back() {
        assert_eq!(date("2023-07-17").unwrap().to_string(), "2023-07-17");
        assert_eq!(date("2024-02-29").unwrap().day, 29);
    }

    #[test]
    fn impossible_or_partial_dates_are_rejected() {
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-04-31",
            "2023-00-10",
            "2023-7-17",
            "17/07/2023",
            "2023-07",
            "",
        ] {
            assert!(date(bad).is_err(), "{bad} should be rejected");
        }
        assert!(date("2023-02-30").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn calendar_dates_come_over_from_jiff() {
        let leap_day = jiff::civil::date(2024, 2, 29);
        assert_eq!(Date::from(leap_day).to_string(), "2024-02-29");
    }

    #[test]
    fn years_are_added_on_the_calendar() {
        assert_eq!(
            date("2023-07-17").unwrap().plus_years(3).to_string(),
            "2026-07-17"
        );
        assert_eq!(
            date("2024-02-29").unwrap().plus_years(1).to_string(),
            "2025-02-28"
        );
        assert!(date("2023-07-17").unwrap() < date("2023-07-18").unwrap());
    }

    #[test]
    fn source_dates_may_stop_at_year_or_month() {
        let year = SourceDate::try_from("2022".to_string()).unwrap();
        assert_eq!((year.month, year.day), (None, None));
        assert_eq!(
            SourceDate::try_from("2022-05".to_string())
                .unwrap()
                .to_string(),
            "2022-05"
        );
        assert!(SourceDate::try_from("2022-05-32".to_string()).is_err());
        assert!(SourceDate::try_from("May 2022".to_string()).is_err());
    }
}
