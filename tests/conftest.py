"""Shared fixtures. Prefect gets a temporary home before it is imported anywhere."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_PREFECT_HOME = tempfile.mkdtemp(prefix="lishui-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ.pop("PREFECT_API_URL", None)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "data" / "sources"
EVAL = Path(__file__).resolve().parent / "eval"


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect test server for the whole session (flows run against it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


@pytest.fixture
def sources(tmp_path) -> Path:
    """A copy of the sample sources the test may change."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for p in SAMPLE_SOURCES.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture
def warehouse(tmp_path) -> Path:
    return tmp_path / "wh" / "warehouse.duckdb"


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)
