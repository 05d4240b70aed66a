"""The publish stage: write-audit-publish of the curated tables, then the copies readers use.

- `publish`: the batch is merged into the curated tables inside one DuckDB transaction (the
  rows of its documents and of the retired ones replaced, the whole-warehouse checks re-run,
  the derived tables rebuilt), audited there (provenance of the batch's figures, the unique and
  foreign keys the models declare), and committed only if the gates passed and the audit holds.
  Anything else rolls back and leaves the published tables exactly as they were.
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
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import GateFailed, logger, pipeline_version

import warehouse as wh
from flows.faults import checkpoint
from transforms import extract as extractor
from warehouse import postgres as pg
from warehouse import snapshot

from .validate import GateReport

# audits beyond the models' declared keys and references, run on the new curated tables inside the
# publish transaction: name -> query counting violations
AUDIT = {
    "indicator figures that do not resolve": """
        select count(*) from (select unnest(figure_ids) as figure_id from curated.indicators)
        where figure_id not in (select figure_id from curated.figures)""",
    "figures whose quality_flags differ from curated.figure_flags": """
        select count(*) from curated.figures f
        left join (select figure_id, list_sort(list(code)) as codes from curated.figure_flags group by figure_id) x
            using (figure_id)
        where f.quality_flags <> coalesce(x.codes, []::varchar[])""",
}
WAREHOUSE_CHECK = "CONFLICTING_SOURCES"  # flags computed over the whole warehouse (warehouse/audit/conflicts.sql)


def audits() -> dict[str, str]:
    """Every audit of the curated tables: the unique, non-null key and the foreign keys each model
    declares in its header, then AUDIT."""
    out = {}
    for m in wh.models("curated"):
        if m.key:
            key = ", ".join(m.key)
            out[f"duplicate keys ({key}) in {m.table}"] = f"select count(*) - count(distinct ({key})) from {m.table}"
            out[f"null keys ({key}) in {m.table}"] = (  # a key is PostgreSQL's primary key too
                f"select count(*) from {m.table} where " + " or ".join(f"{c} is null" for c in m.key))
        for column, table, ref in m.references:
            out[f"{m.table}.{column} outside {table}.{ref}"] = (
                f"select count(*) from {m.table} where {column} is not null "
                f"and {column} not in (select {ref} from {table})")
    return {**out, **AUDIT}


@dataclass(frozen=True)
class PublishResult:
    figures: int
    documents: int


@task(name="publish", cache_policy=NO_CACHE)
def publish(warehouse: Path, run_id: str, gates: GateReport) -> PublishResult:
    """Merge the batch into the curated tables in one transaction, only when every gate passed:
    the rows of the batch's and the retired documents are replaced (models declaring
    `incremental: doc`), the whole-warehouse checks re-run, the other tables rebuilt, everything
    audited; then the batch's documents are recorded as processed (raw.processed)."""
    if not gates.passed:
        raise GateFailed(gates.message())
    with wh.connect(warehouse) as con:
        con.execute("set variable extractor_version = ?", [extractor.EXTRACTOR_VERSION])
        con.begin()
        try:
            con.execute("create or replace temp table publish_changed as "
                        "select doc from staging.ingest union select doc from staging.retired")
            for m in wh.build_order("curated"):
                if m.incremental:
                    _merge(con, m)
                    if m.name == "figures":
                        _warehouse_checks(con, run_id)
                else:
                    wh.build(con, "curated", m.name)
            _sync_counts(con)
            problems = [f"{n} figures of this batch whose text differs from their document"
                        for n in [_provenance(con)] if n]
            problems += [f"{n} {what}" for what, sql in audits().items() if (n := wh.scalar(con, sql))]
            if problems:
                raise GateFailed("gate 'publish' failed: the audit of the new curated tables found "
                                 + ", ".join(problems))
            _record_processed(con, run_id)
            figures = wh.scalar(con, "select count(*) from curated.figures")
            documents = wh.scalar(con, "select count(*) from curated.documents")
            checkpoint("publish")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    logger().info("publish: %d figures from %d documents", figures, documents)
    return PublishResult(figures=figures, documents=documents)


PROVENANCE_CHARS = 10_000_000  # document text held at once by the provenance audit


