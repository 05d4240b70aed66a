"""Published snapshots: what readers open, never the warehouse itself.

DuckDB lets one process write a file or many read it, never both. So after each successful
publish the curated and quality tables are copied into a new, immutable DuckDB file
`published/lishui-<UTC time>-<run>.duckdb` beside the warehouse, and `published/current.duckdb`
is switched to it: a hard link to the new file is renamed over it (one atomic rename). A reader
holding the old `current.duckdb` open keeps reading the old file; a new connection opens the new
one. The pipeline never opens a snapshot again once written; the three newest are kept.

Snapshots are written in storage version v1.4.0, so DuckDB 1.4 and later (the drivers BI tools
embed) read them too.
"""
from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime, timezone
from pathlib import Path

import duckdb

SCHEMAS = ("curated", "quality")
KEEP = 3
STORAGE_VERSION = "v1.4.0"
PREFIX = "lishui-"


def folder(warehouse: Path) -> Path:
    from warehouse import Warehouse

    return Warehouse(warehouse).published


def current(warehouse: Path) -> Path:
    return folder(warehouse) / "current.duckdb"


def build(con: duckdb.DuckDBPyConnection, warehouse: Path, run_id: str) -> Path:
    """Copy the curated and quality tables into a new, complete snapshot file; return it.
    (`make_current` then switches readers to it.)"""
    out = folder(warehouse)
    out.mkdir(parents=True, exist_ok=True)
    _remove_partials(out)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    snapshot = out / f"{PREFIX}{stamp}-{run_id[-8:]}.duckdb"
    partial = snapshot.with_name(snapshot.name + ".partial")
    con.execute(f"attach ? as snapshot (storage_version '{STORAGE_VERSION}')", [str(partial)])
    try:
        for schema in SCHEMAS:
            con.execute(f"create schema snapshot.{_ident(schema)}")
            tables = con.execute("select table_name, comment from duckdb_tables() where database_name = current_database() "
                                 "and schema_name = ? order by table_name", [schema]).fetchall()
            for table, comment in tables:
                name = f"{_ident(schema)}.{_ident(table)}"
                con.execute(f"create table snapshot.{name} as select * from {name}")
                if comment:
                    con.execute(f"comment on table snapshot.{name} is {_quote(comment)}")
                for column, col_comment in con.execute(
                        "select column_name, comment from duckdb_columns() where database_name = current_database() "
                        "and schema_name = ? and table_name = ? and comment is not null", [schema, table]).fetchall():
                    con.execute(f"comment on column snapshot.{name}.{_ident(column)} is {_quote(col_comment)}")
    finally:
        con.execute("detach snapshot")
    os.chmod(partial, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # immutable: nobody opens it read-write
    os.replace(partial, snapshot)
    return snapshot


def make_current(snapshot: Path) -> None:
    """Point current.duckdb at `snapshot` in one rename (a hard link; a copy where links fail),
    then drop all but the newest snapshots."""
    out = snapshot.parent
    staged = out / ".current.duckdb.next"
    staged.unlink(missing_ok=True)
    try:
        os.link(snapshot, staged)
    except OSError:
        shutil.copy2(snapshot, staged)
    os.replace(staged, out / "current.duckdb")
    fd = os.open(out, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    _prune(out)


def published(warehouse: Path, run_id: str) -> Path | None:
    """The snapshot readers see (current.duckdb), when run `run_id` wrote it; else None."""
    link = current(warehouse)
    if not link.is_file():
        return None
    for path in snapshots(warehouse):
        if path.samefile(link):
            return path if path.stem.endswith(run_id[-8:]) else None
    return None


def snapshots(warehouse_or_folder: Path) -> list[Path]:
    """The snapshots in a published folder, oldest first."""
    out = warehouse_or_folder if warehouse_or_folder.is_dir() else folder(warehouse_or_folder)
    return sorted(out.glob(f"{PREFIX}*.duckdb"))


def _prune(out: Path) -> None:
    for old in snapshots(out)[:-KEEP]:
        old.unlink(missing_ok=True)


def _remove_partials(out: Path) -> None:
    """Leftovers of a run killed while writing a snapshot."""
    for leftover in [*out.glob("*.partial"), *out.glob("*.partial.wal"), out / ".current.duckdb.next"]:
        leftover.unlink(missing_ok=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

