"""`lishui`: the command line of the pipeline.

    lishui run [--sources DIR] [--warehouse PATH]
    lishui quality [--warehouse PATH]

Exit status: 0 published (run) or printed (quality); 1 a blocking gate failed (nothing
published) or the run failed; 2 bad arguments (a missing or empty sources folder, no warehouse).
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


def quality(args: argparse.Namespace) -> int:
    """Print the last run's gate results and the flagged figures with their sentence."""
    import duckdb

    if not args.warehouse.is_file():
        return _fail(f"no warehouse at {args.warehouse}: run `lishui run` first", 2)
    try:
        con = duckdb.connect(str(args.warehouse), read_only=True)
    except duckdb.Error as e:
        return _fail(f"cannot open {args.warehouse}: {str(e).splitlines()[0]}", 1)
    with con:
        runs = con.execute("select run_id, status, started_at, message, report from quality.runs "
                           "order by started_at desc limit 1").fetchall()
        if not runs:
            return _fail(f"{args.warehouse} has no runs yet", 2)
        run_id, status, started, message, report_path = runs[0]
        print(f"last run {run_id}: {status} (started {started:%Y-%m-%d %H:%M} UTC)")
        if message:
            print(f"  {message}")
        results = con.execute("""
            select stage, severity, success, expectation, unexpected_count, element_count
            from quality.validation_results where run_id = ? order by stage, expectation""", [run_id]).fetchall()
        print("\ngate results:")
        for stage in dict.fromkeys(r[0] for r in results):
            rows = [r for r in results if r[0] == stage]
            failed = [r for r in rows if not r[2] and r[1] != "warn"]
            flagged = [r for r in rows if not r[2] and r[1] == "warn"]
            print(f"  {stage}: {len(rows) - len(failed) - len(flagged)} passed, {len(failed)} failed, "
                  f"{len(flagged)} flagging")
            for _, severity, _, expectation, bad, n in failed + flagged:
                word = "FLAGGED" if severity == "warn" else "FAILED"
                print(f"    {word} {expectation}: {bad or 0} of {n or 0} rows")
        flags = con.execute("""
            select f.doc, f.code, f.reason, t.sentence, t.char_start - t.sentence_start,
                   t.char_end - t.sentence_start
            from quality.flags f left join staging.transform t using (figure_id)
            where f.run_id = ? order by f.doc, t.char_start, f.code""", [run_id]).fetchall()
        print(f"\nflagged figures ({len(flags)}):")
        for doc, code, reason, sentence, start, end in flags:
            print(f"  {doc} {code}: {reason}")
            if sentence is not None:
                print(f"    \"{sentence[:start]}»{sentence[start:end]}«{sentence[end:]}\"")
        if report_path:
            print(f"\nquality report: {report_path}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lishui", description="Economic figures from text into a gated DuckDB warehouse.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="run the pipeline once on a folder of articles")
    r.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder of .txt/.md/.html articles")
    r.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB warehouse file")
    r.set_defaults(func=run)
    q = sub.add_parser("quality", help="print the last run's gate results and flagged figures")
    q.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB warehouse file")
    q.set_defaults(func=quality)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
