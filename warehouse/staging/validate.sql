-- table: This run's verdicts: the records the gates keep out of the curated tables (action quarantine) and the figures they flag (action flag).
-- grain: one row per verdict: a record quarantined by an expectation, or a figure flagged by a check
-- column stage: Stage whose output held the record.
-- column suite: Suite that rejected it.
-- column expectation: The failed expectation.
-- column reason: Why.
-- column record_kind: doc or figure.
-- column record_key: The document name or figure id.
-- column doc: Source document.
-- column record: The record as JSON.
-- column action: quarantine (kept out) or flag (published with a quality flag).
-- column code: For flags: the flag code (curated.dim_flag).
with verdicts as (
    -- the rows the validate task registers
    select * from validate_batch
),

final as (
    select stage, suite, expectation, reason, record_kind, record_key, doc, record, action, code
    from verdicts
)

select * from final order by stage, record_key, code
