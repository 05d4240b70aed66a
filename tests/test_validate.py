"""The validate stage: Great Expectations suites on staged rows (real GX, real DuckDB)."""
import duckdb
import polars as pl
import pytest

from expectations import SUITES
from expectations.gate import Gates
from tests.test_transform import extracted
from transforms.transform import transform
from tests.test_transform import METRICS, REGIONS


@pytest.fixture(scope="module")
def gates(tmp_path_factory):
    root = tmp_path_factory.mktemp("gx")
    return Gates(root / "gx", root / "docs")


def audit_frame(staged: pl.DataFrame, source_text: list[str] | None = None):
    """The pandas frame the transform gate sees (no consistency comparisons), typed as DuckDB hands it over."""
    staged = staged.with_columns(source_text=pl.Series(source_text) if source_text else pl.col("text"))
    return duckdb.sql("""
        select *, true as related_resolves, true as base_resolves, true as part_of_resolves, true as metric_resolves,
               null::double as magnitude_limit, null::varchar as magnitude_reason, null::double as growth_implied,
               null::double as growth_implied_rounding, null::varchar as growth_reason, null::double as whole_value,
               null::varchar as whole_reason, null::double as share_part, null::double as share_whole,
               null::double as share_tolerance, null::varchar as share_reason, false as share_of_a_goal,
               null::double as total_value,
               null::varchar as total_reason, null::integer as reporting_year, null::varchar as dated_reason
        from staged""").df()


def check(gates, stage, frame):
    suite = SUITES[stage]
    return gates.check(stage, suite.expectations(), frame, "run-test", suite.record_kind, suite.key)


def figures(n: int = 20, **columns) -> pl.DataFrame:
    rows = extracted(number=[float(i + 1) for i in range(n)]) if not columns else extracted(**columns)
    return transform(rows, METRICS, REGIONS)


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


def test_many_bad_rows_are_quarantined_without_blocking_the_batch(gates):
    # a row expectation never blocks: 3 of the 4 percentages are bad, 30% of the rows
    n = 10
    rows = figures(n, number=[5000.0] * 3 + [5.0] * (n - 3), unit_word=["%"] * 4 + [None] * (n - 4),
                   unit_hint=["percent"] * 4 + ["count"] * (n - 4), role=["growth"] * n)
    frame = audit_frame(rows)
    gate = check(gates, "transform", frame)
    assert gate.passed
    (bad,) = [o for o in gate.outcomes if not o.success]
    assert (bad.expectation, bad.result, bad.sample_values) == (
        "expect_column_values_to_be_between(value; -100..1000; where unit==\"percent\")", "quarantined",
        [5000.0, 5000.0, 5000.0])
    assert len(gate.verdicts(frame)) == 3


def document_shares(shares: list[float]):
    import pandas as pd

    return pd.DataFrame({"doc": [f"d{i}.txt" for i in range(len(shares))], "figures": [4] * len(shares),
                         "quarantined": [round(4 * x) for x in shares], "quarantined_share": shares,
                         "reasons": ["percentage outside -100..1000" if x else None for x in shares]})


def test_one_failing_document_of_many_does_not_block(gates):
    from expectations import DOCUMENTS

    gate = gates.check("documents", DOCUMENTS.expectations(), document_shares([1.0, 0.0, 0.25, 0.0]), "run-test",
                       DOCUMENTS.record_kind, DOCUMENTS.key)
    assert gate.passed


def test_most_documents_losing_most_figures_is_systemic_and_blocks(gates):
    from expectations import DOCUMENTS

    gate = gates.check("documents", DOCUMENTS.expectations(), document_shares([1.0, 0.75, 1.0, 0.0]), "run-test",
                       DOCUMENTS.record_kind, DOCUMENTS.key)
    assert not gate.passed
    assert [o.expectation for o in gate.failures] == ["expect_column_values_to_be_between(quarantined_share; 0..0.5)"]


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


