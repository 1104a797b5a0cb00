//! `geokg._geokg`, the native half of the Python package: extraction and the
//! graph store of the geokg library, with the GIL released while Rust
//! works. It holds no extraction or graph logic of its own; it turns Python
//! values into the library's inputs (`records`), the library's outputs into
//! JSON text (which `geokg/__init__.py` parses, so a triple is the very
//! JSON the CLI prints) or Arrow tables (`triples`), and library errors into
//! Python exceptions with the messages the CLI prints.

mod records;
mod triples;

use arrow_array::RecordBatch;
use arrow_pyarrow::{PyArrowType, Table};
use geokg::extract::{Extraction, Extractor};
use geokg::graph::{Filter, KnowledgeGraph};
use geokg::input::Document;
use geokg::query::{Direction, NeighborQuery};
use pyo3::exceptions::{PyFileNotFoundError, PyLookupError, PyOSError, PyPermissionError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    _geokg,
    GraphFileError,
    PyValueError,
    "A graph file that is damaged, truncated, of a newer version or not a geokg graph."
);

/// A library error as the Python exception for its kind, with the message
/// the CLI prints after `geokg: error: `.
fn py_err(e: geokg::Error) -> PyErr {
    let message = e.to_string();
    match &e {
        geokg::Error::Io { cause, .. } => match cause.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
            _ => PyOSError::new_err(message),
        },
        geokg::Error::Graph { .. } => GraphFileError::new_err(message),
        geokg::Error::NoSuchEntity { .. } | geokg::Error::AmbiguousEntity { .. } => PyLookupError::new_err(message),
        geokg::Error::Render(_) => PyRuntimeError::new_err(message),
        geokg::Error::Data { .. } | geokg::Error::Usage(_) => PyValueError::new_err(message),
    }
}

fn value_err(message: String) -> PyErr {
    PyValueError::new_err(message)
}

/// The extractor over the built-in lexicon, loaded once per process.
fn extractor() -> PyResult<&'static Extractor> {
    static EXTRACTOR: OnceLock<Result<Extractor, String>> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| {
            geokg::lexicon::Lexicon::load_with(None, &[], &[])
                .map(Extractor::new)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(format!("loading the lexicon: {e}")))
}

/// The publication date for documents without one, checked as `--date`.
fn default_date(date: Option<&str>) -> PyResult<Option<String>> {
    date.map(geokg::options::date).transpose().map_err(value_err)
}

/// A rayon pool of `jobs` threads (None or 0: one per core), as `--jobs`.
fn pool(jobs: Option<usize>) -> PyResult<rayon::ThreadPool> {
    let n = geokg::options::jobs(jobs.unwrap_or(0)).map_err(value_err)?;
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("starting worker threads: {e}")))
}

/// Extracts documents in parallel, results in input order, without the GIL.
fn extract_docs(py: Python<'_>, docs: &[Document], jobs: Option<usize>) -> PyResult<Vec<Extraction>> {
    let ex = extractor()?;
    let pool = pool(jobs)?;
    Ok(py.detach(|| pool.install(|| docs.par_iter().map(|d| ex.extract(d)).collect())))
}

/// The warnings of extractions, as the CLI prints them after `geokg: warning: `.
fn warnings_of(xs: &[Extraction]) -> Vec<String> {
    xs.iter().flat_map(|x| x.warnings.iter().cloned()).collect()
}

/// The documents of a list of str or dict, or of an Arrow table.
fn docs_of(records: &Bound<'_, PyAny>, date: Option<&str>) -> PyResult<Vec<Document>> {
    let date = default_date(date)?;
    let docs = match table_of(records)? {
        Some(batches) => records::from_batches(&batches, date.as_deref())?,
        None => records::from_python(records, date.as_deref())?,
    };
    Ok(docs.docs)
}

/// The record batches of an object that speaks the Arrow C stream
/// interface (a pyarrow Table or RecordBatchReader, a polars or DuckDB
/// result), or None for anything else.
fn table_of(records: &Bound<'_, PyAny>) -> PyResult<Option<Vec<RecordBatch>>> {
    if !records.hasattr("__arrow_c_stream__")? {
        return Ok(None);
    }
    let PyArrowType(table) = records.extract::<PyArrowType<Table>>()?;
    Ok(Some(table.into_inner().0))
}

