-- table: What the transform gate sees: this run's typed figures with the document text at their offsets.
with figures as (
    select * from staging.transform
),

documents as (
    select doc, text from staging.ingest
),

final as (
    select
        figures.*,
        substring(documents.text, figures.char_start + 1, figures.char_end - figures.char_start) as source_text
    from figures
    left join documents using (doc)
)

select * from final order by doc, char_start
