-- table: This run's batch of documents: the current version of every source file or web page that could be read as text and that the warehouse does not hold yet as processed by this pipeline (new files, changed files, files whose region hint changed, and all of them when the extractor, transform, gates or models changed).
-- grain: one row per document of the batch
-- key: doc
-- column doc: Path of the source file relative to its folder, or the URL of a web page.
-- column sha256: SHA-256 of the file's bytes.
-- column path: Absolute path the file was read from, or the URL a page came from.
-- column size_bytes: Size of the file in bytes.
-- column media_type: text/plain, text/markdown, text/html or application/pdf (its text layer, pages separated by form feeds).
-- column title: Title of the document.
-- column text: The decoded text; figure offsets refer to it.
-- column ingested_at: When this version was first read.
-- column url: For a web page: the URL its bytes came from; null for a file.
-- column fetched_at: For a web page: when this version was downloaded (UTC).
-- column encoding: The encoding its bytes were read in (UTF-8, UTF-16, UTF-32, GBK, GB18030, Big5 ...; the server's or the page's declared charset, or the one detected); null for a PDF's text layer.
-- column region_hint: The region its source gives in sources.toml now, if any (a changed hint puts the document in the batch).
with listing as (
    -- the (doc, sha256) of every readable document of the sources, and its source's region hint now,
    -- registered by the ingest task
    select doc, sha256, region_hint from ingest_listing
),

latest as (
    select * from raw.processed
    qualify row_number() over (partition by doc order by processed_at desc, outcome = 'retired') = 1
),

processed as (
    -- versions already published or quarantined by this pipeline (with the region hint they had)
    select doc, sha256, region_hint from latest
    where outcome <> 'retired' and pipeline_version = getvariable('pipeline_version')
),

batch as (
    select * from listing
    anti join processed
        on processed.doc = listing.doc and processed.sha256 = listing.sha256
       and processed.region_hint is not distinct from listing.region_hint
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
        documents.ingested_at,
        documents.url,
        documents.fetched_at,
        documents.encoding,
        batch.region_hint
    from documents
    join batch using (doc, sha256)  -- the batch's keys are the hash table, not the texts
)

select * from final
