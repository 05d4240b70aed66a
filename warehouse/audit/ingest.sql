-- table: What the ingest gate sees: this run's documents.
-- grain: one row per document of the chunk
-- key: doc
with documents as (
    -- the documents of this chunk of the batch, registered by the validate task
    select * from staging.ingest where doc in (select doc from validate_chunk)
),

final as (
    select doc, sha256, path, size_bytes, media_type, title, text, length(text) as text_length, url,
           -- a web page's provenance: where and when it was fetched (null for a file)
           case when url is not null then fetched_at is not null end as fetched
    from documents
)

select * from final order by doc
