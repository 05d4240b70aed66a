"""`lishui`: the command line of the pipeline.

    lishui run [--sources DIR] [--feed URL ...] [--url URL ...] [--config sources.toml] [--warehouse PATH]
               [--postgres URL | --postgres-block BLOCK] [--wait]
               [--max-document-mb MB] [--workers N | --dask-address tcp://HOST:PORT]
               [--batch-chars N]
    lishui serve [--cron EXPR [--timezone TZ] | --interval SECONDS] [--sources DIR] [--feed URL ...]
                 [--url URL ...] [--config sources.toml] [--warehouse PATH] [--postgres URL | --postgres-block BLOCK]

Sources: the folder, feeds and pages given, with those of the sources file --config; given none,
./sources.toml when there is one, else data/sources.
    lishui sql ["SELECT ..."] [--format table|csv|json] [--warehouse PATH]
    lishui quality [--warehouse PATH]
    lishui explain DOC [--text FIGURE] [--warehouse PATH]

Exit status: 0 done; 1 a blocking gate failed (nothing published), the run failed or the query
failed; 2 bad arguments (a missing or empty sources folder, a wrong sources file or URL, an
unwritable data folder, no warehouse or snapshot yet);
3 another run holds the warehouse (run without --wait).
"""
from __future__ import annotations

import argparse
import atexit
import csv
import gc
import json
import os
import sys
from pathlib import Path

from flows import (BATCH_CHARS, DASK_ENV, DEFAULT_SOURCES, DEFAULT_WAREHOUSE, MAX_DOCUMENT_MB, POSTGRES_ENV,
                   RESULTS, GateFailed)


def _prefect_environment() -> None:
    """Settings Prefect reads at import: a project-local home, no telemetry (no network here)."""
    os.environ.setdefault("PREFECT_HOME", str(Path(".prefect").resolve()))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    from flows.process import STARTUP_TIMEOUT_DEFAULT, STARTUP_TIMEOUT_SETTING

    # a busy machine may take longer than Prefect's 20 s to start the temporary server
    os.environ.setdefault(STARTUP_TIMEOUT_SETTING, STARTUP_TIMEOUT_DEFAULT)


def _import_the_run() -> None:
    """What a run imports (Prefect, Polars, DuckDB, the extractor; Great Expectations for the gates:
    seconds each), done while Prefect's temporary server starts in its own process."""
    import expectations  # noqa: F401 - Great Expectations, which a run that validates needs
    import flows.lishui  # noqa: F401


def _collect_frozen() -> None:
    """At exit, the frozen imports collected after all: DuckDB's bindings (nanobind) otherwise report
    their types "leaked" on stderr as the interpreter shuts down."""
    gc.unfreeze()
    gc.collect()


def _fail(message: str, code: int) -> int:
    print(f"lishui: {message}", file=sys.stderr)
    return code


def _unwritable(warehouse: Path) -> str | None:
    """Why the warehouse's folder (the warehouse, its lock, snapshots and report) cannot be written."""
    folder = warehouse.absolute().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return f"cannot create the data folder {folder}: {e.strerror}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the data folder {folder} is not writable (the warehouse, its lock, snapshots and report go there)"
    return None


def _sources(args: argparse.Namespace):
    """The run's sources as the flow will resolve them, checked (SourcesError when they cannot be read)."""
    from flows.sources import check, resolve

    sources = resolve(args.sources, args.config, args.feed, args.url, default_folder=DEFAULT_SOURCES)
    check(sources)
    return sources


