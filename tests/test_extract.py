"""The extractor on sentences in many phrasings: what is a figure, its value and unit, and its context.

The sentences are written for these tests (in the styles of statistics releases, wire stories and
local-government articles); none shares a run of six words with the sample sources
(tests/test_rules.py checks it). Every rule's own examples are run by tests/test_rules.py.
"""
import logging
import re
from pathlib import Path

import polars as pl
import pytest

from flows import extract as stage  # Prefect configures logging on import: before caplog, not during
from flows.ingest import ingest
import transforms.extract as extractor
from transforms.extract import EXTRACTOR_VERSION, FIGURES_SCHEMA, extract, extract_figures, gazetteer, source_fingerprint
from transforms.transform import transform
import warehouse as wh
from warehouse import seed

METRICS = seed("dim_metric")
REGIONS = seed("dim_region")

FIELDS = ("text", "value", "unit")


def read(text: str, *fields: str) -> list[tuple]:
    """The figures of `text` through extraction and the transform, as tuples of `fields`."""
    fields = fields or FIELDS
    docs = pl.DataFrame({"sha256": ["s"], "text": [text]})
    extracted = extract(docs)[0].with_columns(
        figure_id=pl.format("d#{}-{}", "char_start", "char_end"), doc=pl.lit("d"), extractor_version=pl.lit("t"))
    return [tuple(row) for row in transform(extracted, METRICS, REGIONS).select(fields).rows()]


def one(text: str, figure: str, *fields: str) -> tuple:
    """The fields of the figure written `figure` in `text`."""
    rows = [r[1:] for r in read(text, "text", *fields) if r[0] == figure]
    assert len(rows) == 1, read(text, "text", *fields)
    return rows[0] if len(fields) > 1 else rows[0][0]


# --- numbers: digits, scale words, spelled numbers ------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("GDP reached 196.43 billion yuan.", [("196.43 billion yuan", 196.43e9, "CNY")]),
    ("Foreign trade reached 2.5 trillion yuan.", [("2.5 trillion yuan", 2.5e12, "CNY")]),
    ("The county's land supply for industry reached 6,420 mu.", [("6,420 mu", 6420.0, "mu")]),
    ("Sales were 1,276.9 million yuan.", [("1,276.9 million yuan", 1276.9e6, "CNY")]),
    ("Income per person was 5.6 10,000 yuan.", [("5.6 10,000 yuan", 56000.0, "CNY")]),
    ("The fund holds 12.5 100 million yuan.", [("12.5 100 million yuan", 12.5e8, "CNY")]),
    ("It issued bonds of 3 thousand yuan.", [("3 thousand yuan", 3000.0, "CNY")]),
    ("cultivating a 10-billion-yuan health industry cluster", [("10-billion-yuan", 1e10, "CNY")]),
    ("Demonstration bases of 2,000-mu were set up.", [("2,000-mu", 2000.0, "mu")]),
    ("Its output exceeds the 10 billion mark.", [("10 billion", 1e10, "CNY")]),
    ("The city has a population of 2.5 million.", [("2.5 million", 2.5e6, "count")]),
    ("Visitor numbers rose to 6.5 million in 2023.", [("6.5 million", 6.5e6, "count")]),
])
def test_digits_with_separators_decimals_and_scale_words(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Forty-three idle industrial plots were cleared.", [("Forty-three", 43.0, "count")]),
    ("Thirteen provincial smart factories were added.", [("Thirteen", 13.0, "count")]),
    ("The fund supported a hundred enterprises.", [("a hundred", 100.0, "count")]),
    ("It trained two hundred nurses.", [("two hundred", 200.0, "count")]),
    ("Tea accounts for one-third of farm output.", [("one-third", 33.333, "percent")]),
    ("Nearly two-thirds of residents work in tea.", [("two-thirds", 66.667, "percent")]),
    ("About a quarter of the world's wooden toys are made here.", [("a quarter", 25.0, "percent")]),
    ("Tea gardens cover half of the farmland.", [("half", 50.0, "percent")]),
    ("It raised one billion RMB.", [("one billion RMB", 1e9, "CNY")]),
    ("The city will have a population of one million.", [("one million", 1e6, "count")]),
])
def test_spelled_numbers(text, expected):
    assert read(text) == expected


# --- units -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, value", [
    ("Retail sales grew 7.4 percent.", "percent", 7.4),
    ("Investment rose 25.3 per cent.", "percent", 25.3),
    ("Exports grew 14.2%.", "percent", 14.2),
    ("Revenue grew 16 pct.", "percent", 16.0),
    ("It was 2.6 percentage points above the national level.", "percentage_point", 2.6),
    ("It grew 0.5 percentage point faster than the national rate.", "percentage_point", 0.5),
    ("Exports reached US$1.05 billion.", "USD", 1.05e9),
    ("Exports reached $1.2 billion.", "USD", 1.2e9),
    ("Exports reached 300 million US dollars.", "USD", 3e8),
    ("It exported goods worth RMB 18.6 billion.", "CNY", 18.6e9),
    ("It sold 1.2 billion RMB of tea.", "CNY", 1.2e9),
    ("The deal is worth €40 million.", "EUR", 4e7),
    ("It planted 1,200 hectares of rice.", "hectare", 1200.0),
    ("The zone covers 12 square kilometers.", "km2", 12.0),
    ("The zone covers 12 square kilometres.", "km2", 12.0),
    ("The greenway is 5.6 km long.", "km", 5.6),
    ("Units travelled 1.76 million kilometers.", "km", 1.76e6),
    ("The village sits 1,200 meters above sea level.", "m", 1200.0),
    ("Tea output reached 65,000 tons.", "ton", 65000.0),
    ("Grain output was 120 million jin.", "other", 1.2e8),
    ("It consumed 15.2 billion kWh of electricity.", "kwh", 15.2e9),
    ("Strawberries grow on 10,000 acres.", "other", 10000.0),
    ("Its carbon stock is estimated at 180m tonnes.", "ton", 1.8e8),
    ("Retail sales grew 6.0%year-on-year.", "percent", 6.0),
    ("Its output rose ６．０％ in the first half.", "percent", 6.0),
    ("GDP reached １９６．４３ billion yuan.", "CNY", 196.43e9),
    ("Exports of valves reached RMB3.12 billion.", "CNY", 3.12e9),
    ("Tourism revenue was 108.5 bln yuan.", "CNY", 108.5e9),
])
def test_units(text, unit, value):
    (row,) = read(text, "unit", "value")
    assert row == (unit, pytest.approx(value))


def test_bracketed_conversion_is_a_figure_of_its_own():
    text = "Imports and exports were 47.23 billion yuan ($6.52 billion), up 3.3 percent."
    assert read(text, "text", "value", "unit", "role") == [
        ("47.23 billion yuan", 47.23e9, "CNY", "level"),
        ("$6.52 billion", 6.52e9, "USD", "level"),
        ("3.3 percent", 3.3, "percent", "growth"),
    ]


# --- counts and rates ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, counted", [
    ("It attracted 40 partnership projects.", "project"),
    ("There are 27 large-scale enterprises in the chain.", "enterprise"),
    ("The program boosted 500 households' income.", "household"),
    ("The city has 64 mobile smart hospital units.", "unit"),
    ("It set up 131 “Mountain Livestreaming” Common Prosperity Workshops.", "workshop"),
    ("Two “Future Factories” were established.", "factory"),
    ("The county employs 35,000 people.", "person"),
    ("The province had 10.72 million registered private business entities.", "entity"),
    ("There are 27 enterprises registered in the zone.", "enterprise"),
])
def test_counts_with_their_counted_noun(text, counted):
    (row,) = read(text, "unit", "counted")
    assert row == ("count", counted)


def test_a_scaled_number_without_a_noun_counts_what_a_large_count_before_it_counted():
    text = ("By 2010 the park drew 800,000 visitors a year. In 2024 it received 4.3 million, and its revenue reached "
            "390 million yuan.")
    assert read(text, "text", "unit", "counted") == [("800,000", "count", "visitor"), ("4.3 million", "count", "visitor"),
                                                     ("390 million yuan", "CNY", None)]


@pytest.mark.parametrize("text, expected", [
    ("Output grew 4.1 percent, 0.3 points faster than the national rate.",
     [("4.1 percent", "percent", "growth"), ("0.3 points", "percentage_point", "difference")]),
    ("The jobless rate was 4.8 percent, down 0.2 points year-on-year.",
     [("4.8 percent", "percent", "share"), ("0.2 points", "percentage_point", "difference")]),
    ("The county built 1,200 charging points.", [("1,200", "count", "level")]),
])
def test_bare_points_are_percentage_points_only_beside_a_comparison_or_a_change(text, expected):
    assert read(text, "text", "unit", "role") == expected


@pytest.mark.parametrize("text, figure, per", [
    ("The scheme lifted earnings by 850 yuan per mu.", "850 yuan", "mu"),
    ("Farmers earn 27,000 yuan per capita.", "27,000 yuan", "person"),
    ("Its per capita GDP tops 120,000 yuan.", "120,000 yuan", "person"),
    ("The fund pays out 90,000 yuan each year as dividends.", "90,000 yuan", "year"),
    ("Rural income will increase by 15% annually.", "15%", "year"),
    ("Each household earns 68,000 yuan per household.", "68,000 yuan", "household"),
])
def test_rates_record_their_denominator(text, figure, per):
    assert one(text, figure, "per") == per


# --- approx and ranges -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, approx", [
    ("Over 800 talents joined.", "over"), ("More than 100 enterprises joined.", "over"),
    ("Sales exceeded 50 billion yuan.", "over"), ("No less than 1,000 wishes came true.", "over"),
    ("Villagers from 60+ countries came.", "over"), ("Sales passed the threshold of 2 billion yuan.", "over"),
    ("Nearly 400,000 residents benefit.", "under"), ("Output is nearing 7 billion yuan.", "under"),
    ("Less than 3% of land is used.", "under"), ("Up to 20,000 visitors came.", "under"),
    ("About 45,000 people work there.", "about"), ("Around 5.5 percent growth is expected.", "about"),
    ("Some 20,000 kinds of goods are sold.", "about"), ("Roughly 30,000 people work in toys.", "about"),
    ("Exactly 46 homestays opened.", "exact"),
])
def test_qualifiers_set_approx(text, approx):
    (row,) = read(text, "approx")
    assert row == (approx,)


@pytest.mark.parametrize("text, expected", [
    ("Exports grew 10%-15% last year.", [("10%", 10.0, "percent"), ("15%", 15.0, "percent")]),
    ("Investment of 2 to 3 billion yuan is needed.", [("2", 2e9, "CNY"), ("3 billion yuan", 3e9, "CNY")]),
    ("Growth was between 5 and 6 percent.", [("5", 5.0, "percent"), ("6 percent", 6.0, "percent")]),
    ("salaries of 80,000 to 300,000 yuan", [("80,000", 8e4, "CNY"), ("300,000 yuan", 3e5, "CNY")]),
    ("by 2.2 and 0.7 percentage points", [("2.2", 2.2, "percentage_point"),
                                          ("0.7 percentage points", 0.7, "percentage_point")]),
])
def test_ranges_and_coordinated_numbers_share_scale_and_unit(text, expected):
    assert read(text) == expected


