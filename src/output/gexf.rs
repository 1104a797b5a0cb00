//! The GEXF 1.3 export, Gephi's own format, as a dynamic graph whose
//! timeline plays the history the statements tell.
//!
//! - `<graph mode="dynamic" defaultedgetype="directed" timeformat="date">`.
//! - One `<node>` per entity (id = entity id, label = name) with the
//!   attributes `type` and `aliases` (joined with `|`), and the diagrams'
//!   visual language: `viz:color` is the entity type's fill and
//!   `viz:shape` the nearest GEXF shape to its DOT shape (GEXF has only
//!   disc, square, triangle and diamond).
//! - One `<edge>` per relation (`e0`, `e1`... in sorted order; label = the
//!   predicate, weight = corroboration) with the attributes `predicate`,
//!   `category`, `quad`, `statements`, `documents`, `corroboration`,
//!   `modality`, `negated`, `symmetric`, `first_date` and `last_date`;
//!   `viz:color` by quad class and `viz:thickness` by corroboration, as
//!   the diagrams draw them, and `viz:shape` `dashed` for hedged relations
//!   and `dotted` for denied ones.
//! - `<spells>`: an edge is alive on the days its statements are dated
//!   (a month or a year covers all its days; overlapping periods are
//!   joined). An edge with no dated statement has no spell, so Gephi shows
//!   it all the time. A node's spells are the union of its edges' spells,
//!   and a node with an undated edge or no edge has none.
//!
//! Names and sentences are escaped by quick-xml; characters XML forbids
//! become U+FFFD, and ids stay distinct (as in GraphML).

use super::{Command, Format, Writer};
use crate::export::{graphml_ids, quad_str, xml_safe};
use crate::graph::{GraphFile, RelationRecord};
use crate::model::Modality;
use crate::render::{edge_color, edge_width, node_style};
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer as XmlWriter;
use std::collections::HashMap;
use std::io::{self, Write};

pub const GEXF_NS: &str = "http://gexf.net/1.3";
pub const VIZ_NS: &str = "http://gexf.net/1.3/viz";

const NODE_ATTRIBUTES: [(&str, &str); 2] = [("type", "string"), ("aliases", "string")];

const EDGE_ATTRIBUTES: [(&str, &str); 11] = [
    ("predicate", "string"),
    ("category", "string"),
    ("quad", "string"),
    ("statements", "integer"),
    ("documents", "integer"),
    ("corroboration", "integer"),
    ("modality", "string"),
    ("negated", "boolean"),
    ("symmetric", "boolean"),
    ("first_date", "string"),
    ("last_date", "string"),
];

/// A period of days, first and last, as `YYYY-MM-DD`.
type Spell = (String, String);

pub const FORMAT: Format = Format {
    name: "gexf",
    aliases: &[],
    extensions: &["gexf"],
    command: Command::Export,
    help: "GEXF 1.3 with dynamic spells for the timeline (Gephi)",
    writer: Writer::Records(write),
};

