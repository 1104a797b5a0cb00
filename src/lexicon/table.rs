//! Reading the TSV tables: comments, blank lines, column counts and
//! positioned errors.

use crate::error::{Error, Result};

/// One data row of a table, with its 1-based line number.
pub struct Row<'a> {
    pub line: usize,
    pub cols: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The column, or `""` when it is `-` (the tables' "empty").
    pub fn get(&self, i: usize) -> &'a str {
        match self.cols.get(i).copied().map(str::trim) {
            Some("-") | None => "",
            Some(s) => s,
        }
    }

    /// A pipe-separated list column.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'a str> {
        self.get(i).split('|').map(str::trim).filter(|s| !s.is_empty())
    }
}

/// Parses a tab-separated table with at least `min_cols` columns per row.
pub fn rows<'a>(file: &str, text: &'a str, min_cols: usize) -> Result<Vec<Row<'a>>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = trimmed.split('\t').collect();
        if cols.len() < min_cols {
            return Err(Error::data(
                file,
                line_no,
                format!("expected {min_cols} tab-separated columns, found {}", cols.len()),
            ));
        }
        out.push(Row { line: line_no, cols });
    }
    Ok(out)
}