# --- ranks and multiples -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, value, approx", [
    ("Sales rose 4.2%, ranking sixth among the province's cities.", "sixth", 6.0, "exact"),
    ("The sector surged, securing second place province-wide.", "second", 2.0, "exact"),
    ("Its forest cover is first in the province.", "first", 1.0, "exact"),
    ("It ranked first in Zhejiang for 12 years running.", "first", 1.0, "exact"),
    ("The brand held the top two spots in its market.", "two", 2.0, "under"),
    ("Incomes ranked among the top 50 cities in China.", "50", 50.0, "under"),
    ("Lishui was named one of China's top 10 ecological cities.", "10", 10.0, "under"),
    ("Income was up 7.3%, ranking No. 1 in the province.", "No. 1", 1.0, "exact"),
    ("The city ranked 3rd among county-level cities.", "3rd", 3.0, "exact"),
    ("Revenue grew 16%, second only to Liandu.", "second", 2.0, "exact"),
])
def test_ranks(text, figure, value, approx):
    assert one(text, figure, "value", "unit", "role", "approx") == (value, "rank", "rank", approx)


@pytest.mark.parametrize("text, figure, value, role", [
    ("Farm output value doubled within four years.", "doubled", 2.0, "growth"),
    ("Visitor numbers tripled over the past five years.", "tripled", 3.0, "growth"),
    ("The output value surged 1,765-fold.", "1,765-fold", 1765.0, "growth"),
    ("Exports were 2.5 times that of 2019.", "2.5 times", 2.5, "growth"),
    ("Their income is 1.4 times the county average.", "1.4 times", 1.4, "difference"),
])
def test_multiples(text, figure, value, role):
    assert one(text, figure, "value", "unit", "role") == (value, "multiple", role)


# --- what is not a figure -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "On June 13, the company signed an agreement.",
    "The conference was held on May 20th.",
    "Updated: Apr 25, 2024",
    "Date: 2024-11-08 09:30",
    "It opened on 13 June 2024.",
    "In 2024, the city launched new policies.",
    "From 2023 to 2024, the district kept building.",
    "Four years ago the firm moved here.",
    "It has ranked high for 18 consecutive years.",
    "It charted a five-year roadmap within three years.",
    "The 1,000-year-old mine is a museum now.",
    "Back in the 1990s, young people left.",
    "It joined the “1315” industrial chains and the “5+5” system.",
    "It built the 1+9 database and the 3+16 framework.",
    "Class 100 clean rooms are required.",
    "This marks the 14th Five-Year Plan's last year and the 60th anniversary.",
    "The shop is on No. 8 Mountain Road.",
    "The app was upgraded to version 3.0 with 5G and a G60 office.",
    "During the COVID-19 pandemic, things changed.",
    "Call the hotline 0578-1234567 for bookings.",
    "Villagers aged 60 and above like it.",
    "“It works,” says owner Ye Lihua, 52, who runs a guesthouse.",
    "The Three Rivers Estuary zone connects Ten Thousand Villages.",
    "One of the projects is a hotel.",
    "The two industries grew fast.",
    "If others give one hour, we give ten.",
    "Dozens of firms and tens of thousands of people came.",
    "It was listed in the first batch in the first half.",
])
def test_not_figures(text):
    assert read(text) == []


def test_list_markers_are_not_figures():
    text = "1. The added value of the primary industry was 12.87 billion yuan.\n(2) Retail sales grew 7.4%."
    assert [t for t, *_ in read(text)] == ["12.87 billion yuan", "7.4%"]


def test_denominator_of_a_rate_is_not_a_figure():
    text = "The number of invention patents per 10,000 people reached 73.4."
    assert read(text, "text", "value", "unit", "per") == [("73.4", 73.4, "count", "10,000 people")]


# --- role and sign -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, value, role", [
    ("GDP reached 196.43 billion yuan, up 6.7 percent.", "6.7 percent", 6.7, "growth"),
    ("It posted a 4.8% year-on-year increase in sales.", "4.8%", 4.8, "growth"),
    ("Profit was 13.6 billion yuan, a decrease of 2.1 percent.", "2.1 percent", -2.1, "growth"),
    ("Imports were 5.07 billion yuan, down 2.4 percent.", "2.4 percent", -2.4, "growth"),
    ("The output of textiles fell 3.4 percent.", "3.4 percent", -3.4, "growth"),
    ("Private investment dropped 0.4 per cent.", "0.4 per cent", -0.4, "growth"),
    ("Investment: -0.3% year on year.", "-0.3%", -0.3, "growth"),
    ("The sector saw negative growth of 1.5%.", "1.5%", -1.5, "growth"),
    ("Revenue hit 3.41 billion yuan (+12.2%).", "12.2%", 12.2, "growth"),
    ("The county plans to cut energy use per unit of output by 3 percent.", "3 percent", -3.0, "growth"),
    ("Bookings fell by half.", "half", -50.0, "growth"),
    ("It raised 300 households' income by 950 yuan per mu.", "950 yuan", 950.0, "growth"),
    ("The population grew by 6,000 over the previous year.", "6,000", 6000.0, "growth"),
    ("126 patents were granted, 42 more than in the same period of 2023.", "42", 42.0, "growth"),
    ("Growth was 2.3 percentage points higher than the city's average.", "2.3 percentage points", 2.3,
     "difference"),
    ("Growth was 1.2 percentage points lower than the national average.", "1.2 percentage points", -1.2,
     "difference"),
    ("The rate was 0.9 percentage points higher than a year earlier.", "0.9 percentage points", 0.9, "difference"),
    ("Investment fell 2.3 percent, a drop 1.1 percentage points narrower than in the first two months.",
     "1.1 percentage points", 1.1, "difference"),
    ("Exports fell 4 percent, a decline 0.6 percentage points wider than in the first half.",
     "0.6 percentage points", -0.6, "difference"),
    ("Growth outpaced the provincial average (7.5%).", "7.5%", 7.5, "benchmark"),
    ("It beat the national average of 5 percent.", "5 percent", 5.0, "benchmark"),
    ("96 were service projects (64.0% of the total).", "64.0%", 64.0, "share"),
    ("The three industries accounted for 57.1 percent of GDP.", "57.1 percent", 57.1, "share"),
    ("They hold a 60% market share in the EU.", "60%", 60.0, "share"),
    ("The tunnel project is 20.2% completed.", "20.2%", 20.2, "share"),
    ("Forest cover increased to 81.7 percent from 80.8 percent.", "81.7 percent", 81.7, "share"),
    ("Each household earns an average of 68,000 yuan.", "68,000 yuan", 68000.0, "level"),
    ("The average yearly growth rate of investment is 12%.", "12%", 12.0, "growth"),
    ("Growth rebounded to 8.3 percent in 2021, before easing to 4.1 percent in 2022.", "4.1 percent", 4.1, "growth"),
    ("Leather output decreased by 6.8 percent, and that of its wood products industry by 3.1 percent.",
     "3.1 percent", -3.1, "growth"),
    ("Its foreign investment rose 4.2 percent, bucking a national decline of 8.6 percent.", "8.6 percent", -8.6,
     "benchmark"),
])
def test_roles_and_signs(text, figure, value, role):
    assert one(text, figure, "value", "role") == (value, role)


def test_a_list_of_growth_rates_keeps_its_role():
    text = "Value added increased by 21.3% in chemicals, 11.6% in textiles and 8.2% in machinery."
    assert read(text, "text", "role") == [("21.3%", "growth"), ("11.6%", "growth"), ("8.2%", "growth")]


# --- targets -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, target", [
    ("The city will build 3 new parks.", "3", True),
    ("Lishui will strive to add 100 high-tech enterprises.", "100", True),
    ("The company aims to export 100 million yuan of scooters.", "100 million yuan", True),
    ("It set a target of exceeding 300 million yuan in sales.", "300 million yuan", True),
    ("Output is expected to reach 95 billion yuan.", "95 billion yuan", True),
    ("The county plans to build 500 kilometers of lines.", "500 kilometers", True),
    ("GDP growth was between 5 and 6 percent expected at the start of the year.", "6 percent", True),
    ("GDP growth was between 5 and 6 percent expected at the start of the year.", "5", True),
    ("A hub covering 230,000 square meters will open in 2025.", "230,000 square meters", True),
    ("Another three projects, each worth more than 500 million yuan, are expected to start.",
     "500 million yuan", True),
    ("The planned investment of 3 billion yuan is large.", "3 billion yuan", True),
    ("A battery plant with an annual production value of 5 billion yuan broke ground in March, next to a logistics "
     "hub with a total investment of 1.2 billion yuan.", "5 billion yuan", True),
    ("A battery plant with an annual production value of 5 billion yuan broke ground in March, next to a logistics "
     "hub with a total investment of 1.2 billion yuan.", "1.2 billion yuan", False),
    ("The plant, with annual sales of 800 million yuan upon completion, broke ground.", "800 million yuan", True),
    ("The mill, with an annual production value of 700 million yuan, employs 300 people.", "700 million yuan", False),
    ("Lishui aims to raise revenue to 10 billion yuan, and the city ranked 3rd in growth.", "3rd", False),
    ("The bridge is 35.8% completed, expected to open in 2028.", "35.8%", False),
    ("Last year the company sold 2 million yuan.", "2 million yuan", False),
    ("Sales were 8.4 billion yuan, which is expected to reach 12 billion yuan.", "8.4 billion yuan", False),
])
def test_targets(text, figure, target):
    assert one(text, figure, "is_target") == target


def test_an_imperative_list_is_a_plan():
    text = "This year the district will focus on livelihoods.\nAdd four new schools, realize 6,000 new jobs."
    assert read(text, "text", "is_target") == [("four", True), ("6,000", True)]


def test_sentences_after_announced_goals_are_targets():
    text = ("The county has set out its goals for the coming years. The per capita income tops "
            "60,000 yuan; the GEP tops 90 billion yuan.")
    assert read(text, "text", "is_target") == [("60,000 yuan", True), ("90 billion yuan", True)]


# --- year and period -------------------------------------------------------------------------------------

def test_year_and_period_from_the_sentence_and_paragraph():
    text = ("Jinyun posted a 7.2% year-on-year rise in output in the first half of 2023.\n"
            "In 2023, Jinyun won 180 million yuan in grants. The county earned 41 national honors.")
    assert read(text, "text", "year", "period") == [
        ("7.2%", 2023, "H1"), ("180 million yuan", 2023, None), ("41", 2023, None)]


