-- table: Every quality flag every run raised: figures that stayed published but contradict a consistency check. Append-only log.
-- grain: one row per flag a run raised
-- column run_id: The run.
-- column figure_id: The flagged figure.
-- column doc: Its document.
-- column code: Flag code (curated.dim_flag).
-- column reason: Why, with the values compared.
-- column flagged_at: When.
create table if not exists quality.flags (
    run_id      varchar   not null,
    figure_id   varchar   not null,
    doc         varchar,
    code        varchar   not null,
    reason      varchar   not null,
    flagged_at  timestamp not null
);
