"""The `lishui` command: exit codes and messages, run as a user runs it."""
import os
import subprocess
import sys
from pathlib import Path

from flows.cli import main
from tests.conftest import SAMPLE_SOURCES

LISHUI = Path(sys.executable).parent / "lishui"


def lishui(*args, tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
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
    result = lishui("run", "--sources", str(SAMPLE_SOURCES), "--warehouse", str(warehouse), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "documents:          5 (5 new versions, 5 extracted this run)" in out
    assert "figures published:" in out and "rows quarantined:   0 by the gates, 0 files at ingest" in out
    assert "gate results:       all passed (ingest 7/7" in out
    assert f"quality report:     {warehouse.parent / 'report' / 'index.html'}" in out
    assert (warehouse.parent / "report" / "data_docs" / "index.html").is_file()


def test_blocked_run_exits_1_naming_gate_expectation_and_values(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "feed.txt").write_text("Sales rose 5,000% in March. Output rose 7,200% in April. "
                                  "Profits rose 9,100% in May. Exports were 3 billion yuan.")
    result = lishui("run", "--sources", str(src), "--warehouse", str(tmp_path / "w.duckdb"), tmp_path=tmp_path)
    assert result.returncode == 1
    (message,) = [line for line in result.stderr.splitlines() if line.startswith("lishui:")]
    assert message.startswith("lishui: nothing published: gate 'transform' failed: "
                              "expect_column_values_to_be_between(value; -100..1000; where unit==\"percent\")")
    assert "3 of 3 rows unexpected, e.g. 5000.0, 7200.0, 9100.0" in message
