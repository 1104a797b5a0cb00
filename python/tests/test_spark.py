"""The Spark job on the fixtures: its merged graph equals `geokg build` of
the same corpus, byte for byte. Skips when pyspark or Java is missing."""

import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

JOB = pathlib.Path(__file__).resolve().parents[1] / "examples" / "spark_job.py"


def spark_missing():
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install pyspark)"
    java = shutil.which("java") or (os.environ.get("JAVA_HOME") and pathlib.Path(os.environ["JAVA_HOME"], "bin", "java"))
    if not java:
        return "no Java runtime for Spark's local mode (install Java 17 or set JAVA_HOME)"
    return None


@pytest.mark.skipif(spark_missing() is not None, reason=f"SKIP: {spark_missing()}")
@pytest.mark.parametrize("mode", ["tree-reduce", "parts"])
def test_spark_job_equals_cli_build(cli, fixtures, tmp_path, mode):
    expected = tmp_path / "cli.json"
    cli("build", fixtures, "--date", "2025-02-07", "-o", expected)
    out = tmp_path / "spark.json"
    args = [sys.executable, str(JOB), str(fixtures), "-o", str(out), "--date", "2025-02-07", "--partitions", "3"]
    if mode == "parts":
        args += ["--parts", str(tmp_path / "parts")]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    subprocess.run(args, check=True, env=env, timeout=600)
    assert out.read_bytes() == expected.read_bytes()
    if mode == "parts":
        parts = sorted((tmp_path / "parts").iterdir())
        assert len(parts) == 3
        merged = tmp_path / "merged.json"
        cli("merge", *parts, "-o", merged)
        assert merged.read_bytes() == expected.read_bytes()
