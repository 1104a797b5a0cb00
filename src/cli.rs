//! Command-line interface. This is the only module that knows about clap,
//! anyhow, exit codes and terminals; everything else is library code.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use geokg::extract::{Extraction, Extractor};
use geokg::graph::KnowledgeGraph;
use geokg::input::{self, Document, Item};
use geokg::lexicon::Lexicon;
use geokg::model::{Category, Modality};
use geokg::query::{self, Direction, NeighborQuery};
use geokg::render::{self, View};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  geokg demo                                   # sample article -> graphs/demo.{json,dot,svg}
  geokg extract article.txt --date 2025-06-21  # triples as JSON lines
  geokg extract corpus.jsonl --format text     # readable triples
  geokg build corpus/ -o graph.json            # extract and merge into a graph file
  geokg merge a.json b.json -o all.json        # merge graph files
  geokg neighbors graph.json Belarus --depth 2
  geokg render graph.json -o belarus.svg --focus Belarus
  geokg stats graph.json";

#[derive(Parser)]
#[command(name = "geokg", version, about = "Turn news about international politics into a knowledge graph of typed, traceable relations", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entity-relation triples (or entity mentions) from articles.
    #[command(
        after_help = "Examples:\n  geokg extract article.txt --date 2025-06-21\n  geokg extract news.jsonl --format tsv > triples.tsv\n  geokg extract --mentions news.jsonl\n  cat article.txt | geokg extract - --format text"
    )]
    Extract(ExtractArgs),
    /// Extract articles and merge their triples into one graph file.
    #[command(
        after_help = "Examples:\n  geokg build corpus/ -o graph.json\n  geokg build a.jsonl b.txt -o graph.json --date 2025-06-21 --jobs 2"
    )]
    Build(BuildArgs),
    /// Merge graph files into one (commutative, associative, idempotent).
    #[command(
        after_help = "Examples:\n  geokg merge monday.json tuesday.json -o week.json\n  geokg merge outlet-*.json -o all.json --report > merges.txt"
    )]
    Merge(MergeArgs),
    /// List the relations around an entity.
    #[command(
        alias = "neighbours",
        after_help = "Examples:\n  geokg neighbors graph.json Belarus\n  geokg neighbors graph.json \"Alexander Lukashenko\" --depth 2 --direction out\n  geokg neighbors graph.json Russia --category ASSAULT,MOBILIZE --format json"
    )]
    Neighbors(NeighborsArgs),
    /// Draw a diagram of a graph as DOT or SVG.
    #[command(
        after_help = "Examples:\n  geokg render graph.json -o graph.svg\n  geokg render graph.json -o belarus.dot --focus Belarus --depth 1\n  geokg render graph.json -o conflict.svg --category ASSAULT,COERCE --engine sfdp"
    )]
    Render(RenderArgs),
    /// Summarise a graph: documents, entities by type, relations by category.
    Stats(StatsArgs),
    /// Relations between two actors (or one actor and everyone) per month, week, day or year.
    #[command(
        after_help = "Examples:\n  geokg timeline graph.json Russia Ukraine\n  geokg timeline graph.json Iran --by year --format json"
    )]
    Timeline(TimelineArgs),
    /// Key actors by number of relations or PageRank.
    #[command(after_help = "Examples:\n  geokg top graph.json\n  geokg top graph.json --by pagerank --type PERSON -n 10")]
    Top(TopArgs),
    /// The shortest chains of relations between two actors, with evidence on each hop.
    #[command(
        after_help = "Examples:\n  geokg path graph.json Belarus \"Keith Kellogg\"\n  geokg path graph.json Iran Ukraine --max-depth 3 -k 5 --format json\n\nExit status: 0 when a path is found, 1 when none is, 2 on error."
    )]
    Path(PathArgs),
    /// What changed between two graph files: entities and relations added, removed or with new evidence.
    #[command(
        after_help = "Examples:\n  geokg diff monday.json tuesday.json\n  geokg diff old.json new.json --format json > changes.json\n\nExit status: 0 when the graphs differ, 1 when they are the same, 2 on error."
    )]
    Diff(DiffArgs),
    /// Write a graph in a format other tools read: GraphML, N-Triples, Turtle, Neo4j, CSV, JSON Lines.
    #[command(
        after_help = "Examples:\n  geokg export graph.json --format graphml -o graph.graphml     # networkx, Gephi\n  geokg export graph.json --format turtle -o graph.ttl          # RDF stores (Oxigraph, Jena)\n  geokg export graph.json --format ntriples -o graph.nt\n  geokg export graph.json --format neo4j -o neo4j/              # nodes.csv, relations.csv, import.cypher\n  geokg export graph.json --format csv -o edges.csv             # pandas, DuckDB, spreadsheets\n  geokg export graph.json --format jsonl --since 2025-06-01 > june.jsonl"
    )]
    Export(ExportArgs),
    /// Show why each triple of an article was extracted.
    #[command(after_help = "Example:\n  geokg explain article.txt --date 2025-06-21 --sentence 11")]
    Explain(ExplainArgs),
    /// Run the whole pipeline on a bundled sample article.
    Demo(DemoArgs),
    /// Work with user dictionaries of actors.
    #[command(
        after_help = "Examples:\n  geokg dict check my-actors.tsv\n  geokg dict check Phoenix.Countries.actors.txt\n  geokg extract news.jsonl --dict my-actors.tsv"
    )]
    Dict(DictArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TripleFormat {
    Jsonl,
    Tsv,
    Text,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum QueryFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DirectionArg {
    Out,
    In,
    Both,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Articles: .txt files, .jsonl files (one article per line), directories, or - for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_parser = parse_date)]
    date: Option<String>,
    /// A directory of extra lexicon tables (same file names as src/data/) to add to the built-in ones.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// A user dictionary of actors: TSV (`name, type, aliases, roles`) or PETRARCH/Phoenix format. Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Treat input warnings (bad JSONL lines, binary files, bad UTF-8) as errors: exit 2.
    #[arg(long)]
    strict: bool,
}

