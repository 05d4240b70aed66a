"""The `lishui` flow: text sources -> figures -> curated DuckDB tables, every stage gated.

    (fetch ->) ingest -> extract -> transform -> validate -> publish (-> snapshot for readers -> PostgreSQL)

The sources are folders, news feeds and web pages (flows/sources.py: the command line's, or a
sources file's); feeds and pages are fetched first (flows/fetch.py), politely and conditionally.

Incremental: only the batch (new and changed documents, and those to retire) goes through extract,
transform, validate and publish; a run with nothing new stops after ingest, changes no table and
writes no snapshot. Extraction goes out to worker processes or a Dask cluster (flows/extract.py).

One run at a time per warehouse (flows/lock.py). Each run leaves a table artifact in Prefect
with its summary and gate results.
"""
from __future__ import annotations

import json
import os
import resource
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow
from jinja2 import Environment, FileSystemLoader
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

import warehouse as wh

from . import DEFAULT_SOURCES, DEFAULT_WAREHOUSE, MAX_DOCUMENT_MB, POSTGRES_ENV, logger, megabytes, report, runs
from .extract import BATCH_CHARS, DASK_ENV, Workers, extract
from .fetch import FetchResult, fetch, settings
from .ingest import ingest
from .sources import Sources, check, is_url, resolve
from .lock import run_lock
from .publish import GateFailed, publish, publish_current, publish_postgres, publish_snapshot
from .transform import transform
from .validate import GateReport, report_folder, validate
from .validate import preload as preload_gates

STAGES = ("fetch", "ingest", "extract", "transform", "validate", "publish")  # fetch: when there are feeds or pages


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    documents: int
    documents_new: int
    files_quarantined: list[tuple[str, str]]
    documents_retired: list[str]
    documents_extracted: int
    figures_staged: int
    figures_published: int
    rows_quarantined: int
    documents_quarantined: tuple  # (doc, figures, quarantined, reasons) of documents that lost figures
    figures_flagged: int
    gates: dict[str, dict[str, int]]
    report: Path
    data_docs: Path
    snapshot: Path
    postgres: str | None
    batch: int = 0
    changed: bool = True
    extracted_where: str = "-"
    seconds: dict[str, float] = field(default_factory=dict)
    fetched: FetchResult | None = None

    def _fetch_lines(self) -> list[str]:
        f = self.fetched
        if f is None:
            return []
        return [f"fetched:            {f.fetched} pages downloaded, {f.unchanged} unchanged (HTTP 304), "
                f"{f.failed} feeds and pages failed ({f.requests} requests)"]

    def lines(self) -> list[str]:
        gates = "; ".join(f"{stage} " + ", ".join(f"{n} {result}" for result, n in counts.items() if n)
                          for stage, counts in self.gates.items())
        times = ", ".join(f"{stage} {s:.1f}" for stage, s in self.seconds.items())
        if not self.changed:
            return self._fetch_lines() + [
                f"documents:          {self.documents} ({self.documents_new} new versions): nothing new to process",
                f"files quarantined:  {len(self.files_quarantined)} at ingest",
                *[f"  {'page' if is_url(doc) else 'file'} {doc}: {reason}" for doc, reason in self.files_quarantined],
                f"curated tables:     unchanged ({self.figures_published} figures)",
                f"readers' snapshot:  {self.snapshot.parent / 'current.duckdb'} -> {self.snapshot.name} (unchanged)",
                *([f"postgresql:         {self.postgres}"] if self.postgres else []),
                f"seconds:            {times}",
            ]
        out = self._fetch_lines() + [
            f"documents:          {self.documents} ({self.documents_new} new versions, {self.batch} in this run's "
            f"batch, {self.documents_extracted} extracted {self.extracted_where}, "
            f"{len(self.documents_retired)} retired)",
            f"figures published:  {self.figures_published} (of {self.figures_staged} staged)",
            f"rows quarantined:   {self.rows_quarantined} by the gates, {len(self.files_quarantined)} files at ingest",
        ]
        out += [f"  {'page' if is_url(doc) else 'file'} {doc}: {reason}" for doc, reason in self.files_quarantined]
        out += [f"  {doc}: {bad} of {n} figures quarantined ({reasons})"
                for doc, n, bad, reasons in self.documents_quarantined]
        out += [f"  retired {doc}" for doc in self.documents_retired]
        out += [
            f"figures flagged:    {self.figures_flagged} consistency flags (published; see lishui quality)",
            f"gate results:       expectations {gates}",
            f"quality report:     {self.report}",
            f"data docs:          {self.data_docs}",
            f"readers' snapshot:  {self.snapshot.parent / 'current.duckdb'} -> {self.snapshot.name}",
        ]
        if self.postgres:
            out.append(f"postgresql:         {self.postgres}")
        out.append(f"seconds:            {times}")
        return out