def run(args: argparse.Namespace) -> int:
    from flows.sources import SourcesError
    from flows.lock import RunLocked, run_lock

    try:
        _sources(args)
    except SourcesError as e:
        return _fail(str(e), 2)
    if problem := _unwritable(args.warehouse):
        return _fail(problem, 2)
    try:
        with run_lock(args.warehouse, wait=args.wait):  # refused at once, before Prefect starts
            _prefect_environment()
            from flows.process import stop_on_signals, temporary_server

            if args.postgres:  # to this run through its environment: never a parameter Prefect stores
                os.environ[POSTGRES_ENV] = args.postgres
            with stop_on_signals() as stop:
                try:
                    with temporary_server(while_starting=_import_the_run):
                        from flows.lishui import lishui

                        gc.freeze()  # the imports' objects out of the collector's walks (flows.extract.COLLECT_EVERY)
                        atexit.register(_collect_frozen)
                        summary = lishui(sources=args.sources, config=args.config, feeds=args.feed, pages=args.url,
                                         warehouse=args.warehouse,
                                         postgres_block=args.postgres_block, max_document_mb=args.max_document_mb,
                                         workers=args.workers, dask_address=args.dask_address,
                                         batch_chars=args.batch_chars)
                except GateFailed as e:
                    return _fail(f"nothing published: {e}", 1)
                except SourcesError as e:
                    return _fail(str(e), 2)
                except (KeyboardInterrupt, Exception) as e:  # noqa: BLE001 - the message is the interface here
                    if isinstance(e, KeyboardInterrupt) or stop.signum:  # DuckDB turns it into InterruptException
                        return _fail(f"run stopped ({stop.name}): readers keep what the last complete run published",
                                     stop.status)
                    return _fail(f"run failed: {type(e).__name__}: {e}", 1)
    except RunLocked as e:
        return _fail(str(e), 3)
    print(f"published {args.warehouse}" if summary.changed else f"nothing new: {args.warehouse} unchanged")
    for line in summary.lines():
        print(line)
    return 0


def serve(args: argparse.Namespace) -> int:
    from flows.sources import SourcesError, default_config

    try:
        _sources(args)
    except SourcesError as e:
        return _fail(str(e), 2)
    if not (args.sources or args.config or args.feed or args.url):  # what `resolve` reads, made explicit
        args.config = default_config()
        args.sources = None if args.config else DEFAULT_SOURCES
    if problem := _unwritable(args.warehouse):
        return _fail(problem, 2)
    _prefect_environment()
    from flows.serve import schedule
    from flows.serve import serve as serve_flow

    try:
        when = schedule(cron=args.cron, interval=args.interval, timezone=args.timezone)
    except ValueError as e:
        return _fail(str(e), 2)
    return serve_flow(sources=args.sources, warehouse=args.warehouse, when=when, postgres=args.postgres,
                      postgres_block=args.postgres_block, config=args.config, feeds=args.feed, pages=args.url)


# a reader's connection: the snapshot file only (no other file, database or extension), and the
# setting cannot be changed back from inside the query
READ_ONLY = {"enable_external_access": False, "lock_configuration": True}


def superset_bundle(args: argparse.Namespace) -> int:
    """Write the Superset bundle (datasets, charts, dashboard) for the published snapshot's tables."""
    from warehouse import snapshot, superset

    current = snapshot.current(args.warehouse)
    if not current.is_file():
        return _fail(f"no published snapshot at {current}: run `lishui run` first", 2)
    out = superset.write(current, args.out, args.uri or superset.DEFAULT_URI)
    print(f"{out}: import it with `superset import-dashboards -p {out} -u ADMIN`")
    return 0


def sql(args: argparse.Namespace) -> int:
    """Run a query read-only on the readers' snapshot and print the result."""
    import duckdb

    from warehouse import snapshot

    query = args.query if args.query is not None else sys.stdin.read()
    if not query.strip():
        return _fail("no query (give it as an argument or on standard input)", 2)
    current = snapshot.current(args.warehouse)
    if not current.is_file():
        return _fail(f"no published snapshot at {current}: run `lishui run` first", 2)
    try:
        with duckdb.connect(str(current), read_only=True, config=READ_ONLY) as con:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if columns else []
    except duckdb.PermissionException as e:
        return _fail("lishui sql only reads the published snapshot: files, other databases and extensions "
                     f"are out of its reach (ATTACH, COPY ... TO, EXPORT, INSTALL, LOAD); {str(e).strip()}", 1)
    except duckdb.Error as e:
        return _fail(str(e).strip(), 1)
    _print(columns, rows, args.format)
    return 0


