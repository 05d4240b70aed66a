"""Publishing into PostgreSQL for BI tools: the machine's real PostgreSQL, real SQLAlchemy."""
import psycopg
import pytest
import sqlalchemy as sa

from flows.lishui import lishui
from flows.publish import GateFailed
from tests.conftest import run_publishing_to, query, reader_url

pytestmark = pytest.mark.usefixtures("prefect_server")


def pg(url, sql, params=None):
    with psycopg.connect(url, autocommit=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def published_pg(sources, warehouse, postgres_url):
    run_publishing_to(postgres_url, sources=sources, warehouse=warehouse)
    return postgres_url


def test_every_curated_table_reaches_postgresql_with_its_rows_and_comments(published_pg, warehouse):
    tables = query(warehouse, "select table_name, estimated_size from duckdb_tables() where schema_name = 'curated' "
                              "order by 1")
    for table, _ in tables:
        (duck,) = query(warehouse, f"select count(*) from curated.{table}")[0]
        assert pg(published_pg, f"select count(*) from curated.{table}") == [(duck,)], table
    assert pg(published_pg, "select obj_description('curated.figures'::regclass)")[0][0].startswith("Economic figures")
    assert pg(published_pg, "select col_description('curated.figures'::regclass, 1)") == [
        ('Stable id of the figure: "<doc>#<char_start>-<char_end>".',)]
    flags = pg(published_pg, "select quality_flags from curated.figures where text = '471.78 billion yuan'")
    assert flags == [(["MAGNITUDE_IMPLAUSIBLE"],)]


def test_sqlalchemy_postgresql_dialect_reflects_every_table_as_the_reader(published_pg, warehouse):
    engine = sa.create_engine(reader_url(published_pg).replace("postgresql://", "postgresql+psycopg://"))
    metadata = sa.MetaData()
    metadata.reflect(bind=engine, schema="curated")
    names = {t.split(".")[1] for t in metadata.tables}
    assert names == {t for (t,) in query(warehouse, "select table_name from duckdb_tables() where schema_name = 'curated'")}
    figures = metadata.tables["curated.figures"]
    assert isinstance(figures.c.value.type, sa.Float) and isinstance(figures.c.quality_flags.type, sa.ARRAY)
    with engine.connect() as con:
        assert con.execute(sa.select(sa.func.count()).select_from(figures)).scalar() > 150
    engine.dispose()


def test_bi_tools_find_the_keys_joins_and_indexes_through_the_driver(published_pg):
    # what a BI tool reads through SQLAlchemy's inspector, as the reader: every declared key, each
    # reference to another table's key a foreign key, and an index on each join and year column
    engine = sa.create_engine(reader_url(published_pg).replace("postgresql://", "postgresql+psycopg://"))
    inspector = sa.inspect(engine)
    keys = {t: inspector.get_pk_constraint(t, schema="curated")["constrained_columns"]
            for t in inspector.get_table_names(schema="curated")}
    assert keys == {"dim_flag": ["code"], "dim_metric": ["metric_id"], "dim_region": ["region"], "documents": ["doc"],
                    "figure_flags": ["figure_id", "code"], "figures": ["figure_id"], "indicators": ["indicator_id"],
                    "rankings": ["figure_id"], "region_reference": ["region", "year"], "targets": ["figure_id"]}

    def joins(table):
        return sorted((fk["constrained_columns"][0], fk["referred_table"], fk["referred_columns"][0])
                      for fk in inspector.get_foreign_keys(table, schema="curated"))

    assert joins("figures") == [("base_figure_id", "figures", "figure_id"), ("doc", "documents", "doc"),
                                ("metric_id", "dim_metric", "metric_id"), ("part_of_figure_id", "figures", "figure_id"),
                                ("region", "dim_region", "region"), ("related_figure_id", "figures", "figure_id")]
    assert joins("figure_flags") == [("code", "dim_flag", "code"), ("doc", "documents", "doc"),
                                     ("figure_id", "figures", "figure_id")]
    assert joins("indicators") == [("metric_id", "dim_metric", "metric_id"), ("region", "dim_region", "region")]
    assert joins("targets") == [("figure_id", "figures", "figure_id"), ("metric_id", "dim_metric", "metric_id"),
                                ("region", "dim_region", "region")]
    indexed = {tuple(i["column_names"]) for i in inspector.get_indexes("indicators", schema="curated")}
    assert {("metric_id",), ("region",), ("year",)} <= indexed
    engine.dispose()


def test_a_list_column_has_a_flat_text_beside_it(published_pg):
    rows = pg(published_pg, "select quality_flags, quality_flags_text from curated.figures "
                            "where text = '471.78 billion yuan'")
    assert rows == [(["MAGNITUDE_IMPLAUSIBLE"], "MAGNITUDE_IMPLAUSIBLE")]
    (unflagged,) = pg(published_pg, "select count(*) from curated.figures where quality_flags_text = ''")[0]
    (empty,) = pg(published_pg, "select count(*) from curated.figures where cardinality(quality_flags) = 0")[0]
    assert unflagged == empty > 100
    assert pg(published_pg, "select col_description('curated.figures'::regclass, a.attnum) from pg_attribute a "
                            "where attrelid = 'curated.figures'::regclass and attname = 'quality_flags_text'") == [
        ("quality_flags as one text, its items joined by ', ' (for tools that cannot read arrays).",)]
    (joined,) = pg(published_pg, "select array_to_string(figure_ids, ', ') = figure_ids_text from curated.indicators "
                                 "where cardinality(figure_ids) > 1 limit 1")[0]
    assert joined is True


def test_the_reader_role_can_read_but_not_write(published_pg):
    reader = reader_url(published_pg)
    assert pg(reader, "select count(*) > 0 from curated.indicators") == [(True,)]
    for statement in ("delete from curated.figures", "update curated.documents set title = 'x'",
                      "insert into curated.dim_flag values ('X', 'warning', 'x')", "create table curated.mine (a int)",
                      "drop table curated.figures", "create table public.mine (a int)"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg(reader, statement)
    assert pg(published_pg, "select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = 'lishui_reader'") == [
        (False, False, False)]


def test_a_dashboard_mid_query_reads_its_tables_to_the_end_and_the_swap_waits_for_it(sources, warehouse,
                                                                                    postgres_url):
    import threading
    import time

    run_publishing_to(postgres_url, sources=sources, warehouse=warehouse)
    result = {}

    def dashboard():  # a slow dashboard query, running while the next run publishes
        with psycopg.connect(reader_url(postgres_url)) as con:
            result["rows"] = con.execute("select count(*) from curated.documents cross join pg_sleep(8)").fetchone()
            result["done"] = time.monotonic()

    query_thread = threading.Thread(target=dashboard)
    query_thread.start()
    time.sleep(1)
    (sources / "new.txt").write_text("In 2024, the GDP of Yunhe grew 7.2 percent to 12.1 billion yuan.")
    run_publishing_to(postgres_url, sources=sources, warehouse=warehouse)
    swapped = time.monotonic()
    query_thread.join()
    assert result["rows"][0] == 5  # the query in flight read the tables it started on, to the end
    assert result["done"] <= swapped  # and the swap waited for it
    assert pg(reader_url(postgres_url), "select count(*) from curated.documents") == [(6,)]
    assert pg(postgres_url, "select nspname from pg_namespace where nspname like 'curated_%%'") == []


def _curated_copy(warehouse, keep: int):
    """An in-memory DuckDB with the warehouse's curated tables, figures cut to `keep` rows (figures
    linking to none), and the rows of other tables that refer to a figure cut with them: the
    foreign keys hold, as they do in every published warehouse."""
    import duckdb

    import warehouse as wh

    con = duckdb.connect()
    con.execute("attach ? as w (read_only)", [str(warehouse)])
    con.execute("create schema curated")
    con.execute(f"""create table curated.figures as select * from w.curated.figures
                    where coalesce(related_figure_id, base_figure_id, part_of_figure_id) is null
                    order by figure_id limit {keep}""")
    models = {m.name: m for m in wh.models("curated")}
    for (table,) in con.execute("select table_name from duckdb_tables() where database_name = 'w' "
                                "and schema_name = 'curated' and table_name <> 'figures'").fetchall():
        kept = " and ".join(f"({c} is null or {c} in (select figure_id from curated.figures))"
                            for c, referenced, _ in models[table].references if referenced == "curated.figures")
        con.execute(f'create table curated."{table}" as select * from w.curated."{table}" where {kept or "true"}')
    return con


def test_a_reader_in_a_transaction_never_sees_a_silent_change(published_pg, warehouse):
    """REPEATABLE READ across a publish: the reader keeps the tables it read until its transaction
    ends (the swap waits for it); a reader whose snapshot is older than the load but who reads only
    after the swap sees the new tables whole, never empty."""
    import threading
    import time

    from warehouse import postgres as pgpub

    reader = reader_url(published_pg)
    (before,) = pg(reader, "select count(*) from curated.figures")[0]
    smaller = _curated_copy(warehouse, keep=10)
    with psycopg.connect(reader) as con:
        con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        first = con.execute("select count(*), sum(value) from curated.figures").fetchone()
        done = {}
        publisher = threading.Thread(target=lambda: done.update(result=pgpub.publish(smaller, published_pg, "run-rr")))
        publisher.start()
        deadline = time.monotonic() + 30
        while not pg(published_pg, "select count(*) from pg_locks where not granted and mode = 'AccessExclusiveLock'")[0][0]:
            assert time.monotonic() < deadline, "the publish never reached the swap"
            time.sleep(0.2)
        assert con.execute("select count(*), sum(value) from curated.figures").fetchone() == first == (before, first[1])
        con.commit()  # the reader's transaction ends: the swap goes ahead
        publisher.join(timeout=60)
        assert done["result"].tables > 0
        assert con.execute("select count(*) from curated.figures").fetchone() == (10,)
        con.commit()

        # a snapshot taken before a load, tables read only after its swap
        con.execute("select 1")
        pgpub.publish(_curated_copy(warehouse, keep=20), published_pg, "run-old-snapshot")
        assert con.execute("select count(*) from curated.figures").fetchone() == (20,)
        con.commit()


def test_publishing_needs_createrole_and_its_own_database_not_a_superuser(tmp_path, sources, monkeypatch):
    import os

    from tests.conftest import POSTGRES_ADMIN

    tag = f"{os.getpid()}"
    publisher, database, reader = f"lishui_pub_{tag}", f"lishui_pubdb_{tag}", f"lishui_reader_{tag}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'create role "{publisher}" login createrole')
        admin.execute(f'create database "{database}" owner "{publisher}"')
    url = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("://postgres@", f"://{publisher}@") + "/" + database
    monkeypatch.setenv("LISHUI_READER_ROLE", reader)
    monkeypatch.setenv("LISHUI_READER_STATEMENT_TIMEOUT", "45s")
    try:
        summary = run_publishing_to(url, sources=sources, warehouse=tmp_path / "wh" / "w.duckdb")
        assert summary.postgres.startswith("schema curated")
        assert pg(url, "select rolsuper, rolcreatedb, rolcreaterole, rolcanlogin, rolconfig from pg_roles "
                       "where rolname = %s", [reader]) == [(False, False, False, True, ["statement_timeout=45s"])]
        as_reader = url.replace(f"://{publisher}@", f"://{reader}@")
        assert pg(as_reader, "select count(*) > 0 from curated.figures") == [(True,)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg(as_reader, "create table curated.mine (a int)")
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            admin.execute(f'drop database if exists "{database}" with (force)')
            admin.execute(f'drop role if exists "{reader}"')
            admin.execute(f'drop role if exists "{publisher}"')


def test_a_failed_gate_publishes_nothing_to_postgresql(tmp_path, sources, warehouse, postgres_url):
    run_publishing_to(postgres_url, sources=sources, warehouse=warehouse)
    before = pg(postgres_url, "select figure_id, value from curated.figures order by 1")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "feed.txt").write_text("Sales rose 5,000% in March. Output rose 7,200% in April. "
                                      "Profits rose 9,100% in May. Exports were 3 billion yuan.")
    with pytest.raises(GateFailed):
        run_publishing_to(postgres_url, sources=garbage, warehouse=warehouse)
    assert pg(postgres_url, "select figure_id, value from curated.figures order by 1") == before


def test_the_reader_gets_its_password_from_lishui_reader_password(published_pg, warehouse, monkeypatch):
    from flows.publish import publish_postgres

    monkeypatch.setenv("LISHUI_READER_PASSWORD", "a password")
    try:
        publish_postgres.fn(warehouse, "run-password", published_pg)
        (stored,) = pg(published_pg, "select rolpassword from pg_authid where rolname = 'lishui_reader'")[0]
        assert stored.startswith("SCRAM-SHA-256$")  # stored hashed, never in clear
    finally:
        with psycopg.connect(published_pg, autocommit=True) as con:
            con.execute("alter role lishui_reader password null")


def test_no_password_reaches_prefects_state_logs_or_outputs(tmp_path, postgres_url, monkeypatch):
    """A URL given with --postgres, in $LISHUI_POSTGRES_URL or in a Prefect Secret block publishes,
    and its password is found nowhere in Prefect's database, logs, artifacts or the run's outputs
    (of a Prefect server whose home, database and log are under tmp_path, shared by the runs)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from flows.serve import PrefectServer
    from tests.conftest import SAMPLE_SOURCES

    lishui_cmd = Path(sys.executable).parent / "lishui"
    password = "Pw-d0-not-store-7f3a"  # trust authentication ignores it; only where it ends up matters
    url = postgres_url.replace("://postgres@", f"://postgres:{password}@")
    assert password in url
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "LISHUI_POSTGRES_URL")}
    env["PREFECT_HOME"] = str(home)
    server = PrefectServer(tmp_path / "prefect-server.log")
    with monkeypatch.context() as m:  # the server's home (its database) is the test's
        m.setenv("PREFECT_HOME", str(home))
        env["PREFECT_API_URL"] = server.start()
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    block = ("from prefect.blocks.system import Secret; import sys; "
             "Secret(value=sys.argv[1]).save('lishui-postgres', overwrite=True)")
    runs = [
        ([str(lishui_cmd), "run", "--postgres", url], env),
        ([str(lishui_cmd), "run"], {**env, "LISHUI_POSTGRES_URL": url}),
        ([sys.executable, "-c", block, url], env),
        ([str(lishui_cmd), "run", "--postgres-block", "lishui-postgres"], env),
    ]
    try:
        for command, run_env in runs:
            if command[0] == str(lishui_cmd):
                command += ["--sources", str(SAMPLE_SOURCES), "--warehouse", str(warehouse)]
            done = subprocess.run(command, env=run_env, capture_output=True, text=True, timeout=600,
                                  cwd=str(tmp_path))
            assert done.returncode == 0, done.stderr[-2000:]
            assert password not in done.stdout + done.stderr
            if command[0] == str(lishui_cmd):
                assert "postgresql:         schema curated" in done.stdout
    finally:
        server.stop()
    assert (home / "prefect.db").is_file() or list(home.rglob("*.db")), "the server's database is under tmp_path"
    found = [str(p) for p in tmp_path.rglob("*") if p.is_file() and password.encode() in p.read_bytes()]
    assert found == []
    assert pg(postgres_url, "select count(*) > 0 from curated.figures") == [(True,)]
