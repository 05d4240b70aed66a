"""The transform stage: type and normalise the batch's figures with Polars into staging.transform."""
from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import logger

import warehouse as wh
from transforms import transform as transforms


@task(name="transform", cache_policy=NO_CACHE)
def transform(warehouse: Path, run_id: str) -> int:
    """Build staging.transform from staging.extract; return its row count."""
    with wh.connect(warehouse) as con:
        extracted = wh.frame(con, "select * from staging.extract")
        staged = transforms.transform(extracted)
        con.register("transform_batch", staged.to_arrow())
        wh.build(con, "staging", "transform")
    logger().info("transform: %d figures staged", staged.height)
    return staged.height