def _print(columns: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
    elif fmt == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=str, ensure_ascii=False, indent=1))
    else:
        cells = [[_cell(v) for v in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        print("  ".join("-" * w for w in widths))
        for r in cells:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _plain(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, default=str, ensure_ascii=False)
    return "" if v is None else v


def _cell(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, float):
        return f"{v:.15g}"
    if isinstance(v, (list, dict)):
        return json.dumps(v, default=str, ensure_ascii=False)
    return str(v).replace("\n", " ")




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
        try:
            results = con.execute("""
                select stage, result, expectation, unexpected_count, element_count
                from quality.validation_results where run_id = ? order by stage, expectation""",
                                  [run_id]).fetchall()
        except duckdb.BinderException:
            return _fail(f"{args.warehouse} was last written by an older lishui: run `lishui run` first", 2)
        print("\ngate results:")
        for stage in dict.fromkeys(r[0] for r in results):
            rows = {word: [r for r in results if r[0] == stage and r[1] == word] for word in RESULTS}
            print(f"  {stage}: {len(rows['passed'])} passed, {len(rows['quarantined'])} quarantined, "
                  f"{len(rows['flagged'])} flagged, {len(rows['failed'])} failed")
            for _, word, expectation, bad, n in rows["failed"] + rows["quarantined"] + rows["flagged"]:
                print(f"    {word.upper()} {expectation}: {bad or 0} of {n or 0} rows")
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


FIELDS = ("role", "is_target", "year", "period", "region", "metric")


def explain(args: argparse.Namespace) -> int:
    """Print each figure of a document with its fields and the rule behind each. DOC is a text file
    (read by the extractor now, with the numbers it did not take as figures) or the name of a
    published document (read from the readers' snapshot)."""
    path = Path(args.doc)
    if path.is_file():
        import polars as pl

        from transforms.extract import read_document
        from transforms.ingest import ingest

        documents, rejected_files = ingest(pl.DataFrame({"doc": [path.name], "path": [str(path)],
                                                          "content": [path.read_bytes()]}))
        if documents.is_empty():
            return _fail(f"{path}: {rejected_files['reason'][0]}", 2)
        text = documents["text"][0]

        figures, info, rejected = read_document(text, trace=True)
        for f in figures:
            f["value"], f["unit"] = f["number"], f["unit_hint"]
            f["rules"] = json.loads(f["rules"])
        title = f"{path}: {len(figures)} figures"
    else:
        import duckdb

        from warehouse import snapshot

        current = snapshot.current(args.warehouse)
        if not current.is_file():
            return _fail(f"{args.doc} is not a file, and there is no published snapshot at {current}", 2)
        with duckdb.connect(str(current), read_only=True) as con:
            cursor = con.execute("select * from curated.figures where doc = ? order by char_start", [args.doc])
            names = [d[0] for d in cursor.description]
            figures = [dict(zip(names, row)) for row in cursor.fetchall()]
            facts = con.execute("select published_on, main_region, reporting_year from curated.documents where doc = ?",
                                [args.doc]).fetchall()
        if not facts:
            return _fail(f"no document {args.doc!r} in {current} (give a file path, or a name from "
                         "curated.documents)", 2)
        info, rejected = dict(zip(("published_on", "main_region", "reporting_year"), facts[0])), []
        title = f"{args.doc} (published): {len(figures)} figures"
    if args.text:
        figures = [f for f in figures if args.text in f["text"]]
        rejected = [r for r in rejected if args.text in r["text"]]
    _explain_table(title, info, figures, rejected)
    return 0


def _explain_table(title: str, info: dict, figures: list[dict], rejected: list[dict]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    probe = Console()  # a terminal's width, or COLUMNS when the output goes elsewhere (else 160)
    console = Console(width=probe.width if probe.is_terminal or os.environ.get("COLUMNS") else 160)
    console.print(f"[bold]{escape(title)}[/bold]  published {info.get('published_on') or '-'}, about "
                  f"{info.get('main_region') or '-'}, reporting year {info.get('reporting_year') or '-'}")
    table = Table(show_lines=True)
    table.add_column("figure (and the rule that took it)", overflow="fold", ratio=3)
    table.add_column("value", overflow="fold", ratio=1)
    for name in FIELDS:
        table.add_column(name, overflow="fold", ratio=2 if name in ("year", "metric") else 1)
    for f in figures:
        rules = f.get("rules") or {}
        sentence, start = f.get("sentence") or "", f["char_start"] - (f.get("sentence_start") or 0)
        context = "…" + escape(sentence[max(0, start - 30):start]) + "[bold]»" + escape(f["text"]) + "«[/bold]" + \
            escape(sentence[start + len(f["text"]):start + len(f["text"]) + 20]) + "…"
        cells = [f"{context}\n[dim]{rules.get('figure', '')}[/dim]", f"{f['value']:g} {f['unit']}"]
        for name in FIELDS:
            value = f.get(name)
            shown = "-" if value is None or value == "" else ("yes" if value is True else "no" if value is False
                                                            else str(value))
            rule = rules.get(name, "")
            if name == "year" and f.get("dated_by"):
                rule += f' ("{f["dated_by"]}"; {rules.get("time", "")})'
            cells.append(f"{escape(shown)}\n[dim]{escape(rule)}[/dim]")
        table.add_row(*cells)
    console.print(table)
    if rejected:
        console.print("not figures: " + "; ".join(f"{escape(r['text'])} [dim]({r['rule']})[/dim]" for r in rejected))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lishui", description="Economic figures from text into a gated DuckDB warehouse.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(cmd, sources=True):
        if sources:
            cmd.add_argument("--sources", type=Path, default=None, metavar="DIR",
                             help=f"folder of .txt/.md/.html/.pdf articles (default: ./sources.toml's sources when "
                                  f"there is one, else {DEFAULT_SOURCES})")
            cmd.add_argument("--feed", action="append", default=[], metavar="URL",
                             help="an RSS or Atom feed: every article it links is fetched (repeatable)")
            cmd.add_argument("--url", action="append", default=[], metavar="URL", help="a web page to fetch (repeatable)")
            cmd.add_argument("--config", type=Path, default=None, metavar="FILE",
                             help="a sources file (TOML: [[folder]], [[feed]], [[page]], [fetch]); see sources.toml")
        cmd.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, help="DuckDB warehouse file")

    r = sub.add_parser("run", help="run the pipeline once on the sources: folders of articles, feeds, pages")
    common(r)
    r.add_argument("--postgres", default=None, metavar="URL",
                   help=f"also publish the curated tables to this PostgreSQL database (default ${POSTGRES_ENV})")
    r.add_argument("--postgres-block", default=None, metavar="BLOCK",
                   help="also publish to the PostgreSQL URL held by this Prefect Secret block")
    r.add_argument("--wait", action="store_true", help="wait for a running run to finish instead of refusing")
    r.add_argument("--max-document-mb", type=float, default=MAX_DOCUMENT_MB, metavar="MB",
                   help=f"quarantine source files larger than this (default {MAX_DOCUMENT_MB:g} MB)")
    r.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help=f"extract in N processes of this machine: the run's own and N-1 worker processes "
                        f"(default: one per core, {os.cpu_count()} here; 1: the run's own process only)")
    r.add_argument("--dask-address", default=None, metavar="tcp://HOST:PORT",
                   help=f"extract on the Dask cluster whose scheduler is there (default ${DASK_ENV})")
    r.add_argument("--batch-chars", type=_positive, default=BATCH_CHARS, metavar="N",
                   help=f"characters of text per extraction task at most (default {BATCH_CHARS:,}); the last "
                        "tasks are smaller, so that the processes finish together")
    r.set_defaults(func=run)

    s = sub.add_parser("serve", help="run the pipeline on a schedule on a Prefect server until stopped")
    common(s)
    when = s.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help="cron schedule, e.g. '0 6 * * *'")
    when.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS")
    s.add_argument("--timezone", default="UTC", metavar="TZ",
                   help="IANA time zone of the cron schedule, e.g. Asia/Shanghai (default UTC)")
    s.add_argument("--postgres", default=None, metavar="URL",
                   help=f"also publish to PostgreSQL (default: ${POSTGRES_ENV} at each run)")
    s.add_argument("--postgres-block", default=None, metavar="BLOCK",
                   help="also publish to the PostgreSQL URL held by this Prefect Secret block, read at each run")
    s.set_defaults(func=serve)

    q = sub.add_parser("sql", help="run a read-only query on the published snapshot")
    q.add_argument("query", nargs="?", help="the SQL (default: read from standard input)")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    common(q, sources=False)
    q.set_defaults(func=sql)

    qa = sub.add_parser("quality", help="print the last run's gate results and flagged figures")
    common(qa, sources=False)
    qa.set_defaults(func=quality)

    e = sub.add_parser("explain", help="print a document's figures with their fields and the rule behind each")
    e.add_argument("doc", help="a text file, or the name of a published document (curated.documents.doc)")
    e.add_argument("--text", metavar="FIGURE", help="only figures whose text contains FIGURE (e.g. '9.3%%')")
    common(e, sources=False)
    e.set_defaults(func=explain)

    b = sub.add_parser("superset-bundle", help="write a Superset dashboard bundle over the PostgreSQL publish")
    b.add_argument("--uri", default=None, metavar="URL",
                   help="the database Superset connects to, as the read-only role "
                        "(default postgresql://lishui_reader@127.0.0.1:5432/lishui)")
    b.add_argument("--out", type=Path, default=Path("lishui-superset.zip"), help="the ZIP to write")
    common(b, sources=False)
    b.set_defaults(func=superset_bundle)
    return p


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