def test_an_empty_batch_passes_ingest_but_a_warehouse_left_without_documents_blocks(gates):
    frame = duckdb.sql("select 'a.txt' doc, 'x' sha256, '/a' path, 1 size_bytes, 'text/plain' media_type, "
                       "null::varchar title, 'x' text, 1 text_length, null::varchar url, null::boolean fetched "
                       "where false").df()
    assert check(gates, "ingest", frame).passed  # only retirements, or nothing new: an empty batch
    from expectations import DOCUMENTS

    nothing = duckdb.sql("select 'a.txt' doc, 1 figures, 0 quarantined, 0.0 quarantined_share, null::varchar reasons "
                         "where false").df()
    gate = gates.check("documents", DOCUMENTS.expectations(), nothing, "run-1", "doc", "doc")
    assert not gate.passed
    assert gate.failures[0].expectation.startswith("expect_table_row_count_to_be_between")


# --- consistency checks, on real documents through every stage ---------------------------------

from tests.conftest import SAMPLE_SOURCES, query, run_stages  # noqa: E402


def flags(warehouse) -> list[tuple[str, str]]:
    """(figure text, flag code) of every published flag."""
    return query(warehouse, "select text, code from curated.figure_flags order by text, code")


def test_magnitude_flags_a_tenfold_misprint_and_passes_plausible_output(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "misprint.txt": "In 2024, Lishui's added value of industry above designated size came to 452.6 billion "
                        "yuan, up 8.1%.",
        "output.txt": "In 2024, Lishui's six key industries produced 166.31 billion yuan of output. "
                      "The output value of industry above designated size reached 166.31 billion yuan in 2024.",
    })
    assert flags(warehouse) == [("452.6 billion yuan", "MAGNITUDE_IMPLAUSIBLE")]
    (reason,) = query(warehouse, "select reason from curated.figure_flags")[0]
    assert reason.startswith("452.6 billion yuan is 2.3x the reference GDP of Lishui (2024, about 200 billion yuan a year)")


def test_magnitude_knows_other_cities_and_the_share_of_the_year_a_period_covers(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        # a city of about 400 billion yuan a year cannot make 850 billion in one quarter ...
        "quarter.txt": "In the first quarter of 2024, the GDP of Huzhou reached 850.6 billion yuan.",
        # ... but 98 billion in a quarter, or 210 billion in a half-year for a 210-billion city, are sound
        "sound.txt": "In the first quarter of 2023, the GDP of Huzhou reached 93.1 billion yuan. In the first half "
                     "of 2023, the GDP of Quzhou reached 101.2 billion yuan, and its retail sales 43.1 billion yuan.",
    })
    assert flags(warehouse) == [("850.6 billion yuan", "MAGNITUDE_IMPLAUSIBLE")]
    (reason,) = query(warehouse, "select reason from curated.figure_flags")[0]
    assert reason.startswith("850.6 billion yuan is 8.5x the reference GDP of Huzhou (2023, about 100.5 billion yuan "
                             "for 3 months)")


def test_a_growth_contradicting_its_two_levels_is_flagged(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "wrong.txt": "The county's output grew to 512.4 billion yuan in 2019 from 231.8 billion yuan in 2009, "
                     "up 81.2 percent.",
        "right.txt": "Its exports rose from 12 billion yuan in 2020 to 15 billion yuan in 2023, an increase of 25 "
                     "percent. Sales reached 7.9 billion yuan, up 6.2 percent.",
    })
    assert flags(warehouse) == [("81.2 percent", "GROWTH_MISMATCH")]
    (reason,) = query(warehouse, "select reason from curated.figure_flags")[0]
    assert reason == "81.2 percent stated, but 512.4 billion yuan from 231.8 billion yuan is up 121.1%"


