"""The ingest stage: read the source files, keep every new version in raw.ingest, stage the batch."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import logger

import warehouse as wh
from transforms import ingest as ingest_transform

SUFFIXES = tuple(ingest_transform.MEDIA_TYPES)


class SourcesError(Exception):
    """The sources folder is missing or holds no source files."""


@dataclass(frozen=True)
class IngestResult:
    documents: int
    documents_new: int
    rejected: list[tuple[str, str]]  # (file, reason)


def source_files(sources: Path) -> list[Path]:
    """Every .txt, .md and .html file under `sources` (hidden ones skipped), sorted."""
    if not sources.exists():
        raise SourcesError(f"sources folder {sources} does not exist")
    if not sources.is_dir():
        raise SourcesError(f"sources path {sources} is not a folder")
    files = [
        p for p in sources.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(sources).parts)
    ]
    if not files:
        raise SourcesError(f"sources folder {sources} holds no {', '.join(SUFFIXES)} files")
    return sorted(files)


def _read(sources: Path) -> pl.DataFrame:
    rows = [
        {"doc": p.relative_to(sources).as_posix(), "path": str(p.resolve()), "content": p.read_bytes()}
        for p in source_files(sources)
    ]
    return pl.DataFrame(rows, schema={"doc": pl.String, "path": pl.String, "content": pl.Binary})


@task(name="ingest", cache_policy=NO_CACHE)
def ingest(sources: Path, warehouse: Path, run_id: str) -> IngestResult:
    """Read `sources` into raw.ingest (new versions only) and staging.ingest (this batch)."""
    log = logger()
    files = _read(sources)
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
        for doc, path, sha, size, reason in rejected.iter_rows():
            con.execute(
                "insert into quality.quarantine values (?, 'ingest', 'ingest', 'readable text file', ?, "
                "'file', ?, ?, ?, ?)",
                [run_id, reason, doc, doc, json.dumps({"path": path, "sha256": sha, "size_bytes": size}), now],
            )
        con.commit()
    for doc, _, _, _, reason in rejected.iter_rows():
        log.warning("quarantined %s: %s", doc, reason)
    log.info("ingest: %d documents (%d new versions), %d files quarantined",
             documents.height, documents_new, rejected.height)
    return IngestResult(
        documents=documents.height,
        documents_new=documents_new,
        rejected=[(doc, reason) for doc, _, _, _, reason in rejected.iter_rows()],
    )
