-- table: The source documents behind curated.figures, one row per document, with the text the figure offsets refer to.
-- column doc: Document name: the source file's path relative to the sources folder.
-- column title: Title (HTML title or first heading-like line).
-- column sha256: SHA-256 of the file's bytes.
-- column text: The decoded text (UTF-8, newlines as \n, HTML reduced to visible text); figure offsets refer to it.
-- column path: Where the file was read from.
-- column size_bytes: File size in bytes.
-- column media_type: text/plain, text/markdown or text/html.
-- column ingested_at: When this version of the document was first read.
-- column figure_count: Figures of this document in curated.figures.
with documents as (
    select * from staging.ingest
),

quarantined_documents as (
    select record_key as doc from staging.validate where record_kind = 'doc'
),

figure_counts as (
    select doc, count(*) as figure_count from curated.figures group by doc
),

final as (
    select
        documents.doc,
        documents.title,
        documents.sha256,
        documents.text,
        documents.path,
        documents.size_bytes,
        documents.media_type,
        documents.ingested_at,
        coalesce(figure_counts.figure_count, 0) as figure_count
    from documents
    anti join quarantined_documents using (doc)
    left join figure_counts using (doc)
)

select * from final order by doc
