//! Benchmarks for the speed and scale targets: `cargo bench --bench pipeline`.
//!
//! Reads `../shared/corpus` when it is there and falls back to generated
//! text. Prints one line per measurement and writes them to
//! `target/bench-results.txt`. Wall times on one thread stand in for CPU
//! time; peak memory is the process's VmHWM.

use geokg::extract::Extractor;
use geokg::graph::{EntityRecord, EvidenceRecord, KnowledgeGraph, RelationRecord};
use geokg::input::Document;
use geokg::model::{Category, EntityType, Modality};
use rayon::prelude::*;
use std::hint::black_box;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel);
    p.exists().then_some(p)
}

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()
}

fn mb(kb: Option<u64>) -> String {
    kb.map(|k| format!("{:.0} MB", k as f64 / 1024.0)).unwrap_or_else(|| "n/a".into())
}

fn read_jsonl(path: &Path) -> Vec<Document> {
    let f = std::io::BufReader::new(std::fs::File::open(path).expect("open corpus"));
    f.lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .map(|v| {
            let mut d = Document::new(v["id"].as_str().unwrap_or("x"), v["text"].as_str().unwrap_or(""));
            d.date = v["date"].as_str().map(String::from);
            d
        })
        .collect()
}

/// Deterministic news-like text for machines without ../shared.
fn generated(n: usize) -> Vec<Document> {
    let actors = [
        "Russia",
        "Ukraine",
        "Belarusian President Alexander Lukashenko",
        "NATO",
        "the European Union",
        "Iran",
        "Israel",
        "Chinese officials",
        "Vladimir Putin",
        "Turkey",
    ];
    let verbs = [
        "met",
        "attacked",
        "criticised",
        "praised",
        "sanctioned",
        "thanked",
        "urged",
        "rejected",
        "visited",
        "accused",
    ];
    let fill = [
        "on Monday",
        "after talks in Geneva",
        "according to officials",
        "in a statement",
        "for the second time this year",
    ];
    let mut x: u64 = 42;
    let mut next = move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|i| {
            let mut t = String::new();
            for _ in 0..3 {
                t.push_str(&format!(
                    "{} {} {} {}. ",
                    actors[next(10)],
                    verbs[next(10)],
                    actors[next(10)],
                    fill[next(5)]
                ));
            }
            let mut d = Document::new(format!("g{i}"), t);
            d.date = Some("2025-06-21".into());
            d
        })
        .collect()
}

