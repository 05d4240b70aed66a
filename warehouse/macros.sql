-- Macros the SQL models use, created when the warehouse is opened.

-- a value with its unit, for people: human_value(471780000000, 'CNY') -> '471.78 billion yuan'
create or replace macro human_value(v, unit) as
    case
        when v is null then null
        when unit in ('CNY', 'USD', 'EUR') then
            (case
                when abs(v) >= 1e12 then printf('%.5g trillion', v / 1e12)
                when abs(v) >= 1e9 then printf('%.5g billion', v / 1e9)
                when abs(v) >= 1e6 then printf('%.5g million', v / 1e6)
                else printf('%.10g', v)
            end) || ' ' || (case unit when 'CNY' then 'yuan' when 'USD' then 'US dollars' else 'euros' end)
        when unit = 'percent' then printf('%.10g%%', v)
        when unit = 'percentage_point' then printf('%.10g percentage points', v)
        when unit = 'count' then printf('%.10g', v)
        else printf('%.10g %s', v, unit)
    end;
