"""Published snapshots for readers, and incremental runs: real DuckDB files, real processes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.lishui import lishui
from transforms import extract as extractor
from tests.conftest import ROOT, SAMPLE_SOURCES, curated, query
from warehouse import snapshot

pytestmark = pytest.mark.usefixtures("prefect_server")

READ = "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).sql(sys.argv[2]).fetchall())"


def read_in_new_process(path, sql: str) -> str:
    """What a new connection (another process, like a BI tool) sees."""
    return subprocess.run([sys.executable, "-c", READ, str(path), sql], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_each_publish_writes_an_immutable_snapshot_and_keeps_three(sources, warehouse):
    for i in range(4):
        (sources / f"extra{i}.txt").write_text(f"In 2024, Jinyun exported goods worth {i + 1}.5 billion yuan.")
        lishui(sources=sources, warehouse=warehouse)
    kept = snapshot.snapshots(warehouse)
    assert len(kept) == 3
    assert os.path.samefile(kept[-1], snapshot.current(warehouse))
    assert all(not os.access(p, os.W_OK) or os.geteuid() == 0 for p in kept)
    assert all(oct(p.stat().st_mode)[-3:] == "444" for p in kept)
    assert curated(snapshot.current(warehouse)) == curated(warehouse)
    (runs,) = query(snapshot.current(warehouse), "select count(*) from quality.runs")[0]
    assert runs == 4
    comment = query(snapshot.current(warehouse), "select comment from duckdb_tables() where table_name = 'figures'")
    assert comment[0][0].startswith("Economic figures found in the source documents")


def test_a_reader_holding_the_snapshot_neither_blocks_a_run_nor_sees_half_of_it(sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    reader = duckdb.connect(str(snapshot.current(warehouse)), read_only=True)
    before = reader.sql("select count(*) from curated.figures").fetchall()
    (sources / "new.txt").write_text("In 2024, Songyang's tea output reached 9,300 tons, up 5 percent.")
    env = {**os.environ}
    result = subprocess.run([os.path.join(os.path.dirname(sys.executable), "lishui"), "run", "--sources", str(sources),
                             "--warehouse", str(warehouse)], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert reader.sql("select count(*) from curated.figures").fetchall() == before  # the reader's file is unchanged
    assert reader.sql("select count(*) from curated.documents").fetchall() == [(5,)]
    reader.close()
    assert read_in_new_process(snapshot.current(warehouse), "select count(*) from curated.documents") == "[(6,)]"


def test_rerun_with_nothing_new_extracts_nothing_and_keeps_every_table(sources, warehouse):
    first = lishui(sources=sources, warehouse=warehouse)
    tables = curated(warehouse)
    again = lishui(sources=sources, warehouse=warehouse)
    assert (first.documents_extracted, again.documents_extracted) == (5, 0)
    assert curated(warehouse) == tables
    assert curated(snapshot.current(warehouse)) == tables
    assert query(warehouse, "select count(*) from raw.extract_log") == [(5,)]


def test_a_new_extractor_version_reads_every_document_again(sources, warehouse, monkeypatch):
    first = lishui(sources=sources, warehouse=warehouse)
    figures = query(warehouse, "select doc, char_start, char_end, value, unit from curated.figures order by all")
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", extractor.EXTRACTOR_VERSION + ".next")
    again = lishui(sources=sources, warehouse=warehouse)
    assert (first.documents_extracted, again.documents_extracted) == (5, 5)
    assert query(warehouse, "select distinct extractor_version from curated.figures") == [(extractor.EXTRACTOR_VERSION,)]
    assert query(warehouse, "select doc, char_start, char_end, value, unit from curated.figures order by all") == figures
    assert query(warehouse, "select count(*) from raw.extract_log") == [(10,)]


def test_a_changed_document_alone_is_extracted_again(sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    path = sources / "002_b32638d0c8cea9c1.txt"
    path.write_text(path.read_text() + "\nIn 2024, Qingtian's exports rose 12.5 percent.")
    run = lishui(sources=sources, warehouse=warehouse)
    assert (run.documents_new, run.documents_extracted) == (1, 1)
    assert query(warehouse, "select count(*) from raw.ingest where doc = '002_b32638d0c8cea9c1.txt'") == [(2,)]
    assert ("12.5 percent",) in query(warehouse, "select text from curated.figures where doc = '002_b32638d0c8cea9c1.txt'")


def test_a_vanished_source_retires_its_figures_and_raw_keeps_them(sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    (sources / "004_433baee3b0b6a52d.txt").unlink()
    run = lishui(sources=sources, warehouse=warehouse)
    assert run.documents_retired == ["004_433baee3b0b6a52d.txt"]
    assert query(warehouse, "select count(*) from curated.figures where doc = '004_433baee3b0b6a52d.txt'") == [(0,)]
    assert query(warehouse, "select doc, reason from raw.retired") == [
        ("004_433baee3b0b6a52d.txt", "the source file is no longer in the sources folder")]
    (kept,) = query(warehouse, """select count(*) from raw.extract e join raw.ingest i on i.sha256 = e.doc_sha256
                                 where i.doc = '004_433baee3b0b6a52d.txt'""")[0]
    assert kept > 50
    again = lishui(sources=sources, warehouse=warehouse)
    assert again.documents_retired == []


BI_BIN = Path(os.environ.get("LISHUI_BI_BIN", ROOT / ".venv-bi" / "bin"))


def bi_client(program: str, *args) -> subprocess.CompletedProcess:
    """Run a program of the BI client environment (SQLAlchemy 1.4, duckdb-engine, DuckDB 1.x)."""
    if not (BI_BIN / program).is_file():
        pytest.fail(f"no {program} in the BI client environment {BI_BIN}: "
                    "`make test` builds it from tests/bi/requirements.txt")
    return subprocess.run([str(BI_BIN / program), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def published(tmp_path_factory, prefect_server):
    """A warehouse after one run of the flow on the sample sources."""
    warehouse = tmp_path_factory.mktemp("bi") / "warehouse.duckdb"
    lishui(sources=SAMPLE_SOURCES, warehouse=warehouse)
    return warehouse


def test_duckdb_engine_with_duckdb_1_reflects_and_reads_every_published_table(published):
    result = bi_client("python", str(ROOT / "tests" / "bi" / "reflect.py"), str(snapshot.current(published)))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["duckdb"].startswith("1.") and seen["sqlalchemy"].startswith("1.4.")
    con = duckdb.connect(str(published), read_only=True)
    try:
        expected = {f"{s}.{t}": {"columns": [c for (c,) in con.execute(
                        "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
                        "order by column_index", [s, t]).fetchall()],
                     "rows": con.execute(f"select count(*) from {s}.{t}").fetchone()[0]}
                    for s, t in con.execute("select schema_name, table_name from duckdb_tables() "
                                            "where schema_name in ('curated', 'quality')").fetchall()}
    finally:
        con.close()
    assert seen["tables"] == expected
    assert "read-only mode" in seen["write"]


def test_the_duckdb_cli_reads_the_snapshot_and_cannot_write_it(published):
    current = str(snapshot.current(published))
    result = bi_client("duckdb", "-readonly", current, "-csv", "-c",
                       "select count(*) as n, count(distinct doc) as docs from curated.figures")
    assert result.returncode == 0, result.stderr
    (n, docs), = query(published, "select count(*), count(distinct doc) from curated.figures")
    assert result.stdout.split() == ["n,docs", f"{n},{docs}"]
    refused = bi_client("duckdb", "-readonly", current, "-c", "delete from curated.figures")
    assert refused.returncode != 0 and "read-only" in refused.stderr + refused.stdout
    assert query(snapshot.current(published), "select count(*) from curated.figures") == [(n,)]


def test_duckdb_1_cannot_open_the_warehouse_itself_which_is_why_readers_get_snapshots(published):
    opener = "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True); print('opened')"
    assert bi_client("python", "-c", opener, str(snapshot.current(published))).stdout.strip() == "opened"
    result = bi_client("python", "-c", opener, str(published))
    assert result.returncode == 1 and "we can only read versions" in result.stderr


def test_rerun_with_nothing_new_changes_nothing_and_writes_no_snapshot(sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    files = snapshot.snapshots(warehouse)
    tables = curated(warehouse)
    again = lishui(sources=sources, warehouse=warehouse)
    assert not again.changed and again.batch == 0
    assert snapshot.snapshots(warehouse) == files
    assert os.path.samefile(snapshot.current(warehouse), files[-1])
    assert curated(warehouse) == tables
    assert query(warehouse, "select status, batch_documents from quality.runs order by started_at") == [
        ("published", 5), ("unchanged", 0)]


def test_only_the_batch_goes_through_the_stages(sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    before = curated(warehouse)
    (sources / "new.txt").write_text("In 2024, Songyang's tea output reached 9,300 tons, up 5 percent.")
    run = lishui(sources=sources, warehouse=warehouse)
    assert (run.batch, run.documents_extracted, run.figures_staged) == (1, 1, 2)
    for table in ("staging.ingest", "staging.extract", "staging.transform"):
        assert query(warehouse, f"select distinct doc from {table}") == [("new.txt",)], table
    (checked,) = query(warehouse, """select max(element_count) from quality.validation_results
                                    where stage = 'transform' and run_id = ?""", [run.run_id])[0]
    assert checked == 2
    after = curated(warehouse)
    old = {k: [r for r in rows if "new.txt" not in str(r)] for k, rows in after.items()}
    assert old["figures"] == before["figures"]  # the other documents' figures are untouched
    assert query(warehouse, "select doc, outcome from raw.processed where run_id = ?", [run.run_id]) == [
        ("new.txt", "published")]


def test_a_run_killed_before_readers_saw_its_publish_is_completed_by_the_next_run(sources, warehouse, tmp_path):
    from tests.test_lock import kill, start_run, wait_for

    lishui(sources=sources, warehouse=warehouse)
    old = snapshot.snapshots(warehouse)[-1]
    (sources / "new.txt").write_text("In 2024, Songyang's tea output reached 9,300 tons, up 5 percent.")
    run = start_run(sources, warehouse, pause_at="snapshot", pause_file=tmp_path / "paused")
    wait_for(tmp_path / "paused", run)
    kill(run)
    assert os.path.samefile(snapshot.current(warehouse), old)  # readers still see the first run
    again = lishui(sources=sources, warehouse=warehouse)
    assert not again.changed
    assert curated(snapshot.current(warehouse)) == curated(warehouse)
    assert read_in_new_process(snapshot.current(warehouse), "select count(*) from curated.documents") == "[(6,)]"
