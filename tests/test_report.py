"""The report (data/report/): written by real `lishui run`s, opened from disk in a real browser
(Debian's Chromium, driven by Playwright) with the network off, checked after its scripts ran."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

import warehouse as wh
from flows import RESULTS
from flows.charts import Line, Point, line_chart, nice_ticks, short
from flows.report import label_sample, page_name
from tests.conftest import query, run_stages

LISHUI = Path(sys.executable).parent / "lishui"

# two runs: a bulletin and a year story first (a flagged figure, a target, a half-year growth), then
# a second article whose GDP contradicts the first's (CONFLICTING_SOURCES)
FIRST = {
    "bulletin-2023.txt": (
        "Lishui Statistical Bulletin on the 2023 National Economic and Social Development\n"
        "In 2023, Lishui's gross domestic product (GDP) reached 196.4 billion yuan, up 7.0 percent year-on-year.\n"
        "The city's retail sales of consumer goods came to 92.1 billion yuan, an increase of 6.2 percent.\n"),
    "economy-2024.txt": (
        "Lishui's economy in 2024\n"
        "In 2024, Lishui's GDP was 210.5 billion yuan, up 5.8 percent over the previous year. From January to June "
        "2024, the GDP of Lishui grew 6.1 percent year on year.\n"
        "By 2025, Lishui aims to raise its GDP to 230 billion yuan.\n"
        "In 2024, Lishui's added value of industry above designated size came to 452.6 billion yuan.\n"),
}
SECOND = {"review-2024.txt": (
    "A look back at 2024\nIn 2024, Lishui's gross domestic product reached 215.0 billion yuan.\n"
    "Lishui's industrial added value above designated size was 461.2 billion yuan in 2024.\n")}


@pytest.fixture(scope="module")
def report(tmp_path_factory, prefect_server) -> Path:
    """The report folder after two runs through the `lishui` command."""
    root = tmp_path_factory.mktemp("report")
    sources, warehouse = root / "sources", root / "data" / "warehouse.duckdb"
    sources.mkdir()
    env = {**os.environ, "PREFECT_HOME": str(root / "prefect-home")}
    for documents in (FIRST, SECOND):
        for name, text in documents.items():
            (sources / name).write_text(text, encoding="utf-8")
        result = subprocess.run([str(LISHUI), "run", "--sources", str(sources), "--warehouse", str(warehouse),
                                 "--workers", "1"], capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
    return warehouse.parent / "report"


class Opened:
    """A page opened from disk in its own offline browser context, with every request it made
    and every script error or console error it raised."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(offline=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.close()

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()


def _last_run(warehouse: Path) -> str:
    return query(warehouse, "select run_id from quality.runs order by started_at desc limit 1")[0][0]


def test_every_page_opens_offline_without_errors_requests_or_dead_links(report, browser):
    pages = sorted(report.rglob("*.html"))
    assert {"index.html", "indicators.html"} <= {p.name for p in pages}
    assert len(list((report / "documents").glob("*.html"))) == 4  # three articles and their index
    for path in pages:
        with Opened(browser, path) as opened:
            off_disk = [u for u in opened.requests if not u.startswith(("file://", "data:", "about:"))]
            assert off_disk == [], path
            assert opened.errors == [], path
            links = opened.page.eval_on_selector_all(
                "a[href], img[src], link[href]", "els => els.map(e => e.href || e.src)")
        for link in links:
            url = urlparse(link)
            if url.scheme == "file":
                assert Path(unquote(url.path)).exists(), f"{path.relative_to(report)} links to missing {url.path}"


# a suite's word in SQL: its worst expectation result, in the order of RESULTS
_WORST = f"{list(RESULTS)!r}[max(list_position({list(RESULTS)!r}, result))]"


def _listed_validations(browser, data_docs: Path) -> dict[str, str]:
    """The validations the Data Docs index lists (their page -> the status word it shows)."""
    with Opened(browser, data_docs / "index.html") as opened:
        rows = opened.page.eval_on_selector_all(
            "table tbody tr", "rows => rows.map(r => [r.querySelector('a.row-link') && "
                              "r.querySelector('a.row-link').getAttribute('href'), r.cells[0].innerText.trim()])")
    return {href: word for href, word in rows if href and href.startswith("validations/")}


