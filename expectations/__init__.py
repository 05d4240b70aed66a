"""Great Expectations suites, one per stage, named after the stage they gate.

`SUITES[stage]` gives the suite's expectations, what record a failing row is (`record_kind`)
and its key column; `DOCUMENTS` gates the batch as a whole after them. `expectations.gate` runs them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import documents, extract, ingest, transform


@dataclass(frozen=True)
class Suite:
    stage: str
    expectations: Callable[[], list]
    record_kind: str
    key: str


SUITES = {
    "ingest": Suite("ingest", ingest.expectations, record_kind="doc", key="doc"),
    "extract": Suite("extract", extract.expectations, record_kind="figure", key="figure_id"),
    "transform": Suite("transform", transform.expectations, record_kind="figure", key="figure_id"),
}
# run after the stages' suites, on what their row gates quarantined (warehouse/audit/documents.sql)
DOCUMENTS = Suite("documents", documents.expectations, record_kind="doc", key="doc")
