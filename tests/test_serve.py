"""`lishui serve`: scheduled runs on a real Prefect server, run as a user runs it."""
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import query
from warehouse import snapshot

LISHUI = Path(sys.executable).parent / "lishui"


class Serve:
    """`lishui serve ...` in its own process, its output collected line by line."""

    def __init__(self, *args, env: dict):
        self.process = subprocess.Popen([str(LISHUI), "serve", *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_line(self, start: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, f"serve exited {self.process.returncode}: {self.text()}"
                continue
            self.output.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r} within {timeout} s: {self.text()}")

    def stop(self, signum: int, timeout: float = 90) -> int:
        self.process.send_signal(signum)
        code = self.process.wait(timeout=timeout)
        time.sleep(0.2)
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return code

    def text(self) -> str:
        return "".join(self.output)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def api(url: str, path: str, body: dict | None = None):
    request = urllib.request.Request(f"{url}{path}", data=json.dumps(body or {}).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.loads(r.read())


def eventually(probe, timeout: float = 180, every: float = 1.0):
    """Poll `probe` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = probe()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"{probe.__name__} not true within {timeout} s")


def listening(url: str) -> bool:
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, int(port))) == 0


def serve_env(tmp_path) -> dict:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    return env


def test_serve_starts_a_prefect_server_runs_on_schedule_and_ctrl_c_stops_everything(tmp_path, sources, warehouse):
    serve = Serve("--interval", "5", "--sources", str(sources), "--warehouse", str(warehouse),
                  env=serve_env(tmp_path))
    try:
        started = serve.wait_for_line("started a Prefect server at ")
        url = started.split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api")
        assert api(url, "/health") is True
        ui = started.split("(UI: ")[1].split(")")[0]
        assert api(ui, "/ui-settings")["api_url"] == url  # the UI's pages reach this server, not port 4200
        assert (tmp_path / "prefect-home" / "prefect.db").is_file()  # its state: SQLite in the Prefect home

        def completed_runs():
            runs = api(url, "/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
                                                   "sort": "START_TIME_ASC"})
            return runs if len(runs) >= 2 else None

        runs = eventually(completed_runs)  # the schedule fires, and fires again
        (deployment,) = {r["deployment_id"] for r in runs}
        served = api(url, f"/deployments/{deployment}")
        assert served["name"] == "lishui-scheduled"
        assert served["parameters"] == {"sources": str(sources), "warehouse": str(warehouse), "wait": True}
        assert snapshot.current(warehouse).is_file()
        assert query(snapshot.current(warehouse), "select count(*) from curated.figures")[0][0] > 100
        (second_extract,) = query(warehouse, "select count(*) from raw.extract_log where run_id = ?", [runs[1]["id"]])[0]
        assert second_extract == 0  # the scheduled re-run had nothing new to extract

        def run_logs():
            logs = api(url, "/logs/filter", {"logs": {"flow_run_id": {"any_": [runs[0]["id"]]}}})
            messages = [entry["message"] for entry in logs]
            return messages if any(m.startswith("publish: readers now see") for m in messages) else None

        messages = eventually(run_logs, timeout=60)
        assert "stage 2 of 5: extract (5 documents in the batch, 5 new versions)" in messages
        assert any(m.startswith("extract: 5 of 5 documents (1 of 1 batches, ") for m in messages)

        artifacts = api(url, "/artifacts/filter", {"artifacts": {"key": {"any_": ["lishui-run"]}}})
        first = next(a for a in artifacts if a["flow_run_id"] == runs[0]["id"])
        assert first["type"] == "markdown"
        markdown = first["data"]
        assert ": **published**" in markdown and "| documents extracted | 5 |" in markdown
        assert "| transform | 41 | 0 | 3 | 0 |" in markdown  # 44 expectations: 3 flagged rows
        assert "**Flagged figures**: " in markdown and "MAGNITUDE_IMPLAUSIBLE" in markdown
        assert f"[quality report]({(warehouse.parent / 'report' / 'index.html').as_uri()})" in markdown

        assert serve.stop(signal.SIGINT) == 0
        assert "stopped the Prefect server" in serve.text()
        assert not listening(url)
    finally:
        serve.kill()


def test_serve_uses_the_server_prefect_api_url_names_and_leaves_it_running(tmp_path, sources, warehouse,
                                                                          prefect_server):
    env = {**serve_env(tmp_path), "PREFECT_API_URL": prefect_server}
    config = tmp_path / "sources.toml"  # a sources file and a feed beside it: the deployment's parameters
    config.write_text(f"[[folder]]\npath = '{sources}'\n", encoding="utf-8")
    serve = Serve("--cron", "0 6 * * *", "--timezone", "Asia/Shanghai", "--config", str(config),
                  "--feed", "https://news.example.cn/economy/rss.xml",
                  "--warehouse", str(warehouse), "--postgres", "postgresql://someone:secret@db/lishui", env=env)
    try:
        assert serve.wait_for_line("using the Prefect server at ").strip().endswith(
            f"at {prefect_server} (UI: {prefect_server.removesuffix('/api')})")
        serve.wait_for_line("serving flow lishui on cron '0 6 * * *' (Asia/Shanghai)")

        def deployment():
            found = api(prefect_server, "/deployments/filter",
                        {"deployments": {"name": {"any_": ["lishui-scheduled"]}}})
            return found[0] if found and found[0]["schedules"] else None

        served = eventually(deployment, timeout=60)
        schedule = served["schedules"][0]["schedule"]
        assert (schedule["cron"], schedule["timezone"]) == ("0 6 * * *", "Asia/Shanghai")
        assert served["parameters"] == {"config": str(config), "feeds": ["https://news.example.cn/economy/rss.xml"],
                                        "warehouse": str(warehouse), "wait": True}
        assert "secret" not in json.dumps(served)  # the PostgreSQL URL stays out of Prefect
        assert serve.stop(signal.SIGTERM) == 0
        assert "stopped the Prefect server" not in serve.text()
        assert api(prefect_server, "/health") is True  # not ours to stop
    finally:
        serve.kill()


def test_serve_refuses_a_missing_sources_folder(tmp_path):
    result = subprocess.run([str(LISHUI), "serve", "--interval", "60", "--sources", str(tmp_path / "nope")],
                            capture_output=True, text=True, env=serve_env(tmp_path), timeout=60)
    assert result.returncode == 2
    assert f"sources folder {tmp_path / 'nope'} does not exist" in result.stderr


@pytest.mark.parametrize("args", [[], ["--cron", "0 6 * * *", "--interval", "60"]])
def test_serve_needs_exactly_one_schedule(tmp_path, args):
    result = subprocess.run([str(LISHUI), "serve", *args], capture_output=True, text=True,
                            env=serve_env(tmp_path), timeout=60)
    assert result.returncode == 2
    assert "--cron" in result.stderr and "--interval" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--cron", "bogus"], "--cron 'bogus' is not a cron expression (five fields, e.g. '0 6 * * *')"),
    (["--interval", "0"], "--interval must be a positive number of seconds, not 0"),
    (["--cron", "0 6 * * *", "--timezone", "Mars/Olympus"], "--timezone 'Mars/Olympus' is not an IANA time zone"
                                                              " (e.g. Asia/Shanghai)"),
])
def test_serve_refuses_a_bad_schedule_before_starting_anything(tmp_path, sources, args, message):
    result = subprocess.run([str(LISHUI), "serve", *args, "--sources", str(sources)], capture_output=True,
                            text=True, env=serve_env(tmp_path), timeout=60)
    assert (result.returncode, result.stderr.strip()) == (2, f"lishui: {message}")
    assert not (tmp_path / "prefect-home" / "server.log").exists()


@pytest.fixture
def prefect_database():
    """An empty PostgreSQL database for a Prefect server's own state."""
    import psycopg

    from tests.conftest import POSTGRES_ADMIN

    name = f"lishui_prefect_test_{os.getpid()}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')
        admin.execute(f'create database "{name}"')
    yield POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


def test_serve_keeps_prefects_state_in_postgresql_when_told_to(tmp_path, sources, warehouse, prefect_database):
    import psycopg

    env = {**serve_env(tmp_path),
           "PREFECT_API_DATABASE_CONNECTION_URL": prefect_database.replace("postgresql://", "postgresql+asyncpg://")}
    serve = Serve("--interval", "5", "--sources", str(sources), "--warehouse", str(warehouse), env=env)
    try:
        url = serve.wait_for_line("started a Prefect server at ").split(" at ")[1].split()[0]

        def completed_in_postgresql():
            with psycopg.connect(prefect_database) as con:
                return con.execute("select count(*) from flow_run where state_type = 'COMPLETED'").fetchone()[0]

        assert eventually(completed_in_postgresql) >= 1
        assert api(url, "/flow_runs/count", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}) >= 1
        assert not (tmp_path / "prefect-home" / "prefect.db").exists()  # no SQLite state
        assert snapshot.current(warehouse).is_file()
        assert serve.stop(signal.SIGINT) == 0
    finally:
        serve.kill()


def test_a_killed_serve_leaves_no_prefect_server_behind(tmp_path, sources, warehouse):
    serve = Serve("--interval", "3600", "--sources", str(sources), "--warehouse", str(warehouse),
                  env=serve_env(tmp_path))
    try:
        url = serve.wait_for_line("started a Prefect server at ").split(" at ")[1].split()[0]
        assert listening(url)
        serve.stop(signal.SIGKILL)

        def server_gone():
            return not listening(url)

        assert eventually(server_gone, timeout=30)
    finally:
        serve.kill()
