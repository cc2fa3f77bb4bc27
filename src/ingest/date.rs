//! Dates as found in the wild.
//!
//! Why this exists: every source in a news archive writes its publication
//! date differently — ISO 8601 / RFC 3339 in JSON and HTML meta tags,
//! RFC 2822 in feeds and mail dumps, `26-FEB-1987 15:01:01.79` in the Reuters
//! corpus, `9/20/16` in US spreadsheets, "September 20, 2016" in page text.
//! The index wants one calendar date per article, so this module reads all of
//! those into a [`chrono::NaiveDate`] and rejects dates that cannot be right
//! (year 1, year 2050) instead of silently indexing them.
//!
//! When a time zone is given, the date is the *local* date as written
//! (`2016-09-20T23:30:00-05:00` is the 20th), never converted to UTC.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use regex::Regex;

/// Why a date string was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DateError {
    /// No known date format matched (or the calendar date does not exist).
    #[error("unreadable date {0:?}")]
    Unreadable(String),
    /// A real calendar date, but outside [`is_plausible`]'s range.
    #[error("implausible date {0:?}")]
    Implausible(String),
}

/// Optional trailing time of day / zone after a date: anything that starts
/// with whitespace, a comma or `T` and looks like a time.
const TIME_TAIL: &str = r"(?:(?:,?\s+(?:at\s+)?|T)\d{1,2}(?::\d{2})?(?::\d{2})?(?:[.,]\d+)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|\(?[A-Za-z]{1,5}\)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)?";

const MONTHS: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAY: &str = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?";

/// 2016-09-20, 2016/09/20, 2016.09.20 (+ time), and basic 20160920 (+ T time).
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(\d{{4}})([-/.])(\d{{1,2}})([-/.])(\d{{1,2}}){TIME_TAIL}$")).expect("valid regex")
});
static ISO_BASIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{4})(\d{2})(\d{2})(?:T\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$")
        .expect("valid regex")
});
/// 26-FEB-1987 15:01:01.79 (Reuters), also 26 Feb 1987 without weekday.
static DAY_MON_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^{WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.]+{MONTHS}\.?,?[\s\-/.]+(\d{{4}}){TIME_TAIL}$"
    ))
    .expect("valid regex")
});
/// September 20, 2016 / Sep. 20 2016 / Tuesday, September 20th, 2016.
static MON_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^{WEEKDAY}{MONTHS}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){TIME_TAIL}$"))
        .expect("valid regex")
});
/// US numeric M/D/YY and M/D/YYYY (+ time).
static US_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}|\d{{2}}){TIME_TAIL}$")).expect("valid regex")
});

/// Parses a date string into a calendar date. Empty/whitespace → Ok(None).
///
/// Accepted forms (case-insensitive, surrounding whitespace ignored):
/// * ISO 8601 / RFC 3339 with or without time and zone: `2016-09-20`,
///   `2016-09-20T12:30:00Z`, `2016-09-20T12:30:00.123+02:00`,
///   `2016-09-20 12:30:00`, basic `20160920` / `20160920T123000Z`,
///   and `2016/09/20`, `2016.09.20`;
/// * RFC 2822: `Tue, 20 Sep 2016 12:30:00 +0000`, with or without weekday,
///   zone names such as `GMT`/`EST`;
/// * Reuters: `26-FEB-1987 15:01:01.79`;
/// * US numeric `M/D/YY` and `M/D/YYYY` (YY is 20YY unless that is more than a year
///   after the current year, then 19YY: see [`two_digit_year`]);
///   when the first number cannot be a month (> 12) and the second can, the
///   string is read as `D/M/Y` since it is unambiguous;
/// * `September 20, 2016`, `Sep 20, 2016`, `Sept. 20th 2016`,
///   `20 September 2016`, `Tuesday 20th of September 2016`, each optionally
///   followed by a time.
///
/// Unix timestamps are not accepted (a bare number is ambiguous).
/// A date outside [`is_plausible`] is `Err(Implausible)`; anything else that
/// does not parse (including 2016-02-30) is `Err(Unreadable)`.
pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // Exports often leave markup or control debris after a date
    // ("27-MAR-1987 14:04:26.14&#5;&#5;F"): no date form uses these characters.
    let date = read_date(t)
        .or_else(|| t.split(['&', ';', '<', '>', '|', '{', '}', '[', ']']).next().map(str::trim).and_then(read_date))
        .ok_or_else(|| DateError::Unreadable(t.to_string()))?;
    if is_plausible(date) { Ok(Some(date)) } else { Err(DateError::Implausible(t.to_string())) }
}

