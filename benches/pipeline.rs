//! Benchmarks for the speed and scale targets: `cargo bench --bench pipeline`.
//!
//! Two sections, each run in a child process of its own so that the memory
//! figures of one are not disturbed by the other (peak RSS is per process,
//! and freed heap memory is not always given back to the system):
//!
//! - `extract`: extraction of the WCEP and Wikinews corpora from
//!   `../shared/corpus` (generated news-like text when they are missing), on
//!   one thread and then with rayon over all cores;
//! - `graph`: a synthetic graph of 1,000,000 triples over 50,000 entities:
//!   build, 2-hop neighbours (full rows and entity set), save, load, merge
//!   of two such graphs.
//!
//! Every measurement prints one line; at the end the lines are written to
//! `target/bench-results.txt`. A word after `--` runs only the sections whose
//! name contains it: `cargo bench --bench pipeline -- graph`.
//!
//! Sizes of text and files are in MB of 10^6 bytes; RSS figures are in MiB
//! (read from /proc/self/status, Linux only; "n/a" elsewhere).

use geokg::extract::Extractor;
use geokg::graph::{EntityRecord, EvidenceRecord, KnowledgeGraph, RelationRecord};
use geokg::input::Document;
use geokg::model::{Category, EntityType, Modality, Triple};
use geokg::query::{neighbors, reach, NeighborQuery};
use petgraph::stable_graph::NodeIndex;
use rayon::prelude::*;
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const WCEP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/wcep/wcep_items_2002_2024.jsonl");
const WIKINEWS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/wikinews/wikinews_2019_2020.jsonl");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared");

const SECTIONS: [&str; 2] = ["extract", "graph"];

/// Graph scale: the figures of the project's issue.
const GRAPH_TRIPLES: usize = 1_000_000;
const GRAPH_ENTITIES: usize = 50_000;
const HOP_QUERIES: usize = 1_000;

/// Bytes of generated text when ../shared is missing.
const GENERATED_BYTES: usize = 5_000_000;

// ---------------------------------------------------------------------------
// Small helpers

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target")
}

/// Prints a result line (stdout is read by the parent process).
fn emit(line: String) {
    println!("{line}");
}

/// A field of /proc/self/status in kB (`VmHWM`, `VmRSS`), Linux only.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    for line in status.lines() {
        if let Some(rest) = line.strip_prefix(field) {
            if let Some(value) = rest.strip_prefix(':') {
                return value.split_whitespace().next()?.parse().ok();
            }
        }
    }
    None
}

/// CPU time of the calling thread in nanoseconds, from
/// /proc/thread-self/schedstat (Linux only).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn rss_mb(kb: Option<u64>) -> String {
    match kb {
        Some(k) => format!("{:.0} MB", k as f64 / 1024.0),
        None => "n/a".to_string(),
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// 450000.0 -> "450k", 1234567.0 -> "1.23M".
fn human(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2}M", x / 1e6)
    } else if x >= 1e4 {
        format!("{:.0}k", x / 1e3)
    } else if x >= 1e3 {
        format!("{:.1}k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

/// A deterministic xorshift64 generator.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread small seeds and never start at zero.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------
// Corpora

struct Corpus {
    name: String,
    docs: Vec<Document>,
    /// Size of the file read (0 for generated text).
    file_bytes: u64,
}

impl Corpus {
    fn text_bytes(&self) -> u64 {
        self.docs.iter().map(|d| d.text.len() as u64).sum()
    }
}

/// Reads a JSONL corpus: one `{id, text, date, ...}` object per line.
/// Lines that are not such objects are skipped and counted.
fn read_jsonl(name: &str, path: &Path) -> std::io::Result<Corpus> {
    let file = std::fs::File::open(path)?;
    let file_bytes = file.metadata()?.len();
    let reader = BufReader::with_capacity(1 << 20, file);
    let mut docs = Vec::new();
    let mut skipped = 0usize;
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => {
                skipped += 1;
                continue;
            }
        };
        let text = match value.get("text").and_then(|t| t.as_str()) {
            Some(t) => t.to_string(),
            None => {
                skipped += 1;
                continue;
            }
        };
        let id = match value.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("line-{}", i + 1),
        };
        let mut doc = Document::new(id, text);
        doc.date = value.get("date").and_then(|d| d.as_str()).map(String::from);
        doc.title = value.get("title").and_then(|t| t.as_str()).map(String::from);
        docs.push(doc);
    }
    if skipped > 0 {
        emit(format!(
            "# {name}: {skipped} lines skipped (not a JSON object with a string `text`)"
        ));
    }
    Ok(Corpus {
        name: name.to_string(),
        docs,
        file_bytes,
    })
}

