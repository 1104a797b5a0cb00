"""geokg: news about international politics as a knowledge graph of typed,
traceable relations, from Python.

The package is the geokg library (Rust) behind a thin Python layer: the
native module ``geokg._geokg`` extracts and builds with the GIL released,
and this module turns its JSON and Arrow answers into Python values. A
triple from :func:`extract` is the very JSON object ``geokg extract
--format jsonl`` prints, parsed.

>>> import geokg
>>> [t["predicate"] for t in geokg.extract(["Russia attacked Ukraine on Monday."])]
['attacked']
>>> g = geokg.Graph.build([{"id": "a", "text": "Japan praised Brazil."}])
>>> (g.entity_count, g.relation_count)
(2, 1)
"""

from __future__ import annotations

import json
import os
import warnings as _warnings
from typing import Any, Iterable, Optional, Union

from . import _geokg
from ._geokg import GraphFileError

__all__ = ["extract", "extract_arrow", "triples_schema", "Graph", "GraphFileError"]

Records = Union[Iterable[Union[str, dict]], Any]


def _warn(messages: list) -> None:
    # The CLI prints these on stderr and goes on; Python's warnings let a
    # caller see, silence or escalate them.
    for m in messages:
        _warnings.warn(f"geokg: {m}", stacklevel=3)


def _records(records: Records) -> Any:
    # A single RecordBatch is a table of one batch; pyarrow Tables,
    # RecordBatchReaders and other Arrow streams go to Rust as they are.
    if hasattr(records, "__arrow_c_array__") and not hasattr(records, "__arrow_c_stream__"):
        import pyarrow as pa

        return pa.Table.from_batches([records])
    if type(records).__name__ == "DataFrame" and hasattr(records, "to_dict") and not hasattr(records, "__arrow_c_stream__"):
        # A pandas DataFrame: through Arrow, so that no row becomes a dict.
        import pyarrow as pa

        return pa.Table.from_pandas(records, preserve_index=False)
    return records


def extract(records: Records, date: Optional[str] = None, jobs: Optional[int] = None) -> list:
    """Extract triples from articles.

    ``records`` is a list of strings (one article each, ids ``line-1``,
    ``line-2``, ...) or of dicts with the fields of a JSONL input line:
    ``text`` (required), ``id``, ``date``, ``title``, ``url``, ``source``.
    A pyarrow Table with a ``text`` column works too. ``date`` is the
    publication date of records that carry none (``--date``); ``jobs`` the
    number of threads (``-j``; default one per core).

    Returns one dict per triple, with exactly the fields of ``geokg extract
    --format jsonl``, in input order.

    >>> t = extract([{"id": "n1", "text": "Russia attacked Ukraine on Monday."}], date="2025-02-10")[0]
    >>> (t["subject"]["name"], t["predicate"], t["category"], t["object"]["name"], t["date"])
    ('Russia', 'attacked', 'ASSAULT', 'Ukraine', '2025-02-10')

    Raises TypeError for a record of the wrong type and ValueError for a
    record without text or a duplicate id.
    """
    text, warnings = _geokg.extract_json(_records(records), date, jobs)
    _warn(warnings)
    return json.loads(text)


def extract_arrow(table: Any, date: Optional[str] = None, jobs: Optional[int] = None):
    """Extract triples from a pyarrow Table (or any Arrow stream) with a
    ``text`` column and optional ``id``, ``date``, ``title``, ``url`` and
    ``source`` columns; returns a pyarrow Table of triples, one row each
    (schema: :func:`triples_schema`).

    The table crosses into Rust through the Arrow C data interface and back
    the same way: no Python object is made per row, and the GIL is released
    while Rust works.

    >>> import pyarrow as pa
    >>> t = extract_arrow(pa.table({"id": ["n1"], "text": ["Japan praised Brazil."]}))
    >>> t.column("predicate").to_pylist()
    ['praised']
    """
    out, warnings = _geokg.extract_arrow(_records(table), date, jobs)
    _warn(warnings)
    return out


def triples_schema():
    """The pyarrow schema of :func:`extract_arrow`'s table."""
    return _geokg.triples_schema()


