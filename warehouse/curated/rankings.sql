-- table: Ranks reported in the documents ("ranking fifth in the province"), one row per rank figure: the rank, where it was ranked and what was ranked.
-- grain: one row per rank figure
-- key: figure_id
-- references: figure_id -> curated.figures.figure_id, ranked_figure_id -> curated.figures.figure_id, region -> curated.dim_region.region
-- column figure_id: The rank figure (curated.figures).
-- column doc: Its document.
-- column region: The ranked region.
-- column year: Year, when said.
-- column period: Period, when said.
-- column rank: The rank (1 = first).
-- column approx: exact, or under for "top N" / "among the top N".
-- column scope: Where it was ranked: province, nation, city, county, world, or null when unsaid.
-- column ranked: What was ranked: the metric of the figure it ranks, else its own metric.
-- column ranked_figure_id: The figure it ranks (for "growth of 9.3%, ranking fifth": the 9.3%).
-- column ranked_metric_id: Canonical metric of what was ranked.
-- column is_target: A ranking aimed for rather than reached.
-- column sentence: Its sentence.
with figures as (
    select * from curated.figures
),

ranks as (
    select * from figures where unit = 'rank'
),

final as (
    select
        ranks.figure_id,
        ranks.doc,
        ranks.region,
        ranks.year,
        ranks.period,
        cast(ranks.value as integer) as rank,
        ranks.approx,
        ranks.scope,
        coalesce(nullif(ranked.metric, ''), nullif(ranks.metric, ''), 'rank') as ranked,
        ranks.related_figure_id as ranked_figure_id,
        coalesce(ranked.metric_id, ranks.metric_id) as ranked_metric_id,
        ranks.is_target,
        ranks.sentence
    from ranks
    left join figures ranked on ranked.figure_id = ranks.related_figure_id
)

select * from final order by doc, figure_id
