//! Command-line interface. This is the only module that knows about clap,
//! anyhow, exit codes and terminals; everything else is library code.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use geokg::extract::{Extraction, Extractor};
use geokg::graph::KnowledgeGraph;
use geokg::input::{self, Document, Item};
use geokg::lexicon::Lexicon;
use geokg::model::{Category, Modality};
use geokg::output;
use geokg::query::{self, Direction, NeighborQuery};
use geokg::render::{self, View};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

mod articles;
mod events;
mod pipeline;
mod queries;
mod syntax;

use articles::*;
use events::*;
use pipeline::*;
use queries::*;
use syntax::*;

const EXAMPLES: &str = "\
Examples:
  geokg demo                                   # sample article -> geokg-demo/demo.{json,dot,svg}
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
    /// Event records: one per date, source, target, category and place, with every statement that reports it.
    #[command(
        after_help = "Examples:\n  geokg events graph.json\n  geokg events graph.json --category ASSAULT --entity Kharkiv\n  geokg events graph.json --since 2025-06-01 --format jsonl > june-events.jsonl\n  geokg export graph.json --format plover -o events.jsonl   # PLOVER records"
    )]
    Events(EventsArgs),
    /// Who held an office (a LEADER_OF or AFFILIATED_WITH predicate) of an entity, and when.
    #[command(
        after_help = "Examples:\n  geokg holders graph.json president-of Iran\n  geokg holders graph.json foreign-minister-of \"United Kingdom\" --format json\n\nEach term's ends say their basis: gazetteer (dated roles), statement (the\nfirst dated statement), former (a statement calls the holder former) or\nsuccessor (the next holder's start). Overlapping holders are reported."
    )]
    Holders(HoldersArgs),
    /// Remove documents and every statement they carried from a graph file.
    #[command(
        after_help = "Examples:\n  geokg remove graph.json --doc retracted-42 -o graph.json\n  geokg remove graph.json --source tabloid.example -o trusted.json\n\nMerging the removed documents' graph back gives the original file byte for byte."
    )]
    Remove(RemoveArgs),
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
    /// Write a graph in a format other tools read: GraphML, GEXF, N-Triples, Turtle, Neo4j, CSV, JSON Lines, PLOVER, Parquet.
    #[command(
        after_help = "Examples:\n  geokg export graph.json --format graphml -o graph.graphml     # networkx, Gephi\n  geokg export graph.json --format gexf -o graph.gexf           # Gephi, with a timeline\n  geokg export graph.json --format parquet -o tables/           # DuckDB, pandas, Spark\n  geokg export graph.json --format turtle -o graph.ttl          # RDF stores (Oxigraph, Jena)\n  geokg export graph.json --format ntriples -o graph.nt\n  geokg export graph.json --format neo4j -o neo4j/              # nodes.csv, relations.csv, import.cypher\n  geokg export graph.json --format csv -o edges.csv             # pandas, DuckDB, spreadsheets\n  geokg export graph.json --format jsonl --since 2025-06-01 > june.jsonl\n  geokg export graph.json --format plover -o events.jsonl        # PLOVER event records (POLECAT)"
    )]
    Export(ExportArgs),
    /// Show why each triple of an article was extracted.
    #[command(after_help = "Example:\n  geokg explain article.txt --date 2025-06-21 --sentence 11")]
    Explain(ExplainArgs),
    /// Run the whole pipeline on a bundled sample article.
    #[command(
        after_help = "Examples:\n  geokg demo                 # writes geokg-demo/demo.json, demo.dot, demo.svg\n  geokg demo -o /tmp/demo"
    )]
    Demo(DemoArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  geokg completions bash > ~/.local/share/bash-completion/completions/geokg\n  geokg completions zsh > ~/.zfunc/_geokg\n  geokg completions fish > ~/.config/fish/completions/geokg.fish\n  geokg completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    #[command(after_help = "Examples:\n  geokg man > geokg.1 && man ./geokg.1\n  geokg man | gzip > /usr/local/share/man/man1/geokg.1.gz")]
    Man,
    /// Work with user dictionaries of actors.
    #[command(
        after_help = "Examples:\n  geokg dict check my-actors.tsv\n  geokg dict check Phoenix.Countries.actors.txt\n  geokg dict check CAMEO.2.0.txt\n  geokg extract news.jsonl --dict my-actors.tsv --verbs CAMEO.2.0.txt"
    )]
    Dict(DictArgs),
    /// Tag and parse articles into Universal Dependencies, printed as CoNLL-U.
    #[command(
        after_help = "Examples:\n  geokg parse article.txt                       # one CoNLL-U block per story sentence\n  geokg parse news.jsonl > news.conllu\n  geokg parse --conllu gold.conllu > pred.conllu  # re-tag and re-parse gold words\n  python3 score.py parse gold.conllu pred.conllu\n\nWords carry their byte span in the article in MISC (TokenRange=START:END)."
    )]
    Parse(ParseArgs),
    /// Train the tagger and parser on UD English-EWT and English-GUM and write the model file.
    #[command(
        after_help = "Examples:\n  geokg train-parser --ud ../shared/ud -o src/syntax/model.bin\n  geokg train-parser --ud ../shared/ud -o /tmp/m.bin --parser-epochs 8\n  geokg train-parser --ud ../shared/ud --evaluate builtin   # dev scores of the shipped model\n\nTrains on en_ewt-train.conllu and en_gum-train.conllu and prints scores on the\n*-dev.conllu files found beside them. The same files and seed give a byte-identical model."
    )]
    TrainParser(TrainParserArgs),
}

