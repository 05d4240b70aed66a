"""The process of a run (flows/process.py): the temporary Prefect server it starts itself."""
import os
import time

import httpx
import pytest

from flows.process import TemporaryServer, temporary_server
from tests.test_lock import _alive, _servers_of


@pytest.fixture
def bare_machine(tmp_path, monkeypatch):
    """No Prefect server to report to (as on a machine without one), a Prefect home of its own."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))


def _new_servers(before: set[int]) -> list[int]:
    """The Prefect servers this process started since `before` (an earlier test may have left one)."""
    return [pid for pid in _servers_of(os.getpid()) if pid not in before]


def test_the_run_imports_while_its_temporary_server_starts(bare_machine):
    seen = {}
    before = set(_servers_of(os.getpid()))

    def while_starting():  # the run's imports: the server's process is already there, its address known
        seen["servers"] = _new_servers(before)
        seen["api"] = os.environ.get("PREFECT_API_URL")

    with temporary_server(while_starting) as url:
        servers = _new_servers(before)
        assert httpx.get(f"{url}/health").status_code == 200
        assert os.environ["PREFECT_API_URL"] == url  # what the run's worker processes report to
    assert len(servers) == 1 and seen == {"servers": servers, "api": url}
    assert "PREFECT_API_URL" not in os.environ
    deadline = time.monotonic() + 10
    while _alive(servers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _alive(servers) == []


def test_a_server_that_exits_before_it_answers_is_an_error_and_leaves_nothing(bare_machine, monkeypatch):
    monkeypatch.setattr(TemporaryServer, "APP", "no_such_module:create_app")  # uvicorn exits: cannot import it
    before = set(_servers_of(os.getpid()))
    ran = []
    with pytest.raises(RuntimeError, match=r"Prefect's temporary server exited with status 3 before it answered "
                                           r"\(launched 3 times; see its messages above\)"):
        with temporary_server(lambda: ran.append(True)):
            pass
    assert ran == [True]
    assert _new_servers(before) == [] and "PREFECT_API_URL" not in os.environ


def test_with_a_server_to_report_to_none_is_started(bare_machine, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    before = set(_servers_of(os.getpid()))
    with temporary_server(lambda: pytest.fail("nothing to overlap: no server starts")) as url:
        assert url is None and _new_servers(before) == []


def test_a_run_with_worker_processes_starts_one_server_and_leaves_none(tmp_path, bare_machine):
    """Regression: with the server's address set only after Prefect's import, Prefect's background
    threads of a multi-process extract stage (which read the settings of that import) each started a
    temporary server of their own, left running after the run."""
    import subprocess

    from tests.conftest import SAMPLE_SOURCES
    from tests.test_cli import LISHUI

    before = set(_servers_of(None))
    result = subprocess.run([str(LISHUI), "run", "--sources", str(SAMPLE_SOURCES), "--warehouse",
                             str(tmp_path / "w.duckdb"), "--workers", "2", "--batch-chars", "20000"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "in 2 processes of this machine (the flow's and 1 worker process" in result.stdout
    assert result.stderr.count("Starting temporary server") == 1, result.stderr[-3000:]
    deadline = time.monotonic() + 10
    while set(_servers_of(None)) - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert set(_servers_of(None)) - before == set()