@pytest.mark.parametrize("text, figure, year, period", [
    ("From January to November, power use was 15.2 billion kWh in 2023.", "15.2 billion kWh", 2023, "M01-M11"),
    ("In January-October 2024, exports grew 14.2%.", "14.2%", 2024, "M01-M10"),
    ("In the first three quarters of 2024, GDP grew 6.1%.", "6.1%", 2024, "M01-M09"),
    ("In Q3 2024, sales rose 8%.", "8%", 2024, "Q3"),
    ("In the first quarter of 2024, GDP grew 7.1%.", "7.1%", 2024, "Q1"),
    ("In the first 10 months of 2024, 126 patents were granted.", "126", 2024, "M01-M10"),
    ("In November 2024, exports rose 5%.", "5%", 2024, "M11"),
    ("GEP rose from 416.4 billion yuan in 2018 to 541.9 billion yuan in 2023.", "541.9 billion yuan", 2023, None),
    ("GEP rose from 416.4 billion yuan in 2018 to 541.9 billion yuan in 2023.", "416.4 billion yuan", 2018, None),
    ("Exports in 2024 were 2.5 times that of 2019.", "2.5 times", 2024, None),
    ("From 2018 to 2023, GDP grew from 139.4 billion yuan to 196.4 billion yuan.", "139.4 billion yuan", 2018, None),
    ("From 2018 to 2023, GDP grew from 139.4 billion yuan to 196.4 billion yuan.", "196.4 billion yuan", 2023, None),
    ("GEP rose from 416.4 billion yuan in 2018 to 541.9 billion yuan in 2023, while GDP grew from 139.4 billion "
     "yuan to 196.4 billion yuan over the same period.", "139.4 billion yuan", 2018, None),
    ("Since 2019, and in 2023, exports rose from 10 billion yuan to 15 billion yuan.", "10 billion yuan", 2023, None),
    ("GDP grew 5.1 percent in the first half of 2022. It aims at around 5 percent for the whole year.",
     "5 percent", 2022, None),
    ("GDP grew 5.1 percent in the first half of 2022. Exports rose 3 percent.", "3 percent", 2022, "H1"),
    ("Since 2021, the county has attracted more than ten companies.", "ten", None, None),
    ("Income grew 5% over last year.", "5%", None, None),
    ("The 2024 task list says that this year, the county will add 20 schools.", "20", 2024, None),
    ("Updated: May 18, 2022\nThe studio sold 12 works last month.", "12", 2022, "M04"),
    ("In Q1-Q3 2024, the port handled 9 percent more cargo.", "9 percent", 2024, "M01-M09"),
    ("Updated: Jan 9, 2023\nExports rose 4 percent last month.", "4 percent", 2022, "M12"),
    ("Exports rose 4 percent last month.", "4 percent", None, None),
    ("Delivered at the session on January 10, 2023\nLast year, the city's GDP grew 4.2%.", "4.2%", 2022, None),
    ("Updated: Oct 3, 2024\nLoans grew 9 percent, down 0.2 percentage points from August.",
     "0.2 percentage points", 2024, None),
    ("Updated: Apr 20, 2026\nIn the first quarter, output rose 9.1 percent, 1.2 percentage points faster than the "
     "whole of last year.", "1.2 percentage points", 2026, "Q1"),
    ("Updated: Dec 27, 2025\nThe line opened on Friday. Officials expect it to carry 5 million passengers in its "
     "first full year.", "5 million", 2026, None),
    # "1.80x": a multiple written the analysts' way; "vs 1.83x a year ago" is the year before's
    ("Updated: Oct 29, 2026\nThe urban-rural income ratio was 1.79x vs 1.84x a year ago.", "1.84x", 2025, None),
    # an undated text compared with "the same period of 2025" reports on 2026: its "this year" and its headline's period
    ("Ganzhou's exports up 8% in first 10 months\n\nGANZHOU, Nov. 20 -- Ganzhou exported goods worth 61.2 billion "
     "yuan from January to October this year, up 8 percent.\n\nImports fell 2.1 percent from the same period of "
     "2025.\n\nTrade with ASEAN rose 12 percent.", "12 percent", 2026, "M01-M10"),
    ("Ganzhou's exports up 8% in first 10 months\n\nGANZHOU, Nov. 20 -- Ganzhou exported goods worth 61.2 billion "
     "yuan from January to October this year, up 8 percent.\n\nImports fell 2.1 percent from the same period of "
     "2025.", "61.2 billion yuan", 2026, "M01-M10"),
    # "than that of the whole year of 2025" is a base: the quarter's figures stay the quarter's
    ("Updated: Apr 21, 2026\nIn the first quarter, output rose 9.8%, 1.2 percentage points higher than that of the "
     "whole year of 2025.", "9.8%", 2026, "Q1"),
    # a span of days is no period of months: "from Oct 20 to Nov 11"
    ("Updated: Nov 13, 2026\nThe festival ran from Oct 20 to Nov 11, and online sales reached 3.1 billion yuan during "
     "the festival.", "3.1 billion yuan", 2026, None),
    # a lead's "last year" dates the report, not what is so now: "still plows", "pickers work there"
    ("A pear farm in the hills\n\nUpdated: Jun 3, 2026 | County News\n\nAt dawn, mist fills the valley, the orchards "
     "glow in the first light and the pickers climb the terraces with their baskets before the heat of the day.\n\n"
     "The farm sold 90 tons of pears last year, up 12 percent, and its jam found buyers in three provinces.\n\n"
     "The owner, 66, still plows 12 mu by hand. About 60 pickers work there in autumn.", "12 mu", 2026, None),
    ("A pear farm in the hills\n\nUpdated: Jun 3, 2026 | County News\n\nAt dawn, mist fills the valley, the orchards "
     "glow in the first light and the pickers climb the terraces with their baskets before the heat of the day.\n\n"
     "The farm sold 90 tons of pears last year, up 12 percent, and its jam found buyers in three provinces.\n\n"
     "The owner, 66, still plows 12 mu by hand. About 60 pickers work there in autumn.", "60", 2026, None),
    # "its first full year, 2016" names the year: not the year after the article's
    ("Updated: Sep 9, 2025\nThe museum sold 52,000 tickets in its first full year, 2017.", "52,000", 2017, None),
    ("Zhejiang's GDP in 1H 2024 grew 5.6% y/y.", "5.6%", 2024, "H1"),
    ("Zhejiang's GDP grew 5.8% y/y in 1H25, after 5.5% in 1Q25.", "5.5%", 2025, "Q1"),
    ("Updated: Oct 30, 2024\nIn 3Q, output grew 4.1%.", "4.1%", 2024, "Q3"),
    ("Updated: Dec 18, 2023\nTrading volume for the Jan 1-Nov 30 period was 96 thousand tons.", "96 thousand tons",
     2023, "M01-M11"),
    ("Updated: Aug 20, 2024\n\nJanuary-July: output rose 8.3%.\n\nJuly: output rose 7.1%.", "7.1%", 2024, "M07"),
    # "three times the pay they received in 2015": 2015 is the base, not the multiple's time
    ("Updated: Jun 5, 2025\n\nVillagers got 150 yuan a mu last year, three times the pay they received in 2015.",
     "three times", 2024, None),
    # "over the end of last year" is a comparison base, not the figure's time
    ("Release time: 2025-06-09\n\nAs of the end of May, loans reached 38.6 billion yuan.\n\nGreen loans amounted to "
     "6.4 billion yuan, an increase of 27 percent over the end of last year.", "27 percent", 2025, "M05"),
])
def test_time_expressions(text, figure, year, period):
    assert one(text, figure, "year", "period") == (year, period)


@pytest.mark.parametrize("head", ["Jinyun, Oct 9 2025 -- ", "JINYUN, Zhejiang, Oct. 9, 2025 -- ", "JINYUN,China,March 9,2025 --"])
def test_a_dateline_in_title_case_or_without_a_comma_dates_the_text(head):
    text = head + "Loans rose 9 percent, above what the banks lent last year."
    assert read(text, "text", "year") == [("9 percent", 2025)]


def test_last_year_in_a_background_paragraph_after_an_event_of_the_day_frames_only_itself():
    text = ("Updated: 2025-03-28\n\nLishui held a tourism fair in Shanghai on Wednesday, hoping to draw more visitors "
            "from the city.\n\nVisitors from Shanghai made 6.2 million trips to Lishui last year.\n\n"
            "The city signed 18 tourism projects at the fair.")
    assert read(text, "text", "year") == [("6.2 million", 2024), ("18", 2025)]


def test_publication_date_resolves_relative_years():
    text = ("Updated: Apr 25, 2024\nLast year the county's GDP grew 6.5 percent. "
            "This year it will grow 6 percent. From January to March, exports rose 9 percent.")
    assert read(text, "text", "year", "period") == [
        ("6.5 percent", 2023, None), ("6 percent", 2024, None), ("9 percent", 2024, "Q1")]


def test_a_plan_for_the_year_in_a_report_on_part_of_it_takes_the_report_year():
    text = ("Lishui economy in the first three quarters of 2024\nThe city's growth rate of 6.1% was between 5 and 6 "
            "percent expected at the start of the year.")
    assert read(text, "text", "is_target", "year", "period") == [
        ("6.1%", False, 2024, "M01-M09"), ("5", True, 2024, None), ("6 percent", True, 2024, None)]


def test_title_year_frames_a_statistics_communique():
    text = ("Statistical Communique of Lishui on the 2023 National Economic and Social Development\n"
            "- Per capita GDP: 78,130 yuan, an increase of 6.2 percent.\n"
            "- Retail sales grew 7.4 percent.")
    assert read(text, "text", "year") == [("78,130 yuan", 2023), ("6.2 percent", 2023), ("7.4 percent", 2023)]


def test_title_period_frames_a_half_year_report():
    text = ("Zhejiang's economy grows steadily in first half\nGDP grew 5.1 percent in the first half of 2022.\n"
            "Exports rose 7.9 percent.")
    assert one(text, "7.9 percent", "year", "period") == (2022, "H1")


def test_a_plan_headline_of_a_later_year_dates_only_the_plan():
    text = ("Jinyun sets tourism targets for 2028\n\n2025-06-02  Source: Lishui Daily\n\nJinyun aims to receive "
            "20 million visits a year by 2028, the county said on Monday.\n\nThe county has 310 homestays.")
    assert read(text, "text", "is_target", "year") == [("20 million", True, 2028), ("310", False, 2025)]


def test_a_year_heading_right_under_the_title_frames_the_body_under_it():
    text = ("Yunhe County Government Work Report 2025\n\nDelivered on January 8, 2025\n\nReview of 2024\n\n"
            "Over the past year, the county's GDP reached 11.82 billion yuan, up 7.1 percent.\n\nTargets for 2025\n\n"
            "GDP will grow by around 7 percent.")
    assert read(text, "text", "is_target", "year") == [
        ("11.82 billion yuan", False, 2024), ("7.1 percent", False, 2024), ("7 percent", True, 2025)]


def test_an_undated_release_is_of_the_year_after_the_last_whole_year_it_reports():
    text = ("Tea sales up in H1\n\nSONGYANG, July 9 -- Tea sold by Songyang growers from January to June "
            "came to 2.4 billion yuan, 8 percent more than a year before.\n\nFor all of 2024 they sold 4.1 billion yuan.")
    assert read(text, "text", "year", "period") == [
        ("2.4 billion yuan", 2025, "H1"), ("8 percent", 2025, "H1"), ("4.1 billion yuan", 2024, None)]


def test_unknown_this_year_and_last_year_stay_null():
    text = "Last year the district organized 40 investment activities. This year it will add 50 firms."
    assert read(text, "text", "year") == [("40", None), ("50", None)]


