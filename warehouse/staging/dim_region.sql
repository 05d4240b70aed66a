-- table: The gazetteer (from warehouse/seeds/dim_region.csv), as this run used it.
-- column region: Region code used by figures.
-- column name: Full name.
-- column level: country, province, prefecture-level city, district, county, county-level city or other.
-- column parent_region: The region it belongs to.
-- column note: Remarks.
with seed as (
    select * from dim_region_seed
),

final as (
    select region, name, level, parent_region, note from seed
)

select * from final
