-- table: One row per pipeline run: what it read, what it published, and how it ended.
-- grain: one row per run
-- key: run_id
-- column run_id: The run (the Prefect flow run id when run under Prefect).
-- column started_at: When it started.
-- column finished_at: When it ended.
-- column status: running, published, unchanged (nothing new: no table changed, no snapshot written), blocked (a gate failed) or failed (an error).
-- column sources: What the run read: its folders, and how many feeds and pages.
-- column documents: Readable documents of its sources (files and pages).
-- column documents_new: Documents (versions) not seen before.
-- column files_quarantined: Files rejected at ingest.
-- column figures_staged: Figures staged by transform.
-- column figures_published: Figures in curated.figures after the run (null when not published).
-- column rows_quarantined: Records quarantined by the gates.
-- column message: Why a blocked or failed run stopped.
-- column report: Where the quality report of the run is.
-- column batch_documents: Documents this run processed (new and changed ones; all of them after a change of the pipeline).
-- column stage_seconds: Seconds per stage, as JSON ({"ingest": 1.2, "extract": 9.8, ...}).
-- column stage_peak_mb: The run's peak memory (maximum resident set of its own process, MB) at the end of each stage, as JSON.
create table if not exists quality.runs (
    run_id             varchar   primary key,
    started_at         timestamp not null,
    finished_at        timestamp,
    status             varchar   not null,
    sources            varchar,
    documents          integer,
    documents_new      integer,
    files_quarantined  integer,
    figures_staged     integer,
    figures_published  integer,
    rows_quarantined   integer,
    message            varchar,
    report             varchar,
    batch_documents    integer,
    stage_seconds      varchar,
    stage_peak_mb      varchar
);
