"""The `lishui` command: exit codes and messages, run as a user runs it."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from tests.conftest import SAMPLE_SOURCES, query
import warehouse as wh
from warehouse import snapshot

LISHUI = Path(sys.executable).parent / "lishui"


@pytest.fixture(autouse=True)
def _server(prefect_server):
    """Runs report to the session's Prefect server (PREFECT_API_URL), as on a machine with one;
    `lishui(..., own_server=True)` runs as on a bare machine, starting its temporary server."""


def lishui(*args, tmp_path, own_server: bool = False):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    if own_server:
        env.pop("PREFECT_API_URL", None)
    return subprocess.run([str(LISHUI), *args], capture_output=True, text=True, env=env, timeout=300)


def test_missing_sources_folder_exits_2(tmp_path, capsys):
    assert main(["run", "--sources", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    assert f"sources folder {tmp_path / 'nope'} does not exist" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()


def test_empty_sources_folder_exits_2(tmp_path, capsys):
    (tmp_path / "src").mkdir()
    assert main(["run", "--sources", str(tmp_path / "src"), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    assert "holds no .txt, .md" in capsys.readouterr().err


def test_run_publishes_and_prints_a_summary(tmp_path):
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    result = lishui("run", "--sources", str(SAMPLE_SOURCES), "--warehouse", str(warehouse), tmp_path=tmp_path,
                    own_server=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # the sample sources are one extraction task: no worker process is started for it
    assert ("documents:          5 (5 new versions, 5 in this run's batch, 5 extracted in the flow's process, "
            "0 retired)") in out
    assert "figures published:" in out and "rows quarantined:   0 by the gates, 0 files at ingest" in out
    # the words of the artifact, the report and Data Docs: 3 expectations flagged rows (GX: not successful)
    assert ("gate results:       expectations ingest 8 passed; extract 9 passed; transform 41 passed, 3 flagged; "
            "documents 3 passed") in out
    assert f"quality report:     {warehouse.parent / 'report' / 'index.html'}" in out
    assert (warehouse.parent / "report" / "data_docs" / "index.html").is_file()
    assert f"readers' snapshot:  {warehouse.parent / 'published' / 'current.duckdb'} -> lishui-" in out
    assert "leaked" not in result.stderr  # DuckDB's bindings find no object alive at exit (cli._collect_frozen)


def test_blocked_run_exits_1_naming_gate_expectation_and_values(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "feed.txt").write_text("Sales rose 5,000% in March. Output rose 7,200% in April. "
                                  "Profits rose 9,100% in May. Exports were 3 billion yuan.")
    result = lishui("run", "--sources", str(src), "--warehouse", str(tmp_path / "w.duckdb"), tmp_path=tmp_path)
    assert result.returncode == 1
    (message,) = [line for line in result.stderr.splitlines() if line.startswith("lishui:")]
    assert message.startswith("lishui: nothing published: gate 'documents' failed: "
                              "expect_column_values_to_be_between(quarantined_share; 0..0.5)")
    assert "1 of 1 rows unexpected, e.g. 'feed.txt: 3 of 4 figures (percentage outside -100..1000)'" in message


def test_one_document_whose_figures_all_fail_does_not_block_the_others(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "misread.txt").write_text("Sales rose 5,000% in March. Output rose 7,200% in April.")
    for i, county in enumerate(["Jinyun", "Songyang", "Yunhe"]):
        (src / f"good{i}.txt").write_text(f"In 2024, {county} exported goods worth {i + 2}.5 billion yuan, up 8.1%.")
    warehouse = tmp_path / "w.duckdb"
    result = lishui("run", "--sources", str(src), "--warehouse", str(warehouse), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "  misread.txt: 2 of 2 figures quarantined (percentage outside -100..1000)" in result.stdout
    assert "figures published:  6 (of 8 staged)" in result.stdout
    published = query(warehouse, "select doc, count(*) from curated.figures group by doc order by doc")
    assert published == [("good0.txt", 2), ("good1.txt", 2), ("good2.txt", 2)]


def test_quality_prints_gate_results_and_flagged_figures_with_their_sentence(tmp_path, capsys):
    from flows import report, runs
    from flows.validate import report_folder
    from tests.conftest import run_stages

    warehouse = wh.Warehouse(tmp_path / "wh" / "w.duckdb").bootstrap().path
    runs.begin(warehouse, "run-1", tmp_path / "src")
    run_stages(tmp_path / "src", warehouse, {
        "honors.txt": "In 2023, the county won 58 national and provincial awards, including 412 prizes."})
    runs.end(warehouse, "run-1", "published", report=str(report_folder(warehouse) / "index.html"))
    report.write(warehouse, report_folder(warehouse), "run-1")
    assert main(["quality", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "last run run-1: published" in out
    assert "transform: 43 passed, 0 quarantined, 1 flagged, 0 failed" in out
    assert "honors.txt PART_EXCEEDS_WHOLE: 412 is written as a part of 58 but is larger than it" in out
    assert '"In 2023, the county won 58 national and provincial awards, including »412« prizes."' in out


def test_quality_without_a_warehouse_exits_2(tmp_path, capsys):
    assert main(["quality", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "run `lishui run` first" in capsys.readouterr().err


def test_quality_report_highlights_flags_and_opens_offline(tmp_path):
    import re

    from flows import report, runs
    from flows.validate import report_folder
    from tests.conftest import run_stages

    warehouse = wh.Warehouse(tmp_path / "wh" / "w.duckdb").bootstrap().path
    runs.begin(warehouse, "run-1", tmp_path / "src")
    run_stages(tmp_path / "src", warehouse, {
        "misprint.txt": "In 2024, Lishui's added value of industry above designated size came to 452.6 billion "
                        "yuan."})
    runs.end(warehouse, "run-1", "published")
    page = report.write(warehouse, report_folder(warehouse), "run-1").read_text()
    assert "<mark>452.6 billion yuan</mark>" in page
    assert "MAGNITUDE_IMPLAUSIBLE" in page and "2.3x the reference GDP of Lishui" in page
    assert not re.search(r"(?:src|href)=['\"]https?://", page)
    docs = list((report_folder(warehouse) / "data_docs").rglob("*.html"))
    assert len(docs) >= 4
    for doc in docs:
        assert not re.search(r"<(?:script|link|img)[^>]*(?:src|href)=\"https?://", doc.read_text()), doc


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A warehouse with a published readers' snapshot of two small articles."""
    from flows.publish import publish_current, publish_snapshot
    from tests.conftest import run_stages

    tmp = tmp_path_factory.mktemp("sql")
    warehouse = tmp / "wh" / "warehouse.duckdb"
    run_stages(tmp / "src", warehouse, {
        "a.txt": "In 2024, Jinyun exported goods worth 1.5 billion yuan.",
        "b.txt": "In 2024, Qingtian received 3,000 tourists.",
    })
    publish_current.fn(warehouse, publish_snapshot.fn(warehouse, "run-1"))
    return warehouse


