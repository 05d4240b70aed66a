"""The extract stage: read figures from documents not extracted before, stage the batch's figures."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import logger

import warehouse as wh
from transforms import extract as extractor

PROGRESS_EVERY = 100  # documents between progress lines


@dataclass(frozen=True)
class ExtractResult:
    documents_extracted: int
    figures_staged: int


@task(name="extract", cache_policy=NO_CACHE)
def extract(warehouse: Path, run_id: str) -> ExtractResult:
    """Extract the batch's documents whose content and extractor are new; build staging.extract."""
    log = logger()
    version = extractor.EXTRACTOR_VERSION
    with wh.connect(warehouse) as con:
        todo = wh.frame(con, """
            select distinct sha256, text from staging.ingest
            where sha256 not in (select doc_sha256 from raw.extract_log where extractor_version = ?)
            order by sha256
        """, [version])
        frames, log_rows = [], []
        log.info("extract: %d documents to extract", todo.height)
        for i, document in enumerate(todo.iter_slices(1)):
            started = time.perf_counter()
            figures, info = extractor.extract(document)
            seconds = time.perf_counter() - started
            frames.append(figures)
            log_rows.append({"doc_sha256": document["sha256"][0], "figures": figures.height,
                             "chars": len(document["text"][0]), "seconds": seconds,
                             **info.drop("sha256").row(0, named=True)})
            if (i + 1) % PROGRESS_EVERY == 0 or i + 1 == todo.height:
                log.info("extract: %d of %d documents done", i + 1, todo.height)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        figures = pl.concat(frames) if frames else pl.DataFrame(schema=extractor.FIGURES_SCHEMA)
        new = figures.with_columns(extractor_version=pl.lit(version), extracted_at=pl.lit(now))
        done = pl.DataFrame(log_rows, schema={"doc_sha256": pl.String, "figures": pl.Int32, "chars": pl.Int64,
                                              "seconds": pl.Float64, "published_on": pl.Date,
                                              "main_region": pl.String, "reporting_year": pl.Int32}).with_columns(
            extractor_version=pl.lit(version), extracted_at=pl.lit(now), run_id=pl.lit(run_id))
        con.begin()
        con.register("extract_new", new.to_arrow())
        con.execute("insert into raw.extract by name select * from extract_new")
        con.register("extract_done", done.to_arrow())
        con.execute("insert into raw.extract_log by name select * from extract_done")
        con.execute("set variable extractor_version = ?", [version])
        wh.build(con, "staging", "extract")
        staged = wh.scalar(con, "select count(*) from staging.extract")
        con.commit()
    log.info("extract: %d documents extracted (%d figures), %d figures in the batch",
             todo.height, figures.height, staged)
    return ExtractResult(documents_extracted=todo.height, figures_staged=staged)
