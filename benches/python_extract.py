"""The Python package against the CLI on the same news text (issue 15).

    python benches/python_extract.py NEWS.jsonl [--spark] [--runs 3]

Times `geokg.extract_arrow` on a pyarrow Table of the JSONL records (read
before timing starts) against `geokg extract NEWS.jsonl --format jsonl`,
both on all cores, and reports CPU time (user + system, every thread) and
wall time; the target is Python within 1.3x of the CLI's CPU time. The
first Python call also loads the lexicon, as every CLI run does; later
calls reuse it. With --spark it also times the Spark job
(python/examples/spark_job.py, local[2]) against `geokg build` of the same
file, and checks that both write the same bytes.

Needs the wheel installed and target/release/geokg built.
"""

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

import pyarrow as pa

import geokg

ROOT = pathlib.Path(__file__).resolve().parents[1]
CLI = os.environ.get("GEOKG_BIN", str(ROOT / "target" / "release" / "geokg"))


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(args):
    """CPU and wall seconds of one CLI run, output discarded."""
    cpu0, t0 = children_cpu(), time.perf_counter()
    subprocess.run([CLI, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return children_cpu() - cpu0, time.perf_counter() - t0


def run_python(table):
    cpu0, t0 = time.process_time(), time.perf_counter()
    out = geokg.extract_arrow(table)
    return time.process_time() - cpu0, time.perf_counter() - t0, out.num_rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("news")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--spark", action="store_true")
    a = ap.parse_args()
    rows = [json.loads(line) for line in open(a.news, encoding="utf-8") if line.strip()]
    fields = ("id", "text", "date", "title", "url", "source")
    table = pa.Table.from_pylist([{k: (None if r.get(k) is None else str(r[k])) for k in fields} for r in rows])
    mb = sum(len(r["text"].encode()) for r in rows) / 1e6
    print(f"{len(rows)} documents, {mb:.2f} MB of text, {os.cpu_count()} cores")

    first = run_python(table)
    py = min(run_python(table)[:2] for _ in range(a.runs))
    cli = min(run_cli(["extract", a.news, "--format", "jsonl"]) for _ in range(a.runs))
    print(f"cli extract --format jsonl  cpu {cli[0]:.2f} s  wall {cli[1]:.2f} s")
    print(f"python extract_arrow first  cpu {first[0]:.2f} s  wall {first[1]:.2f} s  ({first[2]} triples, lexicon load included)")
    print(f"python extract_arrow warm   cpu {py[0]:.2f} s  wall {py[1]:.2f} s")
    print(f"python / cli cpu: first {first[0] / cli[0]:.2f}x, warm {py[0] / cli[0]:.2f}x (target <= 1.3x)")

    if a.spark:
        with tempfile.TemporaryDirectory() as d:
            cli_out, spark_out = pathlib.Path(d, "cli.json"), pathlib.Path(d, "spark.json")
            build = run_cli(["build", a.news, "-o", str(cli_out)])
            t0 = time.perf_counter()
            env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
            job = [sys.executable, str(ROOT / "python" / "examples" / "spark_job.py"), a.news, "-o", str(spark_out)]
            subprocess.run(job, check=True, env=env, stderr=subprocess.DEVNULL)
            spark_wall = time.perf_counter() - t0
            same = spark_out.read_bytes() == cli_out.read_bytes()
            print(f"cli build                   wall {build[1]:.2f} s  cpu {build[0]:.2f} s")
            print(f"spark job local[2]          wall {spark_wall:.2f} s  (+{spark_wall - build[1]:.2f} s over the CLI; same bytes: {same})")


if __name__ == "__main__":
    main()