def _run_id() -> str:
    return str(flow_run.id or uuid.uuid4())


@flow(name="lishui")
def lishui(sources: Path | None = None, warehouse: Path = DEFAULT_WAREHOUSE, postgres_block: str | None = None,
           wait: bool = False, max_document_mb: float = MAX_DOCUMENT_MB, workers: int | None = None,
           dask_address: str | None = None, batch_chars: int = BATCH_CHARS, config: Path | None = None,
           feeds: list[str] | None = None, pages: list[str] | None = None) -> RunSummary:
    """Turn the articles of the sources into the curated tables of `warehouse`, its readers'
    snapshot and PostgreSQL's `curated` schema: at the URL held by the Prefect Secret block named
    `postgres_block`, else at $LISHUI_POSTGRES_URL (a URL, which may hold a password, is never a
    parameter: Prefect keeps parameters in its database). Another run on the same warehouse is
    refused (or awaited with `wait`); a source file larger than `max_document_mb` is quarantined.
    Extraction runs on the Dask cluster at `dask_address` (else $LISHUI_DASK_ADDRESS), else in
    `workers` processes of this machine (default: one per core; 1: in the flow's process), in
    tasks of about `batch_chars` characters of text.

    The sources: the folder `sources`, the RSS or Atom `feeds` (every article they link) and the web
    `pages`, with those of the sources file `config`; given none, ./sources.toml when there is one,
    else data/sources (flows/sources.py `resolve`)."""
    warehouse = Path(warehouse)
    sources = resolve(sources, config, feeds, pages, default_folder=DEFAULT_SOURCES)
    check(sources)
    postgres = postgres_url(postgres_block)
    dask_address = dask_address or os.environ.get(DASK_ENV) or None
    workers = workers or os.cpu_count() or 1
    with run_lock(warehouse, wait=wait):
        return _run(sources, warehouse, postgres, megabytes(max_document_mb), workers, dask_address, batch_chars)


def postgres_url(block: str | None) -> str | None:
    """The PostgreSQL URL: from the Prefect Secret block named `block`, else from $LISHUI_POSTGRES_URL."""
    if block:
        from prefect.blocks.system import Secret

        return Secret.load(block).get()
    return os.environ.get(POSTGRES_ENV) or None


