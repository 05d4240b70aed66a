"""The publish stage: write-audit-publish of the curated tables, then the copies readers use.

- `publish`: the curated tables are rebuilt from staging inside one DuckDB transaction, audited
  there (provenance of every figure, unique keys, foreign keys), and committed only if the
  gates passed and the audit holds. Anything else rolls back and leaves the published tables
  exactly as they were.
- `publish_snapshot`: the curated and quality tables are copied into a new immutable snapshot
  file (warehouse/snapshot.py), not yet visible to readers.
- `publish_postgres`: the curated tables are loaded into PostgreSQL for BI tools and swapped in
  (warehouse/postgres.py); retried, as it talks to another server.
- `publish_current`: `published/current.duckdb` is switched to the new snapshot (one rename).

The readers' two switches (PostgreSQL's schema swap, then the rename) come last, back to back,
so that a run killed at any earlier moment changes nothing any reader sees.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import logger

import warehouse as wh
from flows.faults import checkpoint
from transforms import extract as extractor
from warehouse import postgres as pg
from warehouse import snapshot

from .validate import GateReport

# in build order: each table reads only tables built before it
CURATED = ("dim_metric", "dim_region", "region_reference", "dim_flag", "figures", "figure_flags", "documents",
           "indicators", "targets", "rankings")

# name -> query counting violations, run on the new curated tables inside the publish transaction
AUDIT = {
    "figures whose text differs from their document": """
        select count(*) from curated.figures f left join publish_source_text s using (doc, char_start, char_end)
        where s.source_text is distinct from f.text""",
    "figures without a document": "select count(*) from curated.figures anti join curated.documents using (doc)",
    "duplicate figure ids": "select count(*) - count(distinct figure_id) from curated.figures",
    "duplicate documents": "select count(*) - count(distinct doc) from curated.documents",
    "duplicate metric ids": "select count(*) - count(distinct metric_id) from curated.dim_metric",
    "duplicate regions": "select count(*) - count(distinct region) from curated.dim_region",
    "duplicate region reference rows": "select count(*) - count(distinct (region, year)) from curated.region_reference",
    "duplicate flag codes": "select count(*) - count(distinct code) from curated.dim_flag",
    "duplicate figure flags": "select count(*) - count(distinct (figure_id, code)) from curated.figure_flags",
    "duplicate indicators": "select count(*) - count(distinct indicator_id) from curated.indicators",
    "related figures that do not resolve": """
        select count(*) from curated.figures f where related_figure_id is not null
        and related_figure_id not in (select figure_id from curated.figures)""",
    "wholes that do not resolve": """
        select count(*) from curated.figures f where part_of_figure_id is not null
        and part_of_figure_id not in (select figure_id from curated.figures)""",
    "metric ids outside dim_metric": """
        select count(*) from curated.figures where metric_id is not null
        and metric_id not in (select metric_id from curated.dim_metric)""",
    "regions outside dim_region": """
        select count(*) from curated.figures where region not in (select region from curated.dim_region)""",
    "region parents outside dim_region": """
        select count(*) from curated.dim_region where parent_region is not null
        and parent_region not in (select region from curated.dim_region)""",
    "metric parents outside dim_metric": """
        select count(*) from curated.dim_metric where parent_metric_id is not null
        and parent_metric_id not in (select metric_id from curated.dim_metric)""",
    "flags of unknown figures or codes": """
        select count(*) from curated.figure_flags
        where figure_id not in (select figure_id from curated.figures) or code not in (select code from curated.dim_flag)""",
    "indicator figures that do not resolve": """
        select count(*) from (select unnest(figure_ids) as figure_id from curated.indicators)
        where figure_id not in (select figure_id from curated.figures)""",
    "targets and rankings of unknown figures": """
        select (select count(*) from curated.targets where figure_id not in (select figure_id from curated.figures))
             + (select count(*) from curated.rankings where figure_id not in (select figure_id from curated.figures))""",
}


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
        con.execute("set variable extractor_version = ?", [extractor.EXTRACTOR_VERSION])
        con.begin()
        try:
            for name in CURATED:
                wh.build(con, "curated", name)
            con.register("publish_source_text", wh.text_at_offsets(
                con, "select doc, char_start, char_end from curated.figures",
                "select doc, text from curated.documents"))
            problems = [f"{n} {what}" for what, sql in AUDIT.items() if (n := wh.scalar(con, sql))]
            if problems:
                raise GateFailed("gate 'publish' failed: the audit of the new curated tables found "
                                 + ", ".join(problems))
            figures = wh.scalar(con, "select count(*) from curated.figures")
            documents = wh.scalar(con, "select count(*) from curated.documents")
            checkpoint("publish")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    logger().info("publish: %d figures from %d documents", figures, documents)
    return PublishResult(figures=figures, documents=documents)


@task(name="publish_snapshot", cache_policy=NO_CACHE)
def publish_snapshot(warehouse: Path, run_id: str) -> Path:
    """Write the published tables to a new snapshot file (publish_current makes readers see it)."""
    with wh.connect(warehouse) as con:
        path = snapshot.build(con, warehouse, run_id)
    checkpoint("snapshot")
    return path


@task(name="publish_current", cache_policy=NO_CACHE)
def publish_current(warehouse: Path, path: Path) -> Path:
    """Switch published/current.duckdb to the snapshot `path`."""
    snapshot.make_current(path)
    logger().info("publish: readers now see %s (as %s)", path.name, snapshot.current(warehouse))
    return path


@task(name="publish_postgres", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=5)
def publish_postgres(warehouse: Path, run_id: str, url: str) -> pg.PostgresResult:
    """Load the curated tables into PostgreSQL at `url` and swap them in for schema curated."""
    with wh.connect(warehouse) as con:
        result = pg.publish(con, url, run_id, before_swap=lambda: checkpoint("postgres"))
    logger().info("publish: %d tables (%d rows) in PostgreSQL schema %s", result.tables, result.rows, result.schema)
    return result
