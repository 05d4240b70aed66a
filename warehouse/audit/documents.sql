-- table: What the documents gate sees: the documents the warehouse holds after this run. Per document of the batch, its figures and how many of them the row gates quarantined (and why); the warehouse's other documents (published before, neither changed nor retired) as they were published, with nothing quarantined.
-- grain: one row per document
-- key: doc
with batch as (
    select doc from staging.ingest
),

figures as (
    select doc, figure_id from staging.extract
),

quarantined as (
    select record_key as figure_id, min(reason) as reason
    from validate_batch  -- the row verdicts the validate task registers
    where action = 'quarantine' and record_kind = 'figure'
    group by record_key
),

batch_documents as (
    select
        batch.doc,
        count(figures.figure_id) as figures,
        count(quarantined.figure_id) as quarantined,
        case when count(figures.figure_id) = 0 then 0.0
             else count(quarantined.figure_id) / count(figures.figure_id) end as quarantined_share,
        string_agg(distinct quarantined.reason, '; ' order by quarantined.reason) as reasons
    from batch
    left join figures using (doc)
    left join quarantined using (figure_id)
    group by batch.doc
),

published_documents as (
    -- registered by the validate task: curated.documents outside the batch and not retired
    select doc, figure_count as figures, 0 as quarantined, 0.0 as quarantined_share, null as reasons
    from validate_published
),

final as (
    select * from batch_documents
    union all
    select * from published_documents
)

select * from final order by doc
