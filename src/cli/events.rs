//! Commands about time and events: `events` (event records), `holders`
//! (who held an office when) and `remove` (taking documents out of a
//! graph file).

use super::*;
use geokg::graph::validity;
use geokg::query::events::{self as ev, EventQuery};
use geokg::terminal::truncate;

pub(super) fn events(a: EventsArgs) -> Result<i32> {
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let entity = match &a.entity {
        Some(name) => Some(match g.find(name) {
            Ok(n) => g.entity(n).id.clone(),
            Err(e) => ev::place_id(&g, name).ok_or(e)?,
        }),
        None => None,
    };
    let q = EventQuery {
        categories: a.category,
        entity,
        hedged: a.include_hedged,
    };
    let records = ev::events(&g, &q);
    let mut out = text_out();
    match a.format {
        RecordFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &records)?;
            writeln!(out)?;
        }
        RecordFormat::Jsonl => {
            for r in &records {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        RecordFormat::Text => {
            let statements: usize = records.iter().map(|r| r.statements).sum();
            writeln!(out, "{} from {}", plural(records.len(), "event"), plural(statements, "statement"))?;
            writeln!(
                out,
                "{:<10} {:<9} {:<24} {:<24} {:<16} {:>4} {:>4}  casualties",
                "date", "category", "source", "target", "place", "stmt", "docs"
            )?;
            for r in &records {
                let casualties = match (r.dead, r.injured) {
                    (None, None) => String::new(),
                    (d, i) => format!(
                        "{} dead, {} injured",
                        d.map_or("?".into(), |n| n.to_string()),
                        i.map_or("?".into(), |n| n.to_string())
                    ),
                };
                writeln!(
                    out,
                    "{:<10} {:<9} {:<24} {:<24} {:<16} {:>4} {:>4}  {casualties}",
                    r.date.as_deref().unwrap_or("undated"),
                    r.category.as_str(),
                    truncate(&r.source.name, 24),
                    truncate(&r.target.name, 24),
                    truncate(r.place.as_ref().map_or("", |p| p.name.as_str()), 16),
                    r.statements,
                    r.documents,
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

pub(super) fn holders(a: HoldersArgs) -> Result<i32> {
    let g = load(&a.graph)?;
    let owner = g.find(&a.owner)?;
    let rows = validity::holders(&g, &a.predicate, owner);
    let owner_name = g.entity(owner).name.clone();
    let clashes: Vec<validity::Contradiction> = validity::contradictions(&g)
        .into_iter()
        .filter(|c| c.office == a.predicate && c.owner == owner_name)
        .collect();
    for c in &clashes {
        eprintln!(
            "geokg: warning: {} and {} are both stated as {} {} from {}",
            c.holders[0],
            c.holders[1],
            c.office,
            c.owner,
            c.overlap_from.as_deref().unwrap_or("an undated statement")
        );
    }
    let mut out = text_out();
    match a.format {
        QueryFormat::Json => {
            let json = serde_json::json!({
                "predicate": a.predicate,
                "owner": owner_name,
                "holders": rows,
                "contradictions": clashes,
            });
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            if rows.is_empty() {
                eprintln!("geokg: no relation {} {owner_name} in the graph", a.predicate);
                return Ok(1);
            }
            writeln!(out, "{} {owner_name}: {}", a.predicate, plural(rows.len(), "holder"))?;
            writeln!(
                out,
                "{:<28} {:<22} {:<22} {:>4}  latest statement",
                "holder", "from", "until", "docs"
            )?;
            let end = |d: &Option<String>, basis: &Option<String>| match (d, basis) {
                (Some(d), Some(b)) => format!("{d} ({b})"),
                (Some(d), None) => d.clone(),
                _ => "?".to_string(),
            };
            for h in &rows {
                // An open term is "-"; a former role with no dated end has
                // still ended.
                let until = match (&h.valid_until, h.former) {
                    (Some(_), _) => end(&h.valid_until, &h.valid_until_basis),
                    (None, true) => "ended (former)".to_string(),
                    (None, false) => "-".to_string(),
                };
                writeln!(
                    out,
                    "{:<28} {:<22} {:<22} {:>4}  {}",
                    truncate(&h.name, 28),
                    end(&h.valid_from, &h.valid_from_basis),
                    until,
                    h.documents,
                    h.evidence
                        .as_ref()
                        .map_or(String::new(), |(doc, text)| format!("{doc}: {}", truncate(text, 80)))
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

pub(super) fn remove(a: RemoveArgs) -> Result<i32> {
    if a.docs.is_empty() && a.sources.is_empty() {
        bail!("nothing to remove: give --doc ID or --source OUTLET");
    }
    // The file as written, without the entity resolution that queries
    // apply: what is written back must differ only by the removal.
    let mut g = KnowledgeGraph::load(&a.graph)?;
    let known: rustc_hash::FxHashSet<String> = g.documents.iter().map(|d| d.id.clone()).collect();
    let mut ids: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for d in &a.docs {
        if known.contains(d) {
            ids.insert(d.clone());
        } else {
            eprintln!(
                "geokg: warning: no document {:?} in {}",
                geokg::terminal::clean(d),
                a.graph.display()
            );
        }
    }
    for s in &a.sources {
        let of = g.documents_of_outlet(s);
        if of.is_empty() {
            eprintln!(
                "geokg: warning: no document from outlet {:?} in {}",
                geokg::terminal::clean(s),
                a.graph.display()
            );
        }
        ids.extend(of);
    }
    let removed = g.remove_documents(&ids);
    g.save(&a.output)?;
    eprintln!(
        "geokg: removed {}, {} and {} ({} no longer named) -> {}",
        plural(removed.documents, "document"),
        plural(removed.statements, "statement"),
        plural(removed.relations, "relation"),
        plural(removed.entities, "entity"),
        a.output.display()
    );
    Ok(0)
}
