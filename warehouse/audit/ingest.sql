-- table: What the ingest gate sees: this run's documents.
-- grain: one row per document of the chunk
-- key: doc
with documents as (
    -- the documents of this chunk of the batch, registered by the validate task
    select * from staging.ingest where doc in (select doc from validate_chunk)
),

final as (
    select doc, sha256, path, size_bytes, media_type, title, text, length(text) as text_length
    from documents
)

select * from final order by doc
