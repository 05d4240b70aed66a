"""The extract stage: read figures from the batch's documents not extracted before, stage the batch's figures.

The documents go out in batches of at most BATCH_CHARS characters, smaller toward the end so that
the processes reading them finish together (`wh.plan` with `parts`): read in this process alone
(`workers=1`); in this process and, through a Prefect task runner, `workers - 1` worker processes
(`ProcessPoolTaskRunner`: this process reads a batch while they read theirs, rather than wait for
them on a machine whose cores they share, and after each of its documents stores what came back and
hands out more); or on an existing Dask cluster (`prefect-dask`'s
`DaskTaskRunner`), this process only storing what comes back. Each batch comes back as two Polars
frames (figures and the documents' log rows); only this process writes DuckDB, one transaction per
batch, so a run stopped half-way keeps what it extracted (raw.extract is a cache keyed by content
and extractor). The worker processes start while ingest is still reading, as soon as it has seen
more new text than a batch holds (`Workers`): a new process takes about 3 s to import Prefect,
Polars and the extractor's rules, time this process spends ingesting rather than waiting.
"""
from __future__ import annotations

import contextvars
import gc
import os
import socket
import sys
import time
from collections import deque
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import BATCH_CHARS, DASK_ENV, logger  # noqa: F401 - DASK_ENV re-exported
from transforms import extract as extractor

# While a task runner is in use, this process hands Python's GIL on every 0.5 ms (Python's own
# default is 5 ms): the threads that send batches to the workers and read their results back,
# 64 KB of pipe at a time, would otherwise wait 5 ms per read behind this process's own extraction,
# and the workers wait with them (about 1 s per task, measured).
POOL_SWITCH_SECONDS = 0.0005
DASK_CONNECT_ENV, DASK_CONNECT_DEFAULT = "LISHUI_DASK_CONNECT_SECONDS", 20.0  # how long to try a Dask scheduler
LOG_SCHEMA = {"doc_sha256": pl.String, "figures": pl.Int32, "chars": pl.Int64, "seconds": pl.Float64,
              "published_on": pl.Date, "main_region": pl.String, "reporting_year": pl.Int32, "names_a_place": pl.Boolean,
              "worker": pl.String}


@dataclass(frozen=True)
class ExtractResult:
    documents_extracted: int
    figures_staged: int
    where: str = "in the flow's process"


@task(name="extract_batch", cache_policy=NO_CACHE, persist_result=False)
def extract_batch(documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Figures and log rows of a batch of documents (sha256, text); runs wherever the task runner puts it."""
    return _read_batch(documents)


def _read_batch(documents: pl.DataFrame, between: Callable[[], None] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """extract_batch's work; `between`, when given, is called after each document (the flow's
    process feeding its workers while it reads a batch of its own)."""
    rows, log_rows = [], []
    worker = f"{socket.gethostname()}:{os.getpid()}"
    for sha, text in documents.select("sha256", "text").iter_rows():
        started = time.perf_counter()
        figures, info = extractor.read_document(text)
        rows += [{"doc_sha256": sha, "seq": seq, **figure} for seq, figure in enumerate(figures)]
        log_rows.append({"doc_sha256": sha, "figures": len(figures), "chars": len(text),
                         "seconds": time.perf_counter() - started, **info, "worker": worker})
        if between is not None:
            between()
    return pl.DataFrame(rows, schema=extractor.FIGURES_SCHEMA), pl.DataFrame(log_rows, schema=LOG_SCHEMA)


# A Prefect process-pool future is a reference cycle (the future, its done-callback's closure, the
# future) holding its batch's result, tens of MB of frames, until a full run of the cyclic collector,
# which Python's own schedule (a quarter more survivors in the oldest generation) left for minutes: a
# 100,000-document run's process grew by 1.2 GB during extraction. A full run after every 4 batches
# read elsewhere (about 0.1 s each, the imports' objects frozen by flows.cli) keeps at most 4 of them.
COLLECT_EVERY = 4


@task(name="extract_worker_ready", cache_policy=NO_CACHE, persist_result=False)
def extract_worker_ready() -> str:
    """Nothing but the imports of this module (the extractor's rules): a worker process made ready."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Workers:
    """The `workers - 1` worker processes of this machine that read batches beside the run's own
    (Prefect's `ProcessPoolTaskRunner`), started once: early, by ingest telling `seen` how much new
    text it has read so far, when that is more than one batch of `batch_chars` (less is read by
    this process alone, or before the processes would be up); else by the extract stage, which
    also closes them. `workers=1`: none. They start in the Prefect context of where this was made
    (the flow), which the runner gives every task it runs, not in ingest's."""

    def __init__(self, workers: int = 1, batch_chars: int = BATCH_CHARS):
        self.workers, self.batch_chars = workers, batch_chars
        self.runner = None
        self.early = False  # started during ingest
        self._context = contextvars.copy_context()

    def __getstate__(self) -> dict:
        """Pickled (as a task's parameter inside a Prefect context sent to a worker): the settings
        only; processes and context stay here."""
        return {"workers": self.workers, "batch_chars": self.batch_chars, "runner": None, "early": self.early}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _context=contextvars.copy_context())

    def seen(self, new_chars: int) -> None:
        """Ingest has read `new_chars` characters of new document versions so far."""
        if self.runner is None and self.workers > 1 and new_chars > self.batch_chars:
            self.start()
            self.early = True

    def start(self):
        """The task runner, its processes spawned (one ready task each: a process starts at a submit)."""
        if self.runner is None:
            self.runner = self._context.run(self._spawned)
        return self.runner

    def _spawned(self):
        from prefect.task_runners import ProcessPoolTaskRunner

        runner = ProcessPoolTaskRunner(max_workers=self.workers - 1).__enter__()
        for _ in range(self.workers - 1):
            runner.submit(extract_worker_ready, {})
        return runner

    def close(self) -> None:
        if self.runner is not None:
            runner, self.runner = self.runner, None
            runner.__exit__(None, None, None)


