"""The ingest stage: read the source files, keep every new version in raw.ingest, choose the batch.

Files stream through in chunks of about CHUNK_BYTES; a version already in raw.ingest is only
hashed, not decoded again. The batch (staging.ingest) is what the warehouse does not hold yet as
processed by this pipeline: new and changed documents (all of them after a change of the
extractor, transform, gates or models). A document processed before whose file has disappeared,
or can no longer be read, is retired (staging.retired): its figures leave the curated tables at
this run's publish and stay in raw.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import MAX_DOCUMENT_MB, logger, megabytes, pipeline_version
from flows import sources as source_folder
from flows.sources import Source, SourcesError  # noqa: F401 - re-exported
from transforms import ingest as ingest_transform

CHUNK_BYTES = 32_000_000  # file bytes held at once
CHUNK_FILES = 2_000


@dataclass(frozen=True)
class IngestResult:
    documents: int          # readable documents in the folder
    documents_new: int      # versions not seen before (raw.ingest)
    batch: int              # documents this run processes (staging.ingest)
    rejected: list[tuple[str, str]]  # (file, reason)
    retired: list[str] = ()  # documents whose figures leave the curated tables

    @property
    def changes(self) -> bool:
        """Whether the run has anything to publish."""
        return bool(self.batch or self.retired)


def _chunks(sources: Iterable[Source]) -> Iterator[pl.DataFrame]:
    """The files as frames of at most CHUNK_FILES files or about CHUNK_BYTES bytes."""
    it = iter(sources)
    while True:
        rows, size = [], 0
        for s in islice(it, CHUNK_FILES):
            rows.append({"doc": s.doc, "path": str(s.path), "content": s.content, "size_bytes": s.size_bytes,
                         "problem": s.problem})
            size += len(s.content or b"")
            if size >= CHUNK_BYTES:
                break
        if not rows:
            return
        yield pl.DataFrame(rows, schema=ingest_transform.FILES_SCHEMA)


@task(name="ingest", cache_policy=NO_CACHE)
def ingest(sources: Path, warehouse: Path, run_id: str,
           max_bytes: int = megabytes(MAX_DOCUMENT_MB), on_new_text: Callable[[int], None] | None = None) -> IngestResult:
    """Read `sources` into raw.ingest (new versions only), staging.ingest (this run's batch) and
    staging.retired; files that cannot be read, or are larger than `max_bytes`, are quarantined.
    After each chunk, `on_new_text` is told the characters of new versions read so far."""
    log = logger()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    listing, rejected, new_chars = [], [], 0
    with wh.connect(warehouse) as con:
        known = wh.frame(con, "select doc, sha256 from raw.ingest")
        before = wh.scalar(con, "select count(*) from raw.ingest")
        for files in _chunks(source_folder.read(sources, max_bytes)):
            con.begin()  # a chunk at a time: raw.ingest only gains versions, and the batch is chosen below
            files = ingest_transform.with_sha256(files)
            seen = files.join(known, on=["doc", "sha256"], how="semi")
            documents, bad = ingest_transform.ingest(files.join(known, on=["doc", "sha256"], how="anti"))
            con.register("ingest_new", documents.with_columns(ingested_at=pl.lit(now), run_id=pl.lit(run_id)).to_arrow())
            con.execute("""
                insert into raw.ingest
                select doc, sha256, path, size_bytes, media_type, title, text, ingested_at, run_id
                from ingest_new
                anti join raw.ingest using (doc, sha256)
            """)
            con.unregister("ingest_new")
            con.commit()
            listing += [seen.select("doc", "sha256"), documents.select("doc", "sha256")]
            rejected.append(bad)
            new_chars += documents["text"].str.len_chars().sum() or 0
            if on_new_text is not None:
                on_new_text(new_chars)
            del files, documents
        con.begin()
        documents_new = wh.scalar(con, "select count(*) from raw.ingest") - before
        listing = pl.concat(listing) if listing else pl.DataFrame(schema={"doc": pl.String, "sha256": pl.String})
        rejected = pl.concat(rejected) if rejected else pl.DataFrame(schema=ingest_transform.REJECTED_SCHEMA)
        con.register("ingest_listing", listing.to_arrow())
        con.register("ingest_rejected", rejected.to_arrow())
        con.execute("set variable pipeline_version = ?", [pipeline_version()])
        wh.build(con, "staging", "ingest")
        wh.build(con, "staging", "retired")
        batch = wh.scalar(con, "select count(*) from staging.ingest")
        retired = [doc for (doc,) in con.execute("select doc from staging.retired").fetchall()]
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
        log.warning("retiring %s: its figures leave the curated tables", doc)
    log.info("ingest: %d documents (%d new versions), %d in this run's batch, %d files quarantined, %d to retire",
             listing.height, documents_new, batch, rejected.height, len(retired))
    return IngestResult(
        documents=listing.height,
        documents_new=documents_new,
        batch=batch,
        rejected=[(doc, reason) for doc, _, _, _, reason in rejected.iter_rows()],
        retired=retired,
    )
