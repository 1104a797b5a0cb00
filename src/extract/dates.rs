//! Date expressions: "on Saturday", "in December", "last week", "in 2021",
//! "June 5, 2024", "5 June" resolved against the publication date.
//!
//! Dates are ISO strings with their precision (`2025-06-21` day, `2024-12`
//! month, `2021` year). Relative expressions look backwards from the
//! publication date, as news reports on the past.

use crate::text::Token;

pub const MONTHS: [&str; 12] = [
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
const MONTH_ABBR: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
pub const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    pub iso: String,
    pub precision: &'static str,
}

impl DateValue {
    fn day(y: i64, m: u32, d: u32) -> DateValue {
        DateValue {
            iso: format!("{y:04}-{m:02}-{d:02}"),
            precision: "day",
        }
    }
    fn month(y: i64, m: u32) -> DateValue {
        DateValue {
            iso: format!("{y:04}-{m:02}"),
            precision: "month",
        }
    }
    fn year(y: i64) -> DateValue {
        DateValue {
            iso: format!("{y:04}"),
            precision: "year",
        }
    }
}

/// Parses `YYYY-MM-DD` (or a longer timestamp starting with it) into a
/// civil date.
pub fn parse_iso(s: &str) -> Option<(i64, u32, u32)> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let y = i64::from(digits(0..4)?);
    if b.len() == 4 {
        return Some((y, 1, 1));
    }
    if b[4] != b'-' {
        return None;
    }
    let m = digits(5..7)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    if b.len() == 7 {
        return Some((y, m, 1));
    }
    if b.get(7) != Some(&b'-') {
        return None;
    }
    let d = digits(8..10)?;
    // A time of day may follow a full date (`2025-06-21T10:00:00Z`, as
    // feeds write it); anything else after the day is not a date.
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    (1..=days_in_month(y, m)).contains(&d).then_some((y, m, d))
}

/// The number of days of a month in the Gregorian calendar.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Normalises a date given in a JSONL record to ISO, keeping the precision
/// it has (`2025`, `2025-06`, `2025-06-21`).
pub fn normalize_iso(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, m, d) = parse_iso(s)?;
    Some(match s.trim().len() {
        4 => format!("{y:04}"),
        7 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 0 = Monday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

fn month_of(key: &str) -> Option<u32> {
    let k = key.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == k)
        .or_else(|| MONTH_ABBR.iter().position(|m| *m == k))
        .map(|i| i as u32 + 1)
}

fn number(t: &Token) -> Option<i64> {
    let k = t
        .key
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    k.parse().ok()
}

fn year_of(t: &Token) -> Option<i64> {
    number(t).filter(|y| (1900..=2100).contains(y) && t.key.len() == 4)
}

/// The first date expression in `tokens`, resolved against `pub_date`.
/// Returns `None` when the sentence gives no date.
pub fn find_date(tokens: &[Token], pub_date: Option<&str>) -> Option<DateValue> {
    let base = pub_date.and_then(parse_iso);
    let base_days = base.map(|(y, m, d)| days_from_civil(y, m, d));
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let prev = i.checked_sub(1).map(|j| tokens[j].key.as_str()).unwrap_or("");
        if let Some(m) = month_of(&t.key).filter(|_| t.is_capitalized()) {
            // "May" alone is too often a verb: require a number or "in".
            let next = tokens.get(i + 1);
            let day_after = next
                .and_then(number)
                .filter(|d| (1..=31).contains(d) && next.is_some_and(|n| n.key.len() <= 4));
            let day_before = i.checked_sub(1).and_then(|j| number(&tokens[j])).filter(|d| (1..=31).contains(d));
            let year_after = |k: usize| {
                let mut k = k;
                if tokens.get(k).is_some_and(|t| t.key == ",") {
                    k += 1;
                }
                tokens.get(k).and_then(year_of)
            };
            if let Some(d) = day_after {
                let y = year_after(i + 2).or_else(|| base.map(|b| past_year(b, m, d as u32)));
                if let Some(y) = y {
                    return Some(DateValue::day(y, m, d as u32));
                }
            } else if let Some(d) = day_before {
                let y = year_after(i + 1).or_else(|| base.map(|b| past_year(b, m, d as u32)));
                if let Some(y) = y {
                    return Some(DateValue::day(y, m, d as u32));
                }
            } else if let Some(y) = year_after(i + 1) {
                return Some(DateValue::month(y, m));
            } else if matches!(prev, "in" | "since" | "until" | "by" | "last" | "early" | "late" | "mid") {
                if let Some(b) = base {
                    return Some(DateValue::month(past_year(b, m, 1), m));
                }
            }
            continue;
        }
        if let Some(w) = WEEKDAYS.iter().position(|d| *d == t.key) {
            if let Some(bd) = base_days {
                let back = (weekday(bd) - w as i64).rem_euclid(7);
                let (y, m, d) = civil_from_days(bd - back);
                return Some(DateValue::day(y, m, d));
            }
            continue;
        }
        if let Some(bd) = base_days {
            let next = tokens.get(i + 1).map(|t| t.key.as_str()).unwrap_or("");
            let rel = match (t.key.as_str(), next) {
                ("yesterday", _) => Some(DateValue::from_days(bd - 1)),
                ("today", _) => Some(DateValue::from_days(bd)),
                ("last", "week") => {
                    let (y, m, d) = civil_from_days(bd - 7);
                    Some(DateValue {
                        iso: format!("{y:04}-{m:02}-{d:02}"),
                        precision: "week",
                    })
                }
                ("last", "month") => {
                    let (y, m, _) = civil_from_days(bd);
                    let (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
                    Some(DateValue::month(y, m))
                }
                ("last", "year") => base.map(|b| DateValue::year(b.0 - 1)),
                _ => None,
            };
            if rel.is_some() {
                return rel;
            }
        }
        if matches!(prev, "in" | "since" | "during" | "until") {
            if let Some(y) = year_of(t) {
                return Some(DateValue::year(y));
            }
        }
    }
    None
}

impl DateValue {
    fn from_days(days: i64) -> DateValue {
        let (y, m, d) = civil_from_days(days);
        DateValue::day(y, m, d)
    }
}

/// The year of the most recent (month, day) on or before the base date.
fn past_year(base: (i64, u32, u32), m: u32, d: u32) -> i64 {
    if (m, d) <= (base.1, base.2) {
        base.0
    } else {
        base.0 - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn date(text: &str) -> Option<(String, &'static str)> {
        find_date(&tokenize(text), Some("2025-06-21")).map(|d| (d.iso, d.precision))
    }

    #[test]
    fn relative_dates_resolve_backwards() {
        // 2025-06-21 is a Saturday.
        assert_eq!(date("freed on Saturday"), Some(("2025-06-21".into(), "day")));
        assert_eq!(date("met on Monday"), Some(("2025-06-16".into(), "day")));
        assert_eq!(date("signed in December"), Some(("2024-12".into(), "month")));
        assert_eq!(date("sentenced in 2021"), Some(("2021".into(), "year")));
        assert_eq!(date("talks last week"), Some(("2025-06-14".into(), "week")));
        assert_eq!(date("on June 5, 2024 they met"), Some(("2024-06-05".into(), "day")));
        assert_eq!(date("on 5 March they met"), Some(("2025-03-05".into(), "day")));
        assert_eq!(date("He may come."), None);
        assert_eq!(date("1,200 POWs"), None);
    }

    #[test]
    fn civil_day_round_trip() {
        for d in [-1000, 0, 1, 20000, 20260] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(weekday(days_from_civil(2025, 6, 21)), 5);
    }
}
