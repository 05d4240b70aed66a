-- table: Figures as the extractor read them, per document content (sha256) and extractor version. Append-only cache: a document whose content and extractor are unchanged is never extracted again.
-- grain: one row per figure of a document version read by an extractor version
-- key: doc_sha256, extractor_version, seq
-- column doc_sha256: SHA-256 of the document version the figure was read from.
-- column extractor_version: Version of the extractor that read it.
-- column seq: Position of the figure in its document (0-based).
-- column char_start: 0-based offset of the figure's first character in the document text.
-- column char_end: Offset one past the figure's last character.
-- column text: The figure as written.
-- column sentence: The sentence the figure sits in.
-- column number: The number as written (signed), before its scale word.
-- column scale_word: Scale word after the number (billion, million, 10,000 ...), if any.
-- column unit_word: Unit word or currency sign as written (yuan, %, percentage points, $ ...), if any.
-- column unit_hint: The unit the extractor read from context (count, rank, multiple, CNY for "10 billion mark" ...).
-- column counted: For counts: the counted noun, singular.
-- column per: For rates: the denominator.
-- column approx: exact, over, under or about.
-- column role: level, growth, difference, benchmark, share or rank.
-- column is_target: True for plans, goals and forecasts.
-- column year: Reference year, when the text gives it.
-- column period: H1, H2, Q1..Q4, Mnn or Mnn-Mnn, when the text gives it.
-- column region: The place the figure is about.
-- column subject: Who or what the figure belongs to.
-- column metric: What the figure measures.
-- column scope: For ranks: where they were ranked (province, nation, city, county, world).
-- column part_cue: The figure is written as a part of an earlier one ("including", "among these").
-- column base_cue: The figure is the starting value of a stated change ("grew to X from Y": Y).
-- column dated_by: The time expression that dates the figure, as written ("in the first half of 2024"), if any.
-- column rules: Which extractor rule decided each field, as JSON: {"figure": ..., "role": ..., "year": ...}.
-- column sentence_index: Position of its sentence in the document (0-based).
-- column sentence_start: Offset of its sentence in the document text.
-- column page: Page of a PDF the figure is on (1-based; pages are separated by form feeds in the text); null for other documents.
-- column extracted_at: When the extraction ran.
create table if not exists raw.extract (
    doc_sha256         varchar   not null,
    extractor_version  varchar   not null,
    seq                integer   not null,
    char_start         integer   not null,
    char_end           integer   not null,
    text               varchar   not null,
    sentence           varchar,
    number             double,
    scale_word         varchar,
    unit_word          varchar,
    unit_hint          varchar,
    counted            varchar,
    per                varchar,
    approx             varchar,
    role               varchar,
    is_target          boolean,
    year               integer,
    period             varchar,
    region             varchar,
    subject            varchar,
    metric             varchar,
    scope              varchar,
    part_cue           boolean,
    base_cue           boolean,
    dated_by           varchar,
    rules              varchar,
    sentence_index     integer,
    sentence_start     integer,
    page               integer,
    extracted_at       timestamp not null,
    primary key (doc_sha256, extractor_version, seq)
);