/// 1800-01-01 ..= today (UTC) + 1 year.
pub fn is_plausible(d: NaiveDate) -> bool {
    let min = NaiveDate::from_ymd_opt(1800, 1, 1).expect("valid constant date");
    let today = Utc::now().date_naive();
    let max = today.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX);
    d >= min && d <= max
}

fn read_date(t: &str) -> Option<NaiveDate> {
    if t.len() > 100 {
        return None;
    }
    // Full RFC 3339 / RFC 2822 first: chrono validates them strictly and
    // date_naive() on a DateTime<FixedOffset> is the local date as written.
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
        return Some(dt.date_naive());
    }
    if let Some(c) = ISO.captures(t) {
        // the two separators must agree: 2016-09/20 is not a date
        if c[2] != c[4] {
            return None;
        }
        return ymd(num(&c[1])?, num(&c[3])?, num(&c[5])?);
    }
    if let Some(c) = ISO_BASIC.captures(t) {
        return ymd(num(&c[1])?, num(&c[2])?, num(&c[3])?);
    }
    if let Some(c) = DAY_MON_YEAR.captures(t) {
        return ymd(num(&c[3])?, month_number(&c[2])?, num(&c[1])?);
    }
    if let Some(c) = MON_DAY_YEAR.captures(t) {
        return ymd(num(&c[3])?, month_number(&c[1])?, num(&c[2])?);
    }
    if let Some(c) = US_NUMERIC.captures(t) {
        let (a, b) = (num(&c[1])?, num(&c[2])?);
        let year_s = &c[3];
        let mut year = num(year_s)?;
        if year_s.len() == 2 {
            year = two_digit_year(year, Utc::now().year());
        }
        let (month, day) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
        return ymd(year, month, day);
    }
    None
}

/// The century of a two-digit year, pivoting on the current year: a fixed pivot (70) read
/// `1/2/50` as 2050, an implausible date, and will go on reading `/27` as 2027. A year is
/// 20YY unless that is more than a year ahead (the limit of a plausible date), then 19YY.
fn two_digit_year(yy: i32, this_year: i32) -> i32 {
    if 2000 + yy <= this_year + 1 { 2000 + yy } else { 1900 + yy }
}

fn num(s: &str) -> Option<i32> {
    s.parse().ok()
}

fn ymd(y: i32, m: i32, d: i32) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
    debug_assert_eq!(date.year(), y);
    Some(date)
}