/// Triples of records as one JSON array of the CLI's JSONL objects, and the
/// extraction warnings.
#[pyfunction]
#[pyo3(signature = (records, date=None, jobs=None))]
fn extract_json(py: Python<'_>, records: &Bound<'_, PyAny>, date: Option<&str>, jobs: Option<usize>) -> PyResult<(String, Vec<String>)> {
    let docs = docs_of(records, date)?;
    let xs = extract_docs(py, &docs, jobs)?;
    let json = py.detach(|| {
        let all: Vec<&geokg::model::Triple> = xs.iter().flat_map(|x| &x.triples).collect();
        serde_json::to_string(&all)
    });
    Ok((json.map_err(|e| PyRuntimeError::new_err(e.to_string()))?, warnings_of(&xs)))
}

/// Triples of the rows of an Arrow table as an Arrow table (see `triples`),
/// and the extraction warnings.
#[pyfunction]
#[pyo3(signature = (table, date=None, jobs=None))]
fn extract_arrow(
    py: Python<'_>,
    table: PyArrowType<Table>,
    date: Option<&str>,
    jobs: Option<usize>,
) -> PyResult<(PyArrowType<Table>, Vec<String>)> {
    let date = default_date(date)?;
    let (batches, _) = table.0.into_inner();
    let docs = records::from_batches(&batches, date.as_deref())?.docs;
    let xs = extract_docs(py, &docs, jobs)?;
    let batch = py
        .detach(|| triples::batch(xs.iter().flat_map(|x| &x.triples)))
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    let out = Table::try_new(vec![batch], triples::schema()).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    Ok((PyArrowType(out), warnings_of(&xs)))
}

/// The schema of `extract_arrow`'s table.
#[pyfunction]
fn triples_schema() -> PyArrowType<arrow_schema::Schema> {
    PyArrowType(triples::schema().as_ref().clone())
}

/// A knowledge graph: the library's `KnowledgeGraph` as stored (what the
/// documents said), and its resolved form for questions, made on demand.
#[pyclass(name = "Graph", module = "geokg._geokg")]
struct PyGraph {
    g: KnowledgeGraph,
    /// The graph with bare surnames resolved, as the CLI reads a graph for
    /// questions (neighbors, stats); cleared when the graph changes.
    resolved: Option<KnowledgeGraph>,
}

impl PyGraph {
    fn of(g: KnowledgeGraph) -> PyGraph {
        PyGraph { g, resolved: None }
    }

    fn resolved(&mut self) -> &KnowledgeGraph {
        let g = &self.g;
        self.resolved.get_or_insert_with(|| geokg::resolve::resolve(g.clone()))
    }

    /// One of the library's tables of the graph (resolved or as stored).
    fn table(
        &mut self,
        py: Python<'_>,
        resolved: bool,
        make: fn(&geokg::graph::GraphFile) -> geokg::Result<RecordBatch>,
    ) -> PyResult<PyArrowType<Table>> {
        let g = if resolved { self.resolved() } else { &self.g };
        let batch = py.detach(|| make(&g.to_file())).map_err(py_err)?;
        let schema = batch.schema();
        Table::try_new(vec![batch], schema)
            .map(PyArrowType)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }
}

fn direction(s: &str) -> PyResult<Direction> {
    match s {
        "out" => Ok(Direction::Out),
        "in" => Ok(Direction::In),
        "both" => Ok(Direction::Both),
        _ => Err(value_err(format!("unknown direction {s:?}; one of out, in, both"))),
    }
}

#[pymethods]
impl PyGraph {
    #[new]
    fn new() -> PyGraph {
        PyGraph::of(KnowledgeGraph::new())
    }

    /// Extracts records and adds their triples, as `build --into`; returns
    /// the extraction warnings.
    #[pyo3(signature = (records, date=None, jobs=None))]
    fn add(&mut self, py: Python<'_>, records: &Bound<'_, PyAny>, date: Option<&str>, jobs: Option<usize>) -> PyResult<Vec<String>> {
        let docs = docs_of(records, date)?;
        let xs = extract_docs(py, &docs, jobs)?;
        let g = &mut self.g;
        py.detach(|| {
            for (d, x) in docs.iter().zip(&xs) {
                g.add_extraction(d, &x.triples);
            }
            g.finish();
        });
        self.resolved = None;
        Ok(warnings_of(&xs))
    }

    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyGraph> {
        py.detach(|| KnowledgeGraph::load(&path)).map(PyGraph::of).map_err(py_err)
    }

    #[staticmethod]
    #[pyo3(signature = (data, name="<bytes>"))]
    fn from_bytes(py: Python<'_>, data: &Bound<'_, PyBytes>, name: &str) -> PyResult<PyGraph> {
        let name = PathBuf::from(name);
        let data = data.as_bytes().to_vec();
        py.detach(|| KnowledgeGraph::from_bytes(data, &name))
            .map(PyGraph::of)
            .map_err(py_err)
    }

    fn save(&mut self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let g = &mut self.g;
        py.detach(|| g.save(&path)).map_err(py_err)
    }

