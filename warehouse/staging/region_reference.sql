-- table: Rough magnitudes of regions by year (from warehouse/seeds/region_reference.csv), used for plausibility checks.
-- grain: one row per region and year
-- key: region, year
-- column region: Region code.
-- column year: Year.
-- column population: Resident population, rounded.
-- column gdp_cny: Annual GDP in yuan, rounded.
with seed as (
    select * from region_reference_seed
),

final as (
    select region, year, population, gdp_cny from seed
)

select * from final