/// Deterministic news-like text of about `bytes` bytes, for machines
/// without ../shared.
fn generated_corpus(bytes: usize) -> Corpus {
    let countries = [
        "Russia",
        "Ukraine",
        "Belarus",
        "Poland",
        "France",
        "Germany",
        "China",
        "Japan",
        "India",
        "Pakistan",
        "Iran",
        "Israel",
        "Turkey",
        "Egypt",
        "Brazil",
        "Mexico",
        "Canada",
        "the United States",
        "the United Kingdom",
        "South Korea",
        "North Korea",
        "Syria",
        "Iraq",
        "Saudi Arabia",
    ];
    let adjectives = [
        "Russian",
        "Ukrainian",
        "Belarusian",
        "Polish",
        "French",
        "German",
        "Chinese",
        "Japanese",
        "Indian",
        "Iranian",
        "Israeli",
        "Turkish",
        "Egyptian",
        "Brazilian",
    ];
    let leaders = [
        "Vladimir Putin",
        "Volodymyr Zelenskyy",
        "Alexander Lukashenko",
        "Emmanuel Macron",
        "Olaf Scholz",
        "Xi Jinping",
        "Narendra Modi",
        "Recep Tayyip Erdogan",
        "Joe Biden",
        "Donald Trump",
        "Benjamin Netanyahu",
        "Keith Kellogg",
    ];
    let organizations = [
        "NATO",
        "the European Union",
        "the United Nations",
        "the African Union",
        "the IAEA",
        "Hamas",
    ];
    let verbs = [
        "met",
        "attacked",
        "sanctioned",
        "praised",
        "criticised",
        "accused",
        "thanked",
        "urged",
        "threatened",
        "visited",
        "condemned",
        "rejected",
        "supported",
        "called on",
    ];
    let fillers = [
        "on Monday",
        "in a statement on Tuesday",
        "after talks in Geneva",
        "according to state media",
        "for the second time this year",
        "during a summit in Brussels",
        "despite protests at home",
        "late on Friday",
        "in a televised address",
        "",
    ];
    let quiet = [
        "Officials said the talks would continue next week.",
        "Markets fell sharply after the announcement.",
        "The ministry did not respond to a request for comment.",
        "Thousands of people gathered in the capital.",
        "The agreement still has to be ratified by parliament.",
    ];
    let mut rng = Rng::new(2025);
    let mut docs = Vec::new();
    let mut total = 0usize;
    while total < bytes {
        let mut text = String::new();
        let sentences = 3 + rng.below(6);
        for _ in 0..sentences {
            let sentence = match rng.below(5) {
                0 => format!(
                    "{} President {} {} {} {}.",
                    rng.pick(&adjectives),
                    rng.pick(&leaders),
                    rng.pick(&verbs),
                    rng.pick(&countries),
                    rng.pick(&fillers)
                ),
                1 => format!(
                    "{} {} {} {}.",
                    rng.pick(&countries),
                    rng.pick(&verbs),
                    rng.pick(&countries),
                    rng.pick(&fillers)
                ),
                2 => format!(
                    "{} {} {} {}.",
                    rng.pick(&leaders),
                    rng.pick(&verbs),
                    rng.pick(&organizations),
                    rng.pick(&fillers)
                ),
                3 => format!(
                    "{} {} {} {}.",
                    rng.pick(&organizations),
                    rng.pick(&verbs),
                    rng.pick(&leaders),
                    rng.pick(&fillers)
                ),
                _ => rng.pick(&quiet).to_string(),
            };
            // An empty filler leaves "word ." behind: close it up.
            let sentence = sentence.replace(" .", ".");
            text.push_str(&sentence);
            text.push(' ');
        }
        total += text.len();
        let i = docs.len();
        let mut doc = Document::new(format!("gen-{i}"), text);
        doc.date = Some(format!("20{:02}-{:02}-{:02}", 2 + i % 23, 1 + i % 12, 1 + i % 28));
        docs.push(doc);
    }
    Corpus {
        name: "generated".to_string(),
        docs,
        file_bytes: 0,
    }
}

