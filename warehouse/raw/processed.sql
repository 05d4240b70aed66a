-- table: One row per document version a published run took through the gates: published, quarantined (every figure kept out) or retired (its file left the folder). The latest row of a document is the warehouse's state of it: a version already processed by the same pipeline is not processed again. Written in the publish transaction. Append-only.
-- grain: one row per document and publishing run
-- key: doc, run_id
-- column doc: The document (path relative to the sources folder).
-- column sha256: The version (null for a retired document).
-- column pipeline_version: The extractor, transform, gates and models that processed it (flows.pipeline_version()); a change re-processes every document.
-- column outcome: published, quarantined or retired.
-- column run_id: The run.
-- column processed_at: When the run published.
-- column region_hint: The region hint its source had (sources.toml), if any.
create table if not exists raw.processed (
    doc               varchar   not null,
    sha256            varchar,
    pipeline_version  varchar   not null,
    outcome           varchar   not null,
    run_id            varchar   not null,
    processed_at      timestamp not null,
    region_hint       varchar
);
