"""The README's SQL examples, run as a reader runs them (`lishui sql` on the snapshot of a run of
the sample sources): each returns rows."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_SOURCES

ROOT = Path(__file__).resolve().parent.parent
LISHUI = Path(sys.executable).parent / "lishui"
# `lishui sql "select ..."`, `echo "select ..." | lishui sql`, `duckdb ... -c "select ..."` and
# `select ...` in backticks (the table of curated tables)
_EXAMPLE = re.compile(r'lishui sql (?:--format \w+\s+)?"(select [^"]+)"|echo "(select [^"]+)" \| lishui sql'
                      r'|duckdb [^"\n]*-c "(select [^"]+)"|`(select [^`]*from curated\.[^`]+)`')


def examples(readme: str) -> list[str]:
    """The SQL examples of a README, in order (a `select ...` that is only a placeholder is not one)."""
    found = [next(g for g in m.groups() if g) for m in _EXAMPLE.finditer(readme)]
    return [q for q in found if "..." not in q]


def test_examples_are_found_in_a_readme():
    readme = ('lishui sql "select a from curated.figures"\nlishui sql --format csv  "select b from curated.t" > x.csv\n'
              'echo "select c from quality.flags" | lishui sql --format json\n| t | `select d from curated.indicators` |\n'
              'duckdb -readonly x.duckdb -c "select e from curated.indicators"\n`duckdb.connect(...).sql("select ...")`')
    assert examples(readme) == ["select a from curated.figures", "select b from curated.t",
                                "select c from quality.flags", "select d from curated.indicators",
                                "select e from curated.indicators"]


@pytest.fixture(scope="module")
def published(tmp_path_factory, prefect_server):
    tmp = tmp_path_factory.mktemp("readme")
    warehouse = tmp / "data" / "warehouse.duckdb"
    env = {**os.environ, "PREFECT_HOME": str(tmp / "prefect-home")}
    result = subprocess.run([str(LISHUI), "run", "--sources", str(SAMPLE_SOURCES), "--warehouse", str(warehouse)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return warehouse


def test_every_sql_example_of_the_readme_returns_rows(published):
    queries = examples((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(queries) >= 6
    for q in queries:
        result = subprocess.run([str(LISHUI), "sql", q, "--format", "json", "--warehouse", str(published)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (q, result.stderr)
        assert json.loads(result.stdout), f"no rows: {q}"
