-- table: What the documents gate sees: per document of the batch, its figures and how many of them the row gates quarantined (and why).
with figures as (
    select doc, figure_id from staging.extract
),

quarantined as (
    select record_key as figure_id, min(reason) as reason
    from validate_batch  -- the row verdicts the validate task registers
    where action = 'quarantine' and record_kind = 'figure'
    group by record_key
),

final as (
    select
        figures.doc,
        count(*) as figures,
        count(quarantined.figure_id) as quarantined,
        count(quarantined.figure_id) / count(*) as quarantined_share,
        string_agg(distinct quarantined.reason, '; ' order by quarantined.reason) as reasons
    from figures
    left join quarantined using (figure_id)
    group by figures.doc
)

select * from final order by doc
