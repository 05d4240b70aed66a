-- table: Economic figures found in the source documents, one row per figure, each with its exact source (document and character offsets). Only figures that passed every quality gate.
-- column figure_id: Stable id of the figure: "<doc>#<char_start>-<char_end>".
-- column doc: Source document (file name relative to the sources folder).
-- column char_start: 0-based offset of the figure's first character in curated.documents.text (Python string offsets).
-- column char_end: Offset one past the figure's last character (end exclusive).
-- column text: The figure as written (number, scale word and unit word), equal to the document text at [char_start, char_end).
-- column sentence: The sentence the figure sits in.
-- column value: The value in base units (billion = 1e9; a fall is negative; percentages as 9.3 for 9.3%).
-- column unit: CNY, USD, EUR, percent, percentage_point, count, rank, multiple, mu, hectare, km, km2, m, ton, kwh or other.
-- column counted: For counts: the counted noun, singular (project, enterprise, person ...).
-- column per: For rates: the denominator (mu, person, household, year ...).
-- column approx: exact, over (more than), under (nearly, less than) or about.
-- column role: level, growth (a change), difference (a gap against a benchmark), benchmark (the comparison value), share (part of a whole) or rank.
-- column is_target: True when the figure is a plan, goal, target, forecast or expectation.
-- column year: Reference year (for targets: the horizon), null when the text does not say.
-- column period: H1, H2, Q1..Q4, Mnn or Mnn-Mnn when the text names a period within the year.
-- column region: Lishui, its nine counties and districts, Zhejiang, China, Nanjing-Lishui (Lishui District of Nanjing) or Other.
-- column subject: Who or what the figure belongs to.
-- column metric: What the figure measures, as written in short.
-- column doc_sha256: SHA-256 of the document version the figure was read from.
-- column extractor_version: Version of the extractor that read it.
with staged as (
    select * from staging.transform
),

quarantined_figures as (
    select record_key as figure_id from staging.validate where record_kind = 'figure'
),

quarantined_documents as (
    select record_key as doc from staging.validate where record_kind = 'doc'
),

final as (
    select
        staged.figure_id,
        staged.doc,
        staged.char_start,
        staged.char_end,
        staged.text,
        staged.sentence,
        staged.value,
        staged.unit,
        staged.counted,
        staged.per,
        staged.approx,
        staged.role,
        staged.is_target,
        staged.year,
        staged.period,
        staged.region,
        staged.subject,
        staged.metric,
        staged.doc_sha256,
        staged.extractor_version
    from staged
    anti join quarantined_figures using (figure_id)
    anti join quarantined_documents using (doc)
)

select * from final order by doc, char_start
