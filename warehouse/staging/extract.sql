-- table: This run's figures as extracted: raw.extract rows of the batch's documents for the current extractor.
-- grain: one row per figure of the batch
-- key: figure_id
-- column figure_id: Stable id of the figure: "<doc>#<char_start>-<char_end>".
-- column doc: Source document.
-- column doc_sha256: SHA-256 of the document version.
-- column seq: Position of the figure in its document.
-- column char_start: 0-based offset of the figure in the document text.
-- column char_end: Offset one past the figure's end.
-- column text: The figure as written.
-- column sentence: Its sentence.
-- column number: The number as written (signed), before its scale word.
-- column scale_word: Scale word, if any.
-- column unit_word: Unit word or currency sign as written, if any.
-- column unit_hint: Unit read from context.
-- column counted: Counted noun.
-- column per: Rate denominator.
-- column approx: exact, over, under or about.
-- column role: level, growth, difference, benchmark, share or rank.
-- column is_target: Plan, goal or forecast.
-- column year: Reference year.
-- column period: Period within the year.
-- column region: The place the figure is about (in a text that names no place: its source's region hint, when it has one, else the home city).
-- column subject: Who or what the figure belongs to.
-- column metric: What it measures.
-- column scope: For ranks: where they were ranked.
-- column part_cue: Written as a part of an earlier figure.
-- column base_cue: The starting value of a stated change.
-- column dated_by: The time expression that dates it, as written.
-- column rules: Which extractor rule decided each field (JSON; region_hint when the source's hint gave the region).
-- column sentence_index: Position of its sentence in the document.
-- column sentence_start: Offset of its sentence in the document text.
-- column page: Page of a PDF it is on (1-based), null for other documents.
-- column extractor_version: Extractor version that read it.
with documents as (
    select doc, sha256, media_type, region_hint from staging.ingest
),

unplaced as (
    -- versions whose text names no place: their figures are its main region's (the home city) by default
    select doc_sha256 as sha256, main_region from raw.extract_log
    where extractor_version = getvariable('extractor_version') and not names_a_place
),

hints as (
    -- the region hint of each batch document whose text names no place (sources.toml)
    select documents.doc, documents.region_hint, unplaced.main_region as defaulted
    from documents
    join unplaced using (sha256)
    where documents.region_hint is not null
),

figures as (
    select * from raw.extract
    where extractor_version = getvariable('extractor_version')
),

final as (
    select
        documents.doc || '#' || figures.char_start || '-' || figures.char_end as figure_id,
        documents.doc,
        -- the columns of transforms.extract.FIGURES_SCHEMA; a PDF of one page has no page break: page 1
        figures.* exclude (extracted_at) replace (
            coalesce(figures.page, case when documents.media_type = 'application/pdf' then 1 end) as page,
            case when figures.region = hints.defaulted then hints.region_hint else figures.region end as region,
            case when figures.region = hints.defaulted
                 then json_merge_patch(figures.rules, '{"region": "region_hint"}')::varchar
                 else figures.rules end as rules
        )
    from documents
    join figures on figures.doc_sha256 = documents.sha256
    left join hints using (doc)
)

select * from final
