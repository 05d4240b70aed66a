"""The report of a run: static HTML pages under data/report/ that open from disk with no network.

- `index.html`, the quality page: the run's gates grouped by stage with their counts (in the words
  of the run summary: passed, quarantined, flagged, failed), the expectations that found rows with
  their sample values labelled, the flagged figures in their sentence, the quarantined records,
  and a chart of the last runs (published, quarantined, flagged) from `quality.runs`;
- `indicators.html`: per region and metric, the series over the years, one line per period
  (value, and growth where reported), targets drawn hollow, flagged or conflicting points ringed
  red, every point linked to its source;
- `documents/`: a page per published article, its text with every figure highlighted by role
  (flagged ones ringed), the figure's fields and the rules that decided them on hover or click;
  an index of them. Only the batch's documents (and those a run flagged or whose page is missing)
  are rewritten; pages of documents no longer published are removed.
- `data_docs/`: Great Expectations' Data Docs, made to open offline (`offline_data_docs`).

Pages are Jinja2 templates (`templates/report/`); charts are static SVG (`charts.py`), so they are
drawn with scripts off. One small inline script fills the document page's figure panel.
"""
from __future__ import annotations

import ast
import functools
import hashlib
import html
import json
import re
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

import warehouse as wh

from . import RESULTS
from .charts import Line, Point, line_chart, short

STAGES = ("ingest", "extract", "transform", "documents")  # the gates' order in a run
HISTORY_RUNS = 30            # runs the quality page's history chart shows
LISTED = 2000                # flagged figures and quarantined records the quality page lists at most
DOCUMENT_CHUNK = 500         # documents whose figures are read at once when writing their pages
DOCUMENTS_DIR = "documents"

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates" / "report"),
                         autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
_TEMPLATES.filters["short"] = short


# ---- Data Docs offline -------------------------------------------------------------------------

_EXTERNAL = [
    re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I),
    re.compile(r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*/?>", re.I),
    re.compile(r"<img[^>]*\bsrc=\"https?://[^\"]*\"[^>]*/?>", re.I),
]
# GX draws its tables with jQuery's bootstrap-table from a CDN: `$('#id').bootstrapTable(
# Object.assign({columns: [...], data: [...], ...}, {...}))`, the rows written as Python literals
_TABLE_SCRIPT = re.compile(
    r"\$\('#(?P<id>[\w-]+)'\)\.bootstrapTable\(\s*Object\.assign\(\s*\{\s*columns:\s*(?P<columns>\[.*?\]),\s*"
    r"data:\s*(?P<data>\[.*?\]),\s*toolbar:", re.S)
_LOCAL_LINK = re.compile(r"<link[^>]*\bhref=\"(?!https?:|data:|#)([^\"]+)\"[^>]*/?>", re.I)  # GX links a favicon
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_ICONS = {  # GX's Font Awesome status icons, whose font the offline pages do not load
    "fa-check-circle": ("ok", "\u2713"), "fa-times": ("bad", "\u2717"), "fa-exclamation-triangle": ("warn", "!"),
}
_ICON = re.compile(r"<i class=\"fas (fa-[\w-]+)[^\"]*\"[^>]*>\s*</i>")


def _word_class(word: str) -> str:
    return {"passed": "ok", "failed": "bad"}.get(word, "warn")