#[derive(clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: TripleFormat,
    /// Print one JSON object per entity mention instead of triples.
    #[arg(long)]
    mentions: bool,
}

#[derive(clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The graph file to write.
    #[arg(short, long)]
    output: PathBuf,
    /// Print on stdout which spellings were merged into one entity, which
    /// bare surnames resolve to a full name, and which were ambiguous.
    #[arg(long)]
    report: bool,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// Graph files to merge.
    #[arg(required = true)]
    graphs: Vec<PathBuf>,
    /// The merged graph file to write (may be one of the inputs).
    #[arg(short, long)]
    output: PathBuf,
    /// Print on stdout which spellings were merged into one entity, which
    /// bare surnames resolve to a full name, and which were ambiguous.
    #[arg(long)]
    report: bool,
}

/// "As of" views: keep evidence dated in a range, and corroborated edges.
#[derive(clap::Args, Clone)]
struct FilterArgs {
    /// Only evidence dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    since: Option<String>,
    /// Only evidence dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    until: Option<String>,
    /// Only relations stated in at least this many distinct documents.
    #[arg(long, default_value_t = 1)]
    min_docs: usize,
}

impl FilterArgs {
    fn filter(&self) -> geokg::graph::Filter {
        geokg::graph::Filter {
            since: self.since.clone(),
            until: self.until.clone(),
            min_docs: self.min_docs,
        }
    }
}

fn parse_type(s: &str) -> Result<geokg::model::EntityType, String> {
    geokg::model::EntityType::parse(s)
        .ok_or_else(|| format!("unknown entity type {s:?} (PERSON, COUNTRY, ORGANIZATION, LOCATION, GROUP, OTHER)"))
}