/// Writes the graph as GEXF 1.3.
pub fn write(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let ids = graphml_ids(f);
    let id_of = |id: &str| ids.get(id).cloned().unwrap_or_else(|| xml_safe(id).into_owned());
    let edge_spells: Vec<Vec<Spell>> = f.relations.iter().map(relation_spells).collect();
    let node_spells = node_spells(f, &edge_spells);
    let mut xml = XmlWriter::new_with_indent(w, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element("gexf")
        .with_attribute(("xmlns", GEXF_NS))
        .with_attribute(("xmlns:viz", VIZ_NS))
        .with_attribute(("version", "1.3"))
        .write_inner_content(|xml| {
            xml.create_element("meta").write_inner_content(|xml| {
                xml.create_element("creator")
                    .write_text_content(quick_xml::events::BytesText::new("geokg"))?;
                Ok(())
            })?;
            xml.create_element("graph")
                .with_attribute(("mode", "dynamic"))
                .with_attribute(("defaultedgetype", "directed"))
                .with_attribute(("timeformat", "date"))
                .write_inner_content(|xml| {
                    declare(xml, "node", &NODE_ATTRIBUTES)?;
                    declare(xml, "edge", &EDGE_ATTRIBUTES)?;
                    xml.create_element("nodes").write_inner_content(|xml| {
                        for e in &f.entities {
                            let (shape, fill) = node_style(e.kind);
                            xml.create_element("node")
                                .with_attribute(("id", id_of(&e.id).as_str()))
                                .with_attribute(("label", xml_safe(&e.name).as_ref()))
                                .write_inner_content(|xml| {
                                    let aliases = e.aliases.join("|");
                                    let mut attrs = vec![("type", e.kind.as_str())];
                                    attrs.extend((!aliases.is_empty()).then_some(("aliases", aliases.as_str())));
                                    values(xml, &attrs)?;
                                    spells(xml, node_spells.get(e.id.as_str()).map_or(&[][..], Vec::as_slice))?;
                                    color(xml, fill)?;
                                    viz(xml, "shape", node_shape(shape))
                                })?;
                        }
                        Ok(())
                    })?;
                    xml.create_element("edges").write_inner_content(|xml| {
                        for (i, (r, spell)) in f.relations.iter().zip(&edge_spells).enumerate() {
                            write_edge(xml, &format!("e{i}"), &id_of(&r.subject), &id_of(&r.object), r, spell)?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    xml.into_inner().write_all(b"\n")
}

fn write_edge<W: Write>(
    xml: &mut XmlWriter<W>,
    id: &str,
    source: &str,
    target: &str,
    r: &RelationRecord,
    spell: &[Spell],
) -> io::Result<()> {
    let corroboration = r.corroboration.max(1);
    xml.create_element("edge")
        .with_attribute(("id", id))
        .with_attribute(("source", source))
        .with_attribute(("target", target))
        .with_attribute(("label", xml_safe(&r.predicate).as_ref()))
        .with_attribute(("weight", corroboration.to_string().as_str()))
        .write_inner_content(|xml| {
            let (statements, documents, corr) = (r.evidence.len().to_string(), r.documents.to_string(), r.corroboration.to_string());
            let negated = r.only_negated();
            let mut attrs = vec![
                ("predicate", r.predicate.as_str()),
                ("category", r.category.as_str()),
                ("quad", quad_str(r.category.quad())),
                ("statements", statements.as_str()),
                ("documents", documents.as_str()),
                ("corroboration", corr.as_str()),
                ("modality", r.modality().as_str()),
                ("negated", if negated { "true" } else { "false" }),
                ("symmetric", if r.symmetric { "true" } else { "false" }),
            ];
            attrs.extend(r.first_date.as_deref().map(|d| ("first_date", d)));
            attrs.extend(r.last_date.as_deref().map(|d| ("last_date", d)));
            values(xml, &attrs)?;
            spells(xml, spell)?;
            color(xml, edge_color(r.category))?;
            viz(xml, "thickness", &format!("{:.1}", edge_width(corroboration)))?;
            // The diagrams' edge styles: dotted when every statement is
            // denied, dashed when none asserts the relation.
            let shape = if negated {
                "dotted"
            } else if r.modality() != Modality::Asserted {
                "dashed"
            } else {
                "solid"
            };
            viz(xml, "shape", shape)
        })?;
    Ok(())
}

/// The `<attributes>` declaration of a class, with the attribute names as
/// their ids, so that readers show readable keys.
fn declare<W: Write>(xml: &mut XmlWriter<W>, class: &str, attributes: &[(&str, &str)]) -> io::Result<()> {
    xml.create_element("attributes")
        .with_attribute(("class", class))
        .with_attribute(("mode", "static"))
        .write_inner_content(|xml| {
            for (name, kind) in attributes {
                xml.create_element("attribute")
                    .with_attribute(("id", *name))
                    .with_attribute(("title", *name))
                    .with_attribute(("type", *kind))
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn values<W: Write>(xml: &mut XmlWriter<W>, attrs: &[(&str, &str)]) -> io::Result<()> {
    xml.create_element("attvalues").write_inner_content(|xml| {
        for (name, value) in attrs {
            xml.create_element("attvalue")
                .with_attribute(("for", *name))
                .with_attribute(("value", xml_safe(value).as_ref()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn spells<W: Write>(xml: &mut XmlWriter<W>, spells: &[Spell]) -> io::Result<()> {
    if spells.is_empty() {
        return Ok(());
    }
    xml.create_element("spells").write_inner_content(|xml| {
        for (start, end) in spells {
            xml.create_element("spell")
                .with_attribute(("start", start.as_str()))
                .with_attribute(("end", end.as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `viz:color` from the diagrams' `#rrggbb` colour.
fn color<W: Write>(xml: &mut XmlWriter<W>, hex: &str) -> io::Result<()> {
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0).to_string();
    xml.create_element("viz:color")
        .with_attribute(("r", channel(1).as_str()))
        .with_attribute(("g", channel(3).as_str()))
        .with_attribute(("b", channel(5).as_str()))
        .write_empty()?;
    Ok(())
}

fn viz<W: Write>(xml: &mut XmlWriter<W>, what: &str, value: &str) -> io::Result<()> {
    xml.create_element(format!("viz:{what}"))
        .with_attribute(("value", value))
        .write_empty()?;
    Ok(())
}

/// The GEXF node shape nearest to a DOT shape of the diagrams.
fn node_shape(dot: &str) -> &'static str {
    match dot {
        "ellipse" => "disc",
        "box" | "note" => "square",
        "house" => "triangle",
        _ => "diamond",
    }
}

/// The days a relation's statements cover, joined where they overlap.
fn relation_spells(r: &RelationRecord) -> Vec<Spell> {
    join(
        r.evidence
            .iter()
            .filter_map(|e| crate::date::day_bounds(e.date.as_deref()?))
            .collect(),
    )
}

/// Each entity's spells: the union of its edges', or none (always alive)
/// when one of its edges has none.
fn node_spells<'a>(f: &'a GraphFile, edge_spells: &[Vec<Spell>]) -> HashMap<&'a str, Vec<Spell>> {
    let mut acc: HashMap<&str, Option<Vec<Spell>>> = HashMap::new();
    for (r, s) in f.relations.iter().zip(edge_spells) {
        for end in [r.subject.as_str(), r.object.as_str()] {
            let slot = acc.entry(end).or_insert_with(|| Some(Vec::new()));
            match (slot.as_mut(), s.is_empty()) {
                (Some(v), false) => v.extend(s.iter().cloned()),
                (Some(_), true) => *slot = None,
                (None, _) => {}
            }
        }
    }
    acc.into_iter().filter_map(|(id, s)| Some((id, join(s?)))).collect()
}

/// Sorts periods and joins those that overlap or touch on one day.
fn join(mut spells: Vec<Spell>) -> Vec<Spell> {
    spells.sort();
    let mut out: Vec<Spell> = Vec::with_capacity(spells.len());
    for (start, end) in spells {
        match out.last_mut() {
            Some(last) if start <= last.1 => {
                if end > last.1 {
                    last.1 = end;
                }
            }
            _ => out.push((start, end)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(a: &str, b: &str) -> Spell {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn overlapping_periods_are_joined_and_separate_ones_kept() {
        let joined = join(vec![
            spell("2025-06-21", "2025-06-21"),
            spell("2025-06-01", "2025-06-30"),
            spell("2025-08-02", "2025-08-02"),
        ]);
        assert_eq!(joined, vec![spell("2025-06-01", "2025-06-30"), spell("2025-08-02", "2025-08-02")]);
    }

    #[test]
    fn gexf_of_the_sample_parses_with_spells_only_on_dated_edges() {
        let mut out = Vec::new();
        write(&crate::output::testing::sample().to_file(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let edges: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((GEXF_NS, "edge"))).collect();
        assert_eq!(edges.len(), 3);
        let spells = |n: roxmltree::Node| -> Vec<(String, String)> {
            n.descendants()
                .filter(|s| s.has_tag_name((GEXF_NS, "spell")))
                .map(|s| spell(s.attribute("start").unwrap(), s.attribute("end").unwrap()))
                .collect()
        };
        let met = edges.iter().find(|e| e.attribute("label") == Some("met")).unwrap();
        assert_eq!(spells(*met), vec![spell("2025-06-01", "2025-06-30")]);
        let leads = edges.iter().find(|e| e.attribute("label") == Some("president-of")).unwrap();
        assert!(spells(*leads).is_empty());
    }
}
