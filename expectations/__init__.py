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
            named |= set(_checked(e)) | set(_conditioned(e))
            if (e.meta or {}).get("reason_column"):
                named.add(e.meta["reason_column"])
        return [c for c in self.schema if c in named]

    def select(self) -> str:
        """The select list the gates read `rows()` from: `columns()`, each column that `rows()` only
        checks for nulls read as '' where it has a value (a document's text, thousands of characters,
        need not be held to see that it is there), the others as they are."""
        checks: dict[str, set[str]] = {}
        for e in self.rows():
            for c in _checked(e):
                checks.setdefault(c, set()).add(e.expectation_type)
        only_null = {c for c, kinds in checks.items() if kinds == {"expect_column_values_to_not_be_null"}}
        only_null -= {self.key, "doc", *(c for e in self.rows() for c in _conditioned(e))}
        return ", ".join(f"if({c} is null, null, '') as {c}" if c in only_null else c for c in self.columns())


def _checked(e) -> list[str]:
    """The columns an expectation checks."""
    return [c for c in (getattr(e, "column", None), getattr(e, "column_A", None), getattr(e, "column_B", None),
                        *(getattr(e, "column_list", None) or ())) if c]


def _conditioned(e) -> list[str]:
    """The names in an expectation's row condition."""
    condition = getattr(e, "row_condition", None)
    condition = getattr(condition, "pass_through_filter", condition)
    return re.findall(r"[A-Za-z_]\w*", str(condition)) if condition else []


SUITES = {
    "ingest": Suite("ingest", ingest.expectations, record_kind="doc", key="doc", schema=tuple(ingest.COLUMNS)),
    "extract": Suite("extract", extract.expectations, record_kind="figure", key="figure_id",
                     schema=tuple(extract.COLUMNS)),
    "transform": Suite("transform", transform.expectations, record_kind="figure", key="figure_id",
                       schema=tuple(transform.COLUMNS)),
}
# run after the stages' suites, on what their row gates quarantined (warehouse/audit/documents.sql)
DOCUMENTS = Suite("documents", documents.expectations, record_kind="doc", key="doc")
