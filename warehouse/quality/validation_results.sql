-- table: Every expectation evaluated by every run's quality gates.
-- grain: one row per expectation evaluated by a run
-- column run_id: The run.
-- column stage: Stage whose staged output was validated (ingest, extract, transform).
-- column suite: Great Expectations suite name (the stage name).
-- column expectation: Expectation type and its column(s).
-- column severity: batch (a failure blocks the publish), row (failing rows are quarantined, the rest publishes) or warn (failing rows publish with a quality flag).
-- column success: Whether the expectation held for the batch.
-- column result: passed, or what its failure did: failed (blocked the publish), quarantined (took rows out) or flagged (kept rows with a flag).
-- column element_count: Rows validated.
-- column unexpected_count: Rows that failed it.
-- column unexpected_percent: Share of rows that failed it, in percent.
-- column sample_values: Up to 20 offending values, as JSON.
-- column validated_at: When.
create table if not exists quality.validation_results (
    run_id              varchar   not null,
    stage               varchar   not null,
    suite               varchar   not null,
    expectation         varchar   not null,
    severity            varchar   not null,
    success             boolean   not null,
    result              varchar,
    element_count       bigint,
    unexpected_count    bigint,
    unexpected_percent  double,
    sample_values       varchar,
    validated_at        timestamp not null
);