# --- region ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, region", [
    ("In Jinyun County, 27 large-scale enterprises are in the chain.", "27", "Jinyun"),
    ("Lishui City of Zhejiang Province posted 5.8% growth.", "5.8%", "Lishui"),
    ("Families of Hecheng Street, Qingtian, Lishui receive 70,000 yuan a year.", "70,000 yuan", "Qingtian"),
    ("Songyang county in Lishui has 150,000 mu of tea gardens.", "150,000 mu", "Songyang"),
    ("Growth was 2.1 percentage points over the provincial average (6.4%).", "6.4%", "Zhejiang"),
    ("Lishui grew 6.9 percent, beating the national average of 5 percent.", "5 percent", "China"),
    ("Zhejiang province reported a GDP of 4.03 trillion yuan.", "4.03 trillion yuan", "Zhejiang"),
    ("China's GDP grew 5.0 percent.", "5.0 percent", "China"),
    ("Lishui grew 6.9 percent, while Jinhua's grew 6.5 percent.", "6.5 percent", "Jinhua"),
    ("Villages from 60+ countries competed.", "60", "Other"),
    ("The Longquan sword fair drew over 260 exhibitors from 30 countries.", "260", "Other"),
    ("Jinyun hosted 300 exhibitors from around the world.", "300", "Other"),
    ("Qingtian, hometown of 380,000 overseas Chinese living in 146 countries, grew.", "380,000", "Qingtian"),
    ("Exports of Lishui firms to the United States reached US$1.05 billion.", "US$1.05 billion", "Lishui"),
    ("Zhejiang Rongqi Technology Co., Ltd. in Lishui earned 120 million yuan.", "120 million yuan", "Lishui"),
    ("Among the 11 prefecture-level cities in the province, Lishui grew fastest.", "11", "Zhejiang"),
    ("HANGZHOU, July 21 (Xinhua) -- East China's Zhejiang Province saw its GDP reach 3.9 trillion yuan.",
     "3.9 trillion yuan", "Zhejiang"),
    ("China's Zhejiang says retail sales grew\n\nHANGZHOU, May 19 (Reuters) - Retail sales in China's eastern "
     "manufacturing hub of Zhejiang rose 4% in April.", "4%", "Zhejiang"),
    ("China's exports rose 5%, while Zhejiang's rose 7%.", "5%", "China"),
    # "Across Nanjing, the city ..." in a text about Nanjing's Lishui district is Nanjing
    ("Lishui district sells rice\n\nNanjing's Lishui district sold 80,000 tons of rice. Across Nanjing, the city sold "
     "410,000 tons.", "410,000 tons", "Nanjing"),
    # every place of a list after "visitors from" is where they come from
    ("Jingning's inns were full. Visitors from Ningbo, Taizhou and Wenzhou made up 55 percent of guests.",
     "55 percent", "Jingning"),
    # "3D printing" is no "Print" button: the line is an article's, not page furniture
    ("Output of 3D printing equipment rose 41.9 percent.", "41.9 percent", "Lishui"),
])
def test_regions(text, figure, region):
    assert one(text, figure, "region") == region


def test_paragraph_carries_its_place():
    text = "The nurses reached Xiyuan Village, Jinyun County. Seventy residents were treated."
    assert one(text, "Seventy", "region") == "Jinyun"


def test_the_county_refers_to_the_county_of_the_article():
    text = "Songyang county has doubled its tea output. The county's tea market handled 9,300 tons in 2023."
    assert one(text, "9,300 tons", "region") == "Songyang"


def test_the_county_counts_for_the_county_an_article_is_about():
    text = ("Crowds at the falls\n\nJinyun county's Xiandu scenic area drew 268,000 visitors over the holiday. The county "
            "as a whole received 1.3 million visits.\n\nStalls sold 500,000 cakes.\n\nAcross Lishui, visits rose 13.8 "
            "percent.")
    assert read(text, "text", "region") == [("268,000", "Jinyun"), ("1.3 million", "Jinyun"), ("500,000", "Jinyun"),
                                            ("13.8 percent", "Lishui")]


def test_datelines_are_not_subjects():
    text = "HANGZHOU -- Zhejiang's foreign trade reached 2.5 trillion yuan."
    assert one(text, "2.5 trillion yuan", "region") == "Zhejiang"


def test_nanjing_lishui_from_one_phrase():
    text = ("Strawberries and chips\nThe people of Nanjing's Lishui district grow strawberries. Lishui's "
            "strawberry area reached 20,000 mu, and Lishui attracted 45 chip companies.")
    assert read(text, "text", "region") == [("20,000 mu", "Nanjing-Lishui"), ("45", "Nanjing-Lishui")]


def test_a_jiangsu_headline_keeps_an_article_naming_nanjings_lishui_once_about_jiangsu():
    text = ("Jiangsu retail sales up 5% in H1\n\nNANJING -- Jiangsu's retail sales rose 5 percent in the first half. "
            "Among Nanjing's districts, Pukou grew 6.1 percent and Lishui 6.5 percent.")
    assert read(text, "text", "region") == [("5%", "Jiangsu"), ("5 percent", "Jiangsu"), ("6.1 percent", "Pukou"),
                                            ("6.5 percent", "Nanjing-Lishui")]


def test_the_zhejiang_city_of_an_article_about_both_lishuis_is_the_zhejiang_lishui():
    text = ("Two Lishuis\n\nLishui District of Nanjing and Lishui City in Zhejiang share a name. The Nanjing district "
            "had 530,000 residents in 2024. The Zhejiang city has 2.6 million residents.")
    assert read(text, "text", "region") == [("530,000", "Nanjing-Lishui"), ("2.6 million", "Lishui")]


def test_a_zhejiang_article_mentioning_nanjing_stays_lishui():
    text = ("Lishui City in Zhejiang grew 6.7 percent. Researchers from Nanjing University helped build "
            "23 indicators for Songyang and Jinyun counties.")
    assert read(text, "text", "region")[0] == ("6.7 percent", "Lishui")


def test_neighbouring_province_article_is_other():
    text = "NANPING, Fujian -- Nanping city in neighboring Fujian province said its tea output reached 65,000 tons."
    assert read(text, "region") == [("Other",)]


# --- subject, metric, offsets, schema -----------------------------------------------------------------

def test_metric_and_subject_name_what_is_measured():
    text = "Total retail sales of consumer goods reached 96.87 billion yuan, up 7.4 percent."
    assert read(text, "text", "metric") == [
        ("96.87 billion yuan", "total retail sales of consumer goods"),
        ("7.4 percent", "total retail sales of consumer goods growth"),
    ]
    company = "Zhejiang Baishan Valve Technology Co., Ltd. achieved a sales value of 90 million RMB."
    assert one(company, "90 million RMB", "subject") == "Zhejiang Baishan Valve Technology Co., Ltd."


def test_offsets_point_at_the_figure_text():
    text = "“Quoted” text: exports rose 12.5% to 3.2 billion yuan (RMB) in Qingtian — ranking first."
    figures = extract_figures(text)
    assert figures
    for figure in figures:
        assert text[figure["char_start"]:figure["char_end"]] == figure["text"]


def test_extract_returns_the_raw_schema_even_when_empty():
    frame, documents = extract(pl.DataFrame({"sha256": ["s"], "text": ["No numbers here."]}))
    assert frame.is_empty()
    assert frame.schema == pl.Schema(FIGURES_SCHEMA)


def test_non_latin_characters_keep_offsets():
    text = "Lü Jianfeng’s firm — “Dongyi” — sold 150 million RMB; 😀 exports rose 10%."
    for figure in extract_figures(text):
        assert text[figure["char_start"]:figure["char_end"]] == figure["text"]
    assert [f["text"] for f in extract_figures(text)] == ["150 million RMB", "10%"]


def test_the_extract_stage_logs_documents_done_of_total(tmp_path, caplog):
    sources, warehouse = tmp_path / "src", tmp_path / "w.duckdb"
    sources.mkdir()
    for i in range(5):
        (sources / f"{i}.txt").write_text(f"In 2024, Jinyun exported goods worth {i + 1}.5 billion yuan.")
    wh.Warehouse(warehouse).bootstrap()
    ingest.fn(sources, warehouse, "run-1")
    with caplog.at_level(logging.INFO, logger="lishui"):
        result = stage.extract.fn(warehouse, "run-1", batch_chars=100)  # one document per task
    progress = [r.getMessage() for r in caplog.records if r.getMessage().startswith("extract: ")]
    assert progress[0] == "extract: 5 documents to extract in 5 batches, in the flow's process"
    assert [re.sub(r", \d+ documents/s", "", line) for line in progress[1:-1]] == [
        f"extract: {i} of 5 documents ({i} of 5 batches)" for i in range(1, 6)]
    assert progress[-1] == "extract: 5 documents extracted in the flow's process, 5 figures in the batch"
    assert result.documents_extracted == 5


def test_documents_go_out_in_batches_of_about_the_size_asked_for():
    sizes = [("a", 40), ("b", 70), ("c", 10), ("d", 200), ("e", 5)]
    assert wh.plan(sizes, 100) == [["a"], ["b", "c"], ["d"], ["e"]]
    assert wh.plan(sizes, 1000) == [["a", "b", "c", "d", "e"]]
    assert wh.plan([], 100) == []


def test_the_thread_switch_interval_is_shortened_for_the_pool_and_put_back():
    import sys

    from flows.extract import POOL_SWITCH_SECONDS, _switching

    before = sys.getswitchinterval()
    with _switching(POOL_SWITCH_SECONDS):
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    assert sys.getswitchinterval() == before
    with pytest.raises(ValueError, match="stop"), _switching(POOL_SWITCH_SECONDS):
        raise ValueError("stop")
    assert sys.getswitchinterval() == before


def test_batches_shrink_toward_the_end_when_processes_share_them():
    sizes = [(f"{i:03d}", 10) for i in range(100)]  # 1,000 units
    result = [len(chunk) * 10 for chunk in wh.plan(sizes, 200, parts=2)]
    # each at most what is left / (2 x 2), never more than 200, nor less than 200 / 8 (25: 20 of whole documents)
    expected = [200, 200, 150, 110, 80, 60, 50, 30, 30, 20, 20, 20, 20, 10]
    assert result == expected
    assert sum(result) == 1000
    assert [len(c) for c in wh.plan(sizes, 200)] == [20] * 5  # without parts: all of one size


# --- version -------------------------------------------------------------------------------------------

