"""Named points of a run where the tests stop it to kill it (crash-safety tests).

With LISHUI_PAUSE_AT=<name>, a run reaching checkpoint(<name>) writes its pid to
LISHUI_PAUSE_FILE and sleeps, so that a test can SIGKILL it exactly there; with
LISHUI_PAUSE_IN=duckdb it waits inside a long DuckDB query instead (a C call, where Python does not
run signal handlers). Without the variable a checkpoint does nothing.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("publish", "snapshot", "postgres")  # every checkpoint; the crash tests kill a run at each


def checkpoint(name: str) -> None:
    if os.environ.get("LISHUI_PAUSE_AT") != name:
        return
    Path(os.environ["LISHUI_PAUSE_FILE"]).write_text(str(os.getpid()))
    if os.environ.get("LISHUI_PAUSE_IN") == "duckdb":
        import duckdb

        duckdb.connect().execute("select sum(i * i) from range(1000000000000) t(i)").fetchall()
    time.sleep(3600)
