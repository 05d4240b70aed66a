"""The quality report of a run: one self-contained HTML page beside the Data Docs.

The page lists the run's gate results, the figures its consistency checks flagged (their reason
and their sentence, the figure highlighted) and the records it quarantined. Both it and the
Great Expectations Data Docs open with no network: the Data Docs' CDN scripts, stylesheets and
images are replaced by a small local stylesheet (their tables are plain HTML).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import warehouse as wh

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;color:#222;max-width:1200px;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.ok{color:#17692b}.bad{color:#a40000;font-weight:bold}.warn{color:#8a5a00;font-weight:bold}
mark{background:#ffe27a;padding:0 2px;font-weight:bold}.muted{color:#777}code{font-size:.92em}
"""

_EXTERNAL = [
    re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I),
    re.compile(r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*/?>", re.I),
    re.compile(r"<img[^>]*\bsrc=\"https?://[^\"]*\"[^>]*/?>", re.I),
]


def offline_data_docs(docs_dir: Path) -> int:
    """Make the Data Docs open without network; return the number of pages rewritten."""
    pages = 0
    for page in docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = text
        for pattern in _EXTERNAL:
            new = pattern.sub("", new)
        new = re.sub(r"url\(['\"]?https?://[^)]*\)", "none", new)
        if "<!-- lishui offline -->" not in new:
            new = new.replace("</head>", f"<!-- lishui offline --><style>{STYLE}</style></head>", 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
            pages += 1
    return pages


def highlight(sentence: str, start: int, end: int) -> str:
    """The sentence as HTML with [start, end) marked."""
    start, end = max(0, start), max(start, min(len(sentence), end))
    return (html.escape(sentence[:start]) + "<mark>" + html.escape(sentence[start:end]) + "</mark>"
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


def write(warehouse: Path, report_dir: Path, run_id: str) -> Path:
    """Write report_dir/index.html for `run_id` from the quality tables; return its path."""
    report_dir.mkdir(parents=True, exist_ok=True)
    with wh.connect(warehouse) as con:
        run = con.execute("select status, message, started_at from quality.runs where run_id = ?",
                          [run_id]).fetchall()
        results = con.execute(
            "select stage, expectation, severity, result, element_count, "
            "unexpected_count, sample_values "
            "from quality.validation_results where run_id = ? order by stage, success, expectation",
            [run_id]).fetchall()
        flags = flagged_figures(con, run_id)
        quarantine = con.execute(
            "select stage, reason, record_kind, record_key, doc from quality.quarantine where run_id = ? "
            "order by stage, record_key", [run_id]).fetchall()
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>Quality report {html.escape(run_id)}</title>",
             f"<style>{STYLE}</style></head><body><h1>Quality report</h1>"]
    if run:
        status, message, started = run[0]
        cls = "ok" if status == "published" else "bad"
        parts.append(f"<p>Run <code>{html.escape(run_id)}</code> started {started:%Y-%m-%d %H:%M} UTC: "
                     f"<span class='{cls}'>{html.escape(str(status))}</span>.")
        if message:
            parts.append(f"<br>{html.escape(str(message))}")
        parts.append("</p>")
    parts.append("<p><a href='data_docs/index.html'>Great Expectations Data Docs</a>: the suites and the "
                 "validation results of every run.</p>")

    parts.append(f"<h2>Flagged figures ({len(flags)})</h2>")
    if flags:
        parts.append("<p class='muted'>Figures that stay published but contradict a consistency check.</p>"
                     "<table><tr><th>document</th><th>figure</th><th>flag</th><th>reason</th><th>sentence</th></tr>")
        for doc, text, code, reason, sentence, start, end, figure_id in flags:
            shown = highlight(sentence, start, end) if sentence is not None else html.escape(figure_id)
            parts.append(f"<tr><td>{html.escape(doc or '')}</td><td>{html.escape(text or '')}</td>"
                         f"<td class='warn'>{html.escape(code)}</td><td>{html.escape(reason)}</td><td>{shown}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p class='muted'>None.</p>")

    parts.append("<h2>Gate results</h2><table><tr><th>stage</th><th>expectation</th><th>severity</th>"
                 "<th>result</th><th>unexpected</th><th>sample values</th></tr>")
    for stage, expectation, severity, word, n, bad, sample in results:
        cls = {"passed": "ok", "failed": "bad"}.get(word, "warn")
        sample_text = ", ".join(map(str, json.loads(sample or "[]")[:5]))
        parts.append(f"<tr><td>{stage}</td><td><code>{html.escape(expectation)}</code></td><td>{severity}</td>"
                     f"<td class='{cls}'>{word}</td><td>{bad or 0} of {n if n is not None else '-'}</td>"
                     f"<td>{html.escape(sample_text)}</td></tr>")
    parts.append("</table>")

    parts.append(f"<h2>Quarantined records ({len(quarantine)})</h2>")
    if quarantine:
        parts.append("<table><tr><th>stage</th><th>record</th><th>document</th><th>reason</th></tr>")
        for stage, reason, kind, key, doc in quarantine:
            parts.append(f"<tr><td>{stage}</td><td>{kind} <code>{html.escape(key)}</code></td>"
                         f"<td>{html.escape(doc or '')}</td><td>{html.escape(reason)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p class='muted'>None.</p>")
    parts.append("</body></html>")
    path = report_dir / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