def _provenance(con) -> int:
    """Published figures of the batch whose text is not their document's text at their offsets,
    counted over chunks of the batch's documents (the others were audited when published)."""

    sizes = con.execute("select doc, length(text) from staging.ingest order by doc").fetchall()
    bad = 0
    for docs in wh.plan(sizes, PROVENANCE_CHARS):
        con.register("publish_chunk", pl.DataFrame({"doc": docs}, schema={"doc": pl.String}).to_arrow())
        con.register("publish_source_text", wh.text_at_offsets(
            con, "select doc, char_start, char_end from curated.figures where doc in (select doc from publish_chunk)",
            "select doc, text from staging.ingest"))
        bad += wh.scalar(con, """
            select count(*) from curated.figures f
            left join publish_source_text s using (doc, char_start, char_end)
            where f.doc in (select doc from publish_chunk) and s.source_text is distinct from f.text""")
        con.unregister("publish_source_text")
    return bad


def _merge(con, m: wh.Model) -> None:
    """Replace the rows of the batch's and the retired documents of an incremental model with what
    its SQL builds from the batch (the table is created when missing or when its columns changed)."""
    have = [c for (c,) in con.execute(
        "select column_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = ? and table_name = ? order by column_index", [m.layer, m.name]).fetchall()]
    want = [d[0] for d in con.execute(f"select * from ({m.sql}) limit 0").description]
    if have != want:  # a new table, or a new version of it: the batch then holds every document
        # built whole: DuckDB 2.0.0 joins see none of the rows inserted, beyond its first row group
        # (122,880 rows), into a table created empty in the same transaction
        con.execute(f"create or replace table {m.table} as {m.sql}")
    else:
        con.execute(f"delete from {m.table} where {m.incremental} in (select doc from publish_changed)")
        con.execute(f"insert into {m.table} by name {m.sql}")
    for statement in m.comment_statements():
        con.execute(statement)


def _warehouse_checks(con, run_id: str) -> None:
    """CONFLICTING_SOURCES over every published figure (the batch's against the others, and back):
    its flags replace the last ones (publish_warehouse_flags, read by the figure_flags model)."""
    con.execute(f"create or replace temp table publish_warehouse_flags as {wh.model('audit', 'conflicts').sql}")
    if wh.table_exists(con, "curated", "figure_flags"):
        con.execute("delete from curated.figure_flags where code = ?", [WAREHOUSE_CHECK])
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("""
        insert into quality.flags by name
        select ? as run_id, w.figure_id, f.doc, w.code, w.reason, ? as flagged_at
        from publish_warehouse_flags w join curated.figures f using (figure_id)""", [run_id, now])
    # the figures' quality_flags: the batch's own flags, and this check's over every figure
    con.execute("""
        update curated.figures f set quality_flags = x.flags
        from (select f.figure_id,
                     list_sort(list_filter(f.quality_flags, lambda c: c <> $code)
                               || case when w.figure_id is null then []::varchar[] else [$code] end) as flags
              from curated.figures f left join publish_warehouse_flags w using (figure_id)
              where list_contains(f.quality_flags, $code) or w.figure_id is not null) x
        where f.figure_id = x.figure_id""", {"code": WAREHOUSE_CHECK})
    logger().info("publish: %s on %d figures over the whole warehouse",
                  WAREHOUSE_CHECK, wh.scalar(con, "select count(*) from publish_warehouse_flags"))


def _sync_counts(con) -> None:
    """The documents' figure counts, from the figures (the whole-warehouse flags change figures of
    documents outside the batch too)."""
    con.execute("""
        update curated.documents d set figure_count = c.n, flagged_figure_count = c.flagged
        from (select d.doc, coalesce(c.n, 0) as n, coalesce(c.flagged, 0) as flagged from curated.documents d
              left join (select doc, count(*) as n, count(*) filter (where len(quality_flags) > 0) as flagged
                         from curated.figures group by doc) c using (doc)
              where (d.figure_count, d.flagged_figure_count) is distinct from (coalesce(c.n, 0), coalesce(c.flagged, 0))) c
        where d.doc = c.doc""")


def _record_processed(con, run_id: str) -> None:
    """The batch's documents (published or, with every figure kept out, quarantined) and the
    retired ones, as this run processed them."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("""
        insert into raw.processed (doc, sha256, pipeline_version, outcome, run_id, processed_at, region_hint)
        select doc, sha256, ?, case when doc in (select doc from curated.documents) then 'published'
                                    else 'quarantined' end, ?, ?, region_hint
        from staging.ingest
        union all
        select doc, null, ?, 'retired', ?, ?, null from staging.retired
    """, [pipeline_version(), run_id, now] * 2)
    con.execute("insert into raw.retired select doc, sha256, reason, ?, ? from staging.retired", [now, run_id])


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
