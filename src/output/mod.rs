//! Every output geokg writes from a graph, behind one interface and one
//! registry: diagrams (DOT, SVG, PNG, PDF, the HTML explorer) and exports
//! (GraphML, GEXF, N-Triples, Turtle, CSV, JSON Lines, PLOVER records,
//! Neo4j and Parquet directories).
//!
//! A [`Format`] is a name, the file extensions it answers to, the command
//! that offers it and a [`Writer`]: a plain function of one of four shapes.
//! [`REGISTRY`] lists them all; `geokg export --format NAME` looks formats
//! up by name ([`by_name`]), `geokg render -o FILE` by extension
//! ([`by_extension`]), and the Python package goes through the same table.
//! A new format is one file here and one line in [`REGISTRY`].
//!
//! [`Format::write`] does what every format shares: single files go
//! through [`crate::atomic::write_file`] (or to a stream, buffered), sets
//! of files through [`crate::atomic::write_dir`], so no writer creates a
//! file itself and a failed write leaves the target as it was.

pub mod gexf;
pub mod parquet;
pub mod tables;
#[cfg(test)]
pub(crate) mod testing;

mod diagram;

use crate::error::{Error, Result};
use crate::graph::{GraphFile, KnowledgeGraph};
use crate::render::{Engine, View};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub(crate) use crate::export::quad_str;

/// Which command offers a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `geokg export --format NAME`: the whole graph (or an "as of" view).
    Export,
    /// `geokg render -o FILE.EXT`: a drawn view, picked by extension.
    Render,
}

/// A diagram writer: the drawing's bytes, and the layout engine that ran.
pub type Draw = fn(&KnowledgeGraph, &Options) -> Result<(Vec<u8>, Option<Engine>)>;

/// How a format turns a graph into bytes.
#[derive(Clone, Copy)]
pub enum Writer {
    /// Streams the sorted file form of the graph: the same graph gives the
    /// same bytes.
    Records(fn(&GraphFile, &mut dyn Write) -> io::Result<()>),
    /// Streams from the graph itself (event records are a view of it).
    Graph(fn(&KnowledgeGraph, &mut dyn Write) -> io::Result<()>),
    /// Draws a view. Layout can fail before any byte is written, so the
    /// diagram is made whole first; also says which engine laid it out.
    Diagram(Draw),
    /// Writes a set of files into a directory (a temporary one, which
    /// replaces the target's files only when every file is complete).
    Directory(fn(&KnowledgeGraph, &Path) -> Result<Vec<PathBuf>>),
}

/// One output format.
pub struct Format {
    /// The name `--format` takes, lowercase.
    pub name: &'static str,
    /// Other names `--format` accepts.
    pub aliases: &'static [&'static str],
    /// Extensions (lowercase, without the dot) that pick the format for
    /// `render -o`; exports are picked by name, and may have none.
    pub extensions: &'static [&'static str],
    pub command: Command,
    /// What it is and who reads it, for `--help` and error messages.
    pub help: &'static str,
    pub writer: Writer,
}

/// What a diagram writer takes beyond the graph.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub view: View,
    /// The Graphviz layout program; None picks one by the view's size.
    pub engine: Option<String>,
}

/// What [`Format::write`] wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// The files, for a directory format; the target for a single file.
    pub paths: Vec<PathBuf>,
    /// The engine that laid a diagram out.
    pub engine: Option<Engine>,
}

/// Every format, diagrams first, then exports in the order `--help` lists
/// them.
pub static REGISTRY: &[Format] = &[
    diagram::DOT,
    diagram::SVG,
    diagram::PNG,
    diagram::PDF,
    diagram::HTML,
    Format {
        name: "graphml",
        aliases: &[],
        extensions: &["graphml"],
        command: Command::Export,
        help: "GraphML (networkx, Gephi, yEd)",
        writer: Writer::Records(crate::export::write_graphml),
    },
    gexf::FORMAT,
    Format {
        name: "ntriples",
        aliases: &["n-triples", "nt"],
        extensions: &["nt"],
        command: Command::Export,
        help: "RDF N-Triples",
        writer: Writer::Records(crate::export::write_ntriples),
    },
    Format {
        name: "turtle",
        aliases: &["ttl"],
        extensions: &["ttl"],
        command: Command::Export,
        help: "RDF Turtle (Oxigraph, Jena, GraphDB)",
        writer: Writer::Records(crate::export::write_turtle),
    },
    Format {
        name: "neo4j",
        aliases: &[],
        extensions: &[],
        command: Command::Export,
        help: "a directory: nodes.csv, relations.csv, import.cypher",
        writer: Writer::Directory(crate::export::write_neo4j),
    },
    Format {
        name: "csv",
        aliases: &[],
        extensions: &["csv"],
        command: Command::Export,
        help: "an edge list (pandas, DuckDB, spreadsheets)",
        writer: Writer::Records(crate::export::write_csv),
    },
    Format {
        name: "jsonl",
        aliases: &["ndjson"],
        extensions: &["jsonl", "ndjson"],
        command: Command::Export,
        help: "one relation per line, with its evidence",
        writer: Writer::Records(crate::export::write_jsonl),
    },
    Format {
        name: "plover",
        aliases: &[],
        extensions: &[],
        command: Command::Export,
        help: "PLOVER event records, one per line (POLECAT)",
        writer: Writer::Graph(crate::export::plover::write),
    },
    parquet::FORMAT,
];

