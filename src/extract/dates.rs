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

// The calendar arithmetic lives in the leaf module `crate::date`, which
// input, dictionaries and queries use without reaching up into extraction.
pub use crate::date::{civil_from_days, days_from_civil, days_in_month, normalize_iso, parse_iso};

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
