"""Publishing into PostgreSQL for BI tools: the machine's real PostgreSQL, real SQLAlchemy."""
import psycopg
import pytest
import sqlalchemy as sa

from flows.lishui import lishui
from flows.publish import GateFailed
from tests.conftest import query, reader_url

pytestmark = pytest.mark.usefixtures("prefect_server")


def pg(url, sql, params=None):
    with psycopg.connect(url, autocommit=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture
def published_pg(sources, warehouse, postgres_url):
    lishui(sources=sources, warehouse=warehouse, postgres=postgres_url)
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


def test_a_dashboard_mid_query_is_unaffected_by_the_swap(sources, warehouse, postgres_url):
    import threading
    import time

    lishui(sources=sources, warehouse=warehouse, postgres=postgres_url)
    result = {}

    def dashboard():  # a slow dashboard query, running while the next run publishes
        with psycopg.connect(reader_url(postgres_url)) as con:
            result["rows"] = con.execute("select count(*) from curated.documents cross join pg_sleep(15)").fetchone()

    query_thread = threading.Thread(target=dashboard)
    query_thread.start()
    time.sleep(1)
    (sources / "new.txt").write_text("In 2024, the GDP of Yunhe grew 7.2 percent to 12.1 billion yuan.")
    started = time.monotonic()
    lishui(sources=sources, warehouse=warehouse, postgres=postgres_url)
    took = time.monotonic() - started
    assert query_thread.is_alive(), "the run waited for the dashboard's query"
    query_thread.join()
    assert result["rows"][0] == 5  # the query in flight read the tables it started on, to the end
    assert pg(reader_url(postgres_url), "select count(*) from curated.documents") == [(6,)]
    assert took < 15
    lishui(sources=sources, warehouse=warehouse, postgres=postgres_url)  # the schema the query held goes now
    assert pg(postgres_url, "select nspname from pg_namespace where nspname like 'curated_%%'") == []


def test_a_failed_gate_publishes_nothing_to_postgresql(tmp_path, sources, warehouse, postgres_url):
    lishui(sources=sources, warehouse=warehouse, postgres=postgres_url)
    before = pg(postgres_url, "select figure_id, value from curated.figures order by 1")
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "feed.txt").write_text("Sales rose 5,000% in March. Output rose 7,200% in April. "
                                      "Profits rose 9,100% in May. Exports were 3 billion yuan.")
    with pytest.raises(GateFailed):
        lishui(sources=garbage, warehouse=warehouse, postgres=postgres_url)
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
