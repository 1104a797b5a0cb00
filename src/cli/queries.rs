//! Commands over graph files: merge, neighbors, render, stats, timeline,
//! top, path, diff and export.

use super::*;

/// A graph file as questions see it: bare surnames resolved across
/// documents (the file itself keeps what the documents said; see `resolve`).
pub(super) fn load(path: &Path) -> Result<KnowledgeGraph> {
    Ok(geokg::resolve::resolve(KnowledgeGraph::load(path)?))
}

/// Prints the entity-resolution report of a graph on stdout.
pub(super) fn print_report(g: &KnowledgeGraph) -> Result<()> {
    let mut out = text_out();
    geokg::resolve::report(g).write_text(&mut out)?;
    out.flush()?;
    Ok(())
}

pub(super) fn merge(a: MergeArgs) -> Result<i32> {
    let mut g = KnowledgeGraph::new();
    for p in &a.graphs {
        g.merge(KnowledgeGraph::load(p)?);
    }
    g.save(&a.output)?;
    if a.report {
        print_report(&g)?;
    }
    eprintln!(
        "geokg: merged {} -> {}, {} in {}",
        plural(a.graphs.len(), "graph"),
        plural(g.entity_count(), "entity"),
        plural(g.relation_count(), "relation"),
        a.output.display()
    );
    Ok(0)
}

pub(super) fn neighbors(a: NeighborsArgs) -> Result<i32> {
    let g = load(&a.graph)?;
    // Resolve the name on the whole graph, so that an entity outside the
    // view gives "nothing found" rather than "no such entity".
    let found = g.find(&a.entity)?;
    let id = g.entity(found).id.clone();
    if g.degree(found) == 0 {
        eprintln!("geokg: {} ({id}) is in the graph but has no relations", g.entity(found).name);
        return Ok(1);
    }
    let g = g.view(&a.filter.filter());
    let Some(start) = g.node(&id) else {
        eprintln!(
            "geokg: {} has relations, but none in this view (--since, --until, --min-docs)",
            a.entity
        );
        return Ok(1);
    };
    let q = NeighborQuery {
        depth: a.depth.max(1),
        direction: match a.direction {
            DirectionArg::Out => Direction::Out,
            DirectionArg::In => Direction::In,
            DirectionArg::Both => Direction::Both,
        },
        categories: a.category,
        include_negated: a.include_negated,
    };
    let answer = query::neighbor_answer(&g, start, &q, a.kind);
    let rows = &answer.relations;
    let mut out = text_out();
    match a.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &answer)?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            let e = g.entity(start);
            writeln!(out, "{} ({}, {}): {}", e.name, e.kind, e.id, plural(rows.len(), "relation"))?;
            // Columns as wide as their longest cell, up to COLUMN: Rust's
            // padding panics past 65,535, and one long name would push every
            // row off the screen anyway.
            use geokg::terminal::truncate;
            const COLUMN: usize = 60;
            let width = |f: &dyn for<'a> Fn(&'a query::NeighborRow) -> &'a str, min: usize| {
                rows.iter().map(|r| f(r).chars().count().min(COLUMN)).max().unwrap_or(min).max(min)
            };
            let w1 = width(&|r| r.subject.name, 7);
            let w2 = width(&|r| r.predicate, 8);
            let w3 = width(&|r| r.object.name, 6);
            writeln!(
                out,
                "{:<5} {:<w1$}  {:<w2$}  {:<w3$}  {:<15}  {:<12}  {:>5}  {:>4}  {:<10}  evidence",
                "depth", "subject", "relation", "object", "category", "stated as", "count", "docs", "last date"
            )?;
            for r in rows {
                let text: String = r.evidence.text.chars().take(100).collect();
                writeln!(
                    out,
                    "{:<5} {:<w1$}  {:<w2$}  {:<w3$}  {:<15}  {:<12}  {:>5}  {:>4}  {:<10}  {}#{}: {}",
                    r.depth,
                    truncate(r.subject.name, COLUMN),
                    truncate(r.predicate, COLUMN),
                    truncate(r.object.name, COLUMN),
                    r.category.as_str(),
                    if r.negated {
                        format!("not {}", r.modality.as_str())
                    } else if r.former {
                        format!("{} former", r.modality.as_str())
                    } else {
                        r.modality.as_str().to_string()
                    },
                    r.count,
                    r.documents,
                    r.last_date.unwrap_or("-"),
                    r.evidence.doc,
                    r.evidence.sentence,
                    text
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if rows.is_empty() { 1 } else { 0 })
}

