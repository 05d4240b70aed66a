-- table: Every distinct version of every source document ever read, one row per (doc, sha256). Append-only.
-- grain: one row per document version
-- key: doc, sha256
-- column doc: Path of the source file relative to the sources folder (its file name for top-level files).
-- column sha256: SHA-256 of the file's bytes as read.
-- column path: Absolute path the file was read from.
-- column size_bytes: Size of the file in bytes.
-- column media_type: text/plain, text/markdown, text/html or application/pdf (its text layer, pages separated by form feeds).
-- column title: Title of the document (HTML title or first heading-like line).
-- column text: The decoded text (UTF-8, newlines normalised to \n; HTML reduced to its visible text). Offsets refer to this text.
-- column ingested_at: When this version was first read.
-- column run_id: The run that first read this version.
create table if not exists raw.ingest (
    doc          varchar   not null,
    sha256       varchar   not null,
    path         varchar   not null,
    size_bytes   bigint    not null,
    media_type   varchar   not null,
    title        varchar,
    text         varchar   not null,
    ingested_at  timestamp not null,
    run_id       varchar   not null,
    primary key (doc, sha256)
);
