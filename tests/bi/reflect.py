"""What a BI tool does on connect, through duckdb-engine: reflect every table of a DuckDB file
and read it. Runs in the BI client environment (.venv-bi); prints JSON.

    python reflect.py PATH
"""
import json
import sys
import warnings

import duckdb
import sqlalchemy as sa

warnings.simplefilter("ignore")  # duckdb-engine warns about list types and indices
engine = sa.create_engine(f"duckdb:///{sys.argv[1]}", connect_args={"read_only": True})
out = {"duckdb": duckdb.__version__, "sqlalchemy": sa.__version__, "tables": {}}
with engine.connect() as con:
    inspector = sa.inspect(con)
    for schema in ("curated", "quality"):
        for name in inspector.get_table_names(schema=schema):
            table = sa.Table(name, sa.MetaData(), schema=schema, autoload_with=con)
            rows = con.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            out["tables"][f"{schema}.{name}"] = {"columns": [c.name for c in table.columns], "rows": rows}
    try:
        con.execute(sa.text("delete from curated.figures"))
        out["write"] = "allowed"
    except sa.exc.DBAPIError as e:
        out["write"] = str(e.orig).splitlines()[0]
print(json.dumps(out))