def test_part_larger_than_its_whole_is_flagged(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "honors.txt": "In 2023, the county won 58 national and provincial awards, including 412 prizes.",
        "projects.txt": "In 2023, Jinyun landed 150 new projects. Among these, 120 were service projects "
                        "(80.0% of the total), including 35 logistics projects over 500 million yuan.",
    })
    assert flags(warehouse) == [("412", "PART_EXCEEDS_WHOLE")]
    links = dict(query(warehouse, "select text, part_of_figure_id from curated.figures where part_of_figure_id is not null"))
    assert links["412"].startswith("honors.txt#") and links["120"].startswith("projects.txt#")


def test_share_must_match_its_part_and_whole(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "right.txt": "In 2023, Songyang landed 150 new projects. Among these, 120 were service projects "
                     "(80.0% of the total).",
        "wrong.txt": "In 2024, Jinyun secured 300 new projects. Among these, 120 were manufacturing projects "
                     "(60% of the total).",
    })
    assert flags(warehouse) == [("60%", "SHARE_MISMATCH")]
    (reason,) = query(warehouse, "select reason from curated.figure_flags")[0]
    assert reason == "60% stated, but 120 of 300 is 40.0%"


def test_component_above_its_total_in_the_same_document_is_flagged(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "bad.txt": "In 2023, the GDP of Songyang was 18.2 billion yuan. The added value of the secondary industry "
                   "was 21.5 billion yuan.",
        "good.txt": "In 2023, the GDP of Jinyun was 33.1 billion yuan. The added value of the secondary industry "
                    "was 15.2 billion yuan.",
    })
    assert flags(warehouse) == [("21.5 billion yuan", "COMPONENT_EXCEEDS_TOTAL")]


def test_reported_figure_dated_after_the_report_is_flagged(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "communique.txt": "Statistical Communique of Lishui on the 2023 National Economic and Social Development\n"
                          "In 2023, GDP was 196.4 billion yuan. In 2024, retail sales reached 96.9 billion yuan. "
                          "The city will raise GDP to 230 billion yuan in 2026.",
    })
    assert flags(warehouse) == [("96.9 billion yuan", "DATED_AFTER_REPORT")]


def test_conflicting_sources_are_flagged_and_rounding_is_not_a_conflict(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "a.txt": "In 2023, the GDP of Lishui reached 196.4 billion yuan.",
        "b.txt": "The GDP of Lishui was 196.43 billion yuan in 2023.",
    })
    assert flags(warehouse) == []
    run_stages(tmp_path / "src", warehouse, {"c.txt": "In 2023, the GDP of Lishui was 19.6 billion yuan."}, "run-2")
    assert flags(warehouse) == [("19.6 billion yuan", "CONFLICTING_SOURCES"),
                                ("196.4 billion yuan", "CONFLICTING_SOURCES"),
                                ("196.43 billion yuan", "CONFLICTING_SOURCES")]