def test_the_extractor_version_changes_with_its_source_and_its_gazetteer(tmp_path):
    package = Path(extractor.__file__).parent
    for path in package.glob("*.py"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    places = tmp_path / "places" / "dim_region.csv"
    places.parent.mkdir()
    places.write_bytes(gazetteer.default_path().read_bytes())
    assert EXTRACTOR_VERSION.endswith("+" + source_fingerprint(tmp_path, places))
    with (tmp_path / "lexicon.py").open("a") as f:
        f.write("# an edited rule\n")
    edited_rule = source_fingerprint(tmp_path, places)
    assert not EXTRACTOR_VERSION.endswith("+" + edited_rule)
    with places.open("a") as f:
        f.write("Wuyi,Wuyi County,county,Jinhua,wuyi,\n")
    assert source_fingerprint(tmp_path, places) != edited_rule


@pytest.mark.parametrize("text, figure, metric_id", [
    ("The county's GDP rose 6.1 percent to 31.2 billion yuan.", "31.2 billion yuan", "gdp"),
    ("Its gross domestic product grew 5.4 percent.", "5.4 percent", "gdp"),
    ("Per capita GDP was 88,400 yuan.", "88,400 yuan", "gdp_per_capita"),
    ("The added value of the primary, secondary and tertiary industries was 2.1 billion yuan, 14.6 billion yuan "
     "and 17.3 billion yuan respectively.", "14.6 billion yuan", "secondary_industry_value_added"),
    ("The added value of the primary, secondary and tertiary industries was 2.1 billion yuan, 14.6 billion yuan "
     "and 17.3 billion yuan respectively.", "17.3 billion yuan", "tertiary_industry_value_added"),
    ("The added value of industrial enterprises above designated size grew 7.7 percent.", "7.7 percent",
     "industrial_value_added_above_size"),
    ("Fixed-asset investment rose 4.4 percent.", "4.4 percent", "fixed_asset_investment"),
    ("Nineteen projects were signed, bringing 8.3 billion yuan of fixed-asset investment.", "8.3 billion yuan", None),
    ("Total retail sales of social consumer goods reached 61.5 billion yuan.", "61.5 billion yuan", "retail_sales"),
    ("Online retail sales rose 11.2 percent.", "11.2 percent", "online_retail_sales"),
    ("Total imports and exports were 92.4 billion yuan.", "92.4 billion yuan", "imports_and_exports"),
    ("Exports grew 8.8 percent, while general trade imports and exports rose 3.1 percent.", "3.1 percent", None),
    ("Exports grew 8.8 percent.", "8.8 percent", "exports"),
    ("General public budget revenue reached 16.7 billion yuan.", "16.7 billion yuan", "general_budget_revenue"),
    ("Urban residents' per capita disposable income was 58,100 yuan.", "58,100 yuan",
     "urban_disposable_income_per_capita"),
    ("Rural residents' per capita disposable income stood at 29,900 yuan.", "29,900 yuan",
     "rural_disposable_income_per_capita"),
    ("Residents' per capita disposable income was 41,600 yuan.", "41,600 yuan", "disposable_income_per_capita"),
    ("The consumer price index rose 0.6 percent.", "0.6 percent", "cpi"),
    ("The resident population was 2.49 million.", "2.49 million", "resident_population"),
    ("The urbanization rate reached 63.8 percent.", "63.8 percent", "urbanization_rate"),
    ("Tourism revenue was 31.5 billion yuan.", "31.5 billion yuan", "tourism_revenue"),
    ("The county received 9.2 million tourists.", "9.2 million", "tourist_visits"),
    ("The gross ecosystem product was 388.1 billion yuan.", "388.1 billion yuan", "gep"),
])
def test_headline_statistics_map_to_canonical_metrics(text, figure, metric_id):
    assert one(text, figure, "metric_id") == metric_id


# --- kinds of phrasing from real articles that the first rules got wrong ----------------------------------

def test_a_year_before_a_comma_keeps_its_reading():
    text = "Compared with the level in 2019, 22.5 percentage points separate the two rates."
    assert read(text, "text", "value", "unit") == [("22.5 percentage points", 22.5, "percentage_point")]


def test_a_year_after_in_does_not_take_the_unit_of_the_range_after_it():
    text = "Spending is to rise from 2.6 percent of revenue in 2023 to 3.5 percent in 2027."
    assert read(text, "text", "value", "unit") == [("2.6 percent", 2.6, "percent"), ("3.5 percent", 3.5, "percent")]


def test_a_ratio_to_one_is_a_multiple():
    assert read("The urban-rural income ratio narrowed to 2.03:1.", "text", "value", "unit", "role") == [
        ("2.03:1", 2.03, "multiple", "level")]


def test_a_ratio_lower_than_the_same_period_is_a_fall():
    text = "The income ratio of urban to rural residents narrowed to 1.85, 0.04 lower than the same period of 2023."
    assert read(text, "text", "value", "unit", "role") == [("1.85", 1.85, "multiple", "level"),
                                                          ("0.04", -0.04, "multiple", "growth")]


def test_a_township_the_article_places_in_a_county_is_that_county():
    text = ("Officials visited Xikeng township in Lishui's Songyang county on Monday.\n"
            "Xikeng's tea income reached 12 million yuan last year.")
    assert one(text, "12 million yuan", "region") == "Songyang"


def test_a_headline_period_scopes_the_article():
    text = ("Qingtian's exports climb in Q1\nUpdated: Apr 21, 2023\n\n"
            "The county's exports reached 5.2 billion yuan, up 9.1 percent.\nImports fell 2.2 percent.")
    assert read(text, "text", "year", "period", "region") == [
        ("5.2 billion yuan", 2023, "Q1", "Qingtian"), ("9.1 percent", 2023, "Q1", "Qingtian"),
        ("2.2 percent", 2023, "Q1", "Qingtian")]


def test_the_province_is_the_province_the_article_is_about():
    text = ("Henan's output rises in H1\nUpdated: 2023-07-20\n\n"
            "The province's industrial added value grew 4.6 percent in the first half.")
    assert one(text, "4.6 percent", "region") == "Henan"


def test_the_figure_columns_are_the_extractors_own_everywhere(tmp_path):
    # FIGURES_SCHEMA is the one list of a figure's columns: raw.extract stores them (with the
    # extractor version and when), staging.extract adds the key, the transform and the gate read them
    from expectations.extract import COLUMNS
    from transforms.transform import INPUT

    types = {pl.String: "VARCHAR", pl.Int32: "INTEGER", pl.Float64: "DOUBLE", pl.Boolean: "BOOLEAN"}
    with wh.Warehouse(tmp_path / "w.duckdb").bootstrap().connect() as con:
        raw = dict(con.execute("select column_name, data_type from duckdb_columns() "
                               "where schema_name = 'raw' and table_name = 'extract'").fetchall())
    assert raw == {**{k: types[v] for k, v in FIGURES_SCHEMA.items()}, "extractor_version": "VARCHAR",
                   "extracted_at": "TIMESTAMP"}
    assert set(INPUT) == {"figure_id", "doc", "extractor_version", *FIGURES_SCHEMA} - {"seq"}
    assert set(COLUMNS) == {"figure_id", "doc", "extractor_version", "source_text", *FIGURES_SCHEMA}


# --- the one-pass scans: led by a character set, same matches as the patterns they replace ---------

def test_word_scan_finds_words_at_the_start_after_a_boundary_and_never_inside_a_word():
    from transforms.extract.scan import WordScan

    scan = WordScan(r"(will|plan(?:s to)?)(?![a-z])", "a-z")
    low = "will the plans to grow stick? willow planet, a plan. we will"
    reference = re.compile(r"(?<![a-z])(will|plan(?:s to)?)(?![a-z])")
    for a, b in [(0, len(low)), (4, len(low)), (5, 40), (30, len(low)), (len(low) - 4, len(low))]:
        result = [(m.start(1), m.group(1)) for m in scan.finditer(low, a, b)]
        expected = [(m.start(1), m.group(1)) for m in reference.finditer(low, a, b)]
        assert result == expected, (a, b)
    assert [m.group(1) for m in scan.finditer(low)] == ["will", "plans to", "plan", "will"]


def test_plan_cues_at_the_start_of_a_scanned_span_are_found():
    from transforms.extract.target import Cues

    low = "output rose. will the city build parks? it aims to."
    a = low.index("will")
    cues = Cues(low, [(a, len(low))])
    assert cues.strong == [a, low.index("aims")]


@pytest.mark.parametrize("text", [
    "GDP grew. Exports fell!! \"Imports rose.\" Then 5 more.\nA new line... and dots.... End.",
    "Co., Ltd. Mr. Li came. 3.5 percent? Yes!“Quote.” Next",
    "....................\n\n!!!?? A",
])
def test_sentence_boundaries_are_those_of_the_lookbehind_led_pattern(text):
    from transforms.extract.segment import _BOUNDARY

    lookbehind_led = re.compile(r"""\n|(?<![.!?。…])[.!?。…]++["”’)\]]*+(?=[ \t]+["“‘(\[]?[A-Z0-9])""")
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in lookbehind_led.finditer(text)]


def test_sentence_search_runs_the_pattern_only_where_a_needle_is():
    from transforms.extract.segment import layout, sentence_search

    text = "Parks will open next year. Sales rose 5 percent. The plan runs to 2025."
    low, lay, found = text.lower(), layout(text), {}
    pattern = re.compile(r"(?:next|this) year")
    hits = [sentence_search(low, s, pattern, ("year",), found) for s in lay.sentences]
    assert [h.group(0) if h else None for h in hits] == ["next year", None, None]
    absent = re.compile(r"respectively")
    assert [sentence_search(low, s, absent, ("respectively",), found) for s in lay.sentences] == [None, None, None]
    assert found[("respectively",)] == []


def test_a_read_leaves_no_cycles_and_the_collector_as_it_found_it():
    import gc

    text = ("Songyang's tea trade, January to May\n"
            "Tea sales came to 3.2 billion yuan, 8 percent more. Growers plan 40 new gardens by 2027.")
    assert extract_figures(text)
    gc.collect()
    gc.disable()
    try:
        extractor.read_document(text, trace=True)
        assert gc.collect() == 0  # reference counting freed the whole read
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
    extractor.read_document(text)
    assert gc.isenabled()


# --- tables -------------------------------------------------------------------------------

COUNTY_TABLE = """Economic performance of the counties, first quarter of 2024

| County | GDP (100 million yuan) | Growth (%) | Growth target 2024 (%) |
|---|---|---|---|
| Yunhe | 28.6 | 8.2 | 7.5 |
| Jinyun | 86.1 | -1.4 | 7 |

Note: growth at comparable prices.
"""


def test_a_table_reads_each_cell_with_its_row_and_column():
    result = read(COUNTY_TABLE, "text", "value", "unit", "role", "is_target", "year", "period", "region", "metric_id")
    expected = [
        ("28.6", 28.6e8, "CNY", "level", False, 2024, "Q1", "Yunhe", "gdp"),
        ("8.2", 8.2, "percent", "growth", False, 2024, "Q1", "Yunhe", "gdp"),
        ("7.5", 7.5, "percent", "growth", True, 2024, None, "Yunhe", "gdp"),
        ("86.1", 86.1e8, "CNY", "level", False, 2024, "Q1", "Jinyun", "gdp"),
        ("-1.4", -1.4, "percent", "growth", False, 2024, "Q1", "Jinyun", "gdp"),
        ("7", 7.0, "percent", "growth", True, 2024, None, "Jinyun", "gdp"),
    ]
    assert result == expected


def test_a_line_of_page_furniture_with_bars_is_no_table():
    text = "Lishui Daily | 2024-03-02 | Views: 1,204\n\nRetail sales grew 6.1 percent in January."
    assert read(text, "text") == [("6.1 percent",)]


def test_a_table_without_a_header_of_words_is_not_read():
    text = "Sales by month\n\n| 2023 | 2024 |\n| 41.2 | 44.0 |\n| 39.8 | 42.7 |"
    assert read(text, "text") == []


def test_a_verb_after_a_counted_plural_ends_its_noun():
    assert one("About 900 foreign-owned firms operate in the county.", "900", "counted", "metric") == (
        "firm", "number of firms")


def test_years_later_counts_from_a_year_two_paragraphs_back():
    text = ("Updated: Nov 5, 2024\n\nIn 2010 she moved to the valley with her husband.\n\n"
            "At first they had nothing but a rented shed.\n\n"
            "Fourteen years later, her workshop employs 85 people and sold 2 million yuan of tea last year.")
    assert read(text, "text", "year") == [("85", 2024), ("2 million yuan", 2023)]


