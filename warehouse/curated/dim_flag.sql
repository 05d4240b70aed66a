-- table: The quality flags a figure can carry (from warehouse/seeds/dim_flag.csv).
-- grain: one row per flag code
-- key: code
-- column code: Flag code.
-- column severity: warning (the figure stays published) or blocking.
-- column description: What it means.
with seeded as (
    select * from staging.dim_flag
),

final as (
    select code, severity, description from seeded
)

select * from final order by code