    #[pyo3(name = "to_bytes", signature = (binary=true))]
    fn encode<'py>(&mut self, py: Python<'py>, binary: bool) -> Bound<'py, PyBytes> {
        let g = &mut self.g;
        let bytes = py.detach(|| g.to_bytes(binary));
        PyBytes::new(py, &bytes)
    }

    /// Merges another graph into this one (`geokg merge`).
    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) {
        // Copied first: `other` may be this very graph.
        let theirs = other.borrow().g.clone();
        let mut me = slf.borrow_mut();
        let g = &mut me.g;
        slf.py().detach(|| g.merge(theirs));
        me.resolved = None;
    }

    fn copy(&self) -> PyGraph {
        PyGraph::of(self.g.clone())
    }

    /// `neighbors --format json` as JSON text.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (name, depth=1, direction="both", categories=None, include_negated=false, kind=None, since=None, until=None, min_docs=1, as_of=None))]
    fn neighbors_json(
        &mut self,
        name: &str,
        depth: usize,
        direction: &str,
        categories: Option<Vec<String>>,
        include_negated: bool,
        kind: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
        min_docs: usize,
        as_of: Option<&str>,
    ) -> PyResult<String> {
        if depth == 0 {
            return Err(value_err("0 hops shows nothing: use 1 or more".into()));
        }
        let q = NeighborQuery {
            depth,
            direction: self::direction(direction)?,
            categories: categories
                .unwrap_or_default()
                .iter()
                .map(|c| geokg::options::category(c))
                .collect::<Result<_, _>>()
                .map_err(value_err)?,
            include_negated,
        };
        let kind = kind.map(geokg::options::entity_type).transpose().map_err(value_err)?;
        let day = |d: Option<&str>| d.map(geokg::options::date).transpose().map_err(value_err);
        let filter = Filter {
            since: day(since)?,
            until: day(until)?,
            min_docs,
            as_of: day(as_of)?,
        };
        let g = self.resolved();
        // Resolved on the whole graph, as the CLI does, so that an entity
        // outside the view has no relations rather than no entity.
        let found = g.find(name).map_err(py_err)?;
        let id = g.entity(found).id.clone();
        let view = g.view(&filter);
        let json = match view.node(&id) {
            Some(start) => serde_json::to_string(&geokg::query::neighbor_answer(&view, start, &q, kind)),
            None => {
                let answer = geokg::query::NeighborAnswer {
                    entity: g.entity(found).into(),
                    relations: vec![],
                };
                serde_json::to_string(&answer)
            }
        };
        json.map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// The sorted file form as JSON text; `resolved` for the graph the
    /// CLI's questions read.
    #[pyo3(signature = (resolved=true))]
    fn file_json(&mut self, py: Python<'_>, resolved: bool) -> PyResult<String> {
        let g = if resolved { self.resolved() } else { &self.g };
        py.detach(|| serde_json::to_string(&g.to_file()))
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// `stats --format json` as JSON text.
    #[pyo3(signature = (top=10))]
    fn stats_json(&mut self, top: usize) -> PyResult<String> {
        serde_json::to_string(&geokg::query::stats(self.resolved(), top)).map_err(|e| PyRuntimeError::new_err(e.to_string()))
    }

    /// The library's Arrow tables of the graph (`geokg::output::tables`, the
    /// tables the Parquet export writes), as pyarrow tables.
    #[pyo3(signature = (resolved=true))]
    fn entities(&mut self, py: Python<'_>, resolved: bool) -> PyResult<PyArrowType<Table>> {
        self.table(py, resolved, geokg::output::tables::entities)
    }

    #[pyo3(signature = (resolved=true))]
    fn relations(&mut self, py: Python<'_>, resolved: bool) -> PyResult<PyArrowType<Table>> {
        self.table(py, resolved, geokg::output::tables::relations)
    }

    #[pyo3(signature = (resolved=true))]
    fn evidence(&mut self, py: Python<'_>, resolved: bool) -> PyResult<PyArrowType<Table>> {
        self.table(py, resolved, geokg::output::tables::evidence)
    }

    #[getter]
    fn entity_count(&self) -> usize {
        self.g.entity_count()
    }

    #[getter]
    fn relation_count(&self) -> usize {
        self.g.relation_count()
    }

    #[getter]
    fn document_count(&self) -> usize {
        self.g.documents.len()
    }
}

#[pymodule]
fn _geokg(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(extract_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(triples_schema, m)?)?;
    m.add_class::<PyGraph>()?;
    m.add("GraphFileError", m.py().get_type::<GraphFileError>())?;
    Ok(())
}
