//! The CSV edge list (pandas, DuckDB, spreadsheets).
//!
//! CSV edge list: one row per relation, header `subject, subject_name,
//! subject_type, predicate, category, quad, object, object_name,
//! object_type, documents, evidence, first_date, last_date, negated,
//! symmetric, example`.

use super::{bool_str, end, entity_index, example, quad_str, Command, Format, Writer};
use crate::graph::GraphFile;
use std::borrow::Cow;
use std::io::{self, Write};

pub const FORMAT: Format = Format {
    name: "csv",
    aliases: &[],
    extensions: &["csv"],
    command: Command::Export,
    help: "an edge list (pandas, DuckDB, spreadsheets)",
    writer: Writer::Records(write_csv),
};

const CSV_HEADER: [&str; 16] = [
    "subject",
    "subject_name",
    "subject_type",
    "predicate",
    "category",
    "quad",
    "object",
    "object_name",
    "object_type",
    "documents",
    "evidence",
    "first_date",
    "last_date",
    "negated",
    "symmetric",
    "example",
];

/// A text cell for a spreadsheet: one that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is a formula to Excel, LibreOffice and Google
/// Sheets (`=HYPERLINK(...)` from an article would run when opened), so it
/// gets a leading apostrophe, as OWASP recommends. Ids that geokg makes
/// never start so, but a crafted graph file's may; the same rule applies to
/// every id column, so the Neo4j start and end ids still match node ids.
pub(super) fn csv_text(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn write_csv(f: &GraphFile, w: &mut dyn Write) -> io::Result<()> {
    let index = entity_index(f);
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER)?;
    for r in &f.relations {
        let (subject_name, subject_type) = end(&index, &r.subject);
        let (object_name, object_type) = end(&index, &r.object);
        let documents = r.documents.to_string();
        let evidence = r.evidence.len().to_string();
        out.write_record([
            &csv_text(&r.subject),
            &csv_text(subject_name),
            subject_type.as_str(),
            &csv_text(&r.predicate),
            r.category.as_str(),
            quad_str(r.category.quad()),
            &csv_text(&r.object),
            &csv_text(object_name),
            object_type.as_str(),
            documents.as_str(),
            evidence.as_str(),
            r.first_date.as_deref().unwrap_or(""),
            r.last_date.as_deref().unwrap_or(""),
            bool_str(r.only_negated()),
            bool_str(r.symmetric),
            &csv_text(example(r)),
        ])?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testing::*;

    #[test]
    fn csv_edge_list_round_trips() {
        let text = export("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == CSV_HEADER.len()));
        let attacked = rows.iter().find(|r| r.get(3) == Some("attacked")).unwrap();
        assert_eq!(attacked.get(0), Some(EVIL_ID));
        assert_eq!(attacked.get(1), Some(EVIL_NAME));
        assert_eq!(attacked.get(13), Some("true"));
        let met = rows.iter().find(|r| r.get(3) == Some("met")).unwrap();
        assert_eq!(met.get(7), Some(EVIL_NAME));
        assert_eq!(met.get(10), Some("2"));
        assert_eq!(met.get(14), Some("true"));
    }
}
