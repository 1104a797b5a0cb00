//! The diagram formats `render` writes, picked by the extension of `-o`:
//! DOT text, SVG (the system Graphviz or the in-process port), PNG and PDF
//! (the system Graphviz only) and the HTML explorer. Selecting, drawing and
//! running Graphviz belong to [`crate::render`]; this file only names the
//! formats and hands each its bytes.

use super::{Command, Draw, Format, Options, Writer};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::render::{self, Engine};
use std::time::Duration;

/// How long the system Graphviz may run before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(600);

const fn diagram(name: &'static str, extensions: &'static [&'static str], help: &'static str, draw: Draw) -> Format {
    Format {
        name,
        aliases: &[],
        extensions,
        command: Command::Render,
        help,
        writer: Writer::Diagram(draw),
    }
}

pub const DOT: Format = diagram("dot", &["dot", "gv"], "DOT text", |g, o| Ok((dot(g, o).1.into_bytes(), None)));
pub const SVG: Format = diagram("svg", &["svg"], "SVG, laid out by Graphviz or in-process", svg);
pub const PNG: Format = diagram("png", &["png"], "PNG (needs Graphviz)", |g, o| raster(g, o, "png"));
pub const PDF: Format = diagram("pdf", &["pdf"], "PDF (needs Graphviz)", |g, o| raster(g, o, "pdf"));
pub const HTML: Format = diagram("html", &["html", "htm"], "the interactive explorer", html);

/// The selection's size and its DOT text.
fn dot(g: &KnowledgeGraph, o: &Options) -> ((usize, usize), String) {
    let sel = render::select(g, &o.view);
    ((sel.nodes.len(), sel.edges.len()), render::to_dot(g, &o.view, &sel))
}

fn layout(o: &Options, size: (usize, usize)) -> &str {
    o.engine.as_deref().unwrap_or_else(|| render::auto_layout(size.0, size.1))
}

fn svg(g: &KnowledgeGraph, o: &Options) -> Result<(Vec<u8>, Option<Engine>)> {
    let (size, dot) = dot(g, o);
    let (svg, used) = render::svg(&dot, layout(o, size), TIMEOUT)?;
    Ok((svg.into_bytes(), Some(used)))
}

fn raster(g: &KnowledgeGraph, o: &Options, format: &str) -> Result<(Vec<u8>, Option<Engine>)> {
    let (size, dot) = dot(g, o);
    let (bytes, used) = render::raster(&dot, layout(o, size), format, TIMEOUT)?;
    Ok((bytes, Some(used)))
}

fn html(g: &KnowledgeGraph, o: &Options) -> Result<(Vec<u8>, Option<Engine>)> {
    let sel = render::select(g, &o.view);
    let title = o.view.title.as_deref().unwrap_or("geokg");
    Ok((crate::html::to_html(g, &sel.nodes, &sel.edges, title).into_bytes(), None))
}
