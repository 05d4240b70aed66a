"""Extraction spread over processes: Prefect's ProcessPoolTaskRunner on this machine (--workers) and
a real Dask cluster (a `dask scheduler` and two `dask worker` processes on 127.0.0.1, through
prefect-dask's DaskTaskRunner), run through the `lishui` command. The figures are those of the
serial run, to the byte; the log says where extraction ran; raw.extract_log says which process
read each document. (Speed is measured by bench/pipeline.py, not here.)"""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_SOURCES, query

BIN = Path(sys.executable).parent
FIGURES = "select * exclude (extractor_version) from curated.figures order by figure_id"


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Fifteen articles: the sample sources three times over, under other names."""
    folder = tmp_path_factory.mktemp("sources")
    for copy in range(3):
        for p in sorted(SAMPLE_SOURCES.glob("*.txt")):
            (folder / f"{copy}-{p.name}").write_text(p.read_text(encoding="utf-8") + f"\nCopy {copy}.\n",
                                                     encoding="utf-8")
    return folder


def _run(sources: Path, warehouse: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([str(BIN / "lishui"), "run", "--sources", str(sources), "--warehouse", str(warehouse),
                             "--batch-chars", "40000", *args], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def env(prefect_server):
    return {**os.environ, "PREFECT_API_URL": prefect_server}


@pytest.fixture(scope="module")
def serial(sources, env, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("serial") / "warehouse.duckdb"
    result = _run(sources, warehouse, env, "--workers", "1")
    assert "extracted in the flow's process" in result.stdout
    return warehouse


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster(env, tmp_path):
    """A real Dask scheduler and two single-threaded workers, each its own process."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [open(tmp_path / f"dask-{name}.log", "w") for name in ("scheduler", "worker-1", "worker-2")]
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=logs[0], stderr=subprocess.STDOUT, env=env, cwd=ROOT)]
    try:
        time.sleep(1)
        procs += [subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1",
                                    "--no-dashboard", "--name", f"worker-{i}"], stdout=log, stderr=subprocess.STDOUT,
                                   env=env, cwd=ROOT) for i, log in enumerate(logs[1:], 1)]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        for log in logs:
            log.close()


def test_two_worker_processes_give_the_serial_figures(sources, serial, env, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    result = _run(sources, warehouse, env, "--workers", "2")
    # 40,000 characters a batch: ingest sees more new text than that, and starts the worker then
    assert ("extracted in 2 processes of this machine (the flow's and 1 worker process, started during ingest)"
            in result.stdout)
    assert query(warehouse, FIGURES) == query(serial, FIGURES)
    workers = query(warehouse, "select count(distinct worker) from raw.extract_log")[0][0]
    assert workers == 2
    assert query(warehouse, "select count(*) from raw.extract_log where worker like '%:' || ?", [str(os.getpid())]) \
        == [(0,)]


def test_a_dask_cluster_gives_the_serial_figures(sources, serial, env, dask_cluster, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    result = _run(sources, warehouse, {**env, "LISHUI_DASK_ADDRESS": dask_cluster})
    assert f"extracted on the Dask cluster at {dask_cluster} (2 workers)" in result.stdout
    assert query(warehouse, FIGURES) == query(serial, FIGURES)
    (tasks,) = query(warehouse, "select count(distinct worker) from raw.extract_log")[0]
    assert tasks == 2  # both Dask workers read documents
    serial_figures = query(serial, "select count(*) from curated.figures")[0][0]
    assert serial_figures > 600


def test_a_dask_scheduler_that_is_not_there_fails_the_run_with_its_address(sources, env, tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = subprocess.run([str(BIN / "lishui"), "run", "--sources", str(sources), "--warehouse",
                             str(tmp_path / "w.duckdb"), "--dask-address", address], capture_output=True, text=True,
                            env={**env, "LISHUI_DASK_CONNECT_SECONDS": "2"}, timeout=600)
    assert result.returncode == 1
    assert f"cannot reach the Dask scheduler at {address} within 2 s" in result.stderr


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere_and_a_prefect_artifact(sources, env, tmp_path):
    # on a terminal (a pseudo-terminal through script(1)): a rich progress bar
    command = (f"{BIN / 'lishui'} run --sources {sources} --warehouse {tmp_path / 'tty' / 'w.duckdb'} "
               "--batch-chars 40000 --workers 1")
    tty = subprocess.run(["script", "-q", "-e", "-c", command, "/dev/null"], capture_output=True, text=True,
                         env={**env, "COLUMNS": "120"}, timeout=600)
    assert tty.returncode == 0, tty.stdout[-3000:]
    assert "━" in tty.stdout and "documents" in tty.stdout
    # elsewhere: about ten plain lines, the last one saying all is done
    plain = _run(sources, tmp_path / "plain" / "w.duckdb", env, "--workers", "1")
    lines = [line for line in (plain.stdout + plain.stderr).splitlines()
             if "extract: " in line and " of 15 documents (" in line]
    assert 2 <= len(lines) <= 11
    assert "extract: 15 of 15 documents" in lines[-1]
    # and in Prefect: the run's progress artifact reached 100%
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def latest():
        async with get_client() as client:
            found = await client.read_latest_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["lishui-extract"])))
            return found[0] if found else None

    artifact = asyncio.run(latest())
    assert artifact is not None and artifact.type == "progress" and float(artifact.data) == 100.0


def test_worker_processes_start_early_only_for_more_new_text_than_a_batch():
    import pickle

    from flows.extract import Workers

    pool = Workers(2, batch_chars=1000)
    pool.seen(1000)  # one batch: this process reads it alone, no process is started
    assert (pool.runner, pool.early) == (None, False)
    alone = Workers(1, batch_chars=1000)
    alone.seen(10**9)
    assert alone.runner is None
    # inside a Prefect context sent to a worker it travels as its settings, without processes
    copy = pickle.loads(pickle.dumps(pool))
    assert (copy.workers, copy.batch_chars, copy.runner) == (2, 1000, None)


def test_the_futures_of_batches_read_by_worker_processes_are_freed(sources, prefect_server, tmp_path):
    """Regression: a Prefect process-pool future is a reference cycle holding its batch's result;
    left to Python's own schedule of full collections, a 100,000-document run's process held
    gigabytes of them. The extract stage frees them itself: with the automatic collector off, none
    is left after the run."""
    import gc

    from flows.lishui import lishui

    def futures():
        return [o for o in gc.get_objects() if type(o).__name__ == "PrefectConcurrentFuture"]

    gc.collect()
    gc.disable()
    try:
        summary = lishui(sources=sources, warehouse=tmp_path / "warehouse.duckdb", workers=2, batch_chars=40000)
        left = futures()
    finally:
        gc.enable()
    assert "1 worker process" in summary.extracted_where and summary.documents_extracted == 15
    assert left == []
