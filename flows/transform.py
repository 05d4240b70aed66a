"""The transform stage: type, normalise and link the batch's figures with Polars into staging.transform."""
from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

import warehouse as wh
from flows import logger
from transforms import transform as transforms

SEEDS = ("dim_metric", "dim_region", "region_reference", "dim_flag")


@task(name="transform", cache_policy=NO_CACHE)
def transform(warehouse: Path, run_id: str) -> int:
    """Build staging.transform from staging.extract (and the seed tables it reads); return its row count."""
    seeds = {name: wh.seed(name) for name in SEEDS}
    with wh.connect(warehouse) as con:
        extracted = wh.frame(con, "select * from staging.extract")
        staged = transforms.transform(extracted, seeds["dim_metric"], seeds["dim_region"])
        con.begin()
        for name, frame in seeds.items():
            con.register(f"{name}_seed", frame.to_arrow())
            wh.build(con, "staging", name)
        con.register("transform_batch", staged.to_arrow())
        wh.build(con, "staging", "transform")
        con.commit()
    logger().info("transform: %d figures staged, %d with a canonical metric", staged.height,
                  staged["metric_id"].is_not_null().sum())
    return staged.height
