"""The publish stage: write-audit-publish; a failed gate or audit leaves curated as it was."""
import dataclasses

import duckdb
import pytest

import warehouse as wh

from flows.extract import extract
from flows.ingest import ingest
from flows.publish import GateFailed, publish
from flows.transform import transform
from flows.validate import validate


def stage_all(sources, warehouse, run_id):
    """Run every stage up to publish with the real tasks (no Prefect engine), after the
    bootstrap a run starts with."""
    wh.Warehouse(warehouse).bootstrap()
    ingest.fn(sources, warehouse, run_id)
    extract.fn(warehouse, run_id)
    transform.fn(warehouse, run_id)
    return validate.fn(warehouse, run_id)


def curated(warehouse) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.sql(f"select * from curated.{t} order by 1").fetchall() for t in ("figures", "documents")}
    finally:
        con.close()


@pytest.fixture
def published(sources, warehouse):
    gates = stage_all(sources, warehouse, "run-1")
    publish.fn(warehouse, "run-1", gates)
    return curated(warehouse)


def test_publish_replaces_curated_with_the_gated_batch(published):
    assert len(published["documents"]) == 5
    assert len(published["figures"]) > 150


def test_failed_gate_publishes_nothing(published, sources, warehouse):
    (sources / "000_fda1d9c8fe07795b.txt").unlink()
    gates = stage_all(sources, warehouse, "run-2")
    blocked = dataclasses.replace(gates, passed=False)
    with pytest.raises(GateFailed):
        publish.fn(warehouse, "run-2", blocked)
    assert curated(warehouse) == published


def test_failed_audit_rolls_the_publish_back(published, sources, warehouse):
    (sources / "000_fda1d9c8fe07795b.txt").unlink()
    changed = sources / "001_d1af6cccb6060d26.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nIn 2023, exports reached 5.2 billion yuan.\n",
                       encoding="utf-8")
    gates = stage_all(sources, warehouse, "run-2")
    assert gates.passed
    con = duckdb.connect(str(warehouse))
    # the staged rows change after the gates ran: the audit inside the publish must catch it
    con.execute("update staging.transform set text = 'tampered' where char_start = (select min(char_start) from staging.transform)")
    con.close()
    with pytest.raises(GateFailed, match="1 figures of this batch whose text differs from their document"):
        publish.fn(warehouse, "run-2", gates)
    assert curated(warehouse) == published


