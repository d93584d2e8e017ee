//! The date a fact's figures refer to, to the precision the source gives.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A year, a month or a day: `2023`, `2024-10` or `2024-09-30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOf {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl AsOf {
    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// Today (UTC), by the system clock, against which "last year" in a question is
    /// read.
    pub fn today() -> AsOf {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        AsOf::from_unix_seconds(i64::try_from(now).unwrap_or(i64::MAX))
            .expect("the clock reads a date between years 1000 and 2999")
    }

    /// The day (UTC) of a moment given in seconds since 1970, for "today".
    pub fn from_unix_seconds(seconds: i64) -> Option<AsOf> {
        let date = time::OffsetDateTime::from_unix_timestamp(seconds)
            .ok()?
            .date();
        Some(AsOf {
            year: u16::try_from(date.year()).ok()?,
            month: Some(u8::from(date.month())),
            day: Some(date.day()),
        })
    }

    /// As Chinese readers write it: "2024年9月30日", "2024年10月", "2023年".
    pub fn chinese(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}年{m}月{d}日", self.year),
            (Some(m), None) => format!("{}年{m}月", self.year),
            _ => format!("{}年", self.year),
        }
    }

    /// The ISO form it was written in: `2024-09-30`, `2024-10` or `2023`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// Why a date did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (for example 2024-09-30)")]
pub struct BadDate(String);

impl FromStr for AsOf {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_owned());
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Result<u16, BadDate> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(parts[0], 4)?;
        let month = parts.get(1).map(|p| number(p, 2)).transpose()?;
        let day = parts.get(2).map(|p| number(p, 2)).transpose()?;
        if parts.len() > 3 || !(1000..=2999).contains(&year) {
            return Err(bad());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(bad());
        }
        Ok(AsOf {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }
}

fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// As people read it: "30 September 2024", "October 2024", "2023".
impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = self.month.map(|m| MONTHS[usize::from(m) - 1]);
        match (self.day, month) {
            (Some(d), Some(m)) => write!(f, "{d} {m} {}", self.year),
            (None, Some(m)) => write!(f, "{m} {}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

impl Serialize for AsOf {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays_each_precision() {
        let cases = [
            ("2024-09-30", "30 September 2024", "2024年9月30日"),
            ("2024-10", "October 2024", "2024年10月"),
            ("2023", "2023", "2023年"),
            ("2024-02-29", "29 February 2024", "2024年2月29日"),
        ];
        for (input, shown, chinese) in cases {
            let date: AsOf = input.parse().unwrap();
            assert_eq!(date.to_string(), shown);
            assert_eq!(date.chinese(), chinese);
            assert_eq!(date.iso(), input);
        }
    }

    #[test]
    fn reads_a_moment_as_its_day() {
        let day = AsOf::from_unix_seconds(1_796_083_200).unwrap();
        assert_eq!(day.iso(), "2026-12-01");
        assert_eq!(
            AsOf::from_unix_seconds(1_796_083_199).unwrap().iso(),
            "2026-11-30"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for input in [
            "",
            "24",
            "2024-13",
            "2024-00",
            "2023-02-29",
            "2024-9-30",
            "2024-09-31",
            "late 2024",
            "2024-01-01-01",
        ] {
            assert!(input.parse::<AsOf>().is_err(), "{input} should be rejected");
        }
    }
}
