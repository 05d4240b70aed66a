"""The validate stage: Great Expectations suites on staged rows (real GX, real DuckDB)."""
import duckdb
import polars as pl
import pytest

from expectations import SUITES
from expectations.gate import Gates
from tests.test_transform import extracted
from transforms.transform import transform


@pytest.fixture(scope="module")
def gates(tmp_path_factory):
    root = tmp_path_factory.mktemp("gx")
    return Gates(root / "gx", root / "docs")


def audit_frame(staged: pl.DataFrame, source_text: list[str] | None = None):
    """The pandas frame the transform gate sees, typed as DuckDB hands it over."""
    staged = staged.with_columns(source_text=pl.Series(source_text) if source_text else pl.col("text"))
    return duckdb.sql("select * from staged").df()


def check(gates, stage, frame):
    suite = SUITES[stage]
    return gates.check(stage, suite.expectations(), frame, "run-test", suite.record_kind, suite.key)


def figures(n: int = 20, **columns) -> pl.DataFrame:
    return transform(extracted(number=[float(i + 1) for i in range(n)], **columns) if not columns
                     else extracted(**columns))


def test_clean_batch_passes_every_expectation(gates):
    gate = check(gates, "transform", audit_frame(figures()))
    assert gate.passed, [o.describe() for o in gate.failures]
    assert gate.verdicts(audit_frame(figures())) == []


def test_bad_row_is_quarantined_and_batch_passes(gates):
    n = 20
    rows = figures(n, number=[2500.0] + [5.0] * (n - 1), unit_word=["%"] * n, unit_hint=["percent"] * n,
                   role=["growth"] * n)
    frame = audit_frame(rows)
    gate = check(gates, "transform", frame)
    verdicts = gate.verdicts(frame)
    assert gate.passed
    assert [(v["record_key"], v["reason"]) for v in verdicts] == [("a.txt#0-1", "percentage outside -100..1000")]


def test_provenance_mismatch_is_quarantined(gates):
    rows = figures(20)
    source = ["x"] * 19 + ["y"]
    frame = audit_frame(rows, source)
    verdicts = check(gates, "transform", frame).verdicts(frame)
    assert [(v["record_key"], v["reason"]) for v in verdicts] == [
        ("a.txt#19-20", "provenance: text differs from the document at its offsets")]


def test_unit_outside_vocabulary_is_quarantined(gates):
    n = 20
    frame = audit_frame(figures(n, unit_word=[None] * n, unit_hint=["furlongs"] + ["count"] * (n - 1)))
    verdicts = check(gates, "transform", frame).verdicts(frame)
    assert [v["reason"] for v in verdicts] == ["unit outside the vocabulary"]


def test_duplicate_figure_ids_block_the_batch(gates):
    rows = figures(5)
    rows = rows.with_columns(figure_id=pl.lit("a.txt#0-1"))
    gate = check(gates, "transform", audit_frame(rows))
    assert not gate.passed
    (failure,) = gate.failures
    assert failure.expectation == "expect_column_values_to_be_unique(figure_id)"
    assert "a.txt#0-1" in failure.describe()


def test_too_many_bad_rows_block_the_batch(gates):
    n = 10
    rows = figures(n, number=[5000.0] * 3 + [5.0] * (n - 3), unit_word=["%"] * n,
                   unit_hint=["percent"] * n, role=["growth"] * n)
    gate = check(gates, "transform", audit_frame(rows))
    assert not gate.passed
    assert [o.expectation for o in gate.failures] == [
        "expect_column_values_to_be_between(value; -100..1000; where unit==\"percent\")"]
    assert gate.failures[0].sample_values == [5000.0, 5000.0, 5000.0]


def test_missing_column_blocks_the_batch(gates):
    frame = audit_frame(figures(3)).drop(columns=["region"])
    gate = check(gates, "transform", frame)
    assert not gate.passed
    (columns,) = [o for o in gate.failures if o.expectation.startswith("expect_table_columns_to_match_set")]
    assert "missing ['region']" in columns.sample_values[0]


def test_wrong_type_blocks_the_batch(gates):
    frame = audit_frame(figures(3))
    frame["value"] = frame["value"].astype(str)
    gate = check(gates, "transform", frame)
    assert "expect_column_values_to_be_of_type(value)" in [o.expectation for o in gate.failures]


def test_empty_document_batch_blocks_ingest(gates):
    frame = duckdb.sql("select 'a.txt' doc, 'x' sha256, '/a' path, 1 size_bytes, 'text/plain' media_type, "
                       "null::varchar title, 'x' text, 1 text_length where false").df()
    gate = check(gates, "ingest", frame)
    assert not gate.passed
    assert gate.failures[0].expectation.startswith("expect_table_row_count_to_be_between")
