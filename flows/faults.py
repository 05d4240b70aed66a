"""Named points of a run where the tests stop it to kill it (crash-safety tests).

With LISHUI_PAUSE_AT=<name>, a run reaching checkpoint(<name>) writes its pid to
LISHUI_PAUSE_FILE and sleeps, so that a test can SIGKILL it exactly there. Without the
variable a checkpoint does nothing.
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
    time.sleep(3600)
