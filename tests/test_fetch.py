"""The fetch stage: feeds and pages from a real HTTP server on 127.0.0.1, fetched through the
`lishui` command as a user runs it (politely, conditionally), and the sources file.

The server serves what news sites serve: an RSS feed, article pages with menus, related links,
an advert and a footer full of numbers, a PDF printed by Chromium, a GBK page, a 404, a slow
page, a redirect and a robots.txt that forbids a folder. The articles are our own sentences.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.fetch import USER_AGENT, Fetcher, FetchError, feed_links
from flows.sources import Folder, SourcesError, Web, load, resolve
from tests.conftest import CHROMIUM

LISHUI = Path(sys.executable).parent / "lishui"

# ---- the site -------------------------------------------------------------------------------------

HEADLINE = "Suichang's output climbs 7.4 percent in the first half"
DATE_LINE = "2025-07-18 10:30  Source: County Daily"
PARAGRAPHS = [
    "Suichang County's gross domestic product came to 12.8 billion yuan in the first half of 2025, "
    "an increase of 7.4 percent over a year earlier, the county statistics office reported.",
    "Value added of industry above designated size rose 9.1 percent, while retail sales of consumer "
    "goods reached 4.6 billion yuan, up 5.3 percent.",
    "Tourist visits to the county's forest parks numbered 6.2 million, 11.5 percent more than in the "
    "same months of last year.",
]
# what a news page carries around its article: none of it may reach the text or the figures
CHROME = ["Hotline 0578-8123456", "Top 10 stories of 2025", "Exports jump 23.7 percent in May",
          "3,000 firms join the e-commerce fair", "Win 8,888 yuan in our lucky draw", "visitors today: 45,210",
          "Copyright 2005-2025 County Daily"]


def news_page(headline: str, paragraphs: list[str], date_line: str = DATE_LINE, meta: str = "") -> str:
    """An article page built as county news portals build them."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{meta}
