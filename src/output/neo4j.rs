//! A Neo4j directory: bulk-import CSV files plus a `LOAD CSV` script.
//!
//! Neo4j: `nodes.csv` (`id:ID, name, type, aliases:string[], :LABEL`) and
//! `relations.csv` (`:START_ID, :END_ID, :TYPE, predicate, category, quad,
//! documents:int, first_date, last_date, negated:boolean, example`) in the
//! `neo4j-admin database import` format, with `;` as the array delimiter
//! (the importer's default; a `;` inside an alias is written as `,`, since
//! the importer has no way to escape it). Nodes get the labels `Entity` and
//! their type (`Person`, `Country`...); relationships get their category
//! as type. `import.cypher` loads the same files into a running database.
//!

use super::csv::csv_text;
use super::{bool_str, class_name, example, quad_str, Command, Format, Writer};
use crate::graph::{write_atomic, GraphFile, KnowledgeGraph};
use crate::model::EntityType;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const FORMAT: Format = Format {
    name: "neo4j",
    aliases: &[],
    extensions: &[],
    command: Command::Export,
    help: "a directory: nodes.csv, relations.csv, import.cypher",
    writer: Writer::Directory(write_neo4j),
};

/// Writes the three Neo4j files into `tmp`, a directory that
/// [`crate::atomic::write_dir`] moves into place whole.
fn write_neo4j(g: &KnowledgeGraph, tmp: &Path) -> crate::error::Result<Vec<PathBuf>> {
    let f = g.to_file();
    let nodes = tmp.join("nodes.csv");
    let relations = tmp.join("relations.csv");
    let script = tmp.join("import.cypher");
    write_atomic(&nodes, |w| write_neo4j_nodes(&f, w))?;
    write_atomic(&relations, |w| write_neo4j_relations(&f, w))?;
    write_atomic(&script, |w| w.write_all(cypher_script().as_bytes()))?;
    Ok(vec![nodes, relations, script])
}

const NEO4J_NODE_HEADER: [&str; 5] = ["id:ID", "name", "type", "aliases:string[]", ":LABEL"];

const NEO4J_RELATION_HEADER: [&str; 11] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "predicate",
    "category",
    "quad",
    "documents:int",
    "first_date",
    "last_date",
    "negated:boolean",
    "example",
];

fn write_neo4j_nodes(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(NEO4J_NODE_HEADER)?;
    for e in &f.entities {
        // `;` separates array items and labels, and the importer cannot
        // escape it, so it cannot appear inside one alias.
        let aliases: Vec<String> = e.aliases.iter().map(|a| a.replace(';', ",")).collect();
        let labels = format!("Entity;{}", class_name(e.kind));
        out.write_record([
            &csv_text(&e.id),
            &csv_text(&e.name),
            e.kind.as_str(),
            &csv_text(&aliases.join(";")),
            labels.as_str(),
        ])?;
    }
    out.flush()
}

fn write_neo4j_relations(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(NEO4J_RELATION_HEADER)?;
    for r in &f.relations {
        let documents = r.documents.to_string();
        out.write_record([
            &csv_text(&r.subject),
            &csv_text(&r.object),
            r.category.as_str(),
            &csv_text(&r.predicate),
            r.category.as_str(),
            quad_str(r.category.quad()),
            documents.as_str(),
            r.first_date.as_deref().unwrap_or(""),
            r.last_date.as_deref().unwrap_or(""),
            bool_str(r.only_negated()),
            &csv_text(example(r)),
        ])?;
    }
    out.flush()
}

