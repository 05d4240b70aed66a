"""Bookkeeping of pipeline runs in quality.runs."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import warehouse as wh


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def begin(warehouse: Path, run_id: str, sources: str) -> None:
    with wh.connect(warehouse) as con:
        con.execute(
            "insert or replace into quality.runs (run_id, started_at, status, sources) values (?, ?, 'running', ?)",
            [run_id, _now(), str(sources)])


def end(warehouse: Path, run_id: str, status: str, **counts) -> None:
    """Close the run's row: its status, counts and message."""
    columns = ["finished_at", "status", *counts]
    values = [_now(), status, *counts.values()]
    assignments = ", ".join(f"{c} = ?" for c in columns)
    with wh.connect(warehouse) as con:
        con.execute(f"update quality.runs set {assignments} where run_id = ?", [*values, run_id])


def last_published(warehouse: Path) -> str | None:
    """The run whose publish the curated tables hold (the last one that published a batch)."""
    with wh.connect(warehouse) as con:
        if not wh.table_exists(con, "curated", "figures"):
            return None
        return wh.scalar(con, "select run_id from quality.runs where status = 'published' "
                              "order by started_at desc limit 1")


def published_figures(warehouse: Path) -> int:
    with wh.connect(warehouse) as con:
        return wh.scalar(con, "select count(*) from curated.figures")
