"""The ingest stage: read the source files, keep every new version in raw.ingest, stage the batch.

A document published by the last run whose file has disappeared (or can no longer be read) is
retired: recorded in raw.retired with the reason; its figures leave the curated tables at this
run's publish and stay in raw.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import MAX_DOCUMENT_MB, logger, megabytes
from flows import sources as source_folder
from flows.sources import SourcesError  # noqa: F401 - re-exported
from transforms import ingest as ingest_transform


@dataclass(frozen=True)
class IngestResult:
    documents: int
    documents_new: int
    rejected: list[tuple[str, str]]  # (file, reason)
    retired: list[str] = ()  # documents whose figures leave the curated tables


def _read(sources: Path, max_bytes: int) -> pl.DataFrame:
    rows = [{"doc": s.doc, "path": str(s.path), "content": s.content, "size_bytes": s.size_bytes, "problem": s.problem}
            for s in source_folder.read(sources, max_bytes)]
    return pl.DataFrame(rows, schema=ingest_transform.FILES_SCHEMA)


@task(name="ingest", cache_policy=NO_CACHE)
def ingest(sources: Path, warehouse: Path, run_id: str,
           max_bytes: int = megabytes(MAX_DOCUMENT_MB)) -> IngestResult:
    """Read `sources` into raw.ingest (new versions only) and staging.ingest (this batch); files
    that cannot be read, or are larger than `max_bytes`, are quarantined."""
    log = logger()
    files = _read(sources, max_bytes)
    documents, rejected = ingest_transform.ingest(files)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with wh.connect(warehouse) as con:
        con.begin()
        before = wh.scalar(con, "select count(*) from raw.ingest")
        new_rows = documents.with_columns(ingested_at=pl.lit(now), run_id=pl.lit(run_id)).to_arrow()
        con.register("ingest_new", new_rows)
        con.execute("""
            insert into raw.ingest
            select doc, sha256, path, size_bytes, media_type, title, text, ingested_at, run_id
            from ingest_new
            anti join raw.ingest using (doc, sha256)
        """)
        documents_new = wh.scalar(con, "select count(*) from raw.ingest") - before
        con.register("ingest_batch", documents.select("doc", "sha256").to_arrow())
        wh.build(con, "staging", "ingest")
        retired = _retire(con, documents, rejected, run_id, now)
        for doc, path, sha, size, reason in rejected.iter_rows():
            con.execute(
                "insert into quality.quarantine values (?, 'ingest', 'ingest', 'readable text file', ?, "
                "'file', ?, ?, ?, ?)",
                [run_id, reason, doc, doc, json.dumps({"path": path, "sha256": sha, "size_bytes": size}), now],
            )
        con.commit()
    for doc, _, _, _, reason in rejected.iter_rows():
        log.warning("quarantined %s: %s", doc, reason)
    for doc in retired:
        log.warning("retired %s: its figures leave the curated tables", doc)
    log.info("ingest: %d documents (%d new versions), %d files quarantined, %d retired",
             documents.height, documents_new, rejected.height, len(retired))
    return IngestResult(
        documents=documents.height,
        documents_new=documents_new,
        rejected=[(doc, reason) for doc, _, _, _, reason in rejected.iter_rows()],
        retired=retired,
    )


def _retire(con, documents: pl.DataFrame, rejected: pl.DataFrame, run_id: str, now) -> list[str]:
    """Record the published documents that this batch no longer has; return their names."""
    published = con.execute("select doc, sha256 from curated.documents").fetchall() \
        if wh.table_exists(con, "curated", "documents") else []
    present = set(documents["doc"].to_list())
    unreadable = dict(zip(rejected["doc"].to_list(), rejected["reason"].to_list()))
    out = []
    for doc, sha in published:
        if doc in present:
            continue
        reason = (f"the source file can no longer be read: {unreadable[doc]}" if doc in unreadable
                  else "the source file is no longer in the sources folder")
        con.execute("insert into raw.retired values (?, ?, ?, ?, ?)", [doc, sha, reason, now, run_id])
        out.append(doc)
    return out
