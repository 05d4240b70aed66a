"""The process of a run: the temporary Prefect server it starts, and how it stops.

- `temporary_server()`: without PREFECT_API_URL, a run starts Prefect's own temporary server
  (the one Prefect would start by itself, `TemporaryServer`) before the flow, first thing, and
  imports its own modules while that server starts; and a small guard process that stops that
  server when the run's process dies in any way, SIGKILL included (Linux: the guard asks the
  kernel for a signal when its parent dies). The server's start may take long on a busy machine:
  PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS (default here 90) bounds it.
- `stop_on_signals()`: SIGTERM, like Ctrl-C, stops the run. Python runs a signal handler only
  between two bytecodes, so a run inside a long DuckDB or pandas call would not hear it; a thread
  woken by the signal itself ends the process after a grace period. Either way the published
  tables, snapshot and PostgreSQL schema are as the last complete run left them (the publish is
  crash-safe) and the run lock goes with the process.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

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


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nobody holds now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def terminate(process: subprocess.Popen, timeout: float) -> None:
    """SIGTERM, and SIGKILL if `process` has not ended `timeout` seconds later."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def guard(pid: int) -> subprocess.Popen:
    """A process that stops process `pid` when this process dies (or when it is terminated)."""
    return subprocess.Popen([sys.executable, "-c", _GUARD, str(pid), str(os.getpid())],
                            preexec_fn=die_with_parent, stdin=subprocess.DEVNULL)


class TemporaryServer:
    """The server Prefect's own `SubprocessASGIServer` starts (Prefect 3.8: uvicorn serving
    `prefect.server.api.server:create_app`, its UI off, marked ephemeral), launched without
    importing Prefect's server package into the run's process (2.6 s and 80 MB here) and without
    waiting for it: the run imports its own modules while the server starts in its process."""

    APP = "prefect.server.api.server:create_app"
    PORT_TAKEN = 3  # uvicorn's exit status when it cannot start: its port taken (so Prefect retries), or else
    LAUNCHES = 3  # on another port each time

    def __init__(self) -> None:
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def launch(self) -> None:
        """Start the server's process on a free port; returns at once."""
        import importlib.util

        self.port = free_port()  # taken meanwhile: `wait` launches again
        prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
               "PREFECT__SERVER_FINAL": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent), "--factory", self.APP,
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL)

    def wait(self, timeout: float) -> None:
        """Until the server answers its health check (RuntimeError after `timeout` seconds, or when
        its process ends, after LAUNCHES launches if it ends as for a taken port)."""
        import httpx

        deadline = time.monotonic() + timeout
        launches = 1
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                code = self.process.poll()
                if code == self.PORT_TAKEN and launches < self.LAUNCHES:
                    self.launch()
                    launches += 1
                    continue
                if code is not None:
                    raise RuntimeError(f"Prefect's temporary server exited with status {code} before it answered "
                                       f"(launched {launches} times; see its messages above)")
                try:
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary server did not answer within {timeout:.0f} s "
                           f"({STARTUP_TIMEOUT_SETTING})")

    def stop(self) -> None:
        if self.process is None:
            return
        logging.getLogger("prefect").info("Stopping temporary server on http://127.0.0.1:%s", self.port)
        terminate(self.process, timeout=5)
        self.process = None


@contextmanager
def temporary_server(while_starting: Callable[[], object] = lambda: None):
    """Prefect's temporary server for one run, guarded; nothing when PREFECT_API_URL is set.
    `while_starting()` runs in this process while the server starts in its own (the run's imports:
    their seconds and the server's overlap on two cores); without a server to start it is not called."""
    if os.environ.get("PREFECT_API_URL"):
        yield None
        return
    server = TemporaryServer()
    server.launch()
    keeper = guard(guarded := server.process.pid)
    # before Prefect is imported (by `while_starting`): its settings, read then, are every thread's and
    # every worker process's (each of Prefect's background threads would otherwise start a server)
    os.environ["PREFECT_API_URL"] = server.api_url
    answered = False
    try:
        while_starting()
        logging.getLogger("prefect").info("Starting temporary server on http://127.0.0.1:%s", server.port)
        # read here: Prefect read its own settings at import, perhaps before the CLI set this default
        server.wait(float(os.environ.get(STARTUP_TIMEOUT_SETTING) or STARTUP_TIMEOUT_DEFAULT))
        answered = True
        if server.process.pid != guarded:  # launched again on another port: guard that one
            keeper.terminate()
            keeper.wait()
            keeper = guard(server.process.pid)
            os.environ["PREFECT_API_URL"] = server.api_url  # the run's worker processes report to it too
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        if answered:
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
