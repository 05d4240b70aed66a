-- table: Plans, goals, targets and forecasts found in the documents, one row per target figure, with its horizon.
-- grain: one row per target figure
-- key: figure_id
-- references: figure_id -> curated.figures.figure_id, metric_id -> curated.dim_metric.metric_id, region -> curated.dim_region.region
-- column figure_id: The target figure (curated.figures).
-- column doc: Its document.
-- column region: Region it is set for.
-- column metric: What it targets, as written.
-- column metric_id: Canonical metric, when mapped.
-- column value: Target value in base units.
-- column unit: Unit.
-- column approx: exact, over ("more than"), under, about.
-- column role: level (a value to reach), growth (a rate of growth), share, rank ...
-- column horizon_year: The year it is set for, when the text says ("by 2027").
-- column period: Period within that year, when said.
-- column text: As written.
-- column sentence: Its sentence.
-- column quality_flags: Quality flags of the figure.
with figures as (
    select * from curated.figures where is_target
),

final as (
    select
        figure_id, doc, region, metric, metric_id, value, unit, approx, role,
        year as horizon_year, period, text, sentence, quality_flags
    from figures
)

select * from final order by doc, figure_id