const CYPHER_HEAD: &str = r"// A geokg knowledge graph for Neo4j, next to nodes.csv and relations.csv.
//
// Two ways to load it.
//
// 1. Into a new, empty database, with the bulk importer (Neo4j 5). The array
//    delimiter of aliases:string[] and :LABEL is ';', the importer's default,
//    and names and sentences may contain line breaks:
//
//    neo4j-admin database import full --nodes=nodes.csv --relationships=relations.csv --multiline-fields=true neo4j
//
//    Nodes get the labels Entity and their type (Person, Country...), and
//    relationships get their category as type (CONSULT, ASSAULT, LEADER_OF...).
//
// 2. Into a running database, with this script: copy nodes.csv and
//    relations.csv into the Neo4j import directory, then run
//
//    cypher-shell -f import.cypher
//
//    Plain Cypher cannot take a relationship type from data, so this script
//    gives every relationship the generic type RELATION and keeps the category
//    in its `category` property. Type labels are added with one FOREACH per
//    type for the same reason. The script uses MERGE, so running it again
//    updates the graph in place.

CREATE CONSTRAINT geokg_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
MERGE (e:Entity {id: row.`id:ID`})
SET e.name = row.name,
    e.type = row.type,
    e.aliases = CASE coalesce(row.`aliases:string[]`, '') WHEN '' THEN [] ELSE split(row.`aliases:string[]`, ';') END
";

const CYPHER_TAIL: &str = r";

LOAD CSV WITH HEADERS FROM 'file:///relations.csv' AS row
MATCH (a:Entity {id: row.`:START_ID`})
MATCH (b:Entity {id: row.`:END_ID`})
MERGE (a)-[r:RELATION {predicate: row.predicate}]->(b)
SET r.category = row.category,
    r.quad = row.quad,
    r.documents = toInteger(row.`documents:int`),
    r.first_date = CASE coalesce(row.first_date, '') WHEN '' THEN null ELSE row.first_date END,
    r.last_date = CASE coalesce(row.last_date, '') WHEN '' THEN null ELSE row.last_date END,
    r.negated = row.`negated:boolean` = 'true',
    r.example = row.example;
";

/// The LOAD CSV script, with one label line per entity type.
fn cypher_script() -> String {
    let labels: Vec<String> = EntityType::ALL
        .into_iter()
        .map(|t| {
            format!(
                "FOREACH (ignored IN CASE WHEN row.type = '{}' THEN [1] ELSE [] END | SET e:{})",
                t.as_str(),
                class_name(t)
            )
        })
        .collect();
    format!("{CYPHER_HEAD}{}{CYPHER_TAIL}", labels.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testing::*;

    #[test]
    fn neo4j_directory_holds_importable_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("neo4j");
        let paths = FORMAT.write(&sample(), &Default::default(), &out).unwrap().paths;
        assert_eq!(paths.len(), 3);
        assert!(paths.iter().all(|p| p.is_file()));

        let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
        assert_eq!(nodes.headers().unwrap().iter().collect::<Vec<_>>(), NEO4J_NODE_HEADER);
        let rows: Vec<csv::StringRecord> = nodes.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        let evil = rows.iter().find(|r| r.get(0) == Some(EVIL_ID)).unwrap();
        assert_eq!(evil.get(1), Some(EVIL_NAME));
        assert_eq!(evil.get(3), Some("Evil\u{1}Corp,Ltd|x"));
        assert_eq!(evil.get(4), Some("Entity;Person"));

        let mut relations = csv::Reader::from_path(out.join("relations.csv")).unwrap();
        assert_eq!(relations.headers().unwrap().iter().collect::<Vec<_>>(), NEO4J_RELATION_HEADER);
        let rows: Vec<csv::StringRecord> = relations.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        let attacked = rows.iter().find(|r| r.get(3) == Some("attacked")).unwrap();
        assert_eq!(attacked.get(0), Some(EVIL_ID));
        assert_eq!(attacked.get(2), Some("ASSAULT"));
        assert_eq!(attacked.get(9), Some("true"));

        let script = std::fs::read_to_string(out.join("import.cypher")).unwrap();
        assert!(script.contains("neo4j-admin database import full --nodes=nodes.csv --relationships=relations.csv"));
        assert!(script.contains("MERGE (a)-[r:RELATION {predicate: row.predicate}]->(b)"));
        assert!(script.contains("SET e:Organization)"));
        assert!(script.trim_end().ends_with(';'));
    }
}