def test_every_curated_table_and_column_is_commented(published, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = con.sql("select table_name, comment from duckdb_tables() where schema_name = 'curated'").fetchall()
    columns = con.sql("select table_name, column_name, comment from duckdb_columns() "
                      "where schema_name = 'curated'").fetchall()
    assert {t for t, _ in tables} == set(CURATED_KEYS)
    assert all(comment for _, comment in tables)
    assert [(t, c) for t, c, comment in columns if not comment] == []


# --- the curated model -------------------------------------------------------------------------------

from tests.conftest import query, run_stages  # noqa: E402

CURATED_KEYS = {
    "figures": ["figure_id"], "documents": ["doc"], "figure_flags": ["figure_id", "code"],
    "dim_metric": ["metric_id"], "dim_region": ["region"], "region_reference": ["region", "year"],
    "dim_flag": ["code"], "indicators": ["indicator_id"], "targets": ["figure_id"], "rankings": ["figure_id"],
}
FOREIGN_KEYS = [  # (table, column, referenced table, referenced column)
    ("figures", "doc", "documents", "doc"),
    ("figures", "related_figure_id", "figures", "figure_id"),
    ("figures", "part_of_figure_id", "figures", "figure_id"),
    ("figures", "metric_id", "dim_metric", "metric_id"),
    ("figures", "region", "dim_region", "region"),
    ("figure_flags", "figure_id", "figures", "figure_id"),
    ("figure_flags", "code", "dim_flag", "code"),
    ("documents", "main_region", "dim_region", "region"),
    ("dim_metric", "parent_metric_id", "dim_metric", "metric_id"),
    ("dim_region", "parent_region", "dim_region", "region"),
    ("region_reference", "region", "dim_region", "region"),
    ("indicators", "metric_id", "dim_metric", "metric_id"),
    ("indicators", "region", "dim_region", "region"),
    ("targets", "figure_id", "figures", "figure_id"),
    ("rankings", "figure_id", "figures", "figure_id"),
    ("rankings", "ranked_figure_id", "figures", "figure_id"),
]


def test_every_curated_table_has_unique_keys_and_resolving_foreign_keys(published, warehouse):
    tables = {t for (t,) in query(warehouse, "select table_name from duckdb_tables() where schema_name = 'curated'")}
    assert tables == set(CURATED_KEYS)
    for table, key in CURATED_KEYS.items():
        cols = ", ".join(key)
        (dupes,) = query(warehouse, f"select count(*) - count(distinct ({cols})) from curated.{table}")[0]
        assert dupes == 0, table
    for table, column, ref, ref_column in FOREIGN_KEYS:
        (dangling,) = query(warehouse, f"""select count(*) from curated.{table} where {column} is not null
                                           and {column} not in (select {ref_column} from curated.{ref})""")[0]
        assert dangling == 0, (table, column)
    (unresolved,) = query(warehouse, """select count(*) from (select unnest(figure_ids) f from curated.indicators)
                                        where f not in (select figure_id from curated.figures)""")[0]
    assert unresolved == 0


def test_indicators_merge_duplicates_and_mark_conflicts(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {
        "a.txt": "In 2023, the GDP of Lishui reached 196.4 billion yuan, up 6.7 percent.",
        "b.txt": "The GDP of Lishui was 196.43 billion yuan in 2023, an increase of 6.7%.",
        "c.txt": "In 2023, the total retail sales of consumer goods in Lishui were 96.87 billion yuan.",
    })
    rows = query(warehouse, "select indicator_id, value, unit, yoy_growth, sources, documents, conflict "
                            "from curated.indicators order by indicator_id")
    assert rows == [
        ("gdp|Lishui|2023|Y", 196.43e9, "CNY", 6.7, 2, ["a.txt", "b.txt"], False),
        ("retail_sales|Lishui|2023|Y", 96.87e9, "CNY", None, 1, ["c.txt"], False),
    ]
    run_stages(tmp_path / "src", warehouse, {"d.txt": "In 2023, the GDP of Lishui was 19.6 billion yuan."}, "run-2")
    assert query(warehouse, "select sources, conflict, flags from curated.indicators where metric_id = 'gdp'") == [
        (3, True, ["CONFLICTING_SOURCES"])]


def test_targets_rankings_and_document_facts(tmp_path):
    warehouse = tmp_path / "wh" / "w.duckdb"
    run_stages(tmp_path / "src", warehouse, {"report.txt": (
        "Updated: Apr 25, 2024\nIn 2023, the GDP of Songyang grew 7.1 percent, ranking second in the province. "
        "The county will raise tourism revenue to 10 billion yuan by 2027.")})
    assert query(warehouse, "select doc, published_on::varchar, main_region, reporting_year, figure_count "
                            "from curated.documents") == [("report.txt", "2024-04-25", "Songyang", 2024, 3)]
    assert query(warehouse, "select text, value, metric_id, horizon_year from curated.targets") == [
        ("10 billion yuan", 1e10, "tourism_revenue", 2027)]
    rank, scope, ranked, ranked_metric = query(
        warehouse, "select rank, scope, ranked, ranked_metric_id from curated.rankings")[0]
    assert (rank, scope, ranked_metric) == (2, "province", "gdp")
    assert ranked == "gdp growth"  # what the rank ranks: the growth of GDP


def test_related_figures_point_to_what_they_qualify(published, warehouse):
    rows = dict(query(warehouse, """
        select f.text, r.text from curated.figures f join curated.figures r on r.figure_id = f.related_figure_id
        where f.doc = '001_d1af6cccb6060d26.txt' and f.char_start < 1300"""))
    assert rows["9.3%"] == "471.78 billion yuan"
    assert rows["1.8 percentage points"] == "7.5%"
    assert rows["fifth"] == "9.3%"


def test_a_null_key_is_counted_by_its_audit():
    # a key becomes PostgreSQL's primary key: a null in it must stop the publish in DuckDB first
    import duckdb

    from flows.publish import audits

    con = duckdb.connect()
    con.execute("create schema curated")
    con.execute("create table curated.region_reference as select * from (values ('Lishui', 2024), ('Lishui', null), "
                "(null, 2023)) t(region, year)")
    result = con.execute(audits()["null keys (region, year) in curated.region_reference"]).fetchone()[0]
    assert result == 2


def test_the_publish_audits_and_build_order_follow_the_models_headers():
    import warehouse as wh
    from flows.publish import audits

    checks = audits()
    for m in wh.models("curated"):
        assert m.grain and m.key, m.table
        assert f"duplicate keys ({', '.join(m.key)}) in {m.table}" in checks
        assert f"null keys ({', '.join(m.key)}) in {m.table}" in checks
        for column, table, ref in m.references:
            assert f"{m.table}.{column} outside {table}.{ref}" in checks
    assert "curated.figures.doc outside curated.documents.doc" in checks
    order = [m.name for m in wh.build_order("curated")]
    for m in wh.models("curated"):  # each model after the curated tables it reads
        for read in m.reads:
            if read.startswith("curated."):
                assert order.index(read.split(".")[1]) < order.index(m.name), (m.name, read)
    for layer in ("raw", "staging", "quality", "audit"):
        assert all(m.grain for m in wh.models(layer)), layer


def test_build_order_refuses_a_cycle(tmp_path, monkeypatch):
    import warehouse as wh

    for name, reads in (("a", "curated.b"), ("b", "curated.a")):
        (tmp_path / "curated").mkdir(exist_ok=True)
        (tmp_path / "curated" / f"{name}.sql").write_text(f"-- table: {name}\nselect * from {reads}\n")
    monkeypatch.setattr(wh, "ROOT", tmp_path)
    with pytest.raises(ValueError, match="read each other in a cycle"):
        wh.build_order("curated")


def test_a_first_publish_larger_than_a_row_group_is_seen_whole_inside_its_transaction(tmp_path):
    """Regression: DuckDB 2.0.0 joins saw none of the rows of a table created empty and then filled
    with more than 122,880 rows in the same transaction; a first publish of 10,000 documents thus
    lost every flag. A new incremental table is built whole instead."""
    import warehouse as wh
    from flows.publish import _merge

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema curated")
    con.execute("create table src as select 'd' || (range % 1000) as doc, range as i from range(130000)")
    con.execute("create temp table publish_changed as select distinct doc from src")
    model = wh.Model("curated", "t", "", {}, "select doc, i from src", incremental="doc")
    con.begin()
    _merge(con, model)
    assert con.sql("select count(*) from curated.t join src using (i)").fetchall() == [(130000,)]
    _merge(con, model)  # and again, as the next run replaces the batch's documents
    assert con.sql("select count(*) from curated.t join src using (i)").fetchall() == [(130000,)]
    con.commit()