class Graph:
    """A geokg knowledge graph: entities, relations and their evidence.

    Build one from records (:meth:`build`), read a graph file
    (:meth:`load`), merge graphs exactly (:meth:`merge`), ask for an
    entity's neighbourhood (:meth:`neighbors`), and hand it to networkx,
    pyarrow or pandas.

    >>> g = Graph.build(["Japan praised Brazil."])
    >>> g.neighbors("Japan")["relations"][0]["predicate"]
    'praised'
    """

    __slots__ = ("_g",)

    def __init__(self) -> None:
        """An empty graph."""
        self._g = _geokg.Graph()

    @classmethod
    def _wrap(cls, native: Any) -> "Graph":
        g = cls.__new__(cls)
        g._g = native
        return g

    @classmethod
    def build(cls, records: Records, date: Optional[str] = None, jobs: Optional[int] = None) -> "Graph":
        """The graph of records (as :func:`extract` takes them): what ``geokg
        build`` writes for the same articles, byte for byte once saved."""
        g = cls()
        g.add(records, date=date, jobs=jobs)
        return g

    def add(self, records: Records, date: Optional[str] = None, jobs: Optional[int] = None) -> "Graph":
        """Extract records and add their triples to this graph (``build
        --into``). Returns the graph."""
        _warn(self._g.add(_records(records), date, jobs))
        return self

    @classmethod
    def load(cls, path: Union[str, os.PathLike]) -> "Graph":
        """Read a graph file, JSON or binary (``.geokg``). A damaged,
        truncated or foreign file raises :class:`GraphFileError` with the
        message the CLI prints; a missing one FileNotFoundError."""
        return cls._wrap(_geokg.Graph.load(os.fspath(path)))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "<bytes>") -> "Graph":
        """Read a graph file's bytes (JSON or binary); ``name`` stands for
        the file in error messages."""
        return cls._wrap(_geokg.Graph.from_bytes(data, name))

    def save(self, path: Union[str, os.PathLike]) -> None:
        """Write the graph file atomically: binary when the name ends in
        ``.geokg``, else JSON; sorted, as the CLI writes it."""
        self._g.save(os.fspath(path))

    def to_bytes(self, binary: bool = True) -> bytes:
        """The bytes :meth:`save` writes (binary, or JSON with ``binary=False``)."""
        return self._g.to_bytes(binary)

    def merge(self, other: "Graph") -> "Graph":
        """Merge another graph into this one, as ``geokg merge``:
        commutative, associative and idempotent down to the byte of the
        saved file. Returns this graph."""
        self._g.merge(other._g)
        return self

    def copy(self) -> "Graph":
        """An independent copy."""
        return Graph._wrap(self._g.copy())

    @property
    def entity_count(self) -> int:
        return self._g.entity_count

    @property
    def relation_count(self) -> int:
        return self._g.relation_count

    @property
    def document_count(self) -> int:
        return self._g.document_count

    def __repr__(self) -> str:
        return f"<geokg.Graph: {self.document_count} documents, {self.entity_count} entities, {self.relation_count} relations>"

    def neighbors(
        self,
        name: str,
        depth: int = 1,
        direction: str = "both",
        categories: Optional[Iterable[str]] = None,
        include_negated: bool = False,
        kind: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        min_docs: int = 1,
        as_of: Optional[str] = None,
    ) -> dict:
        """The relations within ``depth`` hops of an entity (by id, name,
        alias or partial name), as ``geokg neighbors --format json``:
        ``{"entity": {...}, "relations": [...]}``. An unknown name raises
        LookupError with the CLI's message (and its suggestions).

        ``direction`` is ``out``, ``in`` or ``both``; ``categories`` keeps
        those categories; ``kind`` keeps neighbours of one entity type;
        ``since``, ``until``, ``min_docs`` and ``as_of`` filter as the CLI's
        flags of the same names.
        """
        cats = None if categories is None else list(categories)
        text = self._g.neighbors_json(name, depth, direction, cats, include_negated, kind, since, until, min_docs, as_of)
        return json.loads(text)

    def stats(self, top: int = 10) -> dict:
        """``geokg stats --format json``, as a dict."""
        return json.loads(self._g.stats_json(top))

    def to_dict(self, resolved: bool = True) -> dict:
        """The graph file's records (documents, entities, relations with
        their evidence) as dicts. ``resolved`` (the default) gives the graph
        as the CLI's questions read it, with bare surnames joined to the one
        full name; ``resolved=False`` the graph as stored."""
        return json.loads(self._g.file_json(resolved))

    def entities(self, resolved: bool = True):
        """The entities as a pyarrow Table, one row per entity: the
        ``entities`` table of ``geokg export --format parquet`` (columns in
        the README). ``.to_pandas()`` gives a DataFrame."""
        return self._g.entities(resolved)

    def relations(self, resolved: bool = True):
        """The relations as a pyarrow Table, one row per relation, sorted by
        (subject, predicate, object): the Parquet export's ``relations``.

        >>> Graph.build(["Japan praised Brazil."]).relations().column("predicate").to_pylist()
        ['praised']
        """
        return self._g.relations(resolved)

    def evidence(self, resolved: bool = True):
        """The evidence statements as a pyarrow Table, one row per
        statement, ``relation`` pointing at the row of :meth:`relations`:
        the Parquet export's ``evidence``."""
        return self._g.evidence(resolved)

    def to_networkx(self, resolved: bool = True):
        """A ``networkx.MultiDiGraph``: one node per entity (keyed by id,
        with ``name``, ``type`` and ``aliases``), one edge per relation
        (keyed by predicate, with every relation field of the graph file
        but the evidence list, and ``statements``, its length). Node and
        edge counts are those of ``geokg stats``.

        >>> G = Graph.build(["Japan praised Brazil."]).to_networkx()
        >>> list(G.edges(keys=True))
        [('country:JPN', 'country:BRA', 'praised')]
        """
        import networkx as nx

        f = self.to_dict(resolved)
        G = nx.MultiDiGraph()
        for e in f["entities"]:
            G.add_node(e["id"], name=e["name"], type=e["type"], aliases=e.get("aliases", []))
        for r in f["relations"]:
            attrs = {k: v for k, v in r.items() if k not in ("subject", "object", "evidence")}
            attrs["statements"] = len(r["evidence"])
            G.add_edge(r["subject"], r["object"], key=r["predicate"], **attrs)
        return G