def dask_runner(dask_address: str):
    """prefect-dask's task runner on the Dask cluster at `dask_address`."""
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=dask_address, client_kwargs={"timeout": dask_connect_seconds()})


def dask_connect_seconds() -> float:
    """Seconds to try to reach a Dask scheduler: $LISHUI_DASK_CONNECT_SECONDS, else 20."""
    return float(os.environ.get(DASK_CONNECT_ENV) or DASK_CONNECT_DEFAULT)


def _where(runner, workers: int, dask_address: str | None, early: bool = False) -> str:
    if dask_address:
        try:
            n = len(runner.client.scheduler_info().get("workers", {}))
            return f"on the Dask cluster at {dask_address} ({n} workers)"
        except Exception:  # noqa: BLE001 - only for the log line
            return f"on the Dask cluster at {dask_address}"
    if runner is not None:
        return (f"in {workers} processes of this machine (the flow's and {workers - 1} worker "
                f"process{'es' if workers > 2 else ''}{', started during ingest' if early else ''})")
    return "in the flow's process"


@task(name="extract", cache_policy=NO_CACHE)
def extract(warehouse: Path, run_id: str, workers: int = 1, dask_address: str | None = None,
            batch_chars: int = BATCH_CHARS, pool: Workers | None = None) -> ExtractResult:
    """Extract the batch's documents whose content and extractor are new (raw.extract, raw.extract_log),
    in tasks of about `batch_chars` characters, on `pool`'s processes (else `workers` processes of
    this machine) or the Dask cluster at `dask_address`; build staging.extract."""
    log = logger()
    version = extractor.EXTRACTOR_VERSION
    with wh.connect(warehouse) as con:
        sizes = con.execute("""
            select sha256, max(length(text)) from staging.ingest
            where sha256 not in (select doc_sha256 from raw.extract_log where extractor_version = ?)
            group by sha256 order by sha256
        """, [version]).fetchall()
        batches = wh.plan(sizes, batch_chars, parts=workers)
        pool = pool or Workers(workers, batch_chars)
        workers = min(workers, len(batches))  # a batch or two: no process to start for them
        runner = (dask_runner(dask_address) if dask_address else pool.start() if workers > 1 else None) \
            if batches else None
        here = not dask_address  # this process reads batches too, beside its worker processes
        with _started(runner, dask_address, pool), _progress(len(batches), len(sizes)) as advance:
            where = _where(runner, workers, dask_address, pool.early)
            log.info("extract: %d documents to extract in %d batches, %s", len(sizes), len(batches), where)
            todo, pending = deque(batches), deque()
            in_flight = 8 if dask_address else 2 * (workers - 1)
            done = 0

            def fetch(shas: list[str]) -> pl.DataFrame:
                return wh.frame(con, "select sha256, any_value(text) as text from staging.ingest "
                                     "where sha256 in (select unnest(?::varchar[])) group by sha256 order by sha256",
                                [shas])

            def store(result: tuple[pl.DataFrame, pl.DataFrame], n: int) -> None:
                nonlocal done
                _store(con, *result, version, run_id)
                done += 1
                advance(done, n)

            def collect(future, n: int) -> None:
                """A batch read elsewhere, stored; every COLLECT_EVERY of them, a full run of the cyclic
                collector frees their futures (see COLLECT_EVERY)."""
                nonlocal elsewhere
                store(future.result(), n)
                elsewhere += 1
                if elsewhere % COLLECT_EVERY == 0:
                    gc.collect()

            def feed() -> None:
                """Batches read elsewhere stored, and the workers given more: before each batch read
                here and after each of its documents, so that a worker never waits for this process
                to finish a batch of its own."""
                while pending and pending[0][0].wrapped_future.done():
                    collect(*pending.popleft())
                while todo and len(pending) < in_flight:
                    shas = todo.popleft()
                    pending.append((runner.submit(extract_batch, {"documents": fetch(shas)}), len(shas)))

            between = feed if runner is not None else None
            elsewhere = 0
            while todo or pending:
                if between:
                    between()
                if todo and here:  # read one batch here meanwhile
                    shas = todo.popleft()
                    store(_read_batch(fetch(shas), between), len(shas))
                elif pending:  # nothing left to read here: wait for the oldest
                    collect(*pending.popleft())
        if runner is not None:
            gc.collect()  # the last batches' futures, and the workers' ready tasks
        con.execute("set variable extractor_version = ?", [version])
        wh.build(con, "staging", "extract")
        staged = wh.scalar(con, "select count(*) from staging.extract")
    log.info("extract: %d documents extracted %s, %d figures in the batch", len(sizes), where if batches else "", staged)
    return ExtractResult(documents_extracted=len(sizes), figures_staged=staged, where=where if batches else "-")


