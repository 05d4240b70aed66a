"""The Superset starting point: the repository's dashboard bundle imported into a stock Superset
6.1 (its own virtual environment, .venv-superset), connected to the PostgreSQL publish as the
read-only role, every chart's query run by Superset's own server through its REST API."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import psycopg
import pytest

from tests.conftest import ROOT, SAMPLE_SOURCES, reader_url, run_publishing_to
from warehouse import snapshot, superset

pytestmark = pytest.mark.usefixtures("prefect_server")

SUPERSET = ROOT / ".venv-superset" / "bin" / "superset"
LISHUI = Path(sys.executable).parent / "lishui"
ADMIN = ("admin", "admin-password-for-tests")


@pytest.fixture(scope="module")
def published(tmp_path_factory, postgres_url) -> Path:
    """The sample sources published to DuckDB and to the session's PostgreSQL; the warehouse."""
    warehouse = tmp_path_factory.mktemp("superset") / "data" / "warehouse.duckdb"
    run_publishing_to(postgres_url, sources=SAMPLE_SOURCES, warehouse=warehouse)
    return warehouse


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def superset_server(tmp_path_factory, published, postgres_url):
    """A stock Superset (metadata in SQLite) with the bundle imported, serving on 127.0.0.1."""
    if not SUPERSET.exists():
        pytest.fail(f"{SUPERSET} is needed: `make test` builds .venv-superset from tests/superset/requirements.txt")
    home = tmp_path_factory.mktemp("superset-home")
    (home / "superset_config.py").write_text(
        f'SECRET_KEY = "lishui-tests-only-{os.getpid()}-0123456789abcdef"\n'
        f'SQLALCHEMY_DATABASE_URI = "sqlite:///{home / "superset.db"}"\n'
        "WTF_CSRF_ENABLED = False\n")
    env = {**os.environ, "SUPERSET_CONFIG_PATH": str(home / "superset_config.py"), "SUPERSET_HOME": str(home),
           "FLASK_APP": "superset"}

    def superset_cli(*args: str) -> str:
        result = subprocess.run([str(SUPERSET), *args], capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, f"superset {args[0]}: {result.stderr[-3000:]}"
        return result.stdout + result.stderr

    bundle = home / "lishui-superset.zip"
    made = subprocess.run([str(LISHUI), "superset-bundle", "--warehouse", str(published), "--uri",
                           reader_url(postgres_url), "--out", str(bundle)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    superset_cli("db", "upgrade")
    superset_cli("fab", "create-admin", "--username", ADMIN[0], "--password", ADMIN[1], "--firstname", "Ana",
                 "--lastname", "Lyst", "--email", "analyst@example.org")
    superset_cli("init")
    superset_cli("import-dashboards", "-p", str(bundle), "-u", ADMIN[0])
    port = _free_port()
    server = subprocess.Popen([str(SUPERSET), "run", "-h", "127.0.0.1", "-p", str(port), "--with-threads"],
                              env=env, stdout=subprocess.DEVNULL, stderr=open(home / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"Superset did not start: {(home / 'server.log').read_text()[-3000:]}")
        yield Client(base)
    finally:
        server.terminate()
        server.wait(timeout=30)


class Client:
    """Superset's REST API as a BI client calls it: log in, then bearer-token requests."""

    def __init__(self, base: str):
        self.base = base
        self.token = self.call("/api/v1/security/login", {"username": ADMIN[0], "password": ADMIN[1],
                                                          "provider": "db", "refresh": False})[1]["access_token"]

    def call(self, path: str, data: dict | None = None) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {self.token}"} if getattr(self, "token", None) else {}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, headers=headers,
                                         data=json.dumps(data).encode() if data is not None else None)
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, {"error": e.read().decode(errors="replace")[:2000]}


def test_the_repository_bundle_is_the_one_the_published_tables_give(published):
    """warehouse/superset/lishui-superset.zip is up to date: `lishui superset-bundle` on a fresh
    publish with the default URI writes the same files (regenerate it after `make run` with
    `lishui superset-bundle --out warehouse/superset/lishui-superset.zip`)."""
    with zipfile.ZipFile(superset.BUNDLE) as z:
        committed = {name: z.read(name).decode("utf-8") for name in z.namelist()}
    assert committed == superset.files(superset.columns(snapshot.current(published)))
    assert superset.bundle(snapshot.current(published)) == superset.bundle(snapshot.current(published))


def test_the_dashboard_imports_with_its_datasets_and_charts(superset_server):
    status, dashboards = superset_server.call("/api/v1/dashboard/?q=(page_size:100)")
    assert status == 200
    assert [(d["dashboard_title"], d["slug"]) for d in dashboards["result"]] == [("Lishui economy", "lishui")]
    status, charts = superset_server.call(f"/api/v1/dashboard/{dashboards['result'][0]['id']}/charts")
    assert sorted(c["slice_name"] for c in charts["result"]) == sorted(c["name"] for c in superset.CHARTS)
    status, datasets = superset_server.call("/api/v1/dataset/?q=(page_size:100)")
    assert sorted((d["schema"], d["table_name"]) for d in datasets["result"]) == sorted(
        ("curated", t) for t in superset.DATASETS)
    status, database = superset_server.call(f"/api/v1/database/{datasets['result'][0]['database']['id']}/connection")
    assert database["result"]["parameters"]["username"] == "lishui_reader"


def _chart_rows(client: Client, name: str) -> list[dict]:
    status, charts = client.call("/api/v1/chart/?q=(page_size:100)")
    chart = next(c for c in charts["result"] if c["slice_name"] == name)
    status, body = client.call(f"/api/v1/chart/{chart['id']}/data/")
    assert status == 200, body
    (result,) = body["result"]
    assert result["status"] == "success" and result["rowcount"] == len(result["data"]), result
    return result["data"]


def test_the_dashboard_draws_every_chart_in_a_browser(superset_server, browser):
    """Chromium logs in to Superset's own UI and opens the dashboard: each chart draws (a canvas,
    an SVG or a table), with no script error; nothing is fetched but Superset itself and the
    telemetry pixel its frontend has built in (apachesuperset.gateway.scarf.sh; it fails offline)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    elsewhere, errors = [], []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(
        (superset_server.base, "data:", "blob:", "https://apachesuperset.gateway.scarf.sh/")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{superset_server.base}/login/")
        page.fill("#username", ADMIN[0])
        page.fill("#password", ADMIN[1])
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url, timeout=60_000)
        page.goto(f"{superset_server.base}/superset/dashboard/lishui/")
        for chart in superset.CHARTS:
            holder = page.locator(".dashboard-component-chart-holder", has_text=chart["name"])
            holder.locator("canvas, svg, table").first.wait_for(timeout=60_000)
        assert page.locator(".dashboard-component-chart-holder").count() == len(superset.CHARTS)
        assert errors == [] and elsewhere == []
    finally:
        context.close()


@pytest.mark.parametrize("chart", [c["name"] for c in superset.CHARTS])
def test_every_chart_query_runs_through_superset_on_the_reader_connection(superset_server, chart):
    assert _chart_rows(superset_server, chart)  # rows from the sample sources' publish


def test_chart_rows_equal_the_same_question_asked_of_postgresql(superset_server, postgres_url):
    with psycopg.connect(reader_url(postgres_url)) as pg:
        by_code = dict(pg.execute("select code, count(*) from curated.figure_flags group by code").fetchall())
        flagged = pg.execute("select count(*) from curated.figure_flags").fetchone()[0]
        targets = pg.execute("select count(*) from curated.targets where horizon_year is not null").fetchone()[0]
    assert {r["code"]: r["count"] for r in _chart_rows(superset_server, "Flags by check")} == by_code
    assert len(_chart_rows(superset_server, "Flagged figures")) == flagged
    assert sum(r["count"] for r in _chart_rows(superset_server, "Targets by horizon year")) == targets
