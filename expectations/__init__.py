"""Great Expectations suites, one per stage, named after the stage they gate.

`SUITES[stage]` gives the suite's expectations, what record a failing row is (`record_kind`)
and its key column; `DOCUMENTS` gates the batch as a whole after them. `expectations.gate` runs them.

A suite splits in two (`Suite.contract`, `Suite.rows`): the contract (the staged columns and their
types) is checked once per stage on a sample of its rows; the rest (keys, row gates, consistency
checks) on every chunk of the batch, with only the columns they name (`Suite.columns`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import documents, extract, ingest, transform

CONTRACT = ("expect_table_columns_to_match_set", "expect_column_values_to_be_of_type")


@dataclass(frozen=True)
class Suite:
    stage: str
    expectations: Callable[[], list]
    record_kind: str
    key: str
    schema: tuple[str, ...] = ()  # the staged columns (what the contract names)

    def contract(self) -> list:
        """The expectations on the frame's shape: its columns and their types."""
        return [e for e in self.expectations() if e.expectation_type in CONTRACT]

    def rows(self) -> list:
        """Every other expectation: keys, row gates, consistency checks."""
        return [e for e in self.expectations() if e.expectation_type not in CONTRACT]

    def columns(self) -> list[str]:
        """The columns `rows()` read (with the key, the document and the flags' reasons), in schema order."""
        named = {self.key, "doc"}
        for e in self.rows():
            named |= {c for c in (getattr(e, "column", None), getattr(e, "column_A", None),
                                  getattr(e, "column_B", None)) if c}
            named |= set(getattr(e, "column_list", None) or ())
            condition = getattr(e, "row_condition", None)
            condition = getattr(condition, "pass_through_filter", condition)
            if condition:
                named |= set(re.findall(r"[A-Za-z_]\w*", str(condition)))
            if (e.meta or {}).get("reason_column"):
                named.add(e.meta["reason_column"])
        return [c for c in self.schema if c in named]


SUITES = {
    "ingest": Suite("ingest", ingest.expectations, record_kind="doc", key="doc", schema=tuple(ingest.COLUMNS)),
    "extract": Suite("extract", extract.expectations, record_kind="figure", key="figure_id",
                     schema=tuple(extract.COLUMNS)),
    "transform": Suite("transform", transform.expectations, record_kind="figure", key="figure_id",
                       schema=tuple(transform.COLUMNS)),
}
# run after the stages' suites, on what their row gates quarantined (warehouse/audit/documents.sql)
DOCUMENTS = Suite("documents", documents.expectations, record_kind="doc", key="doc")
