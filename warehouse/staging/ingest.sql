-- table: This run's batch of documents: the current version of every source file that could be read as text and that the warehouse does not hold yet as processed by this pipeline (new files, changed files, and all of them when the extractor, transform, gates or models changed).
-- grain: one row per document of the batch
-- key: doc
-- column doc: Path of the source file relative to the sources folder (its file name for top-level files).
-- column sha256: SHA-256 of the file's bytes.
-- column path: Absolute path the file was read from.
-- column size_bytes: Size of the file in bytes.
-- column media_type: text/plain, text/markdown, text/html or application/pdf (its text layer, pages separated by form feeds).
-- column title: Title of the document.
-- column text: The decoded text; figure offsets refer to it.
-- column ingested_at: When this version was first read.
with listing as (
    -- the (doc, sha256) of every readable document in the folder, registered by the ingest task
    select doc, sha256 from ingest_listing
),

latest as (
    select * from raw.processed
    qualify row_number() over (partition by doc order by processed_at desc, outcome = 'retired') = 1
),

processed as (
    -- versions already published or quarantined by this pipeline
    select doc, sha256 from latest
    where outcome <> 'retired' and pipeline_version = getvariable('pipeline_version')
),

batch as (
    select * from listing anti join processed using (doc, sha256)
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
    from documents
    semi join batch using (doc, sha256)  -- the batch's keys are the hash table, not the texts
)

select * from final