fn bench_extraction(out: &mut Vec<String>, ex: &Extractor, name: &str, docs: &[Document]) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    let mut sentences = 0;
    let mut triples = 0;
    for d in docs {
        let x = ex.extract(d);
        sentences += x.sentences;
        triples += x.triples.len();
        black_box(&x);
    }
    let s = t.elapsed().as_secs_f64();
    out.push(format!(
        "extract.{name:<9} 1 thread: {:.1} MB in {s:.2} s = {:.2} MB/s, {:.0} sentences/s, {} docs, {triples} triples, peak RSS {}",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s,
        sentences as f64 / s,
        docs.len(),
        mb(status_kb("VmHWM:"))
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
    let t = Instant::now();
    let n: usize = docs.par_iter().map(|d| ex.extract(d).triples.len()).sum();
    let s = t.elapsed().as_secs_f64();
    out.push(format!(
        "extract.{name:<9} {} threads: {s:.2} s wall, {:.2} MB/s, {n} triples",
        rayon::current_num_threads(),
        bytes as f64 / 1e6 / s
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
}

/// Tagger and parser speed on story sentences (tokenising and splitting
/// outside the clock), then extraction and parsing together per document,
/// the cost the pipeline will pay once relations read the parse.
fn bench_syntax(out: &mut Vec<String>, ex: &Extractor, name: &str, docs: &[Document]) {
    let model = match geokg::syntax::shipped() {
        Ok(m) => m,
        Err(e) => {
            println!("syntax: skipped ({e})");
            return;
        }
    };
    // Each document is tokenised and split just before its sentences are
    // parsed, outside the clock: holding the tokens of every document at
    // once would make the peak RSS a figure about the bench, not the parser.
    let mut clock = std::time::Duration::ZERO;
    let (mut sentences, mut words) = (0usize, 0usize);
    for d in docs {
        let toks = geokg::text::tokenize(&d.text);
        let sents = geokg::text::split_sentences(&d.text, &toks);
        let t = Instant::now();
        for s in &sents {
            let p = model.parse_sentence(&d.text, &toks, s);
            sentences += 1;
            words += p.words.len();
            black_box(&p);
        }
        clock += t.elapsed();
    }
    let s = clock.as_secs_f64();
    out.push(format!(
        "syntax.{name:<10} 1 thread: {sentences} sentences, {words} words in {s:.2} s = {:.0} sentences/s, {:.0} words/s (tagger + parser), peak RSS {}",
        sentences as f64 / s,
        words as f64 / s,
        mb(status_kb("VmHWM:"))
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = Instant::now();
    for d in docs {
        black_box(ex.extract(d));
        black_box(model.parse_text(&d.text));
    }
    let s = t.elapsed().as_secs_f64();
    out.push(format!(
        "syntax.{name:<10} extract + parse, 1 thread: {:.1} MB in {s:.2} s = {:.2} MB/s, peak RSS {}",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s,
        mb(status_kb("VmHWM:"))
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
}

const PREDICATES: [(&str, Category, bool); 8] = [
    ("met", Category::Consult, true),
    ("attacked", Category::Assault, false),
    ("praised", Category::Support, false),
    ("sanctioned", Category::Sanction, false),
    ("accused", Category::Accuse, false),
    ("ally-of", Category::AllyOf, true),
    ("freed", Category::Retreat, false),
    ("urged", Category::Request, false),
];

fn synthetic_graph(seed: u64, triples: usize, entities: usize) -> KnowledgeGraph {
    let mut x = seed;
    let mut next = move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    let mut g = KnowledgeGraph::new();
    for i in 0..entities {
        g.add_entity(EntityRecord {
            id: format!("person:p-{i}"),
            name: format!("Person {i}"),
            kind: EntityType::Person,
            aliases: vec![],
        });
    }
    for i in 0..triples {
        let (s, o) = (next(entities), next(entities));
        if s == o {
            continue;
        }
        let (p, c, sym) = PREDICATES[next(PREDICATES.len())];
        let r = RelationRecord::new(
            compact_str::format_compact!("person:p-{s}"),
            p.into(),
            c,
            compact_str::format_compact!("person:p-{o}"),
            sym,
            vec![EvidenceRecord::from(geokg::graph::EvidenceFields {
                doc: compact_str::format_compact!("d{}", i / 20),
                sentence: i % 20,
                span: [0, 40],
                text: format!("Person {s} {p} Person {o}."),
                date: Some(compact_str::format_compact!("2025-{:02}-{:02}", 1 + next(12), 1 + next(28))),
                modality: Modality::Asserted,
                negated: false,
                attribution: None,
                rule: "verb-object".into(),
                ..Default::default()
            })],
        );
        let _ = g.insert_relation(r);
    }
    g.finish();
    g
}

/// The graph benchmark's size: 1M triples over 50k entities, times
/// `GEOKG_BENCH_SCALE` (an integer; 10 is the scaling run of issue 14).
fn graph_scale() -> usize {
    std::env::var("GEOKG_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&k| k >= 1)
        .unwrap_or(1)
}

fn bench_graph(out: &mut Vec<String>) {
    let k = graph_scale();
    let (n, e) = (1_000_000 * k, 50_000 * k);
    let before = status_kb("VmRSS:");
    let t = Instant::now();
    let mut a = synthetic_graph(7, n, e);
    let build = t.elapsed().as_secs_f64();
    let after = status_kb("VmRSS:");
    let grown = before.zip(after).map(|(b, a)| a.saturating_sub(b));
    out.push(format!(
        "graph.build   {n} triples over {e} entities: {build:.2} s, RSS +{} ({} relations)",
        mb(grown),
        a.relation_count()
    ));
    println!("{}", out.last().unwrap_or(&String::new()));

    let b = synthetic_graph(11, n, e);
    let mut m = a.clone();
    let t = Instant::now();
    m.merge(b);
    out.push(format!(
        "graph.merge   two such graphs: {:.2} s ({} relations)",
        t.elapsed().as_secs_f64(),
        m.relation_count()
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
    drop(m);

    let starts: Vec<_> = a.graph.node_indices().step_by(50).take(1000).collect();
    let q = geokg::query::NeighborQuery {
        depth: 2,
        ..Default::default()
    };
    // The previous implementation first, then the graph walk and the
    // compact index, in one run: the ratios are what to compare, since the
    // other core's load moves every figure.
    let per_query = |t: Instant| t.elapsed().as_secs_f64() / starts.len() as f64 * 1e6;
    let t = Instant::now();
    let mut old_rows = 0;
    for &s in &starts {
        old_rows += black_box(baseline::neighbors(&a, s, 2)).len();
    }
    let old = per_query(t);
    let mut walk = geokg::query::Neighborhood::new(&a);
    let t = Instant::now();
    let mut rows = 0;
    for &s in &starts {
        rows += black_box(walk.neighbors(s, &q)).len();
    }
    let walked = per_query(t);
    let t = Instant::now();
    let mut index = geokg::query::Neighborhood::indexed(&a);
    let built = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let mut indexed_rows = 0;
    for &s in &starts {
        indexed_rows += black_box(index.neighbors(s, &q)).len();
    }
    let indexed = per_query(t);
    assert_eq!((old_rows, indexed_rows), (rows, rows), "every implementation finds the same rows");
    out.push(format!(
        "graph.2hop    neighbours, depth 2: previous {old:.1} us, graph walk {walked:.1} us, index {indexed:.1} us per query ({:.0} rows per query; index built in {built:.0} ms)",
        rows as f64 / starts.len() as f64
    ));
    println!("{}", out.last().unwrap_or(&String::new()));

    let t = Instant::now();
    let mut old_reached = 0;
    for &s in &starts {
        old_reached += black_box(baseline::reach(&a, s, 2)).len();
    }
    let old = per_query(t);
    let t = Instant::now();
    let mut reached = 0;
    for &s in &starts {
        reached += black_box(walk.reach(s, 2)).len();
    }
    let walked = per_query(t);
    let t = Instant::now();
    let mut indexed_reached = 0;
    for &s in &starts {
        indexed_reached += black_box(index.reach(s, 2)).len();
    }
    let indexed = per_query(t);
    assert_eq!(
        (old_reached, indexed_reached),
        (reached, reached),
        "every implementation reaches the same entities"
    );
    out.push(format!(
        "graph.reach2  entities within 2 hops: previous {old:.1} us, graph walk {walked:.1} us, index {indexed:.1} us per query ({:.0} entities per query)",
        reached as f64 / starts.len() as f64
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
    drop((walk, index));

    // The binary file is left in target/ for timing a first answer from
    // the command line (`geokg neighbors target/bench-graph.geokg p-0`).
    // The JSON file of a scaled graph is gigabytes: only the binary one is
    // timed then.
    let names: &[&str] = if k == 1 {
        &["bench-graph.json", "bench-graph.geokg"]
    } else {
        &["bench-graph.geokg"]
    };
    for &name in names {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(name);
        let t = Instant::now();
        a.save(&path).expect("save");
        let save = t.elapsed().as_secs_f64();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let t = Instant::now();
        let loaded = KnowledgeGraph::load(&path).expect("load");
        let load = t.elapsed().as_secs_f64();
        out.push(format!(
            "graph.file    {name}: save {save:.2} s, load {load:.2} s, {:.0} MB ({} relations loaded)",
            size as f64 / 1e6,
            loaded.relation_count()
        ));
        println!("{}", out.last().unwrap_or(&String::new()));
        if name.ends_with(".json") {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The neighbourhood queries as they were before the compact index and the
/// reusable visited sets (hash sets per query, rows of owned strings),
/// kept so that every run measures old and new side by side.
mod baseline {
    use geokg::graph::KnowledgeGraph;
    use geokg::query::EntitySummary;
    use petgraph::stable_graph::NodeIndex;
    use std::collections::{HashMap, HashSet, VecDeque};

    // The fields are built to be measured, not read.
    #[allow(dead_code)]
    pub struct Row {
        pub depth: usize,
        pub subject: EntitySummary,
        pub predicate: String,
        pub object: EntitySummary,
        pub count: usize,
        pub text: String,
        pub date: Option<String>,
        pub first_date: Option<String>,
        pub last_date: Option<String>,
    }

    pub fn neighbors(g: &KnowledgeGraph, start: NodeIndex, depth: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut seen_nodes: HashMap<NodeIndex, usize> = HashMap::new();
        let mut seen_edges = HashSet::new();
        let mut queue = VecDeque::new();
        seen_nodes.insert(start, 0);
        queue.push_back((start, 0usize));
        while let Some((n, d)) = queue.pop_front() {
            if d >= depth {
                continue;
            }
            for (e, other, _) in g.incident(n) {
                let r = &g.graph[e];
                if r.only_negated() || !seen_edges.insert(e) {
                    continue;
                }
                let Some(ev) = r.firmest_evidence() else { continue };
                let (s, o) = g.graph.edge_endpoints(e).unwrap_or((n, other));
                rows.push(Row {
                    depth: d + 1,
                    subject: g.entity(s).into(),
                    predicate: r.predicate.to_string(),
                    object: g.entity(o).into(),
                    count: r.evidence.len(),
                    text: ev.text.clone(),
                    date: ev.date.as_ref().map(|d| d.to_string()),
                    first_date: r.first_date.as_ref().map(|d| d.to_string()),
                    last_date: r.last_date.as_ref().map(|d| d.to_string()),
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
}

/// Diagrams at the size issue 5 names: a 2,000-entity graph to SVG with the
/// automatic engine (sfdp from the system Graphviz, else graphviz-pure), and
/// a 5,000-entity graph to the HTML explorer.
fn bench_render(out: &mut Vec<String>) {
    use geokg::render::{self, View};
    let (entities, triples) = (2_000, 5_000);
    let g = synthetic_graph(11, triples, entities);
    let view = View::default();
    let t = Instant::now();
    let sel = render::select(&g, &view);
    let dot = render::to_dot(&g, &view, &sel);
    let layout = render::auto_layout(sel.nodes.len(), sel.edges.len());
    let t_dot = t.elapsed();
    let t = Instant::now();
    match render::svg(&dot, layout, Duration::from_secs(600)) {
        Ok((svg, engine)) => out.push(format!(
            "render.svg        {} entities, {} relations: DOT {:.2} s, layout+SVG {:.1} s with {engine}, {} KB",
            sel.nodes.len(),
            sel.edges.len(),
            t_dot.as_secs_f64(),
            t.elapsed().as_secs_f64(),
            svg.len() / 1024
        )),
        Err(e) => out.push(format!("render.svg        failed: {e}")),
    }
    println!("{}", out.last().unwrap_or(&String::new()));
    let t = Instant::now();
    match graphviz_pure::render_dot(&dot, layout, "svg") {
        Ok(r) => out.push(format!(
            "render.svg-pure   {} entities: graphviz-pure {layout} {:.1} s, {} KB",
            sel.nodes.len(),
            t.elapsed().as_secs_f64(),
            r.into_output().len() / 1024
        )),
        Err(e) => out.push(format!("render.svg-pure   failed: {e}")),
    }
    println!("{}", out.last().unwrap_or(&String::new()));
    let g = synthetic_graph(12, 15_000, 5_000);
    let sel = geokg::render::select(&g, &geokg::render::View::default());
    let t = Instant::now();
    let page = geokg::output::html::to_html(&g, &sel.nodes, &sel.edges, "bench");
    out.push(format!(
        "render.html       {} entities, {} relations: page built in {:.2} s, {} KB",
        sel.nodes.len(),
        sel.edges.len(),
        t.elapsed().as_secs_f64(),
        page.len() / 1024
    ));
    println!("{}", out.last().unwrap_or(&String::new()));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-5000.html");
    let _ = std::fs::write(path, page);
}

fn main() {
    // `cargo bench` passes --bench; a name filter runs only matching parts.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let want = |s: &str| filter.as_deref().is_none_or(|f| s.contains(f));
    let mut out = Vec::new();
    let ex = Extractor::builtin().expect("lexicon");
    if want("extract") {
        let wcep = shared("corpus/wcep/wcep_items_2002_2024.jsonl");
        let wiki = shared("corpus/wikinews/wikinews_2019_2020.jsonl");
        match (wcep, wiki) {
            (Some(w), Some(k)) => {
                bench_extraction(&mut out, &ex, "wcep", &read_jsonl(&w));
                bench_extraction(&mut out, &ex, "wikinews", &read_jsonl(&k));
            }
            _ => {
                println!("../shared not found: using generated text");
                bench_extraction(&mut out, &ex, "generated", &generated(20_000));
            }
        }
    }
    if want("syntax") {
        match shared("corpus/wcep/wcep_items_2002_2024.jsonl") {
            Some(w) => bench_syntax(&mut out, &ex, "wcep", &read_jsonl(&w)),
            None => {
                println!("../shared not found: using generated text");
                bench_syntax(&mut out, &ex, "generated", &generated(20_000));
            }
        }
    }
    if want("graph") {
        bench_graph(&mut out);
    }
    if want("render") {
        bench_render(&mut out);
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-results.txt");
    let _ = std::fs::write(path, out.join("\n") + "\n");
}