// ---------------------------------------------------------------------------
// Section: extraction

fn extract_one_thread(ex: &Extractor, c: &Corpus) {
    let text_bytes = c.text_bytes();
    let mut sentences = 0usize;
    let mut triples = 0usize;
    let cpu0 = thread_cpu_ns();
    let t0 = Instant::now();
    for d in &c.docs {
        let x = ex.extract(d);
        sentences += x.sentences;
        triples += x.triples.len();
        black_box(&x);
    }
    let wall = t0.elapsed().as_secs_f64();
    let cpu1 = thread_cpu_ns();
    let peak = status_kb("VmHWM");
    // Thread CPU time when the system gives it; otherwise wall time, which
    // on one thread of an idle machine is about the same.
    let (cpu, cpu_label) = match (cpu0, cpu1) {
        (Some(a), Some(b)) if b > a => ((b - a) as f64 / 1e9, "s cpu"),
        _ => (wall, "s cpu~wall"),
    };
    let cpu = cpu.max(1e-9);
    let file = if c.file_bytes > 0 {
        format!("file {:.1} MB, ", mb(c.file_bytes))
    } else {
        String::new()
    };
    emit(format!(
        "extract.{:<10} {:.1} MB text  {:.2} s wall  {:.2} {}  {:.2} MB/cpu-s  {} docs  {} docs/s  {} sentences/s  {} triples  peak RSS {}  (1 thread; {}corpus held in memory)",
        c.name,
        mb(text_bytes),
        wall,
        cpu,
        cpu_label,
        mb(text_bytes) / cpu,
        c.docs.len(),
        human(c.docs.len() as f64 / cpu),
        human(sentences as f64 / cpu),
        triples,
        rss_mb(peak),
        file
    ));
}

/// Extraction with rayon over all cores, then the graph assembled from the
/// results in input order, as `geokg build` does (file reading and saving
/// excluded).
fn extract_parallel_and_build(ex: &Extractor, c: &Corpus) {
    let text_bytes = c.text_bytes();
    let threads = rayon::current_num_threads();
    let t0 = Instant::now();
    let results: Vec<Vec<Triple>> = c.docs.par_iter().map(|d| ex.extract(d).triples).collect();
    let extract_wall = t0.elapsed().as_secs_f64().max(1e-9);
    let triples: usize = results.iter().map(|t| t.len()).sum();
    emit(format!(
        "extract.par.{:<6} {:.1} MB text  {:.2} s wall  {:.2} MB/s  {} docs/s  {} triples  ({} threads)",
        c.name,
        mb(text_bytes),
        extract_wall,
        mb(text_bytes) / extract_wall,
        human(c.docs.len() as f64 / extract_wall),
        triples,
        threads
    ));

    let t1 = Instant::now();
    let mut g = KnowledgeGraph::new();
    for (d, t) in c.docs.iter().zip(results.iter()) {
        g.add_extraction(d, t);
    }
    let assemble = t1.elapsed().as_secs_f64();
    emit(format!(
        "build.{:<12} {:.2} s wall = extraction {:.2} s ({} threads) + graph assembly {:.2} s  {} entities  {} relations  peak RSS {}",
        c.name,
        extract_wall + assemble,
        extract_wall,
        threads,
        assemble,
        g.entity_count(),
        g.relation_count(),
        rss_mb(status_kb("VmHWM"))
    ));
    black_box(&g);
}

