//! The interactive HTML view of a graph: one self-contained page with the
//! graph data embedded as JSON and the explorer script and style sheet
//! (`src/explorer/`) inline. The page loads nothing from anywhere: no
//! library, font, image or URL, and its Content-Security-Policy forbids the
//! network outright.
//!
//! This module owns the page skeleton, the JSON the script reads and the
//! escaping that keeps hostile text inert. Entity names and evidence
//! sentences come from news text, so:
//!
//! - the title is HTML-escaped ([`escape_html`]) in `<title>` and `<h1>`;
//! - the data sits in `<script type="application/json" id="geokg-data">`
//!   with every `<` written `\u003c`, so no string in it can close the
//!   element or open a comment, and the JSON still parses to the same text;
//! - the script writes data into the document only as text (`textContent`),
//!   and document URLs are not in the page at all.
//!
//! The JSON the script reads:
//!
//! ```text
//! { "types":  [{"type": "PERSON", "shape": "ellipse", "color": "#fde2b3"}, ...],
//!   "quads":  [{"quad": "verbal_cooperation", "color": "#2b83ba",
//!               "categories": ["AGREE", "CONSULT", ...]}, ...],
//!   "nodes":  [{"id", "name", "type", "aliases": [..], "degree"}, ...],
//!   "edges":  [{"source": 0, "target": 1, "predicate", "category", "quad",
//!               "symmetric", "documents", "first_date", "last_date",
//!               "negated", "hedged",
//!               "evidence": [{"doc", "sentence", "text", "date", "modality",
//!                             "negated", "attribution", "attribution_name"}],
//!               "more_evidence": 0}, ...],
//!   "docs":   {"<doc id>": {"title", "date", "source"}, ...} }
//! ```
//!
//! `source` and `target` index `nodes`; `degree` counts the page's edges at
//! the node; `negated` means every statement is negated and `hedged` that
//! none is asserted (the dashed edges of the static diagrams). Shapes and
//! colours are those of [`render::node_style`] and [`render::edge_color`],
//! so the page and the SVG diagrams share one visual language. Enum values
//! are spelt as in the graph file.

use crate::graph::{DocRecord, EvidenceRecord, KnowledgeGraph, RelationRecord};
use crate::model::{Category, EntityType, Modality, Quad};
use crate::render;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The explorer script and style sheet, inlined into every page.
const EXPLORER_JS: &str = include_str!("../explorer/explorer.js");
const EXPLORER_CSS: &str = include_str!("../explorer/explorer.css");

/// Evidence records kept per edge. A relation between two big countries can
/// have thousands of statements; the page keeps the first ones and says how
/// many more the graph file holds, so that its size stays bounded.
pub const MAX_EVIDENCE: usize = 20;

/// Inline script and style only; no fetch, frame, font, form or base URL.
const CSP: &str =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

#[derive(Serialize)]
struct PageData<'a> {
    types: Vec<TypeStyle>,
    quads: Vec<QuadStyle>,
    nodes: Vec<PageNode<'a>>,
    edges: Vec<PageEdge<'a>>,
    docs: BTreeMap<&'a str, PageDoc<'a>>,
}

#[derive(Serialize)]
struct TypeStyle {
    #[serde(rename = "type")]
    kind: EntityType,
    shape: &'static str,
    color: &'static str,
}

#[derive(Serialize)]
struct QuadStyle {
    quad: Quad,
    color: &'static str,
    categories: Vec<Category>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: EntityType,
    aliases: &'a [String],
    degree: usize,
}

#[derive(Serialize)]
struct PageEdge<'a> {
    source: usize,
    target: usize,
    predicate: &'a str,
    category: Category,
    quad: Quad,
    symmetric: bool,
    documents: usize,
    first_date: Option<&'a str>,
    last_date: Option<&'a str>,
    /// Every statement of the relation is negated.
    negated: bool,
    /// No statement is asserted (all reported, planned, requested or
    /// hypothetical).
    hedged: bool,
    evidence: Vec<PageEvidence<'a>>,
    /// Statements left out by [`MAX_EVIDENCE`].
    more_evidence: usize,
}

#[derive(Serialize)]
struct PageEvidence<'a> {
    doc: &'a str,
    sentence: usize,
    text: &'a str,
    date: Option<&'a str>,
    modality: Modality,
    negated: bool,
    attribution: Option<&'a str>,
    /// The name of the attributed entity, when the graph has it.
    attribution_name: Option<&'a str>,
}

