//! The Parquet export: a directory with `entities.parquet`,
//! `relations.parquet` and `evidence.parquet`, the three Arrow tables of
//! [`super::tables`] (their schemas are documented there), Snappy-compressed.
//! DuckDB, pandas (pyarrow), Polars and Spark read them as they are.

use super::{tables, Command, Format, Writer};
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use arrow_array::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const FORMAT: Format = Format {
    name: "parquet",
    aliases: &[],
    extensions: &[],
    command: Command::Export,
    help: "a directory: entities.parquet, relations.parquet, evidence.parquet (DuckDB, pandas, Spark)",
    writer: Writer::Directory(write_tables),
};

/// Writes the three tables into `dir`, a directory that [`crate::atomic`]
/// made and moves into place whole.
pub fn write_tables(g: &KnowledgeGraph, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::with_capacity(tables::TABLES.len());
    for (name, batch) in tables::tables(g)? {
        let path = dir.join(format!("{name}.parquet"));
        crate::atomic::write_file(&path, |w| write_batch(&batch, w))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes one table as a Parquet file of one row group per million rows
/// (the writer's default), so that even a corpus-sized evidence table is
/// read back in parallel by DuckDB and Spark.
pub fn write_batch<W: Write + Send>(batch: &RecordBatch, w: W) -> io::Result<()> {
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer = ArrowWriter::try_new(w, batch.schema(), Some(props)).map_err(io::Error::other)?;
    writer.write(batch).map_err(io::Error::other)?;
    writer.close().map_err(io::Error::other)?;
    Ok(())
}