/// The format `--format` names, ignoring case and surrounding spaces.
pub fn by_name(name: &str) -> Option<&'static Format> {
    let name = name.trim().to_ascii_lowercase();
    REGISTRY.iter().find(|f| f.name == name || f.aliases.contains(&name.as_str()))
}

/// The format of a command that a file's extension picks, ignoring case.
pub fn by_extension(path: &Path, command: Command) -> Option<&'static Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    REGISTRY
        .iter()
        .find(|f| f.command == command && f.extensions.contains(&ext.as_str()))
}

/// The formats a command offers.
pub fn formats(command: Command) -> impl Iterator<Item = &'static Format> {
    REGISTRY.iter().filter(move |f| f.command == command)
}

impl Format {
    /// Whether the format writes a directory of files rather than one file.
    pub fn is_directory(&self) -> bool {
        matches!(self.writer, Writer::Directory(_))
    }

    /// Writes the graph to `target`, a file or (for directory formats) a
    /// directory, atomically.
    pub fn write(&self, g: &KnowledgeGraph, options: &Options, target: &Path) -> Result<Written> {
        if let Writer::Directory(write) = self.writer {
            let paths = crate::atomic::write_dir(target, |tmp| write(g, tmp))?;
            return Ok(Written { paths, engine: None });
        }
        let mut engine = None;
        let mut failed = None;
        crate::atomic::write_file(target, |w| match self.stream(g, options, w) {
            Ok(e) => {
                engine = e;
                Ok(())
            }
            Err(Error::Io { cause, .. }) => Err(cause),
            // A diagram that cannot be drawn fails before any byte is
            // written; its error is kept as it is, not as an I/O error.
            Err(e) => {
                failed = Some(e);
                Err(io::Error::other("not written"))
            }
        })
        .map_err(|e| failed.take().unwrap_or(e))?;
        Ok(Written {
            paths: vec![target.to_path_buf()],
            engine,
        })
    }

    /// Writes a single-file format to a stream (standard output), buffered.
    /// A directory format is refused.
    pub fn write_to(&self, g: &KnowledgeGraph, options: &Options, out: &mut dyn Write) -> Result<Option<Engine>> {
        let mut out = BufWriter::new(out);
        let engine = self.stream(g, options, &mut out)?;
        out.flush().map_err(|e| Error::io("-", e))?;
        Ok(engine)
    }

    fn stream(&self, g: &KnowledgeGraph, options: &Options, out: &mut dyn Write) -> Result<Option<Engine>> {
        let io = |r: io::Result<()>| r.map_err(|e| Error::io("-", e));
        match self.writer {
            Writer::Records(write) => io(write(&g.to_file(), out)).map(|()| None),
            Writer::Graph(write) => io(write(g, out)).map(|()| None),
            Writer::Diagram(draw) => {
                let (bytes, engine) = draw(g, options)?;
                io(out.write_all(&bytes)).map(|()| engine)
            }
            Writer::Directory(_) => Err(Error::Usage(format!(
                "the {} export writes several files: name a directory with -o",
                self.name
            ))),
        }
    }
}

/// The formats of a command as `name (help)` lines, for `--help`.
pub fn help(command: Command) -> String {
    formats(command)
        .map(|f| format!("{}: {}", f.name, f.help))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn format_names_aliases_and_extensions_are_unique() {
        let mut names = HashSet::new();
        let mut extensions = HashSet::new();
        for f in REGISTRY {
            for n in std::iter::once(&f.name).chain(f.aliases) {
                assert!(names.insert(*n), "the name {n} is taken twice");
                assert_eq!(*n, n.to_ascii_lowercase());
            }
            for e in f.extensions {
                assert!(extensions.insert(*e), "the extension {e} is taken twice");
                assert_eq!(*e, e.to_ascii_lowercase());
            }
        }
    }

    #[test]
    fn every_format_is_found_by_its_names_and_every_diagram_by_its_extensions() {
        for f in REGISTRY {
            assert!(std::ptr::eq(by_name(f.name).unwrap(), f));
            assert!(std::ptr::eq(by_name(&f.name.to_uppercase()).unwrap(), f));
            for e in f.extensions {
                let found = by_extension(Path::new(&format!("x.{}", e.to_uppercase())), f.command);
                assert!(found.is_some_and(|g| std::ptr::eq(g, f)), "{e}");
            }
        }
        assert!(by_name("ttl").is_some_and(|f| f.name == "turtle"));
        assert!(by_name("dotx").is_none());
        assert!(by_extension(Path::new("g.graphml"), Command::Render).is_none());
    }

    #[test]
    fn directory_formats_are_refused_on_a_stream() {
        for f in REGISTRY.iter().filter(|f| f.is_directory()) {
            let err = f.write_to(&testing::sample(), &Options::default(), &mut Vec::new()).unwrap_err();
            assert!(err.to_string().contains("name a directory"), "{err}");
        }
    }
}
