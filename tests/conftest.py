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


def run_stages(folder: Path, warehouse: Path, documents: dict[str, str], run_id: str = "run-1", publish: bool = True):
    """Write `documents` (name -> text) into `folder` and run every stage with the real tasks
    (no Prefect engine); return the gate report."""
    from flows.extract import extract
    from flows.ingest import ingest
    from flows.publish import publish as publish_task
    from flows.transform import transform
    from flows.validate import validate

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    ingest.fn(folder, warehouse, run_id)
    extract.fn(warehouse, run_id)
    transform.fn(warehouse, run_id)
    gates = validate.fn(warehouse, run_id)
    if publish:
        publish_task.fn(warehouse, run_id, gates)
    return gates


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