#[derive(clap::Args)]
struct NeighborsArgs {
    graph: PathBuf,
    /// Entity name, alias or id (case-insensitive).
    entity: String,
    /// How many hops to follow.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    #[arg(long, value_enum, default_value = "both")]
    direction: DirectionArg,
    /// Only these categories (comma-separated, e.g. ASSAULT,COERCE).
    #[arg(long, value_delimiter = ',', value_parser = parse_category)]
    category: Vec<Category>,
    /// Include relations that are only stated as negated.
    #[arg(long)]
    include_negated: bool,
    /// Only neighbours of this entity type.
    #[arg(long = "type", value_parser = parse_type)]
    kind: Option<geokg::model::EntityType>,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum PeriodArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(clap::Args)]
struct TimelineArgs {
    graph: PathBuf,
    /// The actor.
    a: String,
    /// The other actor of the dyad (default: everyone).
    b: Option<String>,
    #[arg(long, value_enum, default_value = "month")]
    by: PeriodArg,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct PathArgs {
    graph: PathBuf,
    /// Where the paths start (name, alias or id).
    a: String,
    /// Where the paths end.
    b: String,
    /// Longest path, in hops.
    #[arg(long, default_value_t = 4)]
    max_depth: usize,
    /// How many paths to list.
    #[arg(short = 'k', default_value_t = 3)]
    k: usize,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The older graph file.
    old: PathBuf,
    /// The newer graph file.
    new: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormatArg {
    Graphml,
    Ntriples,
    Turtle,
    Neo4j,
    Csv,
    Jsonl,
}

#[derive(clap::Args)]
struct ExportArgs {
    graph: PathBuf,
    #[arg(long, value_enum)]
    format: ExportFormatArg,
    /// Output file (a directory for neo4j); standard output when absent or "-".
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RankArg {
    Degree,
    Pagerank,
}

#[derive(clap::Args)]
struct TopArgs {
    graph: PathBuf,
    #[arg(long, value_enum, default_value = "degree")]
    by: RankArg,
    /// Only entities of this type.
    #[arg(long = "type", value_parser = parse_type)]
    kind: Option<geokg::model::EntityType>,
    /// How many to list.
    #[arg(short = 'n', long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    filter: FilterArgs,
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct RenderArgs {
    graph: PathBuf,
    /// Output file: .dot, .svg, .html (interactive explorer), or .png/.pdf
    /// (these two need Graphviz installed).
    #[arg(short, long)]
    output: PathBuf,
    /// Draw only the entities around this one.
    #[arg(long)]
    focus: Option<String>,
    /// Hops around --focus.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Draw the shortest paths between two entities.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "focus")]
    between: Vec<String>,
    /// Only these categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_category)]
    category: Vec<Category>,
    /// Only these quad classes (comma-separated): verbal-cooperation,
    /// material-cooperation, verbal-conflict, material-conflict, state.
    #[arg(long, value_delimiter = ',', value_parser = parse_quad)]
    quad: Vec<geokg::model::Quad>,
    /// Keep at most this many entities, the most connected; the caption says
    /// what was left out.
    #[arg(long)]
    max_nodes: Option<usize>,
    /// Group entities in boxes: `country` puts persons and organisations
    /// inside their country's box when the graph says where they belong.
    #[arg(long, value_enum)]
    cluster_by: Option<ClusterBy>,
    /// Layout engine: dot, sfdp, neato, fdp, circo, twopi (default: by graph size).
    #[arg(long)]
    engine: Option<String>,
    /// Draw relations that are only stated as negated.
    #[arg(long)]
    show_negated: bool,
    /// Diagram title.
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ClusterBy {
    Country,
}

fn parse_quad(s: &str) -> Result<geokg::model::Quad, String> {
    use geokg::model::Quad;
    Ok(match s.trim().to_lowercase().replace('_', "-").as_str() {
        "verbal-cooperation" | "vc" => Quad::VerbalCooperation,
        "material-cooperation" | "mc" => Quad::MaterialCooperation,
        "verbal-conflict" | "vx" => Quad::VerbalConflict,
        "material-conflict" | "mx" => Quad::MaterialConflict,
        "state" => Quad::State,
        _ => {
            return Err(format!(
                "unknown quad class {s:?} (verbal-cooperation, material-cooperation, verbal-conflict, material-conflict, state)"
            ))
        }
    })
}

#[derive(clap::Args)]
struct StatsArgs {
    graph: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    /// How many of the most connected entities to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// One article (.txt) or a .jsonl file (every record is explained).
    file: PathBuf,
    /// Only triples from this sentence.
    #[arg(long)]
    sentence: Option<usize>,
    #[arg(long, value_parser = parse_date)]
    date: Option<String>,
    /// User dictionaries to load, as for extract.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct DictArgs {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(Subcommand)]
enum DictCommand {
    /// Validate a dictionary file (TSV or PETRARCH/Phoenix) and report every bad line.
    Check { file: PathBuf },
}

#[derive(clap::Args)]
struct DemoArgs {
    /// Directory to write demo.json, demo.dot and demo.svg into.
    #[arg(short, long, default_value = "graphs")]
    output: PathBuf,
}

fn parse_date(s: &str) -> Result<String, String> {
    geokg::extract::dates::normalize_iso(s).ok_or_else(|| format!("{s:?} is not a date (use YYYY-MM-DD)"))
}

fn parse_category(s: &str) -> Result<Category, String> {
    Category::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        format!("unknown category {s:?}; one of {}", all.join(", "))
    })
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    // Ctrl-C stops a long run between batches; writes are atomic, so the
    // output file is either untouched or complete.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let result = match cli.command {
        Command::Extract(a) => extract(a),
        Command::Build(a) => build(a),
        Command::Merge(a) => merge(a),
        Command::Neighbors(a) => neighbors(a),
        Command::Render(a) => render_cmd(a),
        Command::Stats(a) => stats(a),
        Command::Timeline(a) => timeline(a),
        Command::Top(a) => top(a),
        Command::Explain(a) => explain(a),
        Command::Demo(a) => demo(a),
        Command::Dict(a) => dict(a),
        Command::Path(a) => path(a),
        Command::Diff(a) => diff(a),
        Command::Export(a) => export(a),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("geokg: error: {e:#}");
            2
        }
    }
}

static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn extractor(lexicon: Option<&Path>, dicts: &[PathBuf]) -> Result<Extractor> {
    let lex = Lexicon::load_with(lexicon, dicts).context("loading the lexicon")?;
    Ok(Extractor::new(lex))
}

/// Counts the documents the inputs hold (lines of JSONL files), cheaply,
/// for the progress bar.
fn count_documents(files: &[PathBuf]) -> u64 {
    let mut n = 0u64;
    for f in files {
        if f.extension().is_some_and(|e| e == "jsonl") {
            if let Ok(bytes) = std::fs::read(f) {
                n += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            }
        } else {
            n += 1;
        }
    }
    n
}

/// Reads the inputs in batches, extracts each batch in parallel and hands
/// the results to `sink` in input order, so that output never depends on
/// the number of threads.
fn run_pipeline(args: &InputArgs, progress: bool, mut sink: impl FnMut(&Document, Extraction) -> Result<()>) -> Result<(u64, u64)> {
    let ex = extractor(args.lexicon.as_deref(), &args.dicts)?;
    let files = input::expand_paths(&args.paths)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let bar = if progress && std::io::stderr().is_terminal() {
        let total = count_documents(&files);
        if total > 5 {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed} (eta {eta})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            Some(b)
        } else {
            None
        }
    } else {
        None
    };
    let (mut docs, mut warnings) = (0u64, 0u64);
    const BATCH: usize = 512;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, sink: &mut dyn FnMut(&Document, Extraction) -> Result<()>| -> Result<()> {
        let results: Vec<Extraction> = pool.install(|| batch.par_iter().map(|d| ex.extract(d)).collect());
        for (d, x) in batch.iter().zip(results) {
            for w in &x.warnings {
                eprintln!("geokg: warning: {w}");
            }
            sink(d, x)?;
        }
        if let Some(b) = &bar {
            b.inc(batch.len() as u64);
        }
        batch.clear();
        Ok(())
    };
    'files: for path in &files {
        for item in input::read_file(path, args.date.as_deref())? {
            if interrupted() {
                break 'files;
            }
            match item {
                Item::Warning(w) => {
                    warnings += 1;
                    if let Some(b) = &bar {
                        b.suspend(|| eprintln!("geokg: warning: {w}"));
                    } else {
                        eprintln!("geokg: warning: {w}");
                    }
                }
                Item::Doc(d) => {
                    docs += 1;
                    batch.push(d);
                    if batch.len() == BATCH {
                        flush(&mut batch, &mut sink)?;
                    }
                }
            }
        }
    }
    if interrupted() {
        if let Some(b) = &bar {
            b.finish_and_clear();
        }
        bail!("interrupted after {docs} documents; output is incomplete and no graph file was written (run the command again to rebuild)");
    }
    flush(&mut batch, &mut sink)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if args.strict && warnings > 0 {
        bail!("{warnings} input warnings and --strict is set");
    }
    Ok((docs, warnings))
}

