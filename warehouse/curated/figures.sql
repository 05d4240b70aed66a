-- table: Economic figures found in the source documents, one row per figure, each with its exact source (document and character offsets). Only figures that passed every quality gate; figures that contradict a consistency check stay, with their quality_flags.
-- grain: one row per published figure
-- key: figure_id
-- references: doc -> curated.documents.doc, metric_id -> curated.dim_metric.metric_id, region -> curated.dim_region.region, related_figure_id -> curated.figures.figure_id, base_figure_id -> curated.figures.figure_id, part_of_figure_id -> curated.figures.figure_id
-- incremental: doc
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
-- column region: A code of the gazetteer (curated.dim_region): Lishui and its nine counties and districts, Zhejiang and its cities, China's provinces and municipalities, Nanjing-Lishui (Lishui District of Nanjing); Other for anywhere else.
-- column subject: Who or what the figure belongs to.
-- column metric: What the figure measures, as written in short.
-- column metric_id: The canonical metric (curated.dim_metric) the metric maps to, or null.
-- column related_figure_id: For a growth, share, rank or difference: the figure it qualifies ("9.3%" -> "471.78 billion yuan"); for a difference: its benchmark.
-- column base_figure_id: For a growth: the starting value of the change it states ("grew to X from Y, up Z%": Y).
-- column part_of_figure_id: For a figure written as a part of another ("69 honors, including 687 titles"): that whole.
-- column quality_flags: Codes of the consistency checks the figure fails (curated.figure_flags has the reasons); empty when clean.
-- column rounding: Half a unit of the last digit written, in base units ("196.4 billion yuan" -> 50000000).
-- column scope: For ranks: where they were ranked (province, nation, city, county, world).
-- column dated_by: The time expression that dates the figure, as written ("in the first half of 2024"); null when the document's frame (headline, lead, section heading, reporting year) dates it.
-- column rules: Which extractor rule decided each field: a map field -> rule name (figure, role, time, is_target, year, period, region, metric); `lishui explain` prints them.
-- column sentence_start: Offset of the sentence in the document text (char_start - sentence_start is the figure's place in the sentence).
-- column page: Page of a PDF document the figure is on (1-based: the form feeds before char_start in curated.documents.text, plus one); null for documents that are not PDFs.
-- column doc_sha256: SHA-256 of the document version the figure was read from.
-- column extractor_version: Version of the extractor that read it.
with staged as (
    select * from staging.transform
),

verdicts as (
    select * from staging.validate
),

quarantined_figures as (
    select record_key as figure_id from verdicts where record_kind = 'figure' and action = 'quarantine'
),

quarantined_documents as (
    select record_key as doc from verdicts where record_kind = 'doc' and action = 'quarantine'
),

-- inlined where it is read (not materialised: its rows carry the sentences)
published as not materialized (
    select staged.* from staged
    anti join quarantined_figures using (figure_id)
    anti join quarantined_documents using (doc)
),

-- the figures other figures link to, that are published themselves (a link to a quarantined
-- figure is dropped, so that every link resolves); narrow, and much smaller than published
linked as (
    select related_figure_id as figure_id from published where related_figure_id is not null
    union select base_figure_id from published where base_figure_id is not null
    union select part_of_figure_id from published where part_of_figure_id is not null
),

resolvable as (
    select figure_id from linked semi join (select figure_id from published) using (figure_id)
),

flags as (
    select record_key as figure_id, list_sort(list_distinct(list(code))) as quality_flags
    from verdicts where action = 'flag'
    group by record_key
),

final as (
    select
        published.figure_id,
        published.doc,
        published.char_start,
        published.char_end,
        published.text,
        published.sentence,
        published.value,
        published.unit,
        published.counted,
        published.per,
        published.approx,
        published.role,
        published.is_target,
        published.year,
        published.period,
        published.region,
        published.subject,
        published.metric,
        published.metric_id,
        case when published.related_figure_id in (select figure_id from resolvable)
             then published.related_figure_id end as related_figure_id,
        case when published.base_figure_id in (select figure_id from resolvable)
             then published.base_figure_id end as base_figure_id,
        case when published.part_of_figure_id in (select figure_id from resolvable)
             then published.part_of_figure_id end as part_of_figure_id,
        coalesce(flags.quality_flags, []::varchar[]) as quality_flags,
        published.rounding,
        published.scope,
        published.dated_by,
        cast(json(published.rules) as map(varchar, varchar)) as rules,
        published.sentence_start,
        published.page,
        published.doc_sha256,
        published.extractor_version
    from published
    left join flags using (figure_id)
)

select * from final
