-- table: Documents whose figures were retired from the curated tables: the source file disappeared (or can no longer be read). Their versions stay in raw.ingest and their figures in raw.extract. Append-only.
-- grain: one row per document and retiring run
-- key: doc, run_id
-- column doc: The document (path relative to the sources folder).
-- column sha256: The version that was published last.
-- column reason: Why it was retired.
-- column retired_at: When.
-- column run_id: The run that retired it.
create table if not exists raw.retired (
    doc         varchar   not null,
    sha256      varchar   not null,
    reason      varchar   not null,
    retired_at  timestamp not null,
    run_id      varchar   not null
);