fn section_extract() {
    let t = Instant::now();
    let ex = match Extractor::builtin() {
        Ok(ex) => ex,
        Err(e) => {
            emit(format!("extract: cannot load the built-in lexicon: {e}"));
            return;
        }
    };
    emit(format!(
        "extract.lexicon    built-in lexicon loaded in {:.2} s  RSS {}",
        t.elapsed().as_secs_f64(),
        rss_mb(status_kb("VmRSS"))
    ));

    let mut corpora: Vec<Corpus> = Vec::new();
    for (name, path) in [("wcep", WCEP), ("wikinews", WIKINEWS)] {
        let path = Path::new(path);
        if !path.exists() {
            continue;
        }
        match read_jsonl(name, path) {
            Ok(c) => corpora.push(c),
            Err(e) => emit(format!("# {name}: cannot read {}: {e}", path.display())),
        }
    }
    if corpora.is_empty() {
        emit(format!(
            "# ../shared not found ({SHARED}): using generated text (~{:.0} MB of synthetic news sentences)",
            mb(GENERATED_BYTES as u64)
        ));
        corpora.push(generated_corpus(GENERATED_BYTES));
    } else {
        for (name, path) in [("wcep", WCEP), ("wikinews", WIKINEWS)] {
            if !Path::new(path).exists() {
                emit(format!("# {name}: {path} not found, skipped"));
            }
        }
    }

    // Single-threaded runs first, so that the peak RSS they report does not
    // include the rayon workers or the assembled graph.
    for c in &corpora {
        extract_one_thread(&ex, c);
    }
    // The parallel run and the whole build: WCEP, or whatever was loaded
    // first when it is missing.
    if let Some(c) = corpora.first() {
        extract_parallel_and_build(&ex, c);
    }
}

// ---------------------------------------------------------------------------
// Section: graph at scale

/// 20 predicates over the categories of `model::Category`.
const PREDICATES: [(&str, Category, bool); 20] = [
    ("met", Category::Consult, true),
    ("held-talks-with", Category::Consult, true),
    ("signed-agreement-with", Category::Agree, true),
    ("praised", Category::Support, false),
    ("backed", Category::Support, false),
    ("cooperated-with", Category::Cooperate, true),
    ("sent-aid-to", Category::Aid, false),
    ("withdrew-from", Category::Retreat, false),
    ("urged", Category::Request, false),
    ("accused", Category::Accuse, false),
    ("rejected", Category::Reject, false),
    ("threatened", Category::Threaten, false),
    ("protested-against", Category::Protest, false),
    ("sanctioned", Category::Sanction, false),
    ("mobilized-against", Category::Mobilize, false),
    ("expelled", Category::Coerce, false),
    ("attacked", Category::Assault, false),
    ("leader-of", Category::LeaderOf, false),
    ("member-of", Category::AffiliatedWith, false),
    ("ally-of", Category::AllyOf, true),
];

/// Entity `i`: one in ten a country, one in ten an organisation, the rest
/// people.
fn entity_kind(i: usize) -> EntityType {
    match i % 10 {
        0 => EntityType::Country,
        1 => EntityType::Organization,
        _ => EntityType::Person,
    }
}

fn entity_id(i: usize) -> String {
    match entity_kind(i) {
        EntityType::Country => format!("country:E{i:05}"),
        EntityType::Organization => format!("org:o-{i}"),
        _ => format!("person:p-{i}"),
    }
}

fn entity_name(i: usize) -> String {
    match entity_kind(i) {
        EntityType::Country => format!("Country E{i:05}"),
        EntityType::Organization => format!("Organisation {i}"),
        _ => format!("Person {i}"),
    }
}

/// The records of a synthetic graph: `entities` entities and `triples`
/// statements (one evidence each) between random distinct entities.
fn synthetic_records(seed: u64, triples: usize, entities: usize) -> (Vec<EntityRecord>, Vec<RelationRecord>) {
    let mut rng = Rng::new(seed);
    let ents: Vec<EntityRecord> = (0..entities)
        .map(|i| EntityRecord {
            id: entity_id(i),
            name: entity_name(i),
            kind: entity_kind(i),
            aliases: vec![],
        })
        .collect();
    let mut rels = Vec::with_capacity(triples);
    let mut i = 0usize;
    while rels.len() < triples {
        let s = rng.below(entities);
        let o = rng.below(entities);
        if s == o {
            continue;
        }
        let (predicate, category, symmetric) = PREDICATES[rng.below(PREDICATES.len())];
        let text = format!("{} {} {}.", entity_name(s), predicate.replace('-', " "), entity_name(o));
        let date = format!("{}-{:02}-{:02}", 2002 + rng.below(23), 1 + rng.below(12), 1 + rng.below(28));
        let evidence = EvidenceRecord {
            doc: format!("doc-{seed}-{}", i / 4),
            sentence: i % 4,
            span: [0, text.len()],
            text,
            date: Some(date),
            modality: Modality::Asserted,
            negated: false,
            attribution: None,
            rule: "verb-object".to_string(),
        };
        rels.push(RelationRecord {
            subject: entity_id(s),
            predicate: predicate.to_string(),
            category,
            object: entity_id(o),
            symmetric,
            documents: 0,
            first_date: None,
            last_date: None,
            evidence: vec![evidence],
        });
        i += 1;
    }
    (ents, rels)
}

