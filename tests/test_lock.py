"""Operations: one run at a time, and a run killed at any moment harms nothing.

Runs are real `lishui run` processes against the session's Prefect server; they are stopped at a
named point (flows/faults.py) and killed with SIGKILL, as an out-of-memory killer would.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from flows import faults
from flows.lishui import lishui
from flows.lock import RunLocked, run_lock
from tests.conftest import run_publishing_to, curated, query
from warehouse import snapshot

pytestmark = pytest.mark.usefixtures("prefect_server")
LISHUI = Path(sys.executable).parent / "lishui"


def start_run(sources, warehouse, *args, pause_at=None, pause_file=None, postgres=None) -> subprocess.Popen:
    env = {**os.environ}
    if pause_at:
        env.update(LISHUI_PAUSE_AT=pause_at, LISHUI_PAUSE_FILE=str(pause_file))
    command = [str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse), *args]
    if postgres:
        command += ["--postgres", postgres]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the run ended before pausing: {process.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("the run did not reach its pause point")
        time.sleep(0.2)


def kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # the run and the Prefect server it started
    process.wait()


def pg_figures(url) -> list:
    with psycopg.connect(url) as con:
        return con.execute("select figure_id, value, quality_flags from curated.figures order by 1").fetchall()


def test_the_lock_is_reentrant_in_a_process_and_exclusive_across_processes(warehouse):
    with run_lock(warehouse):
        with run_lock(warehouse):
            pass
        probe = subprocess.run([sys.executable, "-c", "import sys; from flows.lock import run_lock; "
                                "from pathlib import Path\nwith run_lock(Path(sys.argv[1])): pass", str(warehouse)],
                               capture_output=True, text=True)
        assert probe.returncode == 1 and "RunLocked: another run is in progress" in probe.stderr
    with run_lock(warehouse):  # released
        pass


def test_a_second_run_is_refused_at_once_or_waits(tmp_path, sources, warehouse):
    first = start_run(sources, warehouse, pause_at="publish", pause_file=tmp_path / "paused")
    wait_for(tmp_path / "paused", first)
    started = time.monotonic()
    second = subprocess.run([str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse)],
                            capture_output=True, text=True, timeout=60)
    assert second.returncode == 3
    assert time.monotonic() - started < 5
    assert f"lishui: another run is in progress on {warehouse} (pid " in second.stderr
    assert "use --wait to wait for it" in second.stderr
    waiting = start_run(sources, warehouse, "--wait")
    time.sleep(3)
    assert waiting.poll() is None  # still waiting
    kill(first)
    out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    assert "published" in out
    (sources / "new.txt").write_text("In 2024, Jinyun exported goods worth 2.5 billion yuan.")  # a run with work
    with pytest.raises(RunLocked):  # and a flow in this process is refused too while another holds it
        holder = start_run(sources, warehouse, pause_at="publish", pause_file=tmp_path / "paused2")
        try:
            wait_for(tmp_path / "paused2", holder)
            lishui(sources=sources, warehouse=warehouse)
        finally:
            kill(holder)


@pytest.mark.parametrize("point", faults.POINTS)
def test_a_run_killed_at_any_point_changes_nothing_readers_see_and_the_next_run_succeeds(
        point, tmp_path, sources, warehouse, postgres_url):
    run_publishing_to(postgres_url, sources=sources, warehouse=warehouse)
    before_snapshot, before_pg = curated(snapshot.current(warehouse)), pg_figures(postgres_url)
    before_warehouse = curated(warehouse)
    (sources / "new.txt").write_text("In 2024, the GDP of Qingyuan grew 6.8 percent to 15.6 billion yuan.")
    run = start_run(sources, warehouse, pause_at=point, pause_file=tmp_path / "paused", postgres=postgres_url)
    wait_for(tmp_path / "paused", run)
    kill(run)
    assert curated(snapshot.current(warehouse)) == before_snapshot
    assert pg_figures(postgres_url) == before_pg
    if point == "publish":  # killed inside the transaction: the warehouse recovers to the last commit
        assert curated(warehouse) == before_warehouse
    summary = run_publishing_to(postgres_url, sources=sources, warehouse=warehouse)
    assert summary.documents == 6
    assert ("15.6 billion yuan",) in query(snapshot.current(warehouse),
                                           "select text from curated.figures where doc = 'new.txt'")
    assert any(f[0].startswith("new.txt#") for f in pg_figures(postgres_url))
    assert list(snapshot.folder(warehouse).glob("*.partial")) == []
    with psycopg.connect(postgres_url) as con:
        assert con.execute("select count(*) from pg_namespace where nspname like 'curated\\_%'").fetchone() == (0,)


def _servers_of(pid: int | None) -> list[int]:
    """The Prefect server processes started by process `pid` (None: all of this machine's)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if pid in (None, ppid) and b"prefect.server.api.server:create_app" in cmdline:
            out.append(int(entry.name))
    return out


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def _own_server_run(tmp_path, sources, warehouse, **env_extra) -> subprocess.Popen:
    """`lishui run` paused in the publish transaction, on the temporary server it starts itself."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), LISHUI_PAUSE_AT="publish",
               LISHUI_PAUSE_FILE=str(tmp_path / "paused"), **env_extra)
    return subprocess.Popen([str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def test_no_prefect_server_outlives_a_killed_run(tmp_path, sources, warehouse):
    run = _own_server_run(tmp_path, sources, warehouse)
    wait_for(tmp_path / "paused", run)
    servers = _servers_of(run.pid)
    assert len(servers) == 1
    os.kill(run.pid, signal.SIGKILL)  # the run alone, as the OOM killer would: not its process group
    run.wait()
    deadline = time.monotonic() + 15
    while _alive(servers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _alive(servers) == [], "the temporary Prefect server outlived the killed run"


@pytest.mark.parametrize("where", ["python", "duckdb"])
def test_sigterm_stops_a_run_within_10_seconds_and_publishes_nothing(where, tmp_path, sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    before = curated(warehouse)
    (sources / "new.txt").write_text("In 2024, the GDP of Yunhe grew 7.2 percent to 12.1 billion yuan.")
    run = _own_server_run(tmp_path, sources, warehouse, LISHUI_PAUSE_IN=where)
    wait_for(tmp_path / "paused", run)
    time.sleep(1)  # inside the pause (a Python sleep, or a DuckDB query)
    servers = _servers_of(run.pid)
    started = time.monotonic()
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=30)
    took = time.monotonic() - started
    assert took < 10, f"the run took {took:.1f} s to stop"
    assert run.returncode in (130, 128 + signal.SIGTERM), err[-2000:]
    assert curated(warehouse) == before
    deadline = time.monotonic() + 10
    while _alive(servers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _alive(servers) == []
    summary = lishui(sources=sources, warehouse=warehouse)  # and the next run needs no clean-up
    assert summary.documents == 6


def test_a_run_starts_while_twenty_readers_query_the_snapshot(tmp_path, sources, warehouse):
    """Regression: the temporary Prefect server could not start in Prefect's 20 s on a machine busy
    with readers; the run now allows it 90 s (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)."""
    lishui(sources=sources, warehouse=warehouse)
    # twenty readers, each querying the snapshot again and again for 40 s: the run starts among them
    loop = (f'end=$((SECONDS + 40)); while [ $SECONDS -lt $end ]; do "{LISHUI}" sql --warehouse "{warehouse}" '
            '"select count(*), sum(value) from curated.figures" > /dev/null || exit 1; done')
    readers = [subprocess.Popen(["bash", "-c", loop], start_new_session=True) for _ in range(20)]
    try:
        time.sleep(3)
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
        run = subprocess.run([str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse)],
                             env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr[-2000:]
        assert [r.wait(timeout=120) for r in readers] == [0] * 20, "a reader failed while the run published"
    finally:
        for r in readers:
            if r.poll() is None:
                os.killpg(r.pid, signal.SIGKILL)
