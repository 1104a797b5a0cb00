//! Timelines: a dyad's or an actor's event statements per period, by
//! category and quad class.

use super::events;
use crate::graph::KnowledgeGraph;
use crate::model::{Category, Modality};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// How timeline rows are bucketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

/// One period of a dyad's (or an actor's) history.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    pub period: String,
    pub statements: usize,
    /// Distinct event records among the statements (see [`events`]).
    pub events: usize,
    pub categories: BTreeMap<Category, usize>,
    pub quads: BTreeMap<crate::model::Quad, usize>,
    /// Cooperation minus conflict statements.
    pub net: i64,
}

fn bucket(date: &str, by: Period) -> Option<String> {
    let (y, m, d) = crate::date::parse_iso(date)?;
    Some(match by {
        Period::Year => format!("{y:04}"),
        Period::Month if date.len() >= 7 => format!("{y:04}-{m:02}"),
        Period::Day if date.len() >= 10 => format!("{y:04}-{m:02}-{d:02}"),
        Period::Week if date.len() >= 10 => {
            // ISO week: the Thursday of the week decides its year.
            let days = crate::date::days_from_civil(y, m, d);
            let wd = (days + 3).rem_euclid(7);
            let thursday = days - wd + 3;
            let (ty, _, _) = crate::date::civil_from_days(thursday);
            let jan1 = crate::date::days_from_civil(ty, 1, 1);
            format!("{ty:04}-W{:02}", (thursday - jan1) / 7 + 1)
        }
        // A date less precise than the period goes to its own bucket.
        _ => date.to_string(),
    })
}

/// The relations between `a` and `b` (or `a` and anyone), per period, by
/// category and quad class: asserted statements only, or with `hedged`
/// also those reported, planned, requested or hypothetical. Negated
/// statements never count. The categories, quads and net count event
/// records (one strike reported by three outlets is one), or statements
/// when `by_statement` is set.
pub fn timeline(g: &KnowledgeGraph, a: NodeIndex, b: Option<NodeIndex>, by: Period, hedged: bool, by_statement: bool) -> Vec<TimelineRow> {
    let mut rows: BTreeMap<String, TimelineRow> = BTreeMap::new();
    let mut seen: HashSet<events::EventKey> = HashSet::new();
    for (e, other, _) in g.incident(a) {
        if b.is_some_and(|b| b != other) {
            continue;
        }
        let r = &g.graph[e];
        if !r.category.is_event() {
            continue;
        }
        for ev in r
            .evidence
            .iter()
            .filter(|ev| !ev.negated && (hedged || ev.modality == Modality::Asserted))
        {
            let Some(p) = ev.date.as_deref().and_then(|d| bucket(d, by)) else {
                continue;
            };
            let row = rows.entry(p.clone()).or_insert_with(|| TimelineRow {
                period: p,
                statements: 0,
                events: 0,
                categories: BTreeMap::new(),
                quads: BTreeMap::new(),
                net: 0,
            });
            row.statements += 1;
            let new_event = seen.insert(events::event_key(&r.subject, &r.object, r.category, ev));
            row.events += usize::from(new_event);
            if !new_event && !by_statement {
                continue;
            }
            *row.categories.entry(r.category).or_insert(0) += 1;
            *row.quads.entry(r.category.quad()).or_insert(0) += 1;
            row.net += r.category.polarity() as i64;
        }
    }
    rows.into_values().collect()
}