/// Adds the records to a new graph (the timed part of a build).
fn build_graph(ents: Vec<EntityRecord>, rels: Vec<RelationRecord>) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    for e in ents {
        g.add_entity(e);
    }
    for r in rels {
        // Both ends were added just before, so this cannot fail.
        let _ = g.add_relation(r);
    }
    g
}

fn section_graph() {
    let (n, e) = (GRAPH_TRIPLES, GRAPH_ENTITIES);

    // Build. RSS growth is measured from before the records are generated
    // to after the build: the records move into the graph, and the vector
    // that held them is freed, so the growth is the graph's footprint.
    let rss_before = status_kb("VmRSS");
    let (ents, rels) = synthetic_records(1, n, e);
    let t = Instant::now();
    let a = build_graph(ents, rels);
    let build = t.elapsed().as_secs_f64();
    let rss_after = status_kb("VmRSS");
    let growth = match (rss_before, rss_after) {
        (Some(x), Some(y)) => Some(y.saturating_sub(x)),
        _ => None,
    };
    emit(format!(
        "graph.build        {n} triples over {e} entities -> {} relations  {build:.2} s  RSS +{}",
        a.relation_count(),
        rss_mb(growth)
    ));

    // 2-hop neighbours from random start nodes.
    let nodes: Vec<NodeIndex> = a.graph.node_indices().collect();
    let mut rng = Rng::new(3);
    let starts: Vec<NodeIndex> = (0..HOP_QUERIES).map(|_| nodes[rng.below(nodes.len())]).collect();
    let q = NeighborQuery {
        depth: 2,
        ..Default::default()
    };
    let mut times_us: Vec<f64> = Vec::with_capacity(starts.len());
    let mut rows = 0usize;
    for &s in &starts {
        let t = Instant::now();
        let found = neighbors(&a, s, &q);
        times_us.push(t.elapsed().as_secs_f64() * 1e6);
        rows += found.len();
        black_box(found);
    }
    let mean = times_us.iter().sum::<f64>() / times_us.len().max(1) as f64;
    times_us.sort_by(|x, y| x.total_cmp(y));
    let pct = |p: f64| -> f64 {
        if times_us.is_empty() {
            return 0.0;
        }
        let k = ((times_us.len() - 1) as f64 * p).round() as usize;
        times_us[k]
    };
    emit(format!(
        "graph.2hop         {} queries, depth 2  mean {mean:.1} us  p50 {:.1} us  p99 {:.1} us  {:.0} rows/query",
        starts.len(),
        pct(0.5),
        pct(0.99),
        rows as f64 / starts.len().max(1) as f64
    ));

    // The cheap form of the same question: the entity set within 2 hops,
    // without building rows (`query::reach`).
    let mut reach_us: Vec<f64> = Vec::with_capacity(starts.len());
    let mut reached = 0usize;
    for &s in &starts {
        let t = Instant::now();
        let found = reach(&a, s, 2);
        reach_us.push(t.elapsed().as_secs_f64() * 1e6);
        reached += found.len();
        black_box(found);
    }
    let reach_mean = reach_us.iter().sum::<f64>() / reach_us.len().max(1) as f64;
    reach_us.sort_by(|x, y| x.total_cmp(y));
    let reach_p50 = if reach_us.is_empty() {
        0.0
    } else {
        reach_us[(reach_us.len() - 1) / 2]
    };
    emit(format!(
        "graph.reach2       {} queries, depth 2  mean {reach_mean:.1} us  p50 {reach_p50:.1} us  {:.0} entities/query",
        starts.len(),
        reached as f64 / starts.len().max(1) as f64
    ));

    // Save and load.
    let dir = target_dir();
    if let Err(err) = std::fs::create_dir_all(&dir) {
        emit(format!("graph.save         cannot create {}: {err}", dir.display()));
    }
    let path = dir.join("bench-graph.json");
    let t = Instant::now();
    let saved = a.save(&path);
    let save = t.elapsed().as_secs_f64();
    match saved {
        Err(err) => emit(format!("graph.save         failed: {err}")),
        Ok(()) => {
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            emit(format!(
                "graph.save         {:.1} MB file  {save:.2} s  ({})",
                mb(size),
                path.display()
            ));
            let t = Instant::now();
            let loaded = KnowledgeGraph::load(&path);
            let load = t.elapsed().as_secs_f64();
            match loaded {
                Ok(g) => {
                    emit(format!(
                        "graph.load         {:.1} MB file  {load:.2} s  {} entities  {} relations{}",
                        mb(size),
                        g.entity_count(),
                        g.relation_count(),
                        if g.relation_count() == a.relation_count() {
                            ""
                        } else {
                            "  (MISMATCH with the saved graph)"
                        }
                    ));
                    drop(g);
                }
                Err(err) => emit(format!("graph.load         failed: {err}")),
            }
            // The file is large: keep it only on request.
            if std::env::var_os("GEOKG_BENCH_KEEP").is_none() {
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    // Merge a second graph built with another seed (generation and build
    // not timed).
    let (ents, rels) = synthetic_records(2, n, e);
    let b = build_graph(ents, rels);
    let (ra, rb) = (a.relation_count(), b.relation_count());
    let mut a = a;
    let t = Instant::now();
    a.merge(b);
    let merge = t.elapsed().as_secs_f64();
    emit(format!(
        "graph.merge        {ra} + {rb} relations -> {} relations, {} entities  {merge:.2} s  peak RSS of the graph section {}",
        a.relation_count(),
        a.entity_count(),
        rss_mb(status_kb("VmHWM"))
    ));
    black_box(&a);
}

// ---------------------------------------------------------------------------
// Driver

fn run_section(name: &str) {
    match name {
        "extract" => section_extract(),
        "graph" => section_graph(),
        other => emit(format!("unknown section {other:?}")),
    }
}

/// Runs a section in a child process (this same executable with
/// `--section=NAME`), echoing and collecting its result lines. Falls back to
/// running it in this process when the child cannot be started.
fn run_child(name: &str, lines: &mut Vec<String>) {
    let exe = match std::env::current_exe() {
        Ok(p) => p,
        Err(_) => {
            lines.push(format!("# section {name} ran in the parent process (no current_exe)"));
            run_section(name);
            return;
        }
    };
    let child = Command::new(exe)
        .arg(format!("--section={name}"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(err) => {
            println!("# cannot start a child process ({err}): section {name} runs in this process");
            run_section(name);
            return;
        }
    };
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            println!("{line}");
            lines.push(line);
        }
    }
    match child.wait() {
        Ok(status) if status.success() => {}
        Ok(status) => {
            let line = format!("# section {name} failed: {status}");
            println!("{line}");
            lines.push(line);
        }
        Err(err) => {
            let line = format!("# section {name}: {err}");
            println!("{line}");
            lines.push(line);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();

    // Child mode: run one section and print its lines.
    if let Some(name) = args.iter().find_map(|a| a.strip_prefix("--section=")) {
        run_section(name);
        return;
    }

    // `cargo bench` passes `--bench`; a plain word filters sections.
    let filter: Option<&str> = args.iter().map(|a| a.as_str()).find(|a| !a.starts_with('-'));
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let header = format!("# geokg pipeline bench, {cores} cores available, unix time {unix}");
    println!("{header}");
    let mut lines = vec![header];

    for name in SECTIONS {
        let wanted = match filter {
            Some(f) => name.contains(f),
            None => true,
        };
        if wanted {
            run_child(name, &mut lines);
        }
    }

    let dir = target_dir();
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("bench-results.txt");
    let mut text = lines.join("\n");
    text.push('\n');
    match std::fs::write(&path, text) {
        Ok(()) => println!("results written to {}", path.display()),
        Err(err) => eprintln!("cannot write {}: {err}", path.display()),
    }
}