def test_data_docs_index_lists_every_validation_in_the_run_summarys_words(report, browser):
    warehouse, data_docs = report.parent / "warehouse.duckdb", report / "data_docs"
    validations = sorted(p.relative_to(data_docs).as_posix() for p in (data_docs / "validations").rglob("*.html"))
    assert len(validations) == 7  # three contracts and four stage suites, of the last run
    with Opened(browser, data_docs / "index.html") as opened:
        rows = opened.page.eval_on_selector_all(
            "table tbody tr", "rows => rows.map(r => [r.querySelector('a.row-link') && "
                              "r.querySelector('a.row-link').getAttribute('href'), r.cells[0].innerText.trim(), "
                              "(r.cells[0].querySelector('span') || {}).title])")
    listed = {href: (word, gx) for href, word, gx in rows if href and href.startswith("validations/")}
    assert sorted(listed) == validations
    worst = dict(query(warehouse, f"select suite, {_WORST} from quality.validation_results where run_id = ? "
                                  "group by suite", [_last_run(warehouse)]))
    assert {h.split("/")[1]: word for h, (word, _) in listed.items()} == worst
    # the transform suite flagged rows: GX calls it "Failed", the index says so in the run summary's word
    assert [v for h, v in listed.items() if h.startswith("validations/transform/")] == [
        ("flagged", "Great Expectations: Failed")]
    # its page: each expectation's status a visible mark (GX's icon font is not loaded), our word on top
    (page,) = [h for h in listed if h.startswith("validations/transform/")]
    with Opened(browser, data_docs / page) as opened:
        marks = opened.page.eval_on_selector_all("span.ok, span.bad", "s => s.map(e => e.innerText)")
        blank_icons = opened.count("i.fas")
        words = opened.page.locator(".lishui-words b").inner_text()
        successful = opened.page.locator("tr", has_text="Successful Expectations").locator("td").nth(1).inner_text()
    assert blank_icons == 0 and words == "flagged"
    assert marks.count("\u2713") == int(successful) and "\u2717" in marks  # a mark per expectation


def test_quality_page_counts_gates_per_stage_labels_samples_and_draws_the_run_history(report, browser):
    warehouse = report.parent / "warehouse.duckdb"
    expected = {stage: {w: 0 for w in RESULTS} for (stage,) in
                query(warehouse, "select distinct stage from quality.validation_results")}
    for stage, word, n in query(warehouse, "select stage, result, count(*) from quality.validation_results "
                                           "where run_id = ? group by all", [_last_run(warehouse)]):
        expected[stage][word] = n
    with Opened(browser, report / "index.html") as opened:
        page = opened.page
        header = page.eval_on_selector_all("#gates tr th", "ths => ths.map(t => t.innerText.trim())")
        assert header == ["stage", *RESULTS]
        rows = page.eval_on_selector_all("#gates tr[data-stage]", "rows => rows.map(r => [...r.cells].map(c => "
                                                                  "c.innerText.trim()))")
        assert [r[0] for r in rows] == ["ingest", "extract", "transform", "documents"]
        assert {r[0]: dict(zip(RESULTS, map(int, r[1:]))) for r in rows} == expected
        samples = page.eval_on_selector_all(".sample", "s => s.map(e => e.innerText)")
        assert "magnitude_limit 200,000,000,000 · value 461,200,000,000" in samples  # which number is the limit
        # the history: published, quarantined and flagged over the two runs
        lines = page.eval_on_selector_all("#history svg g.series-line", "gs => gs.map(g => [g.dataset.line, "
                                                                       "g.querySelectorAll('circle').length])")
        assert lines == [["published figures", 2], ["quarantined rows", 2], ["flagged figures", 2]]
        assert page.locator("#history svg polyline").count() == 3
        titles = page.eval_on_selector_all("#history circle title", "ts => ts.map(t => t.textContent)")
        published = [r[0] for r in query(warehouse, "select figures_published from quality.runs order by started_at")]
        assert [t.endswith(f"{n:,} published figures") for t, n in zip(titles, published)] == [True, True]
        flagged = page.locator("#flagged tr").count() - 1
        assert flagged == query(warehouse, "select count(*) from quality.flags where run_id = ?",
                                [_last_run(warehouse)])[0][0] > 0


