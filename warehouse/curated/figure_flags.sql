-- table: One row per quality flag of a published figure: which consistency check it fails and why, in plain language.
-- grain: one row per figure and flag code
-- key: figure_id, code
-- references: figure_id -> curated.figures.figure_id, code -> curated.dim_flag.code, doc -> curated.documents.doc
-- incremental: doc
-- column figure_id: The flagged figure (curated.figures).
-- column code: Flag code (curated.dim_flag).
-- column severity: warning: the figure stays published.
-- column reason: Why, with the values compared.
-- column doc: The figure's document.
-- column text: The figure as written.
with verdicts as (
    -- the batch's flags, and the whole-warehouse ones (CONFLICTING_SOURCES) the publish task computes
    select record_key, code, reason from staging.validate where action = 'flag'
    union all
    select figure_id, code, reason from publish_warehouse_flags
),

figures as (
    select figure_id, doc, text from curated.figures
),

codes as (
    select code, severity from curated.dim_flag
),

final as (
    select
        figures.figure_id,
        verdicts.code,
        coalesce(codes.severity, 'warning') as severity,
        verdicts.reason,
        figures.doc,
        figures.text
    from verdicts
    join figures on figures.figure_id = verdicts.record_key
    left join codes on codes.code = verdicts.code
)

select distinct * from final order by figure_id, code
