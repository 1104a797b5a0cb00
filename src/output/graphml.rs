//! GraphML (networkx, Gephi, yEd).
//!
//! GraphML: one `<node>` per entity (id = entity id; keys `name`, `type`,
//! `aliases` joined with `|`) and one `<edge>` per relation (`e0`, `e1`...;
//! keys `predicate`, `category`, `quad`, `documents` int, `evidence` int
//! (statement count), `first_date`, `last_date`, `negated` boolean (every
//! statement is negated), `symmetric` boolean, `evidence_text`). Characters
//! that XML 1.0 forbids (most control characters) become U+FFFD.

use super::xml::{xml_ids, xml_safe};
use super::{bool_str, example, quad_str, Command, Format, Writer};
use crate::graph::{GraphFile, RelationRecord};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer as XmlWriter;
use std::io::{self, Write};

pub const FORMAT: Format = Format {
    name: "graphml",
    aliases: &[],
    extensions: &["graphml"],
    command: Command::Export,
    help: "GraphML (networkx, Gephi, yEd)",
    writer: Writer::Records(write),
};

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

const GRAPHML_NODE_KEYS: [(&str, &str); 3] = [("name", "string"), ("type", "string"), ("aliases", "string")];

const GRAPHML_EDGE_KEYS: [(&str, &str); 10] = [
    ("predicate", "string"),
    ("category", "string"),
    ("quad", "string"),
    ("documents", "int"),
    ("evidence", "int"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("negated", "boolean"),
    ("symmetric", "boolean"),
    ("evidence_text", "string"),
];

fn graphml_key<W: Write>(xml: &mut XmlWriter<W>, domain: &str, name: &str, kind: &str) -> io::Result<()> {
    xml.create_element("key")
        .with_attribute(("id", name))
        .with_attribute(("for", domain))
        .with_attribute(("attr.name", name))
        .with_attribute(("attr.type", kind))
        .write_empty()?;
    Ok(())
}

fn graphml_data<W: Write>(xml: &mut XmlWriter<W>, key: &str, value: &str) -> io::Result<()> {
    xml.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

fn write(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let ids = xml_ids(f);
    let id_of = |id: &str| ids.get(id).cloned().unwrap_or_else(|| xml_safe(id).into_owned());
    let mut xml = XmlWriter::new_with_indent(w, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element("graphml")
        .with_attribute(("xmlns", GRAPHML_NS))
        .write_inner_content(|xml| {
            for (name, kind) in GRAPHML_NODE_KEYS {
                graphml_key(xml, "node", name, kind)?;
            }
            for (name, kind) in GRAPHML_EDGE_KEYS {
                graphml_key(xml, "edge", name, kind)?;
            }
            xml.create_element("graph")
                .with_attribute(("id", "geokg"))
                .with_attribute(("edgedefault", "directed"))
                .write_inner_content(|xml| {
                    for e in &f.entities {
                        xml.create_element("node")
                            .with_attribute(("id", id_of(&e.id).as_str()))
                            .write_inner_content(|xml| {
                                graphml_data(xml, "name", &e.name)?;
                                graphml_data(xml, "type", e.kind.as_str())?;
                                if !e.aliases.is_empty() {
                                    graphml_data(xml, "aliases", &e.aliases.join("|"))?;
                                }
                                Ok(())
                            })?;
                    }
                    for (i, r) in f.relations.iter().enumerate() {
                        let id = format!("e{i}");
                        xml.create_element("edge")
                            .with_attribute(("id", id.as_str()))
                            .with_attribute(("source", id_of(&r.subject).as_str()))
                            .with_attribute(("target", id_of(&r.object).as_str()))
                            .write_inner_content(|xml| write_graphml_edge(xml, r))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    xml.into_inner().write_all(b"\n")
}

fn write_graphml_edge<W: Write>(xml: &mut XmlWriter<W>, r: &RelationRecord) -> io::Result<()> {
    graphml_data(xml, "predicate", &r.predicate)?;
    graphml_data(xml, "category", r.category.as_str())?;
    graphml_data(xml, "quad", quad_str(r.category.quad()))?;
    graphml_data(xml, "documents", &r.documents.to_string())?;
    graphml_data(xml, "evidence", &r.evidence.len().to_string())?;
    if let Some(d) = &r.first_date {
        graphml_data(xml, "first_date", d)?;
    }
    if let Some(d) = &r.last_date {
        graphml_data(xml, "last_date", d)?;
    }
    graphml_data(xml, "negated", bool_str(r.only_negated()))?;
    graphml_data(xml, "symmetric", bool_str(r.symmetric))?;
    if !r.evidence.is_empty() {
        graphml_data(xml, "evidence_text", example(r))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testing::*;
    use std::collections::{HashMap, HashSet};

    fn exported() -> String {
        export("graphml")
    }

    #[test]
    fn graphml_parses_and_round_trips_hostile_text() {
        let xml = exported();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert!(root.has_tag_name((GRAPHML_NS, "graphml")));
        let types: HashMap<&str, &str> = root
            .children()
            .filter(|n| n.has_tag_name("key"))
            .map(|n| (n.attribute("id").unwrap(), n.attribute("attr.type").unwrap()))
            .collect();
        assert_eq!(types.len(), 13);
        assert_eq!(types["name"], "string");
        assert_eq!(types["documents"], "int");
        assert_eq!(types["evidence"], "int");
        assert_eq!(types["negated"], "boolean");
        assert_eq!(types["symmetric"], "boolean");
        let nodes: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("node")).collect();
        let edges: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("edge")).collect();
        assert_eq!((nodes.len(), edges.len()), (3, 3));
        let data = |n: roxmltree::Node, key: &str| -> Option<String> {
            n.children()
                .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
                .map(|c| c.text().unwrap_or("").to_string())
        };
        let evil = nodes.iter().copied().find(|n| n.attribute("id") == Some(EVIL_ID)).unwrap();
        assert_eq!(data(evil, "name").as_deref(), Some(EVIL_NAME));
        // The control character cannot be written in XML and is replaced.
        assert_eq!(data(evil, "aliases").as_deref(), Some("Evil\u{FFFD}Corp;Ltd|x"));
        let ids: HashSet<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
        for e in &edges {
            assert!(ids.contains(e.attribute("source").unwrap()));
            assert!(ids.contains(e.attribute("target").unwrap()));
        }
        let attacked = edges
            .iter()
            .copied()
            .find(|e| data(*e, "predicate").as_deref() == Some("attacked"))
            .unwrap();
        assert_eq!(attacked.attribute("source"), Some(EVIL_ID));
        assert_eq!(data(attacked, "negated").as_deref(), Some("true"));
        let met = edges
            .iter()
            .copied()
            .find(|e| data(*e, "predicate").as_deref() == Some("met"))
            .unwrap();
        assert_eq!(data(met, "evidence").as_deref(), Some("2"));
        assert_eq!(data(met, "documents").as_deref(), Some("2"));
        assert_eq!(data(met, "first_date").as_deref(), Some("2025-06"));
        assert_eq!(data(met, "last_date").as_deref(), Some("2025-06-21"));
        assert_eq!(data(met, "quad").as_deref(), Some("verbal_cooperation"));
        assert_eq!(data(met, "negated").as_deref(), Some("false"));
    }
}
