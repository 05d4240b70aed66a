"""Publish the curated tables into PostgreSQL, for BI tools (every one speaks PostgreSQL).

1. Each curated table is created in a fresh schema `curated_loading_<run>` and bulk-loaded
   with COPY, a list column with a flat text copy beside it (`quality_flags_text`: the items
   joined by ", ", for tools that cannot read arrays); then the primary keys, foreign keys and
   indexes that the models declare (`-- key:`, `-- references:`; audited at publish, so they
   hold), so that BI tools find the joins; comments and the read-only role's grants are applied
   there.
2. One short transaction renames `curated` away and the fresh schema into its place
   (`lock_timeout`, retried). A dashboard mid-query keeps reading the old tables: its
   transaction holds them, and renaming a schema does not wait for it.
3. The old schema is dropped with a lock timeout; when a reader still holds it, it is left for
   the next run to drop (as are the leftovers of a run killed before the swap).

The reader role (login; USAGE and SELECT on `curated` only; a statement timeout) is created when
missing and kept so: `lishui_reader`, or the name in LISHUI_READER_ROLE; set LISHUI_READER_PASSWORD
to give it a password. Publishing needs no superuser: CREATE on the database and CREATEROLE.

Readers never see a silent change. Each table is created and loaded with COPY FREEZE in one
transaction, so its rows are visible to every snapshot, even one older than the load (a reader in
a REPEATABLE READ transaction that first touches `curated` after the swap reads complete new
tables, not empty ones); and the swap takes the old tables' locks first, so it waits (bounded) for
a reader still inside a transaction that read them, and that reader keeps them to its end.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import psycopg
from psycopg.types.json import Jsonb
from psycopg import sql

READER_ENV, READER_DEFAULT = "LISHUI_READER_ROLE", "lishui_reader"
READER_TIMEOUT_ENV, READER_TIMEOUT_DEFAULT = "LISHUI_READER_STATEMENT_TIMEOUT", "5min"
SCHEMA = "curated"
FLAT_SUFFIX = "_text"  # the flat text column beside a list column
LOCK_TIMEOUT = "3s"
SWAP_ATTEMPTS = 5
_TYPES = {
    "VARCHAR": "text", "INTEGER": "integer", "BIGINT": "bigint", "DOUBLE": "double precision",
    "FLOAT": "real", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz", "HUGEINT": "numeric", "SMALLINT": "smallint",
    "VARCHAR[]": "text[]", "INTEGER[]": "integer[]", "DOUBLE[]": "double precision[]",
    "MAP(VARCHAR, VARCHAR)": "jsonb",
}


class PostgresError(Exception):
    """Publishing to PostgreSQL failed (the message says where and why)."""


@dataclass(frozen=True)
class PostgresResult:
    tables: int
    rows: int
    schema: str


def publish(con: duckdb.DuckDBPyConnection, url: str, run_id: str,
            before_swap: Callable[[], None] = lambda: None) -> PostgresResult:
    """Copy every table of DuckDB's `curated` schema into PostgreSQL at `url` and swap it in."""
    loading = f"{SCHEMA}_loading_{_tag(run_id)}"
    reader = reader_role()
    try:
        pg = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as e:
        raise PostgresError(f"cannot connect to PostgreSQL at {_safe(url)}: {str(e).strip()}") from e
    with pg:
        _drop_leftovers(pg)
        _ensure_reader(pg, reader)
        pg.execute(sql.SQL("create schema {}").format(sql.Identifier(loading)))
        tables = con.execute("select table_name, comment from duckdb_tables() where database_name = current_database() "
                             "and schema_name = ? order by table_name", [SCHEMA]).fetchall()
        rows = 0
        for table, comment in tables:
            rows += _load(con, pg, loading, table, comment)
        _constrain(pg, loading, {table for table, _ in tables})
        pg.execute(sql.SQL("grant usage on schema {} to {}").format(sql.Identifier(loading), sql.Identifier(reader)))
        pg.execute(sql.SQL("grant select on all tables in schema {} to {}").format(
            sql.Identifier(loading), sql.Identifier(reader)))
        pg.execute(sql.SQL("comment on schema {} is {}").format(
            sql.Identifier(loading), sql.Literal(f"Curated tables of the Lishui figures warehouse (run {run_id}).")))
        before_swap()
        retired = _swap(pg, loading, run_id)
        if retired:
            _drop(pg, retired)
    return PostgresResult(tables=len(tables), rows=rows, schema=SCHEMA)


