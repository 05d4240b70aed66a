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
    """A real Prefect server (`prefect server start`) for the whole session; flows run against it
    and subprocesses find it through PREFECT_API_URL."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.serve import PrefectServer

    server = PrefectServer(Path(_PREFECT_HOME) / "server.log")
    url = server.start()
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)  # send the last logs and events before the server goes
        EventsWorker.drain_all(timeout=10)
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download). Missing, it is a
    failure, not a skip: `make test` installs it."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is needed: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


POSTGRES_ADMIN = os.environ.get("LISHUI_TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database on the machine's server for the session. No server is a
    failure, not a skip: the BI publishing is part of the product."""
    import psycopg

    name = f"lishui_test_{os.getpid()}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.Error as e:
        pytest.fail(f"PostgreSQL is needed at {POSTGRES_ADMIN} (set LISHUI_TEST_POSTGRES_ADMIN_URL): {e}")
    with admin:
        admin.execute(f'drop database if exists "{name}"')
        admin.execute(f'create database "{name}"')
    url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    yield url
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


def run_publishing_to(url: str, **parameters):
    """The `lishui` flow with the PostgreSQL URL in its environment, as `lishui run --postgres` gives it."""
    from flows import POSTGRES_ENV
    from flows.lishui import lishui

    before = os.environ.get(POSTGRES_ENV)
    os.environ[POSTGRES_ENV] = url
    try:
        return lishui(**parameters)
    finally:
        if before is None:
            os.environ.pop(POSTGRES_ENV, None)
        else:
            os.environ[POSTGRES_ENV] = before


def reader_url(url: str) -> str:
    """The same database, as the read-only role."""
    import re

    return re.sub(r"://[^@/]*@", "://lishui_reader@", url)


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
    """A new warehouse, bootstrapped (as a run does before its first stage)."""
    import warehouse as wh

    return wh.Warehouse(tmp_path / "wh" / "warehouse.duckdb").bootstrap().path


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

    import warehouse as wh

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    wh.Warehouse(warehouse).bootstrap()  # as a run does, once before its stages
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


def curated(path: Path) -> dict[str, list[tuple]]:
    """Every curated table of a DuckDB file, its rows sorted: for comparing two files whole."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.sql(f"select * from curated.{t} order by all").fetchall()
                for (t,) in con.sql("select table_name from duckdb_tables() where schema_name = 'curated'").fetchall()}
    finally:
        con.close()
