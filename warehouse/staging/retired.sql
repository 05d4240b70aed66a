-- table: This run's retired documents: processed by an earlier run (published or quarantined) and no longer a readable file of the sources folders, in a run that read folders. Web pages are never retired (a feed drops its old articles; a page that fails is quarantined, its figures stay). Their figures leave the curated tables at this run's publish; their versions stay in raw.
-- grain: one row per document to retire
-- key: doc
-- column doc: The document.
-- column sha256: The version processed last.
-- column reason: Why it is retired.
with listing as (
    select doc from ingest_listing
),

unreadable as (
    -- files of the folder quarantined by this run's ingest, registered by the ingest task
    select doc, reason from ingest_rejected
),

latest as (
    select * from raw.processed
    qualify row_number() over (partition by doc order by processed_at desc, outcome = 'retired') = 1
),

pages as (
    select distinct doc from raw.ingest where url is not null
),

gone as (
    select doc, sha256 from latest
    anti join listing using (doc)
    anti join pages using (doc)
    where outcome <> 'retired' and getvariable('ingest_read_folders')
),

final as (
    select
        gone.doc,
        gone.sha256,
        coalesce('the source file can no longer be read: ' || unreadable.reason,
                 'the source file is no longer in the sources folder') as reason
    from gone
    left join unreadable using (doc)
)

select * from final order by doc
