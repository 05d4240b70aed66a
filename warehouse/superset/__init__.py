"""A Superset starting point: a dashboard bundle over the PostgreSQL publish.

    lishui superset-bundle --uri postgresql://lishui_reader@HOST:5432/DB --out lishui-superset.zip
    superset import-dashboards -p lishui-superset.zip -u admin

The bundle is Superset's own export format (version 1.0.0: metadata.yaml, databases/, datasets/,
charts/, dashboards/ of YAML): the database (as the read-only role), one dataset per curated table
below (every scalar column of the model, its description from the model's header, the flat text
of each list column), a few charts and the dashboard holding them. Each chart carries its saved
query (`query_context`), which Superset's chart data API runs. Names, UUIDs and the ZIP are
deterministic: the same curated columns and URI give the same bytes. The columns are read from a
published snapshot (they are the pipeline's, not the data's); `warehouse/superset/lishui-superset.zip`
in the repository is the bundle for the default URI, and a test checks it is up to date.
"""
from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import yaml

DEFAULT_URI = "postgresql://lishui_reader@127.0.0.1:5432/lishui"
BUNDLE = Path(__file__).parent / "lishui-superset.zip"
SCHEMA = "curated"
DATASETS = ("indicators", "figures", "targets", "figure_flags")
VERSION = "1.0.0"
_NAMESPACE = uuid.UUID("5d1b2f1e-6c1a-4f37-9a55-4c1a9e1a7d10")
_DATE = (2026, 1, 1, 0, 0, 0)  # every member's timestamp: the same bytes for the same bundle
_COUNT = {"metric_name": "count", "verbose_name": "count", "metric_type": "count", "expression": "COUNT(*)",
          "description": "Number of rows", "d3format": None, "extra": {}, "warning_text": None}


def _uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}/{name}"))


