//! PLOVER event records: one JSON object per line for each event record of
//! the graph ([`crate::query::events`]), with the field names of the PLOVER
//! data format (`id`, `date`, `event`, `mode`, `context`, `eventText`,
//! `srcActor`, `tgtActor`, `eventLoc`, `dead`, `injured`) so that POLECAT
//! users can read them beside their own data. What PLOVER has no field for
//! (entity ids, statement and document counts, outlets, predicates) is in a
//! `geokg` object on each record.

use super::{Command, Format, Writer};
use crate::graph::KnowledgeGraph;
use crate::query::events::{events, EventQuery};
use serde_json::json;
use std::io::{self, Write};

pub const FORMAT: Format = Format {
    name: "plover",
    aliases: &[],
    extensions: &[],
    command: Command::Export,
    help: "PLOVER event records, one per line (POLECAT)",
    writer: Writer::Graph(write),
};

/// Writes every event record that happened (asserted or reported; not
/// negated, planned, requested or hypothetical) as one line.
pub fn write(g: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    for r in events(g, &EventQuery::default()) {
        let text = r.evidence.first().map(|e| e.text.as_str()).unwrap_or("");
        let mut docs: Vec<&str> = r.evidence.iter().map(|e| e.doc.as_str()).collect();
        docs.dedup();
        let mut outlets: Vec<&str> = r.evidence.iter().filter_map(|e| e.outlet.as_deref()).collect();
        outlets.sort();
        outlets.dedup();
        let record = json!({
            "id": r.id,
            "date": r.date,
            "event": r.category.as_str(),
            "mode": r.mode.as_deref().unwrap_or(""),
            "context": [],
            "eventText": text,
            "srcActor": r.source.name,
            "tgtActor": r.target.name,
            "eventLoc": r.place.as_ref().map(|p| p.name.as_str()),
            "dead": r.dead,
            "injured": r.injured,
            "geokg": {
                "srcId": r.source.id,
                "tgtId": r.target.id,
                "locId": r.place.as_ref().map(|p| p.id.as_str()),
                "predicates": r.predicates,
                "modality": r.modality,
                "symmetric": r.symmetric,
                "statements": r.statements,
                "documents": docs,
                "outlets": outlets,
            },
        });
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