@contextmanager
def _started(runner, dask_address: str | None, pool: Workers):
    """The task runner, started and, for Dask, connected (prefect-dask connects at the first
    submit): a scheduler that cannot be reached is named in the error, before any batch goes out.
    While it runs, this process switches threads every POOL_SWITCH_SECONDS; after, the pool's
    processes are closed (also when it was started but not needed)."""
    if runner is None:
        pool.close()
        yield
        return
    with (runner if dask_address else closing(pool)), _switching(POOL_SWITCH_SECONDS):
        if dask_address:
            try:
                runner.client  # noqa: B018 - the property connects
            except (OSError, TimeoutError) as e:
                raise RuntimeError(f"cannot reach the Dask scheduler at {dask_address} within "
                                   f"{dask_connect_seconds():g} s: {e}") from e
        yield


@contextmanager
def _switching(seconds: float):
    """Python's thread switch interval set to `seconds`, and put back."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _store(con, figures: pl.DataFrame, done: pl.DataFrame, version: str, run_id: str) -> None:
    """One batch's figures and log rows, in one transaction."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.begin()
    con.register("extract_new", figures.with_columns(extractor_version=pl.lit(version), extracted_at=pl.lit(now)).to_arrow())
    con.execute("insert into raw.extract by name select * from extract_new")
    con.register("extract_done", done.with_columns(extractor_version=pl.lit(version), extracted_at=pl.lit(now),
                                                   run_id=pl.lit(run_id)).to_arrow())
    con.execute("insert into raw.extract_log by name select * from extract_done")
    con.commit()
    con.unregister("extract_new")
    con.unregister("extract_done")


@contextmanager
def _progress(batches: int, documents: int):
    """advance(batches done, documents in the batch just done): a progress bar on a terminal
    (rich), plain log lines otherwise, and a Prefect progress artifact inside a run."""
    from flows.progress import Progress

    with Progress("extract", batches, documents, terminal=sys.stderr.isatty()) as p:
        yield p.advance