def columns(snapshot: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Per dataset table of a published snapshot: (column, PostgreSQL type, description) as the
    PostgreSQL publish writes them (a list column as its flat text; the rules map, jsonb, left out)."""
    import duckdb

    import warehouse as wh
    from warehouse.postgres import FLAT_SUFFIX, _pg_type

    with duckdb.connect(str(snapshot), read_only=True) as con:
        rows = con.execute("select table_name, column_name, data_type from duckdb_columns() "
                           "where schema_name = ? order by table_name, column_index", [SCHEMA]).fetchall()
    out: dict[str, list[tuple[str, str, str]]] = {t: [] for t in DATASETS}
    described_by = {t: wh.model("curated", t).column_comments for t in DATASETS}  # each header read once
    for table, column, dtype in rows:
        if table not in out:
            continue
        described = described_by[table]
        if dtype.endswith("[]"):
            out[table].append((f"{column}{FLAT_SUFFIX}", _pg_type("VARCHAR").upper(),
                               f"{described.get(column, column)} (items joined by ', ')"))
        elif not dtype.startswith("MAP("):
            out[table].append((column, _pg_type(dtype).upper(), described.get(column, "")))
    missing = [t for t, c in out.items() if not c]
    if missing:
        raise ValueError(f"{snapshot} holds no curated {', '.join(missing)}: run `lishui run` first")
    return out


def _database(uri: str) -> dict:
    return {"database_name": "lishui", "sqlalchemy_uri": uri, "cache_timeout": None, "expose_in_sqllab": True,
            "allow_run_async": False, "allow_ctas": False, "allow_cvas": False, "allow_dml": False,
            "allow_file_upload": False, "extra": {"allows_virtual_table_explore": True},
            "uuid": _uuid("database", "lishui"), "version": VERSION}


def _dataset(table: str, columns: list[tuple[str, str, str]]) -> dict:
    import warehouse as wh

    return {
        "table_name": table, "schema": SCHEMA, "description": wh.model("curated", table).table_comment,
        "main_dttm_col": None, "default_endpoint": None, "offset": 0, "cache_timeout": None, "sql": None,
        "params": None, "template_params": None, "filter_select_enabled": True, "fetch_values_predicate": None,
        "extra": None, "normalize_columns": False, "always_filter_main_dttm": False,
        "uuid": _uuid("dataset", table), "database_uuid": _uuid("database", "lishui"), "version": VERSION,
        "metrics": [_COUNT],
        "columns": [{"column_name": name, "verbose_name": None, "is_dttm": False, "is_active": True, "type": pg_type,
                     "advanced_data_type": None, "groupby": True, "filterable": True, "expression": None,
                     "description": text or None, "python_date_format": None, "extra": {}}
                    for name, pg_type, text in columns],
    }


def _axis(column: str) -> dict:
    return {"columnType": "BASE_AXIS", "expressionType": "SQL", "label": column, "sqlExpression": column}


def _sql_metric(label: str, expression: str) -> dict:
    return {"expressionType": "SQL", "label": label, "sqlExpression": expression, "hasCustomLabel": True}


def _filter(column: str, op: str, value=None) -> dict:
    f = {"clause": "WHERE", "expressionType": "SIMPLE", "subject": column, "operator": op}
    if value is not None:
        f["comparator"] = value
    return f


def _query_filter(f: dict) -> dict:
    q = {"col": f["subject"], "op": f["operator"]}
    if "comparator" in f:
        q["val"] = f["comparator"]
    return q


# The charts: name, visualisation, dataset, form data (what Superset's editor shows) and the query
# its data API runs (the same choices, as a query context)
CHARTS = [
    {
        "name": "GDP over the years, by region", "viz": "echarts_timeseries_line", "dataset": "indicators",
        "form": {"x_axis": "year", "metrics": [_sql_metric("GDP, billion yuan", "MAX(value) / 1e9")],
                 "groupby": ["region"], "adhoc_filters": [_filter("metric_id", "==", "gdp"),
                                                          _filter("period", "IS NULL")],
                 "row_limit": 10000, "markerEnabled": True, "show_legend": True,
                 "xAxisForceCategorical": True},
        "query": {"columns": [_axis("year"), "region"], "metrics": [_sql_metric("GDP, billion yuan", "MAX(value) / 1e9")],
                  "series_columns": ["region"], "orderby": [], "row_limit": 10000},
    },
    {
        "name": "Year-on-year growth of the canonical metrics, Lishui", "viz": "echarts_timeseries_line",
        "dataset": "indicators",
        "form": {"x_axis": "year", "metrics": [_sql_metric("growth, %", "AVG(yoy_growth)")], "groupby": ["metric_id"],
                 "adhoc_filters": [_filter("region", "==", "Lishui"), _filter("yoy_growth", "IS NOT NULL")],
                 "row_limit": 10000, "markerEnabled": True, "show_legend": True,
                 "xAxisForceCategorical": True},
        "query": {"columns": [_axis("year"), "metric_id"], "metrics": [_sql_metric("growth, %", "AVG(yoy_growth)")],
                  "series_columns": ["metric_id"], "orderby": [], "row_limit": 10000},
    },
    {
        "name": "Flagged figures", "viz": "table", "dataset": "figure_flags",
        "form": {"query_mode": "raw", "all_columns": ["doc", "text", "code", "reason"], "adhoc_filters": [],
                 "order_by_cols": [json.dumps(["doc", True])], "row_limit": 1000, "server_pagination": False},
        "query": {"columns": ["doc", "text", "code", "reason"], "metrics": [], "orderby": [["doc", True]],
                  "row_limit": 1000},
    },
    {
        "name": "Flags by check", "viz": "pie", "dataset": "figure_flags",
        "form": {"groupby": ["code"], "metric": "count", "adhoc_filters": [], "row_limit": 100, "show_legend": True},
        "query": {"columns": ["code"], "metrics": ["count"], "orderby": [["count", False]], "row_limit": 100},
    },
    {
        "name": "Targets by horizon year", "viz": "echarts_timeseries_bar", "dataset": "targets",
        "form": {"x_axis": "horizon_year", "metrics": ["count"], "groupby": ["region"],
                 "adhoc_filters": [_filter("horizon_year", "IS NOT NULL")], "row_limit": 10000, "stack": "Stack",
                 "show_legend": True, "xAxisForceCategorical": True},
        "query": {"columns": [_axis("horizon_year"), "region"], "metrics": ["count"], "series_columns": ["region"],
                  "orderby": [], "row_limit": 10000},
    },
]


def _chart(chart: dict) -> dict:
    dataset_uuid = _uuid("dataset", chart["dataset"])
    form = {"viz_type": chart["viz"], "datasource": "0__table", **chart["form"]}
    query = {"filters": [_query_filter(f) for f in chart["form"].get("adhoc_filters", [])],
             "extras": {"having": "", "where": ""}, "applied_time_extras": {}, "annotation_layers": [],
             "url_params": {}, "custom_params": {}, "custom_form_data": {}, **chart["query"]}
    context = {"datasource": {"id": 0, "type": "table"}, "force": False, "queries": [query], "form_data": form,
               "result_format": "json", "result_type": "full"}
    return {"slice_name": chart["name"], "description": None, "certified_by": None, "certification_details": None,
            "viz_type": chart["viz"], "params": form, "query_context": json.dumps(context), "cache_timeout": None,
            "uuid": _uuid("chart", chart["name"]), "version": VERSION, "dataset_uuid": dataset_uuid}


def _dashboard() -> dict:
    position = {"DASHBOARD_VERSION_KEY": "v2",
                "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
                "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
                "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": "Lishui economy"}}}
    for r in range(0, len(CHARTS), 2):
        row = f"ROW-{r // 2 + 1}"
        position["GRID_ID"]["children"].append(row)
        position[row] = {"type": "ROW", "id": row, "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                         "meta": {"background": "BACKGROUND_TRANSPARENT"}}
        for i, chart in enumerate(CHARTS[r:r + 2], start=r + 1):
            key = f"CHART-{i}"
            position[row]["children"].append(key)
            position[key] = {"type": "CHART", "id": key, "children": [], "parents": ["ROOT_ID", "GRID_ID", row],
                             "meta": {"chartId": i, "uuid": _uuid("chart", chart["name"]), "width": 6, "height": 50,
                                      "sliceName": chart["name"]}}
    return {"dashboard_title": "Lishui economy", "description": None, "css": "", "slug": "lishui",
            "uuid": _uuid("dashboard", "lishui"), "position": position, "published": True, "version": VERSION,
            "metadata": {"color_scheme": "", "refresh_frequency": 0, "expanded_slices": {}, "label_colors": {},
                         "timed_refresh_immune_slices": [], "cross_filters_enabled": True, "default_filters": "{}",
                         "chart_configuration": {}, "global_chart_configuration": {},
                         "native_filter_configuration": []}}


def files(tables: dict[str, list[tuple[str, str, str]]], uri: str = DEFAULT_URI) -> dict[str, str]:
    """The bundle's files (path in the ZIP -> YAML) for the dataset `tables` (from `columns`)."""
    def dump(data: dict) -> str:
        return yaml.safe_dump(data, sort_keys=True, allow_unicode=True)

    root = "lishui_superset"
    out = {f"{root}/metadata.yaml": dump({"version": VERSION, "type": "Dashboard",
                                          "timestamp": "2026-01-01T00:00:00+00:00"}),
           f"{root}/databases/lishui.yaml": dump(_database(uri))}
    for table, described in tables.items():
        out[f"{root}/datasets/lishui/{table}.yaml"] = dump(_dataset(table, described))
    for chart in CHARTS:
        out[f"{root}/charts/{chart['name'].replace(' ', '_').replace(',', '')}.yaml"] = dump(_chart(chart))
    out[f"{root}/dashboards/lishui.yaml"] = dump(_dashboard())
    return out


def bundle(snapshot: Path, uri: str = DEFAULT_URI) -> bytes:
    """The bundle of a published snapshot's curated tables as ZIP bytes, deterministic."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in sorted(files(columns(snapshot), uri).items()):
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buffer.getvalue()


def write(snapshot: Path, out: Path, uri: str = DEFAULT_URI) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(bundle(snapshot, uri))
    return out
