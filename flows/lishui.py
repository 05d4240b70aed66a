"""The `lishui` flow: text sources -> figures -> curated DuckDB tables, every stage gated.

    ingest -> extract -> transform -> validate -> publish (-> snapshot for readers -> PostgreSQL)

One run at a time per warehouse (flows/lock.py). Each run leaves a table artifact in Prefect
with its summary and gate results.
"""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from prefect import flow
from prefect.artifacts import create_table_artifact
from prefect.runtime import flow_run

from . import MAX_DOCUMENT_MB, POSTGRES_ENV, logger, megabytes, report, runs
from .extract import extract
from .ingest import ingest
from .lock import run_lock
from .publish import GateFailed, publish, publish_current, publish_postgres, publish_snapshot
from .transform import transform
from .validate import GateReport, report_folder, validate

DEFAULT_SOURCES = Path("data/sources")
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")


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
    gates: dict[str, tuple[int, int]]
    report: Path
    data_docs: Path
    snapshot: Path
    postgres: str | None

    def lines(self) -> list[str]:
        gates = ", ".join(f"{stage} {ok}/{n}" for stage, (ok, n) in self.gates.items())
        out = [
            f"documents:          {self.documents} ({self.documents_new} new versions, "
            f"{self.documents_extracted} extracted this run, {len(self.documents_retired)} retired)",
            f"figures published:  {self.figures_published} (of {self.figures_staged} staged)",
            f"rows quarantined:   {self.rows_quarantined} by the gates, {len(self.files_quarantined)} files at ingest",
        ]
        out += [f"  file {doc}: {reason}" for doc, reason in self.files_quarantined]
        out += [f"  {doc}: {bad} of {n} figures quarantined ({reasons})"
                for doc, n, bad, reasons in self.documents_quarantined]
        out += [f"  retired {doc}" for doc in self.documents_retired]
        out += [
            f"figures flagged:    {self.figures_flagged} consistency flags (published; see lishui quality)",
            f"gate results:       all passed ({gates} expectations)",
            f"quality report:     {self.report}",
            f"data docs:          {self.data_docs}",
            f"readers' snapshot:  {self.snapshot.parent / 'current.duckdb'} -> {self.snapshot.name}",
        ]
        if self.postgres:
            out.append(f"postgresql:         {self.postgres}")
        return out


def _stage(number: int, name: str, what) -> None:
    logger().info("stage %d of 5: %s (%s)", number, name, what)


def _run_id() -> str:
    return str(flow_run.id or uuid.uuid4())


@flow(name="lishui")
def lishui(sources: Path = DEFAULT_SOURCES, warehouse: Path = DEFAULT_WAREHOUSE, postgres_block: str | None = None,
           wait: bool = False, max_document_mb: float = MAX_DOCUMENT_MB) -> RunSummary:
    """Turn the articles under `sources` into the curated tables of `warehouse`, its readers'
    snapshot and PostgreSQL's `curated` schema: at the URL held by the Prefect Secret block named
    `postgres_block`, else at $LISHUI_POSTGRES_URL (a URL, which may hold a password, is never a
    parameter: Prefect keeps parameters in its database). Another run on the same warehouse is
    refused (or awaited with `wait`); a source file larger than `max_document_mb` is quarantined."""
    sources, warehouse = Path(sources), Path(warehouse)
    postgres = postgres_url(postgres_block)
    with run_lock(warehouse, wait=wait):
        return _run(sources, warehouse, postgres, megabytes(max_document_mb))


def postgres_url(block: str | None) -> str | None:
    """The PostgreSQL URL: from the Prefect Secret block named `block`, else from $LISHUI_POSTGRES_URL."""
    if block:
        from prefect.blocks.system import Secret

        return Secret.load(block).get()
    return os.environ.get(POSTGRES_ENV) or None


def _run(sources: Path, warehouse: Path, postgres: str | None, max_bytes: int) -> RunSummary:
    run_id = _run_id()
    page = report_folder(warehouse) / "index.html"
    runs.begin(warehouse, run_id, sources)
    gates = None
    try:
        _stage(1, "ingest", sources)
        batch = ingest(sources, warehouse, run_id, max_bytes)
        _stage(2, "extract", f"{batch.documents} documents, {batch.documents_new} new versions")
        extracted = extract(warehouse, run_id)
        _stage(3, "transform", f"{extracted.figures_staged} figures")
        staged = transform(warehouse, run_id)
        _stage(4, "validate", f"{staged} figures")
        gates = validate(warehouse, run_id)
        _stage(5, "publish", warehouse)
        published = publish(warehouse, run_id, gates)
    except GateFailed as e:
        runs.end(warehouse, run_id, "blocked", message=str(e), report=str(page))
        report.write(warehouse, report_folder(warehouse), run_id)
        _artifact(run_id, "blocked", {"message": str(e)}, gates)
        raise
    except BaseException as e:
        runs.end(warehouse, run_id, "failed", message=f"{type(e).__name__}: {e}")
        raise
    runs.end(warehouse, run_id, "published", documents=batch.documents, documents_new=batch.documents_new,
             files_quarantined=len(batch.rejected), figures_staged=staged, figures_published=published.figures,
             rows_quarantined=gates.quarantined, report=str(page))
    report.write(warehouse, report_folder(warehouse), run_id)
    snapshot = publish_snapshot(warehouse, run_id)
    pg_schema = None
    try:
        if postgres:
            pg_schema = f"schema curated, {publish_postgres(warehouse, run_id, postgres).tables} tables"
    finally:  # DuckDB's readers get the new snapshot even when PostgreSQL is down (the run still fails)
        publish_current(warehouse, snapshot)
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
    )
    _artifact(run_id, "published", {
        "documents": summary.documents, "new document versions": summary.documents_new,
        "documents extracted": summary.documents_extracted, "documents retired": len(summary.documents_retired),
        "files quarantined": len(summary.files_quarantined), "figures published": summary.figures_published,
        "rows quarantined": summary.rows_quarantined, "figures flagged": summary.figures_flagged,
        "snapshot": snapshot.name, "postgresql": pg_schema or "-",
    }, gates)
    return summary


def _artifact(run_id: str, status: str, facts: dict, gates: GateReport | None) -> None:
    """A table artifact in Prefect: the run's summary and every expectation's result."""
    rows = [{"section": "run", "item": "status", "result": status}]
    rows += [{"section": "run", "item": k, "result": str(v)} for k, v in facts.items()]
    for o in gates.outcomes if gates else []:
        result = o.result
        if not o.success:
            result += f" ({o.unexpected_count or 0} of {o.element_count or 0} rows)"
        rows.append({"section": f"gate {o.stage}", "item": o.expectation, "result": result})
    create_table_artifact(key="lishui-run", table=rows, description=f"Lishui run {run_id}: {status}")
