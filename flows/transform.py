"""The transform stage: type, normalise and link the batch's figures with Polars into staging.transform.

The transform reads one document at a time (its links never leave a document), so the batch goes
through in chunks of whole documents of about CHUNK_FIGURES figures, each committed on its own.
"""
from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import logger
from transforms import transform as transforms

SEEDS = ("dim_metric", "dim_region", "region_reference", "dim_flag")
CHUNK_FIGURES = 25_000  # figures held at once; each chunk is committed (DuckDB holds a transaction's rows in memory)


@task(name="transform", cache_policy=NO_CACHE)
def transform(warehouse: Path, run_id: str) -> int:
    """Build staging.transform from staging.extract (and the seed tables it reads); return its row count."""
    seeds = {name: wh.seed(name) for name in SEEDS}
    with wh.connect(warehouse) as con:
        con.begin()
        for name, frame in seeds.items():
            con.register(f"{name}_seed", frame.to_arrow())
            wh.build(con, "staging", name)
        counts = con.execute("select doc, count(*) from staging.extract group by doc order by doc").fetchall()
        chunks = wh.plan(counts, CHUNK_FIGURES) or [[]]
        mapped = 0
        for i, docs in enumerate(chunks):
            extracted = wh.frame(con, "select * from staging.extract where doc in (select unnest(?::varchar[]))", [docs])
            staged = transforms.transform(extracted, seeds["dim_metric"], seeds["dim_region"])
            mapped += staged["metric_id"].is_not_null().sum()
            con.register("transform_batch", staged.to_arrow())
            (wh.build if i == 0 else wh.append)(con, "staging", "transform")
            con.unregister("transform_batch")
            con.commit()  # staging is the run's scratch: a failed run rebuilds it whole
            con.begin()
        rows = wh.scalar(con, "select count(*) from staging.transform")
        con.commit()
    logger().info("transform: %d figures staged, %d with a canonical metric", rows, mapped)
    return rows
