"""The DuckDB warehouse: its layers, its tables (one SQL file each) and how to open it.

Layers (schemas): `raw` (append-only: what was read and extracted), `staging` (this run's
batch of every stage), `quality` (gate results, quarantine, runs) and `curated` (what users
query; replaced only by a publish whose gates passed).

Each table has one file `warehouse/<layer>/<table>.sql`. Its header documents the table:
    -- table: <what it holds>
    -- grain: <what one row is>
    -- key: <column>[, <column> ...]                   (unique: audited at publish)
    -- references: <column> -> <layer>.<table>.<column>[, ...]   (foreign keys: audited at publish)
    -- incremental: doc                                 (rows replaced per document of the batch)
    -- column <name>: <meaning>
What a model reads (`reads`) is found in its SQL; the curated build order follows from it.
`raw` and `quality` files hold the DDL; `staging`, `audit` and `curated` files hold a
SELECT (CTEs ending in `select * from final`) that builds the table.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

ROOT = Path(__file__).parent
LAYERS = ("raw", "staging", "quality", "curated")
_HEADER = re.compile(r"^--\s*(table|column|grain|key|references|incremental)\s*([\w]*)\s*:\s*(.*)$")
_READS = re.compile(r"\b(raw|staging|quality|curated)\.(\w+)\b")


@dataclass(frozen=True)
class Model:
    """One table's SQL file: its documentation and its statement."""

    layer: str
    name: str
    table_comment: str
    column_comments: dict[str, str]
    sql: str
    grain: str = ""
    key: tuple[str, ...] = ()
    references: tuple[tuple[str, str, str], ...] = ()  # (column, referenced table, referenced column)
    incremental: str | None = None  # the column whose values the batch replaces

    @property
    def table(self) -> str:
        return f"{self.layer}.{self.name}"

    @property
    def reads(self) -> set[str]:
        """The warehouse tables its SQL reads (layer.name), itself excluded."""
        return {f"{a}.{b}" for a, b in _READS.findall(self.sql)} - {self.table}

    def comment_statements(self, table: str | None = None) -> list[str]:
        """COMMENT ON the table and every documented column (for `table`, default its own name)."""
        table = table or self.table
        out = [f"comment on table {table} is {_quote(self.table_comment)}"]
        out += [f"comment on column {table}.{col} is {_quote(text)}" for col, text in self.column_comments.items()]
        return out


def model(layer: str, name: str) -> Model:
    """Read warehouse/<layer>/<name>.sql."""
    path = ROOT / layer / f"{name}.sql"
    header, columns, body = {}, {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if m and m.group(1) == "column":
            columns[m.group(2)] = m.group(3).strip()
        elif m:
            header[m.group(1)] = m.group(3).strip()
        else:
            body.append(line)
    references = []
    for ref in filter(None, (r.strip() for r in header.get("references", "").split(","))):
        column, target = (x.strip() for x in ref.split("->"))
        ref_layer, ref_table, ref_column = target.split(".")
        references.append((column, f"{ref_layer}.{ref_table}", ref_column))
    return Model(layer, name, header.get("table", ""), columns, "\n".join(body).strip().rstrip(";"),
                 grain=header.get("grain", ""),
                 key=tuple(k.strip() for k in header.get("key", "").split(",") if k.strip()),
                 references=tuple(references), incremental=header.get("incremental"))


def models(layer: str) -> list[Model]:
    return [model(layer, p.stem) for p in sorted((ROOT / layer).glob("*.sql"))]


def build_order(layer: str) -> list[Model]:
    """The layer's models, each after the models of the same layer it reads (a topological order;
    ties by name)."""
    todo = {m.table: m for m in models(layer)}
    done: list[Model] = []
    while todo:
        ready = [m for m in todo.values() if not (m.reads & set(todo))]
        if not ready:
            raise ValueError(f"models of {layer} read each other in a cycle: {sorted(todo)}")
        for m in sorted(ready, key=lambda m: m.name):
            done.append(todo.pop(m.table))
    return done


# DuckDB's memory limit per connection (it spills to disk beyond it): $LISHUI_DUCKDB_MEMORY_LIMIT,
# else 256 MB, which holds a publish of 100,000 documents (1.4 M figures); DuckDB's own default
# (80% of the machine) let its buffer pool grow to gigabytes.
MEMORY_LIMIT_ENV, MEMORY_LIMIT_DEFAULT = "LISHUI_DUCKDB_MEMORY_LIMIT", "256MB"


@dataclass(frozen=True)
class Warehouse:
    """A warehouse file and what lives beside it: the one place its paths and connection are made
    (the run lock beside it is flows/lock.py's, which the command line takes before importing this).

    `bootstrap()` makes the schemas, tables and macros: a run calls it once, before its first
    stage; `connect()` only opens the file."""

    path: Path

    @property
    def folder(self) -> Path:
        return Path(self.path).resolve().parent

    @property
    def gx(self) -> Path:
        """The Great Expectations project: suites, validation results."""
        return self.folder / "gx"

    @property
    def report(self) -> Path:
        """The quality report: index.html and the Data Docs."""
        return self.folder / "report"

    @property
    def published(self) -> Path:
        """The readers' snapshots and current.duckdb."""
        return self.folder / "published"

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """Open the warehouse file (a writable one is created, empty, when missing: see `bootstrap`)."""
        if read_only:
            return duckdb.connect(str(self.path), read_only=True)
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(self.path), config={"memory_limit": memory_limit()})

    def bootstrap(self) -> "Warehouse":
        """Create the file, its schemas, raw and quality tables and macros where missing (see
        `bootstrap`); returns itself."""
        with self.connect() as con:
            bootstrap(con)
        return self