pub(super) fn render_cmd(a: RenderArgs) -> Result<i32> {
    geokg::atomic::refuse_overwriting_input(&a.output, std::slice::from_ref(&a.graph), "graph file")?;
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let focus = match &a.focus {
        Some(f) => Some(g.find(f)?),
        None => None,
    };
    let between = match a.between.as_slice() {
        [x, y] => Some((g.find(x)?, g.find(y)?)),
        _ => None,
    };
    let view = View {
        focus,
        depth: a.depth,
        between,
        categories: a.category,
        quads: a.quad,
        show_negated: a.show_negated,
        max_nodes: a.max_nodes,
        cluster_by_country: a.cluster_by == Some(ClusterBy::Country),
        title: a.title.clone(),
    };
    let sel = render::select(&g, &view);
    if let Some(c) = sel.caption() {
        eprintln!("geokg: {c}");
    }
    if let Some(note) = sel.modality_note() {
        eprintln!("geokg: {note}");
    }
    let Some(format) = output::by_extension(&a.output, output::Command::Render) else {
        let ext = a.output.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
        let known: Vec<String> = output::formats(output::Command::Render)
            .flat_map(|f| f.extensions.iter().map(|e| format!(".{e}")))
            .collect();
        bail!(
            "cannot write {:?}: unknown diagram format {ext:?} (use {}; .png and .pdf need Graphviz installed)",
            a.output.display().to_string(),
            known.join(", ")
        );
    };
    let options = output::Options {
        view,
        engine: a.engine.clone(),
    };
    if let Some(engine) = format.write(&g, &options, &a.output)?.engine {
        eprintln!(
            "geokg: laid out {} entities and {} relations with {engine}",
            sel.nodes.len(),
            sel.edges.len()
        );
    }
    eprintln!("geokg: wrote {}", a.output.display());
    Ok(0)
}

