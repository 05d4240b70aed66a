-- table: One row per canonical metric x region x year x period reported (not planned) in the documents: the time series analysts query. The same figure reported by two articles is one indicator with two sources.
-- grain: one row per canonical metric, region, year and period
-- key: indicator_id
-- references: metric_id -> curated.dim_metric.metric_id, region -> curated.dim_region.region
-- column indicator_id: "<metric_id>|<region>|<year>|<period or Y>".
-- column metric_id: Canonical metric (curated.dim_metric); only metrics whose figures are comparable across documents.
-- column metric: The metric's name.
-- column region: Region (curated.dim_region).
-- column year: Year.
-- column period: H1, Q1, M01-M11 ... or null for the whole year.
-- column value: The value in the metric's unit: the one most sources report (exact figures before "more than" or "about" ones, then the most precisely written); null when only a growth rate is reported.
-- column approx: exact, over, under or about: how the chosen value is written.
-- column unit: Unit of value.
-- column yoy_growth: Year-on-year growth in percent, when reported (the median when sources differ).
-- column sources: Number of documents reporting the value or its growth.
-- column documents: Those documents.
-- column figure_ids: The figures behind the indicator (curated.figures).
-- column conflict: True when two documents report values that differ beyond their rounding.
-- column flags: Quality flags of its figures.
with figures as (
    select *, coalesce(period, '') as period_key from curated.figures
    where not is_target and metric_id is not null and year is not null
),

metrics as (
    select * from curated.dim_metric where comparable
),

levels as (
    select figures.* from figures
    join metrics on metrics.metric_id = figures.metric_id and metrics.unit = figures.unit
    where figures.role = 'level'
),

growths as (
    select figures.* from figures
    join metrics on metrics.metric_id = figures.metric_id
    where figures.role = 'growth' and figures.unit = 'percent'
),

reports as (
    select * from levels
    union all
    select * from growths
),

keys as (
    select
        metric_id, region, year, period_key,
        count(distinct doc) as sources,
        list_sort(list_distinct(list(doc))) as documents,
        list_sort(list(figure_id)) as figure_ids,
        list_sort(list_distinct(flatten(list(quality_flags)))) as flags
    from reports
    group by metric_id, region, year, period_key
),

votes as (
    select metric_id, region, year, period_key, value, unit,
           count(distinct doc) as votes, min(rounding) as rounding,
           bool_or(approx = 'exact') as exact, min(approx) as approx
    from levels
    group by metric_id, region, year, period_key, value, unit
),

chosen as (
    select * from (
        select *, row_number() over (partition by metric_id, region, year, period_key
                                     order by exact desc, votes desc, rounding asc, value) as pick
        from votes
    )
    where pick = 1
),

conflicts as (
    select a.metric_id, a.region, a.year, a.period_key,
           bool_or(abs(a.value - b.value) > a.rounding + b.rounding + 1e-9 * abs(a.value)) as conflict
    from levels a
    join levels b
        on b.metric_id = a.metric_id and b.region = a.region and b.year = a.year
        and b.period_key = a.period_key and b.doc <> a.doc
    group by a.metric_id, a.region, a.year, a.period_key
),

growth_rates as (
    select metric_id, region, year, period_key, median(value) as yoy_growth
    from growths
    group by metric_id, region, year, period_key
),

final as (
    select
        keys.metric_id || '|' || keys.region || '|' || keys.year || '|' || coalesce(nullif(keys.period_key, ''), 'Y')
            as indicator_id,
        keys.metric_id,
        metrics.name as metric,
        keys.region,
        keys.year,
        nullif(keys.period_key, '') as period,
        chosen.value,
        case when chosen.exact then 'exact' else chosen.approx end as approx,
        coalesce(chosen.unit, metrics.unit) as unit,
        growth_rates.yoy_growth,
        keys.sources,
        keys.documents,
        keys.figure_ids,
        coalesce(conflicts.conflict, false) as conflict,
        keys.flags
    from keys
    join metrics using (metric_id)
    left join chosen using (metric_id, region, year, period_key)
    left join growth_rates using (metric_id, region, year, period_key)
    left join conflicts using (metric_id, region, year, period_key)
)

select * from final order by metric_id, region, year, period
