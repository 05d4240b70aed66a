"""The process of a run: the temporary Prefect server it starts, and how it stops.

- `temporary_server()`: without PREFECT_API_URL, a run starts Prefect's own temporary server
  (the one Prefect would start by itself) before the flow, and a small guard process that stops
  that server when the run's process dies in any way, SIGKILL included (Linux: the guard asks the
  kernel for a signal when its parent dies). The server's start may take long on a busy machine:
  PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS (default here 90) bounds it.
- `stop_on_signals()`: SIGTERM, like Ctrl-C, stops the run. Python runs a signal handler only
  between two bytecodes, so a run inside a long DuckDB or pandas call would not hear it; a thread
  woken by the signal itself ends the process after a grace period. Either way the published
  tables, snapshot and PostgreSQL schema are as the last complete run left them (the publish is
  crash-safe) and the run lock goes with the process.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

STARTUP_TIMEOUT_SETTING = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
STARTUP_TIMEOUT_DEFAULT = "90"
GRACE_SECONDS = 8.0

# the guard: stop process `pid` when this guard is told to stop (its parent died, or the run ended)
_GUARD = """
import os, signal, sys
pid = int(sys.argv[1])
def stop(*_):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os._exit(0)
signal.signal(signal.SIGTERM, stop)
if os.getppid() != int(sys.argv[2]):
    stop()
while True:
    signal.pause()
"""


def die_with_parent() -> None:
    """In a child, before exec: on Linux, ask for SIGTERM when the parent dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def guard(pid: int) -> subprocess.Popen:
    """A process that stops process `pid` when this process dies (or when it is terminated)."""
    return subprocess.Popen([sys.executable, "-c", _GUARD, str(pid), str(os.getpid())],
                            preexec_fn=die_with_parent, stdin=subprocess.DEVNULL)


@contextmanager
def temporary_server():
    """Prefect's temporary server for one run, guarded; nothing when PREFECT_API_URL is set."""
    if os.environ.get("PREFECT_API_URL"):
        yield None
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = SubprocessASGIServer()
    # read here: Prefect read its own settings at import, perhaps before the CLI set this default
    server.start(timeout=int(float(os.environ.get(STARTUP_TIMEOUT_SETTING) or STARTUP_TIMEOUT_DEFAULT)))
    keeper = guard(server.server_process.pid)
    os.environ["PREFECT_API_URL"] = server.api_url  # the run's worker processes report to it too
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)  # the run's last logs and events reach the server before it stops
        EventsWorker.drain_all(timeout=10)
        server.stop()
        keeper.terminate()
        keeper.wait()


class Stop:
    """Whether a stop was asked for, and by which signal (set as soon as the signal arrives)."""

    signum: int | None = None

    @property
    def status(self) -> int:
        return 128 + (self.signum or signal.SIGINT)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum else "interrupted"


@contextmanager
def stop_on_signals(grace: float = GRACE_SECONDS):
    """SIGTERM and SIGINT raise KeyboardInterrupt in the main thread (DuckDB turns it into an
    InterruptException inside a query); if the process has not ended `grace` seconds after the
    signal, it exits with status 128 + the signal's number. Yields a `Stop`."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    previous_fd = signal.set_wakeup_fd(write_end)

    def interrupt(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous_term = signal.signal(signal.SIGTERM, interrupt)

    def watch():
        while True:
            try:
                got = os.read(read_end, 1)
            except OSError:
                return
            if not got:
                return
            if got[0] in (signal.SIGTERM, signal.SIGINT):
                stop.signum = got[0]
                time.sleep(grace)
                os._exit(128 + got[0])

    watcher = threading.Thread(target=watch, name="lishui-stop", daemon=True)
    watcher.start()
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.set_wakeup_fd(previous_fd)
        os.close(write_end)  # the watcher reads the end of the pipe and returns
        watcher.join(timeout=1)
        os.close(read_end)
