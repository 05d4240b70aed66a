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

-- the months a canonical period spans: 'H1' -> 6, 'Q3' -> 3, 'M01-M11' -> 11, 'M05' -> 1, null (a year) -> 12
create or replace macro period_months(period) as
    case
        when period is null then 12
        when period like 'H_' then 6
        when period like 'Q_' then 3
        when period like 'M__-M__' then cast(substr(period, 6, 2) as integer) - cast(substr(period, 2, 2) as integer) + 1
        when period like 'M__' then 1
        else 12
    end;