def test_indicators_page_draws_each_series_with_targets_and_conflicts_marked(report, browser):
    with Opened(browser, report / "indicators.html") as opened:
        page = opened.page
        gdp = page.locator("section[data-region='Lishui'][data-metric='gdp']")
        value, growth = gdp.locator("svg.chart").nth(0), gdp.locator("svg.chart").nth(1)
        points = value.locator("circle").evaluate_all(
            "cs => cs.map(c => [c.closest('g').dataset.line, c.querySelector('title').textContent, "
            "c.classList.contains('target'), c.classList.contains('marked')])")
        assert sorted(points) == [
            ["target year", "target year, target for 2025: 230 bn CNY", True, False],
            ["year", "year, 2023: 196.4 bn CNY", False, False],
            ["year", "year, 2024: 210.5 bn CNY · conflicting sources · flagged CONFLICTING_SOURCES", False, True],
        ]
        lines = growth.locator("g.series-line").evaluate_all(
            "gs => gs.map(g => [g.dataset.line, g.querySelectorAll('circle').length])")
        assert sorted(lines) == [["H1", 1], ["year", 2]]
        assert page.locator("section[data-region='Lishui'][data-metric='retail_sales'] svg.chart").count() == 2
        # a point opens its figure in its article, selected
        value.locator("a", has=page.locator("circle.target")).click()
        page.wait_for_load_state("load")
        assert page.url.endswith(".html#f-" + page.url.rsplit("#f-", 1)[1])
        assert page.locator("mark.selected").inner_text() == "230 billion yuan"
        assert page.locator("#figure-panel h3").inner_text() == "230 billion yuan"


def test_document_page_marks_every_figure_by_role_and_shows_its_fields_and_rules(report, browser):
    warehouse = report.parent / "warehouse.duckdb"
    figures = query(warehouse, "select text, role, is_target, len(quality_flags) > 0, rules['year'], year "
                               "from curated.figures where doc = 'economy-2024.txt' order by char_start")
    with Opened(browser, report / "documents" / page_name("economy-2024.txt")) as opened:
        page = opened.page
        marks = page.locator("#text mark.fig").evaluate_all(
            "ms => ms.map(m => [m.textContent, [...m.classList].find(c => c.startsWith('role-')).slice(5), "
            "m.classList.contains('target'), m.classList.contains('flagged')])")
        assert marks == [[text, role, target, flagged] for text, role, target, flagged, _, _ in figures]
        assert any(flagged for *_, flagged in marks)
        text, *_, rule, year = figures[0]
        assert page.locator("#figure-panel").inner_text() == "No figure selected."
        page.locator("#text mark.fig").first.click()
        assert page.locator("#figure-panel h3").inner_text() == text
        row = page.locator("#figure-panel tr[data-field='year'] td").all_inner_texts()
        assert row == ["year", str(year), rule] and rule


def test_document_pages_follow_the_published_documents(tmp_path):
    from flows import report, runs
    from flows.validate import report_folder

    warehouse = wh.Warehouse(tmp_path / "wh" / "w.duckdb").bootstrap().path
    folder = report_folder(warehouse) / "documents"
    runs.begin(warehouse, "run-1", tmp_path / "src")
    run_stages(tmp_path / "src", warehouse, FIRST)
    report.write(warehouse, report_folder(warehouse), "run-1")
    assert sorted(p.name for p in folder.glob("*.html")) == sorted(["index.html", *map(page_name, FIRST)])
    (tmp_path / "src" / "bulletin-2023.txt").unlink()
    runs.begin(warehouse, "run-2", tmp_path / "src")
    run_stages(tmp_path / "src", warehouse, {}, run_id="run-2")
    report.write(warehouse, report_folder(warehouse), "run-2")
    assert sorted(p.name for p in folder.glob("*.html")) == sorted(["index.html", page_name("economy-2024.txt")])
    assert "bulletin-2023.txt" not in (folder / "index.html").read_text()


def test_a_run_that_did_not_publish_rewrites_only_the_quality_page(tmp_path):
    from flows import report, runs
    from flows.validate import report_folder

    warehouse = wh.Warehouse(tmp_path / "wh" / "w.duckdb").bootstrap().path
    runs.begin(warehouse, "run-1", tmp_path / "src")
    run_stages(tmp_path / "src", warehouse, FIRST, publish=False)
    report.write(warehouse, report_folder(warehouse), "run-1", published=False)
    assert sorted(p.name for p in report_folder(warehouse).iterdir() if p.suffix == ".html") == ["index.html"]


