"""The `lishui` flow end to end, on the sample sources, under a real Prefect server."""
import json

import duckdb
import pytest

from flows.lishui import lishui
from flows.publish import GateFailed
from tests.conftest import SAMPLE_SOURCES

pytestmark = pytest.mark.usefixtures("prefect_server")


def snapshot(warehouse) -> dict:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.sql(f"select * from curated.{t} order by 1").fetchall() for t in ("figures", "documents")}
    finally:
        con.close()


def query(warehouse, sql):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """The flow once on the sample sources (shared by the read-only tests below)."""
    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    summary = lishui(sources=SAMPLE_SOURCES, warehouse=warehouse)
    return summary, warehouse


def test_flow_publishes_the_sample_sources(sample_run):
    summary, warehouse = sample_run
    assert summary.documents == 5
    assert summary.figures_published == summary.figures_staged > 150
    assert summary.rows_quarantined == 0
    assert summary.report.is_file() and summary.data_docs.is_file()
    assert query(warehouse, "select count(*) from curated.documents") == [(5,)]
    assert query(warehouse, "select status from quality.runs") == [("published",)]
    stages = query(warehouse, "select distinct stage from quality.validation_results order by 1")
    assert stages == [("documents",), ("extract",), ("ingest",), ("transform",)]


def test_provenance_of_every_published_figure(sample_run):
    _, warehouse = sample_run
    texts = dict(query(warehouse, "select doc, text from curated.documents"))
    figures = query(warehouse, "select doc, char_start, char_end, text from curated.figures")
    assert figures
    for doc, start, end, text in figures:
        assert texts[doc][start:end] == text
        assert (SAMPLE_SOURCES / doc).read_text(encoding="utf-8")[start:end] == text


def test_rerun_is_idempotent(tmp_path, monkeypatch):
    import warehouse as wh

    bootstraps = []
    bootstrap = wh.bootstrap
    monkeypatch.setattr(wh, "bootstrap", lambda con: bootstraps.append(1) or bootstrap(con))
    warehouse = tmp_path / "warehouse.duckdb"
    lishui(sources=SAMPLE_SOURCES, warehouse=warehouse)
    first = snapshot(warehouse)
    again = lishui(sources=SAMPLE_SOURCES, warehouse=warehouse)
    assert snapshot(warehouse) == first
    assert len(bootstraps) == 2  # once per run: the stages only connect
    assert (again.documents_new, again.documents_extracted) == (0, 0)
    assert query(warehouse, "select count(*) from raw.ingest") == [(5,)]
    assert query(warehouse, "select count(distinct doc_sha256) from raw.extract") == [(5,)]


def test_connecting_makes_no_tables_and_bootstrap_makes_them_once(tmp_path):
    import warehouse as wh

    w = wh.Warehouse(tmp_path / "new" / "w.duckdb")
    with w.connect() as con:
        assert con.execute("select count(*) from duckdb_tables()").fetchall() == [(0,)]
    assert w.bootstrap() is w and w.bootstrap() is w
    with w.connect(read_only=True) as con:
        tables = {s for (s,) in con.execute("select distinct schema_name from duckdb_tables()").fetchall()}
    assert tables == {"raw", "quality"}


def test_a_warehouse_connection_is_capped_at_256_mb_unless_told_otherwise(tmp_path, monkeypatch):
    import warehouse as wh

    w = wh.Warehouse(tmp_path / "w.duckdb")
    with w.connect() as con:
        assert con.execute("select current_setting('memory_limit')").fetchall() == [("244.1 MiB",)]  # 256 MB
    monkeypatch.setenv("LISHUI_DUCKDB_MEMORY_LIMIT", "1GB")
    with w.connect() as con:
        assert con.execute("select current_setting('memory_limit')").fetchall() == [("953.6 MiB",)]


def test_bad_files_are_quarantined_while_the_rest_publishes(sources, warehouse):
    (sources / "empty.txt").write_bytes(b"")
    (sources / "scan.txt").write_bytes(b"\x00\x01binary\x00")
    (sources / "latin1.md").write_bytes("Caf\u00e9 sales rose 5%".encode("latin-1"))
    summary = lishui(sources=sources, warehouse=warehouse)
    assert summary.documents == 5
    assert sorted(doc for doc, _ in summary.files_quarantined) == ["empty.txt", "latin1.md", "scan.txt"]
    rows = query(warehouse, "select record_key, reason from quality.quarantine order by 1")
    assert rows == [("empty.txt", "empty file (0 bytes)"),
                    ("latin1.md", "not valid UTF-8: byte 0xe9 at offset 3; it looks like cp1250, which is not "
                                  "guessed: save it as UTF-8"),
                    ("scan.txt", "binary file: contains NUL bytes (the first at byte 0)")]
    assert query(warehouse, "select count(*) from curated.documents") == [(5,)]


