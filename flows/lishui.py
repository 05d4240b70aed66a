"""The `lishui` flow: text sources -> figures -> curated DuckDB tables, every stage gated.

    ingest -> extract -> transform -> validate -> publish
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from prefect import flow
from prefect.runtime import flow_run

from . import report, runs
from .extract import extract
from .ingest import ingest
from .publish import GateFailed, publish
from .transform import transform
from .validate import report_folder, validate

DEFAULT_SOURCES = Path("data/sources")
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    documents: int
    documents_new: int
    files_quarantined: list[tuple[str, str]]
    documents_extracted: int
    figures_staged: int
    figures_published: int
    rows_quarantined: int
    figures_flagged: int
    gates: dict[str, tuple[int, int]]
    report: Path
    data_docs: Path

    def lines(self) -> list[str]:
        gates = ", ".join(f"{stage} {ok}/{n}" for stage, (ok, n) in self.gates.items())
        out = [
            f"documents:          {self.documents} ({self.documents_new} new versions, "
            f"{self.documents_extracted} extracted this run)",
            f"figures published:  {self.figures_published} (of {self.figures_staged} staged)",
            f"rows quarantined:   {self.rows_quarantined} by the gates, {len(self.files_quarantined)} files at ingest",
            f"figures flagged:    {self.figures_flagged} consistency flags (published; see lishui quality)",
        ]
        out += [f"  file {doc}: {reason}" for doc, reason in self.files_quarantined]
        out += [
            f"gate results:       all passed ({gates} expectations)",
            f"quality report:     {self.report}",
            f"data docs:          {self.data_docs}",
        ]
        return out


def _run_id() -> str:
    return str(flow_run.id or uuid.uuid4())


@flow(name="lishui")
def lishui(sources: Path = DEFAULT_SOURCES, warehouse: Path = DEFAULT_WAREHOUSE) -> RunSummary:
    """Turn the articles under `sources` into the curated tables of `warehouse`."""
    sources, warehouse = Path(sources), Path(warehouse)
    run_id = _run_id()
    runs.begin(warehouse, run_id, sources)
    try:
        batch = ingest(sources, warehouse, run_id)
        extracted = extract(warehouse, run_id)
        staged = transform(warehouse, run_id)
        gates = validate(warehouse, run_id)
        published = publish(warehouse, run_id, gates)
    except GateFailed as e:
        runs.end(warehouse, run_id, "blocked", message=str(e),
                 report=str(report_folder(warehouse) / "index.html"))
        report.write(warehouse, report_folder(warehouse), run_id)
        raise
    except BaseException as e:
        runs.end(warehouse, run_id, "failed", message=f"{type(e).__name__}: {e}")
        raise
    page = report_folder(warehouse) / "index.html"
    runs.end(warehouse, run_id, "published", documents=batch.documents, documents_new=batch.documents_new,
             files_quarantined=len(batch.rejected), figures_staged=staged,
             figures_published=published.figures, rows_quarantined=gates.quarantined, report=str(page))
    report.write(warehouse, report_folder(warehouse), run_id)
    return RunSummary(
        run_id=run_id,
        documents=batch.documents,
        documents_new=batch.documents_new,
        files_quarantined=batch.rejected,
        documents_extracted=extracted.documents_extracted,
        figures_staged=staged,
        figures_published=published.figures,
        rows_quarantined=gates.quarantined,
        figures_flagged=gates.flagged,
        gates=gates.by_stage(),
        report=page,
        data_docs=gates.data_docs,
    )
