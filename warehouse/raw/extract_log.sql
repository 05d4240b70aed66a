-- table: One row per document version the extractor has read (also when it found no figures): what makes extraction incremental.
-- grain: one row per document version and extractor version
-- key: doc_sha256, extractor_version
-- column doc_sha256: SHA-256 of the document version.
-- column extractor_version: Version of the extractor.
-- column figures: Number of figures found.
-- column chars: Length of the text in characters.
-- column seconds: Time the extraction took.
-- column extracted_at: When it ran.
-- column run_id: The run that extracted it.
-- column published_on: Publication date the text gives ("Updated: Apr 25, 2024"), if any.
-- column main_region: The place the document is about.
-- column reporting_year: The year the document reports on (its title year, dominant year or publication year), if clear.
-- column worker: Where it was extracted: host:process id (the run's own process, a worker process or a Dask worker).
-- column names_a_place: Whether the text names a place of the gazetteer; when it names none, its figures are the home city's by default, or its source's region hint's (staging.extract).
create table if not exists raw.extract_log (
    doc_sha256         varchar   not null,
    extractor_version  varchar   not null,
    figures            integer   not null,
    chars              bigint    not null,
    seconds            double    not null,
    extracted_at       timestamp not null,
    run_id             varchar   not null,
    published_on       date,
    main_region        varchar,
    reporting_year     integer,
    worker             varchar,
    names_a_place      boolean,
    primary key (doc_sha256, extractor_version)
);
