-- table: The gazetteer (from warehouse/seeds/dim_region.csv), as this run used it.
-- grain: one row per region
-- key: region
-- column region: Region code used by figures.
-- column name: Full name.
-- column level: country, province, municipality, autonomous region, special administrative region, prefecture-level city, district, county, county-level city or other.
-- column parent_region: The region it belongs to.
-- column aliases: The names the extractor reads for it in text, lower case, separated by "|".
-- column note: Remarks.
with seed as (
    select * from dim_region_seed
),

final as (
    select region, name, level, parent_region, aliases, note from seed
)

select * from final
