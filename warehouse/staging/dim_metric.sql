-- table: The canonical metrics of a regional economy (from warehouse/seeds/dim_metric.csv), as this run used them.
-- grain: one row per canonical metric
-- key: metric_id
-- column metric_id: Canonical id.
-- column name: What it is, in full.
-- column unit_kind: money, count, percent, energy ...
-- column unit: Unit code of its levels.
-- column parent_metric_id: The metric it is a part of.
-- column max_gdp_ratio: How many times the region's reference GDP a level may plausibly reach.
-- column comparable: Whether two figures of it for one region and period measure the same thing.
-- column pattern: Regular expression that maps free-text metrics to it.
with seed as (
    select * from dim_metric_seed
),

final as (
    select metric_id, name, unit_kind, unit, parent_metric_id, max_gdp_ratio, comparable, pattern from seed
)

select * from final
