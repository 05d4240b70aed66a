"""One run at a time per warehouse: an advisory lock file beside it.

The lock is an flock() on `<warehouse dir>/.<warehouse name>.lock`: the kernel releases it when
the process ends, however it ends (SIGKILL included), so a crashed run never needs clean-up.
It is re-entrant within a process (the CLI takes it before Prefect starts, the flow takes it
again; a scheduled run, in its own process, takes it in the flow).
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

_held: dict[str, int] = {}  # lock path -> depth, in this process


class RunLocked(Exception):
    """Another run holds the warehouse."""


def lock_path(warehouse: Path) -> Path:
    warehouse = Path(warehouse).resolve()
    return warehouse.parent / f".{warehouse.name}.lock"


@contextmanager
def run_lock(warehouse: Path, wait: bool = False, poll_seconds: float = 1.0):
    """Hold the warehouse's run lock; raise RunLocked at once if another process holds it
    (or wait for it with `wait`)."""
    path = lock_path(warehouse)
    key = str(path)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
                    raise RunLocked(f"another run is in progress on {warehouse} ({holder}); "
                                    "use --wait to wait for it") from None
                time.sleep(poll_seconds)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC".encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