#[derive(clap::Args)]
struct ParseArgs {
    /// Articles: .txt files, .jsonl files (one article per line), directories, or - for stdin.
    #[arg(required_unless_present = "conllu", conflicts_with = "conllu")]
    paths: Vec<PathBuf>,
    /// Re-tag and re-parse the words of this CoNLL-U file (its tokens are kept as they are).
    #[arg(long, value_name = "FILE")]
    conllu: Option<PathBuf>,
    /// Use this model file (written by train-parser) instead of the built-in model.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args)]
struct TrainParserArgs {
    /// The directory holding en_ewt-train.conllu and en_gum-train.conllu (and the -dev files).
    #[arg(long, value_name = "DIR")]
    ud: PathBuf,
    /// The model file to write.
    #[arg(short, long, required_unless_present = "evaluate")]
    output: Option<PathBuf>,
    /// Train nothing: score this model file (or `builtin`, the shipped model) on the dev files.
    #[arg(long, value_name = "FILE", conflicts_with = "output")]
    evaluate: Option<PathBuf>,
    /// Seed for the order of training sentences and for exploration.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Passes over the training data for the tagger.
    #[arg(long)]
    tagger_epochs: Option<usize>,
    /// Passes over the training data for the parser.
    #[arg(long)]
    parser_epochs: Option<usize>,
    /// Jackknife folds for the tags the parser trains on (1: gold tags).
    #[arg(long)]
    folds: Option<usize>,
    /// Drop quantised weights below this magnitude (a smaller model).
    #[arg(long)]
    min_weight: Option<usize>,
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
    /// A user dictionary of actors or agents: TSV (`name, type, aliases, roles`), PETRARCH/Phoenix actors, or PETRARCH agents. Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// A PETRARCH/TABARI CAMEO verb dictionary (such as CAMEO.2.0.txt) whose verbs join the verb lexicon. Repeatable.
    #[arg(long = "verbs", value_name = "FILE")]
    verbs: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

/// How inputs are read, shared by every command over articles (`extract`,
/// `build`, `parse`).
#[derive(clap::Args)]
struct ReadArgs {
    /// Worker threads (default: all cores; at most 256). Output does not depend on it.
    #[arg(long, short = 'j', value_parser = parse_jobs)]
    jobs: Option<usize>,
    /// Largest document to read, in bytes (a plain-text file, or one JSONL
    /// line); larger inputs are refused with a message. Suffixes K, M, G.
    #[arg(long, value_name = "BYTES", value_parser = parse_size, default_value_t = geokg::input::DEFAULT_MAX_DOCUMENT)]
    max_document_size: u64,
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
    /// The graph file to write: JSON, or the binary file when the name ends
    /// in .geokg (defaults to the --into file).
    #[arg(short, long, required_unless_present = "into")]
    output: Option<PathBuf>,
    /// Add the documents to this existing graph file (JSON or binary)
    /// instead of starting empty: the result is the graph a build of all
    /// the documents would give, byte for byte.
    #[arg(long, value_name = "GRAPH")]
    into: Option<PathBuf>,
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
    /// Only evidence dated on or after this day (YYYY-MM-DD; YYYY-MM or
    /// YYYY starts on the first day of that month or year).
    #[arg(long, value_parser = parse_date)]
    since: Option<String>,
    /// Only evidence dated on or before this day (YYYY-MM-DD; YYYY-MM or
    /// YYYY ends on the last day of that month or year).
    #[arg(long, value_parser = parse_date)]
    until: Option<String>,
    /// Only relations stated in at least this many distinct documents.
    #[arg(long, default_value_t = 1)]
    min_docs: usize,
    /// The graph as it stood on this day: events stated by then, and
    /// offices and affiliations whose term covers the day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> geokg::graph::Filter {
        geokg::graph::Filter {
            since: self.since.clone(),
            until: self.until.clone(),
            min_docs: self.min_docs,
            as_of: self.as_of.clone(),
        }
    }
}

fn parse_type(s: &str) -> Result<geokg::model::EntityType, String> {
    geokg::options::entity_type(s)
}

#[derive(clap::Args)]
struct NeighborsArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    /// Entity name, alias or id (case-insensitive).
    entity: String,
    /// How many hops to follow (1 or more).
    #[arg(long, default_value_t = 1, value_parser = parse_depth)]
    depth: usize,
    /// Which relations to follow: from the entity (out), to it (in), or both.
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
    /// Output: a readable table (text) or JSON.
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
    /// The graph file (from build or merge).
    graph: PathBuf,
    /// The actor (name, alias or id).
    a: String,
    /// The other actor of the dyad (default: everyone).
    b: Option<String>,
    /// The length of a period.
    #[arg(long, value_enum, default_value = "month")]
    by: PeriodArg,
    /// Count reported, planned, requested and hypothetical statements too
    /// (by default only asserted ones count; negated ones never do).
    #[arg(long)]
    include_hedged: bool,
    /// What the columns count: event records (one strike reported by three
    /// outlets is one) or statements.
    #[arg(long, value_enum, default_value = "events")]
    count: CountArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output: a readable table (text) or JSON.
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CountArg {
    Events,
    Statements,
}

#[derive(clap::Args)]
struct PathArgs {
    /// The graph file (from build or merge).
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
    /// Output: a readable table (text) or JSON.
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The older graph file.
    old: PathBuf,
    /// The newer graph file.
    new: PathBuf,
    /// Output: readable lines (text) or JSON.
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct ExportArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    #[arg(long, value_parser = parse_export_format, help = export_format_help())]
    format: &'static geokg::output::Format,
    /// Output file (a directory for neo4j and parquet); standard output when absent or "-".
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

#[derive(clap::Args)]
struct EventsArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    /// Only these categories (comma-separated, e.g. ASSAULT,COERCE).
    #[arg(long, value_delimiter = ',', value_parser = parse_category)]
    category: Vec<Category>,
    /// Only events this entity is the source, target or place of.
    #[arg(long)]
    entity: Option<String>,
    /// Also events only planned, requested or hypothetical (reported ones
    /// always count; negated ones never do).
    #[arg(long)]
    include_hedged: bool,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output: a readable table (text), JSON, or one JSON record per line.
    #[arg(long, value_enum, default_value = "text")]
    format: RecordFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RecordFormat {
    Text,
    Json,
    Jsonl,
}

#[derive(clap::Args)]
struct HoldersArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    /// The office's predicate (president-of, prime-minister-of, leader-of, ...).
    predicate: String,
    /// Whose office: a country or organisation (name, alias or id).
    owner: String,
    /// Output: a readable table (text) or JSON.
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct RemoveArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    /// A document id to remove (repeatable).
    #[arg(long = "doc", value_name = "ID")]
    docs: Vec<String>,
    /// Remove every document of this outlet (its source, else its URL's host; repeatable).
    #[arg(long = "source", value_name = "OUTLET")]
    sources: Vec<String>,
    /// The graph file to write (may be the input).
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RankArg {
    Degree,
    Pagerank,
}

#[derive(clap::Args)]
struct TopArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    /// Rank by number of distinct relations (degree) or by PageRank.
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
    /// Output: a readable table (text) or JSON.
    #[arg(long, value_enum, default_value = "text")]
    format: QueryFormat,
}

#[derive(clap::Args)]
struct RenderArgs {
    /// The graph file (from build or merge).
    graph: PathBuf,
    #[arg(short, long, help = render_output_help())]
    output: PathBuf,
    /// Draw only the entities around this one.
    #[arg(long)]
    focus: Option<String>,
    /// Hops around --focus (1 or more).
    #[arg(long, default_value_t = 1, value_parser = parse_depth)]
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
    /// Layout engine: dot, sfdp, neato, fdp, circo, twopi, osage or
    /// patchwork (default: dot for small graphs, sfdp for large ones).
    #[arg(long, value_parser = parse_engine)]
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

fn parse_engine(s: &str) -> Result<String, String> {
    geokg::render::check_layout(s).map_err(|e| e.to_string())?;
    Ok(s.to_string())
}

fn parse_export_format(s: &str) -> Result<&'static geokg::output::Format, String> {
    let names: Vec<&str> = output::formats(output::Command::Export).map(|f| f.name).collect();
    output::by_name(s)
        .filter(|f| f.command == output::Command::Export)
        .ok_or_else(|| format!("unknown export format {s:?} ({})", names.join(", ")))
}

/// `export --format`'s help: every export format of the registry.
fn export_format_help() -> String {
    format!("The format: {}.", output::help(output::Command::Export))
}

/// `render -o`'s help: the extensions of every diagram format.
fn render_output_help() -> String {
    let formats: Vec<String> = output::formats(output::Command::Render)
        .map(|f| {
            let ext: Vec<String> = f.extensions.iter().map(|e| format!(".{e}")).collect();
            format!("{} ({})", ext.join(" or "), f.help)
        })
        .collect();
    format!("Output file; its extension picks the format: {}.", formats.join(", "))
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
    /// The graph file (from build or merge).
    graph: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    /// How many of the most connected entities to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Output: a readable summary (text) or JSON.
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
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_parser = parse_date)]
    date: Option<String>,
    /// User dictionaries to load, as for extract.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// CAMEO verb dictionaries to load, as for extract.
    #[arg(long = "verbs", value_name = "FILE")]
    verbs: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct DictArgs {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(Subcommand)]