def test_a_share_above_100_percent_publishes_only_as_the_share_of_a_goal(sources, warehouse):
    (sources / "goal.txt").write_text("In 2025, Jinyun built 5,300 homes, completing 106 percent of its annual target. "
                                      "Exports made up 125 percent of its GDP.", encoding="utf-8")
    lishui(sources=sources, warehouse=warehouse)
    published = query(warehouse, "select text, role from curated.figures where doc = 'goal.txt' order by char_start")
    assert published == [("5,300", "level"), ("106 percent", "share")]
    assert query(warehouse, "select reason from quality.quarantine where doc = 'goal.txt'") == [
        ("share outside 0..100% (not of a goal)",)]


def test_bad_row_is_quarantined_while_the_rest_publishes(sources, warehouse):
    text = "In 2024, exports of Qingtian County rose 2,500% year-on-year to 3.1 billion yuan."
    (sources / "misprint.txt").write_text(text, encoding="utf-8")
    summary = lishui(sources=sources, warehouse=warehouse)
    assert summary.rows_quarantined == 1
    (row,) = query(warehouse, "select stage, reason, record_key, record from quality.quarantine")
    start = text.index("2,500%")
    assert row[:3] == ("transform", "percentage outside -100..1000", f"misprint.txt#{start}-{start + 6}")
    assert json.loads(row[3])["value"] == 2500.0
    published = query(warehouse, "select text from curated.figures where doc = 'misprint.txt'")
    assert published == [("3.1 billion yuan",)]
    assert query(warehouse, "select count(*) from curated.documents") == [(6,)]


def test_bad_batch_is_blocked_and_published_tables_survive(tmp_path, sources, warehouse):
    lishui(sources=sources, warehouse=warehouse)
    before = snapshot(warehouse)
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "feed.txt").write_text(
        "Sales rose 5,000% in March. Output rose 7,200% in April. Profits rose 9,100% in May. "
        "Exports were 3 billion yuan.", encoding="utf-8")
    with pytest.raises(GateFailed, match=r"gate 'documents' failed: .*feed.txt: 3 of 4 figures"):
        lishui(sources=garbage, warehouse=warehouse)
    assert snapshot(warehouse) == before
    status = query(warehouse, "select status, message from quality.runs order by started_at")
    assert [s for s, _ in status] == ["published", "blocked"]
    assert "feed.txt: 3 of 4 figures (percentage outside -100..1000)" in status[-1][1]
    failed = query(warehouse, "select stage, unexpected_count from quality.validation_results "
                              "where not success and run_id = (select run_id from quality.runs where status = 'blocked')")
    assert ("transform", 3) in failed


def test_the_run_artifact_is_short_markdown_with_the_gates_the_flagged_figures_and_links(tmp_path):
    from flows import report
    from flows.lishui import ARTIFACT_FLAGGED, artifact_markdown
    from flows.validate import report_folder
    from tests.conftest import run_stages

    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLE_SOURCES.glob("*.txt"))}
    warehouse = tmp_path / "w" / "w.duckdb"
    gates = run_stages(tmp_path / "src", warehouse, docs)
    report.write(warehouse, report_folder(warehouse), "run-1")  # as the run does before its artifact
    markdown = artifact_markdown("run-1", "published", {"documents": 5, "odd | item": "two\nlines"}, gates, warehouse)
    lines = markdown.splitlines()
    assert lines[0] == "### Lishui run `run-1`: **published**"
    assert "| odd \\| item | two lines |" in lines  # one cell each, pipes escaped
    # one row per stage, in the words of the run summary and the report, adding up to its expectations
    rows = {line.split(" | ")[0].strip("| "): [int(x) for x in line.strip("| ").split(" | ")[1:]]
            for line in lines if line.startswith(("| ingest |", "| extract |", "| transform |", "| documents |"))}
    assert set(rows) == {"ingest", "extract", "transform", "documents"}
    for stage, (passed, quarantined, flagged, failed) in rows.items():
        outcomes = [o for o in gates.outcomes if o.stage == stage]
        assert passed + quarantined + flagged + failed == len(outcomes)
        assert failed == 0
    assert rows["transform"][2] > 0  # the sample sources' flags
    (flags,) = query(warehouse, "select count(*) from quality.flags where run_id = 'run-1'")[0]
    assert f"**Flagged figures**: {flags}" in markdown
    listed = [line for line in lines if line.startswith("| 00")]
    assert len(listed) == min(flags, ARTIFACT_FLAGGED)
    assert any("| 471.78 billion yuan | MAGNITUDE_IMPLAUSIBLE |" in line for line in listed)
    assert lines[-1] == "" and lines[-2] == (f"[quality report]({(warehouse.parent / 'report' / 'index.html').as_uri()}) · "
                         f"[indicators]({(warehouse.parent / 'report' / 'indicators.html').as_uri()}) · "
                         f"[Data Docs]({(warehouse.parent / 'report' / 'data_docs' / 'index.html').as_uri()})")
