"""`lishui`: the command line of the pipeline.

    lishui run [--sources DIR] [--warehouse PATH]

Exit status: 0 published; 1 a blocking gate failed (nothing published) or the run failed;
2 bad arguments (a missing or empty sources folder).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_SOURCES = Path("data/sources")
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")


def _prefect_environment() -> None:
    """Settings Prefect reads at import: a project-local home, no telemetry (no network here)."""
    os.environ.setdefault("PREFECT_HOME", str(Path(".prefect").resolve()))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")


def _fail(message: str, code: int) -> int:
    print(f"lishui: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    from flows.ingest import SourcesError, source_files

    try:
        source_files(args.sources)
    except SourcesError as e:
        return _fail(str(e), 2)
    _prefect_environment()
    from flows.lishui import lishui
    from flows.publish import GateFailed

    try:
        summary = lishui(sources=args.sources, warehouse=args.warehouse)
    except GateFailed as e:
        return _fail(f"nothing published: {e}", 1)
    except SourcesError as e:
        return _fail(str(e), 2)
    except Exception as e:  # noqa: BLE001 - the message is the interface here
        return _fail(f"run failed: {type(e).__name__}: {e}", 1)
    print(f"published {args.warehouse}")
    for line in summary.lines():
        print(line)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lishui", description="Economic figures from text into a gated DuckDB warehouse.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run the pipeline once on a folder of articles")
    r.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder of .txt/.md/.html articles")
    r.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB warehouse file")
    r.set_defaults(func=run)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