pub(super) fn stats(a: StatsArgs) -> Result<i32> {
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let s = query::stats(&g, a.top);
    let mut out = text_out();
    match a.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &s)?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            writeln!(out, "documents  {}", s.documents)?;
            writeln!(out, "entities   {}", s.entities)?;
            for (t, n) in &s.entities_by_type {
                writeln!(out, "  {:<16} {n}", t.as_str())?;
            }
            writeln!(out, "relations  {} ({} statements)", s.relations, s.evidence)?;
            for (c, n) in &s.relations_by_category {
                writeln!(out, "  {:<16} {n}", c.as_str())?;
            }
            writeln!(out, "most connected")?;
            for (e, d) in &s.most_connected {
                writeln!(out, "  {:<30} {:<13} {d}", e.name, e.kind.as_str())?;
            }
            // Only when there are some: most graphs have none to show.
            if !s.contradictions.is_empty() {
                writeln!(out, "contradictions (overlapping holders of one office)")?;
                for c in &s.contradictions {
                    writeln!(
                        out,
                        "  {} and {}: {} {} from {}",
                        c.holders[0],
                        c.holders[1],
                        c.office,
                        c.owner,
                        c.overlap_from.as_deref().unwrap_or("?")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(0)
}

pub(super) fn timeline(a: TimelineArgs) -> Result<i32> {
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let x = g.find(&a.a)?;
    let y = match &a.b {
        Some(b) => Some(g.find(b)?),
        None => None,
    };
    let by = match a.by {
        PeriodArg::Day => query::Period::Day,
        PeriodArg::Week => query::Period::Week,
        PeriodArg::Month => query::Period::Month,
        PeriodArg::Year => query::Period::Year,
    };
    let by_statement = a.count == CountArg::Statements;
    let rows = query::timeline(&g, x, y, by, a.include_hedged, by_statement);
    let mut out = text_out();
    let who = match y {
        Some(y) => format!("{} and {}", g.entity(x).name, g.entity(y).name),
        None => g.entity(x).name.clone(),
    };
    match a.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({"actors": who, "rows": rows}))?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            writeln!(
                out,
                "{who}: {} ({}; {})",
                plural(rows.len(), "period"),
                if by_statement { "counting statements" } else { "counting events" },
                if a.include_hedged {
                    "asserted, reported, planned, requested and hypothetical statements"
                } else {
                    "asserted statements; --include-hedged adds the others"
                }
            )?;
            writeln!(
                out,
                "{:<10} {:>5} {:>4} {:>4} {:>4} {:>4} {:>5}  categories",
                "period", "total", "VC", "MC", "VX", "MX", "net"
            )?;
            use geokg::model::Quad;
            for r in &rows {
                let q = |k: Quad| r.quads.get(&k).copied().unwrap_or(0);
                let cats: Vec<String> = r.categories.iter().map(|(c, n)| format!("{c} {n}")).collect();
                writeln!(
                    out,
                    "{:<10} {:>5} {:>4} {:>4} {:>4} {:>4} {:>+5}  {}",
                    r.period,
                    if by_statement { r.statements } else { r.events },
                    q(Quad::VerbalCooperation),
                    q(Quad::MaterialCooperation),
                    q(Quad::VerbalConflict),
                    q(Quad::MaterialConflict),
                    r.net,
                    cats.join(", ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if rows.is_empty() { 1 } else { 0 })
}

pub(super) fn top(a: TopArgs) -> Result<i32> {
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let rows = query::top(&g, a.by == RankArg::Pagerank, a.kind, a.limit);
    let mut out = text_out();
    match a.format {
        QueryFormat::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(e, s)| serde_json::json!({"id": e.id, "name": e.name, "type": e.kind, "score": s}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            for (i, (e, s)) in rows.iter().enumerate() {
                let score = if a.by == RankArg::Pagerank {
                    format!("{s:.5}")
                } else {
                    format!("{s}")
                };
                writeln!(out, "{:>3}. {:<34} {:<13} {score}", i + 1, e.name, e.kind.as_str())?;
            }
        }
    }
    out.flush()?;
    Ok(if rows.is_empty() { 1 } else { 0 })
}

pub(super) fn path(a: PathArgs) -> Result<i32> {
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let (x, y) = (g.find(&a.a)?, g.find(&a.b)?);
    let rows = geokg::path::paths(&g, x, y, a.max_depth, a.k);
    let mut out = text_out();
    let (from, to) = (&g.entity(x).name, &g.entity(y).name);
    match a.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({"from": from, "to": to, "paths": rows}))?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            if rows.is_empty() {
                // A diagnosis, not data: stdout stays empty, as for other
                // queries that find nothing (exit 1).
                eprintln!("geokg: no path from {from} to {to} within {} hops", a.max_depth);
            }
            for (n, r) in rows.iter().enumerate() {
                writeln!(
                    out,
                    "path {} ({}, {}):",
                    n + 1,
                    plural(r.length, "hop"),
                    plural(r.documents, "document")
                )?;
                for h in &r.hops {
                    let arrow = match (h.symmetric, h.forward) {
                        (true, _) => format!("-{}-", h.predicate),
                        (false, true) => format!("-{}->", h.predicate),
                        (false, false) => format!("<-{}-", h.predicate),
                    };
                    let text: String = h.evidence.text.chars().take(100).collect();
                    writeln!(
                        out,
                        "  {} {arrow} {}  [{}, {}]",
                        h.from.name,
                        h.to.name,
                        h.category.as_str(),
                        plural(h.documents, "doc")
                    )?;
                    writeln!(
                        out,
                        "      {}#{}{}: {text}",
                        h.evidence.doc,
                        h.evidence.sentence,
                        h.evidence.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if rows.is_empty() { 1 } else { 0 })
}

pub(super) fn diff(a: DiffArgs) -> Result<i32> {
    let old = load(&a.old)?;
    let new = load(&a.new)?;
    let d = geokg::diff::diff(&old, &new);
    let mut out = text_out();
    match a.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &d)?;
            writeln!(out)?;
        }
        QueryFormat::Text => d.write_text(&mut out)?,
    }
    out.flush()?;
    Ok(if d.is_empty() { 1 } else { 0 })
}

pub(super) fn export(a: ExportArgs) -> Result<i32> {
    if let Some(out) = &a.output {
        geokg::atomic::refuse_overwriting_input(out, std::slice::from_ref(&a.graph), "graph file")?;
    }
    let whole = load(&a.graph)?;
    let g = whole.view(&a.filter.filter());
    let format = a.format;
    let options = output::Options::default();
    let Some(path) = a.output.as_deref().filter(|p| *p != Path::new("-")) else {
        let stdout = std::io::stdout();
        format.write_to(&g, &options, &mut stdout.lock())?;
        return Ok(0);
    };
    if format.is_directory() {
        let written = format
            .write(&g, &options, path)
            .with_context(|| format!("writing the {} export to {}", format.name, path.display()))?;
        for p in written.paths {
            eprintln!("geokg: wrote {}", p.display());
        }
    } else {
        format
            .write(&g, &options, path)
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "geokg: wrote {} ({} entities, {} relations as {})",
            path.display(),
            g.entity_count(),
            g.relation_count(),
            format.name
        );
    }
    Ok(0)
}