enum DictCommand {
    /// Validate a dictionary file (actors as TSV or PETRARCH/Phoenix, PETRARCH agents, or a CAMEO verb dictionary) and report every bad line.
    Check {
        /// The dictionary file.
        file: PathBuf,
    },
}

#[derive(clap::Args)]
struct DemoArgs {
    /// Directory to write demo.json, demo.dot and demo.svg into (created
    /// when missing). The repository's committed example is `-o graphs`.
    #[arg(short, long, default_value = "geokg-demo")]
    output: PathBuf,
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    let n: usize = s.trim().parse().map_err(|_| format!("{s:?} is not a number of threads"))?;
    geokg::options::jobs(n)
}

/// A size in bytes, with an optional K, M or G suffix (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 10),
        Some((i, 'M' | 'm')) => (&t[..i], 20),
        Some((i, 'G' | 'g')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 64M, 512K, 1000000)"))?;
    n.checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{s:?} is not a usable size"))
}

fn parse_depth(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("0 hops shows nothing: use 1 or more".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a number of hops")),
    }
}

use geokg::terminal::plural;

fn parse_date(s: &str) -> Result<String, String> {
    geokg::options::date(s)
}

fn parse_category(s: &str) -> Result<Category, String> {
    geokg::options::category(s)
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    // Ctrl-C stops a long extraction between batches, with a message; any
    // other command stops at once. Writes are atomic, so the output file is
    // either untouched or complete, and a temporary left behind is removed
    // by the next write of the same file.
    let _ = ctrlc::set_handler(|| {
        if !POLLED.load(std::sync::atomic::Ordering::SeqCst) || INTERRUPTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            geokg::atomic::remove_temporaries();
            eprintln!("geokg: interrupted; nothing was written");
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
        Command::Events(a) => events(a),
        Command::Holders(a) => holders(a),
        Command::Remove(a) => remove(a),
        Command::Top(a) => top(a),
        Command::Explain(a) => explain(a),
        Command::Demo(a) => demo(a),
        Command::Dict(a) => dict(a),
        Command::Path(a) => path(a),
        Command::Diff(a) => diff(a),
        Command::Export(a) => export(a),
        Command::Parse(a) => parse(a),
        Command::TrainParser(a) => train_parser(a),
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // Paths and names in messages come from users and articles.
            eprintln!("geokg: error: {}", geokg::terminal::clean(&format!("{e:#}")));
            2
        }
    }
}

