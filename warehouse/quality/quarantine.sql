-- table: Rows and files kept out of the curated tables, with the reason. Append-only log, one row per quarantined record per run.
-- grain: one row per record a run quarantined
-- column run_id: The run that quarantined the record.
-- column stage: Stage whose output held the record (fetch, ingest, extract, transform).
-- column suite: Expectation suite (or ingest check) that rejected it.
-- column expectation: The failed expectation.
-- column reason: Why, in plain language.
-- column record_kind: What the key names: file, page, feed, doc or figure.
-- column record_key: The file path, URL, document name or figure id.
-- column doc: Source document of the record, when known.
-- column record: The record itself as JSON.
-- column quarantined_at: When.
create table if not exists quality.quarantine (
    run_id          varchar   not null,
    stage           varchar   not null,
    suite           varchar   not null,
    expectation     varchar   not null,
    reason          varchar   not null,
    record_kind     varchar   not null,
    record_key      varchar   not null,
    doc             varchar,
    record          varchar,
    quarantined_at  timestamp not null
);
