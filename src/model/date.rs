//! Dates as reports give them: a year, a year and month, or a full date.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day, written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct DateParseError {
    /// The text that was given.
    pub text: String,
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month, if the month exists.
    pub fn year_month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date, if that day exists.
    pub fn full(year: i32, month: u8, day: u8) -> Option<Self> {
        chrono::NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))?;
        Some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// The year.
    pub fn year_value(&self) -> i32 {
        self.year
    }

    /// The month (1 to 12), if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

impl FromStr for PartialDate {
    type Err = DateParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || DateParseError {
            text: text.to_owned(),
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        let number = |part: &str| part.parse::<u16>().map_err(|_| error());
        match parts.as_slice() {
            [year] if digits(year, 4) => Ok(Self::year(i32::from(number(year)?))),
            [year, month] if digits(year, 4) && digits(month, 2) => {
                let month = u8::try_from(number(month)?).map_err(|_| error())?;
                Self::year_month(i32::from(number(year)?), month).ok_or_else(error)
            }
            [year, month, day] if digits(year, 4) && digits(month, 2) && digits(day, 2) => {
                let month = u8::try_from(number(month)?).map_err(|_| error())?;
                let day = u8::try_from(number(day)?).map_err(|_| error())?;
                Self::full(i32::from(number(year)?), month, day).ok_or_else(error)
            }
            _ => Err(error()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_precision() {
        for text in ["2021", "2021-08", "2021-09-06"] {
            let date: PartialDate = text.parse().expect("valid date");
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for text in [
            "2021-13",
            "2021-02-30",
            "21-08",
            "2021/08",
            "",
            "2021-8",
            "date",
        ] {
            assert!(
                text.parse::<PartialDate>().is_err(),
                "{text} should be rejected"
            );
        }
    }

    #[test]
    fn orders_chronologically_with_coarser_dates_first() {
        let dates: Vec<PartialDate> = ["2021-08-22", "2021", "2021-08", "2021-09-01"]
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect();
        let mut sorted = dates.clone();
        sorted.sort();
        let printed: Vec<String> = sorted.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["2021", "2021-08", "2021-08-22", "2021-09-01"]);
    }
}
