-- table: The gazetteer (from warehouse/seeds/dim_region.csv).
-- grain: one row per region of the gazetteer
-- key: region
-- references: parent_region -> curated.dim_region.region
-- column region: Region code used by figures.
-- column name: Full name.
-- column level: country, province, municipality, autonomous region, special administrative region, prefecture-level city, district, county, county-level city or other.
-- column parent_region: The region it belongs to.
-- column aliases: The names the extractor reads for it in text, lower case, separated by "|".
-- column note: Remarks.
with seeded as (
    select * from staging.dim_region
),

final as (
    select region, name, level, parent_region, aliases, note from seeded
)

select * from final order by region
