"""The ingest stage: read the source files and the fetched pages, keep every new version in
raw.ingest, choose the batch.

Files and pages stream through in chunks of about CHUNK_BYTES; a version already in raw.ingest is
only hashed, not decoded again, and a page the server said is unchanged (304) is the version held. The batch (staging.ingest) is what the warehouse does not hold yet as
processed by this pipeline: new and changed documents (all of them after a change of the
extractor, transform, gates or models). A document processed before whose file has disappeared,
or can no longer be read, is retired (staging.retired) when the run read folders: its figures leave
the curated tables at this run's publish and stay in raw. A web page is never retired.
A file that cannot be read, and a feed or page that could not be fetched (the fetch stage's
problem: an HTTP status, a timeout, robots.txt), is quarantined with the reason.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import MAX_DOCUMENT_MB, logger, megabytes, pipeline_version
from flows import sources as source_folder
from flows.sources import Source, Sources, SourcesError  # noqa: F401 - re-exported
from transforms import ingest as ingest_transform

CHUNK_BYTES = 32_000_000  # file bytes held at once
CHUNK_FILES = 2_000


@dataclass(frozen=True)
class IngestResult:
    documents: int          # readable documents: the folders' files and the pages
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
                         "problem": s.problem, "url": s.url, "fetched_at": s.fetched_at, "media_type": s.media_type,
                         "charset": s.charset, "region_hint": s.region, "sha256": s.sha256})
            size += len(s.content or b"")
            if size >= CHUNK_BYTES:
                break
        if not rows:
            return
        yield pl.DataFrame(rows, schema=ingest_transform.FILES_SCHEMA)


def _read(sources: Sources, fetched: Iterable[Source], max_bytes: int) -> Iterator[Source]:
    """The files of every folder of `sources`, then the fetched pages."""
    folders = (source_folder.read(f.path, max_bytes, f.name, f.region) for f in sources.folders)
    return chain(*folders, fetched)


def _quarantined_as(doc: str, fetch_failed: dict[str, str]) -> tuple[str, str, str]:
    """(stage, expectation, record kind) of a rejected source: a feed or page the fetch stage could
    not fetch, else a page or file that could not be read as text."""
    if doc in fetch_failed:
        return "fetch", f"{fetch_failed[doc]} fetched", fetch_failed[doc]
    if source_folder.is_url(doc):
        return "ingest", "readable page", "page"
    return "ingest", "readable text file", "file"


@task(name="ingest", cache_policy=NO_CACHE)
def ingest(sources: Sources | Path, warehouse: Path, run_id: str,
           max_bytes: int = megabytes(MAX_DOCUMENT_MB), on_new_text: Callable[[int], None] | None = None,
           fetched: list[Source] = ()) -> IngestResult:
    """Read the folders of `sources` (a Path: that one folder) and the `fetched` pages (the fetch
    stage's) into raw.ingest (new versions only), staging.ingest (this run's batch) and
    staging.retired; files that cannot be read, or are larger than `max_bytes`, and pages that
    could not be fetched or read, are quarantined. After each chunk, `on_new_text` is told the
    characters of new versions read so far."""
    if isinstance(sources, Path):
        sources = Sources(folders=(source_folder.Folder(sources),))
    fetch_failed = {s.doc: ("feed" if s.problem.startswith("feed: ") else "page") for s in fetched if s.problem}
    log = logger()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    listing, rejected, new_chars = [], [], 0
    with wh.connect(warehouse) as con:
        known = wh.frame(con, "select doc, sha256 from raw.ingest")
        before = wh.scalar(con, "select count(*) from raw.ingest")
        for files in _chunks(_read(sources, fetched, max_bytes)):
            con.begin()  # a chunk at a time: raw.ingest only gains versions, and the batch is chosen below
            files = ingest_transform.with_sha256(files)
            seen = files.join(known, on=["doc", "sha256"], how="semi")
            documents, bad = ingest_transform.ingest(files.join(known, on=["doc", "sha256"], how="anti"))
            con.register("ingest_new", documents.with_columns(ingested_at=pl.lit(now), run_id=pl.lit(run_id)).to_arrow())
            con.execute("""
                insert into raw.ingest by name
                select doc, sha256, path, size_bytes, media_type, title, text, ingested_at, run_id, url, fetched_at,
                       region_hint, encoding
                from ingest_new
                anti join raw.ingest using (doc, sha256)
            """)
            con.unregister("ingest_new")
            con.commit()
            listing += [seen.select("doc", "sha256", "region_hint"), documents.select("doc", "sha256", "region_hint")]
            rejected.append(bad)
            new_chars += documents["text"].str.len_chars().sum() or 0
            if on_new_text is not None:
                on_new_text(new_chars)
            del files, documents
        con.begin()
        documents_new = wh.scalar(con, "select count(*) from raw.ingest") - before
        listing = pl.concat(listing) if listing else pl.DataFrame(
            schema={"doc": pl.String, "sha256": pl.String, "region_hint": pl.String})
        rejected = pl.concat(rejected) if rejected else pl.DataFrame(schema=ingest_transform.REJECTED_SCHEMA)
        con.register("ingest_listing", listing.to_arrow())
        con.register("ingest_rejected", rejected.to_arrow())
        con.execute("set variable pipeline_version = ?", [pipeline_version()])
        con.execute("set variable ingest_read_folders = ?", [bool(sources.folders)])
        wh.build(con, "staging", "ingest")
        wh.build(con, "staging", "retired")
        batch = wh.scalar(con, "select count(*) from staging.ingest")
        retired = [doc for (doc,) in con.execute("select doc from staging.retired").fetchall()]
        for doc, path, sha, size, reason in rejected.iter_rows():
            stage, expectation, kind = _quarantined_as(doc, fetch_failed)
            con.execute(
                "insert into quality.quarantine values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, stage, stage, expectation, reason, kind, doc, doc,
                 json.dumps({"path": path, "sha256": sha, "size_bytes": size}), now],
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