fn extract(a: ExtractArgs) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let format = a.format;
    let mentions = a.mentions;
    let mut triples = 0usize;
    let (docs, warnings) = run_pipeline(&a.input, false, |_, x| {
        triples += x.triples.len();
        write_extraction(&mut out, &x, format, mentions)
    })?;
    out.flush()?;
    if warnings > 0 || docs > 1 {
        eprintln!(
            "geokg: {docs} documents, {triples} triples{}",
            if warnings > 0 {
                format!(", {warnings} input warnings")
            } else {
                String::new()
            }
        );
    }
    Ok(0)
}

fn write_extraction(out: &mut impl Write, x: &Extraction, format: TripleFormat, mentions: bool) -> Result<()> {
    if mentions {
        for m in &x.mentions {
            serde_json::to_writer(&mut *out, m)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    for t in &x.triples {
        match format {
            TripleFormat::Jsonl => {
                serde_json::to_writer(&mut *out, t)?;
                out.write_all(b"\n")?;
            }
            TripleFormat::Tsv => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                t.subject.name,
                t.predicate,
                t.category,
                t.object.name,
                t.evidence.doc,
                t.evidence.sentence,
                t.date.as_deref().unwrap_or(""),
                t.modality.as_str(),
                t.negated,
                t.evidence.text.replace(['\t', '\n', '\r'], " ")
            )?,
            TripleFormat::Text => writeln!(out, "{}", triple_line(t))?,
        }
    }
    Ok(())
}

fn triple_line(t: &geokg::model::Triple) -> String {
    let mut tags = vec![t.category.as_str().to_string()];
    if t.negated {
        tags.push("negated".into());
    }
    if t.modality != Modality::Asserted {
        tags.push(t.modality.as_str().into());
    }
    if let Some(a) = &t.attribution {
        tags.push(format!("says {}", a.name));
    }
    if let Some(d) = &t.date {
        tags.push(d.clone());
    }
    format!(
        "{} -{}-> {}  [{}]  {}#{}: {}",
        t.subject.name,
        t.predicate,
        t.object.name,
        tags.join(", "),
        t.evidence.doc,
        t.evidence.sentence,
        t.evidence.text
    )
}

fn build(a: BuildArgs) -> Result<i32> {
    let mut g = KnowledgeGraph::new();
    let mut triples = 0usize;
    let (docs, warnings) = run_pipeline(&a.input, true, |d, x| {
        triples += x.triples.len();
        g.add_extraction(d, &x.triples);
        Ok(())
    })?;
    g.save(&a.output)?;
    if a.report {
        print_report(&g)?;
    }
    eprintln!(
        "geokg: {docs} documents, {triples} triples -> {} entities, {} relations in {}{}",
        g.entity_count(),
        g.relation_count(),
        a.output.display(),
        if warnings > 0 {
            format!(" ({warnings} warnings)")
        } else {
            String::new()
        }
    );
    Ok(0)
}

/// A graph file as questions see it: bare surnames resolved across
/// documents (the file itself keeps what the documents said; see `resolve`).
fn load(path: &Path) -> Result<KnowledgeGraph> {
    Ok(geokg::resolve::resolve(&KnowledgeGraph::load(path)?).0)
}

/// Prints the entity-resolution report of a graph on stdout.
fn print_report(g: &KnowledgeGraph) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    geokg::resolve::resolve(g).1.write_text(&mut out)?;
    out.flush()?;
    Ok(())
}

