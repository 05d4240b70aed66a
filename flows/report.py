"""The quality report of a run: one self-contained HTML page beside the Data Docs."""
from __future__ import annotations

import html
import json
from pathlib import Path

import warehouse as wh

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.ok{color:#17692b}.bad{color:#a40000;font-weight:bold}
mark{background:#ffe27a;padding:0 2px}.muted{color:#777}code{font-size:.92em}
"""


def write(warehouse: Path, report_dir: Path, run_id: str) -> Path:
    """Write report_dir/index.html for `run_id` from the quality tables; return its path."""
    report_dir.mkdir(parents=True, exist_ok=True)
    with wh.connect(warehouse, read_only=False) as con:
        run = con.execute("select * from quality.runs where run_id = ?", [run_id]).fetchdf()
        results = con.execute(
            "select stage, expectation, severity, success, element_count, unexpected_count, sample_values "
            "from quality.validation_results where run_id = ? order by stage, success, expectation",
            [run_id]).fetchall()
        quarantine = con.execute(
            "select stage, reason, record_kind, record_key, doc from quality.quarantine where run_id = ? "
            "order by stage, record_key", [run_id]).fetchall()
    parts = [f"<!doctype html><meta charset='utf-8'><title>Quality report {html.escape(run_id)}</title>",
             f"<style>{_STYLE}</style><h1>Quality report</h1>"]
    if not run.empty:
        r = run.iloc[0]
        status_class = "ok" if r["status"] == "published" else "bad"
        parts.append(f"<p>Run <code>{html.escape(run_id)}</code>: <span class='{status_class}'>"
                     f"{html.escape(str(r['status']))}</span>. ")
        if r.get("message") and str(r["message"]) != "None":
            parts.append(f"<br>{html.escape(str(r['message']))}")
        parts.append("</p>")
    parts.append("<p><a href='data_docs/index.html'>Great Expectations Data Docs</a> "
                 "(validation results of every run and the suites)</p>")
    parts.append("<h2>Gate results</h2><table><tr><th>stage</th><th>expectation</th><th>severity</th>"
                 "<th>result</th><th>unexpected</th><th>sample values</th></tr>")
    for stage, expectation, severity, success, n, bad, sample in results:
        cls, word = ("ok", "passed") if success else ("bad", "FAILED")
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
    path = report_dir / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
