-- table: The whole-warehouse consistency check CONFLICTING_SOURCES, run at publish over the curated figures (old and new documents alike): each published level figure of a comparable indicator that another document reports with a value beyond both roundings, against the farthest such value. Linear in the figures: only the two highest and the two lowest values of each indicator (from different documents) can be a figure's farthest.
-- grain: one row per conflicting figure
-- key: figure_id
with metrics as (
    select metric_id, unit from curated.dim_metric where comparable
),

levels as (
    select figures.figure_id, figures.doc, figures.value, figures.rounding, figures.text, figures.unit,
           figures.metric_id, figures.region, figures.year, coalesce(figures.period, '') as period_key
    from curated.figures
    join metrics on metrics.metric_id = figures.metric_id and metrics.unit = figures.unit
    where figures.role = 'level' and not figures.is_target and figures.year is not null
),

-- per indicator and document: its highest and its lowest figure
per_doc as (
    select metric_id, region, year, period_key, unit, doc,
           max(value) as hi, arg_max(figure_id, value) as hi_id,
           min(value) as lo, arg_min(figure_id, value) as lo_id
    from levels
    group by metric_id, region, year, period_key, unit, doc
),

ranked as (
    select *,
           row_number() over (partition by metric_id, region, year, period_key, unit order by hi desc, doc) as hi_rank,
           row_number() over (partition by metric_id, region, year, period_key, unit order by lo asc, doc) as lo_rank
    from per_doc
),

-- per indicator: the documents of its two highest and two lowest values
extremes as (
    select metric_id, region, year, period_key, unit,
           any_value(doc) filter (where hi_rank = 1) as hi1_doc,
           any_value(hi_id) filter (where hi_rank = 1) as hi1_id,
           any_value(hi_id) filter (where hi_rank = 2) as hi2_id,
           any_value(doc) filter (where lo_rank = 1) as lo1_doc,
           any_value(lo_id) filter (where lo_rank = 1) as lo1_id,
           any_value(lo_id) filter (where lo_rank = 2) as lo2_id
    from ranked
    where hi_rank <= 2 or lo_rank <= 2
    group by metric_id, region, year, period_key, unit
),

-- for each figure: the highest and the lowest value of the other documents
candidates as (
    select levels.*,
           case when levels.doc = extremes.hi1_doc then extremes.hi2_id else extremes.hi1_id end as hi_other_id,
           case when levels.doc = extremes.lo1_doc then extremes.lo2_id else extremes.lo1_id end as lo_other_id
    from levels
    join extremes using (metric_id, region, year, period_key, unit)
),

farthest as (
    select candidates.*,
           case when abs(hi.value - candidates.value) >= abs(lo.value - candidates.value) then hi.figure_id
                else lo.figure_id end as other_id
    from candidates
    join levels hi on hi.figure_id = candidates.hi_other_id
    join levels lo on lo.figure_id = candidates.lo_other_id
),

final as (
    select
        farthest.figure_id,
        'CONFLICTING_SOURCES' as code,
        format('{} here, but {} in {} ("{}")', human_value(farthest.value, farthest.unit),
               human_value(other.value, farthest.unit), other.doc, other.text) as reason
    from farthest
    join levels other on other.figure_id = farthest.other_id
    where abs(farthest.value - other.value) > abs(farthest.rounding) + abs(other.rounding) + 1e-9 * abs(farthest.value)
)

select * from final order by figure_id
