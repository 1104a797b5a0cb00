//! Questions asked of a graph: neighbours of an entity, summary
//! statistics, timelines and key actors; event records in [`events`].

pub mod events;

use crate::graph::{EntityRecord, EvidenceRecord, KnowledgeGraph};
use crate::model::{Category, EntityType, Modality};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Out,
    In,
    Both,
}

#[derive(Debug, Clone)]
pub struct NeighborQuery {
    pub depth: usize,
    pub direction: Direction,
    pub categories: Vec<Category>,
    pub include_negated: bool,
}

impl Default for NeighborQuery {
    fn default() -> Self {
        NeighborQuery {
            depth: 1,
            direction: Direction::Both,
            categories: vec![],
            include_negated: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSummary {
    pub doc: String,
    pub sentence: usize,
    pub text: String,
    pub date: Option<String>,
    pub modality: Modality,
    pub negated: bool,
}

/// One relation found around the queried entity.
#[derive(Debug, Clone, Serialize)]
pub struct NeighborRow {
    pub depth: usize,
    pub subject: EntitySummary,
    pub predicate: String,
    pub category: Category,
    pub object: EntitySummary,
    pub symmetric: bool,
    /// Number of statements (evidence records).
    pub count: usize,
    pub documents: usize,
    /// Documents once syndicated copies of one sentence are counted once.
    pub corroboration: usize,
    /// Distinct outlets, when the documents name them.
    pub sources: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The firmest way the relation is stated (see `RelationRecord::modality`).
    pub modality: Modality,
    /// Every statement of the relation is negated.
    pub negated: bool,
    /// Statements that are not asserted facts: reported, planned, requested
    /// or hypothetical, or negated.
    pub hedged: usize,
    /// LEADER_OF and AFFILIATED_WITH: the role has ended, and its term.
    #[serde(skip_serializing_if = "crate::model::is_false")]
    pub former: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    pub evidence: EvidenceSummary,
}

impl From<&EntityRecord> for EntitySummary {
    fn from(e: &EntityRecord) -> EntitySummary {
        EntitySummary {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
        }
    }
}

impl From<&EvidenceRecord> for EvidenceSummary {
    fn from(e: &EvidenceRecord) -> EvidenceSummary {
        EvidenceSummary {
            doc: e.doc.to_string(),
            sentence: e.sentence,
            text: e.text.clone(),
            date: e.date.as_ref().map(|d| d.to_string()),
            modality: e.modality,
            negated: e.negated,
        }
    }
}

fn summary(g: &KnowledgeGraph, n: NodeIndex) -> EntitySummary {
    g.entity(n).into()
}

/// Relations within `q.depth` hops of `start`, nearest first, then by
/// evidence count.
pub fn neighbors(g: &KnowledgeGraph, start: NodeIndex, q: &NeighborQuery) -> Vec<NeighborRow> {
    let mut rows = Vec::new();
    let mut seen_nodes: HashMap<NodeIndex, usize> = HashMap::new();
    let mut seen_edges = HashSet::new();
    let mut queue = VecDeque::new();
    seen_nodes.insert(start, 0);
    queue.push_back((start, 0usize));
    while let Some((n, d)) = queue.pop_front() {
        if d >= q.depth {
            continue;
        }
        for (e, other, outgoing) in g.incident(n) {
            let r = &g.graph[e];
            let dir_ok = r.symmetric
                || match q.direction {
                    Direction::Both => true,
                    Direction::Out => outgoing,
                    Direction::In => !outgoing,
                };
            if !dir_ok || (!q.categories.is_empty() && !q.categories.contains(&r.category)) {
                continue;
            }
            if !q.include_negated && r.only_negated() {
                continue;
            }
            if !seen_edges.insert(e) {
                continue;
            }
            // The firmest statement stands for the relation.
            let ev = r
                .evidence
                .iter()
                .filter(|e| !e.negated)
                .min_by_key(|e| e.modality)
                .or(r.evidence.first());
            let Some(ev) = ev else { continue };
            let (s, o) = g.graph.edge_endpoints(e).unwrap_or((n, other));
            rows.push(NeighborRow {
                depth: d + 1,
                subject: summary(g, s),
                predicate: r.predicate.to_string(),
                category: r.category,
                object: summary(g, o),
                symmetric: r.symmetric,
                count: r.evidence.len(),
                documents: r.documents,
                corroboration: r.corroboration,
                sources: r.sources,
                first_date: r.first_date.as_ref().map(|d| d.to_string()),
                last_date: r.last_date.as_ref().map(|d| d.to_string()),
                modality: r.modality(),
                negated: r.only_negated(),
                hedged: r.evidence.iter().filter(|e| e.negated || e.modality != Modality::Asserted).count(),
                former: r.former,
                valid_from: r.valid_from.as_deref().map(String::from),
                valid_until: r.valid_until.as_deref().map(String::from),
                evidence: ev.into(),
            });
            if let std::collections::hash_map::Entry::Vacant(v) = seen_nodes.entry(other) {
                v.insert(d + 1);
                queue.push_back((other, d + 1));
            }
        }
    }
    rows.sort_by(|a, b| {
        a.depth
            .cmp(&b.depth)
            .then(b.count.cmp(&a.count))
            .then_with(|| (&a.subject.name, &a.predicate, &a.object.name).cmp(&(&b.subject.name, &b.predicate, &b.object.name)))
    });
    rows
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub evidence: usize,
    pub entities_by_type: BTreeMap<EntityType, usize>,
    pub relations_by_category: BTreeMap<Category, usize>,
    pub most_connected: Vec<(EntitySummary, usize)>,
    /// Event records (see [`events`]) and the statements behind them.
    pub events: usize,
    /// Holders of one single-holder office whose terms overlap.
    pub contradictions: Vec<crate::graph::validity::Contradiction>,
}

pub fn stats(g: &KnowledgeGraph, top: usize) -> Stats {
    let (entities_by_type, relations_by_category) = g.counts();
    let mut degrees: Vec<(NodeIndex, usize)> = g.graph.node_indices().map(|n| (n, g.degree(n))).collect();
    degrees.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| g.entity(a.0).id.cmp(&g.entity(b.0).id)));
    Stats {
        documents: g.documents.len(),
        entities: g.entity_count(),
        relations: g.relation_count(),
        evidence: g.graph.edge_weights().map(|r| r.evidence.len()).sum(),
        entities_by_type,
        relations_by_category,
        most_connected: degrees.into_iter().take(top).map(|(n, d)| (summary(g, n), d)).collect(),
        events: events::count(g),
        contradictions: crate::graph::validity::contradictions(g),
    }
}

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
    let (y, m, d) = crate::extract::dates::parse_iso(date)?;
    Some(match by {
        Period::Year => format!("{y:04}"),
        Period::Month if date.len() >= 7 => format!("{y:04}-{m:02}"),
        Period::Day if date.len() >= 10 => format!("{y:04}-{m:02}-{d:02}"),
        Period::Week if date.len() >= 10 => {
            // ISO week: the Thursday of the week decides its year.
            let days = crate::extract::dates::days_from_civil(y, m, d);
            let wd = (days + 3).rem_euclid(7);
            let thursday = days - wd + 3;
            let (ty, _, _) = crate::extract::dates::civil_from_days(thursday);
            let jan1 = crate::extract::dates::days_from_civil(ty, 1, 1);
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

/// Key actors by degree (distinct relations) or PageRank.
pub fn top(g: &KnowledgeGraph, pagerank: bool, kind: Option<EntityType>, n: usize) -> Vec<(EntitySummary, f64)> {
    let nodes: Vec<NodeIndex> = g.graph.node_indices().collect();
    let score: HashMap<NodeIndex, f64> = if pagerank {
        let index: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let count = nodes.len().max(1) as f64;
        let mut rank = vec![1.0 / count; nodes.len()];
        let out: Vec<Vec<usize>> = nodes.iter().map(|&n| g.incident(n).map(|(_, o, _)| index[&o]).collect()).collect();
        for _ in 0..30 {
            let mut next = vec![0.15 / count; nodes.len()];
            let mut dangling = 0.0;
            for (i, targets) in out.iter().enumerate() {
                if targets.is_empty() {
                    dangling += rank[i];
                    continue;
                }
                let share = 0.85 * rank[i] / targets.len() as f64;
                for &t in targets {
                    next[t] += share;
                }
            }
            for v in next.iter_mut() {
                *v += 0.85 * dangling / count;
            }
            rank = next;
        }
        nodes.iter().enumerate().map(|(i, &n)| (n, rank[i])).collect()
    } else {
        nodes.iter().map(|&n| (n, g.degree(n) as f64)).collect()
    };
    let mut v: Vec<(NodeIndex, f64)> = nodes
        .into_iter()
        .filter(|&n| kind.is_none_or(|k| g.entity(n).kind == k))
        .map(|n| (n, score[&n]))
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| g.entity(a.0).id.cmp(&g.entity(b.0).id)));
    v.into_iter().take(n).map(|(n, s)| (summary(g, n), s)).collect()
}

/// The entities within `depth` hops of `start` (either direction), without
/// building rows: the cheap form of a neighbourhood query.
pub fn reach(g: &KnowledgeGraph, start: NodeIndex, depth: usize) -> Vec<NodeIndex> {
    let mut seen: HashSet<NodeIndex> = HashSet::from([start]);
    let mut frontier = vec![start];
    for _ in 0..depth {
        let mut next = Vec::new();
        for &n in &frontier {
            for m in g.graph.neighbors_undirected(n) {
                if seen.insert(m) {
                    next.push(m);
                }
            }
        }
        frontier = next;
    }
    seen.remove(&start);
    seen.into_iter().collect()
}
