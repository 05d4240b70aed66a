-- table: Every answer to a fetch of a news feed or a web page (lishui run --feed, --url, sources.toml): what was asked, what the server said, and the problem when it failed. Append-only; the last download of a URL gives the validators (ETag, Last-Modified) of its next, conditional request.
-- grain: one row per URL and run
-- key: run_id, url
-- column run_id: The run that fetched it.
-- column url: The URL asked for (a page's URL is its document's name).
-- column kind: feed or page.
-- column final_url: Where the answer came from, after redirects.
-- column status: HTTP status of the answer: 200, or 304 when the page had not changed; null when there was no answer (see problem).
-- column etag: The answer's ETag header, sent back as If-None-Match next time.
-- column last_modified: The answer's Last-Modified header, sent back as If-Modified-Since next time.
-- column media_type: The media type of the answer's Content-Type header.
-- column charset: The charset of the answer's Content-Type header, if any.
-- column size_bytes: Bytes downloaded (null for a 304 or a failure).
-- column sha256: SHA-256 of the bytes downloaded (the document version's sha256 in raw.ingest).
-- column links: For a feed: the article links it gave, in feed order.
-- column problem: Why the feed or page could not be fetched or read (HTTP status, timeout, robots.txt, size), else null.
-- column fetched_at: When the answer arrived (UTC).
create table if not exists raw.fetch (
    run_id         varchar   not null,
    url            varchar   not null,
    kind           varchar   not null,
    final_url      varchar,
    status         integer,
    etag           varchar,
    last_modified  varchar,
    media_type     varchar,
    charset        varchar,
    size_bytes     bigint,
    sha256         varchar,
    links          varchar[],
    problem        varchar,
    fetched_at     timestamp not null
);