def test_flags_keep_figures_published_and_are_logged(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    gates = run_stages(tmp_path / "src", warehouse, {
        "honors.txt": "In 2023, the county won 58 national and provincial awards, including 412 prizes."})
    assert gates.passed and gates.flagged == 1 and gates.quarantined == 0
    assert query(warehouse, "select text, quality_flags from curated.figures order by char_start") == [
        ("58", []), ("412", ["PART_EXCEEDS_WHOLE"])]
    assert query(warehouse, "select run_id, code from quality.flags") == [("run-1", "PART_EXCEEDS_WHOLE")]


def test_each_expectation_records_what_its_failure_did(tmp_path):
    # a row failure quarantines (it does not block), a consistency failure flags; the run's results,
    # the quality report and `lishui quality` all read the same recorded word
    from flows import report

    warehouse = tmp_path / "wh" / "w.duckdb"
    gates = run_stages(tmp_path / "src", warehouse, {
        "honors.txt": "In 2023, the county won 58 national and provincial awards, including 412 prizes.",
        "boom.txt": "In 2023, the county's online sales of tea grew 1500 percent.",
    })
    assert gates.passed and gates.quarantined == 1 and gates.flagged == 1
    failed = query(warehouse, "select stage, result from quality.validation_results where not success order by result")
    assert failed == [("transform", "flagged"), ("transform", "quarantined")]
    assert query(warehouse, "select distinct result from quality.validation_results where success") == [("passed",)]
    page = report.write(warehouse, tmp_path / "report", "run-1").read_text(encoding="utf-8")
    assert '<td class="warn">quarantined</td>' in page and '<td class="warn">flagged</td>' in page
    assert "FAILED" not in page


def test_a_long_document_costs_what_many_short_ones_cost(tmp_path):
    """Regression: the provenance check read each figure's text with DuckDB's substring, which walks
    the document from its start: a 5 MB one-line document took minutes and 19 GB. The same text as
    one document and as thirty costs about the same now. The thirty differ (a run reads a text it
    has read once), and go first, so that the stages' first-use costs fall on them."""
    import time

    article = " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(SAMPLE_SOURCES.glob("*.txt")))
    part = (article * (100_000 // len(article) + 1))[:100_000]
    parts = [f"{part} (Part {i}.) " for i in range(30)]
    seconds = {}
    for name, documents in {"thirty": {f"part{i:02}.txt": text for i, text in enumerate(parts)},
                            "one": {"long.txt": "".join(parts)}}.items():
        started = time.perf_counter()
        gates = run_stages(tmp_path / name, tmp_path / name / "wh" / "w.duckdb", documents)
        seconds[name] = time.perf_counter() - started
        assert gates.passed and gates.quarantined == 0
    (n,) = query(tmp_path / "one" / "wh" / "w.duckdb", "select count(*) from curated.figures")[0]
    assert n > 3000
    assert seconds["one"] < 2.5 * seconds["thirty"], seconds


def test_a_suite_reads_only_the_columns_its_row_expectations_name():
    # the chunks carry what the keys, row gates and flags read (their reasons too); the contract,
    # checked once per stage, names every column
    transform = SUITES["transform"]
    columns = transform.columns()
    assert {"figure_id", "doc", "unit", "role", "is_target", "value", "magnitude_limit", "magnitude_reason",
            "source_text"} <= set(columns)
    assert "sentence" not in columns and "subject" not in columns
    assert [e.expectation_type for e in transform.contract()] == (
        ["expect_table_columns_to_match_set"] + ["expect_column_values_to_be_of_type"] * 10)
    assert len(transform.contract()) + len(transform.rows()) == len(transform.expectations())
    assert SUITES["extract"].columns() == ["doc", "seq", "char_start", "char_end", "text", "number", "approx",
                                           "role", "figure_id", "source_text"]


def test_a_column_only_checked_for_nulls_is_read_as_there_or_not(gates):
    # the ingest gates hold whether a document's text is there, not its thousands of characters
    suite = SUITES["ingest"]
    assert suite.select() == "doc, sha256, media_type, if(text is null, null, '') as text, text_length, url, fetched"
    assert "if(value" not in SUITES["transform"].select()  # checked for more than nulls: read as it is
    staged = pl.DataFrame({
        "doc": [f"{i}.txt" for i in range(4)], "sha256": ["a" * 64] * 4, "media_type": ["text/plain"] * 4,
        "text": [None, "A long text of the article. " * 200, "x", "Another article."],
        "text_length": [1, 5600, 1, 16], "url": [None] * 4, "fetched": [None] * 4},
        schema_overrides={"url": pl.String, "fetched": pl.Boolean})
    frame = duckdb.sql(f"select {suite.select()} from staged").df()
    assert frame["text"].tolist()[1:] == ["", "", ""]
    gate = gates.run("ingest", gates.suite("ingest-select-test", suite.rows(), "v1"), frame, "run-test",
                     suite.record_kind, suite.key)
    assert [(v["record_key"], v["reason"]) for v in gate.verdicts(frame, records=False)] == [
        ("0.txt", "document without text")]


def test_a_page_without_its_provenance_is_quarantined_and_files_need_none(gates):
    staged = pl.DataFrame({
        "doc": ["a.txt", "https://a.example/1.html", "https://a.example/2.html", "https://a.example/3.html"],
        "sha256": ["a" * 64] * 4, "media_type": ["text/plain", "text/html", "text/html", "text/html"],
        "text": ["Output rose."] * 4, "text_length": [12] * 4,
        "url": [None, "https://a.example/1.html", "ftp://a.example/2.html", "https://a.example/3.html"],
        "fetched": [None, True, True, False]})
    frame = duckdb.sql(f"select {SUITES['ingest'].select()} from staged").df()
    gate = gates.run("ingest", gates.suite("ingest-provenance-test", SUITES["ingest"].rows(), "v1"), frame,
                     "run-test", SUITES["ingest"].record_kind, SUITES["ingest"].key)
    assert sorted((v["record_key"], v["reason"]) for v in gate.verdicts(frame, records=False)) == [
        ("https://a.example/2.html", "page URL not http(s)"), ("https://a.example/3.html", "page without its fetch time")]


def test_a_quarantined_figure_keeps_its_whole_record(tmp_path):
    # the gates held only the columns they check; the quarantine keeps the figure's every column
    import json

    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {"fair.txt": "In 2022, visits to the fair rose 3400 percent.",
                                             "mill.txt": "In 2022, the mill's output reached 8.2 million yuan.",
                                             "farm.txt": "In 2022, the farm's revenue was 3.1 million yuan."})
    ((record,),) = query(warehouse, "select record from quality.quarantine where stage = 'transform'")
    record = json.loads(record)
    assert record["value"] == 3400.0 and record["unit"] == "percent"
    assert record["sentence"] == "In 2022, visits to the fair rose 3400 percent."
    assert set(record) == set(SUITES["transform"].schema)


def test_data_docs_show_the_latest_run_only(tmp_path):
    # the GX project keeps the latest run's validation results (earlier ones live on in
    # quality.validation_results), so building the docs does not grow with every scheduled run
    import great_expectations as gx

    from flows.validate import gx_project, report_folder

    warehouse = tmp_path / "wh" / "w.duckdb"
    documents = {"a.txt": "In 2023, the county's retail sales reached 12.5 billion yuan, up 6.1 percent."}
    for run_id in ("run-1", "run-2"):
        run_stages(tmp_path / "src", warehouse, documents, run_id=run_id)
    context = gx.get_context(mode="file", project_root_dir=str(gx_project(warehouse)))
    assert {k.run_id.run_name for k in context.validation_results_store.list_keys()} == {"run-2"}
    pages = {p.parent.parent.name for p in (report_folder(warehouse) / "data_docs" / "validations").rglob("*.html")}
    assert pages == {"run-2"}
    assert query(warehouse, "select distinct run_id from quality.validation_results order by 1") == [("run-1",), ("run-2",)]


def test_text_at_offsets_slices_characters_and_nulls_offsets_outside_the_text():
    import warehouse as wh

    con = duckdb.connect()
    con.execute("create table docs as select * from (values ('a', 'GDP 丽水 rose 5%'), ('b', 'x')) t(doc, text)")
    con.execute("""create table offsets as select * from (values
        ('a', 0, 3), ('a', 4, 6), ('a', 12, 14), ('a', 12, 15), ('a', -1, 2), ('a', 5, 4),
        ('a', null, 2), ('b', 0, 1), ('gone', 0, 1)) t(doc, char_start, char_end)""")
    result = wh.text_at_offsets(con, "select * from offsets", "select * from docs")
    expected = pl.DataFrame({
        "doc": ["a", "a", "a", "a", "a", "a", "a", "b", "gone"],
        "char_start": [None, -1, 0, 4, 5, 12, 12, 0, 0],
        "char_end": [2, 2, 3, 6, 4, 14, 15, 1, 1],
        "source_text": [None, None, "GDP", "丽水", None, "5%", None, "x", None],
    }, schema={"doc": pl.String, "char_start": pl.Int32, "char_end": pl.Int32, "source_text": pl.String})
    assert result.sort("doc", "char_start", "char_end", nulls_last=False).equals(expected)