def test_a_place_before_owned_or_investors_is_where_they_come_from():
    text = ("Jinyun county makes tools.\n\nIn the county, Wenzhou investors run 146 factories, and 120 "
            "Taizhou-owned firms operate there.")
    assert read(text, "text", "region") == [("146", "Jinyun"), ("120", "Jinyun")]


def test_a_table_aligned_by_spaces_is_read_like_a_table_between_pipes():
    text = ("Key indicators of the county, January-March 2025\n\n"
            "Indicator              Unit                First quarter    Growth (%)\n"
            "Exports                100 million yuan    36.2             -1.5\n"
            "Tourist visits         10,000              212              9.0\n")
    assert read(text, "text", "value", "unit", "role", "period") == [
        ("36.2", 3_620_000_000.0, "CNY", "level", "Q1"), ("-1.5", -1.5, "percent", "growth", "Q1"),
        ("212", 2_120_000.0, "count", "level", "Q1"), ("9.0", 9.0, "percent", "growth", "Q1")]


def test_a_decline_that_narrowed_is_a_rise_of_the_change():
    text = "Investment fell 2.2 percent, and the decline narrowed by 0.5 percentage points from the first quarter."
    assert one(text, "0.5 percentage points", "value", "role") == (0.5, "difference")


def test_a_month_that_opens_a_sentence_as_its_subject_dates_it():
    text = "Updated: Jun 3, 2025\nMarch was quiet. May brought 92,000 visits to the park."
    assert one(text, "92,000", "year", "period") == (2025, "M05")


def test_zhejiangs_lishui_named_as_such_in_a_text_about_nanjings_lishui():
    text = ("Lishui district of Nanjing, Jiangsu province, hosted a trade fair on Monday.\n\n"
            "Zhejiang's Lishui sent 40 firms, while Lishui district itself had 260 exhibitors.")
    assert read(text, "text", "region") == [("40", "Lishui"), ("260", "Nanjing-Lishui")]


def test_a_year_in_a_quotation_of_the_opening_words_does_not_frame_the_story():
    text = ("Old kilns get new life in a Zhejiang county\n\nSONGYANG, Zhejiang, Nov. 14 (Xinhua) -- Lan Fang still "
            "remembers when the old kiln was falling apart. \"In 2015 the roof fell in,\" she said.\n\n"
            "Today the kiln hosts 12 potters.\n\nThe county's kilns drew 50,000 visitors.")
    assert read(text, "text", "year") == [("12", None), ("50,000", None)]


def test_years_earlier_counts_back_from_the_year_named_before():
    text = "Updated: Feb 2, 2025\nIn 2024, online sales made up 41 percent of the total, compared with 9 percent six years earlier."
    assert read(text, "text", "year") == [("41 percent", 2024), ("9 percent", 2018)]


def test_last_weekend_and_this_season_are_of_the_publication_year():
    text = ("Updated: Feb 24, 2025\nThe park drew 1.1 million visitors last year. Tickets cost 40 yuan this season, "
            "and it sold 2,000 tickets last weekend.")
    assert read(text, "text", "year") == [("1.1 million", 2024), ("40 yuan", 2025), ("2,000", 2025)]


def test_a_past_clause_after_a_present_one_is_of_the_lead_year():
    text = ("Updated: Jun 5, 2025\nThe county's GEP reached 60 billion yuan in 2024.\n\n"
            "The figure is 2.5 times its GDP, and GEP per head was 300,000 yuan.")
    assert one(text, "300,000 yuan", "year") == 2024


def test_the_same_holiday_last_year_is_a_base_not_the_reports_year():
    text = ("Updated: 2025-10-09\n\nThe city received 4.1 million visits during the holiday, up 9 percent from the same "
            "holiday last year.\n\nTourism revenue reached 3.2 billion yuan.")
    assert read(text, "text", "year") == [("4.1 million", 2025), ("9 percent", 2025), ("3.2 billion yuan", 2025)]


def test_the_city_of_a_text_about_a_province_is_the_city_named_before():
    text = ("Zhejiang had 3.6 million private firms in 2024.\n\n"
            "In Quzhou, private firms made up 61 percent of the economy. The city added 9,000 firms last year.")
    assert one(text, "9,000", "region") == "Quzhou"
    assert one(text.replace("Quzhou", "Lishui"), "9,000", "region") == "Lishui"


def test_a_present_standing_fact_is_not_dated_by_an_earlier_sentence():
    text = ("Updated: Mar 2, 2024\nExports reached 2 billion yuan in 2023. The county has 900 firms above "
            "designated size, and 120 of them are exporters.")
    assert read(text, "text", "year") == [("2 billion yuan", 2023), ("900", 2024), ("120", 2024)]


def test_last_year_counts_from_the_year_of_the_period_a_lead_reports():
    text = ("HANGZHOU, May 20 (Xinhua) -- By the end of April 2025, banks in the city had lent 41 billion yuan.\n\n"
            "A grower received a loan of 200,000 yuan last year.")
    assert read(text, "text", "year") == [("41 billion yuan", 2025), ("200,000 yuan", 2024)]


def test_a_line_broken_inside_a_sentence_reads_as_one_sentence():
    text = ("The added value of the primary industry was 1.21\nbillion yuan, up 3.6%. Output of the metal industry grew\n"
            "15.4%.\n\n- 1 -\n\nII. Industry")
    assert read(text, "text", "value", "unit", "role") == [
        ("1.21\nbillion yuan", 1_210_000_000.0, "CNY", "level"), ("3.6%", 3.6, "percent", "growth"),
        ("15.4%", 15.4, "percent", "growth")]


def test_chinese_scale_and_unit_after_a_number():
    assert read("In 2024 the county's GDP was 2067亿元, and each farmer earned 3.5万元.", "text", "value", "unit") == [
        ("2067亿元", 206_700_000_000.0, "CNY"), ("3.5万元", 35_000.0, "CNY")]


def test_a_headline_of_figures_between_bars_is_no_page_furniture():
    text = "GDP +6.2% | Exports +15.3% | Retail sales +4.9%\nLishui's 2024 at a glance\n\nThe city grew fast."
    assert read(text, "text", "role", "year") == [("6.2%", "growth", 2024), ("15.3%", "growth", 2024),
                                                  ("4.9%", "growth", 2024)]


def test_a_place_in_a_relative_clause_closed_before_the_figure_is_not_its_place():
    text = ("The company, which employs 2,300 people in Lishui's development zone, plans to invest 800 million yuan "
            "in a new base in Liandu district by 2027.")
    assert one(text, "800 million yuan", "region") == "Liandu"


def test_a_date_line_under_a_headline_is_not_joined_to_it():
    text = ("Qingtian's exports climb 8.2 percent in the first half\n2025-07-20 09:15  Source: County News\n"
            "The county's exports reached 3.1 billion yuan.")
    assert read(text, "text", "role", "year", "period") == [("8.2 percent", "growth", 2025, "H1"),
                                                          ("3.1 billion yuan", "level", 2025, "H1")]


def test_a_fall_written_as_a_noun_after_the_percentage_is_negative():
    text = "Investment fell 2.7% in the quarter, dragged by a 14% slump in property spending and a 3% dip in roads."
    assert read(text, "text", "value", "role") == [("2.7%", -2.7, "growth"), ("14%", -14.0, "growth"),
                                                   ("3%", -3.0, "growth")]


def test_falling_short_of_a_goal_is_not_a_fall():
    text = "Retail sales rose 4.7 percent, falling short of the 6 percent goal."
    assert read(text, "text", "value", "is_target") == [("4.7 percent", 4.7, False), ("6 percent", 6.0, True)]


def test_a_bound_in_a_table_cell_is_a_figure_with_its_side():
    text = "| Indicator | 2025 | 2030 |\n| Forest coverage (%) | 81.2 | >81 |\n| Unemployment rate (%) | 2.9 | <3.5 |"
    assert read(text, "text", "value", "approx") == [("81.2", 81.2, "exact"), ("81", 81.0, "over"),
                                                     ("2.9", 2.9, "exact"), ("3.5", 3.5, "under")]


def test_the_zhejiang_city_in_a_text_that_reads_lishui_as_nanjings_is_the_home_city():
    text = ("Two Lishuis\n\nNANJING -- Nanjing's Lishui district shares its name with a city in Zhejiang.\n"
            "The Zhejiang city reported GDP of 212.5 billion yuan last year. Nanjing's Lishui district produced "
            "125.6 billion yuan.")
    assert read(text, "text", "region") == [("212.5 billion yuan", "Lishui"), ("125.6 billion yuan", "Nanjing-Lishui")]


def test_a_word_hyphenated_across_a_line_break_is_read_whole():
    text = "Industrial investment grew 25.3 per-\ncent, and year-\non-year exports rose 14.5 percent."
    assert read(text, "text", "value", "unit") == [("25.3 per-\ncent", 25.3, "percent"),
                                                   ("14.5 percent", 14.5, "percent")]


def test_a_list_of_targets_broken_after_a_semicolon_stays_one_sentence():
    text = ("The main expected targets for 2026 are: GDP growth of about 6.5 percent;\n"
            "investment growth of 5 percent; and a rise in incomes.")
    assert read(text, "text", "is_target", "year") == [("6.5 percent", True, 2026), ("5 percent", True, 2026)]


def test_over_the_past_year_opening_a_sentence_of_a_dated_text_is_last_year():
    text = "Updated: Jan 8, 2026\nOver the past year, the county's GDP reached 17.96 billion yuan."
    assert read(text, "text", "year") == [("17.96 billion yuan", 2025)]


def test_the_past_year_of_a_report_titled_with_its_year_is_the_year_before():
    text = "Yunhe County Government Work Report 2026\n\nOver the past year, the county's GDP reached 17.96 billion yuan."
    assert read(text, "text", "year") == [("17.96 billion yuan", 2025)]


def test_the_past_year_under_a_review_of_a_year_is_that_year():
    text = ("Report on the Work of the Government\n\nI. Review of Work in 2023\n\n"
            "Over the past year, the city's GDP grew 6.3 percent, and incomes reached 55,100 yuan.")
    assert read(text, "text", "year") == [("6.3 percent", 2023), ("55,100 yuan", 2023)]


def test_a_dateline_of_a_place_outside_the_gazetteer_makes_it_the_documents_place():
    text = ("Across the border, a neighbor grows bamboo\n\nNANPING, Fujian -- Nanping, the northernmost city of "
            "Fujian, borders Lishui's Qingyuan and Longquan. Its economy grew 5.9 percent.\n\n"
            "The city has 8.7 million mu of bamboo forest. Qingyuan bought 36,000 tons of Nanping bamboo.")
    assert read(text, "text", "region") == [("5.9 percent", "Other"), ("8.7 million mu", "Other"),
                                            ("36,000 tons", "Qingyuan")]


def test_the_province_as_a_whole_after_while_is_the_subject_of_its_clause():
    text = "Quzhou grew 6.8 percent in Q1 2026. Lishui grew 6.4 percent, while the province as a whole grew 5.7 percent."
    assert read(text, "text", "region") == [("6.8 percent", "Quzhou"), ("6.4 percent", "Lishui"),
                                            ("5.7 percent", "Zhejiang")]


def test_a_margin_is_a_share_not_the_growth_before_it():
    text = "Revenue rose 5.4 percent, and the profit margin on revenue was 6.28 percent, 0.22 percentage points higher."
    assert read(text, "text", "role") == [("5.4 percent", "growth"), ("6.28 percent", "share"),
                                          ("0.22 percentage points", "difference")]