class StageClock:
    """Seconds spent in each stage of a run, and the run's peak memory at the end of each
    (quality.runs.stage_seconds, stage_peak_mb)."""

    def __init__(self, stages: tuple[str, ...] = STAGES):
        self.stages = stages
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, int] = {}

    @contextmanager
    def __call__(self, stage: str, what):
        if stage in self.stages:
            logger().info("stage %d of %d: %s (%s)", self.stages.index(stage) + 1, len(self.stages), stage, what)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = round(self.seconds.get(stage, 0.0) + time.perf_counter() - started, 3)
            self.peak_mb[stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

    def json(self) -> str:
        return json.dumps(self.seconds)

    def peaks(self) -> str:
        return json.dumps(self.peak_mb)


def _run(sources: Sources, warehouse: Path, postgres: str | None, max_bytes: int, workers: int,
         dask_address: str | None, batch_chars: int) -> RunSummary:
    run_id = _run_id()
    page = report_folder(warehouse) / "index.html"
    wh.Warehouse(warehouse).bootstrap()  # once per run: the stages only connect
    runs.begin(warehouse, run_id, sources.describe())
    clock = StageClock(STAGES if sources.web else STAGES[1:])
    gates = None
    pool = Workers(1 if dask_address else workers, batch_chars)  # started by ingest, when there is enough to read
    fetched = None
    try:
        if sources.web:
            with clock("fetch", f"{len(sources.feeds)} feeds, {len(sources.pages)} pages"):
                fetched = fetch(sources, warehouse, run_id, max_bytes, **settings(sources.fetch))
        with clock("ingest", sources.describe()):
            batch = ingest(sources, warehouse, run_id, max_bytes, on_new_text=pool.seen,
                           fetched=fetched.sources if fetched else [])
        last = runs.last_published(warehouse)
        if not batch.changes and last is not None:
            return _unchanged(warehouse, run_id, batch, last, postgres, clock, page, fetched)
        if dask_address:  # the flow's process waits for the cluster: import the gates meanwhile
            preload_gates()
        with clock("extract", f"{batch.batch} documents in the batch, {batch.documents_new} new versions"):
            extracted = extract(warehouse, run_id, workers=workers, dask_address=dask_address, batch_chars=batch_chars,
                                pool=pool)
        with clock("transform", f"{extracted.figures_staged} figures"):
            staged = transform(warehouse, run_id)
        with clock("validate", f"{staged} figures"):
            gates = validate(warehouse, run_id)
        with clock("publish", warehouse):
            published = publish(warehouse, run_id, gates)
    except GateFailed as e:
        runs.end(warehouse, run_id, "blocked", message=str(e), report=str(page), stage_seconds=clock.json(),
                 stage_peak_mb=clock.peaks())
        report.write(warehouse, report_folder(warehouse), run_id, published=False)
        _artifact(run_id, "blocked", {"message": str(e)}, gates, warehouse)
        raise
    except BaseException as e:
        runs.end(warehouse, run_id, "failed", message=f"{type(e).__name__}: {e}", stage_seconds=clock.json(),
                 stage_peak_mb=clock.peaks())
        raise
    finally:
        pool.close()  # closed by extract; here too when a run stops before it
    with clock("report", page):
        runs.end(warehouse, run_id, "published", documents=batch.documents, documents_new=batch.documents_new,
                 files_quarantined=len(batch.rejected), figures_staged=staged, figures_published=published.figures,
                 rows_quarantined=gates.quarantined, report=str(page), batch_documents=batch.batch)
        report.write(warehouse, report_folder(warehouse), run_id)
    with clock("snapshot", "readers"):
        snapshot = publish_snapshot(warehouse, run_id)
    pg_schema = None
    try:
        if postgres:
            with clock("postgres", "BI copy"):
                pg_schema = f"schema curated, {publish_postgres(warehouse, run_id, postgres).tables} tables"
    finally:  # DuckDB's readers get the new snapshot even when PostgreSQL is down (the run still fails)
        publish_current(warehouse, snapshot)
        runs.end(warehouse, run_id, "published", stage_seconds=clock.json(), stage_peak_mb=clock.peaks())
    summary = RunSummary(
        run_id=run_id,
        documents=batch.documents,
        documents_new=batch.documents_new,
        files_quarantined=batch.rejected,
        documents_retired=list(batch.retired),
        documents_extracted=extracted.documents_extracted,
        figures_staged=staged,
        figures_published=published.figures,
        rows_quarantined=gates.quarantined,
        documents_quarantined=gates.documents,
        figures_flagged=gates.flagged,
        gates=gates.by_stage(),
        report=page,
        data_docs=gates.data_docs,
        snapshot=snapshot,
        postgres=pg_schema,
        batch=batch.batch,
        extracted_where=extracted.where,
        seconds=clock.seconds,
        fetched=fetched,
    )
    _artifact(run_id, "published", {
        "documents": summary.documents, "new document versions": summary.documents_new,
        "documents in the batch": summary.batch,
        **_fetch_facts(fetched),
        "documents extracted": summary.documents_extracted, "extracted where": summary.extracted_where,
        "documents retired": len(summary.documents_retired),
        "files quarantined": len(summary.files_quarantined), "figures published": summary.figures_published,
        "rows quarantined": summary.rows_quarantined, "figures flagged": summary.figures_flagged,
        "snapshot": snapshot.name, "postgresql": pg_schema or "-",
        "seconds": ", ".join(f"{k} {v:.1f}" for k, v in clock.seconds.items()),
    }, gates, warehouse)
    return summary


def _fetch_facts(fetched: FetchResult | None) -> dict:
    if fetched is None:
        return {}
    return {"pages fetched": fetched.fetched, "pages unchanged (304)": fetched.unchanged,
            "feeds and pages failed": fetched.failed}


def _unchanged(warehouse: Path, run_id: str, batch, last: str, postgres: str | None, clock: StageClock,
               page: Path, fetched: FetchResult | None = None) -> RunSummary:
    """Nothing new: the curated tables and the readers' snapshot stay as they are. Only a copy that
    missed the last published run (a snapshot never switched to, PostgreSQL down) is brought up to it."""
    from warehouse import snapshot as snapshots

    current = snapshots.published(warehouse, last)
    with clock("snapshot", "readers"):
        if current is None:
            current = publish_snapshot(warehouse, last)
            publish_current(warehouse, current)
    pg_schema = None
    if postgres:
        from warehouse import postgres as pg

        with clock("postgres", "BI copy"):
            if pg.published_run(postgres) != last:
                pg_schema = f"schema curated, {publish_postgres(warehouse, last, postgres).tables} tables"
            else:
                pg_schema = "schema curated, unchanged"
    figures = runs.published_figures(warehouse)
    runs.end(warehouse, run_id, "unchanged", documents=batch.documents, documents_new=batch.documents_new,
             files_quarantined=len(batch.rejected), figures_published=figures, rows_quarantined=0,
             report=str(page), batch_documents=0, stage_seconds=clock.json(), stage_peak_mb=clock.peaks())
    logger().info("nothing new: the curated tables stay as run %s published them", last)
    summary = RunSummary(
        run_id=run_id, documents=batch.documents, documents_new=batch.documents_new,
        files_quarantined=batch.rejected, documents_retired=[], documents_extracted=0, figures_staged=0,
        figures_published=figures, rows_quarantined=0, documents_quarantined=(), figures_flagged=0, gates={},
        report=page, data_docs=report_folder(warehouse) / "data_docs" / "index.html", snapshot=current,
        postgres=pg_schema, batch=0, changed=False, seconds=clock.seconds, fetched=fetched)
    _artifact(run_id, "unchanged", {"documents": batch.documents, "files quarantined": len(batch.rejected),
                                    **_fetch_facts(fetched),
                                    "curated tables": f"unchanged since run {last}", "snapshot": current.name}, None)
    return summary


ARTIFACT_FLAGGED = 10  # flagged figures the run's artifact lists (the quality report has them all)


def _artifact(run_id: str, status: str, facts: dict, gates: GateReport | None, warehouse: Path | None = None) -> None:
    """The run's markdown artifact in Prefect (`lishui-run`): its facts, the gates per stage, the
    first flagged figures, and links to the quality report and the Data Docs."""
    create_markdown_artifact(key="lishui-run", markdown=artifact_markdown(run_id, status, facts, gates, warehouse),
                             description=f"Lishui run {run_id}: {status}")


def artifact_markdown(run_id: str, status: str, facts: dict, gates: GateReport | None,
                      warehouse: Path | None = None) -> str:
    """The markdown of the run's artifact (templates/run_artifact.md.j2)."""
    stages = gates.by_stage() if gates else {}
    flagged, total, page, indicators, docs = [], 0, None, None, None
    if warehouse is not None and gates is not None:
        with wh.connect(warehouse, read_only=True) as con:  # the first few, not every flag's sentence
            rows = report.flagged_figures(con, run_id, limit=ARTIFACT_FLAGGED)
            total = wh.scalar(con, "select count(*) from quality.flags where run_id = ?", [run_id])
        flagged = [{"doc": r[0], "text": r[1] or r[7], "code": r[2], "reason": r[3]} for r in rows]
        page = (report_folder(warehouse) / "index.html").resolve().as_uri()
        indicators = report_folder(warehouse) / "indicators.html"
        indicators = indicators.resolve().as_uri() if indicators.is_file() else None
        docs = gates.data_docs.resolve().as_uri() if gates.data_docs else None
    return _TEMPLATES.get_template("run_artifact.md.j2").render(
        run_id=run_id, status=status, facts=facts, stages=stages,
        failures=[o.describe() for o in gates.failures] if gates else [],
        flagged=flagged, flagged_total=total, report=page, indicators=indicators, data_docs=docs)


def _markdown_cell(value) -> str:
    """A value as one markdown table cell: one line, its pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=False,
                         keep_trailing_newline=True)
_TEMPLATES.filters["cell"] = _markdown_cell
