-- table: The source documents behind curated.figures, one row per document, with the text the figure offsets refer to.
-- grain: one row per published document
-- key: doc
-- references: main_region -> curated.dim_region.region
-- incremental: doc
-- column doc: Document name: the source file's path relative to its folder, or a web page's URL.
-- column title: Title (a page's headline, an HTML title or the first heading-like line).
-- column published_on: Publication date the text gives ("Updated: Apr 25, 2024"), if any.
-- column main_region: The place the document is mostly about (curated.dim_region); for a text that names no place, its source's region hint when it has one.
-- column reporting_year: The year the document reports on (its title year, its dominant year or its publication year), when clear.
-- column figure_count: Figures of this document in curated.figures.
-- column flagged_figure_count: Of these, figures with quality flags.
-- column sha256: SHA-256 of the file's bytes.
-- column text: The decoded text (UTF-8, newlines as \n, an HTML page reduced to its article); figure offsets refer to it.
-- column path: Where the file was read from, or the URL a page came from.
-- column size_bytes: File size in bytes.
-- column media_type: text/plain, text/markdown, text/html or application/pdf (its text layer, pages separated by form feeds).
-- column ingested_at: When this version of the document was first read.
-- column url: For a web page: the URL it was fetched from (after redirects); null for a file.
-- column fetched_at: For a web page: when this version was downloaded (UTC).
-- column encoding: The encoding its bytes were read in (UTF-8, UTF-16, UTF-32, GBK, GB18030, Big5 ...; the server's or the page's declared charset, or the one detected); null for a PDF's text layer.
-- column region_hint: The region its source gives in sources.toml, if any: the region of its figures when the text names no place.
with documents as (
    select * from staging.ingest
),

quarantined_documents as (
    select record_key as doc from staging.validate where record_kind = 'doc' and action = 'quarantine'
),

facts as (
    select doc_sha256 as sha256, published_on, main_region, reporting_year, names_a_place
    from raw.extract_log
    where extractor_version = getvariable('extractor_version')
),

figure_counts as (
    select doc, count(*) as figure_count, count(*) filter (where len(quality_flags) > 0) as flagged_figure_count
    from curated.figures
    group by doc
),

final as (
    select
        documents.doc,
        documents.title,
        facts.published_on,
        case when not facts.names_a_place and documents.region_hint is not null then documents.region_hint
             else facts.main_region end as main_region,
        facts.reporting_year,
        coalesce(figure_counts.figure_count, 0) as figure_count,
        coalesce(figure_counts.flagged_figure_count, 0) as flagged_figure_count,
        documents.sha256,
        documents.text,
        documents.path,
        documents.size_bytes,
        documents.media_type,
        documents.ingested_at,
        documents.url,
        documents.fetched_at,
        documents.encoding,
        documents.region_hint
    from documents
    anti join quarantined_documents using (doc)
    left join facts using (sha256)
    left join figure_counts using (doc)
)

select * from final