def test_the_time_of_a_change_a_figure_followed_dates_only_that_change():
    text = ("Updated: Jun 11, 2025\nConsumer prices fell 0.2 percent in May, after falling 0.1 percent in April, and "
            "were down 0.3 percent month-on-month.")
    assert read(text, "text", "value", "period") == [("0.2 percent", -0.2, "M05"), ("0.1 percent", -0.1, "M04"),
                                                     ("0.3 percent", -0.3, "M05")]


def test_a_county_the_text_places_in_another_city_is_that_citys():
    text = ("Anji's bamboo\n\nANJI, Zhejiang -- Anji county in Huzhou turned bamboo into products worth 18.2 billion "
            "yuan last year.\n\nAnji has about 2,400 bamboo companies. Lishui's Longquan processed 420,000 tons.")
    assert read(text, "text", "region") == [("18.2 billion yuan", "Huzhou"), ("2,400", "Huzhou"),
                                            ("420,000 tons", "Longquan")]


def test_a_city_the_text_places_in_another_province_is_other():
    text = ("Huangshan's tourism booms\n\nHEFEI, Nov 5 -- Huangshan city in Anhui province received 77.6 million visits in "
            "the first three quarters, the city's tourism bureau said. Tourism revenue reached 68.4 billion yuan.\n\n"
            "Visitors from Zhejiang made up 26 percent of the total.")
    assert read(text, "text", "region") == [("77.6 million", "Other"), ("68.4 billion yuan", "Other"),
                                            ("26 percent", "Other")]


def test_a_district_the_text_places_in_another_city_is_that_citys():
    text = ("Updated: 2025-09-15\n\nBinjiang district of Hangzhou has helped Jingning county build a park. Binjiang's GDP "
            "was 250.2 billion yuan in 2024. Jingning's rural residents earned 30,760 yuan each.")
    assert read(text, "text", "region") == [("250.2 billion yuan", "Hangzhou"), ("30,760 yuan", "Jingning")]


def test_the_date_of_a_wire_dateline_does_not_date_the_lead_that_names_its_year():
    text = ("Shaanxi's output grows\n\nXI'AN, Feb. 3, 2026 (Xinhua) -- Northwest China's Shaanxi province reported an "
            "industrial output of 1.2 trillion yuan (about 167 billion U.S. dollars) for 2025, up 6.2 percent.")
    assert read(text, "text", "year") == [("1.2 trillion yuan", 2025), ("167 billion U.S. dollars", 2025),
                                          ("6.2 percent", 2025)]


def test_a_period_without_a_year_in_an_undated_text_is_of_its_headlines_year():
    text = ("Jinyun's factories make a brisk start to 2026\n\nJinyun county's industrial output rose 9.1 percent in the "
            "first quarter of the year. Last year, it exceeded 40 billion yuan.")
    assert read(text, "text", "year", "period") == [("9.1 percent", 2026, "Q1"), ("40 billion yuan", 2025, None)]


def test_minus_written_as_a_word_signs_the_value():
    text = "In 2025 the county's birth rate was 5.1 per thousand and its natural growth rate minus 1.4 per thousand."
    assert read(text, "text", "value") == [("5.1 per thousand", 5.1), ("1.4 per thousand", -1.4)]


def test_a_standing_fact_in_the_present_before_a_lead_in_the_past_is_of_the_publication_year():
    text = ("Updated: 2025-03-04\n\nIn a valley of Suichang county, Wu Jian leases 40 mu of orchards and hopes for a good "
            "harvest this summer.\n\nThe valley's growers earned 52 million yuan last year, up 9 percent.")
    assert read(text, "text", "year") == [("40 mu", 2025), ("52 million yuan", 2024), ("9 percent", 2024)]


def test_a_second_comparison_after_and_is_of_the_subject_not_of_the_first_benchmarks_place():
    text = ("Updated: 2026-02-06\nIn 2025, Jinyun's GDP grew 7.1 percent, 0.5 percentage points higher than Lishui's "
            "average and 1.6 points above Zhejiang's.")
    assert read(text, "text", "region") == [("7.1 percent", "Jinyun"), ("0.5 percentage points", "Jinyun"),
                                            ("1.6 points", "Jinyun")]


def test_a_city_explained_by_an_apposition_in_another_province_is_other_and_the_documents_place():
    text = ("Shangrao draws crowds\n\nNANCHANG, Apr. 8, 2025 -- Shangrao, a prefecture-level city in east China's "
            "Jiangxi province, received 3.2 million visits in March. Hotel revenue rose 14 percent.\n\nNearby Quzhou "
            "in Zhejiang received 2.1 million visits.")
    assert read(text, "text", "region") == [("3.2 million", "Other"), ("14 percent", "Other"),
                                            ("2.1 million", "Quzhou")]


def test_a_province_after_with_and_before_at_a_value_is_the_subject_of_that_value():
    text = ("Updated: 2025-11-02\nHuangshan city in Anhui province drew 52 million visits in 2025, with Jiangsu the "
            "second-largest source at 17 percent.")
    assert one(text, "17 percent", "region") == "Jiangsu"


def test_the_place_overtaken_and_the_place_a_gap_is_with_are_not_the_subject():
    text = ("Updated: 2026-08-01\nIn the first half, Lishui overtook Quzhou for tenth place. Its gap with Quzhou swung "
            "from a shortfall of 5.2 billion yuan a year earlier to a lead of 1.7 billion yuan.")
    assert read(text, "text", "role", "region", "year") == [
        ("tenth", "rank", "Lishui", 2026), ("5.2 billion yuan", "difference", "Lishui", 2025),
        ("1.7 billion yuan", "difference", "Lishui", 2026)]
    assert one(text, "1.7 billion yuan", "period") == "H1"


def test_the_period_of_a_base_after_than_that_from_does_not_frame_the_next_sentence():
    text = ("Jinhua's economy, January to October 2025\n\nFrom January to October, industrial output rose 6.9%, 0.3 "
            "percentage points higher than that from January to September. Machinery output grew by 9.2%.")
    assert read(text, "text", "period") == [("6.9%", "M01-M10"), ("0.3 percentage points", "M01-M10"),
                                            ("9.2%", "M01-M10")]


def test_a_place_known_only_as_outside_takes_the_city_the_text_puts_it_in_neighboring():
    text = ("Updated: 2025-06-10\n\nMany of Jinyun's workers once went to the shoe factories of Wenling in neighboring "
            "Taizhou. Wenling's factories employed 86,000 people in 2024.")
    assert one(text, "86,000", "region") == "Taizhou"


def test_the_province_of_a_text_about_a_port_is_the_one_its_cities_are_in_not_a_rival_named_once():
    text = ("Ningbo-Zhoushan Port keeps its lead\n\nHANGZHOU, Jan. 9, 2026 -- Ningbo-Zhoushan Port handled 41.2 million "
            "TEUs in 2025, "
            "third after Shanghai and Singapore. Zhejiang's ports handled 2.03 billion tons of cargo. The province's "
            "inland ports moved 96 million tons.")
    assert one(text, "96 million tons", "region") == "Zhejiang"


def test_a_place_that_followed_with_a_value_is_the_subject_of_its_clause():
    text = ("Updated: 2025-07-28\nIn the first half, Jiangsu led with 6.68 trillion yuan, up 5.7 percent; Zhejiang "
            "followed with 4.47 trillion yuan, up 5.8 percent.")
    assert read(text, "text", "region") == [("6.68 trillion yuan", "Jiangsu"), ("5.7 percent", "Jiangsu"),
                                            ("4.47 trillion yuan", "Zhejiang"), ("5.8 percent", "Zhejiang")]


def test_a_headline_place_followed_by_visitors_is_where_they_come_from_not_the_subject():
    text = ("Hangzhou visitors crowd Songyang's old villages\n\nUpdated: 2025-08-02\n\nSongyang county received 2.1 "
            "million visits in July. About 40 percent of the visitors came from Hangzhou. Hangzhou itself received "
            "21 million visits.")
    assert read(text, "text", "region") == [("2.1 million", "Songyang"), ("40 percent", "Songyang"),
                                            ("21 million", "Hangzhou")]


def test_a_month_abbreviation_after_a_surname_is_a_given_name_not_a_month():
    text = ("Lishui's economy, first three quarters of 2025\n\nHost: How did consumption do?\n\nZhou Jun: Retail sales "
            "reached 124.6 billion yuan, up 4.8 percent. Sales rose 5.1 percent (Sep: +5.6%).")
    assert read(text, "text", "period") == [("124.6 billion yuan", "M01-M09"), ("4.8 percent", "M01-M09"),
                                            ("5.1 percent", "M01-M09"), ("5.6%", "M09")]


def test_a_table_whose_first_column_numbers_its_rows_takes_units_from_the_label_after_it():
    text = ("Jinyun's plan (2026-2030)\n\n| No. | Indicator | 2025 | 2030 target |\n"
            "| 1 | Exports (billion yuan) | 21.5 | 30 |\n| 2 | Forest coverage (%) | 64.2 | 64.5 |")
    assert read(text, "text", "value", "unit", "is_target") == [
        ("21.5", 21.5e9, "CNY", False), ("30", 30e9, "CNY", True), ("64.2", 64.2, "percent", False),
        ("64.5", 64.5, "percent", True)]


def test_a_county_compared_with_the_citys_average_after_above_keeps_its_own_place():
    text = ("Longquan, January-June 2026\n\n* GDP: 15.8 billion yuan, up 6.9%, 0.4 percentage points above Lishui's "
            "average")
    assert [r for _, r in read(text, "text", "region")] == ["Longquan", "Longquan", "Longquan"]


def test_a_text_about_nanjing_itself_reads_the_city_as_nanjing_and_its_lishui_district_apart():
    text = ("Nanjing's economy grows 5.3% in 2025\n\nNANJING -- Nanjing reported GDP of 1.91 trillion yuan for 2025. Lishui "
            "District grew 6.3 percent, the fastest of its districts. The city's retail sales rose 3.9 percent.")
    assert read(text, "text", "region") == [("5.3%", "Nanjing"), ("1.91 trillion yuan", "Nanjing"),
                                            ("6.3 percent", "Nanjing-Lishui"), ("3.9 percent", "Nanjing")]


def test_the_county_after_a_county_of_another_city_is_that_citys():
    text = ("Updated: 2025-06-16\nAnji county in Huzhou sold 2.1 billion yuan of white tea. The county's tea industry "
            "employs 200,000 people. Songyang county in Lishui sold 6.3 billion yuan of tea.")
    assert read(text, "text", "region") == [("2.1 billion yuan", "Huzhou"), ("200,000", "Huzhou"),
                                            ("6.3 billion yuan", "Songyang")]


def test_where_the_buyers_of_a_sale_are_is_not_the_sellers_place():
    text = ("Updated: 2026-01-06\nLONGQUAN, Zhejiang -- In 1985 his father opened a sword workshop with four "
            "apprentices, selling about 200 swords a year, mostly to martial arts schools in Hangzhou and Shanghai.")
    assert read(text, "text", "region") == [("four", "Longquan"), ("200", "Longquan")]


