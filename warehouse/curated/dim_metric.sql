-- table: The canonical metrics of a regional economy (from warehouse/seeds/dim_metric.csv).
-- grain: one row per canonical metric
-- key: metric_id
-- references: parent_metric_id -> curated.dim_metric.metric_id
-- column metric_id: Canonical id.
-- column name: What it is, in full.
-- column unit_kind: money, count, percent, energy ...
-- column unit: Unit code of its levels.
-- column parent_metric_id: The metric it is a part of.
-- column max_gdp_ratio: How many times the region's reference GDP a level may plausibly reach.
-- column comparable: Whether two figures of it for one region and period measure the same thing.
-- column pattern: Regular expression that maps free-text metrics to it.
with seeded as (
    select * from staging.dim_metric
),

final as (
    select metric_id, name, unit_kind, unit, parent_metric_id, max_gdp_ratio, comparable, pattern from seeded
)

select * from final order by metric_id