def memory_limit() -> str:
    """DuckDB's memory limit for the pipeline's connections: $LISHUI_DUCKDB_MEMORY_LIMIT, else 256MB."""
    return os.environ.get(MEMORY_LIMIT_ENV) or MEMORY_LIMIT_DEFAULT


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Warehouse(path).connect(read_only): open a warehouse file (no DDL: a run bootstraps it once)."""
    return Warehouse(Path(path)).connect(read_only)


def bootstrap(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schemas and the raw and quality tables when missing, and add the columns a newer
    version of their DDL has (idempotent; existing rows get nulls in new columns). A warehouse that
    has every table, column and macro already costs one query."""
    expected = _expected_columns()
    have = set(con.execute("select schema_name || '.' || table_name || '.' || column_name from duckdb_columns() "
                           "where database_name = current_database() and schema_name in ('raw', 'quality')").fetchall())
    macros = _macros_present(con)
    if expected <= {c for (c,) in have} and macros:
        return
    for layer in LAYERS:
        con.execute(f"create schema if not exists {layer}")
    for layer in ("raw", "quality"):
        for m in models(layer):
            con.execute(m.sql)
            _add_missing_columns(con, m)
            for statement in m.comment_statements():
                con.execute(statement)
    con.execute((ROOT / "macros.sql").read_text(encoding="utf-8"))


@cache
def _expected_columns() -> frozenset[str]:
    return frozenset(f"{m.layer}.{m.name}.{c}" for layer in ("raw", "quality") for m in models(layer)
                     for c in m.column_comments)


