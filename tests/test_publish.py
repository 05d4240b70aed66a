"""The publish stage: write-audit-publish; a failed gate or audit leaves curated as it was."""
import dataclasses

import duckdb
import pytest

from flows.extract import extract
from flows.ingest import ingest
from flows.publish import GateFailed, publish
from flows.transform import transform
from flows.validate import validate


def stage_all(sources, warehouse, run_id):
    """Run every stage up to publish with the real tasks (no Prefect engine)."""
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
    gates = stage_all(sources, warehouse, "run-2")
    assert gates.passed
    con = duckdb.connect(str(warehouse))
    # the staged rows change after the gates ran: the audit inside the publish must catch it
    con.execute("update staging.transform set text = 'tampered' where char_start = (select min(char_start) from staging.transform)")
    con.close()
    with pytest.raises(GateFailed, match="1 figures whose text differs from their document"):
        publish.fn(warehouse, "run-2", gates)
    assert curated(warehouse) == published


def test_every_curated_table_and_column_is_commented(published, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = con.sql("select table_name, comment from duckdb_tables() where schema_name = 'curated'").fetchall()
    columns = con.sql("select table_name, column_name, comment from duckdb_columns() "
                      "where schema_name = 'curated'").fetchall()
    assert {t for t, _ in tables} == {"figures", "documents"}
    assert all(comment for _, comment in tables)
    assert [(t, c) for t, c, comment in columns if not comment] == []