fn merge(a: MergeArgs) -> Result<i32> {
    let mut g = KnowledgeGraph::new();
    for p in &a.graphs {
        g.merge(KnowledgeGraph::load(p)?);
    }
    g.save(&a.output)?;
    if a.report {
        print_report(&g)?;
    }
    eprintln!(
        "geokg: merged {} graphs -> {} entities, {} relations in {}",
        a.graphs.len(),
        g.entity_count(),
        g.relation_count(),
        a.output.display()
    );
    Ok(0)
}

fn neighbors(a: NeighborsArgs) -> Result<i32> {
    let g = load(&a.graph)?;
    // Resolve the name on the whole graph, so that an entity outside the
    // view gives "nothing found" rather than "no such entity".
    let id = g.entity(g.find(&a.entity)?).id.clone();
    let g = g.filtered(&a.filter.filter());
    let Some(start) = g.node(&id) else {
        eprintln!("geokg: {} has no relations in this view", a.entity);
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
    let mut rows = query::neighbors(&g, start, &q);
    if let Some(k) = a.kind {
        rows.retain(|r| (r.subject.id == id || r.subject.kind == k) && (r.object.id == id || r.object.kind == k));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match a.format {
        QueryFormat::Json => {
            let e = g.entity(start);
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({"entity": {"id": e.id, "name": e.name, "type": e.kind}, "relations": rows}),
            )?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            let e = g.entity(start);
            writeln!(out, "{} ({}, {}): {} relations", e.name, e.kind, e.id, rows.len())?;
            let w1 = rows.iter().map(|r| r.subject.name.chars().count()).max().unwrap_or(7).max(7);
            let w2 = rows.iter().map(|r| r.predicate.chars().count()).max().unwrap_or(8).max(8);
            let w3 = rows.iter().map(|r| r.object.name.chars().count()).max().unwrap_or(6).max(6);
            writeln!(
                out,
                "{:<5} {:<w1$}  {:<w2$}  {:<w3$}  {:<15}  {:>5}  {:>4}  {:<10}  evidence",
                "depth", "subject", "relation", "object", "category", "count", "docs", "last date"
            )?;
            for r in &rows {
                let text: String = r.evidence.text.chars().take(100).collect();
                writeln!(
                    out,
                    "{:<5} {:<w1$}  {:<w2$}  {:<w3$}  {:<15}  {:>5}  {:>4}  {:<10}  {}#{}: {}",
                    r.depth,
                    r.subject.name,
                    r.predicate,
                    r.object.name,
                    r.category.as_str(),
                    r.count,
                    r.documents,
                    r.last_date.as_deref().unwrap_or("-"),
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

fn render_cmd(a: RenderArgs) -> Result<i32> {
    let g = load(&a.graph)?.filtered(&a.filter.filter());
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
    if a.output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    {
        let title = a.title.as_deref().unwrap_or("geokg");
        let page = geokg::html::to_html(&g, &sel.nodes, &sel.edges, title);
        geokg::graph::write_atomic(&a.output, |w| w.write_all(page.as_bytes()))?;
    } else if let Some(engine) = render::write(&g, &view, &a.output, a.engine.as_deref())? {
        eprintln!(
            "geokg: laid out {} entities and {} relations with {engine}",
            sel.nodes.len(),
            sel.edges.len()
        );
    }
    eprintln!("geokg: wrote {}", a.output.display());
    Ok(0)
}

fn stats(a: StatsArgs) -> Result<i32> {
    let g = load(&a.graph)?.filtered(&a.filter.filter());
    let s = query::stats(&g, a.top);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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
        }
    }
    out.flush()?;
    Ok(0)
}

fn explain(a: ExplainArgs) -> Result<i32> {
    let ex = extractor(None, &a.dicts)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut any = false;
    for item in input::read_file(&a.file, a.date.as_deref())? {
        let Item::Doc(doc) = item else { continue };
        let x = ex.extract(&doc);
        for (t, steps) in x.triples.iter().zip(&x.explanations) {
            if a.sentence.is_some_and(|s| s != t.evidence.sentence) {
                continue;
            }
            any = true;
            writeln!(out, "{}", triple_line(t))?;
            writeln!(out, "  rule: {}  confidence: {:.2}", t.rule, t.confidence)?;
            for s in steps {
                writeln!(out, "  - {s}")?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if any { 0 } else { 1 })
}

/// The bundled sample article: written for geokg about real events.
const DEMO_ARTICLE: &str = include_str!("demo_article.txt");

fn demo(a: DemoArgs) -> Result<i32> {
    std::fs::create_dir_all(&a.output).with_context(|| format!("creating {}", a.output.display()))?;
    let ex = extractor(None, &[])?;
    let mut doc = Document::new("demo", DEMO_ARTICLE);
    doc.date = Some("2024-03-08".into());
    doc.title = DEMO_ARTICLE.lines().next().map(str::to_string);
    let x = ex.extract(&doc);
    let mut g = KnowledgeGraph::new();
    g.add_extraction(&doc, &x.triples);
    let json = a.output.join("demo.json");
    g.save(&json)?;
    let view = View {
        title: Some("geokg demo: Sweden joins NATO".into()),
        ..View::default()
    };
    let dot = a.output.join("demo.dot");
    render::write(&g, &view, &dot, None)?;
    let svg = a.output.join("demo.svg");
    let engine = render::write(&g, &view, &svg, None)?;
    for t in &x.triples {
        println!("{}", triple_line(t));
    }
    if let Some(engine) = engine {
        eprintln!("geokg: laid out with {engine}");
    }
    eprintln!(
        "geokg: {} triples, {} entities -> {}, {}, {}",
        x.triples.len(),
        g.entity_count(),
        json.display(),
        dot.display(),
        svg.display()
    );
    if x.triples.is_empty() {
        bail!("the demo article gave no triples");
    }
    Ok(0)
}

fn dict(a: DictArgs) -> Result<i32> {
    let DictCommand::Check { file } = a.command;
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let name = file.display().to_string();
    let format = geokg::dict::detect(&text);
    let (entries, errors, warnings) = geokg::dict::parse_with_warnings(&name, &text);
    for w in &warnings {
        eprintln!("geokg: warning: {w}");
    }
    for e in &errors {
        eprintln!("geokg: error: {e}");
    }
    let mut by_type = std::collections::BTreeMap::new();
    for e in &entries {
        *by_type.entry(e.kind.as_str()).or_insert(0usize) += 1;
    }
    let aliases: usize = entries.iter().map(|e| e.aliases.len()).sum();
    let types: Vec<String> = by_type.iter().map(|(t, n)| format!("{n} {}", t.to_lowercase())).collect();
    println!(
        "{name}: {} format, {} entries ({}), {aliases} synonyms, {} errors, {} warnings",
        if format == geokg::dict::Format::Phoenix {
            "PETRARCH/Phoenix"
        } else {
            "TSV"
        },
        entries.len(),
        types.join(", "),
        errors.len(),
        warnings.len()
    );
    Ok(if errors.is_empty() { 0 } else { 2 })
}

fn timeline(a: TimelineArgs) -> Result<i32> {
    let g = load(&a.graph)?.filtered(&a.filter.filter());
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
    let rows = query::timeline(&g, x, y, by);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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
            writeln!(out, "{who}: {} periods", rows.len())?;
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
                    r.statements,
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

fn top(a: TopArgs) -> Result<i32> {
    let g = load(&a.graph)?.filtered(&a.filter.filter());
    let rows = query::top(&g, a.by == RankArg::Pagerank, a.kind, a.limit);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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

fn path(a: PathArgs) -> Result<i32> {
    let g = load(&a.graph)?.filtered(&a.filter.filter());
    let (x, y) = (g.find(&a.a)?, g.find(&a.b)?);
    let rows = geokg::path::paths(&g, x, y, a.max_depth, a.k);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (from, to) = (&g.entity(x).name, &g.entity(y).name);
    match a.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({"from": from, "to": to, "paths": rows}))?;
            writeln!(out)?;
        }
        QueryFormat::Text => {
            if rows.is_empty() {
                writeln!(out, "no path from {from} to {to} within {} hops", a.max_depth)?;
            }
            for (n, r) in rows.iter().enumerate() {
                writeln!(out, "path {} ({} hops, {} documents):", n + 1, r.length, r.documents)?;
                for h in &r.hops {
                    let arrow = match (h.symmetric, h.forward) {
                        (true, _) => format!("-{}-", h.predicate),
                        (false, true) => format!("-{}->", h.predicate),
                        (false, false) => format!("<-{}-", h.predicate),
                    };
                    let text: String = h.evidence.text.chars().take(100).collect();
                    writeln!(
                        out,
                        "  {} {arrow} {}  [{}, {} docs]",
                        h.from.name,
                        h.to.name,
                        h.category.as_str(),
                        h.documents
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

fn diff(a: DiffArgs) -> Result<i32> {
    let old = load(&a.old)?;
    let new = load(&a.new)?;
    let d = geokg::diff::diff(&old, &new);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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

fn export(a: ExportArgs) -> Result<i32> {
    use geokg::export::ExportFormat;
    let g = load(&a.graph)?.filtered(&a.filter.filter());
    let format = match a.format {
        ExportFormatArg::Graphml => ExportFormat::Graphml,
        ExportFormatArg::Ntriples => ExportFormat::Ntriples,
        ExportFormatArg::Turtle => ExportFormat::Turtle,
        ExportFormatArg::Neo4j => ExportFormat::Neo4j,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
    };
    let to_stdout = a.output.as_deref().is_none_or(|p| p == Path::new("-"));
    if format == ExportFormat::Neo4j {
        let Some(dir) = a.output.as_deref().filter(|_| !to_stdout) else {
            bail!("the neo4j export writes several files: name a directory with -o");
        };
        let written = geokg::export::export_neo4j(&g, dir).with_context(|| format!("writing the neo4j export to {}", dir.display()))?;
        for p in written {
            eprintln!("geokg: wrote {}", p.display());
        }
        return Ok(0);
    }
    if to_stdout {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        geokg::export::export(&g, format, &mut out)?;
        out.flush()?;
    } else if let Some(path) = a.output.as_deref() {
        geokg::graph::write_atomic(path, |w| geokg::export::export(&g, format, w))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "geokg: wrote {} ({} entities, {} relations as {})",
            path.display(),
            g.entity_count(),
            g.relation_count(),
            format.as_str()
        );
    }
    Ok(0)
}
