"""The transform stage: extracted figures -> typed, normalised rows (pure Polars)."""
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.transform import METRICS_SCHEMA, SCHEMA, transform
from warehouse import seed

METRICS = seed("dim_metric")
REGIONS = seed("dim_region")


def extracted(**columns) -> pl.DataFrame:
    """One extracted row per position of the given columns; unspecified ones get defaults."""
    n = len(next(iter(columns.values())))
    base = {
        "figure_id": [f"a.txt#{i}-{i + 1}" for i in range(n)],
        "doc": ["a.txt"] * n, "doc_sha256": ["s"] * n, "seq": list(range(n)),
        "char_start": list(range(n)), "char_end": [i + 1 for i in range(n)],
        "text": ["x"] * n, "sentence": ["x"] * n, "number": [1.0] * n,
        "scale_word": [None] * n, "unit_word": [None] * n, "unit_hint": ["count"] * n,
        "counted": [None] * n, "per": [None] * n, "approx": ["exact"] * n, "role": ["level"] * n,
        "is_target": [False] * n, "year": [None] * n, "period": [None] * n, "region": ["Lishui"] * n,
        "subject": ["Lishui"] * n, "metric": ["output"] * n, "scope": [None] * n, "part_cue": [False] * n,
        "base_cue": [False] * n, "dated_by": [None] * n, "rules": ['{"role":"level"}'] * n,
        "sentence_index": list(range(n)), "sentence_start": list(range(n)), "page": [None] * n,
        "extractor_version": ["1"] * n,
    }
    base.update(columns)
    return pl.DataFrame(base, schema_overrides={"year": pl.Int32, "char_start": pl.Int32, "char_end": pl.Int32,
                                                "sentence_index": pl.Int32, "sentence_start": pl.Int32, "page": pl.Int32})


def test_value_is_number_times_scale():
    result = transform(extracted(number=[471.78, 9.3, -0.4, 2.0, 5.6],
                                 scale_word=["billion", None, None, "Trillion", "10,000"]), METRICS, REGIONS)
    assert result["value"].to_list() == pytest.approx([471.78e9, 9.3, -0.4, 2e12, 56000.0])


def test_unit_comes_from_the_word_else_from_context():
    result = transform(extracted(
        unit_word=["yuan", "%", "percentage points", "$", "RMB", "per cent", "times", None, "Hectares", "jin"],
        unit_hint=["CNY", "percent", "percentage_point", "USD", "CNY", "percent", "multiple", "rank", "hectare", "other"],
    ), METRICS, REGIONS)
    assert result["unit"].to_list() == ["CNY", "percent", "percentage_point", "USD", "CNY", "percent",
                                        "multiple", "rank", "hectare", "other"]


def test_periods_regions_and_text_fields_are_canonical():
    result = transform(extracted(
        period=["h1", " m01-m11", None], region=["nanjing-lishui", "JINYUN", "Shangrao"],
        counted=[" Enterprise ", None, ""], subject=["  Lishui ", "", None], approx=["over", None, "about"],
    ), METRICS, REGIONS)
    expected = pl.DataFrame({
        "period": ["H1", "M01-M11", None], "region": ["Nanjing-Lishui", "Jinyun", "Other"],
        "counted": ["enterprise", None, None], "subject": ["Lishui", None, None],
        "approx": ["over", "exact", "about"],
    })
    assert_frame_equal(result.select(expected.columns), expected)


def test_output_has_the_contract_schema_in_document_order():
    rows = extracted(number=[1.0, 2.0, 3.0])
    rows = rows.with_columns(doc=pl.Series(["b.txt", "a.txt", "a.txt"]), char_start=pl.Series([0, 9, 2], dtype=pl.Int32))
    result = transform(rows, METRICS, REGIONS)
    assert result.schema == pl.Schema(SCHEMA)
    assert result.select("doc", "char_start").rows() == [("a.txt", 2), ("a.txt", 9), ("b.txt", 0)]


def test_empty_batch_keeps_the_schema():
    result = transform(extracted(number=[1.0]).clear(), METRICS, REGIONS)
    assert result.is_empty()
    assert result.schema == pl.Schema(SCHEMA)


