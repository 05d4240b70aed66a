-- table: This run's figures, typed and normalised by the Polars transform (value in base units, unit codes, canonical periods and regions).
-- grain: one row per figure of the batch
-- key: figure_id
-- column figure_id: "<doc>#<char_start>-<char_end>".
-- column doc: Source document.
-- column doc_sha256: SHA-256 of the document version.
-- column char_start: 0-based offset of the figure in the document text.
-- column char_end: Offset one past the figure's end.
-- column text: The figure as written.
-- column sentence: Its sentence.
-- column value: The value in base units.
-- column unit: Unit code.
-- column counted: Counted noun.
-- column per: Rate denominator.
-- column approx: exact, over, under or about.
-- column role: level, growth, difference, benchmark, share or rank.
-- column is_target: Plan, goal or forecast.
-- column year: Reference year.
-- column period: Period within the year.
-- column region: The place the figure is about.
-- column subject: Who or what the figure belongs to.
-- column metric: What it measures.
-- column metric_id: Canonical metric (curated.dim_metric), when the metric maps to one.
-- column related_figure_id: The figure a growth, share, rank or difference qualifies (a difference: its benchmark).
-- column part_of_figure_id: The whole of a figure written as its part ("69 honors, including 687 titles").
-- column rounding: Half a unit of the last digit written, in base units.
-- column scope: For ranks: where they were ranked.
-- column base_cue: The starting value of a stated change ("grew to X from Y": Y).
-- column dated_by: The time expression that dates it, as written.
-- column rules: Which extractor rule decided each field (JSON).
-- column sentence_index: Position of its sentence in the document.
-- column sentence_start: Offset of its sentence in the document text.
-- column page: Page of a PDF it is on (1-based), null for other documents.
-- column extractor_version: Extractor version that read it.
with transformed as (
    -- the Arrow table the transform task registers
    select * from transform_batch
),

final as (
    select * from transformed
)

select * from final order by doc, char_start