def _table_rows(columns: list[dict], rows: list[dict], words: dict[str, str]) -> str:
    """The rows a bootstrap-table script would have drawn, as HTML (each linking to its page); a
    validation's status in our words (`words`: suite -> word), GX's own in the cell's title."""
    head = "".join(f"<th>{html.escape(c.get('title', c['field']))}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            value = str(row.get(c["field"], ""))
            if c["field"] == "validation_success":
                gx = row.get("_validation_success_text", "")
                word = words.get(row.get("_expectation_suite_name_sort", ""),
                                 "passed" if gx == "Success" else "failed")
                value = f"<span class='{_word_class(word)}' title='Great Expectations: {html.escape(gx)}'>{word}</span>"
            cells.append(value)
        link = row.get("_table_row_link_path")
        if link:
            cells[0] = f"<a class='row-link' href='{html.escape(link)}'>{cells[0]}</a>"
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"


def _static_tables(page: str, words: dict[str, str]) -> str:
    """Each table GX draws by script filled with its rows; then every script removed (they all need
    the CDN's jQuery)."""
    for match in _TABLE_SCRIPT.finditer(page):
        try:
            rows = _table_rows(ast.literal_eval(match["columns"]), ast.literal_eval(match["data"]), words)
        except (ValueError, SyntaxError):
            continue
        page = re.sub(rf"(<table\s[^>]*id=\"{re.escape(match['id'])}\"[^>]*>)", lambda m: m[1] + rows, page, count=1)
    page = re.sub(r"<button[^>]*onclick=\"clearTableFilters[^\"]*\"[^>]*>.*?</button>", "", page, flags=re.S)
    return _SCRIPT.sub("", page)


def offline_data_docs(docs_dir: Path, words: dict[str, str] | None = None) -> int:
    """Make the Data Docs open without network: CDN scripts, stylesheets and images removed, a local
    stylesheet instead, the index's tables drawn as plain HTML (GX draws them with a CDN script),
    status icons as marks, and a validation's status in the run summary's words (`words`: suite ->
    passed / quarantined / flagged / failed). Return the number of pages rewritten."""
    words = words or {}
    pages = 0
    for page in docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<!-- lishui offline -->" in text:
            continue
        new = text
        for pattern in _EXTERNAL:
            new = pattern.sub("", new)
        new = re.sub(r"url\(['\"]?https?://[^)]*\)", "none", new)
        new = _static_tables(new, words)
        new = _LOCAL_LINK.sub(lambda m: m[0] if (page.parent / m[1].split("#")[0]).exists() else "", new)
        new = _ICON.sub(lambda m: "<span class='{0}'>{1}</span>".format(*_ICONS.get(m[1], ("muted", "\u00b7"))), new)
        where = page.relative_to(docs_dir).parts  # GX's layout: validations/<suite>/<run>/<time>/<batch>.html
        suite = where[1] if where[0] == "validations" and len(where) > 2 else None
        if suite in words:
            note = (f"<p class='lishui-words'>In the run summary's words: <b class='{_word_class(words[suite])}'>"
                    f"{words[suite]}</b>. Great Expectations counts an expectation of severity warning that found "
                    f"rows as not successful: those rows were flagged or quarantined; only a failed expectation "
                    f"stops a run.</p>")
            new = re.sub(r"(<body[^>]*>)", lambda m: m[1] + note, new, count=1)
        new = new.replace("</head>", f"<!-- lishui offline --><style>{_style()}</style></head>", 1)
        page.write_text(new, encoding="utf-8")
        pages += 1
    return pages


@functools.cache
def _style() -> str:
    """The report's stylesheet (templates/report/report.css): inlined into the Data Docs, written
    beside the report's own pages as report.css, which they link."""
    return (Path(__file__).parent / "templates" / "report" / "report.css").read_text(encoding="utf-8")


def suite_words(outcomes) -> dict[str, str]:
    """Each suite's status in the run summary's words: its worst expectation result."""
    rank = {word: i for i, word in enumerate(RESULTS)}
    words: dict[str, str] = {}
    for o in outcomes:
        if o.suite not in words or rank.get(o.result, 0) > rank.get(words[o.suite], 0):
            words[o.suite] = o.result
    return words


# ---- the quality page --------------------------------------------------------------------------

def highlight(sentence: str, start: int, end: int) -> Markup:
    """The sentence as HTML with [start, end) marked."""
    start, end = max(0, start), max(start, min(len(sentence), end))
    return Markup(html.escape(sentence[:start]) + "<mark>" + html.escape(sentence[start:end]) + "</mark>"
                  + html.escape(sentence[end:]))


def flagged_figures(con, run_id: str, limit: int | None = None) -> list[tuple]:
    """(doc, text, code, reason, sentence, offset in sentence, figure end in sentence, figure_id) of a
    run's flags, the first `limit` of them (default all)."""
    return con.execute(f"""
        select f.doc, t.text, f.code, f.reason, t.sentence, t.char_start - t.sentence_start,
               t.char_end - t.sentence_start, f.figure_id
        from quality.flags f
        left join staging.transform t using (figure_id)
        where f.run_id = ?
        order by f.doc, t.char_start, f.code
        {'' if limit is None else f'limit {int(limit)}'}
    """, [run_id]).fetchall()


def label_sample(expectation: str, sample) -> str:
    """A sample value named by the columns its expectation reads: the pair check
    `a_to_be_greater_than_b(magnitude_limit,value)` gives [2e11, 4.7e11] as
    "magnitude_limit 200,000,000,000 · value 471,780,000,000"."""
    inside = re.search(r"\(([^;)]*)", expectation)
    columns = [c.strip() for c in inside[1].split(",")] if inside and inside[1] else []
    values = sample if isinstance(sample, list) else [sample]
    if len(columns) == len(values):
        return " · ".join(f"{c} {_plain(v)}" for c, v in zip(columns, values))
    return _plain(sample)


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def _stages(results: list[tuple]) -> list[dict]:
    """The gate results grouped by stage, in the run's order: counts per word, the expectations."""
    grouped: dict[str, dict] = {}
    for stage, suite, expectation, severity, word, n, bad, sample in results:
        group = grouped.setdefault(stage, {"stage": stage, "counts": dict.fromkeys(RESULTS, 0),
                                           "attention": [], "passed": []})
        group["counts"][word] = group["counts"].get(word, 0) + 1
        row = {"suite": suite, "expectation": expectation, "severity": severity, "result": word,
               "unexpected": bad or 0, "of": n,
               "samples": [label_sample(expectation, s) for s in json.loads(sample or "[]")[:5]]}
        group["passed" if word == "passed" else "attention"].append(row)
    order = {s: i for i, s in enumerate(STAGES)}
    return sorted(grouped.values(), key=lambda g: order.get(g["stage"], len(order)))


def _history(con) -> dict:
    rows = con.execute(f"""
        select r.run_id, r.started_at, r.status, coalesce(r.figures_published, 0),
               coalesce(r.rows_quarantined, 0), (select count(*) from quality.flags f where f.run_id = r.run_id)
        from quality.runs r where r.status <> 'running'
        order by r.started_at desc limit {HISTORY_RUNS}
    """).fetchall()[::-1]
    names = ("published figures", "quarantined rows", "flagged figures")
    lines = [Line(name) for name in names]
    for i, (run_id, started, status, *counts) in enumerate(rows):
        for line, count in zip(lines, counts):
            line.points.append(Point(i, count, f"{started:%Y-%m-%d %H:%M} {status}: {count:,} {line.name}"))
    dates = [f"{r[1]:%m-%d %H:%M}" for r in rows]
    chart = line_chart(lines, "count", x_label=lambda x: dates[int(x)] if 0 <= int(x) < len(dates) else "")
    return {"chart": chart, "runs": [{"run_id": r[0], "started": r[1], "status": r[2], "published": r[3],
                                      "quarantined": r[4], "flagged": r[5]} for r in rows]}


def _quality_page(con, run_id: str) -> str:
    run = con.execute("select status, message, started_at from quality.runs where run_id = ?", [run_id]).fetchall()
    results = con.execute(
        "select stage, suite, expectation, severity, result, element_count, unexpected_count, sample_values "
        "from quality.validation_results where run_id = ? order by stage, success, expectation", [run_id]).fetchall()
    flags = [{"doc": doc, "text": text or figure_id, "code": code, "reason": reason,
              "sentence": highlight(sentence, start, end) if sentence is not None else "",
              "href": _source_href(figure_id) if doc else None}
             for doc, text, code, reason, sentence, start, end, figure_id
             in flagged_figures(con, run_id, limit=LISTED)]
    quarantine = con.execute(
        "select stage, reason, record_kind, record_key, doc from quality.quarantine where run_id = ? "
        f"order by stage, record_key limit {LISTED}", [run_id]).fetchall()
    totals = {"flags": wh.scalar(con, "select count(*) from quality.flags where run_id = ?", [run_id]),
              "quarantine": wh.scalar(con, "select count(*) from quality.quarantine where run_id = ?", [run_id])}
    status, message, started = run[0] if run else ("unknown", None, None)
    return _TEMPLATES.get_template("quality.html.j2").render(
        run_id=run_id, status=status, message=message, started=started, stages=_stages(results),
        flags=flags, quarantine=quarantine, totals=totals, history=_history(con), words=RESULTS)


# ---- the indicators page -----------------------------------------------------------------------

def page_name(doc: str) -> str:
    """The file name of a document's page: readable, unique, safe on every file system."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", doc)[:80]
    return f"{readable}-{hashlib.sha1(doc.encode('utf-8')).hexdigest()[:8]}.html"


def anchor(figure_id: str) -> str:
    """The id of a figure's mark on its document's page: f-<char_start>-<char_end>."""
    return "f-" + figure_id.rsplit("#", 1)[-1]


def _source_href(figure_id: str) -> str:
    """Where a figure is marked in its article's page, from the report's folder."""
    doc = figure_id.rsplit("#", 1)[0]
    return f"{DOCUMENTS_DIR}/{page_name(doc)}#{anchor(figure_id)}"


def _indicator_series(indicators: list[tuple], targets: list[tuple]) -> list[dict]:
    """Per (region, metric): a value chart and a growth chart, one line per period (the whole year,
    H1, Q1 ...), targets as hollow points at their horizon year."""
    series: dict[tuple, dict] = {}
    for (metric_id, metric, region, year, period, value, unit, growth, conflict, flags, figure_ids,
         documents) in indicators:
        s = series.setdefault((region, metric_id), {"region": region, "metric_id": metric_id, "metric": metric,
                                                    "unit": unit, "values": defaultdict(list),
                                                    "growth": defaultdict(list), "rows": []})
        if s["unit"] is None:
            s["unit"] = unit
        line = period or "year"
        href = _source_href(figure_ids[0]) if figure_ids else None
        marked = bool(conflict) or bool(flags)
        note = (" · conflicting sources" if conflict else "") + (f" · flagged {', '.join(flags)}" if flags else "")
        when = f"{year} {period or ''}".strip()
        if value is not None and unit == s["unit"]:
            s["values"][line].append(Point(year, value, f"{when}: {short(value, unit)}{note}", href, marked))
        if growth is not None:
            s["growth"][line].append(Point(year, growth, f"{when}: {growth:+g} % year on year{note}", href, marked))
        s["rows"].append({"when": when, "value": short(value, unit) if value is not None else "-",
                          "growth": f"{growth:+g} %" if growth is not None else "-", "sources": len(documents),
                          "href": href, "note": note.strip(" ·")})
    for metric_id, region, horizon, period, value, unit, role, figure_id in targets:
        s = series.get((region, metric_id))
        if s is None or value is None:
            continue
        line = f"target {period or 'year'}"
        label = f"target for {horizon}: {short(value, unit)}"
        if role == "growth" and unit == "percent":
            s["growth"][line].append(Point(horizon, value, label, _source_href(figure_id), target=True))
        elif unit == s["unit"] and role == "level":
            s["values"][line].append(Point(horizon, value, label, _source_href(figure_id), target=True))
    out = []
    for (region, metric_id), s in sorted(series.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or "")):
        out.append({
            "region": region, "metric_id": metric_id, "metric": s["metric"], "unit": s["unit"], "rows": s["rows"],
            "value_chart": line_chart([Line(k, v) for k, v in s["values"].items()], s["unit"]),
            "growth_chart": line_chart([Line(k, v) for k, v in s["growth"].items()], "percent"),
        })
    return out


def _indicators_page(con) -> str:
    indicators = con.execute("""
        select metric_id, metric, region, year, period, value, unit, yoy_growth, conflict, flags, figure_ids,
               documents
        from curated.indicators order by region, metric_id, year, period
    """).fetchall()
    targets = con.execute("""
        select metric_id, region, horizon_year, period, value, unit, role, figure_id
        from curated.targets where metric_id is not null and horizon_year is not null
    """).fetchall()
    series = _indicator_series(indicators, targets)
    regions = sorted({s["region"] for s in series})
    return _TEMPLATES.get_template("indicators.html.j2").render(series=series, regions=regions)


# ---- the document pages ------------------------------------------------------------------------

_FIELDS = ("value", "unit", "approx", "role", "is_target", "year", "period", "region", "metric", "metric_id",
           "counted", "per", "subject", "scope", "quality_flags", "rules")
# a figure's fields as one JSON object, built by DuckDB (the page's script leaves out nulls)
_FIGURE_JSON = "json_object(" + ", ".join(f"'{f}', {f}" for f in _FIELDS) + ")"


def _marked_text(text: str, figures: list[tuple]) -> Markup:
    """The document's text with each figure a <mark id=f-start-end> (class by role, `target`,
    `flagged`), a PDF's page breaks as rules; figures overlapping one already marked are left plain."""
    parts, at = [], 0
    for start, end, role, is_target, flagged in figures:
        if start < at or end > len(text):
            continue
        classes = f"fig role-{role}" + (" target" if is_target else "") + (" flagged" if flagged else "")
        parts.append(html.escape(text[at:start]))
        parts.append(f"<mark id='f-{start}-{end}' class='{classes}' tabindex='0'>{html.escape(text[start:end])}</mark>")
        at = end
    parts.append(html.escape(text[at:]))
    return Markup("".join(parts).replace("\f", "<hr class='page-break'>"))  # a PDF's pages


