//! Option values a caller gives as text or numbers (a date, a category, an
//! entity type, a number of threads), checked with one message each: the
//! CLI's value parsers and the Python package both call these, so a bad
//! value is refused alike on both edges.

use crate::model::{Category, EntityType};

/// More threads than this only cost memory and start-up time: a run of
/// `--jobs 100000` spent a minute creating threads for one article, and
/// 1024 threads took five seconds.
pub const MAX_JOBS: usize = 256;

/// A number of worker threads; 0 means one per core.
pub fn jobs(n: usize) -> Result<usize, String> {
    if n > MAX_JOBS {
        return Err(format!("{n} threads is more than the {MAX_JOBS} allowed (0 means one per core)"));
    }
    Ok(n)
}

/// A day as `YYYY-MM-DD` (or a month, a year, a timestamp), normalised.
pub fn date(s: &str) -> Result<String, String> {
    crate::date::normalize_iso(s).ok_or_else(|| format!("{s:?} is not a date (use YYYY-MM-DD)"))
}

/// One of the 21 categories, by name.
pub fn category(s: &str) -> Result<Category, String> {
    Category::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown category {s:?}; one of {}", all.join(", "))
    })
}

/// One of the six entity types, by name.
pub fn entity_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(s).ok_or_else(|| format!("unknown entity type {s:?} (PERSON, COUNTRY, ORGANIZATION, LOCATION, GROUP, OTHER)"))
}
