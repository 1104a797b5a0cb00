"""geokg on Spark: extract a corpus with mapInArrow, one graph per
partition, then reduce them with geokg's exact merge into one graph file
equal, byte for byte, to ``geokg build`` of the same corpus.

    python python/examples/spark_job.py CORPUS... -o graph.json [--parts DIR] [--partitions N] [--date D] [--master local[2]]

CORPUS is what ``geokg build`` takes: ``.jsonl`` files (one article per
line: ``text``, ``id``, ``date``, ``title``, ``url``, ``source``), ``.txt``
files (one article each, the file stem as id) and directories of them; a
URI (``s3a://``, ``hdfs://``) is read by Spark as JSONL.
Every executor needs the geokg wheel installed (README: "Scale-out on
Spark").

Why the result is exact: a partition's graph is what ``geokg build`` of
that partition's documents writes, and merging is commutative,
associative and idempotent down to the byte, because graph files are
written sorted and names are chosen in an order-independent way. So how
Spark splits and orders the documents, and in what order the partition
graphs are merged (here a tree reduce), cannot change the file.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

import pyarrow as pa

# The columns a record may have; all strings, as JSONL readers see them.
FIELDS = ["id", "text", "date", "title", "url", "source"]


def corpus_files(paths):
    """The files ``geokg build`` reads for these paths: directories walked
    recursively in sorted order, keeping ``.txt`` and ``.jsonl``."""
    out = []
    for p in paths:
        if "://" in str(p):
            # A distributed file system (s3a://, hdfs://): Spark lists it,
            # as JSONL files or directories of them.
            out.append(p)
            continue
        p = pathlib.Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in (".txt", ".jsonl")))
        else:
            out.append(p)
    return out


def read_corpus(spark, paths):
    """The corpus as one DataFrame of FIELDS."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(f, StringType()) for f in FIELDS])
    files = corpus_files(paths)
    frames = []
    jsonl = [str(f) for f in files if isinstance(f, str) or f.suffix == ".jsonl"]
    if jsonl:
        frames.append(spark.read.schema(schema).json(jsonl))
    for f in (f for f in files if not isinstance(f, str) and f.suffix != ".jsonl"):
        # One article per file, its stem the id, as `geokg build` reads it.
        text = spark.read.text(str(f), wholetext=True).withColumnRenamed("value", "text")
        frames.append(text.select(*[(F.lit(f.stem) if c == "id" else F.col("text") if c == "text" else F.lit(None).cast("string")).alias(c) for c in FIELDS]))
    if not frames:
        raise SystemExit("spark_job: no .txt or .jsonl files in the corpus")
    df = frames[0]
    for other in frames[1:]:
        df = df.unionByName(other)
    return df


def partition_graph(date):
    """The mapInArrow function: the partition's batches into one graph,
    yielded as the bytes of its binary graph file."""

    def run(batches):
        import geokg

        g = geokg.Graph()
        for batch in batches:
            # One thread per task: Spark runs the tasks in parallel.
            g.add(batch, date=date, jobs=1)
        yield pa.RecordBatch.from_pydict({"graph": [g.to_bytes()]}, schema=pa.schema([("graph", pa.binary())]))

    return run


def merge_bytes(a: bytes, b: bytes) -> bytes:
    import geokg

    return geokg.Graph.from_bytes(a).merge(geokg.Graph.from_bytes(b)).to_bytes()


def run(spark, corpus, output, parts=None, partitions=2, date=None):
    """Runs the job; returns the merged graph."""
    import geokg

    df = read_corpus(spark, corpus).repartition(partitions)
    graphs = df.mapInArrow(partition_graph(date), "graph binary")
    if parts:
        # The per-partition graph files, as `geokg merge` would take them.
        pathlib.Path(parts).mkdir(parents=True, exist_ok=True)
        blobs = [bytes(r.graph) for r in graphs.collect()]
        for i, blob in enumerate(blobs):
            geokg.Graph.from_bytes(blob).save(pathlib.Path(parts) / f"part-{i:05}.geokg")
        merged = geokg.Graph()
        for blob in blobs:
            merged.merge(geokg.Graph.from_bytes(blob))
    else:
        # A tree reduce on the executors: exact whatever the pairing.
        merged = geokg.Graph.from_bytes(graphs.rdd.map(lambda r: bytes(r.graph)).treeReduce(merge_bytes))
    merged.save(output)
    return merged


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("-o", "--output", required=True, help="the merged graph file (.json or .geokg)")
    ap.add_argument("--parts", help="also write each partition's graph into this directory")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--date", help="publication date for records without one (as --date)")
    ap.add_argument("--master", default="local[2]")
    a = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(a.master)
        .appName("geokg")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(a.partitions))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        g = run(spark, a.corpus, a.output, a.parts, a.partitions, a.date)
    finally:
        spark.stop()
    print(f"spark_job: {g.document_count} documents -> {g.entity_count} entities, {g.relation_count} relations in {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