def test_a_multiple_after_a_count_of_cities_qualifies_the_figure_before_that_count():
    text = ("Jiaxing's H1\n\nUpdated: 2026-07-28\n\nJiaxing's rural income per head, 32,480 yuan, was the highest "
            "among Zhejiang's 11 cities, about 1.4 times that of Lishui (23,190 yuan).")
    assert read(text, "text", "role", "region") == [
        ("32,480 yuan", "level", "Jiaxing"), ("11", "level", "Zhejiang"), ("1.4 times", "difference", "Jiaxing"),
        ("23,190 yuan", "benchmark", "Lishui")]


def test_a_count_restated_as_a_share_after_comma_or_keeps_its_own_unit():
    text = "At the end of 2025, people aged 60 and above numbered 612,000, or 24.3 percent of the population."
    assert read(text, "text", "unit", "role") == [("612,000", "count", "level"), ("24.3 percent", "percent", "share")]


def test_last_april_is_the_latest_april_before_the_month_a_text_was_written_in():
    text = ("Updated: 2026-04-02\nAt the festival last April, the stall took orders worth 260,000 yuan. Next March it "
            "hopes to sell 300,000 yuan.")
    assert read(text, "text", "year", "period") == [("260,000 yuan", 2025, "M04"), ("300,000 yuan", 2027, "M03")]


def test_the_city_a_district_is_compared_with_does_not_place_the_next_sentence():
    text = ("Liandu District, first quarter of 2026\n\nIndustrial output grew 11.7%, 1.9 percentage points higher than "
            "the city. Investment decreased by 3.6%.")
    assert [r for _, r in read(text, "text", "region")] == ["Liandu", "Liandu", "Liandu"]


def test_a_place_that_grows_a_crop_on_an_area_states_a_standing_fact():
    text = ("Updated: 2026-02-14\nLishui District of Nanjing grows strawberries on about 30,000 mu. Last year the crop "
            "was worth 1.1 billion yuan.")
    assert read(text, "text", "year") == [("30,000 mu", 2026), ("1.1 billion yuan", 2025)]


def test_a_wire_story_dated_only_by_month_reports_a_finished_year_from_the_next():
    text = ("Wenzhou's exports climb 7 percent in 2025\n\nWENZHOU, Feb 2 (Xinhua) -- Wenzhou exported goods worth 301 "
            "billion yuan in 2025, up 7 percent, the city's customs said.\n\nIts airport served 14 million travellers "
            "last year.")
    assert read(text, "text", "year") == [("7 percent", 2025), ("301 billion yuan", 2025), ("7 percent", 2025),
                                          ("14 million", 2025)]


def test_a_wire_story_on_a_plan_counts_last_year_from_the_plans_year():
    text = ("Anhui targets 5.5% growth in 2026\n\nHEFEI, Jan 27 (Xinhua) -- Anhui set its 2026 growth target at around "
            "5.5 percent.\n\nLast year, its GDP grew 5.7 percent.")
    assert read(text, "text", "year") == [("5.5%", 2026), ("5.5 percent", 2026), ("5.7 percent", 2025)]


def test_the_towns_young_people_left_for_do_not_place_the_figures_after_them():
    text = ("Updated: 2026-05-04\nIn Songyang, a village wins its young back\n\nXIAOSHAN, Songyang -- A decade ago the "
            "village had 800 residents. \"Before, our young people all left for Ningbo or Hangzhou,\" said the village "
            "head. \"Now 41 of them are back.\"")
    assert read(text, "text", "region") == [("800", "Songyang"), ("41", "Songyang")]


def test_the_pace_a_growth_rate_fell_from_is_no_fall():
    text = "Exports grew 4.9 percent in the third quarter, down from 7.3 percent in the second quarter of 2026."
    assert read(text, "text", "value", "role") == [("4.9 percent", 4.9, "growth"), ("7.3 percent", 7.3, "growth")]


def test_a_community_named_after_its_home_lives_where_its_possessive_says():
    text = ("Updated: 2026-03-09\nWenzhou, Zhejiang -- France's Wenzhou community numbers about 120,000, and Wenzhou "
            "itself has 9.8 million residents.")
    assert read(text, "text", "region") == [("120,000", "Other"), ("9.8 million", "Wenzhou")]


def test_a_fall_narrowing_by_some_points_eased_and_a_base_change_keeps_its_month():
    text = ("Updated: 2026-12-04\nProducer prices fell 2.3 percent in November, narrowing by 0.4 percentage points from "
            "October. Consumer prices rose 0.6 percent, compared with a 0.1 percent increase in October. Food prices "
            "rose 1.2 percent.")
    assert read(text, "text", "value", "period") == [
        ("2.3 percent", -2.3, "M11"), ("0.4 percentage points", 0.4, "M11"), ("0.6 percent", 0.6, "M11"),
        ("0.1 percent", 0.1, "M10"), ("1.2 percent", 1.2, "M11")]


def test_a_lead_that_compares_a_month_with_a_year_before_frames_the_story():
    text = ("Mushroom trade picks up in Qingyuan\n\nBy Lin Tao | 2026-11-06\n\nQINGYUAN, Lishui - The county's fungi "
            "market traded 9,200 tons in October, up 4.8 percent from the same month last year, traders said.\n\n"
            "Dried shiitake made up 62 percent of the volume, and the average price was 68 yuan per kilogram.")
    assert read(text, "text", "year", "period") == [("9,200 tons", 2026, "M10"), ("4.8 percent", 2026, "M10"),
                                                    ("62 percent", 2026, "M10"), ("68 yuan", 2026, "M10")]


def test_last_year_and_this_year_as_section_headings_frame_the_paragraphs_under_them():
    text = ("Key figures of Jinyun's 2026 work report\n\nJinyun Daily | 2026-01-21\n\nThe county head delivered the "
            "annual government work report to the county's people's congress on Tuesday morning.\n\nLast year\n\n"
            "The county's GDP rose 7.2 percent to 38.7 billion yuan, the fastest pace among the nine counties.\n\n"
            "This year\n\nThe county aims for growth of about 7 percent, with industry and tourism leading.")
    assert read(text, "text", "year", "is_target") == [("7.2 percent", 2025, False), ("38.7 billion yuan", 2025, False),
                                                       ("7 percent", 2026, True)]


def test_a_rise_after_a_fall_in_the_same_sentence_is_positive():
    text = ("Shangrao's solar revenue was 128 billion yuan in 2025, down 8.1 percent as prices fell, while its car "
            "industry grew 22.6 percent.")
    assert read(text, "text", "value") == [("128 billion yuan", 128e9), ("8.1 percent", -8.1), ("22.6 percent", 22.6)]


def test_the_first_rise_this_year_keeps_the_releases_period():
    text = ("Lishui's investment, January-September 2026\n\nUpdated: 2026-10-25\n\nFrom January to September, "
            "investment grew 5.4 percent. Private investment grew 3.1 percent, the first increase this year.")
    assert read(text, "text", "year", "period") == [("5.4 percent", 2026, "M01-M09"), ("3.1 percent", 2026, "M01-M09")]


def test_an_undated_text_is_dated_by_when_its_lead_source_spoke():
    text = ("Harbour traffic climbs\n\nThe port moved 8.2 million tonnes of goods in the first six months of this year, up "
            "4 percent, the port authority said in July 2024.\n\nLast year it moved 15 million tonnes.")
    assert read(text, "text", "year", "period") == [("8.2 million tonnes", 2024, "H1"), ("4 percent", 2024, "H1"),
                                                    ("15 million tonnes", 2023, None)]


def test_the_year_of_a_starting_value_dates_no_period_after_it():
    text = ("Updated: Oct 9, 2025\nThe town now has 64 bakeries, up from 52 in 2024. Their sales rose 12 percent in the "
            "first nine months.")
    assert read(text, "text", "year", "period") == [("64", 2025, None), ("52", 2024, None),
                                                    ("12 percent", 2025, "M01-M09")]


def test_a_wire_dateline_closed_by_one_hyphen_dates_the_story():
    text = ("Orchards pay off\n\nSUICHANG, Zhejiang, Aug 4, 2025 - The county's kiwi growers sold 9,400 tonnes of fruit "
            "last year. It now has 3,100 growers.")
    assert read(text, "text", "year") == [("9,400 tonnes", 2024), ("3,100", 2025)]


def test_the_city_after_a_sentence_opening_with_another_city_is_that_city():
    text = ("Updated: Apr 9, 2026\nJinyun and Quzhou both make tools. Quzhou's toolmakers are older. The city has "
            "3,400 of them, about twice as many as Jinyun.")
    assert read(text, "text", "region", "role") == [("3,400", "Quzhou", "level"), ("twice", "Quzhou", "difference")]


def test_a_list_of_bare_numbers_takes_the_unit_of_its_last():
    text = ("Updated: Jul 30, 2026\nYunhe, Jingning and Suichang grew 5.5, 4.7 and 3.9 percent respectively in the first "
            "half, all below the city's 6.0 percent.")
    assert read(text, "text", "unit", "role", "region") == [
        ("5.5", "percent", "growth", "Yunhe"), ("4.7", "percent", "growth", "Jingning"),
        ("3.9 percent", "percent", "growth", "Suichang"), ("6.0 percent", "percent", "benchmark", "Lishui")]


def test_a_participles_aside_dates_nothing_after_it():
    text = "Updated: May 4, 2026\nThe old mill, restored in 2021 with 30 million yuan, houses 14 studios."
    assert read(text, "text", "year") == [("30 million yuan", 2021), ("14", 2026)]


def test_what_a_speaker_says_we_must_reach_is_a_goal():
    text = ("Updated: Jan 8, 2026\nThis year we must keep growth at about 6 percent and make sure exports grow by more "
            "than 8 percent.")
    assert read(text, "text", "is_target", "year") == [("6 percent", True, 2026), ("8 percent", True, 2026)]


def test_money_spent_to_make_sure_of_something_is_reported():
    text = "Updated: May 2, 2026\nLast year the county spent 2 billion yuan to make sure every village has a road."
    assert read(text, "text", "is_target", "year") == [("2 billion yuan", False, 2025)]


def test_a_source_line_at_the_end_dates_the_text():
    text = ("Songyang's spring: tea sales up 9%\n\nIn the first quarter, the county's tea sales rose 9 percent to 2.1 "
            "billion yuan, as buyers from Shanghai, Hangzhou and Ningbo came early for the first picking of the "
            "season and the county's growers opened their gardens to visitors.\n\nThe county's trading hall, rebuilt "
            "over the winter, is open every morning from six until noon.\n\n(Source: Songyang News, 2026-04-18)")
    assert read(text, "text", "year", "period") == [("9%", 2026, "Q1"), ("9 percent", 2026, "Q1"),
                                                    ("2.1 billion yuan", 2026, "Q1")]


def test_the_city_a_dateline_names_after_its_county_places_no_figure():
    text = "SUICHANG, Lishui - A gold-mine park drew 91,000 visitors to Suichang over the holiday, the county said."
    assert read(text, "text", "region") == [("91,000", "Suichang")]


def test_the_base_of_than_in_a_place_is_no_subject_of_the_next_sentence():
    text = ("Updated: Oct 2, 2026\nJINGNING - A bowl of noodles costs 12 yuan here, less than in Wenzhou. Noodle shops "
            "make up about a third of the town's restaurants.")
    assert read(text, "text", "region") == [("12 yuan", "Jingning"), ("a third", "Jingning")]
