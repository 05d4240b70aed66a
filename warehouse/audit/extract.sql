-- table: What the extract gate sees: this run's extracted figures with the document text at their offsets.
-- grain: one row per figure of the chunk
-- key: figure_id
with figures as (
    -- the documents of this chunk of the batch, registered by the validate task
    select * from staging.extract where doc in (select doc from validate_chunk)
),

-- the document text at each figure's offsets, sliced by the validate task (warehouse.text_at_offsets)
source_texts as (
    select * from validate_source_text
),

final as (
    select
        figures.*,
        source_texts.source_text
    from figures
    left join source_texts using (doc, char_start, char_end)
)

select * from final order by doc, seq