<title>{headline} - County Daily</title></head><body>
<div class="top"><span>{CHROME[0]}</span> | <a href="/">Home</a> | <a href="/news/">News</a></div>
<nav><ul><li><a href="/top">{CHROME[1]}</a></li><li><a href="/econ">Economy</a></li><li><a href="/gov">Government</a></li></ul></nav>
<div class="main"><div class="article">
<h1>{headline}</h1><div class="info">{date_line}</div>
<div class="content">{body}</div></div>
<div class="side"><h3>Related</h3><ul><li><a href="/news/a1.html">{CHROME[2]}</a></li>
<li><a href="/news/a2.html">{CHROME[3]}</a></li></ul></div>
<div class="ad"><a href="/ad">{CHROME[4]}</a></div></div>
<footer><p>{CHROME[5]}</p><p>{CHROME[6]}</p></footer></body></html>"""


# a statistics page: a sentence, then its indicators as an HTML table
INDICATORS = ["Jinyun County's economy started the year steadily, the county statistics bureau said on Monday, "
              "publishing its main indicators for the first quarter.",
              "</p><table><tr><th>Indicator</th><th>Unit</th><th>Jan-Mar</th><th>YoY growth (%)</th></tr>"
              "<tr><td>GDP</td><td>100 million yuan</td><td>96.4</td><td>6.9</td></tr>"
              "<tr><td>Retail sales of consumer goods</td><td>100 million yuan</td><td>41.7</td><td>5.2</td></tr>"
              "<tr><td>Exports</td><td>100 million yuan</td><td>63.5</td><td>-3.1</td></tr></table><p>"
              "Growth rates are calculated at comparable prices."]
RETAIL = ["Longquan's retail sales grew 6.1 percent in the first five months of 2025, to 5.7 billion yuan, "
          "the city's commerce bureau said."]
GBK_TEXT = "2025年上半年，云和县地区生产总值为61.3亿元，同比增长6.8%。"
PDF_PARAGRAPHS = ["Qingtian County statistical note for 2024",
                  "In 2024 the county's general public budget revenue was 3.9 billion yuan, up 4.2 percent."]


class Site:
    """The routes, and every request the server saw (path, headers, when)."""

    def __init__(self, pdf: bytes):
        self.requests: list[tuple[str, dict, float]] = []
        self.lock = threading.Lock()
        self.pdf = pdf

    def route(self, path: str):
        """(status, headers, body) of `path`; None: not found."""
        feed_items = "".join(
            f"<item><title>{t}</title><link>{self.base}{p}</link></item>"
            for t, p in [("Output", "/news/suichang.html"), ("Retail", "/news/moved.html"), ("GBK", "/news/yunhe.html"),
                         ("Gone", "/news/missing.html"), ("Slow", "/news/slow.html"),
                         ("Hidden", "/private/plan.html"), ("Note", "/docs/qingtian.pdf")])
        pages = {
            "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/news/rss.xml": ("application/rss+xml", f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>County Daily economy</title><link>{self.base}/news/</link>
{feed_items}</channel></rss>""".encode()),
            "/news/suichang.html": ("text/html; charset=utf-8", news_page(HEADLINE, PARAGRAPHS).encode()),
            "/news/retail.html": ("text/html", news_page("Longquan retail sales", RETAIL).encode()),
            "/news/yunhe.html": ("text/html; charset=gb2312",  # the charset only in the header
                                 f"<html><head><title>云和县经济</title></head><body><h1>云和县经济</h1>"
                                 f"<p>{GBK_TEXT}</p></body></html>".encode("gbk")),
            "/private/plan.html": ("text/html", news_page("Hidden", ["Not for robots: 99 percent."]).encode()),
            "/docs/qingtian.pdf": ("application/pdf", self.pdf),
            "/news/indicators.html": ("text/html; charset=utf-8", news_page(
                "Jinyun's main indicators in the first quarter of 2025", INDICATORS).encode()),
        }
        if path == "/news/moved.html":
            return 302, {"Location": "/news/retail.html"}, b""
        if path == "/news/slow.html":
            time.sleep(2.5)
            return 200, {"Content-Type": "text/html"}, news_page("Slow", ["Output rose 3 percent."]).encode()
        if path not in pages:
            return None
        media_type, body = pages[path]
        return 200, {"Content-Type": media_type}, body


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            with site.lock:
                site.requests.append((self.path, dict(self.headers), time.monotonic()))
            found = site.route(self.path)
            if found is None:
                self.send_error(404, "Not Found")
                return
            status, headers, body = found
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if status == 200:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(1752800000, usegmt=True))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the slow page's client gave up
                pass

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    html, pdf = folder / "note.html", folder / "note.pdf"
    html.write_text("<html><body>" + "".join(f"<p>{p}</p>" for p in PDF_PARAGRAPHS) + "</body></html>",
                    encoding="utf-8")
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=120)
    assert pdf.is_file(), "Chromium printed no PDF"
    s = Site(pdf.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    s.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def _lishui(*args, tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")}
    env.pop("PREFECT_API_URL", None)
    return subprocess.run([str(LISHUI), *args], capture_output=True, text=True, env=env, timeout=600)


# ---- a run on the site, and a second one ------------------------------------------------------------

@pytest.fixture(scope="module")
def runs(site, tmp_path_factory):
    """Two runs of `lishui run` on the feed (and the same article saved as plain text in a folder),
    the second finding nothing changed; what each printed and what the site saw."""
    tmp = tmp_path_factory.mktemp("fetch")
    (tmp / "copied").mkdir()
    (tmp / "copied" / "suichang.txt").write_text("\n".join([HEADLINE, DATE_LINE, *PARAGRAPHS]) + "\n", encoding="utf-8")
    (tmp / "sources.toml").write_text(f"""
[[folder]]
path = "copied"

[[feed]]
url = "{site.base}/news/rss.xml"
region = "Lishui"

[fetch]
interval_seconds = 0.2
timeout_seconds = 1.0
retries = 1
retry_delay_seconds = 0.1
""", encoding="utf-8")
    warehouse = tmp / "wh.duckdb"
    args = ("run", "--config", str(tmp / "sources.toml"), "--warehouse", str(warehouse), "--workers", "1")
    first = _lishui(*args, tmp_path=tmp)
    seen_first = len(site.requests)
    second = _lishui(*args, tmp_path=tmp)
    return {"first": first, "second": second, "warehouse": warehouse, "seen_first": seen_first, "site": site}


def _query(warehouse: Path, sql: str, params=()):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_a_feed_run_publishes_its_articles_with_their_provenance(runs, site):
    first = runs["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    assert "fetched:            4 pages downloaded, 0 unchanged (HTTP 304), 3 feeds and pages failed" in first.stdout
    docs = _query(runs["warehouse"], "select doc, url, fetched_at is not null, media_type, region_hint "
                                     "from curated.documents where url is not null order by doc")
    b = site.base
    assert docs == [
        (f"{b}/docs/qingtian.pdf", f"{b}/docs/qingtian.pdf", True, "application/pdf", "Lishui"),
        (f"{b}/news/moved.html", f"{b}/news/retail.html", True, "text/html", "Lishui"),  # asked for, came from
        (f"{b}/news/suichang.html", f"{b}/news/suichang.html", True, "text/html", "Lishui"),
        (f"{b}/news/yunhe.html", f"{b}/news/yunhe.html", True, "text/html", "Lishui"),
    ]
    sha = _query(runs["warehouse"], "select sha256 from curated.documents where doc = ?", [f"{b}/news/suichang.html"])
    assert sha == [(hashlib.sha256(site.route("/news/suichang.html")[2]).hexdigest(),)]


def test_the_article_reaches_the_text_and_the_page_around_it_does_not(runs, site):
    (text, title, published), = _query(runs["warehouse"], "select text, title, published_on from curated.documents "
                                                          "where doc = ?", [f"{site.base}/news/suichang.html"])
    assert text.split("\n")[0] == HEADLINE and title == HEADLINE  # the headline heads the text
    assert all(p in text for p in PARAGRAPHS)
    assert str(published) == "2025-07-18"
    leaked = [c for c in CHROME if c in text]
    assert leaked == []
    numbers = {t for (t,) in _query(runs["warehouse"], "select text from curated.figures where doc = ?",
                                    [f"{site.base}/news/suichang.html"])}
    assert not numbers & {"23.7 percent", "8,888 yuan", "45,210", "3,000 firms"}
    from flows.report import page_name  # the report's page of the article links the page it came from

    page = (runs["warehouse"].parent / "report" / "documents" / page_name(f"{site.base}/news/suichang.html"))
    assert f'<a href="{site.base}/news/suichang.html" rel="noreferrer">' in page.read_text(encoding="utf-8")


def test_the_figures_of_a_page_are_those_of_the_same_article_as_plain_text(runs, site):
    def figures(doc):
        return _query(runs["warehouse"], """
            select text, value, unit, role, year, period, region, metric_id, is_target from curated.figures
            where doc = ? order by char_start""", [doc])

    page, copied = figures(f"{site.base}/news/suichang.html"), figures("suichang.txt")
    assert len(copied) >= 6
    assert page == copied
    assert ("7.4 percent", 7.4, "percent", "growth", 2025, "H1", "Suichang", "gdp", False) in page


def test_a_gbk_page_and_a_pdf_are_read(runs, site):
    (text, encoding), = _query(runs["warehouse"], "select text, encoding from curated.documents where doc = ?",
                                [f"{site.base}/news/yunhe.html"])
    assert GBK_TEXT in text and encoding == "GB2312"  # decoded as the Content-Type's charset said
    pages = _query(runs["warehouse"], "select text, page from curated.figures where doc = ? order by char_start",
                   [f"{site.base}/docs/qingtian.pdf"])
    assert ("3.9 billion yuan", 1) in pages and ("4.2 percent", 1) in pages


def test_what_cannot_be_fetched_is_quarantined_with_the_reason_and_the_rest_publishes(runs, site):
    bad = dict(_query(runs["warehouse"], "select record_key, stage || ': ' || reason from quality.quarantine "
                                         "where record_kind = 'page' and run_id = (select min_by(run_id, started_at) "
                                         "from quality.runs)"))
    b = site.base
    assert bad[f"{b}/news/missing.html"] == "fetch: HTTP 404 Not Found"
    assert bad[f"{b}/news/slow.html"].startswith("fetch: timed out") and "(after 2 tries)" in bad[f"{b}/news/slow.html"]
    assert bad[f"{b}/private/plan.html"] == "fetch: robots.txt of " + b.removeprefix("http://") + \
        " does not allow fetching /private/plan.html"
    assert len(bad) == 3
    assert f"page {b}/news/missing.html: HTTP 404 Not Found" in runs["first"].stdout  # the summary names it


def test_the_site_is_asked_politely(runs, site):
    seen = site.requests[:runs["seen_first"]]
    assert {h.get("User-Agent") for _, h, _ in seen} == {USER_AGENT}
    assert [p for p, _, _ in seen].count("/robots.txt") == 1  # once per host and run
    assert not [p for p, _, _ in seen if p.startswith("/private/")]  # robots.txt said no
    assert [p for p, _, _ in seen].count("/news/slow.html") == 2  # a timeout is tried again, once (retries = 1)
    assert [p for p, _, _ in seen].count("/news/missing.html") == 1  # a 404 is not
    starts = sorted(t for _, _, t in seen)
    assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.15  # interval_seconds = 0.2, less the jitter


def test_a_second_run_gets_304s_and_extracts_nothing(runs, site):
    second = runs["second"]
    assert second.returncode == 0, second.stderr[-3000:]
    assert "nothing new" in second.stdout
    assert "fetched:            0 pages downloaded, 4 unchanged (HTTP 304), 3 feeds and pages failed" in second.stdout
    again = site.requests[runs["seen_first"]:]
    conditional = {p for p, h, _ in again if h.get("If-None-Match")}
    assert {"/news/rss.xml", "/news/suichang.html", "/news/retail.html", "/news/yunhe.html",
            "/docs/qingtian.pdf"} <= conditional
    statuses = _query(runs["warehouse"], """
        select status, count(*) from raw.fetch where run_id = (select max_by(run_id, started_at) from quality.runs)
        group by all order by all""")
    assert statuses == [(304, 5), (None, 3)]  # the feed and four pages unchanged; three failed again
    runs_ = _query(runs["warehouse"], "select status, batch_documents from quality.runs order by started_at")
    assert runs_ == [("published", 5), ("unchanged", 0)]  # four pages and the copied file


# ---- the fetcher on its own ---------------------------------------------------------------------

def test_requests_to_one_host_are_spaced_by_the_interval(site):
    fetcher = Fetcher(interval=0.4, timeout=5)
    before = len(site.requests)
    try:
        fetcher.get(f"{site.base}/news/suichang.html")
        fetcher.get(f"{site.base}/news/yunhe.html")
    finally:
        fetcher.close()
    times = [t for p, _, t in site.requests[before:] if p.startswith("/news/")]
    assert len(times) == 2 and times[1] - times[0] >= 0.38


def test_a_page_over_the_size_limit_is_refused(site):
    fetcher = Fetcher(interval=0, timeout=5, max_bytes=1000)
    try:
        with pytest.raises(FetchError, match=r"too large: 0.0 MB, over the limit of 0.0 MB"):
            fetcher.get(f"{site.base}/news/suichang.html")
    finally:
        fetcher.close()


def test_feed_links_are_read_from_rss_and_atom():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><title>a</title><link href="/n/1.html"/></entry><entry><title>b</title><link href="/n/1.html"/></entry>
    <entry><title>c</title><link href="https://other.example/n/2.html"/></entry></feed>"""
    assert feed_links(atom, "https://site.example/feed") == (
        ["https://site.example/n/1.html", "https://other.example/n/2.html"], None)
    links, problem = feed_links(b"<html><body>not a feed</body></html>", "https://site.example/")
    assert links == [] and problem.startswith("not a readable RSS or Atom feed")


# ---- the sources file ----------------------------------------------------------------------------

def test_a_sources_file_holds_folders_feeds_and_pages(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "s.toml").write_text("""
[[folder]]
path = "articles"
name = "county"
region = "Longquan"

[[feed]]
url = "https://news.example.cn/rss.xml"

[[page]]
url = "https://news.example.cn/a.html"
name = "bulletin"

[fetch]
interval_seconds = 2
""", encoding="utf-8")
    result = load(tmp_path / "s.toml")
    assert result.folders == (Folder(tmp_path / "articles", "county", "Longquan"),)
    assert result.feeds == (Web("https://news.example.cn/rss.xml"),)
    assert result.pages == (Web("https://news.example.cn/a.html", "bulletin"),)
    assert result.fetch == {"interval_seconds": 2}


@pytest.mark.parametrize("content, message", [
    ("[[folder]\npath = 1", "is not valid TOML"),
    ("[[feed]]\nname = 'x'", r"\[\[feed\]\] number 1 has no url"),
    ("[[page]]\nurl = 'ftp://x.example/a'", "is not an http or https URL"),
    ("[[feed]]\nurl = 'https://x.example/rss'\nlink = 'y'", "unknown key link"),
    ("[[folders]]\npath = 'a'", "unknown section folders"),
    ("[fetch]\nretries = 'two'", r"\[fetch\] retries = 'two' has the wrong type"),
    ("[fetch]\ntimeout_seconds = 0", "out of range"),
])
def test_a_wrong_sources_file_is_refused_naming_the_file_and_the_entry(tmp_path, content, message):
    (tmp_path / "s.toml").write_text(content, encoding="utf-8")
    with pytest.raises(SourcesError, match=message) as e:
        load(tmp_path / "s.toml")
    assert str(tmp_path / "s.toml") in str(e.value)


def test_an_unknown_region_hint_stops_the_run_before_it_starts(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Output rose 4 percent.", encoding="utf-8")
    (tmp_path / "s.toml").write_text("[[folder]]\npath = 'a'\nregion = 'Atlantis'\n", encoding="utf-8")
    done = _lishui("run", "--config", str(tmp_path / "s.toml"), "--warehouse", str(tmp_path / "w.duckdb"),
                   tmp_path=tmp_path)
    assert done.returncode == 2
    assert "region Atlantis is not a region of warehouse/seeds/dim_region.csv" in done.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_explicit_sources_win_and_the_default_is_the_sources_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve().folders == (Folder(Path("data/sources")),)  # no sources.toml here
    (tmp_path / "sources.toml").write_text("[[page]]\nurl = 'https://a.example/p.html'\n", encoding="utf-8")
    assert resolve().pages == (Web("https://a.example/p.html"),)
    only = resolve(feeds=["https://b.example/rss"])
    assert (only.folders, only.feeds, only.pages) == ((), (Web("https://b.example/rss"),), ())
    with pytest.raises(SourcesError, match="'file:///etc/passwd' is not an http or https URL"):
        resolve(pages=["file:///etc/passwd"])


# ---- region hints, and what a run that reads no folder leaves alone ----------------------------

UNPLACED = "The city's retail sales rose 5.2 percent to 3.1 billion yuan in 2024, the commerce office said.\n"
PLACED = "Jinyun County's industrial output grew 8.3 percent in 2024 as new plants opened.\n"


def test_a_region_hint_places_the_figures_of_a_text_that_names_no_place(tmp_path, site, prefect_server):
    from flows.lishui import lishui
    from tests.conftest import query

    (tmp_path / "county").mkdir()
    (tmp_path / "county" / "retail.txt").write_text(UNPLACED, encoding="utf-8")
    (tmp_path / "county" / "output.txt").write_text(PLACED, encoding="utf-8")
    config, warehouse = tmp_path / "sources.toml", tmp_path / "w.duckdb"

    def run(region: str):
        config.write_text(f"[[folder]]\npath = 'county'\nname = 'portal'\nregion = '{region}'\n", encoding="utf-8")
        return lishui(config=config, warehouse=warehouse, workers=1)

    def regions():
        return query(warehouse, "select doc, text, region, json_extract_string(rules, '$.region') from curated.figures "
                                "order by doc, char_start")

    run("Longquan")
    assert regions() == [("portal/output.txt", "8.3 percent", "Jinyun", "place_in_clause"),  # the text says
                         ("portal/retail.txt", "5.2 percent", "Longquan", "region_hint"),  # the hint says
                         ("portal/retail.txt", "3.1 billion yuan", "Longquan", "region_hint")]
    assert query(warehouse, "select doc, main_region, region_hint from curated.documents order by doc") == [
        ("portal/output.txt", "Jinyun", "Longquan"), ("portal/retail.txt", "Longquan", "Longquan")]
    again = run("Suichang")  # the same files, another hint: both are processed again
    assert again.batch == 2
    assert [r[2] for r in regions()] == ["Jinyun", "Suichang", "Suichang"]

    pages_only = lishui(pages=[f"{site.base}/news/yunhe.html"], warehouse=warehouse, workers=1)
    assert pages_only.documents_retired == []  # a run that reads no folder retires no file
    assert query(warehouse, "select doc from curated.documents order by doc") == [
        (f"{site.base}/news/yunhe.html",), ("portal/output.txt",), ("portal/retail.txt",)]


def test_a_pages_table_of_indicators_is_read_cell_by_cell(tmp_path, site, prefect_server):
    from flows.lishui import lishui
    from tests.conftest import query

    warehouse = tmp_path / "w.duckdb"
    lishui(pages=[f"{site.base}/news/indicators.html"], warehouse=warehouse, workers=1)
    result = query(warehouse, "select text, value, unit, role, year, period, region, metric_id from curated.figures "
                              "order by char_start")
    assert result == [
        ("96.4", 96.4e8, "CNY", "level", 2025, "Q1", "Jinyun", "gdp"),
        ("6.9", 6.9, "percent", "growth", 2025, "Q1", "Jinyun", "gdp"),
        ("41.7", 41.7e8, "CNY", "level", 2025, "Q1", "Jinyun", "retail_sales"),
        ("5.2", 5.2, "percent", "growth", 2025, "Q1", "Jinyun", "retail_sales"),
        ("63.5", 63.5e8, "CNY", "level", 2025, "Q1", "Jinyun", "exports"),
        ("-3.1", -3.1, "percent", "growth", 2025, "Q1", "Jinyun", "exports"),
    ]