/// What the panel shows of a document; never its URL, which is untrusted
/// and would be a link target.
#[derive(Serialize)]
struct PageDoc<'a> {
    title: Option<&'a str>,
    date: Option<&'a str>,
    source: Option<&'a str>,
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe to sit inside a `<script>` element: `<` only ever occurs
/// inside JSON strings, where `\u003c` is the same character, so the data
/// parses back unchanged while `</script>` and `<!--` become impossible.
fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The data the explorer script reads: the given nodes (each once, unknown
/// indices skipped) and the given edges whose two ends are among them.
fn page_data<'a>(g: &'a KnowledgeGraph, nodes: &[NodeIndex], edges: &[EdgeIndex]) -> PageData<'a> {
    let types = EntityType::ALL
        .into_iter()
        .map(|kind| {
            let (shape, color) = render::node_style(kind);
            TypeStyle { kind, shape, color }
        })
        .collect();
    let mut by_quad: BTreeMap<Quad, Vec<Category>> = BTreeMap::new();
    for &c in Category::ALL {
        by_quad.entry(c.quad()).or_default().push(c);
    }
    let quads = by_quad
        .into_iter()
        .map(|(quad, categories)| QuadStyle {
            quad,
            // Every category of a quad class has the quad's colour.
            color: categories.first().map_or("#777777", |&c| render::edge_color(c)),
            categories,
        })
        .collect();

    let mut slot: HashMap<NodeIndex, usize> = HashMap::with_capacity(nodes.len());
    let mut page_nodes: Vec<PageNode<'a>> = Vec::with_capacity(nodes.len());
    for &n in nodes {
        let Some(e) = g.graph.node_weight(n) else { continue };
        if let Entry::Vacant(v) = slot.entry(n) {
            v.insert(page_nodes.len());
            page_nodes.push(PageNode {
                id: &e.id,
                name: &e.name,
                kind: e.kind,
                aliases: &e.aliases,
                degree: 0,
            });
        }
    }

    let doc_index: HashMap<&str, &DocRecord> = g.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut docs: BTreeMap<&'a str, PageDoc<'a>> = BTreeMap::new();
    let mut seen: HashSet<EdgeIndex> = HashSet::with_capacity(edges.len());
    let mut page_edges: Vec<PageEdge<'a>> = Vec::with_capacity(edges.len());
    for &ei in edges {
        let (Some(r), Some((a, b))) = (g.graph.edge_weight(ei), g.graph.edge_endpoints(ei)) else {
            continue;
        };
        let (Some(&source), Some(&target)) = (slot.get(&a), slot.get(&b)) else {
            continue;
        };
        if !seen.insert(ei) {
            continue;
        }
        page_nodes[source].degree += 1;
        page_nodes[target].degree += 1;
        let kept = &r.evidence[..r.evidence.len().min(MAX_EVIDENCE)];
        for ev in kept {
            if let Some(&d) = doc_index.get(ev.doc.as_str()) {
                docs.entry(d.id.as_str()).or_insert_with(|| PageDoc {
                    title: d.title.as_deref(),
                    date: d.date.as_deref(),
                    source: d.source.as_deref(),
                });
            }
        }
        page_edges.push(page_edge(g, r, source, target, kept));
    }

    PageData {
        types,
        quads,
        nodes: page_nodes,
        edges: page_edges,
        docs,
    }
}

fn page_edge<'a>(g: &'a KnowledgeGraph, r: &'a RelationRecord, source: usize, target: usize, kept: &'a [EvidenceRecord]) -> PageEdge<'a> {
    let evidence = kept
        .iter()
        .map(|ev| PageEvidence {
            doc: &ev.doc,
            sentence: ev.sentence,
            text: &ev.text,
            date: ev.date.as_deref(),
            modality: ev.modality,
            negated: ev.negated,
            attribution: ev.details.attribution.as_deref(),
            attribution_name: ev
                .details
                .attribution
                .as_deref()
                .and_then(|id| g.node(id))
                .map(|n| g.entity(n).name.as_str()),
        })
        .collect();
    PageEdge {
        source,
        target,
        predicate: &r.predicate,
        category: r.category,
        quad: r.category.quad(),
        symmetric: r.symmetric,
        documents: r.documents,
        first_date: r.first_date.as_deref(),
        last_date: r.last_date.as_deref(),
        negated: r.only_negated(),
        // The same rule as the dashed edges of render::to_dot.
        hedged: r.evidence.iter().all(|e| e.modality != Modality::Asserted),
        evidence,
        more_evidence: r.evidence.len() - kept.len(),
    }
}