# --- metric ids, links and rounding ----------------------------------------------------------------

def test_metric_ids_come_from_the_metric_table_in_its_order():
    metrics = pl.DataFrame({
        "metric_id": ["tea_output", "output"], "name": ["Tea output", "Output"], "unit_kind": ["money", "money"],
        "unit": ["CNY", "CNY"], "parent_metric_id": ["output", None], "max_gdp_ratio": [None, None],
        "comparable": [True, True], "pattern": ["tea", "output"],
    }, schema=METRICS_SCHEMA)
    rows = extracted(metric=["tea output", "industrial output", "tea output growth", "rank of exports"],
                     unit_word=["yuan", "yuan", "%", None], role=["level", "level", "growth", "rank"],
                     unit_hint=["CNY", "CNY", "percent", "rank"])
    assert transform(rows, metrics, REGIONS)["metric_id"].to_list() == ["tea_output", "output", "tea_output", None]


def test_growth_share_rank_and_difference_point_to_what_they_qualify():
    rows = extracted(
        role=["level", "growth", "rank", "difference", "benchmark", "level", "share"],
        unit_word=["yuan", "%", None, "percentage points", "%", None, "%"],
        unit_hint=["CNY", "percent", "rank", "percentage_point", "percent", "count", "percent"],
        sentence_index=[0, 0, 0, 0, 0, 1, 1], metric=["gdp", "", "", "", "", "number of projects", ""],
    )
    result = transform(rows, METRICS, REGIONS)
    ids = result["figure_id"].to_list()
    assert result["related_figure_id"].to_list() == [None, ids[0], ids[1], ids[4], None, None, ids[5]]
    assert result["metric_id"].to_list()[:3] == ["gdp", "gdp", "gdp"]


def test_a_part_points_to_its_whole_in_the_same_or_previous_sentence():
    rows = extracted(unit_hint=["count", "count", "CNY", "count", "count"], part_cue=[False, True, False, True, True],
                     sentence_index=[0, 1, 1, 1, 4])
    result = transform(rows, METRICS, REGIONS)
    ids = result["figure_id"].to_list()
    assert result["part_of_figure_id"].to_list() == [None, ids[0], None, ids[1], None]


def test_rounding_is_half_a_unit_of_the_last_digit_written():
    rows = extracted(text=["196.4 billion yuan", "196.43 billion yuan", "7%", "Fifty-two"],
                     scale_word=["billion", "billion", None, None])
    assert transform(rows, METRICS, REGIONS)["rounding"].to_list() == pytest.approx([0.05e9, 0.005e9, 0.5, 0.5])


def test_periods_get_their_one_canonical_code():
    rows = extracted(period=["m01-m03", "M01-M06", "M07-M12", "M01-M12", "M01-M11", "Q3", " m11 ", None])
    assert transform(rows, METRICS, REGIONS)["period"].to_list() == ["Q1", "H1", "H2", None, "M01-M11", "Q3", "M11", None]


def test_regions_are_gazetteer_codes_and_unknown_places_are_other():
    rows = extracted(region=["huzhou", "Fujian", "Inner Mongolia", "Nanping", "lishui", None])
    assert transform(rows, METRICS, REGIONS)["region"].to_list() == [
        "Huzhou", "Fujian", "Inner Mongolia", "Other", "Lishui", None]


def test_a_growth_points_to_the_end_and_the_base_of_its_change():
    # "grew to 467.3 billion yuan in 2017 from 209.6 billion yuan in 2006, up 86.7 percent"
    rows = extracted(role=["level", "level", "growth"], base_cue=[False, True, False],
                     unit_word=["yuan", "yuan", "%"], unit_hint=["CNY", "CNY", "percent"], sentence_index=[0, 0, 0])
    result = transform(rows, METRICS, REGIONS)
    ids = result["figure_id"].to_list()
    assert result.select("related_figure_id", "base_figure_id").rows() == [(None, None), (None, None), (ids[0], ids[1])]
