"""Shared fixtures of the Python suite: the repository's test fixtures and
the CLI binary, which the tests compare the package with."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def cli_path() -> pathlib.Path:
    return pathlib.Path(os.environ.get("GEOKG_BIN", ROOT / "target" / "release" / "geokg"))


@pytest.fixture(scope="session")
def cli():
    """Runs the geokg binary; returns the completed process."""
    binary = cli_path()
    if not binary.exists():
        pytest.skip(f"SKIP: the geokg binary is not built at {binary} (cargo build --release, or set GEOKG_BIN)")

    def run(*args, check=True):
        return subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, check=check)

    return run


@pytest.fixture(scope="session")
def fixtures():
    return FIXTURES