def _figures_json(figures: list[tuple]) -> Markup:
    """The page's figures for its script: {"f-start-end": {field: value, ..., "rules": {...}}},
    safe inside <script type="application/json">."""
    body = ",".join(f'"f-{start}-{end}":{data}' for start, end, data in figures)
    return Markup("{" + body.replace("</", "<\\/") + "}")


def _document_pages(con, folder: Path, docs: list[str]) -> int:
    """Write the pages of `docs`; return how many."""
    template = _TEMPLATES.get_template("document.html.j2")
    written = 0
    for i in range(0, len(docs), DOCUMENT_CHUNK):
        chunk = docs[i:i + DOCUMENT_CHUNK]
        meta = con.execute("select doc, title, published_on, main_region, reporting_year, figure_count, text, url, "
                           "fetched_at from curated.documents where doc in (select unnest(?))", [chunk]).fetchall()
        rows = con.execute(f"""
            select doc, char_start, char_end, role, is_target, len(quality_flags) > 0,
                   {_FIGURE_JSON} as data
            from curated.figures where doc in (select unnest(?)) order by doc, char_start
        """, [chunk]).fetchall()
        figures: dict[str, list[tuple]] = defaultdict(list)
        for row in rows:
            figures[row[0]].append(row[1:])
        for doc, title, published_on, region, year, count, text, url, fetched_at in meta:
            figs = figures.get(doc, [])
            page = template.render(
                doc=doc, title=title, published_on=published_on, region=region, year=year, count=count,
                url=url, fetched_at=fetched_at,
                text=_marked_text(text or "", [f[:5] for f in figs]), roles=sorted({f[2] for f in figs}),
                flagged=sum(bool(f[4]) for f in figs), figures=_figures_json([(f[0], f[1], f[5]) for f in figs]))
            (folder / page_name(doc)).write_text(page, encoding="utf-8")
            written += 1
    return written


