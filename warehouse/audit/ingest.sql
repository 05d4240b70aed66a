-- table: What the ingest gate sees: this run's documents.
with documents as (
    select * from staging.ingest
),

final as (
    select doc, sha256, path, size_bytes, media_type, title, text, length(text) as text_length
    from documents
)

select * from final order by doc