def published_run(url: str) -> str | None:
    """The run whose tables PostgreSQL's curated schema holds (from the schema's comment), or None."""
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as pg:
            row = pg.execute("select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = %s",
                             [SCHEMA]).fetchone()
    except psycopg.Error as e:
        raise PostgresError(f"cannot connect to PostgreSQL at {_safe(url)}: {str(e).strip()}") from e
    m = re.search(r"\(run (.+)\)\.?$", (row or [None])[0] or "")
    return m.group(1) if m else None


def _load(con: duckdb.DuckDBPyConnection, pg: psycopg.Connection, schema: str, table: str, comment: str | None) -> int:
    columns = con.execute("select column_name, data_type, comment from duckdb_columns() "
                          "where database_name = current_database() and schema_name = ? and table_name = ? "
                          "order by column_index", [SCHEMA, table]).fetchall()
    flat = [(f"{name}{FLAT_SUFFIX}", "VARCHAR", f"{name} as one text, its items joined by ', ' (for tools that "
                                                 "cannot read arrays).")
            for name, dtype, _ in columns if dtype.endswith("[]")]
    flat_sql = "".join(f", array_to_string(\"{name.removesuffix(FLAT_SUFFIX)}\", ', ') as \"{name}\""
                       for name, _, _ in flat)
    columns += flat
    target = sql.Identifier(schema, table)
    names = sql.SQL(", ").join(sql.Identifier(name) for name, _, _ in columns)
    result = con.execute(f'select *{flat_sql} from {SCHEMA}."{table}"')
    maps = [i for i, (_, dtype, _) in enumerate(columns) if dtype.startswith("MAP(")]  # -> jsonb
    n = 0
    # created and loaded in one transaction, so that COPY may write its rows frozen: visible to
    # every snapshot, also to a reader's older one
    with pg.transaction(), pg.cursor() as cur:
        cur.execute(sql.SQL("create table {} ({})").format(target, sql.SQL(", ").join(
            sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(_pg_type(dtype))) for name, dtype, _ in columns)))
        with cur.copy(sql.SQL("copy {} ({}) from stdin with (freeze)").format(target, names)) as copy:
            while batch := result.fetchmany(10_000):
                for row in batch:
                    if maps:
                        row = list(row)
                        for i in maps:
                            row[i] = None if row[i] is None else Jsonb(row[i])
                    copy.write_row(row)
                n += len(batch)
    if comment:
        pg.execute(sql.SQL("comment on table {} is {}").format(target, sql.Literal(comment)))
    for name, _, col_comment in columns:
        if col_comment:
            pg.execute(sql.SQL("comment on column {}.{} is {}").format(
                target, sql.Identifier(name), sql.Literal(col_comment)))
    return n


def _constrain(pg: psycopg.Connection, schema: str, tables: set[str]) -> None:
    """The models' declared keys as primary keys, their references to another table's key as
    foreign keys, and an index on each referencing column and each `year` column."""
    from warehouse import models

    declared = {m.name: m for m in models(SCHEMA) if m.name in tables}
    for m in declared.values():
        if m.key:
            pg.execute(sql.SQL("alter table {} add primary key ({})").format(
                sql.Identifier(schema, m.name), sql.SQL(", ").join(map(sql.Identifier, m.key))))
    for m in declared.values():
        indexed = set()
        for column, referenced, ref_column in m.references:
            layer, name = referenced.split(".")
            if layer == SCHEMA and name in declared and declared[name].key == (ref_column,):
                pg.execute(sql.SQL("alter table {} add foreign key ({}) references {} ({})").format(
                    sql.Identifier(schema, m.name), sql.Identifier(column), sql.Identifier(schema, name),
                    sql.Identifier(ref_column)))
            indexed.add(column)
        if "year" in m.column_comments:
            indexed.add("year")
        for column in sorted(indexed - {m.key[0] if m.key else None}):  # a key's first column has its index
            pg.execute(sql.SQL("create index on {} ({})").format(sql.Identifier(schema, m.name),
                                                                   sql.Identifier(column)))