/// One self-contained HTML page showing the given nodes and edges of `g`.
pub fn to_html(g: &KnowledgeGraph, nodes: &[NodeIndex], edges: &[EdgeIndex], title: &str) -> String {
    let data = page_data(g, nodes, edges);
    // Serialising plain structs with string keys cannot fail; should it ever,
    // the page still loads and its status line reports the unreadable data.
    let json = script_json(&serde_json::to_string(&data).unwrap_or_default());
    let title = escape_html(title);
    let mut page = String::with_capacity(json.len() + EXPLORER_JS.len() + EXPLORER_CSS.len() + 4096);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"));
    page.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(&format!("<title>{title}</title>\n<style>\n"));
    page.push_str(EXPLORER_CSS);
    page.push_str("</style>\n</head>\n<body>\n<header id=\"top\">\n");
    page.push_str(&format!("<h1>{title}</h1>\n"));
    page.push_str(SKELETON);
    page.push_str("<script type=\"application/json\" id=\"geokg-data\">");
    page.push_str(&json);
    page.push_str("</script>\n<script>\n");
    page.push_str(EXPLORER_JS);
    page.push_str("</script>\n</body>\n</html>\n");
    page
}

/// The static part of the page, between the heading and the data: the
/// elements the script looks up by id and fills.
const SKELETON: &str = r#"<div id="status" role="status" data-ready="0">loading the graph&hellip;</div>
<span id="layout-progress"></span>
</header>
<main id="app">
<aside id="controls" aria-label="Search and filters">
<section>
<h2><label for="search">Find</label></h2>
<input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="name or alias">
<ul id="search-results"></ul>
</section>
<section>
<h2>View</h2>
<div class="buttons">
<button id="fit" type="button">Fit</button>
<button id="expand" type="button" disabled>Expand one hop</button>
<button id="show-all" type="button" disabled>Show all</button>
</div>
<p id="focus-info"></p>
</section>
<section>
<h2>Filters</h2>
<div id="category-filters"></div>
<label><input id="show-negated" type="checkbox" checked> relations that are only negated</label>
<div class="dates">
<label>from <input id="date-from" type="text" inputmode="numeric" placeholder="any" autocomplete="off" title="YYYY, YYYY-MM or YYYY-MM-DD"></label>
<label>to <input id="date-to" type="text" inputmode="numeric" placeholder="any" autocomplete="off" title="YYYY, YYYY-MM or YYYY-MM-DD"></label>
</div>
<button id="reset-filters" type="button">Reset filters</button>
</section>
<section>
<h2>Legend</h2>
<div id="legend"></div>
</section>
</aside>
<div id="stage">
<canvas id="canvas" aria-label="Graph drawing"></canvas>
<div id="tooltip" hidden></div>
</div>
<aside id="panel" aria-label="Selected entity">
<div id="panel-body"></div>
</aside>
</main>
<noscript><p>This page draws the graph with JavaScript, which is turned off.</p></noscript>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EntityRecord;
    use serde_json::Value;

    const SCRIPT_BREAK: &str = "</script><script>alert(1)</script>";
    const HOSTILE: [&str; 6] = [SCRIPT_BREAK, "\"];", "<b>&amp;", "line\nbreak", "Лукашенко", "بغداد"];
    const TITLE: &str = "War & <peace> \"quoted\" 'single' </title><script>alert(2)</script>";
    const DATA_OPEN: &str = "<script type=\"application/json\" id=\"geokg-data\">";

    fn evidence(doc: &str, sentence: usize, text: &str, modality: Modality, negated: bool) -> EvidenceRecord {
        EvidenceRecord::from(crate::graph::EvidenceFields {
            doc: doc.into(),
            sentence,
            span: [0, text.len()],
            text: text.into(),
            date: Some(format!("2025-06-{:02}", sentence % 28 + 1).into()),
            modality,
            negated,
            attribution: None,
            rule: "test".into(),
            ..Default::default()
        })
    }

    fn relation(s: &str, p: &str, category: Category, o: &str, evidence: Vec<EvidenceRecord>) -> RelationRecord {
        RelationRecord::new(s.into(), p.into(), category, o.into(), false, evidence)
    }

    /// One entity per hostile name (`e0`..`e5`) in a chain of relations
    /// whose predicates and evidence are hostile too, one relation with 25
    /// statements, an attributed one, and a document whose URL is a
    /// `javascript:` URL (which must not reach the page).
    fn sample() -> (KnowledgeGraph, Vec<NodeIndex>, Vec<EdgeIndex>) {
        let mut g = KnowledgeGraph::new();
        let kinds = EntityType::ALL;
        let mut nodes = Vec::new();
        for (i, (name, kind)) in HOSTILE.iter().zip(kinds).enumerate() {
            nodes.push(g.add_entity(EntityRecord {
                id: format!("e{i}"),
                name: (*name).into(),
                kind,
                aliases: vec![format!("<!-- alias {i}")],
            }));
        }
        let mut edges = Vec::new();
        for (i, pair) in HOSTILE.windows(2).enumerate() {
            let ev = vec![evidence("d1", i, pair[0], Modality::Asserted, false)];
            let r = relation(&format!("e{i}"), pair[1], Category::Consult, &format!("e{}", i + 1), ev);
            edges.push(g.add_relation(r).unwrap());
        }
        let many = (0..25)
            .map(|k| evidence("d2", k, "they met <again>", Modality::Reported, false))
            .collect();
        edges.push(g.add_relation(relation("e0", "met", Category::Assault, "e5", many)).unwrap());
        let mut said = evidence("d2", 30, "see https://news.example/a", Modality::Reported, true);
        said.details.attribution = Some("e4".into());
        edges.push(
            g.add_relation(relation("e5", "denied", Category::Reject, "e1", vec![said]))
                .unwrap(),
        );
        g.add_document(DocRecord {
            id: "d1".into(),
            title: Some("Title </script>".into()),
            date: Some("2025-06-21".into()),
            url: Some("javascript:alert(1)".into()),
            source: Some("Example".into()),
            sha256: "ab".repeat(32),
        });
        g.add_document(DocRecord {
            id: "d2".into(),
            title: None,
            date: None,
            url: Some("https://evil.example/x".into()),
            source: None,
            sha256: "cd".repeat(32),
        });
        (g, nodes, edges)
    }

    fn page() -> String {
        let (g, nodes, edges) = sample();
        to_html(&g, &nodes, &edges, TITLE)
    }

    /// The text of the data element, and the page without it.
    fn split_data(page: &str) -> (&str, String) {
        let start = page.find(DATA_OPEN).unwrap() + DATA_OPEN.len();
        let len = page[start..].find("</script>").unwrap();
        let rest = format!("{}{}", &page[..start], &page[start + len..]);
        (&page[start..start + len], rest)
    }

    fn data() -> Value {
        let page = page();
        serde_json::from_str(split_data(&page).0).unwrap()
    }

    #[test]
    fn html_escaping_covers_the_five_special_characters() {
        assert_eq!(escape_html(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(escape_html("Лукашенко بغداد"), "Лукашенко بغداد");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn title_is_escaped_in_title_and_heading() {
        let page = page();
        let escaped = escape_html(TITLE);
        assert!(page.contains(&format!("<title>{escaped}</title>")));
        assert!(page.contains(&format!("<h1>{escaped}</h1>")));
        assert!(!page.contains(TITLE));
    }

    #[test]
    fn hostile_text_cannot_leave_the_data_element() {
        let page = page();
        let lower = page.to_lowercase();
        // The data element and the explorer script, nothing else.
        assert_eq!(lower.matches("<script").count(), 2);
        assert_eq!(lower.matches("</script").count(), 2);
        assert!(!page.contains("<!--"));
        assert!(!page.contains(SCRIPT_BREAK));
        assert!(!page.contains("<b>&amp;"));
        let (json, _) = split_data(&page);
        assert!(!json.contains('<'));
    }

    #[test]
    fn data_parses_back_with_hostile_names_intact() {
        let d = data();
        let nodes = d["nodes"].as_array().unwrap();
        let names: Vec<&str> = nodes.iter().map(|n| n["name"].as_str().unwrap()).collect();
        assert_eq!(names, HOSTILE);
        assert_eq!(nodes[0]["aliases"][0], "<!-- alias 0");
        assert_eq!(nodes[1]["type"], "COUNTRY");
        let edges = d["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 7);
        let first = &edges[0];
        assert_eq!(first["source"], 0);
        assert_eq!(first["target"], 1);
        assert_eq!(first["predicate"], HOSTILE[1]);
        assert_eq!(first["category"], "CONSULT");
        assert_eq!(first["quad"], "verbal_cooperation");
        assert_eq!(first["evidence"][0]["text"], SCRIPT_BREAK);
        assert_eq!(first["evidence"][0]["modality"], "asserted");
        assert_eq!(first["hedged"], false);
        // Evidence texts round-trip exactly, whatever their characters.
        for (i, e) in edges.iter().take(HOSTILE.len() - 1).enumerate() {
            assert_eq!(e["evidence"][0]["text"], HOSTILE[i]);
        }
        assert_eq!(d["docs"]["d1"]["title"], "Title </script>");
        assert_eq!(d["types"].as_array().unwrap().len(), EntityType::ALL.len());
        assert_eq!(d["types"][0]["color"], render::node_style(EntityType::Person).1);
    }

    #[test]
    fn degrees_count_the_edges_of_the_page() {
        let d = data();
        let degrees: Vec<u64> = d["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["degree"].as_u64().unwrap())
            .collect();
        assert_eq!(degrees, [2, 3, 2, 2, 2, 3]);
    }

    #[test]
    fn evidence_is_capped_with_a_count_of_the_rest() {
        let d = data();
        let met = d["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["predicate"] == "met")
            .unwrap()
            .clone();
        assert_eq!(met["evidence"].as_array().unwrap().len(), MAX_EVIDENCE);
        assert_eq!(met["more_evidence"], 25 - MAX_EVIDENCE as u64);
        assert_eq!(met["documents"], 1);
        assert_eq!(met["hedged"], true);
        assert_eq!(met["quad"], "material_conflict");
        let denied = d["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["predicate"] == "denied")
            .unwrap()
            .clone();
        assert_eq!(denied["negated"], true);
        assert_eq!(denied["evidence"][0]["attribution"], "e4");
        assert_eq!(denied["evidence"][0]["attribution_name"], HOSTILE[4]);
        assert_eq!(denied["more_evidence"], 0);
    }

    #[test]
    fn no_url_reaches_the_page_outside_the_data() {
        let page = page();
        assert!(!page.contains("javascript:"));
        assert!(!page.contains("evil.example"));
        let (json, rest) = split_data(&page);
        // An evidence sentence may quote a URL: it stays text in the data.
        assert!(json.contains("https://news.example/a"));
        assert!(!rest.contains("http://") && !rest.contains("https://"));
        assert!(!rest.contains("href") && !rest.contains("src=") && !rest.contains("url("));
        assert!(page.contains("default-src 'none'"));
    }

    #[test]
    fn edges_need_both_ends_in_the_page_and_nodes_appear_once() {
        let (g, nodes, edges) = sample();
        let some = [nodes[0], nodes[1], nodes[1]];
        let data = page_data(&g, &some, &edges);
        assert_eq!(data.nodes.len(), 2);
        assert_eq!(data.edges.len(), 1);
        assert_eq!(data.nodes[1].degree, 1);
        let empty = to_html(&g, &[], &[], "empty");
        let (json, _) = split_data(&empty);
        let v: Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["nodes"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn pages_are_byte_stable() {
        assert_eq!(page(), page());
    }

    #[test]
    fn explorer_sources_stay_inert_and_offline() {
        for forbidden in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
            "fetch(",
            "XMLHttpRequest",
        ] {
            assert!(!EXPLORER_JS.contains(forbidden), "explorer.js uses {forbidden}");
        }
        for source in [EXPLORER_JS, EXPLORER_CSS] {
            let lower = source.to_lowercase();
            assert!(!lower.contains("<script") && !lower.contains("</script") && !lower.contains("</style") && !lower.contains("<!--"));
            assert!(!lower.contains("http://") && !lower.contains("https://"));
            assert!(!lower.contains("url(") && !lower.contains("@import"));
        }
    }

    #[test]
    fn every_element_the_script_needs_is_in_the_page() {
        let page = page();
        let mut ids = 0;
        for part in EXPLORER_JS.split("need('").skip(1) {
            let id = &part[..part.find('\'').unwrap()];
            assert!(page.contains(&format!("id=\"{id}\"")), "the page has no #{id}");
            ids += 1;
        }
        assert!(ids > 10);
    }
}
