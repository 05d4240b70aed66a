-- table: Rough magnitudes of regions by year (from warehouse/seeds/region_reference.csv), used for plausibility checks.
-- grain: one row per region and year
-- key: region, year
-- references: region -> curated.dim_region.region
-- column region: Region code.
-- column year: Year.
-- column population: Resident population, rounded.
-- column gdp_cny: Annual GDP in yuan, rounded.
with seeded as (
    select * from staging.region_reference
),

final as (
    select region, year, population, gdp_cny from seeded
)

select * from final order by region, year