fn month_number(name: &str) -> Option<i32> {
    let n = match name.get(..3)?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_after_a_date_is_ignored() {
        assert_eq!(parse_date("27-MAR-1987 14:04:26.14&#5;&#5;&#5;F"), Ok(NaiveDate::from_ymd_opt(1987, 3, 27)));
        assert_eq!(parse_date("2016-09-20 <br>"), Ok(NaiveDate::from_ymd_opt(2016, 9, 20)));
        assert!(parse_date("&amp;").is_err());
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn ok(s: &str) -> Option<NaiveDate> {
        match parse_date(s) {
            Ok(v) => v,
            Err(e) => panic!("{s:?}: {e}"),
        }
    }

    #[test]
    fn empty_is_none() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("  \t\n"), Ok(None));
    }

    #[test]
    fn iso_and_rfc3339() {
        let want = d(2016, 9, 20);
        for s in [
            "2016-09-20",
            "2016-9-20",
            " 2016-09-20 ",
            "2016-09-20T12:30:00Z",
            "2016-09-20T12:30:00+02:00",
            "2016-09-20T12:30:00.123456-07:00",
            "2016-09-20T12:30",
            "2016-09-20T12:30:00+0200",
            "2016-09-20 12:30:00",
            "2016-09-20 12:30",
            "2016-09-20 12:30:00 UTC",
            "2016-09-20t12:30:00z",
            "20160920",
            "20160920T123000Z",
            "2016/09/20",
            "2016.09.20",
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn zone_keeps_local_date() {
        // 23:30 at UTC-5 is already the 21st in UTC: keep the 20th as written.
        assert_eq!(ok("2016-09-20T23:30:00-05:00"), d(2016, 9, 20));
        assert_eq!(ok("2016-09-21T00:30:00+03:00"), d(2016, 9, 21));
        assert_eq!(ok("Tue, 20 Sep 2016 23:30:00 -0500"), d(2016, 9, 20));
    }

    #[test]
    fn rfc2822() {
        let want = d(2016, 9, 20);
        for s in [
            "Tue, 20 Sep 2016 12:30:00 +0000",
            "20 Sep 2016 12:30:00 +0000",
            "Tue, 20 Sep 2016 12:30:00 GMT",
            "Tue, 20 Sep 2016 12:30 EST",
            "Tuesday, 20 September 2016 12:30:00 +0000",
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn reuters() {
        assert_eq!(ok("26-FEB-1987 15:01:01.79"), d(1987, 2, 26));
        assert_eq!(ok(" 3-MAR-1987 09:18:21.26"), d(1987, 3, 3));
        assert_eq!(ok("26-FEB-1987"), d(1987, 2, 26));
    }

    #[test]
    fn us_numeric() {
        assert_eq!(ok("9/20/2016"), d(2016, 9, 20));
        assert_eq!(ok("09/20/2016"), d(2016, 9, 20));
        assert_eq!(ok("9/20/16"), d(2016, 9, 20));
        assert_eq!(ok("1/2/03"), d(2003, 1, 2)); // January 2nd, US order
        assert_eq!(ok("12/31/70"), d(1970, 12, 31));
        assert_eq!(ok("2/26/87"), d(1987, 2, 26));
        assert_eq!(ok("9/20/2016 12:30 PM"), d(2016, 9, 20));
        // unambiguous day-first
        assert_eq!(ok("20/9/2016"), d(2016, 9, 20));
        assert!(matches!(parse_date("13/13/2016"), Err(DateError::Unreadable(_))));
    }

    #[test]
    fn two_digit_year_pivot() {
        // 20YY up to a year after the current year, 19YY beyond.
        for (yy, year) in [(0, 2000), (26, 2026), (27, 2027), (28, 1928), (50, 1950), (69, 1969), (99, 1999)] {
            assert_eq!(two_digit_year(yy, 2026), year, "{yy}");
        }
        assert_eq!(two_digit_year(30, 2029), 2030);
        // Whatever the current year, a date written with YY is never implausible.
        assert_eq!(ok("1/2/50"), d(1950, 1, 2));
        assert_eq!(ok("12/31/69"), d(1969, 12, 31));
        assert_eq!(ok("1/1/00"), d(2000, 1, 1));
        assert_eq!(ok("1/1/99"), d(1999, 1, 1));
    }

    #[test]
    fn written_months() {
        let want = d(2016, 9, 20);
        for s in [
            "September 20, 2016",
            "Sep 20, 2016",
            "Sept. 20, 2016",
            "sep 20 2016",
            "September 20th, 2016",
            "Tuesday, September 20, 2016",
            "September 20, 2016, 12:30 p.m.",
            "September 20, 2016 at 12:30 PM EDT",
            "20 September 2016",
            "20th September 2016",
            "20th of September, 2016",
            "Tuesday 20 September 2016",
            "20 Sept 2016 12:30",
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn unreadable() {
        for s in [
            "yesterday",
            "1474374600", // unix timestamp: not accepted
            "2016-02-30",
            "2016-13-01",
            "2016-09/20",
            "Smarch 20, 2016",
            "20 September",
            "September 2016",
            "2016",
            "<script>",
        ] {
            assert!(matches!(parse_date(s), Err(DateError::Unreadable(_))), "{s}: {:?}", parse_date(s));
        }
    }

    #[test]
    fn implausible() {
        for s in ["0001-01-01", "2050-01-01", "1799-12-31", "0001-01-01T00:00:00Z"] {
            assert_eq!(parse_date(s), Err(DateError::Implausible(s.to_string())), "{s}");
        }
        let next_year = Utc::now().date_naive().checked_add_months(Months::new(24)).unwrap();
        assert_eq!(parse_date(&next_year.to_string()), Err(DateError::Implausible(next_year.to_string())));
        assert!(is_plausible(d(1800, 1, 1).unwrap()));
        assert!(is_plausible(Utc::now().date_naive()));
        assert!(!is_plausible(d(1799, 12, 31).unwrap()));
    }

    #[test]
    fn error_messages() {
        assert_eq!(DateError::Unreadable("x".into()).to_string(), "unreadable date \"x\"");
        assert_eq!(DateError::Implausible("2050".into()).to_string(), "implausible date \"2050\"");
    }
}
