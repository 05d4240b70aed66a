"""The publish stage: write-audit-publish of the curated tables.

The curated tables are rebuilt from staging inside one DuckDB transaction, audited there
(provenance of every figure, unique ids), and committed only if the gates passed and the
audit holds. Anything else rolls back and leaves the published tables exactly as they were.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import logger

import warehouse as wh

from .validate import GateReport

CURATED = ("figures", "documents")  # in build order: documents counts curated.figures

AUDIT = """
select
    (select count(*) from curated.figures f join curated.documents d using (doc)
      where substring(d.text, f.char_start + 1, f.char_end - f.char_start) <> f.text) as provenance_mismatches,
    (select count(*) from curated.figures where doc not in (select doc from curated.documents)) as orphan_figures,
    (select count(*) - count(distinct figure_id) from curated.figures) as duplicate_ids
"""


class GateFailed(Exception):
    """A blocking expectation failed: nothing was published."""


@dataclass(frozen=True)
class PublishResult:
    figures: int
    documents: int


@task(name="publish", cache_policy=NO_CACHE)
def publish(warehouse: Path, run_id: str, gates: GateReport) -> PublishResult:
    """Replace the curated tables in one transaction, only when every gate passed."""
    if not gates.passed:
        raise GateFailed(gates.message())
    with wh.connect(warehouse) as con:
        con.begin()
        try:
            for name in CURATED:
                wh.build(con, "curated", name)
            mismatches, orphans, duplicates = con.execute(AUDIT).fetchall()[0]
            if mismatches or orphans or duplicates:
                raise GateFailed(
                    f"gate 'publish' failed: audit of the new curated tables found {mismatches} figures whose "
                    f"text differs from their document, {orphans} figures without a document and "
                    f"{duplicates} duplicate figure ids")
            figures = wh.scalar(con, "select count(*) from curated.figures")
            documents = wh.scalar(con, "select count(*) from curated.documents")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    logger().info("publish: %d figures from %d documents", figures, documents)
    return PublishResult(figures=figures, documents=documents)
