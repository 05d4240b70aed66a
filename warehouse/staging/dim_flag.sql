-- table: The quality flags a figure can carry (from warehouse/seeds/dim_flag.csv).
-- grain: one row per flag code
-- key: code
-- column code: Flag code.
-- column severity: warning (the figure stays published) or blocking.
-- column description: What it means.
with seed as (
    select * from dim_flag_seed
),

final as (
    select code, severity, description from seed
)

select * from final
