-- table: This run's documents: the current version of every source file that could be read as text.
-- column doc: Path of the source file relative to the sources folder (its file name for top-level files).
-- column sha256: SHA-256 of the file's bytes.
-- column path: Absolute path the file was read from.
-- column size_bytes: Size of the file in bytes.
-- column media_type: text/plain, text/markdown or text/html.
-- column title: Title of the document.
-- column text: The decoded text; figure offsets refer to it.
-- column ingested_at: When this version was first read.
with batch as (
    -- the (doc, sha256) pairs read by this run, registered by the ingest task
    select doc, sha256 from ingest_batch
),

documents as (
    select * from raw.ingest
),

final as (
    select
        documents.doc,
        documents.sha256,
        documents.path,
        documents.size_bytes,
        documents.media_type,
        documents.title,
        documents.text,
        documents.ingested_at
    from batch
    join documents
        on documents.doc = batch.doc
        and documents.sha256 = batch.sha256
)

select * from final order by doc
