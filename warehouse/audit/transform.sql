-- table: What the transform gate sees: this run's typed figures, the document text at their offsets, whether their links resolve, and what each consistency check within a document compares them with (CONFLICTING_SOURCES, across documents, runs at publish: audit/conflicts.sql) (with a plain-language reason).
-- grain: one row per figure of the chunk
-- key: figure_id
with figures as (
    -- the documents of this chunk of the batch, registered by the validate task
    select * from staging.transform where doc in (select doc from validate_chunk)
),

-- the document text at each figure's offsets, sliced by the validate task (warehouse.text_at_offsets)
source_texts as (
    select * from validate_source_text
),

document_facts as (
    select doc_sha256, reporting_year from raw.extract_log
    where extractor_version = getvariable('extractor_version')
),

metrics as (
    select * from staging.dim_metric
),

-- a region, its parent and its grandparent: where a reference magnitude may come from
ancestors as (
    select region, region as ancestor, 0 as depth from staging.dim_region
    union all
    select region, parent_region, 1 from staging.dim_region where parent_region is not null
    union all
    select child.region, parent.parent_region, 2
    from staging.dim_region child
    join staging.dim_region parent on parent.region = child.parent_region
    where parent.parent_region is not null
),

reference as (
    select figure_id, gdp_cny, ref_region, ref_year from (
        select
            figures.figure_id,
            ref.gdp_cny,
            ref.region as ref_region,
            ref.year as ref_year,
            row_number() over (
                partition by figures.figure_id
                order by ancestors.depth, abs(ref.year - coalesce(figures.year, 9999)), ref.year desc
            ) as pick
        from figures
        join ancestors on ancestors.region = figures.region
        join staging.region_reference ref on ref.region = ancestors.ancestor and ref.gdp_cny is not null
    )
    where pick = 1
),

-- the total (parent metric) reported in the same document for the same region and period
totals as (
    select
        part.figure_id,
        max(total.value) as total_value,
        arg_max(total.text, total.value) as total_text,
        arg_max(total.metric_id, total.value) as total_metric_id
    from figures part
    join metrics on metrics.metric_id = part.metric_id
    join figures total
        on total.doc = part.doc
        and total.metric_id = metrics.parent_metric_id
        and total.region = part.region
        and total.year is not distinct from part.year
        and total.period is not distinct from part.period
        and total.role = 'level' and not total.is_target
        and total.unit = part.unit
    where part.role = 'level' and not part.is_target
    group by part.figure_id
),

final as (
    select
        figures.*,
        source_texts.source_text,

        -- links resolve
        (figures.related_figure_id is null or related.figure_id is not null) as related_resolves,
        (figures.base_figure_id is null or base.figure_id is not null) as base_resolves,
        (figures.part_of_figure_id is null or whole.figure_id is not null) as part_of_resolves,
        (figures.metric_id is null or metrics.metric_id is not null) as metric_resolves,

        -- MAGNITUDE_IMPLAUSIBLE: against the region's reference GDP, for the share of the year the period covers
        case when figures.role = 'level' and not figures.is_target and figures.unit = metrics.unit
                  and metrics.max_gdp_ratio is not null
             then metrics.max_gdp_ratio * reference.gdp_cny * period_months(figures.period) / 12 end as magnitude_limit,
        format('{} is {}x the reference GDP of {} ({}, about {}{}); {} above {}x GDP is implausible',
               human_value(figures.value, figures.unit),
               round(figures.value / (reference.gdp_cny * period_months(figures.period) / 12), 1),
               reference.ref_region, reference.ref_year,
               human_value(reference.gdp_cny * period_months(figures.period) / 12, 'CNY'),
               case when figures.period is null then ' a year'
                    else format(' for {} months', period_months(figures.period)) end,
               lower(metrics.name), metrics.max_gdp_ratio) as magnitude_reason,

        -- GROWTH_MISMATCH: a stated growth against the two levels of its change ("to X from Y, up Z%")
        case when figures.role = 'growth' and figures.unit = 'percent' and not figures.is_target
                  and figures.per is null and related.role = 'level' and base.role = 'level'
                  and related.unit = base.unit and base.value > 0 and related.value > 0
             then round(100 * (related.value / base.value - 1), 2) end as growth_implied,
        100 * (related.value / base.value) * (related.rounding / related.value + base.rounding / base.value) + 0.1
            as growth_implied_rounding,
        format('{} stated, but {} from {} is {}{}%', figures.text, related.text, base.text,
               case when related.value >= base.value then 'up ' else 'down ' end,
               abs(round(100 * (related.value / base.value - 1), 1))) as growth_reason,

        -- PART_EXCEEDS_WHOLE
        case when whole.unit = figures.unit then whole.value end as whole_value,
        format('{} is written as a part of {} but is larger than it', figures.text, whole.text) as whole_reason,

        -- SHARE_MISMATCH: a share of a part whose whole is known
        case when figures.role = 'share' and figures.unit = 'percent' and related_whole.unit = related.unit
             then related.value end as share_part,
        case when figures.role = 'share' and figures.unit = 'percent' and related_whole.unit = related.unit
             then related_whole.value end as share_whole,
        greatest(figures.rounding, 0.05) + 0.05 as share_tolerance,
        format('{} stated, but {} of {} is {}%', figures.text, related.text, related_whole.text,
               round(100 * related.value / related_whole.value, 1)) as share_reason,

        -- a share of a goal ("completing 106 percent of its annual target") may pass 100%
        coalesce(figures.role = 'share' and regexp_matches(lower(figures.sentence),
            '(complet|fulfil|accomplish|of (its|the|their) (annual |yearly |full-year )?(target|plan|goal|task))'),
            false) as share_of_a_goal,

        -- COMPONENT_EXCEEDS_TOTAL
        totals.total_value,
        format('{} ({}) is larger than the {} reported in the same document ({})', figures.text, lower(metrics.name),
               lower(total_metrics.name), totals.total_text) as total_reason,

        -- DATED_AFTER_REPORT
        document_facts.reporting_year,
        format('reported for {} in a document that reports on {}', figures.year,
               document_facts.reporting_year) as dated_reason
    from figures
    left join source_texts using (doc, char_start, char_end)
    left join figures related on related.figure_id = figures.related_figure_id
    left join figures base on base.figure_id = figures.base_figure_id
    left join figures whole on whole.figure_id = figures.part_of_figure_id
    left join figures related_whole on related_whole.figure_id = related.part_of_figure_id
    left join metrics on metrics.metric_id = figures.metric_id
    left join reference on reference.figure_id = figures.figure_id
    left join totals on totals.figure_id = figures.figure_id
    left join metrics total_metrics on total_metrics.metric_id = totals.total_metric_id
    left join document_facts on document_facts.doc_sha256 = figures.doc_sha256
)

select * from final order by doc, char_start