def _swap(pg: psycopg.Connection, loading: str, run_id: str) -> str | None:
    """Rename `curated` away and `loading` into its place in one transaction; return the old name."""
    retired = f"{SCHEMA}_retired_{_tag(run_id)}"
    for attempt in range(1, SWAP_ATTEMPTS + 1):
        try:
            with pg.transaction():
                pg.execute(f"set local lock_timeout = '{LOCK_TIMEOUT}'")
                exists = pg.execute("select 1 from pg_namespace where nspname = %s", [SCHEMA]).fetchone()
                if exists:  # wait for readers still in a transaction that read the old tables
                    for (table,) in pg.execute("select tablename from pg_tables where schemaname = %s order by 1",
                                               [SCHEMA]).fetchall():
                        pg.execute(sql.SQL("lock table {} in access exclusive mode").format(
                            sql.Identifier(SCHEMA, table)))
                    pg.execute(sql.SQL("alter schema {} rename to {}").format(
                        sql.Identifier(SCHEMA), sql.Identifier(retired)))
                pg.execute(sql.SQL("alter schema {} rename to {}").format(
                    sql.Identifier(loading), sql.Identifier(SCHEMA)))
            return retired if exists else None
        except psycopg.errors.LockNotAvailable:
            if attempt == SWAP_ATTEMPTS:
                raise PostgresError(f"could not swap in the new {SCHEMA} schema: a reader kept the old tables in a "
                                    f"transaction through {attempt} attempts; PostgreSQL keeps them, the next run "
                                    "tries again")
            time.sleep(attempt)
    return None


def _drop(pg: psycopg.Connection, schema: str) -> bool:
    """Drop `schema` unless a reader still holds it (then the next run drops it)."""
    try:
        with pg.transaction():
            pg.execute(f"set local lock_timeout = '{LOCK_TIMEOUT}'")
            pg.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema)))
        return True
    except psycopg.errors.LockNotAvailable:
        return False


def _drop_leftovers(pg: psycopg.Connection) -> None:
    """Schemas of earlier runs: retired ones a reader held, loading ones of a killed run."""
    for (name,) in pg.execute("select nspname from pg_namespace where nspname like %s or nspname like %s",
                              [f"{SCHEMA}_loading_%", f"{SCHEMA}_retired_%"]).fetchall():
        _drop(pg, name)


def reader_role() -> str:
    """The read-only role's name: $LISHUI_READER_ROLE, default lishui_reader."""
    return os.environ.get(READER_ENV) or READER_DEFAULT


def _ensure_reader(pg: psycopg.Connection, reader: str) -> None:
    """The read-only login role: create it when missing, keep it unprivileged, its statements
    bounded. Needs CREATEROLE, not a superuser (a superuser reader is refused, not demoted)."""
    role = sql.Identifier(reader)
    found = pg.execute("select rolsuper from pg_roles where rolname = %s", [reader]).fetchone()
    if found is None:
        try:
            pg.execute(sql.SQL("create role {}").format(role))  # its attributes: just below
        except psycopg.errors.DuplicateObject:
            pass  # created meanwhile by a run on another database of the cluster
    elif found[0]:
        raise PostgresError(f"the reader role {reader} is a superuser: give BI tools an unprivileged role "
                            f"(set {READER_ENV}) or drop its superuser attribute")
    pg.execute(sql.SQL("alter role {} login nocreatedb nocreaterole noinherit").format(role))
    timeout = os.environ.get(READER_TIMEOUT_ENV) or READER_TIMEOUT_DEFAULT
    pg.execute(sql.SQL("alter role {} set statement_timeout = {}").format(role, sql.Literal(timeout)))
    password = os.environ.get("LISHUI_READER_PASSWORD")
    if password:
        pg.execute(sql.SQL("alter role {} password {}").format(role, sql.Literal(password)))
    database = pg.execute("select current_database()").fetchone()[0]
    pg.execute(sql.SQL("grant connect on database {} to {}").format(sql.Identifier(database), role))


def _pg_type(duckdb_type: str) -> str:
    if duckdb_type in _TYPES:
        return _TYPES[duckdb_type]
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.lower().replace("decimal", "numeric")
    raise PostgresError(f"no PostgreSQL type for DuckDB type {duckdb_type}")


def _tag(run_id: str) -> str:
    return "".join(c for c in run_id.lower() if c.isalnum())[:12] + time.strftime("%H%M%S")


def _safe(url: str) -> str:
    """The URL without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
