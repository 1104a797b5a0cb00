//! Calendar dates as ISO strings: parsing `YYYY[-MM[-DD]]` with its
//! precision, normalising it, and day arithmetic. A leaf module: input,
//! dictionaries, extraction and queries all read dates through it, so no
//! lower layer depends on `extract` for them.

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

/// The first and last day that a date of any precision covers, as
/// `YYYY-MM-DD`: `2025-06` covers 2025-06-01 to 2025-06-30, `2024` covers
/// the whole year. None when `s` is not a date.
pub fn day_bounds(s: &str) -> Option<(String, String)> {
    let (y, m, d) = parse_iso(s)?;
    let day = |m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    Some(match s.trim().len() {
        4 => (day(1, 1), day(12, 31)),
        7 => (day(m, 1), day(m, days_in_month(y, m))),
        _ => (day(m, d), day(m, d)),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_bounds_cover_the_whole_period_of_a_partial_date() {
        let cases = [
            ("2025-06-21", Some(("2025-06-21", "2025-06-21"))),
            ("2025-06", Some(("2025-06-01", "2025-06-30"))),
            ("2024-02", Some(("2024-02-01", "2024-02-29"))),
            ("2025", Some(("2025-01-01", "2025-12-31"))),
            ("June", None),
        ];
        for (date, want) in cases {
            let got = day_bounds(date);
            let want = want.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(got, want, "{date}");
        }
    }
}