def _documents(con, folder: Path, run_id: str) -> int:
    """The document pages brought up to the curated tables: the batch's documents, those this run
    flagged, and any whose page is missing are written; pages of unpublished documents removed."""
    folder.mkdir(parents=True, exist_ok=True)
    published = dict(con.execute("select doc, figure_count from curated.documents").fetchall())
    expected = {page_name(doc): doc for doc in published}
    for page in folder.glob("*.html"):
        if page.name != "index.html" and page.name not in expected:
            page.unlink()
    existing = {p.name for p in folder.glob("*.html")}
    fresh = {doc for (doc,) in con.execute(
        "select doc from staging.ingest union select doc from quality.flags where run_id = ?", [run_id]).fetchall()}
    todo = sorted(doc for name, doc in expected.items() if doc in fresh or name not in existing)
    written = _document_pages(con, folder, todo)
    listing = con.execute("""
        select d.doc, d.title, d.main_region, d.reporting_year, d.figure_count,
               count(f.figure_id) filter (where len(f.quality_flags) > 0)
        from curated.documents d left join curated.figures f using (doc)
        group by all order by d.doc
    """).fetchall()
    (folder / "index.html").write_text(_TEMPLATES.get_template("documents.html.j2").render(
        documents=[{"doc": d, "title": t, "region": r, "year": y, "figures": n, "flagged": fl, "href": page_name(d)}
                   for d, t, r, y, n, fl in listing]), encoding="utf-8")
    return written


# ---- the report --------------------------------------------------------------------------------

def write(warehouse: Path, report_dir: Path, run_id: str, published: bool = True) -> Path:
    """Write the report of `run_id` under report_dir; return the quality page's path. A run that
    did not publish (`published=False`) rewrites only the quality page: the other pages show the
    curated tables, which it left as they were."""
    report_dir.mkdir(parents=True, exist_ok=True)
    with wh.connect(warehouse) as con:
        (report_dir / "report.css").write_text(_style(), encoding="utf-8")
        page = report_dir / "index.html"
        page.write_text(_quality_page(con, run_id), encoding="utf-8")
        if published:
            (report_dir / "indicators.html").write_text(_indicators_page(con), encoding="utf-8")
            _documents(con, report_dir / DOCUMENTS_DIR, run_id)
    return page
