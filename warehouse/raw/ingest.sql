-- table: Every distinct version of every source document ever read, one row per (doc, sha256). Append-only.
-- grain: one row per document version
-- key: doc, sha256
-- column doc: Path of the source file relative to its folder (prefixed by the folder's name in sources.toml, when it has one), or the URL of a web page as asked for.
-- column sha256: SHA-256 of the file's bytes as read (a page's bytes as downloaded).
-- column path: Absolute path the file was read from, or the URL a page came from (after redirects).
-- column size_bytes: Size of the file in bytes.
-- column media_type: text/plain, text/markdown, text/html or application/pdf (its text layer, pages separated by form feeds).
-- column title: Title of the document (a page's headline, an HTML title or the first heading-like line).
-- column text: The decoded text (UTF-8, newlines normalised to \n; an HTML page reduced to its article: headline, a "Published:" line when the page gives its date, paragraphs). Offsets refer to this text.
-- column ingested_at: When this version was first read.
-- column run_id: The run that first read this version.
-- column url: For a web page: the URL its bytes came from (after redirects); null for a file.
-- column fetched_at: For a web page: when this version was downloaded (UTC).
-- column encoding: The encoding its bytes were read in (UTF-8, UTF-16, UTF-32, GBK, GB18030, Big5 ...; the server's or the page's declared charset, or the one detected); null for a PDF's text layer.
-- column region_hint: The region its source gives in sources.toml, if any (the region of its figures when the text names no place).
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
    url          varchar,
    fetched_at   timestamp,
    region_hint  varchar,
    encoding     varchar,
    primary key (doc, sha256)
);