def test_the_quality_page_lists_at_most_its_limit_and_says_how_many_there_are(tmp_path, monkeypatch):
    from flows import report, runs
    from flows.validate import report_folder

    warehouse = wh.Warehouse(tmp_path / "wh" / "w.duckdb").bootstrap().path
    runs.begin(warehouse, "run-1", tmp_path / "src")
    run_stages(tmp_path / "src", warehouse, {**FIRST, **SECOND})
    (flags,) = query(warehouse, "select count(*) from quality.flags where run_id = 'run-1'")[0]
    assert flags >= 2
    monkeypatch.setattr(report, "LISTED", 1)
    page = report.write(warehouse, report_folder(warehouse), "run-1").read_text(encoding="utf-8")
    assert f"<h2>Flagged figures ({flags})</h2>" in page
    assert "The first 1 by document are listed" in page
    table = page[page.index('<table id="flagged">'):]
    assert table[:table.index("</table>")].count("<tr>") == 2  # its header and one figure


# ---- the pieces, without a browser -------------------------------------------------------------

@pytest.mark.parametrize(("expectation", "sample", "expected"), [
    ("expect_column_pair_values_a_to_be_greater_than_b(magnitude_limit,value)", [2e11, 4.5e11],
     "magnitude_limit 200,000,000,000 · value 450,000,000,000"),
    ("expect_column_values_to_be_between(year; 1949..2100)", 1812, "year 1812"),
    ("expect_column_values_to_be_in_set(unit; in vocabulary)", "furlong", "unit furlong"),
    ("expect_column_values_to_be_between(quarantined_share; 0..0.5)", "a.txt: 3 of 3 figures",
     "quarantined_share a.txt: 3 of 3 figures"),
    ("expect_table_row_count_to_be_between(1..)", [1, 2, 3], "[1, 2, 3]"),
])
def test_a_sample_value_is_labelled_with_the_columns_its_expectation_reads(expectation, sample, expected):
    assert label_sample(expectation, sample) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (196.4e9, "CNY", "196.4 bn CNY"), (7.0, "percent", "7 %"), (-0.5, "percentage_point", "-0.5 pp"),
    (1.23e12, "CNY", "1.23 trn CNY"), (12400, "count", "12,400"), (58, "count", "58"), (None, "CNY", "-"),
])
def test_short_writes_a_value_as_a_reader_does(value, unit, expected):
    assert short(value, unit) == expected


def test_nice_ticks_cover_the_range_with_round_steps():
    assert nice_ticks(0, 210.5e9) == [0, 100e9, 200e9, 300e9]
    assert nice_ticks(5.8, 7.0) == [5.5, 6.0, 6.5, 7.0]
    assert nice_ticks(3, 3) == [2.6, 2.8, 3.0, 3.2, 3.4]  # one value: a band around it
    assert nice_ticks(float("nan"), 1) == []


def test_line_chart_scales_points_inside_the_plot_and_keeps_their_links():
    chart = line_chart([Line("year", [Point(2023, 100, "a", "d.html#f-1-2"), Point(2024, 200, "b", marked=True)]),
                        Line("target", [Point(2025, 250, "t", target=True)]), Line("empty")], "CNY")
    assert [line["name"] for line in chart["lines"]] == ["year", "target"]
    (first, second), (target,) = chart["lines"][0]["points"], chart["lines"][1]["points"]
    assert chart["left"] <= first["cx"] < second["cx"] < target["cx"] <= chart["right"]
    assert chart["bottom"] >= first["cy"] > second["cy"] > target["cy"] >= chart["top"]  # up is more
    assert (first["href"], second["marked"], target["target"]) == ("d.html#f-1-2", True, True)
    assert chart["lines"][1]["path"] == ""  # a target is a point, never a line
    assert [t["label"] for t in chart["x_ticks"]] == ["2023", "2024", "2025"]
    assert chart["y_ticks"][0]["label"] == "0"  # levels from zero


def test_page_names_are_safe_and_distinct_for_similar_documents():
    names = {page_name(d) for d in ("a/b.txt", "a_b.txt", "a b.txt", "县/丽水.txt")}
    assert len(names) == 4
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names)