def _macros_present(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the macros of macros.sql are defined (all of them: their names are read from the file)."""
    names = set(re.findall(r"create or replace macro (\w+)", (ROOT / "macros.sql").read_text(encoding="utf-8"), re.I))
    have = {n for (n,) in con.execute("select distinct function_name from duckdb_functions() "
                                      "where function_type = 'macro' and schema_name = 'main'").fetchall()}
    return names <= have


def _add_missing_columns(con: duckdb.DuckDBPyConnection, m: Model) -> None:
    have = {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
        [m.layer, m.name]).fetchall()}
    if set(m.column_comments) <= have:
        return
    con.execute("create schema if not exists _ddl")
    con.execute(m.sql.replace(f"{m.layer}.{m.name}", f"_ddl.{m.name}", 1))
    for name, dtype in con.execute(
            "select column_name, data_type from information_schema.columns where table_schema = '_ddl' "
            "and table_name = ? order by ordinal_position", [m.name]).fetchall():
        if name not in have:
            con.execute(f"alter table {m.table} add column {name} {dtype}")
    con.execute(f"drop table _ddl.{m.name}")
    con.execute("drop schema _ddl")


def build(con: duckdb.DuckDBPyConnection, layer: str, name: str) -> None:
    """(Re)build <layer>.<name> from its SQL model, with its comments."""
    m = model(layer, name)
    con.execute(f"create or replace table {m.table} as {m.sql}")
    for statement in m.comment_statements():
        con.execute(statement)


def append(con: duckdb.DuckDBPyConnection, layer: str, name: str) -> None:
    """Add the rows of <layer>.<name>'s SQL model to the table (built by `build`): a table built in chunks."""
    m = model(layer, name)
    con.execute(f"insert into {m.table} by name {m.sql}")


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value of a query (the whole result is consumed, as DuckDB 2 requires)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(scalar(con, "select count(*) from information_schema.tables where table_schema = ? "
                            "and table_name = ?", [schema, table]))


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    """A query's result as a Polars frame (through Arrow)."""
    return pl.from_arrow(con.sql(sql, params=params).to_arrow_table())


SEEDS = {
    "dim_metric": {"metric_id": pl.String, "name": pl.String, "unit_kind": pl.String, "unit": pl.String,
                   "parent_metric_id": pl.String, "max_gdp_ratio": pl.Float64, "comparable": pl.Boolean,
                   "pattern": pl.String},
    "dim_region": {"region": pl.String, "name": pl.String, "level": pl.String, "parent_region": pl.String,
                   "aliases": pl.String, "note": pl.String},
    "region_reference": {"region": pl.String, "year": pl.Int32, "population": pl.Int64, "gdp_cny": pl.Float64},
    "dim_flag": {"code": pl.String, "severity": pl.String, "description": pl.String},
}


def seed(name: str) -> pl.DataFrame:
    """warehouse/seeds/<name>.csv, typed (the editable reference tables)."""
    path = ROOT / "seeds" / f"{name}.csv"
    try:
        return pl.read_csv(path, schema=SEEDS[name])
    except Exception as e:  # noqa: BLE001 - the file and the problem, for whoever edited it
        raise ValueError(f"seed file {path} cannot be read: {e}") from e


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def plan(sizes: list[tuple[str, int]], size: int, parts: int = 0) -> list[list[str]]:
    """Group keys of (key, units) into chunks of about `size` units, in order (a key larger than
    `size` is a chunk of its own): the batches of extraction, the chunks of the transform, the
    gates and the publish's provenance audit. With `parts` (processes sharing the chunks), the
    chunks shrink toward the end (guided scheduling): each holds at most what is left / (2 x
    parts), never less than size / 8, so the processes reading them finish at about the same time."""
    chunks, current, total = [], [], 0
    left = sum(units for _, units in sizes)
    target = _target(left, size, parts)
    for key, units in sizes:
        if current and total + units > target:
            chunks.append(current)
            current, total = [], 0
            target = _target(left, size, parts)
        current.append(key)
        total += units
        left -= units
    return chunks + ([current] if current else [])


def _target(left: int, size: int, parts: int) -> int:
    return size if parts <= 0 else max(size // 8, min(size, left // (2 * parts)))


SLICE_WINDOW = 65_536  # characters: a figure's text is sliced from a window of its document this long


def text_at_offsets(con: duckdb.DuckDBPyConnection, offsets: str, documents: str) -> pl.DataFrame:
    """The document text at each offset pair: `offsets` is a query of (doc, char_start, char_end),
    `documents` one of (doc, text); returns doc, char_start, char_end, source_text (null for offsets
    outside the text). Sliced by Polars (see `_sliced`)."""
    figures = frame(con, f"select distinct doc, char_start, char_end from ({offsets})")  # joined below: no order
    texts = frame(con, f"select doc, text from ({documents}) where doc in (select unnest(?::varchar[]))",
                  [figures["doc"].unique().to_list()])
    return _sliced(figures, texts)


def _sliced(figures: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """figures (doc, char_start, char_end) with source_text: their text's characters [char_start,
    char_end), null where the offsets do not lie inside it; texts: doc, text.

    A slice by characters walks its UTF-8 text from the start to its offset, so each figure is
    sliced from a window of SLICE_WINDOW characters of its document, and each window from the
    document once: a long document with many figures costs its length per window, not per figure.
    The joins share the texts' buffers; they do not copy them."""
    texts = texts.with_columns(chars=pl.col("text").str.len_chars())
    inside = (pl.col("char_start") >= 0) & (pl.col("char_start") <= pl.col("char_end")) & (pl.col("char_end") <= pl.col("chars"))
    figures = (figures.join(texts.select("doc", "chars"), on="doc", how="left")
               .with_columns(window=pl.when(inside).then(pl.col("char_start") // SLICE_WINDOW * SLICE_WINDOW)))
    windows = (figures.filter(pl.col("window").is_not_null())
               .group_by("doc", "window").agg(end=pl.col("char_end").max())
               .join(texts.select("doc", "text"), on="doc")
               .select("doc", "window", piece=pl.col("text").str.slice(pl.col("window"), pl.col("end") - pl.col("window"))))
    return (figures.join(windows, on=["doc", "window"], how="left")
            .select(doc=pl.col("doc").cast(pl.String), char_start=pl.col("char_start").cast(pl.Int32),
                    char_end=pl.col("char_end").cast(pl.Int32),
                    source_text=pl.col("piece").str.slice(pl.col("char_start") - pl.col("window"),
                                                          (pl.col("char_end") - pl.col("char_start")).clip(0))))