fn completions(shell: clap_complete::Shell) -> Result<i32> {
    use clap::CommandFactory;
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "geokg", &mut out);
    out.flush()?;
    Ok(0)
}

fn man() -> Result<i32> {
    use clap::CommandFactory;
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(0)
}

/// Standard output for text and JSON answers: buffered, with control
/// characters from articles shown rather than sent to the terminal.
fn text_out() -> std::io::BufWriter<geokg::terminal::Safe<std::io::StdoutLock<'static>>> {
    std::io::BufWriter::new(geokg::terminal::Safe::new(std::io::stdout().lock()))
}

static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Set while a command checks `interrupted()` between batches of work and
/// can stop cleanly; otherwise the first Ctrl-C ends the process.
static POLLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Marks the current command as one that stops cleanly on Ctrl-C.
fn poll_for_interrupts() {
    POLLED.store(true, std::sync::atomic::Ordering::SeqCst);
}

fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(geokg::error::is_broken_pipe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand, positional and flag says what it is in `--help`.
    #[test]
    fn every_argument_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {}", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "geokg", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }

    /// The render help names every output format.
    #[test]
    fn render_help_names_every_output_format() {
        let mut cmd = Cli::command();
        let render = cmd.find_subcommand_mut("render").unwrap();
        let help = render.render_long_help().to_string();
        for ext in [".dot", ".gv", ".svg", ".html", ".png", ".pdf"] {
            assert!(help.contains(ext), "render --help does not name {ext}");
        }
    }

    #[test]
    fn counts_take_the_right_plural() {
        assert_eq!(plural(1, "document"), "1 document");
        assert_eq!(plural(2, "document"), "2 documents");
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(0, "entity"), "0 entities");
    }
}
