-- table: The gazetteer (from warehouse/seeds/dim_region.csv).
-- column region: Region code used by figures.
-- column name: Full name.
-- column level: country, province, prefecture-level city, district, county, county-level city or other.
-- column parent_region: The region it belongs to.
-- column note: Remarks.
with seeded as (
    select * from staging.dim_region
),

final as (
    select region, name, level, parent_region, note from seeded
)

select * from final order by region