SQL = "select doc, value, unit, year from curated.figures order by doc"


def test_sql_prints_a_table(published, capsys):
    assert main(["sql", SQL, "--warehouse", str(published)]) == 0
    result = capsys.readouterr().out.splitlines()
    expected = [
        "doc    value       unit   year",
        "-----  ----------  -----  ----",
        "a.txt  1500000000  CNY    2024",
        "b.txt  3000        count  2024",
        "(2 rows)",
    ]
    assert result == expected


def test_sql_prints_csv_with_empty_nulls(published, capsys):
    sql = "select doc, value, null as note from curated.figures order by doc"
    assert main(["sql", sql, "--format", "csv", "--warehouse", str(published)]) == 0
    result = capsys.readouterr().out.splitlines()
    expected = ["doc,value,note", "a.txt,1500000000.0,", "b.txt,3000.0,"]
    assert result == expected


def test_sql_prints_json_and_reads_the_query_from_stdin(published):
    result = subprocess.run([str(LISHUI), "sql", "--format", "json", "--warehouse", str(published)],
                            input="select doc, value, null as note, [1, 2] as l from curated.figures order by doc",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    expected = [{"doc": "a.txt", "value": 1500000000.0, "note": None, "l": [1, 2]},
                {"doc": "b.txt", "value": 3000.0, "note": None, "l": [1, 2]}]
    assert json.loads(result.stdout) == expected


def test_sql_reads_the_snapshot_while_the_warehouse_is_open_for_writing(published, capsys):
    import duckdb

    with duckdb.connect(str(published)):  # a run holding the warehouse read-write
        assert main(["sql", "select count(*) as n from curated.figures", "--warehouse", str(published)]) == 0
    assert capsys.readouterr().out.splitlines()[2] == "2"


def test_sql_bad_query_exits_1_with_duckdbs_message(published):
    result = subprocess.run([str(LISHUI), "sql", "selec 1", "--warehouse", str(published)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith('lishui: Parser Error: syntax error at or near "selec"')
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_sql_cannot_write(published, capsys):
    assert main(["sql", "delete from curated.figures", "--warehouse", str(published)]) == 1
    assert "read-only mode" in capsys.readouterr().err
    assert query(snapshot.current(published), "select count(*) from curated.figures") == [(2,)]


@pytest.mark.parametrize("statement", [
    "attach '{warehouse}' as w (read_only false); delete from w.curated.figures",
    "copy (select * from curated.documents) to '{out}/documents.csv'",
    "export database '{out}/everything'",
    "select * from read_text('/etc/passwd')",
    "install httpfs",
    "load httpfs",
    "set enable_external_access = true; copy (select 1) to '{out}/x.csv'",
])
def test_sql_reaches_no_file_database_or_extension_beyond_the_snapshot(published, tmp_path, capsys, statement):
    sql = statement.format(warehouse=published, out=tmp_path)
    assert main(["sql", sql, "--warehouse", str(published)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lishui: lishui sql only reads the published snapshot") or "configuration has been locked" in err
    assert list(tmp_path.iterdir()) == []
    assert query(published, "select count(*) from curated.figures") == [(2,)]
    assert main(["sql", "select count(*) as n from curated.figures", "--warehouse", str(published)]) == 0


def test_sql_without_a_snapshot_exits_2(tmp_path, capsys):
    assert main(["sql", "select 1", "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    assert f"no published snapshot at {tmp_path / 'published' / 'current.duckdb'}" in capsys.readouterr().err


def test_sql_without_a_query_exits_2(published, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert main(["sql", "--warehouse", str(published)]) == 2
    assert "no query" in capsys.readouterr().err


def test_explain_a_file_prints_each_figure_its_fields_and_their_rules(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")  # wide enough to print each rule's name on one line
    article = tmp_path / "release.txt"
    article.write_text("Yunhe grows in H1\n\nUpdated: Jul 30, 2024\n\nYunhe's exports reached 2.6 billion yuan in "
                       "the first half, up 12.5 percent, ranking first in Lishui. Founded in 1958, its toy fair is old.")
    assert main(["explain", str(article), "--text", "12.5"]) == 0
    out = capsys.readouterr().out
    assert "12.5 percent" in out and "»2.6 billion yuan«" not in out
    for shown in ("growth", "change_word_before", "2024", "H1", "period_of_its_time", "Yunhe",
                  "place_of_the_figure_before", "exports growth", "of_the_figure_before", "reported"):
        assert shown in out, shown
    assert main(["explain", str(article)]) == 0
    out = capsys.readouterr().out
    assert "not figures: 1958 (year_as_time)" in out


def test_explain_a_published_document_reads_the_rules_from_the_snapshot(published, capsys):
    warehouse = published
    doc = query(warehouse, "select doc from curated.figures order by doc, char_start limit 1")[0][0]
    rules = query(warehouse, "select rules from curated.figures where doc = ? order by char_start limit 1", [doc])[0][0]
    assert set(rules) == {"figure", "role", "time", "is_target", "year", "period", "region", "metric"}
    assert main(["explain", doc, "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert f"{doc} (published)" in out and rules["role"] in out and rules["year"] in out


def test_explain_an_unknown_document_exits_2(published, capsys):
    assert main(["explain", "no-such-article.txt", "--warehouse", str(published)]) == 2
    assert "no document 'no-such-article.txt'" in capsys.readouterr().err


def test_a_quote_in_the_warehouse_path_is_only_a_character(tmp_path):
    """Regression: the snapshot step pasted the path into `attach '...'`."""
    warehouse = tmp_path / "o'brien's data" / "warehouse.duckdb"
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "a.txt").write_text("In 2024, Jinyun exported goods worth 1.5 billion yuan.")
    result = subprocess.run([str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(snapshot.current(warehouse), "select count(*) from curated.figures") == [(1,)]


@pytest.mark.skipif(os.geteuid() == 0 and not __import__("shutil").which("setpriv"), reason="needs setpriv as root")
def test_an_unwritable_data_folder_is_one_line_and_exit_2(tmp_path):
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="lishui-readonly-"))  # pytest's own folders are root's only
    try:
        (base / "src").mkdir()
        (base / "src" / "a.txt").write_text("Exports rose 3%.")
        (base / "data").mkdir()
        for p, mode in ((base, 0o755), (base / "src", 0o755), (base / "src" / "a.txt", 0o644), (base / "data", 0o555)):
            os.chmod(p, mode)
        command = [str(LISHUI), "run", "--sources", str(base / "src"), "--warehouse", str(base / "data" / "w.duckdb")]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=str(base),
                                env={**os.environ, "PREFECT_HOME": str(base / "prefect")})
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.strip() == f"lishui: the data folder {base / 'data'} is not writable (the warehouse, " \
                                    "its lock, snapshots and report go there)"
