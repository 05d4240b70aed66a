"""`lishui serve`: the `lishui` flow on a schedule, on a real Prefect server, until stopped.

Prefect runs schedules only on a real server (not on the temporary one `lishui run` uses). So
`serve` uses the server PREFECT_API_URL points at, or starts one itself with
`prefect server start` (its state in SQLite under PREFECT_HOME, or in PostgreSQL when
PREFECT_API_DATABASE_CONNECTION_URL is set) and stops it again when serving ends. Ctrl-C or
SIGTERM stops the serving and whatever `serve` started.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
import warnings
from datetime import timedelta
from pathlib import Path

from flows import POSTGRES_ENV
from flows.process import die_with_parent, free_port, terminate


class PrefectServer:
    """A `prefect server start` process owned by this one."""

    def __init__(self, log: Path):
        self.log = log
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self, timeout: float = 90) -> str:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/api"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        prefect = Path(sys.executable).parent / "prefect"
        command = [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        with open(self.log, "ab") as out:
            env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
            # the UI asks the server where its API is (/ui-settings): without these it answers
            # Prefect's default port, 4200, and every page of the UI fails to reach the server
            env |= {"PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port),
                    "PREFECT_UI_API_URL": self.url}
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env,
                                            preexec_fn=die_with_parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"prefect server exited with {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as r:
                    if r.status == 200:
                        return self.url
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"prefect server did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        terminate(self.process, timeout=20)


def _stop_on_sigterm() -> None:
    def handler(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, handler)


def schedule(cron: str | None = None, interval: float | None = None, timezone: str = "UTC"):
    """The Prefect schedule of `--cron` (in `timezone`) or `--interval` seconds; ValueError when
    it is not one."""
    from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule
    from pydantic import ValidationError

    if cron is not None:
        try:
            return CronSchedule(cron=cron, timezone=timezone)
        except ValidationError as e:
            if any(err["loc"] == ("timezone",) for err in e.errors()):
                raise ValueError(f"--timezone {timezone!r} is not an IANA time zone (e.g. Asia/Shanghai)") from None
            raise ValueError(f"--cron {cron!r} is not a cron expression (five fields, e.g. '0 6 * * *')") from None
    if interval is None or not interval > 0:
        raise ValueError(f"--interval must be a positive number of seconds, not {interval:g}")
    return IntervalSchedule(interval=timedelta(seconds=interval), timezone=timezone)


def _describe(when) -> str:
    if getattr(when, "cron", None):
        return f"cron '{when.cron}' ({when.timezone})"
    return f"every {when.interval.total_seconds():g} s"


def serve(sources: Path | None, warehouse: Path, when, postgres: str | None = None, postgres_block: str | None = None,
          config: Path | None = None, feeds: list[str] = (), pages: list[str] = ()) -> int:
    """Serve the flow on the schedule `when` until interrupted; return an exit status."""
    server = None
    api = os.environ.get("PREFECT_API_URL")
    if api:
        print(f"using the Prefect server at {api} (UI: {api.removesuffix('/api')})", flush=True)
    else:
        server = PrefectServer(Path(os.environ.get("PREFECT_HOME", ".prefect")) / "server.log")
        api = server.start()
        os.environ["PREFECT_API_URL"] = api
        print(f"started a Prefect server at {api} (UI: {api.removesuffix('/api')}); log {server.log}", flush=True)
    if postgres:  # the runs inherit it; kept out of the deployment's parameters (and so out of the UI)
        os.environ[POSTGRES_ENV] = postgres
    _stop_on_sigterm()
    # Prefect's runner stops on SIGTERM itself but leaves one coroutine un-awaited; say nothing of it
    warnings.filterwarnings("ignore", message="coroutine 'Runner.astop' was never awaited")
    try:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.lishui import lishui

        # a scheduled run that finds a manual run in progress waits for it rather than failing
        parameters = {"warehouse": str(Path(warehouse).resolve()), "wait": True}
        if sources:
            parameters["sources"] = str(Path(sources).resolve())
        if config:
            parameters["config"] = str(Path(config).resolve())
        if feeds:
            parameters["feeds"] = list(feeds)
        if pages:
            parameters["pages"] = list(pages)
        reads = ", ".join([*(parameters[k] for k in ("sources", "config") if k in parameters),
                           *([f"{len(feeds)} feeds"] if feeds else []), *([f"{len(pages)} pages"] if pages else [])])
        if postgres_block:  # a block's name, not its value
            parameters["postgres_block"] = postgres_block
        print(f"serving flow lishui on {_describe(when)}: {reads} -> {parameters['warehouse']}; "
              "Ctrl-C to stop", flush=True)
        with temporary_settings(updates={PREFECT_API_URL: api}):
            lishui.serve(name="lishui-scheduled", schedules=[when], parameters=parameters, limit=1,
                         description="Lishui figures: text sources -> gated DuckDB warehouse, on a schedule.")
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.stop()
            print("stopped the Prefect server", flush=True)
    return 0
