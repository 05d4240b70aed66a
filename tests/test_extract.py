"""The extractor on real sentences: what is a figure, its value, unit and context."""
import polars as pl
import pytest

from transforms.extract import FIGURES_SCHEMA, extract, extract_figures
from transforms.transform import transform

FIELDS = ("text", "value", "unit")


def read(text: str, *fields: str) -> list[tuple]:
    """The figures of `text` through extraction and the transform, as tuples of `fields`."""
    fields = fields or FIELDS
    docs = pl.DataFrame({"sha256": ["s"], "text": [text]})
    extracted = extract(docs).with_columns(
        figure_id=pl.format("d#{}-{}", "char_start", "char_end"), doc=pl.lit("d"), extractor_version=pl.lit("t"))
    staged = transform(extracted)
    return [tuple(row) for row in staged.select(fields).rows()]


def test_money_with_scale_words():
    assert read("In 2024, Lishui achieved a total added value of 471.78 billion yuan from industries above "
                "designated size.") == [("471.78 billion yuan", 471.78e9, "CNY")]


def test_percent_growth_and_percentage_points():
    text = ("marking a year-on-year increase of 9.3% — ranking fifth in the province and 1.8 percentage points "
            "higher than the provincial average (7.5%).")
    assert read(text, "text", "value", "unit", "role", "region") == [
        ("9.3%", 9.3, "percent", "growth", "Lishui"),
        ("fifth", 5.0, "rank", "rank", "Lishui"),
        ("1.8 percentage points", 1.8, "percentage_point", "difference", "Lishui"),
        ("7.5%", 7.5, "percent", "benchmark", "Zhejiang"),
    ]


def test_coordinated_numbers_share_the_unit():
    text = "surpassing national and provincial averages by 1.9 and 1.3 percentage points respectively."
    assert read(text) == [("1.9", 1.9, "percentage_point"), ("1.3 percentage points", 1.3, "percentage_point")]


def test_counts_with_their_counted_noun():
    text = "attracting the first batch of 40 partnership projects, with 27 large-scale enterprises in the chain."
    assert read(text, "text", "value", "unit", "counted") == [
        ("40", 40.0, "count", "project"), ("27", 27.0, "count", "enterprise")]


def test_hyphenated_and_spelled_numbers():
    text = ("cultivating a 10-billion-yuan TCM health industry cluster. Fifty-two contiguous low-efficiency "
            "plots were cleared, and Longquan's mushroom industry accounts for one-third of the city's output.")
    assert read(text, "text", "value", "unit", "role") == [
        ("10-billion-yuan", 1e10, "CNY", "level"),
        ("Fifty-two", 52.0, "count", "level"),
        ("one-third", 33.333, "percent", "share"),
    ]


def test_qualifiers_set_approx():
    text = ("with total investments exceeding 20 billion yuan, nearly 400,000 residents, an increase of about 5% "
            "and over 800 shared talents.")
    assert read(text, "text", "approx") == [
        ("20 billion yuan", "over"), ("400,000", "under"), ("5%", "about"), ("800", "over")]


def test_dates_years_durations_and_labels_are_not_figures():
    text = ("On June 13, the company, founded four years ago, joined the “1315” industrial chains and the "
            "“5+5” system under the 14th Five-Year Plan in 2024, with Class 100 clean rooms for 18 consecutive years.")
    assert read(text) == []


def test_targets():
    text = ("The e-scooters will mainly export to Europe, with a target of exceeding 100 million yuan in export "
            "sales. Last year the company sold 2 million yuan.")
    assert read(text, "text", "is_target") == [("100 million yuan", True), ("2 million yuan", False)]


def test_year_and_period_from_the_sentence_and_paragraph():
    text = ("Lishui recorded a 6.9% year-on-year increase in GDP in the first half of 2024.\n"
            "In 2024, Lishui secured 223 million yuan in funds. The city earned 69 national honors.")
    assert read(text, "text", "year", "period") == [
        ("6.9%", 2024, "H1"), ("223 million yuan", 2024, None), ("69", 2024, None)]


def test_region_of_counties_and_nanjing_lishui():
    assert read("In Jinyun County, 27 large-scale enterprises are in the supply chain.", "region") == [("Jinyun",)]
    nanjing = "Lishui District of Nanjing organized more than 40 investment activities."
    assert read(nanjing, "text", "region", "approx") == [("40", "Nanjing-Lishui", "over")]


def test_offsets_point_at_the_figure_text():
    text = "“Quoted” text: exports rose 12.5% to 3.2 billion yuan (RMB) in Qingtian."
    for figure in extract_figures(text):
        assert text[figure["char_start"]:figure["char_end"]] == figure["text"]


def test_extract_returns_the_raw_schema_even_when_empty():
    frame = extract(pl.DataFrame({"sha256": ["s"], "text": ["No numbers here."]}))
    assert frame.is_empty()
    assert frame.schema == pl.Schema(FIGURES_SCHEMA)


@pytest.mark.parametrize("text, expected", [
    ("a year-on-year decrease of 0.4%", [("0.4%", -0.4, "percent")]),
    ("sales fell 3.2% year-on-year", [("3.2%", -3.2, "percent")]),
    ("47.23 billion yuan ($6.52 billion)", [("47.23 billion yuan", 47.23e9, "CNY"), ("$6.52 billion", 6.52e9, "USD")]),
    ("the output value surged 1,765-fold", [("1,765-fold", 1765.0, "multiple")]),
])
def test_regressions(text, expected):
    assert read(text) == expected
